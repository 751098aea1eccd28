#include "util/stable_id.h"

#include <gtest/gtest.h>

#include <string>

namespace newsflow {
namespace {

bool IsLowerHex(const std::string& s) {
  return s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// Published XXH3-128 (seed 0) vectors, in canonical big-endian hex: the empty
// input is the first entry of xxHash's own sanity test vectors; "abc" is the
// widely quoted vector whose low 64 bits equal XXH3-64("abc") 78af5f94892f3950.
TEST(Xxh3Hex128Test, MatchesPublishedVectors) {
  EXPECT_EQ(Xxh3Hex128(""), "99aa06d3014798d86001c324468d497f");
  EXPECT_EQ(Xxh3Hex128("abc"), "06b05ab6733a618578af5f94892f3950");
}

TEST(NormalizeUrlForIdTest, TrimsAndDropsTheFragment) {
  EXPECT_EQ(NormalizeUrlForId("  https://example.com/a?b=1#top \n"), "https://example.com/a?b=1");
  EXPECT_EQ(NormalizeUrlForId("https://example.com/a#"), "https://example.com/a");
}

TEST(NormalizeUrlForIdTest, LowerCasesSchemeAndHostOnly) {
  EXPECT_EQ(NormalizeUrlForId("HTTPS://News.Example.COM:8443/Path/To?Q=A"),
            "https://news.example.com:8443/Path/To?Q=A");
  EXPECT_EQ(NormalizeUrlForId("http://User:PassWord@Example.com/X"),
            "http://User:PassWord@example.com/X");
  EXPECT_EQ(NormalizeUrlForId("HTTP://EXAMPLE.COM"), "http://example.com");
  EXPECT_EQ(NormalizeUrlForId("//CDN.Example.com/A"), "//cdn.example.com/A");
}

TEST(NormalizeUrlForIdTest, LeavesUrlsWithoutSchemeAlone) {
  EXPECT_EQ(NormalizeUrlForId("Example.com/Path"), "Example.com/Path");
  EXPECT_EQ(NormalizeUrlForId("#only-fragment"), "");
  EXPECT_EQ(NormalizeUrlForId("   "), "");
}

TEST(IdFromUrlTest, HasPrefixAnd32LowerHexDigits) {
  const std::string id = IdFromUrl("https://example.com/a");
  ASSERT_EQ(id.size(), 4u + 32u);
  EXPECT_EQ(id.substr(0, 4), "url-");
  EXPECT_TRUE(IsLowerHex(id.substr(4)));
}

TEST(IdFromUrlTest, IsTheHashOfTheNormalizedUrl) {
  // Golden value: the published XXH3-128 vector of "abc" (see above).
  EXPECT_EQ(IdFromUrl(" abc#frag"), "url-06b05ab6733a618578af5f94892f3950");
  EXPECT_EQ(IdFromUrl("https://example.com/a"), "url-" + Xxh3Hex128("https://example.com/a"));
}

TEST(IdFromUrlTest, IsStableUnderFragmentCaseAndWhitespaceChanges) {
  const std::string id = IdFromUrl("https://example.com/news/1");
  EXPECT_EQ(IdFromUrl("https://example.com/news/1"), id);
  EXPECT_EQ(IdFromUrl("https://example.com/news/1#comments"), id);
  EXPECT_EQ(IdFromUrl("HTTPS://EXAMPLE.com/news/1"), id);
  EXPECT_EQ(IdFromUrl("\thttps://example.com/news/1  "), id);
}

TEST(IdFromUrlTest, DiffersForDifferentPathsQueriesAndPathCase) {
  const std::string id = IdFromUrl("https://example.com/news/1");
  EXPECT_NE(IdFromUrl("https://example.com/news/2"), id);
  EXPECT_NE(IdFromUrl("https://example.com/news/1?page=2"), id);
  EXPECT_NE(IdFromUrl("https://example.com/NEWS/1"), id);
  EXPECT_NE(IdFromUrl("http://example.com/news/1"), id);
}

TEST(IdFromContentTest, HasPrefixAnd32LowerHexDigits) {
  const std::string id = IdFromContent("t", "b", "h");
  ASSERT_EQ(id.size(), 8u + 32u);
  EXPECT_EQ(id.substr(0, 8), "content-");
  EXPECT_TRUE(IsLowerHex(id.substr(8)));
}

TEST(IdFromContentTest, HashesFieldsJoinedWithNulSeparators) {
  EXPECT_EQ(IdFromContent("title", "body", "html"),
            "content-" + Xxh3Hex128(std::string("title\0body\0html", 15)));
  EXPECT_EQ(IdFromContent("", "", ""), "content-" + Xxh3Hex128(std::string("\0\0", 2)));
}

TEST(IdFromContentTest, SeparatorsKeepFieldBoundariesApart) {
  EXPECT_NE(IdFromContent("ab", "c", ""), IdFromContent("a", "bc", ""));
  EXPECT_NE(IdFromContent("", "body", ""), IdFromContent("", "", "body"));
  EXPECT_EQ(IdFromContent("t", "b", "h"), IdFromContent("t", "b", "h"));
}

}  // namespace
}  // namespace newsflow
