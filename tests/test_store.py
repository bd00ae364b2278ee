"""kfacts.Store (issue 11): one document per text, claims merged across documents with their
sources, idempotent and crash-safe ingest, queries, conflicts, exports and coded errors.

Texts are invented for these tests.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import kfacts
from kfacts.errors import StoreError
from kfacts.store import SCHEMA_VERSION, Store, text_id

A1 = ("서울 성동구는 행정안전부가 주관한 '2023 지방자치단체 혁신평가'에서 최우수상을 받았다고 5일 밝혔다. "
      "성동구는 이번 평가에서 주민참여 분야에서 높은 점수를 얻었다.")
A2 = "성동구가 2023 지방자치단체 혁신평가에서 최우수상을 수상했다. 정원오 성동구청장은 '구민 덕분'이라고 말했다."
A3 = "성동구가 2023 지방자치단체 혁신평가에서 우수상을 수상했다고 구가 밝혔다."
J1 = "서울 성동구는 올해 청년 일자리 350개를 창출했다고 밝혔다."
J2 = "성동구는 청년 일자리 420개를 창출했다."
OLD = "서울 성동구는 '2016 지방자치단체 혁신평가'에서 대상을 받았다."


@pytest.fixture()
def store(extractor):
    s = Store(":memory:", extractor=extractor)
    yield s
    s.close()


def _records():
    return [
        {"text": A1, "url": "https://one.example/a/1", "outlet": "일보", "published": "2023-12-05"},
        {"text": A2, "url": "https://two.example/n/7", "outlet": "신문", "published": "2023-12-06"},
        {"text": J1, "url": "https://one.example/a/2", "outlet": "일보", "published": "2023-03-02"},
        {"text": OLD, "url": "https://one.example/a/0", "outlet": "일보", "published": "2016-11-20"},
    ]


# -- acceptance 2: documents, claims with sources, idempotence ------------------------
def test_every_field_of_a_builtin_type_has_its_column():
    """The store's columns are fixed per schema version; a field a built-in type declares in its
    type.toml without a column would be kept only in fields_json, out of the queries' reach."""
    from kfacts import registry
    from kfacts.store.schema import FIELD_COLUMNS

    builtin = [t.name for t in registry.TYPES.values() if t.builtin]
    fields = {f for n in builtin for f in (*registry.FACT_FIELDS[n], *registry.OPTIONAL_FIELDS.get(n, ()))}
    assert fields and fields <= set(FIELD_COLUMNS), sorted(fields - set(FIELD_COLUMNS))


def test_the_same_text_twice_is_one_document(store):
    store.add(["성동구는 청년 일자리 420개를 창출했다.", "성동구는 청년 일자리 420개를 창출했다."])
    assert store.counts()["documents"] == 1
    [doc_id] = [r[0] for r in store.conn.execute("SELECT id FROM documents")]
    assert doc_id == text_id("성동구는 청년 일자리 420개를 창출했다.")


def test_an_award_in_two_documents_is_one_claim_with_two_sources(store):
    store.add(_records())
    [claim] = store.claims(type="award", since=2023)
    assert (claim.subject, claim.level, claim.event, claim.year) == \
        ("서울특별시 성동구", "최우수", "2023 지방자치단체 혁신평가", 2023)
    assert (claim.n_documents, claim.n_outlets) == (2, 2)
    assert (claim.first_published, claim.last_published) == ("2023-12-05", "2023-12-06")
    sources = store.sources(claim)
    assert sorted((s.outlet, s.url) for s in sources) == [("신문", "https://two.example/n/7"),
                                                         ("일보", "https://one.example/a/1")]
    assert all(s.text == "최우수상" and "최우수상" in s.sentence for s in sources)


def test_adding_everything_again_changes_no_count(store):
    store.add(_records())
    before = store.counts()
    claims_before = [c.to_dict() for c in store.claims()]
    stats = store.add(_records())
    assert stats["documents"] == 0 and stats["skipped"] == 4 and stats["sources"] == 0
    assert store.counts() == before
    assert [c.to_dict() for c in store.claims()] == claims_before


