"""Local-government mentions, decided by what follows the region name.

Each region-name match gets a *decision* from the words after it:

* a particle of subject/topic/agent/coordination (``광주시는``, ``대구와의``,
  ``전남만의``), a title (``동구청장``, ``경북도지사``), a role word
  (``광주시 관계자``) -> a mention;
* a place reading (``광주에서``, ``남구 도시첨단산단``, ``광주김치``,
  ``서울 신월동에``) -> no fact;
* a list (``광주·전남만의``, ``충남과 경기, 서울 등``) -> the decision of the
  next item; a district after its city (``광주 동구는``) -> one mention
  spanning both, decided by the district.

Bare stems (``광주``, ``보령``) need a Kiwi NNP token and a stricter grammar
than names with an administrative suffix (``광주시``, ``문경시``).

The grammar is a table of named rules (:data:`_ATTACHED` for a match with
Hangul right after it, :data:`_APART` for the others), each a small function
with its Korean example, tried in order: the first that decides wins, and a
match no rule decides is not a mention. The word lists it reads are in
``words.tsv`` (section ``local governments: _decide_grammar``).
"""

from __future__ import annotations

import re
from typing import Any

from ..base import Context
from .lexicon import WORDS
from .patterns import ACTING_PARTICLES, ALL_PARTICLES, hangul_rest
from .names import lookup
from .scan import literal_matches
from .regions import LG, is_stem, document_region, resolve_form, title_after, unit_name

ACCEPT, REJECT, NEXT = "accept", "reject", "next"

_ACTING = frozenset(ACTING_PARTICLES)
_PARTICLE_MAX = max(map(len, ALL_PARTICLES))
_FULL_EXTRA = frozenset(WORDS["owner_particles"])
#: words after a region (space between) that make it the acting government
_ROLE_WORDS = re.compile("(?:" + "|".join(map(re.escape, WORDS["role_words"])) + ")")
_ROLE_ENDINGS = WORDS["role_endings"]
#: a following word that makes the region a place: facilities, parks, areas, addresses
_PLACE_ENDINGS = frozenset(WORDS["place_endings"])
_PLACE_ENDING_MAX = max(map(len, _PLACE_ENDINGS))
_PLACE_STARTS = WORDS["place_starts"]
_DEPARTMENT_ENDINGS = WORDS["department_endings"]
#: constituency labels (송파구 을) and words that are not nouns of the government
_CONSTITUENCY = frozenset(WORDS["constituencies"])
_QUOTES_CLOSE = "\"'’”」』"
_QUOTES_OPEN = "\"'‘“「『"
_FOREIGN_BEFORE = re.compile("(?:" + "|".join(map(re.escape, WORDS["foreign_before"])) + ") $")
_COUNCIL_PARTICLES = frozenset(WORDS["council_particles"])
_OFFICES = WORDS["office_words"]
_BETWEEN = frozenset(WORDS["between_words"])
_COORD_SEPS = re.compile(r"\s*(?:[·ㆍ∙․,/]|및|와|과|이나|나|그리고|또는)\s*")
#: ``A·B 등 8개 자치구``, ``A B C 등 6개 시군``: a list the text counts as local governments (rule region_list)
_COUNTED_LIST = re.compile(
    r"(?:\s?[·ㆍ∙․,]\s?[가-힣]{2,4}|\s[가-힣]{2,4}){0,12}\s등\s?\d+\s?개\s?"
    r"(?:자치구|시·군|시군|시도|시·도|지자체|자치단체|기초자치단체|광역자치단체|기초단체|광역단체|구|군|시)")
