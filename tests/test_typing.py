"""kfacts is typed (py.typed): ``mypy --strict`` passes a correct user script and catches mistakes.

Runs mypy through its API on small scripts written here: a correct one must
pass; each wrong one (a misspelt fact field, an int as ``published``, a date
value used as a number) must be reported. Also checks kfacts' public modules
themselves with ``--strict``. Skipped, saying so, where mypy is not installed
(``pip install kfacts[dev]`` has it).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import kfacts

api = pytest.importorskip("mypy.api", reason="mypy is not installed: pip install 'kfacts[dev]' to run the typing checks")

SRC = Path(kfacts.__file__).resolve().parent.parent

GOOD = '''
import datetime as dt
import json
from decimal import Decimal

import kfacts

doc: kfacts.Document = kfacts.extract("광주시는 100억원을 투자했다.", published="2024-08-13")
doc2 = kfacts.extract("내용", published=dt.date(2024, 8, 13))
doc3 = kfacts.extract("내용")
for f in doc.facts:
    kind: str = f.type
    surface: str = f.text
    span: tuple[int, int] = f.span
    start: int = f.start
    end: int = f.end
    rule: str | None = f.rule
    value: int | float | str | None = f.value
    as_json: str = f.to_json()
    json.dumps(f, default=kfacts.json_default)
    fields = f.fields["value"]
    seen = {f}
for m in doc.of_type("money"):
    amount: Decimal | None = m.amount
    if m.value is not None:
        doubled: float = m.value * 2
    code: str | None = m.currency
for d in doc.of_type("date"):
    if d.value is not None and d.value.startswith("2024"):
        pass
for j in doc.of_type("jobs"):
    count: int | None = j.value
for o in doc.of_type("organization"):
    name: str = o.name
    canonical: str | None = o.canonical
ex = kfacts.Extractor(disable=["money.implicit_won"])
docs: list[kfacts.Document] = list(ex.pipe(["가", "나"], published="2024-08-13"))
for rec in ex.pipe([{"id": "a", "text": "가"}]):
    facts: list[dict[str, object]] = rec["facts"]
report = kfacts.evaluate("gold.jsonl")
f1: float = report.overall.f1
pack = kfacts.load_pack("pack.toml")
'''

#: (script, a piece of the error mypy must report)
BAD = {
    "misspelt_field": ('import kfacts\nfor f in kfacts.extract("x").facts:\n    print(f.vaule)\n',
                       '"vaule"'),
    "int_published": ('import kfacts\nkfacts.extract("x", published=20240813)\n',
                      'Argument "published"'),
    "date_value_as_number": ('import kfacts\nfor d in kfacts.extract("x").of_type("date"):\n'
                             '    print(d.value + 1)\n', "Unsupported"),
    "misspelt_money_field": ('import kfacts\nfor m in kfacts.extract("x").of_type("money"):\n'
                             '    print(m.ammount)\n', '"ammount"'),
    "documents_from_strings": ('import kfacts\nfor d in kfacts.Extractor().pipe(["x"]):\n'
                               '    print(d["facts"])\n', "Document"),
}


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One mypy cache for the module: kfacts and its imports are analysed once."""
    return tmp_path_factory.mktemp("mypy_cache")


def _config(tmp_path: Path, cache: Path) -> Path:
    lines = ["[mypy]", "strict = True", f"cache_dir = {cache}"]
    if "-packages" not in str(SRC):  # a source checkout: check this kfacts, not an installed one
        lines.append(f"mypy_path = {SRC}")
    lines += ["[mypy-pandas.*,pyarrow.*]", "ignore_missing_imports = True",
              "[mypy-kfacts.*]", "follow_imports = silent"]
    cfg = tmp_path / "mypy.ini"
    cfg.write_text("\n".join(lines) + "\n")
    return cfg


def _mypy(tmp_path: Path, cache: Path, *args: str) -> tuple[int, str]:
    out, err, status = api.run(["--config-file", str(_config(tmp_path, cache)), "--no-error-summary",
                                "--show-error-codes", *args])
    return status, out + err


def test_correct_user_script_passes_strict(tmp_path, cache):
    script = tmp_path / "good.py"
    script.write_text(textwrap.dedent(GOOD), encoding="utf-8")
    status, out = _mypy(tmp_path, cache, str(script))
    assert status == 0, out


@pytest.mark.parametrize("name", sorted(BAD))
def test_mistakes_are_reported(tmp_path, cache, name):
    code, expected = BAD[name]
    script = tmp_path / f"{name}.py"
    script.write_text(code, encoding="utf-8")
    status, out = _mypy(tmp_path, cache, str(script))
    assert status == 1, out
    assert expected in out and f"{name}.py:" in out, out


def test_public_modules_pass_strict(tmp_path, cache):
    if "-packages" in str(SRC):
        pytest.skip("kfacts is installed, not a source checkout: its own modules are checked in the repository")
    modules = ["kfacts", "kfacts.api", "kfacts.fact", "kfacts.frames", "kfacts.pipeline", "kfacts.spark",
               "kfacts.registry"]
    try:
        import spacy  # noqa: F401

        modules.append("kfacts.spacy")
    except ImportError:
        pass
    status, out = _mypy(tmp_path, cache, *[x for m in modules for x in ("-m", m)])
    assert status == 0, out


GOOD_SPACY = '''
import kfacts.spacy
from spacy.language import Language

nlp: Language = kfacts.spacy.blank(published="2024-08-13")
nlp2 = kfacts.spacy.use_kiwi(kfacts.spacy.blank())
doc = nlp("광주시장은 100억원을 투자했다.")
for e in doc.ents:
    print(e.text, e.label_, e.start_char, e.end_char)
'''


def test_spacy_user_script_passes_strict(tmp_path, cache):
    pytest.importorskip("spacy")
    script = tmp_path / "good_spacy.py"
    script.write_text(GOOD_SPACY, encoding="utf-8")
    status, out = _mypy(tmp_path, cache, str(script))
    assert status == 0, out
