"""Store tables out to Parquet/CSV files, and documents + mentions in from Parquet (exports, Spark)."""

from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError
from .schema import FIELD_COLUMNS, timestamp

if TYPE_CHECKING:
    from .core import Store

_ARROW_TYPES = {"INTEGER": "int64", "REAL": "float64", "TEXT": "string"}
_CHUNK = 10_000


def _pyarrow(what: str) -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise StoreError("KF406", what=what) from None
    return pyarrow


def _columns(store: "Store", table: str) -> list[tuple[str, str]]:
    return [(r[1], (r[2] or "TEXT").upper()) for r in store.conn.execute(f"PRAGMA table_info({table})")]


def export_tables(store: "Store", folder: Path, fmt: str = "parquet") -> list[Path]:
    """Write each table to ``folder/<table>.<fmt>``; every file appears only once written whole."""
    if fmt not in ("parquet", "csv"):
        raise StoreError("KF404", detail=f"unknown export format {fmt!r} (parquet or csv)")
    pa = _pyarrow("Parquet export") if fmt == "parquet" else None
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    # one read transaction: the files are one consistent snapshot even while another process ingests
    store.conn.execute("BEGIN")
    try:
        for table in store.tables():
            cols = _columns(store, table)
            path = folder / f"{table}.{fmt}"
            fd, tmp = tempfile.mkstemp(prefix=f".{table}.", dir=folder)
            os.close(fd)
            try:
                if pa is not None:
                    import pyarrow.parquet as pq

                    schema = pa.schema([(n, getattr(pa, _ARROW_TYPES.get(t, "string"))()) for n, t in cols])
                    with pq.ParquetWriter(tmp, schema) as w:
                        batch: list[dict[str, Any]] = []
                        for row in store.rows(table):
                            batch.append(row)
                            if len(batch) >= _CHUNK:
                                w.write_table(pa.Table.from_pylist(batch, schema=schema))
                                batch = []
                        if batch:
                            w.write_table(pa.Table.from_pylist(batch, schema=schema))
                else:
                    with open(tmp, "w", encoding="utf-8", newline="") as fh:
                        wr = csv.DictWriter(fh, [n for n, _t in cols])
                        wr.writeheader()
                        for row in store.rows(table):
                            wr.writerow(row)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            out.append(path)
    finally:
        store.conn.execute("COMMIT")
    return out


def _read(folder: Path, name: str, required: bool) -> Any:
    import pyarrow.parquet as pq

    for p in (folder / f"{name}.parquet", folder / name):
        if p.exists():
            try:
                return pq.read_table(p)
            except Exception as e:  # noqa: BLE001 - any unreadable file is a KF405
                raise StoreError("KF405", path=str(p), detail=str(e)) from None
    if required:
        raise StoreError("KF405", path=str(folder), detail=f"no {name}.parquet file or {name}/ folder")
    return None


_DOC_REQUIRED = ("id",)
_MENTION_REQUIRED = ("document_id", "type", "span_start", "span_end", "text")


def import_folder(store: "Store", folder: Path, batch_size: int = 64) -> dict[str, int]:
    """Merge the documents and mentions of a Parquet export or a Spark mentions folder.

    Documents already in the store (same id, the sha256 of the text) are kept
    as they are; their other sources are added. Entities and claims are built
    from the imported mentions exactly as an ingest builds them.
    """
    _pyarrow("Parquet import")
    if not folder.is_dir():
        raise StoreError("KF405", path=str(folder), detail="not a folder")
    docs = _read(folder, "documents", True)
    mentions = _read(folder, "mentions", True)
    sources = _read(folder, "document_sources", False)
    for table, need, name in ((docs, _DOC_REQUIRED, "documents"), (mentions, _MENTION_REQUIRED, "mentions")):
        missing = [c for c in need if c not in table.column_names]
        if missing:
            raise StoreError("KF405", path=str(folder), detail=f"{name} lacks column(s) {', '.join(missing)}")
    by_doc: dict[str, list[dict[str, Any]]] = {}
    seen: set[tuple] = set()  # the same text in several input rows gives its mentions once
    for row in mentions.to_pylist():
        k = (row["document_id"], row["type"], row["span_start"], row["span_end"], row.get("rule"),
             row.get("fields_json"))
        if k in seen:
            continue
        seen.add(k)
        row.pop("id", None)
        row.pop("entity_id", None)
        for c in FIELD_COLUMNS:
            row.setdefault(c, None)
        row.setdefault("rule", None)
        row.setdefault("fields_json", "{}")
        row.setdefault("sentence", None)
        by_doc.setdefault(row["document_id"], []).append(row)
    src_by_doc: dict[str, list[dict[str, Any]]] = {}
    if sources is not None:
        for row in sources.to_pylist():
            src_by_doc.setdefault(row["document_id"], []).append(row)
    known = {r[0] for r in store.conn.execute("SELECT id FROM documents")}
    stats = {"documents": 0, "mentions": 0, "sources": 0, "skipped": 0}
    todo = docs.to_pylist()
    for i in range(0, len(todo), batch_size):
        chunk = todo[i:i + batch_size]

        def work(chunk: list[dict[str, Any]] = chunk) -> None:
            touched: set[int] = set()
            now = timestamp()
            for d in chunk:
                did = d["id"]
                srcs = src_by_doc.get(did) or [{"url": d.get("url"), "outlet": d.get("outlet"),
                                                "published": d.get("published")}]
                if did in known:
                    stats["skipped"] += 1
                    for s in srcs:
                        if store._insert_source(did, s, now):
                            stats["sources"] += 1
                            touched.update(r[0] for r in store.conn.execute(
                                "SELECT cm.claim_id FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id "
                                "WHERE m.document_id = ?", (did,)))
                    continue
                rows = sorted(by_doc.get(did, []), key=lambda r: (r["span_start"], r["span_end"], r["type"]))
                rec = {"text": d.get("text"), "url": d.get("url"), "outlet": d.get("outlet"), "title": d.get("title"),
                       "size": d.get("size") or 0}
                store._insert_document(did, rec, d.get("published"), d.get("added") or now, rows, touched,
                                       version=d.get("kfacts_version"))
                for s in srcs:
                    store._insert_source(did, s, now)
                known.add(did)
                stats["documents"] += 1
                stats["mentions"] += len(rows)
            store._update_claims(touched)

        store._write(work)
    return stats
