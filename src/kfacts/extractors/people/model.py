"""The name model: people named without a title word next to them.

A candidate is a word Kiwi reads as a proper noun (``NNP``) at the start of a
word. It is a person when

* its shape is a name: a Korean surname and given name (``names.korean_name_ok``,
  strict: Kiwi must see a proper noun), or a transliterated foreign name
  (``names.foreign_shape``: syllables Korean names hardly use, such as 크, 트, 프, 르, 스);
* it is no organization, place or country (the organization extractor's
  lexicon, ``countries.tsv``, ``places.tsv``, ``not_names.tsv``);
* what follows it is what follows a person: a particle a person takes
  (``은/는/이/가/을/를/의/와/과/에게/도/만`` ..., not ``에서/에/로``, which a place
  takes), a comma or middle dot of a list, a parenthesis, or 씨/측/등.
  A foreign one-word name needs more: a title word after it, a Latin name or
  an age in parentheses, or a verb of saying in its clause.

Everything is read from the tokens around each proper noun, so the cost is
linear in the text.
"""

from __future__ import annotations

import re as _re
from functools import lru_cache
from operator import attrgetter

from ..base import Context
from . import orgs
from ..wordlists import split_surname
from .lexicon import WORDS, read_rows, countries, foreign_starts, not_names, title_regex, titles
from .names import foreign_shape, korean_name_ok, latin_person_name
from .words import is_word_char, next_word, prev_word, stem_end, word_end, word_start

#: particles (the whole tail of the word after the name) a person takes; 에서, 에, 로 are a place's
_PERSON_TAIL = _re.compile(
    r"(?:은|는|이|가|을|를|의|와|과|도|만|에게|에게서|에게는|에게도|께|께서|께서는|이나|이랑|랑|처럼|보다|만큼|마저|조차|"
    r"이다|이며|이자|이고|이지만|이라고|이라는|이라며|였다|이었다|였던|이었던|으로서|로서|부터|까지|의|측|씨|님|"
    r"와의|과의|에게서는|이야|야|여|이여)"
)

#: words after a bare name that make it a person (씨 and the like; 등 ends a list of people)
_AFTER_WORD = frozenset(WORDS["after_name_words"])

#: punctuation after a name in a list or before its parenthesis
_AFTER_PUNCT = frozenset(",·()/")

#: verbs of saying and acting a person is the subject of (in the rest of the clause)
_SAYING = _re.compile(r"(?:말했|강조했|주장했|설명했|덧붙였|지적했|말하며|발언|언급했|답했|털어놨|회고했|"
                      r"비판했|호소했|약속했|반박했|고백했|토로했|당부했|취임|사망했|사임|당선|출마|방한|숨졌|골을|득점|"
                      r"데뷔|결혼|출산|은퇴|이적|출연|체포|기소|열애|입대|태어났|숨을 거뒀|세상을 떠났|인터뷰|"
                      r"수상해|우승|홈런|안타|생일|아내|남편|아들|딸)")

@lru_cache(maxsize=None)
def places() -> frozenset[str]:
    """Foreign places, teams and the like Kiwi reads as proper nouns (``places.tsv``)."""
    return frozenset(r[0] for r in read_rows("places.tsv"))


def _not_entity(ctx: Context, s: int, e: int) -> bool:
    word = ctx.text[s:e]
    if word in not_names() or word in countries() or word in places() or word in titles():
        return False
    if ctx.facts_overlapping("organization", s, e):
        return False
    return orgs.canonicalize(ctx, word) is None


