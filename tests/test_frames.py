"""kfacts.to_dataframe / to_arrow / schema: one fixed table schema, one JSON Schema per fact."""

from __future__ import annotations

import datetime as dt
import json

import pytest

import kfacts
from kfacts.fact import FACT_FIELDS, Document, Fact
from kfacts.frames import COLUMN_NAMES, COLUMNS, fact_row, pandas_dtypes

TEXT = "광주시는 2024년 8월 13일 100억원을 투자했다."

#: one hand-made fact per built-in type (independent of the extractors' progress)
SAMPLES = [
    Fact("organization", "광주시", (0, 3), {"name": "광주시", "canonical": "광주광역시", "kind": "local_government"}, "org.x"),
    Fact("person", "임택", (0, 2), {"name": "임택", "title": "구청장", "org": "광주광역시 동구"}, "person.x"),
    Fact("award", "최우수상", (0, 4), {"award": "최우수", "prize": "최우수상", "honor": None, "recipient": "광주광역시 동구",
                                   "event": "경진대회", "organizer": None, "category": None, "year": 2024}, "award.x"),
    Fact("money", "100억원", (18, 23), {"value": 10_000_000_000, "currency": "KRW", "approx": False}, "money.x"),
    Fact("jobs", "1만여개", (0, 5), {"value": 10_000, "approx": True, "qualifier": "직·간접"}, "jobs.x"),
    Fact("date", "2024년 8월 13일", (5, 17), {"value": "2024-08-13", "granularity": "day", "relative": False,
                                          "part": None}, "date.x"),
]


def test_samples_cover_every_type():
    assert {f.type for f in SAMPLES} == set(FACT_FIELDS)


def test_json_schema_accepts_real_and_sample_facts():
    jsonschema = pytest.importorskip("jsonschema")
    schema = kfacts.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    facts = SAMPLES + kfacts.extract(TEXT, published="2024-08-13").facts
    for f in facts:
        jsonschema.validate(f.to_dict(), schema)


@pytest.mark.parametrize("bad", [
    {"type": "money", "text": "x", "span": [0, 1], "rule": None, "value": "100", "currency": "KRW", "approx": False},
    {"type": "money", "text": "x", "span": [0, 1], "rule": None, "currency": "KRW", "approx": False},
    {"type": "date", "text": "x", "span": [0, 1], "rule": None, "value": "13 Aug", "granularity": "day",
     "relative": False, "part": None},
    {"type": "organization", "text": "x", "span": [0], "rule": None, "name": "x", "canonical": None, "kind": None},
    {"type": "organization", "text": "x", "span": [0, 1], "rule": None, "name": "x", "canonical": None, "kind": "club"},
])
def test_json_schema_rejects(bad):
    jsonschema = pytest.importorskip("jsonschema")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, kfacts.schema())


def test_row_typed_columns():
    rows = {f.type: fact_row(f, 3, "d", "2024-08-13") for f in SAMPLES}
    assert rows["money"]["value_int"] == 10_000_000_000 and rows["money"]["value_str"] is None
    assert rows["date"]["value_str"] == "2024-08-13" and rows["date"]["value_int"] is None
    assert rows["jobs"]["value_int"] == 10_000 and rows["jobs"]["approx"] is True
    assert rows["award"]["year"] == 2024 and rows["award"]["recipient"] == "광주광역시 동구"
    for f in SAMPLES:
        r = rows[f.type]
        assert list(r) == COLUMN_NAMES
        assert (r["doc_index"], r["doc_id"], r["published"]) == (3, "d", "2024-08-13")
        assert (r["start"], r["end"], r["text"], r["rule"]) == (f.start, f.end, f.text, f.rule)
        assert json.loads(r["fields_json"]) == dict(f.fields)


def _docs():
    d0 = Document("x" * 30, dt.date(2024, 8, 13), SAMPLES[:3], [], {"id": "doc-a"})
    rec = {"id": "rec-b", "facts": [f.to_dict() for f in SAMPLES[3:]], "published_resolved": None}
    real = kfacts.extract(TEXT, published="2024-08-13")
    return [d0, rec, real]


def test_dataframe_fixed_dtypes():
    pytest.importorskip("pandas")
    df = kfacts.to_dataframe(_docs())
    assert list(df.columns) == COLUMN_NAMES
    assert {c: str(t) for c, t in df.dtypes.items()} == {c: str(__import__("pandas").array([], dtype=t).dtype)
                                                          for c, t in pandas_dtypes().items()}
    real = kfacts.extract(TEXT, published="2024-08-13")
    assert len(df) == len(SAMPLES) + len(real.facts)
    assert list(df["doc_index"]) == [0] * 3 + [1] * 3 + [2] * len(real.facts)
    assert list(df["doc_id"][:6]) == ["doc-a"] * 3 + ["rec-b"] * 3
    money = df[df["type"] == "money"]
    assert 10_000_000_000 in set(money["value_int"])


def test_empty_input_keeps_every_column():
    pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")
    df = kfacts.to_dataframe([])
    assert df.shape == (0, len(COLUMNS)) and list(df.columns) == COLUMN_NAMES
    assert str(df["value_int"].dtype) == "Int64"
    t = kfacts.to_arrow([kfacts.extract("")])
    assert t.num_rows == 0 and t.schema.field("value_int").type == pa.int64()


def test_arrow_matches_dataframe():
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("pandas")
    docs = _docs()
    t = kfacts.to_arrow(docs)
    assert t.schema.names == COLUMN_NAMES
    kinds = {"int64": pa.int64(), "bool": pa.bool_(), "string": pa.string()}
    assert [t.schema.field(c).type for c, _ in COLUMNS] == [kinds[k] for _, k in COLUMNS]
    df = kfacts.to_dataframe(docs)
    assert t.column("text").to_pylist() == list(df["text"])
    assert t.column("value_int").to_pylist() == [None if v is __import__("pandas").NA else v for v in df["value_int"]]


def test_single_document_and_pipe_records(extractor):
    pytest.importorskip("pandas")
    doc = kfacts.extract(TEXT, published="2024-08-13")
    assert len(kfacts.to_dataframe(doc)) == len(doc.facts)
    recs = list(extractor.pipe([{"id": "a", "text": TEXT}, {"id": "b", "text": ""}], published="2024-08-13"))
    df = kfacts.to_dataframe(recs)
    assert len(df) == len(doc.facts)
    assert set(df["doc_id"]) <= {"a"} and set(df["published"]) <= {"2024-08-13"}


def test_bad_documents():
    with pytest.raises(TypeError, match="document #0"):
        kfacts.to_arrow(["just a string"])
    with pytest.raises(ValueError, match="facts"):
        kfacts.to_arrow([{"text": "no facts key"}])


def test_repr_html_highlights_facts():
    doc = kfacts.extract(TEXT + " <b>&", published="2024-08-13")
    html = doc._repr_html_()
    assert html.startswith("<div") and html.endswith("</div>")
    assert "&lt;b&gt;&amp;" in html  # the text is escaped
    assert html.count("<mark") == len({f.span for f in doc.facts}) or html.count("<mark") <= len(doc.facts)
    for f in doc.facts:
        assert f.type in html
    html2 = Document("광주시 100억원", None, [SAMPLES[0], SAMPLES[3].replace(span=(4, 9), text="100억원")], [])._repr_html_()
    assert html2.count("<mark") == 2 and "organization" in html2 and "money" in html2
