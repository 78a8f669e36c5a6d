"""Rasa server speed-ups found by profiling (bench/profile_latency.sh, bench/README.md).

Rasa 3.6 checks every action-server response with ``jsonschema.validate(result, spec)``,
which re-checks the *schema* against its meta-schema on every call: a third of the
server's CPU per reply. Here the validator is built once; responses are checked exactly
as before and an invalid one raises the same ValidationError.
"""
from __future__ import annotations

import functools
from typing import Any, Dict, Text

from jsonschema import ValidationError
from jsonschema.validators import validator_for
from rasa.core.actions import action as rasa_action


@functools.lru_cache(maxsize=1)
def _validator():
    spec = rasa_action.RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    cls.check_schema(spec)
    return cls(spec)


def _validate_action_result(self, result: Dict[Text, Any]) -> bool:
    try:
        _validator().validate(result)
        return True
    except ValidationError as error:
        error.message += (". Failed to validate Action server response from API, make sure your "
                          "response from the Action endpoint is valid.")
        raise


def install() -> None:
    rasa_action.RemoteAction._validate_action_result = _validate_action_result
