"""People with their titles and organizations (SPEC: ``person`` = name, title, org).

The span of a fact is the name alone; ``title`` is the role word without its
organization prefix and ``org`` the canonical organization (through the
organization extractor's ``canonicalize``). Steps:

1. every lexicon title ending a word is a candidate anchor (``patterns``):
   ``NAME [ORG] TITLE``, ``[ORG] TITLE NAME``, ``ORG NAME TITLE``,
   ``ORG(TITLE NAME)`` and reporters' bylines;
2. foreign names before a parenthesis, names without a title and byline
   name lines (``extra``);
3. a title with no organization in the text takes the document's local
   government when it is a local-government title (``김종효 행정부시장`` ->
   ``광주광역시``), and a company head's title the company the page is
   clearly about (``최연혜 사장`` in a page about 코레일);
4. mentions of one name share the fullest title/org found for it, and later
   mentions of a found full name are facts too (a surname alone never is).
"""

from __future__ import annotations

import regex as re

from ..base import Context, Rule, Taken, select
from ...fact import Fact
from . import orgs
from .extra import bare_names, foreign_names, repeat_mentions
from .lexicon import JOSA, countries, foreign_starts, title_regex
from .words import word_start
from .model import bare_people
from .patterns import Found, match_title, title_hits

RULES: list[Rule] = [
    Rule("person.name_title", "person", "a name followed by its title, with the organization between or fused "
         "(임택 동구청장, 조인철 광주시 문화경제부시장, 민주당 이재명 대표)"),
    Rule("person.title_name", "person", "a title followed by the name (국토교통부 장관 서승환, 충남지사 안희정)"),
    Rule("person.appositive", "person", "an organization with its head in parentheses (성동구(구청장 정원오))"),
    Rule("person.byline", "person", "a reporter's byline ([아이뉴스24 김상진 기자], /박진표 기자, 박진표기자)"),
    Rule("person.byline_name", "person", "a name alone on a bulleted byline line under the headline (• 윤만형)"),
    Rule("person.contact", "person", "the officer in a press release's contact cell (일자리정책과 | 홍길동 | 062-123-4567), "
         "org the document's government"),
    Rule("person.foreign", "person", "a Hangul-written name before a parenthesis with its Latin form or age and "
         "affiliation (장 피에르 소바주(Jean-Pierre Sauvage, 프랑스 스트라스부르대 교수, 72))"),
    Rule("person.bare_name", "person", "a name without a title: 김은경(53) 씨, 홍길동 씨, 문재인 정부"),
    Rule("person.nnp_name", "person", "a Korean name Kiwi reads as a proper noun, followed by a person's particle, "
         "a list comma or 씨/등, with no title (김민호는, 박서연과 이도윤이)"),
    Rule("person.foreign_nnp", "person", "a transliterated foreign name (one proper noun of a foreign shape, no org "
         "or place) with a title, age or verb of saying near it (마크롱은 ... 말했다)"),
    Rule("person.repeat", "person", "a later mention of a full name found by another rule (이용섭은)"),
]


#: a word after the title that makes the role: an acting holder (황교안 대통령 권한대행, 정한중 징계위원장
#: 직무대리) or a candidate or elect (이완구 총리 후보자, 박근혜 대통령 당선자) - not the office itself
_ACTING = re.compile(rf"[ \t]+((?:권한|직무)[ \t]?(?:대행|대리)|후보자?|당선자)(?=(?:{JOSA})?(?![가-힣A-Za-z0-9]))")


def _acting(text: str, f: Found) -> None:
    """``대통령 권한대행``, ``총리 후보자``: the acting or candidate role is the title, not the office."""
    if f.title is None or f.title_span is None:
        return
    m = _ACTING.match(text, f.title_span[1])
    if m is not None:
        f.title = f"{f.title} {m.group(1)}"
        f.title_span = (f.title_span[0], m.end(1))


