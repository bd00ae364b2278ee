"""The kfacts command: extract (files, folders, JSONL; jsonl/table/csv/parquet), eval, explain."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys

import pytest

import kfacts
import kfacts.registry
from kfacts.cli import main
from kfacts.extract_command import AtomicOutput, InputError, count_inputs, iter_inputs
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
    assert lines[1] == f"  > {TEXT}"  # the sentence, then its facts
    assert len(lines) == 2 + len(expected(TEXT))
    for f in expected(TEXT):
        assert any(line.startswith(f["type"]) and f["text"] in line for line in lines[2:])


def test_csv_and_parquet(inputs, capsys, tmp_path):
    from kfacts.frames import COLUMN_NAMES

    code, out, _ = run(capsys, "extract", inputs / "a.txt", inputs / "folder", "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff")  # the UTF-8 byte-order mark Excel needs to read Hangul
    out = out[1:]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0].split(",") == COLUMN_NAMES
    assert len(rows) == len(expected(TEXT)) + len(expected(TEXT2))
    assert [r["text"] for r in rows] == [f["text"] for f in expected(TEXT) + expected(TEXT2)]
    assert [r["sentence"] for r in rows] == [TEXT] * len(expected(TEXT)) + [TEXT2] * len(expected(TEXT2))

    pq = pytest.importorskip("pyarrow.parquet")
    target = tmp_path / "out" / "facts.parquet"
    code, _, err = run(capsys, "extract", inputs / "a.txt", "--format", "parquet", "-o", target)
    assert code == 0, err
    table = pq.read_table(target)
    assert table.schema.names == COLUMN_NAMES
    assert table.column("text").to_pylist() == [f["text"] for f in expected(TEXT)]
    assert table.column("sentence").to_pylist() == [TEXT] * len(expected(TEXT))


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
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    code, _, err = run(capsys, "extract", tmp_path / "image.txt")
    assert code == 2 and "not UTF-8" in err and "--encoding" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "extract", empty)
    assert code == 2 and "no .txt, .jsonl, .html, .htm files" in err


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
    p = Progress(total=3, stream=stream, force=True)
    for _ in range(3):
        p.update()
    p.close()
    assert "3/3 [" in stream.getvalue() and "docs/s" in stream.getvalue()  # tqdm's bar
    assert stream.getvalue().endswith("\n")
    quiet = io.StringIO()  # not a terminal and not forced: nothing
    p = Progress(total=3, stream=quiet)
    p.update(3)
    p.close()
    assert quiet.getvalue() == ""


def test_progress_clock_starts_when_told_not_when_made():
    import time

    p = Progress(total=10, stream=io.StringIO(), force=True)
    time.sleep(0.3)  # e.g. the model loading
    assert p.start_time is None
    before = time.time()
    p.start()
    assert p.start_time >= before
    p.close()
    lazy = Progress(total=10, stream=io.StringIO(), force=True)
    time.sleep(0.2)
    before = time.time()
    lazy.update()  # the first result starts it
    assert lazy.start_time >= before
    lazy.close()


def _etas(stderr: str) -> list[int]:
    """The ETAs of tqdm's frames (``[00:01<00:03, ...]``), in seconds."""
    out = []
    for m in re.finditer(r"\d+/\d+ \[[\d:]+<([\d:]+),", stderr):
        secs = 0
        for part in m.group(1).split(":"):
            secs = secs * 60 + int(part)
        out.append(secs)
    return out


def test_progress_on_stderr_when_forced_with_a_sane_eta(tmp_path):
    import time

    data = tmp_path / "many.jsonl"
    data.write_text("".join(json.dumps({"id": i, "text": TEXT if i % 2 else TEXT2}, ensure_ascii=False) + "\n"
                            for i in range(40)), encoding="utf-8")
    env = dict(os.environ, KFACTS_PROGRESS="1")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "kfacts.cli", "extract", str(data)],
                       capture_output=True, text=True, env=env, timeout=300)
    wall = time.monotonic() - t0
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 40 and all(line.startswith("{") for line in r.stdout.splitlines())
    assert "40/40 [" in r.stderr  # tqdm's bar, on stderr
    etas = _etas(r.stderr)
    assert etas, r.stderr
    # the clock starts after the model is loaded: no ETA exceeds the whole run (model load included)
    assert max(etas) <= wall + 1, (etas, wall, r.stderr)
    quiet = subprocess.run([sys.executable, "-m", "kfacts.cli", "extract", str(data), "--no-progress"],
                           capture_output=True, text=True, env=env, timeout=300)
    assert quiet.returncode == 0 and quiet.stderr == ""


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
    for t in kfacts.registry.TYPES:
        assert t in out


