"""The values kfacts returns: :class:`Fact`, :class:`Zone` and :class:`Document`."""

from __future__ import annotations

import datetime as _dt
import html as _html
from dataclasses import dataclass, field
from typing import Any, Iterator, Mapping

#: The six built-in fact types and their SPEC fields, in SPEC order.
FACT_FIELDS: dict[str, tuple[str, ...]] = {
    "organization": ("name", "canonical", "kind"),
    "person": ("name", "title", "org"),
    "award": ("award", "prize", "honor", "recipient", "event", "organizer", "category", "year"),
    "money": ("value", "currency", "approx"),
    "jobs": ("value", "approx", "qualifier"),
    "date": ("value", "granularity", "relative", "part"),
}

ORG_KINDS = (
    "local_government", "central_government", "legislature", "public_agency", "company",
    "university", "hospital", "association", "party", "media", "other",
)


@dataclass(frozen=True)
class Fact:
    """One fact found in a text: one mention, with its exact span.

    ``text == document.text[span[0]:span[1]]`` always holds. The SPEC fields
    of the fact's type are in :attr:`fields` and also readable as attributes
    (``fact.value``, ``fact.canonical``...).
    """

    type: str
    text: str
    span: tuple[int, int]
    fields: Mapping[str, Any] = field(default_factory=dict)
    rule: str | None = None
    #: field name -> (start, end) of the evidence for that field, where known
    evidence: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # only called when normal lookup fails: expose SPEC fields
        if name.startswith("__"):
            raise AttributeError(name)
        fields = object.__getattribute__(self, "fields")
        if name in fields:
            return fields[name]
        if name in FACT_FIELDS.get(object.__getattribute__(self, "type"), ()):
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

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``type``, the SPEC fields, ``text``, ``span`` and ``rule``."""
        d: dict[str, Any] = {"type": self.type}
        for name in FACT_FIELDS.get(self.type, ()):
            d[name] = self.fields.get(name)
        for name, value in self.fields.items():
            if name not in d:
                d[name] = value
        d["text"] = self.text
        d["span"] = [self.span[0], self.span[1]]
        d["rule"] = self.rule
        if self.evidence:
            d["evidence"] = {k: [v[0], v[1]] for k, v in self.evidence.items()}
        return d

    def replace(self, **changes: Any) -> "Fact":
        """A copy with some attributes or fields changed (fields by name)."""
        attrs = {"type": self.type, "text": self.text, "span": self.span, "rule": self.rule,
                 "evidence": dict(self.evidence)}
        fields = dict(self.fields)
        for k, v in changes.items():
            if k in attrs:
                attrs[k] = v
            else:
                fields[k] = v
        return Fact(fields=fields, **attrs)


@dataclass(frozen=True)
class Zone:
    """A region of the input: ``kind`` is ``"article"`` or ``"clutter"``.

    ``reason`` says why a clutter zone was set apart (``"most_read_list"``,
    ``"copyright"``, ``"related_teaser"``...), or ``None`` for the article.
    """

    kind: str
    span: tuple[int, int]
    reason: str | None = None

    @property
    def start(self) -> int:
        return self.span[0]

    @property
    def end(self) -> int:
        return self.span[1]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "span": [self.span[0], self.span[1]], "reason": self.reason}


_TYPE_COLORS = {
    "organization": "#cfe2ff", "person": "#d1e7dd", "award": "#fff3cd",
    "money": "#f8d7da", "jobs": "#e2d9f3", "date": "#e9ecef",
}


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
    html_map: Any = field(default=None, repr=False, compare=False)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def of_type(self, fact_type: str) -> list[Fact]:
        """The facts of one type, in span order."""
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
