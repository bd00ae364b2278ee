"""Running examples: shared by the pytest plugin and ``kfacts test-pack``."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..api import Extractor
from ..examples import Example, check_example
from .pack import check_packs, load_pack

_lock = threading.Lock()
_extractors: dict[tuple[str, ...], Any] = {}


def shared_extractor(packs: Sequence[Any] = ()) -> Any:
    """One :class:`kfacts.Extractor` per set of packs, sharing one Kiwi where possible.

    Packs that add Kiwi user words get a Kiwi of their own.
    """
    key = tuple(str(getattr(p, "path", p)) for p in packs)
    with _lock:
        ex = _extractors.get(key)
        if ex is None:
            if not key:
                ex = Extractor()
            else:
                check_packs(packs)
                base = _extractors.get(())
                if base is None:
                    base = _extractors[()] = Extractor()
                if any(getattr(p, "user_words", ()) for p in packs):
                    ex = Extractor(packs=list(packs))
                else:
                    ex = Extractor(packs=list(packs), kiwi=base.analyzer.kiwi)
            _extractors[key] = ex
    return ex


@dataclass
class Outcome:
    example: Example
    status: str  # "pass" | "fail" | "xfail" | "xpass"
    problems: list[str] = field(default_factory=list)
    report: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("pass", "xfail")


def _fmt_value(v: Any) -> str:
    return repr(v)


def show_fact(f: Any, keys: Iterable[str] | None = None) -> str:
    items = f.fields.items() if keys is None else ((k, f.fields.get(k)) for k in keys)
    fields = " ".join(f"{k}={_fmt_value(v)}" for k, v in items)
    return f"{f.type} {f.text!r} [{f.span[0]}:{f.span[1]}] {fields} (rule {f.rule})".replace("  ", " ")


def show_expected(x: dict[str, Any]) -> str:
    span = f" [{x['span'][0]}:{x['span'][1]}]" if "span" in x else ""
    text = f" {x['text']!r}" if "text" in x else ""
    rest = " ".join(f"{k}={_fmt_value(v)}" for k, v in x.items() if k not in ("type", "text", "span"))
    return f"{x['type']}{text}{span} {rest}".rstrip()


def _actual(f: Any, key: str) -> Any:
    if key == "text":
        return f.text
    if key == "span":
        return [f.span[0], f.span[1]]
    if key == "rule":
        return f.rule
    if key == "null":
        return [n for n in f.fields if f.fields.get(n) is None]
    return f.fields.get(key)


def field_diff(x: dict[str, Any], f: Any) -> list[str]:
    """``key: expected A, found B`` for every key of ``x`` where ``f`` differs."""
    out = []
    for k, v in x.items():
        if k == "type":
            continue
        a = _actual(f, k)
        if k == "null":
            not_null = [n for n in v if f.fields.get(n) is not None]
            if not_null:
                out.append(f"null: expected {not_null} to be null, found " + ", ".join(f"{n}={_fmt_value(f.fields.get(n))}" for n in not_null))
            continue
        if (list(a) if isinstance(a, tuple) else a) != (list(v) if isinstance(v, tuple) else v):
            out.append(f"{k}: expected {_fmt_value(v)}, found {_fmt_value(a)}")
    return out


def failure_report(extractor: Any, ex: Example, problems: Sequence[str]) -> str:
    """A readable diff between what the example expects and what was found."""
    doc = extractor(ex.text, published=ex.published)
    got = [f for f in doc.facts if f.type in ex.types]
    lines = [f"example {ex.origin}: {ex.text!r}" + (f" (published {ex.published})" if ex.published else "")]
    if ex.note:
        lines.append(f"  note: {ex.note}")
    lines.append(f"  checked types: {', '.join(ex.types)}" + (f"; rule {ex.rule}" if ex.rule else ""))
    lines.append(f"  expected ({len(ex.expect)}):" + ("" if ex.expect else " nothing (negative example)"))
    for x in ex.expect:
        x2 = dict(x)
        if ex.rule and "rule" not in x2:
            x2["rule"] = ex.rule
        lines.append(f"    - {show_expected(x2)}")
        same = [f for f in got if f.type == x2["type"]]
        if same:
            closest = min(same, key=lambda f: len(field_diff(x2, f)))
            diff = field_diff(x2, closest)
            if diff:
                lines.append(f"        closest found {closest.text!r} [{closest.span[0]}:{closest.span[1]}] differs:")
                lines.extend(f"          {d}" for d in diff)
    lines.append(f"  found ({len(got)}):" + ("" if got else " nothing"))
    for f in got:
        lines.append(f"    + {show_fact(f)}")
    lines.append("  problems:")
    lines.extend(f"    {p}" for p in problems)
    return "\n".join(lines)


def run_example(extractor: Any, ex: Example) -> Outcome:
    problems = check_example(extractor, ex)
    if ex.xfail:
        if problems:
            return Outcome(ex, "xfail", problems)
        return Outcome(ex, "xpass", [f"XPASS(strict): marked xfail ({ex.xfail}) but passes"],
                       f"example {ex.origin}: {ex.text!r}\n  marked xfail ({ex.xfail}) but passes: remove the xfail")
    if problems:
        return Outcome(ex, "fail", problems, failure_report(extractor, ex, problems))
    return Outcome(ex, "pass")


def example_ids(examples: Sequence[Example], with_rule: bool = True) -> list[str]:
    """Readable, unique ids: ``<rule id>|<kind>:<text>`` (``<kind>:<text>`` for pack-wide examples).

    ``kind`` is the expected types joined by ``+``, or ``neg``; a repeated id gets ``#2``, ``#3``...
    """
    ids: list[str] = []
    seen: dict[str, int] = {}
    for ex in examples:
        base = ex.test_id
        # pack examples have origins "<file>:<rule id>#<n>" or "<file>:examples#<n>"
        scope = ex.origin.split(":", 1)[1].rsplit("#", 1)[0] if with_rule and ":" in ex.origin else None
        name = f"{scope}|{base}" if scope and scope != "examples" else base
        name = name.replace("::", ":")
        n = seen.get(name, 0) + 1
        seen[name] = n
        ids.append(name if n == 1 else f"{name} #{n}")
    return ids


def cli_test_pack(args: Any) -> int:
    """``kfacts test-pack PACK.toml...``: run every example, print one line each."""
    failed = total = 0
    for path in args.packs:
        pack = load_pack(path)
        ex = shared_extractor([pack])
        print(f"{pack.path}: pack {pack.name} {pack.version}, {len(pack.rules)} rule(s), {len(pack.examples)} example(s)")
        for ex_id, example in zip(example_ids(pack.examples), pack.examples):
            total += 1
            out = run_example(ex, example)
            print(f"  {out.status.upper():<6} {ex_id}")
            if not out.ok:
                failed += 1
                for line in (out.report or "\n".join(out.problems)).splitlines():
                    print(f"         {line}")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0