def _after_ok(ctx: Context, stem: int, we: int) -> str | None:
    """What follows the name: ``tail`` (a person's particle), ``list``, ``paren``, ``word`` (씨, 등) or ``title``."""
    text = ctx.text
    if stem < we:
        return "tail" if _PERSON_TAIL.fullmatch(text, stem, we) else None
    if we >= len(text):
        return None
    ch = text[we]
    if ch in _AFTER_PUNCT:
        return "paren" if ch == "(" else "list"
    if ch in " \t":
        j = we + 1
        k = word_end(text, j)
        if k == j:
            return None
        nxt = text[j:stem_end(ctx, j, k)]
        if nxt in _AFTER_WORD:
            return "word"
        if nxt in countries():
            # 세르게이 라브로프 러시아 외무장관: a country, then the title
            nw = next_word(text, k)
            if nw is not None and title_regex().search(text, nw[0], nw[1]) is not None and \
                    title_regex().search(text, nw[0], nw[1]).end() == stem_end(ctx, *nw):
                return "title"
        m = title_regex().search(text, j, k)
        if nxt in titles() or (m is not None and m.end() == j + len(nxt) and m.start() > j):
            return "title"
        for f in ctx.facts_in("organization", j, j + 40):
            if f.span[0] == j:
                # 김하준 한빛전자 수석부회장: the organization of the person follows, then a title word
                nw = word_end(text, f.span[1])
                nxt = next_word(text, nw)
                if nxt is not None and title_regex().search(text, nxt[0], nxt[1]) is not None:
                    return "org"
                break
        return None
    return None


#: last syllables (or tails) of bare proper nouns that name a place, a company or a body, not a person
_NOT_NAME_TAILS = WORDS["not_name_tails"]

#: short words that join parts of a foreign name (반 페르시, 다 실바, 엘 카자니)
_CONNECTORS = frozenset(WORDS["connectors"])

#: a parenthesis after a name that makes it a person: an age (25), (54·여), a nationality, a Latin name
_PAREN_AGE = _re.compile(r"\(\s*(?:만\s*)?\d{1,3}\s*(?:세)?\s*(?:[·,][^()]{0,12})?\)")
_PAREN_BODY = _re.compile(r"\(([^()\n]{1,40})\)")


def _paren_person(ctx: Context, pos: int) -> bool:
    """``(25)``, ``(54·여)``, ``(미국)``, ``(Jean Dupont)`` after a name (not a glued word after it)."""
    text = ctx.text
    m = _PAREN_AGE.match(text, pos)
    if m is None:
        m = _PAREN_BODY.match(text, pos)
        if m is None:
            return False
        inner = m.group(1).strip()
        if not (inner in countries() or latin_person_name(inner)):
            return False
    return m.end() >= len(text) or not "가" <= text[m.end()] <= "힣" or \
        _PERSON_TAIL.match(text, m.end()) is not None


def _compound_after(ctx: Context, pos: int) -> bool:
    """``푸저우(福州)시``: a parenthesis glued to a Hangul word that goes on: the name is a part of a word."""
    m = _PAREN_BODY.match(ctx.text, pos)
    if m is None or m.end() >= len(ctx.text):
        return False
    ch = ctx.text[m.end()]
    return "가" <= ch <= "힣" and _PERSON_TAIL.match(ctx.text, m.end()) is None


def _thing_words(name: str) -> bool:
    """Words no person's name has: a language or nationality (폴란드어, 핀란드인), a wiki project,
    a place or thing of ``places.tsv``."""
    for w in name.split(" "):
        if w in places() or w.startswith("위키") or (len(w) >= 3 and w[-1] in "어인" and w[:-1] in countries()):
            return True
    return False


def _foreign_part(ctx: Context, s: int, e: int) -> bool:
    """A word that may open a foreign name written before the family name (에이버리, 반, 다).

    A connector (다, 반) or a known start (``foreign_starts.tsv``), or one proper noun of a foreign
    shape that names no place, country or organization.
    """
    w = ctx.text[s:e]
    if w in _CONNECTORS or w in foreign_starts():
        return True
    toks = ctx.tokens_in(s, e)  # (first: the test that turns away most words)
    if len(toks) != 1 or toks[0].tag != "NNP":
        return False
    if len(w) < 2 or w in countries() or w in places() or w in titles() or w in not_names() or _thing_words(w):
        return False
    if not foreign_shape(w) and (split_surname(w) is not None or len(w) > 4):
        return False  # a Korean-looking word (or a long one) opens no foreign name unless it looks foreign
    return orgs.canonicalize(ctx, w) is None and not ctx.facts_overlapping("organization", s, e)


