// Decoding HTML character references ("&amp;", "&#233;", "&#x263A;") that
// are still literal text after parsing: meta content and JSON-LD strings
// (escaped once more than the markup needs) and article text from pages that
// escaped twice ("&amp;amp;" parses to the text "&amp;").
//
// Both decoders use gumbo's own HTML5 tables (by parsing the text as element
// content), so no entity table is kept here. Numeric references follow the
// HTML rules: 0, surrogates and values above U+10FFFF become U+FFFD (values
// beyond 32 bits too, which gumbo 0.10.1 would garble). Input is expected to
// be UTF-8; invalid bytes are passed through as gumbo passes them.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace newsflow {

// True if `text` has a '&' followed by '#' or an ASCII letter: the only
// texts DecodeHtmlEntities can change.
bool MayHoldHtmlEntity(std::string_view text);

// Decodes `text` as a browser decodes the text of an element: every
// reference gumbo recognizes, including legacy names without ';' ("&amp",
// "&copy") and the longest known prefix of a name ("&notit;" -> "¬it;").
// '<' and every other character are literal. Returns `text` unchanged if
// gumbo refuses the input.
std::string DecodeHtmlEntities(std::string_view text);

// Decodes, once, only the well-formed references that remain as literal
// text: "&name;" (an ASCII letter then up to 31 letters or digits),
// "&#digits;" (1-7 digits) and "&#xhex;" (1-6 hex digits), each with its
// terminating ';'. Unknown names and prefix matches stay as they are. Text
// without '&' comes back unchanged without parsing. Linear in the text: each
// distinct reference is decoded once, in batches.
std::string DecodeLeftoverEntities(std::string_view text);

}  // namespace newsflow
