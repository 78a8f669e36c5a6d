"""Rasa's word-count and regex featurizers, computing only what our pipeline reads.

Rasa's `CountVectorsFeaturizer` and `RegexFeaturizer` compute two kinds of features per
message: one row per token (sequence features, for DIET and the CRF) and one row for the
whole message (sentence features). Our intent classifier (server/nlu.py) reads only the
sentence features, and no component here reads the per-token ones or the `pattern` marks
the regex featurizer leaves on every token. Computing them cost about a tenth of a
turn's CPU (profiled with py-spy over the REST channel); these subclasses compute the
sentence row exactly as Rasa does and nothing else. Training, vocabularies, persistence
and loading are Rasa's own (tests/test_sentence_features.py compares the rows).
"""
from __future__ import annotations

import re
import warnings
from typing import Any, List, Optional, Pattern, Text, Tuple

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, TOKENS_NAMES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.shared.nlu.constants import ACTION_TEXT, RESPONSE, TEXT
from rasa.shared.nlu.training_data.message import Message

SparseRows = List[Optional[scipy.sparse.spmatrix]]

# Rasa's recipe check looks for its RegexFeaturizer by exact type: ours is one (a subclass),
# so its warnings that regexes and lookup tables go unused do not apply.
for _unused in ("You have defined training data with regexes, but your NLU configuration does not include "
                "a 'RegexFeaturizer'",
                "You have defined training data consisting of lookup tables, but your NLU configuration does "
                "not include a featurizer or an entity extractor using the lookup table"):
    warnings.filterwarnings("ignore", category=UserWarning, message=re.escape(_unused))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountsFeaturizer(CountVectorsFeaturizer):
    """`CountVectorsFeaturizer` (same options) that adds the sentence row only."""

    def _create_features(self, attribute: Text, all_tokens: List[List[Text]]) -> Tuple[SparseRows, SparseRows]:
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer:
            return [None], [None]
        sentences: SparseRows = []
        for tokens in all_tokens:
            if not tokens or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentences.append(None)
                continue
            row = vectorizer.transform([" ".join(tokens)])
            row.sort_indices()
            sentences.append(row)
        return [None] * len(sentences), sentences


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceRegexFeaturizer(RegexFeaturizer):
    """`RegexFeaturizer` (same options, same patterns) that adds the sentence row only: a
    pattern counts when one of its matches overlaps a token, Rasa's own rule."""

    _compiled: Tuple[Tuple[Text, ...], List[Pattern]] = ((), [])

    def _patterns(self) -> List[Pattern]:
        # known_patterns is set at training and at loading: compiled once per set.
        sources = tuple(p["pattern"] for p in self.known_patterns)
        if sources != self._compiled[0]:
            flags = 0 if self.case_sensitive else re.IGNORECASE
            self._compiled = (sources, [re.compile(source, flags) for source in sources])
        return self._compiled[1]

    def _features_for_patterns(self, message: Message, attribute: Text) -> Tuple[Any, Any]:
        text = message.get(attribute)
        tokens = message.get(TOKENS_NAMES[attribute], []) if text else []
        if not tokens:
            return None, None
        row = np.zeros((1, len(self.known_patterns)))
        if attribute in (RESPONSE, TEXT, ACTION_TEXT):
            spans = [(t.start, t.end) for t in tokens]
            for index, pattern in enumerate(self._patterns()):
                if any(start < match.end() and end > match.start()
                       for match in pattern.finditer(text) for start, end in spans):
                    row[0, index] = 1.0
        return None, scipy.sparse.coo_matrix(row)
