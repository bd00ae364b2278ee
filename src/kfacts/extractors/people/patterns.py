"""The title patterns: NAME [ORG] TITLE, [ORG] TITLE NAME, ORG NAME TITLE, ORG(TITLE NAME).

Everything starts from a title of the lexicon ending a word (``title_regex``);
only the words around it on the same line are looked at, so the cost grows
with the number of titles, not with the length of the text.

A :class:`Found` is the working state of one person mention; the extractor
turns it into a fact after the document-level steps (org inference, merging
of mentions).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex as re

from ..base import Context
from . import orgs
from .outlet import find_outlet
from .lexicon import MODIFIERS, Title, countries, foreign_starts, not_names, title_regex, titles
from .names import foreign_words_ok, korean_name_ok
from .words import is_word_char, next_word, nounish, prev_word, stem_end, word_end, word_start


@dataclass
class Found:
    """One person mention being built (working state, not the returned fact)."""

    start: int
    end: int
    rule: str
    title: str | None = None
    org: str | None = None
    title_span: tuple[int, int] | None = None
    org_span: tuple[int, int] | None = None
    info: Title | None = None
    name: str = ""
    #: the org was inferred from the document, not read next to the name
    inferred: bool = False


@dataclass
class TitleHit:
    """A title ending a word: ``word`` = ``[ws, we)``, the title proper ``[ts, te)``."""

    ws: int
    we: int
    ts: int
    te: int
    info: Title
    title: str  # the title as given in the fact (the word, or the lexicon title when the prefix was an org)
    title_start: int  # where that title text starts
    org: str | None = None
    org_span: tuple[int, int] | None = None
    fused_name: tuple[int, int] | None = None
    #: the org came from a fused prefix of a compound title (천수만사업단장): an org written apart wins
    tentative: bool = False

    def set_org(self, canonical: str, span: tuple[int, int], text: str) -> None:
        """An organization written apart from the title word."""
        if self.org is not None and not self.tentative:
            return
        if self.tentative:
            self.title = text[self.ws:self.te]
            self.title_start = self.ws
            self.tentative = False
        self.org, self.org_span = canonical, span


def _resolve_fused(ctx: Context, hit: TitleHit) -> bool:
    """Split a fused prefix off the title (동구청장, 광주시장, 천수만사업단장); False: not a title."""
    text = ctx.text
    prefix = text[hit.ws:hit.ts]
    info = hit.info
    if not prefix:
        return True
    if info.group == "press":
        if korean_name_ok(ctx, hit.ws, hit.ts):
            hit.fused_name = (hit.ws, hit.ts)
            return True
    proper = any(t.tag == "NNP" for t in ctx.tokens_in(hit.ws, hit.ts))
    for surface in info.fused_orgs(prefix):
        found = orgs.canonicalize(ctx, surface, hit.ws if surface == prefix else None)
        if found is not None and found[1] == "other" and not proper:
            continue  # 연구위원장, 운영위원장: a common noun + 위원회 is no named organization
        if found is not None and found[0] and orgs.fits_level(found[0], found[1], info.lg):
            hit.org = found[0]
            hit.org_span = (hit.ws, hit.ts)
            hit.tentative = info.compound and info.lg is None
            return True
    if len(prefix) == 3 and korean_name_ok(ctx, hit.ws, hit.ts, strict=True):
        hit.fused_name = (hit.ws, hit.ts)  # 윤후덕의원: a name written fused to its title
        return True
    if info.compound:
        hit.title = prefix + hit.title
        hit.title_start = hit.ws
        return True
    return False


def _org_in_words(ctx: Context, words: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """The longest run of words naming an organization: (first index, last index + 1, canonical)."""
    n = len(words)
    for size in range(n, 0, -1):
        for i in range(0, n - size + 1):
            s, e = words[i][0], words[i + size - 1][1]
            surface = _clean(ctx.text[s:e])
            if surface in MODIFIERS:
                continue
            found = orgs.canonicalize(ctx, surface, s)
            if found is not None and found[0]:
                return i, i + size, found[0]
    return None


def _apply_words(ctx: Context, hit: TitleHit, words: list[tuple[int, int]], need_org: bool) -> bool:
    """Read the words written between a name (or the line) and the title word.

    The organization among them becomes ``org`` (words before it, such as a
    country, are dropped); words after it are part of the title
    (``충남 개발정책 팀장`` -> title ``개발정책 팀장``). Returns False when the
    words cannot belong to the title phrase.
    """
    words = [w for w in words if ctx.text[w[0]:w[1]] not in MODIFIERS and _ORDINAL.fullmatch(ctx.text, *w) is None]
    # a country before the title (이명박 대한민국 대통령) is neither the org nor part of the title
    while words and ctx.text[words[0][0]:words[0][1]] in countries():
        words = words[1:]
    if not words:
        return True
    found = _org_in_words(ctx, words)
    if found is None:
        if need_org:
            return False
        if len(words) > 1:
            return False
        if ctx.text[words[0][0]:words[0][1]] in ("정부", "정권", "행정부"):
            return False  # 문재인 정부 법무부장관: the name is the president's, not the title holder's
        if hit.info.group == "corp" and hit.org is None and hit.ws == hit.ts:
            # 천신일 세중나모여행 회장: the one word before a company head's title is the company
            hit.org, hit.org_span = _clean(ctx.text[words[0][0]:words[0][1]]), words[0]
            return True
        surface = ctx.text[words[0][0]:words[0][1]]
        toks = ctx.tokens_in(*words[0])
        if hit.info.group != "press" and (")" in surface or (
                toks and toks[0].tag == "NNP" and _DEPARTMENT.fullmatch(surface) is None
                and surface not in not_names() and not any(t.tag == "SN" for t in toks))):
            # 김정은 조선인민군 최고사령관, 문종현 이스트시큐리티 이사, 제임스 코미 연방수사국(FBI) 국장:
            # a proper noun (or a name with its abbreviation) before the title names the organization
            hit.set_org(_clean(surface), words[0], ctx.text)
            return True
        rest = words
    else:
        i, j, canonical = found
        hit.set_org(canonical, (words[i][0], words[j - 1][1]), ctx.text)
        rest = words[j:]
    if rest:
        hit.title = ctx.text[rest[0][0]:hit.ws] + hit.title
        hit.title_start = rest[0][0]
    return True


def _name_in_word(ctx: Context, s: int, e: int, strict: bool = False) -> tuple[int, int] | None:
    """The name at the start of a word, a particle allowed after it (``안희정과``)."""
    stem = stem_end(ctx, s, e)
    if stem - s < 2:
        return None
    if korean_name_ok(ctx, s, stem, strict=strict):
        return s, stem
    return None


def title_hits(ctx: Context) -> list[TitleHit]:
    text = ctx.text
    out: list[TitleHit] = []
    lex = titles()
    matches = list(title_regex().finditer(text))
    starts = [word_start(text, m.start()) for m in matches]  # (each match's word start and end found once)
    word_starts = set(starts)
    for m, ws in zip(matches, starts):
        ts, te = m.span()
        we = word_end(text, te)
        nw = next_word(text, te) if te == we else None
        if nw is not None and nw[0] in word_starts:
            continue  # 당선인 대변인, 대통령 외교안보수석비서관: the last title word is the title
        info = lex[m.group()]
        hit = TitleHit(ws=ws, we=we, ts=ts, te=te, info=info, title=m.group(), title_start=ts)
        if info.org:
            hit.org = info.org
        if not _resolve_fused(ctx, hit):
            continue
        if hit.org is not None and hit.org_span == (hit.ws, hit.ts):
            _foreign_ministry(ctx, hit)
        out.append(hit)
    return out


def _foreign_ministry(ctx: Context, hit: TitleHit) -> None:
    """``미 국방장관``: a fused ministry after a foreign country is that country's, not the Korean one."""
    before = prev_word(ctx.text, hit.ws)
    if before is None:
        return
    country = ctx.text[before[0]:before[1]]
    if country not in countries() or country in ("대한민국", "한국"):
        return
    kind = orgs.canonicalize(ctx, hit.org)
    if kind is None or kind[1] != "central_government":
        return
    found = orgs.canonicalize(ctx, f"{country} {hit.org}")
    hit.org = found[0] if found is not None and found[0] else None
    hit.org_span = (before[0], hit.ts) if hit.org is not None else None


