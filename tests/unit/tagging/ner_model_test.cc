#include "tagging/ner_model.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

namespace newsflow {
namespace {

NerModel SmallModel() {
  constexpr uint32_t kBits = 10;
  std::vector<float> weights((size_t{1} << kBits) * kNerTagCount, 0.0f);
  weights[5 * kNerTagCount + 1] = 2.5f;
  weights[700 * kNerTagCount + 8] = -1.25f;
  std::vector<float> transitions(kNerTransitionRows * kNerTagCount, 0.0f);
  transitions[3] = 0.5f;
  NerLexicon lexicon;
  NerWordClass word_class;
  word_class.clusters[2] = 77;
  lexicon.Set(NerWordHash("oslo"), word_class);
  NerGazetteer gazetteer;
  gazetteer.Add(NerPhraseHash(0, NerWordHash("oslo")), 3);
  NerKnowledge knowledge;
  knowledge.AddDictionary("Oslo\n");
  knowledge.AddName("Oslo", kNerNameCity);
  return NerModel::FromFloat(kBits, weights, transitions, std::move(lexicon), std::move(gazetteer),
                             std::move(knowledge));
}

TEST(NerModel, SerializeParseRoundTripKeepsWeights) {
  const NerModel model = SmallModel();
  EXPECT_EQ(model.nonzero_buckets(), 2u);
  NerModel loaded;
  std::string error;
  ASSERT_TRUE(NerModel::Parse(model.Serialize(), &loaded, &error)) << error;
  EXPECT_EQ(loaded.hash_bits(), 10u);
  EXPECT_EQ(loaded.nonzero_buckets(), 2u);
  EXPECT_FLOAT_EQ(loaded.scale(), model.scale());
  EXPECT_EQ(loaded.weights().Row(5)[1], 32767);
  EXPECT_NEAR(loaded.weights().Row(700)[8] * loaded.scale(), -1.25, 1e-3);
  EXPECT_NEAR(loaded.transition(0, 3) * loaded.scale(), 0.5, 1e-3);
  EXPECT_EQ(loaded.weights().Row(6)[1], 0);
  ASSERT_EQ(loaded.lexicon().size(), 1u);
  ASSERT_NE(loaded.lexicon().Find(NerWordHash("oslo")), nullptr);
  EXPECT_EQ(loaded.lexicon().Find(NerWordHash("oslo"))->clusters[2], 77);
  EXPECT_EQ(loaded.gazetteer().size(), 1u);
  EXPECT_EQ(loaded.gazetteer().Find(NerPhraseHash(0, NerWordHash("oslo"))), 1 << 2);
  EXPECT_EQ(loaded.gazetteer().Find(NerPhraseHash(0, NerWordHash("bergen"))), 0);
  EXPECT_EQ(loaded.knowledge().FindWord(NerWordHash("oslo")), kNerDictCapitalized);
  EXPECT_EQ(loaded.knowledge().FindName(NerPhraseHash(0, NerWordHash("oslo"))), kNerNameCity);
  EXPECT_EQ(loaded.knowledge().FindWord(NerWordHash("bergen")), 0);
}

TEST(NerModel, CommittedModelSerializesBackToItsOwnBytes) {
  // Loading builds the sparse weight table and the gazetteer's hash table;
  // writing them out again must give the file as it was.
  const std::string path = NEWSFLOW_SOURCE_DIR "/models/ner/conll2003-en.nfner";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << path;
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  NerModel model;
  std::string error;
  ASSERT_TRUE(NerModel::Parse(bytes, &model, &error)) << error;
  EXPECT_GT(model.nonzero_buckets(), 1000u);
  EXPECT_EQ(model.Serialize(), bytes);
}

TEST(NerModel, SaveFileAndLoadFileRoundTrip) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("newsflow_ner_model_test-" + std::to_string(::getpid()) + ".nfner"))
                               .string();
  std::string error;
  ASSERT_TRUE(SmallModel().SaveFile(path, &error)) << error;
  NerModel loaded;
  ASSERT_TRUE(NerModel::LoadFile(path, &loaded, &error)) << error;
  EXPECT_EQ(loaded.Serialize(), SmallModel().Serialize());
  std::filesystem::remove(path);
}

TEST(NerModel, RejectsCorruptTruncatedAndForeignFiles) {
  const std::string good = SmallModel().Serialize();
  NerModel model;
  std::string error;

  std::string flipped = good;
  flipped[60] ^= 0x10;
  EXPECT_FALSE(NerModel::Parse(flipped, &model, &error));
  EXPECT_NE(error.find("checksum"), std::string::npos) << error;

  EXPECT_FALSE(NerModel::Parse(good.substr(0, good.size() - 3), &model, &error));
  EXPECT_FALSE(NerModel::Parse(good.substr(0, 10), &model, &error));

  EXPECT_FALSE(NerModel::Parse("hello, world, this is not a model", &model, &error));
  EXPECT_NE(error.find("magic"), std::string::npos) << error;

  EXPECT_FALSE(NerModel::Parse("", &model, &error));
  EXPECT_TRUE(model.empty());
}

TEST(NerModel, RejectsAnotherFormatVersion) {
  std::string other = SmallModel().Serialize();
  other[8] = 1;  // format version field: files before the knowledge section
  NerModel model;
  std::string error;
  EXPECT_FALSE(NerModel::Parse(other, &model, &error));
  EXPECT_NE(error.find("format version 1"), std::string::npos) << error;
}

TEST(NerModel, LoadFileNamesAMissingPath) {
  NerModel model;
  std::string error;
  EXPECT_FALSE(NerModel::LoadFile("/nonexistent/ner.nfner", &model, &error));
  EXPECT_NE(error.find("/nonexistent/ner.nfner"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
