"""kfacts: typed, verifiable facts from Korean news text.

>>> import kfacts
>>> doc = kfacts.extract("광주시는 2024년 8월 13일 100억원을 투자했다.", published="2024-08-13")
>>> [(f.type, f.text) for f in doc.facts if f.type in ("money", "date")]
[('date', '2024년 8월 13일'), ('money', '100억원')]
"""

from __future__ import annotations

from typing import Any

from ._version import __version__
from .errors import (GoldFileNotFoundError, GoldFormatError, InputError, InputKeyError, InputTypeError, KfactsError,
                     KfactsWarning, RegexTimeoutError, RegexTimeoutWarning, RulePackError)
from .fact import Document, Fact, Zone
from .pipeline import Extractor, extract

__all__ = [
    "__version__",
    "extract",
    "Extractor",
    "Document",
    "Fact",
    "Zone",
    "evaluate",
    "KfactsError",
    "RulePackError",
    "RegexTimeoutError",
    "GoldFormatError",
    "GoldFileNotFoundError",
    "InputError",
    "InputTypeError",
    "InputKeyError",
    "KfactsWarning",
    "RegexTimeoutWarning",
    "load_pack",
    "schema",
    "to_dataframe",
    "to_arrow",
]


def evaluate(gold_path: Any, root: Any = None, extractor: Extractor | None = None, **kwargs: Any) -> Any:
    """Score an extractor on a gold JSONL file, exactly as SPEC section 4 says.

    See :func:`kfacts.evaluation.evaluate`.
    """
    from .evaluation import evaluate as _evaluate

    return _evaluate(gold_path, root=root, extractor=extractor, **kwargs)


def load_pack(path: Any, allow: Any = ()) -> Any:
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


def to_dataframe(docs: Any) -> Any:
    """Facts of many documents as a pandas DataFrame (one row per fact)."""
    from .frames import to_dataframe as _f

    return _f(docs)


def to_arrow(docs: Any) -> Any:
    """Facts of many documents as a pyarrow Table (one row per fact)."""
    from .frames import to_arrow as _f

    return _f(docs)
