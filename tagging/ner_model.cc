#include "tagging/ner_model.h"

#include <xxhash.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "util/file_bytes.h"

namespace newsflow {
namespace {

constexpr char kMagic[8] = {'N', 'F', 'N', 'E', 'R', '\x01', '\r', '\n'};
constexpr uint32_t kMaxHashBits = 26;

template <typename T>
void Put(std::string* out, T value) {
  char buf[sizeof(T)];
  std::memcpy(buf, &value, sizeof(T));  // the project targets little-endian hosts
  out->append(buf, sizeof(T));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T* value) {
    if (bytes_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(value, bytes_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  size_t remaining() const { return bytes_.size() - pos_; }
  size_t pos() const { return pos_; }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

int16_t Quantize(float w, float inverse_scale) {
  const float q = std::round(w * inverse_scale);
  return static_cast<int16_t>(std::clamp(q, -32767.0f, 32767.0f));
}

}  // namespace

NerModel NerModel::FromFloat(uint32_t hash_bits, std::span<const float> weights,
                             std::span<const float> transitions, NerLexicon lexicon,
                             NerGazetteer gazetteer, NerKnowledge knowledge) {
  NerModel model;
  model.knowledge_ = std::move(knowledge);
  model.lexicon_ = std::move(lexicon);
  model.gazetteer_ = std::move(gazetteer);
  model.hash_bits_ = hash_bits;
  float max_abs = 0;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  for (float w : transitions) max_abs = std::max(max_abs, std::fabs(w));
  model.scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  const float inverse = 1.0f / model.scale_;
  const size_t buckets = size_t{1} << hash_bits;
  std::vector<int16_t> dense(buckets * kNerTagCount, 0);
  for (size_t i = 0; i < dense.size() && i < weights.size(); ++i) {
    dense[i] = Quantize(weights[i], inverse);
  }
  model.weights_ = NerWeightTable::FromDense(hash_bits, dense);
  model.transitions_.assign(kNerTransitionRows * kNerTagCount, 0);
  for (size_t i = 0; i < model.transitions_.size() && i < transitions.size(); ++i) {
    model.transitions_[i] = Quantize(transitions[i], inverse);
  }
  return model;
}

std::string NerModel::Serialize() const {
  std::string out(kMagic, sizeof kMagic);
  Put<uint32_t>(&out, kNerModelFormatVersion);
  Put<uint32_t>(&out, kNerFeatureVersion);
  Put<uint32_t>(&out, hash_bits_);
  Put<uint32_t>(&out, kNerTagCount);
  Put<float>(&out, scale_);
  for (int16_t t : transitions_) Put<int16_t>(&out, t);
  Put<uint32_t>(&out, static_cast<uint32_t>(weights_.rows()));
  weights_.ForEachRow([&](uint32_t bucket, const int16_t* w) {
    Put<uint32_t>(&out, bucket);
    for (int t = 0; t < kNerTagCount; ++t) Put<int16_t>(&out, w[t]);
  });
  lexicon_.Serialize(&out);
  gazetteer_.Serialize(&out);
  knowledge_.Serialize(&out);
  Put<uint64_t>(&out, XXH64(out.data(), out.size(), 0));
  return out;
}

bool NerModel::Parse(std::string_view bytes, NerModel* model, std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = "invalid NER model: " + why;
    return false;
  };
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    return fail("not a newsflow NER model file (bad magic)");
  }
  if (bytes.size() < sizeof kMagic + sizeof(uint64_t)) return fail("truncated");
  const std::string_view body = bytes.substr(0, bytes.size() - sizeof(uint64_t));
  uint64_t stored_sum = 0;
  std::memcpy(&stored_sum, bytes.data() + body.size(), sizeof stored_sum);
  Reader in(body.substr(sizeof kMagic));
  uint32_t format = 0, features = 0, bits = 0, tags = 0;
  float scale = 0;
  if (!in.Get(&format) || !in.Get(&features) || !in.Get(&bits) || !in.Get(&tags) ||
      !in.Get(&scale)) {
    return fail("truncated header");
  }
  if (format != kNerModelFormatVersion) {
    return fail("format version " + std::to_string(format) + ", this build reads " +
                std::to_string(kNerModelFormatVersion));
  }
  if (features != kNerFeatureVersion) {
    return fail("trained with feature version " + std::to_string(features) +
                ", this build extracts version " + std::to_string(kNerFeatureVersion) +
                ": retrain (models/ner/README.md)");
  }
  if (XXH64(body.data(), body.size(), 0) != stored_sum) {
    return fail("checksum mismatch (corrupt or truncated file)");
  }
  if (bits < 8 || bits > kMaxHashBits) return fail("hash bits " + std::to_string(bits));
  if (tags != kNerTagCount) return fail("tag count " + std::to_string(tags));
  if (!std::isfinite(scale) || scale <= 0) return fail("bad weight scale");
  NerModel m;
  m.hash_bits_ = bits;
  m.scale_ = scale;
  m.transitions_.resize(kNerTransitionRows * kNerTagCount);
  for (int16_t& t : m.transitions_) {
    if (!in.Get(&t)) return fail("truncated transitions");
  }
  uint32_t count = 0;
  if (!in.Get(&count)) return fail("truncated bucket count");
  const size_t buckets = size_t{1} << bits;
  constexpr size_t kRecord = sizeof(uint32_t) + kNerTagCount * sizeof(int16_t);
  if (count > buckets || in.remaining() < static_cast<size_t>(count) * kRecord) {
    return fail("bucket count does not match the file size");
  }
  m.weights_ = NerWeightTable(bits);
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t b = 0;
    int16_t w[kNerTagCount];
    in.Get(&b);
    for (int t = 0; t < kNerTagCount; ++t) in.Get(&w[t]);
    if (!m.weights_.Append(b, std::span<const int16_t, kNerTagCount>(w, kNerTagCount))) {
      return fail("bucket ids out of order or range");
    }
  }
  const std::string_view rest = body.substr(sizeof kMagic);
  size_t pos = in.pos();
  if (!m.lexicon_.Parse(rest, &pos)) return fail("bad lexicon section");
  if (!m.gazetteer_.Parse(rest, &pos)) return fail("bad gazetteer section");
  if (!m.knowledge_.Parse(rest, &pos)) return fail("bad knowledge section");
  if (pos != rest.size()) return fail("trailing bytes after the knowledge section");
  *model = std::move(m);
  return true;
}

bool NerModel::LoadFile(const std::string& path, NerModel* model, std::string* error) {
  std::string bytes;
  if (!ReadFileBytes(path, &bytes)) {
    *error = "cannot open NER model '" + path + "'";
    return false;
  }
  if (!Parse(bytes, model, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

bool NerModel::SaveFile(const std::string& path, std::string* error) const {
  const std::string bytes = Serialize();
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.good()) {
      *error = "cannot write '" + tmp + "'";
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = "cannot rename '" + tmp + "' to '" + path + "'";
    return false;
  }
  return true;
}

}  // namespace newsflow