#: ``예산·서천·홍성군``: stems sharing the suffix of the list's last item (rule region_shared_suffix); at most
#: 30 items before it (a province has at most 31 units): unbounded, every stem of a long list without a
#: suffixed item searched the rest of the list, quadratic in the list's length
_SHARED_SUFFIX = re.compile(r"(?:\s?[·ㆍ∙․]\s?[가-힣]{2,4}){0,30}?\s?[·ㆍ∙․]\s?[가-힣]{1,4}(?:시|군|구)(?![가-힣]{3})")
#: what a government is the object or target of: selected, ranked, given money or a prize
#: (``A시를 선정``, ``A시로 나타났다``, ``A시에는 각각 4억원``, ``A시에 돌아갔다``; rule region_selected)
_SELECTED_AFTER = {
    "을": re.compile(r"\s?(?:선정|선발|뽑|꼽|지정|시상|표창)"),
    "를": re.compile(r"\s?(?:선정|선발|뽑|꼽|지정|시상|표창)"),
    "로": re.compile(r"\s?(?:선정|선발|뽑|꼽|지정|나타났|나타나|결정)"),
    "으로": re.compile(r"\s?(?:선정|선발|뽑|꼽|지정|나타났|나타나|결정)"),
    "에": re.compile(r"\s?(?:각각\s)?(?:\d[\d,.]*\s?(?:조|억|천만|만)[\d,.조억천백만 ]*원|돌아갔|돌아가)"),
    "에는": re.compile(r"\s?(?:각각\s)?(?:\d[\d,.]*\s?(?:조|억|천만|만)[\d,.조억천백만 ]*원|돌아갔|돌아가)"),
}
#: ``서울 종로구 2위``, ``경남(88.2%)``: a ranked government
_RANKED_AFTER = re.compile(r"\s?(?:\d{1,3}위|\(\d{1,3}(?:\.\d+)?%\))")
#: weather, temperature or quake words right after a region: the region is where it happens
#: (철원은 영하 15도, 제주도는 아침 한때 비가, 서울특별시의 체감온도), not a government acting
_WEATHER_AFTER = re.compile(
    r"[^.\n]{0,16}?(?:영하\s?\d|영상\s?\d|기온|체감\s?온도|최저\s?\d|최고\s?\d|\d(?:\.\d)?도(?:까지|로|를|의|,|\s|$)|"
    r"(?<![가-힣])(?:비가|비는|눈이|눈은)|소나기|강수량|강우량|적설|건조하겠|흐리겠|흐리고|(?<![가-힣])바람이|\d\s?(?:mm|㎜|cm|㎝)|"
    r"진도\s?\d|규모\s?\d)"
)
#: ``X와 Y 사이``: the two are ends of a route or a distance
_ROUTE = (r"(?:(?:사이|간)(?:의|에)?\s?(?:거리|도로|철도|고속도로|노선|구간|항로|뱃길|열차|버스)|"
          r"구간|노선|[을를]\s?(?:잇는|오가는|연결하는))")
_BETWEEN_AFTER = re.compile(r"\s?[가-힣]{1,6}\s?" + _ROUTE)
_ROUTE_AFTER = re.compile(r"\s?" + _ROUTE)
#: ``X에 따르면``: the organization is the source of what is reported
_SOURCE_AFTER = re.compile(r"\s?따르면")
#: a code before a region stem names a ship or a unit after the city (PCC-772 천안)
_CODE_BEFORE = re.compile(r"[A-Z]{2,}-?\d+\s$")
#: a locative word after ``X 등`` (강북구 등 서울 북부에서): the list names places
_LOCATIVE_WORD = re.compile(r"\s(?:[가-힣A-Za-z0-9·]+\s){0,1}[가-힣A-Za-z0-9·]*(?:에서|에서는|에서도|에는|지역에|곳에)(?![가-힣])")
_WORD = re.compile(r"[가-힣A-Za-z0-9]+")
_SEP_WORD = re.compile(r"\s?[,·ㆍ]?\s?([가-힣A-Za-z0-9]+)")
_PAREN = re.compile(r"\([^()\n]{0,40}\)")


