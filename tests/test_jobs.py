"""The jobs extractor: values and qualifiers, and counts in the development articles that are not jobs.

The development gold is scored fact by fact in test_gold.py.
"""

from __future__ import annotations

import re

from kfacts.evaluation import read_gold


def test_counts_values_and_qualifiers(extractor):
    doc = extractor("이번 투자로 190명의 신규 일자리가 생기고, 일자리 3,000개가 더 만들어진다.")
    assert [(f.text, f.value, f.qualifier) for f in doc.of_type("jobs")] == [("190명", 190, "신규"), ("3,000개", 3000, None)]


_COUNT = re.compile(r"\d[\d,]*\s?(?:만\s?)?(?:\d+\s?)?(?:여\s?)?(?:명|개)")


def test_every_count_in_the_dev_articles_that_is_not_gold_is_rejected(shared_dir, extractor):
    """wikinews_dev holds many counts of people and things (members, casualties, staff, viewers), no jobs."""
    records = read_gold(shared_dir / "gold" / "wikinews_dev.jsonl", shared_dir)
    counts = 0
    for rec in records:
        gold = {f["value"] for f in rec["facts"] if f["type"] == "jobs"}
        counts += len(_COUNT.findall(rec["text"]))
        doc = extractor(rec["text"], published=rec.get("published"))
        extra = [f.text for f in doc.of_type("jobs") if f.value not in gold]
        assert not extra, f"{rec['id']}: {extra}"
    assert counts > 20