def test_a_known_text_from_another_outlet_is_a_new_source_not_a_new_document(store):
    store.add(_records())
    stats = store.add([{"text": A2, "url": "https://three.example/x", "outlet": "방송"}])
    assert stats == {"documents": 0, "sources": 1, "skipped": 1, "mentions": 0}
    [claim] = store.claims(type="award", since=2023)
    assert (claim.n_documents, claim.n_outlets) == (2, 3)
    assert store.counts()["documents"] == 4


def test_documents_are_stored_as_given_without_extracting_again(store, extractor):
    doc = extractor(J2, published="2024-01-10")
    store.add([doc])
    [claim] = store.claims(type="jobs")
    assert (claim.subject, claim.value, claim.year) == ("서울특별시 성동구", "420", 2024)


def test_persons_merge_by_name_and_organization(store):
    store.add([A2, A2 + " 성동구는 앞으로도 노력하겠다고 밝혔다."])
    rows = store.conn.execute("SELECT name, org, kind FROM entities WHERE type = 'person'").fetchall()
    assert rows == [("정원오", "서울특별시 성동구", "구청장")]
    n = store.conn.execute("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id "
                           "WHERE e.type = 'person'").fetchone()[0]
    assert n == 2  # the evidence: one mention per document


def test_refresh_reextracts_documents_of_another_version(store):
    store.add(_records())
    before = store.counts()
    store.conn.execute("UPDATE documents SET kfacts_version = '0.0.1'")
    assert store.refresh() == {"refreshed": 4, "no_text": 0}
    assert store.counts() == before
    assert store.refresh() == {"refreshed": 0, "no_text": 0}


# -- acceptance 5: queries ---------------------------------------------------------
def test_queries_by_short_name_year_range_and_type(store):
    store.add(_records())
    assert store.resolve("성동구") == ["서울특별시 성동구"]
    every = store.claims(entity="성동구")
    assert {c.type for c in every} == {"award", "jobs"}
    assert [c.year for c in store.claims(type="award", entity="성동구", since=2015, until=2020)] == [2016]
    assert [c.year for c in store.claims(type="award", entity="성동구", since="2017")] == [2023]
    assert [(c.type, c.value) for c in store.claims(type="jobs", entity="서울특별시 성동구")] == [("jobs", "350")]
    assert store.claims(entity="광진구") == []
    assert [r["year"] for r in store.timeline("성동구")] == [2016, 2023, 2023]
    frame = store.claims(type="award", as_frame=True)
    assert list(frame["year"]) == [2016, 2023]


def test_bad_query_arguments_are_coded_errors(store):
    with pytest.raises(StoreError, match="KF404"):
        store.claims(type="prize")
    with pytest.raises(StoreError, match="KF404"):
        store.claims(since="last year")


def test_full_text_search(store):
    store.add(_records())
    hits = store.search("혁신평가에서")
    assert {h["url"] for h in hits} == {"https://two.example/n/7"}


def test_conflicts_two_outlets_disagree_on_a_level(store):
    store.add(_records())
    assert store.conflicts() == []
    store.add([{"text": A3, "url": "https://four.example/3", "outlet": "통신", "published": "2023-12-07"},
               {"text": J2, "url": "https://four.example/4", "outlet": "통신", "published": "2023-05-01"}])
    kinds = {k.kind: k for k in store.conflicts()}
    award = kinds["award_level"]
    assert (award.subject, award.year, award.event) == ("서울특별시 성동구", 2023, "2023 지방자치단체 혁신평가")
    assert sorted(c.level for c in award.claims) == ["우수", "최우수"]
    jobs = kinds["jobs_count"]
    assert (jobs.subject, jobs.year, jobs.qualifier) == ("서울특별시 성동구", 2023, "청년")
    assert sorted(c.value for c in jobs.claims) == ["350", "420"]


def test_one_document_reporting_two_counts_is_no_conflict(store):
    store.add(["성동구는 청년 일자리 100개를 만들었다. 성동구는 청년 일자리 300개를 창출할 계획이다."])
    assert len(store.claims(type="jobs")) == 2
    assert store.conflicts() == []


