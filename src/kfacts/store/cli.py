"""``kfacts store ...``: build, query and exchange a fact store from the command line."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

_EPILOG = """\
examples:
  kfacts store add facts.db pages/ crawl.jsonl --n-process 2
  kfacts store query facts.db --type award --entity 성동구 --from 2015 --to 2024 --format table
  kfacts store conflicts facts.db
  kfacts store export facts.db out/            # Parquet, for DuckDB and Spark
  kfacts store import facts.db spark_out/      # documents + mentions written by kfacts.spark.write_mentions

JSONL records may carry url, outlet, published and title; an outlet defaults to the url's host.
Adding the same text again changes nothing but its list of sources. See docs/store.md.
"""


def register(sub: Any, raw: Any) -> None:
    s = sub.add_parser("store", help="a store of facts across many articles (SQLite)",
                       description="Build and query a fact store: documents, mentions, entities and claims "
                                   "merged across articles, in one SQLite file.", epilog=_EPILOG,
                       formatter_class=raw)
    ss = s.add_subparsers(dest="store_command", required=True)

    a = ss.add_parser("add", help="extract files, folders or JSONL into the store")
    a.add_argument("db")
    a.add_argument("paths", nargs="+", metavar="PATH")
    a.add_argument("--text-field", default="text")
    a.add_argument("--published-field", default="published")
    a.add_argument("--n-process", type=int, default=1, help="worker processes (default 1)")
    a.add_argument("--batch-size", type=int, default=64, help="documents per transaction (default 64)")
    a.add_argument("--no-text", action="store_true", help="do not keep the texts (no full-text search, no refresh)")
    a.add_argument("--no-progress", action="store_true", help="no progress bar")
    a.add_argument("--progress", action="store_true", help="show the progress bar even when stderr is not a terminal")
    a.add_argument("--timeout", type=float, default=5.0, help="seconds to wait for a lock (default 5)")
    a.set_defaults(func=cmd_add)

    q = ss.add_parser("query", help="list claims")
    q.add_argument("db")
    q.add_argument("--type", choices=["award", "money", "jobs"])
    q.add_argument("--entity", help="a name; short names resolve (성동구 -> 서울특별시 성동구)")
    q.add_argument("--from", dest="since", metavar="YEAR")
    q.add_argument("--to", dest="until", metavar="YEAR")
    q.add_argument("--sources", action="store_true", help="also list each claim's sources")
    q.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    q.set_defaults(func=cmd_query)

    c = ss.add_parser("conflicts", help="claims outlets disagree on")
    c.add_argument("db")
    c.add_argument("--format", choices=["table", "jsonl"], default="table")
    c.set_defaults(func=cmd_conflicts)

    e = ss.add_parser("export", help="write every table as Parquet (or CSV) files")
    e.add_argument("db")
    e.add_argument("folder")
    e.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    e.set_defaults(func=cmd_export)

    i = ss.add_parser("import", help="merge documents and mentions from Parquet (an export, or kfacts.spark)")
    i.add_argument("db")
    i.add_argument("folder")
    i.set_defaults(func=cmd_import)

    r = ss.add_parser("refresh", help="re-extract documents stored by another kfacts version")
    r.add_argument("db")
    r.add_argument("--all", action="store_true", help="every document")
    r.set_defaults(func=cmd_refresh)


def _open(args: argparse.Namespace, **kw: Any) -> Any:
    from .core import Store

    return Store(args.db, timeout=getattr(args, "timeout", 5.0), **kw)


def cmd_add(args: argparse.Namespace) -> int:
    from ..extract_command import _progress_forced, _progress_wanted, count_inputs, iter_inputs
    from ..progress import Progress

    store = _open(args, store_text=not args.no_text)
    try:
        bar = Progress(total=count_inputs(args.paths), enabled=_progress_wanted(args),
                       force=_progress_forced(args), delay=0.5)
        try:
            stats = store.add(iter_inputs(args.paths, text_field=args.text_field,
                                          published_field=args.published_field),
                              n_process=args.n_process, batch_size=args.batch_size, progress=bar)
        finally:
            bar.close()
        counts = store.counts()
    finally:
        store.close()
    print(f"added {stats['documents']} documents ({stats['mentions']} mentions), {stats['skipped']} already stored "
          f"({stats['sources']} new sources); store: {counts['documents']} documents, {counts['claims']} claims",
          file=sys.stderr)
    return 0


_COLS = ("id", "type", "subject", "level", "event", "year", "value", "currency", "qualifier", "n_documents",
         "n_outlets", "first_published", "last_published")


def _table(rows: list[dict[str, Any]], cols: tuple[str, ...]) -> str:
    cells = [[("" if r.get(c) is None else str(r.get(c))) for c in cols] for r in rows]
    widths = [max([len(c)] + [len(x[i]) for x in cells]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths))]
    lines += ["  ".join(x.ljust(w) for x, w in zip(r, widths)) for r in cells]
    return "\n".join(lines)


def cmd_query(args: argparse.Namespace) -> int:
    store = _open(args, create=False)
    try:
        claims = store.claims(type=args.type, entity=args.entity, since=args.since, until=args.until)
        rows = [c.to_dict() for c in claims]
        if args.sources:
            for r, c in zip(rows, claims):
                r["sources"] = [s.to_dict() for s in store.sources(c)]
    finally:
        store.close()
    out = sys.stdout
    if args.format == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif args.format == "csv":
        w = csv.DictWriter(out, list(_COLS) + ["n_mentions"], extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    else:
        out.write(_table(rows, _COLS) + "\n")
        if args.sources:
            for r in rows:
                for s in r["sources"]:
                    out.write(f"  claim {r['id']}: {s['published'] or '-'} {s['outlet'] or '-'} {s['url'] or ''} "
                              f"«{s['sentence'] or s['text']}»\n")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    store = _open(args, create=False)
    try:
        conflicts = store.conflicts()
        detail = {c.id: store.sources(c) for k in conflicts for c in k.claims}
    finally:
        store.close()
    for k in conflicts:
        if args.format == "jsonl":
            d = k.to_dict()
            for c in d["claims"]:
                c["sources"] = [s.to_dict() for s in detail[c["id"]]]
            sys.stdout.write(json.dumps(d, ensure_ascii=False) + "\n")
            continue
        what = f"{k.subject} {k.year or ''} {k.event or k.qualifier or ''}".strip()
        sys.stdout.write(f"{k.kind}: {what}\n")
        for c in k.claims:
            outlets = sorted({s.outlet or s.document_id[:12] for s in detail[c.id]})
            sys.stdout.write(f"  {c.level if k.kind == 'award_level' else c.value}: {', '.join(outlets)}\n")
    if args.format == "table" and not conflicts:
        sys.stdout.write("no conflicts\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    store = _open(args, create=False)
    try:
        files = store.export(args.folder, format=args.format)
    finally:
        store.close()
    for f in files:
        print(f)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        stats = store.import_parquet(args.folder)
    finally:
        store.close()
    print(f"imported {stats['documents']} documents ({stats['mentions']} mentions), {stats['skipped']} already "
          f"stored ({stats['sources']} new sources)", file=sys.stderr)
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    store = _open(args, create=False)
    try:
        stats = store.refresh(force=args.all)
    finally:
        store.close()
    print(f"refreshed {stats['refreshed']} documents; {stats['no_text']} without text left as they were",
          file=sys.stderr)
    return 0
