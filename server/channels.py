"""Input channels that never leave a user in silence, and a time budget for actions.

Registered in credentials.yml instead of Rasa's own ``rest:`` and ``socketio:``:

    server.channels.ResilientRestInput:        # same URL: /webhooks/rest/webhook
    server.channels.ResilientSocketIOInput:    # same URL: /socket.io, same settings

What they add (see docs/production.md):

* **A reply on every turn.** When Rasa's processing of a user message produced no bot
  message — the action server is down, slow or crashed, or anything else failed — the
  user gets ``FAILURE_TEXT`` (Dutch) instead of silence, and the traceback is logged.
  The conversation itself is stored as usual, so the next turn continues normally.
* **A time limit for custom actions.** Rasa 3.6 calls the action server with
  ``rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT`` (5 minutes) per call, and a turn
  makes two or three calls (slot validation, form validation, the answer). Importing this
  module sets that per-call timeout to ``ACTION_TIMEOUT_SECONDS`` (default 5); once a call
  has timed out, the further calls of the same turn (arriving through these channels) fail
  at once, so a slow action server costs the user ~5 s, not 5 s per call. A timed-out call
  raises ``RasaException``, which Rasa handles like any failed action.
* **Input validation on the REST webhook.** A body that is not a JSON object, a missing
  or non-text ``sender`` or a ``message`` that is not a string gets HTTP 400 with a Dutch
  JSON error instead of Rasa's 500 (or a silent ``[]``). Control characters, NUL bytes and
  lone surrogates are removed (PostgreSQL cannot store them); a message longer than
  ``MAX_MESSAGE_CHARS`` (default 2000) is answered with a request to keep it shorter.

Rasa imports this module when the server starts, so the settings apply in that process.
"""
from __future__ import annotations

import asyncio
import contextvars
import inspect
import json
import logging
import os
import unicodedata
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

import rasa.core.actions.action as rasa_action
import rasa.utils.endpoints as rasa_endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

import server.log_privacy  # noqa: F401  (masks phone numbers and IBANs in this process's logs)
import server.stored_privacy  # noqa: F401  (stores user messages with personal data redacted)

from server import speedups  # noqa: E402

speedups.install()

logger = logging.getLogger(__name__)

FAILURE_TEXT = (
    "Het lukt me nu even niet om je vraag te beantwoorden. Probeer het zo opnieuw, "
    "of bel de klantenservice via 1200 (gratis)."
)
TOO_LONG_TEXT = (
    "Je bericht is te lang voor mij ({length} tekens; maximaal {limit}). "
    "Stel je vraag in een paar zinnen, bijvoorbeeld: wat kost bellen in Spanje?"
)
ERRORS = {
    "json": "Ongeldig verzoek: de inhoud moet een JSON-object zijn, "
            'bijvoorbeeld {"sender": "klant-1", "message": "hallo"}.',
    "sender": 'Ongeldig verzoek: "sender" ontbreekt of is geen tekst (maximaal 256 tekens).',
    "message": 'Ongeldig verzoek: "message" moet tekst zijn.',
}


