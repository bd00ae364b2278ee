"""Every example of the built-in example tables, one test case each."""

from __future__ import annotations

import pytest

from kfacts.examples import builtin_examples, check_example, format_failure

EXAMPLES = builtin_examples()


def _param(ex):
    marks = [pytest.mark.xfail(reason=ex.xfail, strict=True)] if ex.xfail else []
    return pytest.param(ex, id=ex.test_id, marks=marks)


@pytest.mark.parametrize("example", [_param(e) for e in EXAMPLES])
def test_example(example, extractor):
    problems = check_example(extractor, example)
    assert not problems, format_failure(example, problems)
