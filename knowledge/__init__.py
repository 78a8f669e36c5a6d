"""KPN Mobiel / KPN Pay knowledge core: facts from the price list and FAQ, pure functions.

No Rasa imports; submodules are imported explicitly (e.g. ``from knowledge import roaming``).
See docs/knowledge-api.md for the contract.
"""
