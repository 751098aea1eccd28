// The real raw article in ../shared/samples (not part of the project: the
// test skips without it) through the default stage chain. Its defects are
// typical of newsroom exports: a dateline, flattened copy-editing residue, an
// author bio and trailing navigation. Expectations are derived from the raw
// file's structure, not pasted from it: its last paragraph is navigation,
// the one before it the author bio, the first one starts with the dateline.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "newsflow/config.h"
#include "newsflow/stage_registry.h"

namespace newsflow {
namespace {

const char kSample[] = NEWSFLOW_SOURCE_DIR "/../shared/samples/israel-japan-trade.raw.txt";

std::vector<std::string> Paragraphs(const std::string& text) {
  std::vector<std::string> paragraphs;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") != std::string::npos) paragraphs.push_back(line);
  }
  return paragraphs;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ASCII words of five letters or more, lowercased, skipping residue shapes
// (a doubled initial such as "Xxample" is not a word the edited text has).
std::set<std::string> LongWords(const std::string& text) {
  std::set<std::string> words;
  std::string word;
  auto flush = [&] {
    const bool doubled_initial = word.size() > 1 &&
                                 std::isupper(static_cast<unsigned char>(word[0])) &&
                                 std::tolower(static_cast<unsigned char>(word[0])) == word[1];
    if (word.size() >= 5 && !doubled_initial) words.insert(Lower(word));
    word.clear();
  };
  for (char c : text) {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(c);
    } else {
      flush();
    }
  }
  flush();
  return words;
}

class SharedSampleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kSample)) GTEST_SKIP() << kSample << " not present";
    std::ifstream in(kSample, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    raw_ = content.str();
    raw_paragraphs_ = Paragraphs(raw_);
    ASSERT_GE(raw_paragraphs_.size(), 4u);

    Config config;
    StageRegistry registry;
    RegisterBuiltinStages(registry);
    std::string unknown;
    const auto stages =
        registry.CreateChain(config.pipeline.stages, StageContext{config}, &unknown);
    ASSERT_FALSE(stages.empty()) << unknown;
    article_.raw.value = "{\"id\":\"sample\",\"body\":" + JsonString(raw_) + "}";
    for (const auto& stage : stages) {
      const StageResult result = stage->Process(article_);
      ASSERT_EQ(result.outcome, Outcome::kPass) << stage->Name() << ": " << result.message;
    }
  }

  static std::string JsonString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"' || c == '\\') {
        out += '\\';
        out += static_cast<char>(c);
      } else if (c == '\n') {
        out += "\\n";
      } else if (c < 0x20) {
        out += ' ';
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  }

  std::string raw_;
  std::vector<std::string> raw_paragraphs_;
  Article article_;
};

TEST_F(SharedSampleTest, DatelineIsSplitOff) {
  EXPECT_FALSE(article_.dateline.empty());
  EXPECT_EQ(raw_paragraphs_.front().rfind(article_.dateline, 0), 0u)
      << "the dateline is the start of the first paragraph";
  EXPECT_EQ(article_.text.find(article_.dateline), std::string::npos);
}

TEST_F(SharedSampleTest, NavigationAndBioAreGoneAndListed) {
  const std::string& navigation = raw_paragraphs_.back();
  const std::string& bio = raw_paragraphs_[raw_paragraphs_.size() - 2];
  EXPECT_EQ(article_.text.find(navigation), std::string::npos);
  const std::string bio_start = bio.substr(0, 40);
  EXPECT_EQ(article_.text.find(bio_start), std::string::npos);
  EXPECT_EQ(article_.author_bio.rfind(bio_start, 0), 0u) << article_.author_bio;
  EXPECT_EQ(article_.author_bio.find("website"), std::string::npos)
      << "the dangling 'Visit ... website at' is navigation, not bio";
  std::set<std::string> kinds;
  for (const Removal& removal : article_.removed) kinds.insert(removal.kind);
  EXPECT_TRUE(kinds.count("navigation")) << "navigation listed";
  EXPECT_TRUE(kinds.count("author_bio")) << "bio listed";
}

TEST_F(SharedSampleTest, ResiduePatternsAreRepaired) {
  const std::string& text = article_.text;
  EXPECT_EQ(text.find(". ,"), std::string::npos);
  EXPECT_EQ(text.find("., "), std::string::npos);
  // A lone letter followed by a word starting with the same letter.
  for (size_t i = 1; i + 3 < text.size(); ++i) {
    const unsigned char a = text[i], b = text[i + 2];
    if (std::isalpha(a) && text[i + 1] == ' ' &&
        !std::isalnum(static_cast<unsigned char>(text[i - 1])) &&
        std::tolower(a) == std::tolower(b) && a != 'a' && a != 'A' && a != 'I') {
      ADD_FAILURE() << "stray letter at: " << text.substr(i > 20 ? i - 20 : 0, 50);
    }
  }
  for (const std::string& word :
       {std::string("Aacc"), std::string("some about"), std::string("its a ")}) {
    EXPECT_EQ(text.find(word), std::string::npos) << word;
  }
  EXPECT_GE(article_.repairs.size(), 4u) << "each repair is listed";
}

TEST_F(SharedSampleTest, EveryArticleWordIsStillThere) {
  const std::set<std::string> kept = LongWords(article_.text);
  // Every paragraph but the bio and the navigation.
  for (size_t p = 0; p + 2 < raw_paragraphs_.size(); ++p) {
    for (const std::string& word : LongWords(raw_paragraphs_[p])) {
      EXPECT_TRUE(kept.count(word)) << "lost '" << word << "' of paragraph " << p;
    }
  }
  EXPECT_GT(article_.word_count, 400);
}

}  // namespace
}  // namespace newsflow
