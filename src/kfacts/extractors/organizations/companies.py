"""Companies without a legal-form marker or a lexicon entry, found by what surrounds them.

A company name is an unknown word to Kiwi (a proper noun, often one token:
``한빛정밀``) or a proper-noun stem with a company head (``한빛전자``,
``GS건설``). The name alone is not enough (``자동차산업``, ``출판사`` are common
nouns); each rule below needs a frame that only companies fill:

* ``company_ceo``: ``한빛정밀(대표 박지훈)``: the company of a named head;
* ``company_list``: ``A·B·C 등 3개 기업``, ``A, B 등 대기업``, ``A B C 등 3개사``:
  the members of a list that the text counts as companies;
* ``company_pact``: ``OO시는 한빛정밀과 투자협약을 체결``: the other party of an
  agreement;
* ``company_invest``: ``한빛정밀이 120억원을 들여``: who spends on a plant;
* ``company_head``: ``한빛전자``, ``GS건설``, ``독일 레콤사``: a proper-noun stem
  with a company head word (or ``사`` after a country);
* ``company_role``: ``박지훈 한빛정밀 대표``: the company between a person's name
  and a company role;
* ``company_neighbour``: ``한빛정밀·한국전력공사``: a name listed with ``·``
  beside a known organization.

Every candidate must be name-like (:func:`name_like`): its first morpheme a
proper noun or Latin letters, only nouns inside, not a region, a country or a
word of ``words.tsv``'s ``not_company_names`` list.
"""

from __future__ import annotations

import re
from typing import Any

from ..base import Context
from ..wordlists import countries
from .lexicon import UNIT_SUFFIXES, WORDS
from .canonical import canonicalize
from .patterns import hangul_rest, is_particles, person_like, strip_josa, trie_regex
from .regions import LG


HEADS = WORDS["company_heads"]
NOT_NAMES = frozenset(WORDS["not_company_names"])
FACILITY_ENDINGS = WORDS["facility_endings"]
_NAME_TAGS = ("NNP", "SL", "SH")
_NOUN_TAGS = ("NNP", "NNG", "SL", "SN", "SH", "XSN", "NNB")
_WORD = r"[가-힣A-Za-z0-9&]"

#: country names (people/countries.tsv) are not company names
COUNTRIES = countries()


def name_like(ctx: Context, s: int, e: int, loose: bool = False) -> bool:
    """``text[s:e]`` may be a company name: a proper noun (or Latin) first, nouns only, not a common word.

    A last morpheme may run past ``e`` (Kiwi writes ``코디엠이`` as one unknown word). ``loose`` (in the
    frames only companies fill: a counted list, an agreement, an investment) also takes one common-noun
    morpheme of four syllables or more, as Kiwi often tags an unknown compound name (``누리하이텍``).
    """
    word = ctx.text[s:e]
    if len(word) < 2 or word in NOT_NAMES or word in LG.by_form or word in COUNTRIES or word.endswith(FACILITY_ENDINGS):
        return False
    i = ctx.token_index_at(s)
    toks = ctx.tokens
    if i >= len(toks) or toks[i].start != s:
        return False
    if toks[i].tag not in _NAME_TAGS:
        t = toks[i]
        return loose and t.tag == "NNG" and t.start + t.len >= e and e - s >= 4 \
            and re.fullmatch("[가-힣]+", word) is not None
    while i < len(toks) and toks[i].start < e:
        t = toks[i]
        if t.tag not in _NOUN_TAGS and not (t.start + t.len > e and t.tag == "NNP"):
            return False
        i += 1
    return True


def _cand(ctx: Context, s: int, e: int, rule: str, canonical: str | None = None) -> dict[str, Any]:
    name = ctx.text[s:e]
    known = canonicalize(name, ctx.published)
    if known is not None:
        canonical, kind = known
    else:
        kind = "company"
    return {"start": s, "end": e, "canonical": canonical or name, "kind": kind, "rule": rule}


