#!/usr/bin/env python3
"""Entity F1 of `newsflow ner --conll` output, split by whether the entity's
words are an entity of the training data.

  eval_ner_unseen.py TRAIN OUTPUT

TRAIN is a CoNLL file with the gold IOB2 tag in the last column (the
training data); OUTPUT is what `newsflow ner --conll` wrote for a CoNLL file
with gold tags: gold in the column before last, prediction in the last.
Entities are exact spans with their type (the conlleval definition). A gold
entity is "seen" when its words, joined by spaces, are an entity of any type
in TRAIN, else "unseen"; a predicted entity is counted in the group of its
own words, so a wrong guess on an unseen name is a false positive of
"unseen". Prints precision, recall and F1 per group and type. Exits 2
naming a file it cannot read. Standard library only."""
import collections
import sys


def documents(path, gold_column, predicted_column):
    """Sentences of (words, gold tags, predicted tags); -DOCSTART- and blank
    lines end a sentence."""
    words, gold, predicted = [], [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            columns = line.split()
            if not columns or columns[0] == "-DOCSTART-":
                if words:
                    yield words, gold, predicted
                words, gold, predicted = [], [], []
                continue
            words.append(columns[0])
            gold.append(columns[gold_column])
            predicted.append(columns[predicted_column] if predicted_column is not None else "O")
    if words:
        yield words, gold, predicted


def spans(tags):
    """(begin, end, type) of each entity; an I-X that continues nothing
    starts one, as conlleval does."""
    out = set()
    begin, kind = None, None
    for i, tag in enumerate(tags + ["O"]):
        if begin is not None and not (tag.startswith("I-") and tag[2:] == kind):
            out.add((begin, i, kind))
            begin = None
        if tag.startswith("B-") or (tag.startswith("I-") and begin is None):
            begin, kind = i, tag[2:]
    return out


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    train_path, output_path = argv[1], argv[2]
    try:
        known = set()
        for words, gold, _ in documents(train_path, -1, None):
            for begin, end, _ in spans(gold):
                known.add(" ".join(words[begin:end]))
        counts = collections.Counter()
        for words, gold, predicted in documents(output_path, -2, -1):
            gold_spans, predicted_spans = spans(gold), spans(predicted)
            for span in gold_spans | predicted_spans:
                begin, end, kind = span
                group = "seen" if " ".join(words[begin:end]) in known else "unseen"
                if span in gold_spans and span in predicted_spans:
                    outcome = "tp"
                elif span in gold_spans:
                    outcome = "fn"
                else:
                    outcome = "fp"
                counts[(group, kind, outcome)] += 1
                counts[(group, "all", outcome)] += 1
    except OSError as e:
        print(f"eval_ner_unseen.py: {e}", file=sys.stderr)
        return 2
    for group in ("seen", "unseen"):
        kinds = sorted({k for g, k, _ in counts if g == group and k != "all"}) + ["all"]
        for kind in kinds:
            tp, fp, fn = (counts[(group, kind, o)] for o in ("tp", "fp", "fn"))
            precision = tp / (tp + fp) if tp + fp else 0.0
            recall = tp / (tp + fn) if tp + fn else 0.0
            f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
            print(f"{group:6} {kind:4}  P {precision:.4f}  R {recall:.4f}  F1 {f1:.4f}"
                  f"  (gold {tp + fn}, predicted {tp + fp})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
