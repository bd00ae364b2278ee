"""The readers of the built-in extractors' data files, and the word lists more than one reads.

Every data file beside an extractor is one of two kinds, each with its reader
here: its named word lists, ``words.tsv`` (:func:`read_lists`), and its tables
of names with a key column (``*.tsv``, :func:`read_tsv`). Both refuse a
malformed file when it loads (``KF902``).

The person extractor owns ``people/surnames.tsv`` and ``people/countries.tsv``;
the organization extractor, which runs before it and so must not import it,
reads Korean surnames (:func:`split_surname`) and country names
(:func:`countries`) here too.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

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


class WordLists(Mapping[str, tuple[str, ...]]):
    """An extractor's named word lists (its ``words.tsv``, read by :func:`read_lists`): ``lists["name"]``
    is a tuple of words in file order; a name the file does not have raises :class:`LexiconError`
    (``KF902``) naming the file, so a renamed list fails where it is used, at import."""

    def __init__(self, path: Path, lists: dict[str, tuple[str, ...]]) -> None:
        self.path = path
        self._lists = lists

    def __getitem__(self, name: str) -> tuple[str, ...]:
        try:
            return self._lists[name]
        except KeyError:
            raise LexiconError("KF902", file=self.path.name, line=0,
                               detail=f"no word list named {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._lists

    def get(self, name: str, default: Any = None) -> Any:
        return self._lists.get(name, default)

    def __iter__(self) -> Iterator[str]:
        return iter(self._lists)

    def __len__(self) -> int:
        return len(self._lists)


def read_lists(path: Path) -> WordLists:
    r"""The named word lists of one extractor: a ``words.tsv`` beside its code, with the header row
    ``list<TAB>word`` and then one word per row, ``name<TAB>word`` (a word may hold spaces; rows of
    one list may stand anywhere, ``#`` comments above them say what the list is for). A word written
    twice in one list, a row without exactly two columns, or a word with blank ends or none raises
    :class:`LexiconError` (``KF902``) naming the line.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "words.tsv"
    >>> _ = p.write_text("list\tword\n# verbs of receiving\nreceive\t받\nreceive\t수상하\nsuffix\t 씨\n")
    >>> read_lists(p)["receive"]
    Traceback (most recent call last):
    ...
    kfacts.errors.LexiconError: [KF902] internal defect: built-in lexicon words.tsv, line 5: the word ' 씨' has blank ends
    >>> _ = p.write_text("list\tword\nreceive\t받\nreceive\t수상하\n")
    >>> read_lists(p)["receive"]
    ('받', '수상하')
    """
    lists: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], int] = {}
    with path.open(encoding="utf-8") as fh:
        header = True
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            row = line.split("\t")
            if header:
                if row != ["list", "word"]:
                    raise LexiconError("KF902", file=path.name, line=n,
                                       detail=f"the header row should be ['list', 'word'], not {row}")
                header = False
                continue
            if len(row) != 2 or not row[0]:
                raise LexiconError("KF902", file=path.name, line=n,
                                   detail=f"a row is a list name and a word, tab-separated, not {row}")
            name, word = row
            if not word.strip() or word != word.strip():
                raise LexiconError("KF902", file=path.name, line=n, detail=f"the word {word!r} has blank ends")
            if (name, word) in seen:
                raise LexiconError("KF902", file=path.name, line=n,
                                   detail=f"{word!r} is written again in list {name!r} "
                                          f"(first on line {seen[name, word]})")
            seen[name, word] = n
            lists.setdefault(name, []).append(word)
    if header:
        raise LexiconError("KF902", file=path.name, line=0, detail="no header row ['list', 'word']")
    return WordLists(path, {k: tuple(v) for k, v in lists.items()})


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
