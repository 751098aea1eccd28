// Serializes an enriched Article into the output record: one JSON object,
// laid out as documented in docs/OUTPUT.md.
//
// Thread-safety: none. Use one writer per worker thread; it reuses its JSON
// buffer across records (the buffer grows to the largest record written and
// keeps that capacity).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "newsflow/article.h"

namespace newsflow {

class OutputRecordWriter {
 public:
  // `version` and `commit` go into every record's "pipeline" object.
  OutputRecordWriter(std::string_view version, std::string_view commit);
  ~OutputRecordWriter();
  OutputRecordWriter(const OutputRecordWriter&) = delete;
  OutputRecordWriter& operator=(const OutputRecordWriter&) = delete;

  // Writes the record for `article` into *out (replacing its contents).
  // processed_at_ms is the wall-clock time (UTC epoch ms) to report as
  // "processed_at". Every string is checked to be valid UTF-8; on failure
  // (or an empty ExtraField::json, or a string over 4 GiB) returns false,
  // leaves *out unspecified and sets *error to a message naming the field.
  bool Write(const Article& article, int64_t processed_at_ms, std::string* out, std::string* error);

 private:
  struct Impl;  // keeps RapidJSON out of this header
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsflow
