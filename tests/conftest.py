"""Set-up shared by every test.

The day: KPN_TODAY (below).

Quiet runs: importing sanic inserts a process-wide `filterwarnings("once",
DeprecationWarning)` in front of pytest.ini's filters, so every library's import-time
deprecation notice imported after it (TensorFlow, jax, ...) reached the warnings summary.
Imported here, while pytest loads the conftest files, that filter is dropped again with
the rest of that phase's filters, and sanic is never imported for the first time later.
"""
import os

# Every test runs on one day (knowledge/clock.py) and answers from the price list its
# expectations quote (knowledge/price_lists.py): a new list or a turning month changes no
# expected answer. The Makefile's TEST_DAY and TEST_PRICE_LIST set the same for the stacks
# the test targets start.
os.environ.setdefault("KPN_TODAY", "2026-11-29")
os.environ.setdefault("KPN_PRICE_LIST", "2020-09-28")

import sanic  # noqa: F401,E402
