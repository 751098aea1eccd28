// The language rule shared by the taggers that know one language (English
// NER, places, keywords, dates, amounts, the topic model's language).
//
// An article whose `language` is set to another code than the tagger's is
// not tagged: the tagger's name is appended to Article::skipped_taggers (the
// output says what was skipped) and the stage passes the article on. An
// empty language (no language stage in the chain) or "und" (undetermined)
// is tagged anyway: the tagger does its best rather than silently nothing.
#pragma once

#include <string_view>

#include "newsflow/article.h"

namespace newsflow {

// True when `article` must skip `tagger` (and then records the skip).
inline bool SkipForLanguage(Article& article, std::string_view tagger,
                            std::string_view tagger_language = "en") {
  if (article.language.empty() || article.language == "und" ||
      article.language == tagger_language) {
    return false;
  }
  article.skipped_taggers.emplace_back(tagger);
  return true;
}

}  // namespace newsflow
