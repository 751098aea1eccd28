#include "cleaning/text_normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

TEST(NormalizeParagraphsTest, EmptyAndWhitespaceOnlyInputGiveEmptyText) {
  EXPECT_EQ(NormalizeParagraphs(""), "");
  EXPECT_EQ(NormalizeParagraphs(" \t\r\n\n  \f\v "), "");
  EXPECT_EQ(NormalizeParagraphs("\xC2\xA0\xE2\x80\x83\xE3\x80\x80"),
            "");  // NBSP, EM SPACE, ideographic
  EXPECT_EQ(NormalizeParagraphs("\xE2\x80\x8B\xEF\xBB\xBF\x01\x7F"), "");  // ZWSP, BOM, controls
}

TEST(NormalizeParagraphsTest, PlainTextIsUnchanged) {
  EXPECT_EQ(NormalizeParagraphs("Hello, world."), "Hello, world.");
  EXPECT_EQ(NormalizeParagraphs("One.\n\nTwo."), "One.\n\nTwo.");
}

TEST(NormalizeParagraphsTest, HardWrappedLinesJoinIntoOneParagraph) {
  EXPECT_EQ(NormalizeParagraphs("The quick brown\nfox jumps over\r\nthe lazy\rdog."),
            "The quick brown fox jumps over the lazy dog.");
}

TEST(NormalizeParagraphsTest, BlankLinesSeparateParagraphs) {
  EXPECT_EQ(NormalizeParagraphs("a\n\nb"), "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a\n\n\n\n\nb"), "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a\r\n\r\nb"), "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a\r\rb"), "a\n\nb");
}

TEST(NormalizeParagraphsTest, CrLfCountsAsOneLineBreak) {
  EXPECT_EQ(NormalizeParagraphs("a\r\nb"), "a b");
}

TEST(NormalizeParagraphsTest, LineWithOnlyWhitespaceCountsAsBlank) {
  EXPECT_EQ(NormalizeParagraphs("first\n \t \xC2\xA0\nsecond"), "first\n\nsecond");
  // Removed characters on the line do not make it non-blank.
  EXPECT_EQ(NormalizeParagraphs("first\n\xE2\x80\x8B\x01\nsecond"), "first\n\nsecond");
}

TEST(NormalizeParagraphsTest, WhitespaceRunsCollapseToOneSpace) {
  EXPECT_EQ(NormalizeParagraphs("a  \t b\v\fc"), "a b c");
  // NBSP, EN QUAD, THIN SPACE, NARROW NBSP, MEDIUM MATH SPACE, IDEOGRAPHIC SPACE, OGHAM.
  EXPECT_EQ(NormalizeParagraphs("a\xC2\xA0"
                                "b\xE2\x80\x80"
                                "c\xE2\x80\x89"
                                "d\xE2\x80\xAF"
                                "e\xE2\x81\x9F"
                                "f\xE3\x80\x80"
                                "g\xE1\x9A\x80h"),
            "a b c d e f g h");
}

TEST(NormalizeParagraphsTest, UnicodeLineAndParagraphSeparatorsBreakParagraphs) {
  EXPECT_EQ(NormalizeParagraphs("a\xE2\x80\xA8"
                                "b"),
            "a\n\nb");
  EXPECT_EQ(NormalizeParagraphs("a \xE2\x80\xA9 b"), "a\n\nb");
}

TEST(NormalizeParagraphsTest, NextLineIsALineBreak) {
  EXPECT_EQ(NormalizeParagraphs("a\xC2\x85"
                                "b"),
            "a b");
  EXPECT_EQ(NormalizeParagraphs("a\xC2\x85\xC2\x85"
                                "b"),
            "a\n\nb");
}

TEST(NormalizeParagraphsTest, ParagraphsAreTrimmedAndEmptyOnesDropped) {
  EXPECT_EQ(NormalizeParagraphs("\n\n  lead  \n\n \n\n\n  \n\n tail \n\n"), "lead\n\ntail");
}

