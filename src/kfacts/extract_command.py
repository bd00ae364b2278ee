"""The ``kfacts extract`` command: reading its inputs, running the Extractor, writing its outputs.

Inputs are read as a stream (one record at a time), so a JSONL file of any
size runs in bounded memory. Every problem with the input (missing path,
a line that is not JSON, bytes that are not UTF-8, a record without its text
field or with a bad date) raises :class:`InputError` naming the file and line;
the command prints it and exits with status 2. Files in a legacy encoding
(cp949 / EUC-KR...) are detected (:mod:`kfacts.encodings`); HTML pages are
read as their visible text (:mod:`kfacts.htmltext`). Output files are written to a
temporary file beside the target and moved in place only when the whole run
succeeded: a failed run never leaves a half-written output file behind (and
never clobbers an older one).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

#: file suffixes read when a folder is given
FOLDER_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
#: suffixes always read as HTML; files of other suffixes (but .txt and .jsonl) are HTML when they look like it
HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class InputError(ValueError):
    """Unreadable input: missing file, bad JSONL line, bytes in no known encoding..."""


#: ``on_error(source, line, error)``: told of an unreadable document (``line`` None for a whole file)
OnError = Callable[[str, "int | None", InputError], None]


def _files(paths: list[str], on_error: OnError | None = None) -> Iterator[Path | None]:
    """The files to read, in order (``None`` stands for standard input).

    With ``on_error`` a missing path or an empty folder is reported to it and skipped.
    """
    for raw in paths:
        if raw == "-":
            yield None
            continue
        p = Path(raw)
        try:
            if not p.exists():
                raise InputError(f"no such file or folder: {raw}")
            if p.is_dir():
                files = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in FOLDER_SUFFIXES)
                if not files:
                    raise InputError(f"no {', '.join(FOLDER_SUFFIXES)} files in folder: {raw}")
            else:
                files = [p]
        except InputError as e:
            if on_error is None:
                raise
            on_error(raw, None, e)
            continue
        yield from files


def _check_published(value: Any, where: str) -> Any:
    if value is None or value == "":
        return None
    from .pipeline import parse_published

    try:
        parse_published(value)
    except ValueError as e:
        raise InputError(f"{where}: {e}") from None
    return value


def iter_inputs(paths: list[str], text_field: str = "text", published_field: str = "published", *,
                html_field: str = "html", id_field: str | None = None,
                encoding: str | None = None, on_error: OnError | None = None) -> Iterator[dict[str, Any]]:
    """Yield records ``{"id", ..., "text" or "html", "published"}`` from files, folders, JSONL or stdin, lazily.

    A JSONL record keeps its other fields; its ``text_field`` (or, when it
    has none, its ``html_field``) and ``published_field`` are renamed
    ``text`` (``html``) and ``published``; ``id_field`` names the field
    copied to ``id`` (default: ``id``, else ``path:line``). A text file gives
    ``{"id": <path>, "text": ..., "published": None}``, an HTML file the same
    with ``html``. Files are decoded by :func:`kfacts.encodings.decode`
    (``encoding`` forces a codec); JSONL is always UTF-8.

    Without ``on_error`` the first unreadable document raises :class:`InputError`;
    with it, each is reported as ``on_error(source, line, error)`` and skipped.
    """
    jsonl: dict[str, Any] = dict(text_field=text_field, published_field=published_field, html_field=html_field,
                                 id_field=id_field, on_error=on_error)
    for f in _files(paths, on_error):
        try:
            if f is None:
                yield from _iter_stdin(jsonl, encoding)
            elif f.suffix.lower() == ".jsonl":
                try:
                    fh = f.open("rb")
                except OSError as e:
                    raise InputError(f"{f}: cannot read ({e.strerror})") from None
                with fh:
                    yield from _iter_jsonl(fh, str(f), **jsonl)
            else:
                try:
                    data = f.read_bytes()
                except OSError as e:
                    raise InputError(f"{f}: cannot read ({e.strerror})") from None
                doc = _document(data, str(f), encoding, html=_html_suffix(f))
                yield doc
        except InputError as e:
            if on_error is None:
                raise
            on_error("<stdin>" if f is None else str(f), None, e)  # a whole file (JSONL lines report their own)


def _html_suffix(f: Path) -> bool | None:
    """True: HTML; False: plain text; None: look at the content."""
    suffix = f.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return True
    return False if suffix == ".txt" else None


def _document(data: bytes, where: str, encoding: str | None, html: bool | None) -> dict[str, Any]:
    from .htmltext import looks_like_html

    text = decode_bytes(data, where, encoding, html=html is not False)
    if html is None:
        html = looks_like_html(text)
    return {"id": where, "html" if html else "text": text, "published": None}


def _iter_stdin(jsonl: dict[str, Any], encoding: str | None) -> Iterator[dict[str, Any]]:
    """Standard input: JSONL when its first line is a JSON object, else one text or HTML document."""
    stream = sys.stdin.buffer
    first = stream.readline()
    while first and not first.strip():
        first = stream.readline()
    if first.lstrip(b"\xef\xbb\xbf \t").startswith(b"{"):
        try:
            is_record = isinstance(json.loads(first.decode("utf-8-sig")), dict)
        except (UnicodeDecodeError, json.JSONDecodeError):
            is_record = False
        if is_record:
            yield from _iter_jsonl(itertools.chain([first], stream), "<stdin>", **jsonl)
            return
    yield _document(first + stream.read(), "<stdin>", encoding, html=None)


def decode_bytes(data: bytes, where: str, encoding: str | None = None, html: bool = False) -> str:
    """Decode a file's bytes (see :func:`kfacts.encodings.decode`); :class:`InputError` naming ``where``."""
    from .encodings import DecodeError, decode

    try:
        return decode(data, encoding=encoding, html=html)[0]
    except DecodeError as e:
        raise InputError(f"{where}: {e}") from None


