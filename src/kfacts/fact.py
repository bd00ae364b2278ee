"""The values kfacts returns: :class:`Fact`, :class:`Zone` and :class:`Document`."""

from __future__ import annotations

import datetime as _dt
import html as _html
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterator, Literal, Mapping, Union, cast, overload

from . import registry

if TYPE_CHECKING:
    from .htmltext import HtmlText

#: The built-in fact types and their SPEC fields, in SPEC order (declared in
#: ``extractors/<type>/type.toml``, see :mod:`kfacts.registry`).
FACT_FIELDS: dict[str, tuple[str, ...]] = registry.FACT_FIELDS

#: the values of an organization's ``kind``
ORG_KINDS: tuple[str, ...] = registry.TYPES["organization"].enums["kind"]


#: what ``published=`` accepts: an ISO date string, a date (or datetime), or None
Published = Union[str, _dt.date, None]


def _plain_decimal(value: Any) -> str | None:
    """The exact decimal text of a numeric field value, without exponent, or None.

    >>> _plain_decimal(10**20), _plain_decimal(1234.56), _plain_decimal(0.1), _plain_decimal("x")
    ('100000000000000000000', '1234.56', '0.1', None)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return None
        value = Decimal(repr(value))  # the shortest text that reads back as this float
    text = format(value.normalize(), "f")
    return text


class _Spanned:
    """``start`` and ``end`` of a ``span`` (shared by :class:`Fact` and :class:`Zone`)."""

    span: tuple[int, int]

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]


@dataclass(frozen=True)
class Fact(_Spanned):
    """One fact found in a text: one mention, with its exact span.

    ``text == document.text[span[0]:span[1]]`` always holds. The SPEC fields
    of the fact's type are in :attr:`fields` and also readable as typed
    attributes (``fact.value``, ``fact.canonical``...). A fact of a built-in
    type is an instance of its subclass (:class:`MoneyFact`,
    :class:`DateFact`...), whose attributes have that type's exact types;
    :meth:`Document.of_type` returns the subclass, so a type checker knows
    that ``doc.of_type("money")[0].value`` is a number.

    Facts are immutable, hashable (equal facts hash equally) and
    serialise with :meth:`to_dict`, :meth:`to_json` or
    ``json.dumps(fact, default=kfacts.json_default)``.
    """

    type: str
    text: str
    span: tuple[int, int]
    fields: Mapping[str, Any] = field(default_factory=dict)
    rule: str | None = None
    #: field name -> (start, end) of the evidence for that field, where known
    evidence: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def __new__(cls, *args: Any, **kwargs: Any) -> "Fact":
        # Fact("money", ...) builds a MoneyFact: one class per built-in type
        # (also dataclasses.replace(money_fact, type="date") -> DateFact); unpickling passes no type
        ftype = args[0] if args else kwargs.get("type")
        if isinstance(ftype, str) and (cls is Fact or cls in _BUILTIN_CLASSES):
            cls = _FACT_CLASSES.get(ftype, Fact)
        return object.__new__(cls)

    def __hash__(self) -> int:
        # consistent with ==: equal facts have the same type, text, span and rule
        return hash((self.type, self.text, tuple(self.span), self.rule))

    if not TYPE_CHECKING:
        def __getattr__(self, name: str) -> Any:
            # fields of rule-pack fact types; only called when normal lookup fails.
            # Hidden from type checkers, so that a misspelt field is an error there.
            if name.startswith("__"):
                raise AttributeError(name)
            return object.__getattribute__(self, "_field")(name)

    def _field(self, name: str) -> Any:
        fields = self.fields
        if name in fields:
            return fields[name]
        if name in FACT_FIELDS.get(self.type, ()) or name in _OPTIONAL_FIELDS.get(self.type, ()):
            return None
        raise AttributeError(f"{type(self).__name__} of type {self.type!r} has no field {name!r}")

    def __getitem__(self, name: str) -> Any:
        if name == "type":
            return self.type
        if name == "text":
            return self.text
        if name == "span":
            return list(self.span)
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        try:
            return self[name]
        except KeyError:
            return default

    # -- the SPEC fields of every built-in type, typed (None where the type has the
    # field but the text gives no value; AttributeError where the type lacks it)
    @property
    def name(self) -> str | None:
        """organization, person: the name as written."""
        return cast("str | None", self._field("name"))

    @property
    def canonical(self) -> str | None:
        """organization: the full official name."""
        return cast("str | None", self._field("canonical"))

    @property
    def kind(self) -> str | None:
        """organization: one of :data:`ORG_KINDS`."""
        return cast("str | None", self._field("kind"))

    @property
    def title(self) -> str | None:
        """person: the role word."""
        return cast("str | None", self._field("title"))

    @property
    def org(self) -> str | None:
        """person: the canonical name of the person's organization."""
        return cast("str | None", self._field("org"))

    @property
    def award(self) -> str | None:
        return cast("str | None", self._field("award"))

    @property
    def prize(self) -> str | None:
        return cast("str | None", self._field("prize"))

    @property
    def honor(self) -> str | None:
        return cast("str | None", self._field("honor"))

    @property
    def recipient(self) -> str | None:
        return cast("str | None", self._field("recipient"))

    @property
    def event(self) -> str | None:
        return cast("str | None", self._field("event"))

    @property
    def organizer(self) -> str | None:
        return cast("str | None", self._field("organizer"))

    @property
    def category(self) -> str | None:
        return cast("str | None", self._field("category"))

    @property
    def year(self) -> int | None:
        """award: the event year."""
        return cast("int | None", self._field("year"))

    @property
    def value(self) -> int | float | str | None:
        """money: int (whole amount) or float (fractional); jobs: int; date: ISO string."""
        return cast("int | float | str | None", self._field("value"))

    @property
    def currency(self) -> str | None:
        return cast("str | None", self._field("currency"))

    @property
    def approx(self) -> bool | None:
        return cast("bool | None", self._field("approx"))

    @property
    def subject(self) -> str | None:
        """money, jobs: the canonical name of the organization the amount or jobs belong to."""
        return cast("str | None", self._field("subject"))

    @property
    def qualifier(self) -> str | None:
        return cast("str | None", self._field("qualifier"))

    @property
    def granularity(self) -> str | None:
        return cast("str | None", self._field("granularity"))

    @property
    def relative(self) -> bool | None:
        return cast("bool | None", self._field("relative"))

    @property
    def part(self) -> str | None:
        return cast("str | None", self._field("part"))

    # -- serialisation
    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``type``, the SPEC fields, ``text``, ``span`` and ``rule``."""
        d: dict[str, Any] = {"type": self.type}
        for name in FACT_FIELDS.get(self.type, ()):
            d[name] = self.fields.get(name)
        for name, value in self.fields.items():
            if name not in d:
                d[name] = value
        for name, value in d.items():
            if isinstance(value, Decimal):  # exact amounts from rule packs: JSON has no Decimal
                d[name] = int(value) if value == value.to_integral_value() else float(value)
        d["text"] = self.text
        d["span"] = [self.span[0], self.span[1]]
        d["rule"] = self.rule
        if self.evidence:
            d["evidence"] = {k: [v[0], v[1]] for k, v in self.evidence.items()}
        return d

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string (``kwargs`` go to :func:`json.dumps`;
        Korean is kept as written unless ``ensure_ascii=True``)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "Fact":
        """The fact back from :meth:`to_dict` (or a ``fields_json``-style dict with ``type``/``text``/``span``)."""
        fields = {k: v for k, v in d.items() if k not in ("type", "text", "span", "rule", "evidence")}
        evidence = {k: (int(v[0]), int(v[1])) for k, v in (d.get("evidence") or {}).items()}
        span = d["span"]
        return Fact(type=d["type"], text=d["text"], span=(int(span[0]), int(span[1])), fields=fields,
                    rule=d.get("rule"), evidence=evidence)

    def replace(self, **changes: Any) -> "Fact":
        """A copy with some attributes or fields changed (fields by name)."""
        attrs: dict[str, Any] = {"type": self.type, "text": self.text, "span": self.span, "rule": self.rule,
                                 "evidence": dict(self.evidence)}
        fields = dict(self.fields)
        for k, v in changes.items():
            if k in attrs:
                attrs[k] = v
            else:
                fields[k] = v
        return Fact(fields=fields, **attrs)


class OrganizationFact(Fact):
    """An ``organization`` fact: ``name``, ``canonical``, ``kind``."""

    @property
    def name(self) -> str:
        return cast(str, self._field("name"))


class PersonFact(Fact):
    """A ``person`` fact: ``name``, ``title``, ``org``."""

    @property
    def name(self) -> str:
        return cast(str, self._field("name"))


class AwardFact(Fact):
    """An ``award`` fact: ``award``, ``prize``, ``honor``, ``recipient``, ``event``, ``organizer``,
    ``category``, ``year``."""


class MoneyFact(Fact):
    """A ``money`` fact: ``value``, ``currency``, ``approx`` (and ``subject``).

    ``value`` is an int for a whole amount in the currency's unit and a float
    for a fractional one (``10.5달러``); :attr:`amount` is the same value as an
    exact :class:`decimal.Decimal` either way.
    """

    @property
    def value(self) -> int | float | None:
        return cast("int | float | None", self._field("value"))

    @property
    def amount(self) -> Decimal | None:
        """The exact amount in the currency's unit (``Decimal("10.5")``), or None."""
        text = _plain_decimal(self.fields.get("value"))
        return None if text is None else Decimal(text)