class _Match:
    __slots__ = ("start", "end", "form", "stem", "rest", "title", "decision", "nxt", "compose", "kind", "span_end")

    def __init__(self, start: int, end: int, form: str) -> None:
        self.start, self.end, self.form = start, end, form
        self.stem = is_stem(form)
        self.rest = ""
        self.title: str | None = None
        self.decision = REJECT
        self.nxt: int | None = None
        self.compose = False
        self.kind = "local_government"
        self.span_end = end


def _is_sido(form: str) -> bool:
    u = resolve_form(form)
    return u is not None and u.level == "sido"


def _nnp_at(ctx: Context, start: int, end: int) -> bool:
    i = ctx.token_index_at(start)
    toks = ctx.tokens
    if i >= len(toks) or toks[i].start != start:
        return False
    t = toks[i]
    return t.tag == "NNP" and t.start + t.len == end


def _first_tag(ctx: Context, pos: int) -> str:
    i = ctx.token_index_at(pos)
    toks = ctx.tokens
    return toks[i].tag if i < len(toks) and toks[i].start == pos else ""


def _is_place_word(base: str) -> bool:
    """A facility, area or address word (산단, 신월동, 서쪽); one-syllable endings need 3+ syllables."""
    if lookup(base) is not None:
        return False  # 고용노동부 (not 동부, the east): a known organization is not a place word
    if base.startswith(_PLACE_STARTS):
        return True
    # each ending of the word looked up (a set), not each place ending tried against the word
    for k in range(1 if len(base) >= 3 else 2, min(_PLACE_ENDING_MAX, len(base)) + 1):
        if base[-k:] in _PLACE_ENDINGS:
            return True
    return False


def _next_word(text: str, pos: int) -> str | None:
    """The word after ``pos`` when a single space (or separator and space) comes first."""
    m = _SEP_WORD.match(text, pos)
    return m.group(1) if m is not None else None


def _strip(word: str) -> str:
    """``word`` without a final particle (성과를 -> 성과)."""
    # the longest particle that leaves at least two characters, looked up by length
    for k in range(min(_PARTICLE_MAX, len(word) - 2), 0, -1):
        if word[-k:] in ALL_PARTICLES:
            return word[:-k]
    return word


def _word_decision(m: _Match, word: str) -> str:
    """Decide from the word written after a space."""
    if word in _CONSTITUENCY or (word[0] in _CONSTITUENCY and word[1:] in ALL_PARTICLES):
        return REJECT  # 송파구 을, 유성구 을에 출마: a constituency
    if _ROLE_WORDS.fullmatch(word) or word[0] == "등" and len(word) <= 2 or word.startswith("관계자"):
        return "list_end" if word == "등" else ACCEPT
    base = _strip(word)
    if any(word[: len(word) - k].endswith(_DEPARTMENT_ENDINGS) for k in (0, 1, 2)) and len(word) >= 4:
        return ACCEPT  # 광주시 일자리정책과는: a department of the government
    if base.endswith(_ROLE_ENDINGS) or _ROLE_WORDS.fullmatch(base):
        return ACCEPT
    if m.stem:
        return REJECT
    if _is_place_word(base) or base != word:
        # 남구 도시첨단산단을, 춘천시 중도는: the region only qualifies the next noun
        return REJECT
    return "noun"


def _decide(ctx: Context, ms: list[_Match], i: int) -> None:
    _decide_grammar(ctx, ms, i)
    m = ms[i]
    if m.decision != ACCEPT or m.title is not None:
        return
    text = ctx.text
    if _WEATHER_AFTER.match(text, m.span_end + len(m.rest) if m.span_end == m.end else m.span_end):
        m.decision = REJECT  # 철원은 영하 15도, 제주도는 아침 한때 비가: where the weather happens
    elif m.stem and _CODE_BEFORE.search(text, max(0, m.start - 12), m.start):
        m.decision = REJECT  # PCC-772 천안은: a ship named after the city


