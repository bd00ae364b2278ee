"""The kfacts pytest plugin, run on small projects with pytest's ``pytester``."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

import kfacts.examples
import kfacts.pytest_plugin  # noqa: F401
import kfacts.rulepacks.testing  # noqa: F401 - imported here so that pytester's in-process runs keep
#                                  its cache of extractors (and their Kiwi) from one run to the next

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "examples" / "packs" / "investment.toml"
HOTLINE = Path(__file__).parent / "packs" / "hotline.kfacts.toml"

HOTLINE_PACK = '''
[pack]
name = "demo"
version = "0.1.0"

[[types]]
name = "hotline"
fields = {{ number = "str", area = "str" }}

[[rules]]
id = "demo.phone"
type = "hotline"
regex = '(?P<area>0\\d{{1,2}})-\\d{{3,4}}-\\d{{4}}'
fields = {{ number = "@match", area = "@area" }}

[[rules.examples]]
text = "문의는 062-123-4567로 하면 된다."
expect = [{{ text = "062-123-4567", span = [4, 16], area = "{area}" }}]

[[rules.examples]]
text = "2024-08-13에 열린다."
types = ["hotline"]
expect = []
'''


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    extra = ["-p", "kfacts.pytest_plugin"] if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD") else []
    return pytester.runpytest(*extra, "-p", "no:cacheprovider", *args)


def test_plugin_import_is_light() -> None:
    code = ("import sys, kfacts.pytest_plugin; "
            "assert 'kiwipiepy' not in sys.modules, 'Kiwi imported'; "
            "assert 'kfacts.rulepacks' not in sys.modules")
    import subprocess

    subprocess.run([sys.executable, "-c", code], check=True)


def test_pack_file_examples_are_collected_with_readable_ids(pytester: pytest.Pytester) -> None:
    pytester.makefile(".kfacts.toml", demo=HOTLINE_PACK.format(area="062"))
    res = _run(pytester, "--collect-only", "-q")
    out = res.stdout.str()
    assert "demo.kfacts.toml::demo.phone|hotline:문의는 062-123-4567로 하면 된다." in out
    assert "demo.kfacts.toml::demo.phone|neg:2024-08-13에 열린다." in out
    res = _run(pytester, "-v")
    res.assert_outcomes(passed=2)


def test_failing_example_fails_with_a_diff(pytester: pytest.Pytester) -> None:
    pytester.makefile(".kfacts.toml", demo=HOTLINE_PACK.format(area="02"))
    res = _run(pytester)
    res.assert_outcomes(passed=1, failed=1)
    out = res.stdout.str()
    assert "FAILED demo.kfacts.toml::demo.phone|hotline:문의는 062-123-4567로 하면 된다." in out
    # the diff: what was expected, what was found, and how the closest fact differs
    res.stdout.fnmatch_lines([
        "*example demo.kfacts.toml:demo.phone#1: '문의는 062-123-4567로 하면 된다.'*",
        "*expected (1):*",
        "*- hotline '062-123-4567' [[]4:16[]] area='02' rule='demo.phone'*",
        "*closest found '062-123-4567' [[]4:16[]] differs:*",
        "*area: expected '02', found '062'*",
        "*found (1):*",
        "*+ hotline '062-123-4567' [[]4:16[]] number='062-123-4567' area='062' (rule demo.phone)*",
    ])
    assert "Traceback" not in out


def test_xfail_examples_are_strict(pytester: pytest.Pytester) -> None:
    pack = HOTLINE_PACK.format(area="02").replace(
        'expect = [{ text = "062-123-4567", span = [4, 16], area = "02" }]',
        'expect = [{ text = "062-123-4567", span = [4, 16], area = "02" }]\nxfail = "known gap"', 1)
    pack = pack.replace('types = ["hotline"]\nexpect = []', 'types = ["hotline"]\nexpect = []\nxfail = "not a gap"')
    pytester.makefile(".kfacts.toml", demo=pack)
    res = _run(pytester, "-rxX")
    res.assert_outcomes(xfailed=1, failed=1)  # the passing 'xfail' example fails: strict
    assert "XPASS(strict)" in res.stdout.str()


def test_packs_from_the_ini_file(pytester: pytest.Pytester) -> None:
    pytester.makeini(f"[pytest]\nkfacts_packs =\n    {TUTORIAL}\n    {HOTLINE}\n")
    pytester.makepyfile(test_a="def test_a():\n    pass\n")
    res = _run(pytester, "-v")
    res.assert_outcomes(passed=1 + 5 + 3, xfailed=1)
    out = res.stdout.str()
    assert "investment.toml::invest.agreement|invest:광주시는 ㈜태성과 500억원 규모의 투자협약을 체결했다." in out
    # running one test file does not drag the configured packs in
    _run(pytester, "test_a.py").assert_outcomes(passed=1)
    # -k selects among examples
    _run(pytester, "-k", "나주시").assert_outcomes(passed=1)


def test_pack_on_the_command_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_a="def test_a():\n    pass\n")
    res = _run(pytester, "test_a.py", "--kfacts-pack", str(TUTORIAL))
    res.assert_outcomes(passed=1 + 5)


def test_broken_pack_is_a_collection_error(pytester: pytest.Pytester) -> None:
    pytester.makefile(".kfacts.toml", broken="[pack]\nname = 'x'\nversion = '1'\n[[rules]]\nid = 'x.y'\ntype = 'nope'\nregex = 'a'\n")
    res = _run(pytester)
    assert res.ret != 0
    out = res.stdout.str()
    assert "KF212" in out and "unknown fact type 'nope'" in out


def test_builtin_examples_are_collected_when_enabled(pytester: pytest.Pytester, monkeypatch) -> None:
    table = pytester.path / "examples_demo.toml"
    table.write_text(
        'type = "money"\n'
        '[[examples]]\ntext = "아무 금액도 없는 문장이다."\nexpect = []\n'
        '[[examples]]\ntext = "예산은 수억 원이다."\nexpect = []\nnote = "수억 has no value"\n',
        encoding="utf-8")
    monkeypatch.setattr(kfacts.examples, "builtin_example_files", lambda: [table])
    pytester.makepyfile(test_a="def test_a():\n    pass\n")
    # off by default
    _run(pytester).assert_outcomes(passed=1)
    # on with the command-line flag, even for a single file
    res = _run(pytester, "test_a.py", "--kfacts-builtin", "-v")
    res.assert_outcomes(passed=3)
    assert "examples_demo.toml::neg:아무 금액도 없는 문장이다." in res.stdout.str()
    # on with the ini flag, for directory runs
    pytester.makeini("[pytest]\nkfacts_builtin_examples = true\n")
    _run(pytester).assert_outcomes(passed=3)


def test_real_builtin_examples_are_all_collected(pytester: pytest.Pytester) -> None:
    n = len(kfacts.examples.builtin_examples())
    res = _run(pytester, "--kfacts-builtin", "--collect-only", "-q")
    lines = [ln for ln in res.stdout.lines if "examples" in ln and ".toml::" in ln]
    assert len(lines) == n


def test_broken_configured_pack_is_a_collection_error(pytester: pytest.Pytester) -> None:
    broken = Path(__file__).parent / "packs" / "broken" / "unknown_token_attribute.toml"
    pytester.makepyfile(test_a="def test_a():\n    pass\n")
    res = _run(pytester, "--kfacts-pack", str(broken))
    assert res.ret == pytest.ExitCode.INTERRUPTED
    out = res.stdout.str()
    assert "KF205" in out and "unknown token attribute 'pos'" in out and "1 error" in out