def _infer_org(ctx: Context, f: Found) -> None:
    """A local-government title with no organization in the text: the document's government."""
    info = f.info
    if f.org is not None or info is None:
        return
    if info.lg is not None:
        gov = orgs.document_government(ctx, info.lg)
        if gov is not None:
            f.org = gov + (info.append or "")
    elif info.group == "corp" and info.title != "대표":
        # 최연혜 사장 in a page about 코레일: the company the page is clearly about
        f.org = orgs.document_company(ctx)
    f.inferred = f.org is not None


def _score(f: Found) -> tuple[int, int, int]:
    """Fullest mention first: an org read in the text beats one inferred from the page."""
    return ((f.title is not None) + 2 * (f.org is not None), not f.inferred, len(f.title or ""))


def _merge(found: list[Found]) -> None:
    """Mentions of one name share its fullest title and organization."""
    by_name: dict[str, list[Found]] = {}
    for f in found:
        by_name.setdefault(f.name, []).append(f)
    for group in by_name.values():
        best = max(group, key=_score)
        if best.title is None:
            continue
        for f in group:
            if f is best:
                continue
            compatible = f.title is None or (best.title.endswith(f.title) and (f.org in (None, best.org) or f.inferred))
            if compatible:
                f.title, f.org = best.title, best.org


def _span(f: Found) -> tuple[int, int]:
    return f.start, f.end


def extract(ctx: Context) -> list[Fact]:
    text = ctx.text
    found: list[Found] = []
    for hit in title_hits(ctx):
        f = match_title(ctx, hit)
        if isinstance(f, list):
            found.extend(f)
        elif f is not None:
            found.append(f)
    found.extend(foreign_names(ctx))
    found.extend(bare_names(ctx))
    # the name model: not where a title rule found a person or its organization, not a name found
    # already (its other mentions are repeats)
    taken = {f.start for f in found} | {f.org_span[0] for f in found if f.org_span is not None}
    known = {text[f.start:f.end] for f in found}
    occupied = Taken()  # the mentions found so far (where two overlap, the first by start)
    for f in sorted(found, key=lambda f: f.start):
        occupied.take(f.start, f.end)
    for s, e, rule in bare_people(ctx, taken):
        if text[s:e] in known or not occupied.free(s, e):
            continue  # 피에르 소바주 inside 장 피에르 소바주 found before
        f = Found(s, e, rule.split(":")[0])
        if rule.endswith(":title"):  # 바이든 부통령: the title word after the name
            m = title_regex().search(text, e, min(len(text), e + 40))
            if m is not None:
                ts = word_start(text, m.start())
                if text[ts:m.start()] in countries():
                    ts = m.start()
                f.title, f.title_span = text[ts:m.end()], (ts, m.end())
        found.append(f)
    # one mention per name start: the first rule wins (title rules come first)
    starts = {f.start for f in found}
    kept = [f for f in select(found, _span, clash="start") if ctx.in_article(f.start, f.end)]
    # a foreign family name alone (소바주 교수, after 장 피에르 소바주) is a short mention, not a full name
    family = {text[f.start:f.end].rsplit(" ", 1)[1] for f in kept if " " in text[f.start:f.end]}
    # a Japanese family name comes first (기시다 총리, after 기시다 후미오)
    family |= {w for f in kept if " " in text[f.start:f.end]
               for w in [text[f.start:f.end].split(" ", 1)[0]] if foreign_starts().get(w) == "jp"}
    if family:
        kept = [f for f in kept if text[f.start:f.end] not in family]
    names = {text[f.start:f.end] for f in kept}
    for f in repeat_mentions(ctx, names, starts):
        kept.append(f)
    for f in kept:
        f.name = text[f.start:f.end]
        _acting(text, f)
        _infer_org(ctx, f)
    _merge(kept)
    facts = []
    for f in kept:
        evidence = {}
        if f.title_span is not None:
            evidence["title"] = f.title_span
        if f.org_span is not None:
            evidence["org"] = f.org_span
        facts.append(ctx.fact("person", f.start, f.end, f.rule, evidence=evidence, name=f.name,
                              title=f.title, org=f.org))
    facts.sort(key=lambda x: x.span)
    return facts
