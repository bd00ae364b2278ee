"""The person extractor's lexicons: titles, surnames and words that are not names.

The data lives in TSV files beside this module (``titles.tsv``,
``surnames.tsv``, ``not_names.tsv``, and the short named lists of
``words.tsv``, :data:`WORDS`); this module reads them once and builds the
title regex. Surnames and countries, which the organization extractor reads
too, are read in :mod:`kfacts.extractors.wordlists` (imported here).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import re as _re

import regex as re

from ..wordlists import countries, read_lists, read_tsv, split_surname, surnames  # noqa: F401 - surnames are a people lexicon too

_HERE = Path(__file__).parent
#: the extractor's short word lists (``words.tsv``: what each is for is written above it)
WORDS = read_lists(_HERE / "words.tsv")


def read_rows(name: str) -> list[list[str]]:
    return read_tsv(_HERE / name)


def _opt(v: str) -> str | None:
    return None if v in ("-", "") else v


@dataclass(frozen=True)
class Title:
    """One entry of ``titles.tsv`` (see the file's header for the columns)."""

    title: str
    fuse: tuple[str, ...]
    compound: bool
    lg: str | None
    org: str | None
    append: str | None
    group: str | None

    def fused_orgs(self, prefix: str) -> list[str]:
        """Organization surfaces a fused prefix may stand for.

        >>> title("구청장").fused_orgs("동")
        ['동구']
        >>> title("시장").fused_orgs("광주")
        ['광주시', '광주']
        """
        out = []
        for t in self.fuse:
            tail = t.replace("{}", "")
            if tail and prefix.endswith(tail):
                continue  # 북조선임시인민위원회 + 위원장: no second 위원회
            out.append(t.replace("{}", prefix))
        return out


@lru_cache(maxsize=None)
def titles() -> dict[str, Title]:
    out = {}
    for row in read_rows("titles.tsv"):
        if len(row) != 7:
            raise ValueError(f"titles.tsv: 7 columns expected, got {row!r}")
        t, fuse, comp, lg, org, append, group = row
        out[t] = Title(t, tuple(fuse.split("|")) if fuse != "-" else (), comp == "yes", _opt(lg), _opt(org),
                       _opt(append), _opt(group))
    return out


def title(word: str) -> Title:
    return titles()[word]


@lru_cache(maxsize=None)
def given_syllables() -> frozenset[str]:
    out: set[str] = set()
    for row in read_rows("given_syllables.tsv"):
        out.update(row[0].split())
    return frozenset(out)


@lru_cache(maxsize=None)
def latin_not_names() -> frozenset[str]:
    """English words that make a Latin phrase a title or a name of a thing (Scientific Reports)."""
    out: set[str] = set()
    for row in read_rows("latin_not_names.tsv"):
        out.update(row[0].split())
    return frozenset(out)


@lru_cache(maxsize=None)
def foreign_starts() -> dict[str, str]:
    """First words of foreign names (``foreign_starts.tsv``): word -> ``jp`` (family name) or ``given``."""
    return {r[0]: r[1] for r in read_rows("foreign_starts.tsv")}


@lru_cache(maxsize=None)
def not_names() -> frozenset[str]:
    return frozenset(r[0] for r in read_rows("not_names.tsv") if not r[0].endswith("*")) | countries()


@lru_cache(maxsize=None)
def not_name_prefixes() -> tuple[str, ...]:
    """Word beginnings (``최고``: 최고령, 최고위) that are no surname + given name."""
    return tuple(r[0][:-1] for r in read_rows("not_names.tsv") if r[0].endswith("*"))


#: particles and copula endings that may follow a title or a name inside one word
JOSA = "|".join(map(_re.escape, WORDS["josa"]))

#: modifiers written between a name and its title, not part of the title
MODIFIERS = frozenset(WORDS["modifiers"])


@lru_cache(maxsize=None)
def title_regex() -> "_re.Pattern[str]":
    """Any lexicon title ending a word (a particle may follow).

    The alternation is longest first, so the leftmost match in a word is the
    longest title it ends with (``문화경제부시장`` before ``부시장``).
    """
    # the standard library engine runs this scan several times faster than ``regex``
    # a reporter's e-mail may be glued to the title (홍길동기자gildong@...)
    return _re.compile(rf"{trie_regex(titles())}(?=(?:{JOSA})?(?![가-힣A-Za-z0-9])|[A-Za-z0-9._-]+@)")


def trie_regex(words: "Iterable[str]") -> str:
    """A regex alternation of ``words`` factored as a trie (fast; longest first at each branch).

    >>> trie_regex(["시장", "시의원", "부시장"])
    '(?:부시장|시(?:의원|장))'
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = []
        end = "" in node
        for ch in sorted(k for k in node if k):
            alts.append(re.escape(ch) + build(node[ch]))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            # the longer continuations are tried first, then the word may stop here
            return "(?:" + body + ")?"
        return body

    return build(trie)
