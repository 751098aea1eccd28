#include "cleaning/html_text.h"

#include <gtest/gtest.h>
#include <pthread.h>

#include <random>
#include <string>
#include <vector>

#include "cleaning/text_normalize.h"

namespace newsflow {
namespace {

std::string Repeat(std::string_view piece, int times) {
  std::string out;
  out.reserve(piece.size() * static_cast<size_t>(times));
  for (int i = 0; i < times; ++i) out.append(piece);
  return out;
}

TEST(HtmlToTextTest, ParagraphsBecomeBlankLineSeparatedText) {
  EXPECT_EQ(HtmlToText("<p>One.</p><p>Two.</p>"), "One.\n\nTwo.");
}

TEST(HtmlToTextTest, InlineElementsDoNotBreakText) {
  EXPECT_EQ(HtmlToText("<p>Hello <b>bold</b>, <i>it</i><a href=\"/x\">alic</a> and "
                       "<span>spans</span>.</p>"),
            "Hello bold, italic and spans.");
}

TEST(HtmlToTextTest, BlockElementsBreakParagraphs) {
  EXPECT_EQ(HtmlToText("<h1>Title</h1><div>first</div><blockquote>quote</blockquote>"
                       "<ul><li>a</li><li>b</li></ul><section>s</section><article>t</article>"),
            "Title\n\nfirst\n\nquote\n\na\n\nb\n\ns\n\nt");
  EXPECT_EQ(HtmlToText("text<h2>head</h2>more"), "text\n\nhead\n\nmore");
}

TEST(HtmlToTextTest, LineBreakElementBreaksParagraphs) {
  EXPECT_EQ(HtmlToText("one<br>two<br/>three"), "one\n\ntwo\n\nthree");
}

TEST(HtmlToTextTest, SkipsNonContentElementsAndComments) {
  const std::string html =
      "<!DOCTYPE html><html><head><title>Page title</title><style>p{color:red}</style>"
      "<script>var x = '<p>no</p>';</script></head><body>"
      "<p>Visible<!-- hidden comment --> text.</p>"
      "<script>alert(1)</script><noscript>enable js</noscript>"
      "<template><p>template</p></template><style>.a{}</style>"
      "<iframe>frame fallback</iframe><svg><text>svg text</text></svg>"
      "<video>no video support</video><select><option>opt</option></select>"
      "<textarea>typed</textarea>"
      "<p>After.</p></body></html>";
  EXPECT_EQ(HtmlToText(html), "Visible text.\n\nAfter.");
}

TEST(HtmlToTextTest, DecodesEntities) {
  EXPECT_EQ(HtmlToText("<p>Fish &amp; chips &lt;3 caf&eacute; &#x1F600; &#233;&nbsp;x "
                       "&quot;q&quot;</p>"),
            "Fish & chips <3 café \xF0\x9F\x98\x80 é x \"q\"");
}

TEST(HtmlToTextTest, SourceNewlinesInsideAParagraphAreSpaces) {
  EXPECT_EQ(HtmlToText("<p>line one\n\n\nline\r\ntwo</p>"), "line one line two");
}

TEST(HtmlToTextTest, PreformattedBlankLinesStayParagraphBreaks) {
  EXPECT_EQ(HtmlToText("<pre>first\n\nsecond</pre>"), "first\n\nsecond");
  EXPECT_EQ(HtmlToText("<pre>a\nb</pre><p>c\n\nd</p>"), "a b\n\nc d");
}

TEST(HtmlToTextTest, TableCellsAreSeparatedBySpacesAndRowsByBreaks) {
  EXPECT_EQ(HtmlToText("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr>"
                       "</table>"),
            "a b\n\nc d");
}

TEST(HtmlToTextTest, EmptyOrTagOnlyInputGivesEmptyText) {
  EXPECT_EQ(HtmlToText(""), "");
  EXPECT_EQ(HtmlToText("<div><p> </p><br></div><img src=x>"), "");
  EXPECT_EQ(HtmlToText("<script>only script</script>"), "");
}

TEST(HtmlToTextTest, PlainTextWithoutTagsPassesThrough) {
  EXPECT_EQ(HtmlToText("just some text"), "just some text");
}

TEST(HtmlToTextTest, MalformedMarkupIsRepairedByTheParser) {
  EXPECT_EQ(HtmlToText("<p>one<p>two<div>three</span></b>four"), "one\n\ntwo\n\nthreefour");
  EXPECT_EQ(HtmlToText("<p>unterminated <b attr=\"x"), "unterminated");
  EXPECT_EQ(HtmlToText("<<>>< p>"), "<<>>< p>");
}

TEST(HtmlToTextTest, InvalidUtf8BecomesReplacementCharacter) {
  const std::string text = HtmlToText(
      "<p>a\xFF"
      "b</p>");
  EXPECT_EQ(text,
            "a\xEF\xBF\xBD"
            "b");
}

TEST(HtmlToTextTest, EmbeddedNulDoesNotTruncate) {
  const std::string html("<p>a\0b</p><p>after</p>", 22);
  const std::string text = HtmlToText(html);
  EXPECT_NE(text.find("after"), std::string::npos) << text;
}

TEST(HtmlToTextTest, SvgAndMathElementsAreRemovedWithTheirText) {
  EXPECT_EQ(HtmlToText("<p>a</p><svg viewBox='0 0 1 1'><text>label</text><path d=x/></svg>"
                       "<p>b</p><MATH><mi>x</mi></MATH><p>c</p>"),
            "a\n\nb\n\nc");
  EXPECT_EQ(HtmlToText("<p>a<svg/>b</p>"), "a b");
}

TEST(HtmlToTextTest, UnbalancedSvgTagsAreRemovedAlone) {
  EXPECT_EQ(HtmlToText("<p>before<svg><text>kept</text>"), "before kept");
  EXPECT_EQ(HtmlToText("<p>x</svg>y</math>z</p>"), "x y z");
}

TEST(HtmlToTextTest, RemovingSvgCannotSpliceANewTag) {
  EXPECT_EQ(HtmlToText("<<svg></svg>svg>text"), "< svg>text");
}

// gumbo 0.10.1 fails an assert (abort) on these when it sees foreign content.
TEST(HtmlToTextTest, InputsThatAbortGumboAreSafe) {
  EXPECT_EQ(HtmlToText("<table><svg><th><title><select></table>"), "");
  EXPECT_EQ(HtmlToText("<table><th><math><td></tr>"), "");
  EXPECT_EQ(HtmlToText("<table><td><math><th></tr>"), "");
  // An attribute written so that a naive scanner would think the tag goes on.
  // (Without the svg removal this aborts the whole test binary.)
  EXPECT_EQ(HtmlToText("<p x=\"1\" =\" ><table><svg><th><title><select></table>\">"), "");
}

TEST(HtmlToTextTest, RandomMarkupNeverCrashes) {
  const std::vector<std::string> pieces = {"<table>",     "</table>",
                                           "<tr>",        "<td>",
                                           "</td>",       "<th>",
                                           "<caption>",   "<svg>",
                                           "</svg>",      "<math>",
                                           "</math>",     "<mi>",
                                           "<title>",     "</title>",
                                           "<select>",    "</select>",
                                           "<option>",    "<template>",
                                           "</template>", "<b>",
                                           "</b>",        "<a>",
                                           "</a>",        "<p>",
                                           "</p>",        "<div>",
                                           "</div>",      "<li>",
                                           "<ul>",        "<font>",
                                           "<nobr>",      "<frameset>",
                                           "<desc>",      "<foreignObject>",
                                           "<style>",     "</style>",
                                           "<script>",    "</script>",
                                           "<!--",        "-->",
                                           "<textarea>",  "text ",
                                           "&amp;",       "<",
                                           ">",           "\"",
                                           "=",           "<br/>",
                                           "<plaintext>", "<body>",
                                           "<html>",      "</html>",
                                           "<head>",      "<xmp>",
                                           "\xFF"};
  std::mt19937 random(12345);
  for (int document = 0; document < 300; ++document) {
    std::string html;
    const int length = 20 + static_cast<int>(random() % 300);
    for (int i = 0; i < length; ++i) html += pieces[random() % pieces.size()];
    std::string text;
    HtmlToText(html, HtmlTextOptions{}, &text);
    EXPECT_EQ(text, NormalizeParagraphs(text)) << html;
  }
}

TEST(HtmlToTextTest, StatusFormReplacesOutputAndReportsOk) {
  std::string text = "stale";
  EXPECT_EQ(HtmlToText("<p>fresh</p>", HtmlTextOptions{}, &text), HtmlTextStatus::kOk);
  EXPECT_EQ(text, "fresh");
}

TEST(HtmlToTextTest, RefusesPathologicallyDeepDocuments) {
  const std::string html = Repeat("<div>", 100000) + "x";
  std::string text = "stale";
  EXPECT_EQ(HtmlToText(html, HtmlTextOptions{}, &text), HtmlTextStatus::kTooDeep);
  EXPECT_EQ(text, "");
  EXPECT_EQ(HtmlToText(html), "");
}

TEST(HtmlToTextTest, AcceptsNestingUpToTheLimit) {
  const std::string html = Repeat("<div>", 100) + "deep" + Repeat("</div>", 100);
  std::string text;
  EXPECT_EQ(HtmlToText(html, HtmlTextOptions{.max_depth = 101}, &text), HtmlTextStatus::kOk);
  EXPECT_EQ(text, "deep");
  EXPECT_EQ(HtmlToText(html, HtmlTextOptions{.max_depth = 99}, &text), HtmlTextStatus::kTooDeep);
}

// Runs HtmlToText on a thread whose stack is far too small for recursion
// proportional to the nesting depth (of our walk or of gumbo's tree freeing).
struct SmallStackJob {
  const std::string* html;
  std::string text;
  HtmlTextStatus status = HtmlTextStatus::kTooDeep;
};

void* RunSmallStackJob(void* arg) {
  auto* job = static_cast<SmallStackJob*>(arg);
  job->status = HtmlToText(*job->html, HtmlTextOptions{.max_depth = 0}, &job->text);
  return nullptr;
}

TEST(HtmlToTextTest, HundredThousandDeepNestingDoesNotRecurse) {
  const std::string html = Repeat("<span>", 100000) + "deep text" + Repeat("</span>", 100000);
  SmallStackJob job{&html, {}};
  pthread_attr_t attr;
  ASSERT_EQ(pthread_attr_init(&attr), 0);
  ASSERT_EQ(pthread_attr_setstacksize(&attr, 512 * 1024), 0);
  pthread_t thread;
  ASSERT_EQ(pthread_create(&thread, &attr, &RunSmallStackJob, &job), 0);
  ASSERT_EQ(pthread_join(thread, nullptr), 0);
  pthread_attr_destroy(&attr);
  EXPECT_EQ(job.status, HtmlTextStatus::kOk);
  EXPECT_EQ(job.text, "deep text");
}

TEST(HtmlNestingWithinTest, ZeroMeansNoLimit) {
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<div>", 5000), 0));
}

TEST(HtmlNestingWithinTest, CountsNestedOpenElements) {
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<div>", 50), 50));
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<div>", 51), 50));
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<DiV class=\"a\">", 51), 50));
}

