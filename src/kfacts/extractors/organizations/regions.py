"""Local governments: resolving a region name as written, and finding mentions.

A region name is an organization (``local_government``) only when the
government acts or is the topic: the grammar after the name decides
(:func:`_after`). ``광주시는``, ``대구와의``, ``광주·전남만의``, ``경북도지사`` are
mentions; ``광주에서``, ``광주김치``, ``남구 도시첨단산단``, ``서울 신월동에`` are
places.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections import Counter
from typing import Any

from .lexicon import LocalGovernments, Unit, load_local_governments

LG = load_local_governments()

#: forms that name a unit by its stem only (광주, 보령): Kiwi must tag them NNP
_SUFFIXES = ("특별자치시", "특별자치도", "특별시", "광역시", "시", "도", "군", "구")

#: ambiguous forms resolved to this unit unless the context points elsewhere
DEFAULTS = {"광주": "광주광역시", "광주시": "광주광역시", "제주": "제주특별자치도"}


def _is_stem(form: str) -> bool:
    return not form.endswith(_SUFFIXES)


_FORMS = sorted(LG.by_form, key=lambda f: (-len(f), f))
#: every local-government form; left boundary: not inside a word
LG_RE = re.compile(r"(?<![가-힣A-Za-z0-9])(?:" + "|".join(map(re.escape, _FORMS)) + ")")

#: sido forms only (for the document's region)
_SIDO_FORMS = sorted({f for u in LG.units.values() if u.level == "sido" for f in u.forms}, key=lambda f: -len(f))


def _unit_current(name_or_form: str | None) -> Unit | None:
    if not name_or_form:
        return None
    u = LG.by_name.get(name_or_form)
    if u is None:
        cands = LG.by_form.get(name_or_form, [])
        cands = [c for c in cands if c.level == "sido"] or cands
        if len({LG.at(c, None).code for c in cands}) != 1:
            return None
        u = cands[0]
    return LG.at(u, None)


def resolve_form(form: str, published: _dt.date | None = None, context_sido: str | None = None,
                 parent: Unit | None = None) -> Unit | None:
    """The unit a region form names, or None when it cannot be told.

    ``parent`` is a unit written just before (``광주 동구``): only its
    children qualify. ``context_sido`` (any form of a sido) breaks ties
    among homonyms (``동구``, ``중구``...).
    """
    cands = LG.by_form.get(form)
    if not cands:
        return None
    if parent is not None:
        pname = LG.at(parent, None).name
        cands = [c for c in cands if LG.at(c, None).name.startswith(pname + " ")]
        if not cands:
            return None
    mapped: dict[str, Unit] = {}
    for c in cands:
        u = LG.at(c, published)
        mapped.setdefault(u.code, u)
    units = list(mapped.values())
    if len(units) > 1 and published is not None:
        valid = [u for u in units if u.valid_at(published)]
        units = valid or units
    if len(units) > 1:
        ctx = _unit_current(context_sido)
        if ctx is not None:
            ctx_sido = ctx.sido
            inside = [u for u in units if LG.at(u, None).sido == ctx_sido]
            if len(inside) == 1:
                return inside[0]
            if len(inside) > 1:
                units = inside
        dflt = DEFAULTS.get(form)
        if dflt is not None:
            for u in units:
                if LG.at(u, None).name == dflt:
                    return u
        # a sido and one of its own cities sharing the form (제주): the sido
        sidos = [u for u in units if u.level == "sido"]
        if len(sidos) == 1 and all(u.sido == sidos[0].sido for u in units):
            return sidos[0]
        return None
    return units[0] if units else None


def unit_name(unit: Unit, published: _dt.date | None) -> str:
    return LG.name_at(unit, published)


def resolve_region(surface: str, published: _dt.date | None = None,
                   context_sido: str | None = None) -> Unit | None:
    """Resolve a region written in one or more words (``광주 동구``, ``경기도 수원시 장안구``)."""
    s = " ".join(surface.split())
    if s in LG.by_form:
        return resolve_form(s, published, context_sido)
    parts = s.split(" ")
    unit: Unit | None = None
    for i, p in enumerate(parts):
        nxt = resolve_form(p, published, context_sido if unit is None else None, parent=unit)
        if nxt is None:
            return None
        unit = nxt
    return unit


# -- the region a document is about ---------------------------------------
_DOC_RE = re.compile(r"(?<![가-힣A-Za-z0-9])(" + "|".join(map(re.escape, _SIDO_FORMS)) + ")")
_DATELINE_RE = re.compile(r"[/\[(]\s*(" + "|".join(map(re.escape, _SIDO_FORMS)) + r")\s*=")
_GYEONGGI_GWANGJU = re.compile(r"경기(?:도)?\s*광주")
_SIGUNGU_FULL = sorted({f for u in LG.units.values() if u.level != "sido" for f in u.forms
                        if not _is_stem(f) and len({LG.at(x, None).sido for x in LG.by_form[f]}) == 1},
                       key=lambda f: -len(f))
_SGG_RE = re.compile(r"(?<![가-힣A-Za-z0-9])(" + "|".join(map(re.escape, _SIGUNGU_FULL)) + ")")

_REGION_KEY = "_kfacts.organization.region"


def region_of_text(text: str, spans: list[tuple[int, int]] | None = None) -> str | None:
    """The sido a text is mostly about (current official name), or None."""
    spans = spans or [(0, len(text))]
    counts: Counter[str] = Counter()
    gyeonggi_gwangju = _GYEONGGI_GWANGJU.search(text) is not None
    for s, e in spans:
        chunk = text[s:e]
        for m in _DOC_RE.finditer(chunk):
            f = m.group(1)
            if f in ("광주", "광주시") and gyeonggi_gwangju:
                counts["경기도"] += 1
                continue
            u = _unit_current(f) if f not in DEFAULTS else _unit_current(DEFAULTS[f])
            if u is not None:
                counts[u.sido] += 2
        for m in _SGG_RE.finditer(chunk):
            us = LG.by_form[m.group(1)]
            counts[LG.at(us[0], None).sido] += 1
        for m in _DATELINE_RE.finditer(chunk):
            u = _unit_current(DEFAULTS.get(m.group(1), m.group(1)))
            if u is not None:
                counts[u.sido] += 3
    if not counts:
        return None
    (best, n), *rest = counts.most_common(2) + [("", 0)]
    if rest and rest[0][1] == n:
        # a tie: the first one written wins
        for m in _DOC_RE.finditer(text):
            u = _unit_current(DEFAULTS.get(m.group(1), m.group(1)))
            if u is not None and counts[u.sido] == n:
                return u.sido
    return best


def document_region(ctx: Any) -> str | None:
    """The sido the document is about (official name, e.g. ``광주광역시``), or None.

    Counted over the article zones: sido names and short forms, unambiguous
    district and city names, datelines (``/광주=``). Cached on the context.
    """
    opts = getattr(ctx, "options", None)
    if isinstance(opts, dict) and _REGION_KEY in opts:
        return opts[_REGION_KEY]
    spans = ctx.article_spans if getattr(ctx, "zones", None) else None
    region = region_of_text(ctx.text, spans)
    if isinstance(opts, dict):
        opts[_REGION_KEY] = region
    return region


# -- titles: 동구청장, 광주시장, 충남지사, 경북도지사 ------------------------------
_TITLE_BY_LAST = {
    "시": ("장", "청", "부시장"),
    "도": ("지사", "청", "부지사"),
    "구": ("청장", "청", "부구청장"),
    "군": ("수", "청", "부군수"),
}
_STEM_TITLES = ("도지사", "지사", "시장", "시청", "도청", "군수")
_COUNCIL_MEMBER = {"시": "시의원", "도": "도의원", "구": "구의원", "군": "군의원"}


def title_after(form: str, rest: str) -> str | None:
    """The title word that ``rest`` starts with after a region form, or None.

    >>> title_after("동구", "청장은")
    '구청장'
    >>> title_after("경북", "도지사가")
    '도지사'
    >>> title_after("광주시", "민들") is None
    True
    """
    last = form[-1]
    if not _is_stem(form) and last in _TITLE_BY_LAST:
        for t in sorted(_TITLE_BY_LAST[last], key=len, reverse=True):
            if rest.startswith(t):
                return t if t.startswith("부") else last + t
        return None
    for t in _STEM_TITLES:
        if rest.startswith(t):
            return t
    return None


def split_title(word: str, published: _dt.date | None = None, context_sido: str | None = None
                ) -> tuple[str, str, str] | None:
    """Split a title written with its region: ``(canonical, kind, title)``.

    ``동구청장`` (context 광주) -> ``("광주광역시 동구", "local_government", "구청장")``;
    ``광주시의원`` -> ``("광주광역시의회", "legislature", "시의원")``; None if the
    word is not a region followed by a title.
    """
    m = LG_RE.match(word)
    while m is not None:
        form = m.group(0)
        rest = word[m.end():]
        t = title_after(form, rest)
        unit = resolve_form(form, published, context_sido)
        if t is not None and unit is not None:
            return unit_name(unit, published), "local_government", t
        last = form[-1]
        if unit is not None and last in _COUNCIL_MEMBER and rest.startswith("의원") and not _is_stem(form):
            return unit_name(unit, published) + "의회", "legislature", _COUNCIL_MEMBER[last]
        # try a shorter form (광주시장 = 광주 + 시장 when 광주시 fails)
        shorter = [f for f in LG.by_form if word.startswith(f) and len(f) < len(form)]
        if not shorter:
            return None
        m = LG_RE.match(max(shorter, key=len))
        if m is None:
            return None
        word_form = m.group(0)
        rest = word[len(word_form):]
        t = title_after(word_form, rest)
        unit = resolve_form(word_form, published, context_sido)
        if t is not None and unit is not None:
            return unit_name(unit, published), "local_government", t
        return None
    return None


def local_government_of_title(word: str, published: _dt.date | None = None,
                              context_sido: str | None = None) -> str | None:
    """``동구청장`` -> ``광주광역시 동구`` (with context 광주); None if not a region title."""
    r = split_title(word, published, context_sido)
    return r[0] if r is not None else None