def _prev_word_abbr(text: str, pos: int) -> tuple[int, int] | None:
    """:func:`prev_word`, a word written with its Latin abbreviation counting as one word.

    ``한국과학기술원(KAIST) 이상엽 교수``, ``한국과학기술원(KAIST)의 이상엽 교수``.
    """
    w = prev_word(text, pos)
    if w is None:
        i = pos
        while i > 0 and text[i - 1] in " \t":
            i -= 1
        if i < pos and i > 0 and text[i - 1] in _LEGAL_MARKS:
            # 가가전력㈜ 대표: the legal-form mark glued after the company's name
            j = i - 1
            if j > 0 and is_word_char(text[j - 1]):
                return word_start(text, j), i
    if w is not None:
        if w[0] > 0 and text[w[0] - 1] in _LEGAL_MARKS:
            return w[0] - 1, w[1]  # ㈜한빛전자 대표
        if w[0] > 0 and text[w[0] - 1] == ")":
            m = _ABBR_BEFORE.search(text, max(0, w[0] - 40), w[0])
            if m is not None:
                return m.start(), w[1]
        return w
    i = pos
    while i > 0 and text[i - 1] in " \t":
        i -= 1
    if i == pos or i == 0 or text[i - 1] != ")":
        return None
    m = _ABBR_BEFORE.search(text, max(0, i - 40), i)
    return (m.start(), i) if m is not None else None


