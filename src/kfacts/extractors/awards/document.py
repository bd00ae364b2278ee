"""The document step: an event's full name and host from its other mentions, honors merged, facts built."""

from __future__ import annotations

import bisect
from typing import Any, Sequence

import regex as re

from ..base import Context
from ...fact import Fact
from . import grammar as gr
from . import lexicon as lx
from .mention import RULE_OF, Mention, clause_of, clauses_in, event_key, quoted_events, year_of


def _host_registry(ctx: Context, cache: dict) -> dict[str, tuple[str, tuple[int, int]]]:
    """event key -> organizer, from every quoted mention of an event in the article.

    `(주관 X)`; `X 주관 ‘E’`; `‘E’은 X이 주관해`; `X는 … ‘E’을 개최하고 있다`;
    `X ‘E’` (an organization fact written just before the title).
    """
    reg: dict[str, tuple[str, tuple[int, int]]] = {}
    for zs, ze in ctx.article_spans:
        for name, span, host, hspan in quoted_events(ctx, zs, ze):
            k = event_key(name)
            if k in reg:
                continue
            if host:
                reg[k] = (host, hspan)
                continue
            cs, ce = clause_of(ctx, span[0])
            toks = ctx.tokens_in(cs, ce)
            j = next((i for i, t in enumerate(toks) if t.start >= span[0]), None)
            if j is None:
                continue
            q = j - 1 if j > 0 and toks[j - 1].tag == "SSO" else j
            got = gr.organizer_before(ctx, toks, q, cache)
            if got is None and q > 0:
                org = gr.org_ending_at(ctx, toks[0].start, toks[q - 1].end)
                if org is not None and ctx.text[org.span[1]:toks[q].start] == " " \
                        and ctx.text[max(0, org.span[0] - 1):org.span[0]] not in ("·", "ㆍ", ",", "、"):
                    # (`A시·B군 ‘E’` in a headline lists winners, not a host)
                    got = (org.fields.get("canonical") or org.text, org.span)
            if got is None:
                got = _host_in_clause(ctx, toks, span, cache)
            if got:
                reg[k] = got
    return reg


#: verbs by which a body hosts a quoted event (`‘E’은 X이 주관해`), and nouns that may stand between the
#: event and that verb (`‘E’ 시상식을 개최했다`)
_HOST_NOUNS = lx.WORDS["host_nouns"]
_EVENT_FOLLOWERS = frozenset(lx.WORDS["event_followers"])


def _host_in_clause(ctx: Context, toks: Sequence[Any], span: tuple[int, int], cache: dict):
    """`‘E’은 X이 주관해` / `X는 … ‘E’을 개최하고 있다`."""
    n = len(toks)
    e = next((i for i, t in enumerate(toks) if t.start >= span[1]), n)
    if e < n and toks[e].tag == "SSC":
        e += 1
    if e >= n:
        return None
    if toks[e].tag == "NNG" and toks[e].form in _EVENT_FOLLOWERS and e + 1 < n:
        e += 1  # `‘E’ 시상식을 개최했다`, `‘E’ 결과를 발표했다`
    if toks[e].form in ("은", "는"):  # the event is the topic: look for `X이 주관`
        for i in range(e + 1, n - 1):
            nxt = toks[i + 2] if toks[i + 1].form == "공동" and i + 2 < n else toks[i + 1]
            if toks[i].tag == "JKS" and nxt.form in _HOST_NOUNS:
                np = gr.np_before(ctx, toks, i)
                return gr.org_name(ctx, toks, np, cache) if np else None
        return None
    if toks[e].tag == "JKO":  # the event is the object: `X는 … E을 개최`
        if not any(t.form in _HOST_NOUNS or gr.stem(t) in _HOST_NOUNS for t in toks[e + 1:e + 4]):
            return None
        inside = gr.quote_or_paren_flags(toks)
        for i in range(0, e):
            t = toks[i]
            if t.tag in ("JX", "JKS") and t.form in gr.SUBJ_PARTICLES and not inside[i]:
                np = gr.np_before(ctx, toks, i)
                return gr.org_name(ctx, toks, np, cache) if np else None
    return None


