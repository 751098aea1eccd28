#include "tagging/topic_classifier.h"

#include <utf8proc.h>

// Header-only XXH3: the word hash is inlined on the per-token hot path.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <filesystem>
#include <istream>
#include <streambuf>
#include <system_error>
#include <utility>

#include <fasttext/densematrix.h>
#include <fasttext/fasttext.h>
#include <fasttext/loss.h>
#include <fasttext/model.h>
#include <fasttext/vector.h>

#include "tagging/topic_label_scores.h"
#include "util/ascii.h"
#include "util/ascii_runs.h"
#include "util/short_bytes_equal.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

enum class CharClass { kSpace, kLetter, kDigit, kPunct, kSymbol };

constexpr CharClass ClassifyAscii(int32_t cp) {
  if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z')) return CharClass::kLetter;
  if (cp >= '0' && cp <= '9') return CharClass::kDigit;
  if (cp <= ' ' || cp == 0x7F) return CharClass::kSpace;
  switch (cp) {
    case '%':  // Unicode calls it punctuation; for topics it is a word
    case '$':
    case '+':
    case '<':
    case '=':
    case '>':
    case '^':
    case '`':
    case '|':
    case '~':
      return CharClass::kSymbol;
    default:
      return CharClass::kPunct;
  }
}

constexpr std::array<CharClass, 128> kAsciiClass = [] {
  std::array<CharClass, 128> table{};
  for (int32_t cp = 0; cp < 128; ++cp) table[static_cast<size_t>(cp)] = ClassifyAscii(cp);
  return table;
}();

CharClass Classify(int32_t cp) {
  if (cp < 0x80) return kAsciiClass[static_cast<size_t>(cp)];
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:  // zero-width joiners, BOM, soft hyphen: separators
    case UTF8PROC_CATEGORY_CS:
    case UTF8PROC_CATEGORY_CO:
    case UTF8PROC_CATEGORY_CN:
      return CharClass::kSpace;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
      return CharClass::kSymbol;
    default:
      return CharClass::kPunct;
  }
}

// The class of the code point at byte i, kSpace at the end or on invalid bytes.
CharClass ClassAt(std::string_view text, size_t i) {
  if (i >= text.size()) return CharClass::kSpace;
  int32_t cp = static_cast<unsigned char>(text[i]);
  if (cp >= 0x80 && DecodeUtf8At(text, i, &cp) == 0) return CharClass::kSpace;
  return Classify(cp);
}

// An std::streambuf reading a string in place: fastText parses tokens from an
// std::istream, and copying each article into an std::istringstream would
// cost an allocation and a copy per prediction.
class ViewBuffer : public std::streambuf {
 public:
  explicit ViewBuffer(std::string_view text) {
    char* begin = const_cast<char*>(text.data());  // never written: get area only
    setg(begin, begin, begin + text.size());
  }
};

}  // namespace

// What Predict() needs for models whose line ids are exactly their known
// words (see Load()). It reproduces fastText's arithmetic bit for bit:
// - a word's input row is what QuantMatrix/DenseMatrix::addRowToVector adds
//   to the hidden vector (the centroid values times the row's norm, each
//   rounded to float), taken from FastText::getWordVector, so summing the
//   rows in line order gives fastText's hidden vector exactly;
// - the output layer is fastText's own Loss::predict (dot products, sigmoid
//   or softmax tables, k-best heap), on a copy of the output matrix; for
//   one-vs-all models the dot products come eight labels at a time
//   (tagging/topic_label_scores.h), with the same float operations.
// What it saves: fastText's per-word hashing of an std::string and string
// compares, and per-word product-quantizer decoding through virtual calls.
struct TopicClassifier::FastPath {
  struct Slot {
    uint32_t tag = 0;  // high half of the word's hash
    int32_t id = -1;   // -1: empty
  };

  static uint64_t Hash(std::string_view word) { return XXH3_64bits(word.data(), word.size()); }

  std::string_view Word(int32_t id) const {
    const size_t begin = word_starts[static_cast<size_t>(id)];
    return std::string_view(words).substr(begin, word_starts[static_cast<size_t>(id) + 1] - begin);
  }

