#include "cleaning/html_document.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <unordered_map>
#include <utility>
#include <vector>

#include "util/ascii.h"

namespace newsflow {
namespace {

// ---------------------------------------------------------------------------
// Tag scanner: finds the tags gumbo's tokenizer will see, without building a
// tree. Tag and attribute boundaries, comments, doctypes and bogus comments
// follow the HTML tokenizer exactly, so no tag gumbo acts on can hide from it.
// The only text it skips is <script> content, which gumbo reads as raw text
// wherever it does not ignore the script tag (it ignores every tag in
// frameset modes), once foreign content is gone (see RemoveForeignContent).
// It looks for tags inside every other raw-text element, so it may report
// some that gumbo treats as text: harmless for both users below.

// Whitespace as the tokenizer sees it (CR is turned into LF before).
bool IsTagSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

struct Tag {
  size_t begin = 0;  // the '<'
  size_t end = 0;    // one past the '>' (or the input size)
  std::string_view name;
  bool end_tag = false;
  bool self_closing = false;
};

// Finds a fixed pattern at or after a position that only moves forward,
// remembering the last answer so repeated searches stay linear in total.
class ForwardFinder {
 public:
  ForwardFinder(std::string_view text, std::string_view pattern) : text_(text), pattern_(pattern) {}

  size_t From(size_t position) {
    if (!searched_ || (found_ != std::string_view::npos && found_ < position)) {
      found_ = text_.find(pattern_, position);
      searched_ = true;
    }
    return found_;
  }

 private:
  std::string_view text_;
  std::string_view pattern_;
  size_t found_ = std::string_view::npos;
  bool searched_ = false;
};

class TagScanner {
 public:
  explicit TagScanner(std::string_view html)
      : html_(html), comment_end_(html, "-->"), comment_end_bang_(html, "--!>") {}

  // Stores the next tag in *tag; false at the end of the input.
  bool Next(Tag* tag) {
    const size_t n = html_.size();
    while ((pos_ = html_.find('<', pos_)) != std::string_view::npos) {
      const size_t lt = pos_;
      if (lt + 1 >= n) break;
      const char next = html_[lt + 1];
      if (next == '!') {
        pos_ = SkipMarkupDeclaration(lt);
        continue;
      }
      if (next == '?') {  // bogus comment
        pos_ = SkipPast('>', lt + 2);
        continue;
      }
      const bool end_tag = next == '/';
      const size_t name_start = end_tag ? lt + 2 : lt + 1;
      if (name_start >= n || !IsAsciiAlpha(html_[name_start])) {
        // "</" + non-letter is a bogus comment ("</>" is dropped); "<" + non-letter is text.
        pos_ = end_tag ? SkipPast('>', name_start) : lt + 1;
        continue;
      }
      size_t name_end = name_start;
      while (name_end < n && !IsTagSpace(html_[name_end]) && html_[name_end] != '/' &&
             html_[name_end] != '>') {
        ++name_end;
      }
      tag->begin = lt;
      tag->name = html_.substr(name_start, name_end - name_start);
      tag->end_tag = end_tag;
      tag->end = ScanAttributes(name_end, &tag->self_closing);
      pos_ = tag->end;
      if (!end_tag && EqualsIgnoreCase(tag->name, "script")) pos_ = FindScriptEnd(pos_);
      return true;
    }
    pos_ = n;
    return false;
  }

 private:
  size_t SkipPast(char c, size_t from) const {
    const size_t at = html_.find(c, from);
    return at == std::string_view::npos ? html_.size() : at + 1;
  }

  size_t SkipMarkupDeclaration(size_t lt) {
    if (html_.compare(lt, 4, "<!--") != 0) {
      return SkipPast('>', lt + 2);  // doctype, CDATA outside foreign content, bogus comment
    }
    // A comment ends at the first "-->" or "--!>" whose dashes may be those of
    // "<!--" ("<!-->" and "<!--->" are complete comments).
    const size_t plain = comment_end_.From(lt + 2);
    const size_t bang = comment_end_bang_.From(lt + 2);
    if (plain == std::string_view::npos && bang == std::string_view::npos) return html_.size();
    return plain < bang ? plain + 3 : bang + 4;
  }

