"""Clause grammar for awards: who received it, which event, who ran it, which division.

All functions read a clause as a list of Kiwi tokens (``toks``, offsets into
``ctx.text``) and return plain values plus the span they came from, so the
caller can keep evidence. Organization and person facts found by the earlier
extractors are preferred; the organization extractor's ``canonical``
(:mod:`kfacts.extractors.organizations.api`) names those that are not facts yet.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import Any, Iterator, Sequence

import regex as re

from ..organizations import api as organizations
from . import lexicon as lx

NOUNISH = frozenset({"NNG", "NNP", "SL", "SN", "SH", "NNB", "XSN", "XPN", "NR", "W_SERIAL"})
SUBJ_PARTICLES = frozenset(lx.WORDS["subject_particles"])
DATE_WORDS = frozenset(lx.WORDS["date_words"])
_TIME_NOUN_ENDINGS = lx.WORDS["time_noun_endings"]
CHAIN_STOP = frozenset(lx.WORDS["chain_stop"])


def stem(t: Any) -> str:
    """A token's lemma without the dictionary ending (`돌아가다` -> `돌아가`)."""
    lem = t.lemma
    return lem[:-1] if len(lem) > 1 and lem.endswith("다") and t.tag[:2] in ("VV", "VA", "VX") else lem


def name_of(f: Any) -> str:
    """A recipient's name from a fact: an organization's canonical name, a person's name."""
    if f.type == "organization":
        return f.fields.get("canonical") or f.text
    return f.fields.get("name") or f.text


def is_conj(t: Any) -> bool:
    """`와`/`과` joining names (Kiwi tags it JC, or JKB before a verb-less noun)."""
    return t.tag == "JC" or (t.tag == "JKB" and t.form in ("와", "과"))


# -- facts lookups -------------------------------------------------------------

def facts_in(ctx: Any, ftype: str, s: int, e: int) -> list[Any]:
    return ctx.facts_in(ftype, s, e)


def org_ending_at(ctx: Any, s: int, e: int) -> Any:
    """The organization fact ending at ``e`` (and starting at or after ``s``)."""
    best = None
    for f in ctx.facts_ending_at("organization", e, s):
        if best is None or f.span[0] < best.span[0]:
            best = f
    return best


def canonical_name(ctx: Any, s: int, e: int, toks: Sequence[Any], cache: dict) -> str | None:
    """A canonical organization name for the text ``[s, e)`` that is no fact yet."""
    surface = ctx.text[s:e]
    got = organizations.canonical(ctx, surface)
    if got is not None:
        return got[0]
    # not known to the organization extractor: a proper noun stays as written,
    # but a district shared by several cities (`북구` with no city yet) is unknown
    if re.fullmatch(r"(?:동|서|남|북|중|강서)구", surface):
        return None
    if toks and all(t.tag in NOUNISH and t.tag not in ("SN", "NNB", "NR") for t in toks) and (
            toks[-1].tag in ("NNP", "SL") or toks[-1].form.endswith(ORG_SUFFIXES)):
        return surface
    if len(toks) > 1 and toks[0].tag != "SN" and all(t.tag in NOUNISH for t in toks) \
            and toks[-1].form.endswith(UNIT_SUFFIXES):
        return surface  # a numbered unit (`육군 3군단 산악여단`)
    return None


#: last words of organization names (`…협회`, `…재단`, `…컨설팅`)
ORG_SUFFIXES = lx.WORDS["org_suffixes"] + lx.WORDS["unit_suffixes"]
#: last words of numbered military units (`육군 3군단 산악여단`)
UNIT_SUFFIXES = lx.WORDS["unit_suffixes"]


# -- noun phrases ----------------------------------------------------------------

def np_before(ctx: Any, toks: Sequence[Any], j: int, max_tokens: int = 5) -> tuple[int, int, int] | None:
    """The noun phrase ending just before token ``j``: (start, end, paren_start).

    A parenthesis right before ``j`` (`성동구(구청장 정원오)가`) is skipped;
    ``end`` is then the end of the name before it and ``paren_start`` where the
    parenthesis starts (else ``end``).
    """
    text = ctx.text
    k = j - 1
    end_pos = toks[j].start if j < len(toks) else None
    if k >= 0 and toks[k].tag == "SSC" and toks[k].form == ")":
        depth = 0
        while k >= 0:
            if toks[k].form == ")":
                depth += 1
            elif toks[k].form == "(":
                depth -= 1
                if depth == 0:
                    break
            k -= 1
        k -= 1
    if k < 0 or toks[k].tag not in NOUNISH:
        return None
    last = k
    first = k
    n = 1
    while first - 1 >= 0 and n < max_tokens:
        p = toks[first - 1]
        gap = text[p.end:toks[first].start]
        if p.tag not in NOUNISH or gap not in ("", " ") or p.form in DATE_WORDS or p.form in CHAIN_STOP:
            break
        if p.form in lx.ORGANIZER_NOUNS or p.form in lx.CATEGORY_WORDS:
            break
        first -= 1
        n += 1
    if first > 0 and toks[first - 1].form in ("㈜", "㈔", "㈕") and toks[first - 1].end == toks[first].start:
        first -= 1  # a legal-form mark glued to the name (`㈜가람식품이`)
    s, e = toks[first].start, toks[last].end
    return s, e, (end_pos if end_pos is not None and end_pos > e else e)


_LEGAL_MARK = re.compile(r"\((?:주|사|재|유)\)\s?|㈜\s?")


def resolve_np(ctx: Any, toks: Sequence[Any], s: int, e: int, cache: dict) -> tuple[str, tuple[int, int]] | None:
    """Name the recipient written at ``[s, e)``: an organization's canonical name or a person's name."""
    first = ctx.text[s:e].split(" ", 1)
    if len(first) == 2 and first[0] in lx.TRAILERS:  # `배우 송강호`
        s += len(first[0]) + 1
    org = org_ending_at(ctx, s, e)
    if org is None:
        # a legal-form mark written before the name (`(주)아나리츠가`): the fact starts at the mark
        org = next((f for f in ctx.facts_ending_at("organization", e, max(0, s - 4))
                    if _LEGAL_MARK.fullmatch(ctx.text, f.span[0], s)), None)
    if org is not None:
        return org.fields.get("canonical") or org.text, org.span
    people = facts_in(ctx, "person", s, e)
    if people:
        p = people[0]
        return p.fields.get("name") or p.text, p.span
    orgs = facts_in(ctx, "organization", s, e)
    words = ctx.text[s:e]
    if words in lx.COREF_HEADS or (len(words) <= 2 and words.endswith(("구", "시", "군")) and not orgs):
        main = main_government(ctx, words[-1])
        if main:
            return main, (s, e)
    np_toks = [t for t in toks if s <= t.start and t.end <= e]
    name = canonical_name(ctx, s, e, np_toks, cache)
    if name:
        return name, (s, e)
    return None


