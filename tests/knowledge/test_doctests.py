"""The examples in the docstrings of the K1 modules are executable and correct."""
import doctest
import importlib

import pytest

MODULES = ["errors", "money", "loader", "price_lists", "countries", "roaming", "bundles", "subscriptions",
           "insurance", "kpn_pay", "extras", "services", "terms"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(f"knowledge.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_public_functions_have_an_example(name):
    module = importlib.import_module(f"knowledge.{name}")
    for attr in dir(module):
        obj = getattr(module, attr)
        if attr.startswith("_") or not callable(obj) or getattr(obj, "__module__", None) != module.__name__:
            continue
        if isinstance(obj, type):
            continue
        doc = obj.__doc__ or ""
        assert doc.strip(), f"{name}.{attr} has no docstring"
        assert ">>>" in doc or "Example" in doc, f"{name}.{attr} has no example"