  // Runs the tokenizer's attribute states from the end of a tag name to the
  // '>' that closes the tag; returns one past it (or the input size).
  size_t ScanAttributes(size_t from, bool* self_closing) const {
    enum class State {
      kBeforeName,
      kName,
      kAfterName,
      kBeforeValue,
      kDoubleQuoted,
      kSingleQuoted,
      kUnquoted,
      kAfterQuoted,
      kSelfClosingStart,
    };
    State state = State::kBeforeName;
    *self_closing = false;
    const size_t n = html_.size();
    for (size_t i = from; i < n; ++i) {
      const char c = html_[i];
      switch (state) {
        case State::kBeforeName:
        case State::kAfterName:
          if (IsTagSpace(c)) break;
          if (c == '/') {
            state = State::kSelfClosingStart;
          } else if (c == '>') {
            return i + 1;
          } else if (c == '=' && state == State::kAfterName) {
            state = State::kBeforeValue;
          } else {
            state = State::kName;  // '=' here starts a name (parse error)
          }
          break;
        case State::kName:
          if (IsTagSpace(c)) {
            state = State::kAfterName;
          } else if (c == '/') {
            state = State::kSelfClosingStart;
          } else if (c == '=') {
            state = State::kBeforeValue;
          } else if (c == '>') {
            return i + 1;
          }
          break;
        case State::kBeforeValue:
          if (IsTagSpace(c)) break;
          if (c == '"') {
            state = State::kDoubleQuoted;
          } else if (c == '\'') {
            state = State::kSingleQuoted;
          } else if (c == '>') {
            return i + 1;
          } else {
            state = State::kUnquoted;
          }
          break;
        case State::kDoubleQuoted:
          if (c == '"') state = State::kAfterQuoted;
          break;
        case State::kSingleQuoted:
          if (c == '\'') state = State::kAfterQuoted;
          break;
        case State::kUnquoted:
          if (IsTagSpace(c)) {
            state = State::kBeforeName;
          } else if (c == '>') {
            return i + 1;
          }
          break;
        case State::kAfterQuoted:
        case State::kSelfClosingStart:
          if (c == '>') {
            *self_closing = state == State::kSelfClosingStart;
            return i + 1;
          }
          if (c == '/') {
            state = State::kSelfClosingStart;
          } else if (IsTagSpace(c)) {
            state = State::kBeforeName;
          } else {
            state = State::kName;  // reconsumed in "before attribute name"
          }
          break;
      }
    }
    return n;
  }

  // Position of the "</script" that can end script data, or the input size.
  size_t FindScriptEnd(size_t from) const {
    constexpr std::string_view kName = "script";
    const size_t n = html_.size();
    size_t j = from;
    while ((j = html_.find("</", j)) != std::string_view::npos) {
      const size_t after = j + 2 + kName.size();
      if (after <= n && EqualsIgnoreCase(html_.substr(j + 2, kName.size()), kName) &&
          (after == n || IsTagSpace(html_[after]) || html_[after] == '/' || html_[after] == '>')) {
        return j;
      }
      j += 2;
    }
    return n;
  }

