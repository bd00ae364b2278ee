"""kfacts.spark.extract_facts in local[2] mode (skipped without Java or pyspark)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

import kfacts

TEXTS = {
    "a": ("광주시는 2024년 8월 13일 100억원을 투자했다.", "2024-08-13"),
    "b": ("서울시는 지난 2일 50억원을 썼다.", "2023-03-05"),
    "c": ("", None),
    "d": (None, None),
}


def _java_ok() -> str | None:
    java = shutil.which("java") or (os.path.join(os.environ["JAVA_HOME"], "bin", "java")
                                    if os.environ.get("JAVA_HOME") else None)
    if not java or not os.path.exists(java):
        return "Java not found (install a JDK 17 and put java on PATH or set JAVA_HOME)"
    try:
        subprocess.run([java, "-version"], capture_output=True, timeout=60, check=True)
    except Exception as e:  # noqa: BLE001
        return f"Java does not run: {e}"
    return None


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark", reason="pyspark not installed (pip install kfacts[spark])")
    pytest.importorskip("pyarrow")
    reason = _java_ok()
    if reason:
        pytest.skip(reason)
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("kfacts-test")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.driver.host", "127.0.0.1")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_extract_facts_matches_local_extraction(spark):
    from kfacts.frames import COLUMN_NAMES
    from kfacts.spark import extract_facts, spark_schema

    rows = [(k, t, p) for k, (t, p) in TEXTS.items()]
    df = spark.createDataFrame(rows, "id string, text string, published string").repartition(2)
    out = extract_facts(df, text_col="text", published_col="published", id_col="id")
    assert out.columns == COLUMN_NAMES
    assert out.schema.simpleString() == spark.createDataFrame([], spark_schema()).schema.simpleString()
    collected = out.collect()  # one Spark job: each of the 2 Python workers loads Kiwi once
    got = sorted((r["doc_id"], r["start"], r["end"], r["type"], r["text"], r["value_int"], r["value_str"],
                  r["published"]) for r in collected)
    want = []
    for key, (text, pub) in TEXTS.items():
        if text is None:
            continue
        doc = kfacts.extract(text, published=pub)
        for f in doc.facts:
            value = f.fields.get("value")
            want.append((key, f.start, f.end, f.type, f.text,
                         value if isinstance(value, int) and not isinstance(value, bool) else None,
                         value if isinstance(value, str) else None,
                         doc.published.isoformat() if doc.published else None))
    assert got == sorted(want)
    assert any(t == "money" for _, _, _, t, *_ in got)
    # one doc_index per input row, the same for all the facts of a row
    per_doc = {}
    for r in collected:
        per_doc.setdefault(r["doc_id"], set()).add(r["doc_index"])
    assert all(len(v) == 1 for v in per_doc.values())
    assert len({next(iter(v)) for v in per_doc.values()}) == len(per_doc)


def test_fractional_amounts_survive_spark(spark):
    """10.5달러, 3.25유로, 1,234.56달러: exact in value_decimal, never truncated into value_int."""
    from kfacts.spark import extract_facts

    texts = {"a": "그 회사는 주당 10.5달러를 배당했다.", "b": "입장권은 3.25유로를 받았다.",
             "c": "연구소는 장비에 1,234.56달러를 썼다."}
    df = spark.createDataFrame(list(texts.items()), "id string, text string")
    out = extract_facts(df, text_col="text", id_col="id", published="2024-08-13").where("type = 'money'")
    got = {r["doc_id"]: (r["value_decimal"], r["value_int"], r["currency"]) for r in out.collect()}
    assert got == {"a": ("10.5", None, "USD"), "b": ("3.25", None, "EUR"), "c": ("1234.56", None, "USD")}
    total = out.selectExpr("sum(cast(value_decimal as decimal(38, 2))) as s").collect()[0]["s"]
    assert str(total) == "1248.31"


def test_default_published_and_date_column(spark):
    import datetime as dt

    from kfacts.spark import extract_facts

    df = spark.createDataFrame([(TEXTS["b"][0], dt.date(2023, 3, 5))], "body string, day date")
    out = extract_facts(df, text_col="body", published_col="day").collect()
    assert {r["published"] for r in out} <= {"2023-03-05"}
    assert all(r["doc_id"] is None for r in out)
    out2 = extract_facts(df.select("body"), text_col="body", published="2023-03-05").collect()
    assert sorted((r["start"], r["value_str"]) for r in out2) == sorted((r["start"], r["value_str"]) for r in out)


USER_SCRIPT = """
import sys
from pyspark.sql import SparkSession
from kfacts.spark import extract_facts

spark = (SparkSession.builder.master("local[1]").appName("kfacts-user")
         .config("spark.ui.enabled", "false")
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.driver.host", "127.0.0.1").getOrCreate())
df = spark.createDataFrame([("광주시는 100억원을 투자했다.",)], "text string")
rows = extract_facts(df).collect()
print(sorted(r["type"] for r in rows))
print("worker", spark.sparkContext.pythonExec == sys.executable)
spark.stop()
"""


def test_user_script_without_activated_venv(tmp_path):
    """A user's script run as `venv/bin/python job.py`: PATH's python3 has no kfacts, and no PYSPARK_PYTHON."""
    pytest.importorskip("pyspark", reason="pyspark not installed (pip install kfacts[spark])")
    reason = _java_ok()
    if reason:
        pytest.skip(reason)
    import sys

    script = tmp_path / "job.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    bindir = os.path.dirname(sys.executable)
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "VIRTUAL_ENV", "PYTHONPATH")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and os.path.abspath(p) != os.path.abspath(bindir))
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "['money', 'organization']" in done.stdout
    assert "worker True" in done.stdout


def test_explicit_worker_python_wins(spark, monkeypatch):
    from kfacts.spark import worker_python

    monkeypatch.setenv("PYSPARK_PYTHON", "/opt/elsewhere/python")
    before = spark.sparkContext.pythonExec
    assert worker_python(spark) == before  # the user's variable is never overridden here
    monkeypatch.delenv("PYSPARK_PYTHON")
    import sys

    assert worker_python(spark) == sys.executable


def test_write_mentions_imports_into_a_store_like_a_local_ingest(spark, tmp_path):
    from kfacts.spark import write_mentions
    from kfacts.store import Store

    texts = [("a", "서울 성동구는 2023 지방자치단체 혁신평가에서 최우수상을 받았다.", "2023-12-05", "https://x.example/1"),
             ("b", "성동구는 청년 일자리 420개를 창출했다.", "2023-05-01", "https://y.example/2"),
             ("c", "성동구는 청년 일자리 420개를 창출했다.", "2023-05-01", "https://z.example/3"),
             ("d", None, None, None)]
    df = spark.createDataFrame(texts, "id string, text string, published string, url string").repartition(2)
    write_mentions(df, str(tmp_path / "out"), published_col="published", url_col="url")
    spark_store = Store(tmp_path / "spark.db")
    stats = spark_store.import_parquet(tmp_path / "out")
    assert stats["documents"] == 2 and stats["sources"] == 1
    local = Store(":memory:")
    local.add([{"text": t, "published": p, "url": u} for _i, t, p, u in sorted(texts) if t])
    assert spark_store.counts() == local.counts()
    assert [c.to_dict() for c in spark_store.claims()] == [c.to_dict() for c in local.claims()]
    cols = "document_id, type, span_start, span_end, text, value, subject, sentence, fields_json"
    q = f"SELECT {cols} FROM mentions ORDER BY document_id, span_start, type"
    assert spark_store.conn.execute(q).fetchall() == local.conn.execute(q).fetchall()
    spark_store.close()
    local.close()
