#include "tagging/keyword_extractor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cleaning/text_normalize.h"

namespace newsflow {
namespace {

// A background corpus written for these tests: generic news sentences in
// most documents, a few finance phrases in some, never "quantum widget".
std::shared_ptr<const KeywordBackground> TestBackground() {
  static const std::shared_ptr<const KeywordBackground> background = [] {
    const char* common[] = {
        "The government said the market would improve next year.",
        "The company reported its results to investors and the market.",
        "Officials met in the city to discuss the plan with the government.",
        "Prices in the market changed little as the company waited.",
        "The president spoke to reporters about the plan and the economy.",
        "People in the city said the weather was cold and the roads were closed.",
    };
    KeywordBackgroundBuilder builder(2);
    for (int d = 0; d < 200; ++d) {
      std::string doc;
      for (int s = 0; s < 3; ++s) doc += std::string(common[(d + s * 2) % 6]) + " ";
      if (d % 10 == 0) doc += "Interest rates were discussed by the Bank of England. ";
      if (d % 7 == 0) doc += "Inflation and consumer spending were in the news. ";
      if (d % 25 == 0) doc += "The pound fell against the dollar. ";
      builder.AddDocument(doc);
    }
    return std::shared_ptr<const KeywordBackground>(builder.Build());
  }();
  return background;
}

std::vector<KeywordTag> Extract(std::string_view title, std::string_view text, int max = 10) {
  KeywordExtractor extractor(TestBackground());
  std::vector<KeywordTag> out;
  extractor.Extract(title, text, max, &out);
  return out;
}

int RankOf(const std::vector<KeywordTag>& tags, std::string_view phrase) {
  for (size_t i = 0; i < tags.size(); ++i) {
    if (tags[i].phrase == phrase) return static_cast<int>(i);
  }
  return -1;
}

std::string Describe(const std::vector<KeywordTag>& tags) {
  std::string s;
  for (const auto& t : tags) s += t.phrase + " (" + std::to_string(t.score) + "); ";
  return s;
}

constexpr const char* kFinance =
    "The Bank of England held interest rates at 4.75% on Thursday. Economists had expected the "
    "Bank of England to keep interest rates on hold because inflation remains close to its "
    "target. The market reacted calmly, and the pound was little changed against the dollar. "
    "Some analysts said interest rates could rise later in the year if consumer spending stays "
    "strong.";

TEST(KeywordExtractorTest, FinanceParagraphGivesItsKeyPhrasesInTheirWrittenCase) {
  const auto tags = Extract("", kFinance);
  const int rates = RankOf(tags, "interest rates");
  const int bank = RankOf(tags, "Bank of England");
  EXPECT_GE(rates, 0) << Describe(tags);
  EXPECT_LT(rates, 3) << Describe(tags);
  EXPECT_GE(bank, 0) << Describe(tags);
  EXPECT_LT(bank, 3) << Describe(tags);
  // The pieces of a phrase that was kept are not repeated.
  EXPECT_EQ(RankOf(tags, "England"), -1) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "rates"), -1) << Describe(tags);
}

TEST(KeywordExtractorTest, StopwordsNumbersAndFillerNeverComeOut) {
  const std::string text =
      std::string(kFinance) +
      " He said on Monday that Mr Brown also told them about it. It was the first time in 2004 "
      "that they said so, according to the copyright notice. Click here for the newsletter. "
      "They said, they said, they said.";
  const auto tags = Extract("Mr Brown said on Monday", text, 20);
  ASSERT_FALSE(tags.empty());
  for (const KeywordTag& tag : tags) {
    std::istringstream words(FoldKeywordTerm(tag.phrase, 0, tag.phrase.size()));
    std::string word;
    while (words >> word) {
      if (word == "of") continue;  // inside "Bank of England"
      EXPECT_FALSE(IsKeywordStopword(word)) << tag.phrase;
      EXPECT_FALSE(word[0] >= '0' && word[0] <= '9') << tag.phrase;
    }
  }
  EXPECT_EQ(RankOf(tags, "said"), -1);
  EXPECT_EQ(RankOf(tags, "Mr Brown"), -1);
  EXPECT_GE(RankOf(tags, "Brown"), 0) << Describe(tags);
}

TEST(KeywordExtractorTest, RepeatedRarePhraseBeatsCommonWord) {
  const std::string text =
      "The market opened early. The market watched a quantum widget being tested. The market "
      "traded shares, and the quantum widget was sold all day. The market closed late. Buyers "
      "of the quantum widget queued.";
  const auto tags = Extract("", text);
  const int rare = RankOf(tags, "quantum widget");
  const int common = RankOf(tags, "market");
  ASSERT_GE(rare, 0) << Describe(tags);
  EXPECT_TRUE(common == -1 || rare < common) << Describe(tags);
}

