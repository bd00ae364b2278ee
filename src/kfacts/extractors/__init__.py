"""The built-in extractors, one module (or package) per fact type.

``REGISTRY`` lists them in the order the pipeline runs them: value types
first, then organizations, people (which read organizations) and awards
(which read both).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from .base import Context, Rule

#: fact type -> module path, in run order
EXTRACTORS: dict[str, str] = {
    "date": "kfacts.extractors.dates",
    "money": "kfacts.extractors.money",
    "jobs": "kfacts.extractors.jobs",
    "organization": "kfacts.extractors.organizations",
    "person": "kfacts.extractors.people",
    "award": "kfacts.extractors.awards",
}

_loaded: dict[str, ModuleType] = {}


def load(fact_type: str) -> ModuleType:
    mod = _loaded.get(fact_type)
    if mod is None:
        mod = _loaded[fact_type] = import_module(EXTRACTORS[fact_type])
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
