"""Organizations: named organizations with their canonical name and kind.

The people and awards extractors (which run after this one) ask it through
``api.py``: ``canonical(ctx, surface)`` (what :func:`canonicalize` says with the
document's date and region) and ``document_region(ctx)``. Other helpers:

* :func:`canonicalize` ``(surface, published=None, context_sido=None)`` ->
  ``(canonical, kind)`` or None: ``행안부`` -> ``("행정안전부",
  "central_government")``; ``광주시`` -> ``("광주광역시", "local_government")``;
  ``동구`` with context ``광주광역시`` -> ``광주광역시 동구``.
* :func:`document_region` ``(ctx)`` -> the sido the document is about.
* :func:`split_title` ``(word, published=None, context_sido=None)`` ->
  ``(canonical, kind, title)``: ``동구청장`` -> ``("광주광역시 동구",
  "local_government", "구청장")``; :func:`local_government_of_title` returns
  just the canonical name.
* :func:`region_of_text` ``(text)``: the same region guess for a bare string.

Layout: ``patterns.py`` (shared grammar pieces), ``dating.py`` (the date of an
undated page), ``lexicon.py`` (TSV loaders, dated resolution, the loaded lexicons),
``scan.py`` (one literal pass over region forms and aliases), ``regions.py``
(local-government resolution, document region, titles), ``names.py``
(lexicon, head words, universities, bylines, abbreviations, legal forms),
``local.py`` (region mentions decided by grammar), ``canonical.py``
(:func:`canonicalize`), ``companies.py``, ``departments.py``, ``api.py`` (for
people and awards); each imports only those before it. Data in
``local_governments.tsv`` and ``organizations_*.tsv``, examples in
``examples_*.toml``.
"""

from __future__ import annotations

import re
from typing import Any

from ..base import Context, Rule, Taken, select
from ...fact import Fact
from .canonical import canonicalize
from .companies import find_companies, find_neighbours
from .dating import effective_date
from .departments import find_departments
from .lexicon import WORDS
from .local import find_local_governments
from .names import (SUFFIX_KINDS, find_abbreviations, find_bylines, find_hospital_lists, find_legal_forms,
                    find_branches, find_lexicon, find_military, find_university_lists, find_suffixed, find_universities, lookup)
from .patterns import hangul_rest, is_particles
from .regions import LG, document_region, local_government_of_title, region_of_text, split_title

__all__ = ["RULES", "extract", "canonicalize", "effective_date", "document_region", "split_title", "local_government_of_title",
           "region_of_text"]

RULES: list[Rule] = [
    Rule("organization.lexicon", "organization",
         "Known organizations and their short forms (ministries, agencies, parties, media, companies, "
         "universities, hospitals), resolved by the article's date"),
    Rule("organization.region", "organization",
         "A local government named when it acts or is the topic (광주시는, 대구와의, 광주 동구는), not a place"),
    Rule("organization.region_title", "organization",
         "A local government written with its head's title (동구청장, 경북도지사, 광주시장)"),
    Rule("organization.council", "organization", "A local council or education office (충남도의회, 광주시교육청)"),
    Rule("organization.suffix", "organization",
         "A name ending in an organization head word (진흥원, 재단, 협회, 위원회, 대학교, 병원...)"),
    Rule("organization.university", "organization",
         "A university as X대: foreign after a country name (스트라스부르 대학교), Korean before 교수/총장"),
    Rule("organization.hospital_list", "organization", "University hospitals in a list (전남대·조선대학교 병원)"),
    Rule("organization.legal_form", "organization", "A company with a legal-form marker (㈜태성 -> 태성)"),
    Rule("organization.abbreviation", "organization",
         "An abbreviation defined in the text (녹색 기후 기금(Green Climate Fund, GCF)) and its later uses"),
    Rule("organization.byline", "organization",
         "A media outlet named in a byline or dateline ([아이뉴스24 김상진 기자], (서울=뉴시스), by 광주일보)"),
    Rule("organization.company_ceo", "organization", "A company with its head in parentheses (한빛정밀(대표 박지훈))"),
    Rule("organization.company_list", "organization",
         "Members of a list counted as companies (A·B·C 등 3개 기업, A, B 등 대기업, A B 등 2개사)"),
    Rule("organization.company_pact", "organization", "The other party of an agreement (한빛정밀과 투자협약을 체결)"),
    Rule("organization.company_invest", "organization", "Who spends on a plant (한빛정밀이 120억원을 들여)"),
    Rule("organization.company_head", "organization",
         "A proper-noun stem with a company head word (한빛전자, GS건설) or 사 after a country (독일 레콤사)"),
    Rule("organization.company_role", "organization",
         "The company between a person's name and a company role (박지훈 한빛정밀 대표)"),
    Rule("organization.company_neighbour", "organization",
         "An unknown name listed with · beside a known organization (한빛정밀·한국전력공사)"),
    Rule("organization.military", "organization",
         "A unit of the armed forces named with its service (육군 35사단 106여단, 공군 제8전투비행단, 육군훈련소)"),
    Rule("organization.department", "organization",
         "A department of the page's local government where the text speaks of departments (부서 표창은 A과와 B담당관)"),
    Rule("organization.branch", "organization",
         "A known agency's or company's branch and the branches listed after it (한국농어촌공사 상주지사, 성주지사)"),
    Rule("organization.university_list", "organization",
         "Members of a list counted as universities (A대·B대 천안캠퍼스·C대 등 3개교)"),
    Rule("organization.regional_agency", "organization",
         "A regional agency written without its region (경제자유구역청 in a 광주 article)"),
]

