#include "tagging/keyword_background.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/unit/scoped_temp_dir.h"

namespace newsflow {
namespace {

namespace fs = std::filesystem;

std::vector<KeywordTermOccurrence> Scan(std::string_view text) {
  KeywordTermScanner scanner;
  std::vector<KeywordTermOccurrence> out;
  scanner.Scan(text, &out);
  return out;
}

// The folded terms found in `text`.
std::vector<std::string> Terms(std::string_view text) {
  std::vector<std::string> terms;
  for (const KeywordTermOccurrence& occ : Scan(text)) {
    terms.push_back(FoldKeywordTerm(text, occ.begin, occ.end));
  }
  return terms;
}

bool Has(const std::vector<std::string>& terms, std::string_view term) {
  return std::find(terms.begin(), terms.end(), term) != terms.end();
}

TEST(KeywordTermScannerTest, FindsTheNgramsOfContentRuns) {
  const auto terms = Terms("Central bank interest rates rose");
  for (const char* t : {"central", "central bank", "central bank interest", "bank interest rates",
                        "interest rates", "rates rose", "rose"}) {
    EXPECT_TRUE(Has(terms, t)) << t;
  }
  EXPECT_FALSE(Has(terms, "central bank interest rates"));  // at most 3 words
}

TEST(KeywordTermScannerTest, StopwordsAndFillerAreNeverTerms) {
  const auto terms = Terms(
      "He said on Monday that Mr Smith also told them it was the copyright notice, click "
      "here for the newsletter in January.");
  for (const char* t : {"said", "monday", "mr", "also", "told", "copyright", "click", "newsletter",
                        "january", "he", "the"}) {
    EXPECT_FALSE(Has(terms, t)) << t;
  }
  EXPECT_TRUE(Has(terms, "smith"));
  EXPECT_TRUE(Has(terms, "notice"));
}

TEST(KeywordTermScannerTest, NumbersPunctuationAndLineBreaksEndRuns) {
  const auto terms = Terms("profit 2004 growth; steel, coal\nmines 13bn dollars");
  EXPECT_TRUE(Has(terms, "profit"));
  EXPECT_TRUE(Has(terms, "growth"));
  EXPECT_FALSE(Has(terms, "2004"));
  EXPECT_FALSE(Has(terms, "13bn"));
  EXPECT_FALSE(Has(terms, "profit growth"));
  EXPECT_FALSE(Has(terms, "growth steel"));
  EXPECT_FALSE(Has(terms, "steel coal"));
  EXPECT_FALSE(Has(terms, "coal mines"));
  EXPECT_TRUE(Has(terms, "dollars"));
}

TEST(KeywordTermScannerTest, WordsWithLettersAndDigitsStartingWithALetterCount) {
  const auto terms = Terms("the G7 summit and MP3 players");
  EXPECT_TRUE(Has(terms, "g7 summit"));
  EXPECT_TRUE(Has(terms, "mp3 players"));
}

TEST(KeywordTermScannerTest, OfJoinsCapitalizedWordsOnly) {
  const auto names = Terms("shares in the Bank of England fell");
  EXPECT_TRUE(Has(names, "bank of england"));
  const auto lower = Terms("a bank of sand");
  EXPECT_FALSE(Has(lower, "bank of sand"));
  EXPECT_TRUE(Has(lower, "bank"));
}

TEST(KeywordTermScannerTest, CapitalizedNameWordsJoinNamesButNotSentences) {
  EXPECT_TRUE(Has(Terms("He flew to New York on Friday"), "new york"));
  EXPECT_TRUE(Has(Terms("Profits at Time Warner rose"), "time warner"));
  EXPECT_TRUE(Has(Terms("New York is large"), "new york"));  // sentence start, before a name
  const auto lower = Terms("a new york hotel");
  EXPECT_FALSE(Has(lower, "new york"));
  EXPECT_FALSE(Has(lower, "new"));
  // A name word alone is never a term, and number words do not start
  // names at a sentence start.
  EXPECT_FALSE(Has(Terms("He met New and Old."), "new"));
  EXPECT_FALSE(Has(Terms("Two Britons won."), "two britons"));
}

TEST(KeywordTermScannerTest, PossessiveEndsTheWordAndTheRun) {
  const auto terms = Terms("Warner's profits and AOL’s users");
  EXPECT_TRUE(Has(terms, "warner"));
  EXPECT_TRUE(Has(terms, "profits"));
  EXPECT_TRUE(Has(terms, "aol"));
  EXPECT_FALSE(Has(terms, "warner's"));
  EXPECT_FALSE(Has(terms, "warner profits"));
  EXPECT_FALSE(Has(terms, "aol users"));
}

TEST(KeywordTermScannerTest, InWordConnectorsKeepOneWord) {
  const auto terms = Terms("AT&T co-operation with the U.S. and O'Neill");
  EXPECT_TRUE(Has(terms, "at&t co-operation"));
  EXPECT_TRUE(Has(terms, "u.s."));
  EXPECT_TRUE(Has(terms, "o'neill"));
  EXPECT_FALSE(Has(terms, "co"));
}

TEST(KeywordTermScannerTest, HyphenatedStopwordCompoundsAreStopwords) {
  const auto terms = Terms("year-on-year growth of so-called bonds");
  EXPECT_FALSE(Has(terms, "year-on-year"));
  EXPECT_FALSE(Has(terms, "so-called"));
  EXPECT_TRUE(Has(terms, "growth"));
  EXPECT_TRUE(IsKeywordStopword("year-on-year"));
  EXPECT_FALSE(IsKeywordStopword("high-speed"));
}

TEST(KeywordTermScannerTest, LyAdverbsAreNotContentWords) {
  const auto terms = Terms("relatively cheap loans were rigorously checked by the family supply");
  EXPECT_FALSE(Has(terms, "relatively"));
  EXPECT_FALSE(Has(terms, "rigorously"));
  EXPECT_FALSE(Has(terms, "relatively cheap"));
  EXPECT_TRUE(Has(terms, "cheap loans"));
  EXPECT_TRUE(Has(terms, "family supply"));  // nouns ending in -ly stay
  EXPECT_TRUE(Has(Terms("a trip to Italy"), "italy"));
}

TEST(KeywordTermScannerTest, RepeatedWordsAreNoPhrase) {
  const auto terms = Terms("widget widget widget");
  EXPECT_TRUE(Has(terms, "widget"));
  EXPECT_FALSE(Has(terms, "widget widget"));
}

TEST(KeywordTermScannerTest, SpansAndFlagsDescribeTheOccurrence) {
  const std::string text = "Yesterday the Bank of England raised rates.";
  const auto occurrences = Scan(text);
  const auto it = std::find_if(occurrences.begin(), occurrences.end(), [](const auto& o) {
    return o.key == KeywordTermKey("bank of england");
  });
  ASSERT_NE(it, occurrences.end());
  EXPECT_EQ(text.substr(it->begin, it->end - it->begin), "Bank of England");
  EXPECT_EQ(it->words, 2);
  EXPECT_EQ(it->parts, 3);
  EXPECT_TRUE(it->capitalized);
  EXPECT_TRUE(it->proper);
  EXPECT_FALSE(it->sentence_start);
}

TEST(KeywordTermScannerTest, TermKeysFoldCaseAndApostrophes) {
  EXPECT_EQ(KeywordTermKey("Interest Rates"), KeywordTermKey("interest rates"));
  EXPECT_EQ(KeywordTermKey("o’neill"), KeywordTermKey("O'Neill"));
  EXPECT_EQ(KeywordTermKey("MÜLLER"), KeywordTermKey("müller"));
  EXPECT_NE(KeywordTermKey("interest rates"), KeywordTermKey("rates interest"));
  EXPECT_NE(KeywordTermKey("rate"), KeywordTermKey("rates"));
  const auto occurrences = Scan("Herr Müller and O’Neill");
  ASSERT_FALSE(occurrences.empty());
  EXPECT_TRUE(std::any_of(occurrences.begin(), occurrences.end(),
                          [](const auto& o) { return o.key == KeywordTermKey("müller"); }));
  EXPECT_TRUE(std::any_of(occurrences.begin(), occurrences.end(),
                          [](const auto& o) { return o.key == KeywordTermKey("o'neill"); }));
}

TEST(KeywordTermScannerTest, AnyBytesAreSafe) {
  std::string noise;
  for (int i = 0; i < 20000; ++i) noise.push_back(static_cast<char>((i * 7919) % 256));
  noise += "שלום עולם 你好世界 🙂🙂 \xFF\xFE Café crème";
  const auto occurrences = Scan(noise);
  for (const auto& o : occurrences) {
    EXPECT_LE(o.begin, o.end);
    EXPECT_LE(o.end, noise.size());
  }
  EXPECT_TRUE(Scan("").empty());
}

class KeywordBackgroundFileTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) const {
    const fs::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }
  ScopedTempDir temp_{"keyword_background_test"};
  const fs::path& dir_ = temp_.path();
};

