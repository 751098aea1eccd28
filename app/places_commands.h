// `newsflow eval places` (the places stage, pipeline/stages/places_stage.h).
#pragma once

#include <cstddef>
#include <string>

namespace newsflow {

struct EvalPlacesOptions {
  std::string dir;            // Reuters-21578 directory (reut2-*.sgm)
  size_t limit = 0;           // records to evaluate; 0: all
  size_t examples = 0;        // print this many records whose countries differ
  std::string geonames_file;  // tagging.geonames_file for the run; "" for none
  // For tuning: replace the places stage's PlaceResolverOptions field when
  // >= 0 (or set), instead of using the stage as registered.
  int min_mentions = -1;
  long lead_bytes = -1;
  bool no_place_counts = false;  // places_count_for_country = false
  bool per_country = false;      // also print P/R/F1 per country
};

// `newsflow eval places DIR`: runs the records of Reuters-21578 that have a
// body and PLACES tags through parse, normalize_text, lead, boilerplate,
// language, entities and places, and compares Article::countries with the
// PLACES tags mapped to ISO 3166-1 codes. Prints micro precision, recall
// and F1 and the counts on stdout (and the same for a few alternative
// selection rules over the countries the stage lists, for tuning). A
// missing DIR prints "skipped: ..." on stderr and exits 0; data files that
// do not load exit 2.
int EvalPlacesCommand(const EvalPlacesOptions& options);

}  // namespace newsflow
