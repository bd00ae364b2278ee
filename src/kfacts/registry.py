"""The fact types kfacts knows, each declared once, as data, in its own folder.

A built-in type is a folder of :mod:`kfacts.extractors` (``dates/``,
``organizations/``...) holding its rules, lexicons, examples and a
``type.toml``: a rule pack's ``[[types]]`` table (``name``, ``fields``,
``description``) with the further keys of :data:`BUILTIN_TYPE_KEYS`
(scoring key, spaCy label, colour, the types it reads...). This module reads
those declarations, checks them, and derives everything else kfacts states
about its types: :data:`FACT_FIELDS`, the JSON Schema of each type's fields,
the table columns, the scoring keys, the spaCy labels and colours, and the
order the extractors run in. Adding a type is adding a folder
(``docs/fact-types.md``).

>>> RUN_ORDER.index("award") > RUN_ORDER.index("person")  # awards read people
True
>>> FACT_FIELDS["person"], KEYS["money"]
(('name', 'title', 'org'), ('value', ('approx', 'currency', 'subject')))

Extra type folders outside the package (a type under development, the
test that adds a seventh type) are named in the environment variable
``KFACTS_TYPE_PATH`` (folders separated by :data:`os.pathsep`), read once
when kfacts is imported; :func:`load_types` reads any list of folders.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from .errors import RulePackError

#: the declaration file in each type folder
TYPE_FILE = "type.toml"
#: the environment variable naming extra type folders
PATH_VARIABLE = "KFACTS_TYPE_PATH"
#: the value types a field may have (a rule pack's ``[[types]] fields`` too)
FIELD_TYPES = ("str", "int", "float", "bool", "any")
#: names no field may have: the parts every fact has
RESERVED_FIELDS = frozenset({"type", "text", "span", "rule", "evidence"})

#: the keys of a ``[[types]]`` table, in a rule pack and in a type folder:
#: key -> (expected python types, description); "*" marks a required key
TYPE_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "name": ((str,), "*the new fact type"),
    "fields": ((dict, list), "*field name -> str|int|float|bool|any, or a list of names"),
    "description": ((str,), "what the type means"),
}

#: the further keys of a built-in type's declaration (``type.toml``)
BUILTIN_TYPE_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "optional": ((dict,), "fields beyond `fields` a fact may carry (null when absent): name -> type"),
    "not_null": ((list,), "fields never null"),
    "enums": ((dict,), "field -> its closed list of values"),
    "patterns": ((dict,), "string field -> regular expression (JSON Schema) its values match"),
    "key": ((str,), "*the field SPEC section 4 scores by"),
    "secondary": ((list,), "fields scored as accuracy over matched keys (SPEC section 4)"),
    "position": ((int,), "*where the type comes in SPEC section 2: the order of types, fields and columns"),
    "reads": ((list,), "types whose facts the extractor reads: they run before it"),
    "run_rank": ((int,), "breaks ties in the run order: the lower rank runs first (default: last)"),
    "label": ((str,), "*the spaCy entity label"),
    "color": ((str,), "*the colour of the type's facts in notebooks and displaCy"),
}

_TYPE_NAMES = {str: "string", int: "integer", float: "float", bool: "boolean", list: "array", dict: "table"}
_JSON_TYPES = {"str": "string", "int": "integer", "float": "number", "bool": "boolean"}
#: the column type (Arrow name) of each field type in the fact tables (:mod:`kfacts.frames`)
_COLUMN_TYPES = {"str": "string", "int": "int64", "bool": "bool", "any": "string"}
#: ``value`` gets three columns (an int, its exact decimal text, a string), whatever its type
VALUE_COLUMNS: tuple[tuple[str, str], ...] = (("value_int", "int64"), ("value_decimal", "string"),
                                              ("value_str", "string"))


@dataclass(frozen=True)
class FactType:
    """One fact type, as its ``type.toml`` declares it."""

    name: str
    description: str
    #: the SPEC fields, in order: name -> value type (one of :data:`FIELD_TYPES`)
    fields: Mapping[str, str]
    key: str
    position: int
    label: str
    color: str
    folder: Path
    #: the module of its extractor (``kfacts.extractors.<folder>`` for a built-in type)
    module: str
    optional: Mapping[str, str] = field(default_factory=dict)
    not_null: tuple[str, ...] = ()
    enums: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)
    patterns: Mapping[str, str] = field(default_factory=dict)
    secondary: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    run_rank: int | None = None
    #: whether :attr:`module` is imported by its path (else from :attr:`folder`)
    builtin: bool = True

    def field_schema(self, name: str) -> dict[str, Any]:
        """The JSON Schema of one field's value (null allowed unless the field is ``not_null``)."""
        ftype = {**self.fields, **self.optional}[name]
        if name in self.enums:
            values: list[Any] = list(self.enums[name])
            return {"enum": values if name in self.not_null else [*values, None]}
        schema: dict[str, Any] = {}
        if ftype != "any":
            json_type = _JSON_TYPES[ftype]
            schema["type"] = json_type if name in self.not_null else [json_type, "null"]
        if name in self.patterns:
            schema["pattern"] = self.patterns[name]
        return schema


