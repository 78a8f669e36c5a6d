"""server/cli.py: Rasa's command line as the project runs it (quiet warnings, a validator
that counts form questions as used and fails on warnings when asked, truthful `rasa test`
output, LOG_LEVEL for the action server)."""
from __future__ import annotations

import hashlib
import inspect
import logging
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest

from server import cli

ROOT = Path(__file__).resolve().parents[1]
cli.install()

# sha256 of the source of each Rasa 3.6.21 function server/cli.py replaces. When the pinned
# Rasa changes, check the patch against the new code and update the hash.
PATCHED_RASA_SOURCE = {
    "rasa.validator:Validator.verify_utterances_in_stories":
        "7bc8e3e99c834f07c35e07c369e2aa36c95d67aa416ec028bd0e1bf5e791b4ae",
    "rasa.cli.utils:validate_files": "4f9bea6b2e533611292fbb0bfba9b7d98bf486f6e79e4546e180d7faf3ac5b8e",
    "rasa.cli.test:_print_core_test_execution_info":
        "92f3ef40d38a69acb788f597806d49c789f2b95b300e6331214751d197fae3dd",
    "rasa.utils.common:_filter_warnings": "7282a5f745bf43e7dec21f7a9d3224b7af8d84a377076bf533d0d474cc601a7c",
}


@pytest.mark.parametrize("name", sorted(PATCHED_RASA_SOURCE))
def test_patched_rasa_functions_are_the_ones_the_patches_were_written_for(name):
    source = textwrap.dedent(inspect.getsource(cli.ORIGINALS[name]))
    assert hashlib.sha256(source.encode()).hexdigest() == PATCHED_RASA_SOURCE[name]


def test_install_is_idempotent():
    before = dict(cli.ORIGINALS)
    cli.install()
    assert cli.ORIGINALS == before


# ------------------------------------------------------------------------ warnings
def test_third_party_deprecations_are_quiet_from_a_fresh_start():
    """A fresh interpreter that installs the filters and imports what `rasa run` imports
    prints no warning at all."""
    code = ("from server import cli; cli.install(); import rasa.utils.common; "
            "rasa.utils.common.configure_logging_and_warnings(None, warn_only_once=True); "
            "import rasa.__main__, rasa.core.channels.socketio, spacy.cli, typer, matplotlib.font_manager, "
            "rasa_sdk.endpoint, server.channels, server.nlu; "
            "from matplotlib import fontconfig_pattern as f; f.FontconfigPatternParser().parse('sans')")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, env={"PATH": "/usr/bin:/bin", "TF_CPP_MIN_LOG_LEVEL": "2",
                                              "SQLALCHEMY_SILENCE_UBER_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr, result.stderr


def test_our_own_deprecation_warnings_still_show():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # like sanic's catch-all filter (and unlike pytest.ini's)
        cli.quiet_warnings()
        warnings.warn_explicit("ours", DeprecationWarning, "actions/x.py", 1, module="actions.x")
        warnings.warn_explicit("theirs", DeprecationWarning, "typer/x.py", 1, module="typer.x")
        warnings.warn_explicit("a user warning", UserWarning, "typer/x.py", 1, module="typer.x")
    assert [str(w.message) for w in caught] == ["ours", "a user warning"]


# ----------------------------------------------------------------------- validator
DOMAIN = """
version: "3.1"
intents: [greet, ask_rates]
entities: [country]
slots:
  country:
    type: text
    mappings: [{type: from_entity, entity: country}]
forms:
  country_form:
    required_slots: [country]
responses:
  utter_greet: [{text: "Hoi"}]
  utter_ask_country: [{text: "Welk land?"}]
{extra}
actions: [action_answer]
"""
RULES = """
version: "3.1"
rules:
  - rule: greet
    steps: [{intent: greet}, {action: utter_greet}]
  - rule: rates
    steps: [{intent: ask_rates}, {action: country_form}, {active_loop: country_form}]
  - rule: rates done
    condition: [{active_loop: country_form}]
    steps: [{action: country_form}, {active_loop: null}, {action: action_answer}]
"""
NLU = """
version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hoi
      - hallo
  - intent: ask_rates
    examples: |
      - wat kost bellen in [Spanje](country)
      - tarieven [Turkije](country)
"""


def validate(tmp_path: Path, extra_responses: str, fail_on_warnings: bool):
    """Run the (patched) validation on a small project; (exit code, warnings shown)."""
    import rasa.cli.utils
    import rasa.utils.common
    from rasa.shared.importers.importer import TrainingDataImporter

    (tmp_path / "domain.yml").write_text(DOMAIN.replace("{extra}", extra_responses))
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "rules.yml").write_text(RULES)
    (tmp_path / "data" / "nlu.yml").write_text(NLU)
    (tmp_path / "config.yml").write_text("recipe: default.v1\nlanguage: nl\nassistant_id: test\n"
                                         "pipeline: []\npolicies: [{name: RulePolicy}]\n")
    importer = TrainingDataImporter.load_from_config(
        config_path=str(tmp_path / "config.yml"), domain_path=str(tmp_path / "domain.yml"),
        training_data_paths=[str(tmp_path / "data")])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rasa.utils.common._filter_warnings(log_level=logging.INFO)  # as Rasa's command line does
        try:
            rasa.cli.utils.validate_files(fail_on_warnings, None, importer)
            code = 0
        except SystemExit as exit_:
            code = exit_.code
    return code, "\n".join(f"{w.category.__name__}: {w.message}" for w in caught)