  // The id of `word`, or -1.
  int32_t Find(std::string_view word) const {
    const uint64_t hash = Hash(word);
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot slot = slots[i];
      if (slot.id < 0) return -1;
      if (slot.tag == tag && ShortBytesEqual(Word(slot.id), word)) return slot.id;
    }
  }

  // Words must be added in id order, 0 first.
  void Add(std::string_view word, int32_t id) {
    words.append(word);
    word_starts.push_back(static_cast<uint32_t>(words.size()));
    const uint64_t hash = Hash(word);
    size_t i = hash & mask;
    while (slots[i].id >= 0) i = (i + 1) & mask;
    slots[i] = {static_cast<uint32_t>(hash >> 32), id};
  }

  // hidden[0, stride) += the input row of `id`. Rows are padded with zeros
  // to a multiple of 8 floats so this loop vectorizes; adding element by
  // element in any grouping is the same float arithmetic as fastText's.
  void AddRow(fasttext::real* __restrict hidden, int32_t id) const {
    const fasttext::real* __restrict row = &rows[static_cast<size_t>(id) * stride];
    for (size_t d = 0; d < stride; d += 8) {
      for (size_t j = 0; j < 8; ++j) hidden[d + j] += row[d + j];
    }
  }

  std::vector<Slot> slots;  // open addressing, power-of-two size, at most half full
  size_t mask = 0;
  std::string words;                     // the dictionary's words, concatenated
  std::vector<uint32_t> word_starts{0};  // word id i is words[starts[i], starts[i + 1])
  int64_t dim = 0;
  size_t stride = 0;                 // dim rounded up to a multiple of 8
  std::vector<fasttext::real> rows;  // input row of word id i at rows[i * stride]
  int32_t nlabels = 0;
  // fastText's Loss holds a reference to this pointer: it lives here, at a
  // stable address, declared before (so destroyed after) the loss.
  std::shared_ptr<fasttext::Matrix> output;
  std::unique_ptr<const TopicLabelWeights> label_weights;  // one-vs-all models
  std::unique_ptr<fasttext::Loss> loss;
};

namespace {

// Input rows above this size are not copied: such models (large
// vocabularies) use fastText's own predict.
constexpr int64_t kMaxFastPathRowBytes = int64_t{256} << 20;

}  // namespace

void AppendNormalizedTopicText(std::string_view text, std::string* out) {
  // Written through a pointer into room made first: a code point of L bytes
  // (or an invalid byte, L = 1) gives at most a separator and a code point
  // of at most 4 bytes, and only an ASCII one (1 + 1) when L = 1: at most
  // 3 * L bytes.
  const size_t start = out->size();
  const size_t n = text.size();
  out->resize(start + 3 * n + 1);
  char* const begin = out->data() + start;
  char* w = begin;
  bool in_word = false;     // a token is open and may continue
  bool prev_digit = false;  // the last character written was a digit
  bool prev_alnum = false;  // ... a letter or a digit
  auto separate = [&]() __attribute__((always_inline)) {
    if (w != begin && w[-1] != ' ') *w++ = ' ';
  };
  auto put = [&](int32_t cp) {
    w += utf8proc_encode_char(cp, reinterpret_cast<utf8proc_uint8_t*>(w));
  };
  size_t i = 0;
  while (i < n) {
    int32_t cp = static_cast<unsigned char>(text[i]);
    size_t length = 1;
    if (cp < 0x80) {
      // Fast paths for the common ASCII runs; the same state changes as the
      // general code below applies character by character.
      const CharClass ascii_class = kAsciiClass[static_cast<size_t>(cp)];
      if (ascii_class == CharClass::kLetter) {
        if (!in_word) separate();
        // ASCII letters lowercase by setting bit 5, eight at a time while
        // eight bytes are left: all eight are written, and w then moves past
        // the letters only (the room made holds 3 bytes per input byte).
        while (i + 8 <= n) {
          uint64_t chunk;
          std::memcpy(&chunk, text.data() + i, 8);
          const int letters = LeadingAsciiLetters(chunk);
          chunk |= 0x2020202020202020ULL;
          std::memcpy(w, &chunk, 8);
          w += letters;
          i += static_cast<size_t>(letters);
          if (letters < 8) break;
        }
        while (i < n && IsAsciiAlpha(text[i])) *w++ = static_cast<char>(text[i++] | 0x20);
        in_word = prev_alnum = true;
        prev_digit = false;
        continue;
      }
      if (ascii_class == CharClass::kDigit) {
        if (!in_word) separate();
        do {
          *w++ = '0';
          ++i;
        } while (i < n && IsAsciiDigit(text[i]));
        in_word = prev_alnum = prev_digit = true;
        continue;
      }
      if (ascii_class == CharClass::kSpace) {
        separate();
        in_word = prev_digit = prev_alnum = false;
        ++i;
        continue;
      }
    } else {
      length = DecodeUtf8At(text, i, &cp);
      if (length == 0) {  // invalid byte: a separator
        separate();
        in_word = prev_digit = prev_alnum = false;
        ++i;
        continue;
      }
    }
    switch (Classify(cp)) {
      case CharClass::kSpace:
        separate();
        in_word = prev_digit = prev_alnum = false;
        break;
      case CharClass::kLetter:
        if (!in_word) separate();
        if (cp < 0x80) {
          *w++ = static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
        } else {
          put(utf8proc_tolower(cp));
        }
        in_word = prev_alnum = true;
        prev_digit = false;
        break;
      case CharClass::kDigit:
        if (!in_word) separate();
        *w++ = '0';
        in_word = prev_alnum = prev_digit = true;
        break;
      case CharClass::kSymbol:
        separate();
        put(cp);
        in_word = prev_digit = prev_alnum = false;
        break;
      case CharClass::kPunct: {
        bool join = false;
        if (in_word && (cp == '.' || cp == ',') && prev_digit) {
          join = ClassAt(text, i + length) == CharClass::kDigit;
        } else if (in_word && (cp == '-' || cp == '\'' || cp == 0x2019) && prev_alnum) {
          const CharClass next = ClassAt(text, i + length);
          join = next == CharClass::kLetter || next == CharClass::kDigit;
        }
        if (join) {
          *w++ = cp == 0x2019 ? '\'' : static_cast<char>(cp);
        } else {
          separate();  // punctuation between words only dilutes the average
          in_word = false;
        }
        prev_digit = prev_alnum = false;
        break;
      }
    }
    i += length;
  }
  if (w != begin && w[-1] == ' ') --w;
  out->resize(start + static_cast<size_t>(w - begin));
}