class JobsFact(Fact):
    """A ``jobs`` fact: ``value``, ``approx``, ``qualifier`` (and ``subject``)."""

    @property
    def value(self) -> int | None:
        return cast("int | None", self._field("value"))


class DateFact(Fact):
    """A ``date`` fact: ``value`` (ISO at its granularity), ``granularity``, ``relative``, ``part``."""

    @property
    def value(self) -> str | None:
        return cast("str | None", self._field("value"))


#: fact type -> its Fact subclass
_FACT_CLASSES: dict[str, type[Fact]] = {
    "organization": OrganizationFact, "person": PersonFact, "award": AwardFact,
    "money": MoneyFact, "jobs": JobsFact, "date": DateFact,
}

_BUILTIN_CLASSES = frozenset(_FACT_CLASSES.values())

#: fields a type may carry beyond FACT_FIELDS (null when absent)
_OPTIONAL_FIELDS: dict[str, tuple[str, ...]] = registry.OPTIONAL_FIELDS


def json_default(obj: Any) -> Any:
    """``default=`` for :func:`json.dumps`: facts, zones, documents, dates and Decimals.

    >>> import json, kfacts
    >>> f = kfacts.Fact("money", "10.5달러", (0, 6), {"value": 10.5, "currency": "USD", "approx": False})
    >>> json.dumps([f], default=kfacts.json_default, ensure_ascii=False)[:40]
    '[{"type": "money", "value": 10.5, "curre'
    """
    if isinstance(obj, (Fact, Zone, Document)):
        return obj.to_dict()
    if isinstance(obj, _dt.date):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return int(obj) if obj == obj.to_integral_value() else float(obj)
    if isinstance(obj, (set, frozenset, tuple)):
        return list(obj)
    raise TypeError(f"Object of type {type(obj).__name__} is not JSON serializable")