def _extend_left(ctx: Context, s: int) -> int:
    """Earlier words of a foreign name: ``에우제비우 다 실바 페헤이라``, ``프랑크 베옌스``."""
    text = ctx.text
    start = s
    for _ in range(3):
        w = prev_word(text, start)
        if w is None or not _foreign_part(ctx, *w):
            break
        start = w[0]
    return start


#: endings of a region's name (``인천시``, ``순창읍``)
_REGION_ENDINGS = WORDS["region_endings"]


def _place_before(ctx: Context, s: int) -> bool:
    """``인천시 계산동``, ``순창읍 장덕리``: a region right before the word makes it a place."""
    w = prev_word(ctx.text, s)
    if w is None:
        return False
    word = ctx.text[w[0]:w[1]]
    if word.endswith(_REGION_ENDINGS) and len(word) >= 2:
        return True
    found = orgs.canonicalize(ctx, word)
    return found is not None and found[1] == "local_government"


#: last syllables of place names (연남동, 백령도, 시화호, 강서구): a bare word with one is no name
#: when only a noun follows it
_PLACE_ENDINGS = frozenset(WORDS["place_endings"])


#: last syllables of place, product and thing names that Korean given names seldom end with
_BARE_RARE_FINALS = frozenset(WORDS["bare_rare_finals"])

_PLACE_USE = _re.compile(r"(?:에서|에는|에도|으로|로|에)(?![가-힣])")


#: a word run (the characters of ``is_word_char``), and every position a place's particle starts at
_WORD_RUN = _re.compile(r"[가-힣A-Za-z0-9·]+")
_PLACE_USE_AT = _re.compile("(?=" + _PLACE_USE.pattern + ")")


def _place_uses(ctx: Context) -> dict[str, list[int]]:
    """word-run head -> its starts, for every head of a word run right before a place's particle (the
    ``송도`` of ``송도에서``), found in one pass and kept for the document."""
    return ctx.once(_find_place_uses)


def _find_place_uses(ctx: Context) -> dict[str, list[int]]:
    text = ctx.text
    got: dict[str, list[int]] = {}
    for m in _PLACE_USE_AT.finditer(text):
        e = m.start()
        s = word_start(text, e)  # the word run the particle ends (none: e itself); no list of every run
        if s < e:
            got.setdefault(text[s:e], []).append(s)
    return got


def _used_as_place(ctx: Context, name: str) -> bool:
    """Document-level evidence against a name: the same word elsewhere takes a place's particle
    (송도에서, 고구려로): checked on the first few mentions only."""
    text = ctx.text
    if _WORD_RUN.fullmatch(name) and not any(name[:k] == name[-k:] for k in range(1, len(name))):
        # (a name of word characters that cannot overlap itself: its first use as a place from an index,
        # then whether that use is among its first 8 mentions; a scan of the page per name was quadratic)
        uses = _place_uses(ctx).get(name)
        if not uses:
            return False
        pos = text.find(name)
        for _ in range(8):
            if pos == -1 or pos > uses[0]:
                return False
            if pos == uses[0]:
                return True
            pos = text.find(name, pos + len(name))
        return False
    pos = text.find(name)
    for _ in range(8):
        if pos == -1:
            return False
        end = pos + len(name)
        if (pos == 0 or not is_word_char(text[pos - 1])) and _PLACE_USE.match(text, end):
            return True
        pos = text.find(name, end)
    return False


