"""The helpers of ``bench/benchmark.py`` that decide what a figure means: which documents the two
sides of the throughput ratio read (``_far_offset``) and how the rounds' spread is printed
(``round_spread``). Their doctests run here, so a change to them is checked in CI too.
"""

from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

BENCHMARK = Path(__file__).resolve().parents[1] / "bench" / "benchmark.py"


def _load():
    spec = importlib.util.spec_from_file_location("kfacts_bench_benchmark", BENCHMARK)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # doctest's finder looks the module up by name
    try:
        spec.loader.exec_module(mod)
    except BaseException:
        sys.modules.pop(spec.name, None)
        raise
    return mod


def test_benchmark_doctests():
    mod = _load()
    try:
        result = doctest.testmod(mod)
    finally:
        sys.modules.pop("kfacts_bench_benchmark", None)
    assert result.failed == 0
    assert result.attempted >= 4  # _far_offset and round_spread, two examples each


def test_round_spread_orders_the_rounds():
    mod = _load()
    try:
        assert mod.round_spread([9.0, 8.0, 8.5], [10.0, 10.0, 10.0]) == "rounds 0.80-0.90"
    finally:
        sys.modules.pop("kfacts_bench_benchmark", None)
