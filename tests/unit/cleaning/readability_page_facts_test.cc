#include "cleaning/readability_page_facts.h"

#include <gtest/gtest.h>

#include <string>

#include "cleaning/html_document.h"

namespace newsflow {
namespace {

ReadabilityPageFacts Facts(const std::string& head, const std::string& body = "<p>x</p>") {
  HtmlDocument document;
  EXPECT_EQ(document.Parse("<html><head>" + head + "</head><body>" + body + "</body></html>"),
            HtmlParseStatus::kOk);
  return ReadReadabilityPageFacts(document.root());
}

TEST(ReadabilityPageFactsTest, TitleIsCutAtTheLastSeparator) {
  EXPECT_EQ(Facts("<title>Bridge reopens after long repairs | The Valley Courier</title>").title,
            "Bridge reopens after long repairs");
  EXPECT_EQ(Facts("<title>Short | Site</title>").title, "Short | Site");  // too few words left
}

TEST(ReadabilityPageFactsTest, JsonLdArticleTitleWinsOverMetaAndDocumentTitle) {
  const ReadabilityPageFacts facts = Facts(
      "<title>Page | Site</title><meta property=\"og:title\" content=\"From meta\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"From JSON-LD\",\"author\":{\"name\":\"A. Writer\"}}"
      "</script>");
  EXPECT_EQ(facts.title, "From JSON-LD");
  EXPECT_TRUE(facts.has_meta_byline);
}

TEST(ReadabilityPageFactsTest, JsonLdOutsideSchemaOrgIsIgnored) {
  const ReadabilityPageFacts facts = Facts(
      "<meta property=\"og:title\" content=\"Salt &amp;amp; pepper\">"
      "<script type=\"application/ld+json\">{\"@context\":\"https://example.org\","
      "\"@type\":\"NewsArticle\",\"headline\":\"Ignored\"}</script>");
  EXPECT_EQ(facts.title, "Salt & pepper");  // meta value decoded once more
  EXPECT_FALSE(facts.has_meta_byline);
}

TEST(ReadabilityPageFactsTest, AuthorMetaTagMeansAByline) {
  EXPECT_TRUE(Facts("<meta name=\"author\" content=\"Kim Lee\">").has_meta_byline);
  EXPECT_FALSE(Facts("<meta name=\"author\" content=\"\">").has_meta_byline);
}

TEST(ReadabilityPageFactsTest, NullRootGivesEmptyFacts) {
  const ReadabilityPageFacts facts = ReadReadabilityPageFacts(nullptr);
  EXPECT_TRUE(facts.title.empty());
  EXPECT_FALSE(facts.has_meta_byline);
}

}  // namespace
}  // namespace newsflow
