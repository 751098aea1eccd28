// Reads a whole file as it is: models (NER, place tables), corpora, CoNLL
// files and evaluation pages.
//
// Thread-safety: reentrant (reads the file system only).
#pragma once

#include <filesystem>
#include <string>

namespace newsflow {

// The bytes of the file at `path`, unchanged (no newline translation, NUL
// bytes kept), into *out. False, with *out untouched, when it is not a
// readable regular file (missing, a directory, no permission, a read error).
bool ReadFileBytes(const std::filesystem::path& path, std::string* out);

}  // namespace newsflow