TEST(HtmlNestingWithinTest, ClosedElementsDoNotAccumulate) {
  const std::string nested = Repeat("<div>", 40) + "x" + Repeat("</DIV>", 40);
  EXPECT_TRUE(HtmlNestingWithin(Repeat(nested, 200), 50));
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<p>para</p>", 5000), 10));
}

TEST(HtmlNestingWithinTest, VoidElementsAndSvgSelfClosingDoNotNest) {
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<br><img src=x><hr/><meta><input>", 1000), 10));
  EXPECT_TRUE(HtmlNestingWithin("<svg>" + Repeat("<path d=\"M0 0\"/>", 1000) + "</svg>", 10));
}

TEST(HtmlNestingWithinTest, SelfClosingSyntaxOnHtmlElementsStillNests) {
  // The HTML parser ignores "/>" on HTML elements: <div/> opens a div.
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<div/>", 100), 50));
}

TEST(HtmlNestingWithinTest, ImpliedEndTagsDoNotAccumulate) {
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<p>para", 5000), 10));
  EXPECT_TRUE(HtmlNestingWithin("<ul>" + Repeat("<li>item", 5000), 10));
  EXPECT_TRUE(HtmlNestingWithin("<dl>" + Repeat("<dt>t<dd>d", 5000), 10));
  EXPECT_TRUE(HtmlNestingWithin("<table>" + Repeat("<tr><td>a<td>b", 5000), 10));
  EXPECT_TRUE(HtmlNestingWithin("<select>" + Repeat("<option>o", 5000), 10));
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<p><span>a<p><b>b", 2000), 10));
}