def _clean(surface: str) -> str:
    """An organization surface without its Latin abbreviation or legal-form mark:
    한국과학기술원(KAIST) -> 한국과학기술원, ㈜한빛전자 -> 한빛전자."""
    if _LEGAL_MARKS in surface:
        surface = surface.replace(_LEGAL_MARKS, "")
    return _ABBR.sub("", surface) if ")" in surface else surface


def _left_words(ctx: Context, pos: int, limit: int) -> list[tuple[int, int]]:
    """Up to ``limit`` words before ``pos`` on the same line, nearest first, spaces only between."""
    out = []
    for _ in range(limit):
        w = _prev_word_abbr(ctx.text, pos)
        if w is None:
            break
        out.append(w)
        pos = w[0]
    return out


def match_title(ctx: Context, hit: TitleHit) -> Found | list[Found] | None:
    """One title word: find its name to the left, else to the right, with the organization."""
    text = ctx.text
    if hit.fused_name is not None:
        s, e = hit.fused_name
        if hit.info.group == "press":
            return _press(ctx, hit, s, e)
        _org_before_name(ctx, hit, s)
        return _found(hit, s, e, "person.name_title")
    left = _left_words(ctx, hit.ws, 4)
    if hit.info.group != "press":
        foreign = _foreign_before(ctx, hit, left)
        if foreign is not None:
            return foreign
    # NAME [words] TITLE
    for k, (s, e) in enumerate(left):
        if "·" in text[s:e] and k == 0:
            listed = _name_list(ctx, hit, s, e)
            if listed:
                return listed
        if not nounish(ctx, s, e) and not (hit.info.group == "press" and k == 0 and
                                           korean_name_ok(ctx, s, e, school_ok=True)):
            break
        if k + 1 < len(left) and _university_word(ctx, s, e) and nounish(ctx, *left[k + 1]) and \
                korean_name_ok(ctx, *left[k + 1]):
            continue  # 한빛대 in ``도하람 한빛대 교수``: the university, the name is further left
        if korean_name_ok(ctx, s, e, strict=hit.info.group == "common" and hit.org is None and k == 0,
                          school_ok=hit.info.group == "press" or hit.info.lg is not None):
            if k + 1 < len(left) and k < 2 and nounish(ctx, *left[k + 1]) and \
                    (hit.info.group == "corp" or not korean_name_ok(ctx, s, e, strict=True) or
                     _university_word(ctx, s, e)) and \
                    korean_name_ok(ctx, *left[k + 1], strict=True):
                # 이희상 동아원 회장: the proper-noun name before an unknown word is the person
                k += 1
                s, e = left[k]
            between = list(reversed(left[:k]))
            if hit.info.group == "press":
                return _press(ctx, hit, s, e)
            if not _apply_words(ctx, hit, between, need_org=False):
                return None
            if hit.org is None and s > 0 and text[s - 1] == "(" and text[hit.we:hit.we + 1] == ")":
                # 서울행정법원 행정13부(장낙원 부장판사): the organization before the parenthesis
                head = _appositive_head(ctx, s - 1)
                if head is not None and orgs.canonicalize(ctx, head[0]) is not None:
                    hit.set_org(head[0], head[1], text)
            if hit.org is None or hit.tentative:
                _org_before_name(ctx, hit, s)
            return _found(hit, s, e, "person.name_title")
        if k >= 2:
            break
    # NAME(age or hanja) [words] TITLE: 김철수(45) 광주시 일자리정책과장
    pos = left[-1][0] if left and len(left) <= 3 else hit.ws
    m = _NAME_AGE_BEFORE.search(text, max(0, pos - 30), pos)
    if m is not None and all(nounish(ctx, *w) for w in left if w[0] >= m.end()):
        s, e = m.span(1)
        if (s == 0 or not "가" <= text[s - 1] <= "힣") and korean_name_ok(ctx, s, e):
            between = sorted(w for w in left if w[0] >= m.end())
            if hit.info.group == "press":
                return _press(ctx, hit, s, e)
            if _apply_words(ctx, hit, between, need_org=False):
                return _found(hit, s, e, "person.name_title")
    # [ORG] TITLE NAME
    if hit.we != hit.te:
        return None
    nw = next_word(text, hit.we)
    if nw is None:
        return None
    if text[nw[0]:nw[1]] in _ACTING_WORDS:
        # 부산시(시장 권한대행 홍길동): the acting role is part of the title, the name follows it
        acting = nw
        nw = next_word(text, nw[1])
        if nw is None:
            return None
        hit.title = f"{hit.title} {text[acting[0]:acting[1]]}"
        hit.te = acting[1]
    dot = text.find("·", nw[0], nw[1])
    if dot != -1 and _PHOTO.match(text, dot + 1):
        nw = (nw[0], dot)  # 마포구(구청장 홍길순·사진): the photo note after the name
    # inside parentheses (육군 3사단 병장 홍길동): the closing parenthesis ends the name, Kiwi need not see a proper noun
    closed = text[stem_end(ctx, nw[0], nw[1]):stem_end(ctx, nw[0], nw[1]) + 1] == ")" and "(" in text[max(0, hit.ws - 40):hit.ws]
    name = _name_in_word(ctx, nw[0], nw[1], strict=not closed)
    foreign = name is None
    if name is None:
        name = _foreign_after(ctx, hit, nw)
        if name is None:
            return None
    elif name[1] == nw[1] and next_word(text, nw[1]) is not None and \
            not text.startswith("씨", next_word(text, nw[1])[0]):
        return None  # the name must end its phrase (or take 씨): a particle or punctuation follows (not 대표 한강변 글로벌)
    if hit.info.group == "press":
        return _press(ctx, hit, *name)
    rule = "person.title_name"
    if hit.ws > 0 and text[hit.ws - 1] == "(" and text[name[1]:name[1] + 1] == ")":
        rule = "person.appositive"
        head = _appositive_head(ctx, hit.ws - 1)
        if head is not None:
            hit.set_org(head[0], head[1], text)
    else:
        words = list(reversed(_left_words(ctx, hit.ws, 3)))
        words = [w for w in words if nounish(ctx, *w)]
        if words:
            _apply_words(ctx, hit, _trailing_run(ctx, words), need_org=True)
    if foreign:
        return _foreign_found(ctx, hit, name[0], name[1], rule)
    return _found(hit, name[0], name[1], rule)


