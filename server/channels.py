"""Input channels that never leave a user in silence, and a time budget for actions.

Registered in credentials.yml instead of Rasa's own ``rest:`` and ``socketio:``:

    server.channels.ResilientRestInput:        # same URL: /webhooks/rest/webhook
    server.channels.ResilientSocketIOInput:    # same URL: /socket.io, same settings

What they add (see docs/production.md):

* **A reply on every turn.** When Rasa's processing of a user message produced no bot
  message — the action server is down, slow or crashed, or anything else failed — the
  user gets the failure text (in Dutch or English, see below) instead of silence, and the
  traceback is logged.
  The conversation itself is stored as usual, so the next turn continues normally.
* **A time limit for custom actions.** Rasa 3.6 calls the action server with
  ``rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT`` (5 minutes) per call, and a turn
  makes two or three calls (slot validation, form validation, the answer). Importing this
  module sets that per-call timeout to ``ACTION_TIMEOUT_SECONDS`` (default 5); once a call
  has timed out, the further calls of the same turn (arriving through these channels) fail
  at once, so a slow action server costs the user ~5 s, not 5 s per call. A timed-out call
  raises ``RasaException``, which Rasa handles like any failed action.
* **Input validation on the REST webhook.** A body that is not a JSON object, a missing
  or non-text ``sender`` or a ``message`` that is not a string gets HTTP 400 with a JSON
  error instead of Rasa's 500 (or a silent ``[]``). Control characters, NUL bytes and
  lone surrogates are removed (PostgreSQL cannot store them); a message longer than
  ``MAX_MESSAGE_CHARS`` (default 2000) is answered with a request to keep it shorter.
* **The channel's own texts in the user's language.** The failure reply, the too-long
  reply and the HTTP 400 errors exist in Dutch and English; ``message_language`` (in
  server/language.py) picks one from what the user sent. Dutch when in doubt.
* **Bot-message metadata for the widget.** Actions utter
  ``metadata={"language": "nl"|"en", "footnote": <last paragraph> or None}``. Rasa hands
  that to the output channel, whose stock versions drop it. Here a text is split into one
  message per paragraph as Rasa does (buttons on the last one), and each carries
  ``"metadata": {"language": ...}``, plus ``"footnote": true`` on the paragraph that is
  the footnote. Messages without metadata are sent exactly as Rasa sends them; clients
  that ignore ``metadata`` see the same texts.

Rasa imports this module when the server starts, so the settings apply in that process.
"""
from __future__ import annotations

import asyncio
import contextvars
import inspect
import json
import logging
import unicodedata
import uuid
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, Union

import rasa.core.actions.action as rasa_action
import rasa.utils.endpoints as rasa_endpoints
from rasa.core.channels.channel import CollectingOutputChannel, OutputChannel, UserMessage
from rasa.core.channels.rest import QueueOutputChannel, RestInput
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from rasa.shared.exceptions import RasaException
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

import server.log_privacy  # noqa: F401  (masks phone numbers and IBANs in this process's logs)
import server.stored_privacy  # noqa: F401  (stores user messages with personal data redacted)

from server import idempotency, rate_limit, speedups  # noqa: E402
from server.language import message_language  # noqa: E402
from server.understanding.reading import question_parts  # noqa: E402
from server.settings import env_number  # noqa: E402

speedups.install()

logger = logging.getLogger(__name__)

# The channel's own texts, per language (message_language picks one).
FAILURE_TEXTS = {
    "nl": "Het lukt me nu even niet om je vraag te beantwoorden. Probeer het zo opnieuw, "
          "of bel de klantenservice via 1200 (gratis).",
    "en": "I can't answer your question right now. Please try again in a moment, "
          "or call customer service on 1200 (free of charge).",
}
TOO_LONG_TEXTS = {
    "nl": "Je bericht is te lang voor mij ({length} tekens; maximaal {limit}). "
          "Stel je vraag in een paar zinnen, bijvoorbeeld: wat kost bellen in Spanje?",
    "en": "Your message is too long for me ({length} characters; at most {limit}). "
          "Please ask your question in a few sentences, for example: what does calling "
          "in Spain cost?",
}
ERRORS = {
    "nl": {
        "json": "Ongeldig verzoek: de inhoud moet een JSON-object zijn, "
                'bijvoorbeeld {"sender": "klant-1", "message": "hallo"}.',
        "sender": 'Ongeldig verzoek: "sender" ontbreekt of is geen tekst (maximaal 256 tekens).',
        "message": 'Ongeldig verzoek: "message" moet tekst zijn.',
    },
    "en": {
        "json": "Invalid request: the body must be a JSON object, "
                'for example {"sender": "customer-1", "message": "hello"}.',
        "sender": 'Invalid request: "sender" is missing or not text (at most 256 characters).',
        "message": 'Invalid request: "message" must be text.',
    },
}


