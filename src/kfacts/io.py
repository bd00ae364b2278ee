"""Reading inputs and writing outputs for the ``kfacts extract`` command."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator


def iter_inputs(paths: list[str], text_field: str = "text", published_field: str = "published") -> Iterator[dict[str, Any]]:
    """Yield records ``{"id", "text", "published", ...}`` from files, folders, JSONL or stdin.

    Raises ``FileNotFoundError``/``ValueError`` with a clear message on unreadable input.
    """
    for raw in paths:
        if raw == "-":
            yield {"id": "<stdin>", "text": sys.stdin.read(), "published": None}
            continue
        p = Path(raw)
        if not p.exists():
            raise FileNotFoundError(f"no such file or folder: {raw}")
        if p.is_dir():
            files = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix in (".txt", ".jsonl"))
            if not files:
                raise FileNotFoundError(f"no .txt or .jsonl files in folder: {raw}")
        else:
            files = [p]
        for f in files:
            if f.suffix == ".jsonl":
                yield from _iter_jsonl(f, text_field, published_field)
            else:
                try:
                    text = f.read_text(encoding="utf-8")
                except UnicodeDecodeError as e:
                    raise ValueError(f"{f}: not UTF-8 text ({e.reason} at byte {e.start})") from None
                yield {"id": str(f), "text": text, "published": None}


def _iter_jsonl(path: Path, text_field: str, published_field: str) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{lineno}: not JSON ({e.msg})") from None
            if not isinstance(rec, dict) or not isinstance(rec.get(text_field), str):
                raise ValueError(f"{path}:{lineno}: no string field {text_field!r} (use --text-field)")
            out = dict(rec)
            out.setdefault("id", f"{path}:{lineno}")
            out["text"] = rec[text_field]
            out["published"] = rec.get(published_field)
            yield out


class AtomicOutput:
    """Write to a temporary file beside the target; move it in place only on success."""

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
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=str(target.parent))
        self.fh = os.fdopen(fd, "wb" if self.binary else "w", **({} if self.binary else {"encoding": "utf-8", "newline": ""}))
        return self.fh

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self.path is None:
            self.fh.flush()
            return
        self.fh.close()
        if exc_type is None:
            os.replace(self.tmp, self.path)
        else:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass


def _progress(total: int | None, enabled: bool) -> Any:
    from .progress import Progress

    return Progress(total=total, enabled=enabled)


def run_extract(args: argparse.Namespace) -> int:
    from .pipeline import Extractor

    ex = Extractor(packs=args.pack or (), disable=args.disable or ())
    records = list(iter_inputs(args.paths, args.text_field, args.published_field))
    fmt = args.format
    if fmt == "parquet" and not args.output:
        raise ValueError("--format parquet needs --output FILE")
    progress = _progress(len(records), enabled=not args.no_progress and len(records) > 1)
    if args.published:
        for r in records:
            r["published"] = args.published

    def results() -> Iterator[tuple[dict[str, Any], Any]]:
        texts = ({"text": r["text"], "published": r["published"], "_i": i} for i, r in enumerate(records))
        for out in ex.pipe(texts, n_process=args.n_process):
            i = out["_i"]
            progress.update(1)
            yield records[i], out
        progress.close()

    if fmt == "jsonl":
        with AtomicOutput(args.output) as fh:
            for rec, out in results():
                row = {k: v for k, v in rec.items() if k != "text"}
                row["published"] = out.get("published_resolved")
                row["facts"] = out["facts"]
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "table":
        with AtomicOutput(args.output) as fh:
            for rec, out in results():
                fh.write(f"# {rec['id']}  (published: {out.get('published_resolved')})\n")
                for f in out["facts"]:
                    fields = ", ".join(f"{k}={v}" for k, v in f.items()
                                       if k not in ("type", "text", "span", "rule", "evidence") and v is not None)
                    fh.write(f"{f['type']:<13}{f['text']:<24}{str(tuple(f['span'])):<14}{fields}\n")
    elif fmt in ("csv", "parquet"):
        from .frames import facts_rows, write_table

        rows = []
        for rec, out in results():
            rows.extend(facts_rows(rec["id"], out["facts"]))
        write_table(rows, fmt, args.output)
    return 0
