"""Lexicon data of the organization extractor: loading and dated resolution.

Two formats, one loader each:

* ``local_governments.tsv``: ``code level name parent short_forms valid_from
  valid_to successor`` (one row per administrative unit, former units kept
  with ``valid_to`` and, where one unit took over, its ``successor`` code);
* ``organizations*.tsv``: ``canonical kind aliases valid_from valid_to`` (one
  row per organization name in force over a period; ``aliases`` is a
  comma-separated list of the surface forms news use for it).

Dates are inclusive ISO dates; an empty field is open. Lines starting with
``#`` are comments.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ...fact import ORG_KINDS
from ..wordlists import read_lists, read_tsv

WORDS = read_lists(Path(__file__).parent / "words.tsv")

HERE = Path(__file__).parent

#: kind used in organizations*.tsv for a name that is *not* an organization
#: over its period (청와대 after the presidential office moved, 2022-05-10)
NOT_AN_ORG = "none"


def _date(s: str) -> _dt.date | None:
    s = s.strip()
    return _dt.date.fromisoformat(s) if s else None


#: the header row of each kind of lexicon file here (checked by the reader)
LOCAL_COLUMNS = ("code", "level", "name", "parent", "short_forms", "valid_from", "valid_to", "successor")
ORG_COLUMNS = ("canonical", "kind", "aliases", "valid_from", "valid_to")
SENSE_COLUMNS = ("rule", "alias", "evidence", "canonical", "kind")
COMPANY_WORD_COLUMNS = ("rule", "words")


def read_rows(path: Path, header: Sequence[str], unique: bool = False) -> list[list[str]]:
    """The rows of one of this folder's TSV files under its ``header`` (:func:`read_tsv`: a wrong
    or missing header, or with ``unique`` a key written twice, is a ``KF902`` error). An
    organization may have several rows (one per period of validity), hence ``unique`` off."""
    return read_tsv(path, header=header, unique=unique)


@dataclass
class Unit:
    """One local government (a row of ``local_governments.tsv``)."""

    code: str
    level: str  # sido | sigungu | gu_in_city
    name: str
    parent: str
    forms: tuple[str, ...]
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None
    successor: str = ""
    sido: str = ""  # the top-level sido's current name

    def valid_at(self, d: _dt.date | None) -> bool:
        if d is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_to is None or d <= self.valid_to)


@dataclass
class LocalGovernments:
    units: dict[str, Unit] = field(default_factory=dict)
    by_name: dict[str, Unit] = field(default_factory=dict)
    #: surface form (full name, bare name, stem, short form) -> units
    by_form: dict[str, list[Unit]] = field(default_factory=dict)
    #: current sido name -> [(former name, valid_to)] (강원특별자치도 -> 강원도 until 2023-06-10)
    former_sido: dict[str, list[tuple[str, _dt.date]]] = field(default_factory=dict)

    def at(self, unit: Unit, d: _dt.date | None) -> Unit:
        """The unit in force at ``d`` for a mention of ``unit`` (follows successors)."""
        seen = 0
        while d is not None and unit.valid_to is not None and d > unit.valid_to and unit.successor and seen < 5:
            unit = self.units[unit.successor]
            seen += 1
        if d is None:
            while unit.valid_to is not None and unit.successor and seen < 5:
                unit = self.units[unit.successor]
                seen += 1
        return unit

    def name_at(self, unit: Unit, d: _dt.date | None) -> str:
        """The official name of ``unit`` at ``d`` (sido renames applied to its children)."""
        name = unit.name
        if d is None or unit.level == "sido":
            return name
        top = name.split(" ", 1)[0]
        for former, until in self.former_sido.get(top, ()):
            if d <= until:
                return former + name[len(top):]
        return name


def load_local_governments(path: Path | None = None) -> LocalGovernments:
    lg = LocalGovernments()
    for r in read_rows(path or HERE / "local_governments.tsv", LOCAL_COLUMNS, unique=True):
        r = r + [""] * (8 - len(r))
        code, level, name, parent, short, vf, vt, succ = (x.strip() for x in r[:8])
        forms = [name] + [s.strip() for s in short.split(",") if s.strip()]
        u = Unit(code, level, name, parent, tuple(dict.fromkeys(forms)), _date(vf), _date(vt), succ)
        lg.units[code] = u
    for u in lg.units.values():
        if u.level == "sido" or u.name not in lg.by_name or u.valid_to is None:
            lg.by_name[u.name] = u
    for u in lg.units.values():
        u.sido = u.name if u.level == "sido" else u.name.split(" ", 1)[0]
        for f in u.forms:
            lg.by_form.setdefault(f, []).append(u)
        if u.level == "sido" and u.successor:
            succ = lg.units[u.successor]
            lg.former_sido.setdefault(succ.name, []).append((u.name, u.valid_to))
    return lg


@dataclass(frozen=True)
class OrgEntry:
    canonical: str
    kind: str
    aliases: tuple[str, ...]
    valid_from: _dt.date | None = None
    valid_to: _dt.date | None = None

    def valid_at(self, d: _dt.date | None) -> bool:
        if d is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_to is None or d <= self.valid_to)

    def distance(self, d: _dt.date) -> int:
        """Days between ``d`` and this entry's period (0 inside it)."""
        if self.valid_from and d < self.valid_from:
            return (self.valid_from - d).days
        if self.valid_to and d > self.valid_to:
            return (d - self.valid_to).days
        return 0


