"""The ``kfacts`` command: ``extract``, ``eval``, ``explain``, ``rules``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Sequence


def _extractor(args: argparse.Namespace) -> Any:
    from .pipeline import Extractor

    return Extractor(packs=getattr(args, "pack", None) or (), disable=getattr(args, "disable", None) or ())


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import evaluate

    report = evaluate(args.gold, root=args.root, extractor=_extractor(args),
                      types=args.types.split(",") if args.types else None)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        if args.details:
            print(report.details())
        print(report.table())
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    ex = _extractor(args)
    text = args.text
    if text == "-":
        text = sys.stdin.read()
    doc = ex(text, published=args.published)
    rules = {r.id: r for r in ex.rules}
    origin = {r.id: f"pack {getattr(p, 'name', '?')} ({getattr(p, 'path', '?')})" for p in ex.packs for r in p.rules}
    print(f"published: {doc.published.isoformat() if doc.published else None}")
    for z in doc.zones:
        if z.kind != "article":
            print(f"zone {z.kind} [{z.start}:{z.end}] ({z.reason}): {text[z.start:z.end][:60]!r}")
    for f in doc.facts:
        r = rules.get(f.rule or "")
        fields = ", ".join(f"{k}={v!r}" for k, v in f.fields.items())
        print(f"{f.type:<13}{f.text!r} [{f.span[0]}:{f.span[1]}]")
        print(f"    fields: {fields}")
        print(f"    rule:   {f.rule}" + (f" - {r.description}" if r else "")
              + (f" [{origin[f.rule]}]" if f.rule in origin else ""))
        for name, (s, e) in f.evidence.items():
            print(f"    {name} <- {text[s:e]!r} [{s}:{e}]")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    ex = _extractor(args)
    origin = {r.id: getattr(p, "name", "pack") for p in ex.packs for r in p.rules}
    for r in ex.rules:
        print(f"{r.id:<40}{r.type:<14}{origin.get(r.id, 'built-in'):<12}{r.description}")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .io import run_extract

    return run_extract(args)


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

    p = argparse.ArgumentParser(prog="kfacts", description="Typed, verifiable facts from Korean news text.")
    p.add_argument("--version", action="version", version=f"kfacts {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--pack", action="append", metavar="PACK.toml", help="load a rule pack (repeatable)")
        sp.add_argument("--disable", action="append", metavar="RULE_ID", help="disable a rule (repeatable)")

    e = sub.add_parser("extract", help="extract facts from files, folders or JSONL")
    e.add_argument("paths", nargs="+", metavar="PATH", help="text files, folders of .txt files, or .jsonl files ('-' for stdin)")
    e.add_argument("--published", metavar="DATE",
                   help="publication date for every input: 2024-08-13, 2024.08.13, 2024. 8. 13., 2024/08/13, "
                        "20240813, 2024년 8월 13일 (a clock time may follow), or a written-out date such as "
                        "'Aug 13, 2024' (default: the date in each record or page)")
    e.add_argument("--format", choices=["jsonl", "table", "csv", "parquet"], default="jsonl")
    e.add_argument("--output", "-o", help="write here instead of standard output (required for parquet)")
    e.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    e.add_argument("--published-field", default="published", help="JSONL field holding the date (default: published)")
    e.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    e.add_argument("--no-progress", action="store_true", help="no progress bar")
    e.add_argument("--progress", action="store_true",
                   help="show the progress bar even when standard error is not a terminal")
    common(e)
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score against a gold JSONL file (SPEC section 4)")
    v.add_argument("gold")
    v.add_argument("--root", help="folder that gold 'source' paths are relative to")
    v.add_argument("--json", action="store_true", help="print the full report as JSON")
    v.add_argument("--details", action="store_true", help="list misses and false alarms per document")
    v.add_argument("--types", help="comma-separated fact types to score")
    common(v)
    v.set_defaults(func=cmd_eval)

    x = sub.add_parser("explain", help="show every fact with the rule that produced it")
    x.add_argument("text", help="the text ('-' for stdin)")
    x.add_argument("--published", metavar="DATE", help="publication date, in the layouts extract --published accepts")
    common(x)
    x.set_defaults(func=cmd_explain)

    r = sub.add_parser("rules", help="list the rules (built-in and packs)")
    common(r)
    r.set_defaults(func=cmd_rules)

    t = sub.add_parser("test-pack", help="run the examples of rule packs")
    t.add_argument("packs", nargs="+", metavar="PACK.toml")
    t.set_defaults(func=lambda a: __import__("kfacts.rulepacks", fromlist=["cli_test_pack"]).cli_test_pack(a))
    return p


def main(argv: Sequence[str] | None = None) -> int:
    from .errors import KfactsError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KfactsError as e:
        print(f"kfacts: error: {e}", file=sys.stderr)
        return 2
    except (FileNotFoundError, IsADirectoryError, PermissionError, UnicodeDecodeError, ValueError) as e:
        print(f"kfacts: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
