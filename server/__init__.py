"""Production add-ons loaded into the Rasa server (via credentials.yml) and the action
server (via actions/__init__.py): resilient input channels, the action-call time budget
and the log privacy filter. See docs/production.md."""