def _env_float(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        logger.warning("%s is not a number; using %s", name, default)
        return default
    return value if value > 0 else default


ACTION_TIMEOUT = _env_float("ACTION_TIMEOUT_SECONDS", 5.0)
MAX_MESSAGE_CHARS = int(_env_float("MAX_MESSAGE_CHARS", 2000))
MAX_SENDER_CHARS = 256

# --- the action-call timeout ---------------------------------------------------------
# RemoteAction.run passes `timeout=DEFAULT_REQUEST_TIMEOUT` (a module global, looked up at
# call time) to aiohttp, and EndpointConfig.session() builds its ClientTimeout from
# rasa.utils.endpoints.DEFAULT_REQUEST_TIMEOUT. Only the action endpoint is configured in
# endpoints.yml, so this affects action calls only.
rasa_action.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT
rasa_endpoints.DEFAULT_REQUEST_TIMEOUT = ACTION_TIMEOUT

# Per turn: did an action call already time out? Then the action server is slow right
# now and the rest of the turn's calls fail at once instead of waiting 5 s each.
_turn_state: contextvars.ContextVar[Optional[Dict[str, bool]]] = contextvars.ContextVar(
    "kpn_turn_state", default=None
)


def _install_action_budget() -> None:
    """Wrap RemoteAction.run: at most ACTION_TIMEOUT per call, and after a timeout no
    further waiting in the same turn. A timeout becomes a RasaException (Rasa 3.6 only
    catches those when it runs the slot-validation action, so a bare
    asyncio.TimeoutError would abort the turn and lose the user's message)."""
    remote = rasa_action.RemoteAction
    if getattr(remote.run, "_kpn_budget", False):
        return
    original = remote.run

    async def run(self, output_channel, nlg, tracker, domain):  # type: ignore[no-untyped-def]
        state = _turn_state.get()
        if state is not None and state.get("timed_out"):
            raise RasaException(
                f"Failed to execute custom action '{self.name()}': skipped, an earlier "
                f"action call in this turn timed out."
            )
        try:
            return await asyncio.wait_for(
                original(self, output_channel, nlg, tracker, domain), ACTION_TIMEOUT)
        except asyncio.TimeoutError as error:
            if state is not None:
                state["timed_out"] = True
            logger.error("Custom action '%s' timed out after %.1f s (action server slow?)",
                         self.name(), ACTION_TIMEOUT)
            raise RasaException(
                f"Failed to execute custom action '{self.name()}': the action server did "
                f"not answer within {ACTION_TIMEOUT:g} s."
            ) from error

    run._kpn_budget = True  # type: ignore[attr-defined]
    remote.run = run  # type: ignore[assignment]


_install_action_budget()


# --- a reply on every turn -------------------------------------------------------------
def resilient(on_new_message: Callable[[UserMessage], Awaitable[Any]]
              ) -> Callable[[UserMessage], Awaitable[None]]:
    """Wrap Rasa's message handler: fail fast after an action timeout in this turn, and
    FAILURE_TEXT to the user when the turn produced no bot message or raised."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        sent: List[int] = []
        original_send = output.send_response

        async def counting_send(recipient_id: Text, msg: Dict[Text, Any]) -> None:
            sent.append(1)
            await original_send(recipient_id, msg)

        output.send_response = counting_send  # type: ignore[assignment]
        token = _turn_state.set({"timed_out": False})
        try:
            await on_new_message(message)
        except asyncio.CancelledError:
            raise
        except Exception:
            logger.exception("Handling a message from sender %s failed", message.sender_id)
        finally:
            _turn_state.reset(token)
            output.send_response = original_send  # type: ignore[assignment]
        if not sent:
            logger.warning("No bot message for sender %s; sent the failure reply",
                           message.sender_id)
            try:
                await output.send_text_message(message.sender_id, FAILURE_TEXT)
            except Exception:
                logger.exception("Could not send the failure reply to %s", message.sender_id)

    return handle


def clean_text(text: str) -> str:
    """Drop control characters (keep newlines/tabs as spaces), NUL and lone surrogates."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc":
            if ch in "\n\r\t":
                out.append(" " if ch == "\t" else "\n")
        elif category != "Cs":
            out.append(ch)
    return "".join(out)


def _error(kind: str) -> HTTPResponse:
    return response.json({"error": ERRORS[kind], "status": 400}, status=400)


class ResilientRestInput(RestInput):
    """Rasa's REST channel with input validation and a reply on every turn."""

    @classmethod
    def name(cls) -> Text:
        return "rest"  # same webhook: /webhooks/rest/webhook

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        handler = resilient(on_new_message)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[ResponseStream, HTTPResponse]:
            try:
                body = json.loads(request.body or b"")
            except (ValueError, UnicodeDecodeError, RecursionError):
                return _error("json")
            if not isinstance(body, dict):
                return _error("json")
            sender = body.get("sender")
            if isinstance(sender, int) and not isinstance(sender, bool):
                sender = str(sender)
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return _error("sender")
            sender = clean_text(sender).strip()
            if not sender:
                return _error("sender")
            text = body.get("message")
            if not isinstance(text, str):
                return _error("message")
            text = clean_text(text)
            metadata = body.get("metadata")
            if not isinstance(metadata, dict):
                metadata = None

            if len(text) > MAX_MESSAGE_CHARS:
                reply = TOO_LONG_TEXT.format(length=len(text), limit=MAX_MESSAGE_CHARS)
                return response.json([{"recipient_id": sender, "text": reply}])

            if rasa_endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(handler, text, sender, self.name(), metadata),
                    content_type="text/event-stream",
                )
            collector = CollectingOutputChannel()
            await handler(UserMessage(text, collector, sender, input_channel=self.name(),
                                      metadata=metadata))
            return response.json(collector.messages)

        return webhook


class ResilientSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO channel with the same reply-on-every-turn and action time limit.

    Also fixes Rasa 3.6's ``session_request`` handler for python-socketio 5: it calls
    ``sio.enter_room(...)`` without ``await`` (a coroutine there), so with
    ``session_persistence: true`` the client never joined its session's room and never
    received a bot message."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        handler = resilient(on_new_message)

        async def guarded(message: UserMessage) -> None:
            message.text = clean_text(message.text) if isinstance(message.text, str) else ""
            if len(message.text) > MAX_MESSAGE_CHARS:
                reply = TOO_LONG_TEXT.format(length=len(message.text), limit=MAX_MESSAGE_CHARS)
                await message.output_channel.send_text_message(message.sender_id, reply)
                return
            await handler(message)

        blueprint = super().blueprint(guarded)
        sio = self.sio
        assert sio is not None

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            if not isinstance(data, dict):
                data = {}
            if data.get("session_id") is None:
                data["session_id"] = uuid.uuid4().hex
            session_id = str(data["session_id"])
            if self.session_persistence:
                joined = sio.enter_room(sid, session_id, namespace=self.namespace)
                if inspect.isawaitable(joined):
                    await joined
            await sio.emit("session_confirm", session_id, room=sid)

        sio.on("session_request", namespace=self.namespace)(session_request)  # replaces Rasa's
        return blueprint