def main_government(ctx: Any, head: str) -> str | None:
    """The document's most mentioned local government whose name ends with ``head``."""
    known = ctx.once(_main_governments)
    if head not in known:
        known[head] = _main_government(ctx, head)
    return known[head]


def _main_governments(ctx: Any) -> dict[str, str | None]:
    """head -> :func:`main_government` of this document (filled as asked)."""
    return {}


def _main_government(ctx: Any, head: str) -> str | None:
    counts: Counter = Counter()
    for (name, kind), n in organizations.mentions(ctx).items():
        if kind == "local_government" and name.endswith(head):
            counts[name] += n
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def main_organization(ctx: Any) -> str | None:
    """The document's most mentioned local government (else organization of a recipient kind)."""
    return ctx.once(_main_organization)


def _main_organization(ctx: Any) -> str | None:
    counts: Counter = Counter()
    for (name, kind), n in organizations.mentions(ctx).items():
        if kind == "local_government":
            counts[name] += 2 * n
        elif kind in ("public_agency", "company", "university", "hospital"):
            counts[name] += n
    if not counts:
        return None
    return counts.most_common(1)[0][0]


# -- recipients --------------------------------------------------------------------

def organizer_clause(toks: Sequence[Any], j: int) -> bool:
    """Is the subject marked at token ``j`` the agent of a relative clause (`X가 뽑은`)?"""
    seen = False
    for t in toks[j + 1:j + 20]:
        if stem(t) in lx.ORGANIZER_VERBS or t.form in lx.ORGANIZER_VERBS or t.form in lx.ORGANIZER_NOUNS:
            seen = True
        if t.tag == "ETM":
            return seen
        if seen and t.tag == "EC" and t.form == "고":
            continue  # `X가 주최하고 Y가 주관한 E`: X hosts too
        if seen and t.tag == "JKS":
            continue
        if t.tag in ("EC", "EF", "SF", "SP", "JX", "JKS"):
            return False
    return False


def quote_or_paren_flags(toks: Sequence[Any]) -> list[bool]:
    """``flags[j] == in_quote_or_paren(ctx, toks, j)`` for every ``j`` from 0 to ``len(toks)``, in one pass:
    the loops that ask it of every particle of a clause rescanned the clause from its start each time
    (quadratic in the clause's length).

    >>> from kfacts.analysis import Token
    >>> toks = [Token(f, "SS", i, 1, 0) for i, f in enumerate("“가”(나)")]
    >>> quote_or_paren_flags(toks)
    [False, True, True, False, True, True, False]
    """
    flags = [False]
    depth = quote = 0
    for t in toks:
        form = t.form
        if form == "(":
            depth += 1
        elif form == ")":
            depth = max(0, depth - 1)
        elif form in ("‘", "“", "「", "『"):
            quote += 1
        elif form in ("’", "”", "」", "』"):
            quote = max(0, quote - 1)
        flags.append(depth > 0 or quote > 0)
    return flags


def clause_flags(toks: Sequence[Any], cache: dict | None) -> list[bool]:
    """:func:`quote_or_paren_flags` of a clause's tokens, kept in the document's awards ``cache`` (the
    clause's one token list is passed for every prize of the clause: a page of prizes on one long line
    would compute them once per prize)."""
    if cache is None:
        return quote_or_paren_flags(toks)
    store = cache.setdefault("quote_flags", {})
    got = store.get(id(toks))
    if got is None or got[0] is not toks:  # (the list is kept with its flags, so its id is not reused)
        got = store[id(toks)] = (toks, quote_or_paren_flags(toks))
    return got[1]


def in_quote_or_paren(ctx: Any, toks: Sequence[Any], j: int) -> bool:
    """Whether token ``j`` stands inside a parenthesis or a quotation opened before it in ``toks``
    (for one token; :func:`quote_or_paren_flags` gives every token's at once)."""
    return quote_or_paren_flags(toks[:j])[-1]


def has_subject(ctx: Any, toks: Sequence[Any], upto: int, cache: dict | None = None) -> bool:
    """Does the clause before token ``upto`` mark a subject or topic of its own?"""
    inside: list[bool] | None = None
    for j in range(upto):
        t = toks[j]
        if not (t.tag in ("JX", "JKS") and t.form in SUBJ_PARTICLES):
            continue
        if inside is None:
            inside = clause_flags(toks, cache)
        if not inside[j] and not organizer_clause(toks, j):
            prev = toks[j - 1] if j > 0 else None
            if prev is not None and (prev.tag.startswith("JK") or prev.form in DATE_WORDS
                                     or prev.tag in ("NNB", "SN") or prev.form.endswith(_TIME_NOUN_ENDINGS)):
                continue  # `지난달에는`, `평가에서는`, `이번에는`: a setting, not a subject
            return True
    return False


def subject_at(ctx: Any, toks: Sequence[Any], j: int, cache: dict) -> list:
    """The recipient(s) marked by the particle at token ``j``: `광주시는`, `A 교수와 B 박사가`,
    `A시, B군 등 5곳이` (rule ``award.collective``), and lists by group before them
    (`중앙부처는 A청 등 3곳, 시·도는 B도 등 2곳이 …`)."""
    if j > 0 and toks[j - 1].form == "등" and toks[j - 1].tag == "NNB":
        span = list_span_before(ctx, toks, j)
        if span is None or not _has_names(ctx, *span):
            return []
        return _group_lists(ctx, toks, span[0], cache) + list_recipients(ctx, *span, cache)
    if j >= 3 and toks[j - 1].form == "팀" and toks[j - 2].tag == "SSC":
        # `육군 A사단 <B>팀은`: a team's prize goes to its unit (rule award.team_unit)
        q = j - 3
        while q >= 0 and toks[q].tag != "SSO":
            q -= 1
        if q > 0:
            unit = np_before(ctx, toks, q, max_tokens=8)
            if unit is not None:
                got = resolve_np(ctx, toks, unit[0], unit[1], cache)
                return [got] if got else []
    np = np_before(ctx, toks, j)
    if np is None:
        return []
    span = list_span_before(ctx, toks, j)
    if span and span[0] < np[0]:
        inside = quote_or_paren_flags(toks)
        inner = [t for i, t in enumerate(toks) if span[0] <= t.start < np[0] and not inside[i]]
        if any(is_conj(t) or t.form in (",", "·", "ㆍ") or (t.form == "등" and t.tag == "NNB") for t in inner):
            got = list_recipients(ctx, *span, cache)
            if len(got) > 1 or (got and any(t.form == "등" for t in inner)):
                return _group_lists(ctx, toks, span[0], cache) + got
    got = resolve_np(ctx, toks, np[0], np[1], cache)
    return [got] if got else []


