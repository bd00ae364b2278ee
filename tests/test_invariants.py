"""What every built-in extractor must hold, checked once over all of them.

Rule records (ids, types, descriptions), the fields, rule and span of every fact a type's own
examples give, examples that show every rule and name only existing ones, and exact spans over
the bench corpus. Each check is one test parametrized by fact type (or by rule), so a new type's
folder is checked without a line here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kfacts.examples import builtin_example_files, load_examples
from kfacts.extractors import EXTRACTORS, load
from kfacts.fact import FACT_FIELDS

TYPES = list(EXTRACTORS)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

#: fields a last pass adds after the extractor (SPEC section 2: the subject of an amount)
LATE_FIELDS = {"money": ("subject",), "jobs": ("subject",)}

#: how many facts of a type the bench pages give at least (so that the span check sees some)
BENCH_AT_LEAST = {"money": 101, "organization": 1, "person": 1, "award": 1, "date": 1}

#: types whose ``name`` field is the fact's text as written
NAME_IS_TEXT = {"organization", "person"}

#: rules that fill one field of a fact made by another rule: no fact carries their id, so an
#: example shows them by naming them (in its ``rule``, ``note`` or ``id``)
FIELD_RULES = {"award.organizer_announcer"}

#: rules no example shows yet (strict xfail: an example for one makes its item fail until removed)
NO_EXAMPLE_YET = {"organization.regional_agency": "no example of a regional agency written without its region"}


def _folder(fact_type: str) -> Path:
    return Path(load(fact_type).__file__).parent


def _rule_ids(fact_type: str) -> set[str]:
    return {r.id for r in load(fact_type).RULES}


@pytest.mark.parametrize("fact_type", TYPES)
def test_rules_are_named_records(fact_type):
    rules = load(fact_type).RULES
    ids = [r.id for r in rules]
    assert rules and len(ids) == len(set(ids))
    assert [r.id for r in rules if not (r.type == fact_type and r.id.startswith(fact_type + ".") and r.description)] == []


def test_rule_ids_are_unique_across_types():
    ids = [r.id for t in TYPES for r in load(t).RULES]
    assert len(ids) == len(set(ids))


@pytest.fixture(scope="module")
def examples_by_folder():
    """extractor folder -> the examples of its tables."""
    out: dict[Path, list] = {}
    for path in builtin_example_files():
        out.setdefault(path.parent, []).extend(load_examples(path))
    return out


@pytest.fixture(scope="module")
def example_facts(extractor, examples_by_folder):
    """extractor folder -> (example, fact) for every fact its own (non-xfail) examples give."""
    out: dict[Path, list] = {}
    for folder, examples in examples_by_folder.items():
        found = out.setdefault(folder, [])
        for ex in examples:
            if not ex.xfail:
                found.extend((ex, f) for f in extractor(ex.text, published=ex.published).facts)
    return out


@pytest.mark.parametrize("fact_type", TYPES)
def test_facts_carry_exactly_the_spec_fields_and_a_known_rule(example_facts, fact_type):
    """Every fact of the type its examples give: the SPEC fields in order, a rule of the type, exact span."""
    late = LATE_FIELDS.get(fact_type, ())
    spec = tuple(n for n in FACT_FIELDS[fact_type] if n not in late)
    facts = [(ex, f) for ex, f in example_facts.get(_folder(fact_type), []) if f.type == fact_type]
    assert facts
    for ex, f in facts:
        assert tuple(n for n in f.fields if n not in late) == spec and all(n in f.fields for n in late), ex.origin
        assert f.rule in _rule_ids(fact_type), ex.origin
        assert ex.text[f.span[0]:f.span[1]] == f.text, ex.origin
        if fact_type in NAME_IS_TEXT:
            assert f.fields["name"] == f.text, ex.origin


def _rule_params() -> list:
    return [pytest.param(t, r.id, id=r.id, marks=[pytest.mark.xfail(strict=True, reason=NO_EXAMPLE_YET[r.id])]
                         if r.id in NO_EXAMPLE_YET else []) for t in TYPES for r in load(t).RULES]


@pytest.mark.parametrize("fact_type, rule_id", _rule_params())
def test_every_rule_is_shown_by_an_example(examples_by_folder, example_facts, fact_type, rule_id):
    """Each rule gives a fact on one of its type's examples (a field rule: one of them names it)."""
    folder = _folder(fact_type)
    if rule_id in FIELD_RULES:
        named = [ex for ex in examples_by_folder.get(folder, [])
                 if any(rule_id in (s or "") for s in (ex.rule, ex.note, ex.id))]
        assert named, f"no example of {folder.name} names {rule_id}"
    else:
        fired = {f.rule for _, f in example_facts.get(folder, [])}
        assert rule_id in fired, f"no example of {folder.name} gives a fact of {rule_id}"


def test_every_rule_an_example_names_exists(examples_by_folder):
    known = {r.id for t in TYPES for r in load(t).RULES}
    named = [(ex.test_id, rule) for examples in examples_by_folder.values() for ex in examples
             for rule in [ex.rule, *(e.get("rule") for e in ex.expect)] if rule is not None]
    assert named and [n for n in named if n[1] not in known] == []


@pytest.fixture(scope="module")
def bench_documents(extractor):
    path = SHARED / "bench" / "wikinews_ko.jsonl"
    if not path.is_file():
        pytest.skip(f"bench corpus not found at {path} (../shared absent)")
    docs = []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        docs.append(extractor(d["text"], published=d.get("published")))
    return docs


@pytest.mark.parametrize("fact_type", TYPES)
def test_facts_on_the_bench_corpus_have_exact_spans(bench_documents, fact_type):
    """Every fact of the type over the 637 bench pages: span exact, name as written, amounts sane."""
    n = 0
    for doc in bench_documents:
        for f in doc.of_type(fact_type):
            assert doc.text[f.span[0]:f.span[1]] == f.text, f
            if fact_type in NAME_IS_TEXT:
                assert f.fields["name"] == f.text, f
            if fact_type == "money":
                assert f.value > 0 and f.currency and isinstance(f.approx, bool), f
            n += 1
    assert n >= BENCH_AT_LEAST.get(fact_type, 0)