def _decode_line(raw: bytes, where: str, first: bool) -> str:
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")  # a BOM (Windows tools) only on line 1
    except UnicodeDecodeError as e:
        raise InputError(f"{where}: not UTF-8 ({e.reason} at byte {e.start}); JSON Lines are UTF-8 by "
                         f"definition: convert the file (e.g. iconv -f cp949 -t utf-8)") from None


def _iter_jsonl(lines: Iterable[bytes], name: str, text_field: str, published_field: str, html_field: str,
                id_field: str | None, on_error: OnError | None = None) -> Iterator[dict[str, Any]]:
    for lineno, raw in enumerate(lines, 1):
        try:
            out = _jsonl_record(raw, name, lineno, text_field, published_field, html_field, id_field)
        except InputError as e:
            if on_error is None:
                raise
            on_error(name, lineno, e)
            continue
        if out is not None:
            yield out


def _jsonl_record(raw: bytes, name: str, lineno: int, text_field: str, published_field: str, html_field: str,
                  id_field: str | None) -> dict[str, Any] | None:
    """One JSONL line as a record (``None`` for a blank line); :class:`InputError` when unusable."""
    where = f"{name}:{lineno}"
    line = _decode_line(raw, where, lineno == 1)
    if not line.strip():
        return None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(rec, dict):
        raise InputError(f"{where}: a JSONL line must hold a JSON object, not {type(rec).__name__}")
    text = rec.get(text_field)
    key, field_name = "text", text_field
    if text is None and text_field != html_field and isinstance(rec.get(html_field), str):
        text, key, field_name = rec[html_field], "html", html_field
    if not isinstance(text, str):
        got = "missing" if text_field not in rec else f"a {type(text).__name__}"
        raise InputError(f"{where}: field {text_field!r} must be a string, it is {got} "
                         f"(fields: {', '.join(sorted(rec)[:8])}; choose one with --text-field, "
                         f"or --html-field for HTML)")
    out = {k: v for k, v in rec.items() if k not in (field_name, published_field)}
    if id_field is not None and rec.get(id_field) is not None:
        out["id"] = rec[id_field]
    out.setdefault("id", where)
    out[key] = text
    out["published"] = _check_published(rec.get(published_field), f"{where}: field {published_field!r}")
    return out