class _After:
    """What the grammar reads about one region-name match ``ms[i]``: the Hangul written right
    after it (``rest``: a particle or a title, or nothing), the title ``rest`` starts with
    (``청장은`` after ``동구``: 구청장), the next match, and ``pos``, where the words after it
    start (after a parenthesis, once :func:`_parenthesis` has read one)."""

    __slots__ = ("ctx", "text", "ms", "i", "m", "rest", "title", "nxt", "pos")

    def __init__(self, ctx: Context, ms: list[_Match], i: int) -> None:
        self.ctx, self.text, self.ms, self.i = ctx, ctx.text, ms, i
        self.m = m = ms[i]
        m.rest = self.rest = hangul_rest(self.text, m.end)
        self.title = title_after(m.form, self.rest) if self.rest else None
        self.nxt = ms[i + 1] if i + 1 < len(ms) else None
        self.pos = m.end

    def gap(self) -> str | None:
        """The text between this match and the next, or None without a next."""
        return None if self.nxt is None else self.text[self.m.end:self.nxt.start]

    def proper_noun(self) -> bool:
        """Kiwi reads the match as one proper noun (NNP)."""
        return _nnp_at(self.ctx, self.m.start, self.m.end)


# -- the rules: each decides (ACCEPT, REJECT, NEXT) or passes (None) ------------------------------

def _route_mark(a: _After) -> str | None:
    """A region joined to another by a route mark is a place: ``동대구~부산``."""
    m, text = a.m, a.text
    if text[m.start - 1:m.start] in ("~", "-") or text[m.end:m.end + 1] == "~":
        return REJECT
    return None


def _council(a: _After) -> str | None:
    """A council written on a suffixed name: ``충남도의회는``, ``광주시의회에서``."""
    m, rest = a.m, a.rest
    if rest.startswith("의회") and not m.stem and (len(rest) == 2 or rest[2:] in _ACTING
                                                 or rest[2:] in _COUNCIL_PARTICLES):
        m.kind, m.span_end = "legislature", m.end + 2
        return ACCEPT
    return None


def _education_office(a: _After) -> str | None:
    """An education office: ``광주시교육청은``, ``경북교육청`` (a stem only for a province)."""
    m = a.m
    if a.rest.startswith("교육청") and (not m.stem or _is_sido(m.form)):
        m.kind, m.span_end = "local_government_education", m.end + 3
        return ACCEPT
    return None


def _office_building(a: _After) -> str | None:
    """An office (청) acting, ``강남구청은``; not a team (``서울시청 아마조네스``) nor a building (``시청 앞``)."""
    m, t, text, rest = a.m, a.title, a.text, a.rest
    if t is None or not t.endswith("청") or t.endswith("청장"):
        return None
    after = rest[len(t) - (0 if m.stem else 1):]
    if after:
        ok = after in _ACTING or after in _FULL_EXTRA or (after == "에" and _SOURCE_AFTER.match(
            text, m.end + len(rest)) is not None)
    else:
        nx = m.end + len(rest)
        nw = _next_word(text, nx) if text[nx:nx + 1] == " " else None
        ok = text[nx:nx + 1] != " " or (_first_tag(a.ctx, nx + 1) not in ("NNP", "SL", "SN")
                                        and not (nw and _is_place_word(_strip(nw))))
    return None if ok else REJECT


def _title(a: _After) -> str | None:
    """A title after the region names its government: ``동구청장``, ``경북도지사``, ``광주시청``."""
    m, t = a.m, a.title
    if t is None:
        return None
    m.title = t
    if t in _OFFICES or (t == m.form[-1:] + "청"):
        if not m.stem and a.rest.startswith("청") and not a.rest.startswith("청장"):
            m.span_end = m.end + 1
    return ACCEPT


def _untagged_stem(a: _After) -> str | None:
    """A bare stem Kiwi does not read as a proper noun is a word, not a region: ``보령`` in another sense."""
    return REJECT if a.m.stem and not a.proper_noun() else None


def _source(a: _After) -> str | None:
    """The government is the source of the news: ``서울시에 따르면``."""
    m = a.m
    if a.rest == "에" and _SOURCE_AFTER.match(a.text, m.end + 1) and (not m.stem or a.proper_noun()):
        return ACCEPT
    return None