ACTION_TIMEOUT = env_number("ACTION_TIMEOUT_SECONDS", 5.0, allow_zero=False)
MAX_MESSAGE_CHARS = int(env_number("MAX_MESSAGE_CHARS", 2000, allow_zero=False))
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
    """Wrap Rasa's message handler: a message with several questions is handled as
    one turn per question (`question_parts`), the replies together; each turn fails fast
    after an action timeout, and the failure text goes to the user when a turn produced
    no bot message or raised."""

    async def handle(message: UserMessage) -> None:
        parts = question_parts(message.text) if isinstance(message.text, str) \
            and not message.text.startswith("/") else []
        if len(parts) < 2:
            await handle_turn(message)
            return
        output = message.output_channel
        original_send = output.send_response
        footnotes: Dict[str, Any] = {}  # footnote text -> its metadata, in order
        answered: List[bool] = []  # whether a part of the message was understood and answered
        said: set = set()  # texts sent for earlier parts: two parts read alike get one answer

        async def footnote_last(recipient_id: Text, msg: Dict[Text, Any]) -> None:
            meta = msg.get("metadata")
            if isinstance(meta, dict) and meta.get("understood") is False and answered:
                return  # a later part not understood: the answers before it stand, no "sorry" after them
            if isinstance(meta, dict) and meta.get("understood"):
                answered.append(True)
            # the price-list footnote once, under all the answers, not under each
            footnote = meta.get("footnote") if isinstance(meta, dict) else None
            if isinstance(footnote, str) and footnote.strip() and isinstance(msg.get("text"), str):
                footnotes.setdefault(footnote, meta)
                msg = {**msg, "text": msg["text"].replace(footnote, "").strip(),
                       "metadata": {k: v for k, v in meta.items() if k != "footnote"}}
                if not msg["text"] and not any(msg.get(k) for k in ("buttons", "quick_replies", "image",
                                                                     "attachment", "elements", "custom")):
                    return
            text = msg.get("text")
            if isinstance(text, str) and text.strip() and not msg.get("buttons"):
                if text.strip() in said:
                    return
                said.add(text.strip())
            await original_send(recipient_id, msg)

        output.send_response = footnote_last  # type: ignore[assignment]
        try:
            for number, part in enumerate(parts, 1):
                part_id = f"{message.message_id}-{number}" if message.message_id else None
                await handle_turn(UserMessage(
                    part, output, message.sender_id, input_channel=message.input_channel,
                    metadata={**(message.metadata or {}), "question_part": f"{number}/{len(parts)}"},
                    message_id=part_id))
        finally:
            output.send_response = original_send  # type: ignore[assignment]
        for footnote, meta in footnotes.items():
            await original_send(message.sender_id, {"text": footnote, "metadata": meta})

    async def handle_turn(message: UserMessage) -> None:
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
                await send_channel_text(output, message.sender_id, message.text, FAILURE_TEXTS)
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


def _error(kind: str, language: str) -> HTTPResponse:
    return response.json({"error": ERRORS[language][kind], "status": 400}, status=400)


def _request_text(request: Request, body: Any = None) -> str:
    """What the client wrote, as well as it can be read: to choose the error's language."""
    message = body.get("message") if isinstance(body, dict) else None
    if isinstance(message, str):
        return message
    return (request.body or b"")[:2000].decode("utf-8", errors="replace")


# --- bot-message metadata ----------------------------------------------------------------
def message_parts(text: Optional[Text], metadata: Any) -> Optional[List[Dict[Text, Any]]]:
    r"""A bot text as the messages a channel sends, each with the metadata the widget reads.

    The text is split into paragraphs (blank lines) as Rasa's channels split it; every
    part gets ``{"language": ...}``, and the part whose text is ``metadata["footnote"]``
    also ``"footnote": True``. None when the message carries none of this metadata: the
    channel then sends it exactly as Rasa would.

    Example: "Antwoord.\n\nTarieven volgens ..." with ``{"language": "nl", "footnote":
    "Tarieven volgens ..."}`` becomes ``[{"text": "Antwoord.", "metadata": {"language":
    "nl"}}, {"text": "Tarieven volgens ...", "metadata": {"language": "nl", "footnote":
    True}}]``.
    """
    if not isinstance(metadata, dict):
        return None
    base: Dict[Text, Any] = {}
    if isinstance(metadata.get("language"), str):
        base["language"] = metadata["language"]
    footnote = metadata.get("footnote")
    footnote = footnote.strip() if isinstance(footnote, str) and footnote.strip() else None
    if not base and footnote is None:
        return None
    if not isinstance(text, str) or not text.strip():
        return [{"metadata": dict(base)}]
    parts = []
    for paragraph in text.strip().split("\n\n"):
        meta = dict(base)
        if footnote is not None and paragraph.strip() == footnote:
            meta["footnote"] = True
        parts.append({"text": paragraph, "metadata": meta})
    return parts


async def send_channel_text(output: OutputChannel, recipient_id: Text, user_text: Any,
                            texts: Dict[str, str], **values: Any) -> None:
    """Send one of the channel's own texts, in the language of what the user wrote."""
    language = message_language(user_text if isinstance(user_text, str) else "")
    await output.send_text_message(recipient_id, texts[language].format(**values),
                                   metadata={"language": language})


