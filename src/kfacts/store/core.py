"""The fact store: :class:`Store`, one SQLite file of documents, mentions, entities and claims."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import sqlite3
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence
from urllib.parse import urlsplit

from .._version import __version__
from ..errors import StoreError, StoreWarning
from ..fact import _plain_decimal
from .exchange import export_tables, import_folder
from .schema import FIELD_COLUMNS, FTS, MENTION_COLUMNS, SCHEMA_VERSION, TABLES, VIEWS, timestamp

CLAIM_TYPES = ("award", "money", "jobs")
_SENTENCE_REACH = 240  # characters either side: the sentence around a mention is bounded (linear ingest)


@dataclass(frozen=True)
class Claim:
    """One fact merged across documents (a row of ``claims``)."""

    id: int
    type: str
    subject: str
    level: str | None
    event: str | None
    year: int | None
    value: str | None
    currency: str | None
    qualifier: str | None
    first_published: str | None
    last_published: str | None
    n_documents: int
    n_outlets: int
    n_mentions: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Source:
    """Where a claim was reported: one mention in one document, with the document's url and outlet."""

    claim_id: int
    document_id: str
    url: str | None
    outlet: str | None
    published: str | None
    title: str | None
    text: str
    span: tuple[int, int]
    sentence: str | None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span)
        return d


