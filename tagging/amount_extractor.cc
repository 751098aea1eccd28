#include "tagging/amount_extractor.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <iterator>

#include "tagging/text_tokens.h"
#include "util/ascii.h"

namespace newsflow {
namespace {

// Token model: tagging/text_tokens.h.
using TokKind = TextTokenKind;
using Tok = TextToken;

struct Named {
  std::string_view name;
  std::string_view code;
};

// Currency signs (one code point each).
constexpr Named kSigns[] = {
    {"\u00A3", "GBP"}, {"\u20AC", "EUR"}, {"\u00A5", "JPY"}, {"\uFFE5", "JPY"},
    {"\u20AA", "ILS"}, {"\u20B9", "INR"}, {"\u20A9", "KRW"}, {"\u20BD", "RUB"},
    {"\u20BA", "TRY"}, {"\u20A6", "NGN"}, {"\u20B1", "PHP"}, {"\u0E3F", "THB"},
};
// Letters glued before "$" (case-sensitive, as written in the press).
constexpr Named kDollarPrefixes[] = {
    {"US", "USD"}, {"U", "USD"},  {"C", "CAD"},  {"CA", "CAD"},  {"Can", "CAD"},
    {"A", "AUD"},  {"AU", "AUD"}, {"HK", "HKD"}, {"NT", "TWD"},  {"NZ", "NZD"},
    {"S", "SGD"},  {"SG", "SGD"}, {"R", "BRL"},  {"Mex", "MXN"}, {"MX", "MXN"},
};
// Upper-case codes and abbreviations (before or after a number).
constexpr Named kCodes[] = {
    {"USD", "USD"}, {"EUR", "EUR"}, {"GBP", "GBP"}, {"JPY", "JPY"}, {"CHF", "CHF"}, {"CNY", "CNY"},
    {"RMB", "CNY"}, {"ILS", "ILS"}, {"NIS", "ILS"}, {"INR", "INR"}, {"CAD", "CAD"}, {"AUD", "AUD"},
    {"HKD", "HKD"}, {"NZD", "NZD"}, {"SGD", "SGD"}, {"KRW", "KRW"}, {"RUB", "RUB"}, {"BRL", "BRL"},
    {"ZAR", "ZAR"}, {"SEK", "SEK"}, {"NOK", "NOK"}, {"DKK", "DKK"}, {"MXN", "MXN"}, {"TRY", "TRY"},
    {"TWD", "TWD"}, {"PLN", "PLN"}, {"AED", "AED"}, {"SAR", "SAR"}, {"EGP", "EGP"},
};
// Currency nouns after a number; an empty code needs a nationality first.
constexpr Named kNouns[] = {
    {"dollar", "USD"},  {"dollars", "USD"},  {"euro", "EUR"},     {"euros", "EUR"},
    {"yen", "JPY"},     {"yuan", "CNY"},     {"renminbi", "CNY"}, {"shekel", "ILS"},
    {"shekels", "ILS"}, {"rupee", "INR"},    {"rupees", "INR"},   {"sterling", "GBP"},
    {"pence", "GBP"},   {"pound", ""},       {"pounds", ""},      {"franc", ""},
    {"francs", ""},     {"peso", ""},        {"pesos", ""},       {"krone", ""},
    {"kroner", ""},     {"krona", "SEK"},    {"kronor", "SEK"},   {"rouble", "RUB"},
    {"roubles", "RUB"}, {"ruble", "RUB"},    {"rubles", "RUB"},   {"won", "KRW"},
    {"rand", "ZAR"},    {"reais", "BRL"},    {"real", ""},        {"lira", "TRY"},
    {"liras", "TRY"},   {"riyal", "SAR"},    {"riyals", "SAR"},   {"dirham", "AED"},
    {"dirhams", "AED"}, {"ringgit", "MYR"},  {"baht", "THB"},     {"rupiah", "IDR"},
    {"zloty", "PLN"},   {"zlotys", "PLN"},   {"forint", "HUF"},   {"forints", "HUF"},
    {"hryvnia", "UAH"}, {"hryvnias", "UAH"}, {"naira", "NGN"},    {"dinar", ""},
    {"dinars", ""},     {"shilling", ""},    {"shillings", ""},
};
// Nationalities before a currency noun; two-word ones are listed by their
// first word and checked with kSecondWords.
constexpr Named kNationalities[] = {
    {"us", "USD"},        {"american", "USD"},   {"canadian", "CAD"},  {"australian", "AUD"},
    {"singapore", "SGD"}, {"taiwan", "TWD"},     {"taiwanese", "TWD"}, {"israeli", "ILS"},
    {"mexican", "MXN"},   {"philippine", "PHP"}, {"argentine", "ARS"}, {"chilean", "CLP"},
    {"colombian", "COP"}, {"swiss", "CHF"},      {"danish", "DKK"},    {"norwegian", "NOK"},
    {"swedish", "SEK"},   {"indian", "INR"},     {"pakistani", "PKR"}, {"british", "GBP"},
    {"egyptian", "EGP"},  {"korean", "KRW"},     {"russian", "RUB"},   {"turkish", "TRY"},
    {"saudi", "SAR"},     {"chinese", "CNY"},    {"japanese", "JPY"},  {"brazilian", "BRL"},
    {"jordanian", "JOD"}, {"kuwaiti", "KWD"},    {"iraqi", "IQD"},     {"kenyan", "KES"},
    {"ugandan", "UGX"},   {"tanzanian", "TZS"},  {"nigerian", "NGN"},  {"zimbabwean", "ZWL"},
};
struct TwoWords {
  std::string_view first;
  std::string_view second;
  std::string_view code;
};
constexpr TwoWords kTwoWordNationalities[] = {
    {"hong", "kong", "HKD"},   {"new", "zealand", "NZD"},  {"new", "taiwan", "TWD"},
    {"new", "israeli", "ILS"}, {"south", "korean", "KRW"}, {"south", "african", "ZAR"},
    {"sri", "lankan", "LKR"},
};

std::string_view Lookup(std::string_view w, const Named* table, size_t n, bool case_sensitive) {
  for (size_t i = 0; i < n; ++i) {
    if (case_sensitive ? w == table[i].name : EqualsIgnoreCase(w, table[i].name))
      return table[i].code;
  }
  return {};
}
template <size_t N>
std::string_view Lookup(std::string_view w, const Named (&table)[N], bool case_sensitive) {
  return Lookup(w, table, N, case_sensitive);
}
bool FindIn(std::string_view w, const Named* table, size_t n, std::string_view* code) {
  for (size_t i = 0; i < n; ++i) {
    if (EqualsIgnoreCase(w, table[i].name)) {
      *code = table[i].code;
      return true;
    }
  }
  return false;
}

// Scale words written apart from the number ("5 million", "Rs 500 crore").
struct ScaleWord {
  std::string_view word;  // lowercase
  double scale;
};
constexpr ScaleWord kSpacedScales[] = {
    {"thousand", 1e3}, {"million", 1e6}, {"mn", 1e6},        {"mln", 1e6},   {"billion", 1e9},
    {"bn", 1e9},       {"bln", 1e9},     {"trillion", 1e12}, {"tn", 1e12},   {"trn", 1e12},
    {"lakh", 1e5},     {"lakhs", 1e5},   {"crore", 1e7},     {"crores", 1e7}};
// Bit n of kScaleStarts[a][b] is set when a scale word of n bytes starts
// with letters a, b (0 for 'a'). SpacedScale is asked about nearly every
// word of a text, and nearly all are no scale: one table load rejects them
// without the branches of comparing first letters and words.
constexpr auto kScaleStarts = [] {
  std::array<std::array<uint16_t, 26>, 26> starts{};
  for (const ScaleWord& s : kSpacedScales) {
    starts[static_cast<size_t>(s.word[0] - 'a')][static_cast<size_t>(s.word[1] - 'a')] |=
        static_cast<uint16_t>(1u << s.word.size());
  }
  return starts;
}();
double SpacedScale(std::string_view w) {
  if (w.size() < 2 || w.size() > 8) return 0;
  // Any case: | 0x20 lowercases ASCII letters, and no other byte lands in
  // 'a'..'z'.
  const auto a = static_cast<unsigned>((static_cast<unsigned char>(w[0]) | 0x20) - 'a');
  const auto b = static_cast<unsigned>((static_cast<unsigned char>(w[1]) | 0x20) - 'a');
  if (a >= 26 || b >= 26 || ((kScaleStarts[a][b] >> w.size()) & 1) == 0) return 0;
  for (const ScaleWord& s : kSpacedScales) {
    if (EqualsIgnoreCase(w, s.word)) return s.scale;
  }
  return 0;
}
// Scale words glued to the number ("5bn", "$2.5m"): a single letter, or
// one of the short spaced ones ("mn", "bln", "trn").
double GluedScale(std::string_view w) {
  if (w.size() == 1) {
    switch (w[0] | 0x20) {
      case 'k':
        return 1e3;
      case 'm':
        return 1e6;
      case 'b':
        return 1e9;
      case 't':
        return 1e12;
      default:
        return 0;
    }
  }
  return w.size() <= 3 ? SpacedScale(w) : 0;
}
double NumberWord(std::string_view w) {
  static constexpr std::string_view kSmall[] = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (size_t i = 1; i < std::size(kSmall); ++i) {
    if (EqualsIgnoreCase(w, kSmall[i])) return static_cast<double>(i);
  }
  if (EqualsIgnoreCase(w, "a") || EqualsIgnoreCase(w, "an")) return 1;
  if (EqualsIgnoreCase(w, "thirty")) return 30;
  if (EqualsIgnoreCase(w, "forty")) return 40;
  if (EqualsIgnoreCase(w, "fifty")) return 50;
  if (EqualsIgnoreCase(w, "hundred")) return 100;
  if (EqualsIgnoreCase(w, "half")) return 0.5;
  return 0;
}

// Three upper-case ASCII letters, the shape of every entry of kCodes.
bool IsCodeShaped(std::string_view w) {
  return w.size() == 3 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' && w[2] >= 'A' &&
         w[2] <= 'Z';
}

constexpr size_t kMaxDigits = 24;

// A parsed number keeps its digits so that the scale is applied in decimal
// ("8.2bn" is 8200000000, not 8.2 * 1e9 = 8199999999.999999).
struct Number {
  char digits[kMaxDigits + 2] = {};  // digits and at most one '.'
  size_t len = 0;
  size_t end_tok = 0;

