"""One client cannot starve the others: message limits per conversation and per client address.

A public chat endpoint gets floods (a stuck script, a bored visitor, an attack). Every
message to the REST and Socket.IO channels (server/channels.py) takes a token from two
buckets: one for its conversation (the sender id / Socket.IO session) and one for the
client's address. A bucket holds up to BURST tokens and refills at PER_MINUTE / 60 a
second; a message that finds either bucket empty is not processed. It gets, in the
conversation's language (server/language.py):

* REST: HTTP 429 with ``Retry-After`` and the usual JSON list holding one polite bot
  message, so the widget shows it like any reply;
* Socket.IO: that polite message as a bot message.

The excess answer is held back RATE_LIMIT_DELAY_SECONDS (default 1) first, costing the
flooder time and the server nothing (a waiting coroutine); at most 32 such answers wait
per address, the rest are answered at once. A person typing fast never reaches the limits.

The messages an address may send are processed at most RATE_LIMIT_ADDRESS_CONCURRENCY at a
time (default 2; the others of that address wait their turn, nobody else does): the burst
of a flood (20 messages at once) no longer queues ahead of everyone's next step on the
event loop, but takes turns with the other clients.

Settings (environment; scripts/env.sh, docs/production.md "Running at scale"):

    RATE_LIMIT_ENABLED                   1      0 switches the limits off (benchmarks)
    RATE_LIMIT_CONVERSATION_BURST        20     messages in a row per conversation
    RATE_LIMIT_CONVERSATION_PER_MINUTE   30     sustained per conversation
    RATE_LIMIT_ADDRESS_BURST             20     messages in a row per client address
    RATE_LIMIT_ADDRESS_PER_MINUTE        60     sustained per address (an office behind one NAT)
    RATE_LIMIT_DELAY_SECONDS             1      hold-back of an excess answer
    RATE_LIMIT_ADDRESS_CONCURRENCY       2      messages of one address processed at once
    RATE_LIMIT_EXEMPT                    empty  client addresses never limited (monitoring,
                                                the benchmark's own load generator)
    RATE_LIMIT_ADDRESS_EXEMPT            127.0.0.1 ::1 (scripts/env.sh)
                                                addresses without the address limit; their
                                                conversations keep theirs. On one machine
                                                every local client (the widget, rasa shell,
                                                an evaluation script with a conversation per
                                                case) is one address; in production behind
                                                a proxy the address is the client's own
    TRUSTED_PROXIES                      empty  addresses whose X-Forwarded-For is believed
                                                (the load balancer; `make run-scaled` sets
                                                127.0.0.1)

The client address is the peer of the TCP connection; only when that peer is one of
TRUSTED_PROXIES does the last address in X-Forwarded-For (the one the proxy appended)
count instead. Behind several Rasa servers every server counts for itself; HAProxy sends
all messages of a conversation to the same server (scripts/haproxy.cfg.template), so the
conversation limit holds as set and the address limit per server.
"""
from __future__ import annotations

import asyncio
import contextlib
import contextvars
import ipaddress
import logging
import os
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, AsyncIterator, Callable, Dict, Iterable, Optional, Tuple

from server.language import message_language
from server.settings import env_number

logger = logging.getLogger(__name__)

POLITE = {
    "nl": "Je stuurt heel veel berichten kort na elkaar. Wacht even een paar seconden en "
          "stel je vraag dan opnieuw.",
    "en": "You are sending a lot of messages in a short time. Please wait a few seconds "
          "and ask your question again.",
}
MAX_WAITING_PER_ADDRESS = 32
MAX_KEYS = 100_000  # buckets kept per kind; the least recently used go first


@dataclass(frozen=True)
class Limit:
    burst: float
    per_minute: float