TEST_F(KeywordBackgroundFileTest, BuilderCountsDocumentsNotMentionsAndPrunes) {
  KeywordBackgroundBuilder builder(2);
  builder.AddDocument("Steel prices rose. Steel prices fell. Steel prices rose again.");
  builder.AddDocument("Steel prices and coal prices.");
  builder.AddDocument("Coal mines closed.");
  EXPECT_EQ(builder.documents(), 3u);
  const auto background = builder.Build();
  EXPECT_EQ(background->documents(), 3u);
  EXPECT_EQ(background->min_df(), 2u);
  EXPECT_EQ(background->DocumentFrequency("steel prices"), 2u);
  EXPECT_EQ(background->DocumentFrequency("prices"), 2u);
  EXPECT_EQ(background->DocumentFrequency("coal"), 2u);
  EXPECT_EQ(background->DocumentFrequency("Coal"), 2u);
  EXPECT_EQ(background->DocumentFrequency("mines"), 0u);  // one document: pruned
  EXPECT_EQ(background->DocumentFrequency("closed"), 0u);
}

TEST_F(KeywordBackgroundFileTest, SaveThenLoadKeepsEverything) {
  KeywordBackgroundBuilder builder(1);
  builder.AddDocument("The Bank of England kept interest rates on hold.");
  builder.AddDocument("Interest rates rose in Zürich.");
  const auto built = builder.Build();
  const std::string path = (dir_ / "roundtrip.tsv").string();
  std::string error;
  ASSERT_TRUE(built->Save(path, &error)) << error;
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  EXPECT_EQ(header, "newsflow-keyword-background\t1\tdocuments=2\tmin_df=1");
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "interest\t2");  // highest df first, then by term

  const auto loaded = KeywordBackground::Load(path, &error);
  ASSERT_NE(loaded, nullptr) << error;
  EXPECT_EQ(loaded->documents(), 2u);
  EXPECT_EQ(loaded->size(), built->size());
  EXPECT_EQ(loaded->DocumentFrequency("interest rates"), 2u);
  EXPECT_EQ(loaded->DocumentFrequency("bank of england"), 1u);
  EXPECT_EQ(loaded->DocumentFrequency("zürich"), 1u);
  EXPECT_EQ(loaded->DocumentFrequency("ZÜRICH"), 1u);
  EXPECT_EQ(loaded->DocumentFrequency("unheard"), 0u);
}

