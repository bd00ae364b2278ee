"""A store of facts across articles (issue 11): documents, mentions, entities and claims in one SQLite file.

>>> import kfacts
>>> store = kfacts.Store(":memory:")                      # doctest: +SKIP
>>> store.add([{"text": "...", "url": "https://...", "published": "2024-08-13"}])  # doctest: +SKIP
>>> store.claims(type="award", entity="성동구", since=2015, until=2024)  # doctest: +SKIP

See docs/store.md for the tables, the CLI (``kfacts store``) and DuckDB/Spark use.
"""

from .core import Claim, Conflict, Source, Store, mention_rows, outlet_of, text_id
from .schema import SCHEMA_VERSION

__all__ = ["Store", "Claim", "Conflict", "Source", "SCHEMA_VERSION", "mention_rows", "text_id", "outlet_of"]