TEST(KeywordExtractorTest, OnlyTheFirstQuarterMegabyteIsRead) {
  std::string text;
  while (text.size() < kMaxKeywordTextBytes + 10) text += "The harbour board met again. ";
  std::string late = text;
  for (int i = 0; i < 2000; ++i) late += "The quantum widget shipped. ";
  const auto tags = Extract("", late);
  EXPECT_GE(RankOf(tags, "harbour board met"), 0) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "quantum widget"), -1) << "beyond the limit: " << Describe(tags);
  for (const KeywordTag& tag : tags) {
    for (const TextSpan& span : tag.mentions) EXPECT_LE(span.end, kMaxKeywordTextBytes);
  }
}

TEST(KeywordExtractorTest, CommonWordLosesToRarerWordsWithTheSameCount) {
  // "government" is in most background documents, "shipyard" in none.
  const auto tags =
      Extract("", "The government visited a shipyard. The government left the shipyard.");
  const int rare = RankOf(tags, "shipyard");
  const int common = RankOf(tags, "government");
  ASSERT_GE(rare, 0) << Describe(tags);
  EXPECT_TRUE(common == -1 || rare < common) << Describe(tags);
}

TEST(KeywordExtractorTest, MentionSpansPointAtThePhrase) {
  const std::string text = kFinance;
  const auto tags = Extract("", text);
  ASSERT_FALSE(tags.empty());
  for (const KeywordTag& tag : tags) {
    ASSERT_FALSE(tag.mentions.empty()) << tag.phrase;
    const std::string folded = FoldKeywordTerm(tag.phrase, 0, tag.phrase.size());
    size_t previous = 0;
    for (const TextSpan& span : tag.mentions) {
      ASSERT_LE(span.end, text.size());
      EXPECT_GE(span.begin, previous) << tag.phrase;  // text order
      previous = span.begin;
      EXPECT_EQ(
          FoldKeywordTerm(text, static_cast<uint32_t>(span.begin), static_cast<uint32_t>(span.end)),
          folded);
    }
  }
  const int bank = RankOf(tags, "Bank of England");
  ASSERT_GE(bank, 0);
  ASSERT_EQ(tags[static_cast<size_t>(bank)].mentions.size(), 2u);
  const TextSpan first = tags[static_cast<size_t>(bank)].mentions[0];
  EXPECT_EQ(first.begin, 4u);
  EXPECT_EQ(first.end, 4u + std::string("Bank of England").size());
  const int rates = RankOf(tags, "interest rates");
  ASSERT_GE(rates, 0);
  EXPECT_EQ(tags[static_cast<size_t>(rates)].mentions.size(), 3u);
}

TEST(KeywordExtractorTest, ScoresAreNormalizedBestFirst) {
  const auto tags = Extract("", kFinance, 5);
  ASSERT_EQ(tags.size(), 5u);
  EXPECT_DOUBLE_EQ(tags[0].score, 1.0);
  for (size_t i = 1; i < tags.size(); ++i) {
    EXPECT_LE(tags[i].score, tags[i - 1].score);
    EXPECT_GT(tags[i].score, 0);
  }
  EXPECT_EQ(Extract("", kFinance, 2).size(), 2u);
}

TEST(KeywordExtractorTest, EmptyInputsGiveNothing) {
  EXPECT_TRUE(Extract("", "").empty());
  EXPECT_TRUE(Extract("Interest rates", "").empty());  // the title alone is not enough
  EXPECT_TRUE(Extract("", kFinance, 0).empty());
  EXPECT_TRUE(Extract("", "the of and, 2004; 13 %").empty());
}

TEST(KeywordExtractorTest, OutputIsReplacedOnEveryCall) {
  KeywordExtractor extractor(TestBackground());
  std::vector<KeywordTag> out = {{"stale", 1.0, {}}};
  extractor.Extract("", "", 10, &out);
  EXPECT_TRUE(out.empty());
  extractor.Extract("", kFinance, 10, &out);
  const auto first = out;
  extractor.Extract("", "A shipyard and a shipyard.", 10, &out);
  extractor.Extract("", kFinance, 10, &out);
  ASSERT_EQ(out.size(), first.size());
  for (size_t i = 0; i < out.size(); ++i) EXPECT_EQ(out[i].phrase, first[i].phrase);
}