TEST_F(KeywordBackgroundFileTest, LoadErrorsNameTheFileAndLine) {
  std::string error;
  EXPECT_EQ(KeywordBackground::Load((dir_ / "missing.tsv").string(), &error), nullptr);
  EXPECT_NE(error.find("missing.tsv"), std::string::npos) << error;

  struct Case {
    const char* content;
    const char* where;
  };
  const std::string header = "newsflow-keyword-background\t1\tdocuments=10\tmin_df=3\n";
  const Case cases[] = {
      {"", ":1:"},
      {"term\t3\n", ":1:"},
      {"newsflow-keyword-background\t2\tdocuments=10\tmin_df=3\n", ":1:"},
      {"newsflow-keyword-background\t1\tdocuments=x\tmin_df=3\n", ":1:"},
      {"newsflow-keyword-background\t1\tdocuments=10\n", ":1:"},
  };
  for (const Case& c : cases) {
    const std::string path = Write("bad.tsv", c.content);
    EXPECT_EQ(KeywordBackground::Load(path, &error), nullptr) << c.content;
    EXPECT_NE(error.find(path + c.where), std::string::npos) << error;
  }
  const Case body_cases[] = {
      {"steel\t3\nno tab here\n", ":3:"},
      {"steel\t3\ncoal\tmany\n", ":3:"},
      {"steel\t0\n", ":2:"},
      {"steel\t11\n", ":2:"},  // more than the documents
      {"\t4\n", ":2:"},
      {"steel\t3\ta\n", ":2:"},
      {"steel\t3\ncoal\t4\nSteel\t5\n", ":4:"},  // duplicate after folding
  };
  for (const Case& c : body_cases) {
    const std::string path = Write("bad.tsv", header + c.content);
    EXPECT_EQ(KeywordBackground::Load(path, &error), nullptr) << c.content;
    EXPECT_NE(error.find(path + c.where), std::string::npos) << error;
  }
  const std::string good = Write("good.tsv", header + "steel\t3\ncoal\t4\r\n");
  const auto background = KeywordBackground::Load(good, &error);
  ASSERT_NE(background, nullptr) << error;
  EXPECT_EQ(background->DocumentFrequency("coal"), 4u);
}

TEST(KeywordBackgroundShippedTest, ShippedBackgroundLoadsAndIsSmall) {
  const std::string path = NEWSFLOW_SOURCE_DIR "/models/keywords/background.tsv";
  std::error_code ec;
  const auto bytes = fs::file_size(path, ec);
  ASSERT_FALSE(ec) << path;
  EXPECT_LT(bytes, 2u * 1024 * 1024);
  std::string error;
  const auto background = KeywordBackground::Load(path, &error);
  ASSERT_NE(background, nullptr) << error;
  EXPECT_GT(background->documents(), 10000u);
  EXPECT_GT(background->DocumentFrequency("government"),
            background->DocumentFrequency("interest rates"));
  EXPECT_GT(background->DocumentFrequency("interest rates"), 0u);
}

}  // namespace
}  // namespace newsflow
