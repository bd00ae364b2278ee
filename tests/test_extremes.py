"""Extreme values (issue 13, point 3): bounds a news text can mean, every output path carrying any
value, and a written year outside the calendar range not replaced by the publication year."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest

import kfacts
from kfacts.bounds import JOBS_LIMIT, MONEY_LIMIT
from kfacts.cli import main
from kfacts.frames import TableWriter, facts_rows, to_arrow, to_dataframe
from kfacts.extract_command import format_table

PUB = "2024-05-01"


def _values(text, fact_type):
    return [f.fields["value"] for f in kfacts.extract(text, published=PUB).facts if f.type == fact_type]


# -- bounds ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("한빛시는 9999999999999999999원을 투자했다.", [10**19 - 1]),     # above int64, below the bound
    ("한빛시는 99999999999999999999원을 투자했다.", [10**20 - 1]),    # the largest value kept
    ("한빛시는 100000000000000000000원을 투자했다.", []),              # 10^20: no amount a text can mean
    ("한빛시는 1해 원을 투자했다.", []),
    ("한빛시는 9999경 원을 투자했다.", [9999 * 10**16]),
    ("한빛시는 2경 4천조원 규모의 국부를 추산했다.", [24 * 10**15]),
])
def test_money_bound(text, expected):
    got = _values(text, "money")
    assert got == [v for v in expected if v < MONEY_LIMIT]


@pytest.mark.parametrize("text, expected", [
    ("일자리 9999999999개를 만든다.", [9_999_999_999]),
    ("일자리 10000000000개를 만든다.", []),
    ("일자리 99999999999999999999999개를 만든다.", []),
    ("전 세계 일자리 10억 개가 바뀐다.", [10**9]),
])
def test_jobs_bound(text, expected):
    assert _values(text, "jobs") == [v for v in expected if v < JOBS_LIMIT]


def test_the_money_bound_is_not_below_int64():
    assert MONEY_LIMIT > 2**63 and JOBS_LIMIT < 2**63


# -- years outside the range -------------------------------------------------------------------
@pytest.mark.parametrize("text", ["행사는 9999년 12월 31일 열린다.", "행사는 9999년도 12월에 열린다.",
                                  "행사는 2300년 12월 31일 열린다.", "행사는 99999999999999년 5일 열린다.",
                                  "행사는 0999년 상반기에 열린다."])
def test_a_year_outside_the_range_is_not_the_publication_year(text):
    dates = [f for f in kfacts.extract(text, published=PUB).facts if f.type == "date"]
    assert dates == [], [(f.text, f.fields["value"]) for f in dates]


@pytest.mark.parametrize("text, value", [("행사는 2199년 12월 31일 열린다.", "2199-12-31"),
                                         ("행사는 1000년 12월 31일 열렸다.", "1000-12-31"),
                                         ("행사는 12월 31일 열린다.", "2024-12-31"),
                                         ("2013년 12일 열렸다.", "2013")])
def test_years_in_the_range_still_resolve(text, value):
    dates = [f.fields["value"] for f in kfacts.extract(text, published=PUB).facts if f.type == "date"]
    assert dates[0] == value


# -- every output path carries any value ------------------------------------------------------------
HUGE = [10**19 - 1, 10**38, 10**39, -(10**30), 10**200, 1e300, 0.1, float("inf"), float("nan")]


def _records():
    facts = []
    for i, v in enumerate(HUGE):
        facts.append({"type": "money", "text": "x", "span": [i, i + 1], "rule": "pack.huge", "value": v,
                      "currency": "KRW", "approx": False})
        facts.append({"type": "jobs", "text": "x", "span": [i, i + 1], "rule": "pack.huge", "value": v,
                      "approx": False, "qualifier": None})
    return [{"id": "huge", "published": PUB, "facts": facts}]


def _expected_decimal(v):
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return str(v) if isinstance(v, int) else {1e300: "1" + "0" * 300, 0.1: "0.1"}[v]


def test_dataframe_and_arrow_carry_any_value():
    df = to_dataframe(_records())
    assert [None if x is None or x is getattr(df, "NA", None) or str(x) == "<NA>" else x
            for x in df["value_decimal"].tolist()] == [_expected_decimal(v) for v in HUGE for _ in (0, 1)]
    assert df["value_int"].tolist()[:2] == [None, None] or str(df["value_int"].tolist()[0]) == "<NA>"
    table = to_arrow(_records())
    assert table.column("value_decimal").to_pylist() == [_expected_decimal(v) for v in HUGE for _ in (0, 1)]
    assert table.column("value_int").to_pylist() == [None] * (2 * len(HUGE) - 4) + [None] * 4


def test_csv_parquet_and_table_carry_any_value(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    rows = facts_rows("huge", _records()[0]["facts"], 0, PUB)
    buf = io.StringIO(newline="")
    w = TableWriter(buf, "csv")
    w.write(rows)
    w.close()
    got = [r["value_decimal"] for r in csv.DictReader(io.StringIO(buf.getvalue()))]
    assert got == [_expected_decimal(v) or "" for v in HUGE for _ in (0, 1)]
    with open(tmp_path / "f.parquet", "wb") as fh:
        w = TableWriter(fh, "parquet")
        w.write(rows)
        w.close()
    assert pq.read_table(tmp_path / "f.parquet").column("value_decimal").to_pylist() == \
        [_expected_decimal(v) for v in HUGE for _ in (0, 1)]
    table = format_table(_records()[0])
    assert str(10**200) in table


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table", "parquet"])
def test_cli_writes_a_value_beyond_int64_in_every_format(tmp_path, capsys, fmt):
    src = tmp_path / "a.txt"
    src.write_text("한빛시는 9999999999999999999원을 투자했다.", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    code = main(["extract", str(src), "--published", PUB, "--format", fmt, "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).column("value_decimal").to_pylist() == ["9999999999999999999"]
    elif fmt == "jsonl":
        assert json.loads(out.read_text("utf-8"))["facts"][0]["value"] == 10**19 - 1
    else:
        assert "9999999999999999999" in out.read_text("utf-8-sig")


def test_spark_executor_function_carries_a_value_beyond_int64():
    """The function Spark runs on executors (mapInArrow): Arrow batches in, Arrow batches out."""
    pa = pytest.importorskip("pyarrow")
    from kfacts import spark

    batch = pa.record_batch({spark._TEXT: ["한빛시는 9999999999999999999원을 투자했다."], spark._IDX: [0]})
    out = list(spark._map_batches(iter([batch]), (), (), True, None))
    rows = pa.Table.from_batches(out).to_pylist()
    money = [r for r in rows if r["type"] == "money"]
    assert [(r["value_decimal"], r["value_int"]) for r in money] == [("9999999999999999999", None)]
