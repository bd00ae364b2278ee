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
from typing import Iterable

from ..base import Context
from .lexicon import LG, REGION_FORMS, WORDS, Unit
from .patterns import trie_regex
from .scan import literal_matches


#: ambiguous forms resolved to this unit unless the context points elsewhere
DEFAULTS = {"광주": "광주광역시", "광주시": "광주광역시", "제주": "제주특별자치도"}


def _stem_forms() -> frozenset[str]:
    out = set()
    for u in LG.units.values():
        bare = u.name.split(" ")[-1]
        for f in u.forms:
            if f == u.name or f == bare:
                continue
            if u.level == "sido" and f.endswith(("시", "도")):
                continue  # 서울시, 충남도, 제주도: written with the suffix
            out.add(f)
    return frozenset(out)


_STEMS = _stem_forms()


def is_stem(form: str) -> bool:
    """True for a region written without its 시/군/구/도 (광주, 보령, 청도, 충남)."""
    return form in _STEMS


#: every local-government form; left boundary: not inside a word
LG_RE = re.compile(r"(?<![가-힣A-Za-z0-9])" + trie_regex(REGION_FORMS))

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
_SIDO_SET = frozenset(_SIDO_FORMS)
_GYEONGGI_GWANGJU = re.compile(r"경기(?:도)?\s*광주")
#: district/city forms naming units of one sido only (해운대구, 수원시)
_SIGUNGU_ONE_SIDO = {f: LG.at(LG.by_form[f][0], None).sido for u in LG.units.values() if u.level != "sido"
                     for f in u.forms if not is_stem(f) and len({LG.at(x, None).sido for x in LG.by_form[f]}) == 1}
_SIDO_OF_FORM: dict[str, str] = {}
for _f in _SIDO_FORMS:
    _u = _unit_current(DEFAULTS.get(_f, _f))
    if _u is not None:
        _SIDO_OF_FORM[_f] = _u.sido


def count_region(text: str, matches: Iterable[tuple[int, int, str]]) -> str | None:
    """The sido most named among region-form ``matches`` (start, end, form).

    Sido forms count 2, one-sido district/city names 1, datelines (``/광주=``) 3;
    a tie goes to the sido named first.
    """
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    gyeonggi_gwangju = None
    for s, e, f in matches:
        sido = None
        w = 0
        if f in _SIDO_SET:
            sido, w = _SIDO_OF_FORM.get(f), 2
            if f in ("광주", "광주시"):
                if gyeonggi_gwangju is None:
                    gyeonggi_gwangju = _GYEONGGI_GWANGJU.search(text) is not None
                if gyeonggi_gwangju:
                    sido, w = "경기도", 1
            if s > 0 and text[s - 1] in "/[(" and text[e:e + 1] == "=":
                w = 3
        elif f in _SIGUNGU_ONE_SIDO:
            sido, w = _SIGUNGU_ONE_SIDO[f], 1
        if sido is None:
            continue
        counts[sido] += w
        first.setdefault(sido, s)
    if not counts:
        return None
    top = max(counts.values())
    return min((first[k], k) for k, v in counts.items() if v == top)[1]


def region_of_text(text: str, spans: list[tuple[int, int]] | None = None) -> str | None:
    """The sido a text is mostly about (current official name), or None."""
    spans = spans or [(0, len(text))]
    ms = [(m.start(), m.end(), m.group(0)) for s, e in spans for m in LG_RE.finditer(text, s, e)]
    return count_region(text, ms)


def document_region(ctx: Context) -> str | None:
    """The sido the document is about (official name, e.g. ``광주광역시``), or None.

    Counted over the article zones: sido names and short forms, unambiguous
    district and city names, datelines (``/광주=``). Found once per document.
    """
    return ctx.once(_document_region)


def _document_region(ctx: Context) -> str | None:
    spans = ctx.article_spans if getattr(ctx, "zones", None) else [(0, len(ctx.text))]
    ms = [(s, e, f) for s, e, f in literal_matches(ctx) if f in LG.by_form
          and any(a <= s and e <= b for a, b in spans)]
    return count_region(ctx.text, ms)


# -- titles: 동구청장, 광주시장, 충남지사, 경북도지사 ------------------------------
_TITLE_BY_LAST = {
    "시": ("장", "청", "부시장"),
    "도": ("지사", "청", "부지사"),
    "구": ("청장", "청", "부구청장"),
    "군": ("수", "청", "부군수"),
}
_STEM_TITLES = WORDS["stem_titles"]
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
    if not is_stem(form) and last in _TITLE_BY_LAST:
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
        if unit is not None and last in _COUNCIL_MEMBER and rest.startswith("의원") and not is_stem(form):
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
