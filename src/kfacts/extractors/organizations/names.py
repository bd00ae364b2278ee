"""Named organizations other than local governments: lexicon and grammar.

* ``lexicon``: every alias of ``organizations*.tsv`` in one trie regex
  (a space may appear between syllables: ``농촌 진흥청``), resolved by the
  article's date (``행안부`` in 2014 is 안전행정부).
* ``suffix``: a word ending in an organization head (진흥원, 재단, 공사,
  협회, 위원회, 대학교, 병원...) whose stem is specific enough.
* ``university``: ``X대`` after a country name (``프랑스 스트라스부르대`` ->
  ``스트라스부르 대학교``); ``X대 교수`` with a Kiwi proper noun.
* ``hospital_list``: ``전남대·조선대학교 병원`` -> both hospitals.
* ``legal_form``: ``㈜태성``, ``(주)태성``, ``주식회사 태성`` -> ``태성``.
* ``abbreviation``: ``녹색 기후 기금(Green Climate Fund, GCF)`` defines GCF.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..base import Context, SpanIndex
from .lexicon import (ALIASES, BY_ALIAS, COMMON_WORD_STEMS, ENTRIES, HERE, LG, NOT_AN_ORG, REGION_FORMS, WORDS,
                      OrgEntry, SENSE_COLUMNS, read_rows, pick_dated)
from .scan import literal_matches
from .patterns import (NOT_IN_WORD_BEFORE, hangul_rest, is_particles, person_like, starts_with_role, strip_josa,
                       trie_regex)

#: kinds whose long names news sometimes write with spaces (농촌 진흥청, 낙동강 홍수 통제소)
_SPACED_KINDS = ("central_government", "public_agency", "legislature", "other", "association")
_SPACED = sorted({a for e in ENTRIES if e.kind in _SPACED_KINDS for a in e.aliases
                  if len(a.replace(" ", "")) >= 5 and re.fullmatch("[가-힣 ]+", a)}, key=len, reverse=True)
_LATIN_NEXT = re.compile("[A-Za-z0-9]")
_NEXT_WORD = re.compile("[가-힣A-Za-z0-9]+")
#: a word after an organization that makes both one bigger name (유엔 기후변화협약)
_PART_OF_NAME = WORDS["part_of_name_next"]
#: the role words a lexicon name of one or two syllables may have after it in the same word (국회의원)
_SHORT_NAME_ROLES = WORDS["short_name_roles"]


def _load_senses() -> tuple[dict[str, tuple[str, ...]], dict[str, list[tuple[re.Pattern, str, str]]]]:
    """``senses.tsv``: next words that make an alias a common noun, context that picks its sense."""
    nxt: dict[str, tuple[str, ...]] = {}
    ctx: dict[str, list[tuple[re.Pattern, str, str]]] = {}
    for r in read_rows(HERE / "senses.tsv", SENSE_COLUMNS):
        r = r + [""] * (5 - len(r))
        rule, alias, evidence, canonical, kind = (x.strip() for x in r[:5])
        if rule == "next":
            nxt[alias] = nxt.get(alias, ()) + tuple(w.strip() for w in evidence.split(",") if w.strip())
        elif rule == "context":
            ctx.setdefault(alias, []).append((re.compile(evidence), canonical, kind))
        else:
            raise ValueError(f"senses.tsv: unknown rule {rule!r}")
    return nxt, ctx


_SENSE_NEXT, _SENSE_CONTEXT = _load_senses()
_SENSE_WORD = re.compile(r" ?([가-힣A-Za-z0-9]+)")


def _other_sense(text: str, e: int, surface: str, kind: str) -> bool:
    """The word after a lexicon name makes it something else (카카오 나무, 기아 타이거즈)."""
    words = _SENSE_NEXT.get(surface, ())
    if kind == "company":
        words += _SENSE_NEXT.get("*", ())
    if not words:
        return False
    m = _SENSE_WORD.match(text, e)
    return m is not None and m.group(1).startswith(words)
#: (the leading lookahead of every name's first character only lets the scan skip other positions fast)
LEXICON_SPACED_RE = re.compile("(?=[" + re.escape("".join(sorted({w[0] for w in _SPACED if w}))) + "])"
                               + NOT_IN_WORD_BEFORE + "(" + trie_regex(_SPACED, optional_space=True) + ")(?![A-Za-z0-9])")
#: an ordinal before a name is part of it (제18대 대통령직인수위원회)
_COUNTRY_BEFORE = re.compile("(" + "|".join(map(re.escape, WORDS["party_countries"])) + ") $")
_ORDINAL_BEFORE = re.compile(r"제\d{1,3}[대기] $")
#: a foreign country right before a Korean government body's name (일본 기상청, 스페인의 헌법 재판소)
_FOREIGN_STATES = WORDS["foreign_states"]
_FOREIGN_STATE_BEFORE = re.compile(
    "(?<![가-힣])(" + "|".join(sorted(_FOREIGN_STATES, key=len, reverse=True)) + ")(?:의)? $")


def lookup(surface: str, published: _dt.date | None = None) -> OrgEntry | None:
    """The lexicon entry a surface names at ``published`` (spaces ignored)."""
    return pick_dated(BY_ALIAS.get(surface.replace(" ", ""), []), published)


_LEXICON_LITERALS: frozenset[str] | None = None


def _lexicon_literals() -> frozenset[str]:
    """The literals of the shared scan (scan.LITERAL_RE: region forms and aliases) that name a lexicon
    entry, spaces ignored: decided once per literal instead of once per match."""
    global _LEXICON_LITERALS
    if _LEXICON_LITERALS is None:
        _LEXICON_LITERALS = frozenset(w for w in set(REGION_FORMS) | set(ALIASES) if w.replace(" ", "") in BY_ALIAS)
    return _LEXICON_LITERALS


def find_lexicon(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    lexicon_literals = _lexicon_literals()
    matches = [(s, e, f) for s, e, f in literal_matches(ctx) if f in lexicon_literals]
    matches += [(m.start(1), m.end(1), m.group(1)) for m in LEXICON_SPACED_RE.finditer(text) if " " in m.group(1)]
    for s, e, surface in matches:
        if "\n" in surface:
            continue
        if surface[-1].isascii() and _LATIN_NEXT.match(text, e):
            continue
        entry = lookup(surface, ctx.published)
        if entry is None or entry.kind == NOT_AN_ORG:
            continue
        rest = hangul_rest(text, e)
        latin_end = surface[-1].isascii()
        if rest and not latin_end and not is_particles(rest) and not starts_with_role(rest):
            continue
        if len(surface.replace(" ", "")) <= 2 and not latin_end and rest and not is_particles(rest) \
                and not rest.startswith(_SHORT_NAME_ROLES):
            continue
        if text[e:e + 1] == " ":
            nw = _NEXT_WORD.match(text, e + 1)
            if nw is not None and nw.group(0).endswith(_PART_OF_NAME):
                continue  # 유엔 기후변화협약: the organization names a treaty
        if _other_sense(text, e, surface, entry.kind):
            continue
        canonical = entry.canonical
        kind = entry.kind
        country_written = _COUNTRY_BEFORE.search(text, max(0, s - 6), s) is not None
        for rx, sense_canonical, sense_kind in () if country_written else _SENSE_CONTEXT.get(surface, ()):
            if rx.search(text, max(0, s - 300), e + 300):
                canonical, kind = sense_canonical, sense_kind  # 노동당 near 북한: 조선노동당
                break
        if entry.kind == "party" and canonical == entry.canonical:
            cm = _COUNTRY_BEFORE.search(text, max(0, s - 6), s)
            sent = text[max(0, s - 200):e + 200]
            if cm is not None or "공화당" in sent:
                # 미국 민주당: a foreign party, named with its country
                country = cm.group(1) if cm is not None else "미국"
                if cm is not None:
                    s = cm.start()
                canonical = f"{country} {surface}"
        foreign = False
        if entry.kind in ("central_government", "legislature") or canonical.endswith(("법원", "재판소")):
            fm = _FOREIGN_STATE_BEFORE.search(text, max(0, s - 12), s)
            if fm is not None:
                # 독일 법무부, 이란 외교부, 러시아 헌법재판소: the foreign country's body, named with it
                # the body as written: Korean short forms (총리실) need not name a foreign body's full name
                s, canonical, foreign = fm.start(), f"{fm.group(1)} {surface.replace(' ', '')}", True
        om = _ORDINAL_BEFORE.search(text, max(0, s - 8), s)
        if om is not None and entry.kind in ("central_government", "legislature", "other"):
            s, canonical = om.start(), om.group(0) + canonical
        out.append({"start": s, "end": e, "canonical": canonical, "kind": kind, "rule": "lexicon",
                    "base": entry.canonical if entry.kind != "legislature" and not foreign else None})
    return out


# -- organizations by their head word ---------------------------------------
#: the words.tsv lists of head words, one per kind (suffix_<kind>)
_SUFFIX_LISTS = ("suffix_public_agency", "suffix_association", "suffix_other", "suffix_university", "suffix_hospital",
                 "suffix_company", "suffix_central_government", "suffix_local_government", "suffix_media")
#: head word -> kind
SUFFIX_KINDS: dict[str, str] = {head: name.removeprefix("suffix_") for name in _SUFFIX_LISTS for head in WORDS[name]}
_SUFFIX_RE = re.compile(trie_regex(SUFFIX_KINDS))
_UNIV_STEM = re.compile(r"([가-힣]{2,8})대(?:학교)?\s?(?:부속|附屬)?")
_WORD_BACK = re.compile(r"[가-힣A-Za-z0-9&]+$")
#: stems too generic to name an organization (조직위원회, 대학병원, 수사본부...)
GENERIC_STEMS = frozenset(WORDS["generic_stems"])
#: a stem ending in one of these, without a proper noun, names a body's function, not a body
_GENERIC_ENDINGS = WORDS["generic_endings"]
#: a stem this long names a body even when it ends in a function word (항공철도사고조사위원회)
_LONG_STEM = 6
#: a short generic stem after a country: the country is part of the name (루마니아 축구협회)
_COUNTRY_SPACE = None  # set below, after COUNTRIES
#: ``산업공단``, ``국가공단``: an industrial park (a place), not an agency
_PARK_STEMS = WORDS["industrial_park_stems"]
#: the stems that make a 센터 a body (정보센터, 진흥센터, 지원센터); other centres are places or services
_CENTRE_STEMS = frozenset(WORDS["centre_stems"])
#: heads that also end common nouns (공사, 방송, 은행): the name needs a proper noun
_HEADS_NEEDING_PROPER = frozenset(WORDS["heads_needing_proper_noun"])
_CONTENT_BOUNDARY = re.compile(r"[가-힣A-Za-z0-9]")


def _tokens_have_proper(ctx: Context, s: int, e: int) -> bool:
    return any(t.tag in ("NNP", "SL", "SH") for t in ctx.tokens_in(s, e))


def find_suffixed(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    for m in _SUFFIX_RE.finditer(text):
        head = m.group(0)
        hs, he = m.span()
        rest = hangul_rest(text, he)
        if rest and not (is_particles(rest) or starts_with_role(rest)):
            continue
        if _LATIN_NEXT.match(text, he):
            continue
        wb = _WORD_BACK.search(text, max(0, hs - 30), hs)
        s = wb.start() if wb is not None else hs
        stem = text[s:hs]
        if len(stem) < 2 or stem in GENERIC_STEMS or stem.endswith(_PARK_STEMS) and head == "공단":
            continue
        kind = SUFFIX_KINDS[head]
        proper = _tokens_have_proper(ctx, s, he)
        if not proper and stem.endswith(_GENERIC_ENDINGS) and len(stem) < _LONG_STEM:
            continue
        if head in _HEADS_NEEDING_PROPER:
            if not proper:
                continue
        elif not proper and len(stem) < 4:
            continue
        if head == "위원회":
            if stem.endswith("소"):
                kind = "legislature"
            elif stem.endswith("인수"):
                kind = "central_government"
        if head in ("본부", "실천본부") and stem.startswith("중앙"):
            kind = "central_government"
        if head == "재단" and stem.startswith(_SIDO_STEMS):
            kind = "public_agency"  # 광주문화재단: a foundation set up by the local government
        if head == "센터" and not stem[-2:] in _CENTRE_STEMS:
            continue
        name = text[s:he]
        if head == "병원":
            um = _UNIV_STEM.fullmatch(stem)
            uni = lookup(um.group(1) + "대", ctx.published) if um else None
            if uni is not None and uni.kind == "university":
                hosp = lookup(uni.canonical + "병원", ctx.published)
                name = hosp.canonical if hosp else uni.canonical + "병원"  # 단국대부속병원 -> 단국대학교병원
        if kind == "media":
            outlet = lookup(stem)
            if outlet is not None and outlet.kind == "media" and head == "뉴스":
                name = outlet.canonical  # KBS뉴스: the outlet KBS
        if head in _NATIONAL_HEADS and len(stem) <= 3 and re.fullmatch("[가-힣]+", stem):
            cm = _COUNTRY_SPACE.search(text, max(0, s - 8), s)
            if cm is not None:
                s, name = cm.start(), f"{cm.group(1)} {name}"  # 루마니아 축구협회
        out.append({"start": s, "end": he, "canonical": name, "kind": kind, "rule": "suffix"})
    return out


# -- lists of universities ---------------------------------------------------------------------
#: ``A대·B대 천안캠퍼스·C대 등 3개교``: the members of a list counted as universities (rule university_list)
_UNIV_COUNT = re.compile(r" 등\s?\d+\s?개\s?(?:교|대학|학교)")
_UNIV_ITEM_BACK = re.compile(r"(?<![가-힣A-Za-z])([가-힣]{2,10})대(?:학교)?( [가-힣A-Za-z]{2,6}캠퍼스)?$")
_UNIV_SEP_BACK = re.compile(r"\s?[·ㆍ∙,]\s?$")


def find_university_lists(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out: list[dict[str, Any]] = []
    if "개교" not in text and "개 대학" not in text and "개 학교" not in text:
        return out
    for m in _UNIV_COUNT.finditer(text):
        p = m.start()
        while True:
            im = _UNIV_ITEM_BACK.search(text, max(0, p - 24), p)
            if im is None:
                break
            stem = im.group(1)
            uni = lookup(stem + "대", ctx.published) or lookup(stem + "대학교", ctx.published)
            canonical = uni.canonical if uni is not None and uni.kind == "university" else stem + "대학교"
            if im.group(2):
                canonical += im.group(2)  # 단국대 천안캠퍼스 -> 단국대학교 천안캠퍼스
            out.append({"start": im.start(), "end": im.end(), "canonical": canonical, "kind": "university",
                        "rule": "university_list"})
            sep = _UNIV_SEP_BACK.search(text, max(0, im.start() - 3), im.start())
            if sep is None:
                break
            p = sep.start()
    return out


# -- branch offices ---------------------------------------------------------------------------
#: ``한국농어촌공사 상주지사(최우수)와 영주·봉화지사, 성주지사``: a known agency's or company's branch, and the
#: branches listed after it (rule branch; SPEC: the branch is named with its organization)
_BRANCH_WORD = r"[가-힣]{1,6}(?:·[가-힣]{1,6})*(?:" + "|".join(map(re.escape, WORDS["branch_endings"])) + ")"
_BRANCH = re.compile(r" (" + _BRANCH_WORD + r")(?![가-힣])")
_BRANCH_NEXT = re.compile(r"(?:\([^()\n]{1,12}\))?(?:와|과|,|·|및)?\s?(" + _BRANCH_WORD + r")(?![가-힣]{2})")


def find_branches(ctx: Context, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    text = ctx.text
    out: list[dict[str, Any]] = []
    for f in found:
        if f["kind"] not in ("public_agency", "company") or f["rule"] != "lexicon":
            continue
        m = _BRANCH.match(text, f["end"])
        if m is None or not is_particles(hangul_rest(text, m.end())) and text[m.end():m.end() + 1] != "(":
            continue
        agency = f["canonical"]
        out.append({"start": f["start"], "end": m.end(1), "canonical": f"{agency} {m.group(1)}",
                    "kind": f["kind"], "rule": "branch"})
        pos = m.end(1)
        while True:
            nm = _BRANCH_NEXT.match(text, pos)
            if nm is None or nm.start(1) == pos:
                break
            out.append({"start": nm.start(1), "end": nm.end(1), "canonical": f"{agency} {nm.group(1)}",
                        "kind": f["kind"], "rule": "branch"})
            pos = nm.end(1)
    return out


# -- military units ------------------------------------------------------------------------
#: ``육군 35사단 106여단``, ``공군 제8전투비행단``, ``육군훈련소``: a unit of the armed forces, named with its
#: service (rule military: central_government, a ministry's unit)
_SERVICES = WORDS["services"]
_UNIT = r"(?:제?\d{1,3})?[가-힣]{0,8}?(?:" + "|".join(map(re.escape, WORDS["unit_heads"])) + ")"
_MILITARY = re.compile(r"(?<![가-힣])(?:" + "|".join(map(re.escape, _SERVICES)) + ") ?" + _UNIT + r"(?: " + _UNIT + r")*")


_NUMBERED = re.compile("^(" + "|".join(map(re.escape, _SERVICES)) + r") (\d{1,3})([가-힣]*)$")
#: the army's mechanized divisions; other numbered divisions are infantry (제N보병사단)
_MECHANIZED = frozenset((11, 20))


def _unit_canonical(name: str) -> str:
    """A single numbered unit gets its official form (육군 32사단 -> 육군 제32보병사단, 23경비여단 -> 제23경비여단);
    a unit within a unit (육군 35사단 106여단) stays as written."""
    m = _NUMBERED.match(name)
    if m is None:
        return name
    service, n, head = m.groups()
    if service == "육군" and head == "사단":
        head = ("기계화보병" if int(n) in _MECHANIZED else "보병") + head
    return f"{service} 제{n}{head}"


def find_military(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    if not any(service in text for service in _SERVICES):
        return out
    for m in _MILITARY.finditer(text):
        s, e = m.span()
        if not is_particles(hangul_rest(text, e)):
            continue  # 육군 1군단장: a title, not the unit's name alone
        out.append({"start": s, "end": e, "canonical": _unit_canonical(" ".join(text[s:e].split())),
                    "kind": "central_government", "rule": "military"})
    return out


# -- universities -------------------------------------------------------------
#: countries before which ``X대`` is a foreign university (프랑스 스트라스부르대 교수)
COUNTRIES = WORDS["university_countries"]
_COUNTRY_SPACE = re.compile("(?<![가-힣])(" + trie_regex(COUNTRIES + WORDS["national_body_countries"]) + ") $")
_NATIONAL_HEADS = WORDS["national_heads"]
_FOREIGN_UNIV = re.compile(
    "(?:" + trie_regex(COUNTRIES) + r")\s+((?:[가-힣]{2,}\s)?[가-힣]{2,}?)\s?(대학교|대학|대)"
    r"(?=\s?(?:교수|명예교수|연구팀|연구진|총장|학생|졸업|출신|에서|의\s)|(?<=[학교])(?:\s|,|\)|를|을|와|과|는|은|이|가|로))")
_KOREAN_UNIV = re.compile(r"대(?=\s?(?:" + "|".join(map(re.escape, WORDS["university_next"])) + "))")
#: a person's name before ``X대 교수``: X대 is the university even when X could start a name (rule university)
_NAME_BEFORE = re.compile(r"(?<![가-힣])[가-힣]{2,4} $")


def _sido_stems() -> tuple[str, ...]:
    return tuple(sorted({f for u in LG.units.values() if u.level == "sido" for f in u.forms if len(f) == 2}))


_SIDO_STEMS = _sido_stems()


def _place_stems() -> frozenset[str]:
    return frozenset(f for f in LG.by_form if len(f) == 2) | COMMON_WORD_STEMS


_PLACE_STEMS = _place_stems()


def find_universities(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    for m in _FOREIGN_UNIV.finditer(text):
        if m.start() and "가" <= text[m.start() - 1] <= "힣":
            continue
        name = m.group(1)
        if name in GENERIC_STEMS:
            continue  # 일본 제국대학: a kind of university, not one
        s, e = m.start(1), m.end(2)
        if lookup(text[s:e], ctx.published) is not None:
            continue
        out.append({"start": s, "end": e, "canonical": f"{name} 대학교", "kind": "university", "rule": "university"})
    for m in _KOREAN_UNIV.finditer(text):
        e = m.end()
        wb = _WORD_BACK.search(text, max(0, m.start() - 8), m.start())
        if wb is None or len(wb.group(0)) < 2 or not re.fullmatch("[가-힣]+", wb.group(0)):
            continue
        s = wb.start()
        if len(wb.group(0)) == 2 and wb.group(0) not in _PLACE_STEMS:
            # 한상대 총장: a three-syllable word is more often a person's name, unless a name comes first
            # (박지훈 한빛대 교수)
            nb = _NAME_BEFORE.search(text, max(0, s - 6), s)
            if nb is None or not any(t.tag == "NNP" for t in ctx.tokens_in(nb.start(), s - 1)):
                continue
        if lookup(text[s:e], ctx.published) is not None or not _tokens_have_proper(ctx, s, e):
            continue
        out.append({"start": s, "end": e, "canonical": wb.group(0) + "대학교", "kind": "university",
                    "rule": "university"})
    return out


_HOSPITAL_LIST = re.compile(r"(?<![가-힣])((?:[가-힣]{2,8}대(?:학교)?[·ㆍ,]\s?)*)([가-힣]{2,8})대(?:학교)?\s병원")
_LIST_ITEM = re.compile(r"([가-힣]{2,8})대(?:학교)?[·ㆍ,]\s?")


def find_hospital_lists(ctx: Context) -> list[dict[str, Any]]:
    """``전남대·조선대학교 병원``: one hospital per university, spans as in SPEC's gold."""
    text = ctx.text
    out: list[dict[str, Any]] = []
    if "병원" not in text:
        return out
    for m in _HOSPITAL_LIST.finditer(text):
        end = m.end()
        items = [(x.start(1), x.group(1)) for x in _LIST_ITEM.finditer(m.group(1))]
        items = [(m.start(1) + off, name) for off, name in items]
        items.append((m.start(2), m.group(2)))
        for s, name in items:
            uni = lookup(name + "대", ctx.published) or lookup(name + "대학교", ctx.published)
            if uni is None or uni.kind != "university":
                continue
            canonical = uni.canonical + "병원"
            hosp = lookup(canonical, ctx.published)
            out.append({"start": s, "end": end, "canonical": hosp.canonical if hosp else canonical,
                        "kind": "hospital", "rule": "hospital_list"})
    return out


