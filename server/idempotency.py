"""A message retried by the load balancer is answered once, and gets its turn.

Behind HAProxy (``make run-scaled``), a request whose Rasa server died before answering is
sent again to another server (``retry-on conn-failure empty-response``, ``option
redispatch``; scripts/haproxy.cfg.template). If the first server had already stored the
turn, processing the message again would store the user's message twice and answer
twice. So HAProxy gives every request an ``X-Request-ID`` (the same on the retry); the REST
channel uses it as the message id (``UserMessage.message_id``, stored in the user event)
when the request comes from a trusted proxy (``TRUSTED_PROXIES``, server/rate_limit.py);
and before a message is handled, under the conversation's lock, the recent events are
searched for a user message with that id. If it is there, the bot messages stored after
it are sent again and nothing is processed or stored.

The retry also has to wait for the dead server's lock on the conversation (Redis) to
expire (``TICKET_LOCK_LIFETIME``). Rasa 3.6's ticket lock has a flaw there: the waiting
request's own ticket has the same lifetime and can expire in the same polling second as
the dead server's, and a request whose ticket has expired waits forever (until the load
balancer gives up). Here a waiting request whose ticket expired draws a new one, and the
lock is released with the ticket it was acquired with.
"""
from __future__ import annotations

import logging
import re
from contextlib import asynccontextmanager
from typing import Any, AsyncGenerator, Dict, List, Optional, Text

from rasa.core import lock_store as rasa_lock_store
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError, LockStore

from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from server import patching

logger = logging.getLogger(__name__)

PINS = {
    "rasa.core.processor.MessageProcessor.handle_message": "a96904e7796d7bf9",
    "rasa.core.processor.MessageProcessor._handle_message_with_tracker": "52ddf94017c2cb84",
    "rasa.core.processor.MessageProcessor.log_message": "1209f3e2d08b0ac6",
    "rasa.core.processor.MessageProcessor._send_bot_messages": "a02b63be94a13f7b",
    "rasa.core.agent.Agent.handle_message": "05c7d977a721e664",
    "rasa.core.lock_store.LockStore.lock": "d84cf99f0517cbc1",
    "rasa.core.lock_store.LockStore._acquire_lock": "7accecf388022dd4",
    "rasa.core.lock_store.LockStore.cleanup": "e4fc14dd71900ad7",
    "rasa.core.lock.TicketLock.is_locked": "73c4d0c1242e700d",
    "rasa.core.lock.TicketLock._ticket_for_ticket_number": "037361784b8fd5f2",
}
SEARCHED_EVENTS = 200  # a retry comes seconds later: its turn is among the last events
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:\-]{8,128}")


def request_message_id(request: Any) -> Optional[str]:
    """The load balancer's X-Request-ID as message id, if the request came through it."""
    from server import rate_limit

    value = request.headers.get("x-request-id") if request is not None else None
    if not value or not _REQUEST_ID.fullmatch(value):
        return None
    lim = rate_limit.limiter()
    peer = lim.client_address(getattr(request, "ip", None), None)
    return f"lb-{value}" if peer in lim.settings.trusted_proxies else None


class AlreadyHandled(Exception):
    def __init__(self, replies: List[BotUttered]) -> None:
        super().__init__("message already handled")
        self.replies = replies


def stored_replies(tracker: DialogueStateTracker, message_id: Text) -> Optional[List[BotUttered]]:
    """The bot messages stored after the user message `message_id`, or None if that user
    message is not among the last SEARCHED_EVENTS events."""
    after: List[BotUttered] = []
    for seen, event in enumerate(reversed(tracker.events)):
        if seen >= SEARCHED_EVENTS:
            return None
        if isinstance(event, UserUttered):
            if event.message_id == message_id:
                after.reverse()
                return after
            after = []
        elif isinstance(event, BotUttered):
            after.append(event)
    return None


_original_lock = LockStore.lock
_original_handle_message = MessageProcessor.handle_message
_original_handle_with_tracker = MessageProcessor._handle_message_with_tracker


async def _handle_with_tracker(self: MessageProcessor, message: Any,
                               tracker: DialogueStateTracker) -> None:
    if message.message_id and str(message.message_id).startswith("lb-"):
        replies = stored_replies(tracker, message.message_id)
        if replies is not None:
            raise AlreadyHandled(replies)
    await _original_handle_with_tracker(self, message, tracker)


async def _handle_message(self: MessageProcessor, message: Any) -> Optional[List[Any]]:
    try:
        return await _original_handle_message(self, message)
    except AlreadyHandled as done:
        logger.info("Message %s of %s was already handled (a retry); sent its %d stored "
                    "replies again", message.message_id, message.sender_id, len(done.replies))
        await self._send_bot_messages(done.replies, DialogueStateTracker(
            message.sender_id, None), message.output_channel)
        if isinstance(message.output_channel, CollectingOutputChannel):
            return message.output_channel.messages
        return None


# --- the conversation lock -------------------------------------------------------------
async def _acquire(store: LockStore, conversation_id: Text, holder: Dict[str, int],
                   lifetime: float, wait_time_in_seconds: float) -> TicketLock:
    """LockStore._acquire_lock; a ticket that expired while waiting is replaced."""
    import asyncio

    logger.debug(f"Acquiring lock for conversation '{conversation_id}'.")
    while True:
        lock = store.get_lock(conversation_id)
        if not lock:
            break
        if not lock.is_locked(holder["ticket"]):
            logger.debug(f"Acquired lock for conversation '{conversation_id}'.")
            return lock
        if lock._ticket_for_ticket_number(holder["ticket"]) is None:
            logger.debug(f"Ticket for conversation '{conversation_id}' expired while "
                         f"waiting; drawing a new one.")
            holder["ticket"] = store.issue_ticket(conversation_id, lifetime)
            continue
        await asyncio.sleep(wait_time_in_seconds)
        store.update_lock(conversation_id)
    raise LockError(f"Could not acquire lock for conversation_id '{conversation_id}'.")


@asynccontextmanager
async def _lock(self: LockStore, conversation_id: Text, lock_lifetime: Optional[float] = None,
                wait_time_in_seconds: float = 1) -> AsyncGenerator[TicketLock, None]:
    """LockStore.lock, released with the ticket it was acquired with."""
    lifetime = rasa_lock_store.LOCK_LIFETIME if lock_lifetime is None else lock_lifetime
    holder = {"ticket": self.issue_ticket(conversation_id, lifetime)}
    try:
        yield await _acquire(self, conversation_id, holder, lifetime, wait_time_in_seconds)
    finally:
        self.cleanup(conversation_id, holder["ticket"])


def install() -> None:
    if not patching.unchanged("retried messages answered once (server/idempotency.py)", PINS):
        return
    if MessageProcessor.handle_message is not _handle_message:
        MessageProcessor._handle_message_with_tracker = _handle_with_tracker  # type: ignore
        MessageProcessor.handle_message = _handle_message  # type: ignore[assignment]
        LockStore.lock = _lock  # type: ignore[assignment]
