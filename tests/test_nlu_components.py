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


def test_tfidf_pipeline_trains_persists_and_loads(tmp_path):
    """With sublinear_tfidf the weights are fitted in train() and come back with load()."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage, resource = LocalModelStorage(tmp_path), Resource("lr")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {"C": 30, "sublinear_tfidf": True}
    classifier = TolerantLogisticRegressionClassifier.create(config, storage, resource, context)
    examples = []
    for text, intent, row in (("hallo", "greet", [3, 0, 1]), ("hoi", "greet", [2, 0, 1]),
                              ("doei", "goodbye", [0, 2, 1]), ("dag", "goodbye", [0, 1, 1])):
        example = message(text, [row])
        example.set("intent", intent)
        examples.append(example)
    classifier.train(TrainingData(training_examples=examples))
    assert classifier.clf.steps[0][1].idf_.shape == (3,)
    assert classifier.clf.steps[1][1].C == 30

    loaded = TolerantLogisticRegressionClassifier.load(config, storage, resource, context)
    hello, bye = message("hallo daar", [[1, 0, 1]]), message("tot ziens", [[0, 5, 1]])
    loaded.process([hello, bye])
    assert (hello.get("intent")["name"], bye.get("intent")["name"]) == ("greet", "goodbye")
    assert hello.get("intent")["confidence"] > 0.5
