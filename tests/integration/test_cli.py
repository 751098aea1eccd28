"""The executable as a user meets it without a broker: config validation
exits 2 naming the setting, and `newsflow process` runs the same pipeline
over JSON Lines."""
import json
import os
import subprocess
import tempfile
import unittest

from harness import NEWSFLOW_BIN, ROOT


def run(args, **kwargs):
    return subprocess.run([NEWSFLOW_BIN] + args, capture_output=True, text=True, timeout=60,
                          **kwargs)


class ConfigErrorsTest(unittest.TestCase):

    def write(self, text):
        fd, path = tempfile.mkstemp(suffix=".yaml")
        with os.fdopen(fd, "w") as f:
            f.write(text)
        self.addCleanup(os.remove, path)
        return path

    def test_unknown_yaml_key_exits_2_naming_it(self):
        r = run(["run", "--config", self.write("kafka:\n  brokerz: x\n")])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("kafka.brokerz", r.stderr)

    def test_bad_value_exits_2_naming_the_setting(self):
        r = run(["run", "--workers", "-3"])
        self.assertEqual(r.returncode, 2, r.stderr)
        r = run(["run", "--set", "pipeline.ordering=random"])
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("pipeline.ordering", r.stderr)

    def test_bad_environment_value_exits_2(self):
        env = dict(os.environ, NEWSFLOW_PIPELINE_WORKERS="many")
        r = run(["run"], env=env)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("pipeline.workers", r.stderr)

    def test_unknown_stage_exits_2(self):
        r = run(["run", "--set", "pipeline.stages=parse,nonexistent", "--log-format", "text"])
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("nonexistent", r.stdout + r.stderr)

    def test_bad_librdkafka_property_exits_2_without_leaking_secrets(self):
        r = run(["run", "--set", "kafka.properties.sasl.password=hunter2",
                 "--set", "kafka.consumer_properties.no.such.property=1",
                 "--metrics-address", "", "--log-format", "text"])
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("no.such.property", r.stdout + r.stderr)
        self.assertNotIn("hunter2", r.stdout + r.stderr)

    def test_unknown_flag_exits_2(self):
        self.assertEqual(run(["run", "--no-such-flag"]).returncode, 2)