def _has_names(ctx: Any, s: int, e: int) -> bool:
    return bool(ctx.facts_in("organization", s, e) or ctx.facts_in("person", s, e))


def _group_lists(ctx: Any, toks: Sequence[Any], start: int, cache: dict) -> list:
    """Lists by group before a subject list (rule ``award.group_lists``).

    `중앙부처는 A청, B처 등 5곳, 시·도는 C도 등 3곳, 시·군·구는 D시 등 9곳이 우수기관으로
    선정`: each `GROUP은 LIST,` before the list that starts at ``start`` is also
    the subject. A list holding no organization or person fact ends the walk.
    """
    index = {t.start: i for i, t in enumerate(toks)}
    k = index.get(start, 0) - 1
    out: list = []
    while k >= 1 and toks[k].tag == "JX" and toks[k].form in ("은", "는"):
        g = np_before(ctx, toks, k)
        if g is None:
            break
        c = index.get(g[0], 0) - 1
        steps = 0
        while c >= 1 and steps < 6 and (toks[c].form in ("·", "ㆍ") or toks[c].tag in NOUNISH or (
                toks[c].tag in ("SW", "SF", "SO") and toks[c].end == toks[c + 1].start)):
            c -= 1  # `시·군·구는`: the group's own words
            steps += 1
        if c < 1 or toks[c].form != ",":
            break
        sp = list_span_before(ctx, toks, c)
        if sp is None or not _has_names(ctx, *sp):
            break
        out = list_recipients(ctx, *sp, cache) + out
        k = index.get(sp[0], 0) - 1
    return out


def subject_recipient(ctx: Any, toks: Sequence[Any], upto: int, cache: dict,
                      skip: tuple[int, int] | None = None) -> list:
    """The topic/subject of the clause before token ``upto`` that names organizations or people."""
    # headline form: `광주 동구, 매니페스토 … 최우수상 수상`
    for j in range(min(upto, 8)):
        t = toks[j]
        if t.tag == "SP" and t.form == ",":
            np = np_before(ctx, toks, j)
            if np and np[0] == toks[0].start:
                got = resolve_np(ctx, toks, np[0], np[1], cache)
                if got:
                    return [got]
            break
    found: list = []
    inside = clause_flags(toks, cache)
    for j in range(upto):
        t = toks[j]
        if not (t.tag in ("JX", "JKS") and t.form in SUBJ_PARTICLES):
            continue
        if inside[j]:
            continue
        if j > 0 and toks[j - 1].tag == "SSC" and toks[j - 1].form != ")":
            continue  # a quoted title as topic: `‘한국의 경영대상’은`
        if organizer_clause(toks, j):
            continue
        np = np_before(ctx, toks, j)
        if np is None:
            continue
        if skip and np[0] < skip[1] and skip[0] < np[1]:
            continue
        if lx.EVENT_END_RE.search(ctx.text[np[0]:np[1]]) and org_ending_at(ctx, np[0], np[1]) is None:
            continue
        got = subject_at(ctx, toks, j, cache)
        if got:
            found.append((j, got))
    found = _fact_subjects(ctx, toks, upto, found, inside)
    if not found:
        return []
    # the nearest subject of the prize's own simple clause (`광주시는 최우수기관으로, 전남도는
    # 우수기관으로 선정됐다`), else the sentence's first (`X는 … Y가 뽑은 … 대상을 받았다`)
    j, got = found[-1]
    if not any(t.tag[:2] in ("VV", "VA", "EC", "EF", "XS") or t.tag in ("ETM", "VCP") for t in toks[j + 1:upto]):
        return got
    return found[0][1]


_MARK_AFTER = re.compile(r"[은는이가도](?=[\s,]|$)")
_JOIN_BEFORE = re.compile(r"(?:와|과|,)\s*$")


def _fact_subjects(ctx: Any, toks: Sequence[Any], upto: int, found: list, inside: list[bool]) -> list:
    """Add subjects Kiwi did not mark: `광양시가` read as 광양/NNP 시가/NNG.

    An organization or person fact followed by 은/는/이/가 and a space is a
    subject; facts joined to it by 와/과/, before it are listed with it.
    """
    if upto <= 0:
        return found
    text = ctx.text
    lo, hi = toks[0].start, toks[upto - 1].end if upto <= len(toks) else toks[-1].end
    facts = sorted((f for t in ("organization", "person") for f in ctx.facts_in(t, lo, hi)
                    if f.span[1] < hi), key=lambda f: f.span)
    seen = {tuple(r[0] for r in got) for _, got in found}
    starts = [t.start for t in toks]
    extra = []
    for n, f in enumerate(facts):
        if not _MARK_AFTER.match(text, f.span[1]):
            continue
        j = bisect.bisect_left(starts, f.span[1])  # the first token at or after the fact's end, else upto
        if j == len(toks):
            j = upto
        if j < len(toks) and toks[j].start == f.span[1] and toks[j].tag.startswith("J"):
            continue  # Kiwi marked it: the main reading already judged this subject
        if inside[min(j, len(toks))] or organizer_clause(toks, j - 1) \
                or any(abs(j - k) <= 1 for k, _ in found):
            continue
        group = [f]
        k = n - 1
        while k >= 0 and _JOIN_BEFORE.search(text, facts[k].span[1], group[0].span[0]) \
                and text[facts[k].span[1]:group[0].span[0]].strip() in ("와", "과", ","):
            group.insert(0, facts[k])
            k -= 1
        got = [((g.fields.get("canonical") or g.fields.get("name") or g.text), g.span) for g in group]
        if tuple(r[0] for r in got) not in seen:
            extra.append((j, got))
    return sorted(found + extra, key=lambda x: x[0])


