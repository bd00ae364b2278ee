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

__all__ = ["extract_facts", "spark_schema", "worker_python"]

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
        from .pipeline import Extractor

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
