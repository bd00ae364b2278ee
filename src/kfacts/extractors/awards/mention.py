"""Working state shared by the award steps: a prize mention, its clause, quoted titles."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Sequence

import regex as re

from ..base import Context
from . import grammar as gr
from . import lexicon as lx

#: how each kind of candidate is told to users
RULE_OF = {"level": "award.level_prize", "honor": "award.honor", "commend": "award.honor",
           "nobel": "award.nobel", "named": "award.named_prize", "bare": "award.level_list",
           "collective": "award.collective_event"}


@dataclass
class Mention:
    """Working state of one prize mention (kept apart from the Fact it becomes)."""

    kind: str
    start: int
    end: int
    award: str
    honor: str | None = None
    clause: tuple[int, int] = (0, 0)
    toks: Sequence[Any] = ()
    i0: int = 0  # first token of the prize
    i1: int = 0  # first token after the prize
    mode: str = "object"
    event: str | None = None
    event_span: tuple[int, int] | None = None
    organizer: str | None = None
    category: str | None = None
    year: int | None = None
    recipients: list = field(default_factory=list)
    evidence: dict = field(default_factory=dict)
    own_event: bool = False  # the prize is the tail of its event (`… 우수정책 대상`)
    fallback: bool = False  # no subject in the clause: the document's subject received it
    drop: bool = False  # read as no award after all (`노벨상 수상자 출신`: winners in general)
    prize: str | None = None  # the prize as written when the span is no prize (`수상자에는`: the event's)
    rule: str | None = None  # a rule id that overrides the kind's (`award.copula_list`)
    slot: tuple[int, int] | None = None  # the recipient list of a list by level
    anaphoric: bool = False  # the event is named only as `이번 대회`, `같은 공모`


#: a sentence end: `다.`, `했다”.`; not `J. Fraser` nor `3.5`
_SENT_END = re.compile(r"(?<=[가-힣][\"”’')\]]?)[.!?](?=\s|$)|(?<=다)\.(?=[가-힣‘“'\"])")
#: (the second branch: a scraped page that lost the space after `…했다.`)


#: a clause spans at most this many characters: a longer "sentence" (a page that lost its line breaks and
#: full stops) is cut into blocks of this size counted from its start, so the work per prize mention stays
#: bounded (the longest clause in the regression sets is 423 characters)
CLAUSE_MAX = 1000


def _clause_index(ctx: Context) -> tuple[list[int], list[int]]:
    """The line breaks and the sentence ends (match starts of ``_SENT_END``) of the text, found once."""
    return ctx.once(_find_clause_index)


def _find_clause_index(ctx: Context) -> tuple[list[int], list[int]]:
    text = ctx.text
    breaks = []
    i = text.find("\n")
    while i != -1:
        breaks.append(i)
        i = text.find("\n", i + 1)
    return breaks, [m.start() for m in _SENT_END.finditer(text)]


def clause_of(ctx: Context, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``, within its line (Kiwi may cut at quotes); in a sentence longer than
    :data:`CLAUSE_MAX`, the block of it holding ``pos``."""
    text = ctx.text
    breaks, ends = _clause_index(ctx)
    i = bisect.bisect_left(breaks, pos)
    ls = breaks[i - 1] + 1 if i > 0 else 0
    le = breaks[i] if i < len(breaks) else len(text)
    s = ls
    # the last sentence end in [ls, pos): one matching right before pos is read as a search ending at pos reads it
    if pos - 1 >= ls and _SENT_END.match(text, pos - 1, pos) is not None:
        s = pos
    else:
        k = bisect.bisect_left(ends, pos - 1) - 1
        if k >= 0 and ends[k] >= ls:
            s = ends[k] + 1
    k = bisect.bisect_left(ends, pos)
    e = ends[k] + 1 if k < len(ends) and ends[k] < le else le
    if e - s > CLAUSE_MAX:
        s += (pos - s) // CLAUSE_MAX * CLAUSE_MAX
        e = min(e, s + CLAUSE_MAX)
    while s < e and text[s].isspace():
        s += 1
    return s, e


