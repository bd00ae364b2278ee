"""The fact-type registry: every type declared once, in its folder, and everything else derived.

The main test adds a seventh type the way a contributor would: one new folder
(``type.toml``, an extractor, an example table) and nothing else, then sees the
type in ``kfacts.schema()``, the table columns, ``kfacts eval``, the spaCy
labels, the run order, extraction and the example checker. It runs in a
separate interpreter with ``KFACTS_TYPE_PATH`` naming the folder, since the
registry is read once, when kfacts is imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import kfacts
from kfacts import registry
from kfacts.errors import RulePackError
from kfacts.fact import _FACT_CLASSES

#: the built-in types in SPEC order: the one place the six names stand together is kfacts.fact,
#: which gives each its typed Fact class; the registry, read from the folders, must agree with it
SIX = tuple(_FACT_CLASSES)

PATENT_TYPE = """\
[[types]]
name = "patent"
description = "A Korean patent number and the organization holding it"
fields = { number = "str", holder = "str" }
not_null = ["number"]
patterns = { number = '^\\d{2}-\\d{7}$' }
key = "number"
secondary = ["holder"]
position = 7
run_rank = 0
reads = ["organization"]
label = "PATENT"
color = "#ffe5d0"
"""

PATENT_EXTRACTOR = '''\
"""Patents: ``특허 제10-1234567호``, held by the organization just before it."""

import re

from kfacts.extractors.base import Context, Rule
from kfacts.fact import Fact

RULES = [Rule("patent.number", "patent", "a patent number: 특허 제10-1234567호")]
_NUMBER = re.compile(r"특허\\s*제(\\d{2}-\\d{7})호")


def extract(ctx: Context) -> list[Fact]:
    out = []
    for m in _NUMBER.finditer(ctx.text):
        orgs = [f for f in ctx.facts.get("organization", ()) if f.span[1] <= m.start()]
        holder = orgs[-1].fields["canonical"] if orgs else None
        out.append(ctx.fact("patent", m.start(), m.end(), "patent.number", number=m.group(1), holder=holder))
    return out
'''

PATENT_EXAMPLES = """\
type = "patent"

[[examples]]
text = "삼성전자는 특허 제10-1234567호를 등록했다."
rule = "patent.number"
expect = [{ text = "특허 제10-1234567호", number = "10-1234567", holder = "삼성전자", span = [6, 21] }]

[[examples]]
text = "특허를 여럿 냈다."
expect = []
"""

TEXT = "삼성전자는 특허 제10-1234567호를 등록했다."

#: run with KFACTS_TYPE_PATH naming the patent folder; prints what each consumer of the registry sees
PROBE = """
import json, sys
import kfacts
from kfacts import evaluation, examples, extractors, frames
from kfacts.api import Extractor

out = {}
schema = kfacts.schema()
out["schema"] = [b["then"] for b in schema["allOf"] if b["if"]["properties"]["type"]["const"] == "patent"]
out["columns"] = frames.COLUMN_NAMES
out["keys"] = evaluation.KEYS["patent"]
out["order"] = list(extractors.EXTRACTORS)
ex = Extractor()
doc = ex(sys.argv[1])
out["facts"] = [f.to_dict() for f in doc.of_type("patent")]
out["row"] = {k: v for k, v in frames.fact_row(doc.of_type("patent")[0]).items() if k in ("number", "holder")}
files = [p for p in examples.builtin_example_files() if "patent" in str(p)]
out["examples"] = [examples.check_example(ex, e) for p in files for e in examples.load_examples(p)]
try:
    from kfacts import spacy as kspacy
except ImportError:
    out["labels"] = None
else:
    out["labels"] = [kspacy.LABELS["patent"], kspacy.DISPLACY_OPTIONS["colors"]["PATENT"], kspacy.displacy_colors()]