  // The value times `power_of_ten` (1, 1e3, ..., 0.01).
  double Times(double power_of_ten) const {
    char buf[kMaxDigits + 8];
    std::memcpy(buf, digits, len);
    const int exp = static_cast<int>(std::lround(std::log10(power_of_ten)));
    const int n = std::snprintf(buf + len, sizeof buf - len, "e%d", exp);
    double v = 0;
    std::from_chars(buf, buf + len + static_cast<size_t>(n), v);
    return v;
  }
};

class AmountParser {
 public:
  explicit AmountParser(std::string_view text)
      : s_(text), shared_toks_(TokenizeTextShared(text)), toks_(*shared_toks_) {}

  std::vector<AmountMention> Run() {
    std::vector<AmountMention> out;
    size_t i = 0;
    while (i < toks_.size()) {
      size_t begin_tok = i;
      AmountMention m;
      size_t end_tok = TryAt(i, &begin_tok, &m);
      if (end_tok == 0 || ChunkLooksLikeCode(i)) {
        ++i;
        continue;
      }
      m.begin = toks_[begin_tok].b;
      m.end = toks_[end_tok - 1].e;
      m.text = std::string(s_.substr(m.begin, m.end - m.begin));
      out.push_back(std::move(m));
      i = end_tok;
    }
    return out;
  }

