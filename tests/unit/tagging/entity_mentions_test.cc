#include "tagging/entity_mentions.h"

#include <gtest/gtest.h>

#include <chrono>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "tagging/article_tokenizer.h"
#include "tagging/ner_features.h"

namespace newsflow {
namespace {

// A phrase of the text and the type its words are tagged with ("PER").
struct Tagged {
  std::string phrase;
  std::string type;
};

// Tokenizes `text` and tags the words of each phrase (found in order, each
// after the previous one) B-TYPE I-TYPE ...; other words O.
std::vector<EntityMention> Mentions(const std::string& text, const std::vector<Tagged>& tagged) {
  struct Mark {
    size_t begin, end;
    std::string type;
  };
  std::vector<Mark> marks;
  size_t from = 0;
  for (const Tagged& t : tagged) {
    const size_t at = text.find(t.phrase, from);
    EXPECT_NE(at, std::string::npos) << t.phrase;
    if (at == std::string::npos) break;
    marks.push_back({at, at + t.phrase.size(), t.type});
    from = at + t.phrase.size();
  }
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize(text);
  std::vector<EntityMention> out;
  for (size_t s = 0; s < tokenizer.sentence_count(); ++s) {
    const auto spans = tokenizer.spans(s);
    std::vector<uint8_t> tags(spans.size(), 0);
    for (size_t i = 0; i < spans.size(); ++i) {
      for (const Mark& mark : marks) {
        if (spans[i].begin >= mark.begin && spans[i].end <= mark.end) {
          const bool inside = i > 0 && spans[i - 1].begin >= mark.begin;
          tags[i] = static_cast<uint8_t>(*NerTagFromName((inside ? "I-" : "B-") + mark.type));
        }
      }
    }
    AppendEntityMentions(text, tokenizer.sentences()[s], spans, tags, &out);
  }
  return out;
}

Entities Merge(const std::string& text, const std::vector<Tagged>& tagged) {
  const std::vector<EntityMention> mentions = Mentions(text, tagged);
  Entities entities;
  MergeEntityMentions(mentions, &entities);
  return entities;
}

// "name:count" of each entity, in order.
std::vector<std::string> Summary(const std::vector<Entity>& entities) {
  std::vector<std::string> out;
  for (const Entity& e : entities) out.push_back(e.name + ":" + std::to_string(e.mentions.size()));
  return out;
}

using S = std::vector<std::string>;

std::vector<std::string> Surfaces(const std::vector<EntityMention>& mentions) {
  std::vector<std::string> out;
  for (const EntityMention& m : mentions) out.emplace_back(m.surface);
  return out;
}

// ---- Mentions from tags.

TEST(EntityMentionsTest, EachIobRunIsOneMentionWithItsSpan) {
  const std::string text = "Benjamin Netanyahu visited Paris on Monday.";
  const auto mentions = Mentions(text, {{"Benjamin Netanyahu", "PER"}, {"Paris", "LOC"}});
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].type, EntityType::kPerson);
  EXPECT_EQ(mentions[0].span, (TextSpan{0, 18}));
  EXPECT_EQ(mentions[0].surface, "Benjamin Netanyahu");
  EXPECT_EQ(mentions[0].key, "benjamin netanyahu");
  EXPECT_EQ(mentions[1].type, EntityType::kLocation);
  EXPECT_EQ(mentions[1].surface, "Paris");
  EXPECT_EQ(mentions[1].span, (TextSpan{27, 32}));
}

TEST(EntityMentionsTest, AdjacentBeginTagsAreSeparateMentions) {
  const std::string text = "Paris London";
  EXPECT_EQ(Surfaces(Mentions(text, {{"Paris", "LOC"}, {"London", "LOC"}})),
            (S{"Paris", "London"}));
}

