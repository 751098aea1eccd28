#include "cleaning/known_byline.h"

#include "cleaning/text_normalize.h"

namespace newsflow {
namespace {

bool EndsLikeASentence(std::string_view paragraph) {
  for (std::string_view end :
       {".", "!", "?", "\"", "'", "\xE2\x80\x9D" /* ” */, "\xC2\xBB" /* » */}) {
    if (paragraph.size() >= end.size() &&
        paragraph.compare(paragraph.size() - end.size(), end.size(), end) == 0) {
      return true;
    }
  }
  return false;
}

bool IsKnownByline(std::string_view paragraph, const std::vector<std::string>& authors) {
  if (paragraph.size() > kMaxKnownBylineBytes || EndsLikeASentence(paragraph)) return false;
  std::string rest(paragraph);
  bool named = false;
  for (const std::string& author : authors) {
    if (author.empty()) continue;
    for (size_t at = rest.find(author); at != std::string::npos; at = rest.find(author, at)) {
      rest.replace(at, author.size(), " ");
      named = true;
    }
  }
  return named && CountWords(rest) <= kMaxKnownBylineOtherWords;
}

}  // namespace

KnownBylineSplit RemoveKnownByline(std::string_view text, const std::vector<std::string>& authors) {
  KnownBylineSplit split;
  size_t begin = 0;
  for (int index = 0; index < 2 && begin < text.size(); ++index) {
    const size_t end = text.find("\n\n", begin);
    if (end == std::string_view::npos) break;  // the last (or only) paragraph stays
    if (IsKnownByline(text.substr(begin, end - begin), authors)) {
      split.byline.assign(text.substr(begin, end - begin));
      split.text.assign(text.substr(0, begin));
      split.text.append(text.substr(end + 2));
      return split;
    }
    begin = end + 2;
  }
  split.text.assign(text);
  return split;
}

}  // namespace newsflow