 private:
  std::string_view Text(size_t i) const { return s_.substr(toks_[i].b, toks_[i].e - toks_[i].b); }
  bool Valid(size_t i) const { return i < toks_.size(); }
  bool IsWord(size_t i) const { return Valid(i) && toks_[i].kind == TokKind::kWord; }
  bool IsNum(size_t i) const { return Valid(i) && toks_[i].kind == TokKind::kNum; }
  bool IsPunct(size_t i, char c) const {
    return Valid(i) && toks_[i].kind == TokKind::kPunct && s_[toks_[i].b] == c;
  }
  bool Glued(size_t i) const { return Valid(i) && i > 0 && !toks_[i].space; }
  bool IsDash(size_t i) const {
    return IsPunct(i, '-') || (Valid(i) && toks_[i].kind == TokKind::kOther && Text(i) == "\u2013");
  }
  bool Spaced(size_t i) const { return Valid(i) && toks_[i].space; }
  bool WordIs(size_t i, std::string_view lower) const {
    return IsWord(i) && EqualsIgnoreCase(Text(i), lower);
  }
  bool IsQuote(size_t i) const {
    if (IsPunct(i, '"') || IsPunct(i, '\'')) return true;
    if (!Valid(i) || toks_[i].kind != TokKind::kOther) return false;
    const auto t = Text(i);
    return t == "\u201C" || t == "\u201D" || t == "\u2018" || t == "\u2019";
  }
  // Nothing glued after token i that would extend the word or number.
  bool EndsHere(size_t i) const {
    if (!Glued(i + 1)) return true;
    const TokKind k = toks_[i + 1].kind;
    return k == TokKind::kPunct || k == TokKind::kOther;
  }
  // Token i may start an amount: not glued to a preceding word or number.
  bool StartsHere(size_t i) const {
    if (!Glued(i)) return true;
    const TokKind k = toks_[i - 1].kind;
    return k == TokKind::kPunct || k == TokKind::kOther;
  }