TEST(KeywordExtractorTest, ANameIsReportedOnce) {
  const std::string text =
      "Benjamin Netanyahu visited the shipyard. Netanyahu met workers, and later Netanyahu spoke "
      "about ships. Reporters asked Netanyahu about the visit.";
  const auto tags = Extract("", text);
  const bool full = RankOf(tags, "Benjamin Netanyahu") >= 0;
  const bool last = RankOf(tags, "Netanyahu") >= 0;
  EXPECT_TRUE(full != last) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "Benjamin"), -1) << Describe(tags);
}

TEST(KeywordExtractorTest, ANameMostlyWrittenInFullIsReportedInFull) {
  const std::string text =
      "Ossie Varga opened the shipyard. Ossie Varga thanked the workers, and Varga left. Later "
      "Ossie Varga returned.";
  const auto tags = Extract("", text);
  const int full = RankOf(tags, "Ossie Varga");
  ASSERT_GE(full, 0) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "Varga"), -1) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "Ossie"), -1) << Describe(tags);
  // The bare "Varga" is one of its mentions.
  EXPECT_EQ(tags[static_cast<size_t>(full)].mentions.size(), 4u);
}

// The text slices of a keyword's mentions.
std::vector<std::string> MentionTexts(const std::string& text, const KeywordTag& tag) {
  std::vector<std::string> out;
  for (const auto& m : tag.mentions) out.push_back(text.substr(m.begin, m.end - m.begin));
  return out;
}

TEST(KeywordExtractorTest, ANameAfterOfIsNotAMentionOfTheLongerName) {
  // "Utopia" is a country of its own, not a short form of the central bank.
  const std::string text =
      "The Bank of Utopia raised rates. Utopia exported more ships, and the Bank of Utopia said "
      "growth in Utopia was strong. The Bank of Utopia meets again soon.";
  const auto tags = Extract("", text);
  const int bank = RankOf(tags, "Bank of Utopia");
  ASSERT_GE(bank, 0) << Describe(tags);
  EXPECT_EQ(MentionTexts(text, tags[static_cast<size_t>(bank)]),
            std::vector<std::string>(3, "Bank of Utopia"));
}

TEST(KeywordExtractorTest, TheStartOfANameWithOfIsStillItsMention) {
  const std::string text =
      "The Bank of Utopia raised rates. The Bank said inflation was high, and the Bank of Utopia "
      "expects more. The Bank of Utopia meets again soon.";
  const auto tags = Extract("", text);
  const int bank = RankOf(tags, "Bank of Utopia");
  ASSERT_GE(bank, 0) << Describe(tags);
  EXPECT_EQ(
      MentionTexts(text, tags[static_cast<size_t>(bank)]),
      (std::vector<std::string>{"Bank of Utopia", "Bank", "Bank of Utopia", "Bank of Utopia"}));
}

TEST(KeywordExtractorTest, AnAbsorbedPartInsideAnotherNameIsNotTheAbsorbingNamesMention) {
  // "Varga" alone is Ossie Varga; the "Varga" of "Varga Shipping" is not.
  const std::string text =
      "Ossie Varga opened the yard. Ossie Varga thanked the workers, and Varga left. Varga "
      "Shipping "
      "sent a card. Later Ossie Varga returned.";
  const auto tags = Extract("", text);
  const int full = RankOf(tags, "Ossie Varga");
  ASSERT_GE(full, 0) << Describe(tags);
  const std::vector<std::string> mentions = MentionTexts(text, tags[static_cast<size_t>(full)]);
  EXPECT_EQ(mentions,
            (std::vector<std::string>{"Ossie Varga", "Ossie Varga", "Varga", "Ossie Varga"}));
}

TEST(KeywordExtractorTest, OverlappingNamesAreReportedOnce) {
  const std::string text =
      "Listeners of BBC Radio Five heard the final. The match was on Radio Five Live, and BBC "
      "Radio Five replayed it. Radio Five Live listeners cheered.";
  const auto tags = Extract("", text);
  const bool first = RankOf(tags, "BBC Radio Five") >= 0;
  const bool second = RankOf(tags, "Radio Five Live") >= 0;
  EXPECT_TRUE(first != second) << Describe(tags);
}

TEST(KeywordExtractorTest, ALongerPhraseAfterItsBetterPartIsDropped) {
  // "shipyard" scores higher than "shipyard cranes" (more mentions); the
  // phrase adds little and is not reported next to it.
  const std::string text =
      "The shipyard reopened. Shipyard cranes moved again, the shipyard hired welders, and "
      "shipyard cranes were painted. Visitors toured the shipyard.";
  const auto tags = Extract("", text);
  ASSERT_GE(RankOf(tags, "shipyard"), 0) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "shipyard cranes"), -1) << Describe(tags);
  EXPECT_GE(RankOf(tags, "cranes"), -1);
}