TEST(HtmlNestingWithinTest, MismatchedEndTagsDoNotHideNesting) {
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<div></span>", 100), 50));
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<span><div></span>", 100), 50));
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<div></p>", 100), 50));
}

TEST(HtmlNestingWithinTest, ImpliedEndsDoNotHideNesting) {
  // <div> ends the open p, so each <div><p> pair nests one div deeper.
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<div><p>", 100), 50));
  // <li> does not look past a blockquote for an open li.
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<li><blockquote>", 100), 50));
  // <option> only ends an option that is the current element.
  EXPECT_FALSE(HtmlNestingWithin(Repeat("<option><b>", 100), 50));
}

TEST(HtmlNestingWithinTest, MarkupInsideScriptsCommentsAndAttributesIsNotCounted) {
  EXPECT_TRUE(HtmlNestingWithin("<script>" + Repeat("<div>", 1000) + "</SCRIPT >", 10));
  EXPECT_TRUE(HtmlNestingWithin("<!--" + Repeat("<div>", 1000) + "-->", 10));
  EXPECT_TRUE(HtmlNestingWithin("<!--" + Repeat("<div>", 1000) + "--!>", 10));
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<span title=\"<div><div>\">x</span>", 1000), 10));
  EXPECT_TRUE(HtmlNestingWithin(Repeat("<span title='<div>' data=\"'\">x</span>", 1000), 10));
  EXPECT_TRUE(HtmlNestingWithin(Repeat("a < b <3 <!doctype x> <?pi?> </ x>", 1000), 10));
  EXPECT_TRUE(HtmlNestingWithin("<svg>" + Repeat("<g>", 1000) + "</svg>", 10));
}

