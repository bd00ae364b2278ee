"""Extraction in Apache Spark: one row per fact, the table schema of :mod:`kfacts.frames`.

>>> from kfacts.spark import extract_facts                       # doctest: +SKIP
>>> facts = extract_facts(df, text_col="body", published_col="date", id_col="url")  # doctest: +SKIP

Built on ``DataFrame.mapInArrow``: each Python worker process builds one
Extractor (cached at module level, so Kiwi's model loads once per worker
process and is reused by every task that process runs) and turns Arrow record
batches of texts into Arrow record batches of facts. Executors need kfacts
installed (``pip install kfacts[spark]``).

Worker Python. In local mode (``local``, ``local[N]``) the workers run on
this machine; where the user has set neither ``PYSPARK_PYTHON`` nor
``spark.pyspark.python``, :func:`extract_facts` points them at the driver's
own interpreter (``sys.executable``), so a script run as
``.venv/bin/python job.py`` works without activating the venv (PySpark's own
default is whatever ``python3`` comes first on PATH, which has no kfacts).
On a cluster the executors must have kfacts themselves: install it on every
node, or ship a packed environment with the job (``venv-pack``/``conda-pack``
plus ``spark.archives`` and ``PYSPARK_PYTHON=./environment/bin/python``);
kfacts never changes a cluster's settings.

Output columns are :data:`kfacts.frames.COLUMNS`. ``doc_id`` is ``id_col``
as a string (null without ``id_col``); ``doc_index`` is a unique (not
consecutive) number per input row from ``monotonically_increasing_id()``,
so facts of one row can always be grouped back together.
"""

from __future__ import annotations

import functools
import os
import sys
from typing import Any, Iterator, Sequence

__all__ = ["extract_facts", "spark_schema", "worker_python", "write_mentions", "store_rows_ddl"]

#: (packs, disable, zoning) -> Extractor, per Python worker process
_EXTRACTORS: dict[Any, Any] = {}

_TEXT, _PUB, _ID, _IDX = "__kfacts_text", "__kfacts_published", "__kfacts_id", "__kfacts_index"


def spark_schema() -> str:
    """The Spark DDL string of the output (same columns as :func:`kfacts.to_arrow`)."""
    from .frames import spark_ddl

    return spark_ddl()


def worker_python(spark: Any) -> str | None:
    """Point a local session's Python workers at this interpreter, unless the user chose one.

    Returns the worker Python now in force, or None where kfacts cannot tell
    (Spark Connect, which has no driver-side context). Only local masters are
    changed; an explicit ``PYSPARK_PYTHON`` or ``spark.pyspark.python`` always
    wins (the latter is applied too, since PySpark reads only the variable
    when it runs in-process rather than through ``spark-submit``).
    """
    sc = getattr(spark, "_sc", None)
    if sc is None or not hasattr(sc, "pythonExec"):
        return None
    if os.environ.get("PYSPARK_PYTHON"):
        return str(sc.pythonExec)
    chosen = sc.getConf().get("spark.pyspark.python")
    if chosen:
        sc.pythonExec = chosen
    elif str(sc.master).startswith("local"):
        sc.pythonExec = sys.executable
    return str(sc.pythonExec)


def _extractor(packs: tuple[str, ...], disable: tuple[str, ...], zoning: bool) -> Any:
    key = (packs, disable, zoning)
    ex = _EXTRACTORS.get(key)
    if ex is None:
        from .api import Extractor

        ex = _EXTRACTORS[key] = Extractor(packs=list(packs), disable=list(disable), zoning=zoning)
    return ex