# -- exports and import --------------------------------------------------------------
def test_csv_export(store, tmp_path):
    store.add(_records())
    files = store.export(tmp_path / "out", format="csv")
    assert sorted(f.name for f in files) == sorted(f"{t}.csv" for t in store.tables())
    with open(tmp_path / "out" / "claims.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == store.counts()["claims"]
    assert {r["subject"] for r in rows} == {"서울특별시 성동구"}


def test_parquet_export_and_import_rebuild_the_same_store(store, tmp_path, extractor):
    pq = pytest.importorskip("pyarrow.parquet")
    store.add(_records())
    store.export(tmp_path / "out")
    t = pq.read_table(tmp_path / "out" / "mentions.parquet")
    assert t.num_rows == store.counts()["mentions"]
    assert t.schema.field("span_start").type == "int64"
    other = Store(tmp_path / "b.db", extractor=extractor)
    stats = other.import_parquet(tmp_path / "out")
    assert stats["documents"] == 4
    assert other.counts() == store.counts()
    assert [c.to_dict() for c in other.claims()] == [c.to_dict() for c in store.claims()]
    assert other.import_parquet(tmp_path / "out")["documents"] == 0
    assert other.counts() == store.counts()
    other.close()


def test_import_of_a_folder_without_mentions_is_a_coded_error(store, tmp_path):
    pytest.importorskip("pyarrow")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StoreError, match="KF405"):
        store.import_parquet(tmp_path / "empty")
    assert store.counts()["documents"] == 0


# -- bad files: coded errors, nothing changed -----------------------------------------
def _digest(path: Path) -> bytes:
    return path.read_bytes()


def test_a_file_that_is_not_a_store(tmp_path):
    p = tmp_path / "notes.txt"
    p.write_text("not a database at all\n" * 20, encoding="utf-8")
    before = _digest(p)
    with pytest.raises(StoreError, match="KF401") as e:
        Store(p)
    assert e.value.code == "KF401" and isinstance(e.value, ValueError)
    assert _digest(p) == before
    other = tmp_path / "other.db"
    _sql(other, "CREATE TABLE t (x)")
    before = _digest(other)
    with pytest.raises(StoreError, match="KF401"):
        Store(other)
    assert _digest(other) == before
    with pytest.raises(StoreError, match="KF401"):
        Store(tmp_path / "missing.db", create=False)
    assert not (tmp_path / "missing.db").exists()


def _sql(path, statement, args=()):
    """Run one statement on the SQLite file at ``path`` behind the store's back."""
    con = sqlite3.connect(path)
    con.execute(statement, args)
    con.commit()
    con.close()