@dataclass(frozen=True)
class Settings:
    enabled: bool
    conversation: Limit
    address: Limit
    delay_s: float
    trusted_proxies: Tuple[str, ...]
    exempt: Tuple[str, ...] = ()
    address_exempt: Tuple[str, ...] = ()
    address_concurrency: int = 2

    @classmethod
    def from_env(cls) -> "Settings":
        def addresses(name: str) -> Tuple[str, ...]:
            found = (_normalise(p) for p in os.environ.get(name, "").replace(",", " ").split())
            return tuple(p for p in found if p)

        return cls(
            enabled=os.environ.get("RATE_LIMIT_ENABLED", "1") not in ("0", "false", "no", ""),
            conversation=Limit(env_number("RATE_LIMIT_CONVERSATION_BURST", 20),
                               env_number("RATE_LIMIT_CONVERSATION_PER_MINUTE", 30)),
            address=Limit(env_number("RATE_LIMIT_ADDRESS_BURST", 20),
                          env_number("RATE_LIMIT_ADDRESS_PER_MINUTE", 60)),
            delay_s=env_number("RATE_LIMIT_DELAY_SECONDS", 1.0),
            trusted_proxies=addresses("TRUSTED_PROXIES"),
            exempt=addresses("RATE_LIMIT_EXEMPT"),
            address_exempt=addresses("RATE_LIMIT_ADDRESS_EXEMPT"),
            address_concurrency=max(1, int(env_number("RATE_LIMIT_ADDRESS_CONCURRENCY", 2))),
        )


def _normalise(address: str) -> str:
    """'::ffff:127.0.0.1' -> '127.0.0.1'; invalid text -> ''."""
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return str(ip)


class Buckets:
    """Token buckets by key, the least recently used forgotten beyond `max_keys`."""

    def __init__(self, limit: Limit, clock: Callable[[], float] = time.monotonic,
                 max_keys: int = MAX_KEYS) -> None:
        self.limit, self.clock, self.max_keys = limit, clock, max_keys
        self.rate = limit.per_minute / 60.0
        self.state: "OrderedDict[str, Tuple[float, float]]" = OrderedDict()

    def take(self, key: str) -> bool:
        """Take one token for `key`; False when its bucket is empty."""
        now = self.clock()
        tokens, then = self.state.pop(key, (self.limit.burst, now))
        tokens = min(self.limit.burst, tokens + (now - then) * self.rate)
        allowed = tokens >= 1.0
        if allowed:
            tokens -= 1.0
        self.state[key] = (tokens, now)
        if len(self.state) > self.max_keys:
            self.state.popitem(last=False)
        return allowed

    def retry_after(self, key: str) -> int:
        """Whole seconds until `key` has a token again (at least 1)."""
        tokens, _ = self.state.get(key, (0.0, 0.0))
        if self.rate <= 0:
            return 60
        return max(1, int((1.0 - tokens) / self.rate + 0.999))


