"""Small helpers to write gold annotations for the kfacts corpus.

Annotations are written as Python data in ``build_gold.py``; this module
turns them into SPEC section 3 gold records. Spans are never typed by hand:
each fact names its surface ``text`` and, where the first occurrence in the
article zone is not the one meant, an ``at`` anchor (a longer, unique piece
of the page that contains ``text``). The span is computed from the page.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: where kfacts declares its fact types (one ``type.toml`` per type folder); read here
#: with the standard library, so the corpus tools run without kfacts installed
TYPE_FOLDERS = Path(__file__).resolve().parents[2] / "src" / "kfacts" / "extractors"


def declared_types() -> list[dict[str, Any]]:
    """The ``[[types]]`` table of each built-in type's ``type.toml``, in SPEC order."""
    tables = [tomllib.loads(p.read_text(encoding="utf-8"))["types"][0] for p in TYPE_FOLDERS.glob("*/type.toml")]
    return sorted(tables, key=lambda t: t["position"])


#: SPEC section 2: the fields of each fact type, in SPEC order.
FIELDS: dict[str, tuple[str, ...]] = {t["name"]: tuple(t["fields"]) for t in declared_types()}

#: SPEC section 4: the key field of each type (gold lists each key once).
KEY: dict[str, str] = {t["name"]: t["key"] for t in declared_types()}


@dataclass
class F:
    """One fact to annotate: its type, surface text, fields and anchor."""

    type: str
    text: str
    fields: dict[str, Any]
    at: str | None = None


def granularity(value: str) -> str:
    """Granularity implied by an ISO-like date value.

    >>> [granularity(v) for v in ("2024", "2024-08", "2024-08-01", "2024-Q3", "2024-H1")]
    ['year', 'month', 'day', 'quarter', 'half']
    """
    if re.fullmatch(r"\d{4}", value):
        return "year"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-Q[1-4]", value):
        return "quarter"
    if re.fullmatch(r"\d{4}-H[12]", value):
        return "half"
    raise ValueError(f"not a date value: {value!r}")


def O(text: str, canonical: str, kind: str, at: str | None = None, name: str | None = None) -> F:
    return F("organization", text, {"name": name or text, "canonical": canonical, "kind": kind}, at)


def P(text: str, title: str | None, org: str | None, at: str | None = None) -> F:
    return F("person", text, {"name": text, "title": title, "org": org}, at)


def A(text: str, recipient: str, award: str, event: str | None, organizer: str | None, year: int | None,
      prize: str | None = None, honor: str | None = None, category: str | None = None,
      at: str | None = None) -> F:
    return F("award", text, {"award": award, "prize": prize or text, "honor": honor, "recipient": recipient,
                             "event": event, "organizer": organizer, "category": category, "year": year}, at)


def M(text: str, value: int, approx: bool = False, currency: str = "KRW", at: str | None = None) -> F:
    return F("money", text, {"value": value, "currency": currency, "approx": approx}, at)


def J(text: str, value: int, approx: bool = False, qualifier: str | None = None, at: str | None = None) -> F:
    return F("jobs", text, {"value": value, "approx": approx, "qualifier": qualifier}, at)


def D(text: str, value: str | None, relative: bool, part: str | None = None, at: str | None = None,
      gran: str | None = None) -> F:
    g = gran or granularity(value)  # type: ignore[arg-type]
    return F("date", text, {"value": value, "granularity": g, "relative": relative, "part": part}, at)


@dataclass
class Doc:
    id: str
    source: str
    published: str | None
    #: article zones as (first line of the zone, text just after the zone)
    zones: list[tuple[str, str]]
    facts: list[F] = field(default_factory=list)


def zone_ranges(page: str, zones: list[tuple[str, str]]) -> list[tuple[int, int]]:
    out = []
    for start_marker, end_marker in zones:
        assert page.count(start_marker) >= 1, f"zone start {start_marker!r} not in page"
        s = page.index(start_marker)
        e = page.index(end_marker, s) if end_marker else len(page)
        out.append((s, e))
    return out


def locate(page: str, zr: list[tuple[int, int]], f: F) -> tuple[int, int]:
    """Span of fact ``f`` in ``page``: in its ``at`` anchor, else first occurrence in a zone."""
    if f.at is not None:
        n = page.count(f.at)
        assert n == 1, f"anchor {f.at!r} occurs {n} times"
        a = page.index(f.at)
        assert f.text in f.at, f"{f.text!r} not in anchor {f.at!r}"
        s = a + f.at.index(f.text)
    else:
        s = -1
        for zs, ze in zr:
            i = page.find(f.text, zs, ze)
            if i != -1 and i + len(f.text) <= ze:
                s = i
                break
        assert s != -1, f"{f.text!r} not found in article zones"
    e = s + len(f.text)
    assert any(zs <= s and e <= ze for zs, ze in zr), f"{f.text!r} at {s} is outside the article zones"
    return s, e


def record(doc: Doc, page: str) -> dict[str, Any]:
    zr = zone_ranges(page, doc.zones)
    facts = []
    seen: set[tuple[Any, ...]] = set()
    for f in doc.facts:
        key: tuple[Any, ...] = (f.type, f.fields[KEY[f.type]])
        if f.type == "award":
            key += (f.fields["event"],)
        assert key not in seen, f"{doc.id}: duplicate fact {key}"
        seen.add(key)
        s, e = locate(page, zr, f)
        out = {"type": f.type}
        out.update({k: f.fields[k] for k in FIELDS[f.type]})
        out["text"] = f.text
        out["span"] = [s, e]
        facts.append(out)
    facts.sort(key=lambda x: (x["span"][0], x["span"][1]))
    return {"id": doc.id, "source": doc.source, "published": doc.published, "facts": facts}
