"""Render Phrases in a language, and a whole Reply into the one message the bot sends."""
from __future__ import annotations

import logging
import string
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from actions.phrasebook import formatters
from actions.phrasebook.catalog import DEFAULT_LANGUAGE, LANGUAGES, PhrasebookError, fields, template
from actions.phrasebook.phrase import Phrase
from knowledge.countries import Country, Zone

if TYPE_CHECKING:  # actions.turn imports this package
    from actions.turn import Reply

logger = logging.getLogger(__name__)

# Only if even the catalog cannot be read: no fact, just an apology.
LAST_RESORT = {"nl": "Sorry, er ging bij mij iets mis.", "en": "Sorry, something went wrong on my side."}


def broken_answer() -> Phrase:
    """The apology for an answer that failed (a bug), with the customer-service number."""
    from knowledge import services

    desk = services.customer_service()
    return Phrase("common.broken_answer", number=desk.number, price=desk.price_text)


def language_of(value: Any) -> str:
    """A supported language code, else Dutch."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def render(item: Phrase | str, language: str) -> str:
    """The text of a Phrase in `language` ("nl" or "en"); a str is text already.

    Raises PhrasebookError for an unknown key, a missing or unused value, or a value the
    format spec cannot show.
    """
    if isinstance(item, str):
        return item
    if not isinstance(item, Phrase):
        raise PhrasebookError(f"cannot render {item!r}")
    text = template(item.key, language)
    values = item.values
    wanted = fields(text)
    missing = {name for name, _ in wanted} - set(values)
    if missing:
        raise PhrasebookError(f"{language} {item.key}: no value for {sorted(missing)}")
    unused = set(values) - {name for name, _ in wanted} - {"count"}
    if unused:
        raise PhrasebookError(f"{language} {item.key}: values {sorted(unused)} are not used")
    out = []
    for literal, name, spec, _ in string.Formatter().parse(text):
        out.append(literal)
        if name is not None:
            out.append(_field(values[name], spec or "", language, item.key))
    return "".join(out)


def _field(value: Any, spec: str, language: str, key: str) -> str:
    name, _, arg = spec.partition(":")
    try:
        if name == "cap":
            text = _plain(value, language)
            return text[:1].upper() + text[1:]
        if name in formatters.LIST_STYLES:
            if not isinstance(value, tuple):
                raise PhrasebookError(f"{name} needs a list, got {value!r}")
            return formatters.list_style(name, arg, [_plain(v, language) for v in value], language)
        if name:
            if name not in formatters.SCALAR[language]:
                raise PhrasebookError(f"unknown format spec {spec!r}")
            return formatters.SCALAR[language][name](value)
        return _plain(value, language)
    except PhrasebookError as error:
        raise PhrasebookError(f"{language} {key}: {error}") from None
    except (ArithmeticError, ValueError, TypeError) as error:
        raise PhrasebookError(f"{language} {key}: cannot format {value!r} as {spec!r}: {error}") from None


def _plain(value: Any, language: str) -> str:
    """A value without a spec: a Phrase renders in the same language; the rest by type."""
    scalar = formatters.SCALAR[language]
    if isinstance(value, Phrase):
        return render(value, language)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise PhrasebookError(f"a bool has no words: {value!r}")
    if isinstance(value, (int, Decimal)):
        return scalar["num"](value)
    if isinstance(value, datetime):
        return scalar["datetime"](value)
    if isinstance(value, date):
        return scalar["date"](value)
    if isinstance(value, Country):
        return scalar["country"](value)
    if isinstance(value, Zone):
        return scalar["zone"](value)
    raise PhrasebookError(f"no plain form for {value!r}; give a format spec")


@dataclass(frozen=True)
class RenderedReply:
    """What one bot message says: text (body lines, then the footnote after a blank line)."""

    language: str
    text: str
    buttons: list[dict[str, str]] = field(default_factory=list)
    footnote: Optional[str] = None


def render_reply(reply: "Reply", language: str) -> RenderedReply:
    """Render strictly (tests): a catalog problem raises PhrasebookError."""
    body = "\n".join(render(part, language) for part in reply.body)
    footnote = render(reply.footnote, language) if reply.footnote is not None else None
    text = body if footnote is None else (f"{body}\n\n{footnote}" if body else footnote)
    buttons = [{"title": render(b.title, language), "payload": b.payload} for b in reply.buttons]
    return RenderedReply(language=language, text=text, buttons=buttons, footnote=footnote)


def render_reply_safely(reply: "Reply", language: str) -> RenderedReply:
    """Render for the user: a catalog problem is logged and a generic apology sent instead."""
    language = language_of(language)
    try:
        return render_reply(reply, language)
    except Exception:  # noqa: BLE001 - a broken phrase must never cost the conversation
        logger.exception("could not render reply %r in %s", reply, language)
    try:
        return RenderedReply(language=language, text=render(broken_answer(), language))
    except Exception:  # noqa: BLE001
        logger.exception("could not render the apology in %s", language)
        return RenderedReply(language=language, text=LAST_RESORT[language])
