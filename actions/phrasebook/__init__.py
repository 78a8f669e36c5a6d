"""The phrasebook: answers compute, catalogs phrase.

An answer function returns a `Reply` of `Phrase`s (a catalog key plus values computed
from knowledge/); `render(phrase, language)` writes it in Dutch or English from
`actions/phrasebook/<language>/<topic>.yml`. No sentence and no fact lives in Python:
templates hold the words, knowledge/ the facts, the format specs (formatters.py) the
way a value is written in each language.
"""
from actions.phrasebook.catalog import DEFAULT_LANGUAGE, LANGUAGES, PhrasebookError, catalog, fields
from actions.phrasebook.phrase import Phrase, plural
from actions.phrasebook.rendering import (RenderedReply, language_of, render, render_reply,
                                       render_reply_safely)

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "Phrase", "PhrasebookError", "RenderedReply", "catalog", "fields",
           "language_of", "plural", "render", "render_reply", "render_reply_safely"]
