"""Rasa's command line as this project runs it: ``python -m server.cli <rasa arguments>``.

The Makefile and scripts/stack.sh start every Rasa command (train, run, run actions,
shell, data validate, test) through this module instead of ``.venv/bin/rasa``, so that a
normal run is quiet and its checks say the truth:

* **Other people's deprecation warnings are not shown.** Importing sanic installs a
  process-wide ``filterwarnings("once", DeprecationWarning)``, so every library's
  import-time deprecation notice reached the terminal and the logs (~60 lines per start).
  The filters in ``QUIET`` drop DeprecationWarnings raised *in* the listed third-party
  modules only, each with its reason; our own code's warnings and every other category
  still show.
* **Form questions count as used responses.** Rasa 3.6's validator reports
  ``utter_ask_<slot>`` as "not used in any story or rule" although the form whose slot
  it asks for uses it; a response that nothing uses is still reported.
* **``rasa data validate --fail-on-warnings`` fails on warnings.** Rasa 3.6 prints the
  "not used" warnings and still passes (``everything_is_alright = ignore_warnings or
  everything_is_alright``); here any warning during validation makes it exit 1.
* **``rasa test core`` names only files it filled.** It prints "Failed stories written
  to ..." even when no story failed; here that line appears only when one did. Its
  warning that the test stories have no entity labels to score (they have none on
  purpose) is dropped (``QUIET_LOGS``).
* **No jax.** TensorFlow, which Rasa imports even without a TensorFlow model, imports jax
  when it is installed, only for TFLite's jax converter (it does without when jax is
  missing): ~0.5 s of start-up saved per process.
* **``run actions`` is rasa_sdk's own server**, what ``rasa run actions`` runs, without
  importing Rasa and TensorFlow first (seconds of start-up and hundreds of MB less).
* **Training is faster** (server/training_speedups.py): the same model, with less
  re-checking and re-hashing of the training data.
* **``LOG_LEVEL`` for the action server.** ``rasa run actions`` hands rasa_sdk no level
  unless ``-v``/``--debug``/``--quiet`` is given; here it gets ``LOG_LEVEL`` (default INFO).

Every patch checks that the Rasa function it replaces is still the one it was written
for (tests/test_cli.py fails when the pinned Rasa changes under it).
"""
from __future__ import annotations

import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any, Callable, Iterable, List, Optional, Tuple

# (module regex, reason): DeprecationWarnings raised in these modules are not shown.
QUIET: Tuple[Tuple[str, str], ...] = (
    (r"rasa\.shared\.utils\.validation", "Rasa 3.6 imports pkg_resources, which setuptools deprecates"),
    (r"rasa\.engine\.training\.fingerprinting", "Rasa 3.6 imports pkg_resources, which setuptools deprecates"),
    (r"pkg_resources", "namespace packages (mpl_toolkits, ruamel) declared the pre-PEP 420 way"),
    (r"sanic_cors\.", "sanic-cors compares versions with distutils' LooseVersion"),
    (r"tensorflow\.", "TensorFlow 2.12 imports jax.xla_computation"),
    (r"matplotlib\.", "matplotlib calls pyparsing's pre-3.0 method names"),
    (r"packaging\.", "the vendored packaging calls pyparsing's pre-3.0 method names"),
    (r"typer(\.|$)", "typer imports click names deprecated in click 8.2"),
    (r"spacy\.cli\.", "spaCy 3.4 imports click names deprecated in click 8.2"),
)


# (logger, start of the message, reason): log lines that say nothing is wrong.
QUIET_LOGS: Tuple[Tuple[str, str, str], ...] = (
    ("rasa.model_testing", "No labels to evaluate",
     "`rasa test core` also scores the entities in the test stories; ours label none"),
)


def _quiet_logs() -> None:
    for name, start, _reason in QUIET_LOGS:
        logger = logging.getLogger(name)
        if not any(getattr(f, "_kpn_quiet", None) == start for f in logger.filters):
            drop = _DropMessages(start)
            logger.addFilter(drop)


class _DropMessages(logging.Filter):
    def __init__(self, start: str) -> None:
        super().__init__()
        self._kpn_quiet = start

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self._kpn_quiet)


def quiet_warnings() -> None:
    """Install the QUIET filters (idempotent). Call it after sanic is imported: sanic's
    catch-all filter goes in front of everything installed before it. Rasa's command line
    puts a catch-all "once" filter for UserWarning in front too, and pyparsing's
    deprecation warnings are UserWarnings as well: install() calls this again after it."""
    for module, _reason in QUIET:
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=module)