TEST(NormalizeParagraphsTest, ControlCharactersAreRemoved) {
  std::string input = "a";
  for (int c = 0; c < 0x20; ++c) {
    if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r') continue;
    input.push_back(static_cast<char>(c));
  }
  input +=
      "\x7F"
      "b";
  EXPECT_EQ(NormalizeParagraphs(input), "ab");
  // C1 controls (U+0080, U+009F) are removed too.
  EXPECT_EQ(NormalizeParagraphs("x\xC2\x80y\xC2\x9Fz"), "xyz");
}

TEST(NormalizeParagraphsTest, ZeroWidthCharactersAreRemoved) {
  EXPECT_EQ(NormalizeParagraphs("in\xE2\x80\x8Bvis\xE2\x80\x8Ci\xE2\x80\x8D"
                                "b\xE2\x81\xA0l\xEF\xBB\xBF"
                                "e"),
            "invisible");
  EXPECT_EQ(NormalizeParagraphs("\xEF\xBB\xBFHello"), "Hello");
}

TEST(NormalizeParagraphsTest, SoftHyphenIsRemoved) {
  EXPECT_EQ(NormalizeParagraphs("hyphen\u00ADation"), "hyphenation");
  EXPECT_EQ(NormalizeParagraphs("a \u00AD b"), "a b");
}

TEST(NormalizeParagraphsTest, OtherFormatCharactersAreKept) {
  // U+200E LEFT-TO-RIGHT MARK and U+2066 LEFT-TO-RIGHT ISOLATE are not on the list.
  EXPECT_EQ(NormalizeParagraphs("a\u200Eb\u2066c"), "a\u200Eb\u2066c");
}

TEST(NormalizeParagraphsTest, DecomposedTextIsComposedToNfc) {
  EXPECT_EQ(NormalizeParagraphs("Cafe\u0301 de\u0301ja\u0300"), "Caf\u00E9 d\u00E9j\u00E0");
  EXPECT_EQ(NormalizeParagraphs("\u212B"), "\u00C5");              // ANGSTROM SIGN, a singleton
  EXPECT_EQ(NormalizeParagraphs("\u1100\u1161\u11A8"), "\uAC01");  // conjoining jamo
  EXPECT_EQ(NormalizeParagraphs("a\u0323\u0302"), "\u1EAD");       // two marks, one composite
}

TEST(NormalizeParagraphsTest, NfcCanonicallyOrdersMarks) {
  // Dot below (ccc 220) sorts before circumflex (ccc 230); then both compose.
  EXPECT_EQ(NormalizeParagraphs("a\u0302\u0323"), "\u1EAD");
}

TEST(NormalizeParagraphsTest, NfcAppliesToEveryParagraph) {
  EXPECT_EQ(NormalizeParagraphs("plain\n\ne\u0301\n\nplain\n\no\u0308"),
            "plain\n\n\u00E9\n\nplain\n\n\u00F6");
}

TEST(NormalizeParagraphsTest, RemovedCharacterBetweenLetterAndMarkDoesNotBlockComposition) {
  EXPECT_EQ(NormalizeParagraphs("e\u200B\u0301"), "\u00E9");
}

TEST(NormalizeParagraphsTest, NfcStableTextIsUnchanged) {
  // Precomposed letters, Greek with tonos, Hangul syllables, CJK, curly quotes, and
  // compatibility characters NFC keeps: fullwidth A, the fi ligature, superscript two.
  const std::string text =
      "\u00E9t\u00E9 \u03AC\u03AD \uD55C\uAD6D\uC5B4 \u6771\u4EAC \u201Cq\u201D \uFF21 \uFB01 "
      "x\u00B2";
  EXPECT_EQ(NormalizeParagraphs(text), text);
}

TEST(NormalizeParagraphsTest, TypographicQuotesAndDashesAreKept) {
  const std::string text =
      "\u201CYes,\u201D she said \u2014 it\u2019s \u2018fine\u2019 \u2013 1\u20132 \u22123 "
      "\u00ABnon\u00BB";
  EXPECT_EQ(NormalizeParagraphs(text), text);
  EXPECT_EQ(NormalizeParagraphs("\"plain\" and 'single' quotes"), "\"plain\" and 'single' quotes");
}