  std::string_view html_;
  size_t pos_ = 0;
  ForwardFinder comment_end_;
  ForwardFinder comment_end_bang_;
};

// ---------------------------------------------------------------------------
// Foreign content. gumbo 0.10.1 aborts the process on a failed assertion for
// some SVG/MathML inside tables, e.g. "<table><svg><th><title><select></table>"
// (related: google/gumbo-parser#278). Removing every svg and math element
// keeps gumbo out of foreign content entirely. Their text (SVG labels, MathML
// formulas) is not wanted in article text anyway.

bool IsForeignRootName(std::string_view name) {
  return EqualsIgnoreCase(name, "svg") || EqualsIgnoreCase(name, "math");
}

// Returns false if `html` has no svg/math tag. Otherwise stores in *out the
// document with each balanced svg/math element (tags and content) and each
// unbalanced svg/math tag replaced by one space; the space keeps the pieces
// around a removed range from forming a new tag ("<" + "svg>").
bool RemoveForeignContent(std::string_view html, std::string* out) {
  struct Range {
    size_t begin;
    size_t end;
  };
  std::vector<Range> removed;
  std::vector<Tag> open;  // unmatched svg/math start tags
  TagScanner scanner(html);
  Tag tag;
  while (scanner.Next(&tag)) {
    if (!IsForeignRootName(tag.name)) continue;
    if (!tag.end_tag && !tag.self_closing) {
      open.push_back(tag);
    } else if (tag.end_tag && !open.empty() && EqualsIgnoreCase(open.back().name, tag.name)) {
      removed.push_back({open.back().begin, tag.end});
      open.pop_back();
    } else {
      removed.push_back({tag.begin, tag.end});
    }
  }
  for (const Tag& unmatched : open) removed.push_back({unmatched.begin, unmatched.end});
  if (removed.empty()) return false;

  std::sort(removed.begin(), removed.end(),
            [](const Range& a, const Range& b) { return a.begin < b.begin; });
  out->clear();
  out->reserve(html.size());
  size_t cursor = 0;
  for (const Range& range : removed) {
    if (range.begin >= cursor) {
      out->append(html.substr(cursor, range.begin - cursor));
      out->push_back(' ');
    }
    cursor = std::max(cursor, range.end);
  }
  out->append(html.substr(cursor));
  return true;
}

// ---------------------------------------------------------------------------
// Nesting estimate: a rough model of the tree builder's stack of open
// elements, fed by TagScanner.

// How far down the estimated stack an end tag or implied end looks for its
// element; bounds the work to O(tags * kSearchWindow).
constexpr size_t kSearchWindow = 32;

enum ElementFlag : uint16_t {
  kVoid = 1 << 0,          // never has content (br, img, ...)
  kSpecial = 1 << 1,       // HTML "special": ordinary end tags do not close across it
  kClosesP = 1 << 2,       // its start tag ends an open p (in button scope)
  kListPassable = 1 << 3,  // address, div, p: special, yet <li>/<dd> look past them
  kScope = 1 << 4,         // bounds the HTML "default scope"
  kButtonScope = 1 << 5,   // also bounds "button scope" (for p)
  kListScope = 1 << 6,     // also bounds "list item scope" (for li)
  kTableScope = 1 << 7,    // bounds "table scope"
  kTableEnd = 1 << 8,      // an end tag of it looks for it in table scope
};

// Start tags that end an open element of the same group (<p> ends an open p).
enum class ImpliedEnd : uint8_t { kNone, kP, kLi, kDtDd, kCell, kTr, kOption };

struct ElementInfo {
  uint16_t flags = 0;
  ImpliedEnd implied_end = ImpliedEnd::kNone;
};

const std::unordered_map<std::string_view, ElementInfo>& KnownElements() {
  static const auto* const known = [] {
    auto* map = new std::unordered_map<std::string_view, ElementInfo>();
    auto add = [map](std::initializer_list<std::string_view> names, uint16_t flags) {
      for (std::string_view name : names) (*map)[name].flags |= flags;
    };
    add({"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image", "img",
         "input", "keygen", "link", "meta", "param", "source", "track", "wbr"},
        kVoid);
    add({"html", "applet", "caption", "marquee", "object", "template", "table", "td", "th"},
        kScope);
    add({"button"}, kButtonScope);
    add({"ol", "ul"}, kListScope);
    add({"html", "table", "template"}, kTableScope);
    add({"table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption", "colgroup"}, kTableEnd);
    add({"address",  "applet",  "article",  "aside",      "blockquote", "body",    "button",
         "caption",  "center",  "colgroup", "dd",         "details",    "dir",     "div",
         "dl",       "dt",      "fieldset", "figcaption", "figure",     "footer",  "form",
         "frameset", "h1",      "h2",       "h3",         "h4",         "h5",      "h6",
         "head",     "header",  "hgroup",   "html",       "li",         "listing", "main",
         "marquee",  "menu",    "nav",      "noscript",   "object",     "ol",      "p",
         "pre",      "section", "select",   "summary",    "table",      "tbody",   "td",
         "template", "tfoot",   "th",       "thead",      "tr",         "ul"},
        kSpecial);
    add({"address", "article",   "aside", "blockquote", "center",     "details", "dialog",
         "dir",     "div",       "dl",    "fieldset",   "figcaption", "figure",  "footer",
         "header",  "hgroup",    "main",  "menu",       "nav",        "ol",      "p",
         "section", "summary",   "ul",    "h1",         "h2",         "h3",      "h4",
         "h5",      "h6",        "pre",   "listing",    "form",       "li",      "dd",
         "dt",      "plaintext", "table", "xmp"},
        kClosesP);
    add({"address", "div", "p"}, kListPassable);
    (*map)["p"].implied_end = ImpliedEnd::kP;
    (*map)["li"].implied_end = ImpliedEnd::kLi;
    (*map)["dt"].implied_end = (*map)["dd"].implied_end = ImpliedEnd::kDtDd;
    (*map)["td"].implied_end = (*map)["th"].implied_end = ImpliedEnd::kCell;
    (*map)["tr"].implied_end = ImpliedEnd::kTr;
    (*map)["option"].implied_end = ImpliedEnd::kOption;
    return map;
  }();
  return *known;
}

ElementInfo Classify(std::string_view name) {
  char lower[16];
  if (name.size() > sizeof(lower)) return {};  // longer than every known name
  for (size_t i = 0; i < name.size(); ++i) lower[i] = AsciiLower(name[i]);
  const auto& known = KnownElements();
  const auto it = known.find(std::string_view(lower, name.size()));
  return it == known.end() ? ElementInfo{} : it->second;
}

class NestingEstimator {
 public:
  // Limits of 0 mean none.
  NestingEstimator(size_t max_depth, size_t max_elements)
      : max_depth_(max_depth == 0 ? SIZE_MAX : max_depth),
        max_elements_(max_elements == 0 ? SIZE_MAX : max_elements) {}

