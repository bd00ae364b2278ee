"""Person mentions not anchored on a title word before or after the name.

* foreign names written in Hangul before a parenthesis that gives the Latin
  name or the age and affiliation (``장 피에르 소바주(Jean-Pierre Sauvage,
  프랑스 스트라스부르대 교수, 72)``, ``올리버 하트(68, 영국, 하버드대 교수)``);
* names without a title: ``김은경(53) 씨``, ``홍길동 씨``, ``문재인 정부``;
* a reporter's name alone on a byline line under the headline (``• 윤만형``);
* later mentions of a full name already found (``이용섭은 ...``).
"""

from __future__ import annotations

import re as _re
from typing import Iterator

import regex as re

from ..base import Context
from . import orgs
from .lexicon import JOSA, title_regex, titles
from .names import foreign_words_ok, korean_name_ok, latin_name_parts, latin_person_name
from .patterns import Found, TitleHit, _apply_words, _found
from .words import prev_word, word_start

#: a parenthesis right after a Hangul word (the words before it are read backwards)
#: (the literal ``(`` first, its lookbehind after: the scan jumps to each parenthesis instead of testing a
#: lookbehind at every position; the same matches)
_PAREN = _re.compile(r"\((?<=[가-힣]\()([^()\n]{1,120})\)")
_PAREN_HINT = _re.compile(r"[A-Za-z]{2}|\d")
_WORDS_BEFORE = _re.compile(r"(?:[가-힣]{1,6} ){0,3}[가-힣]{1,6}$")
_AGE = re.compile(r"\s*(?:만\s*)?\d{1,3}\s*세?\s*")
_COUNTRY_LIKE = re.compile(r"[가-힣]{1,8}")


def _paren_title(ctx: Context, start: int, end: int) -> Found | None:
    """The affiliation part of a parenthesis: ``프랑스 스트라스부르대 교수`` -> title, org."""
    text = ctx.text
    part = text[start:end]
    m = None
    for m2 in title_regex().finditer(part):
        m = m2
    if m is None or start + m.end() != end:
        return None
    ts, te = start + m.start(), start + m.end()
    ws = ts
    while ws > start and text[ws - 1] not in " ":
        ws -= 1
    info = titles()[m.group()]
    hit = TitleHit(ws=ws, we=te, ts=ts, te=te, info=info, title=m.group(), title_start=ts, org=info.org)
    prefix = text[ws:ts]
    if prefix:
        found = None
        for surface in info.fused_orgs(prefix):
            found = orgs.canonicalize(ctx, surface)
            if found is not None and found[0]:
                hit.org, hit.org_span = found[0], (ws, ts)
                break
        else:
            if not info.compound:
                return None
            hit.title, hit.title_start = prefix + hit.title, ws
    words = []
    pos = ws
    while True:
        w = prev_word(text, pos)
        if w is None or w[0] < start:
            break
        words.insert(0, w)
        pos = w[0]
    _apply_words(ctx, hit, words, need_org=False)  # a country before the org is dropped
    return _found(hit, 0, 0, "person.foreign")


def foreign_names(ctx: Context) -> list[Found]:
    text = ctx.text
    out = []
    for m in _PAREN.finditer(text):
        if _PAREN_HINT.search(m.group(1)) is None:
            continue  # no Latin name and no age: not about a person
        inner_s, inner_e = m.span(1)
        parts = []
        pos = inner_s
        for piece in text[inner_s:inner_e].split(","):
            s = pos + len(piece) - len(piece.lstrip())
            e = pos + len(piece.rstrip())
            parts.append((s, e))
            pos += len(piece) + 1
        latin = None
        age = False
        title_part = None
        for s, e in parts:
            seg = text[s:e]
            if latin is None and latin_person_name(seg):
                latin = seg
            elif _AGE.fullmatch(seg):
                age = True
            elif s < e and title_part is None:
                title_part = _paren_title(ctx, s, e)
        if latin is None and not (age and title_part is not None):
            continue
        # the name: the Hangul words just before the parenthesis
        ne = m.start()
        lead = max(0, ne - 30)
        wm = _WORDS_BEFORE.search(text, lead, ne)
        if wm is None:
            continue
        words = wm.group().split(" ")
        if wm.start() > 0 and "가" <= text[wm.start() - 1] <= "힣":
            words = words[1:]  # the window cut a word: drop the fragment
            if not words:
                continue
        limit = latin_name_parts(latin) if latin else 3
        limit = max(1, min(limit, 4))
        best = None
        for n in range(1, min(limit, len(words)) + 1):
            ws = ne - len(" ".join(words[-n:]))
            if foreign_words_ok(ctx, ws, ne, strict=n >= 3):
                best = ws
        if best is None or len(text[best:ne].replace(" ", "")) < 3:
            continue
        chosen = [(best, ne)]
        s, e = chosen[0][0], chosen[-1][1]
        if " " not in text[s:e] and not korean_name_ok(ctx, s, e):
            continue  # one word: only a Korean name (로키아케움(Candidatus Lokiarchaeum) is not)
        f = title_part or Found(0, 0, "person.foreign")
        f.start, f.end, f.rule = s, e, "person.foreign"
        out.append(f)
    return out


