"""Compare kfacts' dates with dateparser's on the built-in date examples.

    python scripts/compare_dateparser.py [--out docs/dates-vs-dateparser.md] [--details]

For every positive example of ``src/kfacts/extractors/dates/examples*.toml``
that has a publication date, and every expected date fact in it with a value:

* kfacts is right when the example's text yields a date fact with that text
  and value (what the strict example test checks, fact by fact);
* dateparser is right when ``dateparser.parse(expression, languages=["ko"],
  settings={"RELATIVE_BASE": published})`` - the expression being the
  expected fact's own text, so dateparser is spared finding it - gives a
  datetime whose ISO form at the expected granularity equals the value
  (``2024-08-13``, ``2024-08``, ``2024``; dateparser has no quarters or halves);
* ``search`` is dateparser's own finder, ``dateparser.search.search_dates``
  on the whole example text: right when one of the dates it finds has the
  expected value at the expected granularity.

Negative examples count the texts where each tool finds no date at all.
Known gaps (``xfail``) are included. Runs offline; writes a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import warnings
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: kfacts rule -> table category
CATEGORY = {
    "date.numeric": "absolute: numeric (2024.8.13, 2024-Q3)",
    "date.absolute": "absolute: written year (2024년 8월 13일, 2021년 초)",
    "date.short_year": "absolute: ’19, (Source, 2016)",
    "date.citation_year": "absolute: ’19, (Source, 2016)",
    "date.relative_year": "relative year word (올해, 작년 말, 내년 9월)",
    "date.next_year": "relative year word (올해, 작년 말, 내년 9월)",
    "date.period_word": "relative year word (올해, 작년 말, 내년 9월)",
    "date.relative_month": "relative month word (지난달 13일, 이달 말)",
    "date.relative_day": "어제 / 오늘 / 내일",
    "date.directed": "지난/오는 + day or month",
    "date.month_day": "month (and day) without a year",
    "date.day": "bare day (1일, 28일)",
    "date.range_end": "range end (18일부터 20일까지)",
}


def _at(value: dt.datetime | None, granularity: str) -> str | None:
    if value is None:
        return None
    if granularity == "day":
        return value.date().isoformat()
    if granularity == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if granularity == "year":
        return f"{value.year:04d}"
    return None  # quarter / half: dateparser has no such value


def _granularity(value: str) -> str:
    if "Q" in value:
        return "quarter"
    if "H" in value:
        return "half"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(ROOT / "docs" / "dates-vs-dateparser.md"))
    ap.add_argument("--details", action="store_true", help="print every case")
    args = ap.parse_args(argv)

    warnings.filterwarnings("ignore")
    import dateparser
    from dateparser.search import search_dates

    import kfacts
    from kfacts.examples import load_examples

    files = sorted((ROOT / "src" / "kfacts" / "extractors" / "dates").glob("examples*.toml"))
    examples = [e for f in files for e in load_examples(f)]
    extractor = kfacts.Extractor()
    rows: "OrderedDict[str, list[int]]" = OrderedDict((c, [0, 0, 0, 0]) for c in dict.fromkeys(CATEGORY.values()))
    rows["(missed by kfacts)"] = [0, 0, 0, 0]
    neg = [0, 0, 0]
    lines = []
    for ex in examples:
        pub = dt.date.fromisoformat(ex.published) if ex.published else None
        doc = extractor(ex.text, published=ex.published)
        found = doc.of_type("date")
        if not ex.expect:
            neg[0] += 1
            neg[1] += not found
            hits = search_dates(ex.text, languages=["ko"]) or []
            neg[2] += not hits
            continue
        if pub is None:
            continue
        base = dt.datetime(pub.year, pub.month, pub.day)
        settings = {"RELATIVE_BASE": base}
        searched = search_dates(ex.text, languages=["ko"], settings=settings) or []
        for exp in ex.expect:
            value, text = exp.get("value"), exp.get("text")
            if not value or not text:
                continue
            gran = exp.get("granularity") or _granularity(value)
            match = next((f for f in found if f.text == text), None)
            k_ok = match is not None and match.value == value
            category = CATEGORY.get(match.rule, "(missed by kfacts)") if match is not None else "(missed by kfacts)"
            try:
                parsed = dateparser.parse(text, languages=["ko"], settings=settings)
            except Exception:  # dateparser may raise on odd input
                parsed = None
            d_ok = _at(parsed, gran) == value
            s_ok = any(_at(d, gran) == value for _s, d in searched)
            row = rows[category]
            row[0] += 1
            row[1] += k_ok
            row[2] += d_ok
            row[3] += s_ok
            lines.append(f"{'K' if k_ok else '-'}{'D' if d_ok else '-'}{'S' if s_ok else '-'}  {ex.published}  "
                         f"{text!r:24} expected {value:<11} dateparser {_at(parsed, gran)}")
    total = [sum(r[i] for r in rows.values()) for i in range(4)]
    out = [
        "# kfacts dates vs dateparser",
        "",
        "Generated by `python scripts/compare_dateparser.py` (offline) from the date example table",
        "`src/kfacts/extractors/dates/examples.toml`: every expected date value of a positive example with",
        "a publication date. *dateparser* is `dateparser.parse(expression, languages=[\"ko\"],",
        "settings={\"RELATIVE_BASE\": published})` on the expected expression itself; *search* is",
        "`dateparser.search.search_dates` on the whole example text. A value counts at the expected",
        "granularity (dateparser has no quarters or halves).",
        "",
        "| category | cases | kfacts correct | dateparser correct | search correct |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (n, k, d, s) in rows.items():
        if n:
            out.append(f"| {name} | {n} | {k} | {d} | {s} |")
    out.append(f"| **all** | **{total[0]}** | **{total[1]}** | **{total[2]}** | **{total[3]}** |")
    out += [
        "",
        f"Negative examples (no date in the text): {neg[0]}; kfacts finds none in {neg[1]}, "
        f"`search_dates` finds none in {neg[2]}.",
        "",
        "Typical dateparser misreadings (see `--details`): a bare day is read as a number of days ago",
        "(`1일` published 2024-08-01 -> 2024-07-31), a bare year sometimes as years ago (`2020년` -> year 4),",
        "`1월 6일` seen from late December stays in the current year, `지난달 13일` lands on a day two weeks",
        "back, and `작년 말`, `내년 9월`, `지난 20일`, `오는 5일`, quarters and halves give nothing.",
        "This is why the extractor never calls dateparser in its hot path.",
        "",
    ]
    Path(args.out).write_text("\n".join(out), encoding="utf-8")
    print("\n".join(line for line in out[9:] if line.startswith(("|", "Negative"))))
    if args.details:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