TEST(KeywordExtractorTest, SingularAndPluralAreOneKeyword) {
  const auto tags = Extract("", "Turbines failed. One turbine was old. The turbines stopped.");
  const int plural = RankOf(tags, "turbines");
  const int singular = RankOf(tags, "turbine");
  ASSERT_TRUE(plural >= 0 || singular >= 0) << Describe(tags);
  EXPECT_FALSE(plural >= 0 && singular >= 0) << Describe(tags);
  const auto& tag = tags[static_cast<size_t>(std::max(plural, singular))];
  EXPECT_EQ(tag.mentions.size(), 3u);
}

TEST(KeywordExtractorTest, SentenceInitialCapitalsDoNotDecideTheCase) {
  const auto tags = Extract(
      "", "Wind farms grew. Critics of wind farms spoke. Supporters of wind farms replied.");
  EXPECT_GE(RankOf(tags, "wind farms"), 0) << Describe(tags);
  EXPECT_EQ(RankOf(tags, "Wind farms"), -1) << Describe(tags);
}

TEST(KeywordExtractorTest, TitleMentionsWeighMore) {
  const std::string text = "A nickel mine opened near a cobalt mine. Nickel and cobalt prices.";
  const auto plain = Extract("", text);
  ASSERT_GE(RankOf(plain, "nickel"), 0) << Describe(plain);
  ASSERT_GE(RankOf(plain, "cobalt"), 0) << Describe(plain);
  EXPECT_LT(RankOf(plain, "nickel"), RankOf(plain, "cobalt"));  // earlier
  const auto titled = Extract("Cobalt boom", text);
  EXPECT_LT(RankOf(titled, "cobalt"), RankOf(titled, "nickel")) << Describe(titled);
}

TEST(KeywordExtractorTest, AnyBytesAreSafeAndLinear) {
  std::string text;
  // Random bytes, within the part that is read (kMaxKeywordTextBytes).
  for (int i = 0; i < (1 << 17); ++i) text.push_back(static_cast<char>((i * 2654435761u) >> 24));
  text += "\nשלום עולם 你好世界 🙂 Zürich, in Zürich. Café crème \xC3 \xFF";
  // Many written forms of one word: the choice of the written form is bounded.
  for (int i = 0; i < 100000; ++i)
    text += (i % 3 == 0) ? " Widget" : (i % 3 == 1 ? " WIDGET" : " widget");
  const auto start = std::chrono::steady_clock::now();
  const auto tags = Extract("Zürich ☃", text);
  for (const auto& tag : tags)
    EXPECT_EQ(tag.phrase.find("idget w"), std::string::npos) << tag.phrase;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 5.0);
  for (const auto& tag : tags) {
    for (const auto& span : tag.mentions) EXPECT_LE(span.end, text.size());
  }
  EXPECT_GE(RankOf(tags, "Zürich"), 0) << Describe(tags);
}