def _university_word(ctx: Context, s: int, e: int) -> bool:
    """``한성대`` in ``이창원 한성대 총장``: a university's short name between a name and the title."""
    word = ctx.text[s:e]
    if not word.endswith("대"):
        return False
    found = orgs.canonicalize(ctx, word)
    return found is not None and found[1] == "university"


def _proper_word(ctx: Context, s: int, e: int) -> bool:
    """One word Kiwi reads as one proper noun (or an unknown word): 신조, 바이든, 마크롱."""
    toks = ctx.tokens_in(s, e)
    if len(toks) == 1 and toks[0].start == s and toks[0].end == e:
        return toks[0].tag == "NNP" or bool(getattr(toks[0], "oov", False))
    # Kiwi may read a whole foreign name as one proper noun across the space (아마노 유키오/NNP)
    i = ctx.token_index_at(s)
    for t in ctx.tokens[max(0, i - 1):i + 1]:
        if t.start <= s and t.end >= e and t.tag == "NNP" and " " in ctx.text[t.start:t.end]:
            return True
    return False


def _foreign_before(ctx: Context, hit: TitleHit, left: list[tuple[int, int]]) -> Found | None:
    """A transliterated foreign name of two words before the title.

    ``아베 신조 총리`` and ``조지 브라운 주지사`` start with a known Japanese family name or Western
    given name (``foreign_starts.tsv``) and have two words; a country or an organization may stand
    between (``아베 신조 자민당 총재``, ``조 바이든 미국 부통령``); ``에마뉘엘 마크롱 프랑스 대통령``: two proper
    nouns alone before a country are the name. Every word after the first must be one proper noun.
    """
    text = ctx.text
    k0 = 1 if left and text[left[0][0]:left[0][1]] in countries() else 0
    starts = foreign_starts()
    for j in range(1, min(len(left), 4)):
        kind = starts.get(text[left[j][0]:left[j][1]])
        if kind is None:
            continue
        for n in (2,):
            words = list(reversed(left[j - n + 1:j + 1]))
            between = list(reversed(left[:j - n + 1]))
            if not all(_proper_word(ctx, *w) for w in words[1:]):
                continue
            if any(orgs.canonicalize(ctx, text[w[0]:w[1]]) is not None for w in words[1:]):
                continue  # 자민당: an organization between the name and the title
            if kind == "given" and any(korean_name_ok(ctx, *w, strict=True) for w in words[1:]):
                continue  # 조 이명박: a Korean name follows, no foreign one
            if not foreign_words_ok(ctx, words[0][0], words[-1][1]):
                continue
            if between and not _apply_words(ctx, hit, between, need_org=False):
                continue
            return _foreign_found(ctx, hit, words[0][0], words[-1][1])
    if k0 == 1 and len(left) >= 3:
        words = list(reversed(left[1:3]))
        if all(_proper_word(ctx, *w) for w in words) and \
                not any(korean_name_ok(ctx, *w) for w in words) and \
                text[words[0][0]:words[0][1]] not in countries() and \
                foreign_words_ok(ctx, words[0][0], words[-1][1], strict=True) and \
                prev_word(text, words[0][0]) is None:
            # 에마뉘엘 마크롱 프랑스 대통령: the name stands alone before the country (line start or punctuation)
            return _foreign_found(ctx, hit, words[0][0], words[-1][1])
    return None


