#include "evaluation/reuters_sgml.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace newsflow {
namespace {

// Two records in the collection's format, written for this test (Latin-1
// byte \xE9 and SGML entities included).
constexpr const char* kSgml =
    "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
    "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"1\" "
    "NEWID=\"7\">\n"
    "<DATE>1-MAR-1987</DATE>\n"
    "<TOPICS><D>grain</D><D>wheat</D></TOPICS>\n"
    "<PLACES><D>usa</D><D>west-germany</D></PLACES>\n"
    "<TEXT>&#2;\n"
    "<TITLE>FARMERS &lt;AGRI&gt; SELL MORE WHEAT</TITLE>\n"
    "<DATELINE>    BONN, March 1 - </DATELINE><BODY>Farmers in Caf\xE9 County &amp; elsewhere\n"
    "sold more wheat, officials said.\n"
    " Reuter\n&#3;</BODY></TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS TOPICS=\"NO\" LEWISSPLIT=\"TEST\" NEWID=\"8\">\n"
    "<TOPICS></TOPICS><PLACES></PLACES>\n"
    "<TEXT TYPE=\"BRIEF\">&#2;\n<TITLE>SHORT ITEM</TITLE></TEXT>\n"
    "</REUTERS>\n"
    "<REUTERS NEWID=\"9\"><TITLE>never closed";

TEST(ReutersSgmlTest, ParsesRecordsFieldsAndTags) {
  const auto records = ParseReutersSgml(kSgml);
  ASSERT_EQ(records.size(), 2u);  // the unclosed third is ignored
  const ReutersRecord& first = records[0];
  EXPECT_EQ(first.new_id, "7");
  EXPECT_EQ(first.lewis_split, "TRAIN");
  EXPECT_EQ(first.topics_attribute, "YES");
  EXPECT_EQ(first.topics, (std::vector<std::string>{"grain", "wheat"}));
  EXPECT_EQ(first.places, (std::vector<std::string>{"usa", "west-germany"}));
  EXPECT_EQ(first.title, "FARMERS <AGRI> SELL MORE WHEAT");
  EXPECT_EQ(first.dateline, "BONN, March 1 -");
  EXPECT_EQ(first.body,
            "Farmers in Caf\xC3\xA9 County & elsewhere\nsold more wheat, officials said.");
}

TEST(ReutersSgmlTest, BriefRecordsHaveNoBodyOrPlaces) {
  const auto records = ParseReutersSgml(kSgml);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].new_id, "8");
  EXPECT_EQ(records[1].title, "SHORT ITEM");
  EXPECT_TRUE(records[1].body.empty());
  EXPECT_TRUE(records[1].places.empty());
  EXPECT_TRUE(records[1].dateline.empty());
}

TEST(ReutersSgmlTest, DecodesEntitiesAndLatin1AndDropsControls) {
  EXPECT_EQ(DecodeReutersText("a&lt;b&gt;&amp;&quot;&apos;&#65;\x01\xFC"), "a<b>&\"'A\xC3\xBC");
  EXPECT_EQ(DecodeReutersText("&#3;&nbsp;&#;&#99999999999;"), "&nbsp;&#;&#99999999999;");
}

TEST(ReutersSgmlTest, SignOffIsOnlyDroppedAsItsOwnWord) {
  const auto records = ParseReutersSgml(
      "<REUTERS NEWID=\"1\"><BODY>Shares of Reuter\n</BODY></REUTERS>"
      "<REUTERS NEWID=\"2\"><BODY>Talks with Freuter</BODY></REUTERS>");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].body, "Shares of");
  EXPECT_EQ(records[1].body, "Talks with Freuter");
}

TEST(ReutersSgmlTest, FindsOnlyCollectionFiles) {
  EXPECT_TRUE(ReutersSgmlFiles("/nonexistent/dir").empty());
  const std::string dir = NEWSFLOW_SOURCE_DIR "/../shared/data/topics/reuters21578";
  if (!std::filesystem::is_directory(dir)) GTEST_SKIP() << "no Reuters-21578 data";
  const auto files = ReutersSgmlFiles(dir);
  ASSERT_FALSE(files.empty());
  EXPECT_NE(files[0].find("reut2-000.sgm"), std::string::npos);
}

}  // namespace
}  // namespace newsflow
