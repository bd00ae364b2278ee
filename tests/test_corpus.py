"""The project's own annotated corpus (``corpus/``) follows SPEC sections 2 and 3.

These tests check the gold, not the extractors: every record loads through
the library's own gold reader, every span is exact, every fact carries
exactly the SPEC fields of its type with legal values, and ``gold.jsonl`` is
what ``corpus/tools/build_gold.py`` generates from the annotations (so the
annotations stay the single source). Scores of the extractors against this
corpus are reported by ``kfacts eval corpus/gold.jsonl --root corpus``, not
asserted here.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from kfacts.evaluation import KEYS, read_gold
from kfacts.fact import FACT_FIELDS, ORG_KINDS

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
GOLD = CORPUS / "gold.jsonl"

#: SPEC section 2: the closed list of award levels (and honors used as the award)
AWARD_LEVELS = {"대상", "최우수", "우수", "장려", "특별", "금상", "은상", "동상", "최고등급", "표창",
                "대통령상", "대통령 표창", "국무총리상", "국무총리 표창", "장관상", "장관 표창"}
HONORS = {"대통령상", "대통령 표창", "국무총리상", "국무총리 표창", "장관상", "장관 표창"}
DATE_VALUE = {"year": r"\d{4}", "month": r"\d{4}-(0[1-9]|1[0-2])", "day": r"\d{4}-\d{2}-\d{2}",
              "quarter": r"\d{4}-Q[1-4]", "half": r"\d{4}-H[12]"}
KEY = {t: key for t, (key, _) in KEYS.items()}

RECORDS = read_gold(GOLD, root=CORPUS)
FACTS = [(rec, i, f) for rec in RECORDS for i, f in enumerate(rec["facts"])]


def _fid(item):
    rec, i, f = item
    return f"{rec['id']}-{i}-{f['type']}-{f['text']}"


def _load_tool(name):
    spec = importlib.util.spec_from_file_location(f"corpus_{name}", CORPUS / "tools" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(CORPUS / "tools"))
    try:
        spec.loader.exec_module(mod)
    finally:
        sys.path.remove(str(CORPUS / "tools"))
    return mod


def test_corpus_size_and_ids():
    ids = [r["id"] for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert "kf-000" in ids, "corpus/sample.txt is gold record kf-000"
    assert 13 <= len(RECORDS) <= 16
    sample = next(r for r in RECORDS if r["id"] == "kf-000")
    assert sample["source"] == "sample.txt"


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: r["id"])
def test_record_metadata(rec):
    assert isinstance(rec["text"], str) and rec["text"]
    assert rec["source"].endswith(".txt") and (CORPUS / rec["source"]).is_file()
    if rec["published"] is not None:
        dt.date.fromisoformat(rec["published"])
    assert rec["facts"], "every corpus document has facts"


@pytest.mark.parametrize("rec", RECORDS, ids=lambda r: r["id"])
def test_each_fact_listed_once(rec):
    seen = set()
    for f in rec["facts"]:
        key = (f["type"], f[KEY[f["type"]]]) + ((f["event"],) if f["type"] == "award" else ())
        assert key not in seen, f"{key} listed twice"
        seen.add(key)


@pytest.mark.parametrize("item", FACTS, ids=_fid)
def test_span_is_exact(item):
    rec, _, f = item
    start, end = f["span"]
    assert rec["text"][start:end] == f["text"]


@pytest.mark.parametrize("item", FACTS, ids=_fid)
def test_fact_has_spec_fields(item):
    _, _, f = item
    assert f["type"] in FACT_FIELDS
    assert set(f) == {"type", "text", "span", *FACT_FIELDS[f["type"]]}


@pytest.mark.parametrize("item", [x for x in FACTS if x[2]["type"] == "organization"], ids=_fid)
def test_organization_kind(item):
    f = item[2]
    assert f["kind"] in ORG_KINDS
    assert f["canonical"] and f["name"]


@pytest.mark.parametrize("item", [x for x in FACTS if x[2]["type"] == "award"], ids=_fid)
def test_award_level_in_closed_list(item):
    rec, _, f = item
    assert f["award"] in AWARD_LEVELS
    assert f["honor"] is None or (f["honor"] in HONORS and f["award"] not in HONORS)
    assert f["year"] is None or isinstance(f["year"], int)
    orgs = {g["canonical"] for g in rec["facts"] if g["type"] == "organization"}
    people = {g["name"] for g in rec["facts"] if g["type"] == "person"}
    assert f["recipient"] in orgs | people
    assert f["organizer"] is None or f["organizer"] in orgs


@pytest.mark.parametrize("item", [x for x in FACTS if x[2]["type"] in ("money", "jobs")], ids=_fid)
def test_amounts(item):
    f = item[2]
    assert type(f["value"]) is int and f["value"] > 0
    assert type(f["approx"]) is bool
    if f["type"] == "money":
        assert re.fullmatch(r"[A-Z]{3}", f["currency"])


@pytest.mark.parametrize("item", [x for x in FACTS if x[2]["type"] == "date"], ids=_fid)
def test_date_value(item):
    f = item[2]
    assert f["granularity"] in DATE_VALUE
    assert re.fullmatch(DATE_VALUE[f["granularity"]], f["value"])
    if f["granularity"] == "day":
        dt.date.fromisoformat(f["value"])
    assert type(f["relative"]) is bool
    assert f["part"] in (None, "early", "mid", "late")


def test_check_script_passes():
    check = _load_tool("check_gold")
    errors, counts, n = check.check_file(GOLD)
    assert errors == []
    assert n == len(RECORDS)
    assert all(counts[t] > 0 for t in FACT_FIELDS)


def test_gold_is_generated_from_annotations():
    build = _load_tool("build_gold")
    lines = [line for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == len(build.DOCS)
    for doc, line in zip(build.DOCS, lines):
        page = (CORPUS / doc.source).read_text(encoding="utf-8")
        assert build.record(doc, page) == json.loads(line), f"{doc.id}: run corpus/tools/build_gold.py"
