"""pytest plugin (entry point ``pytest11``): every example of a rule pack, or
of kfacts' built-in example tables, becomes its own test item.

Configuration (``pytest.ini`` / ``[tool.pytest.ini_options]``)::

    kfacts_packs = examples/packs/investment.toml other.toml   # paths, relative to the ini file
    kfacts_builtin_examples = true     # also the built-in tables (src/kfacts/extractors/**/examples*.toml)
    kfacts_collect_pack_files = true   # collect *.kfacts.toml / kfacts_pack*.toml found while collecting (default)

Command line: ``--kfacts-pack PACK.toml`` (repeatable) and ``--kfacts-builtin``.

Packs and built-in tables named in the ini file are collected on runs over
directories (``pytest``, ``pytest tests``), not when you run single test
files or node ids; the command-line options always collect. Examples marked
``xfail`` run as strict xfails. A failing example shows what was expected,
what was found and, field by field, how the closest fact differs.

Kept import-light: kfacts' extractors and Kiwi are loaded only when a
collected example first runs.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any, Iterable, Sequence

import pytest

PACK_FILE_GLOBS = ("*.kfacts.toml", "kfacts_pack*.toml")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("kfacts", "kfacts rule-pack examples")
    group.addoption("--kfacts-pack", action="append", default=[], metavar="PACK.toml",
                    help="collect the examples of this kfacts rule pack (repeatable)")
    group.addoption("--kfacts-builtin", action="store_true", default=False,
                    help="collect the examples of kfacts' built-in rules")
    parser.addini("kfacts_packs", type="paths", default=[],
                  help="kfacts rule packs whose examples are collected as tests")
    parser.addini("kfacts_builtin_examples", type="bool", default=False,
                  help="collect the examples of kfacts' built-in rules")
    parser.addini("kfacts_collect_pack_files", type="bool", default=True,
                  help="collect *.kfacts.toml and kfacts_pack*.toml files found while collecting")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "kfacts_example: a kfacts example (rule pack or built-in table)")


class ExampleFailed(AssertionError):
    """An example's strict check found problems; the message is the report."""


class ExampleItem(pytest.Item):
    """One example, checked with :func:`kfacts.examples.check_example`."""

    def __init__(self, *, example: Any, packs: Sequence[Any] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.example = example
        self.packs = tuple(packs)
        self.add_marker(pytest.mark.kfacts_example)
        if example.xfail:
            self.add_marker(pytest.mark.xfail(reason=example.xfail, strict=True))

    def runtest(self) -> None:
        from kfacts.examples import check_example
        from kfacts.rulepacks.testing import failure_report, shared_extractor

        extractor = shared_extractor(self.packs)
        problems = check_example(extractor, self.example)
        if problems:
            raise ExampleFailed(failure_report(extractor, self.example, problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> Any:
        if isinstance(excinfo.value, ExampleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, None, f"kfacts example {self.example.origin}: {self.example.text[:60]!r}"


class PackFile(pytest.File):
    """A rule pack: loading errors are collection errors (with their KF2xx code)."""

    def collect(self) -> Iterable[ExampleItem]:
        from kfacts.rulepacks import load_pack
        from kfacts.rulepacks.testing import example_ids

        pack = load_pack(self.path)
        for name, ex in zip(example_ids(pack.examples), pack.examples):
            yield ExampleItem.from_parent(self, name=name, example=ex, packs=(pack,))


class BuiltinExamplesFile(pytest.File):
    """One built-in example table (``src/kfacts/extractors/**/examples*.toml``)."""

    def collect(self) -> Iterable[ExampleItem]:
        from kfacts.examples import load_examples
        from kfacts.rulepacks.testing import example_ids

        examples = load_examples(self.path)
        for name, ex in zip(example_ids(examples, with_rule=False), examples):
            yield ExampleItem.from_parent(self, name=name, example=ex, packs=())


def _is_pack_file(path: Path) -> bool:
    return any(fnmatch.fnmatch(path.name, g) for g in PACK_FILE_GLOBS)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if _is_pack_file(file_path) and parent.config.getini("kfacts_collect_pack_files"):
        return PackFile.from_parent(parent, path=file_path)
    return None


def _broad_run(config: pytest.Config) -> bool:
    """Was pytest asked to run directories (not single files or node ids)?"""
    base = Path(config.invocation_params.dir)
    args = [a for a in config.args if not a.startswith("-")]
    if not args:
        return True
    for a in args:
        if "::" in a:
            continue
        p = Path(a)
        if not p.is_absolute():
            p = base / p
        if p.is_dir():
            return True
    return False


def _nodeid(config: pytest.Config, path: Path) -> str:
    try:
        return path.resolve().relative_to(config.rootpath.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[Any]) -> None:
    broad = _broad_run(config)
    packs: list[Path] = [Path(p) for p in config.getoption("kfacts_pack")]
    if broad:
        packs += [Path(p) for p in config.getini("kfacts_packs")]
    builtin = config.getoption("kfacts_builtin") or (broad and config.getini("kfacts_builtin_examples"))
    if not packs and not builtin:
        return
    have = {Path(getattr(i.parent, "path", "")).resolve() for i in items if isinstance(i, ExampleItem)}
    collectors: list[pytest.File] = []
    for p in packs:
        p = p if p.is_absolute() else Path(config.invocation_params.dir) / p
        if p.resolve() in have:
            continue
        have.add(p.resolve())
        collectors.append(PackFile.from_parent(session, path=p, nodeid=_nodeid(config, p)))
    if builtin:
        from kfacts.examples import builtin_example_files

        for p in builtin_example_files():
            if p.resolve() not in have:
                collectors.append(BuiltinExamplesFile.from_parent(session, path=p, nodeid=_nodeid(config, p)))
    for col in collectors:
        report = col.ihook.pytest_make_collect_report(collector=col)
        # reported like any collected file: loading errors (KF2xx) become collection errors
        session.ihook.pytest_collectreport(report=report)
        if report.failed:
            continue
        new = [x for x in report.result if isinstance(x, ExampleItem)]
        for item in new:
            item.ihook.pytest_itemcollected(item=item)
        items.extend(new)