def _map_batches(batches: Iterator[Any], packs: tuple[str, ...], disable: tuple[str, ...], zoning: bool,
                 published: Any, chunk_rows: int = 4096) -> Iterator[Any]:
    """Executor side: record batches of texts in, record batches of fact rows out."""
    from .frames import facts_rows, rows_to_arrow

    ex = _extractor(packs, disable, zoning)
    rows: list[dict[str, Any]] = []
    for batch in batches:
        cols = batch.to_pydict()
        texts = cols[_TEXT]
        pubs = cols.get(_PUB) or [None] * len(texts)
        ids = cols.get(_ID) or [None] * len(texts)
        for text, pub, doc_id, index in zip(texts, pubs, ids, cols[_IDX]):
            if text is None:
                continue
            doc = ex(text, published=pub if pub is not None else published)
            day = doc.published.isoformat() if doc.published else None
            rows.extend(facts_rows(doc_id, doc.facts, index, day, doc.text))
            if len(rows) >= chunk_rows:
                yield from rows_to_arrow(rows).to_batches()
                rows = []
    if rows:
        yield from rows_to_arrow(rows).to_batches()


def extract_facts(df: Any, text_col: str = "text", published_col: str | None = None, id_col: str | None = None,
                  *, published: Any = None, packs: Sequence[str] = (), disable: Sequence[str] = (),
                  zoning: bool = True) -> Any:
    """Facts of every row of a Spark DataFrame, one output row per fact.

    Parameters
    ----------
    df : pyspark.sql.DataFrame
        The input; only ``text_col`` (and ``published_col``, ``id_col``) are read.
    text_col : str
        Column holding the texts (string; null rows give no facts).
    published_col : str, optional
        Column holding each row's publication date (ISO string, date or timestamp).
    id_col : str, optional
        Column identifying each row; becomes ``doc_id`` (as a string).
    published : str or date, optional
        Publication date for rows without one.
    packs, disable, zoning
        As for :class:`kfacts.Extractor` (pack paths must exist on the executors).

    Returns
    -------
    pyspark.sql.DataFrame
        With the schema :func:`spark_schema`.
    """
    from pyspark.sql import functions as F

    from .pipeline import parse_published

    pub = parse_published(published)
    cols = [F.col(text_col).cast("string").alias(_TEXT)]
    if published_col is not None:
        c = F.col(published_col)
        dtype = dict(df.dtypes).get(published_col)
        cols.append((F.to_date(c) if dtype in ("date", "timestamp", "timestamp_ntz") else c.cast("string")).alias(_PUB))
    if id_col is not None:
        cols.append(F.col(id_col).cast("string").alias(_ID))
    cols.append(F.monotonically_increasing_id().alias(_IDX))
    worker_python(df.sparkSession)
    slim = df.select(*cols)
    fn = functools.partial(_map_batches, packs=tuple(str(p) for p in packs), disable=tuple(sorted(disable)),
                           zoning=zoning, published=pub)
    return slim.mapInArrow(fn, spark_schema())


# -- the store's layout: documents and mentions as Parquet (kfacts store import) -------
_STORE_TYPES = {"span_start": "bigint", "span_end": "bigint", "year": "bigint", "number": "double",
                "approx": "bigint", "relative": "bigint", "doc_size": "bigint"}


def _store_columns() -> list[str]:
    from .store.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS

    mention = [c for c in MENTION_COLUMNS if c not in ("id", "entity_id", "document_id")]
    # document columns carry a doc_ prefix: a mention has its own text and title
    return ["row_kind", "document_id"] + [f"doc_{c}" for c in DOCUMENT_COLUMNS if c != "id"] + mention


def store_rows_ddl() -> str:
    """The Spark DDL of the rows :func:`write_mentions` computes (one per document and per mention)."""
    return ", ".join(f"`{c}` {_STORE_TYPES.get(c, 'string')}" for c in _store_columns())