#: a cheap scan for the places where a bare-name trigger may start
_BARE_HINT = _re.compile(r"씨|정부|정권|행정부|\(\s*(?:만\s*)?\d")

#: what follows a name given without a title: an age in parentheses, 씨, or 정부 (a president's government)
_BARE_TRIGGER = _re.compile(
    r"(?<=[가-힣])(?:\s*\(\s*(?:만\s*)?\d{1,3}\s*세?\s*\)|\s?씨(?:" + JOSA + r")?(?![가-힣])"
    r"|\s(?:정부|정권|행정부)(?:" + JOSA + r")?(?![가-힣]))"
)
#: a press-release contact cell: 일자리정책과 | 홍길동 | 062-123-4567
_CONTACT = re.compile(r"[가-힣](?:과|팀|실|관|국|단|센터|담당)[ \t]*\|[ \t]*([가-힣]{2,4})[ \t]*\|[ \t]*0\d{1,2}-\d{3,4}-\d{4}")
_BULLET_LINE = re.compile(r"(?m)^[ \t]*(?:[•·▶■◆○◇▲\-]|\d{4}[-.]\d{1,2}[-.]\d{1,2}\.?(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?)"
                          r"[ \t]*([가-힣]{2,4})[ \t]*$")


def bare_names(ctx: Context) -> list[Found]:
    out = []
    text = ctx.text
    seen = set()
    for h in _BARE_HINT.finditer(text):
        q = h.start()
        while q > 0 and text[q - 1] in " \t":
            q -= 1
        if q in seen:
            continue
        seen.add(q)
        m = _BARE_TRIGGER.match(text, q)
        if m is None:
            continue
        e = m.start()
        s = word_start(text, e)
        name = text[s:e]
        if not 2 <= len(name) <= 4 or name.endswith("모"):
            continue  # 김모(45)씨: an anonymized name
        if korean_name_ok(ctx, s, e, strict=True):
            out.append(Found(s, e, "person.bare_name"))
    if "|" in text:
        for m in _CONTACT.finditer(text):
            s, e = m.span(1)
            if korean_name_ok(ctx, s, e):
                f = Found(s, e, "person.contact")
                # the officer of a government department: the document's government
                f.org = orgs.document_government(ctx, "city") or orgs.document_government(ctx, "do")
                out.append(f)
    for m in _BULLET_LINE.finditer(ctx.text[:1500]):
        s, e = m.span(1)
        if korean_name_ok(ctx, s, e, strict=True):
            out.append(Found(s, e, "person.byline_name"))
    return out


def _find_chain(text: str, name: str) -> Iterator[int]:
    """The starts of ``name`` in ``text`` as ``str.find`` chains them (left to right, not overlapping)."""
    pos = text.find(name)
    while pos != -1:
        yield pos
        pos = text.find(name, pos + len(name))


def _occurrences(text: str, names: set[str]) -> dict[str, list[int]]:
    """:func:`_find_chain` of every name, in one pass over ``text``."""
    lengths = sorted({len(n) for n in names}, reverse=True)
    rx = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    occ: dict[str, list[int]] = {n: [] for n in names}
    free_from: dict[str, int] = {}
    for m in rx.finditer(text, overlapped=True):  # (every position where some name starts)
        p = m.start()
        for n in (text[p:p + k] for k in lengths):
            if n in occ and p >= free_from.get(n, 0):
                occ[n].append(p)
                free_from[n] = p + len(n)
    return occ


def repeat_mentions(ctx: Context, names: set[str], taken: set[int]) -> list[Found]:
    """Other mentions of full names already found (``이용섭은``, ``이용빈 의원`` found elsewhere)."""
    if not names:
        return []
    text = ctx.text
    out = []
    # (many names: every name's mentions in one pass, not one scan of the page per name, quadratic on a long page)
    occ = _occurrences(text, names) if len(names) > 8 else None
    for name in sorted(names, key=len, reverse=True):
        for s in (occ[name] if occ is not None else _find_chain(text, name)):
            e = s + len(name)
            if s in taken or (s > 0 and "가" <= text[s - 1] <= "힣") or _AFTER_NAME.match(text, e) is None:
                continue
            taken.add(s)
            if " " not in name and not korean_name_ok(ctx, s, e):
                continue
            out.append(Found(s, e, "person.repeat"))
    return out


#: what may follow a name: a particle, then no more Hangul
_AFTER_NAME = _re.compile(rf"(?:{JOSA})?(?![가-힣])")
