#include "tagging/article_tokenizer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {
namespace {

using Sentences = std::vector<std::vector<std::string>>;

// Word forms per sentence.
Sentences Forms(std::string_view text, ArticleTokenizerOptions options = {}) {
  ArticleTokenizer tokenizer(options);
  tokenizer.Tokenize(text);
  Sentences out;
  for (const auto& sentence : tokenizer.sentences()) {
    out.emplace_back(sentence.begin(), sentence.end());
  }
  return out;
}

// Word forms of all sentences, in one list.
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& sentence : Forms(text)) out.insert(out.end(), sentence.begin(), sentence.end());
  return out;
}

// The bytes of the text each word's span covers, in one list.
std::vector<std::string> SpanTexts(std::string_view text) {
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize(text);
  std::vector<std::string> out;
  for (size_t s = 0; s < tokenizer.sentence_count(); ++s) {
    for (const TextSpan& span : tokenizer.spans(s)) {
      out.emplace_back(text.substr(span.begin, span.end - span.begin));
    }
  }
  return out;
}

using W = std::vector<std::string>;

TEST(ArticleTokenizerTest, SplitsPunctuationOffWords) {
  EXPECT_EQ(Words("Israel, Egypt; (Jordan): Syria!"),
            (W{"Israel", ",", "Egypt", ";", "(", "Jordan", ")", ":", "Syria", "!"}));
  EXPECT_EQ(Words("\"Yes,\" said Tom."), (W{"\"", "Yes", ",", "\"", "said", "Tom", "."}));
}

TEST(ArticleTokenizerTest, SplitsCommaBetweenLettersButNotBetweenDigits) {
  EXPECT_EQ(Words("Israel,Egypt"), (W{"Israel", ",", "Egypt"}));
  EXPECT_EQ(Words("1,234.5 and 10:30 and 1/2"), (W{"1,234.5", "and", "10:30", "and", "1/2"}));
}

TEST(ArticleTokenizerTest, SplitsPercentAndCurrencySigns) {
  EXPECT_EQ(Words("$5 rose 3.5%"), (W{"$", "5", "rose", "3.5", "%"}));
  EXPECT_EQ(Words("US$7 and HK$ 5"), (W{"US$", "7", "and", "HK$", "5"}));
  // Not a currency prefix: a longer word before the sign.
  EXPECT_EQ(Words("DOLLAR$5"), (W{"DOLLAR", "$", "5"}));
}

TEST(ArticleTokenizerTest, SplitsPossessiveS) {
  EXPECT_EQ(Words("Germany's GERMANY'S"), (W{"Germany", "'s", "GERMANY", "'S"}));
  EXPECT_EQ(Words("Jones' car"), (W{"Jones", "'", "car"}));
}

TEST(ArticleTokenizerTest, KeepsApostropheInsideNames) {
  EXPECT_EQ(Words("O'Brien O'Neill"), (W{"O'Brien", "O'Neill"}));
  // A clitic needs a stem: a bare "'s" is a quote and a word.
  EXPECT_EQ(Words("'s"), (W{"'", "s"}));
}

TEST(ArticleTokenizerTest, SplitsNegationAndOtherClitics) {
  EXPECT_EQ(Words("don't can't won't"), (W{"do", "n't", "ca", "n't", "wo", "n't"}));
  EXPECT_EQ(Words("we're I'll they've I'm he'd"),
            (W{"we", "'re", "I", "'ll", "they", "'ve", "I", "'m", "he", "'d"}));
  // Not clitics: "n't" needs a stem, "'t" alone is part of the word.
  EXPECT_EQ(Words("Nantes ain Ma'at"), (W{"Nantes", "ain", "Ma'at"}));
}

TEST(ArticleTokenizerTest, KeepsAbbreviationPeriods) {
  EXPECT_EQ(Words("Mr. Smith of Acme Inc. met U.S. officials on Jan. 4 at 9 a.m. in Calif. today"),
            (W{"Mr.", "Smith", "of", "Acme", "Inc.", "met", "U.S.", "officials", "on", "Jan.", "4",
               "at", "9", "a.m.", "in", "Calif.", "today"}));
}

TEST(ArticleTokenizerTest, SplitsPeriodAfterOrdinaryWordsAndNumbers) {
  EXPECT_EQ(Words("He went to Iraq."), (W{"He", "went", "to", "Iraq", "."}));
  EXPECT_EQ(Words("in 2004."), (W{"in", "2004", "."}));
  EXPECT_EQ(Words("a b."), (W{"a", "b", "."}));  // lowercase letter: no initial
}

