"""Set-up shared by every test.

Quiet runs: importing sanic inserts a process-wide `filterwarnings("once",
DeprecationWarning)` in front of pytest.ini's filters, so every library's import-time
deprecation notice imported after it (TensorFlow, jax, ...) reached the warnings summary.
Imported here, while pytest loads the conftest files, that filter is dropped again with
the rest of that phase's filters, and sanic is never imported for the first time later.
"""
import sanic  # noqa: F401