class ProcessCommandTest(unittest.TestCase):

    def test_samples_are_enriched_in_order_and_bad_lines_dead_lettered(self):
        samples = os.path.join(ROOT, "samples", "articles.jsonl")
        with tempfile.TemporaryDirectory() as d:
            out, dead = os.path.join(d, "out.jsonl"), os.path.join(d, "dead.jsonl")
            r = run(["process", "--input", samples, "--output", out, "--dead-letter", dead,
                     "--workers", "3"])
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(samples) as f:
                inputs = [line for line in f if line.strip()]
            with open(out) as f:
                records = [json.loads(line) for line in f]
            with open(dead) as f:
                dead_letters = [json.loads(line) for line in f]
        self.assertEqual(len(records) + len(dead_letters), len(inputs))
        offsets = [r["provenance"]["offset"] for r in records]
        self.assertEqual(offsets, sorted(offsets), "input order kept")
        self.assertEqual(records[0]["id"], "sample-001")
        self.assertEqual(records[0]["dateline"], "SEAHAVEN, Northland")
        self.assertTrue(records[0]["text"].startswith("The harbour board voted"))
        by_id = {r["id"]: r for r in records}
        self.assertEqual(by_id["sample-007"]["authors"], ["Mara Quill", "Tomas Example"])
        self.assertNotIn("Mara Quill", by_id["sample-007"]["text"])
        for record in records:
            self.assertTrue(record["text"])
            self.assertNotIn("<", record["text"])
        no_id = [r for r in records if r["id_source"] == "url"]
        self.assertEqual(len(no_id), 1)
        # Cleaning: residue repaired, bio and navigation split off and listed.
        ferry = by_id["sample-009"]
        self.assertEqual(ferry["dateline"], "BRAMBLEPORT, Northland")
        self.assertTrue(ferry["author_bio"].startswith("Kell Ardent is"))
        self.assertNotIn("Kell Ardent", ferry["text"])
        self.assertNotIn("More In", ferry["text"])
        self.assertEqual([r["kind"] for r in ferry["cleaning"]["removed"]],
                         ["author_bio", "navigation", "navigation"])
        for residue in ("t The", "Aaccording", "some about", "its a", ". ,", "., "):
            self.assertNotIn(residue, ferry["text"])
        self.assertIn("terminal, according to a March 2 statement.", ferry["text"])
        self.assertGreaterEqual(len(ferry["cleaning"]["repairs"]), 4)
        self.assertEqual(ferry["reading_time_seconds"], round(ferry["word_count"] * 60 / 238))
        # An HTML page without title, source or date in the input: the
        # article body comes out of the page, the rest from its metadata.
        page = by_id["sample-010"]
        self.assertEqual(page["title"], "Lighthouse keepers' cottages restored")
        self.assertEqual(page["site_name"], "Northland Gazette")
        self.assertEqual(page["authors"], ["Ines Holloway"])
        self.assertEqual(page["published_at"], "2026-11-23T08:30:00Z")
        self.assertEqual(page["language_hint"], "en-GB")
        self.assertTrue(page["text"].startswith("Volunteers at Gull Point"))
        self.assertTrue(page["text"].endswith("\u201cNow they can.\u201d"))
        for chrome in ("Subscribe", "Share on", "Related stories", "All rights reserved",
                       "Privacy", "Weather"):
            self.assertNotIn(chrome, page["text"])
        reasons = sorted(d["reason"] for d in dead_letters)
        self.assertEqual(reasons, ["malformed_json", "missing_body"])

    def test_tags_carry_code_point_offsets_into_the_text(self):
        samples = os.path.join(ROOT, "samples", "articles.jsonl")
        r = run(["process", "--input", samples])
        self.assertEqual(r.returncode, 0, r.stderr)
        by_id = {}
        for line in r.stdout.splitlines():
            record = json.loads(line)
            by_id[record["id"]] = record
            text = record["text"]
            for tag in record["dates"] + record["amounts"]:
                self.assertEqual(text[tag["start"]:tag["end"]], tag["text"], record["id"])
        trade = by_id["sample-011"]
        # "¥600 billion" comes after a multi-byte character: byte offsets would be off.
        amounts = {a["text"]: a for a in trade["amounts"]}
        self.assertEqual(amounts["$7 billion"]["currency"], "USD")
        self.assertEqual(amounts["$7 billion"]["value"], 7e9)
        self.assertEqual(amounts["\u00a5600 billion"]["currency"], "JPY")
        self.assertEqual(amounts["90 percent"]["kind"], "percent")
        self.assertEqual(amounts["0.2 percentage points"]["kind"], "percentage_points")
        dates = {d["text"]: d for d in trade["dates"]}
        self.assertEqual(dates["Thursday"]["value"], "2026-11-19")  # published Friday 20th
        self.assertEqual(dates["March 2025"]["value"], "2025-03")
        self.assertEqual(dates["the end of 2028"]["qualifier"], "end")
        self.assertEqual(dates["January"]["value"], "2027-01")
        self.assertGreater(trade["text"].index("Friday"), trade["text"].index("\u00a5"))
        # Entities: every offset slices one of the entity's mentions; merged names.
        for record in by_id.values():
            for group in record["entities"].values():
                for entity in group:
                    self.assertEqual(entity["mentions"], len(entity["offsets"]))
                    for start, end in entity["offsets"]:
                        mention = record["text"][start:end]
                        self.assertTrue(mention and mention[0].isalnum(), (entity, mention))
        people = {e["name"]: e for e in trade["entities"]["people"]}
        self.assertEqual(people["Haruto Sakamoto"]["mentions"], 2, "'Sakamoto' merged")
        self.assertEqual(people["Noa Ben-David"]["mentions"], 2)
        locations = {e["name"]: e for e in trade["entities"]["locations"]}
        self.assertEqual(locations["Osaka"]["country_code"], "JP")
        self.assertEqual(locations["Tel Aviv"]["country_code"], "IL")
        self.assertAlmostEqual(locations["Tel Aviv"]["lat"], 32.1, delta=0.2)
        self.assertEqual({c["code"] for c in trade["countries"]}, {"JP", "IL"})
        self.assertIn("trade", [t["label"] for t in trade["topics"]])
        keywords = [k["phrase"] for k in trade["keywords"]]
        self.assertTrue(keywords)
        self.assertEqual(trade["keywords"][0]["score"], 1.0)
        for k in trade["keywords"]:
            words = {w.rstrip("s") for w in k["phrase"].lower().split()}
            for start, end in k["offsets"]:
                # A mention is the phrase or a part of it a name absorbed
                # ("Japan" in "Bank of Japan"), plurals folded.
                mention = {w.rstrip("s") for w in trade["text"][start:end].lower().split()}
                self.assertTrue(mention and mention <= words, (k, mention))
        self.assertNotIn("said", keywords)

    def test_a_model_that_does_not_load_stops_the_start_with_exit_2(self):
        r = run(["process", "--set", "pipeline.stages=parse,normalize_text,topics",
                 "--set", "tagging.topics_model=/nonexistent/topics.ftz"],
                input='{"id":"x","body":"text"}\n')
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("/nonexistent/topics.ftz", r.stderr)
        self.assertEqual(r.stdout, "", "no article is processed")

    def test_stdin_to_stdout(self):
        r = run(["process"], input='{"id":"x","body":"a  b\\n\\n\\nc"}\n')
        self.assertEqual(r.returncode, 0, r.stderr)
        record = json.loads(r.stdout)
        self.assertEqual(record["text"], "a b\n\nc")
        self.assertEqual(record["word_count"], 3)