def test_extract_two_processes_equals_one(inputs, capsys):
    args = ["extract", inputs / "a.txt", inputs / "folder", inputs / "c.jsonl", "--text-field", "body",
            "--published-field", "date"]
    code1, out1, _ = run(capsys, *args)
    code2, out2, err = run(capsys, *args, "--n-process", "2")
    assert code1 == code2 == 0, err
    assert out1 == out2


# -- options of extract ---------------------------------------------------------------
CLUTTERED = ("광주시는 2024년 8월 13일 100억원을 투자했다.\nⓒ 한빛일보 무단 전재 및 재배포 금지\n많이 본 뉴스\n"
             "1. 서울시, 50억원 들여 공원 조성\n2. 대구시 청년 일자리 30개")


def test_id_field(inputs, capsys):
    data = inputs / "urls.jsonl"
    data.write_text(json.dumps({"id": "own", "url": "https://news.example/7", "text": TEXT}, ensure_ascii=False)
                    + "\n" + json.dumps({"text": TEXT2}, ensure_ascii=False) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", data, "--id-field", "url")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == ["https://news.example/7", f"{data}:2"]  # no url: FILE:LINE
    assert rows[0]["url"] == "https://news.example/7"
    code, out, _ = run(capsys, "extract", data, "--id-field", "url", "--format", "csv")
    assert {r["doc_id"] for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))} == {
        "https://news.example/7", f"{data}:2"}


def test_types(inputs, capsys):
    code, out, _ = run(capsys, "extract", inputs / "a.txt", "--types", "money,date")
    assert code == 0
    assert json.loads(out)["facts"] == [f for f in expected(TEXT) if f["type"] in ("money", "date")]
    code, out, _ = run(capsys, "extract", inputs / "a.txt", "--types", "organization", "--format", "csv")
    assert [r["type"] for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))] == ["organization"]
    code, _, err = run(capsys, "extract", inputs / "a.txt", "--types", "money,moeny")
    assert code == 2 and "unknown fact type(s) moeny" in err


def test_no_zoning(tmp_path, capsys):
    (tmp_path / "page.txt").write_text(CLUTTERED, encoding="utf-8")
    code, out, _ = run(capsys, "extract", tmp_path / "page.txt")
    zoned = json.loads(out)["facts"]
    code2, out2, _ = run(capsys, "extract", tmp_path / "page.txt", "--no-zoning")
    assert code == code2 == 0
    everything = json.loads(out2)["facts"]
    assert zoned == [f.to_dict() for f in kfacts.extract(CLUTTERED).facts]
    assert everything == [f.to_dict() for f in kfacts.Extractor(zoning=False)(CLUTTERED).facts]
    assert "50억원" in [f["text"] for f in everything] and "50억원" not in [f["text"] for f in zoned]


def test_csv_no_bom(inputs, capsys, tmp_path):
    code, out, _ = run(capsys, "extract", inputs / "a.txt", "--format", "csv", "--no-bom")
    assert code == 0 and out.startswith("doc_index,")
    target = tmp_path / "facts.csv"
    code, _, _ = run(capsys, "extract", inputs / "a.txt", "--format", "csv", "-o", target)
    assert target.read_bytes().startswith(b"\xef\xbb\xbfdoc_index,")
    assert target.read_text(encoding="utf-8-sig").count("\n") == 1 + len(expected(TEXT))


def _cli(*args, stdin=None, env=None):
    return subprocess.run([sys.executable, "-m", "kfacts.cli", *map(str, args)], input=stdin,
                          capture_output=True, text=True, timeout=300, env=env)


