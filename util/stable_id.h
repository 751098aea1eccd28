// Stable article identifiers, derived when the input carries no `id`.
//
// The ids depend only on the bytes given (XXH3-128, seed 0, canonical
// big-endian digest in lower-case hex), so they are identical across runs,
// machines and versions of newsflow. docs/INPUT.md states the exact rule.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace newsflow {

// 32 lower-case hex digits of the canonical XXH3-128 digest (seed 0) of `bytes`.
std::string Xxh3Hex128(std::string_view bytes);

// The url as used for the id: ASCII whitespace trimmed at both ends, the
// fragment ('#' and everything after it) removed, the scheme and the host
// lower-cased. Userinfo, port, path and query are kept byte for byte. A url
// without "scheme:" only gets trimmed and its fragment removed (and, if it
// starts with "//", its host lower-cased).
std::string NormalizeUrlForId(std::string_view url);

// "url-" + Xxh3Hex128(NormalizeUrlForId(url)).
std::string IdFromUrl(std::string_view url);

// "content-" + Xxh3Hex128(title + '\0' + body + '\0' + html).
std::string IdFromContent(std::string_view title, std::string_view body, std::string_view html);

}  // namespace newsflow
