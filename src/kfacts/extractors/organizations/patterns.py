"""Shared grammar pieces: trie regexes, particles, titles after a name."""

from __future__ import annotations

import re
from typing import Iterable

from ..base import Context
from ..wordlists import split_surname
from .lexicon import WORDS

NOT_IN_WORD_BEFORE = r"(?<![가-힣A-Za-z0-9])"


def bucketed_trie_regex(words: Iterable[str], size: int = 32) -> str:
    """:func:`trie_regex` of ``words`` split by first character into groups of ``size`` first characters,
    each behind a lookahead of its characters: the same matches, but the engine tries its alternatives one
    by one, so a trie of some 200 first characters compared ~100 of them at every word start; a character
    class test per group skips the groups that cannot match.

    >>> re.findall(bucketed_trie_regex(["국토부", "국토교통부", "광주"], size=1), "광주 국토교통부")
    ['광주', '국토교통부']
    """
    ws = [w for w in words if w]
    firsts = sorted({w[0] for w in ws})
    parts = []
    for i in range(0, len(firsts), size):
        chunk = set(firsts[i:i + size])
        parts.append("(?=[" + re.escape("".join(sorted(chunk))) + "])" + trie_regex(w for w in ws if w[0] in chunk))
    return "(?:" + "|".join(parts) + ")"


def trie_regex(words: Iterable[str], optional_space: bool = False) -> str:
    """One regex alternation for many literal words, as a trie (fast, longest first).

    With ``optional_space`` a single space may appear between two Hangul
    syllables (``농촌 진흥청`` for ``농촌진흥청``).

    >>> re.fullmatch(trie_regex(["국토부", "국토교통부"]), "국토교통부") is not None
    True
    >>> re.fullmatch(trie_regex(["농촌진흥청"], True), "농촌 진흥청") is not None
    True
    """
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def hangul(c: str) -> bool:
        return "가" <= c <= "힣"

    def rec(node: dict, prev: str) -> str:
        alts = []
        for ch in sorted((k for k in node if k), key=lambda k: -len(k)):
            child = node[ch]
            esc = re.escape(ch)
            sep = " ?" if optional_space and hangul(prev) and hangul(ch) else ""
            if set(child) == {""}:
                alts.append(sep + esc)
                continue
            inner = rec(child, ch)
            if "" in child:
                alts.append(f"{sep}{esc}(?:{inner})?")
            else:
                alts.append(f"{sep}{esc}{inner}" if inner.startswith("(?:") else f"{sep}{esc}(?:{inner})")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return rec(trie, "")


# particles after a name. ACTING: the organization acts or is the topic.
ACTING_PARTICLES = WORDS["acting_particles"]
GENITIVE = ("의",)
#: particles after which a *place* reading is likely (에, 에서, 로, 을/를 ...)
OTHER_PARTICLES = WORDS["other_particles"]
ALL_PARTICLES = frozenset(ACTING_PARTICLES + GENITIVE + OTHER_PARTICLES)

#: titles or roles written right after an organization (전남대병원장, 국회의원, 국토부장관)
ORG_ROLE_SUFFIXES = WORDS["role_suffixes"]
_ROLE_RE = re.compile("(?:" + trie_regex(ORG_ROLE_SUFFIXES) + ")")

_RUN_RE = re.compile("[가-힣]*")


def hangul_rest(text: str, pos: int) -> str:
    """The Hangul characters written right after ``pos`` (the rest of the word)."""
    return _RUN_RE.match(text, pos).group(0)


def is_particles(rest: str) -> bool:
    """True when ``rest`` is empty or a particle (chain) that may close a name.

    >>> is_particles("는"), is_particles("와의"), is_particles("김치")
    (True, True, False)
    """
    return rest == "" or rest in ALL_PARTICLES


def starts_with_role(rest: str) -> bool:
    """``rest`` starts with a title/role word (``장관은``, ``의원``, ``측``)."""
    m = _ROLE_RE.match(rest)
    if m is None:
        return False
    tail = rest[m.end():]
    return is_particles(tail) or _ROLE_RE.fullmatch(tail) is not None or len(tail) <= 2


def person_like(word: str) -> bool:
    """Two to four Hangul syllables that split into a Korean surname and a given name."""
    return re.fullmatch("[가-힣]{2,4}", word) is not None and split_surname(word) is not None


def strip_josa(ctx: Context, s: int, e: int) -> int:
    """The end of ``text[s:e]`` without the particle Kiwi finds at its end (``티아이가`` -> ``티아이``)."""
    toks = ctx.tokens_in(s, e)
    k = len(toks)
    while k > 1 and toks[k - 1].tag.startswith("J") and toks[k - 1].start > s:
        k -= 1
    return toks[k - 1].start + toks[k - 1].len if k < len(toks) else e
