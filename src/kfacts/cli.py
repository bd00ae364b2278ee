"""The ``kfacts`` command: ``extract``, ``eval``, ``explain``, ``rules``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any, Sequence


def _extractor(args: argparse.Namespace) -> Any:
    from .api import Extractor

    return Extractor(packs=getattr(args, "pack", None) or (), disable=getattr(args, "disable", None) or (),
                     zoning=not getattr(args, "no_zoning", False))


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


def _explain_input(args: argparse.Namespace) -> tuple[str, bool, str]:
    """``(content, is_html, where)`` for ``kfacts explain``: a file's, standard input's, or the argument itself."""
    from .htmltext import looks_like_html
    from .extract_command import InputError, _html_suffix, decode_bytes

    arg = args.text
    if arg is None:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("nothing to explain: give a text, a file, or '-' (or pipe a text into standard input)")
        arg = "-"
    if arg == "-":
        text = decode_bytes(sys.stdin.buffer.read(), "<stdin>", args.encoding, html=True)
        return text, looks_like_html(text), "<stdin>"
    path = Path(arg)
    try:
        is_file = "\n" not in arg and len(arg) < 4096 and path.is_file()
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        return arg, False, "argument"
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{arg}: cannot read ({e.strerror})") from None
    kind = _html_suffix(path)
    text = decode_bytes(data, arg, args.encoding, html=kind is not False)
    return text, (looks_like_html(text) if kind is None else kind), arg


def cmd_explain(args: argparse.Namespace) -> int:
    from .extract_command import check_encoding_option, parse_types

    check_encoding_option(args.encoding)
    ex = _extractor(args)
    types = parse_types(args.types, ex)
    content, is_html, where = _explain_input(args)
    doc = ex.extract_html(content, published=args.published) if is_html else ex(content, published=args.published)
    text = doc.text
    rules = {r.id: r for r in ex.rules}
    origin = {r.id: f"pack {getattr(p, 'name', '?')} ({getattr(p, 'path', '?')})" for p in ex.packs for r in p.rules}
    if where != "argument":
        print(f"input: {where}" + (" (HTML: spans index its text; html= the page's offsets)" if is_html else ""))
    print(f"published: {doc.published.isoformat() if doc.published else None}")
    for z in doc.zones:
        if z.kind != "article":
            print(f"zone {z.kind} [{z.start}:{z.end}] ({z.reason}): {text[z.start:z.end][:60]!r}")
    for f in doc.facts:
        if types is not None and f.type not in types:
            continue
        r = rules.get(f.rule or "")
        fields = ", ".join(f"{k}={v!r}" for k, v in f.fields.items())
        html = " html=[{}:{}]".format(*doc.html_span(f)) if is_html else ""
        print(f"{f.type:<13}{f.text!r} [{f.span[0]}:{f.span[1]}]{html}")
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
    from .extract_command import run_extract

    return run_extract(args)


_EXTRACT_EPILOG = """\
inputs:
  .txt files are text; .html/.htm pages are read as their visible text (scripts, styles,
  navigation dropped; blocks as lines; entities unescaped) and each fact also gets its
  "html_span" in the page; other files are HTML when they look like it. A folder is read
  for its .txt, .jsonl, .html and .htm files. A .jsonl line is a JSON object with a text
  field (--text-field), or an HTML page in its html field (--html-field). With no PATH,
  or '-', standard input is read (JSONL when its first line is a JSON object).
  Files in cp949/EUC-KR and other legacy encodings are detected (--encoding forces one);
  JSON Lines are always UTF-8.

outputs:
  jsonl: one line per document with its facts; table: facts grouped under their sentence;
  csv: one row per fact (UTF-8 with a byte-order mark so Excel reads Hangul; --no-bom
  for tools that dislike it), with a "sentence" column; parquet: the same rows, needs -o.
  Output files appear only when the whole run succeeded (an error, Ctrl-C or SIGTERM leaves
  none and keeps an older one, with its mode and owner). A symlink is written through to its
  target; character devices (/dev/null) and named pipes are written to directly.

errors:
  --on-error fail (default) stops at the first unreadable document (a file in no known
  encoding, a JSONL line that is not JSON or has no text...) or the first document over
  --time-budget (KF112; a worker process stuck that long is KF113, exit 4). --on-error skip leaves it out,
  reports it on standard error and in an error file - OUTPUT.errors.jsonl beside -o OUTPUT,
  or kfacts-errors.jsonl in the current folder when writing to standard output, a device or
  a pipe - one {"source", "line", "code", "message"} record per skipped document.

