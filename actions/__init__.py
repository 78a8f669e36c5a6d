"""Rasa adapters: read the user's turn, call knowledge/, phrase the answer in Dutch."""