def _filter_warnings_then_quiet(original: Callable) -> Callable:
    def _filter_warnings(*args: Any, **kwargs: Any) -> None:
        original(*args, **kwargs)
        quiet_warnings()

    return _filter_warnings


# --- the validator ---------------------------------------------------------------------
def form_questions(domain: Any) -> set:
    """The responses Rasa's forms utter to ask for their slots: utter_ask_<slot> and
    utter_ask_<form>_<slot>, for every slot a form of the domain requires."""
    asked = set()
    for form, spec in (getattr(domain, "forms", None) or {}).items():
        for slot in (spec or {}).get("required_slots") or []:
            asked |= {f"utter_ask_{slot}", f"utter_ask_{form}_{slot}"}
    return asked


def _verify_utterances_in_stories(self: Any, ignore_warnings: bool = True) -> bool:
    """Rasa 3.6's Validator.verify_utterances_in_stories, with two fixes: a response a form
    asks its slot with is used, and an unused response fails when warnings count."""
    import rasa.shared.utils.io
    from rasa.shared.constants import DOCS_URL_ACTIONS, UTTER_PREFIX
    from rasa.shared.core.events import ActionExecuted

    everything_is_alright = True
    utterance_actions = self._gather_utterance_actions()
    used = set(form_questions(self.domain))
    for story in self.story_graph.story_steps:
        for event in story.events:
            name = event.action_name if isinstance(event, ActionExecuted) else None
            if not name or not name.startswith(UTTER_PREFIX) or name in used:
                continue
            if name not in utterance_actions:
                rasa.shared.utils.io.raise_warning(
                    f"The action '{name}' is used in the stories, but is not a valid "
                    f"utterance action. Please make sure the action is listed in your "
                    f"domain and there is a template defined with its name.",
                    docs=DOCS_URL_ACTIONS + "#utterance-actions",
                )
                everything_is_alright = ignore_warnings
            used.add(name)
    for utterance in sorted(utterance_actions - used):
        rasa.shared.utils.io.raise_warning(f"The utterance '{utterance}' is not used in any story or rule.")
        everything_is_alright = ignore_warnings
    return everything_is_alright


def _validate_files_counting_warnings(original: Callable) -> Callable:
    def validate_files(fail_on_warnings: bool, max_history: Optional[int], importer: Any,
                       stories_only: bool = False) -> None:
        import rasa.shared.utils.cli

        showwarning = warnings.showwarning
        shown: List[str] = []

        def counting_showwarning(message: Any, category: Any, *args: Any, **kwargs: Any) -> None:
            if not issubclass(category, DeprecationWarning):
                shown.append(str(message))
            showwarning(message, category, *args, **kwargs)

        warnings.showwarning = counting_showwarning  # called for every warning not filtered out
        try:
            original(fail_on_warnings, max_history, importer, stories_only)
        finally:
            warnings.showwarning = showwarning
        if fail_on_warnings and shown:
            rasa.shared.utils.cli.print_error_and_exit(
                f"Project validation found {len(shown)} warning(s); --fail-on-warnings "
                f"counts them as errors."
            )

    return validate_files


# --- rasa test core's closing lines -----------------------------------------------------
def _print_core_test_execution_info(args: Any) -> None:
    """Name the result files that hold stories; say so when none failed."""
    import rasa.shared.utils.cli
    from rasa.shared.constants import DEFAULT_RESULTS_PATH
    from rasa.core.test import FAILED_STORIES_FILE, STORIES_WITH_WARNINGS_FILE, SUCCESSFUL_STORIES_FILE

    output = Path(args.out or DEFAULT_RESULTS_PATH)
    files = [
        (args.successes, SUCCESSFUL_STORIES_FILE, "Successful stories written to '{}'", None),
        (not args.no_errors, FAILED_STORIES_FILE, "Failed stories written to '{}'", "No test story failed."),
        (not args.no_warnings, STORIES_WITH_WARNINGS_FILE,
         "Stories with prediction warnings written to '{}'", None),
    ]
    for wanted, name, message, otherwise in files:
        if not wanted:
            continue
        if holds_stories(output / name):
            rasa.shared.utils.cli.print_info(message.format(output / name))
        elif otherwise:
            rasa.shared.utils.cli.print_info(otherwise)


