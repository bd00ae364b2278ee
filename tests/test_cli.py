"""The kfacts command: extract (files, folders, JSONL; jsonl/table/csv/parquet), eval, explain."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

import kfacts
from kfacts.cli import main
from kfacts.io import AtomicOutput, InputError, count_inputs, iter_inputs
from kfacts.progress import Progress

TEXT = "광주시는 2024년 8월 13일 100억원을 투자했다."
TEXT2 = "서울시는 2023년 3월 2일 50억원을 썼다."


@pytest.fixture
def inputs(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    sub = tmp_path / "folder"
    sub.mkdir()
    (sub / "b.txt").write_text(TEXT2, encoding="utf-8")
    (sub / "ignored.md").write_text("no", encoding="utf-8")
    recs = [{"id": "r1", "body": TEXT, "date": "2024-08-13", "src": "x"},
            {"id": "r2", "body": TEXT2, "date": None}]
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in recs) + "\n\n",
                                      encoding="utf-8")
    return tmp_path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def expected(text, published=None):
    return [f.to_dict() for f in kfacts.extract(text, published=published).facts]


def test_extract_files_folders_jsonl(inputs, capsys):
    code, out, err = run(capsys, "extract", inputs / "a.txt", inputs / "folder", inputs / "c.jsonl",
                         "--text-field", "body", "--published-field", "date")
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [str(inputs / "a.txt"), str(inputs / "folder" / "b.txt"), "r1", "r2"]
    assert rows[0]["facts"] == expected(TEXT)
    assert rows[1]["facts"] == expected(TEXT2)
    assert rows[2]["facts"] == expected(TEXT, "2024-08-13")
    assert rows[2]["published"] == "2024-08-13" and rows[2]["src"] == "x"
    assert "body" not in rows[2] and "text" not in rows[2]


def test_extract_published_option(inputs, capsys):
    code, out, _ = run(capsys, "extract", inputs / "a.txt", "--published", "2024-08-13")
    assert code == 0
    assert json.loads(out)["published"] == "2024-08-13"


def test_table_format(inputs, capsys):
    code, out, _ = run(capsys, "extract", inputs / "a.txt", "--format", "table")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"# {inputs / 'a.txt'}")
    assert len(lines) == 1 + len(expected(TEXT))
    for f in expected(TEXT):
        assert any(line.startswith(f["type"]) and f["text"] in line for line in lines[1:])


def test_csv_and_parquet(inputs, capsys, tmp_path):
    from kfacts.frames import COLUMN_NAMES

    code, out, _ = run(capsys, "extract", inputs / "a.txt", inputs / "folder", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == COLUMN_NAMES
    assert len(rows) == len(expected(TEXT)) + len(expected(TEXT2))
    assert [r["text"] for r in rows] == [f["text"] for f in expected(TEXT) + expected(TEXT2)]

    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "out" / "facts.parquet"
    code, _, err = run(capsys, "extract", inputs / "a.txt", "--format", "parquet", "-o", target)
    assert code == 0, err
    table = pq.read_table(target)
    assert table.schema.names == COLUMN_NAMES
    assert table.column("text").to_pylist() == [f["text"] for f in expected(TEXT)]


def test_parquet_needs_output(inputs, capsys):
    code, _, err = run(capsys, "extract", inputs / "a.txt", "--format", "parquet")
    assert code == 2 and "--output" in err


@pytest.mark.parametrize("content, message", [
    (b'{"text": "ok"}\n{broken\n', ":2: not JSON"),
    (b'{"text": "ok"}\n[1, 2]\n', ":2: a JSONL line must hold a JSON object"),
    (b'{"text": 5}\n', ":1: field 'text' must be a string"),
    (b'{"body": "x"}\n', ":1: field 'text' must be a string, it is missing"),
    (b'{"text": "ok", "published": "2024-13-01"}\n', ":1: field 'published'"),
    (b'{"text": "ok"}\n{"text": "\xff\xfe"}\n', ":2: not UTF-8"),
])
def test_bad_jsonl_exits_2_and_writes_nothing(tmp_path, capsys, content, message):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    target = tmp_path / "out.jsonl"
    code, out, err = run(capsys, "extract", bad, "-o", target)
    assert code == 2
    assert message in err and "bad.jsonl" in err
    assert not target.exists()
    assert os.listdir(tmp_path) == ["bad.jsonl"]  # no temporary file left behind either


def test_missing_and_non_utf8_files(tmp_path, capsys):
    code, _, err = run(capsys, "extract", tmp_path / "nope.txt")
    assert code == 2 and "no such file" in err
    (tmp_path / "latin.txt").write_bytes("café".encode("latin-1"))
    code, _, err = run(capsys, "extract", tmp_path / "latin.txt")
    assert code == 2 and "not UTF-8" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "extract", empty)
    assert code == 2 and "no .txt or .jsonl files" in err


def test_failure_mid_run_keeps_old_output(tmp_path, capsys):
    good = tmp_path / "good.jsonl"
    good.write_text("".join(json.dumps({"id": i, "text": TEXT}) + "\n" for i in range(20)) + "{oops\n",
                    encoding="utf-8")
    target = tmp_path / "facts.csv"
    target.write_text("old\n", encoding="utf-8")
    code, _, err = run(capsys, "extract", good, "--format", "csv", "-o", target)
    assert code == 2 and ":21:" in err
    assert target.read_text(encoding="utf-8") == "old\n"  # untouched: not truncated, not half-written
    assert sorted(os.listdir(tmp_path)) == ["facts.csv", "good.jsonl"]


def test_atomic_output_on_exception(tmp_path):
    target = tmp_path / "x.jsonl"
    with pytest.raises(RuntimeError):
        with AtomicOutput(str(target)) as fh:
            fh.write("partial\n")
            raise RuntimeError("boom")
    assert not target.exists() and os.listdir(tmp_path) == []
    with AtomicOutput(str(target)) as fh:
        fh.write("done\n")
    assert target.read_text() == "done\n"


def test_inputs_stream_lazily(tmp_path):
    big = tmp_path / "big.jsonl"
    big.write_text("".join(json.dumps({"text": f"{i}"}) + "\n" for i in range(1000)) + "{bad\n", encoding="utf-8")
    it = iter_inputs([str(big)])
    assert next(it)["text"] == "0"  # the bad last line is not read yet
    assert count_inputs([str(big)]) == 1001
    with pytest.raises(InputError, match=":1001:"):
        list(it)


def test_progress_bar_forced_and_quiet():
    stream = io.StringIO()
    p = Progress(total=3, stream=stream, force=True, delay=0)
    for _ in range(3):
        p.update()
    p.close()
    assert "3/3 docs" in stream.getvalue() and stream.getvalue().endswith("\n")
    quiet = io.StringIO()  # not a terminal and not forced: nothing
    p = Progress(total=3, stream=quiet)
    p.update(3)
    p.close()
    assert quiet.getvalue() == ""


def test_progress_on_stderr_when_forced(inputs):
    env = dict(os.environ, KFACTS_PROGRESS="1")
    r = subprocess.run([sys.executable, "-m", "kfacts.cli", "extract", str(inputs / "c.jsonl"), "--text-field", "body"],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 2
    # the bar only shows on long runs (after 1 s); either way stdout holds only results
    assert all(line.startswith("{") for line in r.stdout.splitlines())


def test_explain(capsys):
    code, out, _ = run(capsys, "explain", TEXT, "--published", "2024-08-13")
    assert code == 0
    assert out.startswith("published: 2024-08-13")
    for f in kfacts.extract(TEXT, published="2024-08-13").facts:
        assert repr(f.text) in out and f"rule:   {f.rule}" in out


def test_eval_runs_on_seed_gold(shared_dir, capsys):
    gold = shared_dir / "gold" / "seeds.jsonl"
    if not gold.exists():
        pytest.skip(f"{gold} not found")
    code, out, err = run(capsys, "eval", gold, "--root", shared_dir)
    assert code == 0, err
    for t in ("organization", "person", "award", "money", "jobs", "date"):
        assert t in out


def test_extract_two_processes_equals_one(inputs, capsys):
    args = ["extract", inputs / "a.txt", inputs / "folder", inputs / "c.jsonl", "--text-field", "body",
            "--published-field", "date"]
    code1, out1, _ = run(capsys, *args)
    code2, out2, err = run(capsys, *args, "--n-process", "2")
    assert code1 == code2 == 0, err
    assert out1 == out2