def _coordinated(a: _After) -> str | None:
    """A list joined by a particle goes by its next item: ``광주와 전남은``, ``대구나 경북``."""
    m, rest, nxt = a.m, a.rest, a.nxt
    if rest in _ACTING and rest in ("와", "과", "이나", "나") and nxt is not None \
            and _COORD_SEPS.fullmatch(a.text[m.end:nxt.start]):
        m.nxt = a.i + 1
        return NEXT
    return None


def _with_places(a: _After) -> str | None:
    """Listed with a place, it is a place: ``제주도와 서해안에서``, ``서울과 수도권 등지에서``."""
    if a.rest in _ACTING and a.rest in ("와", "과", "와도", "과도"):
        nw = _next_word(a.text, a.m.end + len(a.rest))
        if nw and _is_place_word(_strip(nw)):
            return REJECT
    return None


def _route_end(a: _After) -> str | None:
    """Two places a route joins: ``부산과 마산 사이의 거리``, ``서울과 부산 간 노선``."""
    if a.rest in _ACTING and a.rest in ("와", "과", "와도", "과도") \
            and _BETWEEN_AFTER.match(a.text, a.m.end + len(a.rest)):
        return REJECT
    return None


def _acting(a: _After) -> str | None:
    """A particle of subject, topic, agent or coordination: ``광주시는``, ``대구와의``, ``전남만의``."""
    return ACCEPT if a.rest in _ACTING else None


def _owner_before_place(a: _After) -> str | None:
    """The region owning a place or a name is a place: ``해운대구의 마린시티``."""
    m, text = a.m, a.text
    if a.rest == "의" and not m.stem:
        after = m.end + len(a.rest)
        wm = _WORD.match(text, after + 1) if text[after:after + 1] == " " else None
        if wm is not None and (_first_tag(a.ctx, wm.start()) != "NNG" or _is_place_word(_strip(wm.group(0)))):
            return REJECT
    return None


def _owner(a: _After) -> str | None:
    """A suffixed name owning a common noun, or the source of something: ``경기도의 예산``, ``서울시로부터``."""
    return ACCEPT if a.rest in _FULL_EXTRA and not a.m.stem else None


def _selected(a: _After) -> str | None:
    """The object of a selection, a ranking or money: ``의성군을 선정``, ``하남시로 나타났다``, ``구리시에는 각각 4억원``."""
    m = a.m
    sel = _SELECTED_AFTER.get(a.rest)
    if sel is not None and sel.match(a.text, m.end + len(a.rest)) and (not m.stem or a.proper_noun()):
        return ACCEPT
    return None


def _counted_list(a: _After) -> str | None:
    """A list the text counts as governments, or sharing its last suffix: ``강서·성북 등 8개 자치구``, ``예산·서천·홍성군``."""
    m = a.m
    if _COUNTED_LIST.match(a.text, m.end) or (m.stem and _SHARED_SUFFIX.match(a.text, m.end)):
        return ACCEPT
    return None


def _province_before_unit(a: _After) -> str | None:
    """A province before one of its units names it, whatever Kiwi tags the stem: ``충남 청양군``."""
    m, nxt, ctx = a.m, a.nxt, a.ctx
    if m.stem and nxt is not None and a.gap() == " " and a.text[m.start - 1:m.start] != "(" \
            and resolve_form(nxt.form, ctx.published, parent=resolve_form(m.form, ctx.published)) is not None:
        m.compose, m.nxt = True, a.i + 1
        return NEXT
    return None


def _quoted_or_foreign(a: _After) -> str | None:
    """A stem quoted, in parentheses or after a foreign country is not the Korean government: ``'광주'``, ``(광주)``, ``중국 청도``."""
    m, text = a.m, a.text
    if m.stem:
        before = text[m.start - 1:m.start] if m.start else ""
        if (before and before in _QUOTES_OPEN) or before == "(" \
                or _FOREIGN_BEFORE.search(text, max(0, m.start - 5), m.start):
            return REJECT
    return None


