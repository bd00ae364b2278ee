"""Score the built-in rules on every gold set and write docs/evaluation.md.

    python scripts/report_scores.py            # needs ../shared beside the checkout for the real pages

Gold sets: the project's own authored corpus (corpus/gold.jsonl), and where
../shared is present, the five seed pages and the 20 Korean Wikinews
development articles. Scoring is SPEC section 4 (kfacts.evaluate).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import kfacts
from kfacts.evaluation import evaluate

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

SETS = [
    ("corpus (authored by the project)", ROOT / "corpus" / "gold.jsonl", ROOT / "corpus",
     "kfacts eval corpus/gold.jsonl --root corpus"),
    ("seeds (5 scraped pages)", SHARED / "gold" / "seeds.jsonl", SHARED,
     "kfacts eval ../shared/gold/seeds.jsonl --root ../shared"),
    ("wikinews_dev (20 articles)", SHARED / "gold" / "wikinews_dev.jsonl", SHARED,
     "kfacts eval ../shared/gold/wikinews_dev.jsonl --root ../shared"),
]


def main() -> None:
    ex = kfacts.Extractor()
    out = ["# Evaluation", "",
           f"Scores of kfacts {kfacts.__version__} measured on {dt.date.today().isoformat()} by "
           "`python scripts/report_scores.py` (SPEC section 4 scoring: set of keys per document and type, "
           "micro-averaged; secondary fields as accuracy over matched keys).", ""]
    for title, gold, root, cmd in SETS:
        if not gold.is_file():
            out += [f"## {title}", "", f"(not measured: {gold} is absent)", ""]
            continue
        rep = evaluate(gold, root=root, extractor=ex)
        out += [f"## {title}", "", f"`{cmd}`", "", "```", rep.table(), "```", ""]
        print(title)
        print(rep.table())
    (ROOT / "docs" / "evaluation.md").write_text("\n".join(out), encoding="utf-8")


if __name__ == "__main__":
    main()