  // `html` must be free of svg/math (RemoveForeignContent): "/>" is then
  // never self-closing, as for HTML elements ("<div/>" opens a div).
  HtmlParseStatus Check(std::string_view html) {
    TagScanner scanner(html);
    Tag tag;
    size_t elements = 0;
    while (scanner.Next(&tag)) {
      const ElementInfo info = Classify(tag.name);
      if (tag.end_tag) {
        CloseByEndTag(tag.name, info);
        continue;
      }
      if (++elements > max_elements_) return HtmlParseStatus::kTooManyElements;
      if (info.flags & kVoid) continue;
      CloseImplied(info);
      open_.push_back({tag.name, info});
      if (open_.size() > max_depth_) return HtmlParseStatus::kTooDeep;
    }
    return HtmlParseStatus::kOk;
  }

 private:
  struct Entry {
    std::string_view name;  // a view into the input
    ElementInfo info;
  };

  // Pops entry `index` and everything above it.
  void PopFrom(size_t index) { open_.resize(index); }

  size_t SearchStop() const {
    return open_.size() > kSearchWindow ? open_.size() - kSearchWindow : 0;
  }

  void CloseByEndTag(std::string_view name, ElementInfo info) {
    // A special end tag closes across other elements up to the edge of its
    // scope; an ordinary one only across ordinary elements. Otherwise it is
    // ignored, as gumbo ignores it.
    uint16_t blocking = kScope;
    if (!(info.flags & kSpecial)) {
      blocking = kSpecial;
    } else if (info.flags & kTableEnd) {
      blocking = kTableScope;
    } else if (info.implied_end == ImpliedEnd::kP) {
      blocking = kScope | kButtonScope;
    } else if (info.implied_end == ImpliedEnd::kLi) {
      blocking = kScope | kListScope;
    }
    for (size_t k = open_.size(); k > SearchStop(); --k) {
      const Entry& candidate = open_[k - 1];
      if (EqualsIgnoreCase(name, candidate.name)) {
        PopFrom(k - 1);
        return;
      }
      if (candidate.info.flags & blocking) return;
    }
  }

  // What a start tag implicitly ends, following the HTML tree builder
  // loosely: erring towards looking less far keeps the estimate high.
  void CloseImplied(ElementInfo info) {
    switch (info.implied_end) {
      case ImpliedEnd::kLi:
      case ImpliedEnd::kDtDd:
        CloseSame(info.implied_end, [](const ElementInfo& e) {
          return (e.flags & kSpecial) && !(e.flags & kListPassable);
        });
        break;
      case ImpliedEnd::kCell:
      case ImpliedEnd::kTr:  // also ends an open cell of the previous row
        CloseSame(info.implied_end, [](const ElementInfo& e) { return e.flags & kTableScope; });
        break;
      case ImpliedEnd::kOption:  // only an option that is the current node
        if (!open_.empty() && open_.back().info.implied_end == ImpliedEnd::kOption) {
          PopFrom(open_.size() - 1);
        }
        break;
      case ImpliedEnd::kP:
      case ImpliedEnd::kNone:
        break;
    }
    if (info.flags & kClosesP) {
      CloseSame(ImpliedEnd::kP,
                [](const ElementInfo& e) { return e.flags & (kScope | kButtonScope); });
    }
  }

