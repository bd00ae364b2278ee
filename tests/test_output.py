"""``kfacts extract -o``: what it writes into, signals, and ``--on-error skip`` (issue 13, points 4 and 7)."""

from __future__ import annotations

import json
import os
import stat
import sys
import threading

import pytest

from kfacts.cli import main

TEXT = "광주시는 2024년 8월 13일 100억원을 투자했다."
#: bytes that are no text in any encoding (a PNG header): "not UTF-8", nothing detected
NOT_TEXT = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def doc(tmp_path):
    p = tmp_path / "in" / "a.txt"
    p.parent.mkdir()
    p.write_text(TEXT, encoding="utf-8")
    return p


def _parts(*folders):
    return [f for d in folders for f in os.listdir(d) if f.endswith(".part")]


# -- what -o writes into ---------------------------------------------------------------------
def test_output_to_a_fifo_streams_into_it(tmp_path, doc, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()), daemon=True)
    reader.start()
    code, _, err = run(capsys, "extract", doc, "-o", fifo)
    assert code == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still a pipe, not replaced by a regular file
    reader.join(timeout=30)
    assert got and json.loads(got[0].decode("utf-8"))["id"] == str(doc)
    assert _parts(tmp_path) == []


def test_output_to_a_device_node_writes_into_it(tmp_path, doc, capsys):
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a null device of our own
        open(node, "wb").close()
    except OSError as e:
        pytest.skip(f"cannot make or open a device node here: {e}")
    code, _, err = run(capsys, "extract", doc, "-o", node)
    assert code == 0, err
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert _parts(tmp_path) == []


def test_output_to_dev_null_keeps_it_a_device(doc, capsys):
    code, _, err = run(capsys, "extract", doc, "-o", "/dev/null")
    assert code == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_through_a_symlink_writes_its_target(tmp_path, doc, capsys):
    real_dir, link_dir = tmp_path / "real", tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    real = real_dir / "facts.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = link_dir / "facts.jsonl"
    link.symlink_to(os.path.join("..", "real", "facts.jsonl"))
    code, _, err = run(capsys, "extract", doc, "-o", link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "real", "facts.jsonl")
    assert json.loads(real.read_text(encoding="utf-8"))["id"] == str(doc)
    assert sorted(os.listdir(link_dir)) == ["facts.jsonl"] and sorted(os.listdir(real_dir)) == ["facts.jsonl"]


def test_output_keeps_the_mode_of_an_existing_file(tmp_path, doc, capsys):
    target = tmp_path / "facts.jsonl"
    target.write_text("old\n", encoding="utf-8")
    os.chmod(target, 0o600)
    code, _, err = run(capsys, "extract", doc, "-o", target)
    assert code == 0, err
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == str(doc)


def test_new_output_file_gets_the_usual_mode(tmp_path, doc, capsys):
    umask = os.umask(0o022)
    try:
        code, _, err = run(capsys, "extract", doc, "-o", tmp_path / "new" / "facts.jsonl")
    finally:
        os.umask(umask)
    assert code == 0, err
    assert stat.S_IMODE(os.stat(tmp_path / "new" / "facts.jsonl").st_mode) == 0o644


@pytest.mark.parametrize("where", ["under_a_file", "a_folder"])
def test_unwritable_output_is_a_coded_error(tmp_path, doc, capsys, where):
    target = doc / "facts.jsonl" if where == "under_a_file" else doc.parent
    code, out, err = run(capsys, "extract", doc, "-o", target)
    assert code == 2 and out == ""
    assert "[KF109]" in err and str(target) in err and "Traceback" not in err
    assert sorted(os.listdir(doc.parent)) == ["a.txt"]


# -- --on-error ------------------------------------------------------------------------------
@pytest.fixture
def mixed(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "b.jsonl").write_text(json.dumps({"id": "r1", "text": TEXT}, ensure_ascii=False) + "\n{broken\n"
                               + json.dumps({"id": "r3", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    (d / "c.txt").write_bytes(NOT_TEXT)
    return d


def test_on_error_skip_writes_the_rest_and_an_error_file(tmp_path, mixed, capsys):
    target = tmp_path / "facts.jsonl"
    code, out, err = run(capsys, "extract", mixed, "-o", target, "--on-error", "skip")
    assert code == 3, err
    assert [json.loads(line)["id"] for line in target.read_text(encoding="utf-8").splitlines()] == \
        [str(mixed / "a.txt"), "r1", "r3"]
    errors = [json.loads(line) for line in (tmp_path / "facts.jsonl.errors.jsonl").read_text("utf-8").splitlines()]
    assert [(e["source"], e["line"], e["code"]) for e in errors] == \
        [(str(mixed / "b.jsonl"), 2, "KF110"), (str(mixed / "c.txt"), None, "KF110")]
    assert "not JSON" in errors[0]["message"] and "not UTF-8" in errors[1]["message"]
    assert err.count("[KF110]") == 2 and "2 document(s) skipped" in err and "Traceback" not in err
    assert _parts(tmp_path) == []


def test_on_error_skip_to_stdout_puts_the_error_file_in_the_current_folder(tmp_path, mixed, capsys,
                                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "extract", mixed, "--on-error", "skip")
    assert code == 3, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == [str(mixed / "a.txt"), "r1", "r3"]
    errors = (tmp_path / "kfacts-errors.jsonl").read_text("utf-8").splitlines()
    assert len(errors) == 2


def test_on_error_skip_with_nothing_bad_exits_0_without_error_file(tmp_path, doc, capsys):
    target = tmp_path / "facts.jsonl"
    code, _, err = run(capsys, "extract", doc, "-o", target, "--on-error", "skip")
    assert code == 0, err
    assert not (tmp_path / "facts.jsonl.errors.jsonl").exists()


@pytest.mark.parametrize("option", [[], ["--on-error", "fail"]])
def test_on_error_fail_still_stops_at_the_first_bad_document(tmp_path, mixed, capsys, option):
    target = tmp_path / "facts.jsonl"
    code, _, err = run(capsys, "extract", mixed, "-o", target, *option)
    assert code == 2 and ":2: not JSON" in err
    assert sorted(os.listdir(tmp_path)) == ["in"]


def test_help_documents_exit_status_and_on_error(capsys):
    with pytest.raises(SystemExit):
        main(["extract", "--help"])
    out = capsys.readouterr().out
    assert "--on-error" in out and "exit status" in out and "143" in out and "kfacts-errors.jsonl" in out
