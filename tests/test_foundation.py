"""The project's set-up: the Dutch spaCy pipeline Rasa uses, and the configuration."""
from pathlib import Path

import pytest
import spacy
import yaml

ROOT = Path(__file__).resolve().parent.parent
PIPELINE = ROOT / ".spacy" / "nl_kpn"


@pytest.fixture(scope="module")
def nlp():
    return spacy.load(PIPELINE)


@pytest.mark.parametrize("word, lemma", [
    ("bundels", "bundel"),
    ("gekocht", "kopen"),
    ("abonnementen", "abonnement"),
    ("gebeld", "bellen"),
])
def test_the_lookup_lemmatizer_of_the_built_pipeline(nlp, word, lemma):
    assert nlp(word)[0].lemma_ == lemma


def test_config_uses_the_built_pipeline_and_its_lemmas():
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    components = {c["name"]: c for c in config["pipeline"]}
    assert components["SpacyNLP"]["model"] == ".spacy/nl_kpn"
    assert "SpacyTokenizer" in components
    word_counts = [c for c in config["pipeline"] if c["name"].endswith("CountsFeaturizer")
                   and c.get("analyzer", "word") == "word"]
    assert word_counts and word_counts[0].get("use_lemma", True)


def test_rasa_tokenizer_reads_lemmas_from_the_pipeline(nlp):
    """Rasa's SpacyTokenizer hands spaCy's lemmas to the featurizers."""
    from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
    from rasa.shared.nlu.training_data.message import Message

    message = Message.build(text="ik heb bundels gekocht")
    message.set("text_spacy_doc", nlp(message.get("text")))
    tokens = SpacyTokenizer.create({**SpacyTokenizer.get_default_config()}, None, None, None).tokenize(message, "text")
    assert [t.lemma for t in tokens][2:] == ["bundel", "kopen"]


def test_endpoints_are_configured_by_environment_only():
    text = (ROOT / "endpoints.yml").read_text()
    endpoints = yaml.safe_load(text)
    assert endpoints["tracker_store"]["type"] == "SQL"
    assert endpoints["tracker_store"]["url"] == "${TRACKER_DB_URL}"
    assert endpoints["lock_store"]["type"] == "${LOCK_STORE_TYPE}"


def test_channels_are_rest_and_socketio():
    # Rasa's REST and Socket.IO channels, wrapped by server/channels.py (same URLs).
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text())
    assert set(credentials) == {"server.channels.ResilientRestInput",
                                "server.channels.ResilientSocketIOInput"}
    from rasa.core.channels.rest import RestInput
    from rasa.core.channels.socketio import SocketIOInput
    from server.channels import ResilientRestInput, ResilientSocketIOInput

    assert issubclass(ResilientRestInput, RestInput) and ResilientRestInput.name() == "rest"
    assert issubclass(ResilientSocketIOInput, SocketIOInput) and ResilientSocketIOInput.name() == "socketio"