# -- company_ceo -------------------------------------------------------------------------
_CEO_PAREN = re.compile(r"\((?:" + "|".join(map(re.escape, WORDS["ceo_titles"])) + r")\s?[가-힣]{2,4}\)")
_CEO = re.compile(r"(?<![가-힣A-Za-z0-9&)])(" + _WORD + r"{2,20})$")


def _ceo(ctx: Context) -> list[dict[str, Any]]:
    out = []
    text = ctx.text
    for pm in _CEO_PAREN.finditer(text):
        m = _CEO.search(text, max(0, pm.start() - 21), pm.start())
        if m is None:
            continue
        s, e = m.span(1)
        w = m.group(1)
        if w in NOT_NAMES or w in LG.by_form or w.endswith(UNIT_SUFFIXES) and w[:-1] in LG.by_form:
            continue
        out.append(_cand(ctx, s, e, "company_ceo"))
    return out


# -- lists ---------------------------------------------------------------------------
_ITEM_BACK = re.compile(_WORD + r"+$")
_SEP_BACK = re.compile(r"(?:\s?[·ㆍ∙․,]\s?|\s)$")
_CONJ = ("와", "과")


def list_items(ctx: Context, end: int, limit: int = 12, loose: bool = False) -> list[tuple[int, int]]:
    """Name-like items of a list that ends at ``end``, last first (``A·B, C와 D`` read backwards)."""
    text = ctx.text
    items: list[tuple[int, int]] = []
    p = end
    first = True
    while len(items) < limit:
        m = _ITEM_BACK.search(text, max(0, p - 30), p)
        if m is None:
            break
        s, e = m.start(), p
        if not first and text[e - 1:e] in _CONJ and e - s > 2 and text[e:e + 1] == " ":
            e -= 1  # A와 B: the conjunction closes the item before
        if not name_like(ctx, s, e, loose):
            break
        items.append((s, e))
        first = False
        sep = _SEP_BACK.search(text, max(0, s - 3), s)
        if sep is None or "\n" in sep.group(0):
            break
        p = sep.start()
    return items


_COUNT = trie_regex(WORDS["company_count_nouns"])
_GROUP = trie_regex(WORDS["company_group_nouns"])
#: (the literal 등 first, the space before it checked after: a scan that jumps to each 등; the same matches)
_LIST_END = re.compile(r"등(?<= 등)\s?(?:(\d+)\s?개\s?(?:" + _COUNT + r")|(" + _GROUP + r")|(\d+)\s?(?:개사|곳))(?=[가-힣]*)")
_COMPANY_BEFORE = re.compile("|".join(map(re.escape, WORDS["company_nouns"])))


