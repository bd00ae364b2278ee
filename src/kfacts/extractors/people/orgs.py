"""Organizations for the ``org`` field, through the organization extractor.

The organization extractor runs before this one: its facts are in
``ctx.facts["organization"]``, and :mod:`kfacts.extractors.organizations.api`
answers for names that are no fact (``canonical``) and gives the document's
region (``document_region``).
"""

from __future__ import annotations

from typing import Any

from ..base import Context
from ..organizations import api as organizations
from .lexicon import WORDS


def region(ctx: Context) -> str | None:
    """The sido the document is about (``광주광역시``), or None."""
    return organizations.document_region(ctx)


def org_names(ctx: Context) -> dict[str, Any]:
    """Surface text and ``name`` of every organization fact -> the first such fact (built once per page)."""
    return ctx.once(_org_names)


def _org_names(ctx: Context) -> dict[str, Any]:
    names: dict[str, Any] = {}
    for f in ctx.facts.get("organization", ()):
        for n in (f.text, f.fields.get("name")):
            if n is not None and n not in names:
                names[n] = f
    return names


def _surfaces(ctx: Context) -> dict[str, tuple[str, str] | None]:
    """surface -> what :func:`canonicalize` found for it in this document (filled as asked)."""
    return {}


def _governments(ctx: Context) -> dict[str, str | None]:
    """level -> :func:`document_government` of this document (filled as asked)."""
    return {}


def fact_at(ctx: Context, start: int, end: int) -> Any | None:
    """The organization fact spanning exactly ``[start, end)`` (or the longest inside it from ``start``)."""
    best = None
    for f in ctx.facts_in("organization", start, end):
        s, e = f.span
        if s == start and (best is None or e > best.span[1]):
            best = f
    return best


def canonicalize(ctx: Context, surface: str, start: int | None = None) -> tuple[str, str] | None:
    """``(canonical, kind)`` of an organization surface, or None when it names none."""
    surface = surface.strip()
    if not surface:
        return None
    c = ctx.once(_surfaces)
    if surface in c:
        hit = c[surface]
    else:
        hit = organizations.canonical(ctx, surface)
        if hit is None:
            f = org_names(ctx).get(surface)
            if f is not None:
                hit = (f.fields.get("canonical"), f.fields.get("kind"))
        c[surface] = hit
    if hit is None and start is not None:
        f = fact_at(ctx, start, start + len(surface))
        if f is not None and f.span[1] == start + len(surface):
            hit = (f.fields.get("canonical"), f.fields.get("kind"))
    return hit


#: endings of a local government's name at each level a title may need (``광주광역시``, ``동구``)
_LEVEL_SUFFIX = {"city": WORDS["level_city"], "gu": WORDS["level_gu"], "gun": WORDS["level_gun"], "do": WORDS["level_do"]}


def fits_level(canonical: str, kind: str | None, level: str | None) -> bool:
    """Does a local government (``광주광역시 동구``) have the level a title needs (``gu``)?

    >>> fits_level("광주광역시 동구", "local_government", "gu")
    True
    >>> fits_level("광주광역시", "local_government", "gu")
    False
    """
    if level is None:
        return True
    if kind not in (None, "local_government"):
        return False
    last = canonical.split()[-1]
    return last.endswith(_LEVEL_SUFFIX[level])


def document_government(ctx: Context, level: str) -> str | None:
    """The local government of ``level`` the document is about: its most frequent one, else the region."""
    c = ctx.once(_governments)
    if level in c:
        return c[level]
    counts: dict[str, int] = {}
    for (can, kind), n in organizations.mentions(ctx).items():
        if kind == "local_government" and fits_level(can, "local_government", level):
            counts[can] = counts.get(can, 0) + n
    best = max(counts, key=lambda k: (counts[k], -len(k))) if counts else None
    if best is None:
        r = region(ctx)
        if r and fits_level(r, "local_government", level):
            best = r
    c[level] = best
    return best


def document_company(ctx: Context) -> str | None:
    """The company or public agency a page is clearly about: named 3+ times, twice as often as any other."""
    return ctx.once(_document_company)


def _document_company(ctx: Context) -> str | None:
    counts: dict[str, int] = {}
    for (can, kind), n in organizations.mentions(ctx).items():
        if kind in ("company", "public_agency"):
            counts[can] = counts.get(can, 0) + n
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return None