#: how many events of one page are looked up in their numbered form (`제24회 E`) elsewhere in the article
NUMBERED_SEARCHES = 64


class _HostIndex:
    """``hosts.get(k)``, else the first host (in registry order) whose key ends with ``k`` or is a tail of ``k``:
    through indexes of the keys' tails (a scan of the registry per mention was quadratic on a long page)."""

    def __init__(self, hosts: dict[str, Any]) -> None:
        self._hosts = hosts
        self._order = {hk: n for n, hk in enumerate(hosts)}
        self._tails: dict[str, str] = {}  # a tail of some key -> the first key (in order) ending so
        for hk in hosts:
            for i in range(len(hk) + 1):
                self._tails.setdefault(hk[i:], hk)
        self._memo: dict[str, Any] = {}

    def get(self, k: str) -> Any:
        if k in self._memo:
            return self._memo[k]
        got = self._hosts.get(k)
        if not got:
            keys = [hk for hk in (self._tails.get(k),) if hk is not None]  # keys ending with k
            keys += [k[i:] for i in range(len(k) + 1) if k[i:] in self._order]  # keys k ends with
            got = self._hosts[min(keys, key=self._order.__getitem__)] if keys else None
        self._memo[k] = got
        return got


def _expand_event(name: str, events: list[str] | dict[str, str]) -> str:
    """The fullest written form of an event named shortly (`매니페스토 우수사례 경진대회`).

    ``events``: the written forms, or their :func:`_event_suffixes` index (built once per document).
    """
    index = events if isinstance(events, dict) else _event_suffixes(events)
    best = index.get(event_key(name))
    return best if best is not None and len(best) > len(name) else name


def _event_suffixes(events: list[str]) -> dict[str, str]:
    """Every tail of every event's key -> the longest event (the first of equals) whose key ends so.

    (A lookup per mention instead of a scan of every event: the scan was quadratic on a long page.)
    """
    index: dict[str, str] = {}
    for ev in dict.fromkeys(events):
        ek = event_key(ev)
        for i in range(len(ek) + 1):
            best = index.get(ek[i:])
            if best is None or len(ev) > len(best):
                index[ek[i:]] = ev
    return index


def merge_honors(mentions: list[Mention]) -> list[Mention]:
    """A level and an honor of the same clause are one award: award = level, honor = the honor."""
    out: list[Mention] = []
    levels: dict[tuple[int, int], list[Mention]] = {}  # clause -> its level mentions, in order (not a scan per honor)
    for x in mentions:
        if x.kind == "level":
            levels.setdefault(x.clause, []).append(x)
    for m in mentions:
        if m.kind in ("honor", "commend"):
            partner = next((x for x in levels.get(m.clause, ()) if x.honor is None), None)
            if partner is not None:
                partner.honor = m.award
                if m.end <= partner.start and _only_nouns_between(m, partner):
                    partner.start = m.start  # the phrase: `국무총리상 광역자치단체 부문 대상`
                continue
        out.append(m)
    return out


def _only_nouns_between(honor: Mention, level: Mention) -> bool:
    if level.start - honor.end > 25:
        return False
    between = [t for t in level.toks if honor.end <= t.start and t.end <= level.start]
    return all(t.tag in gr.NOUNISH or t.tag in ("SSO", "SSC") for t in between)


