#include "tagging/topic_classifier.h"

#include <utf8proc.h>

#include <cmath>
#include <exception>
#include <filesystem>
#include <istream>
#include <streambuf>
#include <system_error>
#include <utility>

#include <fasttext/fasttext.h>

#include "util/utf8_repair.h"

namespace newsflow {
namespace {

enum class CharClass { kSpace, kLetter, kDigit, kPunct, kSymbol };

CharClass Classify(int32_t cp) {
  if (cp < 0x80) {
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

void AppendCodePoint(int32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
    return;
  }
  utf8proc_uint8_t buffer[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
  out->append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
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

void AppendNormalizedTopicText(std::string_view text, std::string* out) {
  const size_t start = out->size();
  bool in_word = false;     // a token is open and may continue
  bool prev_digit = false;  // the last character written was a digit
  bool prev_alnum = false;  // ... a letter or a digit
  auto separate = [&] {
    if (out->size() > start && out->back() != ' ') out->push_back(' ');
  };
  size_t i = 0;
  while (i < text.size()) {
    int32_t cp = static_cast<unsigned char>(text[i]);
    size_t length = 1;
    if (cp >= 0x80) {
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
          out->push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp));
        } else {
          AppendCodePoint(utf8proc_tolower(cp), out);
        }
        in_word = prev_alnum = true;
        prev_digit = false;
        break;
      case CharClass::kDigit:
        if (!in_word) separate();
        out->push_back('0');
        in_word = prev_alnum = prev_digit = true;
        break;
      case CharClass::kSymbol:
        separate();
        AppendCodePoint(cp, out);
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
          out->push_back(cp == 0x2019 ? '\'' : static_cast<char>(cp));
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
  if (out->size() > start && out->back() == ' ') out->pop_back();
}

std::string NormalizeTopicText(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  AppendNormalizedTopicText(text, &out);
  return out;
}

bool NormalizeTopicTrainingLine(std::string_view line, std::string* out) {
  out->clear();
  size_t i = 0;
  bool has_label = false;
  while (true) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    if (line.substr(i, kFastTextLabelPrefix.size()) != kFastTextLabelPrefix) break;
    size_t end = i;
    while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r' &&
           line[end] != '\n') {
      ++end;
    }
    if (end == i + kFastTextLabelPrefix.size()) break;  // a bare prefix is text
    out->append(line.substr(i, end - i)).push_back(' ');
    has_label = true;
    i = end;
  }
  const size_t text_start = out->size();
  AppendNormalizedTopicText(line.substr(i), out);
  if (!has_label || out->size() == text_start) {
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
  classifier->model_ = std::move(model);
  return classifier;
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

std::vector<TopicScore> TopicClassifier::PredictLine(std::string_view line,
                                                     const TopicPredictOptions& options) const {
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
