"""server/lazy_tensorflow.py: serving our model imports no TensorFlow, and whatever needs
TensorFlow still gets it (each in a fresh interpreter: the test process has it loaded)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(code: str) -> dict:
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


PRELUDE = """
import json, sys
from server import cli, lazy_tensorflow
cli.leave_jax_out()
lazy_tensorflow.install()
cli.install()
"""


def test_rasa_spacy_and_our_components_import_without_tensorflow():
    found = run(PRELUDE + """
import rasa.core.agent, rasa.core.run, rasa.validator, rasa.core.policies.rule_policy, rasa.core.processor
import rasa.engine.loader, rasa.core.policies.ensemble, rasa.graph_components.converters.nlu_message_converter
import rasa.graph_components.providers.domain_provider, rasa.graph_components.providers.rule_only_provider
import rasa.nlu.tokenizers.spacy_tokenizer, rasa.nlu.featurizers.sparse_featurizer.regex_featurizer
import rasa.nlu.classifiers.fallback_classifier, rasa.core.tracker_store, rasa.core.lock_store
import rasa.utils.train_utils, rasa.nlu.extractors.extractor  # imported again: still not run
import rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer, rasa.nlu.utils.spacy_utils
import server.nlu, server.understanding.component, server.channels
import spacy, thinc.compat
print(json.dumps({"tensorflow": "tensorflow" in sys.modules, "thinc_tf": thinc.compat.has_tensorflow}))
""")
    assert found == {"tensorflow": False, "thinc_tf": False}


def test_train_utils_loads_with_tensorflow_when_used():
    found = run(PRELUDE + """
import rasa.utils.train_utils
import rasa.utils.train_utils as train_utils  # a second import statement reads its __spec__
from rasa.utils import train_utils as again
before = "tensorflow" in sys.modules
callbacks = train_utils.create_common_callbacks  # the first attribute runs the module
import tensorflow as tf
print(json.dumps({"before": before, "after": "tensorflow" in sys.modules, "callable": callable(callbacks),
                  "tf": hasattr(tf, "keras")}))
""")
    assert found == {"before": False, "after": True, "callable": True, "tf": True}


def test_the_training_graph_is_read_when_asked_for():
    """ModelMetadata.from_dict keeps the training graph as read; its nodes are the same."""
    found = run(PRELUDE + """
from datetime import datetime
from rasa.engine.graph import GraphSchema, SchemaNode
from rasa.engine.storage.storage import ModelMetadata
from rasa.shared.core.domain import Domain
from rasa.nlu.classifiers.fallback_classifier import FallbackClassifier
schema = GraphSchema({"fallback": SchemaNode(needs={}, uses=FallbackClassifier, constructor_name="create",
                                              fn="process", config={"threshold": 0.3})})
metadata = ModelMetadata(trained_at=datetime(2026, 11, 30), rasa_open_source_version="3.6.21", model_id="m",
                         assistant_id="a", domain=Domain.empty(), train_schema=schema, predict_schema=schema,
                         project_fingerprint="f", core_target=None, nlu_target="fallback", language="nl",
                         training_type=__import__("rasa.shared.data", fromlist=["TrainingType"]).TrainingType.NLU)
read = ModelMetadata.from_dict(metadata.as_dict())
lazy = type(read.train_schema).__name__
print(json.dumps({"lazy": lazy, "same": read.train_schema.as_dict() == schema.as_dict(),
                  "predict": read.predict_schema.as_dict() == schema.as_dict(),
                  "again": ModelMetadata.from_dict(read.as_dict()).train_schema.as_dict() == schema.as_dict()}))
""")
    assert found == {"lazy": "LazyGraphSchema", "same": True, "predict": True, "again": True}


def test_patched_function_is_rasas_own():
    found = run(PRELUDE + """
import rasa.engine.storage.storage as storage
original = lazy_tensorflow.ORIGINALS["rasa.engine.storage.storage:ModelMetadata.from_dict"]
print(json.dumps({"pinned": original.__qualname__ == "ModelMetadata.from_dict"
                  and original.__module__ == "rasa.engine.storage.storage"}))
""")
    assert found == {"pinned": True}