std::string NormalizeTopicText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendNormalizedTopicText(text, &out);
  return out;
}

std::string_view SplitFastTextLabels(std::string_view line, std::vector<std::string_view>* labels) {
  size_t i = 0;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (line.substr(i, kFastTextLabelPrefix.size()) != kFastTextLabelPrefix) break;
    size_t end = i + kFastTextLabelPrefix.size();
    while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r' &&
           line[end] != '\n') {
      ++end;
    }
    if (end == i + kFastTextLabelPrefix.size()) break;  // a bare prefix is text
    labels->push_back(
        line.substr(i + kFastTextLabelPrefix.size(), end - i - kFastTextLabelPrefix.size()));
    i = end;
  }
  return line.substr(i);
}

bool NormalizeTopicTrainingLine(std::string_view line, std::string* out) {
  out->clear();
  std::vector<std::string_view> labels;
  const std::string_view text = SplitFastTextLabels(line, &labels);
  for (std::string_view label : labels) {
    out->append(kFastTextLabelPrefix).append(label).push_back(' ');
  }
  const size_t text_start = out->size();
  AppendNormalizedTopicText(text, out);
  if (labels.empty() || out->size() == text_start) {
    out->clear();
    return false;
  }
  return true;
}

TopicClassifier::~TopicClassifier() = default;

std::shared_ptr<const TopicClassifier> TopicClassifier::Load(const std::string& path,
                                                             std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = "topics model " + path + ": " + why;
    return nullptr;
  };
  std::error_code ec;
  if (path.empty()) return fail("no path configured");
  if (!std::filesystem::is_regular_file(path, ec)) {
    return fail(std::filesystem::exists(path, ec) ? "not a regular file" : "no such file");
  }
  std::shared_ptr<TopicClassifier> classifier(new TopicClassifier());
  classifier->path_ = path;
  auto model = std::make_unique<fasttext::FastText>();
  try {
    model->loadModel(path);
  } catch (const std::bad_alloc&) {
    return fail("not a fastText model (corrupt or truncated: implausible sizes)");
  } catch (const std::exception& e) {
    return fail(std::string("cannot load fastText model: ") + e.what());
  }
  if (model->getArgs().model != fasttext::model_name::sup) {
    return fail("not a supervised fastText model (word vectors only)");
  }
  const auto dictionary = model->getDictionary();
  if (dictionary->nlabels() == 0) return fail("the model has no labels");
  for (int32_t i = 0; i < dictionary->nlabels(); ++i) {
    std::string label = dictionary->getLabel(i);
    if (label.starts_with(kFastTextLabelPrefix)) label.erase(0, kFastTextLabelPrefix.size());
    classifier->labels_.push_back(std::move(label));
  }
  // Words are looked up directly (no std::istream, no per-token allocation)
  // when a line's ids are exactly its known words: no character n-grams
  // (maxn 0) and no word n-grams. Other models go through predictLine.
  const fasttext::Args args = model->getArgs();
  classifier->direct_lookup_ = args.maxn <= 0 && args.wordNgrams <= 1;
  classifier->nwords_ = dictionary->nwords();
  classifier->eos_id_ = dictionary->getId(fasttext::Dictionary::EOS);
  if (classifier->direct_lookup_) classifier->fast_ = MakeFastPath(*model);
  classifier->model_ = std::move(model);
  return classifier;
}

