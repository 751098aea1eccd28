#include "tagging/conll.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsflow {
namespace {

constexpr std::string_view kSample =
    "-DOCSTART- -X- -X- O\n"
    "\n"
    "Maria NNP B-NP B-PER\n"
    "flew VBD B-VP O\n"
    "to TO B-PP O\n"
    "Oslo NNP B-NP B-LOC\n"
    "\n"
    "Done VBN B-VP O\n"
    "\n"
    "-DOCSTART- -X- -X- O\n"
    "\n"
    "Acme NNP B-NP B-ORG\n"
    "Corp NNP I-NP I-ORG\n";

TEST(ConllParse, SplitsDocumentsAndSentencesAndReadsFirstAndLastColumns) {
  const ConllCorpus corpus = ParseConll(kSample);
  ASSERT_EQ(corpus.documents.size(), 2u);
  ASSERT_EQ(corpus.documents[0].sentences.size(), 2u);
  ASSERT_EQ(corpus.documents[1].sentences.size(), 1u);
  EXPECT_EQ(corpus.token_count, 7u);
  const ConllSentence& first = corpus.documents[0].sentences[0];
  EXPECT_EQ(first.words, (std::vector<std::string_view>{"Maria", "flew", "to", "Oslo"}));
  EXPECT_EQ(first.last_columns, (std::vector<std::string_view>{"B-PER", "O", "O", "B-LOC"}));
  EXPECT_EQ(first.lines, (std::vector<size_t>{2, 3, 4, 5}));
}

TEST(ConllParse, FileWithoutDocstartIsOneDocumentAndSingleColumnHasNoTag) {
  const ConllCorpus corpus = ParseConll("Hello\nworld\n\n\nAgain\r\n");
  ASSERT_EQ(corpus.documents.size(), 1u);
  ASSERT_EQ(corpus.documents[0].sentences.size(), 2u);
  EXPECT_EQ(corpus.documents[0].sentences[0].last_columns, (std::vector<std::string_view>{"", ""}));
  EXPECT_EQ(corpus.documents[0].sentences[1].words, (std::vector<std::string_view>{"Again"}));
}

TEST(ConllWrite, AppendsTagToTokenLinesAndPassesOtherLinesThrough) {
  const ConllCorpus corpus = ParseConll(kSample);
  std::vector<std::string_view> tags(corpus.lines.size());
  for (const auto& doc : corpus.documents) {
    for (const auto& sentence : doc.sentences) {
      for (size_t i = 0; i < sentence.lines.size(); ++i) {
        tags[sentence.lines[i]] = sentence.last_columns[i];
      }
    }
  }
  tags[0] = "SHOULD-NOT-APPEAR";
  std::string out;
  WriteConllWithTags(corpus, tags, &out);
  EXPECT_TRUE(out.starts_with("-DOCSTART- -X- -X- O\n\nMaria NNP B-NP B-PER B-PER\n")) << out;
  EXPECT_EQ(out.find("SHOULD-NOT-APPEAR"), std::string::npos);
  // Round trip: every line is the input line plus its last column again.
  const ConllCorpus again = ParseConll(out);
  ASSERT_EQ(again.lines.size(), corpus.lines.size());
  for (size_t i = 0; i < corpus.lines.size(); ++i) {
    if (IsConllBlankLine(corpus.lines[i]) || IsConllDocStart(corpus.lines[i])) {
      EXPECT_EQ(again.lines[i], corpus.lines[i]);
    } else {
      EXPECT_EQ(again.lines[i], std::string(corpus.lines[i]) + " " + std::string(tags[i]));
    }
  }
}

std::vector<std::string_view> Tags(std::initializer_list<std::string_view> tags) {
  return std::vector<std::string_view>(tags);
}

TEST(EntitySpans, FollowConllevalChunkRules) {
  EXPECT_EQ(ExtractEntitySpans(Tags({"B-PER", "I-PER", "O", "B-LOC"})),
            (std::vector<EntitySpan>{{0, 2, "PER"}, {3, 4, "LOC"}}));
  // Adjacent B- starts a new entity.
  EXPECT_EQ(ExtractEntitySpans(Tags({"B-PER", "B-PER"})),
            (std::vector<EntitySpan>{{0, 1, "PER"}, {1, 2, "PER"}}));
  // I-X after O or after another type starts an entity (conlleval).
  EXPECT_EQ(ExtractEntitySpans(Tags({"O", "I-ORG", "I-LOC"})),
            (std::vector<EntitySpan>{{1, 2, "ORG"}, {2, 3, "LOC"}}));
  EXPECT_TRUE(ExtractEntitySpans(Tags({"O", "O", "X"})).empty());
}

TEST(EntityScore, CountsExactSpanAndTypeMatchesOnly) {
  EntityScore score;
  // gold: PER[0,2) LOC[3,4); predicted: PER[0,1) (wrong span), LOC[3,4) (right).
  score.AddSentence(Tags({"B-PER", "I-PER", "O", "B-LOC"}), Tags({"B-PER", "O", "O", "B-LOC"}));
  // gold: ORG[0,1); predicted: LOC[0,1) (wrong type), MISC[2,3) (spurious).
  score.AddSentence(Tags({"B-ORG", "O", "O"}), Tags({"B-LOC", "O", "B-MISC"}));
  const EntityCounts& all = score.overall();
  EXPECT_EQ(all.gold, 3u);
  EXPECT_EQ(all.predicted, 4u);
  EXPECT_EQ(all.correct, 1u);
  EXPECT_DOUBLE_EQ(all.Precision(), 0.25);
  EXPECT_DOUBLE_EQ(all.Recall(), 1.0 / 3.0);
  EXPECT_NEAR(all.F1(), 2 * 0.25 * (1.0 / 3) / (0.25 + 1.0 / 3), 1e-12);
  EXPECT_EQ(score.by_type().at("LOC").correct, 1u);
  EXPECT_EQ(score.by_type().at("LOC").predicted, 2u);
  EXPECT_EQ(score.by_type().at("PER").correct, 0u);
  EXPECT_DOUBLE_EQ(score.by_type().at("ORG").F1(), 0.0);
}

TEST(EntityScore, PerfectPredictionScoresOne) {
  EntityScore score;
  score.AddSentence(Tags({"B-MISC", "I-MISC", "O"}), Tags({"B-MISC", "I-MISC", "O"}));
  EXPECT_DOUBLE_EQ(score.overall().F1(), 1.0);
  EXPECT_NE(score.Format().find("overall"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
