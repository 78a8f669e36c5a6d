"""server/rate_limit.py and server/idempotency.py: limits per conversation and address,
the client address behind a trusted proxy, the polite reply, a retried message found."""
from __future__ import annotations

import asyncio

import pytest

from server import rate_limit
from server.rate_limit import Buckets, Limit, RateLimiter, Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def limiter(conversation=(5, 60), address=(20, 600), proxies=("127.0.0.1",), enabled=True,
            clock=None):
    settings = Settings(enabled=enabled, conversation=Limit(*conversation),
                        address=Limit(*address), delay_s=0.0, trusted_proxies=tuple(proxies))
    return RateLimiter(settings, clock or Clock())


def test_burst_then_refill_per_conversation():
    clock = Clock()
    lim = limiter(conversation=(5, 60), clock=clock)
    assert [lim.allow("10.0.0.1", "klant") for _ in range(5)] == [None] * 5
    assert lim.allow("10.0.0.1", "klant") == 1  # one message a second: wait 1 s
    assert lim.allow("10.0.0.1", "andere-klant") is None  # other conversations go on
    clock.now += 1.0
    assert lim.allow("10.0.0.1", "klant") is None
    assert lim.allow("10.0.0.1", "klant") is not None


def test_a_person_typing_fast_is_never_limited():
    """Defaults: a message every 2 s for an hour, with bursts of 5 within 3 s."""
    clock = Clock()
    lim = RateLimiter(Settings.from_env(), clock)
    for minute in range(60):
        for i in range(5):
            assert lim.allow("10.0.0.7", "mens") is None
            clock.now += 0.6
        clock.now += 60 - 3
        for i in range(25):
            assert lim.allow("10.0.0.7", "mens") is None
            clock.now += 2.0


def test_address_limit_covers_many_conversations():
    lim = limiter(conversation=(100, 600), address=(20, 60))
    results = [lim.allow("10.0.0.9", f"gesprek-{i}") for i in range(25)]
    assert results[:20] == [None] * 20 and all(r is not None for r in results[20:])
    assert lim.allow("10.0.0.10", "gesprek-0") is None  # another address is not affected


def test_conversation_bucket_is_per_address():
    """Someone else cannot use up a conversation's limit by sending with its sender id."""
    lim = limiter(conversation=(3, 60))
    for _ in range(10):
        lim.allow("10.6.6.6", "slachtoffer")
    assert lim.allow("10.0.0.1", "slachtoffer") is None


@pytest.mark.parametrize("peer,xff,expected", [
    ("10.0.0.5", None, "10.0.0.5"),
    ("10.0.0.5", "1.2.3.4", "10.0.0.5"),                  # not a proxy: XFF ignored
    ("127.0.0.1", "1.2.3.4", "1.2.3.4"),                  # the proxy: its XFF counts
    ("127.0.0.1", "6.6.6.6, 1.2.3.4", "1.2.3.4"),         # only what the proxy appended
    ("::ffff:127.0.0.1", "1.2.3.4", "1.2.3.4"),
    ("127.0.0.1", "geen adres", "127.0.0.1"),
    ("127.0.0.1", None, "127.0.0.1"),
    (None, None, "unknown"),
])
def test_client_address(peer, xff, expected):
    assert limiter().client_address(peer, xff) == expected


def test_forwarded_for_joins_header_lines_in_order():
    from multidict import CIMultiDict

    headers = CIMultiDict([("X-Forwarded-For", "6.6.6.6"), ("x-forwarded-for", "1.2.3.4")])
    assert rate_limit.forwarded_for(headers) == "6.6.6.6,1.2.3.4"
    assert limiter().client_address("127.0.0.1", rate_limit.forwarded_for(headers)) == "1.2.3.4"
    assert rate_limit.forwarded_for(CIMultiDict()) is None


def test_disabled_or_exempt_allows_everything():
    lim = limiter(conversation=(1, 1), address=(1, 1), enabled=False)
    assert all(lim.allow("10.0.0.1", "x") is None for _ in range(100))
    lim = RateLimiter(Settings(True, Limit(1, 1), Limit(1, 1), 0.0, (), ("10.0.0.1",)), Clock())
    assert all(lim.allow("10.0.0.1", "x") is None for _ in range(100))
    assert lim.allow("10.0.0.2", "x") is None and lim.allow("10.0.0.2", "x") is not None


def test_an_address_exempt_from_the_address_limit_keeps_the_conversation_limit():
    settings = Settings(True, Limit(3, 1), Limit(1, 1), 0.0, (), (), ("127.0.0.1",))
    lim = RateLimiter(settings, Clock())
    # a conversation per case, as an evaluation script sends them: never limited
    assert all(lim.allow("127.0.0.1", f"case-{n}") is None for n in range(100))
    # one conversation flooding from that address: limited after its burst
    assert [lim.allow("127.0.0.1", "flood") is None for _ in range(5)] == [True, True, True, False, False]
    assert lim.allow("10.0.0.2", "a") is None and lim.allow("10.0.0.2", "b") is not None  # others: both limits


def test_settings_from_env(monkeypatch):
    monkeypatch.setenv("RATE_LIMIT_CONVERSATION_BURST", "7")
    monkeypatch.setenv("RATE_LIMIT_ADDRESS_PER_MINUTE", "nonsense")
    monkeypatch.setenv("TRUSTED_PROXIES", "127.0.0.1, ::1 geen-ip")
    monkeypatch.setenv("RATE_LIMIT_ENABLED", "0")
    monkeypatch.setenv("RATE_LIMIT_EXEMPT", "10.1.1.1")
    monkeypatch.setenv("RATE_LIMIT_ADDRESS_EXEMPT", "127.0.0.1 ::1")
    s = Settings.from_env()
    assert s.conversation.burst == 7 and s.address.per_minute == 60  # the default for nonsense
    assert s.trusted_proxies == ("127.0.0.1", "::1") and not s.enabled
    assert s.exempt == ("10.1.1.1",) and s.address_exempt == ("127.0.0.1", "::1")