def _foreign_found(ctx: Context, hit: TitleHit, s: int, e: int, rule: str = "person.name_title") -> Found:
    """A foreign name's mention: a Korean ministry read from a fused title is not its org (존 웰터 경찰청장)."""
    if hit.org is not None and hit.org_span == (hit.ws, hit.ts):
        found = orgs.canonicalize(ctx, hit.org)
        if found is not None and found[1] == "central_government":
            hit.org, hit.org_span = None, None
    return _found(hit, s, e, rule)


def _foreign_after(ctx: Context, hit: TitleHit, nw: tuple[int, int]) -> tuple[int, int] | None:
    """A foreign name of two or three words after the title: ``미국 대통령 조 바이든과``.

    The first word is a known start (``foreign_starts.tsv``), or a country or organization stands
    before the title and the two words are proper nouns; the name ends its phrase (a particle,
    punctuation or a parenthesis follows).
    """
    text = ctx.text
    if hit.info.group == "press":
        return None
    words = [nw]
    while len(words) < 3:
        w = next_word(text, words[-1][1])
        if w is None or stem_end(ctx, *words[-1]) != words[-1][1]:
            break
        words.append(w)
    known = text[nw[0]:nw[1]] in foreign_starts()
    anchored: bool | None = None  # computed when needed: a country or organization before the title
    for n in range(len(words), 1, -1):
        last = words[n - 1]
        stem = stem_end(ctx, *last)
        if stem == last[0] or (stem == last[1] and next_word(text, last[1]) is not None):
            continue  # the name must end its phrase
        if any(stem_end(ctx, *w) != w[1] for w in words[:n - 1]):
            continue
        parts = words[:n - 1] + [(last[0], stem)]
        if not all(_proper_word(ctx, *w) for w in parts[1:]):
            continue
        if not known and (n != 2 or not _proper_word(ctx, *parts[0])):
            continue
        if foreign_starts().get(text[nw[0]:nw[1]]) != "jp" and \
                any(korean_name_ok(ctx, *w, strict=True) for w in parts):
            continue
        if not known and anchored is None:
            before = prev_word(text, hit.ws)
            anchor = text[before[0]:stem_end(ctx, *before)] if before is not None else ""
            anchored = bool(anchor) and (anchor in countries() or orgs.canonicalize(ctx, anchor) is not None)
        if known or anchored:
            if foreign_words_ok(ctx, parts[0][0], parts[-1][1]):
                return parts[0][0], parts[-1][1]
    return None