TEST(HtmlNestingWithinTest, CountsTagsWhereverTheParserMightSeeThem) {
  // Inside a select, <style> is ignored and its "content" is markup.
  EXPECT_FALSE(HtmlNestingWithin("<style>" + Repeat("<div>", 100) + "</style>", 50));
}

TEST(HtmlNestingWithinTest, CommentEndsFollowTheTokenizer) {
  const std::string deep = Repeat("<div>", 100);
  EXPECT_FALSE(HtmlNestingWithin("<!-->" + deep + "-->", 50));
  EXPECT_FALSE(HtmlNestingWithin("<!--->" + deep + "-->", 50));
  EXPECT_FALSE(HtmlNestingWithin("<!-- x --!>" + deep + "-->", 50));
  EXPECT_FALSE(HtmlNestingWithin("<!doctype html \">\"" + deep + "\">", 50));
  EXPECT_FALSE(HtmlNestingWithin("<?x \">" + deep + "\">", 50));
}

TEST(HtmlNestingWithinTest, AttributeSyntaxFollowsTheTokenizer) {
  const std::string deep = Repeat("<div>", 100);
  // '=' before an attribute name starts a name, so the quote is no value.
  EXPECT_FALSE(HtmlNestingWithin("<p x=\"1\" =\" >" + deep + "\">", 50));
  // A quote inside an attribute name or an unquoted value is a plain character.
  EXPECT_FALSE(HtmlNestingWithin("<p a\"b>" + deep + "\">", 50));
  EXPECT_FALSE(HtmlNestingWithin("<p a=b\"c>" + deep + "\">", 50));
  EXPECT_FALSE(HtmlNestingWithin("<p a=/\">" + deep + "\">", 50));
  // A quoted value does hide '>' and tags, for gumbo as well; "/ " is no self-closing.
  EXPECT_TRUE(HtmlNestingWithin("<p / a=\"" + deep + "\">", 50));
  EXPECT_TRUE(HtmlNestingWithin("<p a='" + deep + "'>", 50));
}