def build_facts(ctx: Context, mentions: list[Mention], cache: dict) -> list[Fact]:
    text = ctx.text
    events = [m.event for m in mentions if m.event]
    for zs, ze in ctx.article_spans:
        events.extend(ev[0] for ev in quoted_events(ctx, zs, ze))
    numbered: dict[str, str] = {}
    suffixes = _event_suffixes(events)
    for m in mentions:
        if m.event and m.kind != "nobel":
            full = _expand_event(m.event, suffixes)
            if full == m.event and year_of(full) is None and not full.startswith("제"):
                if full not in numbered:
                    # (each search reads the whole article: only the first NUMBERED_SEARCHES events of a page are
                    # looked up, so a page of thousands of events stays linear)
                    numbered[full] = _numbered_form(ctx, full) if len(numbered) < NUMBERED_SEARCHES else full
                full = numbered[full]
            if full != m.event:
                m.event = full
                m.year = year_of(full) or m.year
    _share_events(mentions)
    _document_event(ctx, mentions)
    hosts = _host_registry(ctx, cache) if any(m.organizer is None and m.event for m in mentions) else {}
    host_of = _HostIndex(hosts)
    for m in mentions:
        if m.organizer is None and m.event:
            got = host_of.get(event_key(m.event))
            if got:
                m.organizer, m.evidence["organizer"] = got
    _share_organizers(mentions)
    _document_announcer(ctx, mentions)
    fallback = gr.main_organization(ctx)
    keep: list[tuple[Mention, tuple[str | None, Any]]] = []
    prev: tuple[int, str] | None = None
    for m in sorted(mentions, key=lambda x: x.start):
        recips = m.recipients
        if not recips:
            # a clause naming no subject speaks of the recipient just named, else of the document's subject
            name = None
            if m.fallback:
                name = prev[1] if prev and 0 <= m.clause[0] - prev[0] <= 300 else fallback
            recips = [(name, None)]
        for r in recips:
            keep.append((m, r))
        if recips[-1][0]:
            prev = (m.clause[1], recips[-1][0])
    out: list[Fact] = []
    # (recipient, event key) -> the level prizes (not 대상) of that event it got: indexed, not scanned per mention
    levels: dict[tuple[Any, str], set[int]] = {}
    names_of: dict[int, list[Any]] = {}
    for x, r in keep:
        names_of.setdefault(id(x), []).append(r[0])
        if x.kind == "level" and x.award != "대상" and x.event:
            levels.setdefault((r[0], event_key(x.event)), set()).add(id(x))
    for m, recip in keep:
        name, span = recip[0], recip[1]
        category = recip[2] if len(recip) > 2 else m.category
        # `10년 연속 일자리대상 수상` is the level prize the same recipient got in that program
        if m.own_event and levels.get((name, event_key(m.event)), set()) - {id(m)}:
            continue
        ev = dict(m.evidence)
        if span:
            ev["recipient"] = span
        prize = " ".join(_QUOTES.sub("", text[m.start:m.end]).split())
        award = m.award
        if m.kind == "collective":
            prize, award = _collective_prize(m)
            if prize is None:
                continue  # no event names the prize
        if m.event and "(이하" in m.event:
            old = event_key(m.event)
            m.event = _ALIAS_RE.sub("", m.event)  # `E(이하 LINC사업)`: the alias is no part of the name
            if m.kind == "level" and m.award != "대상":  # (keep the index in step with the new name)
                for who in names_of[id(m)]:
                    levels.get((who, old), set()).discard(id(m))
                    if m.event:
                        levels.setdefault((who, event_key(m.event)), set()).add(id(m))
        name = _department_of(name, m.organizer, span, ctx)
        organizer = m.organizer if m.organizer != name else None
        out.append(ctx.fact("award", m.start, m.end, _rule_of(m), evidence=ev,
                            award=award, prize=prize, honor=m.honor, recipient=name,
                            event=m.event, organizer=organizer, category=category, year=m.year))
    return out


def _rule_of(m: Mention) -> str:
    if m.rule:
        return m.rule
    if m.kind == "nobel":
        return RULE_OF["nobel"]
    if m.mode == "slot":
        return RULE_OF["bare"]
    if m.mode == "select_obj":
        return "award.select_object"
    if m.mode in ("appos", "shared", "listed"):
        return {"appos": "award.apposition", "shared": "award.shared_head", "listed": "award.listed_before"}[m.mode]
    return RULE_OF[m.kind]


_ALIAS_RE = re.compile(r"\s*\(이하[^()]*\)")
_QUOTES = re.compile(r"['‘’\"“”]")


