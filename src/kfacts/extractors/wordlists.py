"""Word lists more than one extractor reads, kept below all of them.

The person extractor owns the files (``people/surnames.tsv``,
``people/countries.tsv``); the organization extractor, which runs before it
and so must not import it, reads Korean surnames (:func:`split_surname`) and
country names (:func:`countries`) here too. Every built-in lexicon file (the
``*.tsv`` and ``*.txt`` files beside each extractor) is read by
:func:`read_tsv` or :func:`read_words`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Sequence

from ..errors import LexiconError

PEOPLE = Path(__file__).parent / "people"


def read_tsv(path: Path, *, header: Sequence[str] | None = None, unique: bool = True) -> list[list[str]]:
    """The rows of a tab-separated lexicon file, blank lines and ``#`` comments skipped: the one
    reader of every built-in lexicon. ``header``: the column names the first row must be (it is
    dropped); ``unique``: the first column is a key, written once. Either broken raises
    :class:`kfacts.errors.LexiconError` (``KF902``) naming the line, rather than a row silently
    skipped or overriding another."""
    out = []
    first: dict[str, int] = {}
    expect = list(header) if header is not None else None
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            row = line.split("\t")
            if expect is not None:
                if row != expect:
                    raise LexiconError("KF902", file=path.name, line=n,
                                       detail=f"the header row should be {expect}, not {row}")
                expect = None
                continue
            if unique:
                if row[0] in first:
                    raise LexiconError("KF902", file=path.name, line=n,
                                       detail=f"{row[0]!r} is written again (first on line {first[row[0]]})")
                first[row[0]] = n
            out.append(row)
    if expect is not None:
        raise LexiconError("KF902", file=path.name, line=0, detail=f"no header row {expect}")
    return out


def read_words(path: Path) -> list[str]:
    """A word list, one entry per line (stripped), each written once (:func:`read_tsv`'s rules)."""
    return [row[0].strip() for row in read_tsv(path)]


@lru_cache(maxsize=None)
def surnames() -> dict[str, str]:
    """surname -> tier (``common`` or ``rare``)."""
    return {r[0]: r[1] for r in read_tsv(PEOPLE / "surnames.tsv")}


@lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    return frozenset(r[0] for r in read_tsv(PEOPLE / "countries.tsv"))


def split_surname(name: str) -> tuple[str, str] | None:
    """(surname, given name) of a Korean name, or None.

    >>> split_surname("남궁민수")
    ('남궁', '민수')
    >>> split_surname("임택")
    ('임', '택')
    >>> split_surname("김") is None
    True
    """
    sn = surnames()
    if len(name) >= 3 and name[:2] in sn and 1 <= len(name) - 2 <= 2:
        return name[:2], name[2:]
    if name[:1] in sn and 1 <= len(name) - 1 <= 2:
        return name[:1], name[1:]
    return None