exit status:
  0 all documents written; 2 error (bad option or input, unwritable -o: nothing written);
  3 some documents skipped (--on-error skip), the others written; 4 a worker process died;
  130 interrupted (Ctrl-C); 143 terminated (SIGTERM).

examples:
  kfacts extract article.txt --published 2024-08-13 --format table
  kfacts extract pages/ --format csv -o facts.csv
  kfacts extract crawl.jsonl --text-field body --published-field date --id-field url -o facts.jsonl
  kfacts extract crawl.jsonl --html-field raw_html --types organization,money --format csv -o facts.csv
  kfacts extract old_archive/ --encoding cp949 --no-zoning
  kfacts extract crawl/ --on-error skip -o facts.jsonl     # bad ones in facts.jsonl.errors.jsonl
  curl -s https://example.com/news/1 | kfacts extract --format table
"""

_EVAL_EPILOG = """\
examples:
  kfacts eval gold.jsonl --root pages/
  kfacts eval gold.jsonl --root pages/ --types money,jobs --details
  kfacts eval gold.jsonl --root pages/ --json > report.json
"""

_EXPLAIN_EPILOG = """\
TEXT is the text itself, or the path of an existing file (a text or HTML file, read like
`kfacts extract` reads it), or '-' for standard input (also read when TEXT is left out
and standard input is not a terminal).

examples:
  kfacts explain "광주시는 100억원을 투자했다." --published 2024-08-13
  kfacts explain article.txt --types money,date
  kfacts explain page.html
  cat article.txt | kfacts explain
"""

_RULES_EPILOG = """\
examples:
  kfacts rules
  kfacts rules --pack my_pack.toml | grep my_pack
  kfacts extract article.txt --disable money.implicit_won   # switch a listed rule off
