"""The helpers of ``bench/benchmark.py`` that decide what a figure means: which documents the two
sides of the throughput ratio read (``_far_offset``) and how the rounds' spread is printed
(``round_spread``). Their doctests run here, so a change to them is checked in CI too.
"""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

import pytest

BENCHMARK = Path(__file__).resolve().parents[1] / "bench" / "benchmark.py"


@pytest.fixture(scope="module")
def bench_module():
    """``bench/benchmark.py`` as a module, registered under its name while the tests run (doctest's
    finder looks a module up by name)."""
    spec = importlib.util.spec_from_file_location("kfacts_bench_benchmark", BENCHMARK)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    try:
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.modules.pop(spec.name, None)


def test_benchmark_doctests(bench_module):
    result = doctest.testmod(bench_module)
    assert result.failed == 0
    assert result.attempted >= 4  # _far_offset and round_spread, two examples each


def test_round_spread_orders_the_rounds(bench_module):
    assert bench_module.round_spread([9.0, 8.0, 8.5], [10.0, 10.0, 10.0]) == "rounds 0.80-0.90"