class TaggingCommandsTest(unittest.TestCase):
    """The tagging commands as a user runs them, on data written here."""

    def test_ner_conll_appends_a_tag_column_and_passes_document_lines(self):
        conll = ("-DOCSTART- -X- -X- O\n\n"
                 "Angela NNP B-NP B-PER\nMerkel NNP I-NP I-PER\nvisited VBD B-VP O\n"
                 "Paris NNP B-NP B-LOC\n. . O O\n")
        r = run(["ner", "--conll", "-"], input=conll)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.split("\n")
        self.assertEqual(lines[0], "-DOCSTART- -X- -X- O")
        self.assertEqual(lines[1], "")
        tokens = [line.split() for line in lines[2:] if line]
        self.assertEqual([t[0] for t in tokens], ["Angela", "Merkel", "visited", "Paris", "."])
        self.assertEqual([len(t) for t in tokens], [5] * 5, "one column appended")
        self.assertEqual([t[-1] for t in tokens], ["B-PER", "I-PER", "O", "B-LOC", "O"])

    def test_ner_with_a_missing_model_exits_2(self):
        r = run(["ner", "--conll", "-", "--model", "/nonexistent/model.nfner"], input="Paris\n")
        self.assertEqual(r.returncode, 2)
        self.assertIn("/nonexistent/model.nfner", r.stderr)

    def test_train_ner_reads_person_name_lists_and_rejects_bad_ones(self):
        conll = "".join(
            "-DOCSTART- -X- -X- O\n\n%s NNP B-NP B-PER\n%s NNP I-NP I-PER\nsaid VBD B-VP O\n"
            "in IN O O\n%s NNP B-NP B-LOC\n. . O O\n\n" % words
            for words in [("Wilfried", "Ivanov", "Oslo"), ("Anna", "Berg", "Paris"),
                          ("Carla", "Moreau", "Rome")])
        with tempfile.TemporaryDirectory() as d:
            paths = {}
            for name, text in [("train.txt", conll), ("words.txt", "said\nin\nOslo\n"),
                               ("names.tsv", "# Faker's lists\ngiven\tWilfried\ngiven\tAnna\n"
                                             "family\tIvanov\nfamily\tAnna\n"),
                               ("bad.tsv", "given\tAnna\nsurname\tBerg\n")]:
                paths[name] = os.path.join(d, name)
                with open(paths[name], "w") as f:
                    f.write(text)
            model = os.path.join(d, "m.nfner")

            def train(*names):
                args = ["train", "ner", "--train", paths["train.txt"], "--dev", paths["train.txt"],
                        "--output", model, "--epochs", "2", "--iso-codes", "",
                        "--dictionary", paths["words.txt"]]
                for n in names:
                    args += ["--person-names", n]
                return run(args)

            r = train(paths["names.tsv"])
            self.assertEqual(r.returncode, 0, r.stderr)
            # 3 listed words: "Anna" is listed twice; "said", "in" and "Oslo" are not names.
            self.assertIn("knowledge: 6 dictionary words (3 person names)", r.stderr)
            r = run(["ner", "--conll", paths["train.txt"], "--model", model])
            self.assertEqual(r.returncode, 0, r.stderr)
            r = train(paths["bad.tsv"])
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn("bad.tsv': line 2", r.stderr)
            missing = os.path.join(d, "missing.tsv")
            r = train(missing)
            self.assertEqual(r.returncode, 2, r.stderr)
            self.assertIn(missing, r.stderr)

    def test_person_name_tool_writes_sorted_given_and_family_names(self):
        tool = os.path.join(ROOT, "tools", "ner_person_names.py")
        r = subprocess.run(["/usr/bin/python3", tool], capture_output=True, text=True,
                           timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(lines, sorted(set(lines)), "sorted, no repeats")
        kinds = [line.split("\t")[0] for line in lines]
        self.assertEqual(set(kinds), {"given", "family"})
        self.assertGreater(len(lines), 10000)
        words = {line.split("\t")[1] for line in lines}
        # Cyrillic names also transliterated, Latin ones also without diacritics.
        self.assertIn("Иванов", words)
        self.assertIn("Ivanov", words)
        self.assertTrue({"Müller", "Muller"} <= words)
        self.assertTrue(all(len(w) >= 2 and " " not in w for w in words))

    def test_unseen_entity_scores_split_by_the_training_names(self):
        train = ("-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nBerg NNP I-NP I-PER\n"
                 "left VBD B-VP O\nOslo NNP B-NP B-LOC\n")
        # Gold, then prediction: "Anna Berg" seen and right; "Carla Moreau"
        # unseen and typed wrong; "Oslo" seen and predicted an organization.
        output = ("-DOCSTART- -X- -X- O O\n\nAnna NNP B-NP B-PER B-PER\n"
                  "Berg NNP I-NP I-PER I-PER\nmet VBD B-VP O O\n"
                  "Carla NNP B-NP B-PER B-ORG\nMoreau NNP I-NP I-PER I-ORG\n"
                  "in IN O O O\nOslo NNP B-NP B-LOC B-ORG\n")
        tool = os.path.join(ROOT, "tools", "eval_ner_unseen.py")
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for name, text in [("train.txt", train), ("out.txt", output)]:
                paths.append(os.path.join(d, name))
                with open(paths[-1], "w") as f:
                    f.write(text)
            r = subprocess.run(["/usr/bin/python3", tool] + paths, capture_output=True,
                               text=True, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            lines = {" ".join(line.split()[:2]): line for line in r.stdout.splitlines()}
            # Seen: Anna Berg right; Oslo missed (gold LOC) and a false ORG.
            self.assertIn("P 0.5000  R 0.5000  F1 0.5000  (gold 2, predicted 2)", lines["seen all"])
            self.assertIn("P 0.0000  R 0.0000  F1 0.0000  (gold 1, predicted 1)",
                          lines["unseen all"])
            self.assertIn("(gold 1, predicted 0)", lines["unseen PER"])
            self.assertIn("(gold 0, predicted 1)", lines["unseen ORG"])
            r = subprocess.run(["/usr/bin/python3", tool, os.path.join(d, "missing.txt"),
                                paths[1]], capture_output=True, text=True, timeout=60)
            self.assertEqual(r.returncode, 2)
            self.assertIn("missing.txt", r.stderr)

    def test_train_keywords_counts_document_frequencies(self):
        with tempfile.TemporaryDirectory() as d:
            for i, text in enumerate(["The harbour board met.", "The harbour opened.",
                                      "A ferry sailed."]):
                with open(os.path.join(d, "a%d.txt" % i), "w") as f:
                    f.write(text)
            out = os.path.join(d, "background.tsv")
            r = run(["train", "keywords", "--input", d, "--output", out, "--min-df", "1"])
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out) as f:
                header, *rows = f.read().splitlines()
        self.assertIn("documents=3", header)
        df = dict(row.split("\t") for row in rows)
        self.assertEqual(df["harbour"], "2")
        self.assertEqual(df["ferry"], "1")
        self.assertNotIn("the", df, "stopwords are not counted")
        r = run(["train", "keywords", "--input", "/nonexistent", "--output", out])
        self.assertEqual(r.returncode, 2)

    def test_train_topics_then_eval_reads_labels_the_same_way(self):
        # Two invented taxonomies' words; the lines give labels the ways users
        # write them: several, tab-separated, CRLF endings, and a bare prefix
        # (text, not a label: that line has none and is skipped).
        sport = "match goal team striker coach league season win".split()
        markets = "shares index bond yield investors trading stocks rate".split()
        lines = []
        for i in range(80):
            words = sport if i % 2 == 0 else markets
            text = " ".join(words[(i * 3 + k) % len(words)] for k in range(10))
            label = "sport" if i % 2 == 0 else "markets"
            sep = "\t" if i % 5 == 0 else " "
            end = "\r\n" if i % 7 == 0 else "\n"
            lines.append("__label__%s%s%s%s" % (label, sep, text, end))
        lines.append("__label__ goal team striker\n")
        with tempfile.TemporaryDirectory() as d:
            data = os.path.join(d, "train.txt")
            with open(data, "w", newline="") as f:
                f.writelines(lines)
            model = os.path.join(d, "topics.bin")
            r = run(["train", "topics", "--input", data, "--output", model, "--epoch", "20",
                     "--pretrain-epoch", "0", "--threads", "1", "--seed", "1"])
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("80 of 81 lines used, 2 labels", r.stdout + r.stderr)
            r = run(["eval", "topics", "--model", model, "--input", data])
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("documents 80", r.stdout)
        micro_f1 = float(r.stdout.split("micro P")[1].split("F1")[1].split()[0])
        self.assertGreater(micro_f1, 0.95, r.stdout)
        self.assertIn("over 2 labels", r.stdout, "no label read from CR or the bare prefix")

    def test_eval_places_stops_on_an_unreadable_collection(self):
        # A directory where a reut2-*.sgm file should be: named, exit 2,
        # instead of scoring nothing as if it were empty.
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "reut2-000.sgm"))
            r = run(["eval", "places", d])
        self.assertEqual(r.returncode, 2, r.stdout + r.stderr)
        self.assertIn("cannot read", r.stderr)
        self.assertIn("reut2-000.sgm", r.stderr)

    def test_evaluation_commands_skip_without_their_data(self):
        for args in (["eval", "places", "/nonexistent/reuters"],
                     ["eval", "html", "/nonexistent/pages"]):
            r = run(args)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("skipped", r.stdout + r.stderr)


if __name__ == "__main__":
    unittest.main()