# -- legal forms and abbreviations ------------------------------------------
_LEGAL_BEFORE = re.compile(r"(?<![가-힣A-Za-z0-9)])(?:㈜|\(주\)|주식회사\s?)([가-힣A-Za-z0-9&]{2,20})")
# a marker that introduces the next name (광주시는 ㈜태성과) is not a trailing marker
_LEGAL_AFTER = re.compile(
    r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z0-9&]{2,20}?)(?:\s?㈜|\s?\(주\)|주식회사)(?![가-힣A-Za-z0-9&]{2})")


_LEGAL_CONTINUED = re.compile(r" ([가-힣A-Za-z0-9&]{2,12})(?= (?:대표이사|대표|회장|사장|부회장)(?![가-힣]{2}))")


def _strip_particle(name: str) -> str:
    for n in (3, 2, 1):
        if len(name) - n >= 2 and is_particles(name[-n:]) and name[-n:] != "":
            return name[:-n]
    return name


def find_legal_forms(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out = []
    if "㈜" not in text and "(주)" not in text and "주식회사" not in text:
        return out  # every match of both passes holds one of the marks (most pages have none)
    for m in _LEGAL_BEFORE.finditer(text):
        # the particle Kiwi reads at the end (㈜태성과 -> 태성), not a final 이 of the name (㈜누리아이)
        e = strip_josa(ctx, m.start(1), m.end(1)) if ctx.tokens else m.start(1) + len(_strip_particle(m.group(1)))
        name = text[m.start(1):e]
        if e == m.end(1):
            # ㈜한빛 오토모티브 대표: a name in two words, up to the company role (not ㈜한빛 홍길동 대표)
            cm = _LEGAL_CONTINUED.match(text, e)
            if cm is not None and not person_like(cm.group(1)):
                e = cm.end(1)
                name = text[m.start(1):e]
        entry = lookup(name, ctx.published)  # 한국서부발전㈜: a known body keeps its kind
        canonical, kind = (entry.canonical, entry.kind) if entry is not None and entry.kind != NOT_AN_ORG \
            else (name, "company")
        out.append({"start": m.start(), "end": e, "canonical": canonical, "kind": kind, "rule": "legal_form"})
    for m in _LEGAL_AFTER.finditer(text):
        entry = lookup(m.group(1), ctx.published)
        canonical, kind = (entry.canonical, entry.kind) if entry is not None and entry.kind != NOT_AN_ORG \
            else (m.group(1), "company")
        out.append({"start": m.start(1), "end": m.end(), "canonical": canonical, "kind": kind, "rule": "legal_form"})
    return out


_ABBR_AFTER = re.compile(r"\s?\((?:[^()\n]{2,80}?,\s*)?([A-Z][A-Z0-9&\-]{1,7}|[A-Z][A-Za-z]{0,3}[A-Z][A-Za-z]{0,3})\)")
_HEREAFTER = re.compile(r"\s?\(\s*이하\s*,?\s*['‘\"“]?([가-힣A-Za-z0-9]{2,12})['’\"”]?\s*\)")
_DEFINED_PAREN = re.compile(r"\(([A-Z][A-Za-z .,&'\-]{3,80}),\s*([A-Z]{2,8})\)")
_DEFINED_NAME = re.compile(
    r"((?:[가-힣]+\s){0,4}[가-힣]*(?:" + "|".join(map(re.escape, WORDS["defined_name_heads"])) + r"))\s?$")


def find_abbreviations(ctx: Context, found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Abbreviations defined in the text, and their later uses."""
    text = ctx.text
    defs: dict[str, dict[str, Any]] = {}
    out = []
    korean: dict[str, dict[str, Any]] = {}
    for f in found:
        m = _ABBR_AFTER.match(text, f["end"])
        if m is not None:
            defs.setdefault(m.group(1), f)
        k = _HEREAFTER.match(text, f["end"])
        if k is not None and k.group(1) != f["canonical"]:
            korean.setdefault(k.group(1), f)
    found_idx = SpanIndex((f["start"], f["end"]) for f in found)
    for pm in _DEFINED_PAREN.finditer(text):
        m = _DEFINED_NAME.search(text, max(0, pm.start() - 60), pm.start())
        if m is None:
            continue
        s, e = m.span(1)
        if found_idx.overlaps(s, e):
            continue
        # keep the trailing words made of nouns only (not 컨벤시아에서 열린 ...)
        words = m.group(1).split()
        keep: list[str] = []
        pos = e
        for w in reversed(words):
            ws = text.rfind(w, s, pos)
            if any(t.tag[0] not in "NSX" for t in ctx.tokens_in(ws, ws + len(w))):
                break
            keep.insert(0, w)
            pos = ws
        if not keep:
            continue
        words, s = keep, pos
        canonical = "".join(words)
        f = {"start": s, "end": e, "canonical": canonical, "kind": "other", "rule": "abbreviation"}
        out.append(f)
        defs.setdefault(pm.group(2), f)
    if korean:
        # 한국광물자원공사(이하 광물공사): later uses of the Korean short name
        for f in found:
            d = korean.get(text[f["start"]:f["end"]])
            if d is not None and d is not f:
                f["canonical"], f["kind"] = d["canonical"], d["kind"]
        taken = SpanIndex((f["start"], f["end"]) for f in found + out)
        kre = re.compile(NOT_IN_WORD_BEFORE + "(" + "|".join(map(re.escape, korean)) + ")")
        for m in kre.finditer(text):
            s, e = m.span(1)
            if taken.covers(s) or text[s - 3:s] == "이하 " or text[s - 4:s] == "이하, ":
                continue
            rest = hangul_rest(text, e)
            if rest and not is_particles(rest) and not starts_with_role(rest):
                continue
            d = korean[m.group(1)]
            out.append({"start": s, "end": e, "canonical": d["canonical"], "kind": d["kind"],
                        "rule": "abbreviation"})
    if not defs:
        return out
    use_re = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(map(re.escape, defs)) + r")(?![A-Za-z0-9])")
    taken = SpanIndex((f["start"], f["end"]) for f in found + out)
    for m in use_re.finditer(text):
        s, e = m.span(1)
        if taken.covers(s):
            continue
        d = defs[m.group(1)]
        out.append({"start": s, "end": e, "canonical": d["canonical"], "kind": d["kind"], "rule": "abbreviation"})
    return out


# -- media named in bylines and datelines --------------------------------------
_BYLINE = re.compile(r"\[\s*([가-힣A-Za-z0-9]{2,12}(?:\s?[A-Za-z0-9]{1,4})?)\s+[가-힣]{2,4}\s*(?:기자|특파원|통신원)\s*\]")
_DATELINE = re.compile(r"[\[(]\s*([가-힣]{2,6})\s*=\s*([가-힣A-Za-z0-9]{2,12})\s*[\])]")
_BY = re.compile(r"(?:^|\n)\s*by\s+([가-힣A-Za-z0-9]{2,12})\s+\d{4}")
_NOT_MEDIA = frozenset(WORDS["not_media"])
#: ``아주경제 홍길동 기자 =``, ``데일리연합(월간) 홍길동 기자 |``, ``머니투데이 더리더 홍길동 기자 입력``: the word
#: before the reporter's name, when the byline closes with ``=``, ``|`` or the ``입력`` stamp, is the outlet
_BYLINE_PLAIN = re.compile(
    r"(?<![가-힣A-Za-z0-9])(?:([가-힣A-Za-z0-9]{2,12}) )?([가-힣A-Za-z][가-힣A-Za-z0-9]{1,11})(?:\([^()\n]{1,30}\))?"
    r" [가-힣]{2,4} ?(?:기자|특파원)(?= ?=| ?\|| 입력)")
#: the closing part every _BYLINE_PLAIN match holds: a literal-first scan, far cheaper than the full one,
#: that skips it on a page without such a byline (most pages)
_BYLINE_PLAIN_HINT = re.compile(r"(?:기자|특파원)(?= ?=| ?\|| 입력)")
#: a desk of an outlet (광주취재본부, 사회부) is not the outlet
_DESK_ENDINGS = WORDS["desk_endings"]


def find_bylines(ctx: Context) -> list[dict[str, Any]]:
    """``[아이뉴스24 김상진 기자]``, ``(서울=뉴시스)``, ``by 광주일보 2020.``: the outlet is a media fact."""
    text = ctx.text
    out: list[dict[str, Any]] = []
    if "기자" not in text and "=" not in text and "by " not in text:
        return out
    for m in _BYLINE_PLAIN.finditer(text) if _BYLINE_PLAIN_HINT.search(text) else ():
        name, s, e = m.group(2), m.start(2), m.end(2)
        if name in _NOT_MEDIA or name in LG.by_form or name.endswith(_DESK_ENDINGS):
            continue
        first = m.group(1)
        entry = lookup(first, ctx.published) if first else None
        if entry is not None and entry.kind == "media":
            # 머니투데이 더리더: a title of a known outlet, named with it
            s = m.start(1)
            name = text[s:e]
        entry = lookup(name, ctx.published)
        canonical, kind = (entry.canonical, entry.kind) if entry is not None else (name, "media")
        out.append({"start": s, "end": e, "canonical": canonical, "kind": kind, "rule": "byline"})
    for rx in (_BYLINE, _DATELINE, _BY):
        g = 2 if rx is _DATELINE else 1
        for m in rx.finditer(text):
            name = m.group(g)
            if name in _NOT_MEDIA or m.group(1) in _NOT_MEDIA or name in LG.by_form:
                continue
            entry = lookup(name, ctx.published)
            canonical, kind = (entry.canonical, entry.kind) if entry is not None else (name, "media")
            out.append({"start": m.start(g), "end": m.end(g), "canonical": canonical, "kind": kind,
                        "rule": "byline"})
    return out
