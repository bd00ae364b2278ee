"""The development gold, one test item per fact (SPEC section 4 matching, no threshold).

For every gold set of ``../shared/gold`` that tests may read (seeds and Wikinews dev) and every
fact type, scored exactly as :mod:`kfacts.evaluation` scores:

* one item per gold key of a document: the key is found, and each secondary field the gold
  carries agrees with the predicted fact of that key that agrees best;
* one item per document and type: every predicted key is in the gold, every span exact.

Today's known misses are data, in ``gold_gaps.toml`` beside this file: each becomes its own strict
xfail item (a missed key, an extra key, a wrong field), so a fix shows up as XPASS and its entry
must go. pages_dev needs a local cache and is scored from a script (../shared/gold/README.md).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kfacts.evaluation import KEYS, norm, read_gold, score_document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GOLD_SETS = ("seeds.jsonl", "wikinews_dev.jsonl")
GAPS = tomllib.loads((Path(__file__).parent / "gold_gaps.toml").read_text(encoding="utf-8"))
ABSENT = f"../shared not found at {SHARED}: the gold files live there"


def _records() -> dict[str, dict]:
    if not SHARED.is_dir():
        return {}
    return {str(rec["id"]): rec for name in GOLD_SETS for rec in read_gold(SHARED / "gold" / name, SHARED)}


RECORDS = _records()


def _gaps(kind: str) -> dict[tuple, str]:
    """(doc, type, key[, field]) -> reason, for one kind of gap."""
    out = {}
    for g in GAPS.get(kind, []):
        where = (g["doc"], g["type"], str(g["key"])) + ((g["field"],) if kind == "field" else ())
        assert where not in out, f"gold_gaps.toml lists {where} twice"
        out[where] = g["reason"]
    return out


MISSED, EXTRA, FIELD = _gaps("missed"), _gaps("extra"), _gaps("field")


def _gold_keys() -> list[tuple[str, str, str]]:
    """(doc, type, key) for every key of every gold document, in file order."""
    out = []
    for doc_id, rec in RECORDS.items():
        for f in rec["facts"]:
            key = norm(f.get(KEYS[f["type"]][0]))
            if key is not None and (doc_id, f["type"], str(key)) not in out:
                out.append((doc_id, f["type"], str(key)))
    return out


GOLD_KEYS = _gold_keys()


def _params(items: list[tuple], gaps: dict[tuple, str], name) -> list:
    if not SHARED.is_dir():
        return [pytest.param(None, marks=pytest.mark.skip(reason=ABSENT), id="absent")]
    return [pytest.param(item, id=name(item), marks=[pytest.mark.xfail(strict=True, reason=gaps[item])]
                         if item in gaps else []) for item in items]


@pytest.fixture(scope="module")
def predicted(extractor):
    """doc id -> the extractor's Document, each gold document extracted once."""
    done: dict[str, object] = {}

    def get(doc_id: str):
        if doc_id not in done:
            rec = RECORDS[doc_id]
            done[doc_id] = extractor(rec["text"], published=rec.get("published"))
        return done[doc_id]

    return get


def _score(predicted, doc_id: str, fact_type: str, key: str | None = None):
    """The SPEC scoring of one document and type, over all its gold facts or the facts of one key."""
    rec = RECORDS[doc_id]
    gold = [f for f in rec["facts"] if f["type"] == fact_type
            and (key is None or str(norm(f.get(KEYS[fact_type][0]))) == key)]
    return score_document(gold, predicted(doc_id).facts, rec["text"], doc_id, {}, {}, [fact_type])


def _wrong_fields(res) -> list[tuple[str, str]]:
    return [(e["field"], f"gold {e['gold']!r}, got {e['predicted']!r}") for e in res.field_errors]


@pytest.mark.parametrize("where", _params(GOLD_KEYS, MISSED, " ".join))
def test_gold_key_is_found_with_its_fields(predicted, where):
    doc_id, fact_type, key = where
    res = _score(predicted, doc_id, fact_type, key)
    assert not res.false_negatives, f"{doc_id}: the {fact_type} {key!r} is not found"
    known = {w[3] for w in FIELD if w[:3] == where}  # each known wrong field is its own xfail item below
    assert [e for e in _wrong_fields(res) if e[0] not in known] == []


@pytest.mark.parametrize("where", _params(list(FIELD), FIELD, " ".join))
def test_known_wrong_field(predicted, where):
    doc_id, fact_type, key, field = where
    assert [e for e in _wrong_fields(_score(predicted, doc_id, fact_type, key)) if e[0] == field] == []


_DOC_TYPES = [(doc_id, t) for doc_id in RECORDS for t in KEYS]


@pytest.mark.parametrize("where", _params(_DOC_TYPES, {}, lambda w: f"{w[0]} {w[1]}"))
def test_every_predicted_key_is_in_the_gold(predicted, where):
    doc_id, fact_type = where
    res = _score(predicted, doc_id, fact_type)
    known = {w[2] for w in EXTRA if w[:2] == where}  # each known extra key is its own xfail item below
    assert [k for k in res.false_positives.get(fact_type, []) if str(k) not in known] == []
    assert [e for e in res.span_errors if e["type"] == fact_type] == []


@pytest.mark.parametrize("where", _params(list(EXTRA), EXTRA, lambda w: f"{w[0]} {w[1]} extra {w[2]}"))
def test_known_extra_key(predicted, where):
    doc_id, fact_type, key = where
    extra = [str(k) for k in _score(predicted, doc_id, fact_type).false_positives.get(fact_type, [])]
    assert key not in extra, f"{doc_id}: the {fact_type} {key!r} is predicted and not in the gold"


@pytest.mark.skipif(not SHARED.is_dir(), reason=ABSENT)
def test_every_gap_names_a_gold_document_and_key():
    """A stale entry of gold_gaps.toml (a key no longer in the gold) would silently test nothing."""
    assert [w for w in (*MISSED, *FIELD) if w[:3] not in GOLD_KEYS] == []
    assert [w for w in EXTRA if w[0] not in RECORDS] == []
    assert {g["type"] for kind in ("missed", "extra", "field") for g in GAPS.get(kind, [])} <= set(KEYS)
