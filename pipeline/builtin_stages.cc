// The one place where built-in stages are registered, in no particular order
// (the order of a pipeline comes from config `pipeline.stages`).
// To add a stage: add pipeline/stages/<name>_stage.{h,cc} and one line here.
#include "newsflow/stage_registry.h"
#include "pipeline/stages/amounts_stage.h"
#include "pipeline/stages/boilerplate_stage.h"
#include "pipeline/stages/dates_stage.h"
#include "pipeline/stages/entities_stage.h"
#include "pipeline/stages/keywords_stage.h"
#include "pipeline/stages/language_stage.h"
#include "pipeline/stages/lead_stage.h"
#include "pipeline/stages/near_duplicates_stage.h"
#include "pipeline/stages/normalize_text_stage.h"
#include "pipeline/stages/parse_stage.h"
#include "pipeline/stages/places_stage.h"
#include "pipeline/stages/residue_repair_stage.h"
#include "pipeline/stages/topics_stage.h"

namespace newsflow {

void RegisterBuiltinStages(StageRegistry& registry) {
  registry.Register("parse", MakeParseStage);
  registry.Register("normalize_text", MakeNormalizeTextStage);
  registry.Register("lead", MakeLeadStage);
  registry.Register("boilerplate", MakeBoilerplateStage);
  registry.Register("residue_repair", MakeResidueRepairStage);
  registry.Register("language", MakeLanguageStage);
  registry.Register("near_duplicates", MakeNearDuplicatesStageFactory());
  registry.Register("entities", MakeEntitiesStageFactory(
                                    [](const Config& config) { return config.tagging.ner_model; }));
  registry.Register("places", MakePlacesStageFactory());
  registry.Register("keywords", MakeKeywordsStageFactory([](const Config& config) {
                      KeywordsStageOptions options;
                      options.model_path = config.tagging.keywords_model;
                      options.max_keywords = config.tagging.keywords_max;
                      return options;
                    }));
  registry.Register("dates", MakeDatesStage);
  registry.Register("amounts", MakeAmountsStage);
  registry.Register("topics", MakeTopicsStageFactory([](const Config& config) {
                      TopicsStageOptions options;
                      options.model_path = config.tagging.topics_model;
                      options.threshold = config.tagging.topics_threshold;
                      options.max_labels = config.tagging.topics_max_labels;
                      options.model_language = config.tagging.topics_model_language;
                      return options;
                    }));
}

}  // namespace newsflow