def clause_tokens(ctx: Context, clause: tuple[int, int], cache: dict) -> tuple[Sequence[Any], list[int], int]:
    """``ctx.tokens_in(*clause)``, their starts and their longest length, made once per clause."""
    got = cache.get(clause)
    if got is None:
        toks = ctx.tokens_in(*clause)
        got = cache[clause] = (toks, [t.start for t in toks], max((t.len for t in toks), default=0))
    return got


def first_token_ending_after(got: tuple[Sequence[Any], list[int], int], pos: int) -> int | None:
    """Index of the first token of a :func:`clause_tokens` entry whose end is after ``pos``, or ``None``."""
    toks, starts, longest = got
    for i in range(bisect.bisect_left(starts, pos - longest), len(toks)):
        if toks[i].end > pos:
            return i
    return None


def first_token_starting_at(got: tuple[Sequence[Any], list[int], int], pos: int) -> int | None:
    """Index of the first token of a :func:`clause_tokens` entry starting at or after ``pos``, or ``None``."""
    i = bisect.bisect_left(got[1], pos)
    return i if i < len(got[1]) else None


def clauses_in(ctx: Context, zs: int, ze: int) -> list[tuple[int, int]]:
    """Every clause of ``[zs, ze)`` as :func:`clause_of` cuts them, in one linear pass."""
    text = ctx.text
    out = []
    pos = zs
    for line_end in [m.start() for m in re.finditer(r"\n", text[zs:ze])] + [ze - zs]:
        le = zs + line_end
        s = pos
        for m in _SENT_END.finditer(text, pos, le):
            out.append((s, m.end()))
            s = m.end()
        if s < le:
            out.append((s, le))
        pos = le + 1
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        if s < e:
            trimmed.append((s, e))
    return trimmed


_HEAD_AFTER_QUOTE = re.compile(r"\s?((?:[가-힣]{1,8}?)?(?:평가|경진대회|대회|공모전|심사|조사|인증)|시상식)(?=[에은는을를의이가\s(]|$)")


QuotedEvent = tuple[str, tuple[int, int], "str | None", "tuple[int, int] | None"]


def quoted_events(ctx: Context, s: int, e: int) -> list[QuotedEvent]:
    """Quoted event titles in ``[s, e)``: (name, span, host, host span)."""
    out = []
    for m in lx.QUOTED_RE.finditer(ctx.text, s, e):
        inner = m.group(1)
        a = m.start(1)
        if not lx.event_like(inner):
            # `‘2023 지역안전지수’ 평가에서`: the head follows the quotes
            h = _HEAD_AFTER_QUOTE.match(ctx.text, m.end(), e)
            if h is None or lx.level_of(inner.strip()) or lx.honor_of(inner.strip()):
                continue
            out.append((f"{inner.strip()} {h.group(1)}", (a, h.end(1)), None, None))
            continue
        host = lx.HOST_PAREN_RE.search(inner)
        name = inner[:host.start()] if host else inner
        host_name = host_span = None
        if host:
            hs = a + host.start(1)
            he = a + host.end(1)
            host_span = (hs, he)
            org = gr.org_ending_at(ctx, hs, he)
            host_name = org.fields.get("canonical") if org is not None else None
            if host_name is None:
                host_name = host.group(1).strip()
        lead = len(name) - len(name.lstrip())
        out.append((name.strip(), (a + lead, a + lead + len(name.strip())), host_name, host_span))
    return out


def year_of(event: str | None) -> int | None:
    if not event:
        return None
    m = lx.YEAR_RE.match(event)
    return int(m.group(1)) if m else None


def event_key(name: str | None) -> str:
    return re.sub(r"[\s'‘’\"“”·ㆍ]|^(?:제\s?\d+회)|^(?:19|20)\d{2}년?", "", name or "")