  // A whitespace-delimited chunk containing URL, path, e-mail or code
  // characters yields no amounts. The result is cached per chunk so that
  // each byte is inspected once.
  bool ChunkLooksLikeCode(size_t i) {
    if (i >= chunk_begin_tok_ && i < chunk_end_tok_) return chunk_is_code_;
    size_t b = i;
    while (b > 0 && !toks_[b].space) --b;
    size_t e = i + 1;
    while (e < toks_.size() && !toks_[e].space) ++e;
    chunk_begin_tok_ = b;
    chunk_end_tok_ = e;
    const std::string_view chunk = s_.substr(toks_[b].b, toks_[e - 1].e - toks_[b].b);
    chunk_is_code_ = chunk.find_first_of("={}<>\\|@`_") != std::string_view::npos ||
                     chunk.find("://") != std::string_view::npos ||
                     chunk.find("www.") != std::string_view::npos;
    return chunk_is_code_;
  }

  // Digits with thousands separators and decimals, starting at token i.
  std::optional<Number> ParseNumber(size_t i) const {
    if (!IsNum(i)) return std::nullopt;
    if (Glued(i)) {
      const Tok& p = toks_[i - 1];
      if (p.kind == TokKind::kWord || p.kind == TokKind::kNum || p.kind == TokKind::kForeign) {
        return std::nullopt;
      }
      if (p.kind == TokKind::kPunct) {
        const char c = s_[p.b];
        if (c == '.' || c == ',' || c == '%' || c == '/' || c == ':' || c == '#' || c == '&' ||
            c == '^' || c == '~') {
          return std::nullopt;
        }
      }
    }
    Number n;
    char* buf = n.digits;
    size_t& len = n.len;
    auto append = [&](std::string_view digits) {
      if (len + digits.size() > kMaxDigits) return false;
      for (char c : digits) buf[len++] = c;
      return true;
    };
    if (!append(Text(i))) return std::nullopt;
    size_t k = i + 1;
    if (Text(i).size() <= 3) {
      while (IsPunct(k, ',') && Glued(k) && IsNum(k + 1) && Glued(k + 1) &&
             Text(k + 1).size() == 3) {
        if (!append(Text(k + 1))) return std::nullopt;
        k += 2;
      }
    }
    if (IsPunct(k, '.') && Glued(k) && IsNum(k + 1) && Glued(k + 1)) {
      buf[len++] = '.';
      if (!append(Text(k + 1))) return std::nullopt;
      k += 2;
    }
    // "1.2.3", "10.0.0.1", "1,23", "12:30", "3/4": not amounts.
    if (Glued(k) && (IsPunct(k, '.') || IsPunct(k, ',') || IsPunct(k, ':') || IsPunct(k, '/')) &&
        IsNum(k + 1) && Glued(k + 1)) {
      return std::nullopt;
    }
    if (Glued(k) && IsNum(k)) return std::nullopt;
    n.end_tok = k;
    return n;
  }

