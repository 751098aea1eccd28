#include "cleaning/residue_repair.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cleaning/text_normalize.h"

namespace newsflow {
namespace {

std::string Repaired(const std::string& text) { return RepairCopyEditResidue(text).text; }

std::vector<std::string> Kinds(const std::string& text) {
  std::vector<std::string> kinds;
  for (const Repair& repair : RepairCopyEditResidue(text).repairs) kinds.push_back(repair.kind);
  return kinds;
}

void ExpectUnchanged(const std::string& text) {
  const ResidueRepairResult result = RepairCopyEditResidue(text);
  EXPECT_EQ(result.text, text);
  EXPECT_TRUE(result.repairs.empty())
      << result.repairs.front().kind << ": " << result.repairs.front().before;
}

// ---- stray letters

TEST(ResidueRepair, StrayLowercaseLetterBeforeSentenceStartIsRemoved) {
  EXPECT_EQ(Repaired("Prices rose. t The index fell."), "Prices rose. The index fell.");
  EXPECT_EQ(Repaired("t The index fell."), "The index fell.");
  EXPECT_EQ(Kinds("Prices rose. t The index fell."), std::vector<std::string>{"stray_letter"});
}

TEST(ResidueRepair, StrayLetterAfterAnOldOpeningDeletesTheOpening) {
  EXPECT_EQ(Repaired("Wages were flat. Under the new rules, t The agency will hire staff."),
            "Wages were flat. The agency will hire staff.");
  EXPECT_EQ(Repaired("Under the new rules, t The agency will hire staff."),
            "The agency will hire staff.");
}

TEST(ResidueRepair, StrayUppercaseLetterAfterCommaIsRemoved) {
  EXPECT_EQ(Repaired("The port reopened, S since the strike ended."),
            "The port reopened, since the strike ended.");
  EXPECT_EQ(Repaired("We moved to Oslo, A and I found work."),
            "We moved to Oslo, and I found work.");
  EXPECT_EQ(Kinds("The port reopened, S since the strike ended."),
            std::vector<std::string>{"stray_letter"});
}

TEST(ResidueRepair, StrayIBeforeAWordNoPronounPrecedesIsRemoved) {
  EXPECT_EQ(Repaired("Rates fell, I including mortgages."), "Rates fell, including mortgages.");
  EXPECT_EQ(Repaired("Sales rose, I increasing margins."), "Sales rose, increasing margins.");
  EXPECT_EQ(Repaired("Rates fell, I if I recall."), "Rates fell, if I recall.");
}

TEST(ResidueRepair, PronounIIsKept) {
  ExpectUnchanged("He said, I intend to stay. When I invited them, I insisted on it.");
  ExpectUnchanged("\"I imagine so,\" she said. I, for one, agree.");
}

TEST(ResidueRepair, ArticleABeforeACapitalizedNameIsKept) {
  ExpectUnchanged("They drove a Audi to the station.");
  ExpectUnchanged("Is this a Apple product, or a Acme one?");
}

TEST(ResidueRepair, LettersStandingForWordsAreKept) {
  ExpectUnchanged("Chelsea v Villa kicks off at three.");
  ExpectUnchanged("Prices at A and P rose, the chain said.");
  ExpectUnchanged("The team picked D dal Maso and J van Dijk.");
  ExpectUnchanged("Plan B backers met, then Group C came.");
}

TEST(ResidueRepair, InitialsAndAbbreviationsAreKept) {
  ExpectUnchanged("A. B. Smith and J. R. Jones met U.S. officials, the U.K. envoy said.");
  ExpectUnchanged("The deal, worth $5 bn, closed at 9 a.m., the U.S. firm said.");
}

TEST(ResidueRepair, ListItemsAndEllipsesAreKept) {
  ExpectUnchanged("Options: a) rent, b) buy, c) wait.");
  ExpectUnchanged("He paused . . . then spoke again . . .");
  ExpectUnchanged("Wait... what? Yes...");
}

TEST(ResidueRepair, NumbersAreKept) {
  ExpectUnchanged("It cost 1,000.50 dollars, up from 987.25, or 1.5%.");
  ExpectUnchanged("Scores were 3-1, 2-2 and 0-0.");
}

TEST(ResidueRepair, OtherScriptsAreKept) {
  ExpectUnchanged("Москва, Россия. Он сказал: а А.");
  ExpectUnchanged("東京は大きい。 مرحبا بالعالم، قال. 🎉 a 🎉");
  ExpectUnchanged("Ελλάδα, ε Ε, και Ω.");
}

// ---- doubled initials

TEST(ResidueRepair, DoubledInitialIsRepaired) {
  EXPECT_EQ(Repaired("The firm Bbought a rival."), "The firm bought a rival.");
  EXPECT_EQ(Repaired("Exports fell, Aaccording to the ministry. Imports rose, according to data."),
            "Exports fell, according to the ministry. Imports rose, according to data.");
  EXPECT_EQ(Kinds("The firm Bbought a rival."), std::vector<std::string>{"doubled_initial"});
}

TEST(ResidueRepair, GluedLowercaseInitialBeforeSentenceStartIsRepaired) {
  EXPECT_EQ(Repaired("Profits rose. tThe company said so."), "Profits rose. The company said so.");
}

TEST(ResidueRepair, NamesWithDoubledInitialsAreKept) {
  ExpectUnchanged("Aaron Smith met Lloyd Evans in Llanelli and later in Aachen.");
  ExpectUnchanged("Ooh, said the crowd as Oona sang about a Llama named Eerie.");
  ExpectUnchanged("The Dalai Lama saw a Llama. Lloyds rose; shares in Lloyds fell.");
  ExpectUnchanged("Aaron said so, and Aaron did it.");
}

// ---- replaced words

TEST(ResidueRepair, ReplacedApproximatorBeforeANumberIsRemoved) {
  EXPECT_EQ(Repaired("Output was some about $4.7 billion last year."),
            "Output was about $4.7 billion last year.");
  EXPECT_EQ(Repaired("It employs roughly nearly 900 people."), "It employs nearly 900 people.");
  EXPECT_EQ(Kinds("Output was some about $4.7 billion."),
            std::vector<std::string>{"replaced_word"});
}

TEST(ResidueRepair, ReplacedDeterminerIsRemoved) {
  EXPECT_EQ(Repaired("He referred to its a March report."), "He referred to a March report.");
  EXPECT_EQ(Repaired("They sold the its stake."), "They sold its stake.");
  EXPECT_EQ(Repaired("The board will would vote."), "The board would vote.");
}

TEST(ResidueRepair, GrammaticalNeighboursOfClosedClassWordsAreKept) {
  ExpectUnchanged("I think its a shame, and whether its the end is unclear.");
  ExpectUnchanged("Is this a joke? Makes this a record.");
  ExpectUnchanged("Staff worried about some 500 jobs, around some 20 sites.");
  ExpectUnchanged("It was the a priori case, sung a cappella.");
  ExpectUnchanged("They gave her a book and told her the news.");
  ExpectUnchanged("Some about to retire said so.");
}

// ---- duplicated clauses

TEST(ResidueRepair, MovedClauseKeepsTheLaterCopy) {
  const std::string text =
      "Since the merger in May, t The bank has cut 200 jobs, S since the merger in May. , t";
  EXPECT_EQ(Repaired(text), "The bank has cut 200 jobs, since the merger in May.");
  const std::vector<std::string> kinds = Kinds(text);
  EXPECT_NE(std::find(kinds.begin(), kinds.end(), "duplicate_clause"), kinds.end());
}

TEST(ResidueRepair, MovedClauseWithDoubledInitialAndOrphanStop) {
  EXPECT_EQ(Repaired("Officials said. According to a May 2 report, t The mill will close in "
                     "spring., Aaccording to a May 2 report. , t"),
            "Officials said. The mill will close in spring, according to a May 2 report.");
}

TEST(ResidueRepair, MovedClauseWithoutStrayLetterNeedsAClauseAlignedLaterCopy) {
  EXPECT_EQ(Repaired("Officials said on Monday, The ministry will spend $5 million, officials "
                     "said on Monday."),
            "The ministry will spend $5 million, officials said on Monday.");
  EXPECT_EQ(Kinds("Officials said on Monday, The ministry will spend $5 million, Oofficials "
                  "said on Monday.")
                .front(),
            "duplicate_clause");
  ExpectUnchanged("In the end, The Who played a long set. It was the end of an era.");
  ExpectUnchanged("At the time, The Times said it was the time to act.");
}

TEST(ResidueRepair, OpeningIsNotDeletedAcrossAnAmbiguousPeriod) {
  // "U.S." may end a sentence; only the stray letter goes.
  EXPECT_EQ(Repaired("He met the U.S. Trade Representative in Geneva, t The talks went on."),
            "He met the U.S. Trade Representative in Geneva, The talks went on.");
}

TEST(ResidueRepair, RepeatedPhrasesWithoutResidueAreKept) {
  ExpectUnchanged(
      "At the end of the day, the deal closed. At the end of the day, the board agreed.");
}

// ---- orphan punctuation

TEST(ResidueRepair, OrphanPunctuationIsRemoved) {
  EXPECT_EQ(Repaired("It grew in security., according to the bank."),
            "It grew in security, according to the bank.");
  EXPECT_EQ(Repaired("It grew 2.1%., analysts said."), "It grew 2.1%, analysts said.");
  EXPECT_EQ(Repaired("The talks ended. , t"), "The talks ended.");
  EXPECT_EQ(Repaired("The talks ended. , t Then rain fell."), "The talks ended. Then rain fell.");
  EXPECT_EQ(Repaired("The talks ended , and rain fell."), "The talks ended, and rain fell.");
  EXPECT_EQ(Repaired("The talks ended,. Rain fell."), "The talks ended. Rain fell.");
  EXPECT_EQ(Repaired("The talks ended, t"), "The talks ended.");
  EXPECT_EQ(Kinds("The talks ended. , t"), std::vector<std::string>{"orphan_punctuation"});
}

TEST(ResidueRepair, AbbreviationPeriodsBeforeCommasAreKept) {
  ExpectUnchanged("Acme Inc., based in Elkhart, Ind., and Foo Corp., of Austin, Tex., agreed.");
  ExpectUnchanged("Talks with the U.S., Japan and others, etc., went on.");
  ExpectUnchanged("Units of Acme LLC., the parent, said so.");
}

// ---- result shape

TEST(ResidueRepair, RepairsCarryKindAndExcerpts) {
  const ResidueRepairResult result = RepairCopyEditResidue("Prices rose. t The index fell.");
  ASSERT_EQ(result.repairs.size(), 1u);
  EXPECT_EQ(result.repairs[0].kind, "stray_letter");
  EXPECT_NE(result.repairs[0].before.find("t The"), std::string::npos);
  EXPECT_EQ(result.repairs[0].after.find("t The"), std::string::npos);
  EXPECT_NE(result.repairs[0].after.find("The index"), std::string::npos);
  EXPECT_LE(result.repairs[0].before.size(), 60u);
}

TEST(ResidueRepair, CleanTextComesBackUnchanged) {
  ExpectUnchanged(
      "LONDON — The central bank held rates on Thursday, citing a slowdown in lending.\n\n"
      "\"We are not there yet,\" the governor said. Some 40 economists polled had expected it; "
      "a few, including two at Acme Capital, had forecast a cut.\n\n"
      "The pound rose 0.3% to $1.27 — its highest in a month — before easing. Analysts at "
      "the firm, which has about 2,000 clients, said the move was \"a close call\".\n\n"
      "Q. What happens next? A. The committee meets again in June.");
}

TEST(ResidueRepair, ParagraphStructureIsKept) {
  const std::string text = "First one, t The end.\n\nSecond Bbought it.\n\nThird, clean.";
  const std::string repaired = Repaired(text);
  EXPECT_EQ(repaired, "The end.\n\nSecond bought it.\n\nThird, clean.");
}

TEST(ResidueRepair, EmptyAndTinyInputs) {
  ExpectUnchanged("");
  ExpectUnchanged("a");
  ExpectUnchanged(",");
  ExpectUnchanged("A");
  ExpectUnchanged("I");
}

TEST(ResidueRepair, AdversarialInputStaysLinear) {
  std::string text;
  while (text.size() < (2u << 20)) text += "One of them, t The word, S since a A its a , . ,, ";
  const ResidueRepairResult result = RepairCopyEditResidue(text);  // must finish quickly
  EXPECT_LT(result.text.size(), text.size());
  std::string repeated;
  while (repeated.size() < (2u << 20)) repeated += "a ";
  ExpectUnchanged(repeated.substr(0, repeated.size() - 1));
}

// ---- the real sample (not part of the project; read at run time)

std::string ReadSample() {
  std::ifstream in(NEWSFLOW_SOURCE_DIR "/../shared/samples/israel-japan-trade.raw.txt");
  if (!in) return "";
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::string> LowerWords(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (!word.empty()) {
      words.push_back(word);
      word.clear();
    }
  }
  return words;
}

TEST(ResidueRepair, RealSampleLosesItsResidueAndKeepsItsSentences) {
  const std::string raw = ReadSample();
  if (raw.empty()) GTEST_SKIP() << "shared sample not available";
  const std::string text = NormalizeParagraphs(raw);
  const ResidueRepairResult result = RepairCopyEditResidue(text);
  EXPECT_FALSE(result.repairs.empty());
  for (const char* residue : {"t The", "S since", "Aaccording", "some about", "its a", ". ,"}) {
    EXPECT_EQ(result.text.find(residue), std::string::npos) << residue;
  }
  EXPECT_EQ(std::count(result.text.begin(), result.text.end(), '\n'),
            std::count(text.begin(), text.end(), '\n'));
  // Every content word of the article is still there (a doubled initial
  // counts as its repaired word).
  const std::vector<std::string> after = LowerWords(result.text);
  const std::set<std::string> kept(after.begin(), after.end());
  for (const std::string& word : LowerWords(text)) {
    if (word.size() < 5) continue;  // content words, not "some" or "its"
    EXPECT_TRUE(kept.count(word) > 0 || kept.count(word.substr(1)) > 0) << word;
  }
  // No paragraph keeps a clause twice: no repeated run of five words.
  size_t begin = 0;
  while (begin <= result.text.size()) {
    size_t end = result.text.find("\n\n", begin);
    if (end == std::string::npos) end = result.text.size();
    const std::vector<std::string> words = LowerWords(result.text.substr(begin, end - begin));
    std::set<std::string> seen;
    for (size_t i = 0; i + 5 <= words.size(); ++i) {
      std::string gram;
      for (size_t k = i; k < i + 5; ++k) gram += words[k] + " ";
      EXPECT_TRUE(seen.insert(gram).second) << gram;
    }
    begin = end + 2;
  }
}

TEST(TokenizeParagraphTest, SplitsOnRunsOfSpacesOnly) {
  const std::string_view p = "  Le  chat,\tnoir ";
  const std::vector<ParagraphToken> tokens = TokenizeParagraph(p);
  ASSERT_EQ(tokens.size(), 2u);  // no empty token for the leading or trailing spaces
  EXPECT_EQ(p.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Le");
  EXPECT_EQ(p.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "chat,\tnoir");
}

}  // namespace
}  // namespace newsflow