std::unique_ptr<const TopicClassifier::FastPath> TopicClassifier::MakeFastPath(
    const fasttext::FastText& model) {
  // Only for the losses whose prediction is Loss::predict over the output
  // matrix; hs and ns keep fastText's own. Failing to build it (out of
  // memory) only costs speed.
  const fasttext::Args& args = model.getArgs();
  const auto dictionary = model.getDictionary();
  const int64_t dim = args.dim;
  const int32_t nwords = dictionary->nwords();
  const int64_t stride = (dim + 7) / 8 * 8;
  const bool known_loss =
      args.loss == fasttext::loss_name::ova || args.loss == fasttext::loss_name::softmax;
  if (!known_loss || (model.isQuant() && args.qout) || dim <= 0 || nwords <= 0 ||
      stride * nwords * static_cast<int64_t>(sizeof(fasttext::real)) > kMaxFastPathRowBytes) {
    return nullptr;
  }
  try {
    auto fast = std::make_unique<FastPath>();
    fast->dim = dim;
    fast->stride = static_cast<size_t>(stride);
    fast->nlabels = dictionary->nlabels();
    fast->slots.resize(std::bit_ceil(static_cast<size_t>(nwords) * 2));
    fast->mask = fast->slots.size() - 1;
    fast->rows.resize(fast->stride * static_cast<size_t>(nwords));
    fast->word_starts.reserve(static_cast<size_t>(nwords) + 1);
    fasttext::Vector row(dim);
    for (int32_t id = 0; id < nwords; ++id) {
      const std::string word = dictionary->getWord(id);
      // A word's vector is its input row only when its subwords are just
      // itself (no n-grams).
      const std::vector<int32_t>& subwords = dictionary->getSubwords(id);
      if (dictionary->getId(word) != id || subwords.size() != 1 || subwords[0] != id ||
          fast->words.size() + word.size() > UINT32_MAX) {
        return nullptr;
      }
      model.getWordVector(row, word);
      std::memcpy(&fast->rows[static_cast<size_t>(id) * fast->stride], row.data(),
                  static_cast<size_t>(dim) * sizeof(fasttext::real));
      fast->Add(word, id);
    }
    const std::shared_ptr<const fasttext::DenseMatrix> output = model.getOutputMatrix();
    if (output == nullptr || output->size(0) != fast->nlabels || output->size(1) != dim) {
      return nullptr;
    }
    fast->output = std::make_shared<fasttext::DenseMatrix>(*output);
    if (args.loss == fasttext::loss_name::ova) {
      fast->label_weights = std::make_unique<const TopicLabelWeights>(*output);
      fast->loss =
          std::make_unique<LabelParallelOneVsAllLoss>(fast->output, fast->label_weights.get());
    } else {
      fast->loss = std::make_unique<fasttext::SoftmaxLoss>(fast->output);
    }
    return fast;
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool TopicClassifier::quantized() const { return model_->isQuant(); }

std::vector<TopicScore> TopicClassifier::Predict(std::string_view text,
                                                 const TopicPredictOptions& options,
                                                 std::string* scratch) const {
  std::string local;
  std::string& line = scratch != nullptr ? *scratch : local;
  line.clear();
  AppendNormalizedTopicText(text, &line);
  if (line.empty()) return {};
  line.push_back('\n');
  return PredictLine(line, options);
}

std::vector<TopicScore> TopicClassifier::PredictNormalized(
    std::string_view normalized, const TopicPredictOptions& options) const {
  // Only the text up to the first line break is one fastText line.
  const size_t newline = normalized.find('\n');
  if (newline != std::string_view::npos) {
    if (newline == 0) return {};
    return PredictLine(normalized.substr(0, newline + 1), options);
  }
  if (normalized.empty()) return {};
  std::string line;
  line.reserve(normalized.size() + 1);
  line.append(normalized).push_back('\n');
  return PredictLine(line, options);
}

std::vector<TopicScore> TopicClassifier::PredictFast(std::string_view text,
                                                     const TopicPredictOptions& options) const {
  // Model::predict's steps (computeHidden, then Loss::predict) with the
  // same float operations in the same order; see FastPath.
  const FastPath& fast = *fast_;
  // Padded to the row stride; copied into fastText's state at the end.
  std::vector<fasttext::real> hidden(fast.stride, 0.0F);
  size_t count = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      const int32_t id = fast.Find(text.substr(start, end - start));
      if (id >= 0) {
        fast.AddRow(hidden.data(), id);
        ++count;
      }
    }
    start = end + 1;
  }
  if (eos_id_ >= 0) {
    fast.AddRow(hidden.data(), eos_id_);
    ++count;
  }
  if (count == 0) return {};  // FastText::predict: no words, no predictions
  fasttext::Model::State state(static_cast<int32_t>(fast.dim), fast.nlabels, 0);
  std::memcpy(state.hidden.data(), hidden.data(),
              static_cast<size_t>(fast.dim) * sizeof(fasttext::real));
  state.hidden.mul(1.0 / static_cast<double>(count));
  const int32_t k = options.max_labels > 0 ? options.max_labels : fast.nlabels;
  fasttext::Predictions predictions;
  predictions.reserve(static_cast<size_t>(k) + 1);
  fast.loss->predict(k, static_cast<fasttext::real>(options.threshold), predictions, state);
  std::vector<TopicScore> topics;
  topics.reserve(predictions.size());
  for (const auto& [log_probability, label_id] : predictions) {
    topics.push_back({labels_[static_cast<size_t>(label_id)], std::exp(log_probability)});
  }
  return topics;
}