  // A scale after the number at token k: glued ("5bn") or spaced ("5
  // billion"). Returns the multiplier (1 if none) and advances *k; 0 if a
  // glued word is not a scale.
  double ParseScale(size_t* k) const {
    if (IsWord(*k) && Glued(*k)) {
      const double m = GluedScale(Text(*k));
      if (m == 0 || !EndsHere(*k)) return 0;
      ++*k;
      return m;
    }
    if (IsWord(*k) && Spaced(*k) && EndsHere(*k)) {
      const double m = SpacedScale(Text(*k));
      if (m != 0) {
        ++*k;
        return m;
      }
    }
    return 1;
  }

  // Percent words or sign after the number ending at token k; returns the
  // end token or 0 and sets *kind.
  size_t ParsePercent(size_t k, AmountKind* kind) const {
    *kind = AmountKind::kPercent;
    if (IsPunct(k, '%')) {
      if (Glued(k + 1) &&
          (IsWord(k + 1) || IsNum(k + 1) || toks_[k + 1].kind == TokKind::kForeign)) {
        return 0;  // "5%20", "5%off"
      }
      return k + 1;
    }
    size_t j = k;
    if (IsPunct(j, '-') && Glued(j) && Glued(j + 1)) ++j;  // "5-percent"
    if (!IsWord(j) || (j == k && Glued(j) && !WordIs(j, "pc"))) return 0;
    if ((WordIs(j, "percent") || WordIs(j, "pct") || WordIs(j, "pc")) && EndsHere(j)) {
      return j + 1;
    }
    if (WordIs(j, "per") && WordIs(j + 1, "cent") && Spaced(j + 1) && EndsHere(j + 1)) {
      return j + 2;
    }
    if (WordIs(j, "percentage")) {
      size_t p = j + 1;
      if (IsPunct(p, '-') && Glued(p)) ++p;
      if ((WordIs(p, "point") || WordIs(p, "points")) && EndsHere(p)) {
        *kind = AmountKind::kPercentagePoints;
        return p + 1;
      }
    }
    return 0;
  }

  // "U.S." as tokens U . S . ; returns the token after it or 0.
  size_t UsDotted(size_t j) const {
    if (WordIs(j, "u") && IsPunct(j + 1, '.') && Glued(j + 1) && WordIs(j + 2, "s") &&
        Glued(j + 2) && IsPunct(j + 3, '.') && Glued(j + 3)) {
      return j + 4;
    }
    return 0;
  }

  // [nationality] currency-noun or code at token j (spaced). `scaled`: the
  // number had a scale word, which makes "won" safe to read as money.
  size_t ParseCurrencyWords(size_t j, bool scaled, std::string_view* code, double* factor) const {
    *factor = 1;
    if (!Spaced(j)) return 0;
    std::string_view nat;
    size_t k = j;
    if (size_t u = UsDotted(j); u != 0) {
      nat = "USD";
      k = u;
    } else if (IsWord(j)) {
      for (const auto& t : kTwoWordNationalities) {
        if (WordIs(j, t.first) && WordIs(j + 1, t.second) && Spaced(j + 1)) {
          nat = t.code;
          k = j + 2;
          break;
        }
      }
      if (nat.empty() && FindIn(Text(j), kNationalities, std::size(kNationalities), &nat)) {
        k = j + 1;
      }
    }
    if (!nat.empty() && !Spaced(k)) return 0;
    if (!IsWord(k) || !EndsHere(k)) return 0;
    const std::string_view w = Text(k);
    std::string_view noun_code;
    if (nat.empty() && IsCodeShaped(w)) {
      const std::string_view c = Lookup(w, kCodes, /*case_sensitive=*/true);
      if (!c.empty()) {
        *code = c;
        return k + 1;
      }
    }
    if (!FindIn(w, kNouns, std::size(kNouns), &noun_code)) return 0;
    if (EqualsIgnoreCase(w, "pence")) *factor = 0.01;
    if (!nat.empty()) {
      *code = nat;
    } else if (!noun_code.empty()) {
      *code = noun_code;
    } else if ((EqualsIgnoreCase(w, "pound") || EqualsIgnoreCase(w, "pounds")) &&
               WordIs(k + 1, "sterling") && Spaced(k + 1)) {
      *code = "GBP";
      return k + 2;
    } else {
      return 0;
    }
    if (EqualsIgnoreCase(w, "won") && nat.empty() && !scaled) return 0;
    return k + 1;
  }

