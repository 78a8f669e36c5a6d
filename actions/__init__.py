"""Rasa adapters: read the user's turn, call knowledge/, phrase the answer in Dutch."""
import server.log_privacy  # noqa: F401  (masks phone numbers and IBANs in the action server logs)