TEST(ArticleTokenizerTest, KeepsTheRankOpeningAParagraph) {
  EXPECT_EQ(Forms("1. Schumacher 2. Hill\n\n3. Alesi"),
            (Sentences{{"1.", "Schumacher", "2", "."}, {"Hill"}, {"3.", "Alesi"}}));
  EXPECT_EQ(Forms("He won 3. Then he lost."),
            (Sentences{{"He", "won", "3", "."}, {"Then", "he", "lost", "."}}));
  // Three digits is a year, not a rank.
  EXPECT_EQ(Words("2004. Then"), (W{"2004", ".", "Then"}));
}

TEST(ArticleTokenizerTest, KeepsLeadingDotAndPlusOnNumbers) {
  EXPECT_EQ(Words("hit .496 and +44 or +0.05"), (W{"hit", ".496", "and", "+44", "or", "+0.05"}));
  EXPECT_EQ(Words("a+b . 5 + 4"), (W{"a", "+", "b", ".", "5", "+", "4"}));
}

TEST(ArticleTokenizerTest, SplitsThePeriodOfAnAbbreviationEndingASentence) {
  EXPECT_EQ(Forms("He joined Acme Inc. The firm grew.\n\nIt is in the U.S."),
            (Sentences{{"He", "joined", "Acme", "Inc", "."},
                       {"The", "firm", "grew", "."},
                       {"It", "is", "in", "the", "U.S", "."}}));
  EXPECT_EQ(SpanTexts("in the U.S."), (W{"in", "the", "U.S", "."}));
  EXPECT_EQ(Words("Acme Inc. said"), (W{"Acme", "Inc.", "said"}));
}

TEST(ArticleTokenizerTest, KeepsCapitalInitials) {
  EXPECT_EQ(Words("J. R. Smith"), (W{"J.", "R.", "Smith"}));
}

TEST(ArticleTokenizerTest, NumberAndMonthAbbreviationsOnlyBeforeADigit) {
  EXPECT_EQ(Words("No. 10 Downing"), (W{"No.", "10", "Downing"}));
  EXPECT_EQ(Words("He said No. Then"), (W{"He", "said", "No", ".", "Then"}));
  // Months likewise: "Jan. 4", but a sentence ends after "Dec." before a name.
  EXPECT_EQ(Forms("on Jan. 4 at noon"), (Sentences{{"on", "Jan.", "4", "at", "noon"}}));
  EXPECT_EQ(Forms("hosts Ant and Dec. Natalie left"),
            (Sentences{{"hosts", "Ant", "and", "Dec", "."}, {"Natalie", "left"}}));
}

TEST(ArticleTokenizerTest, KeepsHyphenatedWordsAsCoNLLDoes) {
  EXPECT_EQ(Words("U.S.-based Jean-Paul well-known 1996-97"),
            (W{"U.S.-based", "Jean-Paul", "well-known", "1996-97"}));
}

TEST(ArticleTokenizerTest, SplitsDashesAndDanglingHyphens) {
  EXPECT_EQ(Words("word--word pre- -post"), (W{"word", "--", "word", "pre", "-", "-", "post"}));
  EXPECT_EQ(Words("Paris\xE2\x80\x94London 1990\xE2\x80\x93"
                  "91"),
            (W{"Paris", "--", "London", "1990", "-", "91"}));
}

TEST(ArticleTokenizerTest, GivesTypographicCharactersTheirAsciiForms) {
  const std::string text =
      "\xE2\x80\x9CYes,\xE2\x80\x9D O\xE2\x80\x99"
      "Brien didn\xE2\x80\x99t say\xE2\x80\xA6 "
      "Germany\xE2\x80\x99s \xC2\xA3"
      "5 \xE2\x80\x98hi\xE2\x80\x99";
  EXPECT_EQ(Words(text), (W{"\"", "Yes", ",", "\"", "O'Brien", "did", "n't", "say", "...",
                            "Germany", "'s", "$", "5", "'", "hi", "'"}));
  // The spans still cover the original bytes.
  EXPECT_EQ(SpanTexts(text),
            (W{"\xE2\x80\x9C", "Yes", ",", "\xE2\x80\x9D",
               "O\xE2\x80\x99"
               "Brien",
               "did", "n\xE2\x80\x99t", "say", "\xE2\x80\xA6", "Germany", "\xE2\x80\x99s",
               "\xC2\xA3", "5", "\xE2\x80\x98", "hi", "\xE2\x80\x99"}));
}

