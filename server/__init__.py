"""Production add-ons loaded into the Rasa server (via credentials.yml) and the action
server (via actions/__init__.py): resilient input channels, the action-call time budget,
personal data masked in the logs and in stored conversations, and retention
(server/retention.py). See docs/production.md."""