def _name_list(ctx: Context, hit: TitleHit, s: int, e: int) -> list[Found]:
    """``박주민·정재호 의원``: names joined by a middle dot share the title."""
    text = ctx.text
    spans = []
    pos = s
    for part in text[s:e].split("·"):
        spans.append((pos, pos + len(part)))
        pos += len(part) + 1
    press = hit.info.group == "press"
    if len(spans) < 2 or not all(korean_name_ok(ctx, a, b, school_ok=press) for a, b in spans):
        return []
    if press:
        first = _press(ctx, hit, *spans[0])  # /김하나·이두리 기자: the outlet of the page or the dateline
        return [first] + [_found(hit, a, b, "person.byline") for a, b in spans[1:]]
    if hit.org is None:
        _org_before_name(ctx, hit, s)
    return [_found(hit, a, b, "person.name_title") for a, b in spans]


def _org_before_name(ctx: Context, hit: TitleHit, name_start: int) -> None:
    """ORG NAME TITLE: ``민주당 이재명 대표``, ``리얼미터의 이택수 대표`` (a genitive org)."""
    text = ctx.text
    before = _prev_word_abbr(text, name_start)
    if before is None:
        return
    s, e = before
    stem = stem_end(ctx, s, e)
    if stem < e and text[stem:e] != "의":
        return  # another particle: the word belongs to the sentence, not to the name
    if stem == s or not nounish(ctx, s, stem):
        return
    if stem < e and hit.tentative:
        return  # 새누리당의 황찬현 감사원장: a genitive does not outrank the org fused to the title
    surface = _clean(text[s:stem])
    found = orgs.canonicalize(ctx, surface, s)
    if found is not None and found[0]:
        hit.set_org(found[0], (s, stem), text)
    elif stem == e and _DEPARTMENT.fullmatch(surface) and hit.org is None:
        # 연세대 지구시스템과학과 홍태경 교수: ORG DEPARTMENT NAME TITLE, as 초당대 군사학과 교수 after the name
        outer = prev_word(text, s)
        if outer is not None and stem_end(ctx, *outer) == outer[1]:
            found = orgs.canonicalize(ctx, text[outer[0]:outer[1]], outer[0])
            if found is not None and found[0] and found[1] in ("university", "hospital"):
                hit.set_org(found[0], outer, text)
                hit.title = f"{surface} {hit.title}"
    elif hit.info.group in ("corp", "press") and surface not in not_names() and \
            all(t.tag in ("NNP", "SL", "SN") for t in ctx.tokens_in(s, stem)):
        # 뉴닉 김소연 대표, 리얼미터의 이택수 대표: a proper noun before a company head is the company
        hit.set_org(surface, (s, stem), text)