class RateLimiter:
    def __init__(self, settings: Optional[Settings] = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.settings = settings or Settings.from_env()
        self.conversations = Buckets(self.settings.conversation, clock)
        self.addresses = Buckets(self.settings.address, clock)
        self.waiting: Dict[str, int] = {}
        self.gates: Dict[str, list] = {}  # address -> [semaphore, messages in or waiting]
        self.refused = 0

    def client_address(self, peer: Optional[str], forwarded_for: Optional[str]) -> str:
        """The peer, or the address the trusted proxy appended to X-Forwarded-For."""
        peer = _normalise(peer or "") or (peer or "unknown")
        if forwarded_for and peer in self.settings.trusted_proxies:
            last = _normalise(forwarded_for.split(",")[-1])
            if last:
                return last
        return peer

    def allow(self, address: str, conversation: str) -> Optional[int]:
        """None when the message may be processed, else the seconds to wait."""
        if not self.settings.enabled or address in self.settings.exempt:
            return None
        # Both buckets are charged, so a flood of new conversations still drains the address.
        address_ok = address in self.settings.address_exempt or self.addresses.take(address)
        conversation_ok = self.conversations.take(f"{address}\x00{conversation}") \
            if conversation else True
        if address_ok and conversation_ok:
            return None
        self.refused += 1
        if not address_ok:
            return self.addresses.retry_after(address)
        return self.conversations.retry_after(f"{address}\x00{conversation}")

    @contextlib.asynccontextmanager
    async def turn(self, address: str) -> AsyncIterator[None]:
        """Process one message of ``address``: at most address_concurrency of its messages at
        once, the others of that address wait (no gate for exempt addresses or with the limits off)."""
        settings = self.settings
        if not settings.enabled or address in settings.exempt or address in settings.address_exempt:
            yield
            return
        gate = self.gates.get(address)
        if gate is None:
            gate = self.gates[address] = [asyncio.Semaphore(settings.address_concurrency), 0]
        gate[1] += 1
        try:
            async with gate[0]:
                yield
        finally:
            gate[1] -= 1
            if not gate[1]:
                del self.gates[address]  # nobody of this address in or waiting: nothing kept

    async def hold_back(self, address: str) -> None:
        """Delay an excess answer, unless many are already waiting for this address."""
        delay = self.settings.delay_s
        if delay <= 0 or self.waiting.get(address, 0) >= MAX_WAITING_PER_ADDRESS:
            return
        self.waiting[address] = self.waiting.get(address, 0) + 1
        try:
            await asyncio.sleep(delay)
        finally:
            left = self.waiting[address] - 1
            if left:
                self.waiting[address] = left
            else:
                del self.waiting[address]


def polite_text(message: Any) -> str:
    text = message if isinstance(message, str) else ""
    try:
        language = message_language(text)
    except Exception:  # noqa: BLE001 - a reply is always possible
        language = "nl"
    return POLITE.get(language, POLITE["nl"])


_limiter: Optional[RateLimiter] = None


def limiter() -> RateLimiter:
    global _limiter
    if _limiter is None:
        _limiter = RateLimiter()
    return _limiter


# --- the channels ------------------------------------------------------------------
def forwarded_for(headers: Any) -> Optional[str]:
    """All X-Forwarded-For headers joined in order: a proxy adds its own header line after
    any the client sent, so the last address is the proxy's."""
    try:
        values = headers.getall("x-forwarded-for", [])
    except (AttributeError, TypeError):
        values = [headers.get("x-forwarded-for")] if headers is not None else []
    joined = ",".join(v for v in values if v)
    return joined or None


def rest_turn(request: Any) -> Any:
    """For the REST webhook: the turn of the request's client address (see RateLimiter.turn)."""
    lim = limiter()
    return lim.turn(lim.client_address(getattr(request, "ip", None), forwarded_for(request.headers)))


def socketio_turn() -> Any:
    return limiter().turn(_socket_address.get() or "unknown")


async def rest_refusal(request: Any, sender: str, text: str) -> Optional[Any]:
    """For the REST webhook: None to go on, or the 429 response for an excess message."""
    from sanic import response

    lim = limiter()
    address = lim.client_address(getattr(request, "ip", None), forwarded_for(request.headers))
    wait = lim.allow(address, sender)
    if wait is None:
        return None
    await lim.hold_back(address)
    return response.json([{"recipient_id": sender, "text": polite_text(text)}], status=429,
                         headers={"Retry-After": str(wait)})


_socket_address: contextvars.ContextVar[Optional[str]] = contextvars.ContextVar(
    "kpn_socket_address", default=None)


def watch_socketio(sio: Any, namespace: Optional[str], events: Iterable[str]) -> None:
    """Wrap Rasa's Socket.IO message handlers so the client address of the socket is
    known while the message is handled (socketio_refusal reads it)."""
    ns = namespace or "/"
    for event in events:
        original = sio.handlers.get(ns, {}).get(event)
        if original is None or getattr(original, "_kpn_address", False):
            continue

        async def with_address(sid: str, data: Any, _original: Any = original) -> Any:
            token = _socket_address.set(_address_of_socket(sio, sid, ns))
            try:
                return await _original(sid, data)
            finally:
                _socket_address.reset(token)

        with_address._kpn_address = True  # type: ignore[attr-defined]
        sio.on(event, namespace=namespace)(with_address)


def _address_of_socket(sio: Any, sid: str, namespace: str) -> str:
    try:
        environ = sio.get_environ(sid, namespace=namespace) or {}
    except Exception:  # noqa: BLE001
        environ = {}
    request = environ.get("sanic.request")
    peer = getattr(request, "ip", None) if request is not None else environ.get("REMOTE_ADDR")
    return limiter().client_address(peer, environ.get("HTTP_X_FORWARDED_FOR"))


async def socketio_refusal(message: Any) -> bool:
    """For the Socket.IO channel: True when the message was refused (and answered)."""
    lim = limiter()
    address = _socket_address.get() or "unknown"
    if lim.allow(address, str(message.sender_id)) is None:
        return False
    await lim.hold_back(address)
    await message.output_channel.send_text_message(message.sender_id, polite_text(message.text))
    return True