def _share_events(mentions: list[Mention]) -> None:
    """Fill a mention's event from another mention of the same prize in the document.

    `고객만족경영 대상` (headline) is the `고객만족경영 부문 대상` of the body;
    `이번 대회에서 … 최우수상을 받았다` is the 최우수상 named with its contest elsewhere.
    """
    named = [m for m in mentions if m.event and not m.own_event and m.kind != "nobel"]
    # (``named`` never changes below: indexes built once instead of scans of it per mention)
    by_key: dict[tuple[str, str], Mention] = {}  # (award, key of category + award) -> the first such
    by_award: dict[str, Mention] = {}
    by_category: dict[tuple[str, Any], Mention] = {}
    for x in named:
        if x.category:
            by_key.setdefault((x.award, event_key(x.category + x.award)), x)
        by_award.setdefault(x.award, x)
        by_category.setdefault((x.award, x.category), x)
    one_event: bool | None = None
    starts: list[int] = []
    last_before: list[int] = []  # over ``named`` sorted by start: the highest list index so far
    for m in mentions:
        donor = None
        if m.own_event:
            donor = by_key.get((m.award, event_key(m.event)))
        elif m.event is None and m.kind != "nobel":
            donor = by_award.get(m.award) if m.category is None else by_category.get((m.award, m.category))
            if donor is None and named and not m.anaphoric and one_event is None:
                one_event = len({event_key(x.event) for x in named}) == 1
            if donor is None and named and (m.anaphoric or one_event):
                # `같은 대회에서 원주시는 장려상을`: the event named before (or the document's only one)
                if not starts:
                    order = sorted(range(len(named)), key=lambda j: named[j].start)
                    starts = [named[j].start for j in order]
                    for j in order:
                        last_before.append(max(j, last_before[-1]) if last_before else j)
                k = bisect.bisect_left(starts, m.start)
                donor = named[last_before[k - 1]] if k else named[0]
        if donor is None:
            continue
        m.event, m.own_event = donor.event, False
        m.organizer = m.organizer or donor.organizer
        m.category = m.category or donor.category
        m.year = year_of(donor.event) or m.year or donor.year



def _document_event(ctx: Context, mentions: list[Mention]) -> None:
    """A mention whose context names no event takes the document's, when the article names just one.

    (rule ``award.document_event``: `‘2025 E 대상’ 시상식을 열었다. … 최우수상은 A시가 받았다`)
    """
    todo = [m for m in mentions if m.event is None and m.kind != "nobel"]
    if not todo:
        return
    evs = [ev for zs, ze in ctx.article_spans for ev in quoted_events(ctx, zs, ze)
           if len(ev[0]) >= 4 and ev[0] not in lx.EVENT_HEADS]  # not a bare head (`‘인증’해 주는`)
    lead = not evs
    if lead:
        evs = _lead_events(ctx)
    keys = {event_key(ev[0]) for ev in evs}
    if len(keys) != 1:
        return
    # (a quoted title: its fullest form; an unquoted one: the body's form, after the headline's)
    name, _, host, hspan = evs[-1] if lead else max(evs, key=lambda ev: len(ev[0]))
    year = next((year_of(ev[0]) for ev in evs if year_of(ev[0])), None)  # (a form written with its year)
    for m in todo:
        m.event = name
        m.year = year or m.year
        if m.organizer is None and host:
            m.organizer, m.evidence["organizer"] = host, hspan


def _share_organizers(mentions: list[Mention]) -> None:
    """Mentions of one event share the organizer one of them names (`X 주관 E` once, `E에서` later)."""
    hosts: dict[str, tuple[str, Any]] = {}
    for m in mentions:
        if m.event and m.organizer:
            hosts.setdefault(event_key(m.event), (m.organizer, m.evidence.get("organizer")))
    for m in mentions:
        if m.event and m.organizer is None:
            got = hosts.get(event_key(m.event))
            if got:
                m.organizer = got[0]
                if got[1]:
                    m.evidence["organizer"] = got[1]


#: words of a clause that may announce or confer (only such clauses past the lead are read)
_ANNOUNCING = re.compile(r"개최|열었|열고|시상|선정했|선정하고|발표|밝혔|따르면|포상|수여")


