"""The Rasa graph component that puts the reading of a message on it (config.yml, last in
the NLU pipeline): normalised entities (replacing whatever an earlier extractor found),
the cues, any problems with the values, and the intent as corrected by
`server.understanding.intents` (each correction recorded under `corrections`)."""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from knowledge import clock, countries
from server import language
from server.personal_data import Span, find_personal_data, foreign_region
from server.understanding import intents, reading

CUES = "cues"
PROBLEMS = "problems"
CORRECTIONS = "corrections"
LANGUAGE = "language"


FULL_TEXT = "full_text"
WARM_UP_TEXT = "Wat kost 10 minuten bellen in Turkije? And how much is 1 GB in Thailand?"


def interpret(message: Message, today: Optional[Any] = None, extractor: str = "MessageInterpreter") -> None:
    """Read the message's text and set entities, cues, problems and the corrected intent.
    Values come from the whole message, also when the classifier read only its question."""
    text = message.get(FULL_TEXT) or message.get(TEXT) or ""
    day = today or clock.today()
    found = reading.read(text, day)
    entities = [entity.as_rasa(extractor) for entity in found.entities]
    message.set(ENTITIES, entities, add_to_output=True)
    message.set(CUES, sorted(found.cues), add_to_output=True)
    message.set(PROBLEMS, [vars(problem) for problem in found.problems], add_to_output=True)
    message.set(LANGUAGE, found.language.as_dict(), add_to_output=True)
    intent = message.get(INTENT)
    ranking = message.get(INTENT_RANKING_KEY) or []
    correction = intents.correct(intent, ranking, text, entities, found.cues, question=message.get(TEXT))
    corrections = []
    if correction is not None:
        confidence = next((r.get("confidence") for r in ranking if r.get("name") == correction.intent), None)
        if confidence is None:
            confidence = (intent or {}).get("confidence") or 1.0
        message.set(INTENT, {"name": correction.intent, "confidence": float(confidence)}, add_to_output=True)
        if correction.intent == intents.FALLBACK and not any(r.get("name") == intents.FALLBACK for r in ranking):
            # as the FallbackClassifier does: on top of the ranking, so Rasa's tests can look past it
            message.set(INTENT_RANKING_KEY, [{"name": intents.FALLBACK, "confidence": float(confidence)}] + ranking,
                        add_to_output=True)
        corrections.append(correction.as_dict())
    message.set(CORRECTIONS, corrections, add_to_output=True)


class StatelessComponent(GraphComponent):
    """A component without settings or trained state: created as is."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {}

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "StatelessComponent":
        return cls()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class MessageInterpreter(StatelessComponent, EntityExtractorMixin):
    """Entities, cues and intent corrections from knowledge/ (see server.understanding)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "MessageInterpreter":
        # The country index, the price list's zones and the language model are read on first
        # use: read one message now, while the model loads, not in the first customer's turn.
        reading.read(WARM_UP_TEXT, clock.today())
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            interpret(message, extractor=self.name)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


# A number someone calls: "bellen naar +32 ...", "ik bel vaak met 0032 ...", "to call +1 ..."; not the
# customer's own ("mijn nummer is +32 ...", "bel me op +32 ...", "mail of bel +32 ...")
CALLED_BEFORE = re.compile(r"\b(naar|met|to|bellen|call|calling|dial|dialling|gebeld)\b[\w\s]{0,15}$", re.I)
# The customer's own number ("mijn nummer is", "bel me op"), not "mijn oom bellen op".
OWN_NUMBER_BEFORE = re.compile(r"(\b(mijn|my)\s+(eigen\s+|own\s+)?(mobiele\s+|mobile\s+|phone\s+|cell\s+)?"
                               r"(telefoon)?(nummer|number|mobiel|06)|\b(bel|call|bereik|reach|sms|text)\s+(me|mij)"
                               r"|\bik\s+ben\s+bereikbaar|\bi\s+can\s+be\s+reached)\b[\w\s]{0,12}:?\s*$", re.I)


def _read_as(text: str, span: Span) -> str:
    """What a piece of personal data leaves for the NLU: nothing, except that a foreign
    number someone calls is a number in its country, the one called ("wat kost bellen
    naar +32 470 12 34 56?" reads "... naar nummer in België?")."""
    before = text[max(0, span.start - 30):span.start]
    if span.kind != "phone" or not CALLED_BEFORE.search(before) or OWN_NUMBER_BEFORE.search(before):
        return " "
    region = foreign_region(text[span.start:span.end])
    if region is None or region not in countries.known_codes():
        return " "
    number = "number in" if language.detect(text).language == language.ENGLISH else "nummer in"
    return f" {number} {countries.country_by_code(region).name_nl} "


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class PersonalDataBlanker(StatelessComponent):
    """First in the pipeline: phone numbers, IBANs, e-mail addresses and BSNs are taken out of
    the text every later component reads (server.personal_data), so "Wat kost bellen in
    Turkije? Mijn nummer is 0612345678" is classified on its question, not on its digits (the
    service-number examples are full of digits). A foreign number the customer calls leaves
    its country's name ("wat kost bellen naar +32 470 12 34 56?" is a question about Belgium).
    The stored conversation is redacted separately (server/stored_privacy.py)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            spans = find_personal_data(text)
            if spans:
                for span in reversed(spans):
                    text = text[:span.start] + _read_as(text, span) + text[span.end:]
                message.set(TEXT, " ".join(text.split()))
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class QuestionFocus(StatelessComponent):
    """Before the classifier: a long message is classified on the sentence that asks
    something (server.understanding.reading.focus); the whole text is kept under
    `full_text`, so the values of the story (a country, an amount) still count."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            focused = reading.focus(text)
            if focused != text:
                message.set(FULL_TEXT, text, add_to_output=True)
                message.set(TEXT, focused)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data  # training examples are what they are
