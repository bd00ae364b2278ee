"""Award facts: prizes, top grades and honors conferred on an organization or a person.

The extractor works in three named steps:

1. **candidates** - one compiled regex (:data:`lexicon.PRIZE_RE`) finds every
   possible prize: levels (`최우수상`, `최우수기관`, `최고등급`, `대상`), honors
   (`대통령상`, `행정안전부장관 표창`), Nobel prizes and other named prizes
   (`황금종려상`);
2. **receiving check** - Kiwi tokens after the candidate must say it was
   received (`을 수상했다`, `으로 선정돼`, `은 … 에게 돌아갔다`, `수상`);
   `대상으로`, `대상자`, `인상을 받았다`, `동상을 받치는` fail here;
3. **clause grammar** (:mod:`.grammar`) - recipient(s), event, organizer,
   category and year;
4. **document step** (:mod:`.document`) - an event's full name and organizer
   from its other mentions, events named only as `같은 대회`, an honor merged
   into the level prize of its clause, then one fact per recipient.

Layout: ``lexicon.toml`` (the prize patterns), ``words.tsv`` (the word
lists of the prize finder and the clause grammar) and :mod:`.lexicon` (both, compiled),
:mod:`.mention` (working state, clauses, quoted titles), :mod:`.grammar`,
:mod:`.document`; ``examples.toml`` holds the example table.
"""

from __future__ import annotations

from typing import Any, Sequence

import regex as re

from ..base import Context, Rule, Taken
from ...fact import Fact
from . import grammar as gr
from . import lexicon as lx
from .document import build_facts, merge_honors
from .mention import (Mention, clause_of, clause_tokens, first_token_ending_after, first_token_starting_at,
                      quoted_events, year_of)

RULES: list[Rule] = [
    Rule(id="award.level_prize", type="award",
         description="a prize level or top grade received: 최우수상, 대상, 최우수기관, 우수 지자체, 최고등급, SA등급"),
    Rule(id="award.honor", type="award",
         description="an honor conferred by an office: 대통령상, 국무총리 표창, 행정안전부장관상, 표창"),
    Rule(id="award.nobel", type="award", description="a Nobel prize: 노벨 화학상 -> event 노벨상, category 화학"),
    Rule(id="award.named_prize", type="award", description="another named prize received: 황금종려상, 여성운동상"),
    Rule(id="award.select_object", type="award",
         description="the selected after the prize: X는 최우수기관으로 A시와 B군을 선정 -> A시, B군; organizer X"),
    Rule(id="award.organizer_announcer", type="award",
         description="organizer = the body announcing/conferring in the clause: X는 … A시를 우수기관으로 선정했다 -> X"),
    Rule(id="award.apposition", type="award",
         description="the body a prize is: 우수기관인 대구 수성구는 -> 대구광역시 수성구; 국무총리상인 최우수상 -> honor"),
    Rule(id="award.listed_before", type="award",
         description="a list before 등 holding the prize counted after it: A시, B군 등 우수 시·군 6곳"),
    Rule(id="award.shared_head", type="award",
         description="a level sharing the next prize's verb: A시가 최우수, B군이 우수 기관으로 선정"),
    Rule(id="award.copula_list", type="award",
         description="those who got it, listed by a copula: 최우수등급을 받은 곳은 A시와 B군이다; … 가운데 G형은 A·B 등 2곳"),
    Rule(id="award.collective_event", type="award",
         description="a prize named only in the event: ‘E’ 시상식에서 A시·B군 등 5곳이 상을 받았다; 산업 부문 수상자에는 A가"),
    Rule(id="award.level_list", type="award",
         description="a list by level: 우수상은 A시와 B군, 장려에 C군이 각각 선정 -> one fact per recipient"),
]


# -- step 1: candidates ----------------------------------------------------------------

#: words ending in 상 the named-prize pattern finds that name no prize of their own (`수상`, a bare `대상`)
_NOT_NAMED_PRIZES = frozenset(lx.WORDS["not_named_prizes"])


