"""server/nlu.py: the intent classifier scores messages with features and gives a
featureless (empty) message no intent instead of raising."""
import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from server.nlu import TolerantLogisticRegressionClassifier


def message(text, features=None):
    msg = Message(data={TEXT: text})
    if features is not None:
        msg.add_features(Features(scipy.sparse.coo_matrix(features), "sentence", TEXT, "test"))
    return msg


def test_empty_message_gets_no_intent_and_others_are_scored(tmp_path):
    classifier = TolerantLogisticRegressionClassifier.create(
        {}, LocalModelStorage(tmp_path), Resource("lr"), ExecutionContext(GraphSchema({}), "test"))
    classifier.clf = LogisticRegression().fit(np.array([[1, 0], [0, 1]]), ["greet", "goodbye"])
    hello, empty = message("hallo", [[1, 0]]), message("")
    classifier.process([hello, empty])
    assert hello.get("intent")["name"] == "greet"
    assert empty.get("intent") == {"name": None, "confidence": 0.0}
    assert empty.get("intent_ranking") == []
