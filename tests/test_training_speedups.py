"""server/training_speedups.py: the patched steps of `rasa train` give what Rasa's own give
(validation results and errors) and key the training cache by where the data came from."""
import pytest
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.engine.training.hooks import TrainingHook
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.validation import SchemaValidationError

from server import patching, training_speedups

training_speedups.install()


def test_the_patched_rasa_functions_are_the_ones_the_patches_were_written_for():
    assert patching.changed(training_speedups.PINS) == []


SCHEMA = {"type": "object", "properties": {"entity": {"type": "string"}, "role": {"type": "string"}},
          "required": ["entity"]}


@pytest.mark.parametrize("data, valid", [
    ({"entity": "country", "role": "destination"}, True),
    ({"entity": "country"}, True),
    ({"role": "destination"}, False),      # required key missing
    ({"entity": 3}, False),                # wrong type
])
def test_entity_dicts_are_validated_as_rasa_validates_them(data, valid):
    if valid:
        training_speedups.validate_training_data(data, SCHEMA)
        return
    with pytest.raises(SchemaValidationError) as ours:
        training_speedups.validate_training_data(data, SCHEMA)
    from jsonschema import ValidationError, validate

    with pytest.raises(ValidationError) as theirs:
        validate(data, SCHEMA)
    assert str(theirs.value.message) in str(ours.value)
    assert "Failed to validate data" in str(ours.value)


class _Cache:
    def __init__(self):
        self.outputs = {}

    def cache_output(self, fingerprint_key, output, output_fingerprint, model_storage):
        self.outputs[fingerprint_key] = output_fingerprint


def _hook(is_input):
    node = SchemaNode(needs={}, uses=TrainingHook, constructor_name="create", fn="run",
                      config={}, is_input=is_input)
    cache = _Cache()
    return TrainingHook(cache, None, GraphSchema({"step": node})), cache


def _data(text):
    return TrainingData([Message(data={"text": text, "intent": "greet"})])


def test_data_a_processing_step_made_is_keyed_by_that_step():
    hook, cache = _hook(is_input=False)
    data = _data("hallo")
    training_speedups.on_after_node(hook, "step", None, {}, data, {"fingerprint_key": "key-1"})
    same_step, other_step = _data("hallo"), _data("hallo")
    training_speedups.on_after_node(hook, "step", None, {}, same_step, {"fingerprint_key": "key-1"})
    training_speedups.on_after_node(hook, "step", None, {}, other_step, {"fingerprint_key": "key-2"})
    assert cache.outputs["key-1"] == data.fingerprint() == same_step.fingerprint()
    assert other_step.fingerprint() != data.fingerprint()


def test_data_as_read_keeps_its_content_fingerprint():
    hook, cache = _hook(is_input=True)
    data, same_text, other_text = _data("hallo"), _data("hallo"), _data("doei")
    training_speedups.on_after_node(hook, "step", None, {}, data, {"fingerprint_key": "key-1"})
    assert cache.outputs["key-1"] == data.fingerprint() == same_text.fingerprint()
    assert other_text.fingerprint() != data.fingerprint()
