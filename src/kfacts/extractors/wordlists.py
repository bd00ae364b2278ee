"""Word lists more than one extractor reads, kept below all of them.

The person extractor owns the files (``people/surnames.tsv``,
``people/countries.tsv``); the organization extractor, which runs before it
and so must not import it, reads Korean surnames (:func:`split_surname`) and
country names (:func:`countries`) here too. Every ``*.tsv`` lexicon of the
person extractor is read by :func:`read_tsv`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

PEOPLE = Path(__file__).parent / "people"


def read_tsv(path: Path) -> list[list[str]]:
    """The rows of a tab-separated lexicon file, blank lines and ``#`` comments skipped."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            out.append(line.split("\t"))
    return out


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
