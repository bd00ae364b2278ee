"""One example format and one strict checker, for built-in rules and rule packs.

An example table is a TOML file with ``[[examples]]`` entries::

    [[examples]]
    text = "총 50억 규모의 펀드를 운용한다."       # the input (a phrase or a full sentence)
    published = "2024-08-13"                       # optional
    types = ["money"]                              # fact types checked (default: those in expect)
    rule = "money.implicit_won"                    # optional: every expected fact comes from this rule
    expect = [{ type = "money", text = "50억", value = 5000000000, currency = "KRW", approx = false }]
    note = "won implied by 펀드"                    # optional, shown in the test id
    source = "authored"                            # optional: authored | dev | seeds | bug | duckling
    xfail = "reason"                               # optional: a known gap, run as strict xfail

``expect = []`` makes a *negative* example: no fact of the checked types may
be found. An expected fact may give ``span = [start, end]`` (a span example)
and any SPEC fields; fields it does not give are not checked. TOML has no
null, so ``null = ["value", "part"]`` lists the fields that must be null. The check is
strict: every expected fact must be found once, and no other fact of the
checked types may be found.

A file may also hold a top-level ``type = "money"`` used as the default for
``types`` and for each expected fact's ``type``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

_EXAMPLE_KEYS = {"text", "published", "types", "rule", "expect", "note", "source", "xfail", "id"}


@dataclass
class Example:
    text: str
    expect: list[dict[str, Any]]
    types: list[str]
    published: str | None = None
    rule: str | None = None
    note: str | None = None
    source: str | None = None
    xfail: str | None = None
    origin: str = ""  # "file.toml#3"
    id: str | None = None

    @property
    def test_id(self) -> str:
        if self.id:
            return self.id
        t = self.text.replace("\n", " ")
        if len(t) > 40:
            t = t[:39] + "…"
        kind = "neg" if not self.expect else "+".join(sorted({e.get("type", "?") for e in self.expect}))
        return f"{kind}:{t}"


class ExampleFormatError(ValueError):
    pass


def parse_examples(data: dict[str, Any], origin: str, default_type: str | None = None) -> list[Example]:
    default_type = data.get("type", default_type)
    raw = data.get("examples", [])
    if not isinstance(raw, list):
        raise ExampleFormatError(f"{origin}: 'examples' must be an array of tables")
    out = []
    for i, e in enumerate(raw, 1):
        where = f"{origin}#{i}"
        if not isinstance(e, dict):
            raise ExampleFormatError(f"{where}: an example must be a table")
        unknown = set(e) - _EXAMPLE_KEYS
        if unknown:
            raise ExampleFormatError(f"{where}: unknown field(s) {sorted(unknown)}")
        if not isinstance(e.get("text"), str):
            raise ExampleFormatError(f"{where}: 'text' (a string) is required")
        expect = e.get("expect", [])
        if not isinstance(expect, list) or not all(isinstance(x, dict) for x in expect):
            raise ExampleFormatError(f"{where}: 'expect' must be an array of tables")
        expect = [dict(x) for x in expect]
        for x in expect:
            if "type" not in x:
                if default_type is None:
                    raise ExampleFormatError(f"{where}: expected fact without 'type'")
                x["type"] = default_type
            if "null" in x and not (isinstance(x["null"], list) and all(isinstance(n, str) for n in x["null"])):
                raise ExampleFormatError(f"{where}: 'null' must be a list of field names")
            if "span" in x:
                s, en = x["span"]
                if "text" in x and e["text"][s:en] != x["text"]:
                    raise ExampleFormatError(f"{where}: span {x['span']} is {e['text'][s:en]!r}, not {x['text']!r}")
        types = e.get("types")
        if types is None:
            types = sorted({x["type"] for x in expect}) or ([default_type] if default_type else [])
        if not types:
            raise ExampleFormatError(f"{where}: a negative example needs 'types' (or a file-level 'type')")
        out.append(Example(text=e["text"], expect=expect, types=list(types), published=e.get("published"),
                           rule=e.get("rule"), note=e.get("note"), source=e.get("source"), xfail=e.get("xfail"),
                           origin=where, id=e.get("id")))
    return out


def load_examples(path: str | Path, default_type: str | None = None) -> list[Example]:
    """Read an example table (TOML)."""
    path = Path(path)
    with path.open("rb") as fh:
        try:
            data = tomllib.load(fh)
        except tomllib.TOMLDecodeError as e:
            raise ExampleFormatError(f"{path}: invalid TOML: {e}") from None
    return parse_examples(data, str(path), default_type)


def builtin_example_files() -> list[Path]:
    """Every example table of the fact types' folders (the built-in ones and any in ``KFACTS_TYPE_PATH``)."""
    from .registry import TYPES

    return sorted({p for t in TYPES.values() for p in t.folder.glob("**/examples*.toml")})


def builtin_examples() -> list[Example]:
    out: list[Example] = []
    for p in builtin_example_files():
        out.extend(load_examples(p))
    return out


def _matches(exp: dict[str, Any], fact: Any) -> bool:
    if exp.get("type") != fact.type:
        return False
    for k, v in exp.items():
        if k == "type":
            continue
        if k == "text":
            if fact.text != v:
                return False
        elif k == "span":
            if list(fact.span) != list(v):
                return False
        elif k == "rule":
            if fact.rule != v:
                return False
        elif k == "null":
            if any(fact.fields.get(n) is not None for n in v):
                return False
        else:
            if fact.fields.get(k) != v:
                return False
    return True


def _show(fact: Any) -> str:
    fields = {k: v for k, v in fact.fields.items()}
    return f"{fact.type} {fact.text!r} {list(fact.span)} {fields} (rule {fact.rule})"


def check_example(extractor: Any, ex: Example) -> list[str]:
    """Run one example; return the problems found (empty: it passes)."""
    doc = extractor(ex.text, published=ex.published)
    problems: list[str] = []
    for f in doc.facts:
        if ex.text[f.span[0]:f.span[1]] != f.text:
            problems.append(f"span error: {_show(f)}")
    got = [f for f in doc.facts if f.type in ex.types]
    unmatched = list(got)
    for exp in ex.expect:
        exp2 = dict(exp)
        if ex.rule and "rule" not in exp2:
            exp2["rule"] = ex.rule
        hit = next((f for f in unmatched if _matches(exp2, f)), None)
        if hit is None:
            near = [f for f in unmatched if f.type == exp2["type"] and f.text == exp2.get("text", f.text)]
            hint = f"; closest: {_show(near[0])}" if near else ""
            problems.append(f"missing: {exp2}{hint}")
        else:
            unmatched.remove(hit)
    for f in unmatched:
        problems.append(f"unexpected: {_show(f)}")
    return problems