def load_organizations(paths: list[Path] | None = None) -> list[OrgEntry]:
    """Read every ``organizations*.tsv`` beside this module."""
    out: list[OrgEntry] = []
    for p in paths or sorted(HERE.glob("organizations*.tsv")):
        for i, r in enumerate(read_rows(p, ORG_COLUMNS), 1):
            r = r + [""] * (5 - len(r))
            canonical, kind, aliases, vf, vt = (x.strip() for x in r[:5])
            if kind not in ORG_KINDS and kind != NOT_AN_ORG:
                raise ValueError(f"{p.name}: row {i}: unknown kind {kind!r}")
            names = [canonical] + [a.strip() for a in aliases.split(",") if a.strip()]
            out.append(OrgEntry(canonical, kind, tuple(dict.fromkeys(names)), _date(vf), _date(vt)))
    return out


def pick_dated(entries: list[OrgEntry], d: _dt.date | None) -> OrgEntry | None:
    """The entry in force at ``d``; else the one whose period is nearest to ``d``.

    Without a date, the entry in force today (open ``valid_to``) wins.
    """
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0]
    if d is None:
        cur = [e for e in entries if e.valid_to is None]
        return (cur or entries)[0]
    inside = [e for e in entries if e.valid_at(d)]
    if inside:
        return inside[0]
    return min(entries, key=lambda e: e.distance(d))


# -- the lexicons, loaded once ----------------------------------------------------

#: every organization entry of ``organizations*.tsv``
ENTRIES: list[OrgEntry] = load_organizations()
#: alias with spaces removed -> entries
BY_ALIAS: dict[str, list[OrgEntry]] = {}
for _e in ENTRIES:
    for _a in _e.aliases:
        BY_ALIAS.setdefault(_a.replace(" ", ""), []).append(_e)
#: every alias as written, longest first
ALIASES = sorted({a for e in ENTRIES for a in e.aliases}, key=len, reverse=True)

#: the local governments of ``local_governments.tsv``
LG = load_local_governments()

#: stems that are also common words (화성 Mars, 세종 the king, 진도 progress, 구리 copper...):
#: such a region is only recognized with its suffix (화성시, 진도군)
COMMON_WORD_STEMS = frozenset(
    "화성 세종 동해 남해 상주 장수 진도 정선 인제 성주 영주 고령 부여 예산 영광 보은 음성 공주 구미 이천 오산 "
    "완주 강진 무안 장성 신안 광명 용인 고양 구리 진주 양산 태백 성남 하동 청도 금산 의성 거창".split())
for _f in COMMON_WORD_STEMS:
    LG.by_form.pop(_f, None)
#: every local-government form a name may be written in (the common-word stems left out), longest first
REGION_FORMS = sorted(LG.by_form, key=lambda f: (-len(f), f))
