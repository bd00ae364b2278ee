"""kfacts: typed, verifiable facts from Korean news text.

>>> import kfacts
>>> doc = kfacts.extract("광주시는 2024년 8월 13일 100억원을 투자했다.", published="2024-08-13")
>>> [(f.type, f.text) for f in doc.facts if f.type in ("money", "date")]
[('date', '2024년 8월 13일'), ('money', '100억원')]
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Union

from ._version import __version__
from .errors import (DocumentTimeoutError, GoldFileNotFoundError, GoldFormatError, InputError, InputKeyError, InputTypeError, KfactsError,
                     KfactsWarning, OutputError, PublishedTypeError, RegexTimeoutError, RegexTimeoutWarning,
                     RulePackError, SpanMismatchError, StoreError, StoreWarning, LexiconError)
from .fact import (AwardFact, DateFact, Document, Fact, JobsFact, MoneyFact, OrganizationFact, PersonFact,
                   Published, Zone, json_default)
from .api import Extractor, extract, extract_html

if TYPE_CHECKING:
    import pandas
    import pyarrow

    from .evaluation import Report
    from .rulepacks import RulePack
    from .store import Store

#: what :func:`to_dataframe` and :func:`to_arrow` take: Documents, ``pipe()`` dict records, or one of either
Docs = Union[Document, Mapping[str, Any], Iterable[Union[Document, Mapping[str, Any]]]]

__all__ = [
    "__version__",
    "extract",
    "extract_html",
    "Extractor",
    "Document",
    "Fact",
    "OrganizationFact",
    "PersonFact",
    "AwardFact",
    "MoneyFact",
    "JobsFact",
    "DateFact",
    "Zone",
    "Published",
    "json_default",
    "evaluate",
    "KfactsError",
    "RulePackError",
    "RegexTimeoutError",
    "GoldFormatError",
    "GoldFileNotFoundError",
    "InputError",
    "InputTypeError",
    "InputKeyError",
    "PublishedTypeError",
    "OutputError",
    "DocumentTimeoutError",
    "KfactsWarning",
    "RegexTimeoutWarning",
    "load_pack",
    "schema",
    "to_dataframe",
    "to_arrow",
    "Store",
    "StoreError",
    "SpanMismatchError",
    "LexiconError",
    "StoreWarning",
]


def __getattr__(name: str) -> Any:
    # kfacts.Store is imported on first use (the store module is not needed to extract)
    if name == "Store":
        from .store import Store

        return Store
    raise AttributeError(f"module 'kfacts' has no attribute {name!r}")


def evaluate(gold_path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None,
             extractor: Extractor | None = None, types: Iterable[str] | None = None) -> Report:
    """Score an extractor on a gold JSONL file, exactly as SPEC section 4 says.

    See :func:`kfacts.evaluation.evaluate`.
    """
    from .evaluation import evaluate as _evaluate

    return _evaluate(os.fspath(gold_path), root=None if root is None else os.fspath(root), extractor=extractor,
                     types=types)


def load_pack(path: str | os.PathLike[str] | RulePack,
              allow: Iterable[str | os.PathLike[str]] = ()) -> RulePack:
    """Load and validate a rule pack (TOML); see :mod:`kfacts.rulepacks`.

    Lexicon files must lie in the pack's folder or below it, or in one of the
    folders in ``allow``.
    """
    from .rulepacks import load_pack as _load

    return _load(path, allow=allow)


def schema() -> dict[str, Any]:
    """The JSON Schema of one fact, as :meth:`Fact.to_dict` returns it."""
    from .frames import fact_json_schema

    return fact_json_schema()


def to_dataframe(docs: Docs) -> pandas.DataFrame:
    """Facts of many documents as a pandas DataFrame (one row per fact)."""
    from .frames import to_dataframe as _f

    return _f(docs)


def to_arrow(docs: Docs) -> pyarrow.Table:
    """Facts of many documents as a pyarrow Table (one row per fact)."""
    from .frames import to_arrow as _f

    return _f(docs)