def count_inputs(paths: list[str]) -> int | None:
    """How many records :func:`iter_inputs` will yield (for the progress bar); ``None`` for stdin.

    JSONL files are counted by their non-blank lines, reading bytes only.
    """
    n = 0
    try:
        for f in _files(paths):
            if f is None:
                return None
            if f.suffix.lower() == ".jsonl":
                with f.open("rb") as fh:
                    n += sum(1 for line in fh if line.strip())
            else:
                n += 1
    except (OSError, InputError):
        return None  # the real pass reports it
    return n


def _output_error(path: str, detail: str) -> Exception:
    from .errors import OutputError

    return OutputError("KF109", path=path, detail=detail)


def output_kind(path: str) -> tuple[str, str]:
    """``(kind, real_path)`` of an ``--output`` path: kind ``"file"`` (regular or new) or ``"stream"``.

    A symlink is followed to its target (written through, the link kept). Character
    devices and named pipes are streams, written to directly. Anything else (a folder,
    a block device, a socket) raises :class:`kfacts.errors.OutputError` (``KF109``).
    """
    try:
        st = os.stat(path)  # follows symlinks, /proc's magic ones (/dev/stdout) included
    except FileNotFoundError:
        return "file", os.path.realpath(path)  # new (a dangling symlink: the file it names)
    except OSError as e:  # NotADirectoryError: a part of the path is a file
        raise _output_error(path, e.strerror or str(e)) from None
    if stat.S_ISREG(st.st_mode):
        return "file", os.path.realpath(path)  # through every symlink: the target is replaced
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return "stream", path  # opened as given (realpath cannot name a pipe behind /dev/stdout)
    what = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file, character device or named pipe"
    raise _output_error(path, what)


class AtomicOutput:
    """Write to a temporary file beside the target; move it in place only on success.

    With ``path=None`` it writes to standard output instead. ``bom=True``
    starts a text output with a UTF-8 byte-order mark (for Excel's CSV import).
    A run stopped by an exception - an error, Ctrl-C, SIGTERM under the CLI -
    removes the temporary file.

    Only regular files are replaced: an existing file keeps its mode and owner;
    a symlink is written through (its target replaced atomically, in the
    target's folder; the link stays); character devices (``/dev/null``) and
    named pipes are written to directly, with no temporary file.
    """

    def __init__(self, path: str | None, binary: bool = False, bom: bool = False) -> None:
        self.path = path
        self.binary = binary
        self.bom = bom and not binary
        self.tmp: str | None = None
        self.real: str | None = None
        self.fh: Any = None

    def _open_fd(self, fd: int) -> Any:
        if self.binary:
            return os.fdopen(fd, "wb")
        return os.fdopen(fd, "w", encoding="utf-8", newline="")

    def __enter__(self) -> Any:
        if self.path is None:
            self.fh = sys.stdout.buffer if self.binary else sys.stdout
            if self.bom:
                self.fh.write("\ufeff")
            return self.fh
        kind, self.real = output_kind(self.path)
        try:
            if kind == "stream":
                self.fh = self._open_fd(os.open(self.real, os.O_WRONLY))
            else:
                folder = os.path.dirname(self.real)
                os.makedirs(folder, exist_ok=True)
                fd, self.tmp = tempfile.mkstemp(prefix=f".{os.path.basename(self.real)}.", suffix=".part",
                                                dir=folder)
                self.fh = self._open_fd(fd)
        except OSError as e:
            if self.tmp:
                _unlink(self.tmp)
            raise _output_error(self.path, e.strerror or str(e)) from None
        if self.bom:
            self.fh.write("\ufeff")
        return self.fh

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.path is None:
            if exc_type is None:
                self.fh.flush()
            return
        if self.tmp is None:  # a stream: nothing to move or remove
            self.fh.close()
            return
        try:
            self.fh.close()
        finally:
            if exc_type is None:
                self._commit()
            else:
                _unlink(self.tmp)

    def _commit(self) -> None:
        assert self.tmp is not None and self.real is not None
        try:
            st = os.stat(self.real)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; give a new file the usual permissions
        else:  # replacing a file: keep its mode and (when allowed) its owner
            if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(self.tmp, st.st_uid, st.st_gid)
                except OSError:
                    pass  # not allowed (not root): the file becomes ours, as with any editor's save
            os.chmod(self.tmp, stat.S_IMODE(st.st_mode))  # after chown, which clears set-id bits
        os.replace(self.tmp, self.real)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _progress_wanted(args: argparse.Namespace) -> bool:
    """Bar on stderr when it is a terminal, or forced (``--progress`` / ``KFACTS_PROGRESS=1``)."""
    if getattr(args, "no_progress", False):
        return False
    return _progress_forced(args) or sys.stderr.isatty()