def _parenthesis(a: _After) -> str | None:
    """Decided by what follows a parenthesis: ``서울 성동구(구청장 정원오)가``; else the words after it decide."""
    m = a.m
    pm = _PAREN.match(a.text, a.pos)
    if pm is None:
        return None
    after = hangul_rest(a.text, pm.end())
    if after in _ACTING or (after in _FULL_EXTRA and not m.stem):
        return ACCEPT
    a.pos = pm.end()
    return None


def _ranked(a: _After) -> str | None:
    """A ranked government: ``서울 종로구 2위``, ``경남(88.2%)``."""
    return ACCEPT if _RANKED_AFTER.match(a.text, a.m.end) else None


def _district_after_city(a: _After) -> str | None:
    """A district after its city or province: one mention of both, ``광주 동구``."""
    m, nxt, ctx = a.m, a.nxt, a.ctx
    if nxt is not None and a.gap() == " " \
            and resolve_form(nxt.form, ctx.published, parent=resolve_form(m.form, ctx.published)) is not None:
        m.compose, m.nxt = True, a.i + 1
        return NEXT
    return None


def _area_of_province(a: _After) -> str | None:
    """A stem after a province that is not one of its units names an area (both places): ``강원 영동``, ``경기 남부``."""
    nxt = a.nxt
    if nxt is not None and a.gap() == " " and nxt.stem:
        parent_unit = resolve_form(a.m.form, a.ctx.published)
        if parent_unit is not None and parent_unit.level == "sido":
            nxt.decision = REJECT
            return REJECT
    return None


def _listed(a: _After) -> str | None:
    """An item of a list goes by its next item: ``광주·전남``, ``충남과 경기``, ``광주 전남``."""
    gap = a.gap()
    if gap is not None and (_COORD_SEPS.fullmatch(gap) or gap == " "):
        a.m.nxt = a.i + 1
        return NEXT
    return None


def _places_listed(a: _After) -> str | None:
    """A list going on with a place is a list of places: ``제주도, 서해안, 남해안은``."""
    if a.text[a.pos:a.pos + 1] in ",·ㆍ∙․":
        nw = _next_word(a.text, a.pos)
        if nw and _is_place_word(_strip(nw)):
            return REJECT
    return None


def _line_or_list_end(a: _After) -> str | None:
    """At a line's or a list's end (a headline ``광주시, ...``): a name with its suffix only."""
    ch = a.text[a.pos:a.pos + 1]
    if ch in ("", "\n") or ch in ",·ㆍ∙․)" or ch in _QUOTES_CLOSE:
        return REJECT if a.m.stem else ACCEPT
    return None


def _space_then_no_word(a: _After) -> str | None:
    """A space and then no word (``광주시 -``): a name with its suffix only."""
    if a.text[a.pos:a.pos + 1] == " " and _WORD.match(a.text, a.pos + 1) is None:
        return ACCEPT if not a.m.stem else REJECT
    return None


def _between_governments(a: _After) -> str | None:
    """A relation between governments, ``서울시와 경기도 간 협약``, ``사이의 갈등``; a route joins places."""
    if a.text[a.pos:a.pos + 1] == " " and not a.m.stem:
        wm = _WORD.match(a.text, a.pos + 1)
        if wm is not None and wm.group(0) in _BETWEEN:
            return REJECT if _ROUTE_AFTER.match(a.text, a.pos) else ACCEPT
    return None


def _next_word_decides(a: _After) -> str | None:
    """The word after a space decides (:func:`_word_decision`): ``광주시 관계자``, ``남구 도시첨단산단``."""
    if a.text[a.pos:a.pos + 1] != " ":
        return None
    wm = _WORD.match(a.text, a.pos + 1)
    if wm is None:
        return None
    d = _word_decision(a.m, wm.group(0))
    if d == "list_end":
        # 광주시 등 5개 시도가 (the governments), not 강북구 등 서울 북부에서 (places)
        d = REJECT if _LOCATIVE_WORD.match(a.text, wm.end()) else ACCEPT
    if d == "noun":
        d = ACCEPT if _first_tag(a.ctx, wm.start()) == "NNG" else REJECT
    return d