TEST(EntityMentionsTest, InsideTagWithoutBeginStartsAMention) {
  const std::string text = "Paris London Rome";
  ArticleTokenizer tokenizer;
  tokenizer.Tokenize(text);
  const uint8_t i_loc = static_cast<uint8_t>(*NerTagFromName("I-LOC"));
  const uint8_t i_per = static_cast<uint8_t>(*NerTagFromName("I-PER"));
  const std::vector<uint8_t> tags = {0, i_loc, i_per};
  std::vector<EntityMention> mentions;
  AppendEntityMentions(text, tokenizer.sentences()[0], tokenizer.spans(0), tags, &mentions);
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].surface, "London");
  EXPECT_EQ(mentions[1].surface, "Rome");
  EXPECT_EQ(mentions[1].type, EntityType::kPerson);
}

TEST(EntityMentionsTest, KeepsTheExactBytesOfAbbreviations) {
  const std::string text =
      "The U.S. and O\xE2\x80\x99"
      "Brien.";
  const auto mentions = Mentions(text, {{"U.S.", "LOC"},
                                        {"O\xE2\x80\x99"
                                         "Brien",
                                         "PER"}});
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].surface, "U.S.");
  EXPECT_EQ(mentions[0].key, "us");
  EXPECT_EQ(mentions[1].surface,
            "O\xE2\x80\x99"
            "Brien");
  EXPECT_EQ(mentions[1].key, "o'brien");
}

TEST(EntityMentionsTest, StripsAFinalPossessiveButNotAnInnerOne) {
  const std::string text = "Germany's team and St Mary's Hospital";
  EXPECT_EQ(Surfaces(Mentions(text, {{"Germany's", "LOC"}, {"St Mary's Hospital", "ORG"}})),
            (S{"Germany", "St Mary's Hospital"}));
}

TEST(EntityMentionsTest, StripsPersonTitlesButKeepsALoneTitleWord) {
  const std::string text = "Mr. Smith met Prime Minister Tony Blair, King and Stephen King.";
  EXPECT_EQ(Surfaces(Mentions(text, {{"Mr. Smith", "PER"},
                                     {"Prime Minister Tony Blair", "PER"},
                                     {"King", "PER"},
                                     {"Stephen King", "PER"}})),
            (S{"Smith", "Tony Blair", "King", "Stephen King"}));
}

TEST(EntityMentionsTest, TitlesAreNotStrippedFromOtherTypes) {
  const std::string text = "He joined General Motors.";
  EXPECT_EQ(Surfaces(Mentions(text, {{"General Motors", "ORG"}})), (S{"General Motors"}));
}

TEST(EntityMentionsTest, StripsLowercaseTheAndKeysWithoutAnyThe) {
  const std::string text = "He read the Times and The Times.";
  const auto mentions = Mentions(text, {{"the Times", "ORG"}, {"The Times", "ORG"}});
  ASSERT_EQ(mentions.size(), 2u);
  EXPECT_EQ(mentions[0].surface, "Times");
  EXPECT_EQ(mentions[1].surface, "The Times");
  EXPECT_EQ(mentions[0].key, mentions[1].key);
}

TEST(EntityMentionsTest, TrimsQuotesAndDropsMentionsWithoutLetters) {
  const std::string text = "\"Acme\" , -- rose.";
  EXPECT_EQ(Surfaces(Mentions(text, {{"\"Acme\"", "ORG"}, {",", "ORG"}, {"--", "MISC"}})),
            (S{"Acme"}));
}

// ---- Merging.