@dataclass(frozen=True)
class Conflict:
    """Claims that should agree and do not (outlets reporting different levels or counts)."""

    kind: str  # "award_level" | "jobs_count"
    subject: str
    year: int | None
    event: str | None
    qualifier: str | None
    claims: tuple[Claim, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["claims"] = [c.to_dict() for c in self.claims]
        return d


def text_id(text: str) -> str:
    """A document's id: the sha256 of its text (UTF-8), in hex."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def outlet_of(url: str | None) -> str | None:
    """The outlet a url names when none is given: its host without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else (host or None)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _c(v: Any) -> Any:
    """A value SQLite can store: a lone surrogate (not valid Unicode, so not UTF-8) becomes U+FFFD,
    one character for one, so spans still index the stored text."""
    if isinstance(v, str) and _SURROGATE.search(v):
        return _SURROGATE.sub("\ufffd", v)
    return v


def _cs(values: Sequence[Any]) -> list[Any]:
    return [_c(v) for v in values]


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around ``[start, end)``: from the end of the sentence before to the next end (bounded)."""
    lo = max(0, start - _SENTENCE_REACH)
    cut = max(text.rfind(c, lo, start) for c in ".!?\n。")
    s = cut + 1 if cut >= 0 else lo
    hi = min(len(text), end + _SENTENCE_REACH)
    ends = [i for i in (text.find(c, end, hi) for c in ".!?\n。") if i != -1]
    e = min(ends) + 1 if ends else hi
    return text[s:e].strip()


def _bool(v: Any) -> int | None:
    return None if v is None else int(bool(v))


def mention_rows(document_id: str, text: str | None, facts: Iterable[Any]) -> list[dict[str, Any]]:
    """The ``mentions`` rows of one document's facts (Fact objects or their dicts), without ``id``.

    The same function builds the rows of :func:`kfacts.spark.write_mentions`,
    so that a Spark run and a local ingest store identical mentions.
    """
    rows = []
    for f in facts:
        if isinstance(f, dict):
            ftype, ftext, span, rule = f["type"], f["text"], f["span"], f.get("rule")
            fields = {k: v for k, v in f.items() if k not in ("type", "text", "span", "rule", "evidence", "html_span")}
        else:
            ftype, ftext, span, rule, fields = f.type, f.text, f.span, f.rule, dict(f.fields)
        row: dict[str, Any] = {"document_id": document_id, "type": ftype, "span_start": int(span[0]),
                               "span_end": int(span[1]), "text": ftext, "rule": rule}
        for c in FIELD_COLUMNS:
            row[c] = None
        for k, v in fields.items():
            if k in ("value",):
                continue
            if k in FIELD_COLUMNS and not isinstance(v, (dict, list)):
                row[k] = v
        v = fields.get("value")
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            row["value"] = _plain_decimal(v)
            try:
                row["number"] = float(v)
            except OverflowError:
                row["number"] = None
        elif v is not None:
            row["value"] = str(v)
        for b in ("approx", "relative"):
            row[b] = _bool(row[b])
        if not isinstance(row["year"], int) or isinstance(row["year"], bool) or abs(row["year"]) > 10**6:
            row["year"] = None
        row["fields_json"] = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
        row["sentence"] = _sentence(text, int(span[0]), int(span[1])) if text else None
        rows.append(row)
    return rows


def _year_of(iso: str | None) -> int | None:
    if iso and len(iso) >= 4 and iso[:4].isdigit():
        return int(iso[:4])
    return None


def _claim_key(m: dict[str, Any], published: str | None) -> tuple[str, dict[str, Any]] | None:
    """The merge key of a mention's claim (issue 11): award = recipient + level + event + year;
    money = subject + value + currency + year; jobs = subject + value + year. None: no claim."""
    t = m["type"]
    if t == "award":
        if not m.get("recipient"):
            return None
        year = m.get("year") if m.get("year") is not None else _year_of(published)
        cols = {"subject": m["recipient"], "level": m.get("award"), "event": m.get("event"), "year": year}
        key = [t, cols["subject"], cols["level"], cols["event"], year]
    elif t in ("money", "jobs"):
        if not m.get("subject") or m.get("value") is None:
            return None
        year = _year_of(published)
        cols = {"subject": m["subject"], "value": m["value"], "year": year,
                "currency": m.get("currency") if t == "money" else None, "qualifier": m.get("qualifier")}
        key = [t, cols["subject"], cols["value"], cols["currency"], year] if t == "money" \
            else [t, cols["subject"], cols["value"], year]
    else:
        return None
    return json.dumps(key, ensure_ascii=False), cols


class Store:
    """A fact store in one SQLite file (WAL mode), or in memory (``":memory:"``).

    Parameters
    ----------
    path : str or Path
        The store file; created when missing. ``":memory:"`` for a store that
        lives as long as the object.
    extractor : kfacts.Extractor, optional
        The extractor :meth:`add` and :meth:`refresh` use (default: a new ``Extractor()``).
    store_text : bool
        Keep each document's text (with full-text search, :meth:`search`); needed by :meth:`refresh`.
    timeout : float
        Seconds to wait for another process's write lock before ``KF403``.
    create : bool
        Create the store when the file does not exist (else ``KF401``).

    Raises
    ------
    StoreError
        ``KF401`` the file is not a kfacts store; ``KF402`` its schema is newer
        than this kfacts; ``KF403`` it is locked. Nothing is changed.
    """

    def __init__(self, path: str | os.PathLike[str] = ":memory:", *, extractor: Any = None, store_text: bool = True,
                 timeout: float = 5.0, create: bool = True) -> None:
        self.path = str(path)
        self.timeout = timeout
        self.store_text = store_text
        self._extractor = extractor
        self._entity_cache: dict[tuple[str, str, str], int] = {}
        memory = self.path == ":memory:"
        if not memory and Path(self.path).is_dir():
            raise StoreError("KF401", path=self.path, detail="a folder")
        existed = not memory and Path(self.path).exists() and Path(self.path).stat().st_size > 0
        if not memory and not create and not Path(self.path).exists():
            raise StoreError("KF401", path=self.path, detail="no such file")
        try:
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise StoreError("KF401", path=self.path, detail=str(e)) from None
        try:
            self._open(existed, memory)
        except BaseException:
            self.conn.close()
            raise

    # -- opening ----------------------------------------------------------------
    def _open(self, existed: bool, memory: bool) -> None:
        c = self.conn
        try:
            if existed:
                tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
                if "meta" not in tables:
                    raise StoreError("KF401", path=self.path,
                                     detail="an SQLite database without the kfacts meta table" if tables
                                     else "an empty SQLite database written by another program")
                meta = dict(c.execute("SELECT key, value FROM meta").fetchall())
                if meta.get("application") != "kfacts":
                    raise StoreError("KF401", path=self.path, detail="its meta table is not kfacts'")
                found = int(meta.get("schema_version", "0"))
                if found > SCHEMA_VERSION:
                    raise StoreError("KF402", path=self.path, found=found, version=__version__,
                                     supported=SCHEMA_VERSION)
                self.fts = "documents_fts" in tables
            else:
                self._create(memory)
            if not memory:
                mode = c.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    self._write(lambda: c.execute("PRAGMA journal_mode=WAL"))
            c.execute("PRAGMA foreign_keys=ON")
            c.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.DatabaseError as e:
            if _locked(e):
                raise StoreError("KF403", path=self.path, timeout=self.timeout, detail=str(e)) from None
            raise StoreError("KF401", path=self.path, detail=str(e)) from None

    def _create(self, memory: bool) -> None:
        c = self.conn
        if not memory:
            c.execute("PRAGMA journal_mode=WAL")
        c.execute("BEGIN IMMEDIATE")
        try:
            for stmt in _statements(TABLES + VIEWS):
                c.execute(stmt)
            try:
                c.execute(FTS)
                self.fts = True
            except sqlite3.OperationalError:
                self.fts = False
                warnings.warn(StoreWarning("KF407"), stacklevel=4)
            meta = {"application": "kfacts", "schema_version": str(SCHEMA_VERSION), "created": timestamp(),
                    "created_by": __version__}
            c.executemany("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", meta.items())
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0])

    @property
    def extractor(self) -> Any:
        if self._extractor is None:
            from ..api import Extractor

            self._extractor = Extractor()
        return self._extractor

    # -- writing ----------------------------------------------------------------
    def _write(self, fn: Any) -> Any:
        """Run ``fn`` in one write transaction (``BEGIN IMMEDIATE``): all of it, or nothing."""
        c = self.conn
        try:
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            if _locked(e):
                raise StoreError("KF403", path=self.path, timeout=self.timeout, detail=str(e)) from None
            raise
        try:
            out = fn()
            c.execute("COMMIT")
            return out
        except BaseException as e:
            self._entity_cache.clear()  # ids of entities created in the rolled-back transaction
            try:
                c.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            if isinstance(e, sqlite3.OperationalError) and _locked(e):
                raise StoreError("KF403", path=self.path, timeout=self.timeout, detail=str(e)) from None
            raise

    def _record(self, item: Any) -> dict[str, Any]:
        """An input item as ``{"text", "url", "outlet", "published", "title", "facts"?}``."""
        from ..fact import Document

        if isinstance(item, str):
            return {"text": item}
        if isinstance(item, Document):
            return {"text": item.text, "published": item.published.isoformat() if item.published else None,
                    "title": item.meta.get("title"), "document": item}
        if isinstance(item, dict):
            rec = dict(item)
            if "text" not in rec and "html" in rec:
                from ..htmltext import html_to_text

                page = html_to_text(rec["html"])
                rec["text"] = page.text
                rec.setdefault("title", page.title)
                if not rec.get("published") and page.published:
                    rec["published"] = page.published
            if not isinstance(rec.get("text"), str):
                from ..errors import InputKeyError

                raise InputKeyError("KF105", field="text", fields=", ".join(sorted(map(str, rec))[:8]))
            pub = rec.get("published")
            if isinstance(pub, (_dt.date, _dt.datetime)):
                rec["published"] = pub.isoformat()[:10]
            return rec
        from ..errors import InputTypeError

        raise InputTypeError("KF106", kind=type(item).__name__)

    def add(self, items: Iterable[Any], *, n_process: int = 1, batch_size: int = 64,
            progress: Any = None) -> dict[str, int]:
        """Extract and store texts, records or Documents; returns counts of what changed.

        ``items``: strings, records (dicts with ``text`` or ``html``, and optional
        ``url``, ``outlet``, ``published``, ``title``) or :class:`kfacts.Document`
        objects (stored as they are, without extracting again). Texts stream
        through ``Extractor.pipe(n_process=...)``; every ``batch_size`` documents
        are committed in one transaction, a document always whole with all its
        rows. A text already stored (same sha256) is not extracted again; a new
        url or outlet for it is recorded as another source.
        """
        known = {r[0] for r in self.conn.execute("SELECT id FROM documents")}
        seen: set[str] = set()
        extra_sources: list[tuple[str, dict[str, Any]]] = []
        direct: list[tuple[str, dict[str, Any]]] = []
        stats = {"documents": 0, "sources": 0, "skipped": 0, "mentions": 0}
        waiting: dict[str, dict[str, Any]] = {}

        def todo() -> Iterator[dict[str, Any]]:
            for item in items:
                rec = self._record(item)
                did = text_id(rec["text"])
                if did in known or did in seen:
                    extra_sources.append((did, rec))
                    stats["skipped"] += 1
                    if progress is not None:
                        progress.update(1)
                    continue
                seen.add(did)
                rec["_id"] = did
                if "document" in rec:
                    direct.append((did, rec))
                    continue
                waiting[did] = rec  # kept here: only the text and date travel to worker processes
                yield {"text": rec["text"], "published": rec.get("published"), "_id": did}

        pending: list[tuple[str, dict[str, Any], list[Any], str | None]] = []

        def flush() -> None:
            docs = list(pending)
            srcs = list(extra_sources)
            pending.clear()
            extra_sources.clear()
            if docs or srcs:
                self._write(lambda: self._write_batch(docs, srcs, stats))

        ext = self.extractor
        for out in ext.pipe(todo(), n_process=n_process):
            rec = waiting.pop(out["_id"])
            pending.append((out["_id"], rec, out["facts"], out.get("published_resolved")))
            while direct:
                did, r = direct.pop()
                doc = r["document"]
                pending.append((did, r, list(doc.facts), r.get("published")))
            if progress is not None:
                progress.update(1)
            if len(pending) >= batch_size:
                flush()
        while direct:
            did, r = direct.pop()
            pending.append((did, r, list(r["document"].facts), r.get("published")))
            if progress is not None:
                progress.update(1)
        flush()
        return stats

    def _write_batch(self, docs: Sequence[tuple[str, dict[str, Any], list[Any], str | None]],
                     srcs: Sequence[tuple[str, dict[str, Any]]], stats: dict[str, int]) -> None:
        touched: set[int] = set()
        now = timestamp()
        for did, rec, facts, published in docs:
            text = rec["text"]
            rows = mention_rows(did, text, facts)
            self._insert_document(did, rec, published, now, rows, touched)
            stats["documents"] += 1
            stats["mentions"] += len(rows)
        for did, rec in srcs:
            if self._insert_source(did, rec, now):
                stats["sources"] += 1
                touched.update(r[0] for r in self.conn.execute(
                    "SELECT cm.claim_id FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id "
                    "WHERE m.document_id = ?", (did,)))
        self._update_claims(touched)

    def _insert_source(self, did: str, rec: dict[str, Any], now: str) -> bool:
        url = rec.get("url") or ""
        outlet = rec.get("outlet") or outlet_of(url) or ""
        cur = self.conn.execute("INSERT OR IGNORE INTO document_sources(document_id, url, outlet, published, added) "
                                "VALUES (?, ?, ?, ?, ?)", _cs((did, url, outlet, rec.get("published"), now)))
        return cur.rowcount > 0

    def _insert_document(self, did: str, rec: dict[str, Any], published: str | None, now: str,
                         rows: list[dict[str, Any]], touched: set[int], version: str | None = None) -> None:
        c = self.conn
        text = rec.get("text")
        url = rec.get("url")
        outlet = rec.get("outlet") or outlet_of(url)
        published = published or rec.get("published")
        c.execute("INSERT INTO documents(id, url, outlet, published, title, size, added, kfacts_version, text) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  _cs((did, url, outlet, published, rec.get("title"),
                       len(text) if text is not None else rec.get("size", 0), now, version or __version__,
                       text if self.store_text else None)))
        if self.fts and self.store_text and text:
            rowid = c.execute("SELECT rowid FROM documents WHERE id = ?", (did,)).fetchone()[0]
            c.execute("INSERT INTO documents_fts(rowid, text) VALUES (?, ?)", (rowid, _c(text)))
        self._insert_source(did, {**rec, "published": published}, now)
        self._insert_mentions(did, rows, published, touched)

    def _insert_mentions(self, did: str, rows: list[dict[str, Any]], published: str | None, touched: set[int]) -> None:
        c = self.conn
        cols = [x for x in MENTION_COLUMNS if x != "id"]
        sql = f"INSERT INTO mentions({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
        for row in rows:
            row = dict(row)
            row["entity_id"] = self._entity(row)
            mid = c.execute(sql, _cs([row.get(x) for x in cols])).lastrowid
            ck = _claim_key(row, published)
            if ck is None:
                continue
            key, kc = ck
            c.execute("INSERT OR IGNORE INTO claims(type, key, subject, level, event, year, value, currency, qualifier) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      _cs((row["type"], key, kc["subject"], kc.get("level"), kc.get("event"), kc.get("year"),
                           kc.get("value"), kc.get("currency"), kc.get("qualifier"))))
            cid = c.execute("SELECT id FROM claims WHERE key = ?", (_c(key),)).fetchone()[0]
            c.execute("INSERT OR IGNORE INTO claim_mentions(claim_id, mention_id) VALUES (?, ?)", (cid, mid))
            touched.add(cid)

    def _entity(self, row: dict[str, Any]) -> int | None:
        """The entity of an organization or person mention (created when new), with its surface recorded."""
        if row["type"] == "organization":
            name = row.get("canonical") or row.get("name") or row["text"]
            key = ("organization", name, "")
            kind = row.get("kind")
        elif row["type"] == "person":
            name = row.get("name") or row["text"]
            key = ("person", name, row.get("org") or "")
            kind = row.get("title")
        else:
            return None
        c = self.conn
        key = tuple(_cs(key))  # type: ignore[assignment]
        eid = self._entity_cache.get(key)
        if eid is None:
            c.execute("INSERT OR IGNORE INTO entities(type, name, org, kind) VALUES (?, ?, ?, ?)", _cs((*key, kind)))
            eid = c.execute("SELECT id FROM entities WHERE type = ? AND name = ? AND org = ?", key).fetchone()[0]
            self._entity_cache[key] = eid
        c.execute("INSERT OR IGNORE INTO entity_surfaces(entity_id, surface) VALUES (?, ?)", (eid, _c(row["text"])))
        return eid

    def _update_claims(self, ids: Iterable[int]) -> None:
        """Recompute the counts and dates of these claims (inside the caller's transaction)."""
        c = self.conn
        for cid in ids:
            docs = [r[0] for r in c.execute(
                "SELECT DISTINCT m.document_id FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id "
                "WHERE cm.claim_id = ?", (cid,))]
            if not docs:
                c.execute("DELETE FROM claims WHERE id = ?", (cid,))
                continue
            marks = ",".join("?" * len(docs))
            n_mentions = c.execute("SELECT count(*) FROM claim_mentions WHERE claim_id = ?", (cid,)).fetchone()[0]
            n_outlets = c.execute(
                f"SELECT count(DISTINCT CASE WHEN outlet = '' THEN 'doc:' || document_id ELSE outlet END) "
                f"FROM document_sources WHERE document_id IN ({marks})", docs).fetchone()[0]
            first, last = c.execute(
                f"SELECT min(p), max(p) FROM (SELECT published AS p FROM documents WHERE id IN ({marks}) "
                f"UNION ALL SELECT published FROM document_sources WHERE document_id IN ({marks}))",
                docs + docs).fetchone()
            c.execute("UPDATE claims SET n_documents = ?, n_outlets = ?, n_mentions = ?, first_published = ?, "
                      "last_published = ? WHERE id = ?", (len(docs), n_outlets, n_mentions, first, last, cid))

    def refresh(self, *, force: bool = False, n_process: int = 1, batch_size: int = 64) -> dict[str, int]:
        """Extract again every document stored by another kfacts version (all with ``force=True``).

        Needs the documents' text (``store_text=True``); documents without it
        are counted under ``no_text`` and left as they are.
        """
        c = self.conn
        where = "" if force else " WHERE kfacts_version != ?"
        args: tuple = () if force else (__version__,)
        rows = c.execute(f"SELECT id, text, published, url, outlet, title FROM documents{where}", args).fetchall()
        stats = {"refreshed": 0, "no_text": 0}
        todo = [r for r in rows if r[1] is not None]
        stats["no_text"] = len(rows) - len(todo)
        ext = self.extractor
        items = ({"text": r[1], "published": r[2], "_row": r} for r in todo)
        batch: list[tuple[Any, list[Any]]] = []

        def flush() -> None:
            done = list(batch)
            batch.clear()

            def work() -> None:
                touched: set[int] = set()
                for r, facts in done:
                    did = r[0]
                    touched.update(x[0] for x in c.execute(
                        "SELECT cm.claim_id FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id "
                        "WHERE m.document_id = ?", (did,)))
                    c.execute("DELETE FROM claim_mentions WHERE mention_id IN "
                              "(SELECT id FROM mentions WHERE document_id = ?)", (did,))
                    c.execute("DELETE FROM mentions WHERE document_id = ?", (did,))
                    self._insert_mentions(did, mention_rows(did, r[1], facts), r[2], touched)
                    c.execute("UPDATE documents SET kfacts_version = ? WHERE id = ?", (__version__, did))
                    stats["refreshed"] += 1
                self._update_claims(touched)

            if done:
                self._write(work)

        for out in ext.pipe(items, n_process=n_process):
            batch.append((out["_row"], out["facts"]))
            if len(batch) >= batch_size:
                flush()
        flush()
        return stats

    # -- counting and reading ---------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "document_sources", "mentions", "entities", "entity_surfaces", "claims",
                          "claim_mentions")}

    def resolve(self, entity: str) -> list[str]:
        """The canonical names a query name stands for: itself, an entity seen with that surface
        (``성동구`` -> ``서울특별시 성동구``), or what kfacts canonicalizes it to (``광주시`` -> ``광주광역시``)."""
        c = self.conn
        names = {r[0] for r in c.execute("SELECT name FROM entities WHERE name = ?", (entity,))}
        names |= {r[0] for r in c.execute(
            "SELECT DISTINCT e.name FROM entity_surfaces s JOIN entities e ON e.id = s.entity_id "
            "WHERE s.surface = ? AND e.type = 'organization'", (entity,))}
        if not names:
            names |= {r[0] for r in c.execute("SELECT DISTINCT subject FROM claims WHERE subject = ?", (entity,))}
        if not names and entity.strip():
            try:
                doc = self.extractor(entity.strip() + "는")
                names |= {f.fields.get("canonical") for f in doc.facts
                          if f.type == "organization" and f.fields.get("canonical")}
            except Exception:  # noqa: BLE001 - a query string kfacts cannot read resolves to itself
                pass
        return sorted(names) or [entity]

    def claims(self, type: str | None = None, entity: str | None = None, since: Any = None, until: Any = None,
               *, as_frame: bool = False) -> Any:
        """Claims, filtered by type, entity (a short name resolves), and a year range (inclusive).

        Returns a list of :class:`Claim` (a pandas DataFrame with ``as_frame=True``).
        """
        where: list[str] = []
        args: list[Any] = []
        if type is not None:
            types = [type] if isinstance(type, str) else list(type)
            bad = [t for t in types if t not in CLAIM_TYPES]
            if bad:
                raise StoreError("KF404", detail=f"unknown claim type(s) {', '.join(map(repr, bad))}; "
                                                 f"claims are {', '.join(CLAIM_TYPES)}")
            where.append(f"type IN ({','.join('?' * len(types))})")
            args += types
        if entity is not None:
            names = self.resolve(entity)
            where.append(f"subject IN ({','.join('?' * len(names))})")
            args += names
        lo, hi = _year_arg(since, "since"), _year_arg(until, "until")
        if lo is not None:
            where.append("year >= ?")
            args.append(lo)
        if hi is not None:
            where.append("year <= ?")
            args.append(hi)
        sql = "SELECT " + ", ".join(_CLAIM_FIELDS) + " FROM claims"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY year, type, subject, id"
        out = [Claim(*r) for r in self.conn.execute(sql, args)]
        if as_frame:
            import pandas as pd  # type: ignore[import-untyped,unused-ignore]

            return pd.DataFrame([c.to_dict() for c in out], columns=list(_CLAIM_FIELDS))
        return out

    def claim(self, claim_id: int) -> Claim:
        r = self.conn.execute("SELECT " + ", ".join(_CLAIM_FIELDS) + " FROM claims WHERE id = ?",
                              (int(claim_id),)).fetchone()
        if r is None:
            raise StoreError("KF404", detail=f"no claim {claim_id}")
        return Claim(*r)

    def sources(self, claim: Claim | int) -> list[Source]:
        """Every mention of a claim, with its document's urls and outlets (one row per source)."""
        cid = claim.id if isinstance(claim, Claim) else int(claim)
        rows = self.conn.execute(
            "SELECT cm.claim_id, d.id, nullif(s.url, ''), nullif(s.outlet, ''), coalesce(s.published, d.published), "
            "d.title, m.text, m.span_start, m.span_end, m.sentence "
            "FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id JOIN documents d ON d.id = m.document_id "
            "JOIN document_sources s ON s.document_id = d.id WHERE cm.claim_id = ? "
            "ORDER BY coalesce(s.published, d.published), s.outlet, m.span_start", (cid,))
        return [Source(r[0], r[1], r[2], r[3], r[4], r[5], r[6], (r[7], r[8]), r[9]) for r in rows]

    def timeline(self, entity: str) -> list[dict[str, Any]]:
        """An entity's claims per year and type: ``{"year", "type", "claims", "documents"}`` rows."""
        names = self.resolve(entity)
        marks = ",".join("?" * len(names))
        rows = self.conn.execute(
            f"SELECT c.year, c.type, count(DISTINCT c.id), count(DISTINCT m.document_id) FROM claims c "
            f"JOIN claim_mentions cm ON cm.claim_id = c.id JOIN mentions m ON m.id = cm.mention_id "
            f"WHERE c.subject IN ({marks}) GROUP BY c.year, c.type ORDER BY c.year, c.type", names)
        return [{"year": r[0], "type": r[1], "claims": r[2], "documents": r[3]} for r in rows]

    def conflicts(self) -> list[Conflict]:
        """Claims that disagree across documents: the same award event, year and recipient with
        different levels; the same subject, year and qualifier with different job counts.

        Two claims disagree only when no one document reports both (a page listing a target and
        a result, or two prizes, is not a disagreement).
        """
        c = self.conn
        out: list[Conflict] = []
        groups = [
            ("award_level", "SELECT subject, year, event, NULL FROM claims WHERE type = 'award' AND event IS NOT NULL "
                            "GROUP BY subject, year, event HAVING count(DISTINCT coalesce(level, '')) > 1",
             "type = 'award' AND subject = ? AND year IS ? AND event = ?"),
            ("jobs_count", "SELECT subject, year, NULL, qualifier FROM claims WHERE type = 'jobs' "
                           "GROUP BY subject, year, qualifier HAVING count(DISTINCT value) > 1",
             "type = 'jobs' AND subject = ? AND year IS ? AND qualifier IS ?"),
        ]
        for kind, gsql, csql in groups:
            for subject, year, event, qualifier in c.execute(gsql).fetchall():
                arg = (subject, year, event if kind == "award_level" else qualifier)
                claims = [Claim(*r) for r in c.execute(
                    "SELECT " + ", ".join(_CLAIM_FIELDS) + f" FROM claims WHERE {csql} ORDER BY id", arg)]
                docs = {cl.id: {r[0] for r in c.execute(
                    "SELECT DISTINCT m.document_id FROM claim_mentions cm JOIN mentions m ON m.id = cm.mention_id "
                    "WHERE cm.claim_id = ?", (cl.id,))} for cl in claims}
                # keep the claims some other claim of the group disagrees with from other documents
                keep = [a for a in claims
                        if any(b.id != a.id and (b.level, b.value) != (a.level, a.value) and not (docs[a.id] & docs[b.id])
                               for b in claims)]
                if len(keep) > 1:
                    out.append(Conflict(kind, subject, year, event, qualifier, tuple(keep)))
        return out

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over the stored texts (FTS5): ``{"document_id", "url", "title", "snippet"}`` rows."""
        if not self.fts:
            raise StoreError("KF404", detail="this store has no full-text index (its SQLite had no FTS5)")
        try:
            rows = self.conn.execute(
                "SELECT d.id, d.url, d.title, snippet(documents_fts, 0, '[', ']', '…', 12) FROM documents_fts "
                "JOIN documents d ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? LIMIT ?",
                (query, int(limit))).fetchall()
        except sqlite3.OperationalError as e:
            raise StoreError("KF404", detail=f"full-text query {query!r}: {e}") from None
        return [{"document_id": r[0], "url": r[1], "title": r[2], "snippet": r[3]} for r in rows]

    # -- export and import --------------------------------------------------------
    def tables(self) -> list[str]:
        return ["documents", "document_sources", "mentions", "entities", "entity_surfaces", "claims", "claim_mentions"]

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        if table not in self.tables():
            raise StoreError("KF404", detail=f"unknown table {table!r}")
        cur = self.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")
        names = [d[0] for d in cur.description]
        for r in cur:
            yield dict(zip(names, r))

    def export(self, folder: str | os.PathLike[str], format: str = "parquet") -> list[Path]:
        """Write every table to ``folder/<table>.parquet`` (or ``.csv``); returns the files."""
        return export_tables(self, Path(folder), format)

    def import_parquet(self, folder: str | os.PathLike[str]) -> dict[str, int]:
        """Merge documents and mentions from a Parquet export or a Spark mentions folder."""
        return import_folder(self, Path(folder))


_CLAIM_FIELDS = ("id", "type", "subject", "level", "event", "year", "value", "currency", "qualifier",
                 "first_published", "last_published", "n_documents", "n_outlets", "n_mentions")


def _year_arg(v: Any, name: str) -> int | None:
    if v is None:
        return None
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v.year
    if isinstance(v, bool):
        raise StoreError("KF404", detail=f"{name}={v!r} is not a year")
    if isinstance(v, int):
        return v
    if isinstance(v, str) and len(v) >= 4 and v[:4].isdigit() and (len(v) == 4 or v[4] in "-./"):
        return int(v[:4])
    raise StoreError("KF404", detail=f"{name}={v!r} is not a year (2015, '2015' or '2015-03-01')")


def _locked(e: BaseException) -> bool:
    s = str(e).lower()
    return "locked" in s or "busy" in s


def _statements(script: str) -> list[str]:
    out, cur = [], []
    for line in script.splitlines():
        cur.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(cur))
            cur = []
    return [s for s in out if s.strip()]