TEST(ArticleTokenizerTest, AsciiFormsAreViewsOfTheText) {
  const std::string text = "Tom met Ann.";
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize(text);
  ASSERT_EQ(tokenizer.sentence_count(), 1u);
  for (std::string_view word : tokenizer.sentences()[0]) {
    EXPECT_GE(word.data(), text.data());
    EXPECT_LE(word.data() + word.size(), text.data() + text.size());
  }
}

TEST(ArticleTokenizerTest, DoubleBackticksAndApostrophesAreQuotes) {
  EXPECT_EQ(Words("``Go,'' he said"), (W{"\"", "Go", ",", "\"", "he", "said"}));
}

TEST(ArticleTokenizerTest, KeepsUrlsAndEmailAddressesWhole) {
  EXPECT_EQ(Words("See http://www.bbc.co.uk/news/a?b=1. Or mail jo@bbc.co.uk."),
            (W{"See", "http://www.bbc.co.uk/news/a?b=1", ".", "Or", "mail", "jo@bbc.co.uk", "."}));
}

TEST(ArticleTokenizerTest, SpansAreByteOffsetsIntoTheText) {
  const std::string text = "Caf\xC3\xA9 Zo\xC3\xAB met Jos\xC3\xA9.";
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize(text);
  ASSERT_EQ(tokenizer.sentence_count(), 1u);
  const auto spans = tokenizer.spans(0);
  ASSERT_EQ(spans.size(), 5u);
  EXPECT_EQ(spans[0], (TextSpan{0, 5}));
  EXPECT_EQ(spans[1], (TextSpan{6, 10}));
  EXPECT_EQ(spans[3], (TextSpan{15, 20}));
  EXPECT_EQ(text.substr(spans[3].begin, spans[3].end - spans[3].begin), "Jos\xC3\xA9");
  EXPECT_EQ(spans[4], (TextSpan{20, 21}));
}

TEST(ArticleTokenizerTest, SplitsSentencesAtFinalPunctuation) {
  EXPECT_EQ(
      Forms("It rained. Was it cold? Yes! 20 died."),
      (Sentences{
          {"It", "rained", "."}, {"Was", "it", "cold", "?"}, {"Yes", "!"}, {"20", "died", "."}}));
}

TEST(ArticleTokenizerTest, DoesNotSplitBeforeALowercaseWord) {
  EXPECT_EQ(Forms("\"Why?\" he asked."), (Sentences{{"\"", "Why", "?", "\"", "he", "asked", "."}}));
}

TEST(ArticleTokenizerTest, ClosingQuoteStaysWithItsSentence) {
  EXPECT_EQ(Forms("He said \"go.\" Then (it ended.) Then"),
            (Sentences{{"He", "said", "\"", "go", ".", "\""},
                       {"Then", "(", "it", "ended", ".", ")"},
                       {"Then"}}));
}

TEST(ArticleTokenizerTest, DoesNotSplitAfterTitlesAndInitials) {
  EXPECT_EQ(Forms("Mr. Smith met Dr. Jones and J. R. Ewing.").size(), 1u);
  EXPECT_EQ(Forms("U.S. officials met. The end.").size(), 2u);
}

TEST(ArticleTokenizerTest, SplitsAfterAbbreviationOnlyBeforeASentenceOpener) {
  EXPECT_EQ(
      Forms("He lives in the U.S. The weather is fine."),
      (Sentences{{"He", "lives", "in", "the", "U.S", "."}, {"The", "weather", "is", "fine", "."}}));
  EXPECT_EQ(Forms("He works for Acme Inc. Smith said.").size(), 1u);
}

TEST(ArticleTokenizerTest, SplitsAtParagraphBreaksOnly) {
  EXPECT_EQ(Forms("First heading\n\nSecond line"),
            (Sentences{{"First", "heading"}, {"Second", "line"}}));
  EXPECT_EQ(Forms("First \r\n \r\n Second"), (Sentences{{"First"}, {"Second"}}));
  EXPECT_EQ(Forms("One\xE2\x80\xA9Two"), (Sentences{{"One"}, {"Two"}}));
  // A single line break is white space.
  EXPECT_EQ(Forms("wrapped\nline"), (Sentences{{"wrapped", "line"}}));
}