def list_span_before(ctx: Any, toks: Sequence[Any], j: int) -> tuple[int, int] | None:
    """The span of a list of names ending before token ``j``: `A(…), B 교수와 C 박사`."""
    k = j - 1
    depth = 0
    first = None
    while k >= 0:
        t = toks[k]
        if t.form == ")":
            depth += 1
        elif t.form == "(":
            depth -= 1
        elif depth == 0:
            ok = t.tag in NOUNISH or is_conj(t) or t.form in (",", "ㆍ", "·") \
                or (t.tag in ("SW", "SO") and ((k + 1 < len(toks) and t.end == toks[k + 1].start)
                                               or (k > 0 and toks[k - 1].end == t.start))) \
                or (t.tag == "SF" and t.form == "." and k > 0 and toks[k - 1].tag == "SL"
                    and len(toks[k - 1].form) == 1) \
                or (t.tag == "JKG" and 0 < k < j - 1 and toks[k - 1].tag == "NNP" and toks[k + 1].tag == "NNP")
            # (a proper-noun genitive inside an item: `스페인의 A(…)과 이탈리아의 B가`)
            if not ok or t.form in DATE_WORDS:
                break
        first = k
        k -= 1
    if first is None or depth != 0:
        return None
    return toks[first].start, toks[j - 1].end


#: a department of a government named bare (`안전정책과`, `예산담당관`): a recipient as written
_DEPARTMENT_WORD = re.compile(r"[가-힣]{2,12}(?:과|담당관|관실)")
_PAREN_RE = re.compile(r"\([^()]*\)|（[^（）]*）")
_GEN_HEAD_RE = re.compile(r"[가-힣A-Za-z0-9]+의\s+")
_TAIL_NUM_RE = re.compile(r"\s*\d+\s*(?:명|인|팀|곳|개)?\s*$")
_HEAD_DATE_RE = re.compile(r"^\s*(?:\d+\s*(?:일|월|년)\s*)+")


def list_recipients(ctx: Any, s: int, e: int, cache: dict | None = None) -> list[tuple[str, tuple[int, int]]]:
    """Recipients written as a list in ``[s, e)``: `A(…), B(…), C(…) 교수 3명`, `A 교수와 B 박사`.

    Items are cut at Kiwi's conjunction particles and commas outside
    parentheses; parentheses, particles, counters and titles are trimmed.
    A person fact inside an item names it; else a short item is taken as written.
    """
    text = ctx.text
    cuts: list[tuple[int, int]] = []
    etc: list[int] = []
    depth = quote = 0
    sym = False
    for t in ctx.tokens_in(s, e):
        if t.form in ("(", "（"):
            depth += 1
        elif t.form in (")", "）"):
            depth = max(0, depth - 1)
        elif t.form in _OPEN_Q:
            quote += 1
        elif t.form in _CLOSE_Q:
            quote = max(0, quote - 1)
        elif t.form in _SYM_Q:
            sym = not sym
        elif depth or quote or sym:
            continue  # a comma or 와 inside a quoted title or a parenthesis cuts nothing
        elif is_conj(t) or t.form in (",", "、", "ㆍ", "·", "및"):
            cuts.append((t.start, t.end))
        elif t.form == "등" and t.tag == "NNB":
            etc.append(t.start)  # `A시, B군 등 5곳`: the count after 등 is no recipient
    bounds = []
    pos = s
    for a, b in cuts:
        bounds.append((pos, a))
        pos = b
    bounds.append((pos, e))
    out: list[tuple[str, tuple[int, int]]] = []
    for a, b in bounds:
        b = next((p for p in etc if a <= p < b), b)
        work = _work_owner(ctx, a, b, cache)
        if work is not None:
            if work:
                out.append(work)
            continue
        # trailing particles, by Kiwi's tags (`전라남도를` keeps its 도)
        for t in reversed(ctx.tokens_in(a, b)):
            if t.tag.startswith("J") and t.end >= len(text[:b].rstrip()):
                b = t.start
            else:
                break
        flat = text[a:b]
        while True:
            new = _PAREN_RE.sub(lambda m: " " * len(m.group()), flat)
            if new == flat:
                break
            flat = new
        item = flat.rstrip()
        changed = True
        while changed:
            changed = False
            m = _TAIL_NUM_RE.search(item)
            if m and m.start() > 0:
                item, changed = item[:m.start()].rstrip(), True
            words = item.split()
            if len(words) > 1 and words[-1] in lx.TRAILERS:
                item, changed = item[:item.rfind(words[-1])].rstrip(), True
        lead = _HEAD_DATE_RE.match(item)
        off = lead.end() if lead else 0
        off += len(item[off:]) - len(item[off:].lstrip())
        ia, ib = a + off, a + len(item)
        gen = _GEN_HEAD_RE.match(text, ia, ib)
        if gen is not None and gen.end() < ib:
            head = ctx.tokens_in(ia, gen.end())
            proper = len(head) >= 2 and head[-1].tag == "JKG" and all(t.tag == "NNP" for t in head[:-1])
            if proper or ctx.facts_in("person", gen.end(), ib):
                ia = gen.end()  # `스페인의 A`, `광주시의 김철수 과장`: the genitive only describes the recipient
        name = " ".join(text[ia:ib].split()) if ib > ia else ""
        name = " ".join(_PAREN_RE.sub(" ", name).split())
        people = ctx.facts_in("person", ia, ib)
        org = next(iter(ctx.facts_ending_at("organization", ib, ia)), None)
        if org is None and ib - 1 > ia and text[ib - 1] in "이가은는":
            org = next(iter(ctx.facts_ending_at("organization", ib - 1, ia)), None)  # `B군이` read as one noun
        if people and people[0].span[0] == ia and (org is None or org.span[0] > people[0].span[1]):
            # `김철수 A대 교수`: a person named first, then the body they belong to
            out.append((people[0].fields.get("name") or people[0].text, people[0].span))
        elif org is not None:
            out.append((org.fields.get("canonical") or name, org.span))
        elif people and (len(people[-1].text) >= len(name) - 1 or len(name.split()) > 3
                         or len(people[-1].text.split()) == len(name.split()) - 1 or " " not in name):
            p = people[-1]
            out.append((p.fields.get("name") or p.text, p.span))
        elif len(re.sub(r"[^가-힣A-Za-z]", "", name)) >= 2 and len(name.split()) <= 3 \
                and not re.search(r"['‘’\"“”]", name):
            # an organization the extractor left as a place (`… 순천시에 돌아갔다`)
            item_toks = [t for t in ctx.tokens_in(ia, ib)]
            canon = canonical_name(ctx, ia, ib, item_toks, cache if cache is not None else {}) \
                if all(t.tag in ("NNP", "NNG") for t in item_toks) else None
            if canon is None and not (item_toks and item_toks[-1].tag in ("NNP", "SL")
                                      and not item_toks[0].tag == "SN") \
                    and not _DEPARTMENT_WORD.fullmatch(name):
                continue  # common nouns (`사회`, `32개 기관`) name no recipient; a proper name stays as written
            out.append((canon or name, (ia, ib)))
    return out