  // Returns the end token of an amount starting at token i (0 if none);
  // *begin_tok may move left to include an opening quote.
  size_t TryAt(size_t i, size_t* begin_tok, AmountMention* m) const {
    const Tok& t = toks_[i];
    if (!StartsHere(i)) return 0;
    // Currency sign or "$" with optional letter prefix, glued to the number.
    std::string_view code;
    size_t num = 0;
    if (t.kind == TokKind::kOther) {
      code = Lookup(Text(i), kSigns, /*case_sensitive=*/true);
      if (!code.empty() && IsNum(i + 1) && Glued(i + 1)) num = i + 1;
    } else if (IsPunct(i, '$')) {
      if (IsNum(i + 1) && Glued(i + 1)) {
        code = "USD";
        num = i + 1;
      }
    } else if (t.kind == TokKind::kWord) {
      const std::string_view w = Text(i);
      if (IsPunct(i + 1, '$') && Glued(i + 1) && IsNum(i + 2) && Glued(i + 2)) {
        code = Lookup(w, kDollarPrefixes, /*case_sensitive=*/true);
        if (code.empty()) return 0;
        num = i + 2;
      } else if (const size_t u = UsDotted(i);
                 u != 0 && IsPunct(u, '$') && Glued(u) && IsNum(u + 1) && Glued(u + 1)) {
        code = "USD";
        num = u + 1;
      } else {
        size_t j = i + 1;
        if (w == "Rs") {
          code = "INR";
          if (IsPunct(j, '.') && Glued(j)) ++j;
        } else if (IsCodeShaped(w)) {
          code = Lookup(w, kCodes, /*case_sensitive=*/true);
        }
        if (!code.empty() && IsNum(j) && (Spaced(j) || toks_[j - 1].kind == TokKind::kWord)) {
          num = j;
        } else {
          code = {};
        }
      }
    }
    if (num != 0) {
      std::optional<Number> n = ParseNumber(num);
      if (!n) return 0;
      size_t k = n->end_tok;
      double scale = ParseScale(&k);
      if (scale == 0) return 0;
      m->kind = AmountKind::kMoney;
      m->currency = code;
      // A range shares the sign and, if the first number has none, the
      // scale: "$5-7 billion", "$5bn-$7bn".
      if (IsDash(k) && Glued(k)) {
        size_t r = k + 1;
        if (IsPunct(r, '$') && Glued(r) && IsPunct(i, '$')) ++r;
        if (IsNum(r) && Glued(r)) {
          if (std::optional<Number> upper = ParseNumber(r)) {
            size_t e = upper->end_tok;
            const double upper_scale = ParseScale(&e);
            if (upper_scale != 0) {
              if (scale == 1) scale = upper_scale;
              m->upper_value = upper->Times(upper_scale);
              k = e;
            }
          }
        }
      }
      m->value = n->Times(scale);
      return k;
    }
    if (t.kind == TokKind::kNum) return TryNumberFirst(i, m);
    if (t.kind == TokKind::kWord) {
      // Cheap filters first: most words are neither "...s of" nor followed
      // by a scale word.
      const std::string_view w = Text(i);
      if (w.size() >= 4 && w.back() == 's' && (WordIs(i + 1, "of") || IsQuote(i + 1))) {
        if (size_t e = TryUnquantified(i, begin_tok, m); e != 0) return e;
      }
      if (IsWord(i + 1) && Spaced(i + 1) && SpacedScale(Text(i + 1)) > 1) {
        return TryNumberWord(i, m);
      }
    }
    return 0;
  }