TEST(NormalizeParagraphsTest, BacktickQuotePairBecomesCurlyQuotes) {
  EXPECT_EQ(NormalizeParagraphs("``We will win,'' he said."), "\u201CWe will win,\u201D he said.");
  EXPECT_EQ(NormalizeParagraphs("He said ``no'' and ``yes.''"),
            "He said \u201Cno\u201D and \u201Cyes.\u201D");
  // Across a line break inside the paragraph.
  EXPECT_EQ(NormalizeParagraphs("``We\nwill win''"), "\u201CWe will win\u201D");
  // A second opener replaces an unclosed first one.
  EXPECT_EQ(NormalizeParagraphs("``a ``b''"), "``a \u201Cb\u201D");
}

TEST(NormalizeParagraphsTest, UnpairedBacktickQuotesStayAscii) {
  EXPECT_EQ(NormalizeParagraphs("``We will win, he said."), "``We will win, he said.");
  EXPECT_EQ(NormalizeParagraphs("a 5'' screen"), "a 5'' screen");
  EXPECT_EQ(NormalizeParagraphs("echo '' done"), "echo '' done");
  // Opener followed by a space, or closer after a space: not a quotation.
  EXPECT_EQ(NormalizeParagraphs("`` spaced'' x"), "`` spaced'' x");
  EXPECT_EQ(NormalizeParagraphs("``text ''"), "``text ''");
  // Three marks are something else (a code fence, bold in wiki markup).
  EXPECT_EQ(NormalizeParagraphs("```code''' x"), "```code''' x");
  // A pair does not span paragraphs.
  EXPECT_EQ(NormalizeParagraphs("``First\n\nsecond''"), "``First\n\nsecond''");
}

TEST(NormalizeParagraphsTest, SpacedDoubleHyphenBecomesEmDash) {
  EXPECT_EQ(NormalizeParagraphs("plans -- if approved -- would"),
            "plans \u2014 if approved \u2014 would");
  EXPECT_EQ(NormalizeParagraphs("a  --\tb"), "a \u2014 b");
  EXPECT_EQ(NormalizeParagraphs("a --\nb"), "a \u2014 b");
  EXPECT_EQ(NormalizeParagraphs("a -- \u00E9"), "a \u2014 \u00E9");
  EXPECT_EQ(NormalizeParagraphs("a -- -- b"), "a \u2014 \u2014 b");
}

TEST(NormalizeParagraphsTest, OtherHyphenRunsAreKept) {
  EXPECT_EQ(NormalizeParagraphs("a--b"), "a--b");
  EXPECT_EQ(NormalizeParagraphs("a --b"), "a --b");
  EXPECT_EQ(NormalizeParagraphs("a-- b"), "a-- b");
  EXPECT_EQ(NormalizeParagraphs("a --- b"), "a --- b");
  EXPECT_EQ(NormalizeParagraphs("a - b"), "a - b");
  EXPECT_EQ(NormalizeParagraphs("-- a"), "-- a");              // paragraph start
  EXPECT_EQ(NormalizeParagraphs("a --"), "a --");              // paragraph end
  EXPECT_EQ(NormalizeParagraphs("a --\n\nb"), "a --\n\nb");    // before a paragraph break
  EXPECT_EQ(NormalizeParagraphs("a --\u00E9"), "a --\u00E9");  // no space after
  EXPECT_EQ(NormalizeParagraphs("run --verbose"), "run --verbose");
}

TEST(NormalizeParagraphsTest, HyphenLookAlikesBecomeAsciiHyphen) {
  EXPECT_EQ(NormalizeParagraphs("well\u2010known non\u2011stop"), "well-known non-stop");
}

TEST(NormalizeParagraphsTest, OtherDashesAndMinusAreKept) {
  // FIGURE DASH, EN DASH, EM DASH, HORIZONTAL BAR, MINUS SIGN.
  const std::string text = "1\u20122 3\u20134 a\u2014b \u2015 \u22125";
  EXPECT_EQ(NormalizeParagraphs(text), text);
}

