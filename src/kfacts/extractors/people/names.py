"""Is this span a person's name? Korean names and Hangul-written foreign names."""

from __future__ import annotations

import regex as re

from ..base import Context
from . import orgs
from ..wordlists import split_surname, surnames
from .lexicon import WORDS, given_syllables, latin_not_names, not_name_prefixes, not_names, titles

HANGUL = re.compile(r"[가-힣]+")

#: tags a morpheme of a Korean name may carry when Kiwi splits it (임택 -> 임/NNP 택/NNG)
_NAME_PART_TAGS = frozenset({"NNP", "NNG", "NNB", "NR", "XPN", "MM", "MAG", "XR"})


_HANGUL_BASE = 0xAC00


def _jamo(ch: str) -> tuple[int, int, int]:
    code = ord(ch) - _HANGUL_BASE
    return code // 588, (code % 588) // 28, code % 28


#: initials ㅋ ㅌ ㅍ ㄲ ㄸ ㅆ ㅉ (indices in the Hangul syllable table)
_ASPIRATED = frozenset({15, 16, 17, 1, 4, 10, 13})
#: vowels ㅡ (18), ㅟ (16), ㅞ (15), ㅙ (10), ㅒ (3), ㅔ (5) without a final consonant (or with ㄹ)
_FOREIGN_VOWELS = frozenset({18, 16, 15, 10, 3, 5})
#: syllables of those shapes that Korean given names do use
_KOREAN_LIKE = frozenset(WORDS["korean_like"])


def foreign_shape(word: str) -> bool:
    """Does a Hangul word look transliterated (a syllable Korean names hardly use)?

    >>> foreign_shape("마크롱"), foreign_shape("트뤼도"), foreign_shape("케리")
    (True, True, True)
    >>> foreign_shape("김민수"), foreign_shape("서울")
    (False, False)
    """
    n = 0
    for ch in word:
        if not "가" <= ch <= "힣":
            return False
        ini, vow, fin = _jamo(ch)
        if ch in "의으" or ch in _KOREAN_LIKE:
            continue
        if ini in _ASPIRATED or (vow in _FOREIGN_VOWELS and fin in (0, 8)):
            n += 1
    return n >= 1


#: last syllables of organization words an unknown three-syllable word may end with (이민부, 서구을)
_ORG_ENDINGS = frozenset(WORDS["org_endings"])

#: last syllables of a school's short name (단원고 = 단원고등학교) no Korean given name ends with
_SCHOOL_ENDINGS = frozenset(WORDS["school_endings"])


def _grammar_university(ctx: Context, name: str, hit: tuple[str, str]) -> bool:
    """``한상대`` -> ``한상대학교`` only by the X대 grammar: a name, unless the page names it as an org."""
    if hit[1] != "university" or hit[0] != name + "학교" or not name.endswith("대"):
        return False
    return name not in orgs.org_names(ctx)


class _Surname:
    """A stand-in token for a surname syllable Kiwi read as part of a verb."""

    __slots__ = ("form", "tag", "start", "len")

    def __init__(self, form: str, tag: str, start: int, length: int) -> None:
        self.form, self.tag, self.start, self.len = form, tag, start, length

    @property
    def end(self) -> int:
        return self.start + self.len


#: syllables a given name does not have, whatever Kiwi says: a palace (궁), a university (대), 씨, -net
_NEVER_GIVEN = frozenset(WORDS["never_given"])


def _rare_given_ok(ch: str) -> bool:
    """May an unlisted syllable still be part of a given name (not a transliteration's: 칼, 헤, 컷)?"""
    return ch not in _NEVER_GIVEN and not foreign_shape(ch)