TEST(ArticleTokenizerTest, CapsSentenceLength) {
  std::string text;
  for (int i = 0; i < 450; ++i) text += "word ";
  const Sentences sentences = Forms(text);
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[0].size(), 200u);
  EXPECT_EQ(sentences[1].size(), 200u);
  EXPECT_EQ(sentences[2].size(), 50u);
  EXPECT_EQ(Forms(text, ArticleTokenizerOptions{.sentence_max_words = 100}).size(), 5u);
  EXPECT_EQ(Forms("a b c").size(), 1u);
}

TEST(ArticleTokenizerTest, ResultsOfAnEarlierTextAreReplaced) {
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize("One. Two. Three.");
  EXPECT_EQ(tokenizer.sentence_count(), 3u);
  tokenizer.Tokenize("Four");
  ASSERT_EQ(tokenizer.sentence_count(), 1u);
  EXPECT_EQ(tokenizer.word_count(), 1u);
  EXPECT_EQ(tokenizer.sentences()[0][0], "Four");
  tokenizer.Tokenize("");
  EXPECT_EQ(tokenizer.sentence_count(), 0u);
  tokenizer.Tokenize(" \n\n ");
  EXPECT_EQ(tokenizer.sentence_count(), 0u);
}

TEST(ArticleTokenizerTest, HandlesOtherScriptsAndSymbols) {
  // Hebrew, Japanese, an emoji and a combining mark.
  EXPECT_EQ(Words("\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D, \xE6\x9D\xB1\xE4\xBA\xAC "
                  "\xF0\x9F\x98\x80ok e\xCC\x81t\xC3\xA9"),
            (W{"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D", ",", "\xE6\x9D\xB1\xE4\xBA\xAC",
               "\xF0\x9F\x98\x80", "ok", "e\xCC\x81t\xC3\xA9"}));
  // Unicode spaces separate words.
  EXPECT_EQ(Words("a\xC2\xA0"
                  "b\xE2\x80\x83"
                  "c"),
            (W{"a", "b", "c"}));
}

// Every non-space byte is in exactly one span, spans are in order and in
// bounds, whatever the input.
void ExpectSpansCoverText(std::string_view text) {
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize(text);
  size_t covered = 0;
  size_t last_end = 0;
  for (size_t s = 0; s < tokenizer.sentence_count(); ++s) {
    ASSERT_EQ(tokenizer.spans(s).size(), tokenizer.sentences()[s].size());
    ASSERT_FALSE(tokenizer.spans(s).empty());
    for (const TextSpan& span : tokenizer.spans(s)) {
      ASSERT_LE(last_end, span.begin);
      ASSERT_LT(span.begin, span.end);
      ASSERT_LE(span.end, text.size());
      covered += span.end - span.begin;
      last_end = span.end;
    }
  }
  size_t non_space = 0;
  for (char ch : text) non_space += (ch != ' ' && ch != '\n') ? 1 : 0;
  EXPECT_EQ(covered, non_space);
}

TEST(ArticleTokenizerTest, InvalidUtf8AndOddInputNeverBreakSpans) {
  ExpectSpansCoverText(std::string("\xFF\xFE bad \xC3 byte \xE2\x80 cut. U.S.\xE2") +
                       std::string("\0x", 2) + "'''' ``` ....? !!! -- $ ' \xE2\x80\x99s n't");
  ExpectSpansCoverText("...a.b.c.d. O'' ''s 's' http:// www. $$$ US$ A.B-C. Mr. No.");
  ExpectSpansCoverText("x");
}

TEST(ArticleTokenizerTest, LargeAdversarialInputTakesLinearTime) {
  // 4 MiB of patterns that make naive tokenizers backtrack; a generous
  // hang guard, not a speed test.
  const std::vector<std::string> units = {"a.", "'", "-a", "1,", "U.S.-", "x'", "\xE2\x80\x99"};
  for (const std::string& unit : units) {
    std::string text;
    while (text.size() < (4u << 20)) text += unit;
    const auto start = std::chrono::steady_clock::now();
    ArticleTokenizer tokenizer;
    tokenizer.Tokenize(text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 10.0) << unit;
    EXPECT_GT(tokenizer.word_count(), 0u);
  }
}

}  // namespace
}  // namespace newsflow