TEST(HtmlNestingWithinTest, TruncatedMarkupDoesNotCrash) {
  for (std::string_view html : {"<", "</", "<!", "<!--", "<div", "<div a=\"", "<div a='x",
                                "<script>", "</x", "<?", "<svg><p/"}) {
    EXPECT_TRUE(HtmlNestingWithin(html, 5)) << html;
  }
}

TEST(HtmlNestingWithinTest, RealisticArticleIsWithinTheDefaultLimit) {
  const std::string article =
      "<div id=main><article><header><h1>Headline</h1></header><p>First <a href='/x'>link</a> "
      "paragraph.<p>Second<br>line"
      "<figure><img src=a.jpg><figcaption>cap</figcaption></figure>"
      "<ul><li>one<li>two</ul><table><tr><td>1<td>2<tr><td>3</table></article></div>";
  const std::string page = "<!DOCTYPE html><html><head><title>t</title></head><body>" +
                           Repeat(article, 500) + "</body></html>";
  EXPECT_TRUE(HtmlNestingWithin(page, 20));
  EXPECT_EQ(HtmlToText(article),
            "Headline\n\nFirst link paragraph.\n\nSecond\n\nline\n\ncap\n\none\n\ntwo\n\n1 "
            "2\n\n3");
}

TEST(HtmlTextRoleTest, ClassifiesBlockCellSkipAndInlineTags) {
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_P), HtmlTextRole::kBlock);
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_BR), HtmlTextRole::kBlock);
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_TD), HtmlTextRole::kCell);
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_SCRIPT), HtmlTextRole::kSkip);
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_TEXTAREA), HtmlTextRole::kSkip);
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_SPAN), HtmlTextRole::kInline);
  EXPECT_EQ(HtmlTextRoleOf(GUMBO_TAG_A), HtmlTextRole::kInline);
}

TEST(HtmlTextRoleTest, OnlyPreformattedTagsKeepSourceLineBreaks) {
  EXPECT_TRUE(KeepsSourceLineBreaks(GUMBO_TAG_PRE));
  EXPECT_TRUE(KeepsSourceLineBreaks(GUMBO_TAG_LISTING));
  EXPECT_FALSE(KeepsSourceLineBreaks(GUMBO_TAG_P));
  EXPECT_FALSE(KeepsSourceLineBreaks(GUMBO_TAG_CODE));
}

TEST(HtmlTextRoleTest, AppendTextNodeTurnsLineBreaksIntoSpacesUnlessKept) {
  std::string out = "x";
  AppendTextNode("a\nb\r\fc\td", false, &out);
  EXPECT_EQ(out, "xa b  c\td");
  out.clear();
  AppendTextNode("a\nb", true, &out);
  EXPECT_EQ(out, "a\nb");
}

}  // namespace
}  // namespace newsflow
