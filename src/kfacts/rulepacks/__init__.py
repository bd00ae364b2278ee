"""Rule packs: rules users write as data (TOML), validate up front and test.

>>> import kfacts
>>> pack = kfacts.load_pack("examples/packs/investment.toml")  # doctest: +SKIP
>>> kfacts.Extractor(packs=[pack])("...")  # doctest: +SKIP

See ``docs/rule-packs.md`` for the tutorial and the schema. The pieces:

* :mod:`.schema` - the schema (as data) and the strict validator;
* :mod:`.pack` - :func:`load_pack` and :class:`RulePack` (``.rules``,
  ``.extract(ctx)``, ``.user_words``, ``.path``, ``.fact_types``,
  ``.examples``);
* :mod:`.matcher` - the token-pattern matcher;
* :mod:`.saferegex` - regexes vetted at load time, run with a time limit;
* :mod:`.testing` - running examples (pytest plugin, ``kfacts test-pack``); it
  sits above the pipeline, so it is imported on its own (``kfacts.rulepacks.testing``).
"""

from __future__ import annotations

from .pack import RulePack, check_packs, load_pack
from .schema import SCHEMA

__all__ = ["RulePack", "load_pack", "check_packs", "SCHEMA"]