#: the rules for a match with Hangul right after it (a particle or a title), in order
_ATTACHED = (_route_mark, _council, _education_office, _office_building, _title, _untagged_stem, _source,
             _coordinated, _with_places, _route_end, _acting, _owner_before_place, _owner, _selected)
#: the rules for a match followed by a space, a mark or nothing, in order
_APART = (_route_mark, _counted_list, _province_before_unit, _untagged_stem, _quoted_or_foreign, _parenthesis,
          _ranked, _district_after_city, _area_of_province, _listed, _places_listed, _line_or_list_end,
          _space_then_no_word, _between_governments, _next_word_decides)


def _decide_grammar(ctx: Context, ms: list[_Match], i: int) -> None:
    """Set ``ms[i].decision`` by the first rule of its table that decides; no rule: REJECT."""
    a = _After(ctx, ms, i)
    for rule in _ATTACHED if a.rest else _APART:
        decision = rule(a)
        if decision is not None:
            a.m.decision = decision
            return
    a.m.decision = REJECT


def find_local_governments(ctx: Context) -> list[dict[str, Any]]:
    """Region-name mentions that are organizations: dicts with start, end, canonical, kind, form."""
    text = ctx.text
    ms = [_Match(s, e, f) for s, e, f in literal_matches(ctx) if f in LG.by_form]
    if not ms:
        return find_suffixless_items(ctx)
    for i in range(len(ms) - 1, -1, -1):
        _decide(ctx, ms, i)
        m = ms[i]
        if m.decision == NEXT and m.nxt is not None:
            nm = ms[m.nxt]
            m.decision = nm.decision if nm.decision != NEXT else REJECT
    region = document_region(ctx)
    pub = ctx.published
    established: dict[str, str] = {}
    out = find_suffixless_items(ctx)
    skip: set[int] = set()
    for i, m in enumerate(ms):
        if i in skip:
            continue
        if m.compose and m.nxt is not None:
            nm = ms[m.nxt]
            parent = resolve_form(m.form, pub, region)
            unit = resolve_form(nm.form, pub, parent=parent) if parent is not None else None
            skip.add(m.nxt)
            if unit is None:
                continue
            name = unit_name(unit, pub)
            established[nm.form] = name
            if nm.decision != ACCEPT:
                continue
            if _in_gloss(text, m.start, nm.span_end) and nm.title is None:
                continue  # 회관(서울 용산구): where a venue is
            out.append(_emit(m.start, nm, name, pub))
            continue
        if m.decision != ACCEPT:
            continue
        if _in_gloss(text, m.start, m.span_end) and m.title is None:
            continue  # 회관(서울 용산구): where a venue is
        if m.form in established:
            name = established[m.form]
        else:
            unit = resolve_form(m.form, pub, region)
            if unit is None:
                continue
            name = unit_name(unit, pub)
        out.append(_emit(m.start, m, name, pub))
    return out


_GLOSS_BEFORE = re.compile(r"\((?:[가-힣]{2,4} )?$")


def _in_gloss(text: str, s: int, e: int) -> bool:
    """``(서울 용산구)`` right after a venue: the region only says where it is."""
    return text[e:e + 1] == ")" and _GLOSS_BEFORE.search(text, max(0, s - 6), s) is not None


#: ``강서·성북 등 8개 자치구``, ``예산·서천·홍성군``: list items written without their suffix (구, 군, 시)
#: that only the list's count or last item completes (rules region_list, region_shared_suffix)
_SUFFIXLESS_LIST = re.compile(
    r"(?<![가-힣])((?:[가-힣]{2,4}\s?[·ㆍ∙․,]\s?)+)(?:([가-힣]{2,4}) 등\s?\d+\s?개\s?(자치구|구|시·군|시군)|"
    r"[가-힣]{1,4}(시|군|구)(?![가-힣]{3}))")
