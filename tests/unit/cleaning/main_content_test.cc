#include "cleaning/main_content.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cleaning/html_document.h"
#include "cleaning/html_text.h"
#include "evaluation/shingle_score.h"

namespace newsflow {
namespace {

std::string Extract(const std::string& html, const MainContentOptions& options = {}) {
  HtmlDocument document;
  EXPECT_EQ(document.Parse(html), HtmlParseStatus::kOk);
  return ExtractMainContent(document, options);
}

bool Contains(const std::string& text, const std::string& piece) {
  return text.find(piece) != std::string::npos;
}

// Article paragraphs long enough to be scored, with commas (text written
// for these tests).
std::string ArticleParagraphs(int count) {
  std::string html;
  for (int i = 0; i < count; ++i) {
    html += "<p>Paragraph " + std::to_string(i) +
            " of the story walks through the harbour, the market, the old bridge and the "
            "quiet streets behind them, where the bakers start work long before dawn and the "
            "first trams rattle past the shuttered shops.</p>";
  }
  return html;
}

std::string Page(const std::string& body, const std::string& head = "") {
  return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

// ---------------------------------------------------------------------------
// Boilerplate around the article.

TEST(MainContentTest, KeepsTheArticleAndDropsNavigationAsideAndFooterAround) {
  const std::string text = Extract(
      Page("<nav><ul><li><a href='/'>Home page link</a></li><li><a href='/w'>World news link</a>"
           "</li></ul></nav>"
           "<div class='wrap'><article>" +
           ArticleParagraphs(4) +
           "</article><aside>Sidebar teaser about something else entirely</aside></div>"
           "<footer>Copyright notice of the publisher</footer>"));
  EXPECT_TRUE(Contains(text, "Paragraph 0 of the story"));
  EXPECT_TRUE(Contains(text, "Paragraph 3 of the story"));
  EXPECT_FALSE(Contains(text, "Home page link"));
  EXPECT_FALSE(Contains(text, "Sidebar teaser"));
  EXPECT_FALSE(Contains(text, "Copyright notice"));
}

TEST(MainContentTest, DropsAsideFooterAndNavInsideTheArticle) {
  const std::string text = Extract(
      Page("<article><nav><a href='/'>Breadcrumb home</a> &gt; <a href='/w'>World</a></nav>" +
           ArticleParagraphs(3) + "<aside>Inline aside with a teaser</aside>" +
           ArticleParagraphs(1) + "<footer>Article footer with tags</footer></article>"));
  EXPECT_TRUE(Contains(text, "Paragraph 2 of the story"));
  EXPECT_FALSE(Contains(text, "Breadcrumb home"));
  EXPECT_FALSE(Contains(text, "Inline aside"));
  EXPECT_FALSE(Contains(text, "Article footer"));
}

TEST(MainContentTest, DropsShortShareBlocksByClassButNotLongOnes) {
  const std::string long_note(600, 'x');
  const std::string text = Extract(Page("<article>" + ArticleParagraphs(3) +
                                        "<p class='share-tools'>Share this on every network</p>"
                                        "<p class='share-note'>Long " +
                                        long_note + " note</p></article>"));
  EXPECT_TRUE(Contains(text, "Paragraph 1 of the story"));
  EXPECT_FALSE(Contains(text, "Share this on every network"));
  EXPECT_TRUE(Contains(text, "Long xxxx"));
}

TEST(MainContentTest, DropsRelatedAndCommentBlocksByClass) {
  const std::string text =
      Extract(Page("<div id='main'><div class='entry'>" + ArticleParagraphs(4) +
                   "</div><div class='related-stories'><p>Another story you may like, with "
                   "commas, many, many of them, to look like content.</p></div>"
                   "<div class='comments'><p>A reader comment that is long enough, with "
                   "commas, to be scored like a paragraph of text.</p></div></div>"));
  EXPECT_TRUE(Contains(text, "Paragraph 3 of the story"));
  EXPECT_FALSE(Contains(text, "Another story you may like"));
  EXPECT_FALSE(Contains(text, "A reader comment"));
}

TEST(MainContentTest, DropsLinkHeavyListsOutsideTheArticleAndLinkHeavyBlocksInside) {
  const std::string text = Extract(
      Page("<div><ul><li><a href='/a'>First linked headline elsewhere</a></li>"
           "<li><a href='/b'>Second linked headline elsewhere</a></li></ul>"
           "<article>" +
           ArticleParagraphs(3) +
           "<div><p>More: <a href='/c'>Third linked headline elsewhere</a>, "
           "<a href='/d'>Fourth linked headline elsewhere</a></p></div>" +
           ArticleParagraphs(1) +
           "<ul><li>Flour, two cups, sifted twice</li><li>Water, one cup, lukewarm</li></ul>"
           "</article></div>"));
  EXPECT_TRUE(Contains(text, "Paragraph 0 of the story"));
  EXPECT_TRUE(Contains(text, "Paragraph 2 of the story"));
  EXPECT_FALSE(Contains(text, "linked headline"));
  EXPECT_TRUE(Contains(text, "Flour, two cups, sifted twice"));
}

TEST(MainContentTest, KeepsListsOfLinksInsideTheArticle) {
  // As Readability: a list inside the article is content (sources, steps)
  // unless its class says otherwise.
  const std::string text = Extract(Page("<article>" + ArticleParagraphs(3) +
                                        "<ul><li><a href='/a'>First source document</a></li>"
                                        "<li><a href='/b'>Second source document</a></li></ul>"
                                        "<ul class='related'><li><a href='/c'>Related story "
                                        "elsewhere</a></li></ul></article>"));
  EXPECT_TRUE(Contains(text, "First source document"));
  EXPECT_FALSE(Contains(text, "Related story elsewhere"));
}

TEST(MainContentTest, PrefersTheArticleOverALinkHeavyBlock) {
  std::string links;
  for (int i = 0; i < 40; ++i) {
    links += "<p><a href='/story/" + std::to_string(i) +
             "'>A linked headline elsewhere on the site, number " + std::to_string(i) +
             ", with commas, here</a></p>";
  }
  const std::string text = Extract(
      Page("<div class='index'>" + links + "</div><div>" + ArticleParagraphs(5) + "</div>"));
  EXPECT_TRUE(Contains(text, "Paragraph 4 of the story"));
  EXPECT_FALSE(Contains(text, "A linked headline elsewhere"));
}

TEST(MainContentTest, KeepsFootnotesButDropsFooterLinks) {
  const std::string text = Extract(
      Page("<article>" + ArticleParagraphs(3) +
           "<div class='footnotes'><p>1. The harbour records, kept since the old days, say so.</p>"
           "<p>2. The market moved twice, once in spring and once in autumn.</p></div>"
           "<div class='footer-links'><a href='/a'>About us</a> <a href='/b'>Jobs</a></div>"
           "</article>"));
  EXPECT_TRUE(Contains(text, "1. The harbour records"));
  EXPECT_FALSE(Contains(text, "About us"));
}

TEST(MainContentTest, DropsLoadingAndAdPlaceholders) {
  // Blocks (not plain paragraphs, which Readability never cleans this way)
  // whose whole text is an ad or "loading" word.
  const std::string text =
      Extract(Page("<article>" + ArticleParagraphs(2) + "<div><p>Loading...</p><p></p></div>" +
                   "<table><tr><td>Advertisement</td></tr></table>" + ArticleParagraphs(1) +
                   "<div><p>Loading bay doors open at six.</p><p>Trucks arrive at seven.</p></div>"
                   "</article>"));
  EXPECT_FALSE(Contains(text, "Loading..."));
  EXPECT_FALSE(Contains(text, "Advertisement"));
  EXPECT_TRUE(Contains(text, "Loading bay doors open at six"));
}

TEST(MainContentTest, KeepsDataTablesAndDropsLinkHeavyLayoutTables) {
  const std::string text = Extract(
      Page("<article>" + ArticleParagraphs(3) +
           "<table><tr><th>Stop</th><th>Time</th></tr>"
           "<tr><td><a href='/s1'>Harbour stop</a></td><td><a href='/t1'>06:10</a></td></tr>"
           "<tr><td><a href='/s2'>Market stop</a></td><td><a href='/t2'>06:25</a></td></tr></table>"
           "<table><tr><td><a href='/x'>Layout cell link one</a></td>"
           "<td><a href='/y'>Layout cell link two</a></td></tr></table></article>"));
  EXPECT_TRUE(Contains(text, "Harbour stop"));
  EXPECT_FALSE(Contains(text, "Layout cell link"));
}

TEST(MainContentTest, TwoLineBreaksStartAParagraph) {
  EXPECT_EQ(Extract("<div>First line, short<br><br>Second line, short<br>same paragraph</div>"),
            "First line, short\n\nSecond line, short\n\nsame paragraph");
}

TEST(MainContentTest, HeadingsAndListItemsAreTheirOwnParagraphs) {
  const std::string text = Extract(Page("<article><h2>Section heading</h2>" + ArticleParagraphs(3) +
                                        "<ol><li>First step, carefully, slowly</li>"
                                        "<li>Second step, quickly, firmly</li></ol></article>"));
  EXPECT_TRUE(Contains(text, "Section heading\n\nParagraph 0"));
  EXPECT_TRUE(Contains(text, "\n\nFirst step, carefully, slowly\n\nSecond step, quickly, firmly"));
}

TEST(MainContentTest, DropsHiddenElements) {
  const std::string text =
      Extract(Page("<article>" + ArticleParagraphs(3) +
                   "<p style='display: none'>Hidden by style display none</p>"
                   "<p style='visibility:hidden'>Hidden by visibility</p>"
                   "<p hidden>Hidden by attribute</p>"
                   "<div aria-hidden='true'><p>Hidden from assistive technology</p></div>"
                   "<p style='display:block'>Shown with display block</p></article>"));
  EXPECT_TRUE(Contains(text, "Paragraph 2 of the story"));
  EXPECT_FALSE(Contains(text, "Hidden by style"));
  EXPECT_FALSE(Contains(text, "Hidden by visibility"));
  EXPECT_FALSE(Contains(text, "Hidden by attribute"));
  EXPECT_FALSE(Contains(text, "assistive technology"));
  EXPECT_TRUE(Contains(text, "Shown with display block"));
}

TEST(MainContentTest, DropsAShortBylineButNotALongAuthorParagraph) {
  const std::string long_bio =
      "The author has written about harbours, markets and bridges for many years, and her "
      "reporting has appeared in several regional papers.";
  const std::string text =
      Extract(Page("<article><p class='byline'>By Jane Writer</p>" + ArticleParagraphs(3) +
                   "<p class='author-bio'>" + long_bio + "</p></article>"));
  EXPECT_FALSE(Contains(text, "By Jane Writer"));
  EXPECT_TRUE(Contains(text, "several regional papers"));
}

TEST(MainContentTest, KeepsTheBylineWhenThePageDeclaresItsAuthor) {
  // As Readability: with an author in meta tags or JSON-LD the byline
  // element is left to the other rules.
  const std::string body =
      "<article><p class='byline'>By Jane Writer</p>" + ArticleParagraphs(3) + "</article>";
  EXPECT_TRUE(Contains(Extract(Page(body, "<meta name='author' content='Jane Writer'>")),
                       "By Jane Writer"));
  EXPECT_TRUE(Contains(
      Extract(Page(body,
                   "<script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
                   "\"@type\": \"NewsArticle\", \"author\": {\"name\": \"Jane Writer\"}}"
                   "</script>")),
      "By Jane Writer"));
}

TEST(MainContentTest, ComparesHeadingsWithTheJsonLdHeadline) {
  const std::string head =
      "<title>Site name</title><meta property='og:title' content='Something else'>"
      "<script type='application/ld+json'>{\"@context\": \"http://schema.org\", \"@graph\": "
      "[{\"@type\": \"WebPage\"}, {\"@type\": \"NewsArticle\", \"headline\": \"Harbour "
      "bakers start before dawn\"}]}</script>";
  const std::string text = Extract(Page(
      "<article><h1>Harbour bakers start before dawn</h1>" + ArticleParagraphs(3) + "</article>",
      head));
  EXPECT_FALSE(Contains(text, "Harbour bakers start before dawn"));
  EXPECT_TRUE(Contains(text, "Paragraph 2 of the story"));
}

TEST(MainContentTest, DropsTheHeadingThatRepeatsTheTitle) {
  const std::string text =
      Extract(Page("<article><h1>Harbour bakers start before dawn</h1><h2>What the night "
                   "shift sees</h2>" +
                       ArticleParagraphs(3) + "</article>",
                   "<title>Harbour bakers start before dawn | The Daily Example</title>"));
  EXPECT_FALSE(Contains(text, "Harbour bakers start before dawn"));
  EXPECT_TRUE(Contains(text, "What the night shift sees"));
}

// ---------------------------------------------------------------------------
// Small and odd pages.

TEST(MainContentTest, ReturnsAFragmentWhole) {
  EXPECT_EQ(Extract("<p>First short paragraph.</p><p>Second one, also short.</p>"),
            "First short paragraph.\n\nSecond one, also short.");
  EXPECT_EQ(Extract("Just a line of text"), "Just a line of text");
}

TEST(MainContentTest, FallsBackToVisibleTextWhenNothingQualifies) {
  // Every attempt removes footers and asides: the fallback returns them
  // rather than nothing.
  EXPECT_EQ(Extract(Page("<footer>Only a footer line</footer>")), "Only a footer line");
  EXPECT_EQ(Extract(Page("<aside>Only an aside</aside><p hidden>secret</p>")), "Only an aside");
}

TEST(MainContentTest, FallbackPrefersTheMainContainer) {
  // Buttons are always removed, so every attempt is empty; the fallback
  // takes <main> rather than the whole page.
  EXPECT_EQ(Extract(Page("<aside>Aside text</aside><main><button>Press here</button></main>")),
            "Press here");
  EXPECT_EQ(Extract(Page("<div role='main'><button>Press</button></div><div><button>Other"
                         "</button></div>")),
            "Press");
}

TEST(MainContentTest, ReturnsEmptyWithoutVisibleText) {
  EXPECT_EQ(Extract(Page("<p hidden>invisible</p><script>var x = 1;</script>")), "");
  EXPECT_EQ(Extract(""), "");
  EXPECT_EQ(ExtractMainContent(HtmlDocument()), "");
}

TEST(MainContentTest, DecodesDoubleEscapedEntities) {
  const std::string text = Extract(
      "<p>Fish &amp;amp; chips, &amp;quot;fresh&amp;quot;, &amp;#233;t&amp;eacute; &amp;#x263A; "
      "&amp;lt;b&amp;gt;</p>");
  EXPECT_EQ(text, "Fish & chips, \"fresh\", \xC3\xA9t\xC3\xA9 \xE2\x98\xBA <b>");
}

TEST(MainContentTest, LeavesTextThatIsNotAWellFormedReference) {
  EXPECT_EQ(Extract("<p>AT&amp;T and R&amp;D; &amp;notanentity; &amp;amp without end</p>"),
            "AT&T and R&D; &notanentity; &amp without end");
  MainContentOptions options;
  options.decode_leftover_entities = false;
  EXPECT_EQ(Extract("<p>Fish &amp;amp; chips</p>", options), "Fish &amp; chips");
}

// ---------------------------------------------------------------------------
// Size and depth.

TEST(MainContentTest, HandlesTenThousandParagraphs) {
  const std::string html = Page("<nav><a href='/'>Home page link</a></nav><article>" +
                                ArticleParagraphs(10000) + "</article>");
  const auto start = std::chrono::steady_clock::now();
  const std::string text = Extract(html);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(Contains(text, "Paragraph 0 of the story"));
  EXPECT_TRUE(Contains(text, "Paragraph 9999 of the story"));
  EXPECT_FALSE(Contains(text, "Home page link"));
  size_t paragraphs = 1;
  for (size_t at = 0; (at = text.find("\n\n", at)) != std::string::npos; at += 2) ++paragraphs;
  EXPECT_EQ(paragraphs, 10000u);
  EXPECT_LT(seconds, 5.0);  // ~2.6 MB: linear time is well under a second
}

TEST(MainContentTest, SurvivesDeepNesting) {
  std::string deep;
  for (int i = 0; i < 2000; ++i) deep += "<div>";
  deep += ArticleParagraphs(3);
  for (int i = 0; i < 2000; ++i) deep += "</div>";
  const std::string text = Extract(deep);
  EXPECT_TRUE(Contains(text, "Paragraph 2 of the story"));

  std::string spans;
  for (int i = 0; i < 900; ++i) spans += "<span><a href='#x'>";
  spans += "deep text";
  EXPECT_TRUE(Contains(Extract(spans), "deep text"));

  // Refused by the parser as too deep: an empty document, an empty result.
  std::string too_deep;
  for (int i = 0; i < 100000; ++i) too_deep += "<div>";
  HtmlDocument document;
  EXPECT_EQ(document.Parse(too_deep), HtmlParseStatus::kTooDeep);
  EXPECT_EQ(ExtractMainContent(document), "");
}

TEST(MainContentTest, KeepsNonLatinText) {
  const std::string text = Extract(
      "<p>\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D</p>"
      "<p>\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\x98\x80</p>");
  EXPECT_EQ(text,
            "\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xD7\xA2\xD7\x95\xD7\x9C\xD7\x9D\n\n"
            "\xE4\xBD\xA0\xE5\xA5\xBD\xEF\xBC\x8C\xE4\xB8\x96\xE7\x95\x8C \xF0\x9F\x98\x80");
}

// ---------------------------------------------------------------------------
// Regression guard on the shared evaluation pages (not shipped with the
// project): the whole `newsflow eval html` measure.

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(MainContentEvaluationTest, ReadabilityTestPagesKeepTheirScore) {
  namespace fs = std::filesystem;
  const fs::path dir =
      fs::path(NEWSFLOW_SOURCE_DIR "/../shared/data/html-extraction/readability-test-pages");
  std::error_code error;
  if (!fs::is_directory(dir, error)) GTEST_SKIP() << "no evaluation pages at " << dir;
  std::vector<fs::path> pages;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    if (fs::exists(entry.path() / "source.html", error) &&
        fs::exists(entry.path() / "expected.html", error)) {
      pages.push_back(entry.path());
    }
  }
  if (pages.empty()) GTEST_SKIP() << "no evaluation pages in " << dir;
  std::sort(pages.begin(), pages.end());
  ShingleCorpusScore corpus;
  for (const fs::path& page : pages) {
    const std::string source = ReadFile(page / "source.html");
    HtmlDocument document;
    document.Parse(source);
    corpus.Add(ExtractMainContent(document), HtmlToText(ReadFile(page / "expected.html")));
  }
  // Measured 0.9999 (P 0.9999, R 0.9999) on the 130 pages.
  EXPECT_GE(corpus.f1(), 0.995) << "P " << corpus.mean_precision() << " R " << corpus.mean_recall();
}

}  // namespace
}  // namespace newsflow