  // Pops the nearest open element of `group` unless `stops` holds for an
  // element above it (or it is beyond the search window).
  template <typename StopPredicate>
  void CloseSame(ImpliedEnd group, StopPredicate stops) {
    for (size_t k = open_.size(); k > SearchStop(); --k) {
      const ElementInfo& candidate = open_[k - 1].info;
      if (candidate.implied_end == group) {
        PopFrom(k - 1);
        return;
      }
      if (stops(candidate)) return;
    }
  }

  const size_t max_depth_;
  const size_t max_elements_;
  std::vector<Entry> open_;  // the estimated stack of open elements
};

// ---------------------------------------------------------------------------
// gumbo memory: every block is linked into a list so the whole tree can be
// freed in a loop. gumbo_destroy_output() recurses once per nesting level and
// overflows the stack on deep documents.

class TrackedAllocations {
 public:
  TrackedAllocations() = default;
  TrackedAllocations(const TrackedAllocations&) = delete;
  TrackedAllocations& operator=(const TrackedAllocations&) = delete;
  ~TrackedAllocations() {
    Block* block = head_.next;
    while (block != &head_) {
      Block* next = block->next;
      std::free(block);
      block = next;
    }
  }

  static void* Allocate(void* userdata, size_t size) {
    auto* self = static_cast<TrackedAllocations*>(userdata);
    auto* block = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (block == nullptr) std::abort();  // gumbo cannot handle a null allocation
    block->prev = &self->head_;
    block->next = self->head_.next;
    self->head_.next->prev = block;
    self->head_.next = block;
    return block + 1;
  }

  static void Deallocate(void* /*userdata*/, void* ptr) {
    if (ptr == nullptr) return;
    Block* block = static_cast<Block*>(ptr) - 1;
    block->prev->next = block->next;
    block->next->prev = block->prev;
    std::free(block);
  }

 private:
  // Aligned like malloc's result so the payload after it is too.
  struct alignas(std::max_align_t) Block {
    Block* prev;
    Block* next;
  };
  Block head_{&head_, &head_};
};

}  // namespace

// The allocator outlives the parse output: HtmlDocument owns both, and frees
// the tree by dropping `allocations_` (gumbo_destroy_output is never called).
struct HtmlDocument::Storage {
  TrackedAllocations allocations;
  std::string source;  // the parsed text when it differs from the caller's
  GumboOutput* output = nullptr;
};

HtmlDocument::HtmlDocument() = default;
HtmlDocument::~HtmlDocument() = default;
HtmlDocument::HtmlDocument(HtmlDocument&&) noexcept = default;
HtmlDocument& HtmlDocument::operator=(HtmlDocument&&) noexcept = default;

bool HtmlNestingWithin(std::string_view html, size_t max_depth) {
  if (max_depth == 0) return true;
  std::string without_foreign;
  if (RemoveForeignContent(html, &without_foreign)) html = without_foreign;
  return NestingEstimator(max_depth, 0).Check(html) == HtmlParseStatus::kOk;
}

HtmlParseStatus HtmlDocument::Parse(std::string_view html, const HtmlParseOptions& options) {
  storage_ = std::make_unique<Storage>();
  if (RemoveForeignContent(html, &storage_->source)) html = storage_->source;
  if (options.max_depth > 0 || options.max_elements > 0) {
    const HtmlParseStatus verdict =
        NestingEstimator(options.max_depth, options.max_elements).Check(html);
    if (verdict != HtmlParseStatus::kOk) {
      storage_.reset();
      return verdict;
    }
  }
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.allocator = &TrackedAllocations::Allocate;
  gumbo_options.deallocator = &TrackedAllocations::Deallocate;
  gumbo_options.userdata = &storage_->allocations;
  // Each recorded error copies the open-element stack: quadratic memory on
  // deep documents, and we never read them.
  gumbo_options.max_errors = 0;
  storage_->output = gumbo_parse_with_options(&gumbo_options, html.data(), html.size());
  return HtmlParseStatus::kOk;
}

const GumboNode* HtmlDocument::document() const {
  return storage_ == nullptr ? nullptr : storage_->output->document;
}

const GumboNode* HtmlDocument::root() const {
  return storage_ == nullptr ? nullptr : storage_->output->root;
}

}  // namespace newsflow