def holds_stories(path: Path) -> bool:
    """True when a result file of `rasa test core` holds at least one story (Rasa writes a
    single comment line such as "# None of the test stories failed - all good!" otherwise)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    return any(line.strip() and not line.lstrip().startswith("#") for line in lines)


# --- the action server's log level -------------------------------------------------------
def log_level_args(argv: List[str], environ: Optional[dict] = None) -> List[str]:
    """`rasa run actions` arguments with LOG_LEVEL applied, unless a level flag is given.

    >>> log_level_args(["run", "actions"], {"LOG_LEVEL": "WARNING"})
    ['run', 'actions', '--quiet']
    >>> log_level_args(["run", "actions", "-vv"], {"LOG_LEVEL": "WARNING"})
    ['run', 'actions', '-vv']
    >>> log_level_args(["run"], {"LOG_LEVEL": "DEBUG"})
    ['run']
    """
    environ = os.environ if environ is None else environ
    if argv[:2] != ["run", "actions"] or {"-v", "--verbose", "-vv", "--debug", "--quiet"} & set(argv):
        return argv
    flag = {"DEBUG": "--debug", "WARNING": "--quiet", "ERROR": "--quiet", "CRITICAL": "--quiet"}.get(
        str(environ.get("LOG_LEVEL", "INFO")).upper(), "--verbose")
    return [*argv, flag]


# --- installing ---------------------------------------------------------------------------
ORIGINALS: dict = {}  # "module:attribute" -> the Rasa function a patch replaced (tests check them)


def install() -> None:
    """Quiet warnings and patch the validator and `rasa test` output (idempotent)."""
    import sanic  # noqa: F401  (its import installs the catch-all filter; ours go in front)

    quiet_warnings()  # before the imports below, which import TensorFlow and spaCy
    _quiet_logs()
    import rasa.cli.test
    import rasa.cli.utils
    import rasa.utils.common
    from rasa.validator import Validator

    from server import training_speedups

    training_speedups.install()
    if ORIGINALS:
        return
    ORIGINALS["rasa.utils.common:_filter_warnings"] = rasa.utils.common._filter_warnings
    ORIGINALS["rasa.validator:Validator.verify_utterances_in_stories"] = Validator.verify_utterances_in_stories
    ORIGINALS["rasa.cli.utils:validate_files"] = rasa.cli.utils.validate_files
    ORIGINALS["rasa.cli.test:_print_core_test_execution_info"] = rasa.cli.test._print_core_test_execution_info
    Validator.verify_utterances_in_stories = _verify_utterances_in_stories
    rasa.cli.utils.validate_files = _validate_files_counting_warnings(rasa.cli.utils.validate_files)
    rasa.cli.test._print_core_test_execution_info = _print_core_test_execution_info
    rasa.utils.common._filter_warnings = _filter_warnings_then_quiet(rasa.utils.common._filter_warnings)


def leave_jax_out() -> None:
    """`import jax` raises ImportError in this process; TensorFlow then skips its jax converter."""
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]


def run_action_server(args: List[str]) -> None:
    """rasa_sdk's server with `rasa run actions` arguments (after "run actions")."""
    import sanic  # noqa: F401  (its import installs the catch-all filter; ours go in front)

    quiet_warnings()
    from rasa_sdk.__main__ import main as sdk_main

    if os.environ.get("ACTIONS_WARM_UP", "1") != "0":
        try:
            from actions.actions import warm_up

            warm_up()  # the first customer does not wait for the price list and the phrasebooks
        except Exception:  # noqa: BLE001 - a warm-up never keeps the server from starting
            logging.getLogger(__name__).warning("warm-up of the action server failed", exc_info=True)

    sys.argv = ["rasa_sdk", *args]
    sdk_main()


# One event loop per process: BLAS worker threads cannot speed up its small products
# (a 59 x 512 matrix times a vector per message) and spin after each one, which cost as much
# CPU as the reply itself (measured: 70 ms instead of 35 ms per reply with two threads).
ONE_BLAS_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """Before NumPy is imported; a setting made in the environment stays."""
    for name in ONE_BLAS_THREAD:
        os.environ.setdefault(name, "1")


def main(argv: Optional[Iterable[str]] = None) -> None:
    args = log_level_args(list(sys.argv[1:] if argv is None else argv))
    one_blas_thread()
    leave_jax_out()
    if args[:2] == ["run", "actions"]:
        run_action_server(args[2:])
        return
    from server import lazy_tensorflow

    lazy_tensorflow.install()  # before Rasa and spaCy are imported
    install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *args]
    rasa_main()


if __name__ == "__main__":
    main()