def _trailing_run(ctx: Context, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The words from the first organization on (``한편 국토교통부`` -> ``국토교통부``)."""
    for i in range(len(words)):
        found = _org_in_words(ctx, words[i:])
        if found is not None:
            return words[i + found[0]:]
    return words


def _appositive_head(ctx: Context, paren: int) -> tuple[str, tuple[int, int]] | None:
    """The organization written just before ``(`` in ``성동구(구청장 정원오)``."""
    text = ctx.text
    for f in ctx.facts_ending_at("organization", paren):
        if f.fields.get("canonical"):
            return f.fields["canonical"], f.span
    ws = word_start(text, paren)
    if ws == paren:
        return None
    if _COURT_DIVISION.search(text, max(0, paren - 16), paren) is not None:
        # 서울행정법원 행정8부(부장 이정희): the division is part of the court, the court is the org
        m = _COURT_DIVISION.search(text, max(0, paren - 16), paren)
        before = prev_word(text, m.start())
        if before is not None:
            found = orgs.canonicalize(ctx, text[before[0]:before[1]], before[0])
            if found is not None and found[0]:
                return found[0], before
        return None
    # try the longest tail of the words before the paren that canonicalizes
    words = list(reversed(_left_words(ctx, ws, 2))) + [(ws, paren)]
    for i in range(len(words)):
        surface = text[words[i][0]:paren]
        found = orgs.canonicalize(ctx, surface, words[i][0])
        if found is not None and found[0]:
            return found[0], (words[i][0], paren)
    return text[ws:paren], (ws, paren)


def _found(hit: TitleHit, s: int, e: int, rule: str) -> Found:
    title = hit.title
    if hit.info.append and hit.org and not hit.org.endswith(hit.info.append):
        org = hit.org + hit.info.append
    else:
        org = hit.org
    return Found(start=s, end=e, rule=rule, title=title, org=org, title_span=(hit.title_start, hit.te),
                 org_span=hit.org_span, info=hit.info)


def _press(ctx: Context, hit: TitleHit, s: int, e: int) -> Found:
    """A reporter's byline: the outlet written before the name (``[아이뉴스24 김상진 기자]``), else the page's."""
    text = ctx.text
    before = prev_word(text, s)
    if before is None and s > 1 and text[s - 1] == "=" and hit.org is None:
        # [광남일보=홍길동 기자]: the outlet before the equals sign
        m = _EQ_OUTLET.search(text, max(0, s - 30), s)
        if m is not None:
            found = orgs.canonicalize(ctx, m.group("o"))
            hit.org = found[0] if found and found[0] else m.group("o")
            hit.org_span = m.span("o")
    if before is not None and _DESK.fullmatch(text, *before) is not None:
        before = prev_word(text, before[0])  # 광주취재본부: a desk of the outlet, not the outlet
        desk = True
    else:
        desk = False
    if before is not None and hit.org is None:
        bs = before[0]
        lead = text[max(0, bs - 1):bs]
        stem = stem_end(ctx, *before)
        if (lead in ("[", "(", "【", "<") or bs == 0 or text[bs - 1] == "\n") and \
                text[stem:before[1]] in ("", "의") and stem > bs:
            surface = text[bs:stem]
            found = orgs.canonicalize(ctx, surface, bs)
            hit.org = found[0] if found and found[0] else surface
            hit.org_span = (bs, stem)
        elif not desk:
            _org_before_name(ctx, hit, s)
    if hit.org is None:
        m = _DATELINE.search(text, max(0, s - 60), s)
        between = text[m.end():s].strip() if m is not None else ""
        if m is not None and (not between or _DESK.fullmatch(between) is not None):
            surface = m.group("o")
            found = orgs.canonicalize(ctx, surface)
            hit.org = found[0] if found and found[0] else surface
            hit.org_span = m.span("o")
    if hit.org is None:
        outlet = page_outlet(ctx)
        if outlet is not None:
            hit.org = outlet
    return _found(hit, s, e, "person.byline")


#: an outlet before ``=`` in a bracketed byline: [광남일보=홍길동 기자]
_EQ_OUTLET = re.compile(r"[\[(【]\s*(?P<o>[^\s\[\]()【】=]{2,20})\s*=\s*$")

#: a desk or bureau of an outlet written before the reporter (광주취재본부, 사회부, 정치팀): not the outlet
_DESK = re.compile(r"[가-힣]{0,8}(?:취재본부|본부|취재팀|취재부|총국|지국|지사|[가-힣]부|[가-힣]팀|데스크)")

#: acting roles written between a title and the name (시장 권한대행 홍길동)
_ACTING_WORDS = frozenset({"권한대행", "직무대행", "직무대리"})

#: a note after a name in parentheses: 홍길순·사진, 홍길순·오른쪽
_PHOTO = re.compile(r"(?:사진|오른쪽|왼쪽|가운데|앞줄|뒷줄)(?![가-힣])")

#: legal-form marks glued to a company's name (㈜한빛전자, 한빛전자㈜)
_LEGAL_MARKS = "㈜"

#: a Hangul word with a Latin abbreviation glued in parentheses, ending at the search end
_ABBR_BEFORE = re.compile(r"(?<![가-힣A-Za-z0-9·])[가-힣]{2,20}\([A-Z][A-Za-z0-9&]{1,11}\)$")
_ABBR = re.compile(r"\([A-Z][A-Za-z0-9&]{1,11}\)$")

#: a university department or school written before a name (지구시스템과학과, 응용생물화학부, 법학전문대학원)
_DEPARTMENT = re.compile(r"[가-힣]{1,12}(?:학과|학부|대학원|전공|[^학]과)")

#: a court's division written before ``(부장 ...)``: 행정8부, 형사합의 25-1부, 제3형사부, 형사1단독
_COURT_DIVISION = re.compile(
    r"(?<![가-힣])(?:제?\d{1,2}(?:-\d)?(?:형사|민사|행정|가사)?부|(?:형사|민사|행정|가사|특허|파산)(?:합의)?\s?"
    r"\d{1,2}(?:-\d)?(?:부|단독))$"
)

#: an ordinal before a title (제44대 대통령, 21대 국회의원): not part of the title
_ORDINAL = re.compile(r"제?\d{1,3}(?:대|기|차)")

#: a name with its age or hanja in parentheses, just before the title phrase
_NAME_AGE_BEFORE = re.compile(r"([가-힣]{2,4})\s?\(\s*(?:\d{1,3}\s*세?|[\u4e00-\u9fff]{2,4})\s*\)\s+$")

#: a dateline before a byline: (서울=연합뉴스) 홍길동 기자 =
_DATELINE = re.compile(r"[(\[]\s*[가-힣]{1,10}\s*=\s*(?P<o>[^\s()\[\]=]{2,20})\s*[)\]]\s*")


def page_outlet(ctx: Context) -> str | None:
    """The news outlet the page names (its canonical name when it is a known organization), found once."""
    return ctx.once(_page_outlet)


def _page_outlet(ctx: Context) -> str | None:
    surface = find_outlet(ctx.text)
    if surface is None:
        return None
    found = orgs.canonicalize(ctx, surface)
    return found[0] if found and found[0] else surface
