#include "util/short_bytes_equal.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

namespace newsflow {
namespace {

TEST(ShortBytesEqual, EqualStringsOfEveryLengthAreEqual) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a;
    for (size_t i = 0; i < n; ++i) a.push_back(static_cast<char>('a' + i % 26));
    const std::string b = a;  // another buffer
    EXPECT_TRUE(ShortBytesEqual(a.data(), b.data(), n)) << n;
    EXPECT_TRUE(ShortBytesEqual(a, b)) << n;
  }
}

TEST(ShortBytesEqual, ADifferenceAtAnyPositionOfAnyLengthIsFound) {
  // Every byte of every length up to 40 is covered by some load: flipping
  // any one of them (also the high bit, as in UTF-8) makes them unequal.
  for (size_t n = 1; n <= 40; ++n) {
    const std::string a(n, 'x');
    for (size_t at = 0; at < n; ++at) {
      for (char other : {'y', static_cast<char>(0xF8)}) {
        std::string b = a;
        b[at] = other;
        EXPECT_FALSE(ShortBytesEqual(a.data(), b.data(), n)) << "length " << n << " at " << at;
      }
    }
  }
}

TEST(ShortBytesEqual, AgreesWithMemcmpOnRandomNearStrings) {
  std::mt19937 random(1);
  for (int trial = 0; trial < 20000; ++trial) {
    const size_t n = random() % 48;
    std::string a(n, '\0');
    for (char& c : a) c = static_cast<char>('a' + random() % 3);
    std::string b = a;
    if (n > 0 && random() % 2 == 0) b[random() % n] = static_cast<char>('a' + random() % 3);
    EXPECT_EQ(ShortBytesEqual(a.data(), b.data(), n), std::memcmp(a.data(), b.data(), n) == 0)
        << a << " " << b;
  }
}

TEST(ShortBytesEqual, StringViewsOfDifferentLengthsAreNotEqual) {
  EXPECT_FALSE(ShortBytesEqual(std::string_view("abc"), std::string_view("abcd")));
  EXPECT_FALSE(ShortBytesEqual(std::string_view(""), std::string_view("a")));
  EXPECT_TRUE(ShortBytesEqual(std::string_view("abcd").substr(0, 3), std::string_view("abc")));
}

}  // namespace
}  // namespace newsflow