TEST(NormalizeParagraphsTest, NonAsciiTextIsPreserved) {
  const std::string text =
      "Zürich — 東京 🦀 \xF0\x9D\x95\x8F"
      " مرحبا";
  EXPECT_EQ(NormalizeParagraphs(text), text);
}

TEST(NormalizeParagraphsTest, InvalidBytesAreDroppedWithoutCrashing) {
  EXPECT_EQ(NormalizeParagraphs("a\xFF"
                                "b"),
            "ab");
  EXPECT_EQ(NormalizeParagraphs("a\x80"
                                "b"),
            "ab");  // lone continuation byte
  EXPECT_EQ(NormalizeParagraphs("a\xC0\xAF"
                                "b"),
            "ab");  // overlong
  EXPECT_EQ(NormalizeParagraphs("a\xED\xA0\x80"
                                "b"),
            "ab");  // encoded surrogate
  EXPECT_EQ(NormalizeParagraphs("a\xF4\x90\x80\x80"
                                "b"),
            "ab");                                     // above U+10FFFF
  EXPECT_EQ(NormalizeParagraphs("ab\xE2\x82"), "ab");  // truncated at the end
  EXPECT_EQ(NormalizeParagraphs("\xE2\x82"
                                " b"),
            "b");
}

TEST(NormalizeParagraphsTest, EmbeddedNulIsRemoved) {
  EXPECT_EQ(NormalizeParagraphs(std::string("a\0b", 3)), "ab");
}

TEST(NormalizeParagraphsTest, LargeInputIsNormalized) {
  std::string input;
  std::string expected;
  for (int i = 0; i < 10000; ++i) {
    input += "word\t\t";
    expected += i == 0 ? "word" : " word";
  }
  EXPECT_EQ(NormalizeParagraphs(input), expected);
}

TEST(IsUnicodeSpaceTest, WhitespaceCharactersAreSpaces) {
  for (const char32_t cp : {U' ', U'\t', U'\n', U'\v', U'\f', U'\r', U'\u0085', U'\u00A0',
                            U'\u1680', U'\u2003', U'\u202F', U'\u3000', U'\u2028', U'\u2029'}) {
    EXPECT_TRUE(IsUnicodeSpace(cp)) << static_cast<uint32_t>(cp);
  }
}

TEST(IsUnicodeSpaceTest, VisibleInvisibleAndInvalidCharactersAreNot) {
  for (const char32_t cp : {U'a', U'0', U'\0', U'\x01', U'\x7F', U'\u200B', U'\uFEFF', U'\u00AD',
                            U'\u3042', U'\U0001F600'}) {
    EXPECT_FALSE(IsUnicodeSpace(cp)) << static_cast<uint32_t>(cp);
  }
  EXPECT_FALSE(IsUnicodeSpace(static_cast<char32_t>(0x110000)));
  EXPECT_FALSE(IsUnicodeSpace(static_cast<char32_t>(0xFFFFFFFF)));
}

// ---------------------------------------------------------------------------
// NormalizePlainText. The fixtures are written for these tests; where a test
// needs hard wrapping, lines are wrapped by hand at 60 columns.

TEST(NormalizePlainTextTest, EmptyAndBlankInputGiveEmptyText) {
  EXPECT_EQ(NormalizePlainText(""), "");
  EXPECT_EQ(NormalizePlainText("\n\n \r\n\t\n"), "");
}

TEST(NormalizePlainTextTest, SingleLineIsOneParagraph) {
  EXPECT_EQ(NormalizePlainText("  Just one line.  "), "Just one line.");
}

TEST(NormalizePlainTextTest, BlankLinesSeparateParagraphsAndSingleBreaksAreWraps) {
  EXPECT_EQ(NormalizePlainText("The council met on\nTuesday evening.\n\nIt voted to close\nthe "
                               "road.\n"),
            "The council met on Tuesday evening.\n\nIt voted to close the road.");
}

TEST(NormalizePlainTextTest, BlankLineModeSplitsListItems) {
  EXPECT_EQ(NormalizePlainText("The plan will:\n - cut fees\n - add buses\n\nIt starts soon."),
            "The plan will:\n\n- cut fees\n\n- add buses\n\nIt starts soon.");
}

