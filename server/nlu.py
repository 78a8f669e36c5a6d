"""NLU components of our own, loaded by Rasa from config.yml.

Rasa 3.6's LogisticRegressionClassifier raises on a message without any features: an
empty or whitespace-only text has no tokens, so the featurizers add no sentence
features and scikit-learn gets a (1, 0) matrix. The turn then fails instead of reaching
the FallbackClassifier. This subclass gives such messages no intent (confidence 0), so
they take the normal fallback path ("kun je dat anders zeggen?") on every channel.

It also weighs the counts before the regression: sublinear tf-idf (1 + log count, times
inverse document frequency, each row scaled to unit length), fitted on the training data
and stored with the model, and a weaker regularisation (`C`). In 5-fold cross-validation
on data/nlu (a scikit-learn stand-in of this pipeline) raw counts with C=1 scored a
weighted intent F1 of 0.880, sublinear tf-idf with C=30 0.897, and fitting took 17 s a
fold instead of 26 s. Rare, telling words ("eSIM", "verzekering") count for more than
"ik", "de", "wat".
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.pipeline import make_pipeline


# Types Rasa's skops loading does not trust by default but this component stores.
TRUSTED_EXTRA_TYPES = {"scipy.sparse._csr.csr_matrix"}


def _has_sentence_features(message: Message) -> bool:
    sparse = message.get_sparse_features(attribute=TEXT)[1]
    dense = message.get_dense_features(attribute=TEXT)[1]
    return any(f is not None and f.features.shape[-1] > 0 for f in (sparse, dense))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TolerantLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Rasa's logistic-regression intent classifier that also accepts featureless messages,
    optionally over sublinear tf-idf weights and with its own regularisation strength."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        # Rasa's own behaviour unless config.yml asks otherwise.
        return {**LogisticRegressionClassifier.get_default_config(), "C": 1.0, "sublinear_tfidf": False}

    def __init__(self, config: Dict[Text, Any], name: Text, model_storage: ModelStorage,
                 resource: Resource) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf.C = float(self.config["C"])
        if self.config["sublinear_tfidf"]:
            # A scikit-learn pipeline keeps `classes_` and `predict_proba`; Rasa's persist
            # (skops) stores it like the bare regression, load() below reads it back.
            self.clf = make_pipeline(TfidfTransformer(sublinear_tf=True), self.clf)

    @classmethod
    def load(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> "TolerantLogisticRegressionClassifier":
        """Rasa's load, which also trusts the one type the tf-idf step adds.

        skops refuses every type outside its safe list; TfidfTransformer keeps its idf
        weights as a scipy CSR matrix (plain arrays, no code), which is not on it."""
        import skops.io as sio

        try:
            with model_storage.read_from(resource) as model_dir:
                path = model_dir / f"{resource.name}.skops"
                untrusted = sio.get_untrusted_types(file=path)
                unexpected = set(untrusted) - TRUSTED_EXTRA_TYPES
                if unexpected:  # refuse loudly, where Rasa would quietly start untrained
                    raise TypeError(f"{path} holds types that are not trusted: {sorted(unexpected)}")
                classifier = sio.load(path, trusted=untrusted)
        except ValueError:  # nothing stored (trained without intent examples), as in Rasa
            return cls.create(config, model_storage, resource, execution_context)
        component = cls(config, execution_context.node_name, model_storage, resource)
        component.clf = classifier
        return component

    def process(self, messages: List[Message]) -> List[Message]:
        scorable = []
        for message in messages:
            if _has_sentence_features(message):
                scorable.append(message)
            else:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [], add_to_output=True)
        if scorable:
            super().process(scorable)
        return messages
