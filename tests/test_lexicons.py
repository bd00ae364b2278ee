"""The one reader of built-in lexicon files: a wrong header or a key written twice is a coded
error at load time (KF902), never a row skipped or overriding another in silence."""

from __future__ import annotations

from pathlib import Path

import pytest

import kfacts
from kfacts.extractors import wordlists
from kfacts.extractors.organizations import lexicon as org_lexicon


def _file(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "words.tsv"
    p.write_text(body, encoding="utf-8")
    return p


def test_rows_comments_and_blank_lines(tmp_path: Path) -> None:
    p = _file(tmp_path, "# a comment\n\n가\t1\n나\t2\n")
    assert wordlists.read_tsv(p) == [["가", "1"], ["나", "2"]]


def test_a_key_written_twice_is_an_error(tmp_path: Path) -> None:
    p = _file(tmp_path, "가\t1\n나\t2\n가\t3\n")
    with pytest.raises(kfacts.LexiconError) as info:
        wordlists.read_tsv(p)
    assert info.value.code == "KF902" and isinstance(info.value, ValueError)
    assert "line 3" in str(info.value) and "first on line 1" in str(info.value)
    assert len(wordlists.read_tsv(p, unique=False)) == 3  # tables whose key may repeat say so


def test_the_header_row_is_checked_not_skipped(tmp_path: Path) -> None:
    good = _file(tmp_path, "# c\nrule\twords\nx\t가|나\n")
    assert wordlists.read_tsv(good, header=("rule", "words")) == [["x", "가|나"]]
    for body in ("x\t가|나\n", "rule\tword\nx\t가\n", "# only a comment\n"):
        with pytest.raises(kfacts.LexiconError) as info:
            wordlists.read_tsv(_file(tmp_path, body), header=("rule", "words"))
        assert info.value.code == "KF902" and "header" in str(info.value)


def test_a_local_government_file_without_its_header_is_refused(tmp_path: Path) -> None:
    """(The old reader dropped the first row whatever it was: a file without a header lost a unit.)"""
    row = "\t".join(["11000", "sido", "한빛특별시", "", "한빛", "", "", ""])
    with pytest.raises(kfacts.LexiconError):
        org_lexicon.load_local_governments(_file(tmp_path, row + "\n"))
    lg = org_lexicon.load_local_governments(_file(tmp_path, "\t".join(org_lexicon.LOCAL_COLUMNS) + "\n" + row + "\n"))
    assert list(lg.units) == ["11000"] and lg.units["11000"].name == "한빛특별시"  # the one row is kept


def test_every_built_in_lexicon_loads() -> None:
    """Each data file of the built-in extractors passes the reader's checks (run once, here)."""
    from kfacts.extractors.people import lexicon as people_lexicon

    people_lexicon.titles()
    people_lexicon.given_syllables()
    people_lexicon.not_names()
    kfacts.extract("한빛시는 2024년 3월 5일 10억원을 들여 일자리 20개를 만든다고 김하늘 시장이 밝혔다.")


def test_named_word_lists(tmp_path: Path) -> None:
    p = _file(tmp_path, "list\tword\n# verbs\nreceive\t받\nother\t가 나\nreceive\t수상하\n")
    lists = wordlists.read_lists(p)
    assert lists["receive"] == ("받", "수상하") and lists["other"] == ("가 나",) and list(lists) == ["receive", "other"]
    with pytest.raises(kfacts.LexiconError) as info:
        lists["missing"]
    assert info.value.code == "KF902" and "'missing'" in str(info.value)
    for body, said in (("list\tword\nx\t가\nx\t가\n", "line 3"), ("x\t가\n", "header"),
                       ("list\tword\nx\t가\t나\n", "line 2"), ("list\tword\nx\t가 \n", "blank ends"),
                       ("list\tword\nx\t\n", "blank ends"), ("# nothing\n", "header")):
        with pytest.raises(kfacts.LexiconError) as info:
            wordlists.read_lists(_file(tmp_path, body))
        assert said in str(info.value), body


def _word_list_files() -> list[Path]:
    """Every built-in ``*words.tsv``: an extractor's, or zoning's beside ``zones.py``."""
    root = Path(wordlists.__file__).parent
    return sorted(root.glob("*/words.tsv")) + sorted(root.parent.glob("*words.tsv"))


def test_every_word_list_is_read_by_its_extractor() -> None:
    """Each list of a ``*words.tsv`` file is named in the code of its folder: no dead list."""
    files = _word_list_files()
    assert len(files) >= 6  # awards, dates, jobs, money, people, zones
    for path in files:
        code = "".join(p.read_text(encoding="utf-8") for p in path.parent.glob("*.py"))
        for name in wordlists.read_lists(path):
            assert f'"{name}"' in code, f"{path.parent.name}/words.tsv: list {name!r} is read nowhere"


def test_word_lists_answer_membership_without_raising(tmp_path: Path) -> None:
    lists = wordlists.read_lists(_file(tmp_path, "list\tword\nx\t가\n"))
    assert "x" in lists and "y" not in lists and lists.get("y") is None and lists.get("x") == ("가",)


def _lists_without_comment(path: Path) -> list[str]:
    """The lists of a ``words.tsv`` whose first row has no ``#`` comment line right above it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    seen: set[str] = set()
    bare = []
    for n, line in enumerate(lines):
        name = line.split("\t", 1)[0]
        if not line.strip() or line.startswith("#") or line == "list\tword" or name in seen:
            continue
        seen.add(name)
        if n == 0 or not lines[n - 1].startswith("#"):
            bare.append(name)
    assert seen == set(wordlists.read_lists(path))  # every list was looked at
    return bare


@pytest.mark.parametrize("path", _word_list_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_word_list_says_what_it_is_for(path: Path) -> None:
    """Each list of a ``*words.tsv`` has a ``#`` comment right above its first row (what it is for)."""
    assert _lists_without_comment(path) == []


def test_a_list_without_its_comment_is_found(tmp_path: Path) -> None:
    body = "list\tword\n# verbs of receiving\nreceive\t받\n\nsuffix\t씨\n# more verbs\nreceive\t수상하\n"
    assert _lists_without_comment(_file(tmp_path, body)) == ["suffix"]