// ---- Evaluation on the BBC corpus (read at run time, skipped when absent).
//
// There is no gold keyword data. The proxy: the share of articles whose
// top-5 keywords contain a content word of the title (plurals folded). With
// the title given to the tagger this is partly by construction (title
// mentions weigh more), so the text-only figure is the fairer one.
TEST(KeywordExtractorBbcTest, TopFiveKeywordsContainATitleWord) {
  namespace fs = std::filesystem;
  const fs::path corpus = NEWSFLOW_SOURCE_DIR "/../shared/data/topics/bbc";
  // NEWSFLOW_KEYWORDS_BACKGROUND evaluates another background file (e.g.
  // one built without the BBC articles, to see the effect of their own
  // counts being in the shipped one).
  const char* override_model = std::getenv("NEWSFLOW_KEYWORDS_BACKGROUND");
  const std::string model =
      override_model != nullptr
          ? std::string(override_model)
          : std::string(NEWSFLOW_SOURCE_DIR "/models/keywords/background.tsv");
  std::error_code ec;
  if (!fs::is_directory(corpus, ec)) GTEST_SKIP() << "no BBC corpus at " << corpus;
  std::string error;
  std::shared_ptr<const KeywordBackground> background = KeywordBackground::Load(model, &error);
  ASSERT_NE(background, nullptr) << error;
  KeywordExtractor extractor(background);
  // Generic: in at least 2% of the shipped background's documents (the
  // shipped file, whichever background is evaluated).
  std::shared_ptr<const KeywordBackground> shipped =
      KeywordBackground::Load(NEWSFLOW_SOURCE_DIR "/models/keywords/background.tsv", &error);
  ASSERT_NE(shipped, nullptr) << error;
  double cpu_seconds = 0;  // in Extract, with the title
  size_t text_bytes = 0;
  size_t top5 = 0;
  size_t generic = 0;

  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(corpus, ec)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 2000u);

  auto stem = [](std::string w) {
    if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
    return w;
  };
  const char* junk[] = {"said",    "also",      "mr",        "mrs",    "monday",
                        "tuesday", "wednesday", "thursday",  "friday", "saturday",
                        "sunday",  "bbc news",  "copyright", "click",  "newsletter",
                        "year",    "years",     "people",    "told"};
  size_t with_title = 0;
  size_t text_only = 0;
  size_t keywords = 0;
  size_t junk_found = 0;
  std::vector<KeywordTag> tags;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string raw = buffer.str();
    const size_t newline = raw.find('\n');
    ASSERT_NE(newline, std::string::npos) << file;
    const std::string title = raw.substr(0, newline);
    const std::string text = NormalizeParagraphs(raw.substr(newline + 1));
    std::vector<std::string> title_words;
    {
      std::istringstream words(FoldKeywordTerm(title, 0, static_cast<uint32_t>(title.size())));
      std::string w;
      while (words >> w) {
        while (!w.empty() && !std::isalnum(static_cast<unsigned char>(w.back()))) w.pop_back();
        while (!w.empty() && !std::isalnum(static_cast<unsigned char>(w.front()))) w.erase(0, 1);
        if (w.size() > 2 && w.substr(w.size() - 2) == "'s") w.resize(w.size() - 2);
        if (!w.empty() && !IsKeywordStopword(w)) title_words.push_back(stem(w));
      }
    }
    auto hit = [&](const std::vector<KeywordTag>& found) {
      for (size_t k = 0; k < found.size() && k < 5; ++k) {
        std::istringstream words(
            FoldKeywordTerm(found[k].phrase, 0, static_cast<uint32_t>(found[k].phrase.size())));
        std::string w;
        while (words >> w) {
          if (std::find(title_words.begin(), title_words.end(), stem(w)) != title_words.end()) {
            return true;
          }
        }
      }
      return false;
    };
    const std::clock_t before = std::clock();
    extractor.Extract(title, text, 10, &tags);
    cpu_seconds += static_cast<double>(std::clock() - before) / CLOCKS_PER_SEC;
    text_bytes += text.size();
    with_title += hit(tags);
    keywords += tags.size();
    for (const KeywordTag& tag : tags) {
      const std::string folded = FoldKeywordTerm(tag.phrase, 0, tag.phrase.size());
      bool is_junk = folded[0] >= '0' && folded[0] <= '9';
      for (const char* j : junk) is_junk = is_junk || folded == j;
      if (is_junk && junk_found < 20)
        std::printf("junk keyword: %s (%s)\n", tag.phrase.c_str(), file.c_str());
      junk_found += is_junk;
    }
    for (size_t k = 0; k < tags.size() && k < 5; ++k) {
      ++top5;
      generic += shipped->DocumentFrequency(FoldKeywordTerm(
                     tags[k].phrase, 0, static_cast<uint32_t>(tags[k].phrase.size()))) *
                     50 >=
                 shipped->documents();
    }
    extractor.Extract("", text, 10, &tags);
    text_only += hit(tags);
  }
  const double n = static_cast<double>(files.size());
  std::printf(
      "BBC keywords (%s): %zu articles, %.2f keywords each; top-5 holds a title word: %.3f with "
      "the title given, %.3f from the text alone; generic (df >= 2%%) top-5 keywords: %.3f; "
      "junk keywords: %zu; %.1f us per article, %.1f us per 3 KB (CPU)\n",
      model.c_str(), files.size(), keywords / n, with_title / n, text_only / n,
      static_cast<double>(generic) / static_cast<double>(std::max<size_t>(top5, 1)), junk_found,
      cpu_seconds * 1e6 / n, cpu_seconds * 1e6 * 3000 / static_cast<double>(text_bytes));
  RecordProperty("title_word_in_top5_with_title", std::to_string(with_title / n));
  RecordProperty("title_word_in_top5_text_only", std::to_string(text_only / n));
  EXPECT_EQ(junk_found, 0u);
  EXPECT_GT(text_only / n, 0.75);
  EXPECT_GT(with_title / n, 0.9);
}

}  // namespace
}  // namespace newsflow
