#include "evaluation/reuters_sgml.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>

namespace newsflow {
namespace {

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    if (cp >= 0xD800 && cp <= 0xDFFF) return;  // surrogates are not characters
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x110000) {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  return text;
}

// The content of the first <tag>...</tag> in `element`, or "".
std::string_view Element(std::string_view element, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  size_t start = element.find(open);
  while (start != std::string_view::npos) {
    const size_t after = start + open.size();
    if (after < element.size() && (element[after] == '>' || element[after] == ' ')) break;
    start = element.find(open, after);
  }
  if (start == std::string_view::npos) return {};
  const size_t content = element.find('>', start);
  if (content == std::string_view::npos) return {};
  const size_t close = element.find("</" + std::string(tag) + ">", content);
  if (close == std::string_view::npos) return {};
  return element.substr(content + 1, close - content - 1);
}

std::vector<std::string> DValues(std::string_view list) {
  std::vector<std::string> values;
  size_t pos = 0;
  while (true) {
    const size_t open = list.find("<D>", pos);
    if (open == std::string_view::npos) break;
    const size_t close = list.find("</D>", open);
    if (close == std::string_view::npos) break;
    values.push_back(DecodeReutersText(Trim(list.substr(open + 3, close - open - 3))));
    pos = close + 4;
  }
  return values;
}

std::string Attribute(std::string_view start_tag, std::string_view name) {
  const std::string key = " " + std::string(name) + "=\"";
  const size_t at = start_tag.find(key);
  if (at == std::string_view::npos) return {};
  const size_t begin = at + key.size();
  const size_t end = start_tag.find('"', begin);
  if (end == std::string_view::npos) return {};
  return std::string(start_tag.substr(begin, end - begin));
}

// Drops the wire's sign-off line ("Reuter", "REUTER") at the end of a body.
std::string_view StripSignOff(std::string_view body) {
  body = Trim(body);
  for (const std::string_view sign : {std::string_view("Reuter"), std::string_view("REUTER")}) {
    if (body.size() >= sign.size() && body.substr(body.size() - sign.size()) == sign) {
      const std::string_view before = body.substr(0, body.size() - sign.size());
      if (before.empty() || before.back() == '\n' || before.back() == ' ') return Trim(before);
    }
  }
  return body;
}

}  // namespace

std::string DecodeReutersText(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(raw[i]);
    if (c == '&') {
      const size_t semi = raw.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 8) {
        const std::string_view name = raw.substr(i + 1, semi - i - 1);
        uint32_t cp = 0;
        bool known = true;
        if (name == "lt") {
          cp = '<';
        } else if (name == "gt") {
          cp = '>';
        } else if (name == "amp") {
          cp = '&';
        } else if (name == "quot") {
          cp = '"';
        } else if (name == "apos") {
          cp = '\'';
        } else if (name.size() >= 2 && name[0] == '#') {
          const auto [ptr, ec] = std::from_chars(name.data() + 1, name.data() + name.size(), cp);
          known = ec == std::errc() && ptr == name.data() + name.size();
        } else {
          known = false;
        }
        if (known) {
          if ((cp >= 0x20 && cp != 0x7F) || cp == '\n') AppendUtf8(cp, &out);
          i = semi;
          continue;
        }
      }
    }
    if (c >= 0x80) {
      AppendUtf8(c, &out);  // Latin-1
    } else if (c >= 0x20 || c == '\n') {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::vector<ReutersRecord> ParseReutersSgml(std::string_view sgml) {
  std::vector<ReutersRecord> records;
  size_t pos = 0;
  while (true) {
    const size_t open = sgml.find("<REUTERS", pos);
    if (open == std::string_view::npos) break;
    const size_t tag_end = sgml.find('>', open);
    if (tag_end == std::string_view::npos) break;
    const size_t close = sgml.find("</REUTERS>", tag_end);
    if (close == std::string_view::npos) break;
    const std::string_view start_tag = sgml.substr(open, tag_end - open);
    const std::string_view element = sgml.substr(tag_end + 1, close - tag_end - 1);
    ReutersRecord record;
    record.new_id = Attribute(start_tag, "NEWID");
    record.lewis_split = Attribute(start_tag, "LEWISSPLIT");
    record.topics_attribute = Attribute(start_tag, "TOPICS");
    record.topics = DValues(Element(element, "TOPICS"));
    record.places = DValues(Element(element, "PLACES"));
    record.title = DecodeReutersText(Trim(Element(element, "TITLE")));
    record.dateline = DecodeReutersText(Trim(Element(element, "DATELINE")));
    record.body = std::string(StripSignOff(DecodeReutersText(Element(element, "BODY"))));
    records.push_back(std::move(record));
    pos = close + 10;
  }
  return records;
}

std::vector<std::string> ReutersSgmlFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator();
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("reut2-", 0) == 0 && it->path().extension() == ".sgm") {
      files.push_back(it->path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace newsflow
