// Reading JSON in tests with simdjson's DOM (an independent parser from the
// RapidJSON writer under test).
#pragma once

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

namespace newsflow::test_json {

// The string value of `e`; a test failure if it is not a string.
inline std::string Str(simdjson::dom::element e) {
  std::string_view s;
  EXPECT_EQ(e.get_string().get(s), simdjson::SUCCESS);
  return std::string(s);
}

// The keys of object `e`, in document order.
inline std::vector<std::string> Keys(simdjson::dom::element e) {
  std::vector<std::string> keys;
  simdjson::dom::object object;
  EXPECT_EQ(e.get_object().get(object), simdjson::SUCCESS);
  for (auto field : object) keys.emplace_back(field.key);
  return keys;
}

}  // namespace newsflow::test_json