_OWNER_RE = re.compile(r"\s*([^'‘’\"“”()「」]{1,40}?)의\s*['‘\"“「『<《]")
_QUOTED_ITEM_RE = re.compile(r"\s*['‘\"“「『<《][^'‘’\"“”「」『』<>《》]+['’\"”」』>》]\s*[(（]")
#: a team named after its unit (`육군 A사단 <B>팀`): the team's prize goes to the unit
_TEAM_RE = re.compile(r"\s*(?:[<《‘'\"“][^<>《》‘’'\"“”]{1,20}[>》’'\"”]\s*팀?|팀)$")


def _work_owner(ctx: Any, a: int, b: int, cache: dict | None) -> tuple[str, tuple[int, int]] | None | tuple:
    """A list item naming a work: the body or person it is credited to, else ``()``; None if no work.

    `A시의 ‘작품’` -> A시 (its owner); `‘작품’(육군 B사단 병장 김철수)` -> the person in the
    parenthesis (a team's or a unit's work goes to the unit only when no person is named).
    """
    text = ctx.text
    m = _OWNER_RE.match(text, a, b)
    if m is not None:
        os_, oe = m.span(1)
        team = _TEAM_RE.search(text, os_, oe)
        if team is not None and team.start() > os_:
            oe = team.start()  # rule award.team_unit
        org = org_ending_at(ctx, os_, oe)
        if org is not None:
            return org.fields.get("canonical") or org.text, org.span
        people = ctx.facts_in("person", os_, oe)
        if people:
            return people[-1].fields.get("name") or people[-1].text, people[-1].span
        name = canonical_name(ctx, os_, oe, ctx.tokens_in(os_, oe), cache if cache is not None else {})
        return (name, (os_, oe)) if name else ()
    if _QUOTED_ITEM_RE.match(text, a, b):
        people = ctx.facts_in("person", a, b)
        if people:
            return people[-1].fields.get("name") or people[-1].text, people[-1].span
        # `‘작품’(육군 A사단 병장 김철수)`: a name right after a rank or title closes the attribution
        m = _TITLED_NAME_RE.search(text, a, b)
        if m is not None and m.group(1) in lx.TRAILERS:
            return m.group(2), m.span(2)
        return ()
    return None


_TITLED_NAME_RE = re.compile(r"([가-힣]{1,4})\s([가-힣]{2,4})[)）]\s*$")


# -- events, organizers, categories --------------------------------------------------

def event_chain(ctx: Any, toks: Sequence[Any], head: int) -> tuple[int, int] | None:
    """The unquoted event name ending with token ``head`` (`올해의 광역단체장 우수정책 대상`)."""
    text = ctx.text
    first = head
    n = 0
    while first - 1 >= 0 and n < 8:
        p = toks[first - 1]
        gap = text[p.end:toks[first].start]
        if gap not in ("", " "):
            break
        if p.tag == "JKG" and p.form == "의" and first - 2 >= 0 and toks[first - 2].tag in ("NNG", "NNP"):
            first -= 1
            n += 1
            continue
        if p.form in ("·", "ㆍ") and gap == "" and first - 2 >= 0 and toks[first - 2].tag in ("NNG", "NNP") \
                and toks[first - 2].end == p.start:
            first -= 1  # `시·군 주요업무 평가`: a dot joining two nouns inside the name
            n += 1
            continue
        if p.form in lx.CATEGORY_WORDS and first == head and gap == " " and toks[head].form in lx.EVENT_HEADS:
            first -= 1  # `농촌개발 분야 평가`: a division naming the evaluation itself
            n += 1
            continue
        if p.tag not in NOUNISH or p.form in CHAIN_STOP or p.form in lx.ORGANIZER_NOUNS \
                or p.form in lx.CATEGORY_WORDS:
            break
        if p.form in DATE_WORDS and not (toks[first].tag == "JKG"):
            break
        if p.tag == "SN" and not re.fullmatch(r"(?:19|20)\d{2}", p.form) and toks[first].form != "회":
            break
        if p.tag == "NNB" and p.form not in ("년", "회", "년도"):
            break
        if p.tag == "XPN" and p.form != "제":
            break
        if ctx.facts_overlapping("organization", p.start, p.start + 1):
            break
        first -= 1
        n += 1
    if toks[first].tag == "JKG":
        first += 1
    s, e = toks[first].start, toks[head].end
    return (s, e) if s < e else None


def organizer_before(ctx: Any, toks: Sequence[Any], j: int, cache: dict) -> tuple[str, tuple[int, int]] | None:
    """`X 주관 EVENT`, `X 주최로 열린 EVENT`, `X가 뽑은 EVENT`: the organizer before token ``j``."""
    k = j - 1
    if k > 0 and toks[k].tag == "JKG" and toks[k].form == "의":
        # `행정안전부의 ‘2024년 정부혁신평가’`: an organization owning the event
        org = org_ending_at(ctx, toks[0].start, toks[k - 1].end)
        if org is not None and org.span[1] == toks[k].start:
            return org.fields.get("canonical") or org.text, org.span
        return None
    steps = 0
    while k >= 0 and steps < 6:
        t = toks[k]
        if t.form in lx.ORGANIZER_NOUNS and t.tag.startswith("NN"):
            m = k
            if m - 1 >= 0 and toks[m - 1].form == "공동":
                m -= 1  # `X가 공동 주최한`
            if m - 1 >= 0 and toks[m - 1].tag == "JKS":
                m -= 1
            np = np_before(ctx, toks, m)
            if np is None:  # `X이 학생들을 대상으로 주최한 E`: the clause's subject
                q = next((q for q in range(m - 1, max(-1, m - 9), -1) if toks[q].tag == "JKS"), None)
                np = np_before(ctx, toks, q) if q is not None else None
            if np:
                return org_name(ctx, toks, np, cache)
            return None
        verb_noun = t.tag == "NNG" and t.form in lx.ORGANIZER_VERBS and k + 1 < len(toks) and toks[k + 1].tag == "XSV"
        verb = t.tag in ("VV", "VV-R", "VV-I") and (stem(t) in lx.ORGANIZER_VERBS or t.form in lx.ORGANIZER_VERBS)
        if verb_noun or verb:
            m = k
            if m - 1 >= 0 and toks[m - 1].tag == "JKS":
                np = np_before(ctx, toks, m - 1)
                if np:
                    return org_name(ctx, toks, np, cache)
            return None
        if t.tag not in ("ETM", "EP", "XSV", "XSV-R", "JKB", "JKG", "EC", "VV", "VX", "SSO", "SP", "MAG") \
                and not (t.tag.startswith("NN") and t.form in ("주관", "주최")):
            return None
        k -= 1
        steps += 1
    return None


