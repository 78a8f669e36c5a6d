"""Production add-ons loaded into the Rasa server (via credentials.yml) and the action
server (via actions/__init__.py): resilient input channels, the action-call time budget,
personal data masked in the logs and in stored conversations, and retention
(server/retention.py). See docs/production.md."""

# meta.json key of a spaCy pipeline whose tokenizer is spaCy's own for its language: written
# by scripts/build_spacy_nl.py, read by server/speedups.py (which then skips the saved copy).
SPACY_DEFAULT_TOKENIZER = "kpn_default_tokenizer"
