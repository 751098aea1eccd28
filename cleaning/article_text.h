// The one way a stage replaces an article's text: keeps the figures derived
// from it (word_count, reading_time_seconds) in step.
//
// Thread-safety: pure function on the caller's Article.
#pragma once

#include <cstdint>
#include <string>

#include "newsflow/article.h"

namespace newsflow {

// Adult silent reading speed for non-fiction English, words per minute
// (Brysbaert 2019, a meta-analysis of 190 studies: 238 wpm).
inline constexpr int64_t kReadingWordsPerMinute = 238;

// Seconds to read `word_count` words at kReadingWordsPerMinute, rounded to
// the nearest second; 0 for no words.
int64_t ReadingTimeSeconds(int64_t word_count);

// Stores `text` and recomputes word_count (CountWords, cleaning/text_normalize.h)
// and reading_time_seconds.
void SetArticleText(Article& article, std::string text);

}  // namespace newsflow