def org_name(ctx: Any, toks: Sequence[Any], np: tuple[int, int, int], cache: dict):
    s, e, _ = np
    org = org_ending_at(ctx, s, e)
    if org is not None:
        return org.fields.get("canonical") or org.text, org.span
    np_toks = [t for t in toks if s <= t.start and t.end <= e]
    name = canonical_name(ctx, s, e, np_toks, cache)
    return (name, (s, e)) if name else None


#: adverbials (and their counters after a number) between a division and its prize: `부문에서 10년 연속 대상을`
_CATEGORY_ADVERBIALS = frozenset(lx.WORDS["category_adverbials"])
_CATEGORY_COUNTERS = frozenset(lx.WORDS["category_counters"])


def category_before(ctx: Any, toks: Sequence[Any], j: int) -> tuple[str, tuple[int, int]] | None:
    """`'…' 분야`, `고객만족경영 부문` right before token ``j`` (the prize)."""
    k = j - 1
    # adverbials between the division and the prize: `가전 부문에서 10년 연속 대상을`
    while k > 0 and (toks[k].form in _CATEGORY_ADVERBIALS
                     or toks[k].tag == "SN" or (toks[k].tag == "NNB" and toks[k].form in _CATEGORY_COUNTERS)):
        k -= 1
    if k > 0 and toks[k].tag == "JKB" and toks[k].form in ("에서", "에") and toks[k - 1].form in lx.CATEGORY_WORDS:
        k -= 1  # `고객만족 부문에서 대상을`
    elif k != j - 1 and toks[k].form not in lx.CATEGORY_WORDS:
        return None
    if k < 0:
        return None
    t = toks[k]
    text = ctx.text
    if t.form in lx.CATEGORY_WORDS or (t.form.endswith(tuple(lx.CATEGORY_WORDS)) and t.tag.startswith("NN")):
        word_start = t.start
        if t.form not in lx.CATEGORY_WORDS:  # `CS부문` as one token
            word = t.form[:-2]
            return (word, (t.start, t.end - 2)) if word else None
        m = k - 1
        if m >= 0 and toks[m].tag == "SSC":
            close = toks[m]
            q = m - 1
            while q >= 0 and toks[q].tag != "SSO":
                q -= 1
            if q >= 0:
                s, e = toks[q].end, close.start
                return text[s:e].strip(), (s, e)
            return None
        if m < 0 or toks[m].tag not in NOUNISH or text[toks[m].end:word_start] not in ("", " "):
            return None
        # the words of the division: nouns back to a boundary (max 3 words)
        first = m
        words = 1
        while first - 1 >= 0:
            p = toks[first - 1]
            gap = text[p.end:toks[first].start]
            if p.tag not in NOUNISH or gap not in ("", " ") or p.form in DATE_WORDS or p.form in CHAIN_STOP:
                break
            if lx.EVENT_END_RE.search(p.form) or lx.level_of(p.form) or lx.honor_of(p.form):
                break
            if gap == " ":
                words += 1
                if words > 3:
                    break
            first -= 1
        s, e = toks[first].start, toks[m].end
        if re.fullmatch(r"[\d,]+\s?개?", text[s:e]):
            return None  # `2개 분야`: a count of divisions
        return text[s:e], (s, e)
    return None


# -- lists by level ------------------------------------------------------------------

#: verbs that close a list by level (`… C군이 각각 선정됐다`, `… D구에게 돌아갔다`)
SLOT_VERBS = lx.RECEIVE_VERBS | lx.SELECT_VERBS | lx.GIVEN_VERBS | frozenset(lx.WORDS["slot_verbs"])
_OPEN_Q = frozenset({"‘", "“", "「", "『", "<", "《", "〈"})
_CLOSE_Q = frozenset({"’", "”", "」", "』", ">", "》", "〉"})
_SYM_Q = frozenset({"'", '"'})


def _finite(toks: Sequence[Any], q: int) -> bool:
    """Does the predicate at token ``q`` end its clause (`받았다`, `선정돼`), not modify a noun (`선정한 업체`)?"""
    for t in toks[q + 1:q + 6]:
        if t.tag == "ETM":
            return False
        if t.tag in ("EF", "EC", "SF"):
            return True
    return True


def _slot_verb_after(toks: Sequence[Any], k: int) -> bool:
    """Is the first predicate after token ``k`` one that says the prize was received or given?"""
    for n, t in enumerate(toks[k:k + 10]):
        if t.tag in ("SF",) or t.tag == "EF":
            return False
        if t.tag in ("MAG", "JX", "JKS", "JKB", "NNB", "SN") or t.tag.startswith("J"):
            continue
        if stem(t) in SLOT_VERBS or t.form in SLOT_VERBS:
            return _finite(toks, k + n)
        if t.tag.startswith(("VV", "VA", "XSV", "VX")):
            return False
    return False