def _candidates(text: str, compound: dict[int, int]) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, award) for every possible prize.

    ``compound`` receives, for a `…대상` word cut to its 대상 (`일자리대상`), 대상's start -> the word's.
    """
    out = []
    for m in (m for ws, we in lx.prize_windows(text) for m in lx.PRIZE_RE.finditer(text, ws, we)):
        kind = m.lastgroup
        s, e = m.span()
        word = m.group()
        if kind == "level":
            award = lx.level_of(re.sub(r"\s+", " ", word)) or lx.level_of(word)
        elif kind == "honor":
            award = lx.honor_of(word)
        elif kind == "nobel":
            award = re.sub(r"\s+", "", word)
        elif kind == "commend":
            award = "표창"
        elif kind == "bare":
            award = word
        else:
            hs = lx.honor_suffix(word)
            ls = lx.level_suffix(word)
            if lx.level_of(word):
                kind, award = "level", lx.level_of(word)
            elif hs:
                kind, award = "honor", hs[1]
                s = s + hs[0]
            elif ls and word[ls[0]:] not in ("금상", "은상", "동상"):
                kind, award = "level", ls[1]
                if ls[1] == "대상":  # `일자리대상`: the program's name, the prize 대상
                    compound[s + ls[0]] = s
                    s = s + ls[0]
            elif word in _NOT_NAMED_PRIZES:
                continue
            else:
                award = word
        if award:
            out.append((kind, s, e, award))
    return out


# -- step 2: the receiving check ----------------------------------------------------------

def _skip_paren(toks: Sequence[Any], i: int) -> int:
    """Index after a parenthesis starting at ``i`` (`최고등급(SA등급)을`), else ``i``."""
    if i < len(toks) and toks[i].form == "(":
        depth = 0
        while i < len(toks):
            if toks[i].form == "(":
                depth += 1
            elif toks[i].form == ")":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
    return i


def _non_prize(toks: Sequence[Any], i0: int, i1: int) -> bool:
    """A named candidate whose last morpheme is a 상-noun that is no prize (`피해보상`, `예수상`)."""
    last = toks[i1 - 1]
    if last.form == "상" and i1 - 2 >= i0:
        key = toks[i1 - 2].form + "상"
    else:
        key = last.form
    whole = "".join(t.form for t in toks[i0:i1])
    return lx.is_non_prize(key) or lx.is_non_prize(whole)


def _receiving(kind: str, award: str, toks: Sequence[Any], i0: int, i1: int, text: str) -> str | None:
    """How the clause says the prize was received: 'object', 'select', 'subject', 'noun', or None."""
    n = len(toks)
    i = _skip_paren(toks, i1)
    if i < n and toks[i].tag == "SSC":
        i += 1
    if i >= n:
        return "noun" if kind in ("level", "honor") and award != "대상" and i0 > 0 else None
    t = toks[i]
    if t.form in lx.RECEIVE_NOUNS and t.tag.startswith("NN"):
        return "work" if t.form in ("수상작", "수상팀") else "noun"
    if t.form == "선정" and t.tag == "NNG" and award != "대상" and (i + 1 >= n or toks[i + 1].tag in ("SF", "SP")):
        return "noun"  # headline: `… 최우수 기관 선정`
    if t.form == "이름" and i + 1 < n and gr.stem(toks[i + 1]) in ("올리", "오르"):
        return "noun"  # `우수기관 이름 올려`
    if t.form in ("…", "...", "‥") and award != "대상" and not any(x.tag == "EF" for x in toks):
        return "noun"  # headline: `정부혁신평가 최우수기관…대통령 표창`
    # a prize named after its level with a division: `부문 대상에 선정`
    division = any(x.form in lx.CATEGORY_WORDS for x in toks[max(0, i0 - 3):i0])
    if t.tag == "JC" or (t.form in ("와", "과") and t.tag == "JKB") or (t.form == "등" and t.tag == "NNB"):
        # `대상과 최우수상을 수상`, `최우수상 등을 수상`: read on from the object particle
        j = next((k for k in range(i + 1, min(n, i + 8)) if toks[k].tag == "JKO"), None)
        if j is None:
            return None
        if t.form != "등" and not lx.PRIZE_RE.search(text, toks[i + 1].start, toks[j].start):
            return None  # `지원 대상과 범위를`: the other conjunct is no prize
        i, t = j, toks[j]
    if t.tag == "JKO" or (t.tag == "JX" and t.form in ("도", "까지", "만")):
        # `A시가 대통령상을, B군과 C군은 국무총리상을 각각 받았다`: past 8 tokens only names,
        # particles and commas may stand between the object and its verb
        for n_x, x in enumerate(toks[i + 1:i + 30]):
            if x.tag in ("SF",) or x.tag == "EF":
                break
            if (gr.stem(x) in lx.RECEIVE_VERBS or x.form in lx.RECEIVE_VERBS) and x.form not in ("선정", "뽑히"):
                if x.tag.startswith("VV") or x.tag.startswith("NN") or x.tag == "XSV":
                    return "object"
            if n_x >= 7 and (x.tag[:2] in ("VV", "VA", "VX", "XS", "EC") or x.tag == "ETM"):
                break
        return None
    if t.tag == "JKB" and t.form in ("으로", "로", "에"):
        if award == "대상" and not division and not _TOP_INSTITUTION.fullmatch(text, toks[i0].start, toks[i1 - 1].end):
            return None
        for k in range(i + 1, min(n, i + 12)):  # (by index: toks.index per token rescanned the clause)
            x = toks[k]
            if gr.stem(x) in lx.SELECT_VERBS or x.form in lx.SELECT_VERBS or (
                    x.form in ("평가", "인정") and k + 1 < n and gr.stem(toks[k + 1]) == "받"):
                # `우수기관으로 평가받았다`, `최우수기관으로 인정받아`
                return "select"
            if x.tag in ("SF", "EF"):
                break
        return None
    if t.tag == "JKG" and t.form == "의":
        if i + 1 < n and toks[i + 1].form == "영예":
            return "object"
        return None
    if (t.tag == "JX" and t.form in ("은", "는")) or (t.tag == "JKS" and t.form in ("이", "가")):
        # `대상은 X에게 돌아갔다`, `대상은 X가 차지했다` (not `동상은 … 사랑을 받아`)
        subj = False
        for k in range(i + 1, n):
            x = toks[k]
            if x.tag in ("SF", "EF"):
                break
            if gr.stem(x) in lx.GIVEN_VERBS or x.form in lx.GIVEN_VERBS:
                return "subject"
            if x.tag == "JKS":
                subj = True
            nxt = toks[k + 1] if k + 1 < n else None
            if subj and x.form in ("차지", "수상", "거머쥐") and (
                    x.tag.startswith("VV") or (nxt is not None and nxt.tag.startswith("XSV"))):
                return "subject"
        return None
    if t.tag in ("VV", "VV-R") and gr.stem(t) in lx.RECEIVE_VERBS and t.form not in ("선정",):
        return "object"
    return None


_APPOS_GAP = re.compile(r"인\s")
_QUOTED_PROGRAM = re.compile(r"['‘\"“]([^'‘’\"“”\n]{2,40})['’\"”]\s([가-힣]{2,6})\s")
_WORK_MARK = re.compile(r"['‘“\"「『<《]")
_TOP_INSTITUTION = re.compile(r"대상\s?기관")
_QUOTED_EVENT_BEFORE = re.compile(r"[’'”\"」]\s?에서\s$")
#: a slot listing only departments (`문화예술과`, `A과와 B담당관`): named though no organization fact
_DEPARTMENT_LIST = re.compile(r"(?:[가-힣]{2,12}(?:과|담당관)(?:와|과|,\s?|·)?)+")
_GOV_WORD = re.compile(r"[가-힣]{1,5}(?:시|군|구)(?=[은는이가에와과,\s])")


def _named_in(ctx: Context, s: int, e: int) -> bool:
    """Does ``[s, e)`` hold an organization or person fact (a list of recipients, not `주민이`)?"""
    return bool(ctx.facts_in("organization", s, e) or ctx.facts_in("person", s, e))


def _apposition_head(ctx: Context, e: int) -> tuple[int, int] | None:
    """`우수기관인 대구 수성구는`, `최우수 시·군인 A시에는`: the named body the prize is (rule ``award.apposition``).

    The prize is followed by `인` and an organization or person fact (or a list of
    them) marked by a particle; the span of that list, else None.
    """
    text = ctx.text
    if not _APPOS_GAP.match(text, e):
        return None
    h = e + 2
    first = next((f for t in ("organization", "person") for f in ctx.facts_in(t, h, h + 40) if f.span[0] == h), None)
    first_end = first.span[1] if first is not None else None
    if first is None:
        # a local government the organization extractor read as a place (`A시에는 5억원이`)
        w = _GOV_WORD.match(text, h)
        if w is None or gr.canonical_name(ctx, h, w.end(), ctx.tokens_in(h, w.end()), {}) is None:
            return None
        first_end = w.end()
    toks = ctx.tokens_in(h, min(len(text), h + 120))
    for k, t in enumerate(toks):
        if t.start < first_end:
            continue
        if t.tag in ("JX", "JKS", "JKB") and not gr.is_conj(t):
            return h, t.start
        if not (t.tag in gr.NOUNISH or gr.is_conj(t) or t.form in (",", "·", "ㆍ")):
            return None
    return None


#: counters of places after a number closing a list of winners (`A시 등 우수 6곳`)
_PLACE_COUNTERS = frozenset(lx.WORDS["place_counters"])


def _listed_before(ctx: Context, toks: Sequence[Any], i0: int, i1: int) -> tuple[int, int] | None:
    """`A시, B군 등 우수 시·군 6곳`: the list before 등 holds the prize counted after it (rule ``award.listed_before``).

    Between 등 and the prize only a few nouns (`광역·기초`); after the prize a count
    of places (`N곳`, `N개 기관`). The list must name an organization.
    """
    k = i0 - 1
    steps = 0
    while k > 0 and steps < 3 and toks[k].form != "등" and (toks[k].tag in ("NNG", "SW") or toks[k].form in ("·", "ㆍ")):
        k -= 1
        steps += 1
    if k <= 0 or toks[k].form != "등" or toks[k].tag != "NNB":
        return None
    if not (i1 + 1 < len(toks) and toks[i1].tag == "SN" and toks[i1 + 1].form in _PLACE_COUNTERS):
        return None
    q = k - 1  # the names only: stop at a count or another 등 (`A시 등 우수 6곳과 B시 등`)
    while q >= 0 and (toks[q].tag in ("NNP", "NNG", "SL") or gr.is_conj(toks[q]) or toks[q].form in (",", "·", "ㆍ")):
        q -= 1
    if q + 1 >= k:
        return None
    span = (toks[q + 1].start, toks[k].start)
    if not _named_in(ctx, *span):
        return None
    return span[0], toks[k].end


def _shared_head(toks: Sequence[Any], i0: int, i1: int, bound: int | None, ctx: Context) -> bool:
    """`A시와 B군이 최우수, C군이 우수 기관으로 선정됐다`: a level sharing the next prize's head and verb.

    (rule ``award.shared_head``) The level stands right after a subject particle and
    before a comma, and another prize of the clause follows with a selecting verb.
    """
    if i0 == 0 or i1 >= len(toks) or bound is None:
        return False
    if toks[i0 - 1].tag != "JKS" or toks[i1].form != ",":
        return False
    return gr._any_slot_verb(toks, i1)


# -- step 3: clause grammar -----------------------------------------------------------------

def _unquoted_event(ctx: Context, m: Mention) -> tuple[int, int] | None:
    """An unquoted event in the clause: `행안부 주관 정부혁신평가에서`, `… 경진대회 최우수상`."""
    toks = m.toks
    best = None
    for j, t in enumerate(toks):
        if j >= m.i0 and best is not None:
            break
        if m.i0 <= j < m.i1 or not t.tag.startswith("NN") or t.form in lx.RECEIVE_NOUNS:
            continue
        if not t.form.endswith(_UNQUOTED_HEADS):
            continue
        nxt = toks[j + 1] if j + 1 < len(toks) else None
        if t.form.endswith("대상") and not (nxt is not None and (nxt.form in _AFTER_DAESANG_EVENT
                                                              or nxt.tag == "SSO" or j + 1 == m.i0)):
            continue
        if nxt is not None and nxt.tag.startswith("NN") and j + 1 != m.i0 and nxt.form not in lx.RECEIVE_NOUNS \
                and nxt.form not in _EVENT_RESULT_NOUNS \
                and not (nxt.form in lx.CATEGORY_WORDS
                         or (j + 2 < len(toks) and toks[j + 2].form in lx.CATEGORY_WORDS)):
            continue  # not the head of its noun phrase
        span = gr.event_chain(ctx, toks, j)
        if span and (span[1] - span[0] >= 3 or ctx.text[span[0]:span[1]] in lx.EVENT_HEADS):
            best = span
            if j > m.i0:
                break
    return best


#: heads of unquoted event names (a bare `상` or level is a prize, not an event)
_UNQUOTED_HEADS = tuple(h for h in lx.EVENT_HEADS if h not in lx.WORDS["not_unquoted_heads"])
#: what follows an unquoted `…대상` that is the event (`일자리대상에서`), and nouns after an event that
#: still mean it (`정부혁신평가 결과`)
_AFTER_DAESANG_EVENT = frozenset(lx.WORDS["after_daesang_event"])
_EVENT_RESULT_NOUNS = frozenset(lx.WORDS["event_result_nouns"])


#: kinds of organization that run evaluations named after them (`행안부 평가`)
_HOST_KINDS = frozenset({"central_government", "public_agency", "association", "media", "party"})


def _own_event(ctx: Context, m: Mention) -> tuple[int, int] | None:
    """The program a `…대상` prize ends (`일자리대상`, `올해의 광역단체장 우수정책 대상`), if any."""
    if m.award != "대상" or m.kind != "level" or m.i0 == 0 or _TOP_INSTITUTION.fullmatch(ctx.text, m.start, m.end):
        return None
    prev = m.toks[m.i0 - 1]
    if prev.form in lx.CATEGORY_WORDS or prev.tag not in gr.NOUNISH or lx.honor_of(prev.form):
        return None
    span = gr.event_chain(ctx, m.toks, m.i1 - 1)
    return span if span and span[0] < m.start else None


def _assemble(ctx: Context, m: Mention, cache: dict) -> None:
    toks, text = m.toks, ctx.text
    cs, ce = m.clause
    # event: quoted title before the prize (nearest), else after, else unquoted
    events = quoted_events(ctx, cs, ce)
    before = [ev for ev in events if ev[1][1] <= m.start]
    after = [ev for ev in events if ev[1][0] >= m.end]
    inside = [ev for ev in events if ev[1][0] <= m.start and m.end <= ev[1][1]]
    chosen = before[-1] if before else (after[0] if after else None)
    if m.kind == "nobel":
        cat = re.sub(r"^노벨\s?|상$", "", text[m.start:m.end]).strip()
        if cat in lx.NOBEL["own_event"]:
            m.event, m.category = m.award, None
        else:
            m.event, m.category = lx.NOBEL["event"], (cat or None)
        m.organizer = lx.NOBEL["organizer"]
    elif inside or (chosen and not _own_event(ctx, m)):
        chosen = inside[0] if inside else chosen
        m.event, m.event_span = chosen[0], chosen[1]
        if chosen[2]:
            m.organizer = chosen[2]
            m.evidence["organizer"] = chosen[3]
    else:
        span = _own_event(ctx, m)
        if span:
            # the prize is the tail of its own program: `올해의 광역단체장 우수정책 대상`
            m.event, m.event_span, m.own_event = text[span[0]:span[1]], span, True
        if m.event is None:
            span = _unquoted_event(ctx, m)
            if span and text[span[0]:span[1]] in lx.EVENT_HEADS:
                m.anaphoric = True  # `이번 대회에서`, `같은 공모에서`, `이날 시상식에서`: the document's event
            elif span:
                m.event, m.event_span = text[span[0]:span[1]], span
            if span:
                # `질병관리청 평가에서`, `행안부 평가에서`: the body whose evaluation it is
                org = next((f for f in ctx.facts_ending_at("organization", span[0] - 1)
                            if text[f.span[1]] == " " and f.fields.get("kind") in _HOST_KINDS), None)
                if org is not None:
                    m.organizer = org.fields.get("canonical") or org.text
                    m.evidence["organizer"] = org.span
    if m.event is None and m.kind != "nobel":
        # `‘행정·민원제도’ 개선 대통령상`: a quoted title and one noun right before the prize name
        # the program (rule award.quoted_program)
        q = _QUOTED_PROGRAM.search(text, max(cs, m.start - 60), m.start)
        word = ctx.tokens_in(*q.span(2)) if q is not None else ()
        if q is not None and q.end() == m.start and q.group(2) not in lx.CATEGORY_WORDS \
                and len(word) == 1 and word[0].tag in ("NNG", "NNP") and word[0].end == q.end(2):
            m.event = f"{q.group(1).strip()} {q.group(2)}"
            m.event_span = (q.start(1), q.end(2))
    if m.event_span:
        m.evidence["event"] = m.event_span
        if m.organizer is None:
            j = next((k for k, t in enumerate(toks) if t.start >= m.event_span[0]), None)
            if j is not None:
                if j > 0 and toks[j - 1].tag == "SSO":
                    j -= 1
                got = gr.organizer_before(ctx, toks, j, cache)
                if got:
                    m.organizer, m.evidence["organizer"] = got
    # category right before the prize (or before the honor that opens the phrase)
    got = gr.category_before(ctx, toks, m.i0)
    if got and got[0]:
        m.category, m.evidence["category"] = got
    # year: the event's, else a year written before the prize, else published
    m.year = year_of(m.event)
    if m.year is None:
        for t in toks[max(0, m.i0 - 3):m.i0]:
            if t.tag == "SN" and re.fullmatch(r"(?:19|20)\d{2}", t.form):
                m.year = int(t.form)
    if m.year is None:
        near = [f for f in ctx.facts_in("date", cs, m.start)
                if re.match(r"(?:19|20)\d{2}", str(f.fields.get("value") or ""))]
        if near:
            m.year = int(str(near[-1].fields["value"])[:4])
    if m.year is None and ctx.published is not None:
        m.year = ctx.published.year
    # recipients
    m.recipients = _recipients(ctx, m, cache)
    if m.organizer is None and m.recipients:
        got = gr.announcer(ctx, toks, {r[0] for r in m.recipients})
        if got:
            m.organizer, m.evidence["organizer"] = got


#: heads of a relative clause that stand for the subject (`X는 … 상을 받은 인물이다`)
_GENERIC_HEADS = frozenset(lx.WORDS["generic_heads"])


def _is_given(t: Any) -> bool:
    return gr.stem(t) in lx.GIVEN_VERBS or t.form in lx.GIVEN_VERBS


def _recipients(ctx: Context, m: Mention, cache: dict) -> list:
    """Who received the prize; sets ``m.fallback`` when the document's subject may stand in."""
    toks = m.toks
    n = len(toks)
    m.fallback = False
    if m.mode == "work":  # `금상 수상작`: a work received it
        return []
    if m.mode in ("slot", "appos", "listed"):  # `우수상은 A시와 B군, …이 받았다`, `우수기관인 A구는`
        return gr.list_recipients(ctx, *m.slot, cache)
    if m.mode == "shared":  # `A시와 B군이 최우수, C군이 우수 기관으로 선정`
        return gr.subject_at(ctx, toks, m.i0 - 1, cache)
    if m.mode == "select_obj":  # `X는 최우수기관으로 A시와 B군을 선정했다`: X chose
        if m.organizer is None:
            chooser = gr.subject_recipient(ctx, toks, m.i0, cache, skip=m.event_span)
            if chooser:
                m.organizer, m.evidence["organizer"] = chooser[0]
        return gr.list_recipients(ctx, *m.slot, cache)
    if m.mode == "subject":
        # `PRIZE은 A, B, C에게 돌아갔다` / `PRIZE은 X가 차지했다`
        for k in range(m.i1, n):
            t = toks[k]
            if t.tag == "JKB" and (t.form in ("에게", "에게로", "한테") or (
                    t.form == "에" and k + 1 < n and _is_given(toks[k + 1]))):
                a = toks[m.i1 + 1].start if m.i1 + 1 < n else t.start
                got = gr.list_recipients(ctx, a, t.start, cache)
                # given to common nouns only (`사회 분야에`): no award; to a name we cannot
                # resolve (`… 여배우 줄리엣 비노쉬에게`): an award with no recipient
                m.drop = not got and not any(x.tag in ("NNP", "SL") for x in ctx.tokens_in(a, t.start))
                return got
            if t.tag == "JKS" and k > m.i1 + 1:
                got = gr.subject_at(ctx, toks, k, cache)
                if got:
                    return got
        m.drop = True  # `최우수상은 상금 500만원이 주어진다`: what is given, not to whom
        return []
    k = m.i1
    if k < n and toks[k].form == "수상자" and not (k + 1 < n and toks[k + 1].form in ("로", "으로")):
        # `노벨상 수상자 오르한 파묵`, `수상자인 X`; else winners in general (`노벨상 수상자 출신 석학들`)
        q = k + 1
        if q + 1 < n and toks[q].tag == "VCP" and toks[q + 1].tag == "ETM":
            q += 2
        head = toks[q].start if q < n else -1
        for ftype in ("person", "organization"):
            f = next((f for f in ctx.facts_in(ftype, head, head + 200) if f.span[0] == head), None)
            if f is not None:
                return [(gr.name_of(f), f.span)]
        m.drop = True
        return []
    if k < n and toks[k].form == "수상자":
        # `PRIZE 수상자로 A와 B를 선정`
        inside = gr.quote_or_paren_flags(toks[k:])
        for q in range(k + 1, n):
            if toks[q].tag == "JKO" and not inside[q - k]:
                start = toks[k + 1].end if toks[k + 1].form in ("로", "으로") else toks[k + 1].start
                return gr.list_recipients(ctx, start, toks[q].start, cache)
        # `A을 PRIZE 수상자로 선정`, `A의 공로를 인정하고 PRIZE 수상자로 선정`
        for q in range(m.i0 - 1, -1, -1):
            if toks[q].tag == "JKO":
                if q > 0 and toks[q - 1].tag.startswith("NN") and q > 1 and toks[q - 2].tag == "JKG":
                    q -= 2
                span = gr.list_span_before(ctx, toks, q)
                return gr.list_recipients(ctx, *span, cache) if span else []
        return []
    if m.mode == "select":
        # `최우수기관에는 경기 부천시가 올랐다`: the subject after the prize
        for k2 in range(m.i1, n):
            if toks[k2].tag in ("SF", "EF", "EC"):
                break
            if toks[k2].tag == "JKS" and k2 > m.i1 + 1:
                got = gr.subject_at(ctx, toks, k2, cache)
                if got:
                    return got
        # `행안부는 광주 동구 등 10곳을 우수기관으로 선정했다`: the object received it, the subject chose
        q = m.i0 - 1
        while q >= 0 and toks[q].tag != "JKO":
            if toks[q].tag[:2] in ("VV", "VA", "EC", "EF", "XS") or toks[q].tag in ("ETM", "SF"):
                q = -1
                break
            q -= 1
        if q >= 0 and not gr.in_quote_or_paren(ctx, toks, q):
            span = gr.list_span_before(ctx, toks, q)
            got = gr.list_recipients(ctx, *span, cache) if span else []
            if span:
                # the object was chosen, the subject chose - also when the object names no
                # one we can name (`상위 10%인 32개 기관을 우수기관으로 선정`)
                if m.organizer is None:
                    chooser = gr.subject_recipient(ctx, toks, q, cache)
                    if chooser:
                        m.organizer = chooser[0][0]
                return got
    # `최우수상을 수상한 광주시` - the head of a relative clause
    for q in range(m.i1, min(n, m.i1 + 6)):
        if toks[q].tag == "ETM":
            if q + 1 < n:
                head = toks[q + 1].start
                for ftype in ("person", "organization"):
                    f = next((f for f in ctx.facts_in(ftype, head, head + 200) if f.span[0] == head), None)
                    if f is not None:
                        return [(gr.name_of(f), f.span)]
                got = gr.copula_list(ctx, toks, q + 1, cache)
                if got:
                    m.rule = "award.copula_list"
                    # the next sentence may go on by group with no prize: `전문대 6개교 중 G형은 …다`
                    nxt = clause_of(ctx, m.clause[1] + 1) if m.clause[1] + 1 < len(ctx.text) else None
                    if nxt is not None and nxt[0] > m.clause[0] and len(got[0]) > 2:
                        more = gr.copula_list(ctx, ctx.tokens_in(*nxt), 0, cache)
                        if more and all(len(r) > 2 for r in more):
                            got = got + more
                    return got
            if q + 1 < n and toks[q + 1].tag != "NNB" and toks[q + 1].form not in _GENERIC_HEADS:
                return []  # `금상을 수상한 ‘윤석열차’`: the head noun received it, not the subject
            break
        if toks[q].tag in ("EC", "EF", "SF"):
            break
    got = gr.subject_recipient(ctx, toks, m.i0, cache, skip=m.event_span)
    if got:
        return got
    m.fallback = not gr.has_subject(ctx, toks, m.i0, cache)
    return []


