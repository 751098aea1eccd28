// Money amounts and percentages in cleaned English news text.
//
// Money (kind kMoney), value in units of the currency, ISO 4217 code:
//   - a symbol or prefix glued to a number: "$7 billion", "US$3", "£600m",
//     "€2.5 million", "¥100", "₪40", "₹500", "C$", "A$", "HK$", "NT$", "NZ$",
//     "S$", "R$"; "$" alone is USD and "¥" alone JPY (the yuan is written
//     "yuan" or "CNY" in English news);
//   - a spaced code or abbreviation before a number: "USD 5 million",
//     "EUR 300", "NIS 40", "Rs 500 crore", "RMB 2bn";
//   - a number followed by a currency word or code: "1.5 million euros",
//     "300 yen", "5 million shekels", "20 Canadian dollars", "40 NIS",
//     "10 million USD", "50 pence" (GBP 0.5). Ambiguous words are taken only
//     with a qualifier: "pounds" only as "pounds sterling" or "British pounds"
//     (else it is weight), "pesos", "francs", "kroner" only with the country
//     ("Mexican pesos", "Swiss francs", "Danish kroner");
//   - a number word before a scale: "a billion euros", "two million dollars";
//   - an unquantified amount: "millions of shekels", "\"millions\" of
//     shekels", "billions of dollars", "hundreds of millions of dollars":
//     currency known, `value` empty.
// Multipliers: k/K, thousand (1e3); m/M, mn, mln, million (1e6); b/B, bn,
// bln, billion (1e9); t/T, tn, trn, trillion (1e12); lakh (1e5), crore
// (1e7). "$1.13bn (£600m)" gives two mentions. A range after a sign or code
// ("$5-7 billion", "$5bn-$7bn", "£3–4m") is one mention with `upper_value`;
// the first number takes the second's scale when it has none.
//
// Percentages (kind kPercent, value in percent): "3.5%", "3.5 %", "0.1
// percent", "5 per cent", "12 pct", "a 5-percent rise". "0.25 percentage
// point(s)" and "25 percentage-point" are kPercentagePoints.
//
// Numbers: digits with optional thousands separators (1,234,567) and a
// decimal part; more than 24 digits is not an amount.
//
// False positives avoided: a number glued to letters or digits ("A5%",
// "x$5", "5$"), version numbers and addresses ("1.2.3", "10.0.0.1"),
// URL-encoded bytes ("%20"), anything inside a whitespace-delimited chunk
// that looks like a URL, path, e-mail or code ("://", "www.", "=", "{", "}",
// "<", ">", "\", "|", "@", "`", "_"), "$" not followed by a digit ("$$$$",
// "$var"), a bare number ("Top 10", phone numbers), and "600m" without a
// currency (metres).
//
// Complexity: one tokenizing pass plus bounded lookahead per token; the
// chunk check visits each byte at most once. Any UTF-8 is accepted.
//
// Thread-safety: pure function.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsflow {

enum class AmountKind { kMoney, kPercent, kPercentagePoints };

// "money", "percent", "percentage_points".
std::string_view AmountKindName(AmountKind kind);

struct AmountMention {
  size_t begin = 0;  // byte offsets into the input, [begin, end)
  size_t end = 0;
  std::string text;  // the input bytes [begin, end)
  AmountKind kind = AmountKind::kMoney;
  std::optional<double> value;  // with the multiplier applied; empty if unquantified
  // Upper end of a money range ("$5-7 billion": value 5e9, upper_value 7e9).
  std::optional<double> upper_value;
  std::string_view currency;  // ISO 4217 code for money (static storage); empty otherwise
};

// `text`: cleaned article text (UTF-8). Mentions are returned in text order
// and do not overlap. Texts of 4 GiB or more yield
// no mentions (offsets are stored as 32 bits internally).
std::vector<AmountMention> ExtractAmounts(std::string_view text);

}  // namespace newsflow