def _fail(path: Path, code: str, rule_id: str | None = None, **fields: Any) -> RulePackError:
    return RulePackError(code, path=str(path), rule_id=rule_id, **fields)


def _names(path: Path, raw: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not all(isinstance(v, str) and v for v in value):
        raise _fail(path, "KF210", field=key, where=where, expected="an array of names")
    return tuple(value)


def typed_fields(path: Path, value: Any, key: str, where: str) -> dict[str, str]:
    """``fields`` (or ``optional``): a table of name -> value type, or a list of names (all ``any``)
    (``KF210``, ``KF216``)."""
    if isinstance(value, list):
        if not value or not all(isinstance(v, str) and v for v in value):
            raise _fail(path, "KF210", field=key, where=where, expected="a non-empty string or array of strings")
        value = dict.fromkeys(value, "any")
    for fname, ftype in value.items():
        if not fname.isidentifier() or not fname.isascii() or fname in RESERVED_FIELDS:
            raise _fail(path, "KF216", field=key, where=where, detail=f"bad field name {fname!r}")
        if ftype not in FIELD_TYPES:
            raise _fail(path, "KF210", field=f"{key}.{fname}", where=where, expected=" | ".join(FIELD_TYPES))
    return dict(value)


def check_table(path: Path, raw: Any, keys: Mapping[str, tuple[tuple[type, ...], str]], where: str,
                rule_id: str | None = None, unknown: str = "KF203") -> dict[str, Any]:
    """``raw`` if it is a table with only the given keys, each of its type, the required ones present
    (``KF210``, ``unknown`` for an unknown key, ``KF204``): the check of every table of a rule pack
    and of a type's declaration."""
    if not isinstance(raw, dict):
        raise _fail(path, "KF210", rule_id, field=where, where=where, expected="a table")
    for key in raw:
        if key not in keys:
            raise _fail(path, unknown, rule_id, field=key, attr=key, where=where)
    for key, (types, desc) in keys.items():
        if key not in raw:
            if desc.startswith("*"):
                raise _fail(path, "KF204", rule_id, field=key, where=where)
            continue
        value = raw[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            expected = " or ".join(_TYPE_NAMES.get(t, t.__name__) for t in types)
            raise _fail(path, "KF210", rule_id, field=key, where=where, expected=expected)
    return raw


def read_type(folder: str | Path, module: str | None = None) -> FactType:
    """The fact type declared by ``folder/type.toml`` (errors: :class:`kfacts.RulePackError`).

    ``module`` is the import path of the folder's extractor; by default the
    folder's name (a folder outside kfacts is imported from its location).
    """
    folder = Path(folder)
    path = folder / TYPE_FILE
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except OSError as e:
        if not path.exists():
            raise _fail(path, "KF201", detail=f"the type folder {folder}: it has no {TYPE_FILE}, where a folder "
                                              f"declares its fact type (docs/fact-types.md)") from None
        raise _fail(path, "KF201", detail=f"the type declaration {path}: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise _fail(path, "KF202", detail=str(e)) from None
    check_table(path, data, {"types": ((list,), "*the type")}, "the top level")
    if len(data["types"]) != 1:
        raise _fail(path, "KF216", field="types", where="the top level", detail="a type folder declares one type")
    where = "[[types]]"
    raw = check_table(path, data["types"][0], {**TYPE_KEYS, **BUILTIN_TYPE_KEYS}, where)
    name = raw["name"]
    if not name.isidentifier() or not name.isascii():
        raise _fail(path, "KF216", field="name", where=where, detail="a type name is letters, digits and '_'")
    fields = typed_fields(path, raw["fields"], "fields", where)
    optional = typed_fields(path, raw.get("optional", {}), "optional", where)
    known = {**fields, **optional}
    if len(known) < len(fields) + len(optional):
        raise _fail(path, "KF216", field="optional", where=where, detail="a field is both in `fields` and `optional`")

    def field_names(key: str, names: Iterable[str]) -> None:
        unknown = [n for n in names if n not in known]
        if unknown:
            raise _fail(path, "KF216", field=key, where=where, detail=f"not a field of the type: {', '.join(unknown)}")

    if not all(isinstance(v, list) and v for v in raw.get("enums", {}).values()):
        raise _fail(path, "KF210", field="enums", where=where, expected="field -> a non-empty array of values")
    if not all(isinstance(v, str) for v in raw.get("patterns", {}).values()):
        raise _fail(path, "KF210", field="patterns", where=where, expected="field -> a string")
    not_null = _names(path, raw, "not_null", where)
    secondary = _names(path, raw, "secondary", where)
    enums = {k: tuple(v) for k, v in raw.get("enums", {}).items()}
    patterns = dict(raw.get("patterns", {}))
    for key, names in (("not_null", not_null), ("secondary", secondary), ("key", [raw["key"]]),
                       ("enums", enums), ("patterns", patterns)):
        field_names(key, names)
    return FactType(name=name, description=raw.get("description", ""), fields=fields, key=raw["key"],
                    position=raw["position"], label=raw["label"], color=raw["color"], folder=folder,
                    module=module or folder.name, optional=optional, not_null=not_null, enums=enums,
                    patterns=patterns, secondary=secondary, reads=_names(path, raw, "reads", where),
                    run_rank=raw.get("run_rank"), builtin=module is not None)


def builtin_folders() -> list[Path]:
    """The folders of the built-in types: each folder of :mod:`kfacts.extractors` with a ``type.toml``."""
    root = Path(__file__).parent / "extractors"
    return sorted(p.parent for p in root.glob(f"*/{TYPE_FILE}"))


def extra_folders(environ: Mapping[str, str] = os.environ) -> list[Path]:
    """The type folders named in ``KFACTS_TYPE_PATH`` (none when it is unset)."""
    return [Path(p) for p in environ.get(PATH_VARIABLE, "").split(os.pathsep) if p]


def load_types(extra: Iterable[str | Path] = ()) -> dict[str, FactType]:
    """The built-in types and those of the ``extra`` folders, in SPEC order (``position``, then name).

    Checks what no single declaration can: unique names and labels, every
    ``reads`` a known type without cycles, and a field's type the same in
    every type that has it (they share a table column).
    """
    found = [read_type(f, f"kfacts.extractors.{f.name}") for f in builtin_folders()]
    found += [read_type(f) for f in extra]
    types: dict[str, FactType] = {}
    for t in sorted(found, key=lambda t: (t.position, t.name)):
        path = t.folder / TYPE_FILE
        if t.name in types:
            raise _fail(path, "KF216", field="name", where="[[types]]",
                        detail=f"type {t.name!r} is also declared in {types[t.name].folder}")
        types[t.name] = t
    labels: dict[str, str] = {}
    column_types: dict[str, tuple[str, str]] = {}
    for t in types.values():
        path = t.folder / TYPE_FILE
        if t.label in labels:
            raise _fail(path, "KF216", field="label", where="[[types]]",
                        detail=f"label {t.label!r} is also the label of {labels[t.label]!r}")
        labels[t.label] = t.name
        unknown = [r for r in t.reads if r not in types]
        if unknown:
            raise _fail(path, "KF212", fact_type=unknown[0], where="[[types]] reads")
        for fname, ftype in t.fields.items():
            other = column_types.setdefault(fname, (ftype, t.name))
            if fname != "value" and other[0] != ftype:
                raise _fail(path, "KF216", field=f"fields.{fname}", where="[[types]]",
                            detail=f"{fname!r} is {other[0]!r} in type {other[1]!r}: a field has one type")
    run_order(types)  # raises on a cycle
    return types


def run_order(types: Mapping[str, FactType]) -> tuple[str, ...]:
    """The order the extractors run in: each type after the types it reads; among the types ready
    to run, the lowest ``run_rank`` first (types without one last, in SPEC order)."""
    done: list[str] = []
    waiting = dict(types)
    while waiting:
        ready = [t for t in waiting.values() if all(r in done for r in t.reads)]
        if not ready:
            names = ", ".join(sorted(waiting))
            t = next(iter(waiting.values()))
            raise _fail(t.folder / TYPE_FILE, "KF216", field="reads", where="[[types]]",
                        detail=f"the types {names} read each other in a cycle")
        first = min(ready, key=lambda t: (t.run_rank is None, t.run_rank or 0, t.position, t.name))
        done.append(first.name)
        del waiting[first.name]
    return tuple(done)


def table_columns(types: Mapping[str, FactType]) -> list[tuple[str, str]]:
    """The field columns of the fact tables: every type's fields in SPEC order, each once
    (``value`` as :data:`VALUE_COLUMNS`)."""
    columns: dict[str, str] = {}
    for t in types.values():
        for fname, ftype in t.fields.items():
            if fname == "value":
                columns.update((c, k) for c, k in VALUE_COLUMNS if c not in columns)
            elif fname not in columns:
                columns[fname] = _COLUMN_TYPES.get(ftype, "string")
    return list(columns.items())


#: every fact type, in SPEC order
TYPES: dict[str, FactType] = load_types(extra_folders())
#: type -> its SPEC fields, in SPEC order
FACT_FIELDS: dict[str, tuple[str, ...]] = {t.name: tuple(t.fields) for t in TYPES.values()}
#: type -> fields it may carry beyond :data:`FACT_FIELDS` (null when absent)
OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = {t.name: tuple(t.optional) for t in TYPES.values() if t.optional}
#: type -> (key field, secondary fields), SPEC section 4
KEYS: dict[str, tuple[str, tuple[str, ...]]] = {t.name: (t.key, t.secondary) for t in TYPES.values()}
#: type -> spaCy entity label
LABELS: dict[str, str] = {t.name: t.label for t in TYPES.values()}
#: type -> display colour
COLORS: dict[str, str] = {t.name: t.color for t in TYPES.values()}
#: the order the extractors run in
RUN_ORDER: tuple[str, ...] = run_order(TYPES)
#: type -> the module of its extractor, in run order
MODULES: dict[str, str] = {name: TYPES[name].module for name in RUN_ORDER}
