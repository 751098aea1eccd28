#include "cleaning/html_metadata.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/feed_date.h"
#include "util/utf8_repair.h"

namespace newsflow {
namespace {

using ::testing::ElementsAre;

// Parses and extracts; the HTML string outlives the document as required.
HtmlMetadata Extract(const std::string& html) {
  HtmlDocument document;
  EXPECT_EQ(document.Parse(html), HtmlParseStatus::kOk);
  return ExtractHtmlMetadata(document);
}

std::string Page(std::string_view head, std::string_view body = "") {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "</head><body>" + std::string(body) +
         "</body></html>";
}

std::string JsonLd(std::string_view json) {
  return "<script type=\"application/ld+json\">" + std::string(json) + "</script>";
}

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out.append(piece);
  return out;
}

int64_t Ms(std::string_view rfc3339) { return ParseFeedDate(rfc3339).value(); }

// ---------------------------------------------------------------------------
// Empty and unparsed documents.

TEST(HtmlMetadataTest, PageWithoutMetadataGivesEmptyFields) {
  const HtmlMetadata m = Extract("<html><body><p>Just some text.</p></body></html>");
  EXPECT_EQ(m.title, "");
  EXPECT_TRUE(m.authors.empty());
  EXPECT_EQ(m.published_raw, "");
  EXPECT_FALSE(m.published_at_ms.has_value());
  EXPECT_EQ(m.site_name, "");
  EXPECT_EQ(m.language, "");
  EXPECT_EQ(m.description, "");
}

TEST(HtmlMetadataTest, UnparsedDocumentGivesEmptyFields) {
  const HtmlDocument document;
  const HtmlMetadata m = ExtractHtmlMetadata(document);
  EXPECT_EQ(m.title, "");
  EXPECT_TRUE(m.authors.empty());
}

// ---------------------------------------------------------------------------
// JSON-LD.

TEST(HtmlMetadataTest, JsonLdArticleBeatsMetaTags) {
  const HtmlMetadata m =
      Extract(Page("<meta property=\"og:title\" content=\"Graph title\">"
                   "<meta property=\"og:description\" content=\"Graph summary\">" +
                   JsonLd(R"({"@context":"https://schema.org","@type":"NewsArticle",
                 "headline":"Ledger title","description":"Ledger summary",
                 "datePublished":"2024-03-05T14:30:00Z",
                 "author":{"@type":"Person","name":"Mara Quill"},
                 "publisher":{"@type":"Organization","name":"The Daily Ledger"}})")));
  EXPECT_EQ(m.title, "Ledger title");
  EXPECT_EQ(m.description, "Ledger summary");
  EXPECT_THAT(m.authors, ElementsAre("Mara Quill"));
  EXPECT_EQ(m.published_raw, "2024-03-05T14:30:00Z");
  EXPECT_EQ(m.published_at_ms, Ms("2024-03-05T14:30:00Z"));
  EXPECT_EQ(m.site_name, "The Daily Ledger");
}

TEST(HtmlMetadataTest, JsonLdArticleInsideGraphIsFound) {
  const HtmlMetadata m = Extract(Page(JsonLd(R"({"@context":"https://schema.org","@graph":[
      {"@type":"WebSite","@id":"#site","name":"Site wide name"},
      {"@type":"Person","@id":"#p1","name":"Oren Vale"},
      {"@type":"Organization","@id":"#org","name":"Vale Press"},
      {"@type":"BlogPosting","headline":"Inside the graph","author":{"@id":"#p1"},
       "publisher":{"@id":"#org"}}]})")));
  EXPECT_EQ(m.title, "Inside the graph");
  EXPECT_THAT(m.authors, ElementsAre("Oren Vale"));  // @id reference followed
  EXPECT_EQ(m.site_name, "Vale Press");
}

TEST(HtmlMetadataTest, JsonLdTopLevelArrayIsSearched) {
  const HtmlMetadata m = Extract(Page(JsonLd(
      R"([{"@type":"BreadcrumbList","name":"Crumbs"},{"@type":["Article"],"name":"From array"}])")));
  EXPECT_EQ(m.title, "From array");
}

TEST(HtmlMetadataTest, JsonLdNonArticleTypesAreIgnored) {
  const HtmlMetadata m = Extract(Page("<title>Plain document title here</title>" +
                                      JsonLd(R"({"@type":"Organization","name":"Some Company",
                              "author":"Not An Author"})")));
  EXPECT_EQ(m.title, "Plain document title here");
  EXPECT_TRUE(m.authors.empty());
}

TEST(HtmlMetadataTest, InvalidJsonLdIsIgnored) {
  const HtmlMetadata m = Extract(Page("<meta property=\"og:title\" content=\"Fallback title\">" +
                                      JsonLd(R"({"@type":"Article","headline":"Broken",)")));
  EXPECT_EQ(m.title, "Fallback title");
}

TEST(HtmlMetadataTest, LaterValidJsonLdIsUsedAfterAnInvalidOne) {
  const HtmlMetadata m =
      Extract(Page(JsonLd("{not json") + JsonLd(R"({"@type":"Article","name":"Second script"})")));
  EXPECT_EQ(m.title, "Second script");
}

TEST(HtmlMetadataTest, HtmlEscapedJsonLdIsRepaired) {
  const HtmlMetadata m = Extract(
      Page(JsonLd("{&quot;@type&quot;:&quot;Article&quot;,&quot;name&quot;:&quot;Escaped&quot;}")));
  EXPECT_EQ(m.title, "Escaped");
}

TEST(HtmlMetadataTest, JsonLdWithRawLineBreaksInStringsIsRepaired) {
  const HtmlMetadata m = Extract(Page(JsonLd("{\"@type\":\"Article\",\"name\":\"Two\nlines\"}")));
  EXPECT_EQ(m.title, "Two lines");
}

TEST(HtmlMetadataTest, EntitiesInJsonLdStringsAreDecoded) {
  const HtmlMetadata m =
      Extract(Page(JsonLd(R"({"@type":"Article","name":"Rock &amp; roll &#8217;74"})")));
  EXPECT_EQ(m.title,
            "Rock & roll \xE2\x80\x99"
            "74");
}

TEST(HtmlMetadataTest, OversizedJsonLdIsSkipped) {
  const std::string padding(kMaxJsonLdBytes, ' ');
  const HtmlMetadata m =
      Extract(Page("<meta property=\"og:title\" content=\"Small\">" +
                   JsonLd(R"({"@type":"Article","name":"Huge")" + padding + "}")));
  EXPECT_EQ(m.title, "Small");
}

TEST(HtmlMetadataTest, JsonLdHeadlineWinsWhenOnlyItResemblesTheDocumentTitle) {
  const HtmlMetadata m = Extract(Page(
      "<title>Harbour cranes return to the old port | Ledger</title>" +
      JsonLd(
          R"({"@type":"Article","name":"Ledger","headline":"Harbour cranes return to the old port"})")));
  EXPECT_EQ(m.title, "Harbour cranes return to the old port");
}

TEST(HtmlMetadataTest, JsonLdNameWinsWhenHeadlineDoesNotResembleTheDocumentTitle) {
  const HtmlMetadata m = Extract(
      Page("<title>Glass frogs - Field Notes</title>" +
           JsonLd(R"({"@type":"Article","name":"Glass frogs","headline":"an amphibian family"})")));
  EXPECT_EQ(m.title, "Glass frogs");
}

TEST(HtmlMetadataTest, JsonLdWebPageIsUsedOnlyAfterMetaTags) {
  const std::string web_page = JsonLd(
      R"({"@type":"WebPage","name":"Page name","datePublished":"2021-06-01","inLanguage":"de"})");
  const HtmlMetadata with_meta =
      Extract(Page("<meta property=\"og:title\" content=\"Meta title\">" + web_page));
  EXPECT_EQ(with_meta.title, "Meta title");
  const HtmlMetadata without_meta = Extract(Page(web_page));
  EXPECT_EQ(without_meta.title, "Page name");
  EXPECT_EQ(without_meta.published_at_ms, Ms("2021-06-01T00:00:00Z"));
  EXPECT_EQ(without_meta.language, "de");
}

TEST(HtmlMetadataTest, JsonLdInsideCdataIsRead) {
  const HtmlMetadata m =
      Extract(Page(JsonLd(R"(<![CDATA[{"@type":"ReportageNewsArticle","name":"Wrapped"}]]>)")));
  EXPECT_EQ(m.title, "Wrapped");
}

// ---------------------------------------------------------------------------
// Meta tags and titles.

TEST(HtmlMetadataTest, DublinCoreTitleBeatsOpenGraphAndTwitter) {
  const HtmlMetadata m =
      Extract(Page("<meta name=\"twitter:title\" content=\"Twitter\">"
                   "<meta property=\"og:title\" content=\"Graph\">"
                   "<meta name=\"DC.title\" content=\"Dublin\">"));
  EXPECT_EQ(m.title, "Dublin");
}

TEST(HtmlMetadataTest, OpenGraphTitleBeatsTwitterAndDocumentTitle) {
  const HtmlMetadata m =
      Extract(Page("<title>Document | Site</title>"
                   "<meta name=\"twitter:title\" content=\"Twitter\">"
                   "<meta property=\"og:title\" content=\"Graph\">"));
  EXPECT_EQ(m.title, "Graph");
}

TEST(HtmlMetadataTest, PropertyBeatsNameForTheSameKey) {
  const HtmlMetadata m =
      Extract(Page("<meta name=\"og:title\" content=\"By name\">"
                   "<meta property=\"og:title\" content=\"By property\">"));
  EXPECT_EQ(m.title, "By property");
}

TEST(HtmlMetadataTest, EveryTokenOfASpaceSeparatedPropertyCounts) {
  const HtmlMetadata m =
      Extract(Page("<meta property=\"og:description twitter:description\" content=\"Shared\">"));
  EXPECT_EQ(m.description, "Shared");
}

TEST(HtmlMetadataTest, TitleSiteSuffixIsStripped) {
  EXPECT_EQ(
      Extract(Page("<title>Night trains are coming back to Europe | Rail Weekly</title>")).title,
      "Night trains are coming back to Europe");
  EXPECT_EQ(
      Extract(Page("<title>Night trains are coming back to Europe - Rail Weekly</title>")).title,
      "Night trains are coming back to Europe");
  EXPECT_EQ(
      Extract(Page("<title>Night trains are coming back to Europe :: Rail Weekly</title>")).title,
      "Night trains are coming back to Europe");
}

TEST(HtmlMetadataTest, TitleIsKeptWholeWhenTheRemainderIsShort) {
  EXPECT_EQ(Extract(Page("<title>Night trains | Rail Weekly</title>")).title,
            "Night trains | Rail Weekly");
}

TEST(HtmlMetadataTest, TitleSiteNameBeforeTheSeparatorIsStripped) {
  // Fewer than three words before the last separator: the first part goes.
  EXPECT_EQ(
      Extract(Page("<title>Rail Weekly | Night trains are coming back to Europe</title>")).title,
      "Night trains are coming back to Europe");
}

TEST(HtmlMetadataTest, HierarchicalSeparatorAllowsAShortTitle) {
  EXPECT_EQ(Extract(Page("<title>Night trains return \xC2\xBB Rail</title>")).title,
            "Night trains return");
}

TEST(HtmlMetadataTest, TitleColonPrefixIsStrippedUnlessAHeadingHoldsTheWholeTitle) {
  EXPECT_EQ(Extract(Page("<title>Rail Weekly: Night trains are coming back</title>")).title,
            "Night trains are coming back");
  EXPECT_EQ(Extract(Page("<title>Rail Weekly: Night trains are coming back</title>",
                         "<h1>Rail Weekly: Night trains are coming back</h1>"))
                .title,
            "Rail Weekly: Night trains are coming back");
}

TEST(HtmlMetadataTest, ShortTitleIsReplacedByTheOnlyH1) {
  EXPECT_EQ(Extract(Page("<title>Home</title>", "<h1>Night trains are coming back</h1>")).title,
            "Night trains are coming back");
  // Two h1s: no way to tell which one, so the title stays.
  EXPECT_EQ(Extract(Page("<title>Home</title>", "<h1>One</h1><h1>Two</h1>")).title, "Home");
}

TEST(HtmlMetadataTest, H1IsTheFallbackWithoutAnyTitle) {
  EXPECT_EQ(Extract(Page("", "<h1>Only a <em>heading</em></h1>")).title, "Only a heading");
}

TEST(HtmlMetadataTest, EntitiesLeftInMetaContentAreDecoded) {
  // Escaped twice in the source: gumbo decodes once, the extractor once more.
  const HtmlMetadata m =
      Extract(Page("<meta property=\"og:title\" content=\"Salt &amp;amp; pepper &amp;#x1F600;\">"
                   "<meta name=\"description\" content=\"Bad &amp;#xFFFFFFFF; ref\">"));
  EXPECT_EQ(m.title, "Salt & pepper \xF0\x9F\x98\x80");
  EXPECT_EQ(m.description, "Bad \xEF\xBF\xBD ref");  // beyond U+10FFFF: U+FFFD
}

TEST(HtmlMetadataTest, DocumentTitleTextIsNotDecodedTwice) {
  EXPECT_EQ(Extract(Page("<title>Writing &amp;amp; in HTML documents</title>")).title,
            "Writing &amp; in HTML documents");
}

TEST(HtmlMetadataTest, OutputIsCollapsedTrimmedAndCapped) {
  const HtmlMetadata m =
      Extract(Page("<meta property=\"og:title\" content=\"  A \t title\n\nwith   gaps \">"
                   "<meta name=\"description\" content=\"" +
                   Repeat("\xC3\xA9", 3000) + "\">"));
  EXPECT_EQ(m.title, "A title with gaps");
  EXPECT_LE(m.description.size(), kMaxDescriptionBytes);
  EXPECT_GE(m.description.size(), kMaxDescriptionBytes - 1);
  EXPECT_TRUE(IsValidUtf8(m.description));
}

// ---------------------------------------------------------------------------
// Authors.

TEST(HtmlMetadataTest, JsonLdAuthorsAsStringPersonsAndArrays) {
  EXPECT_THAT(Extract(Page(JsonLd(R"({"@type":"Article","author":"Ada Brook"})"))).authors,
              ElementsAre("Ada Brook"));
  EXPECT_THAT(Extract(Page(JsonLd(R"({"@type":"Article","author":[
                  {"@type":"Person","name":"Ada Brook"},"Ben Cole",
                  {"@type":"Person","url":"https://example.com/x"}]})")))
                  .authors,
              ElementsAre("Ada Brook", "Ben Cole"));
}

TEST(HtmlMetadataTest, MetaAuthorIsSplitAtAndAndCommas) {
  EXPECT_THAT(
      Extract(Page("<meta name=\"author\" content=\"Ada Brook, Ben Cole and Cy Dunn\">")).authors,
      ElementsAre("Ada Brook", "Ben Cole", "Cy Dunn"));
}

TEST(HtmlMetadataTest, DublinCoreCreatorIsNotSplitAtTheComma) {
  EXPECT_THAT(Extract(Page("<meta name=\"DC.creator\" content=\"Brook, Ada\">")).authors,
              ElementsAre("Brook, Ada"));
}

TEST(HtmlMetadataTest, AuthorUrlsAndEmailsAreDropped) {
  // article:author is usually a profile URL: dropped, so the byline is used.
  const HtmlMetadata m =
      Extract(Page("<meta property=\"article:author\" content=\"https://social.example/ada\">",
                   "<span class=\"byline\">By Ada Brook</span>"));
  EXPECT_THAT(m.authors, ElementsAre("Ada Brook"));
  EXPECT_TRUE(Extract(Page("<meta name=\"author\" content=\"ada@example.com\">")).authors.empty());
  EXPECT_THAT(
      Extract(Page("<meta name=\"author\" content=\"Ada Brook (https://ada.example/)\">")).authors,
      ElementsAre("Ada Brook"));
}

TEST(HtmlMetadataTest, ArticleAuthorByNameAttributeIsIgnored) {
  // Open Graph article:* keys are properties; a name="article:author" is not read.
  EXPECT_TRUE(
      Extract(Page("<meta name=\"article:author\" content=\"Ada Brook\">")).authors.empty());
  EXPECT_THAT(Extract(Page("<meta property=\"article:author\" content=\"Ada Brook\">")).authors,
              ElementsAre("Ada Brook"));
}

TEST(HtmlMetadataTest, DuplicateAuthorsAreRemovedCaseInsensitively) {
  EXPECT_THAT(
      Extract(Page("<meta name=\"author\" content=\"Ada Brook, ADA BROOK, Ben Cole\">")).authors,
      ElementsAre("Ada Brook", "Ben Cole"));
}

TEST(HtmlMetadataTest, OverlongAuthorsAreDroppedAndTheListIsCapped) {
  const std::string long_name(kMaxAuthorBytes + 1, 'x');
  EXPECT_TRUE(
      Extract(Page("<meta name=\"author\" content=\"" + long_name + "\">")).authors.empty());
  std::string many;
  for (int i = 0; i < 30; ++i)
    many += "Writer" + std::string(1, static_cast<char>('A' + i % 26)) + std::to_string(i) + ", ";
  EXPECT_EQ(Extract(Page("<meta name=\"author\" content=\"" + many + "\">")).authors.size(),
            kMaxAuthors);
}

TEST(HtmlMetadataTest, BylineElementWithByPrefixStripped) {
  EXPECT_THAT(Extract(Page("",
                           "<article><p class=\"byline\">By  Ada Brook and Ben Cole</p>"
                           "<p>Body text.</p></article>"))
                  .authors,
              ElementsAre("Ada Brook", "Ben Cole"));
}

TEST(HtmlMetadataTest, RelAuthorAndItempropAuthorAreBylines) {
  EXPECT_THAT(Extract(Page("", "<a rel=\"author\" href=\"/ada\">Ada Brook</a>")).authors,
              ElementsAre("Ada Brook"));
  EXPECT_THAT(Extract(Page("",
                           "<div itemprop=\"author\" itemscope>Written by "
                           "<span itemprop=\"name\">Ben Cole</span>, staff</div>"))
                  .authors,
              ElementsAre("Ben Cole"));  // the itemprop="name" child is preferred
}

TEST(HtmlMetadataTest, BylineOf100CharactersOrMoreIsIgnored) {
  const std::string long_text = "By " + Repeat("word ", 20);  // 103 characters
  EXPECT_TRUE(Extract(Page("", "<div class=\"byline\">" + long_text + "</div>")).authors.empty());
}

TEST(HtmlMetadataTest, BylineInCommentsYieldsToTheArticleByline) {
  EXPECT_THAT(Extract(Page("",
                           "<div class=\"comments\"><span class=\"author\">Commenter</span></div>"
                           "<span class=\"byline\">By Ada Brook</span>"))
                  .authors,
              ElementsAre("Ada Brook"));
  // With nothing else, the comment author is still better than nothing.
  EXPECT_THAT(
      Extract(Page("", "<div class=\"comments\"><span class=\"author\">Commenter</span></div>"))
          .authors,
      ElementsAre("Commenter"));
}

TEST(HtmlMetadataTest, HiddenBylinesAreIgnored) {
  EXPECT_TRUE(Extract(Page("",
                           "<div style=\"display: none\"><span class=\"author\">Ghost</span>"
                           "</div><span class=\"author\" hidden>Ghost</span>"))
                  .authors.empty());
}

TEST(HtmlMetadataTest, MetaAuthorBeatsBylineElement) {
  EXPECT_THAT(Extract(Page("<meta name=\"author\" content=\"Ada Brook\">",
                           "<span class=\"byline\">By Ben Cole</span>"))
                  .authors,
              ElementsAre("Ada Brook"));
}

// ---------------------------------------------------------------------------
// Published time.

TEST(HtmlMetadataTest, ArticlePublishedTimeIsParsed) {
  const HtmlMetadata m = Extract(
      Page("<meta property=\"article:published_time\" content=\"2015-07-10T09:53:00-04:00\">"));
  EXPECT_EQ(m.published_raw, "2015-07-10T09:53:00-04:00");
  EXPECT_EQ(m.published_at_ms, Ms("2015-07-10T13:53:00Z"));
}

TEST(HtmlMetadataTest, IsoDateWithoutSecondsOrZoneIsUtc) {
  const HtmlMetadata m =
      Extract(Page("<meta property=\"article:published_time\" content=\"2018-04-05T06:00\">"));
  EXPECT_EQ(m.published_at_ms, Ms("2018-04-05T06:00:00Z"));
}

TEST(HtmlMetadataTest, CompactAndSlashedDatesAreNormalized) {
  EXPECT_EQ(Extract(Page("<meta name=\"date\" content=\"20240305\">")).published_at_ms,
            Ms("2024-03-05T00:00:00Z"));
  EXPECT_EQ(Extract(Page("<meta name=\"pubdate\" content=\"2024/03/05 10:00\">")).published_at_ms,
            Ms("2024-03-05T10:00:00Z"));
}

TEST(HtmlMetadataTest, ShortDigitStringIsNotReadAsEpochSeconds) {
  const HtmlMetadata m = Extract(Page("<meta name=\"date\" content=\"2018\">"));
  EXPECT_EQ(m.published_raw, "2018");
  EXPECT_FALSE(m.published_at_ms.has_value());
  EXPECT_EQ(Extract(Page("<meta name=\"date\" content=\"1700000000\">")).published_at_ms,
            int64_t{1700000000000});
}

TEST(HtmlMetadataTest, SlashedDayMonthDatesParseOnlyWhenUnambiguous) {
  EXPECT_EQ(Extract(Page("<meta name=\"date\" content=\"05/29/2007 09:49:00\">")).published_at_ms,
            Ms("2007-05-29T09:49:00Z"));
  EXPECT_EQ(Extract(Page("<meta name=\"date\" content=\"29/05/2007\">")).published_at_ms,
            Ms("2007-05-29T00:00:00Z"));
  EXPECT_FALSE(
      Extract(Page("<meta name=\"date\" content=\"05/06/2007\">")).published_at_ms.has_value());
}

TEST(HtmlMetadataTest, UnparseableDateKeepsTheRawText) {
  const HtmlMetadata m =
      Extract(Page("<meta property=\"article:published_time\" content=\"last Tuesday\">"));
  EXPECT_EQ(m.published_raw, "last Tuesday");
  EXPECT_FALSE(m.published_at_ms.has_value());
}

TEST(HtmlMetadataTest, ParseableLaterCandidateBeatsUnparseableEarlierOne) {
  const HtmlMetadata m =
      Extract(Page("<meta property=\"article:published_time\" content=\"soon\">"
                   "<meta name=\"parsely-pub-date\" content=\"2020-02-02T02:02:02Z\">"));
  EXPECT_EQ(m.published_raw, "2020-02-02T02:02:02Z");
  EXPECT_EQ(m.published_at_ms, Ms("2020-02-02T02:02:02Z"));
}

TEST(HtmlMetadataTest, ItempropDatePublishedIsRead) {
  EXPECT_EQ(
      Extract(Page("", "<span itemprop=\"datePublished\" content=\"2019-01-02\">Jan 2</span>"))
          .published_at_ms,
      Ms("2019-01-02T00:00:00Z"));
}

TEST(HtmlMetadataTest, TimeElementWithPubdateOrInHeaderIsRead) {
  EXPECT_EQ(Extract(Page("", "<p><time datetime=\"2019-05-06T07:08:09Z\" pubdate>x</time></p>"))
                .published_at_ms,
            Ms("2019-05-06T07:08:09Z"));
  EXPECT_EQ(Extract(Page("",
                         "<article><header><time datetime=\"2019-05-06\">May 6</time>"
                         "</header></article>"))
                .published_at_ms,
            Ms("2019-05-06T00:00:00Z"));
}

TEST(HtmlMetadataTest, TimeElementOutsideHeaderAndArticleIsIgnored) {
  const HtmlMetadata m = Extract(Page("", "<div><time datetime=\"2019-05-06\">May 6</time></div>"));
  EXPECT_EQ(m.published_raw, "");
  EXPECT_FALSE(m.published_at_ms.has_value());
}

// ---------------------------------------------------------------------------
// Site name.

TEST(HtmlMetadataTest, SiteNameFromOpenGraph) {
  EXPECT_EQ(Extract(Page("<meta property=\"og:site_name\" content=\"Rail Weekly\">")).site_name,
            "Rail Weekly");
}

TEST(HtmlMetadataTest, SiteNameFallsBackToApplicationNameThenTwitterHandle) {
  EXPECT_EQ(Extract(Page("<meta name=\"application-name\" content=\"Rail App\">"
                         "<meta name=\"twitter:site\" content=\"@railweekly\">"))
                .site_name,
            "Rail App");
  EXPECT_EQ(Extract(Page("<meta name=\"twitter:site\" content=\"@railweekly\">")).site_name,
            "railweekly");
}

// ---------------------------------------------------------------------------
// Language.

TEST(HtmlMetadataTest, HtmlLangBeatsOtherDeclarations) {
  EXPECT_EQ(Extract("<html lang=\"pt-BR\"><head><meta property=\"og:locale\" content=\"en_US\">"
                    "</head></html>")
                .language,
            "pt-BR");
}

TEST(HtmlMetadataTest, OgLocaleIsConvertedToALanguageTag) {
  EXPECT_EQ(Extract(Page("<meta property=\"og:locale\" content=\"en_US\">")).language, "en-US");
}

TEST(HtmlMetadataTest, ContentLanguageTakesTheFirstOfAList) {
  EXPECT_EQ(Extract(Page("<meta http-equiv=\"Content-Language\" content=\"fr-CA, en\">")).language,
            "fr-CA");
}

TEST(HtmlMetadataTest, MalformedLanguageIsSkipped) {
  EXPECT_EQ(Extract("<html lang=\"{{lang}}\"><head><meta property=\"og:locale\" content=\"de_DE\">"
                    "</head></html>")
                .language,
            "de-DE");
  EXPECT_EQ(Extract("<html lang=\"12\"></html>").language, "");
}

// ---------------------------------------------------------------------------
// Description.

TEST(HtmlMetadataTest, DescriptionPrecedence) {
  EXPECT_EQ(Extract(Page("<meta name=\"description\" content=\"Plain\">"
                         "<meta property=\"og:description\" content=\"Graph\">"
                         "<meta name=\"twitter:description\" content=\"Tweet\">"))
                .description,
            "Graph");
  EXPECT_EQ(Extract(Page("<meta name=\"twitter:description\" content=\"Tweet\">"
                         "<meta name=\"description\" content=\"Plain\">"))
                .description,
            "Plain");
  EXPECT_EQ(Extract(Page("<meta name=\"twitter:description\" content=\"Tweet\">")).description,
            "Tweet");
}

// ---------------------------------------------------------------------------
// Robustness.

TEST(HtmlMetadataTest, DeepDocumentIsWalkedWithoutRecursion) {
  const int depth = 1900;
  const std::string html = "<html><body>" + Repeat("<div>", depth) +
                           "<span class=\"byline\">By Ada Brook</span>" + Repeat("</div>", depth) +
                           "</body></html>";
  EXPECT_THAT(Extract(html).authors, ElementsAre("Ada Brook"));
}

TEST(HtmlMetadataTest, BylineCandidateWithManyEmptyElementsIsBounded) {
  // The text read stops after a bounded number of nodes: no byline, no hang.
  const std::string html =
      "<body><div class=\"author\">" + Repeat("<b></b>", 20000) + "Ada Brook</div></body>";
  EXPECT_TRUE(Extract(html).authors.empty());
}

TEST(HtmlMetadataTest, ManyJsonLdValuesAreBounded) {
  std::string items;
  for (int i = 0; i < 5000; ++i) items += R"({"@type":"Thing"},)";
  const HtmlMetadata m =
      Extract(Page(JsonLd("[" + items + R"({"@type":"Article","name":"Too far"}])")));
  EXPECT_EQ(m.title, "");  // beyond the values visited per script
}

}  // namespace
}  // namespace newsflow
