"""Reading inputs and writing outputs for the ``kfacts extract`` command.

Inputs are read as a stream (one record at a time), so a JSONL file of any
size runs in bounded memory. Every problem with the input (missing path,
a line that is not JSON, bytes that are not UTF-8, a record without its text
field or with a bad date) raises :class:`InputError` naming the file and line;
the command prints it and exits with status 2. Output files are written to a
temporary file beside the target and moved in place only when the whole run
succeeded: a failed run never leaves a half-written output file behind (and
never clobbers an older one).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

#: file suffixes read when a folder is given
FOLDER_SUFFIXES = (".txt", ".jsonl")


class InputError(ValueError):
    """Unreadable input: missing file, bad JSONL line, non-UTF-8 bytes..."""


def _files(paths: list[str]) -> Iterator[Path | None]:
    """The files to read, in order (``None`` stands for standard input)."""
    for raw in paths:
        if raw == "-":
            yield None
            continue
        p = Path(raw)
        if not p.exists():
            raise InputError(f"no such file or folder: {raw}")
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in FOLDER_SUFFIXES)
            if not files:
                raise InputError(f"no {' or '.join(FOLDER_SUFFIXES)} files in folder: {raw}")
            yield from files
        else:
            yield p


def _check_published(value: Any, where: str) -> Any:
    if value is None or value == "":
        return None
    from .pipeline import parse_published

    try:
        parse_published(value)
    except ValueError as e:
        raise InputError(f"{where}: {e}") from None
    return value


def iter_inputs(paths: list[str], text_field: str = "text", published_field: str = "published") -> Iterator[dict[str, Any]]:
    """Yield records ``{"id", ..., "text", "published"}`` from files, folders, JSONL or stdin, lazily.

    A JSONL record keeps its other fields; its ``text_field`` and
    ``published_field`` are renamed ``text`` and ``published``. A text file
    gives ``{"id": <path>, "text": ..., "published": None}``.
    """
    for f in _files(paths):
        if f is None:
            data = sys.stdin.buffer.read()
            yield {"id": "<stdin>", "text": _decode(data, "<stdin>"), "published": None}
        elif f.suffix == ".jsonl":
            yield from _iter_jsonl(f, text_field, published_field)
        else:
            try:
                data = f.read_bytes()
            except OSError as e:
                raise InputError(f"{f}: cannot read ({e.strerror})") from None
            yield {"id": str(f), "text": _decode(data, str(f)), "published": None}


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start})") from None


def _iter_jsonl(path: Path, text_field: str, published_field: str) -> Iterator[dict[str, Any]]:
    try:
        fh = path.open("rb")
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror})") from None
    with fh:
        for lineno, raw in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            line = _decode(raw, where)
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{where}: not JSON ({e.msg} at column {e.colno})") from None
            if not isinstance(rec, dict):
                raise InputError(f"{where}: a JSONL line must hold a JSON object, not {type(rec).__name__}")
            text = rec.get(text_field)
            if not isinstance(text, str):
                got = "missing" if text_field not in rec else f"a {type(text).__name__}"
                raise InputError(f"{where}: field {text_field!r} must be a string, it is {got} "
                                 f"(fields: {', '.join(sorted(rec)[:8])}; choose one with --text-field)")
            out = {k: v for k, v in rec.items() if k not in (text_field, published_field)}
            out.setdefault("id", where)
            out["text"] = text
            out["published"] = _check_published(rec.get(published_field), f"{where}: field {published_field!r}")
            yield out


def count_inputs(paths: list[str]) -> int | None:
    """How many records :func:`iter_inputs` will yield (for the progress bar); ``None`` for stdin.

    JSONL files are counted by their non-blank lines, reading bytes only.
    """
    n = 0
    try:
        for f in _files(paths):
            if f is None:
                return None
            if f.suffix == ".jsonl":
                with f.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            else:
                n += 1
    except (OSError, InputError):
        return None  # the real pass reports it
    return n


class AtomicOutput:
    """Write to a temporary file beside the target; move it in place only on success.

    With ``path=None`` it writes to standard output instead.
    """

    def __init__(self, path: str | None, binary: bool = False) -> None:
        self.path = path
        self.binary = binary
        self.tmp: str | None = None
        self.fh: Any = None

    def __enter__(self) -> Any:
        if self.path is None:
            self.fh = sys.stdout.buffer if self.binary else sys.stdout
            return self.fh
        target = Path(self.path)
        if target.is_dir():
            raise InputError(f"--output {self.path} is a folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=str(target.parent))
        self.fh = os.fdopen(fd, "wb" if self.binary else "w",
                            **({} if self.binary else {"encoding": "utf-8", "newline": ""}))
        return self.fh

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.path is None:
            if exc_type is None:
                self.fh.flush()
            return
        try:
            self.fh.close()
        finally:
            if exc_type is None:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
                os.replace(self.tmp, self.path)
            else:
                try:
                    os.unlink(self.tmp)
                except OSError:
                    pass


def _progress_wanted(args: argparse.Namespace) -> bool:
    """Bar on stderr when it is a terminal, or forced (``--progress`` / ``KFACTS_PROGRESS=1``)."""
    if getattr(args, "no_progress", False):
        return False
    if getattr(args, "progress", False) or os.environ.get("KFACTS_PROGRESS", "") not in ("", "0"):
        return True
    return sys.stderr.isatty()


def run_extract(args: argparse.Namespace) -> int:
    from .batch import WorkerError
    from .pipeline import Extractor, default_extractor, parse_published
    from .progress import Progress

    fmt = args.format
    if fmt == "parquet" and not args.output:
        raise InputError("--format parquet needs --output FILE")
    if args.published:
        parse_published(args.published)  # fail before reading anything
    n_process = getattr(args, "n_process", 1) or 1
    if args.pack or args.disable:
        ex = Extractor(packs=args.pack or (), disable=args.disable or ())
    else:
        ex = default_extractor()  # shared with kfacts.extract() in this process: Kiwi loads once
    show = _progress_wanted(args)
    progress = Progress(total=count_inputs(args.paths) if show else None, enabled=show, force=show)

    def records() -> Iterator[dict[str, Any]]:
        for rec in iter_inputs(args.paths, args.text_field, args.published_field):
            if args.published:
                rec["published"] = args.published
            yield rec

    def results() -> Iterator[dict[str, Any]]:
        for out in ex.pipe(records(), n_process=n_process):
            progress.update(1)
            out.pop("text", None)
            out["published"] = out.pop("published_resolved", None)
            yield out

    try:
        if fmt == "jsonl":
            with AtomicOutput(args.output) as fh:
                for out in results():
                    fh.write(json.dumps(out, ensure_ascii=False) + "\n")
        elif fmt == "table":
            with AtomicOutput(args.output) as fh:
                for out in results():
                    fh.write(format_table(out))
        else:
            from .frames import TableWriter, facts_rows

            with AtomicOutput(args.output, binary=(fmt == "parquet")) as fh:
                w = TableWriter(fh, fmt)
                for i, out in enumerate(results()):
                    w.write(facts_rows(out.get("id"), out["facts"], i, out.get("published")))
                w.close()
    except WorkerError as e:
        progress.close()
        print(f"kfacts: error: {e}", file=sys.stderr)
        return 3
    finally:
        progress.close()
    return 0


def format_table(out: dict[str, Any]) -> str:
    """The human-readable block of one record: a header line, then one line per fact."""
    lines = [f"# {out.get('id')}  (published: {out.get('published')}, facts: {len(out['facts'])})"]
    for f in out["facts"]:
        fields = ", ".join(f"{k}={v}" for k, v in f.items()
                           if k not in ("type", "text", "span", "rule", "evidence") and v is not None)
        lines.append(f"{f['type']:<13}{_pad(f['text'], 24)}{str(tuple(f['span'])):<14}{fields}")
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    """Pad to ``width`` terminal columns (Hangul and other wide characters take two)."""
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
    return text + " " * max(width - cols, 1)
