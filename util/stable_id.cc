#include "util/stable_id.h"

#define XXH_STATIC_LINKING_ONLY  // for a stack-allocated XXH3_state_t
#include <xxhash.h>

namespace newsflow {
namespace {

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSchemeChar(char c) {
  return IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}
char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

void LowerInPlace(std::string& s, size_t begin, size_t end) {
  for (size_t i = begin; i < end; ++i) s[i] = AsciiLower(s[i]);
}

std::string HexOf(XXH128_hash_t hash) {
  XXH128_canonical_t canonical;
  XXH128_canonicalFromHash(&canonical, hash);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * sizeof(canonical.digest));
  for (unsigned char byte : canonical.digest) {
    hex.push_back(kHex[byte >> 4]);
    hex.push_back(kHex[byte & 0xF]);
  }
  return hex;
}

// Lower-cases the host of the authority that starts at `begin` (just after "//").
void LowerHost(std::string& url, size_t begin) {
  size_t end = url.find_first_of("/?", begin);
  if (end == std::string::npos) end = url.size();
  // Userinfo ("user:Password@") keeps its case; the host follows the last '@'.
  const size_t at = url.rfind('@', end == 0 ? 0 : end - 1);
  const size_t host_begin = (at != std::string::npos && at >= begin) ? at + 1 : begin;
  LowerInPlace(url, host_begin, end);
}

}  // namespace

std::string Xxh3Hex128(std::string_view bytes) {
  return HexOf(XXH3_128bits(bytes.data(), bytes.size()));
}

std::string NormalizeUrlForId(std::string_view url) {
  while (!url.empty() && IsAsciiSpace(url.front())) url.remove_prefix(1);
  while (!url.empty() && IsAsciiSpace(url.back())) url.remove_suffix(1);
  const size_t hash = url.find('#');
  if (hash != std::string_view::npos) url = url.substr(0, hash);

  std::string normalized(url);
  size_t scheme_end = 0;  // index of ':' after a valid scheme, or 0
  if (!normalized.empty() && IsAsciiLetter(normalized[0])) {
    size_t i = 1;
    while (i < normalized.size() && IsSchemeChar(normalized[i])) ++i;
    if (i < normalized.size() && normalized[i] == ':') scheme_end = i;
  }
  size_t rest = 0;
  if (scheme_end > 0) {
    LowerInPlace(normalized, 0, scheme_end);
    rest = scheme_end + 1;
  }
  if (normalized.compare(rest, 2, "//") == 0) LowerHost(normalized, rest + 2);
  return normalized;
}

std::string IdFromUrl(std::string_view url) { return "url-" + Xxh3Hex128(NormalizeUrlForId(url)); }

std::string IdFromContent(std::string_view title, std::string_view body, std::string_view html) {
  XXH3_state_t state;
  XXH3_INITSTATE(&state);
  XXH3_128bits_reset(&state);
  const char separator = '\0';
  XXH3_128bits_update(&state, title.data(), title.size());
  XXH3_128bits_update(&state, &separator, 1);
  XXH3_128bits_update(&state, body.data(), body.size());
  XXH3_128bits_update(&state, &separator, 1);
  XXH3_128bits_update(&state, html.data(), html.size());
  return "content-" + HexOf(XXH3_128bits_digest(&state));
}

}  // namespace newsflow
