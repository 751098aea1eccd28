#!/usr/bin/env python3
"""Language identification accuracy of `newsflow process` (stage `language`).

  eval_language.py PAGES NEWSFLOW          pages with expected-metadata.json "lang":
                                           their expected.html text is sent as a plain
                                           body, so no declared language is visible
  eval_language.py --bbc BBC NEWSFLOW      every *.txt below BBC is English

Prints accuracy and misses. Missing data: prints "skipped" and exits 0."""
import html.parser
import json
import os
import subprocess
import sys


class _Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def html_text(path):
    parser = _Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    return "\n\n".join(parser.parts)


def detect(newsflow, records):
    lines = "".join(json.dumps({"id": i, "body": body}) + "\n" for i, body in records)
    result = subprocess.run(
        [newsflow, "process", "--set", "pipeline.stages=parse,normalize_text,language",
         "--log-level", "error"], input=lines, capture_output=True, text=True, check=True)
    return {r["id"]: r["language"] for r in map(json.loads, result.stdout.splitlines())}


def main(argv):
    bbc = argv[1:2] == ["--bbc"]
    args = argv[2:] if bbc else argv[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data, newsflow = args
    if not os.path.isdir(data):
        print(f"eval_language: skipped: no data at {data}", file=sys.stderr)
        return 0
    expected, records = {}, []
    if bbc:
        for root, _, files in sorted(os.walk(data)):
            for name in sorted(files):
                if name.endswith(".txt"):
                    path = os.path.join(root, name)
                    with open(path, encoding="latin-1") as f:
                        records.append((path, f.read()))
                    expected[path] = "en"
    else:
        for page in sorted(os.listdir(data)):
            meta = os.path.join(data, page, "expected-metadata.json")
            if not os.path.exists(meta):
                continue
            with open(meta, encoding="utf-8") as f:
                lang = (json.load(f).get("lang") or "").split("-")[0].lower()
            if lang:
                expected[page] = lang
                records.append((page, html_text(os.path.join(data, page, "expected.html"))))
    got = detect(newsflow, records)
    correct = sum(got[i]["code"] == expected[i] for i in expected)
    reliable = [i for i in expected if got[i]["reliable"]]
    print(f"texts {len(expected)}, correct {correct} ({correct / max(1, len(expected)):.3f}); "
          f"reliable {len(reliable)}, of which correct "
          f"{sum(got[i]['code'] == expected[i] for i in reliable)}")
    for i in expected:
        if got[i]["code"] != expected[i]:
            print(f"  miss {i}: expected {expected[i]}, got {got[i]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