def _lists(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    for m in _LIST_END.finditer(text):
        tail = hangul_rest(text, m.end())
        if tail and not is_particles(tail):
            continue
        if m.group(3) is not None and not _COMPANY_BEFORE.search(text, max(0, m.start() - 60), m.start()):
            continue  # 등 5곳: places unless the sentence speaks of companies
        items = list_items(ctx, m.start() - 1, loose=m.group(2) is None)
        n = m.group(1) or m.group(3)
        if n is not None and len(items) > int(n):
            items = items[: int(n)]
        if len(items) == 1 and text[items[0][0] - 1:items[0][0]] == " " and m.group(2) is None and n is None:
            continue
        out += [_cand(ctx, s, e, "company_list") for s, e in items]
    return out


_AGREEMENT = re.compile("|".join(map(re.escape, WORDS["agreement_words"])))
_PACT_START = re.compile(r"(?<![가-힣A-Za-z0-9&])" + _WORD + r"{2,20}(?:와|과) ")
_PACT = re.compile(r"(" + _WORD + r"{2,20})(?:와|과) (?:[^\s.,]+ ){0,5}?[^\s.,]*$")


def _pacts(ctx: Context) -> list[dict[str, Any]]:
    out = []
    text = ctx.text
    last = -1
    for am in _AGREEMENT.finditer(text):
        lo = max(0, am.start() - 80)
        m = None
        for cand in _PACT_START.finditer(text[lo:am.start()]):
            m2 = _PACT.match(text, lo + cand.start(), am.start())
            if m2 is not None:
                m = m2
                break
        if m is None or m.start() <= last:
            continue
        last = m.start()
        items = list_items(ctx, m.end(1), loose=True)
        out += [_cand(ctx, s, e, "company_pact") for s, e in items]
    return out


#: (the number and what follows its unit are at most 41 and 40 characters: unbounded, ``1.1.1.`` or ``1억 1억 ``
#: repeated made the search quadratic)
_SPEND = re.compile(r"\d[\d,.]{0,40}\s?(?:조|억|천만|백만|만)[\d,.조억천백만 ]{0,40}원(?:을|를)? (?:들여|투자)|"
                    r"(?:산단|산업단지|단지)(?:에|으로|로) (?:공장|새로|입주|터를|이전)")
#: a part every _SPEND match holds, found by a cheaper scan: without it the full scan is skipped
_SPEND_HINT = re.compile(r"원(?:을|를)? (?:들여|투자)|(?:산단|단지)(?:에|으로|로) (?:공장|새로|입주|터를|이전)")
_PARK_BACK = re.compile(r"[가-힣A-Za-z0-9]+$")
_SPENDER_BEFORE = re.compile(
    r"(?<![가-힣A-Za-z0-9&])(" + _WORD + r"{2,20}?)(?:이|가|은|는) (?:[가-힣A-Za-z0-9]+에 )?(?:총 |약 )?$")


def _invest(ctx: Context) -> list[dict[str, Any]]:
    out = []
    text = ctx.text
    for sm in _SPEND.finditer(text) if _SPEND_HINT.search(text) else ():
        st = sm.start()
        if not text[st].isdigit():
            pb = _PARK_BACK.search(text, max(0, st - 20), st)
            if pb is None:
                continue
            st = pb.start()  # the park's name: 청솔일반산단에 공장을
        m = _SPENDER_BEFORE.search(text, max(0, st - 40), st)
        if m is None:
            continue
        s, e = m.span(1)
        if person_like(m.group(1)) or not name_like(ctx, s, e, loose=True):
            continue
        # A와 B가 ... 공장을 짓는다, A B C는 ...: the spender and the names listed with it
        for a, b in list_items(ctx, e, loose=True):
            if not person_like(text[a:b]):
                out.append(_cand(ctx, a, b, "company_invest"))
    return out


# -- company_head -------------------------------------------------------------------
_LATIN_AFTER = re.compile(r"[A-Za-z0-9&]")
_STEM_BACK = re.compile(_WORD + "{1,15}$")
#: ``독일 레콤사``: a word ending in 사 after a space, whose previous word is a country
_SA_WORD = re.compile(r" ([가-힣A-Za-z0-9&]{2,12}?)사(?![가-힣A-Za-z0-9&]{2})")
_PREV_WORD = re.compile(r"(?<![가-힣])([가-힣]{1,8})$")
_ROLES = WORDS["company_roles"]
_ROLE = trie_regex(_ROLES)


_ROLE_RE = re.compile(_ROLE)


def _find_all(text: str, word: str) -> list[int]:
    """Start positions of ``word`` after its first character's offset (C-speed scans)."""
    out = []
    i = text.find(word)
    while i >= 0:
        out.append(i + 1)
        i = text.find(word, i + 1)
    return out


def _closes(text: str, e: int) -> bool:
    rest = hangul_rest(text, e)
    if is_particles(rest):
        return True
    rm = _ROLE_RE.match(rest)
    return rm is not None and is_particles(rest[rm.end():])


def _heads(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    found = []
    for h in HEADS:  # one C-speed scan per head word (a regex alternation at every position costs more)
        i = text.find(h)
        while i >= 0:
            found.append((i, i + len(h)))
            i = text.find(h, i + 1)
    for hs, e in sorted(found):
        if _LATIN_AFTER.match(text, e) or not _closes(text, e):
            continue
        sb = _STEM_BACK.search(text, max(0, hs - 15), hs)
        if sb is None or (sb.start() and re.match(_WORD, text[sb.start() - 1])):
            continue
        s, stem = sb.start(), sb.group(0)
        if stem in NOT_NAMES or stem in LG.by_form or stem in COUNTRIES:
            continue
        if len(stem) < 2 and not stem.isascii():
            continue
        if not name_like(ctx, s, e):
            continue
        # the stem must be its own morpheme or the whole an unknown word (자동차산업: two common nouns)
        out.append(_cand(ctx, s, e, "company_head"))
    for m in _SA_WORD.finditer(text):
        pw = _PREV_WORD.search(text, max(0, m.start() - 8), m.start())
        if pw is None or pw.group(1) not in COUNTRIES:
            continue
        s, e = m.start(1), m.end(1)
        rest = hangul_rest(text, e + 1)
        if not is_particles(rest) or not name_like(ctx, s, e):
            continue
        # 사 is its own morpheme (레콤/사), not the end of a common noun (수학사, 여행사)
        if not any(t.start == e and t.form == "사" for t in ctx.tokens_in(e, e + 1)):
            continue
        c = _cand(ctx, s, e + 1, "company_head", canonical=m.group(1))
        out.append(c)
    return out


# -- company_role ---------------------------------------------------------------------
_ROLE_AFTER = re.compile(r" (?:" + _ROLE + r")(?![A-Za-z])")
_PERSON_ORG_BEFORE = re.compile(r"(?<![가-힣])([가-힣]{2,4}) (" + _WORD + r"{2,20})$")


def _roles(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    starts = sorted({i - 1 for w in _ROLES for i in _find_all(text, " " + w)})
    for st in starts:
        rm = _ROLE_AFTER.match(text, st)
        if rm is None:
            continue
        m = _PERSON_ORG_BEFORE.search(text, max(0, rm.start() - 30), rm.start())
        if m is None:
            continue
        s, e = m.span(2)
        tail = hangul_rest(text, rm.end())
        if tail and not is_particles(tail):
            continue
        ps = m.start(1)
        i = ctx.token_index_at(ps)
        person = i < len(ctx.tokens) and ctx.tokens[i].start == ps and ctx.tokens[i].tag == "NNP"
        # 박지훈 한빛정밀 대표: a name, then the company (not 한빛당 박지훈 대표: the name is last)
        if not person or not person_like(m.group(1)) or person_like(m.group(2)) or not name_like(ctx, s, e):
            continue
        out.append(_cand(ctx, s, e, "company_role"))
    return out


def find_companies(ctx: Context) -> list[dict[str, Any]]:
    if not ctx.tokens:
        return []
    return _ceo(ctx) + _lists(ctx) + _pacts(ctx) + _invest(ctx) + _heads(ctx) + _roles(ctx)


_DOT = "·ㆍ∙․"
#: how many names beside a known organization are read, on each side: unbounded after it, every known name
#: of a long ``·`` list read the rest of the list (a page-long list cost its length squared)
NEIGHBOURS = 6
_NEIGHBOUR = re.compile(_WORD + "+")


def find_neighbours(ctx: Context, chosen: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``A·한국전력공사``: unknown names written with ``·`` beside a known organization (not a region)."""
    text = ctx.text
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()  # a name between two known ones is the neighbour of both: read once
    for f in chosen:
        if f["kind"] == "local_government" or f["rule"].startswith("company"):
            continue
        s, e = f["start"], f["end"]
        if text[s - 1:s] in _DOT:
            for a, b in list_items(ctx, s - 1, limit=NEIGHBOURS):
                if (a, b) not in seen:
                    seen.add((a, b))
                    out.append(_cand(ctx, a, b, "company_neighbour"))
        p = e
        for _ in range(NEIGHBOURS):
            if not (text[p:p + 1] in _DOT and p < len(text)):
                break
            m = _NEIGHBOUR.match(text, p + 1)
            if m is None:
                break
            a, b = m.span()
            cut = strip_josa(ctx, a, b)
            rest = text[cut:b]
            b = cut
            if not name_like(ctx, a, b):
                break
            if (a, b) not in seen:
                seen.add((a, b))
                out.append(_cand(ctx, a, b, "company_neighbour"))
            p = b
            if rest:
                break
    return out
