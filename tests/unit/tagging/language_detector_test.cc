#include "tagging/language_detector.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace newsflow {
namespace {

// Paragraphs written for these tests, each well over 200 letters.
const char kEnglish[] =
    "The harbour board approved a plan on Tuesday to build a second container berth, ending "
    "years of debate about the cost. Local crews will start work in March and expect to finish "
    "within thirty months, while traders said prices for shipping would ease once it opens.";
const char kFrench[] =
    "Après dix-huit mois de travaux, les halles du marché ont rouvert leurs portes samedi matin, "
    "sous une charpente entièrement restaurée. Les quarante étals, tenus pour moitié par des "
    "pêcheurs de la commune, ont attiré plusieurs centaines de visiteurs dès l'ouverture.";
const char kGerman[] =
    "Nach achtzehn Monaten Bauzeit hat die Markthalle am Samstagmorgen wieder geöffnet. Die "
    "vierzig Stände, zur Hälfte von Fischern aus der Gemeinde betrieben, zogen schon in der "
    "ersten Stunde mehrere hundert Besucher an, teilte die Stadtverwaltung mit.";
const char kSpanish[] =
    "Después de dieciocho meses de obras, el mercado municipal volvió a abrir sus puertas el "
    "sábado por la mañana. Los cuarenta puestos, la mitad de ellos atendidos por pescadores del "
    "pueblo, atrajeron a cientos de visitantes desde la apertura, según el ayuntamiento.";
const char kRussian[] =
    "После восемнадцати месяцев ремонта городской рынок в субботу утром снова открыл свои двери. "
    "Сорок прилавков, половину из которых держат местные рыбаки, уже в первый час привлекли "
    "несколько сотен посетителей, сообщили в администрации города.";
const char kHebrew[] =
    "לאחר שמונה עשר חודשים של עבודות שיפוץ נפתח השוק העירוני מחדש בשבת בבוקר. ארבעים הדוכנים, "
    "שמחציתם מופעלים על ידי דייגים מקומיים, משכו מאות מבקרים כבר בשעה הראשונה, כך נמסר "
    "מהעירייה. העירייה מימנה שני שלישים מעלות השיפוץ, והשוק יהיה פתוח מיום שלישי עד יום ראשון "
    "בשעות הבוקר, עם ערב פתוח ביום שישי הראשון של כל חודש.";

struct Case {
  const char* text;
  const char* code;
};

TEST(LanguageDetectorTest, DetectsLanguagesOfLongTextsReliably) {
  for (const Case& c : {Case{kEnglish, "en"}, Case{kFrench, "fr"}, Case{kGerman, "de"},
                        Case{kSpanish, "es"}, Case{kRussian, "ru"}, Case{kHebrew, "he"}}) {
    const LanguageGuess guess = DetectLanguage(c.text, "");
    EXPECT_EQ(guess.code, c.code) << c.text;
    EXPECT_TRUE(guess.reliable) << c.code;
    EXPECT_EQ(guess.source, "detected");
    EXPECT_GT(guess.confidence, 0.8) << c.code;
    EXPECT_LE(guess.confidence, 1.0);
  }
}

TEST(LanguageDetectorTest, OnlyTheFirstBytesAreRead) {
  // English up to the cap, then ten times as much Russian: the Russian is
  // never read. With the English ending anywhere in the last 40 bytes
  // before the cap (the cut is at the last space before it), the text
  // still reads as English. (The Russian words are
  // shuffled: CLD2 skips repeated text, so the same paragraph ten times
  // would count as one.)
  std::string english;
  while (english.size() < kMaxDetectBytes) english += std::string(kEnglish) + " ";
  std::vector<std::string> words;
  std::istringstream paragraph(kRussian);
  for (std::string word; paragraph >> word;) words.push_back(word);
  std::mt19937 rng(1);
  std::string russian;
  while (russian.size() < 10 * kMaxDetectBytes) {
    std::shuffle(words.begin(), words.end(), rng);
    for (const std::string& word : words) russian += word + " ";
  }
  EXPECT_EQ(DetectLanguage(english + russian, "").code, "en");
  EXPECT_EQ(DetectLanguage(russian, "").code, "ru");
  for (size_t keep = kMaxDetectBytes - 40; keep <= kMaxDetectBytes; ++keep) {
    const std::string text = english.substr(0, keep) + russian;
    EXPECT_EQ(DetectLanguage(text, "").code, "en") << keep;
  }
}

TEST(LanguageDetectorTest, ShortTextIsNeverReliableAndLessConfident) {
  const LanguageGuess guess = DetectLanguage("Les halles ont rouvert samedi matin.", "");
  EXPECT_FALSE(guess.reliable);
  EXPECT_LT(guess.confidence, 0.5);
}

TEST(LanguageDetectorTest, HintIsTheAnswerForShortOrAmbiguousText) {
  const LanguageGuess guess = DetectLanguage("Hotel Central, Restaurant Bar", "de-AT");
  EXPECT_EQ(guess.code, "de");
  EXPECT_EQ(guess.source, "hint");
}

TEST(LanguageDetectorTest, HintConfirmedByTheTextIsReliable) {
  const LanguageGuess guess = DetectLanguage(kFrench, "fr");
  EXPECT_EQ(guess.code, "fr");
  EXPECT_EQ(guess.source, "hint");
  EXPECT_TRUE(guess.reliable);
  EXPECT_GT(guess.confidence, 0.8);
}

TEST(LanguageDetectorTest, ConfidentDetectionOverridesAWrongHint) {
  const LanguageGuess guess = DetectLanguage(kSpanish, "en");
  EXPECT_EQ(guess.code, "es");
  EXPECT_EQ(guess.source, "detected");
  EXPECT_TRUE(guess.reliable);
}

TEST(LanguageDetectorTest, InvalidHintIsIgnored) {
  for (const char* hint : {"english", "x", "12", "en GB", "und"}) {
    const LanguageGuess guess = DetectLanguage(kGerman, hint);
    EXPECT_EQ(guess.code, "de") << hint;
    EXPECT_EQ(guess.source, "detected") << hint;
  }
}

TEST(LanguageDetectorTest, NothingToDetectIsUnd) {
  for (const char* text : {"", "12345 67 890", "$$$ --- ..."}) {
    const LanguageGuess guess = DetectLanguage(text, "");
    EXPECT_EQ(guess.code, "und") << text;
    EXPECT_EQ(guess.source, "none");
    EXPECT_FALSE(guess.reliable);
    EXPECT_EQ(guess.confidence, 0);
  }
}

TEST(LanguageDetectorTest, LanguageCodesAreNormalizedToIso6391) {
  EXPECT_EQ(NormalizeLanguageCode("en-GB"), "en");
  EXPECT_EQ(NormalizeLanguageCode("EN_us"), "en");
  EXPECT_EQ(NormalizeLanguageCode("iw"), "he");
  EXPECT_EQ(NormalizeLanguageCode("jw"), "jv");
  EXPECT_EQ(NormalizeLanguageCode("in"), "id");
  EXPECT_EQ(NormalizeLanguageCode("zh-Hant"), "zh");
  EXPECT_EQ(NormalizeLanguageCode("haw"), "haw");
  EXPECT_EQ(NormalizeLanguageCode(""), "");
  EXPECT_EQ(NormalizeLanguageCode("e"), "");
  EXPECT_EQ(NormalizeLanguageCode("english"), "");
  EXPECT_EQ(NormalizeLanguageCode("en GB"), "");
  EXPECT_EQ(NormalizeLanguageCode("un"), "") << "CLD2's unknown";
}

}  // namespace
}  // namespace newsflow