  // "3.5%", "5 per cent", "1.5 million euros", "300 yen", "10 million USD".
  size_t TryNumberFirst(size_t i, AmountMention* m) const {
    if (Glued(i) && (IsPunct(i - 1, '$') || toks_[i - 1].kind == TokKind::kOther)) {
      // Glued to "$" or a sign that was not an amount ("$$5", "¤5").
      if (IsPunct(i - 1, '$') || !IsOpeningMark(i - 1)) return 0;
    }
    std::optional<Number> n = ParseNumber(i);
    if (!n) return 0;
    size_t k = n->end_tok;
    AmountKind kind;
    if (size_t e = ParsePercent(k, &kind); e != 0) {
      m->kind = kind;
      m->value = n->Times(1);
      return e;
    }
    const double scale = ParseScale(&k);
    if (scale == 0) return 0;
    std::string_view code;
    double factor = 1;
    const size_t e = ParseCurrencyWords(k, scale != 1, &code, &factor);
    if (e == 0) return 0;
    m->kind = AmountKind::kMoney;
    m->currency = code;
    m->value = n->Times(scale * factor);
    return e;
  }
  bool IsOpeningMark(size_t i) const {
    const auto t = Text(i);
    return t == "\u201C" || t == "\u2018" || t == "\u2013" || t == "\u2014";
  }

  // "millions of shekels", "\"millions\" of shekels", "hundreds of millions
  // of dollars".
  size_t TryUnquantified(size_t i, size_t* begin_tok, AmountMention* m) const {
    static constexpr std::string_view kPlural[] = {"tens",     "hundreds", "thousands",
                                                   "millions", "billions", "trillions"};
    bool plural = false;
    for (auto p : kPlural) plural = plural || WordIs(i, p);
    if (!plural) return 0;
    size_t k = i + 1;
    bool quoted = false;
    if (IsQuote(k) && Glued(k) && i > 0 && IsQuote(i - 1) && Glued(i)) {
      quoted = true;
      ++k;
    }
    if (!WordIs(k, "of") || !Spaced(k)) return 0;
    ++k;
    if ((WordIs(k, "millions") || WordIs(k, "billions") || WordIs(k, "thousands")) && Spaced(k) &&
        WordIs(k + 1, "of") && Spaced(k + 1)) {
      k += 2;
    }
    std::string_view code;
    double factor = 1;
    const size_t e = ParseCurrencyWords(k, /*scaled=*/true, &code, &factor);
    if (e == 0) return 0;
    if (quoted) *begin_tok = i - 1;
    m->kind = AmountKind::kMoney;
    m->currency = code;
    m->value.reset();
    return e;
  }

  // "a billion euros", "two million dollars".
  size_t TryNumberWord(size_t i, AmountMention* m) const {
    const double v = NumberWord(Text(i));
    if (v == 0 || !EndsHere(i)) return 0;
    size_t k = i + 1;
    if (!IsWord(k) || !Spaced(k)) return 0;
    const double scale = ParseScale(&k);
    if (scale <= 1) return 0;
    std::string_view code;
    double factor = 1;
    const size_t e = ParseCurrencyWords(k, /*scaled=*/true, &code, &factor);
    if (e == 0) return 0;
    m->kind = AmountKind::kMoney;
    m->currency = code;
    m->value = v * scale * factor;
    return e;
  }

  std::string_view s_;
  std::shared_ptr<const std::vector<Tok>> shared_toks_;  // keeps toks_ alive
  const std::vector<Tok>& toks_;
  size_t chunk_begin_tok_ = 0;
  size_t chunk_end_tok_ = 0;
  bool chunk_is_code_ = false;
};

}  // namespace

std::string_view AmountKindName(AmountKind kind) {
  switch (kind) {
    case AmountKind::kMoney:
      return "money";
    case AmountKind::kPercent:
      return "percent";
    case AmountKind::kPercentagePoints:
      return "percentage_points";
  }
  return "money";
}

std::vector<AmountMention> ExtractAmounts(std::string_view text) {
  if (text.size() > UINT32_MAX) return {};
  return AmountParser(text).Run();
}

}  // namespace newsflow