def test_a_forms_question_is_a_used_response(tmp_path):
    code, shown = validate(tmp_path, "", fail_on_warnings=True)
    assert "Warning" not in shown, shown
    assert code == 0


def test_an_unused_response_is_reported_and_fails_with_fail_on_warnings(tmp_path):
    code, shown = validate(tmp_path, '  utter_nobody: [{text: "Niemand"}]', fail_on_warnings=True)
    assert code == 1
    assert "'utter_nobody' is not used in any story or rule" in shown, shown


def test_an_unused_response_only_warns_without_fail_on_warnings(tmp_path):
    code, shown = validate(tmp_path, '  utter_nobody: [{text: "Niemand"}]', fail_on_warnings=False)
    assert code == 0
    assert "'utter_nobody' is not used in any story or rule" in shown, shown


@pytest.mark.parametrize("forms, expected", [
    ({}, set()),
    ({"country_form": {"required_slots": ["country"]}}, {"utter_ask_country", "utter_ask_country_form_country"}),
    ({"f": {"required_slots": []}, "g": None}, set()),
])
def test_form_questions(forms, expected):
    assert cli.form_questions(SimpleNamespace(forms=forms)) == expected


# ---------------------------------------------------------------- rasa test core
@pytest.mark.parametrize("content, expected", [
    ("# None of the test stories failed - all good!", False),
    ("", False),
    ('version: "3.1"\nstories:\n- story: x\n  steps: []\n', True),
])
def test_holds_stories(tmp_path, content, expected):
    path = tmp_path / "failed_test_stories.yml"
    path.write_text(content)
    assert cli.holds_stories(path) is expected


def test_core_test_output_names_only_files_with_stories(tmp_path, capsys):
    (tmp_path / "failed_test_stories.yml").write_text("# None of the test stories failed - all good!")
    (tmp_path / "stories_with_warnings.yml").write_text("# None of the test stories have warnings.")
    args = SimpleNamespace(out=str(tmp_path), successes=False, no_errors=False, no_warnings=False)
    cli._print_core_test_execution_info(args)
    out = capsys.readouterr().out
    assert "No test story failed." in out and "written to" not in out

    (tmp_path / "failed_test_stories.yml").write_text('version: "3.1"\nstories:\n- story: x\n')
    cli._print_core_test_execution_info(args)
    assert "Failed stories written to" in capsys.readouterr().out


# -------------------------------------------------------------------- LOG_LEVEL
@pytest.mark.parametrize("argv, level, expected", [
    (["run", "actions"], None, ["run", "actions", "--verbose"]),
    (["run", "actions"], "INFO", ["run", "actions", "--verbose"]),
    (["run", "actions"], "debug", ["run", "actions", "--debug"]),
    (["run", "actions"], "WARNING", ["run", "actions", "--quiet"]),
    (["run", "actions"], "ERROR", ["run", "actions", "--quiet"]),
    (["run", "actions", "--quiet"], "DEBUG", ["run", "actions", "--quiet"]),
    (["run", "--port", "5005"], "WARNING", ["run", "--port", "5005"]),  # Rasa reads LOG_LEVEL itself
])
def test_log_level_args(argv, level, expected):
    environ = {} if level is None else {"LOG_LEVEL": level}
    assert cli.log_level_args(argv, environ) == expected


def test_the_no_entity_labels_line_of_rasa_test_is_dropped_and_other_lines_are_not(caplog):
    logger = logging.getLogger("rasa.model_testing")
    with caplog.at_level(logging.INFO, logger="rasa.model_testing"):
        logger.warning("No labels to evaluate. Skip evaluation.")
        logger.warning("Something real")
    assert [r.getMessage() for r in caplog.records] == ["Something real"]
