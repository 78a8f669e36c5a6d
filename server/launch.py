"""`python -m server.launch ARGS` runs `rasa ARGS`, quieter and a little faster to start;
`python -m server.launch sdk ARGS` runs the action server (rasa_sdk, what `rasa run
actions` runs, without importing Rasa and TensorFlow first).

scripts/stack.sh starts the Rasa server (`make run`, `make run-scaled`), `rasa shell`
(`make shell`) and the action server through it:

* No screenful of Python deprecation warnings before "Rasa server is up": pkg_resources,
  click/typer, pyparsing (via matplotlib), sanic-cors' distutils and jax warn about their
  own dependencies when imported; those are not the operator's business. Deprecation
  warnings are ignored in this process, also after Rasa sets up its own warning filters.
  Everything else (Rasa's UserWarnings, errors) shows as before.
* TensorFlow, which Rasa imports even without a TensorFlow model, imports jax when it is
  installed, only for TFLite's jax converter (it does without when jax is missing). jax
  is not imported here: ~0.5 s of start-up.
"""
from __future__ import annotations

import sys
import warnings

QUIET = (DeprecationWarning, PendingDeprecationWarning)


def quiet_deprecations() -> None:
    for category in QUIET:
        warnings.filterwarnings("ignore", category=category)


def prepare() -> None:
    quiet_deprecations()
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]  # import jax -> ImportError


def main() -> None:
    prepare()
    if sys.argv[1:2] == ["sdk"]:
        import sanic.app  # noqa: F401  (adds a "once" filter for DeprecationWarning)

        quiet_deprecations()  # in front of sanic's filter again
        from rasa_sdk.__main__ import main as sdk_main

        sys.argv = ["rasa_sdk", *sys.argv[2:]]
        sdk_main()
        return
    import rasa.__main__ as rasa_main
    import rasa.utils.common

    configure = rasa_main.configure_logging_and_warnings

    def configure_then_quiet(*args, **kwargs):  # type: ignore[no-untyped-def]
        configure(*args, **kwargs)
        quiet_deprecations()  # Rasa's own filters go first; ours again in front of them

    rasa_main.configure_logging_and_warnings = configure_then_quiet  # type: ignore
    rasa.utils.common.configure_logging_and_warnings = configure_then_quiet  # type: ignore
    sys.argv[0] = "rasa"
    rasa_main.main()


if __name__ == "__main__":
    main()