def bare_people(ctx: Context, taken: set[int]) -> list[tuple[int, int, str]]:
    """``(start, end, rule)`` of names with no title word found by the title rules."""
    text = ctx.text
    out = []
    toks = ctx.tokens
    last = -1
    for t in ctx.paced(toks, "kfacts.extractors.people", attrgetter("start"), every=1024):
        if t.tag != "NNP" or t.start <= last:
            continue
        s = t.start
        if s in taken or (s > 0 and is_word_char(text[s - 1])):
            continue
        we = word_end(text, s)
        if " " in t.form and t.end > we:
            we = word_end(text, t.end)  # Kiwi read a two-word foreign name as one proper noun
        dot = text.find("·", s, we)
        if dot != -1:
            we = dot  # 김도윤·30, 홍길동·이영희: the middle dot ends the name
        stem = stem_end(ctx, s, we)
        friendly = False
        if stem > t.end and text.startswith("이", t.end) and t.end + 1 == stem and \
                _FRIENDLY.fullmatch(text, stem, we):
            stem, friendly = t.end, True  # 지현이는 (지현/NNP 이/XSN): the given name with its friendly suffix
        if stem == s:
            continue
        last = stem
        if stem - s >= 3 and text[stem - 1] == "씨" and t.end >= stem:
            stem -= 1  # 하루코씨는: Kiwi read 씨 into the proper noun
        after = "tail" if friendly else _after_ok(ctx, stem, we)
        if after is None and _DAN.match(text, we) is not None and we == stem:
            after = "word"  # 이하준 9단: a player's rank
        if after is None or (after == "paren" and _compound_after(ctx, stem)):
            continue
        name = text[s:stem]
        if name.endswith(_NOT_NAME_TAILS) or _thing_words(name):
            continue
        first = _extend_left(ctx, s)
        if first != s:
            words = text[first:stem].split(" ")
            if _not_entity(ctx, s, stem) and (" " in t.form or t.start == s and t.end == stem) and \
                    (any(foreign_shape(w) for w in words) or words[0] in foreign_starts()) and \
                    not any(w in places() or w in countries() for w in words) and after != "org":
                out.append((first, stem, "person.foreign_nnp:title" if after == "title" else "person.foreign_nnp"))
            continue
        if stem - s < 2:
            continue
        if 2 <= len(name) <= 4 and split_surname(name) is not None:
            parts = split_surname(name)
            if parts[1] == "모" or _place_before(ctx, s) or orgs.canonicalize(ctx, name) is not None or \
                    parts[1] in not_names() or name in places():  # 고조선: a prefix + a country, no name
                continue  # 박모(54)씨: an anonymized name; 송파구 신천동: a place
            if after == "org" and not (t.end == stem and t.start == s and name[-1] not in _PLACE_ENDINGS):
                continue
            strong = after == "title" or (after == "word" and text[we + 1:we + 2] != "등" and text[we + 1:we + 2] != "외") \
                or text[max(0, s - 3):s] == "본명 " or _DAN.match(text, we) is not None or friendly
            if after in ("list", "paren") and not strong and not _weak_ok(ctx, after, stem, s):
                continue
            if after == "paren" and _latin_thing(ctx, stem):
                continue  # 온리원(Only-One): a thing with its English name
            if not strong and (len(parts[1]) < 2 or name[-1] in _BARE_RARE_FINALS or
                                                   _used_as_place(ctx, name)):
                continue  # 송도, 성수동, 황금향: a two-syllable or place-like word needs a title or 씨
            if korean_name_ok(ctx, s, stem, strict=True):
                if len(name) == 3 and name[-1] == "이" and after == "tail" and _FRIENDLY.fullmatch(text, stem, we):
                    stem -= 1  # 민서이는: a given name with the friendly suffix 이 (민서 is the name)
                out.append((s, stem, "person.nnp_name"))
                continue
        # a foreign name: one proper noun (one or two words), foreign in shape, no org or place
        if t.start != s or t.end != stem or not 2 <= len(name.replace(" ", "")) <= 6:
            continue
        if after == "org" or not _not_entity(ctx, s, stem):
            continue
        if _with_ssi(text, after, stem, we) and not name.endswith("모") and len(name) <= 4 and " " not in name:
            out.append((s, stem, "person.foreign_nnp"))  # 솔비 씨, 하루코씨: a one-word name with 씨
            continue
        if after == "title" and len(name) <= 3 and _strong_after(ctx, after, stem, we):
            out.append((s, stem, "person.foreign_nnp:title"))  # 바이든 부통령: a person's title is evidence enough
            continue
        if " " in name and not all(len(w) <= 5 for w in name.split(" ")):
            continue  # 한빛종합식품 가온사료: long words of a list of companies Kiwi read as one proper noun
        if " " in name or (foreign_shape(name) and _strong_after(ctx, after, stem, we)):
            out.append((s, stem, "person.foreign_nnp"))
    return out


