"""NLU components of our own, loaded by Rasa from config.yml.

Rasa 3.6's LogisticRegressionClassifier raises on a message without any features: an
empty or whitespace-only text has no tokens, so the featurizers add no sentence
features and scikit-learn gets a (1, 0) matrix. The turn then fails instead of reaching
the FallbackClassifier. This subclass gives such messages no intent (confidence 0), so
they take the normal fallback path ("kun je dat anders zeggen?") on every channel.
"""
from __future__ import annotations

from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message


def _has_sentence_features(message: Message) -> bool:
    sparse = message.get_sparse_features(attribute=TEXT)[1]
    dense = message.get_dense_features(attribute=TEXT)[1]
    return any(f is not None and f.features.shape[-1] > 0 for f in (sparse, dense))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class TolerantLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Rasa's logistic-regression intent classifier that also accepts featureless messages."""

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