_PRIORITY = {"lexicon": 0, "byline": 1, "council": 1, "region": 1, "region_title": 1, "university": 2,
             "hospital_list": 2,
             "regional_agency": 3, "abbreviation": 3, "legal_form": 4, "suffix": 5, "company_ceo": 6, "company_list": 6,
             "company_pact": 6, "company_invest": 6, "company_head": 7, "company_role": 6, "company_neighbour": 8, "military": 2, "department": 2, "branch": 0, "university_list": 2}

#: agencies every region has one of, written bare in its own news
_REGIONAL_HEADS = WORDS["regional_heads"]
_REGIONAL_RE = re.compile("(?=[" + "".join(sorted({h[0] for h in _REGIONAL_HEADS})) + "])"  # a fast skip, same matches
                          + r"(?<![가-힣A-Za-z0-9])(" + "|".join(_REGIONAL_HEADS) + ")")


#: clutter around a name: a copyright notice's web address, a menu path (SPEC: clutter gives no facts)
_CLUTTER_AFTER = re.compile(r"\s?\(\s?(?:www\.|https?://)| > \S")
_MENU_BEFORE = re.compile(r"\S > $")


def _sido_stem(sido: str) -> str | None:
    u = LG.by_name.get(sido)
    if u is None:
        return None
    short = [f for f in u.forms if f != u.name and len(f) == 2]
    return short[0] if short else None


def _regional(ctx: Context) -> list[dict[str, Any]]:
    out = []
    text = ctx.text
    if not any(h in text for h in _REGIONAL_HEADS):
        return out  # (three substring tests cost less than the scan, on the many pages with none)
    for m in _REGIONAL_RE.finditer(text):
        rest = hangul_rest(text, m.end())
        if not is_particles(rest):
            continue
        region = document_region(ctx)
        stem = _sido_stem(region) if region else None
        if stem is None:
            continue
        canonical = stem + m.group(1)
        entry = lookup(canonical, ctx.published)
        kind = entry.kind if entry else SUFFIX_KINDS.get(m.group(1), "public_agency")
        out.append({"start": m.start(), "end": m.end(), "canonical": entry.canonical if entry else canonical,
                    "kind": kind, "rule": "regional_agency"})
    return out


def _candidates(ctx: Context) -> list[dict[str, Any]]:
    cands: list[dict[str, Any]] = []
    for f in find_local_governments(ctx):
        if f["kind"] == "legislature" or f["canonical"].endswith("교육청"):
            f["rule"] = "council"
        elif f.get("title"):
            f["rule"] = "region_title"
        else:
            f["rule"] = "region"
        cands.append(f)
    lex = find_lexicon(ctx)
    cands += lex
    cands += find_branches(ctx, lex)
    cands += find_universities(ctx)
    cands += find_university_lists(ctx)
    cands += find_legal_forms(ctx)
    cands += find_suffixed(ctx)
    cands += _regional(ctx)
    cands += find_bylines(ctx)
    cands += find_companies(ctx)
    cands += find_military(ctx)
    cands += find_departments(ctx)
    return cands


def _span(f: dict[str, Any]) -> tuple[int, int]:
    return f["start"], f["end"]


def _select(cands: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Overlapping candidates: the longest wins, then the more trusted rule."""
    return select(cands, _span, longest=True, rank=lambda f: _PRIORITY[f["rule"]])


def extract(ctx: Context) -> list[Fact]:
    given = ctx.published
    if given is None:
        # an undated page: its names as of the years the text states (see dating.py)
        ctx.published = effective_date(ctx)
    try:
        return _extract(ctx)
    finally:
        ctx.published = given


def _extract(ctx: Context) -> list[Fact]:
    chosen = _select(_candidates(ctx))
    hosp = find_hospital_lists(ctx)
    if hosp:  # a list of university hospitals wins over what the other rules read in it
        lists = Taken(map(_span, hosp))
        chosen = [f for f in chosen if lists.free(*_span(f))] + hosp
    chosen += find_abbreviations(ctx, chosen)
    # unknown names listed with · beside the organizations found (after abbreviations: KR may be one)
    chosen += select(find_neighbours(ctx, chosen), _span, taken=Taken(map(_span, chosen)))
    # coreference: a name first written in full (제18대 대통령직 인수위원회) keeps that
    # canonical for later short forms of the same organization (인수위)
    chosen.sort(key=lambda f: f["start"])
    fuller: dict[str, str] = {}
    for f in chosen:
        base = f.get("base")
        if base is None:
            continue
        if f["canonical"] != base:
            fuller.setdefault(base, f["canonical"])
        elif base in fuller:
            f["canonical"] = fuller[base]
    facts = []
    for f in chosen:
        s, e = f["start"], f["end"]
        if _CLUTTER_AFTER.match(ctx.text, e) or _MENU_BEFORE.search(ctx.text, max(0, s - 4), s):
            continue  # 중도일보(www.…), 무단전재: a copyright notice; 뉴스종합 > 지방자치뉴스: a menu path
        facts.append(ctx.fact("organization", s, e, f"organization.{f['rule']}", name=ctx.text[s:e],
                              canonical=f["canonical"], kind=f["kind"]))
    facts.sort(key=lambda x: x.span)
    return facts
