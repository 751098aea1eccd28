#include "tagging/text_tokens.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace newsflow {
namespace {

std::vector<std::string> Texts(std::string_view text, const std::vector<TextToken>& tokens) {
  std::vector<std::string> out;
  for (const TextToken& t : tokens) out.emplace_back(text.substr(t.b, t.e - t.b));
  return out;
}

TEST(TokenizeText, SplitsWordsNumbersAndPunctuationAndRecordsSpaces) {
  const std::string text = "Rates rose 3.5%\nin éMay";
  const std::vector<TextToken> tokens = TokenizeText(text);
  EXPECT_EQ(Texts(text, tokens),
            (std::vector<std::string>{"Rates", "rose", "3", ".", "5", "%", "in", "é", "May"}));
  EXPECT_EQ(tokens[0].kind, TextTokenKind::kWord);
  EXPECT_EQ(tokens[2].kind, TextTokenKind::kNum);
  EXPECT_EQ(tokens[3].kind, TextTokenKind::kPunct);
  EXPECT_EQ(tokens[7].kind, TextTokenKind::kForeign);  // so "éMay" is not the month
  EXPECT_EQ(tokens[8].kind, TextTokenKind::kWord);
  EXPECT_FALSE(tokens[8].space);
  EXPECT_TRUE(tokens[1].space);
  EXPECT_FALSE(tokens[3].space);
  EXPECT_TRUE(tokens[6].newline);
  EXPECT_FALSE(tokens[1].newline);
}

TEST(TokenizeTextShared, GivesTheSameTokensAsTokenizeTextAndReusesThemForTheSameText) {
  const std::string text = "The bank cut rates on 4 January.";
  const auto first = TokenizeTextShared(text);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(Texts(text, *first), Texts(text, TokenizeText(text)));
  // Equal text in another buffer: the memo compares content, not addresses.
  const std::string copy = text;
  EXPECT_EQ(TokenizeTextShared(copy).get(), first.get());
}

TEST(TokenizeTextShared, AnotherTextOfTheSameLengthIsTokenizedAfresh) {
  const std::string a = "alpha beta";
  const std::string b = "alpha-beta";  // same size, one byte differs
  const auto tokens_a = TokenizeTextShared(a);
  const auto tokens_b = TokenizeTextShared(b);
  EXPECT_NE(tokens_a.get(), tokens_b.get());
  EXPECT_EQ(tokens_a->size(), 2u);
  EXPECT_EQ(tokens_b->size(), 3u);
  // The first result stays valid while held, whatever came after.
  EXPECT_EQ(Texts(a, *tokens_a), (std::vector<std::string>{"alpha", "beta"}));
}

TEST(TokenizeTextShared, HugeTextsAreNotRemembered) {
  const std::string huge(kSharedTokensMaxBytes + 1, 'a');
  const auto first = TokenizeTextShared(huge);
  const auto second = TokenizeTextShared(huge);
  EXPECT_NE(first.get(), second.get());
  EXPECT_EQ(first->size(), 1u);
}

TEST(TokenizeTextShared, EachThreadHasItsOwnMemo) {
  const std::string text = "one memo per thread";
  const auto here = TokenizeTextShared(text);
  const TextToken* there = nullptr;
  std::thread other([&] { there = TokenizeTextShared(text)->data(); });
  other.join();
  EXPECT_NE(there, here->data());
  EXPECT_EQ(TokenizeTextShared(text).get(), here.get());
}

}  // namespace
}  // namespace newsflow
