"""Facts as tables: one fixed schema for pandas, Arrow, CSV, Parquet and Spark.

One row per fact. The columns never change with the input (an empty input
gives an empty table with every column), so code and files built on them
stay valid:

=================  ========  ==========================================================
column             type      meaning
=================  ========  ==========================================================
``doc_index``      int64     position of the document in the input (0-based)
``doc_id``         string    the record's ``id`` (dict records), ``Document.meta["id"]``
                             or null
``published``      string    publication date used (ISO ``YYYY-MM-DD``) or null
``type``           string    fact type (``organization``, ``money``...)
``text``           string    exact surface text, ``input[start:end]``
``start``          int64     span start (character offset)
``end``            int64     span end (exclusive)
``rule``           string    id of the rule that produced the fact
``name`` ...       string    the SPEC string fields: ``name``, ``canonical``, ``kind``,
                             ``title``, ``org``, ``award``, ``prize``, ``honor``,
                             ``recipient``, ``event``, ``organizer``, ``category``,
                             ``currency``, ``qualifier``, ``granularity``, ``part``
``year``           int64     award year
``value_int``      int64     ``value`` of ``money`` (in the currency's unit) and ``jobs``
                             when whole and within int64; else null
``value_decimal``  string    the same ``value`` as an exact decimal text, for every
                             money and jobs fact: ``"10000000000"``, ``"10.5"``,
                             ``"1234.56"``, ``"100000000000000000000"`` (fractional
                             and huge amounts are never lost; cast to a decimal type
                             to compute: ``Decimal(x)``, ``CAST(... AS DECIMAL(38,2))``)
``value_str``      string    ``value`` of ``date`` (ISO at its granularity: ``2024``,
                             ``2024-08``, ``2024-08-13``, ``2024-Q3``...)
``approx``         bool      money/jobs approximation
``relative``       bool      date needed resolution against ``published``
``fields_json``    string    every field of the fact as a JSON object (lossless; holds
                             the fields of rule-pack fact types too)
``sentence``       string    the sentence around the fact (context for a reader), or null
                             when the text is not at hand
=================  ========  ==========================================================

A field a fact type does not have is null. In pandas the dtypes are
``Int64``, ``boolean`` and ``string`` (nullable), never ``object``/``float``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Iterable, Iterator

from . import registry
from .fact import Document, Fact, _plain_decimal

#: (column, arrow type name) in table order: the facts' own columns, every type's SPEC fields
#: (:func:`kfacts.registry.table_columns`), then ``fields_json`` and ``sentence``
COLUMNS: list[tuple[str, str]] = [
    ("doc_index", "int64"), ("doc_id", "string"), ("published", "string"),
    ("type", "string"), ("text", "string"), ("start", "int64"), ("end", "int64"), ("rule", "string"),
    *registry.table_columns(registry.TYPES),
    ("fields_json", "string"), ("sentence", "string"),
]
COLUMN_NAMES = [c for c, _ in COLUMNS]
_KIND = dict(COLUMNS)
_PANDAS_DTYPES = {"int64": "Int64", "bool": "boolean", "string": "string"}
_SPARK_TYPES = {"int64": "bigint", "bool": "boolean", "string": "string"}
_NON_FIELD = ("type", "text", "span", "rule", "evidence", "html_span")
_META = frozenset(("doc_index", "doc_id", "published", "type", "text", "start", "end", "rule", "value_int",
                   "value_decimal", "value_str", "fields_json", "sentence"))
_INT64 = (-(2**63), 2**63 - 1)
#: a sentence ends at a line break, or after . ! ? (and closing quotes) followed by white space
_SENTENCE_END = re.compile(r"\n|[.!?。][\"'”’)\]]*\s")
_SENTENCE_WINDOW = 300


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around the span ``start:end`` (at most ~300 characters each side).

    >>> sentence_of("첫 문장이다. 한빛시는 10억원을 썼다. 끝.", 12, 16)
    '한빛시는 10억원을 썼다.'
    """
    lo, hi = max(0, start - _SENTENCE_WINDOW), min(len(text), end + _SENTENCE_WINDOW)
    s, e = lo, hi
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if m.end() <= start:
            s = m.end()
        elif m.start() >= end:
            e = m.end() - 1  # keeps the full stop and quotes, not the white space or line break
            break
    return text[s:e].strip()


