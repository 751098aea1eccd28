#!/usr/bin/env python3
"""Near-duplicate detection quality of `newsflow process` (stage near_duplicates).

  eval_duplicates.py CORPUS NEWSFLOW [--seed N]

CORPUS is a directory tree of plain-text articles (*.txt, e.g. the BBC set).
Every article is sent once, then edited copies of it (seeded), in one ordered
run; each copy should be flagged as a duplicate of its original. Edits:
  punct   case, spacing and punctuation changed (an exact duplicate)
  word    one word replaced
  words3  three words replaced
  lead    an "UPDATED" line added at the top
  tail    the last paragraph dropped (articles of 6+ paragraphs)
Recall is per edit kind (a flag pointing at the original, or at a copy of
it already in the corpus, counts). Precision counts every flag: a flag between two
different originals is wrong unless those originals are themselves copies
(word 3-shingle Jaccard >= 0.8; such pairs exist in real corpora) and is
reported apart. Missing CORPUS: prints "skipped" and exits 0."""
import json
import os
import random
import re
import subprocess
import sys

WORDS = ["council", "market", "report", "season", "company", "minister", "record", "plan"]


def shingles(text):
    tokens = re.findall(r"\w+", text.lower())
    return {tuple(tokens[i:i + 3]) for i in range(max(0, len(tokens) - 2))}


def edits(text, rng):
    words = text.split(" ")
    out = {}
    out["punct"] = re.sub(r"[,;]", ".", text.upper()).replace(" ", "  ")

    def replace(n):
        w = list(words)
        for _ in range(n):
            w[rng.randrange(len(w))] = rng.choice(WORDS)
        return " ".join(w)
    out["word"] = replace(1)
    out["words3"] = replace(3)
    out["lead"] = "UPDATED 10:42 GMT\n\n" + text
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) >= 6:
        out["tail"] = "\n\n".join(paragraphs[:-1])
    return out


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--seed")]
    seed = int(next((a.split("=", 1)[1] for a in argv[1:] if a.startswith("--seed=")), 1))
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    corpus, newsflow = args
    if not os.path.isdir(corpus):
        print(f"eval_duplicates: skipped: no data at {corpus}", file=sys.stderr)
        return 0
    rng = random.Random(seed)
    originals = []
    for root, _, files in sorted(os.walk(corpus)):
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="latin-1") as f:
                    originals.append(f.read().strip())
    records = [(f"o{i}", text) for i, text in enumerate(originals)]
    for i, text in enumerate(originals):
        for kind, edited in edits(text, rng).items():
            records.append((f"e{i}-{kind}", edited))
    lines = "".join(json.dumps({"id": rid, "body": body}) + "\n" for rid, body in records)
    result = subprocess.run(
        [newsflow, "process", "--workers", "1", "--log-level", "error", "--set",
         "pipeline.stages=parse,normalize_text,near_duplicates"],
        input=lines, capture_output=True, text=True, check=True)
    out = [json.loads(line) for line in result.stdout.splitlines()]

    def family(rid):
        return int(rid[1:].split("-")[0])
    total, hits = {}, {}
    right = wrong = corpus_copies = 0
    shingle_cache = {}

    def sh(i):
        if i not in shingle_cache:
            shingle_cache[i] = shingles(originals[i])
        return shingle_cache[i]
    def same_story(a, b):
        if a == b:
            return True
        sa, sb = sh(a), sh(b)
        return bool(sa and sb) and len(sa & sb) / len(sa | sb) >= 0.8

    for rec in out:
        rid = rec["id"]
        dup = rec["duplicate_of"]
        if rid.startswith("e"):
            kind = rid.split("-", 1)[1]
            total[kind] = total.get(kind, 0) + 1
            if dup and same_story(family(dup["id"]), family(rid)):
                hits[kind] = hits.get(kind, 0) + 1
        if dup:
            a, b = family(rid), family(dup["id"])
            if a == b:
                right += 1
            else:
                if same_story(a, b):
                    corpus_copies += 1
                else:
                    wrong += 1
                    print(f"  false flag: {rid} -> {dup['id']} (distance {dup['distance']})")
    print(f"originals {len(originals)}, edited copies {sum(total.values())}")
    for kind in sorted(total):
        print(f"  recall {kind:7s} {hits.get(kind, 0):5d}/{total[kind]:5d} = "
              f"{hits.get(kind, 0) / total[kind]:.3f}")
    flagged = right + wrong + corpus_copies
    print(f"flags {flagged}: right {right}, between copies already in the corpus {corpus_copies}, "
          f"wrong {wrong}; precision {(right + corpus_copies) / max(1, flagged):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
