"""One pass over the text for every literal name (region forms and lexicon aliases)."""

from __future__ import annotations

import re
from typing import Any

from .names import _ALIASES
from .patterns import trie_regex
from .regions import _FORMS

#: every region form and every lexicon alias, longest first; boundaries are checked by the callers
LITERAL_RE = re.compile(trie_regex(sorted(set(_FORMS) | set(_ALIASES), key=len, reverse=True)))
_WORDCH = re.compile(r"[가-힣A-Za-z0-9]")
_KEY = "_kfacts.organization.literals"


def literal_matches(ctx: Any) -> list[tuple[int, int, str]]:
    """(start, end, surface) of literal names starting a word, cached on the context."""
    opts = getattr(ctx, "options", None)
    if isinstance(opts, dict) and _KEY in opts:
        return opts[_KEY]
    text = ctx.text
    out = []
    for m in LITERAL_RE.finditer(text):
        s = m.start()
        if s and _WORDCH.match(text, s - 1):
            continue
        out.append((s, m.end(), m.group(0)))
    if isinstance(opts, dict):
        opts[_KEY] = out
    return out
