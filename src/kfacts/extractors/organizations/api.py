"""What the people and awards extractors ask of the organization extractor (which runs before them).

Both read the organization facts in ``ctx.facts["organization"]``; for a name that is no fact they ask
:func:`canonical`, for the document's region :func:`document_region`, and for how often the document
names each organization :func:`mentions` (counted once per document: the main local government or
company each extractor infers is a choice over these counts). Nothing here guesses or swallows
errors: a failure is a bug to see.
"""

from __future__ import annotations

import datetime as _dt

from ..base import Context
from .canonical import canonicalize
from .regions import document_region

__all__ = ["canonical", "document_region", "mentions"]

#: canonicalize is a pure function of (surface, published, region): its answers are shared across documents
_ANSWERS: dict[tuple[str, _dt.date | None, str | None], tuple[str, str] | None] = {}
_MAX_ANSWERS = 50_000


def canonical(ctx: Context, surface: str) -> tuple[str, str] | None:
    """``(canonical, kind)`` of an organization name as written in this document (its date, its region),
    or None when the name is no organization the extractor knows.

    >>> ctx = Context("광주 동구는 상을 받았다.", None, [], [], [])
    >>> canonical(ctx, "동구")
    ('광주광역시 동구', 'local_government')
    """
    key = (surface, ctx.published, document_region(ctx))
    if key in _ANSWERS:
        return _ANSWERS[key]
    got = canonicalize(surface, ctx.published, key[2])
    if len(_ANSWERS) > _MAX_ANSWERS:
        _ANSWERS.clear()
    _ANSWERS[key] = got
    return got


def mentions(ctx: Context) -> dict[tuple[str, str | None], int]:
    """``(canonical, kind)`` -> how many organization facts of the document name it, in the order of
    first mention (computed once per document).

    >>> ctx = Context("", None, [], [], [])
    >>> ctx.facts["organization"] = [ctx.fact("organization", 0, 0, rule="r", canonical=c, kind="company")
    ...                              for c in ("가전자", "나상사", "가전자")]
    >>> mentions(ctx)
    {('가전자', 'company'): 2, ('나상사', 'company'): 1}
    """
    return ctx.once(_mentions)


def _mentions(ctx: Context) -> dict[tuple[str, str | None], int]:
    out: dict[tuple[str, str | None], int] = {}
    for f in ctx.facts.get("organization", ()):
        key = (f.fields.get("canonical") or f.text, f.fields.get("kind"))
        out[key] = out.get(key, 0) + 1
    return out
