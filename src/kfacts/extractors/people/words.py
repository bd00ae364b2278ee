"""Word-level helpers: the words around a position on one line, and what Kiwi says of them."""

from __future__ import annotations

import re as _re

import regex as re

from ..base import Context

_SPACES = " \t\u00a0"

#: Kiwi tags a word may carry to sit between a name and its title (nouns, no particles or verbs)
#: (SSO/SSC: the parentheses of a glued Latin abbreviation, 한국과학기술원(KAIST), the only way one gets in a word)
NOUN_TAGS = frozenset({"NNP", "NNG", "NNB", "NR", "SL", "SN", "SH", "XSN", "XPN", "XR", "MM", "SO", "W_SERIAL",
                       "SSO", "SSC"})


def is_word_char(ch: str) -> bool:
    """Hangul syllable, ASCII letter or digit, or the middle dot (광주·전남 is one word)."""
    return "가" <= ch <= "힣" or (ch.isascii() and ch.isalnum()) or ch == "·"


_WORD_TAIL = _re.compile(r"[가-힣A-Za-z0-9·]+$")
_WORD_HEAD = _re.compile(r"[가-힣A-Za-z0-9·]*")


def word_start(text: str, pos: int) -> int:
    """Start of the word that contains (or ends at) ``pos``."""
    lo = max(0, pos - 40)
    m = _WORD_TAIL.search(text, lo, pos)
    if m is None:
        return pos
    s = m.start()
    if s == lo and lo > 0:
        while s > 0 and is_word_char(text[s - 1]):  # a very long word
            s -= 1
    return s


def word_end(text: str, pos: int) -> int:
    return _WORD_HEAD.match(text, pos).end()


def prev_word(text: str, pos: int) -> tuple[int, int] | None:
    """The word before ``pos`` (a word start) when only spaces separate them."""
    i = pos
    while i > 0 and text[i - 1] in _SPACES:
        i -= 1
    if i == pos or i == 0 or not is_word_char(text[i - 1]):
        return None
    return word_start(text, i), i


def next_word(text: str, pos: int) -> tuple[int, int] | None:
    """The word after ``pos`` (a word end) when only spaces separate them."""
    n = len(text)
    i = pos
    while i < n and text[i] in _SPACES:
        i += 1
    if i == pos or i >= n or not is_word_char(text[i]):
        return None
    return i, word_end(text, i)


def nounish(ctx: Context, start: int, end: int) -> bool:
    """Is the word ``[start, end)`` nouns only (no particle, ending or verb), per Kiwi?"""
    toks = ctx.tokens_in(start, end)
    if not toks:
        return False
    return all(t.tag in NOUN_TAGS or t.form == "㈜" for t in toks)


def stem_end(ctx: Context, start: int, end: int) -> int:
    """Where the word's trailing particles/endings begin (``이용섭은`` -> after 이용섭)."""
    # (the tokens of tokens_in(start, end) walked back in place: no list built, ~15 calls per name candidate)
    toks = ctx.tokens
    i, k = ctx.token_bounds(start, end)
    cut = end
    while k > i:
        k -= 1
        t = toks[k]
        if t.start + t.len > end:
            continue  # runs past the word: not among tokens_in's
        if t.tag.startswith(("J", "E", "VCP")) or t.tag == "XSV":
            cut = t.start
        else:
            break
    return cut
