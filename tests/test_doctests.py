"""The examples in the docstrings of every module of ``pipeline/`` run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import io
import pkgutil

import pytest

import pipeline

MODULES = sorted(f"pipeline.{m.name}" for m in pkgutil.iter_modules(pipeline.__path__) if not m.ispkg)


def test_every_module_is_collected():
    assert {"pipeline.numerals", "pipeline.layout", "pipeline.run", "pipeline.cli"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    module = importlib.import_module(name)
    tests = [t for t in doctest.DocTestFinder().find(module) if t.examples]
    if not tests:
        pytest.skip(f"{name} has no doctest examples")
    report = io.StringIO()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in tests:
        runner.run(test, out=report.write)
    result = runner.summarize(verbose=False)
    assert result.attempted == sum(1 for t in tests for e in t.examples if not e.options.get(doctest.SKIP))
    assert result.failed == 0, report.getvalue()
