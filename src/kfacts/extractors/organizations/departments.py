"""Departments of the local government a page is about (rule ``department``).

SPEC: a local government's departments and offices are ``local_government``
facts, named with the government (``경상북도 안전정책과``). A word ending in
과 is also a noun plus the particle 과 (``성과``, ``혁신과 성장``), so a
department is read only where the text speaks of departments: after the
word ``부서`` in the same sentence (``부서 표창은 A과와 B과``), or in a list
counted as 실·과 or 부서 (``A과, B담당관 등 16개 실·과``).
"""

from __future__ import annotations

import re
from typing import Any

from ..base import Context
from .lexicon import WORDS
from .patterns import hangul_rest, is_particles
from .regions import LG, document_region, unit_name

_DEPT = re.compile(r"(?<![가-힣])([가-힣]{2,12}(?:과|담당관|관실))(?=[가-힣]{0,3}(?:[\s·ㆍ,]|$))")
#: words ending in 과 that are common nouns, not departments
_NOT_DEPT = WORDS["not_departments"]
_ANCHOR = re.compile(r"부서")
_COUNTED = re.compile(r"등\s?\d+\s?개\s?(?:실·과|실과|실·국|부서|과)")
_SENT_END = re.compile(r"다\.|\.\s|\n")


def _items(text: str, s: int, e: int) -> list[tuple[int, int]]:
    out = []
    for m in _DEPT.finditer(text, s, e):
        w = m.group(1)
        a, b = m.span(1)
        rest = hangul_rest(text, b)
        if w.endswith("과") and rest and not is_particles(rest):
            continue
        if w.endswith("과") and (w.endswith(_NOT_DEPT) or len(w) < 4):
            continue
        if w.endswith("과") and rest == "" and text[b:b + 1] == " " and not _COUNTED.match(text, b + 1) \
                and not re.match(r"\s?[·ㆍ,]", text[b:b + 2]):
            # 문화예술과 관광: a noun and the particle 과 before the next word
            if not re.match(r" (?:등|[가-힣]{2,12}(?:과|담당관))", text[b:b + 16]):
                continue
        out.append((a, b))
    return out


def find_departments(ctx: Context) -> list[dict[str, Any]]:
    text = ctx.text
    out: list[dict[str, Any]] = []
    if "부서" not in text and "실·과" not in text and "실과" not in text:
        return out
    region = document_region(ctx)
    unit = LG.by_name.get(region) if region else None
    if unit is None:
        return out
    gov = unit_name(unit, ctx.published)
    spans: set[tuple[int, int]] = set()
    for m in _ANCHOR.finditer(text):
        end = _SENT_END.search(text, m.end(), m.end() + 200)
        spans.update(_items(text, m.end(), end.start() if end else min(len(text), m.end() + 200)))
    for m in _COUNTED.finditer(text):
        start = max(0, m.start() - 120)
        sent = list(_SENT_END.finditer(text, start, m.start()))
        if sent:
            start = sent[-1].end()
        spans.update(_items(text, start, m.start()))
    for a, b in sorted(spans):
        out.append({"start": a, "end": b, "canonical": f"{gov} {text[a:b]}", "kind": "local_government",
                    "rule": "department"})
    return out