def slot_list(ctx: Any, toks: Sequence[Any], i: int, bound: int | None,
              listed: bool = False) -> tuple[int, int] | None:
    """The recipient list of a slot in a list by level (rule ``award.level_list``).

    ``toks[i]`` is the particle after a prize: `우수상은 A시와 B군, 장려상은 C군이 받았다`,
    `우수에 A시, 장려에 B군이 각각 선정됐다`, `대상은 A구에게 돌아갔다`,
    `우수상에는 ‘작품’(A 병장)이 선정`. The list runs to the subject particle that
    closes the sentence's last slot, to `에게`, or to the comma before the next
    prize of the clause (``bound``). The predicate after the list must be a
    receiving, selecting or giving verb. Returns the list's span, else None.
    """
    n = len(toks)
    if i >= n:
        return None
    t = toks[i]
    j = i + 1
    if listed and t.tag == "NNP" and ctx.text[t.start - 1] == " " and ctx.facts_in("organization", t.start, t.end + 30):
        j = i  # a later slot of the list may drop its particle: `A상에 B시, C상 D군이 선정`
    elif t.tag == "JKB" and t.form in ("에", "으로", "로"):
        if j < n and toks[j].tag == "JX" and toks[j].form in ("는", "은", "ㄴ"):
            j += 1
        elif t.form != "에":
            return None
    elif not (t.tag == "JX" and t.form in ("은", "는")):
        return None
    if j >= n or not (toks[j].tag in ("NNP", "NNG", "SL", "SH", "SW") or toks[j].form in _OPEN_Q | _SYM_Q
                      or toks[j].tag == "SSO"):
        return None
    start = toks[j].start
    depth = quote = 0
    sym = False
    last_comma = None
    for k in range(j, n):
        t = toks[k]
        if bound is not None and t.start >= bound and (depth or quote or sym):
            bound = None  # a prize word inside a quoted title or a parenthesis bounds nothing
        if bound is not None and t.start >= bound:
            if last_comma is None:
                return None
            return (start, last_comma) if _slot_verb_after(toks, k) or _any_slot_verb(toks, k) else None
        f = t.form
        if f in ("(", "（"):
            depth += 1
            continue
        if f in (")", "）"):
            depth = max(0, depth - 1)
            continue
        if f in _OPEN_Q:
            quote += 1
            continue
        if f in _CLOSE_Q:
            quote = max(0, quote - 1)
            continue
        if f in _SYM_Q:
            sym = not sym
            continue
        if depth or quote or sym:
            continue
        if f == ",":
            last_comma = t.start
            continue
        if t.tag == "JKS" or (t.tag == "JX" and f == "도"):
            return (start, t.start) if k > j and _slot_verb_after(toks, k + 1) else None
        if t.tag == "JKB" and f in ("에게", "에게로", "한테"):
            return (start, t.start) if k > j and _slot_verb_after(toks, k + 1) else None
        if t.tag == "JKO" and k + 1 < n and stem(toks[k + 1]).startswith("비롯"):
            # `A팀의 「작품」을 비롯한 3팀이 선정`: the list is named before 비롯한
            return (start, t.start) if k > j and _any_slot_verb(toks, k + 2) else None
        if t.tag in NOUNISH or is_conj(t) or f in ("·", "ㆍ", "및", "、") or t.tag in ("SP", "SO", "SW"):
            continue
        if t.tag == "JKG" and k + 1 < n and (toks[k + 1].form in _OPEN_Q | _SYM_Q or toks[k + 1].tag == "SSO"):
            continue  # `A시의 ‘작품’`: a work of A
        return None
    return None


def _any_slot_verb(toks: Sequence[Any], k: int) -> bool:
    """Does a receiving/selecting/giving predicate follow token ``k`` (`받았다`, `수상했다`, `선정됐다`)?"""
    n = len(toks)
    return any(stem(toks[i]) in SLOT_VERBS and (
        toks[i].tag.startswith("VV") or (toks[i].tag in ("NNG", "XR") and i + 1 < n and toks[i + 1].tag.startswith("XS")))
        and _finite(toks, i) for i in range(k, n))


#: nouns between a prize and `으로` that keep it the prize (`대통령상 수상 기관으로`)
_HOLDER_NOUNS = frozenset(lx.WORDS["holder_nouns"])
#: verbs after the selected list that choose it (`A시와 B군을 선정했다`)
_SELECT_OBJECT_VERBS = frozenset(lx.WORDS["select_object_verbs"])


def object_after(ctx: Any, toks: Sequence[Any], i: int) -> tuple[int, int] | None:
    """`PRIZE(수상 기관)으로 A와 B를 선정했다`: the selected list after the prize (rule ``award.select_object``).

    ``toks[i]`` is the token after the prize. The list must be closed by an
    object particle whose verb selects (`선정`, `뽑`, `선발`, `지정`); the
    chooser (the clause's subject) is then the organizer.
    """
    n = len(toks)
    j = i
    if j < n and toks[j].form == "수상" and toks[j].tag == "NNG":
        j += 1
        if j < n and toks[j].tag == "NNG" and toks[j].form in _HOLDER_NOUNS:
            j += 1
    if j >= n or not (toks[j].tag == "JKB" and toks[j].form in ("으로", "로")):
        return None
    j += 1
    if j < n and toks[j].tag == "JX" and toks[j].form in ("는", "은"):
        j += 1
    if j >= n or toks[j].tag not in ("NNP", "NNG", "SL", "SH"):
        return None
    for k, t in _outside_parens(toks, j, min(n, j + 40)):
        if t.tag == "JKO":
            nxt = toks[k + 1] if k + 1 < n else None
            if k > j and nxt is not None and (stem(nxt) in _SELECT_OBJECT_VERBS):
                return toks[j].start, t.start
            return None
        elif not (t.tag in NOUNISH or is_conj(t) or t.form in (",", "·", "ㆍ", "및")):
            return None
    return None


#: verbs by which a body announces, runs or confers a contest's results (`X는 … 선정했다고 밝혔다`)
ANNOUNCE_VERBS = frozenset(lx.WORDS["announce_verbs"])


#: the verbs read in other clauses of the document (`실시해`, `진행해` there mostly tell what a winner did)
STRICT_ANNOUNCE = frozenset(lx.WORDS["strict_announce"])
#: the topic and subject particles after an announcing body (`행안부는`)
_ANNOUNCER_PARTICLES = frozenset(lx.WORDS["announcer_particles"])