def test_stdin_without_path_and_with_dash(inputs):
    r = _cli("extract", stdin=TEXT)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["facts"] == expected(TEXT) and json.loads(r.stdout)["id"] == "<stdin>"
    r = _cli("extract", "-", inputs / "a.txt", "--format", "table", stdin=TEXT2)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# <stdin>") and f"# {inputs / 'a.txt'}" in r.stdout
    # JSON Lines on standard input are read as records
    lines = (inputs / "c.jsonl").read_text(encoding="utf-8")
    r = _cli("extract", "--text-field", "body", "--published-field", "date", stdin=lines)
    assert r.returncode == 0, r.stderr
    assert [json.loads(x)["id"] for x in r.stdout.splitlines()] == ["r1", "r2"]


def test_no_input_in_a_terminal_is_an_error(capsys, monkeypatch):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    code, _, err = run(capsys, "extract")
    assert code == 2 and "no input" in err


@pytest.mark.parametrize(("sig", "status", "word"), [(signal.SIGINT, 130, "interrupted"),
                                                     (signal.SIGTERM, 143, "terminated")],
                         ids=["ctrl-c", "sigterm"])
def test_a_stopped_run_exits_without_traceback_or_output(tmp_path, sig, status, word):
    """Ctrl-C and SIGTERM while results are written: the run's exit status, no traceback, and
    neither the output nor its temporary .part file is left behind."""
    data = tmp_path / "big.jsonl"
    data.write_text("".join(json.dumps({"id": i, "text": TEXT * 5}, ensure_ascii=False) + "\n"
                            for i in range(3000)), encoding="utf-8")
    target = tmp_path / "out" / "facts.csv"
    env = dict(os.environ, KFACTS_PROGRESS="1")
    p = subprocess.Popen([sys.executable, "-m", "kfacts.cli", "extract", str(data), "--format", "csv",
                          "-o", str(target)], stderr=subprocess.PIPE, text=True, env=env)
    seen = ""
    while not re.search(r"\b[1-9]\d*/3000 \[", seen):  # wait until it is writing results
        ch = p.stderr.read(1)
        assert ch, f"exited early: {seen}"
        seen += ch
    p.send_signal(sig)
    err = seen + p.stderr.read()
    assert p.wait(timeout=60) == status
    assert "Traceback" not in err and word in err
    assert not target.exists()
    assert os.listdir(target.parent) == []  # no temporary file left either


# -- explain ------------------------------------------------------------------------------
def test_explain_file_and_stdin(inputs, capsys):
    code, out_file, _ = run(capsys, "explain", inputs / "a.txt", "--published", "2024-08-13")
    assert code == 0 and out_file.startswith(f"input: {inputs / 'a.txt'}\npublished: 2024-08-13")
    _, out_text, _ = run(capsys, "explain", TEXT, "--published", "2024-08-13")
    assert out_file.split("\n", 1)[1] == out_text  # the file's text is explained, not its path
    r = _cli("explain", "-", "--published", "2024-08-13", stdin=TEXT)
    assert r.returncode == 0 and r.stdout.split("\n", 1)[1] == out_text
    r = _cli("explain", "--published", "2024-08-13", stdin=TEXT)  # no argument, piped input
    assert r.returncode == 0 and r.stdout.split("\n", 1)[1] == out_text
    # a text that is not a file stays a text, even if it looks like a path
    code, out, _ = run(capsys, "explain", str(inputs / "nope.txt"))
    assert code == 0 and out.startswith("published:")


def test_explain_types_and_no_zoning(tmp_path, capsys):
    code, out, _ = run(capsys, "explain", TEXT, "--types", "money")
    assert code == 0 and "'100억원'" in out and "'광주시'" not in out
    (tmp_path / "page.txt").write_text(CLUTTERED, encoding="utf-8")
    _, zoned, _ = run(capsys, "explain", tmp_path / "page.txt")
    _, everything, _ = run(capsys, "explain", tmp_path / "page.txt", "--no-zoning")
    assert "'50억원'" in everything and "'50억원'" not in zoned


@pytest.mark.parametrize("command", ["extract", "eval", "explain", "rules", "test-pack", None])
def test_every_help_has_examples(command, capsys):
    with pytest.raises(SystemExit) as e:
        main([command, "--help"] if command else ["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out
    usage = "kfacts " + (command or "extract")
    assert usage in out.split("examples:", 1)[1]
