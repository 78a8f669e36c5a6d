"""`rasa train` speed-ups found by profiling it with py-spy (147 s -> 76-91 s from scratch on
2 cores; bench/README.md, "Targets").

1. Every entity annotation written with a dict (``[Turkije]{"entity": "country", "role":
   "destination"}``) is checked with ``jsonschema.validate``, which first checks the
   *schema* against its meta-schema, for every annotation each time the data is read: 6 %
   of a training run. Here one validator is built per schema; the annotation is checked
   exactly as before and an invalid one raises the same error.
2. After each graph node the training cache fingerprints the node's output to key the
   nodes downstream of it; for the NLU training data that means hashing every token and
   feature of all examples again after every pipeline step: 20 % of a training run. A
   node's output is a function of its component, config and inputs, which its fingerprint
   key already hashes, so the training data a (non-input) node outputs is fingerprinted by
   that key instead. The cache stays correct (a changed input or config changes every key
   below it); it only no longer notices that a change upstream left a step's output
   identical. The input nodes (the training data as read) keep their content fingerprint,
   which is also what the fingerprint run before training sees.
3. The spaCy pipeline is loaded once and without re-reading its default tokenizer, as in
   the server (server/speedups.py, item 5).

``install()`` is called by server/cli.py for every Rasa command (train, test, data validate)
and by bench/nlu_cv.py's workers; every patched function is pinned (server/patching.py,
tests/test_training_speedups.py).
"""
from __future__ import annotations

import functools
import json
from typing import Any, Dict, Text

from server import patching

PINS = {
    "rasa.shared.utils.validation.validate_training_data": "25d4270dcf697e32",
    "rasa.engine.training.hooks.TrainingHook.on_after_node": "10d40c9fbf7f956b",
    "rasa.shared.nlu.training_data.training_data.TrainingData.fingerprint": "c64ef77ef31a80a4",
}

# Set on a TrainingData object by the training hook: the fingerprint of the node that made it.
PROVENANCE = "_kpn_provenance_fingerprint"


@functools.lru_cache(maxsize=32)
def _validator(schema_text: str) -> Any:
    from jsonschema.validators import validator_for

    schema = json.loads(schema_text)
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_training_data(json_data: Dict[Text, Any], schema: Dict[Text, Any]) -> None:
    """rasa.shared.utils.validation.validate_training_data with a validator built once."""
    from jsonschema.exceptions import best_match
    from rasa.shared.utils.validation import DOCS_URL_TRAINING_DATA, SchemaValidationError

    error = best_match(_validator(json.dumps(schema, sort_keys=True)).iter_errors(json_data))
    if error is None:
        return
    error.message += (  # Rasa's message and exception, as in the original
        f". Failed to validate data, make sure your data "
        f"is valid. For more information about the format visit "
        f"{DOCS_URL_TRAINING_DATA}."
    )
    raise SchemaValidationError.create_from(error) from error


_on_after_node = None
_training_data_fingerprint = None


def on_after_node(self: Any, node_name: Text, execution_context: Any, config: Dict[Text, Any],
                  output: Any, input_hook_data: Dict) -> None:
    """TrainingHook.on_after_node: training data a processing node made is fingerprinted
    by the node's fingerprint key (see the module's docstring)."""
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from rasa.shared.utils.io import get_text_hash

    node = self._pruned_schema.nodes[node_name]
    if isinstance(output, TrainingData) and not node.is_input:
        key = input_hook_data["fingerprint_key"]
        setattr(output, PROVENANCE, get_text_hash(f"training data made by {key}"))
    return _on_after_node(self, node_name, execution_context, config, output,  # type: ignore[misc]
                          input_hook_data)


def training_data_fingerprint(self: Any) -> Text:
    return getattr(self, PROVENANCE, None) or _training_data_fingerprint(self)  # type: ignore[misc]


def install() -> None:
    """All of the above, unless SERVER_PATCHES=0 (Rasa as it is, as for the server)."""
    import os

    global _on_after_node, _training_data_fingerprint
    if os.environ.get("SERVER_PATCHES", "1") == "0":
        return
    if _on_after_node is not None or not patching.unchanged(
            "the training speed-ups (server/training_speedups.py)", PINS):
        return
    import rasa.shared.utils.validation as validation
    from rasa.engine.training.hooks import TrainingHook
    from rasa.shared.nlu.training_data.training_data import TrainingData

    validation.validate_training_data = validate_training_data
    _on_after_node = TrainingHook.on_after_node
    TrainingHook.on_after_node = on_after_node  # type: ignore[assignment]
    _training_data_fingerprint = TrainingData.fingerprint
    TrainingData.fingerprint = training_data_fingerprint  # type: ignore[assignment]
    from server import speedups

    speedups.install_spacy_loader()