print(json.dumps(out, ensure_ascii=False))
"""


def _write_patent(root: Path, declaration: str = PATENT_TYPE) -> Path:
    folder = root / "patents"
    folder.mkdir()
    (folder / "type.toml").write_text(declaration, encoding="utf-8")
    (folder / "__init__.py").write_text(PATENT_EXTRACTOR, encoding="utf-8")
    (folder / "examples.toml").write_text(PATENT_EXAMPLES, encoding="utf-8")
    return folder


def _env(*folders: Path) -> dict[str, str]:
    src = str(Path(kfacts.__file__).resolve().parent.parent)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    env[registry.PATH_VARIABLE] = os.pathsep.join(str(f) for f in folders)
    return env


# -- the six built-in types, unchanged by default ----------------------------------
def test_default_is_the_six_builtin_types():
    assert tuple(registry.TYPES) == SIX and len(SIX) == 6
    # the folders' run ranks order the run (each rank given once), before the "reads" check below
    ranks = [registry.TYPES[n].run_rank for n in registry.RUN_ORDER]
    assert None not in ranks and ranks == sorted(set(ranks))  # type: ignore[type-var]
    from kfacts.extractors import EXTRACTORS

    assert list(EXTRACTORS) == list(registry.RUN_ORDER)
    assert all(EXTRACTORS[n] == f"kfacts.extractors.{registry.TYPES[n].folder.name}" for n in SIX)
    assert all(t.builtin for t in registry.TYPES.values())


def test_every_builtin_folder_declares_its_type():
    for t in registry.TYPES.values():
        assert t.folder.parent.name == "extractors" and (t.folder / "type.toml").is_file()
        assert list(t.folder.glob("examples*.toml")), t.name
        assert t.description


def test_each_extractor_runs_after_the_types_it_reads():
    order = registry.RUN_ORDER
    for t in registry.TYPES.values():
        assert all(order.index(r) < order.index(t.name) for r in t.reads), t.name
    assert registry.TYPES["award"].reads == ("organization", "person", "date")


def test_rules_of_each_folder_are_of_its_type():
    from kfacts.extractors import load

    for name in registry.TYPES:
        assert {r.type for r in load(name).RULES} == {name}


# -- a seventh type is one folder -------------------------------------------------
def test_load_types_reads_an_extra_folder(tmp_path):
    folder = _write_patent(tmp_path)
    types = registry.load_types([folder])
    assert tuple(types) == (*SIX, "patent")
    patent = types["patent"]
    assert not patent.builtin and patent.module == "patents" and patent.folder == folder
    order = registry.run_order(types)  # the built-ins' order kept, the patent right after what it reads
    assert [n for n in order if n != "patent"] == list(registry.RUN_ORDER)
    assert order.index("patent") == order.index("organization") + 1
    assert registry.table_columns(types)[-2:] == [("number", "string"), ("holder", "string")]
    assert patent.field_schema("number") == {"type": "string", "pattern": r"^\d{2}-\d{7}$"}
    assert patent.field_schema("holder") == {"type": ["string", "null"]}


def test_a_seventh_type_is_seen_everywhere(tmp_path):
    folder = _write_patent(tmp_path)
    done = subprocess.run([sys.executable, "-c", PROBE, TEXT], env=_env(folder), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["schema"] == [{"required": ["number", "holder"], "properties": {
        "number": {"type": "string", "pattern": r"^\d{2}-\d{7}$"}, "holder": {"type": ["string", "null"]}}}]
    assert seen["columns"][-4:] == ["number", "holder", "fields_json", "sentence"]
    assert seen["keys"] == ["number", ["holder"]]
    order = seen["order"]  # the extractors' run order: the built-ins' kept, the patent right after what it reads
    assert [n for n in order if n != "patent"] == list(registry.RUN_ORDER)
    assert order.index("patent") == order.index("organization") + 1
    assert [(f["text"], f["span"], f["number"], f["holder"], f["rule"]) for f in seen["facts"]] == [
        ("특허 제10-1234567호", [6, 21], "10-1234567", "삼성전자", "patent.number")]
    assert seen["row"] == {"number": "10-1234567", "holder": "삼성전자"}
    assert seen["examples"] == [[], []]  # both examples of the folder found and passing
    if seen["labels"] is not None:
        assert seen["labels"][:2] == ["PATENT", "#ffe5d0"]
        assert seen["labels"][2]["PATENT"] == "#ffe5d0"


def test_kfacts_eval_scores_a_seventh_type(tmp_path):
    folder = _write_patent(tmp_path)
    gold = tmp_path / "gold.jsonl"
    fact = {"type": "patent", "number": "10-1234567", "holder": "삼성전자", "text": "특허 제10-1234567호"}
    gold.write_text(json.dumps({"id": "p1", "text": TEXT, "published": None, "facts": [fact]}, ensure_ascii=False)
                    + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "import sys; from kfacts.cli import main; sys.exit(main())",
                           "eval", str(gold), "--json"],
                          env=_env(folder), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["types"]["patent"] | {"tp": 1, "fp": 0, "fn": 0} == report["types"]["patent"]
    assert report["fields"]["patent"]["holder"]["correct"] == 1


# -- a bad declaration is a clear error ---------------------------------------------
@pytest.mark.parametrize("change, code, words", [
    (("position = 7\n", ""), "KF204", "'position'"),
    (('label = "PATENT"\n', 'label = "PATENT"\nlabels = "X"\n'), "KF203", "'labels'"),
    (("position = 7\n", 'position = "7"\n'), "KF210", "integer"),
    (('holder = "str"', 'holder = "text"'), "KF210", "str | int"),
    (('key = "number"', 'key = "id"'), "KF216", "not a field of the type: id"),
    (('secondary = ["holder"]', 'secondary = ["owner"]'), "KF216", "owner"),
    (('reads = ["organization"]', 'reads = ["company"]'), "KF212", "'company'"),
    (('name = "patent"', 'name = "money"'), "KF216", "also declared"),
    (('label = "PATENT"', 'label = "ORG"'), "KF216", "also the label of 'organization'"),
    (('holder = "str"', 'holder = "str", year = "str"'), "KF216", "'year' is 'int' in type 'award'"),
    (('holder = "str"', 'holder = "str", span = "str"'), "KF216", "bad field name 'span'"),
    (("[[types]]", "[[types]]\n["), "KF202", "invalid TOML"),
    (('label = "PATENT"', 'label = "PATENT"\nenums = { holder = 3 }'), "KF210", "non-empty array"),
    (('label = "PATENT"', 'label = "PATENT"\noptional = { number = "str" }'), "KF216", "both in `fields`"),
])
def test_bad_declarations(tmp_path, change, code, words):
    old, new = change
    assert old in PATENT_TYPE
    folder = _write_patent(tmp_path, PATENT_TYPE.replace(old, new, 1))
    with pytest.raises(RulePackError) as err:
        registry.load_types([folder])
    assert err.value.code == code and words in str(err.value), str(err.value)
    assert str(folder / "type.toml") in str(err.value)


def test_types_reading_each_other_are_an_error(tmp_path):
    a = _write_patent(tmp_path, PATENT_TYPE.replace('reads = ["organization"]', 'reads = ["design"]'))
    b = tmp_path / "designs"
    b.mkdir()
    (b / "type.toml").write_text(PATENT_TYPE.replace('name = "patent"', 'name = "design"')
                                 .replace('label = "PATENT"', 'label = "DESIGN"')
                                 .replace('reads = ["organization"]', 'reads = ["patent"]'), encoding="utf-8")
    with pytest.raises(RulePackError, match="read each other in a cycle"):
        registry.load_types([a, b])


def test_missing_declaration_is_an_error(tmp_path):
    with pytest.raises(RulePackError, match="KF201") as info:
        registry.load_types([tmp_path])
    assert f"the type folder {tmp_path}: it has no type.toml" in str(info.value)
    assert "rule pack" not in str(info.value)


def test_pack_types_and_builtin_types_share_one_table():
    from kfacts.rulepacks import SCHEMA

    assert SCHEMA["type"] == registry.TYPE_KEYS
    assert not set(registry.TYPE_KEYS) & set(registry.BUILTIN_TYPE_KEYS)


def test_extra_folders_come_from_the_environment(tmp_path):
    assert registry.extra_folders({}) == []
    assert registry.extra_folders({registry.PATH_VARIABLE: os.pathsep.join(["a", "", "b"])}) == [Path("a"), Path("b")]



# -- "reads" is what each extractor reads ---------------------------------------------
class _Recorded(dict):
    """``ctx.facts`` that notes which types the running extractor looks up."""

    running: list[str] = []
    seen: set[tuple[str, str]] = set()

    def get(self, key, default=None):
        if self.running:
            self.seen.add((self.running[-1], key))
        return super().get(key, default)

    def __getitem__(self, key):
        if self.running:
            self.seen.add((self.running[-1], key))
        return super().__getitem__(key)


def test_each_extractor_reads_exactly_the_types_it_declares(monkeypatch):
    """Over every built-in example, the fact types each extractor looks up in ``ctx.facts`` are its ``reads``."""
    from kfacts import pipeline
    from kfacts.examples import builtin_examples
    from kfacts.extractors import load
    from kfacts.extractors.base import Context

    monkeypatch.setattr(pipeline, "Context", lambda **kw: Context(facts=_Recorded(), **kw))
    monkeypatch.setattr(_Recorded, "seen", set())
    for name in registry.TYPES:
        mod = load(name)

        def extract(ctx, _inner=mod.extract, _name=name):
            _Recorded.running.append(_name)
            try:
                return _inner(ctx)
            finally:
                _Recorded.running.pop()

        monkeypatch.setattr(mod, "extract", extract)
    ex = kfacts.Extractor()
    for e in builtin_examples():
        ex(e.text, published=e.published)
    read = {name: {t for r, t in _Recorded.seen if r == name} for name in registry.TYPES}
    assert read == {name: set(t.reads) for name, t in registry.TYPES.items()}


def test_the_six_type_names_stand_together_in_one_file_only():
    """Each type declares itself in its folder; the one file listing all six is kfacts.fact (its
    typed Fact classes and `Document.of_type` overloads, which a type checker needs spelled out).
    Any other file of src/ or tests/ naming all six within three lines copies the registry."""
    import re

    root = Path(__file__).resolve().parents[1]
    names = [n for n, t in registry.TYPES.items() if t.builtin]
    quoted = [re.compile(rf"""["']{n}["']""") for n in names]
    found = []
    for path in sorted([*(root / "src" / "kfacts").rglob("*.py"), *(root / "tests").rglob("*.py")]):
        lines = path.read_text(encoding="utf-8").splitlines()
        for i in range(len(lines)):
            window = "\n".join(lines[i:i + 3])
            if all(q.search(window) for q in quoted):
                found.append(str(path.relative_to(root)))
                break
    assert found == ["src/kfacts/fact.py"]