def korean_name_ok(ctx: Context, start: int, end: int, strict: bool = False, school_ok: bool = False) -> bool:
    """Can ``text[start:end]`` be a Korean full name?

    Two to four Hangul syllables starting with a known surname (a two-syllable
    name needs a common surname), not a listed non-name, not a place or an
    organization, and Kiwi agrees: the span starts and ends on morpheme
    boundaries and is not one known common word (``이번``, ``김치``).
    ``strict`` (no title next to the name) also wants Kiwi to see a proper noun.
    ``school_ok``: a reporter's byline, where a name ending in 고 is no school (최병고 기자).
    """
    name = ctx.text[start:end]
    if not (2 <= len(name) <= 4) or HANGUL.fullmatch(name) is None:
        return False
    parts = split_surname(name)
    if parts is None:
        return False
    if len(name) == 2 and surnames().get(parts[0]) != "common":
        return False
    if name in not_names() or any(name[i:] in titles() for i in range(len(name) - 1)):
        return False  # 당선인, 위원장: a title, not a name
    toks = ctx.tokens_in(start, end)
    sur_end = start + len(parts[0])
    if school_ok and toks and toks[0].tag.startswith(("V", "E")) and len(toks) > 1:
        # a byline name Kiwi read as a verb + ᆫ across the line break (열려⏎한지윤 -> 하/VX ᆫ/ETM 지 윤):
        # the surname syllable is the surname
        head = [t for t in toks if t.start < sur_end]
        if all(t.tag.startswith(("V", "E")) and t.start + t.len <= sur_end for t in head):
            toks = [_Surname(parts[0], "NNG", start, len(parts[0]))] + [t for t in toks if t.start >= sur_end]
    unlisted = [ch for ch in parts[1] if ch not in given_syllables()]
    if unlisted and not (len(unlisted) == 1 and len(parts[1]) == 2 and len(toks) == 1 and toks[0].tag == "NNP"
                         and _rare_given_ok(unlisted[0]) and not name.endswith("대")):
        # 이집트, 유튜브: not a Korean given name; one rarer syllable (사재혁, 도제원) passes when Kiwi
        # reads the whole word as one proper noun
        return False
    if not toks or toks[0].start != start or toks[-1].end != end:
        return False  # the name must start and end on morpheme boundaries
    if name.startswith(not_name_prefixes()) and not any(t.tag == "NNP" for t in toks):
        return False  # 최고령: a 最- word Kiwi does not see as a proper noun
    if len(toks) == 1:
        t = toks[0]
        if len(name) == 3 and name[-1] in _SCHOOL_ENDINGS and not school_ok:
            return False  # 단원고, 경기고: a high school's short name (Kiwi: one proper noun), no given name
        if t.tag != "NNP":
            # Kiwi knows it as one ordinary word, unless it marks it out of vocabulary (NNG, oov):
            # names it does not know come out split, NNP or oov (이용빈/NNG oov)
            if t.tag != "NNG" or len(name) < 3 or name[-1] in _ORG_ENDINGS:
                return False
            oov = getattr(t, "oov", None)
            if oov is False or (oov is None and strict):
                return False
    else:
        if any(t.tag not in _NAME_PART_TAGS for t in toks):
            return False
        if toks[0].tag != "NNP" and toks[0].form != parts[0] and not (
                school_ok and toks[0].form == name[:len(parts[0]) + 1] and
                all(ch in given_syllables() for ch in parts[1])):
            # (a byline may be split 한지/윤: the reporter's name all the same)
            return False  # split as a dictionary word plus a suffix (전문/가), not surname + given name
        if toks[0].form != parts[0] and len(toks[0].form) >= 2 and orgs.canonicalize(ctx, toks[0].form):
            return False  # 부천/NNP 병: a place with a suffix (a constituency), not a name
        if strict and not any(t.tag == "NNP" for t in toks):
            return False
    if ctx.facts_overlapping("organization", start, end):
        return False
    hit = orgs.canonicalize(ctx, name)
    if hit is not None and not _grammar_university(ctx, name, hit):
        return False
    if len(name) == 3:
        head = orgs.canonicalize(ctx, name[:2])
        if head is not None and head[1] == "local_government":
            return False  # 부천병, 서구을: a place and a suffix (a constituency), not a name
    return True


#: a Hangul word of a transliterated foreign name
_FOREIGN_WORD = re.compile(r"[가-힣]{1,6}")

#: the Latin form of a person's name: capitalized words, initials, hyphens (Jean-Pierre Sauvage)
LATIN_NAME = re.compile(
    r"(?:(?:Sir|Dr|Prof)\.?\s+)?(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*|[A-Z]\.)(?:\s+(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*|[A-Z]\.|van|von|de|der|da|di|du|la|le))*"
)


def latin_person_name(latin: str) -> bool:
    """Does a Latin phrase look like a person's name (two or more name words, no common English word)?

    >>> latin_person_name("Jean-Pierre Sauvage")
    True
    >>> latin_person_name("Scientific Reports")
    False
    """
    if LATIN_NAME.fullmatch(latin) is None:
        return False
    words = [w for w in re.split(r"[\s-]+", latin) if w]
    if len([w for w in latin.split() if len(w.rstrip(".")) > 1]) < 2:
        return False  # a given name and a family name, space separated (not Only-One)
    return not any(w in latin_not_names() for w in words)


def latin_name_parts(latin: str) -> int:
    """How many Hangul words the Latin name may be written with.

    >>> latin_name_parts("Jean-Pierre Sauvage")
    3
    >>> latin_name_parts("Sir J. Fraser Stoddart")
    2
    """
    n = 0
    for w in latin.split():
        if w.rstrip(".") in ("Sir", "Dr", "Prof") or re.fullmatch(r"[A-Z]\.", w):
            continue
        n += len(w.split("-"))
    return n


def foreign_words_ok(ctx: Context, start: int, end: int, strict: bool = False) -> bool:
    """Are the Hangul words in ``[start, end)`` a transliterated name (nouns only, no particles)?

    ``strict``: Kiwi must also see a proper noun (or an unknown word) in them.
    """
    words = ctx.text[start:end].split(" ")
    if not words or any(_FOREIGN_WORD.fullmatch(w) is None for w in words):
        return False
    if len(words) == 1 and words[0] in not_names():
        return False
    toks = ctx.tokens_in(start, end)
    if not toks or toks[0].start != start or toks[-1].end != end:
        return False
    if any(t.tag not in ("NNP", "NNG", "SL", "NR", "XSN") for t in toks):
        return False
    if strict and not any(t.tag == "NNP" or getattr(t, "oov", False) for t in toks):
        return False
    if any(w in titles() for w in words):
        return False
    if ctx.facts_overlapping("organization", start, end):
        return False
    return True