std::vector<TopicScore> TopicClassifier::PredictLine(std::string_view line,
                                                     const TopicPredictOptions& options) const {
  if (fast_ != nullptr) return PredictFast(line.substr(0, line.size() - 1), options);
  if (!direct_lookup_) return PredictWithFastTextReader(line, options);
  // What Dictionary::getLine does for a model without character or word
  // n-grams: the ids of the known words, then the end-of-line token. Our
  // normalized text has single spaces and no other separator fastText knows.
  std::vector<int32_t> words;
  std::string token;
  size_t start = 0;
  const std::string_view text = line.substr(0, line.size() - 1);  // without '\n'
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    if (end > start) {
      token.assign(text.substr(start, end - start));
      const int32_t id = model_->getDictionary()->getId(token);
      if (id >= 0 && id < nwords_) words.push_back(id);
    }
    start = end + 1;
  }
  if (eos_id_ >= 0) words.push_back(eos_id_);
  fasttext::Predictions predictions;
  const int32_t k = options.max_labels > 0 ? options.max_labels : -1;
  model_->predict(k, words, predictions, static_cast<fasttext::real>(options.threshold));
  std::vector<TopicScore> topics;
  topics.reserve(predictions.size());
  for (const auto& [log_probability, label_id] : predictions) {
    topics.push_back({labels_[static_cast<size_t>(label_id)], std::exp(log_probability)});
  }
  return topics;
}

std::vector<TopicScore> TopicClassifier::PredictWithFastTextReader(
    std::string_view line, const TopicPredictOptions& options) const {
  ViewBuffer buffer(line);
  std::istream in(&buffer);
  std::vector<std::pair<fasttext::real, std::string>> predictions;
  const int32_t k = options.max_labels > 0 ? options.max_labels : -1;
  model_->predictLine(in, predictions, k, static_cast<fasttext::real>(options.threshold));
  std::vector<TopicScore> topics;
  topics.reserve(predictions.size());
  for (auto& [probability, label] : predictions) {
    if (label.starts_with(kFastTextLabelPrefix)) label.erase(0, kFastTextLabelPrefix.size());
    topics.push_back({std::move(label), static_cast<double>(probability)});
  }
  return topics;
}

}  // namespace newsflow