TEST(EntityMentionsTest, PersonSurnameJoinsTheFullName) {
  const Entities e = Merge("Benjamin Netanyahu spoke. Later Netanyahu left.",
                           {{"Benjamin Netanyahu", "PER"}, {"Netanyahu", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Benjamin Netanyahu:2"}));
  ASSERT_EQ(e.people[0].mentions.size(), 2u);
  EXPECT_EQ(e.people[0].mentions[1], (TextSpan{32, 41}));
}

TEST(EntityMentionsTest, PersonFirstNameJoinsTheFullName) {
  const Entities e =
      Merge("Tony Blair spoke. Tony left.", {{"Tony Blair", "PER"}, {"Tony", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Tony Blair:2"}));
}

TEST(EntityMentionsTest, UnrelatedOneWordPersonIsNotMerged) {
  const Entities e =
      Merge("Tony Blair spoke. Brown left.", {{"Tony Blair", "PER"}, {"Brown", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Tony Blair:1", "Brown:1"}));
}

TEST(EntityMentionsTest, AmbiguousSurnameIsNotMerged) {
  const Entities e =
      Merge("John Smith and Jane Smith met. Smith spoke. Smith left.",
            {{"John Smith", "PER"}, {"Jane Smith", "PER"}, {"Smith", "PER"}, {"Smith", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"John Smith:1", "Jane Smith:1", "Smith:2"}));
}

TEST(EntityMentionsTest, SurnameJoinsTheOnlyEarlierFullName) {
  const Entities e =
      Merge("John Smith spoke. Smith left. Jane Smith came. Smith sat.",
            {{"John Smith", "PER"}, {"Smith", "PER"}, {"Jane Smith", "PER"}, {"Smith", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"John Smith:2", "Jane Smith:1", "Smith:1"}));
}

TEST(EntityMentionsTest, SurnameBeforeTheFullNameJoinsItToo) {
  const Entities e = Merge("Netanyahu spoke. Benjamin Netanyahu left.",
                           {{"Netanyahu", "PER"}, {"Benjamin Netanyahu", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Benjamin Netanyahu:2"}));
  EXPECT_EQ(e.people[0].mentions[0], (TextSpan{0, 9}));  // text order
}

TEST(EntityMentionsTest, TitledAndCapitalizedMentionsJoinThePerson) {
  const Entities e =
      Merge("Benjamin Netanyahu spoke. Mr. Netanyahu left. NETANYAHU WINS",
            {{"Benjamin Netanyahu", "PER"}, {"Mr. Netanyahu", "PER"}, {"NETANYAHU", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Benjamin Netanyahu:3"}));
}

TEST(EntityMentionsTest, MiddleNameVariantJoinsSameFirstAndLastName) {
  const Entities e =
      Merge("George W. Bush spoke. George Bush left. George Osborne came.",
            {{"George W. Bush", "PER"}, {"George Bush", "PER"}, {"George Osborne", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"George W. Bush:2", "George Osborne:1"}));
}

TEST(EntityMentionsTest, SurnameOfSeveralWordsJoinsTheFullName) {
  // Before or after it, in any case ("De" opens a sentence).
  const Entities e =
      Merge("Pieter de Vries spoke. De Vries left. Ludwig van Beethoven; van Beethoven.",
            {{"Pieter de Vries", "PER"},
             {"De Vries", "PER"},
             {"Ludwig van Beethoven", "PER"},
             {"van Beethoven", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Pieter de Vries:2", "Ludwig van Beethoven:2"}));
  const Entities before = Merge("De Vries spoke. Pieter de Vries left.",
                                {{"De Vries", "PER"}, {"Pieter de Vries", "PER"}});
  EXPECT_EQ(Summary(before.people), (S{"Pieter de Vries:2"}));
  // Two people it could be: not merged. Other last words: not merged.
  const Entities two =
      Merge("Pieter de Vries and Jan de Vries spoke. De Vries left.",
            {{"Pieter de Vries", "PER"}, {"Jan de Vries", "PER"}, {"De Vries", "PER"}});
  EXPECT_EQ(Summary(two.people), (S{"Pieter de Vries:1", "Jan de Vries:1", "De Vries:1"}));
  const Entities other = Merge("Pieter de Vries spoke. De Vriesland left.",
                               {{"Pieter de Vries", "PER"}, {"De Vriesland", "PER"}});
  EXPECT_EQ(Summary(other.people), (S{"Pieter de Vries:1", "De Vriesland:1"}));
}

TEST(EntityMentionsTest, InitialJoinsTheOnlyEarlierMatchingFirstName) {
  const Entities e = Merge("Paul Smith spoke. P. Smith left. J Smith came.",
                           {{"Paul Smith", "PER"}, {"P. Smith", "PER"}, {"J Smith", "PER"}});
  EXPECT_EQ(Summary(e.people), (S{"Paul Smith:2", "J Smith:1"}));
  const Entities two = Merge("Paul Smith and Peter Smith spoke. P Smith left.",
                             {{"Paul Smith", "PER"}, {"Peter Smith", "PER"}, {"P Smith", "PER"}});
  EXPECT_EQ(Summary(two.people), (S{"Paul Smith:1", "Peter Smith:1", "P Smith:1"}));
}

TEST(EntityMentionsTest, SameNameInOtherCaseIsOneEntityPreferringMixedCase) {
  const Entities e = Merge("ISRAEL ATTACKED. Israel said.", {{"ISRAEL", "LOC"}, {"Israel", "LOC"}});
  EXPECT_EQ(Summary(e.locations), (S{"Israel:2"}));
  const Entities other = Merge("Israel said. Jordan said.", {{"Israel", "LOC"}, {"Jordan", "LOC"}});
  EXPECT_EQ(Summary(other.locations), (S{"Israel:1", "Jordan:1"}));
}

TEST(EntityMentionsTest, DottedAndUndottedAbbreviationsAreOneEntity) {
  const Entities e = Merge("The U.S. and the US.", {{"U.S.", "LOC"}, {"US", "LOC"}});
  EXPECT_EQ(Summary(e.locations), (S{"U.S.:2"}));
}

TEST(EntityMentionsTest, PossessiveMentionJoinsThePlainName) {
  const Entities e =
      Merge("Germany's team beat Germany.", {{"Germany's", "LOC"}, {"Germany", "LOC"}});
  EXPECT_EQ(Summary(e.locations), (S{"Germany:2"}));
}

TEST(EntityMentionsTest, CompanySuffixIsIgnoredButOtherWordsAreNot) {
  const Entities e =
      Merge("Microsoft Corp. said Microsoft and Microsoft Research grew.",
            {{"Microsoft Corp.", "ORG"}, {"Microsoft", "ORG"}, {"Microsoft Research", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"Microsoft Corp.:2", "Microsoft Research:1"}));
}

TEST(EntityMentionsTest, TheIsIgnoredWhenMerging) {
  const Entities e = Merge("The Times said the Times and Times.",
                           {{"The Times", "ORG"}, {"the Times", "ORG"}, {"Times", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"The Times:3"}));
}

TEST(EntityMentionsTest, AcronymJoinsTheNameItsInitialsSpell) {
  const Entities e = Merge("The International Monetary Fund said. The IMF left.",
                           {{"International Monetary Fund", "ORG"}, {"IMF", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"International Monetary Fund:2"}));
  const Entities us =
      Merge("The United States and the U.S. agreed.", {{"United States", "LOC"}, {"U.S.", "LOC"}});
  EXPECT_EQ(Summary(us.locations), (S{"United States:2"}));
}

TEST(EntityMentionsTest, AcronymAfterManyOneWordNamesStillJoinsItsName) {
  // Each one-word name opens a group; the acronym comes after enough of them
  // that the groups have been reallocated (the acronym index once pointed
  // into the old ones: ASan reports a heap-use-after-free, and without it
  // the merge depended on what the freed memory held).
  std::string text = "The Federal Communications Commission met.";
  std::vector<Tagged> tagged = {{"Federal Communications Commission", "ORG"}};
  for (int i = 0; i < 64; ++i) {
    const std::string name = "Zyx" + std::string(1, static_cast<char>('a' + i % 26)) +
                             std::string(1, static_cast<char>('a' + i / 26));
    text += " " + name + " spoke.";
    tagged.push_back({name, "ORG"});
  }
  text += " The FCC ruled.";
  tagged.push_back({"FCC", "ORG"});
  const Entities e = Merge(text, tagged);
  ASSERT_EQ(e.organizations.size(), 65u);
  EXPECT_EQ(e.organizations[0].name, "Federal Communications Commission");
  EXPECT_EQ(e.organizations[0].mentions.size(), 2u);
}

TEST(EntityMentionsTest, AcronymWithoutMatchingInitialsOrInLowercaseIsNotMerged) {
  const Entities e =
      Merge("The World Bank said. The IMF left.", {{"World Bank", "ORG"}, {"IMF", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"World Bank:1", "IMF:1"}));
  const Entities lower =
      Merge("The World Bank said. Wb left.", {{"World Bank", "ORG"}, {"Wb", "ORG"}});
  EXPECT_EQ(Summary(lower.organizations), (S{"World Bank:1", "Wb:1"}));
}

TEST(EntityMentionsTest, AcronymWithTwoPossibleExpansionsIsNotMerged) {
  const Entities e = Merge("Acme Bank and Apex Bank. AB left.",
                           {{"Acme Bank", "ORG"}, {"Apex Bank", "ORG"}, {"AB", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"Acme Bank:1", "Apex Bank:1", "AB:1"}));
}

TEST(EntityMentionsTest, OneWordOrganizationJoinsTheNameItStartsOrEnds) {
  const Entities e =
      Merge("Northwind Airways bought Aerolinea Austral. Northwind paid; Austral agreed.",
            {{"Northwind Airways", "ORG"},
             {"Aerolinea Austral", "ORG"},
             {"Northwind", "ORG"},
             {"Austral", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"Northwind Airways:2", "Aerolinea Austral:2"}));
}

TEST(EntityMentionsTest, OneWordOrganizationWithTwoCandidatesOrNoneIsNotMerged) {
  const Entities e =
      Merge("Acme Bank and Acme Foods. Acme left. Zenith stayed.",
            {{"Acme Bank", "ORG"}, {"Acme Foods", "ORG"}, {"Acme", "ORG"}, {"Zenith", "ORG"}});
  EXPECT_EQ(Summary(e.organizations), (S{"Acme Bank:1", "Acme Foods:1", "Acme:1", "Zenith:1"}));
}

TEST(EntityMentionsTest, OneWordLocationDoesNotJoinALongerLocation) {
  const Entities e = Merge("South Korea and Korea.", {{"South Korea", "LOC"}, {"Korea", "LOC"}});
  EXPECT_EQ(Summary(e.locations), (S{"South Korea:1", "Korea:1"}));
}

TEST(EntityMentionsTest, MajorityTypeWinsATypeConflict) {
  const Entities e = Merge("Jordan said. Jordan and Jordan.",
                           {{"Jordan", "PER"}, {"Jordan", "LOC"}, {"Jordan", "LOC"}});
  EXPECT_TRUE(e.people.empty());
  EXPECT_EQ(Summary(e.locations), (S{"Jordan:3"}));
}

TEST(EntityMentionsTest, TypeConflictTieGoesToTheFirstType) {
  const Entities e = Merge("Jordan said. Jordan left.", {{"Jordan", "PER"}, {"Jordan", "LOC"}});
  EXPECT_EQ(Summary(e.people), (S{"Jordan:2"}));
  EXPECT_TRUE(e.locations.empty());
}

TEST(EntityMentionsTest, PartialNamesAreNotMergedAcrossTypes) {
  const Entities e = Merge("George Washington visited Washington.",
                           {{"George Washington", "PER"}, {"Washington", "LOC"}});
  EXPECT_EQ(Summary(e.people), (S{"George Washington:1"}));
  EXPECT_EQ(Summary(e.locations), (S{"Washington:1"}));
}

TEST(EntityMentionsTest, EntitiesAreOrderedByFirstMentionAndTypesSeparated) {
  const Entities e = Merge("Rome, Acme, Paris, Rome, Tom and the Euro.", {{"Rome", "LOC"},
                                                                          {"Acme", "ORG"},
                                                                          {"Paris", "LOC"},
                                                                          {"Rome", "LOC"},
                                                                          {"Tom", "PER"},
                                                                          {"Euro", "MISC"}});
  EXPECT_EQ(Summary(e.locations), (S{"Rome:2", "Paris:1"}));
  EXPECT_EQ(Summary(e.organizations), (S{"Acme:1"}));
  EXPECT_EQ(Summary(e.people), (S{"Tom:1"}));
  EXPECT_EQ(Summary(e.misc), (S{"Euro:1"}));
  EXPECT_EQ(e.locations[0].mentions[0], (TextSpan{0, 4}));
  EXPECT_EQ(e.locations[0].mentions[1], (TextSpan{19, 23}));
}

TEST(EntityMentionsTest, MergeReplacesEarlierEntitiesAndAcceptsNoMentions) {
  Entities e;
  e.people.push_back(Entity{"Old", {TextSpan{0, 3}}, "", std::nullopt, std::nullopt});
  MergeEntityMentions({}, &e);
  EXPECT_TRUE(e.people.empty());
}

// Entities with their names, mention spans and types compared.
void ExpectSameEntities(const Entities& a, const Entities& b) {
  const std::vector<Entity>* lists_a[] = {&a.people, &a.organizations, &a.locations, &a.misc};
  const std::vector<Entity>* lists_b[] = {&b.people, &b.organizations, &b.locations, &b.misc};
  for (size_t t = 0; t < 4; ++t) {
    ASSERT_EQ(Summary(*lists_a[t]), Summary(*lists_b[t])) << "type " << t + 1;
    for (size_t i = 0; i < lists_a[t]->size(); ++i) {
      EXPECT_EQ((*lists_a[t])[i].mentions, (*lists_b[t])[i].mentions) << (*lists_a[t])[i].name;
    }
  }
}

TEST(EntityMentionsTest, AMergerReusedAcrossArticlesMergesEachAsIfFresh) {
  // Articles whose names share words with the ones before them: whatever
  // the merger keeps from one article must not leak into the next.
  struct Case {
    std::string text;
    std::vector<Tagged> tagged;
  };
  const std::vector<Case> cases = {
      {"Tom Smith, Ann Smith and Smith met the IMF and the International Monetary Fund.",
       {{"Tom Smith", "PER"},
        {"Ann Smith", "PER"},
        {"Smith", "PER"},
        {"IMF", "ORG"},
        {"International Monetary Fund", "ORG"}}},
      {"Smith and Bob Smith saw Northwind. Northwind Airways and IMF rose.",
       {{"Smith", "PER"},
        {"Bob Smith", "PER"},
        {"Northwind", "ORG"},
        {"Northwind Airways", "ORG"},
        {"IMF", "ORG"}}},
      {"Bob Smith, the IMF, Smith and Jordan.",
       {{"Bob Smith", "PER"}, {"IMF", "ORG"}, {"Smith", "PER"}, {"Jordan", "LOC"}}},
      {"Jordan and Jordan Smith. Acme Corp and Acme in the United States, the US.",
       {{"Jordan", "PER"},
        {"Jordan Smith", "PER"},
        {"Acme Corp", "ORG"},
        {"Acme", "ORG"},
        {"United States", "LOC"},
        {"US", "LOC"}}},
  };
  EntityMentionMerger merger;
  for (int round = 0; round < 2; ++round) {
    for (size_t c = 0; c < cases.size(); ++c) {
      const std::vector<EntityMention> mentions = Mentions(cases[c].text, cases[c].tagged);
      Entities fresh;
      MergeEntityMentions(mentions, &fresh);
      Entities reused;
      merger.Merge(mentions, &reused);
      SCOPED_TRACE("case " + std::to_string(c) + ", round " + std::to_string(round));
      ExpectSameEntities(fresh, reused);
    }
  }
  // Generated articles: names drawn from a few words, so that keys, first
  // and last words, initials and acronyms of one article recur in the next.
  const std::string words[] = {"john",   "smith", "j",    "bank", "of",  "england", "imf",
                               "intl",   "money", "fund", "inc",  "the", "us",      "united",
                               "states", "ab",    "paul", "p",    "x",   "co",      "and"};
  std::mt19937 random(7);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  for (int article = 0; article < 2000; ++article) {
    std::string text;
    std::vector<EntityMention> mentions;
    const size_t count = pick(article % 50 == 0 ? 200 : 25);
    struct Name {
      std::string key, surface;
      EntityType type;
      uint32_t words;
    };
    std::vector<Name> names;
    for (size_t i = 0; i < count; ++i) {
      Name name{"", "", static_cast<EntityType>(1 + pick(4)), static_cast<uint32_t>(1 + pick(3))};
      for (uint32_t w = 0; w < name.words; ++w) {
        const std::string& word = words[pick(article % 2 == 0 ? 8 : std::size(words))];
        name.key += (w > 0 ? " " : "") + word;
        std::string surface = word;
        for (size_t c = 0; c < surface.size(); ++c) {
          if (pick(2) == 0 || c == 0) surface[c] = static_cast<char>(surface[c] - 'a' + 'A');
        }
        name.surface += (w > 0 ? " " : "") + surface;
      }
      names.push_back(name);
    }
    for (const Name& name : names) text += name.surface + " ";
    uint32_t at = 0;
    for (const Name& name : names) {
      EntityMention m;
      m.type = name.type;
      m.key = name.key;
      m.words = name.words;
      m.span = TextSpan{at, at + static_cast<uint32_t>(name.surface.size())};
      m.surface = std::string_view(text).substr(at, name.surface.size());
      mentions.push_back(m);
      at += static_cast<uint32_t>(name.surface.size()) + 1;
    }
    Entities fresh;
    MergeEntityMentions(mentions, &fresh);
    Entities reused;
    merger.Merge(mentions, &reused);
    SCOPED_TRACE("generated article " + std::to_string(article));
    ExpectSameEntities(fresh, reused);
    if (HasFailure()) break;
  }
  // The fresh results are the documented merges, so the comparison above
  // compares something.
  const Entities first = Merge(cases[0].text, cases[0].tagged);
  EXPECT_EQ(Summary(first.people), (S{"Tom Smith:1", "Ann Smith:1", "Smith:1"}));
  EXPECT_EQ(Summary(first.organizations), (S{"International Monetary Fund:2"}));
  const Entities second = Merge(cases[1].text, cases[1].tagged);
  EXPECT_EQ(Summary(second.people), (S{"Bob Smith:2"}));
  EXPECT_EQ(Summary(second.organizations), (S{"Northwind Airways:2", "IMF:1"}));
}

}  // namespace
}  // namespace newsflow

namespace newsflow {
namespace {

TEST(EntityMentionsTest, ManyPeopleSharingASurnameStayFastAndAmbiguous) {
  // 20,000 different "X Smith" and 20,000 "Smith": quadratic merging would
  // take minutes; a surname shared by that many people merges with none.
  std::vector<EntityMention> mentions;
  size_t at = 0;
  for (int i = 0; i < 20000; ++i) {
    EntityMention full;
    full.type = EntityType::kPerson;
    full.key = "p" + std::to_string(i) + " smith";
    full.surface = "P Smith";
    full.words = 2;
    full.span = TextSpan{at, at + 7};
    at += 8;
    mentions.push_back(full);
    EntityMention last;
    last.type = EntityType::kPerson;
    last.key = "smith";
    last.surface = "Smith";
    last.words = 1;
    last.span = TextSpan{at, at + 5};
    at += 6;
    mentions.push_back(last);
  }
  const auto start = std::chrono::steady_clock::now();
  Entities entities;
  MergeEntityMentions(mentions, &entities);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 20.0);  // a hang guard, not a speed test
  ASSERT_EQ(entities.people.size(), 20001u);
  // Even the first "Smith", after only "P0 Smith", is not merged: more than
  // kMaxCandidates (16) people share the surname.
  EXPECT_EQ(entities.people[0].mentions.size(), 1u);
  size_t smith = 0;
  for (const Entity& e : entities.people) smith += e.name == "Smith" ? e.mentions.size() : 0;
  EXPECT_EQ(smith, 20000u);
}

}  // namespace
}  // namespace newsflow
