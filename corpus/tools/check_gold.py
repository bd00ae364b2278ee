"""Check a gold JSONL file against SPEC section 3 (format) and section 2 (fields).

Usage: ``python corpus/tools/check_gold.py [GOLD] [--root DIR]`` (defaults:
``corpus/gold.jsonl``, root = the gold file's folder). Exit status 0 when
every check passes, 1 otherwise; every problem is printed with its record
id and fact index.

Checks: each record has ``id`` (unique), ``source`` (a file under the root)
or ``text``, ``published`` (ISO date or null) and ``facts``; each fact has
exactly ``type``, ``text``, ``span`` and the SPEC fields of its type; every
span is exact (``page[start:end] == text``); value rules (kinds, the closed
award list, integer money and job values, ISO date values matching their
granularity, booleans); each key is listed once per document (awards: once
per recipient and event); a person's ``org`` and an award's ``organizer``
and organization ``recipient`` name an organization fact of the same
document, and page lengths are within the corpus's targets (these two
corpus conventions are skipped with ``--spec-only``).
This script is standalone (standard library only) so it runs without kfacts
installed; the fields, keys and kinds are read from the types' declarations
(``src/kfacts/extractors/<type>/type.toml``, by ``annotate.py``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annotate import FIELDS, KEY, declared_types  # noqa: E402

KINDS = set(next(t for t in declared_types() if t["name"] == "organization")["enums"]["kind"])
#: SPEC's closed list of award levels and honors
AWARD_LEVELS = {"대상", "최우수", "우수", "장려", "특별", "금상", "은상", "동상", "최고등급", "표창",
                "대통령상", "대통령 표창", "국무총리상", "국무총리 표창", "장관상", "장관 표창"}
HONORS = {"대통령상", "대통령 표창", "국무총리상", "국무총리 표창", "장관상", "장관 표창"}
GRANULARITY = {
    "year": r"\d{4}",
    "month": r"\d{4}-(0[1-9]|1[0-2])",
    "day": r"\d{4}-\d{2}-\d{2}",
    "quarter": r"\d{4}-Q[1-4]",
    "half": r"\d{4}-H[12]",
}
PARTS = {None, "early", "mid", "late"}


def _opt_str(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == v and v != "")


def check_fact(f: Any, page: str, closed_awards: bool = True) -> list[str]:
    """Problems with one fact; ``closed_awards=False`` also accepts a named
    prize as ``award`` (SPEC: ``노벨화학상`` keeps its name)."""
    errs: list[str] = []
    if not isinstance(f, dict):
        return ["fact is not an object"]
    t = f.get("type")
    if t not in FIELDS:
        return [f"unknown type {t!r}"]
    want = {"type", "text", "span", *FIELDS[t]}
    have = set(f)
    if want - have:
        errs.append(f"missing fields {sorted(want - have)}")
    if have - want:
        errs.append(f"fields not in SPEC for {t}: {sorted(have - want)}")
    text, span = f.get("text"), f.get("span")
    if not isinstance(text, str) or not text or text != text.strip():
        errs.append(f"bad text {text!r}")
    if not (isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span)
            and 0 <= span[0] < span[1] <= len(page)):
        errs.append(f"bad span {span!r}")
    elif page[span[0]:span[1]] != text:
        errs.append(f"span {span} gives {page[span[0]:span[1]]!r}, not {text!r}")
    g = f.get
    if t == "organization":
        for k in ("name", "canonical"):
            if not isinstance(g(k), str) or not g(k):
                errs.append(f"{k} must be a non-empty string")
        if g("kind") not in KINDS:
            errs.append(f"kind {g('kind')!r} not in SPEC's list")
    elif t == "person":
        if not isinstance(g("name"), str) or not g("name"):
            errs.append("name must be a non-empty string")
        for k in ("title", "org"):
            if not _opt_str(g(k)):
                errs.append(f"{k} must be a string or null")
    elif t == "award":
        named_prize = (not closed_awards and isinstance(g("award"), str) and g("award").endswith("상")
                       and g("honor") is None)
        if g("award") not in AWARD_LEVELS and not named_prize:
            errs.append(f"award {g('award')!r} not in SPEC's closed list")
        if g("honor") is not None and g("honor") not in HONORS:
            errs.append(f"honor {g('honor')!r} is not an honor")
        if g("honor") is not None and g("award") in HONORS:
            errs.append("honor is set but award is itself an honor")
        if not isinstance(g("recipient"), str) or not g("recipient"):
            errs.append("recipient must be a non-empty string")
        for k in ("prize", "event", "organizer", "category"):
            if not _opt_str(g(k)):
                errs.append(f"{k} must be a string or null")
        y = g("year")
        if y is not None and not (type(y) is int and 1900 <= y <= 2100):
            errs.append(f"year {y!r} must be an int or null")
    elif t == "money":
        if not (type(g("value")) is int and g("value") > 0):
            errs.append(f"value {g('value')!r} must be a positive int")
        if not (isinstance(g("currency"), str) and re.fullmatch(r"[A-Z]{3}", g("currency"))):
            errs.append(f"currency {g('currency')!r} must be an ISO code")
        if type(g("approx")) is not bool:
            errs.append("approx must be a bool")
    elif t == "jobs":
        if not (type(g("value")) is int and g("value") > 0):
            errs.append(f"value {g('value')!r} must be a positive int")
        if type(g("approx")) is not bool:
            errs.append("approx must be a bool")
        if not _opt_str(g("qualifier")):
            errs.append("qualifier must be a string or null")
    elif t == "date":
        gran, val = g("granularity"), g("value")
        if gran not in GRANULARITY:
            errs.append(f"granularity {gran!r} unknown")
        elif val is not None:
            if not (isinstance(val, str) and re.fullmatch(GRANULARITY[gran], val)):
                errs.append(f"value {val!r} does not match granularity {gran}")
            elif gran == "day":
                try:
                    dt.date.fromisoformat(val)
                except ValueError:
                    errs.append(f"value {val!r} is not a calendar date")
        if type(g("relative")) is not bool:
            errs.append("relative must be a bool")
        if g("part") not in PARTS:
            errs.append(f"part {g('part')!r} unknown")
    return errs


def check_file(gold: Path, root: Path | None = None, corpus_rules: bool = True) -> tuple[list[str], Counter, int]:
    """Check one gold file; ``corpus_rules`` adds this corpus's own conventions
    (page lengths, cross-references between facts) to the SPEC checks."""
    root = root if root is not None else gold.parent
    errors: list[str] = []
    counts: Counter = Counter()
    ids: set[str] = set()
    n = 0
    for lineno, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        where = f"line {lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: not JSON ({e.msg})")
            continue
        rid = rec.get("id")
        where = f"{rid or where}"
        if not isinstance(rid, str) or rid in ids:
            errors.append(f"{where}: id missing or repeated")
        ids.add(str(rid))
        extra = set(rec) - {"id", "source", "text", "published", "facts"}
        if extra:
            errors.append(f"{where}: unknown record fields {sorted(extra)}")
        pub = rec.get("published", "MISSING")
        if pub == "MISSING":
            errors.append(f"{where}: 'published' missing (use null when unknown)")
        elif pub is not None:
            try:
                dt.date.fromisoformat(pub)
            except (TypeError, ValueError):
                errors.append(f"{where}: published {pub!r} is not an ISO date")
        if isinstance(rec.get("text"), str):
            page = rec["text"]
        else:
            src = rec.get("source")
            p = root / str(src).partition("#")[0] if isinstance(src, str) else None
            if p is None or not p.is_file():
                errors.append(f"{where}: source {src!r} not found under {root}")
                continue
            page = p.read_text(encoding="utf-8")
            lo, hi = (800, 1500) if p.name == "sample.txt" else (1000, 4000)
            if corpus_rules and not lo <= len(page) <= hi:
                errors.append(f"{where}: page has {len(page)} characters, outside {lo}-{hi}")
        facts = rec.get("facts")
        if not isinstance(facts, list):
            errors.append(f"{where}: 'facts' must be a list")
            continue
        seen: set[tuple[Any, ...]] = set()
        org_names = {f.get("canonical") for f in facts if isinstance(f, dict) and f.get("type") == "organization"}
        person_names = {f.get("name") for f in facts if isinstance(f, dict) and f.get("type") == "person"}
        for i, f in enumerate(facts):
            for e in check_fact(f, page, closed_awards=corpus_rules):
                errors.append(f"{where} fact {i} ({f.get('text') if isinstance(f, dict) else f!r}): {e}")
            if not isinstance(f, dict) or f.get("type") not in FIELDS:
                continue
            t = f["type"]
            counts[t] += 1
            key: tuple[Any, ...] = (t, f.get(KEY[t]))
            if t == "award":
                key += (f.get("event"),)
            if key in seen:
                errors.append(f"{where} fact {i}: {key} listed twice (gold lists each fact once)")
            seen.add(key)
            if not corpus_rules:
                continue
            if t == "person" and f.get("org") is not None and f["org"] not in org_names:
                errors.append(f"{where} fact {i}: person org {f['org']!r} is not an organization fact")
            if t == "award":
                if f.get("organizer") is not None and f["organizer"] not in org_names:
                    errors.append(f"{where} fact {i}: organizer {f['organizer']!r} is not an organization fact")
                if f.get("recipient") not in org_names | person_names:
                    errors.append(f"{where} fact {i}: recipient {f.get('recipient')!r} is neither an "
                                  "organization nor a person fact")
    return errors, counts, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = Path(__file__).resolve().parents[1]
    ap.add_argument("gold", nargs="?", default=str(here / "gold.jsonl"))
    ap.add_argument("--root", default=None, help="folder that `source` paths are relative to")
    ap.add_argument("--spec-only", action="store_true",
                    help="only SPEC checks, not this corpus's conventions (for other gold sets)")
    args = ap.parse_args(argv)
    gold = Path(args.gold)
    errors, counts, n = check_file(gold, Path(args.root) if args.root else None, not args.spec_only)
    for e in errors:
        print("ERROR", e)
    total = sum(counts.values())
    print(f"{gold}: {n} documents, {total} facts (" +
          ", ".join(f"{t} {counts[t]}" for t in FIELDS) + ")")
    print("OK: all checks passed" if not errors else f"FAILED: {len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
