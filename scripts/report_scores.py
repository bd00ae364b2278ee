"""Score the built-in rules on every gold set and write docs/evaluation.md.

    python scripts/report_scores.py            # needs ../shared beside the checkout for the real pages

Gold sets: the project's own authored corpus (corpus/gold.jsonl), and where
../shared is present, the five seed pages, the 20 Korean Wikinews
development articles and the 50 real pages of pages_dev (whose texts live in
a local cache, ../cache/pages_dev, rebuilt as ../shared/gold/README.md says).
Scoring is SPEC section 4 (kfacts.evaluate). Persons on KLUE-NER news
(half A) are scored with ../shared/tools/klue_ps.py, the SPEC way. A set
whose gold or cache is absent is reported as not measured, with the reason.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import kfacts
from kfacts.evaluation import evaluate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CACHE = ROOT.parent / "cache" / "pages_dev"

SETS = [
    ("corpus (authored by the project)", ROOT / "corpus" / "gold.jsonl", ROOT / "corpus",
     "kfacts eval corpus/gold.jsonl --root corpus"),
    ("seeds (5 scraped pages)", SHARED / "gold" / "seeds.jsonl", SHARED,
     "kfacts eval ../shared/gold/seeds.jsonl --root ../shared"),
    ("wikinews_dev (20 articles)", SHARED / "gold" / "wikinews_dev.jsonl", SHARED,
     "kfacts eval ../shared/gold/wikinews_dev.jsonl --root ../shared"),
    ("pages_dev (50 real pages, texts in a local cache)", SHARED / "gold" / "pages_dev.jsonl", CACHE,
     "kfacts eval ../shared/gold/pages_dev.jsonl --root ../cache/pages_dev"),
]
KLUE = SHARED / "data" / "klue" / "ner_news_a.jsonl"
KLUE_TOOL = SHARED / "tools" / "klue_ps.py"


def main() -> None:
    ex = kfacts.Extractor()
    out = ["# Evaluation", "",
           f"Scores of kfacts {kfacts.__version__} measured on {dt.date.today().isoformat()} by "
           "`python scripts/report_scores.py` (SPEC section 4 scoring: set of keys per document and type, "
           "micro-averaged; secondary fields as accuracy over matched keys).", ""]
    for title, gold, root, cmd in SETS:
        if not gold.is_file():
            out += [f"## {title}", "", f"(not measured: {gold} is absent)", ""]
            print(f"{title}: skipped, {gold} is absent")
            continue
        if root == CACHE and not (CACHE / "pages_dev.jsonl").is_file():
            out += [f"## {title}", "", f"(not measured: the text cache {CACHE}/pages_dev.jsonl is absent; "
                    "rebuild it as ../shared/gold/README.md says)", ""]
            print(f"{title}: skipped, no cache at {CACHE}")
            continue
        rep = evaluate(gold, root=root, extractor=ex)
        out += [f"## {title}", "", f"`{cmd}`", "", "```", rep.table(), "```", ""]
        print(title)
        print(rep.table())
    out += klue_section()
    (ROOT / "docs" / "evaluation.md").write_text("\n".join(out), encoding="utf-8")


def klue_section() -> list[str]:
    """Persons on KLUE-NER news half A, scored by the shared tool (SPEC spans)."""
    title = "persons on KLUE-NER news, half A (1,267 sentences, CC BY-SA 4.0)"
    if not (KLUE.is_file() and KLUE_TOOL.is_file()):
        print(f"{title}: skipped, {KLUE} or {KLUE_TOOL} is absent")
        return [f"## {title}", "", "(not measured: ../shared/data/klue or ../shared/tools/klue_ps.py is absent)", ""]
    done = subprocess.run([sys.executable, str(KLUE_TOOL), str(KLUE)], capture_output=True, text=True, check=True)
    print(title)
    print(done.stdout)
    return [f"## {title}", "", "`python ../shared/tools/klue_ps.py ../shared/data/klue/ner_news_a.jsonl`", "",
            "```", done.stdout.strip(), "```", ""]


if __name__ == "__main__":
    main()