_WORD_BEFORE = re.compile(r"[가-힣A-Za-z()]+$")


def _division_prizes(ctx: Context, mentions: list[Mention], compound: dict[int, int]) -> None:
    """Several `X대상` prizes in one clause are divisions of one program (rule ``award.division_prize``).

    `A사가 제품대상을, B사가 서비스대상을 받았다`: prize `제품대상`, category `제품`; the
    event is the program's (named elsewhere), not `제품대상`. A single `일자리대상`
    stays the program's own name.
    """
    text = ctx.text
    by_clause: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        if m.award == "대상" and m.kind == "level" and m.start not in compound and m.start > 0:
            w = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
            if w is not None and w.end() == m.start and lx.level_of(text[w.start():m.end]) is None:
                compound[m.start] = w.start()
        if m.award == "대상" and m.start in compound:
            by_clause.setdefault(m.clause, []).append(m)
    for group in by_clause.values():
        if len({text[compound[m.start]:m.start] for m in group}) < 2:
            continue
        for m in group:
            ws = compound[m.start]
            m.category = re.sub(r"[()]", "", text[ws:m.start]) if "(" not in text[ws:m.start] else text[ws:m.start]
            m.evidence["category"] = (ws, m.start)
            m.start = ws
            if m.own_event:
                m.event = m.event_span = None
                m.own_event = False
                m.year = None if ctx.published is None else ctx.published.year


