"""No amount vanishes: fractional and huge money values survive every output path exactly.

``value`` is an int for a whole amount and a float for a fractional one
(``10.5달러``); every table output has ``value_decimal``, the exact decimal
text of every money/jobs value, and ``value_int`` where the value is whole
and fits int64.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

import kfacts
from kfacts.fact import Document, Fact, MoneyFact
from kfacts.frames import COLUMN_NAMES, TableWriter, iter_rows

#: invented sentences, one fractional foreign amount each: (text, amount text, exact value, currency)
CASES = [
    ("그 회사는 주당 10.5달러를 배당했다.", "10.5달러", "10.5", "USD"),
    ("입장권은 3.25유로를 받았다.", "3.25유로", "3.25", "EUR"),
    ("연구소는 장비에 1,234.56달러를 썼다.", "1,234.56달러", "1234.56", "USD"),
]


@pytest.fixture(scope="module")
def docs(extractor):
    out = []
    for i, (text, *_rest) in enumerate(CASES):
        doc = extractor(text, published="2024-08-13")
        doc.meta["id"] = f"case-{i}"
        out.append(doc)
    return out


def _money(doc):
    return [f for f in doc.of_type("money")]


@pytest.mark.parametrize("i", range(len(CASES)))
def test_extracted_value_exact(docs, i):
    _, surface, exact, cur = CASES[i]
    [f] = _money(docs[i])
    assert isinstance(f, MoneyFact)
    assert (f.text, f.currency) == (surface, cur)
    assert f.amount == Decimal(exact)
    assert f.value == float(exact) and not isinstance(f.value, int)


@pytest.mark.parametrize("i", range(len(CASES)))
def test_json_paths(docs, i):
    exact = CASES[i][2]
    [f] = _money(docs[i])
    for s in (f.to_json(), json.dumps(f, default=kfacts.json_default), json.dumps(f.to_dict()),
              json.dumps(docs[i].to_dict()), docs[i].to_json()):
        # the JSON number is written with exactly the decimals of the text
        assert f'"value": {exact}' in s, s
    back = json.loads(f.to_json(), parse_float=Decimal)
    assert back["value"] == Decimal(exact)
    assert Fact.from_dict(json.loads(f.to_json())) == f


def _expected_rows():
    return {f"case-{i}": exact for i, (_, _, exact, _) in enumerate(CASES)}


def test_rows_carry_exact_decimal(docs):
    rows = [r for r in iter_rows(docs) if r["type"] == "money"]
    assert {r["doc_id"]: r["value_decimal"] for r in rows} == _expected_rows()
    assert all(r["value_int"] is None for r in rows)  # not whole: never truncated into value_int


def test_dataframe(docs):
    pytest.importorskip("pandas")
    df = kfacts.to_dataframe(docs)
    money = df[df["type"] == "money"]
    assert dict(zip(money["doc_id"], money["value_decimal"])) == _expected_rows()
    assert str(df["value_decimal"].dtype) == "string"


def test_arrow_and_parquet(docs, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    t = kfacts.to_arrow(docs)
    assert t.schema.field("value_decimal").type == pa.string()
    got = {d: v for d, ty, v in zip(t.column("doc_id").to_pylist(), t.column("type").to_pylist(),
                                     t.column("value_decimal").to_pylist()) if ty == "money"}
    assert got == _expected_rows()
    path = tmp_path / "facts.parquet"
    with open(path, "wb") as fh:
        w = TableWriter(fh, "parquet")
        w.write(iter_rows(docs))
        w.close()
    back = pq.read_table(path)
    assert back.schema.equals(t.schema, check_metadata=False)
    got = {d: v for d, ty, v in zip(back.column("doc_id").to_pylist(), back.column("type").to_pylist(),
                                     back.column("value_decimal").to_pylist()) if ty == "money"}
    assert got == _expected_rows()


def test_csv(docs):
    buf = io.StringIO(newline="")
    w = TableWriter(buf, "csv")
    w.write(iter_rows(docs))
    w.close()
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == COLUMN_NAMES
    assert {r["doc_id"]: r["value_decimal"] for r in rows if r["type"] == "money"} == _expected_rows()
    assert {r["doc_id"]: json.loads(r["fields_json"], parse_float=Decimal)["value"]
            for r in rows if r["type"] == "money"} == {k: Decimal(v) for k, v in _expected_rows().items()}


def test_spark_schema_and_executor_batches(docs):
    """The Spark path: its DDL has the column, and the executor function (which Spark runs on
    Arrow record batches) carries the exact value; no JVM needed for this part."""
    pa = pytest.importorskip("pyarrow")
    from kfacts.spark import _ID, _IDX, _PUB, _TEXT, _map_batches, spark_schema

    assert "`value_decimal` string" in spark_schema()
    batch = pa.RecordBatch.from_pydict({
        _TEXT: [c[0] for c in CASES], _PUB: ["2024-08-13"] * len(CASES),
        _ID: [f"case-{i}" for i in range(len(CASES))], _IDX: list(range(len(CASES))),
    })
    out = pa.Table.from_batches(list(_map_batches(iter([batch]), (), (), True, None)))
    got = {d: v for d, ty, v in zip(out.column("doc_id").to_pylist(), out.column("type").to_pylist(),
                                     out.column("value_decimal").to_pylist()) if ty == "money"}
    assert got == _expected_rows()


def test_whole_amounts_keep_value_int():
    f = Fact("money", "100억원", (0, 5), {"value": 10_000_000_000, "currency": "KRW", "approx": False})
    [r] = iter_rows(Document("100억원", None, [f], []))
    assert (r["value_int"], r["value_decimal"]) == (10_000_000_000, "10000000000")
    assert isinstance(f, MoneyFact) and f.amount == 10_000_000_000


HUGE = 10**20  # beyond int64


def _huge_doc():
    facts = [Fact("money", "1해원", (0, 3), {"value": HUGE, "currency": "KRW", "approx": False}, "x"),
             Fact("jobs", "3명", (4, 6), {"value": 3, "approx": False, "qualifier": None}, "x"),
             Fact("award", "상", (7, 8), {"award": "대상", "year": HUGE}, "x")]
    return Document("1해원 3명 상", None, facts, [], {"id": "big"})


def test_huge_values_do_not_crash_tables(tmp_path):
    doc = _huge_doc()
    rows = list(iter_rows(doc))
    assert (rows[0]["value_int"], rows[0]["value_decimal"]) == (None, str(HUGE))
    assert rows[2]["year"] is None  # out of int64: null, the value stays in fields_json
    assert json.loads(rows[2]["fields_json"])["year"] == HUGE
    buf = io.StringIO(newline="")
    TableWriter(buf, "csv").write(rows)
    assert str(HUGE) in buf.getvalue()
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    t = kfacts.to_arrow(doc)
    assert t.column("value_decimal").to_pylist()[0] == str(HUGE)
    with open(tmp_path / "big.parquet", "wb") as fh:
        w = TableWriter(fh, "parquet")
        w.write(rows)
        w.close()
    assert pq.read_table(tmp_path / "big.parquet").column("value_decimal").to_pylist()[0] == str(HUGE)
    pytest.importorskip("pandas")
    df = kfacts.to_dataframe(doc)
    assert df["value_decimal"][0] == str(HUGE) and df["value_int"].isna()[0]
    assert pa is not None