def _progress_forced(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "progress", False)) or os.environ.get("KFACTS_PROGRESS", "") not in ("", "0")


def build_extractor(args: argparse.Namespace) -> Any:
    """The Extractor the options ask for (the shared default one when they ask for nothing special)."""
    from .api import Extractor, default_extractor

    zoning = not getattr(args, "no_zoning", False)
    if getattr(args, "pack", None) or getattr(args, "disable", None) or not zoning:
        return Extractor(packs=args.pack or (), disable=args.disable or (), zoning=zoning)
    return default_extractor()  # shared with kfacts.extract() in this process: Kiwi loads once


def parse_types(value: str | None, extractor: Any) -> frozenset[str] | None:
    """``--types organization,money`` -> the set, checked against the extractor's fact types."""
    if not value:
        return None
    from .fact import FACT_FIELDS

    wanted = frozenset(t.strip() for t in value.split(",") if t.strip())
    known = set(FACT_FIELDS) | {r.type for r in extractor.rules}
    unknown = sorted(wanted - known)
    if unknown:
        raise InputError(f"--types: unknown fact type(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return wanted


def check_encoding_option(value: str | None) -> None:
    if value:
        from .encodings import check_encoding

        try:
            check_encoding(value)
        except LookupError:
            raise InputError(f"--encoding: unknown encoding {value!r}") from None


#: a short sentence to load Kiwi's model and the extractors' data before the clock of the bar starts
_WARM_UP = "한빛시는 2024년 3월 5일 10억원을 들여 일자리 20개를 만든다고 김하늘 시장이 밝혔다."


def run_extract(args: argparse.Namespace) -> int:
    from .batch import WorkerError
    from .pipeline import parse_published
    from .progress import Progress

    fmt = args.format
    if fmt == "parquet" and not args.output:
        raise InputError("--format parquet needs --output FILE")
    if args.published:
        parse_published(args.published)  # fail before reading anything
    check_encoding_option(args.encoding)
    paths = list(args.paths)
    if not paths:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError("no input: give files, folders or .jsonl files, or pipe a text into standard input")
        paths = ["-"]
    n_process = getattr(args, "n_process", 1) or 1
    ex = build_extractor(args)
    types = parse_types(args.types, ex)
    show = _progress_wanted(args)
    forced = _progress_forced(args)
    progress = Progress(total=count_inputs(paths) if show else None, enabled=show, force=forced,
                        delay=0 if forced else 1.0)
    if show and n_process == 1:
        ex(_WARM_UP)  # Kiwi's model loads now: the bar's clock, started next, excludes it
        progress.start()
    # (with n_process > 1 the workers load theirs in parallel: the clock starts at the first result)

    skipped: list[dict[str, Any]] = []

    def skip(source: str, line: int | None, err: InputError) -> None:
        from .errors import message

        record = {"source": source, "line": line, "code": "KF110", "message": str(err)}
        skipped.append(record)
        print(f"kfacts: {message('KF110', detail=err)}", file=sys.stderr)

    on_error = skip if getattr(args, "on_error", "fail") == "skip" else None
    if on_error is not None:
        errors_path = errors_file_for(args.output)
        output_kind(errors_path)  # a sidecar we could not write: say so before the run

    budget = getattr(args, "time_budget", None)
    budget = None if budget is None or budget == 0 else budget
    in_flight: dict[int, Any] = {}  # item index -> record id, to name a document over its time budget

    def records() -> Iterator[dict[str, Any]]:
        for i, rec in enumerate(iter_inputs(paths, args.text_field, args.published_field, html_field=args.html_field,
                                            id_field=args.id_field, encoding=args.encoding, on_error=on_error)):
            if args.published:
                rec["published"] = args.published
            in_flight[i] = rec.get("id")
            yield rec

    def results() -> Iterator[dict[str, Any]]:
        from .errors import DocumentTimeoutError

        for i, out in enumerate(ex.pipe(records(), n_process=n_process, time_budget=budget,
                                        errors="yield" if on_error is not None else "raise")):
            source = in_flight.pop(i, None)
            progress.update(1)
            if isinstance(out, DocumentTimeoutError):  # --on-error skip: listed like an unreadable document
                skipped.append({"source": source, "line": None, "code": out.code, "message": str(out)})
                print(f"kfacts: {source}: {out}", file=sys.stderr)
                continue
            out.pop("html", None)
            out["published"] = out.pop("published_resolved", None)
            if types is not None:
                out["facts"] = [f for f in out["facts"] if f["type"] in types]
            yield out

    try:
        if fmt == "jsonl":
            with AtomicOutput(args.output) as fh:
                for out in results():
                    out.pop("text", None)
                    fh.write(json.dumps(out, ensure_ascii=False) + "\n")
        elif fmt == "table":
            with AtomicOutput(args.output) as fh:
                for out in results():
                    fh.write(format_table(out, out.pop("text", None)))
        else:
            from .frames import TableWriter, facts_rows

            with AtomicOutput(args.output, binary=(fmt == "parquet"), bom=(fmt == "csv" and not args.no_bom)) as fh:
                w = TableWriter(fh, fmt)
                for i, out in enumerate(results()):
                    w.write(facts_rows(out.get("id"), out["facts"], i, out.get("published"), text=out.get("text")))
                w.close()
    except WorkerError as e:
        progress.close()
        print(f"kfacts: error: {e}", file=sys.stderr)
        return EXIT_WORKER
    finally:
        progress.close()
    if skipped:
        with AtomicOutput(errors_path) as fh:
            for record in skipped:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        print(f"kfacts: {len(skipped)} document(s) skipped, listed in {errors_path}", file=sys.stderr)
        return EXIT_SKIPPED
    return 0


#: exit status of ``kfacts extract``: some documents were skipped (``--on-error skip``), the rest written
EXIT_SKIPPED = 3
#: exit status when a worker process (``--n-process``) died: nothing written
EXIT_WORKER = 4


def errors_file_for(output: str | None) -> str:
    """Where ``--on-error skip`` lists the skipped documents.

    ``OUTPUT.errors.jsonl`` beside a regular output file (or a symlink to one);
    ``kfacts-errors.jsonl`` in the current folder when writing to standard
    output, a device or a named pipe (no file can be put beside those).
    """
    if output is not None and output_kind(output)[0] == "file":
        return output + ".errors.jsonl"
    return "kfacts-errors.jsonl"


def format_table(out: dict[str, Any], text: str | None = None) -> str:
    """The human-readable block of one record: a header line, then one line per fact.

    With the record's ``text``, each sentence holding facts is shown first (``  > ...``).
    """
    from .frames import sentence_of

    lines = [f"# {out.get('id')}  (published: {out.get('published')}, facts: {len(out['facts'])})"]
    shown = None
    for f in out["facts"]:
        if text is not None:
            sent = sentence_of(text, *f["span"])
            if sent != shown:
                lines.append(f"  > {sent}")
                shown = sent
        fields = ", ".join(f"{k}={v}" for k, v in f.items()
                           if k not in ("type", "text", "span", "rule", "evidence", "html_span") and v is not None)
        lines.append(f"{f['type']:<13}{_pad(f['text'], 24)}{str(tuple(f['span'])):<14}{fields}")
    return "\n".join(lines) + "\n"


def _pad(text: str, width: int) -> str:
    """Pad to ``width`` terminal columns (Hangul and other wide characters take two)."""
    import unicodedata

    cols = sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)
    return text + " " * max(width - cols, 1)