#: triggers of a collective award whose prize is named only in the event
_COLLECTIVE_RE = re.compile(r"(?<![가-힣])상을\s?(?:받|수상)|(?<![가-힣])(?:수상자|수상\s?기관|수상\s?기업)(?=에는|로는|로|는|은)"
                            r"|(?<=[가-힣)]\s)부문(?=은\s|는\s)")


def _collective(ctx: Context, cache: dict, taken: "_Taken") -> list[Mention]:
    """Awards whose prize is named only in the event (rule ``award.collective_event``).

    `‘E’ 시상식에서 A시·B군 등 5곳이 상을 받았다` (the subject list); `산업 부문 수상자에는
    A, B가 선정됐다` (a slot after 수상자에는); `X 부문은 A, Y 부문은 B가 수상했다`
    (division slots: category X). The prize is the event's; the event comes from
    the clause, else from the document.
    """
    text = ctx.text
    out: list[Mention] = []
    for mt in _COLLECTIVE_RE.finditer(text):
        s, e = mt.span()
        if not ctx.in_article(s, e) or not taken.free(s) or taken.ends_at(s) or taken.ends_at(s - 1):
            continue  # (`대상 수상자로`: the prize before it is read by its own mention)
        clause = clause_of(ctx, s)
        got = clause_tokens(ctx, clause, cache.setdefault("clause_tokens", {}))
        toks = got[0]
        i0 = first_token_starting_at(got, s)
        if i0 is None or toks[i0].start != s:
            continue
        word = mt.group()
        category = None
        if word.startswith("상"):  # `… 등 5곳이 상을 받았다`
            e = s + 1
            recips = gr.subject_recipient(ctx, toks, i0, cache)
        else:
            i1 = next((i for i in range(i0, len(toks)) if toks[i].start >= e), len(toks))
            bound = next((m2.start() for m2 in _COLLECTIVE_RE.finditer(text, e, clause[1])), None)
            slot = gr.slot_list(ctx, toks, i1, bound)
            if slot is None or not _named_in(ctx, *slot):
                continue
            recips = gr.list_recipients(ctx, *slot, cache)
            if word == "부문":
                got = gr.np_before(ctx, toks, i0)
                if got is None or lx.level_of(text[got[0]:got[1]]) or lx.PRIZE_RE.search(text, got[0], got[1]):
                    continue  # `특별상 부문은`: a prize's own slot, read by the prize
                category = text[got[0]:got[1]]
            else:
                cat = gr.category_before(ctx, toks, i0)
                category = cat[0] if cat else None
        if not recips:
            continue
        m = Mention(kind="collective", start=s, end=e, award="", clause=clause, toks=toks, i0=i0,
                    i1=i0 + 1, mode="collective")
        evs = quoted_events(ctx, *clause)
        if evs:
            m.event, m.event_span = evs[0][0], evs[0][1]
            if evs[0][2]:
                m.organizer = evs[0][2]
        m.category = category
        m.year = year_of(m.event) or (ctx.published.year if ctx.published else None)
        m.recipients = recips
        out.append(m)
    return out