@dataclass(frozen=True)
class Zone(_Spanned):
    """A region of the input: ``kind`` is ``"article"`` or ``"clutter"``.

    ``reason`` says why a clutter zone was set apart (``"most_read_list"``,
    ``"copyright"``, ``"related_teaser"``...), or ``None`` for the article.
    """

    kind: str
    span: tuple[int, int]
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "span": [self.span[0], self.span[1]], "reason": self.reason}


_TYPE_COLORS = registry.COLORS


@dataclass
class Document:
    """The result of extraction over one text."""

    text: str
    published: _dt.date | None
    facts: list[Fact]
    zones: list[Zone]
    meta: dict[str, Any] = field(default_factory=dict)
    #: for a document read from HTML (:func:`kfacts.extract_html`): the page and the map
    #: from :attr:`text` back to it (a :class:`kfacts.htmltext.HtmlText`); else None
    html_map: "HtmlText | None" = field(default=None, repr=False, compare=False)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    @overload
    def of_type(self, fact_type: Literal["organization"]) -> list[OrganizationFact]: ...
    @overload
    def of_type(self, fact_type: Literal["person"]) -> list[PersonFact]: ...
    @overload
    def of_type(self, fact_type: Literal["award"]) -> list[AwardFact]: ...
    @overload
    def of_type(self, fact_type: Literal["money"]) -> list[MoneyFact]: ...
    @overload
    def of_type(self, fact_type: Literal["jobs"]) -> list[JobsFact]: ...
    @overload
    def of_type(self, fact_type: Literal["date"]) -> list[DateFact]: ...
    @overload
    def of_type(self, fact_type: str) -> list[Fact]: ...

    def of_type(self, fact_type: str) -> Any:
        """The facts of one type, in span order (typed: ``of_type("money")`` gives :class:`MoneyFact`)."""
        return [f for f in self.facts if f.type == fact_type]

    @property
    def html(self) -> str | None:
        """The HTML page this document was read from (:func:`kfacts.extract_html`), or None."""
        return self.html_map.html if self.html_map is not None else None

    def html_span(self, item: "Fact | Zone | tuple[int, int]") -> tuple[int, int]:
        """Where a fact (or zone, or ``(start, end)`` span of :attr:`text`) is in :attr:`html`.

        ``doc.html[s:e]``, with its tags and comments stripped, its entities
        unescaped and its white space collapsed, is the fact's text.
        """
        if self.html_map is None:
            raise ValueError("this document was not read from HTML (use kfacts.extract_html)")
        start, end = item.span if isinstance(item, (Fact, Zone)) else item
        return self.html_map.html_span(start, end)

    @property
    def article_zones(self) -> list[Zone]:
        return [z for z in self.zones if z.kind == "article"]

    def to_dict(self) -> dict[str, Any]:
        from ._version import __version__

        d: dict[str, Any] = {
            "kfacts_version": __version__,
            "published": self.published.isoformat() if self.published else None,
            "facts": self.fact_dicts(),
            "zones": [z.to_dict() for z in self.zones],
        }
        if self.meta:
            d["meta"] = dict(self.meta)
        return d

    def to_json(self, **kwargs: Any) -> str:
        """:meth:`to_dict` as a JSON string (``kwargs`` go to :func:`json.dumps`)."""
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("default", json_default)
        return json.dumps(self.to_dict(), **kwargs)

    def fact_dicts(self) -> list[dict[str, Any]]:
        """:meth:`Fact.to_dict` of every fact; from HTML, each with its ``html_span`` too."""
        facts = [f.to_dict() for f in self.facts]
        if self.html_map is not None:
            for f, d in zip(self.facts, facts):
                d["html_span"] = list(self.html_map.html_span(*f.span))
        return facts

    def _repr_html_(self) -> str:
        """Notebook view: the article text with facts highlighted by type."""
        text = self.text
        # facts may nest (an org inside an award phrase): take outermost, non-overlapping
        chosen: list[Fact] = []
        last_end = -1
        for f in sorted(self.facts, key=lambda f: (f.span[0], -f.span[1])):
            if f.span[0] >= last_end:
                chosen.append(f)
                last_end = f.span[1]
        out = ['<div class="kfacts-doc" style="white-space:pre-wrap;word-break:keep-all;line-height:1.9;font-family:sans-serif">']
        pos = 0
        for f in chosen:
            s, e = f.span
            out.append(_html.escape(text[pos:s]))
            color = _TYPE_COLORS.get(f.type, "#eeeeee")
            title = _html.escape(", ".join(f"{k}={v}" for k, v in f.fields.items() if v is not None), quote=True)
            out.append(
                f'<mark style="background:{color};padding:0 2px;border-radius:3px" title="{title}">'
                f"{_html.escape(text[s:e])}"
                f'<sub style="font-size:0.65em;color:#555;margin-left:2px">{f.type}</sub></mark>'
            )
            pos = e
        out.append(_html.escape(text[pos:]))
        out.append("</div>")
        return "".join(out)

    def __repr__(self) -> str:
        pub = self.published.isoformat() if self.published else None
        return f"Document(published={pub!r}, facts={len(self.facts)}, chars={len(self.text)})"
