"""Legacy encodings: cp949 / EUC-KR files read without flags, --encoding forces one, JSONL stays UTF-8."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import kfacts
from kfacts.cli import main
from kfacts.encodings import DecodeError, check_encoding, decode

# invented text; 똠 and 뷁 exist in cp949 but not in EUC-KR (KS X 1001)
TEXT = "한빛시는 2024년 3월 5일 청년 일자리 20개를 만들기 위해 10억원을 쓴다고 밝혔다."
CP949_ONLY = "똠방각하 뷁 마을은 3억원을 받았다."


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def facts(text):
    return [f.to_dict() for f in kfacts.extract(text).facts]


@pytest.mark.parametrize("codec, text", [("cp949", TEXT), ("euc-kr", TEXT), ("cp949", CP949_ONLY)])
def test_decode_korean_legacy(codec, text):
    got, used = decode(text.encode(codec))
    assert got == text and used == "cp949"


@pytest.mark.parametrize("data, text, used", [
    (TEXT.encode("utf-8"), TEXT, "utf-8"),
    (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT, "utf-8-sig"),
    (TEXT.encode("utf-16"), TEXT, "utf-16"),
    ("한빛".encode("iso2022_kr"), "한빛", "iso2022_kr"),
    ("café au lait".encode("latin-1"), "café au lait", "cp1252"),
])
def test_decode_other_cases(data, text, used):
    assert decode(data) == (text, used)


def test_binary_is_refused():
    with pytest.raises(DecodeError, match="not UTF-8 text .*--encoding"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_forced_encoding():
    data = TEXT.encode("cp949")
    assert decode(data, encoding="cp949") == (TEXT, "cp949")
    assert decode(data, encoding="latin-1")[0] != TEXT  # forced means forced, even when wrong
    with pytest.raises(DecodeError, match="not utf-8 text"):
        decode(data, encoding="utf-8")
    with pytest.raises(DecodeError, match="unknown encoding"):
        decode(data, encoding="no-such-codec")
    assert check_encoding("EUC-KR") == "cp949" and check_encoding("ks_c_5601-1987") == "cp949"


def test_html_meta_charset_is_used_when_not_utf8():
    page = '<meta charset="euc-kr"><p>' + TEXT + "</p>"
    assert decode(page.encode("cp949"), html=True) == (page, "cp949")
    # a wrong declaration falls back to detection
    wrong = '<meta charset="iso-8859-7"><p>' + TEXT + "</p>"
    assert decode(wrong.encode("cp949"), html=True)[0] == wrong


@pytest.mark.parametrize("codec", ["cp949", "euc-kr"])
def test_cli_legacy_text_and_html_files_without_flags(tmp_path, capsys, codec):
    (tmp_path / "a.txt").write_bytes(TEXT.encode(codec))
    (tmp_path / "b.html").write_bytes(f"<html><body><p>{TEXT}</p></body></html>".encode(codec))
    code, out, err = run(capsys, "extract", tmp_path)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows[0]["facts"] == facts(TEXT)
    assert [f["text"] for f in rows[1]["facts"]] == [f["text"] for f in facts(TEXT)]
    assert any(f["type"] == "money" for f in rows[0]["facts"])


def test_cli_encoding_option_forces(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode("cp949"))
    code, out, _ = run(capsys, "extract", f, "--encoding", "cp949")
    assert code == 0 and json.loads(out)["facts"] == facts(TEXT)
    code, out, _ = run(capsys, "extract", f, "--encoding", "latin-1")  # wrong, but obeyed
    assert code == 0 and json.loads(out)["facts"] != facts(TEXT)
    code, _, err = run(capsys, "extract", f, "--encoding", "utf-8")
    assert code == 2 and "not utf-8 text" in err and "a.txt" in err
    code, _, err = run(capsys, "extract", f, "--encoding", "klingon")
    assert code == 2 and "unknown encoding" in err
    code, out, _ = run(capsys, "explain", f, "--encoding", "cp949")
    assert code == 0 and "'10억원'" in out


def test_cli_utf8_bom_text(tmp_path, capsys):
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    code, out, _ = run(capsys, "extract", f)
    assert code == 0 and json.loads(out)["facts"] == facts(TEXT)  # spans not shifted by the BOM


def test_cli_jsonl_must_be_utf8(tmp_path, capsys):
    f = tmp_path / "a.jsonl"
    f.write_bytes(json.dumps({"text": TEXT}, ensure_ascii=False).encode("cp949") + b"\n")
    code, _, err = run(capsys, "extract", f)
    assert code == 2 and "a.jsonl:1: not UTF-8" in err and "UTF-8 by definition" in err
    f.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": TEXT}, ensure_ascii=False).encode("utf-8") + b"\n")
    code, out, err = run(capsys, "extract", f)  # a BOM on line 1 (Windows tools) is fine
    assert code == 0, err
    assert json.loads(out)["facts"] == facts(TEXT)


def test_cli_cp949_on_stdin():
    r = subprocess.run([sys.executable, "-m", "kfacts.cli", "extract", "--format", "table"],
                       input=TEXT.encode("cp949"), capture_output=True, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    assert "10억원" in r.stdout.decode("utf-8")