class _Taken(Taken):
    """The prize spans read so far (the overlap step: a candidate starting inside one is not read),
    and where they end (what a parenthesis or a collective word right after a prize belongs to)."""

    def __init__(self) -> None:
        self._ends: set[int] = set()
        super().__init__()

    def keep(self, start: int, end: int) -> None:
        super().keep(start, end)
        self._ends.add(end)

    def ends_at(self, pos: int) -> bool:
        return pos in self._ends


# -- the document step --------------------------------------------------------------------------

def _candidate_start(item: tuple[int, tuple[str, int, int, str]]) -> int:
    return item[1][1]


def extract(ctx: Context) -> list[Fact]:
    text = ctx.text
    if not text:
        return []
    compound: dict[int, int] = {}
    cands = [c for c in _candidates(text, compound) if ctx.in_article(c[1], c[2])]
    if not cands and not _COLLECTIVE_RE.search(text):
        return []
    cache: dict = {}
    mentions: list[Mention] = []
    taken = _Taken()
    prefix: dict[int, tuple[int, str]] = {}  # level start -> (honor start, honor)
    appos_honor: dict[int, str] = {}  # level start -> the honor it is (`국무총리상인 최우수상`)
    for n, (kind, s, e, award) in ctx.paced(enumerate(cands), "kfacts.extractors.awards", _candidate_start, every=128):
        if not taken.free(s):  # (candidates come in text order: the first prize read wins)
            continue
        if kind == "honor" and n + 1 < len(cands) and cands[n + 1][0] == "level":
            # `국무총리상 광역자치단체 부문 대상`: the honor opens the level's prize phrase
            ls = cands[n + 1][1]
            if 0 <= ls - e <= 25 and all(t.tag in gr.NOUNISH for t in ctx.tokens_in(e, ls)) \
                    and "\n" not in text[e:ls]:
                prefix[ls] = (s, award)
                continue
            if _APPOS_GAP.fullmatch(text, e, ls):
                # `국무총리상인 최우수상`: the level is the award, the honor what it confers
                appos_honor[ls] = award
                continue
        clause = clause_of(ctx, s)
        got = clause_tokens(ctx, clause, cache.setdefault("clause_tokens", {}))
        toks = got[0]
        i0 = first_token_ending_after(got, s)
        if i0 is None:
            continue
        i1 = next((i for i in range(i0, len(toks)) if toks[i].start >= e), len(toks))
        # the prize must end on a token boundary (`대상자`, `대상지` are other words)
        if i1 > 0 and toks[i1 - 1].end != e:
            continue
        if toks[i0].start > s and kind != "level":
            continue
        # inside parentheses right after another prize: `최고등급(SA등급)`, `우수상(행정안전부장관상)`
        if s > 0 and text[s - 1] == "(" and taken.ends_at(s - 1):
            if kind in ("honor", "commend") and mentions and mentions[-1].end == s - 1 \
                    and mentions[-1].kind == "level" and mentions[-1].honor is None:
                mentions[-1].honor = award
            continue
        if kind == "named":
            if text[e:e + 1] in ("’", "'", "”", '"'):
                # a quoted title ending in 상 names a prize (`‘과학기술인상’`), unless it is the bare noun
                if text[s:e] in lx.NON_PRIZES:
                    continue
            elif _non_prize(toks, i0, i1):
                continue
        # a slot of a list by level (`우수상은 A시와 B군, 장려상은 C군이 받았다`)
        bound = next((cands[k][1] for k in range(n + 1, len(cands)) if cands[k][1] >= e), None)
        bound = bound if bound is not None and bound < clause[1] else None
        j = _skip_paren(toks, i1)
        j = j + 1 if j < len(toks) and toks[j].tag == "SSC" else j
        listed = bool(mentions) and mentions[-1].mode == "slot" and mentions[-1].clause == clause \
            and mentions[-1].slot is not None and 0 <= s - mentions[-1].slot[1] <= 30 \
            and text[mentions[-1].slot[1]:s].lstrip().startswith(",")
        slot = gr.slot_list(ctx, toks, j, bound, listed)
        if slot and not _named_in(ctx, *slot) and not _DEPARTMENT_LIST.fullmatch(text, *slot) \
                and not (_WORK_MARK.search(text, *slot) and gr.list_recipients(ctx, *slot, cache)):
            # (a list of works is named through their owners or authors, else it names nobody)
            slot = None
        obj = None if slot or award == "대상" else gr.object_after(ctx, toks, j)  # `시범 대상으로 X를 선정`
        if slot:
            mode = "slot"
        elif obj and kind != "bare":
            mode, slot = "select_obj", obj
        elif kind == "bare":
            continue
        else:
            mode = _receiving(kind, award, toks, i0, i1, text)
        if mode is None and award != "대상":
            head = _apposition_head(ctx, e)
            listed_span = None if head is not None else _listed_before(ctx, toks, i0, i1)
            if head is not None:
                mode, slot = "appos", head
            elif listed_span is not None:
                mode, slot = "listed", listed_span
            elif _shared_head(toks, i0, i1, bound, ctx):
                mode = "shared"
        if mode is None:
            continue
        if mode != "slot" and _TOP_INSTITUTION.fullmatch(text, s, e) and not _QUOTED_EVENT_BEFORE.search(text, clause[0], s):
            continue  # `평가 대상기관으로`: the evaluated, unless a contest is named (`‘E’에서 대상기관으로`)
        m = Mention(kind=kind, start=s, end=e, award=award, clause=clause, toks=toks, i0=i0, i1=i1, mode=mode)
        m.slot = slot
        if s in prefix:
            m.start, m.honor = prefix[s]
        elif s in appos_honor:
            m.honor = appos_honor[s]
        _assemble(ctx, m, cache)
        if m.drop:
            continue
        mentions.append(m)
        taken.keep(s, e)
    mentions.extend(_collective(ctx, cache, taken))
    _division_prizes(ctx, mentions, compound)
    mentions = merge_honors(mentions)
    return build_facts(ctx, mentions, cache)