def _weak_ok(ctx: Context, after: str, stem: int, s: int) -> bool:
    """A Korean name followed only by punctuation needs more: a person's parenthesis (``(45)``,
    ``(소속팀)``: an organization), or a list neighbour that is a name too (``유가람, 조하은 의원``)."""
    text = ctx.text
    if after == "paren":
        return True
    if text[stem] not in ",·":
        return False
    nxt = _re.compile(r"[,·]\s*([가-힣]{2,4})(?=[\s,·]|$)").match(text, stem)
    if nxt is not None and _korean_candidate(ctx, *nxt.span(1)):
        return True
    prv = _re.compile(r"(?:^|(?<=[\s(]))([가-힣]{2,4})\s*[,·]\s*$").search(text, max(0, s - 8), s)
    return prv is not None and _korean_candidate(ctx, *prv.span(1))


def _latin_thing(ctx: Context, pos: int) -> bool:
    m = _PAREN_BODY.match(ctx.text, pos)
    if m is None:
        return False
    inner = m.group(1).strip()
    return bool(_re.match(r"[A-Za-z]", inner)) and not latin_person_name(inner)


def _korean_candidate(ctx: Context, s: int, e: int) -> bool:
    name = ctx.text[s:e]
    parts = split_surname(name)
    return parts is not None and parts[1] != "모" and korean_name_ok(ctx, s, e, strict=True)


def _with_ssi(text: str, after: str, stem: int, we: int) -> bool:
    """씨 right after the name, glued or as the next word (or 군/양 after a child's name: 준서 군)."""
    if after == "tail":
        return text.startswith("씨", stem)
    return after == "word" and _SSI.match(text, we + 1) is not None


#: the particles after a given name with the friendly suffix 이 (민서이는, 도윤이가)
_FRIENDLY = _re.compile(r"는|가|를|의|도|랑|와|한테|에게")

#: 씨, 군, 양 as the word after a name (a particle may follow)
_SSI = _re.compile(r"(?:씨|군|양)(?:은|는|이|가|을|를|의|와|과|도|에게)?(?![가-힣])")

#: a Go or martial-arts rank after a name: 9단
_DAN = _re.compile(r"[ \t]\d{1,2}단(?![가-힣])|[ \t]\d{1,2}단(?=은|는|이|과|와|의|도|에게)")


def _strong_after(ctx: Context, after: str, stem: int, we: int) -> bool:
    """Evidence enough for a one-word foreign name: 씨, a title (not a company's), a person's parenthesis,
    or a verb of saying later in its sentence."""
    text = ctx.text
    if after == "paren":
        return _paren_person(ctx, stem)
    if after in ("word", "title"):
        j = we + 1
        nxt = text[j:stem_end(ctx, j, word_end(text, j))]
        if after == "word":
            return nxt == "씨"
        m = title_regex().search(text, j, j + len(nxt))
        # a member or a company's head: the word before may be the group or the company (밴드명 멤버)
        return m is not None and titles()[m.group()].group not in ("corp", "press") and m.group() != "멤버"
    if after == "tail":
        _, se = ctx.sentence_of(stem)
        if _SAYING.search(text, stem, min(se, stem + 60)) is not None:
            return True
        return False
    return False
