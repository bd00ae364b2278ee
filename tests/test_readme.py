"""The README's two commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text.split("---", 1)[0]
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", head, re.S)]


def test_readme_opens_with_two_commands():
    cmds = _readme_commands()
    assert len(cmds) == 2
    assert "kfacts extract corpus/sample.txt" in cmds[0]
    assert "pytest" in cmds[1]


def test_ci_runs_exactly_the_readme_commands():
    ci = [l.strip() for l in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
          if l.strip() and not l.lstrip().startswith("#")]
    for cmd in _readme_commands():
        assert cmd in ci, f"README command not in .ci/run: {cmd}"


def test_sample_page_exists():
    assert (ROOT / "corpus" / "sample.txt").is_file()
