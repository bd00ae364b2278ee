"""An organization's canonical name and kind from its name as written (:func:`canonicalize`).

The lexicon first (dated), then a local government (its short forms, 의회/교육청/청 after it), a legal
form around a name (㈜), a university hospital, ``X대``, and last a name ending in a head word.
"""

from __future__ import annotations

import datetime as _dt
import re

from .lexicon import NOT_AN_ORG, UNIT_SUFFIXES
from .names import SUFFIX_KINDS, lookup
from .regions import resolve_region, unit_name

_QUOTES = str.maketrans("", "", "'‘’\"“”「」『』")
_LEGAL = re.compile(r"^(?:㈜|\(주\)|주식회사)\s?|\s?(?:㈜|\(주\)|주식회사)$")
_UNIV_HOSP = re.compile(r"^(.+?)대(?:학교)?\s?병원$")
_UNIV = re.compile(r"^([가-힣]{2,8})대$")
#: the suffixes of SUFFIX_KINDS longest first (sorted once, not per call), and all of them for one endswith check
_SUFFIXES_LONGEST = sorted(SUFFIX_KINDS, key=len, reverse=True)
_SUFFIX_TUPLE = tuple(_SUFFIXES_LONGEST)


def canonicalize(surface: str, published: _dt.date | None = None,
                 context_sido: str | None = None) -> tuple[str, str] | None:
    """``(canonical, kind)`` for an organization name as written, or None.

    >>> canonicalize("행안부", _dt.date(2024, 1, 1))
    ('행정안전부', 'central_government')
    >>> canonicalize("동구", context_sido="광주광역시")
    ('광주광역시 동구', 'local_government')
    >>> canonicalize("동구") is None
    True
    """
    s = " ".join(surface.translate(_QUOTES).split())
    if not s:
        return None
    entry = lookup(s, published)
    if entry is not None:
        return None if entry.kind == NOT_AN_ORG else (entry.canonical, entry.kind)
    unit = resolve_region(s, published, context_sido)
    if unit is not None:
        return unit_name(unit, published), "local_government"
    for tail, kind in (("의회", "legislature"), ("교육청", "local_government"), ("청", "local_government")):
        if s.endswith(tail) and len(s) > len(tail) + 1:
            head = s[: -len(tail)]
            if tail == "청" and not head.endswith(UNIT_SUFFIXES):
                continue
            unit = resolve_region(head, published, context_sido)
            if unit is not None:
                name = unit_name(unit, published)
                return (name if tail == "청" else name + tail), kind
    bare = _LEGAL.sub("", s)
    if bare != s and bare:
        r = canonicalize(bare, published, context_sido)
        return r if r is not None else (bare, "company")
    m = _UNIV_HOSP.match(s)
    if m is not None:
        uni = lookup(m.group(1) + "대", published) or lookup(m.group(1) + "대학교", published)
        if uni is not None and uni.kind == "university":
            hosp = lookup(uni.canonical + "병원", published)
            return (hosp.canonical, hosp.kind) if hosp else (uni.canonical + "병원", "hospital")
    m = _UNIV.match(s)
    if m is not None:
        return m.group(1) + "대학교", "university"
    if not s.endswith(_SUFFIX_TUPLE):
        return None  # no suffix at all: skip the longest-first loop
    for head in _SUFFIXES_LONGEST:
        if s.endswith(head) and len(s) > len(head) + 1:
            return s.replace(" ", ""), SUFFIX_KINDS[head]
    return None