def test_a_store_of_a_newer_schema_version(tmp_path, extractor):
    p = tmp_path / "new.db"
    s = Store(p, extractor=extractor)
    s.close()
    _sql(p, "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    before = _digest(p)
    with pytest.raises(StoreError, match="KF402"):
        Store(p)
    assert _digest(p) == before


def test_a_locked_store(tmp_path, extractor):
    p = tmp_path / "locked.db"
    s = Store(p, extractor=extractor)
    s.add([J1])
    before = s.counts()
    s.close()
    holder = sqlite3.connect(p, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process's write transaction
    try:
        s = Store(p, extractor=extractor, timeout=0.2)
        with pytest.raises(StoreError, match="KF403"):
            s.add([J2])
        s.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    s = Store(p, extractor=extractor)
    assert s.counts() == before
    s.close()


def test_store_error_codes_are_documented():
    from kfacts.errors import EXPLANATIONS, MESSAGES

    for code in ("KF401", "KF402", "KF403", "KF404", "KF405", "KF406", "KF407"):
        assert code in MESSAGES and code in EXPLANATIONS


# -- acceptance 3: a SIGKILL mid-ingest leaves whole documents -------------------------
def _corpus(path: Path, n: int) -> None:
    places = ["성동구", "광진구", "마포구", "은평구", "강서구", "노원구"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            p = places[i % len(places)]
            text = (f"서울 {p}는 올해 청년 일자리 {100 + i}개를 창출했다고 밝혔다. {p}는 국비 {10 + i}억 원을 확보했다. "
                    f"{p}는 '202{i % 5} 지방자치단체 혁신평가'에서 우수상을 받았다. 문서 번호 {i}.")
            fh.write(json.dumps({"text": text, "url": f"https://k{i % 3}.example/{i}",
                                 "published": f"202{i % 5}-0{1 + i % 9}-1{i % 10}"}, ensure_ascii=False) + "\n")


def _run_add(db: Path, corpus: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(kfacts.__file__).resolve().parents[1]))
    return subprocess.Popen([sys.executable, "-m", "kfacts.cli", "store", "add", str(db), str(corpus),
                             "--batch-size", "4", "--no-progress"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


def _per_document(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    out = dict(con.execute("SELECT d.id, (SELECT count(*) FROM mentions m WHERE m.document_id = d.id) "
                           "FROM documents d").fetchall())
    con.close()
    return out


def test_sigkill_mid_ingest_leaves_only_whole_documents(tmp_path, extractor):
    corpus = tmp_path / "in.jsonl"
    _corpus(corpus, 240)
    ref = Store(tmp_path / "ref.db", extractor=extractor)
    ref.add([json.loads(line) for line in corpus.open(encoding="utf-8")], batch_size=4)
    ref_counts = ref.counts()
    ref.close()
    whole = _per_document(tmp_path / "ref.db")
    db = tmp_path / "killed.db"
    proc = _run_add(db, corpus)
    deadline = time.time() + 120
    n = 0
    while time.time() < deadline and proc.poll() is None:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            con.close()
        except sqlite3.Error:
            n = 0
        if n >= 12:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest ended before it could be killed: make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    partial = _per_document(db)
    assert 12 <= len(partial) < 240
    assert all(partial[d] == whole[d] for d in partial)  # every stored document has all its mentions
    s = Store(db, extractor=extractor)
    s_counts = s.counts()
    assert s_counts["claim_mentions"] == sum(1 for _ in s.conn.execute(
        "SELECT 1 FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id"))
    s.close()
    proc = _run_add(db, corpus)
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    s = Store(db, extractor=extractor)
    assert s.counts() == ref_counts
    s.close()


def test_a_text_with_a_lone_surrogate_is_stored_with_its_spans(store):
    text = "성동구는 청년 일자리 420개를 창출했다. \ud800 끝"
    store.add([text])
    [(stored,)] = store.conn.execute("SELECT text FROM documents").fetchall()
    assert len(stored) == len(text) and stored.endswith("\ufffd 끝")
    [(start, end, surface)] = store.conn.execute(
        "SELECT span_start, span_end, text FROM mentions WHERE type = 'jobs'").fetchall()
    assert stored[start:end] == surface == "420개"
    assert store.counts()["documents"] == 1 and [r[0] for r in store.conn.execute("SELECT id FROM documents")] == \
        [text_id(text)]


def test_the_store_command_line(tmp_path, capsys):
    from kfacts.cli import main

    corpus = tmp_path / "in.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for r in _records() + [{"text": A3, "url": "https://four.example/3", "outlet": "통신",
                                "published": "2023-12-07"}]:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    db = str(tmp_path / "cli.db")
    assert main(["store", "add", db, str(corpus), "--no-progress"]) == 0
    assert "added 5 documents" in capsys.readouterr().err
    assert main(["store", "query", db, "--type", "award", "--entity", "성동구", "--from", "2015", "--to", "2020",
                 "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["subject"], r["level"], r["year"]) for r in rows] == [("서울특별시 성동구", "대상", 2016)]
    assert main(["store", "query", db, "--type", "jobs", "--format", "csv"]) == 0
    out = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["subject"], r["value"]) for r in out] == [("서울특별시 성동구", "350")]
    assert main(["store", "conflicts", db]) == 0
    text = capsys.readouterr().out
    assert "award_level: 서울특별시 성동구 2023 2023 지방자치단체 혁신평가" in text and "통신" in text
    assert main(["store", "export", db, str(tmp_path / "csv"), "--format", "csv"]) == 0
    assert (tmp_path / "csv" / "claims.csv").is_file()
    capsys.readouterr()
    assert main(["store", "query", str(corpus)]) == 2
    assert "KF401" in capsys.readouterr().err
    assert main(["store", "query", str(tmp_path / "nothing.db")]) == 2
    assert not (tmp_path / "nothing.db").exists()
