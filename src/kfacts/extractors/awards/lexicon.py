"""The award lexicon compiled once into regexes and sets: the prize patterns of ``lexicon.toml`` and the
word lists of ``words.tsv`` (what each list is for is written above it there).

The candidate regex :data:`PRIZE_RE` finds every possible prize in one pass;
its named groups say which kind of candidate matched (``level``, ``honor``,
``nobel``, ``commend``, ``named``). Context checks come later, on tokens.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

import re as _re

import regex as re

from ..wordlists import read_lists

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_DATA = tomllib.loads((Path(__file__).with_name("lexicon.toml")).read_text(encoding="utf-8"))
#: the word lists of the prize finder and the clause grammar (``words.tsv``)
WORDS = read_lists(Path(__file__).with_name("words.tsv"))

LEVELS: list[tuple[re.Pattern, str]] = [(re.compile(e["pattern"]), e["award"]) for e in _DATA["levels"]]
HONORS: list[tuple[re.Pattern, str]] = [(re.compile(e["pattern"]), e["award"]) for e in _DATA["honors"]]

NOBEL = _DATA["nobel"]
EVENT_HEADS = tuple(sorted(WORDS["event_heads"], key=len, reverse=True))
RECEIVE_VERBS = frozenset(WORDS["receive_verbs"])
GIVEN_VERBS = frozenset(WORDS["given_verbs"])
RECEIVE_NOUNS = frozenset(WORDS["receive_nouns"])
NON_PRIZES = tuple(sorted(WORDS["non_prizes"], key=len, reverse=True))
CATEGORY_WORDS = frozenset(WORDS["category_words"])
ORGANIZER_NOUNS = frozenset(WORDS["organizer_nouns"])
ORGANIZER_VERBS = frozenset(WORDS["organizer_verbs"])
COREF_HEADS = frozenset(WORDS["coreference_heads"])
TRAILERS = frozenset(WORDS["recipient_trailers"])

#: selection verbs: a prize marked 으로/에 (`최우수기관으로 선정`)
SELECT_VERBS = frozenset(WORDS["select_verbs"])


def _alt(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


_level_src = _alt([e["pattern"] for e in _DATA["levels"]])
_honor_src = _alt([e["pattern"] for e in _DATA["honors"]])

#: every prize candidate; group names tell the kind (stdlib ``re``: faster here)
PRIZE_RE = _re.compile(
    rf"(?P<honor>{_honor_src})"
    rf"|(?P<nobel>노벨\s?(?:[가-힣]{{1,5}}\s?)?상)"
    rf"|(?P<named>(?<![가-힣A-Za-z])[가-힣A-Za-z]{{1,12}}상(?=[’'”\"]?(?:[을를은는이가도의]|\s?(?:수상|받))))"
    rf"|(?P<level>{_level_src})"
    rf"|(?P<commend>{_DATA['commendation']})"
    rf"|(?P<bare>{_DATA['bare_level']})"
)

#: what every prize candidate ends with: run PRIZE_RE only around these
ANCHOR_RE = _re.compile(r"상|등급|표창|우수|장려")
_WORD_START = _re.compile(r"[^\s'‘’\"“”(),.·]*$")


def prize_windows(text: str) -> list[tuple[int, int]]:
    """Merged windows of ``text`` around prize anchors, each starting at a word start."""
    out: list[tuple[int, int]] = []
    for m in ANCHOR_RE.finditer(text):
        ws = max(0, m.start() - 16)
        back = _WORD_START.search(text, max(0, ws - 24), ws)
        if back is not None:
            ws = back.start()
        we = min(len(text), m.end() + 8)
        if out and ws <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], we))
        else:
            out.append((ws, we))
    return out


#: an event head at the end of a quoted title (after an optional `(주관 X)`)
EVENT_END_RE = re.compile("(?:" + "|".join(re.escape(h) for h in EVENT_HEADS) + r")$")

#: a quoted span (single, double, corner quotes)
QUOTED_RE = re.compile(r"[‘'“\"「『]([^‘’'“”\"「」『』\n]{2,80}?)[’'”\"」』]")

#: `(주관 X)` / `(주최: X)` at the end of a quoted event
HOST_PAREN_RE = re.compile(r"\s*\((?:주관|주최|공동주최|공동주관)\s*[:：]?\s*([^()]{2,40})\)\s*$")

#: a year opening an event name (`2024 ...`, `2024년 ...`)
YEAR_RE = re.compile(r"^(?:제\s?\d+회\s)?((?:19|20)\d{2})(?:년|\s|$)")


@lru_cache(maxsize=4096)  # a pure function of a short phrase, asked again for each mention
def level_of(text: str) -> str | None:
    """The SPEC ``award`` value of a level phrase.

    >>> level_of("최우수기관"), level_of("우수 지자체"), level_of("SA등급"), level_of("종합대상")
    ('최우수', '우수', '최고등급', '대상')
    """
    for rx, award in LEVELS:
        if rx.fullmatch(text):
            return award
    return None


@lru_cache(maxsize=4096)  # as level_of
def honor_of(text: str) -> str | None:
    """The SPEC ``award`` value of an honor phrase.

    >>> honor_of("행정안전부장관상"), honor_of("교육부 장관 표창"), honor_of("대통령 표창")
    ('장관상', '장관 표창', '대통령 표창')
    """
    for rx, award in HONORS:
        if rx.fullmatch(text):
            return award
    return None


def level_suffix(word: str) -> tuple[int, str] | None:
    """If ``word`` ends with a level prize, (where it starts, the award).

    >>> level_suffix("일자리대상")
    (3, '대상')
    >>> level_suffix("황금종려상") is None
    True
    """
    for rx, award in LEVELS:
        m = rx.search(word)
        if m and m.end() == len(word):
            return m.start(), award
    return None


def honor_suffix(word: str) -> tuple[int, str] | None:
    """If ``word`` ends with an honor (`…장관상`), (where it starts, the award)."""
    for rx, award in HONORS:
        m = rx.search(word)
        if m and m.end() == len(word):
            return m.start(), award
    return None


_NON_PRIZE_SET = frozenset(NON_PRIZES)
_NON_PRIZE_LONG = tuple(w for w in NON_PRIZES if len(w) >= 3)


def is_non_prize(word: str) -> bool:
    """Nouns in 상 that are no prize (`인상`, `예수상`, `광화문조각상`).

    ``word`` is the last morpheme of a candidate (`보상` of `피해보상`), or
    the noun before a bare `상` joined to it (`운동상` of `여성운동상`).
    Long entries also match as suffixes; two-syllable ones only whole, so
    `여성운동상` is not `동상`.

    >>> is_non_prize("보상"), is_non_prize("광화문조각상"), is_non_prize("여성운동상")
    (True, True, False)
    """
    return word in _NON_PRIZE_SET or word.endswith(_NON_PRIZE_LONG)


def event_like(text: str) -> bool:
    """Does a (quote-stripped) title name a contest, evaluation or award program?

    >>> event_like("2024 전국 기초단체장 매니페스토 우수사례 경진대회"), event_like("일자리 및 고용 환경 개선 완화")
    (True, False)
    """
    t = HOST_PAREN_RE.sub("", text).strip()
    if not t or level_of(t) or honor_of(t):
        return False
    return EVENT_END_RE.search(t) is not None
