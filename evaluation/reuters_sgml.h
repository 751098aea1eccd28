// Reads the Reuters-21578 collection (reut2-*.sgm: SGML, Latin-1 bytes,
// SGML character entities) into records with UTF-8 fields, for the
// evaluation commands.
//
// Each <REUTERS ...> element becomes a ReutersRecord: its NEWID,
// LEWISSPLIT and TOPICS attributes, the <D> values of <TOPICS> and
// <PLACES>, and the <TITLE>, <DATELINE> and <BODY> text, decoded (Latin-1
// to UTF-8; &lt; &gt; &amp; &quot; &apos; and &#N; decoded; control
// characters other than line breaks dropped) and trimmed. The body loses
// the wire's closing "Reuter"/"REUTER" sign-off. Records without a body
// (brief items) have an empty body.
//
// Thread-safety: pure functions. Malformed SGML never crashes: an element
// that is not closed is treated as absent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

struct ReutersRecord {
  std::string new_id;
  std::string lewis_split;       // "TRAIN", "TEST" or "NOT-USED"
  std::string topics_attribute;  // "YES", "NO" or "BYPASS"
  std::vector<std::string> topics;
  std::vector<std::string> places;  // "usa", "west-germany", ...
  std::string title;
  std::string dateline;  // "TOKYO, March 3 -"
  std::string body;
};

// The records of one .sgm file's bytes, in file order.
std::vector<ReutersRecord> ParseReutersSgml(std::string_view sgml);

// SGML text as UTF-8 (the decoding described above), not trimmed.
std::string DecodeReutersText(std::string_view raw);

// The reut2-*.sgm files directly in `dir`, sorted by name; empty when there
// are none or `dir` is not a directory.
std::vector<std::string> ReutersSgmlFiles(const std::string& dir);

}  // namespace newsflow