def test_buckets_forget_the_least_recently_used():
    b = Buckets(Limit(1, 60), Clock(), max_keys=3)
    for key in "abcd":
        b.take(key)
    assert list(b.state) == ["b", "c", "d"]


@pytest.mark.parametrize("text,expected", [
    ("wat kost bellen in turkije", "nl"),
    ("what does calling from Spain cost?", "en"),
    ("", "nl"),
    (None, "nl"),
])
def test_polite_reply_in_the_conversations_language(text, expected):
    assert rate_limit.polite_text(text) == rate_limit.POLITE[expected]


def test_hold_back_is_bounded_per_address():
    lim = RateLimiter(Settings(True, Limit(1, 1), Limit(1, 1), 0.05, ()), Clock())

    async def flood():
        await asyncio.gather(*(lim.hold_back("10.6.6.6") for _ in range(100)))

    started = asyncio.get_event_loop_policy().new_event_loop()
    try:
        started.run_until_complete(flood())
    finally:
        started.close()
    assert lim.waiting == {}


def test_an_address_takes_turns_and_others_do_not_wait():
    """At most address_concurrency messages of one address are processed at once; another
    address, and an exempt one, go straight in; nothing is kept once all are done."""
    lim = RateLimiter(Settings(True, Limit(99, 99), Limit(99, 99), 0.0, (), address_exempt=("127.0.0.1",),
                               address_concurrency=2), Clock())
    inside = {"10.6.6.6": 0, "10.1.1.1": 0, "127.0.0.1": 0}
    most = dict(inside)

    async def message(address):
        async with lim.turn(address):
            inside[address] += 1
            most[address] = max(most[address], inside[address])
            await asyncio.sleep(0.01)
            inside[address] -= 1

    async def flood_and_others():
        await asyncio.gather(*(message("10.6.6.6") for _ in range(20)), message("10.1.1.1"),
                             *(message("127.0.0.1") for _ in range(5)))

    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(flood_and_others())
    finally:
        loop.close()
    assert most == {"10.6.6.6": 2, "10.1.1.1": 1, "127.0.0.1": 5}
    assert lim.gates == {}


class Request:
    def __init__(self, ip, headers):
        self.ip, self.headers = ip, headers


def test_request_id_only_from_the_trusted_proxy(monkeypatch):
    from server import idempotency

    monkeypatch.setattr(rate_limit, "_limiter", limiter(proxies=("127.0.0.1",)))
    rid = "0a1b2c3d-4e5f-6789-abcd-ef0123456789"
    assert idempotency.request_message_id(Request("127.0.0.1", {"x-request-id": rid})) == f"lb-{rid}"
    assert idempotency.request_message_id(Request("10.0.0.1", {"x-request-id": rid})) is None
    assert idempotency.request_message_id(Request("127.0.0.1", {"x-request-id": "x y"})) is None
    assert idempotency.request_message_id(Request("127.0.0.1", {})) is None


def test_stored_replies_of_a_handled_message():
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from server import idempotency

    tracker = DialogueStateTracker("klant", None)
    for event in (ActionExecuted("action_listen"),
                  UserUttered("hoi", {"name": "greet"}, message_id="lb-1"),
                  ActionExecuted("action_greet"), BotUttered("Hoi!"), BotUttered("Vraag maar."),
                  ActionExecuted("action_listen"),
                  UserUttered("japan", {"name": "inform"}, message_id="lb-2"),
                  ActionExecuted("action_answer"), BotUttered("€ 1,00"),
                  ActionExecuted("action_listen")):
        tracker.update(event)
    assert [e.text for e in idempotency.stored_replies(tracker, "lb-1")] == ["Hoi!", "Vraag maar."]
    assert [e.text for e in idempotency.stored_replies(tracker, "lb-2")] == ["€ 1,00"]
    assert idempotency.stored_replies(tracker, "lb-3") is None


def test_pinned_rasa_sources_unchanged():
    from server import idempotency, patching

    assert patching.changed(idempotency.PINS) == []


def test_waiting_request_outlives_a_dead_servers_lock():
    """A server died holding the conversation's lock; the retried request waits for its
    ticket to expire. Rasa's own lock never serves a waiter whose ticket expired in the
    meantime; the patched one draws a new ticket and gets the lock."""
    import time

    from rasa.core.lock_store import InMemoryLockStore

    from server import idempotency

    async def wait_for_lock(lock_cm, timeout):
        started = time.monotonic()
        async with lock_cm:
            return time.monotonic() - started

    def scenario(lock_fn):
        store = InMemoryLockStore()
        store.issue_ticket("klant", 0.5)  # the dead server's ticket, never released
        loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(asyncio.wait_for(
                wait_for_lock(lock_fn(store, "klant", 0.45, 0.5), 3), 3)), store
        except asyncio.TimeoutError:
            return None, store
        finally:
            loop.close()

    waited, _ = scenario(lambda s, c, l, w: idempotency._original_lock(s, c, l, w))
    assert waited is None  # Rasa's own lock: stuck until the caller gives up
    waited, store = scenario(lambda s, c, l, w: idempotency._lock(s, c, l, w))
    assert waited is not None and waited < 2.0
    assert store.get_lock("klant") is None  # released with the ticket it was acquired with
