#include "cleaning/html_entities.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

TEST(MayHoldHtmlEntityTest, NeedsAmpersandBeforeHashOrLetter) {
  EXPECT_TRUE(MayHoldHtmlEntity("a &amp b"));
  EXPECT_TRUE(MayHoldHtmlEntity("&#65;"));
  EXPECT_FALSE(MayHoldHtmlEntity("a & b &1 &"));
  EXPECT_FALSE(MayHoldHtmlEntity("no references"));
}

TEST(DecodeHtmlEntitiesTest, DecodesAsBrowserTextIncludingLegacyNames) {
  EXPECT_EQ(DecodeHtmlEntities("Salt &amp; pepper &#x1F600; &eacute;t&eacute;"),
            "Salt & pepper \xF0\x9F\x98\x80 \xC3\xA9t\xC3\xA9");
  // Without ';' and as a prefix, as an HTML parser decodes element text.
  EXPECT_EQ(DecodeHtmlEntities("AT&amp T &copy 2024 &notit;"), "AT& T \xC2\xA9 2024 \xC2\xACit;");
}

TEST(DecodeHtmlEntitiesTest, KeepsMarkupAndUnknownNamesLiteral) {
  EXPECT_EQ(DecodeHtmlEntities("<b>bold</b> &bogus; & done"), "<b>bold</b> &bogus; & done");
  EXPECT_EQ(DecodeHtmlEntities("</title><br>x"), "</title><br>x");
}

TEST(DecodeHtmlEntitiesTest, NumericReferencesBeyondUnicodeBecomeReplacementCharacter) {
  EXPECT_EQ(DecodeHtmlEntities("a&#xFFFFFFFF;b&#99999999999;c"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(DecodeHtmlEntities("&#x10FFFF;"), "\xF4\x8F\xBF\xBF");
}

TEST(DecodeHtmlEntitiesTest, NulBecomesReplacementCharacterNotDropped) {
  EXPECT_EQ(DecodeHtmlEntities(std::string_view("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
}

TEST(DecodeLeftoverEntitiesTest, DecodesNamedAndNumericReferences) {
  EXPECT_EQ(DecodeLeftoverEntities("a &amp; b &lt; c &#65;&#x42; &hellip; &nbsp;|"),
            "a & b < c AB \xE2\x80\xA6 \xC2\xA0|");
  // Numeric references follow the HTML rules for invalid values.
  EXPECT_EQ(DecodeLeftoverEntities("&#0;&#xD800;&#x110000;"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(DecodeLeftoverEntitiesTest, KeepsUnknownPartialAndUnterminatedReferences) {
  EXPECT_EQ(DecodeLeftoverEntities("&notit; &bogus; &amp &#; &#x; &#12345678; & ;"),
            "&notit; &bogus; &amp &#; &#x; &#12345678; & ;");
  EXPECT_EQ(DecodeLeftoverEntities("no references"), "no references");
}

TEST(DecodeLeftoverEntitiesTest, DecodesManyReferencesInBatches) {
  // More distinct references than one batch, and more references in all
  // than HtmlDocument accepts elements.
  std::string text;
  std::string expected;
  for (int cp = 0x4E00; cp < 0x4E00 + 10000; ++cp) {
    text += "&#" + std::to_string(cp) + ";";
    expected += static_cast<char>(0xE0 | (cp >> 12));
    expected += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    expected += static_cast<char>(0x80 | (cp & 0x3F));
  }
  for (int i = 0; i < 300000; ++i) {
    text += "&amp;";
    expected += "&";
  }
  EXPECT_EQ(DecodeLeftoverEntities(text), expected);
}

}  // namespace
}  // namespace newsflow
