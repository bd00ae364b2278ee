"""Whose money, whose jobs: the ``subject`` of ``money`` and ``jobs`` facts (SPEC §2).

Money and jobs are found before organizations, so the subject is given in a
last pass (:func:`assign`), once the organization, person and award facts of the
document are known. The subject is the canonical name of the organization the
clause says acts on the amount: the actor of the clause holding it.

Rules, tried in this order for each amount (``sentence`` is the sentence of the
amount, cut at line breaks); the examples tables ``money/examples_subject.toml``
and ``jobs/examples_subject.toml`` hold a positive and a negative case of each:

``subject.each``
    one amount given to each of several bodies (``각각 4억원``, ``각 2억원``): null.
``subject.effect``
    an expected effect (``1,200억 원의 생산 유발 효과가 기대된다``, ``일자리 400개가 생길 것으로 전망``):
    null; an effect the text reports as realized goes on to the rules below.
``subject.not_own``
    an amount nobody acts on as its own: fines, damages, prices, pay (``과징금 8억 원``): null.
``subject.attracted``
    (money) investment a government attracts or signs for (``투자 유치``, ``투자협약``,
    ``투자를 이끌어``): the company that is the clause actor, else the one named company of the
    sentence, else null.
``subject.item``
    a list item: the organization heading the parenthesis holding the amount
    (``△A공사(938명)``, ``A사(400억 원 투자)``); null for several bodies in one item
    (``A·B(150명)``) or counted companies (``춘천 2개 기업(500억 원, 84명)``).
``subject.prize``
    prize money (``상금``, ``시상금``, ``포상금``...): the recipient of the sentence's award, else the
    clause actor before it (``구는 수상으로 받는 상금 5천만 원을``), else null (``수상자에게는 상금 100만원``).
``subject.actor``
    the nearest clause actor before the amount in the sentence: an organization with a topic
    or subject particle (``A시는``, ``A사가``, ``A시도``) or ``에서`` (``A시에서는``), a
    headline's ``A시,``, a person acting for an organization (``홍길동 A시장은`` -> A시), a
    word for the document's government (``시는``, ``도는`` -> the city or province the page
    names most), ``이 회사는`` (the company named before); a ministry with its public
    agencies (``A부와 B재단은``) is the ministry. Plural or unnamed actors (``이들 기업은``,
    ``7개 사는``, ``A시와 B시는``, ``한 업체가``) are actors too, and give null. An
    organization marked otherwise (``B시에 500억 원을 투자``) is not the actor.
``subject.recipient``
    no actor before it: a recipient right before the amount (``A시에는 5억 원``,
    ``6곳에도 1억 원``: null for several).
``subject.actor_after``
    the first actor after the amount in the same clause (``500억 원을 투자한 A사는``).
``subject.carried``
    no actor in the sentence: the last actor of the paragraph so far.
``subject.main``
    else the document's main actor (the named organization most often an actor), when the
    sentence speaks of what it does with money or jobs (예산, 국비, 투자, 지원, 일자리...) or
    the amount stands in a short list line (a budget table); otherwise null.

Everything is linear: each amount looks at most a bounded window of its
sentence through the Context's fact index.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from typing import Any

from ...fact import Fact
from ..base import Context
from . import WORDS

#: a headline's topic: "A시, 국비 30억 확보"
_HEAD_COMMA = re.compile(r"\s?,")
_EACH_BEFORE = re.compile(r"(?:각각|(?<![가-힣])각)\s?(?:약\s?)?$")
#: an attracted investment (투자 유치): the amount belongs to the investors
_ATTRACT = re.compile(r"유치(?!\s?(?:보조금|지원금|인센티브|포상금))|투자\s?(?:협약|양해각서|MOU|업무협약)|투자를?\s?(?:이끌어|끌어)")
#: an effect or an expectation, not an amount anyone acts on: 3314억원의 생산 효과, 264개 일자리 창출 기대
_EFFECT_AFTER = re.compile(r"[^.\n]{0,16}?(?:효과|유발)?[^.\n]{0,14}?(?:기대(?:된|되|한|하|$|\s)|전망|예상|예측|(?:될|생길|날|낼|볼)\s?것)")
#: what a government or company does with its own money or jobs (for the main-actor fallback)
_OWN_WORDS = re.compile(r"예산|국비|도비|시비|군비|구비|사업비|투자|투입|확보|편성|지원|배정|집행|출연|기금|보조금|"
                        r"창출|채용|고용|일자리|목표|조성|건립|구축|추진|들여|매출")
#: amounts nobody acts on as its own: fines, damages, prices, pay (과태료 2500만원, 판매 가격 2,255만원)
_NOT_OWN = re.compile(r"과태료|과징금|벌금|추징금|범칙금|배상|보상금|가격|판매가|월급|연봉|급여|보수월액|시세|시가총액|시장\s?규모")
#: a recipient right before the amount: 파주시에는 5억 원, 6곳에도 1억 원 (passive giving)
_DATIVE = re.compile(r"(?:에게는|에게도|에게|에는|에도)\s?(?:각각\s?|총\s?|모두\s?)?$")
#: a prize amount
_PRIZE = re.compile(r"상금|포상금|시상금|부상으로|인센티브|특별교부세|교부세")

_ACTOR_KINDS = {"local_government", "central_government", "legislature", "public_agency", "company",
                "university", "hospital", "association", "party", "other"}


def _canonical(f: Fact) -> str | None:
    c = f.fields.get("canonical")
    return c if isinstance(c, str) and c else None


def _sentence(ctx: Context, pos: int) -> tuple[int, int]:
    """The sentence holding ``pos``, cut at line breaks (a headline has no period)."""
    ss, se = ctx.sentence_of(pos)
    if not (ss <= pos < se):
        ss, se = pos, pos
    le = ctx.line_end(pos)
    return max(ss, ctx.line_start(pos)), (le if le < se else max(se, pos))


#: a word standing for the document's government: 시는, 도는, 군은, 구는 (the city, the province...)
_GOV_WORDS = {"시": "시", "도": "도", "군": "군", "구": "구", "시청": "시", "도청": "도", "군청": "군", "구청": "구",
              "본청": None}
#: a word standing for the company named before: 이 회사는, 해당 업체는, 동사는
_COMPANY_WORDS = frozenset(WORDS["company_words"])
#: a word for a business that names no one without a demonstrative (연구개발 업체가)
_UNNAMED_BODIES = frozenset(WORDS["unnamed_bodies"])
#: a plural or counted actor: 이들 기업은, 공공기관 340곳은, 5개사가, 시·군은 (an aggregate: null)
_PLURAL = re.compile(r"들$|\d+\s?(?:개|곳|개사|사|개소|개\s?기업|개\s?기관)$|·|등$|모두$|각$")
#: what a topic or subject particle may close that is not an actor (규모가, 예산은, 올해는...)
_MARKS = {"JKS", "JX"}

_NO = object()  # "no actor here": a marker that is not an actor (규모가, 예산은)


def _canonical_of_line_head(ctx: Context, f: Fact) -> bool:
    s, e = f.span
    text = ctx.text
    ls = ctx.line_start(s)
    j = s
    while j > ls and text[j - 1] in " [<(\t":  # (not a slice from the line's start: the line may be the page)
        j -= 1
    return j == ls and bool(_HEAD_COMMA.match(text, e))


class _Actors:
    """Every clause actor of the document (topic or subject of a clause), in text order.

    Each marker is ``(position, canonical or None)``: an organization, a person
    acting for one, a word for the document's government (시는) or the company
    just named (이 회사는), or None for a plural or counted actor (이들 기업은),
    whose amounts belong to no one body.
    """

    def __init__(self, ctx: Context) -> None:
        text = ctx.text
        self.ctx = ctx
        orgs = [f for f in ctx.facts.get("organization", ()) if _canonical(f)]
        by_end = {f.span[1]: f for f in orgs}
        people = {f.span[1]: f for f in ctx.facts.get("person", ())
                  if isinstance(f.fields.get("org"), str) and f.fields.get("org") and f.fields.get("title") not in (None, "기자")}
        counts: Counter = Counter()
        gov_counts: Counter = Counter()
        mentions: Counter = Counter(_canonical(f) for f in orgs)
        for f in orgs:
            if f.fields.get("kind") in ("local_government", "central_government"):
                c = _canonical(f) or ""
                gov_counts[c] += 1
                if f.fields.get("kind") == "local_government" and " " in c:
                    gov_counts[c.split(" ")[0]] += 1  # 인천광역시 계양구: the city above it
        marks: list[tuple[int, Any]] = []
        gov_best: dict[str | None, str | None] = {}
        last_company: str | None = None
        toks = ctx.tokens
        org_iter = sorted(orgs, key=lambda f: f.span)
        oi = 0

        def orgs_before(pos: int) -> None:
            # the organizations that end by ``pos``, in text order: the company last named, and
            # the ones heading their line, which act there (광주시, 2030년까지 ...)
            nonlocal oi, last_company
            while oi < len(org_iter) and org_iter[oi].span[1] <= pos:
                of = org_iter[oi]
                if of.fields.get("kind") == "company":
                    last_company = _canonical(of)
                if _canonical_of_line_head(ctx, of) and of.fields.get("kind") in _ACTOR_KINDS:
                    marks.append((of.span[0], _canonical(of)))
                oi += 1

        # only a topic or subject particle (은, 는, 도, 이, 가) or 에서 closes an actor: the
        # loop below reads those tokens only
        particles = [i for i, t in enumerate(toks)
                     if (t.tag in _MARKS and (t.tag != "JX" or t.form in ("은", "는", "도")))
                     or (t.tag == "JKB" and t.form == "에서")]
        for i in particles:
            t = toks[i]
            orgs_before(t.start)
            tag = t.tag
            if i == 0:
                continue
            p = toks[i - 1]
            if tag == "JX" and p.tag == "JKB" and p.form != "에서":
                continue  # 당진에는: a place, not an actor
            if tag == "JX" and p.tag == "JKB":
                p = toks[i - 2] if i >= 2 else p
            pend = p.start + p.len
            if p.tag == "SSC" and i >= 2:
                # 성동구(구청장 정원오)는: the mention before the parenthesis
                k = text.rfind("(", max(0, pend - 40), pend)
                pend = k if k != -1 else pend
            pos = t.start
            om = by_end.get(pend)
            if om is not None:
                if om.fields.get("kind") in _ACTOR_KINDS:
                    before = text[max(0, om.span[0] - 12):om.span[0]]
                    if re.search(r"(?:\d+\s?(?:개|곳)\s?|등\s?)$", before) or text.startswith(" 등", pend):
                        marks.append((pos, None))
                    else:
                        name = _coordinated(ctx, om, by_end)
                        marks.append((pos, name))
                        if name is not None:
                            counts[name] += 1
                continue
            if tag == "JKB":
                continue  # 에서 after anything but an organization: a place
            pf = people.get(pend)
            if pf is None:
                # 홍길동 A시장은: the title word after the name
                for back in (1, 2, 3):
                    if i - back - 1 < 0:
                        break
                    q = toks[i - back - 1]
                    pf = people.get(q.start + q.len)
                    if pf is not None:
                        break
            if pf is not None:
                marks.append((pos, pf.fields["org"]))
                continue
            word = text[max(0, pend - 12):pend]
            w = p.form
            if re.search(r"(?:^|\s)이들\s?[가-힣·]*$", word) or (
                    _PLURAL.search(word) and re.search(r"기업|업체|기관|시·군|시군|자치단체|지자체|회사|사$|곳$|개$", word)):
                marks.append((pos, None))  # 이들 기업은, 7개 사는, 이들 시·군은: several bodies
                continue
            if w in _GOV_WORDS and (i < 2 or toks[i - 2].start + toks[i - 2].len < p.start or toks[i - 2].tag in ("SP", "SS", "SSO", "SF")):
                suffix = _GOV_WORDS[w]
                if suffix not in gov_best:  # once per suffix: linear in the document
                    cands = [(c, k) for c, k in gov_counts.items() if suffix and c.endswith(suffix)]
                    gov_best[suffix] = min(cands, key=lambda x: (-x[1], len(x[0])))[0] if cands else None
                if gov_best[suffix] is not None:
                    marks.append((pos, gov_best[suffix]))
                continue
            if w in _UNNAMED_BODIES and not re.search(r"(?:이|그|해당|동)\s?[가-힣]*$", word[:-len(w)]):
                marks.append((pos, None))  # 연구개발 업체가, 일자리를 창출한 기업은: an unnamed body
                continue
            if w in _COMPANY_WORDS and re.search(r"(?:이|그|해당|동|이\s?들)\s?[가-힣]*$", word[:-len(w)] if len(word) >= len(w) else ""):
                if re.search(r"들\s?[가-힣]*$", word[:-len(w)]):
                    marks.append((pos, None))
                elif last_company is not None:
                    marks.append((pos, last_company))
                continue
        if toks:
            orgs_before(toks[-1].start)
        marks.sort(key=lambda m: m[0])
        self.marks = marks
        self.starts = [m[0] for m in marks]
        self.main: str | None = None
        self.main_marks = 0
        if counts:
            self.main = max(counts, key=lambda c: (counts[c], mentions[c]))
            self.main_marks = counts[self.main]

    def last_before(self, lo: int, pos: int) -> tuple[int, Any] | None:
        """The last marker in ``[lo, pos)`` (O(log n): no slice of the markers)."""
        j = bisect.bisect_left(self.starts, pos)
        return self.marks[j - 1] if j > 0 and self.starts[j - 1] >= lo else None

    def first_in(self, lo: int, hi: int) -> tuple[int, Any] | None:
        """The first marker in ``[lo, hi)``."""
        i = bisect.bisect_left(self.starts, lo)
        return self.marks[i] if i < len(self.starts) and self.starts[i] < hi else None


#: what joins two coordinated actors: A시와 B공단은, A·B는
_COORD = re.compile(r"(?:와|과|및|·|,|，)\s?$")
_GOV_KINDS = ("local_government", "central_government")


def _coordinated(ctx: Context, f: Fact, by_end: dict[int, Fact]) -> str | None:
    """The actor when ``f`` closes a coordination (``A부와 B재단, C원은``): a government acting
    with its public agencies is the government; other groups are several bodies (null)."""
    text = ctx.text
    members = [f]
    cur = f
    while len(members) < 8:  # bounded: a coordination of a few names
        s = cur.span[0]
        m = _COORD.search(text, max(0, s - 4), s)
        if m is None:
            break
        prev = None
        for end in range(m.start(), max(0, m.start() - 2) - 1, -1):
            prev = by_end.get(end)
            if prev is not None:
                break
        if prev is None:
            break
        members.append(prev)
        cur = prev
    if len(members) == 1:
        return _canonical(f)
    first, rest = members[-1], members[:-1]
    if first.fields.get("kind") in _GOV_KINDS and all(x.fields.get("kind") == "public_agency" for x in rest):
        return _canonical(first)
    return None


#: a list item: the organization(s) right before the parenthesis holding the amount
_ITEM_OPEN = re.compile(r"\((?:[^()\n]{0,24}[,，]\s?)?(?:약\s?|총\s?)?$")


def _item_subject(ctx: Context, s: int, ss: int) -> Any:
    """``A공사(938명)``, ``A사(400억 원 투자)``: the organization heading the item (or None for several)."""
    text = ctx.text
    m = _ITEM_OPEN.search(text, max(ss, s - 30), s)
    if m is None:
        return _NO
    p = m.start()
    if text[p:s].count("(") != 1:
        return _NO
    if re.search(r"\d+\s?개\s?(?:기업|업체|사|기관)$|기업들$|등$", text[max(ss, p - 12):p]):
        return None  # 춘천 2개 기업(500억 원, 84명): several bodies
    orgs = ctx.facts_ending_at("organization", p, max(ss, p - 60))
    if not orgs:
        return _NO
    f = orgs[0]
    prev = text[max(ss, f.span[0] - 2):f.span[0]]
    if prev.endswith(("·", "，", ",")) or re.search(r"[·,]\s?$", prev):
        return None  # 중소기업은행·한국남동발전(150명): several bodies
    return _canonical(f) if f.fields.get("kind") in _ACTOR_KINDS else _NO


def _subject(ctx: Context, f: Fact, actors: _Actors) -> tuple[Any, str]:
    """The subject of one amount, and the id of the rule that gave it."""
    text = ctx.text
    s, e = f.span
    ss, se = _sentence(ctx, s)
    if _EACH_BEFORE.search(text, max(ss, s - 6), s):
        return None, "subject.each"
    tail = text[e:min(se, e + 30)]
    if _EFFECT_AFTER.match(text, e, min(se, e + 30)):
        return None, "subject.effect"
    if _NOT_OWN.search(text, max(ss, s - 12), s) or _NOT_OWN.match(text, e, min(se, e + 10)) \
            or _NOT_OWN.search(text, e, min(se, e + 14)):
        return None, "subject.not_own"
    if f.type == "money" and (_ATTRACT.search(tail) or _ATTRACT.search(text, max(ss, s - 40), s)):
        companies = {_canonical(o) for o in ctx.facts_in("organization", max(ss, s - 300), min(se, e + 300))
                     if o.fields.get("kind") == "company" and _canonical(o)}
        actor = actors.last_before(ss, s)
        if actor is not None and actor[1] in companies:
            return actor[1], "subject.attracted"  # 투자협약에 따라 A사는 … 700억 원을 투자: the company acts
        return next(iter(companies)) if len(companies) == 1 else None, "subject.attracted"
    item = _item_subject(ctx, s, ss)
    if item is not _NO:
        return item, "subject.item"
    if _PRIZE.search(text, max(ss, s - 12), s):
        for a in reversed(ctx.facts_in("award", max(ss, s - 300), s)):
            r = a.fields.get("recipient")
            if isinstance(r, str) and r:
                return r, "subject.prize"
        before = actors.last_before(ss, s)
        if before is not None:
            return before[1], "subject.prize"  # 구는 수상으로 받는 상금 5천만 원을: the winner acting
        return None, "subject.prize"  # prize money of winners the sentence does not name
    before = actors.last_before(ss, s)
    if before is not None:
        return before[1], "subject.actor"
    d = _DATIVE.search(text, max(ss, s - 10), s)
    if d is not None:
        head = text[max(ss, d.start() - 12):d.start()]
        if re.search(r"(?:\d+\s?(?:곳|개)|들|등)$", head):
            return None, "subject.recipient"  # 시·군 6곳에도 1억 원: several recipients
        orgs = ctx.facts_ending_at("organization", d.start(), max(ss, d.start() - 60))
        if orgs and orgs[0].fields.get("kind") in _ACTOR_KINDS:
            return _canonical(orgs[0]), "subject.recipient"
    after = actors.first_in(e, se)
    if after is not None and not re.search(r"[,，]|(?:고|며|면서|지만)\s", text[e:after[0]]):
        return after[1], "subject.actor_after"
    # no actor in the sentence: the last actor of the paragraph so far, else the document's main actor
    ps = ctx.line_start(ss)
    prev = actors.last_before(ps, ss)
    if prev is not None:
        return prev[1], "subject.carried"
    # the document's main actor: only when it is the actor of several clauses and the amount is
    # one it acts on (its budget, investment, support, jobs), or an item of a short list line
    if actors.main is None or actors.main_marks < 1:
        return None, "subject.main"
    ls = ctx.line_start(s)
    le = ctx.line_end(e)
    if _OWN_WORDS.search(text, max(ss, s - 200), min(se, e + 200)) or le - ls <= 40:
        return actors.main, "subject.main"
    return None, "subject.main"


def _span_start(f: Fact) -> int:
    return f.span[0]


def assign(ctx: Context, facts: list[Fact]) -> list[Fact]:
    """The facts with ``subject`` set on every money and jobs fact (null when no actor)."""
    if not any(f.type in ("money", "jobs") for f in facts):
        return facts
    actors = _Actors(ctx)
    out: list[Fact] = []
    for f in ctx.paced(facts, "the subject pass", _span_start):
        if f.type in ("money", "jobs") and "subject" not in f.fields:
            fields: dict[str, Any] = dict(f.fields)
            fields["subject"], _rule = _subject(ctx, f, actors)
            f = Fact(type=f.type, text=f.text, span=f.span, fields=fields, rule=f.rule, evidence=f.evidence)
        out.append(f)
    return out
