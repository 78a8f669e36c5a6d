"""server/sentence_features.py computes the same sentence rows as Rasa's featurizers."""
from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.featurizers.sparse_featurizer.regex_featurizer import RegexFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from server.sentence_features import SentenceCountsFeaturizer, SentenceRegexFeaturizer

TRAINING = ["wat kost bellen in Turkije", "hoe stel ik KPN Pay in", "10 minuten bellen naar Spanje",
            "mijn bundel van 5 GB is op", "kan ik met KPN Pay apps kopen"]
MESSAGES = ["Wat kost 30 minuten bellen in Turkije?", "KPN Pay instellen op mijn iPhone",
            "ik wil 2 GB extra in Spanje", "", "🙂 <b>hoi</b>", "onbekende woorden zonder overlap",
            "Turkijee bellen 12,50"]
REGEXES = [{"name": "amount", "pattern": r"\d+(?:,\d{2})?"},
           {"name": "data", "pattern": r"\b\d+\s?gb\b"},
           {"name": "empty", "pattern": r"(?=x)"}]
LOOKUP = [{"name": "country", "elements": ["Turkije", "Spanje", "Verenigde Staten"]}]


def tokenized(texts: list[str]) -> list[Message]:
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    messages = [Message.build(text=text, intent="x") if text else Message(data={TEXT: ""}) for text in texts]
    tokenizer.process(messages)
    return messages


def features(component, texts: list[str]) -> list[tuple[np.ndarray | None, bool]]:
    messages = component.process(tokenized(texts))
    rows = []
    for message in messages:
        sentence = [f.features for f in message.features if f.type == FEATURE_TYPE_SENTENCE and f.attribute == TEXT]
        sequence = [f for f in message.features if f.type == FEATURE_TYPE_SEQUENCE and f.attribute == TEXT]
        rows.append((sentence[0].toarray() if sentence else None, bool(sequence)))
    return rows


def trained(cls, config: dict, tmp_path, name: str):
    (tmp_path / name).mkdir()
    storage = LocalModelStorage(tmp_path / name)
    context = ExecutionContext(GraphSchema({}), "test")
    component = cls.create({**cls.get_default_config(), **config}, storage, Resource(name), context)
    data = TrainingData(training_examples=tokenized(TRAINING), regex_features=REGEXES, lookup_tables=LOOKUP)
    component.train(data)
    return component


def assert_same_sentence_rows(ours: list, rasa: list) -> None:
    """Ours has Rasa's sentence row for every message (or none where Rasa has none), no per-token rows."""
    for (our_row, our_sequence), (rasa_row, _) in zip(ours, rasa):
        assert (our_row is None) == (rasa_row is None)
        if our_row is not None:
            np.testing.assert_array_equal(our_row, rasa_row)
        assert not our_sequence


@pytest.mark.parametrize("config", [
    {},
    {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4},
])
def test_word_counts_sentence_rows_as_rasa_makes_them(config, tmp_path):
    ours = features(trained(SentenceCountsFeaturizer, config, tmp_path, "ours"), MESSAGES)
    rasa = features(trained(CountVectorsFeaturizer, config, tmp_path, "rasa"), MESSAGES)
    assert [row for row, _ in ours if row is not None and row.any()], "some words are known"
    assert_same_sentence_rows(ours, rasa)
    assert any(sequence for _, sequence in rasa), "Rasa's own adds per-token rows; ours leaves them out"


@pytest.mark.parametrize("config", [
    {"case_sensitive": False, "use_word_boundaries": True},
    {"case_sensitive": True, "use_word_boundaries": False},
])
def test_regex_sentence_rows_as_rasa_makes_them(config, tmp_path):
    ours = features(trained(SentenceRegexFeaturizer, config, tmp_path, "ours"), MESSAGES)
    rasa = features(trained(RegexFeaturizer, config, tmp_path, "rasa"), MESSAGES)
    assert [row for row, _ in ours if row is not None and row.any()], "some pattern matches"
    assert_same_sentence_rows(ours, rasa)