_ITEM = re.compile(r"([가-힣]{2,4})\s?[·ㆍ∙․,]\s?")


_COUNTED_GOVS = re.compile(r"(?<=\s)등\s?\d+\s?개\s?(?:(자치구)|시·군|시군|기초자치단체|기초단체|자치단체|지자체)")
#: the count every _COUNTED_GOVS match starts with (a literal-first scan): without it the full scan is skipped
_COUNTED_HINT = re.compile(r"등\s?\d+\s?개")
_ITEM_BACK = re.compile(r"(?<![가-힣])([가-힣]{2,4})(?:\s?[·ㆍ∙․,]\s?|\s)?$")
#: (the second branch starts with its space, its lookbehind after: a cheaper scan, the same matches)
_LIST_TAIL = re.compile(r"[·ㆍ∙․]\s?[가-힣]{1,4}(?:시|군|구)(?![가-힣]{3})| (?<=[가-힣] )등\s?\d+\s?개\s?(?:자치구|구|시·군|시군)")
_LIST_BACK = re.compile(r"(?<![가-힣])(?:[가-힣]{2,4}\s?[·ㆍ∙․,]\s?)*[가-힣]{2,4}(?:\s?[·ㆍ∙․]| )$")


def find_suffixless_items(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out: list[dict[str, Any]] = []

    region = document_region(ctx)
    pub = ctx.published
    for cm in _COUNTED_GOVS.finditer(text) if _COUNTED_HINT.search(text) else ():
        # 천안 아산 예산 등 3개 시군: items back from the count, spaces or dots between
        p = cm.start() - 1
        while True:
            im = _ITEM_BACK.search(text, max(0, p - 8), p)
            if im is None:
                break
            item = im.group(1)
            if item not in LG.by_form:
                unit = None
                for suf in cm.group(1) and ("구",) or ("시", "군"):
                    unit = resolve_form(item + suf, pub, region)
                    if unit is not None:
                        break
                if unit is None:
                    break
                out.append({"start": im.start(1), "end": im.end(1), "canonical": unit_name(unit, pub),
                            "kind": "local_government", "form": item, "title": None})
            p = im.start(1)
    starts: set[int] = set()
    for em in _LIST_TAIL.finditer(text):  # only lists: where a dot or a count closes one, then back to its start
        w = _LIST_BACK.search(text, max(0, em.start() - 60), em.start() + 1)
        if w is not None:
            starts.add(w.start())
    matches = []
    last_end = -1
    for st in sorted(starts):
        if st < last_end:
            continue
        mm = _SUFFIXLESS_LIST.match(text, st)
        if mm is not None:
            matches.append(mm)
            last_end = mm.end()
    for m in matches:
        items = [(m.start(1) + x.start(1), x.group(1)) for x in _ITEM.finditer(m.group(1))]
        if m.group(2):
            items.append((m.start(2), m.group(2)))
            suffixes = ("구",) if "구" in m.group(3) else ("시", "군")
        else:
            suffixes = (m.group(4),)
        for s, item in items:
            if item in LG.by_form:
                continue  # decided by the grammar of named regions
            for suf in suffixes:
                unit = resolve_form(item + suf, pub, region)
                if unit is not None:
                    out.append({"start": s, "end": s + len(item), "canonical": unit_name(unit, pub),
                                "kind": "local_government", "form": item, "title": None})
                    break
    return out


def _emit(start: int, m: _Match, name: str, pub: Any) -> dict[str, Any]:
    kind = m.kind
    canonical = name
    if kind == "legislature":
        canonical = name + "의회"
    elif kind == "local_government_education":
        canonical, kind = name + "교육청", "local_government"
    return {"start": start, "end": m.span_end, "canonical": canonical, "kind": kind, "form": m.form,
            "title": m.title}