def _map_store_rows(batches: Iterator[Any], packs: tuple[str, ...], disable: tuple[str, ...], zoning: bool,
                    published: Any, store_text: bool, chunk_rows: int = 4096) -> Iterator[Any]:
    """Executor side: texts in, one document row and its mention rows out (the store's columns)."""
    import pyarrow as pa

    from ._version import __version__
    from .store.core import mention_rows, outlet_of, text_id
    from .store.schema import timestamp

    ex = _extractor(packs, disable, zoning)
    cols = _store_columns()
    ddl_types = {c: (pa.int64() if _STORE_TYPES.get(c) == "bigint" else pa.float64() if _STORE_TYPES.get(c) == "double"
                     else pa.string()) for c in cols}
    schema = pa.schema([(c, ddl_types[c]) for c in cols])
    rows: list[dict[str, Any]] = []
    for batch in batches:
        data = batch.to_pydict()
        n = len(data[_TEXT])
        for i in range(n):
            text = data[_TEXT][i]
            if text is None:
                continue
            pub = data.get(_PUB, [None] * n)[i]
            doc = ex(text, published=pub if pub is not None else published)
            did = text_id(text)
            url = data.get("__kfacts_url", [None] * n)[i]
            day = doc.published.isoformat() if doc.published else None
            rows.append({"row_kind": "document", "document_id": did, "doc_url": url,
                         "doc_outlet": data.get("__kfacts_outlet", [None] * n)[i] or outlet_of(url),
                         "doc_published": day, "doc_title": data.get("__kfacts_title", [None] * n)[i],
                         "doc_size": len(text), "doc_added": timestamp(), "doc_kfacts_version": __version__,
                         "doc_text": text if store_text else None})
            for m in mention_rows(did, text, doc.facts):
                m = dict(m)
                m["row_kind"] = "mention"
                rows.append(m)
            if len(rows) >= chunk_rows:
                yield from pa.Table.from_pylist(rows, schema=schema).to_batches()
                rows = []
    if rows:
        yield from pa.Table.from_pylist(rows, schema=schema).to_batches()


def write_mentions(df: Any, folder: str, text_col: str = "text", published_col: str | None = None,
                   url_col: str | None = None, outlet_col: str | None = None, title_col: str | None = None, *,
                   published: Any = None, packs: Sequence[str] = (), disable: Sequence[str] = (),
                   zoning: bool = True, store_text: bool = True, mode: str = "errorifexists") -> None:
    """Extract every row and write ``folder/documents`` and ``folder/mentions`` as Parquet, in the
    layout of :class:`kfacts.Store`'s tables; ``kfacts store import DB FOLDER`` merges them.

    A document's id is the sha256 of its text, as in the store, so the same text
    extracted on a cluster and locally is one document. Extraction runs once
    (the rows are persisted while both folders are written).
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from .pipeline import parse_published

    pub = parse_published(published)
    cols = [F.col(text_col).cast("string").alias(_TEXT)]
    if published_col is not None:
        c = F.col(published_col)
        dtype = dict(df.dtypes).get(published_col)
        cols.append((F.to_date(c).cast("string") if dtype in ("date", "timestamp", "timestamp_ntz")
                     else c.cast("string")).alias(_PUB))
    for col, alias in ((url_col, "__kfacts_url"), (outlet_col, "__kfacts_outlet"), (title_col, "__kfacts_title")):
        if col is not None:
            cols.append(F.col(col).cast("string").alias(alias))
    worker_python(df.sparkSession)
    fn = functools.partial(_map_store_rows, packs=tuple(str(p) for p in packs), disable=tuple(sorted(disable)),
                           zoning=zoning, published=pub, store_text=store_text)
    rows = df.select(*cols).mapInArrow(fn, store_rows_ddl()).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        from .store.schema import DOCUMENT_COLUMNS, MENTION_COLUMNS

        docs = rows.where(F.col("row_kind") == "document").select(
            F.col("document_id").alias("id"), *[F.col(f"doc_{c}").alias(c) for c in DOCUMENT_COLUMNS if c != "id"])
        docs.write.mode(mode).parquet(f"{folder}/documents")
        mcols = [c for c in MENTION_COLUMNS if c not in ("id", "entity_id")]
        mentions = rows.where(F.col("row_kind") == "mention").select(*mcols)
        mentions.write.mode(mode).parquet(f"{folder}/mentions")
    finally:
        rows.unpersist()
