"""The jobs extractor: rules, fields, and counts in the development articles that are not jobs.

The development gold is scored fact by fact in test_gold.py.
"""

from __future__ import annotations

import re

import pytest

from kfacts.evaluation import read_gold
from kfacts.extractors import jobs
from kfacts.fact import FACT_FIELDS


def test_rules_are_named_records():
    ids = [r.id for r in jobs.RULES]
    assert len(ids) == len(set(ids))
    assert all(r.type == "jobs" and r.id.startswith("jobs.") and r.description for r in jobs.RULES)


def test_facts_carry_exactly_the_spec_fields(extractor):
    doc = extractor("이번 투자로 190명의 신규 일자리가 생기고, 일자리 3,000개가 더 만들어진다.")
    facts = doc.of_type("jobs")
    assert [(f.text, f.value, f.qualifier) for f in facts] == [("190명", 190, "신규"), ("3,000개", 3000, None)]
    for f in facts:
        assert set(f.fields) == set(FACT_FIELDS["jobs"]) | {"subject"}  # subject: SPEC §2, given by a last pass
        assert f.rule in {r.id for r in jobs.RULES}


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