def _document_announcer(ctx: Context, mentions: list[Mention]) -> None:
    """A mention still without organizer takes the body that announced or conferred before it.

    (rule ``award.organizer_announcer`` at document level: `X는 … 시상식을 열었다. … 최우수상은 A시가 받았다`)
    Clauses read: the lead sentences (six) of each article zone and the clauses of the
    mentions (a clause's own recipients cannot announce it).
    """
    todo = [m for m in mentions if m.organizer is None and m.kind != "nobel"]
    if not todo:
        return
    names: dict[tuple[int, int], set] = {}
    for m in mentions:
        names.setdefault(m.clause, set()).update(r[0] for r in m.recipients if r[0])
    clauses = set(names)
    text = ctx.text
    for zs, ze in ctx.article_spans:
        for lead, c in enumerate(clauses_in(ctx, zs, ze)):
            if lead < 6 or _ANNOUNCING.search(text, c[0], c[1]):
                clauses.add(c)
    found = []
    for c in sorted(clauses):
        got = gr.announcer(ctx, ctx.tokens_in(*c), names.get(c, set()), strict=True)
        if got:
            found.append((c[0], got))
    if not found:
        return
    at = [pos for pos, _g in found]  # (sorted: ``found`` follows the sorted clauses)
    for m in todo:
        k = bisect.bisect_right(at, m.start)
        got = found[k - 1][1] if k else found[0][1]  # the lead names the winners, the announcer follows
        m.organizer, m.evidence["organizer"] = got


_DEPARTMENT_RE = re.compile(r"[가-힣]{2,12}(?:과|담당관|관실)")
_GOVERNMENT_RE = re.compile(r"[가-힣 ]+(?:시|도|군|구)")


def _department_of(name: str | None, organizer: str | None, span: Any, ctx: Context) -> str | None:
    """A department named bare (`안전정책과`) belongs to the local government that rated it.

    (rule ``award.department_recipient``) Only a recipient no organization fact
    names, written as one department word, with a local government as organizer.
    """
    if not name or not organizer or span is None or not _DEPARTMENT_RE.fullmatch(name):
        return name
    if ctx.facts_overlapping("organization", span[0], span[1]) or not _GOVERNMENT_RE.fullmatch(organizer):
        return name
    return f"{organizer} {name}"


def _collective_prize(m: Mention) -> tuple[str | None, str | None]:
    """The prize and award of a collective mention: the event's prize (`제10회 EY 최우수 기업가상` ->
    `EY 최우수 기업가상`, award `최우수`), else the event's name as a named prize."""
    if not m.event:
        return None, None
    name = re.sub(r"^(?:제\s?\d+회\s?)?(?:(?:19|20)\d{2}(?:년도?)?\s?)?", "", m.event).strip()
    for word in name.split():
        lv = lx.level_of(word)
        if lv:
            return name, lv
    for rx, award in lx.LEVELS:
        if rx.search(name) and award not in ("대상",):
            return name, award
    return name, lx.honor_suffix(name)[1] if lx.honor_suffix(name) else name


def _numbered_form(ctx: Context, name: str) -> str:
    """The event as written elsewhere with its edition or year (`제24회 E`, `2024 E`), else ``name``."""
    rx = re.compile(r"(?:제\s?\d{1,3}\s?회|(?:19|20)\d{2}(?:년도?)?)\s?" + re.escape(name))
    for zs, ze in ctx.article_spans:
        m = rx.search(ctx.text, zs, ze)
        if m is not None:
            return m.group()
    return name


_LEAD_EVENT_RE = re.compile(r"(?:평가|경진대회|경연대회|공모전|대회|시상식)(?=\s?결과|에서[\s,]|[을를]\s)")


def _lead_events(ctx: Context) -> list:
    """Unquoted event names in the lead sentences (`… 실시한 E 평가 결과를 발표`), as quoted_events gives them."""
    out = []
    for zs, ze in ctx.article_spans:
        for c in clauses_in(ctx, zs, ze)[:4]:
            toks = ctx.tokens_in(*c)
            for mt in _LEAD_EVENT_RE.finditer(ctx.text, c[0], c[1]):
                j = next((i for i, t in enumerate(toks) if t.end == mt.end()), None)
                if j is None:
                    continue
                span = gr.event_chain(ctx, toks, j)
                if span and " " in ctx.text[span[0]:span[1]] and ctx.text[span[0]:span[1]] != "시상식":
                    out.append((ctx.text[span[0]:span[1]], span, None, None))
    return out