"""

_TEST_PACK_EPILOG = """\
examples:
  kfacts test-pack my_pack.toml
  kfacts test-pack packs/*.toml
"""


def _seconds(value: str) -> float:
    """``--time-budget``: seconds >= 0 (0 is no limit)."""
    import math

    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not (seconds >= 0 and math.isfinite(seconds)):
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or a positive number of seconds: {value!r}")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    from ._version import __version__

    raw = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(prog="kfacts", description="Typed, verifiable facts from Korean news text.",
                                formatter_class=raw, epilog="""\
examples:
  kfacts extract article.txt --format table
  kfacts extract pages/ crawl.jsonl --format csv -o facts.csv
  kfacts explain page.html
  kfacts eval gold.jsonl --root pages/
  kfacts store add facts.db pages/ && kfacts store query facts.db --entity 성동구

'kfacts COMMAND --help' shows each command's options and examples.""")
    p.add_argument("--version", action="version", version=f"kfacts {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser, zoning: bool = True) -> None:
        sp.add_argument("--pack", action="append", metavar="PACK.toml", help="load a rule pack (repeatable)")
        sp.add_argument("--disable", action="append", metavar="RULE_ID", help="disable a rule (repeatable)")
        if zoning:
            sp.add_argument("--no-zoning", action="store_true",
                            help="keep facts found in page clutter too (menus, most-read lists, copyright...)")

    e = sub.add_parser("extract", help="extract facts from files, folders, JSONL, HTML or standard input",
                       description="Extract facts from text files, HTML pages, folders, JSONL files or "
                                   "standard input.", epilog=_EXTRACT_EPILOG, formatter_class=raw)
    e.add_argument("paths", nargs="*", metavar="PATH",
                   help="text or HTML files, folders, .jsonl files; '-' or nothing for standard input")
    e.add_argument("--published", metavar="DATE",
                   help="publication date for every input: 2024-08-13, 2024.08.13, 2024. 8. 13., 2024/08/13, "
                        "20240813, 2024년 8월 13일 (a clock time may follow), or a written-out date such as "
                        "'Aug 13, 2024' (default: the date in each record or page)")
    e.add_argument("--format", choices=["jsonl", "table", "csv", "parquet"], default="jsonl",
                   help="output format (default: jsonl)")
    e.add_argument("--output", "-o", help="write here instead of standard output (required for parquet)")
    e.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    e.add_argument("--html-field", default="html",
                   help="JSONL field holding an HTML page, read when a line has no text field (default: html)")
    e.add_argument("--published-field", default="published", help="JSONL field holding the date (default: published)")
    e.add_argument("--id-field", metavar="FIELD",
                   help="JSONL field used as the document id, e.g. url (default: id, else FILE:LINE)")
    e.add_argument("--types", metavar="TYPE,TYPE",
                   help="output only these fact types, e.g. organization,money (default: all)")
    e.add_argument("--encoding", metavar="CODEC",
                   help="read text and HTML files in this encoding, e.g. cp949 (default: UTF-8, else detected)")
    e.add_argument("--no-bom", action="store_true",
                   help="CSV without the UTF-8 byte-order mark (it is there by default, for Excel)")
    e.add_argument("--on-error", choices=["fail", "skip"], default="fail",
                   help="an unreadable document stops the run (fail, the default: exit 2) or is skipped "
                        "and listed in an error file (skip: exit 3 when any was)")
    e.add_argument("--time-budget", type=_seconds, default=60.0, metavar="SECONDS",
                   help="seconds one document may take (CPU time; a stuck worker process is killed after "
                        "this plus a grace period); over it the document is an error (KF112/KF113: stops the "
                        "run, or is skipped with --on-error skip) (default 60; 0 for no limit)")
    e.add_argument("--n-process", type=int, default=1, help="cores to use (default 1): Kiwi's threads in this process (Extractor.pipe(n_process=N))")
    e.add_argument("--no-progress", action="store_true", help="no progress bar")
    e.add_argument("--progress", action="store_true",
                   help="show the progress bar even when standard error is not a terminal (or KFACTS_PROGRESS=1)")
    common(e)
    e.set_defaults(func=cmd_extract)

    v = sub.add_parser("eval", help="score against a gold JSONL file (SPEC section 4)",
                       description="Score the extractor against a gold JSONL file (precision, recall, F1 "
                                   "per type and field).", epilog=_EVAL_EPILOG, formatter_class=raw)
    v.add_argument("gold")
    v.add_argument("--root", help="folder that gold 'source' paths are relative to")
    v.add_argument("--json", action="store_true", help="print the full report as JSON")
    v.add_argument("--details", action="store_true", help="list misses and false alarms per document")
    v.add_argument("--types", help="comma-separated fact types to score")
    common(v)
    v.set_defaults(func=cmd_eval)

    x = sub.add_parser("explain", help="show every fact with the rule that produced it",
                       description="Show every fact of one text with the rule that produced it and the "
                                   "evidence of its fields.", epilog=_EXPLAIN_EPILOG, formatter_class=raw)
    x.add_argument("text", nargs="?", metavar="TEXT|FILE",
                   help="the text, or an existing file's path, or '-' for standard input")
    x.add_argument("--published", metavar="DATE", help="publication date, in the layouts extract --published accepts")
    x.add_argument("--types", metavar="TYPE,TYPE", help="show only these fact types")
    x.add_argument("--encoding", metavar="CODEC", help="encoding of the file (default: UTF-8, else detected)")
    common(x)
    x.set_defaults(func=cmd_explain)

    r = sub.add_parser("rules", help="list the rules (built-in and packs)", description="List every rule: "
                       "id, fact type, origin, description.", epilog=_RULES_EPILOG, formatter_class=raw)
    common(r, zoning=False)
    r.set_defaults(func=cmd_rules)

    t = sub.add_parser("test-pack", help="run the examples of rule packs",
                       description="Run the examples of rule packs as tests.", epilog=_TEST_PACK_EPILOG,
                       formatter_class=raw)
    t.add_argument("packs", nargs="+", metavar="PACK.toml")
    t.set_defaults(func=lambda a: __import__("kfacts.rulepacks.testing", fromlist=["cli_test_pack"]).cli_test_pack(a))

    from .store.cli import register as register_store  # kfacts store add|query|conflicts|export|import|refresh

    register_store(sub, raw)
    return p


class Terminated(KeyboardInterrupt):
    """Raised by the CLI's SIGTERM handler: unwinds (and cleans up) like Ctrl-C, exits 143."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    previous = None
    if threading.current_thread() is threading.main_thread() and \
            signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        previous = signal.signal(signal.SIGTERM, _on_sigterm)  # `kill`, systemd, docker stop
    try:
        return _main(argv)
    except KeyboardInterrupt as e:
        # Ctrl-C or SIGTERM: no traceback; output files were not moved in place and their
        # temporary files were removed (see kfacts.extract_command.AtomicOutput)
        term = isinstance(e, Terminated)
        try:
            print("\nkfacts: " + ("terminated" if term else "interrupted"), file=sys.stderr)
        except Exception:  # noqa: BLE001 - stderr gone too
            pass
        return 128 + (signal.SIGTERM if term else signal.SIGINT)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: Sequence[str] | None) -> int:
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
