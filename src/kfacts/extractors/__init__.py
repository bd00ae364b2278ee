"""The built-in extractors, one package per fact type.

Each type's folder declares the type in its ``type.toml`` (see
:mod:`kfacts.registry`); :data:`EXTRACTORS` lists the extractors in the order
the pipeline runs them, each after the types it ``reads``: value types
first, then organizations, people (which read organizations) and awards
(which read organizations, people and dates).
"""

from __future__ import annotations

import sys
from importlib import import_module, util
from types import ModuleType

from .. import registry
from .base import Context, Rule

#: fact type -> module path, in run order
EXTRACTORS: dict[str, str] = registry.MODULES

_loaded: dict[str, ModuleType] = {}


def load(fact_type: str) -> ModuleType:
    mod = _loaded.get(fact_type)
    if mod is None:
        mod = _loaded[fact_type] = _import(registry.TYPES[fact_type])
    return mod


def _import(fact_type: registry.FactType) -> ModuleType:
    """The extractor module of a type; one from a folder outside kfacts is imported from its location."""
    if fact_type.builtin or fact_type.module in sys.modules:
        return import_module(fact_type.module)
    spec = util.spec_from_file_location(fact_type.module, fact_type.folder / "__init__.py",
                                        submodule_search_locations=[str(fact_type.folder)])
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import the extractor of {fact_type.name!r} from {fact_type.folder}")
    mod = sys.modules[fact_type.module] = util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def builtin_modules() -> list[ModuleType]:
    return [load(t) for t in EXTRACTORS]


def builtin_rules() -> list[Rule]:
    """Every built-in rule, in run order."""
    rules: list[Rule] = []
    for mod in builtin_modules():
        rules.extend(mod.RULES)
    return rules


__all__ = ["Context", "Rule", "EXTRACTORS", "builtin_rules", "builtin_modules", "load"]