TEST(NormalizePlainTextTest, BlankLineModeSplitsAfterLineTooLongToBeAWrap) {
  const std::string long_line(150, 'x');
  EXPECT_EQ(NormalizePlainText(long_line + ".\nNext paragraph.\n\nLast."),
            long_line + ".\n\nNext paragraph.\n\nLast.");
  // The same break after a short line is a wrap.
  EXPECT_EQ(NormalizePlainText("Short.\nNext line.\n\nLast."), "Short. Next line.\n\nLast.");
}

TEST(NormalizePlainTextTest, LinesWithoutBlankLinesOrWrappingAreParagraphs) {
  // A CMS export: one paragraph per line, lines of any length.
  const std::string input =
      "Title of the story\n"
      "The first paragraph explains what happened in the town on Monday, who was there and "
      "why the meeting mattered to the people who live nearby.\n"
      "A short second one.\n"
      "The third paragraph closes the story with a look at what comes next for the project.\n";
  EXPECT_EQ(NormalizePlainText(input),
            "Title of the story\n\n"
            "The first paragraph explains what happened in the town on Monday, who was there and "
            "why the meeting mattered to the people who live nearby.\n\n"
            "A short second one.\n\n"
            "The third paragraph closes the story with a look at what comes next for the "
            "project.");
}

// Hard-wrapped at 60 columns; paragraphs start with an indented line.
constexpr char kWrappedIndented[] =
    "The harbour authority said on Friday that the new container\n"
    "terminal would open in the spring, a year later than first\n"
    "planned, because of delays in the delivery of cranes.\n"
    "    Shipping lines had been told to expect the change and most\n"
    "of them had already moved their schedules, a spokesman for\n"
    "the authority said.\n"
    "    The terminal will double the capacity of the port.\n";

TEST(NormalizePlainTextTest, HardWrappedLinesJoinAndIndentationStartsParagraphs) {
  EXPECT_EQ(NormalizePlainText(kWrappedIndented),
            "The harbour authority said on Friday that the new container terminal would open in "
            "the spring, a year later than first planned, because of delays in the delivery of "
            "cranes.\n\n"
            "Shipping lines had been told to expect the change and most of them had already "
            "moved their schedules, a spokesman for the authority said.\n\n"
            "The terminal will double the capacity of the port.");
}

TEST(NormalizePlainTextTest, IndentationAloneStartsParagraph) {
  // "planned." fills its line, so only the indentation marks the new paragraph.
  EXPECT_EQ(NormalizePlainText("The harbour authority said on Friday that the new container\n"
                               "terminal would open in the spring, a year later than planned.\n"
                               "    Shipping lines had been told to expect the change and most\n"
                               "of them had already moved their schedules, a spokesman for\n"
                               "the authority said on the radio.\n"),
            "The harbour authority said on Friday that the new container terminal would open in "
            "the spring, a year later than planned.\n\n"
            "Shipping lines had been told to expect the change and most of them had already "
            "moved their schedules, a spokesman for the authority said on the radio.");
}

TEST(NormalizePlainTextTest, UniformIndentationDoesNotStartParagraphs) {
  EXPECT_EQ(NormalizePlainText("  The harbour authority said on Friday that the new container\n"
                               "  terminal would open in the spring, a year later than first\n"
                               "  planned, because of delays in the delivery of the cranes\n"
                               "  and of other heavy equipment.\n"),
            "The harbour authority said on Friday that the new container terminal would open in "
            "the spring, a year later than first planned, because of delays in the delivery of "
            "the cranes and of other heavy equipment.");
}

TEST(NormalizePlainTextTest, HardWrappedShortSentenceEndStartsParagraph) {
  // No indentation: "planned." leaves room for "Shipping" on its line, so the
  // wrapper did not break there.
  const std::string input =
      "The harbour authority said on Friday that the new container\n"
      "terminal would open in the spring, a year later than first\n"
      "planned.\n"
      "Shipping lines had been told to expect the change and most\n"
      "of them had already moved their schedules, a spokesman for\n"
      "the authority said.\n";
  EXPECT_EQ(NormalizePlainText(input),
            "The harbour authority said on Friday that the new container terminal would open in "
            "the spring, a year later than first planned.\n\n"
            "Shipping lines had been told to expect the change and most of them had already "
            "moved their schedules, a spokesman for the authority said.");
}

