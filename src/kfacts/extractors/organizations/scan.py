"""One pass over the text for every literal name (region forms and lexicon aliases)."""

from __future__ import annotations

import re

from ..base import Context
from .lexicon import ALIASES, REGION_FORMS
from .patterns import bucketed_trie_regex, trie_regex

#: every region form and every lexicon alias, longest first; boundaries are checked by the callers
LITERAL_RE = re.compile(trie_regex(sorted(set(REGION_FORMS) | set(ALIASES), key=len, reverse=True)))
_WORDCH = re.compile(r"[가-힣A-Za-z0-9]")
#: the same scan keeping only matches that start a word (the lookbehind is the callers' boundary check)
#: (its leading lookahead of every literal's first character only lets the scan skip other positions fast)
_WORD_START_RE = re.compile("(?=[" + re.escape("".join(sorted({w[0] for w in set(REGION_FORMS) | set(ALIASES) if w}))) + "])"
                            + r"(?<![가-힣A-Za-z0-9])"
                            + bucketed_trie_regex(sorted(set(REGION_FORMS) | set(ALIASES), key=len, reverse=True)))
#: the literals holding a character that is no word character (a space, ·, ...): only a match of one of them
#: starting inside a word can hide a later word start from LITERAL_RE's scan, where the fast scan differs
_ODD_RE = re.compile(trie_regex(sorted({w for w in set(REGION_FORMS) | set(ALIASES)
                                        if w and any(not _WORDCH.match(c) for c in w)}, key=len, reverse=True)))


def _odd_inside_word(text: str) -> bool:
    """Whether a literal with a non-word character occurs starting inside a word."""
    pos = 0
    while True:
        m = _ODD_RE.search(text, pos)
        if m is None:
            return False
        s = m.start()
        if s and _WORDCH.match(text, s - 1):
            return True
        pos = s + 1


def literal_matches(ctx: Context) -> list[tuple[int, int, str]]:
    """(start, end, surface) of literal names starting a word, found once per document."""
    return ctx.once(_scan)


def _scan(ctx: Context) -> list[tuple[int, int, str]]:
    text = ctx.text
    if not _odd_inside_word(text):
        # the same list as the full scan below: no skipped match inside a word can cover a word start
        return [(m.start(), m.end(), m.group(0)) for m in _WORD_START_RE.finditer(text)]
    out = []
    for m in LITERAL_RE.finditer(text):
        s = m.start()
        if s and _WORDCH.match(text, s - 1):
            continue
        out.append((s, m.end(), m.group(0)))
    return out