class _CollectingWithMetadata:
    """For Rasa's collecting channels (REST replies, REST stream): metadata per part."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        parts = message_parts(text, kwargs.get("metadata"))
        if parts is None:
            await super().send_text_message(recipient_id, text, **kwargs)  # type: ignore[misc]
            return
        for part in parts:
            await self._persist_message({"recipient_id": recipient_id, **part})  # type: ignore[attr-defined]

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        parts = message_parts(text, kwargs.get("metadata"))
        if parts is None:
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)  # type: ignore[misc]
            return
        parts[-1]["buttons"] = buttons  # like Rasa's Socket.IO channel: on the last part
        for part in parts:
            await self._persist_message({"recipient_id": recipient_id, **part})  # type: ignore[attr-defined]


class MetadataCollectingOutputChannel(_CollectingWithMetadata, CollectingOutputChannel):
    """The REST webhook's reply list, with bot-message metadata."""


class MetadataQueueOutputChannel(_CollectingWithMetadata, QueueOutputChannel):
    """The REST webhook's streamed replies (``?stream=true``), with bot-message metadata."""


class MetadataSocketIOOutput(SocketIOOutput):
    """Rasa's Socket.IO output, with bot-message metadata on every emitted message."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        parts = message_parts(text, kwargs.get("metadata"))
        if parts is None:
            await super().send_text_message(recipient_id, text, **kwargs)
            return
        for part in parts:
            await self._send_message(recipient_id, part)

    async def send_text_with_buttons(self, recipient_id: Text, text: Text,
                                     buttons: List[Dict[Text, Any]], **kwargs: Any) -> None:
        parts = message_parts(text, kwargs.get("metadata"))
        if parts is None:
            await super().send_text_with_buttons(recipient_id, text, buttons, **kwargs)
            return
        for part in parts:
            part["quick_replies"] = []
        parts[-1]["quick_replies"] = [
            {"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in buttons
        ]
        for part in parts:
            await self._send_message(recipient_id, part)


class ResilientRestInput(RestInput):
    """Rasa's REST channel with input validation, a reply on every turn and bot-message
    metadata."""

    @classmethod
    def name(cls) -> Text:
        return "rest"  # same webhook: /webhooks/rest/webhook

    @staticmethod
    async def on_message_wrapper(on_new_message: Callable[[UserMessage], Awaitable[Any]],
                                 text: Text, queue: asyncio.Queue, sender_id: Text,
                                 input_channel: Text, metadata: Optional[Dict[Text, Any]]) -> None:
        """Rasa's streaming path (``?stream=true``), with the metadata-aware queue."""
        collector = MetadataQueueOutputChannel(queue)
        await on_new_message(UserMessage(text, collector, sender_id,
                                         input_channel=input_channel, metadata=metadata))
        await queue.put("DONE")

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
                return _error("json", message_language(_request_text(request)))
            language = message_language(_request_text(request, body))
            if not isinstance(body, dict):
                return _error("json", language)
            sender = body.get("sender")
            if isinstance(sender, int) and not isinstance(sender, bool):
                sender = str(sender)
            if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return _error("sender", language)
            sender = clean_text(sender).strip()
            if not sender:
                return _error("sender", language)
            text = body.get("message")
            if not isinstance(text, str):
                return _error("message", language)
            text = clean_text(text)
            metadata = body.get("metadata")
            if not isinstance(metadata, dict):
                metadata = None
            refusal = await rate_limit.rest_refusal(request, sender, text)  # 429 for a flood
            if refusal is not None:
                return refusal

            collector = MetadataCollectingOutputChannel()
            if len(text) > MAX_MESSAGE_CHARS:
                await send_channel_text(collector, sender, text, TOO_LONG_TEXTS,
                                        length=len(text), limit=MAX_MESSAGE_CHARS)
                return response.json(collector.messages)

            if rasa_endpoints.bool_arg(request, "stream", default=False):
                return response.stream(
                    self.stream_response(handler, text, sender, self.name(), metadata),
                    content_type="text/event-stream",
                )
            async with rate_limit.rest_turn(request):  # an address's messages take turns with others
                await handler(UserMessage(text, collector, sender, input_channel=self.name(),
                                          metadata=metadata,
                                          message_id=idempotency.request_message_id(request)))
            return response.json(collector.messages)

        return webhook


class ResilientSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO channel with the same reply-on-every-turn, action time limit and
    bot-message metadata.

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
            if await rate_limit.socketio_refusal(message):
                return
            message.output_channel = MetadataSocketIOOutput(self.sio, self.bot_message_evt)
            message.text = clean_text(message.text) if isinstance(message.text, str) else ""
            if len(message.text) > MAX_MESSAGE_CHARS:
                await send_channel_text(message.output_channel, message.sender_id, message.text,
                                        TOO_LONG_TEXTS, length=len(message.text),
                                        limit=MAX_MESSAGE_CHARS)
                return
            async with rate_limit.socketio_turn():
                await handler(message)

        blueprint = super().blueprint(guarded)
        sio = self.sio
        assert sio is not None
        rate_limit.watch_socketio(sio, self.namespace, [self.user_message_evt])

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
