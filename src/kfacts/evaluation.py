"""Scoring against gold files, exactly as SPEC sections 3 and 4 say.

Per document, predicted and gold facts are reduced to a *set of keys* per
type (a null key is not scored); true/false positives and false negatives
are summed over documents (micro average). Secondary fields are scored as
accuracy over matched keys: each gold fact against the predicted fact with
the same key that agrees best. Every predicted fact must also pass the span
check ``input[start:end] == text``; a failure is a defect, counted apart.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import regex as re

from . import registry
from .errors import GoldFileNotFoundError, GoldFormatError

#: type -> (key field, secondary fields), SPEC section 4 (from each type's ``key`` and ``secondary``)
KEYS: dict[str, tuple[str, tuple[str, ...]]] = registry.KEYS
TYPES = tuple(KEYS)

_QUOTES = re.compile("['‘’\"“”「」『』]")
_WS = re.compile(r"\s+")


def norm(value: Any) -> Any:
    """Normalize a field value for comparison (SPEC section 4).

    >>> norm(" ‘2024 전국  경진대회’ ")
    '2024 전국 경진대회'
    >>> norm(5000000000)
    5000000000
    """
    if isinstance(value, str):
        s = unicodedata.normalize("NFC", value)
        s = _QUOTES.sub("", s)
        s = _WS.sub(" ", s).strip()
        return s
    return value


def _get(fact: Any, name: str) -> Any:
    if isinstance(fact, dict):
        return fact.get(name)
    if name in ("type", "text", "span"):
        return getattr(fact, name)
    return fact.fields.get(name)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else (1.0 if not self.fp else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocResult:
    id: str
    false_positives: dict[str, list[Any]] = field(default_factory=dict)
    false_negatives: dict[str, list[Any]] = field(default_factory=dict)
    field_errors: list[dict[str, Any]] = field(default_factory=list)
    span_errors: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Report:
    """What :func:`evaluate` returns."""

    counts: dict[str, Counts]
    fields: dict[str, dict[str, list[int]]]  # type -> field -> [correct, total]
    span_errors: int
    documents: int
    docs: list[DocResult]

    @property
    def overall(self) -> Counts:
        c = Counts()
        for v in self.counts.values():
            c.tp += v.tp
            c.fp += v.fp
            c.fn += v.fn
        return c

    def field_accuracy(self, fact_type: str, name: str) -> float | None:
        correct, total = self.fields.get(fact_type, {}).get(name, [0, 0])
        return correct / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "span_errors": self.span_errors,
            "overall": self.overall.to_dict(),
            "types": {t: c.to_dict() for t, c in self.counts.items()},
            "fields": {t: {n: {"correct": c, "total": tot, "accuracy": round(c / tot, 4) if tot else None}
                           for n, (c, tot) in fs.items()} for t, fs in self.fields.items()},
            "errors": [
                {"id": d.id, "false_positives": d.false_positives, "false_negatives": d.false_negatives,
                 "field_errors": d.field_errors, "span_errors": d.span_errors}
                for d in self.docs
                if d.false_positives or d.false_negatives or d.field_errors or d.span_errors
            ],
        }

    def table(self) -> str:
        lines = [f"{'type':<13}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}  secondary fields"]
        for t, c in self.counts.items():
            sec = []
            for n, (ok, tot) in self.fields.get(t, {}).items():
                if tot:
                    sec.append(f"{n} {ok}/{tot}")
            lines.append(f"{t:<13}{c.precision:7.3f}{c.recall:7.3f}{c.f1:7.3f}{c.tp:6d}{c.fp:6d}{c.fn:6d}  {', '.join(sec)}")
        o = self.overall
        lines.append(f"{'overall':<13}{o.precision:7.3f}{o.recall:7.3f}{o.f1:7.3f}{o.tp:6d}{o.fp:6d}{o.fn:6d}")
        lines.append(f"documents {self.documents}, span errors {self.span_errors}")
        return "\n".join(lines)

    def details(self) -> str:
        """Per-document listing of misses and false alarms, for debugging."""
        out = []
        for d in self.docs:
            if not (d.false_positives or d.false_negatives or d.field_errors or d.span_errors):
                continue
            out.append(f"== {d.id}")
            for t, keys in d.false_negatives.items():
                out.append(f"  missed {t}: {keys}")
            for t, keys in d.false_positives.items():
                out.append(f"  extra  {t}: {keys}")
            for e in d.field_errors:
                out.append(f"  field  {e['type']} {e['key']!r} {e['field']}: gold {e['gold']!r} got {e['predicted']!r}")
            for e in d.span_errors:
                out.append(f"  SPAN   {e}")
        return "\n".join(out)


def read_gold(gold_path: str | Path, root: str | Path | None = None) -> list[dict[str, Any]]:
    """Read a gold JSONL file; each record gets its document ``text``."""
    gold_path = Path(gold_path)
    if not gold_path.is_file():
        raise GoldFileNotFoundError("KF302", path=str(gold_path))
    roots = [Path(root)] if root is not None else [gold_path.parent, gold_path.parent.parent]
    records = []
    jsonl_cache: dict[Path, dict[str, str]] = {}
    with gold_path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise GoldFormatError("KF301", path=str(gold_path), line=lineno, detail=f"not JSON ({e.msg})") from None
            except RecursionError:
                raise GoldFormatError("KF301", path=str(gold_path), line=lineno, detail="JSON nested too deeply") from None
            if not isinstance(rec, dict) or not isinstance(rec.get("facts"), list):
                raise GoldFormatError("KF301", path=str(gold_path), line=lineno, detail="a record needs a 'facts' list")
            if not isinstance(rec.get("text"), str):
                src = rec.get("source")
                if not isinstance(src, str):
                    raise GoldFormatError("KF301", path=str(gold_path), line=lineno,
                                          detail="a record needs 'text' or 'source'")
                path_part, _, rec_id = src.partition("#")
                found = None
                for r in roots:
                    p = r / path_part
                    if p.is_file():
                        found = p
                        break
                if found is None:
                    raise GoldFormatError("KF301", path=str(gold_path), line=lineno,
                                          detail=f"source {path_part!r} not found under {', '.join(map(str, roots))}")
                if rec_id:
                    if found not in jsonl_cache:
                        texts = {}
                        with found.open(encoding="utf-8") as jf:
                            for jl in jf:
                                if jl.strip():
                                    try:
                                        jr = json.loads(jl)
                                    except (json.JSONDecodeError, RecursionError):
                                        raise GoldFormatError("KF301", path=str(gold_path), line=lineno,
                                                              detail=f"{found}: a line is not JSON") from None
                                    if not isinstance(jr, dict):
                                        raise GoldFormatError("KF301", path=str(gold_path), line=lineno,
                                                              detail=f"{found}: a line is not a JSON object")
                                    texts[str(jr.get("id"))] = jr.get("text", "")
                        jsonl_cache[found] = texts
                    if rec_id not in jsonl_cache[found]:
                        raise GoldFormatError("KF301", path=str(gold_path), line=lineno,
                                              detail=f"no record {rec_id!r} in {found}")
                    rec["text"] = jsonl_cache[found][rec_id]
                else:
                    rec["text"] = found.read_text(encoding="utf-8")
            rec.setdefault("id", f"line-{lineno}")
            records.append(rec)
    return records


def _keyset(facts: Iterable[Any], fact_type: str) -> dict[Any, list[Any]]:
    key_field = KEYS[fact_type][0]
    out: dict[Any, list[Any]] = {}
    for f in facts:
        if _get(f, "type") != fact_type:
            continue
        k = norm(_get(f, key_field))
        if k is None:
            continue
        out.setdefault(k, []).append(f)
    return out


def score_document(gold_facts: list[dict[str, Any]], predicted: list[Any], text: str, doc_id: str,
                   counts: dict[str, Counts], fields: dict[str, dict[str, list[int]]],
                   types: Iterable[str] = TYPES) -> DocResult:
    """Add one document's figures to ``counts`` and ``fields``."""
    res = DocResult(id=doc_id)
    for f in predicted:
        span = _get(f, "span")
        s, e = (span[0], span[1]) if span is not None else (None, None)
        if s is None or not (0 <= s <= e <= len(text)) or text[s:e] != _get(f, "text"):
            res.span_errors.append({"type": _get(f, "type"), "text": _get(f, "text"), "span": list(span or [])})
    for t in types:
        secondary = KEYS[t][1]
        g = _keyset(gold_facts, t)
        p = _keyset(predicted, t)
        c = counts.setdefault(t, Counts())
        tp = g.keys() & p.keys()
        c.tp += len(tp)
        c.fp += len(p.keys() - g.keys())
        c.fn += len(g.keys() - p.keys())
        if p.keys() - g.keys():
            res.false_positives[t] = sorted(p.keys() - g.keys(), key=str)
        if g.keys() - p.keys():
            res.false_negatives[t] = sorted(g.keys() - p.keys(), key=str)
        fs = fields.setdefault(t, {n: [0, 0] for n in secondary})
        for k in tp:
            for gf in g[k]:
                # a secondary field is scored only where the gold fact carries it (SPEC section 4:
                # older gold sets have no ``subject``)
                carried = [n for n in secondary if not isinstance(gf, dict) or n in gf]
                best, best_ok = None, -1
                for pf in p[k]:
                    ok = sum(norm(_get(gf, n)) == norm(_get(pf, n)) for n in carried)
                    if ok > best_ok:
                        best, best_ok = pf, ok
                for n in carried:
                    fs[n][1] += 1
                    if norm(_get(gf, n)) == norm(_get(best, n)):
                        fs[n][0] += 1
                    else:
                        res.field_errors.append({"type": t, "key": k, "field": n, "gold": _get(gf, n),
                                                 "predicted": _get(best, n)})
    return res


def evaluate(gold_path: str | Path, root: str | Path | None = None, extractor: Any = None,
             types: Iterable[str] | None = None) -> Report:
    """Score ``extractor`` (default: the default one) on a gold file.

    Parameters
    ----------
    gold_path : path
        A JSONL gold file (SPEC section 3).
    root : path, optional
        The folder ``source`` paths are relative to (default: the gold
        file's folder, then its parent).
    extractor : callable, optional
        ``extractor(text, published=...) -> Document``.
    types : iterable of str, optional
        Score only these fact types.
    """
    if extractor is None:
        from .api import default_extractor

        extractor = default_extractor()
    types = tuple(types) if types is not None else TYPES
    records = read_gold(gold_path, root)
    counts: dict[str, Counts] = {t: Counts() for t in types}
    fields: dict[str, dict[str, list[int]]] = {}
    docs = []
    span_errors = 0
    for rec in records:
        doc = extractor(rec["text"], published=rec.get("published"))
        res = score_document(rec["facts"], doc.facts, rec["text"], str(rec["id"]), counts, fields, types)
        span_errors += len(res.span_errors)
        docs.append(res)
    return Report(counts=counts, fields=fields, span_errors=span_errors, documents=len(records), docs=docs)
