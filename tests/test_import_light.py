"""`import kfacts` stays light: no spaCy, pandas, pyarrow, pyspark or even Kiwi until used."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "pandas", "pyarrow", "pyspark", "kiwipiepy", "numpy", "thinc", "py4j")


def _loaded(code: str) -> set[str]:
    probe = code + (f"\nimport sys, json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} "
                    f"& set({list(HEAVY)!r}))))")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    return set(json.loads(r.stdout.strip().splitlines()[-1]))


def test_import_kfacts_is_light():
    assert _loaded("import kfacts") == set()


def test_public_names_and_cli_parser_are_light():
    code = ("import kfacts\n"
            "kfacts.Extractor\nkfacts.Document\nkfacts.schema()\n"
            "from kfacts.cli import build_parser\nbuild_parser()\n"
            "import kfacts.batch, kfacts.extract_command, kfacts.progress, kfacts.frames, kfacts.spark\n")
    assert _loaded(code) == set()