def announcer(ctx: Any, toks: Sequence[Any], names: set, upto: int | None = None,
              strict: bool = False) -> tuple[str, tuple[int, int]] | None:
    """The organizer as the body that announces or confers in the clause (rule ``award.organizer_announcer``).

    `X는 … 평가에서 A시를 최우수기관으로 선정했다`, `X는 … 시상식을 열고 …`,
    `X는 … A시와 B군이 최우수기관으로 선정됐다고 밝혔다`: the clause's first
    topic or subject X, an organization fact that is none of the recipients
    (``names``), with an active verb of announcing or conferring after it
    (`선정됐다` is passive: the recipient's verb).
    """
    n = len(toks)
    inside: list[bool] | None = None
    for j, t in enumerate(toks[:upto]):
        if t.form == "따르" and j >= 2 and toks[j - 1].form == "에" and toks[j - 1].tag == "JKB":
            # `4일 X에 따르면`: the source that announces the results
            org = org_ending_at(ctx, toks[0].start, toks[j - 2].end)
            if org is not None and org.span[1] == toks[j - 1].start:
                name = org.fields.get("canonical") or org.text
                if name not in names:
                    return name, org.span
            continue
        if not (t.tag in ("JX", "JKS") and t.form in _ANNOUNCER_PARTICLES):
            continue
        if inside is None:
            inside = quote_or_paren_flags(toks)
        if inside[j]:
            continue
        np = np_before(ctx, toks, j)
        if np is None:
            continue
        prev = toks[j - 1] if j > 0 else None
        if prev is not None and (prev.tag.startswith("JK") or prev.form in DATE_WORDS or prev.tag in ("NNB", "SN")):
            continue  # `평가에서는`, `이번에는`: a setting, not a subject
        org = org_ending_at(ctx, np[0], np[1])
        if org is None:
            return None
        span = list_span_before(ctx, toks, j)
        if span and span[0] < org.span[0]:
            # `X와 Y는 … 선정했다`: the first of the bodies that announce
            first = next(iter(ctx.facts_in("organization", span[0], org.span[0])), None)
            if first is not None and first.span[0] == span[0]:
                org = first
        name = org.fields.get("canonical") or org.text
        if name in names:
            return None
        for k in range(j + 1, n):
            x = toks[k]
            if x.tag in ("SF", "EF"):
                break
            st = stem(x)
            if st not in ANNOUNCE_VERBS or (strict and st not in STRICT_ANNOUNCE and not (
                    st == "열" and k >= 2 and toks[k - 1].tag == "JKO" and toks[k - 2].form in ("시상식", "대회", "행사"))):
                continue
            if x.tag.startswith("VV") or (x.tag == "NNG" and k + 1 < n and toks[k + 1].form == "하"
                                          and toks[k + 1].tag.startswith("XSV")):
                if st == "주최":
                    runner = _runner_after(ctx, toks, k + 1)
                    if runner is not None and (runner.fields.get("canonical") or runner.text) not in names:
                        return runner.fields.get("canonical") or runner.text, runner.span
                return name, org.span
        return None
    return None


def _runner_after(ctx: Any, toks: Sequence[Any], k: int) -> Any:
    """`X가 주최하고 Y(와 Z)가 주관한`: Y runs what X hosts (the first of its list)."""
    for q in range(k, min(len(toks) - 1, k + 20)):
        if toks[q].tag == "JKS" and toks[q + 1].form == "주관":
            span = list_span_before(ctx, toks, q)
            if span is None:
                return None
            return next(iter(ctx.facts_in("organization", span[0], span[1])), None)
        if toks[q].tag in ("EF", "SF"):
            return None
    return None



def copula_list(ctx: Any, toks: Sequence[Any], h: int, cache: dict) -> list:
    """Recipients listed by a copula after a relative clause (rule ``award.copula_list``).

    ``toks[h]`` heads `PRIZE을 받은 HEAD`: `… 받은 곳은 A시와 B군이다`, `… 받은 대학은 C대 등
    5개교이고`, and by group `… 받은 대학 9개교 가운데 G형은 A대·B대 등 2개교, H형은 C대
    등 7개교다` (each recipient then carries its group as category). The sentence
    must close the last list with the copula. Returns (name, span[, category]) items.
    """
    n = len(toks)
    k = h
    while k < n and k < h + 6 and toks[k].tag in NOUNISH and toks[k].form not in ("가운데", "중"):
        k += 1
    if k >= n or k == h:
        return []
    if toks[k].tag == "JX" and toks[k].form in ("은", "는"):
        end = _copula_end(toks, k + 1)
        if end is None:
            return []
        span = (toks[k + 1].start, toks[end].start)
        proper = all(t.tag in ("NNP", "SP", "JC") for t in toks[k + 1:end])
        return list_recipients(ctx, *span, cache) if _has_names(ctx, *span) or proper else []
    if toks[k].form not in ("가운데", "중"):
        return []
    out: list = []
    k += 1
    while k < n:
        g = k
        while k < n and toks[k].tag in NOUNISH:
            k += 1
        if k == g or k >= n or not (toks[k].tag == "JX" and toks[k].form in ("은", "는")):
            return []
        group = ctx.text[toks[g].start:toks[k - 1].end]
        start = k + 1
        # the list runs to the comma before the next `GROUP은`, or to the copula
        q = start
        nxt = None
        while q < n:
            t = toks[q]
            if t.form == "," and _group_follows(toks, q + 1):
                nxt = q
                break
            if t.tag in ("VCP", "EF", "EC", "SF") or t.tag.startswith(("VV", "VA", "JK")):
                break
            q += 1
        if nxt is not None:
            span = (toks[start].start, toks[nxt].start)
            if _has_names(ctx, *span) or _proper_list(toks[start:nxt]):
                out.extend((*r, group) for r in list_recipients(ctx, *span, cache))
            k = nxt + 1
            continue
        if q < n and toks[q].tag == "VCP" and q > start:
            span = (toks[start].start, toks[q].start)
            if _has_names(ctx, *span) or _proper_list(toks[start:q]):
                out.extend((*r, group) for r in list_recipients(ctx, *span, cache))
            return out
        return []
    return []


def _proper_list(toks: Sequence[Any]) -> bool:
    """A list of proper nouns, with its dots, commas and a trailing `등 N개`."""
    names = [t for t in toks if t.tag == "NNP"]
    return bool(names) and all(t.tag in ("NNP", "SP", "JC", "SN", "NNB") or t.form in ("교", "곳", "개교")
                               for t in toks)


def _group_follows(toks: Sequence[Any], k: int) -> bool:
    """Do nouns and then 은/는 start at token ``k`` (a group of a list by group)?"""
    g = k
    while k < len(toks) and k < g + 4 and toks[k].tag in NOUNISH:
        k += 1
    return k > g and k < len(toks) and toks[k].tag == "JX" and toks[k].form in ("은", "는")


def _outside_parens(toks: Sequence[Any], start: int, stop: int) -> Iterator[tuple[int, Any]]:
    """``(index, token)`` of the tokens in ``start:stop`` that stand outside parentheses."""
    depth = 0
    for k in range(start, stop):
        t = toks[k]
        if t.form in ("(", "（"):
            depth += 1
        elif t.form in (")", "）"):
            depth = max(0, depth - 1)
        elif not depth:
            yield k, t


def _copula_end(toks: Sequence[Any], k: int) -> int | None:
    """The copula closing a list that starts at token ``k`` (`…이다`, `…이고`), only names before it."""
    for q, t in _outside_parens(toks, k, min(len(toks), k + 60)):
        if t.tag == "VCP":
            return q if q > k else None
        elif not (t.tag in NOUNISH or is_conj(t) or t.form in (",", "·", "ㆍ", "및")):
            return None
    return None