# -- rows ---------------------------------------------------------------------
def _cast(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "int64":
        if isinstance(value, bool) or not isinstance(value, int) or not _INT64[0] <= value <= _INT64[1]:
            return None
        return value
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)


def fact_row(fact: Fact | dict[str, Any], doc_index: int = 0, doc_id: Any = None,
             published: str | None = None, text: str | None = None) -> dict[str, Any]:
    """One table row (a dict over :data:`COLUMNS`) for one fact.

    ``fact`` is a :class:`Fact` or a dict as :meth:`Fact.to_dict` gives it;
    ``text`` (the document's) fills the ``sentence`` column.
    """
    d = fact.to_dict() if isinstance(fact, Fact) else fact
    fields = {k: v for k, v in d.items() if k not in _NON_FIELD}
    span = d.get("span") or (None, None)
    row: dict[str, Any] = dict.fromkeys(COLUMN_NAMES)
    row.update(doc_index=doc_index, doc_id=None if doc_id is None else str(doc_id), published=published,
               type=d.get("type"), text=d.get("text"), start=span[0], end=span[1], rule=d.get("rule"))
    for name, value in fields.items():
        if name == "value":
            if isinstance(value, str):
                row["value_str"] = value
            else:
                row["value_int"] = _cast(value, "int64")
                row["value_decimal"] = _plain_decimal(value)
        elif name in _KIND and name not in _META:
            row[name] = _cast(value, _KIND[name])
    row["fields_json"] = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=str)
    if text is not None and span[0] is not None and span[1] is not None:
        row["sentence"] = sentence_of(text, span[0], span[1])
    return row


def facts_rows(doc_id: Any, facts: Iterable[Fact | dict[str, Any]], doc_index: int = 0,
               published: str | None = None, text: str | None = None) -> list[dict[str, Any]]:
    """The rows of one document's facts (``text``: the document's, for the ``sentence`` column)."""
    return [fact_row(f, doc_index, doc_id, published, text) for f in facts]


def _as_docs(docs: Any) -> Iterable[Any]:
    if isinstance(docs, (Document, dict)):
        return [docs]
    many: Iterable[Any] = docs
    return many


def iter_rows(docs: Any, id_field: str = "id") -> Iterator[dict[str, Any]]:
    """Rows of many documents: :class:`Document` objects or ``pipe()`` dict records.

    A dict record needs a ``facts`` list (as ``Extractor.pipe`` adds); its
    ``id_field`` gives ``doc_id`` and ``published_resolved`` (or
    ``published``) the ``published`` column.
    """
    for i, doc in enumerate(_as_docs(docs)):
        if isinstance(doc, Document):
            pub = doc.published.isoformat() if doc.published else None
            yield from facts_rows(doc.meta.get("id"), doc.facts, i, pub, doc.text)
        elif isinstance(doc, dict):
            if "facts" not in doc:
                raise ValueError(f"document #{i}: a dict record needs a 'facts' list (as Extractor.pipe() adds)")
            pub = doc.get("published_resolved", doc.get("published"))
            text = doc.get("text")
            yield from facts_rows(doc.get(id_field), doc["facts"], i, None if pub is None else str(pub),
                                  text if isinstance(text, str) else None)
        else:
            raise TypeError(f"document #{i}: expected a kfacts.Document or a pipe() dict record, "
                            f"not {type(doc).__name__}")


# -- pandas / arrow -------------------------------------------------------------
def pandas_dtypes() -> dict[str, str]:
    """Column -> pandas dtype name (``Int64``, ``boolean``, ``string``)."""
    return {c: _PANDAS_DTYPES[k] for c, k in COLUMNS}