TEST(NormalizePlainTextTest, HardWrappedSentenceEndAtFullLineIsAWrap) {
  // "end." fills its line: the next word would not have fitted, so this is a wrap.
  const std::string input =
      "The harbour authority said on Friday that the new container\n"
      "terminal would open in the spring. It gave no reason at end.\n"
      "Shipping lines had been told to expect the change and most\n"
      "of them had already moved their schedules, a spokesman for\n"
      "the authority said on the radio.\n";
  EXPECT_EQ(NormalizePlainText(input),
            "The harbour authority said on Friday that the new container terminal would open in "
            "the spring. It gave no reason at end. Shipping lines had been told to expect the "
            "change and most of them had already moved their schedules, a spokesman for the "
            "authority said on the radio.");
}

TEST(NormalizePlainTextTest, HardWrappedSentenceEndBeforeLowercaseIsAWrap) {
  const std::string input =
      "The harbour authority said on Friday that the new container\n"
      "terminal would open in the spring, later than Corp.\n"
      "had planned, because of delays in the delivery of cranes and\n"
      "of other heavy equipment from the suppliers overseas.\n";
  EXPECT_EQ(NormalizePlainText(input),
            "The harbour authority said on Friday that the new container terminal would open in "
            "the spring, later than Corp. had planned, because of delays in the delivery of "
            "cranes and of other heavy equipment from the suppliers overseas.");
}

TEST(NormalizePlainTextTest, HyphenAtLineEndJoinsWithoutSpaceAndKeepsHyphen) {
  const std::string input =
      "The harbour authority said on Friday that the long-await-\n"
      "ed terminal would open in the spring, a year later than the\n"
      "well-\n"
      "known schedule, because of delays in the delivery of cranes.\n";
  EXPECT_EQ(NormalizePlainText(input),
            "The harbour authority said on Friday that the long-await-ed terminal would open in "
            "the spring, a year later than the well-known schedule, because of delays in the "
            "delivery of cranes.");
  // The same in a text with blank-line paragraphs.
  EXPECT_EQ(NormalizePlainText("a well-\nknown fact\n\nend"), "a well-known fact\n\nend");
}

TEST(NormalizePlainTextTest, HyphenJoinNeedsLetterBeforeAndLowercaseAfter) {
  EXPECT_EQ(NormalizePlainText("the pre-\nSeason match\n\nend"), "the pre- Season match\n\nend");
  EXPECT_EQ(NormalizePlainText("a 2-\nyear deal\n\nend"), "a 2- year deal\n\nend");
  EXPECT_EQ(NormalizePlainText("a -\nsplit\n\nend"), "a - split\n\nend");
}

TEST(NormalizePlainTextTest, WideCharactersJoinWithoutSpace) {
  EXPECT_EQ(NormalizePlainText("\u6771\u4EAC\u90FD\u306F\n\u65E5\u672C\u306E\u9996\u90FD\n\nend"),
            "\u6771\u4EAC\u90FD\u306F\u65E5\u672C\u306E\u9996\u90FD\n\nend");
}

TEST(NormalizePlainTextTest, LineTerminatorsAreEquivalent) {
  const std::string expected = "The council met on Tuesday.\n\nIt voted.";
  EXPECT_EQ(NormalizePlainText("The council met on\nTuesday.\n\nIt voted."), expected);
  EXPECT_EQ(NormalizePlainText("The council met on\r\nTuesday.\r\n\r\nIt voted."), expected);
  EXPECT_EQ(NormalizePlainText("The council met on\rTuesday.\r\rIt voted."), expected);
  EXPECT_EQ(NormalizePlainText("The council met on\u0085Tuesday.\u0085\u0085It voted."), expected);
}

