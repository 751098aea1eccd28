#include "cleaning/article_text.h"

#include <utility>

#include "cleaning/text_normalize.h"

namespace newsflow {

int64_t ReadingTimeSeconds(int64_t word_count) {
  if (word_count <= 0) return 0;
  return (word_count * 60 + kReadingWordsPerMinute / 2) / kReadingWordsPerMinute;
}

void SetArticleText(Article& article, std::string text) {
  article.text = std::move(text);
  article.word_count = CountWords(article.text);
  article.reading_time_seconds = ReadingTimeSeconds(article.word_count);
}

}  // namespace newsflow
