#!/usr/bin/python3
"""Evaluates `newsflow train topics` on the shared topic corpora.

  tools/eval_topics.py reuters [--newsflow BIN] [--data DIR] [--test]
      Reuters-21578 ModApte. Without --test: trains on 4/5 of the
      LEWISSPLIT="TRAIN", TOPICS="YES" records and scores the held-out fifth
      (NEWID % 5 == 0). With --test: trains on all training records and
      scores the LEWISSPLIT="TEST" records (needs the full collection).
  tools/eval_topics.py bbc [--newsflow BIN] [--data DIR] [--folds 5]
      BBC 5 classes: K-fold cross-validation with deterministic folds
      (file i in (class, name) order is in fold i % K); accuracy@1 summed
      over the folds.

Extra arguments after `--` go to `newsflow train topics` (e.g. -- --epoch 10).
Prints the `newsflow eval topics` output; standard library only.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(HERE, "topics_corpus.py")


def extract(args, path):
    with open(path, "w") as out:
        subprocess.run([sys.executable, CORPUS] + args, stdout=out, check=True)


def train(opts, data, model, extra):
    subprocess.run([opts.newsflow, "train", "topics", "--input", data, "--output", model] + extra,
                   check=True)


def evaluate(opts, model, data, extra_eval=()):
    result = subprocess.run([opts.newsflow, "eval", "topics", "--model", model, "--input", data,
                             "--threshold", str(opts.threshold)] + list(extra_eval),
                            check=True, stdout=subprocess.PIPE, text=True)
    return result.stdout


def reuters(opts, extra, tmp):
    data = opts.data or os.path.join(ROOT, "..", "shared", "data", "topics", "reuters21578")
    train_file = os.path.join(tmp, "train.txt")
    test_file = os.path.join(tmp, "test.txt")
    if opts.test:
        extract(["reuters", data, "--split", "TRAIN"], train_file)
        extract(["reuters", data, "--split", "TEST"], test_file)
    else:
        extract(["reuters", data, "--holdout", "5", "--part", "train"], train_file)
        extract(["reuters", data, "--holdout", "5", "--part", "heldout"], test_file)
    model = os.path.join(tmp, "reuters.bin")
    train(opts, train_file, model, extra)
    sys.stdout.write(evaluate(opts, model, test_file))


def bbc(opts, extra, tmp):
    data = opts.data or os.path.join(ROOT, "..", "shared", "data", "topics", "bbc")
    documents = 0
    correct = 0.0
    for fold in range(opts.folds):
        train_file = os.path.join(tmp, "train%d.txt" % fold)
        test_file = os.path.join(tmp, "test%d.txt" % fold)
        common = ["bbc", data, "--folds", str(opts.folds), "--fold", str(fold)]
        extract(common + ["--part", "train"], train_file)
        extract(common + ["--part", "test"], test_file)
        model = os.path.join(tmp, "bbc%d.bin" % fold)
        train(opts, train_file, model, extra)
        out = evaluate(opts, model, test_file)
        n = int(re.search(r"documents (\d+)", out).group(1))
        acc = float(re.search(r"accuracy@1 ([0-9.]+)", out).group(1))
        print("fold %d: documents %d accuracy@1 %.4f" % (fold, n, acc))
        documents += n
        correct += acc * n
    print("bbc %d-fold cross-validation: documents %d accuracy@1 %.4f"
          % (opts.folds, documents, correct / documents))


def main():
    argv = sys.argv[1:]
    extra = []
    if "--" in argv:
        extra = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", choices=["reuters", "bbc"])
    parser.add_argument("--newsflow", default=os.path.join(ROOT, "build", "newsflow"))
    parser.add_argument("--data", default="")
    parser.add_argument("--test", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.3)
    opts = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsflow-eval-topics-") as tmp:
        if opts.corpus == "reuters":
            reuters(opts, extra, tmp)
        else:
            bbc(opts, extra, tmp)


if __name__ == "__main__":
    main()