def to_dataframe(docs: Any, id_field: str = "id") -> Any:
    """A pandas DataFrame with one row per fact and the columns of :data:`COLUMNS`."""
    import pandas as pd

    rows = list(iter_rows(docs, id_field))
    data = {c: pd.array([r[c] for r in rows], dtype=_PANDAS_DTYPES[k]) for c, k in COLUMNS}
    return pd.DataFrame(data, columns=COLUMN_NAMES)


def arrow_schema() -> Any:
    """The pyarrow schema of :func:`to_arrow` (and of Parquet files and Spark output)."""
    import pyarrow as pa

    types = {"int64": pa.int64(), "bool": pa.bool_(), "string": pa.string()}
    return pa.schema([pa.field(c, types[k], nullable=True) for c, k in COLUMNS],
                     metadata={b"kfacts": b"one row per fact; see kfacts.frames"})


def rows_to_arrow(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = arrow_schema()
    arrays = [pa.array([r[c] for r in rows], type=schema.field(c).type) for c in COLUMN_NAMES]
    return pa.Table.from_arrays(arrays, schema=schema)


def to_arrow(docs: Any, id_field: str = "id") -> Any:
    """A pyarrow Table with one row per fact, schema :func:`arrow_schema`."""
    return rows_to_arrow(list(iter_rows(docs, id_field)))


def spark_ddl() -> str:
    """The Spark DDL string of the same schema (``doc_index bigint, doc_id string, ...``)."""
    return ", ".join(f"`{c}` {_SPARK_TYPES[k]}" for c, k in COLUMNS)


# -- writing ----------------------------------------------------------------------
class TableWriter:
    """Stream rows to CSV (no dependencies) or Parquet (pyarrow), in chunks.

    ``fh`` is an open file: text (``newline=""``) for CSV, binary for Parquet.
    """

    def __init__(self, fh: Any, fmt: str, chunk_rows: int = 10_000) -> None:
        if fmt not in ("csv", "parquet"):
            raise ValueError(f"unknown table format {fmt!r}")
        self.fh = fh
        self.fmt = fmt
        self.chunk_rows = chunk_rows
        self._buf: list[dict[str, Any]] = []
        self._writer: Any = None
        if fmt == "csv":
            import csv

            self._writer = csv.DictWriter(fh, fieldnames=COLUMN_NAMES, lineterminator="\n")
            self._writer.writeheader()
        else:
            import pyarrow.parquet as pq

            self._writer = pq.ParquetWriter(fh, arrow_schema())

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        if self.fmt == "csv":
            self._writer.writerows(rows)
            return
        self._buf.extend(rows)
        if len(self._buf) >= self.chunk_rows:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            self._writer.write_table(rows_to_arrow(self._buf))
            self._buf = []

    def close(self) -> None:
        if self.fmt == "parquet":
            self._flush()
            self._writer.close()


# -- JSON Schema -----------------------------------------------------------------
#: type -> field -> the JSON Schema of its value, from the types' declarations
_FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    t.name: {f: t.field_schema(f) for f in t.fields} for t in registry.TYPES.values()
}


def fact_json_schema() -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one fact as :meth:`Fact.to_dict` returns it.

    Every fact has ``type``, ``text``, ``span``, ``rule`` (and ``evidence``
    where known); a built-in type also has all of its SPEC fields (null when
    unknown). Facts of rule-pack types may carry other fields.
    """
    span = {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2}
    per_type = [
        {"if": {"properties": {"type": {"const": t}}, "required": ["type"]},
         "then": {"required": list(props), "properties": props}}
        for t, props in _FIELD_SCHEMAS.items()
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kfacts fact",
        "description": "One fact as kfacts.Fact.to_dict() returns it (see SPEC section 2).",
        "type": "object",
        "required": ["type", "text", "span", "rule"],
        "properties": {
            "type": {"type": "string"},
            "text": {"type": "string"},
            "span": span,
            "rule": {"type": ["string", "null"]},
            "evidence": {"type": "object", "additionalProperties": span},
        },
        "additionalProperties": True,
        "allOf": per_type,
    }
