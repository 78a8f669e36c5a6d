"""server/nlu.py: the intent classifier scores messages with features and gives a
featureless (empty) message no intent instead of raising; both components come back
from storage as they were trained, without fitting again."""
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


def test_regression_is_stored_as_arrays_and_scores_the_same_after_load(tmp_path):
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage, resource = LocalModelStorage(tmp_path), Resource("lr")
    context = ExecutionContext(GraphSchema({}), "test")
    for config in ({}, {"C": 30, "sublinear_tfidf": True}):
        classifier = TolerantLogisticRegressionClassifier.create(config, storage, resource, context)
        examples = []
        for text, intent, row in (("a", "greet", [3, 0, 1]), ("b", "bye", [0, 2, 1]), ("c", "thanks", [1, 1, 4])):
            example = message(text, [row])
            example.set("intent", intent)
            examples.append(example)
        classifier.train(TrainingData(training_examples=examples))
        with storage.read_from(resource) as model_dir:
            assert [p.name for p in model_dir.iterdir()] == ["logistic_regression.npz"]
        loaded = TolerantLogisticRegressionClassifier.load(config, storage, resource, context)
        before, after = message("x", [[2, 1, 1]]), message("x", [[2, 1, 1]])
        classifier.process([before])
        loaded.process([after])
        assert after.get("intent_ranking") == before.get("intent_ranking")
        assert type(after.get("intent")["name"]) is str


def _tokenized(text, entities=()):
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    msg = Message(data={TEXT: text, "intent": "ask", "entities": [
        {"start": text.index(value), "end": text.index(value) + len(value), "value": value, "entity": entity}
        for value, entity in entities]})
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process([msg])
    # The CRF only tags messages some featurizer has seen.
    tokens = len(msg.get("text_tokens"))
    msg.add_features(Features(scipy.sparse.coo_matrix(np.ones((tokens, 1))), "sequence", TEXT, "test"))
    return msg


def test_crf_is_loaded_from_its_stored_model_without_training_again(tmp_path, monkeypatch):
    from rasa.shared.nlu.training_data.training_data import TrainingData

    from server.nlu import StoredCRFEntityExtractor

    storage, resource = LocalModelStorage(tmp_path), Resource("crf")
    context = ExecutionContext(GraphSchema({}), "test")
    config = StoredCRFEntityExtractor.get_default_config()  # Rasa's graph fills these in
    extractor = StoredCRFEntityExtractor.create(config, storage, resource, context)
    places = ["spanje", "turkije", "marokko", "japan", "kenia", "brazilie"]
    training = [_tokenized(f"wat kost bellen in {place}", [(place, "country")]) for place in places]
    training += [_tokenized("hoe stel ik kpn pay in"), _tokenized("wat kost een bundel")]
    extractor.train(TrainingData(training_examples=training))

    def no_training(*args, **kwargs):
        raise AssertionError("the stored CRF must not be trained again")

    monkeypatch.setattr(StoredCRFEntityExtractor, "train_model", classmethod(no_training))
    loaded = StoredCRFEntityExtractor.load(config, storage, resource, context)
    question = "wat kost bellen in turkije"
    assert [e["value"] for e in loaded.extract_entities(_tokenized(question))] == ["turkije"]
    for text in (question, "hoe stel ik kpn pay in", "bellen in kenia"):
        assert loaded.extract_entities(_tokenized(text)) == extractor.extract_entities(_tokenized(text))