TEST(NormalizePlainTextTest, CharacterRulesOfNormalizeParagraphsApply) {
  EXPECT_EQ(NormalizePlainText("Cafe\u0301 -- ``open''\n\nsoft\u00ADhyphen\u200B"),
            "Caf\u00E9 \u2014 \u201Copen\u201D\n\nsofthyphen");
}

TEST(NormalizePlainTextTest, LargeAndDegenerateInputsAreHandled) {
  EXPECT_EQ(NormalizePlainText(std::string(1 << 20, '\n')), "");
  std::string short_lines;
  for (int i = 0; i < 200000; ++i) short_lines += "a\n";
  EXPECT_EQ(NormalizePlainText(short_lines).size(), 200000u * 3 - 2);  // a line, a paragraph
  const std::string one_line(4 << 20, 'x');
  EXPECT_EQ(NormalizePlainText(one_line), one_line);
  std::string hyphens;
  for (int i = 0; i < 100000; ++i) hyphens += "ab-\n";
  EXPECT_FALSE(NormalizePlainText(hyphens).empty());
}

TEST(NormalizePlainTextTest, InvalidBytesAreDropped) {
  EXPECT_EQ(NormalizePlainText("a\xFF\nb\xC0\n\nc\xE2\x82"), "a b\n\nc");
}

TEST(CountWordsTest, EmptyAndWhitespaceHaveNoWords) {
  EXPECT_EQ(CountWords(""), 0);
  EXPECT_EQ(CountWords(" \n\t "), 0);
  EXPECT_EQ(CountWords("\xC2\xA0\xE3\x80\x80"), 0);
}

TEST(CountWordsTest, CountsWhitespaceSeparatedTokens) {
  EXPECT_EQ(CountWords("one"), 1);
  EXPECT_EQ(CountWords("one two  three\n\nfour\tfive"), 5);
  EXPECT_EQ(CountWords("  leading and trailing  "), 3);
}

TEST(CountWordsTest, TokensWithoutLettersOrDigitsAreNotWords) {
  EXPECT_EQ(CountWords("a — b ... c !!"), 3);
  EXPECT_EQ(CountWords("\xE2\x80\x94 \xF0\x9F\xA6\x80"), 0);  // em dash, emoji
  EXPECT_EQ(CountWords("(1) x-y, \"z\""), 3);
}

TEST(CountWordsTest, DigitsAndUnicodeLettersCount) {
  EXPECT_EQ(CountWords("2024 42%"), 2);
  EXPECT_EQ(CountWords("Zürich Αθήνα Москва مرحبا"), 4);
  EXPECT_EQ(CountWords("東京"), 1);          // no spaces: one run
  EXPECT_EQ(CountWords("\xD9\xA3"), 1);      // ARABIC-INDIC DIGIT THREE (Nd)
  EXPECT_EQ(CountWords("\xE2\x85\xA2"), 1);  // ROMAN NUMERAL THREE (Nl)
}

TEST(CountWordsTest, UnicodeSpacesSeparateWords) {
  EXPECT_EQ(CountWords("a\xC2\xA0"
                       "b\xE2\x80\xA8"
                       "c\xE3\x80\x80"
                       "d\xC2\x85"
                       "e"),
            5);
}

TEST(CountWordsTest, InvalidBytesNeitherSeparateNorCount) {
  EXPECT_EQ(CountWords("a\xFF"
                       "b"),
            1);
  EXPECT_EQ(CountWords("\xFF \xFE"), 0);
  EXPECT_EQ(CountWords("ok \xE2\x82"), 1);
}

TEST(NormalizeToOneLineTest, ParagraphBreaksBecomeOneSpace) {
  EXPECT_EQ(NormalizeToOneLine("  First   part\n\n\nsecond\npart  "), "First part second part");
  EXPECT_EQ(NormalizeToOneLine("one line"), "one line");
}

TEST(NormalizeToOneLineTest, InvalidUtf8BecomesReplacementCharacterNotDropped) {
  EXPECT_EQ(NormalizeToOneLine("caf\xE9 bar"), "caf\xEF\xBF\xBD bar");
}

}  // namespace
}  // namespace newsflow
