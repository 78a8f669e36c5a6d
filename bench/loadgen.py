"""Bounded load generator for Rasa's REST channel (stdlib only: urllib in threads).

Every request is a new conversation (fresh sender id) asking one single-turn question
from tests/eval/dev_own.yml; `concurrency` threads keep that many conversations in
flight. A run stops at `total` requests or after `max_seconds`, whichever comes first;
each request has its own timeout. Only loopback URLs are accepted, and proxies from the
environment are bypassed.

    .venv/bin/python bench/loadgen.py --url http://127.0.0.1:5305 --total 100 --concurrency 10

`run_conversations` drives long conversations instead: each conversation cycles through
CONVERSATION (a cost abroad, a follow-up, KPN Pay set-up, a plan price, insurance with its
form question, hello, thanks) for `turns` turns, and the latencies are kept per turn number:

    .venv/bin/python bench/loadgen.py --url http://127.0.0.1:5305 --conversations 10 --turns 30
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "tests" / "eval" / "dev_own.yml"  # a development set (tuned on)
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Direct connections only: an http_proxy in the environment must not see this traffic.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _load_checker():
    """check_turn() from the shared scorer (../shared/eval/score.py), when present."""
    score = ROOT.parent / "shared" / "eval" / "score.py"
    if not score.exists():
        return None
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_score", score)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
        return module.check_turn
    except Exception:  # noqa: BLE001 - optional extra, never fatal
        return None


CHECK_TURN = _load_checker()


def pick_questions(n: int = 40, path: Path = QUESTIONS) -> list[dict]:
    """`n` single-turn cases, round-robin over categories so every topic is in the mix."""
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    by_category: dict[str, list[dict]] = defaultdict(list)
    for case in cases:
        if len(case.get("turns", [])) == 1:
            by_category[case.get("category", "other")].append(case)
    picked, depth = [], 0
    while len(picked) < n and any(depth < len(v) for v in by_category.values()):
        for category in sorted(by_category):
            if depth < len(by_category[category]) and len(picked) < n:
                case = by_category[category][depth]
                picked.append({"id": case["id"], "category": category,
                               "text": case["turns"][0]["user"], "turn": case["turns"][0]})
        depth += 1
    return picked


def check_loopback(url: str) -> None:
    host = urllib.parse.urlsplit(url).hostname
    if host not in LOOPBACK:
        raise SystemExit(f"loadgen: refusing non-loopback URL {url}")


def post_message(url: str, sender: str, message: str, timeout: float,
                 source: str | None = None) -> list:
    """POST one message; `source` binds the client to that loopback address (127.x.y.z),
    so the server sees a client address of its own (rate limits per address)."""
    body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
    if source is None:
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        with _OPENER.open(request, timeout=timeout) as response:
            return json.loads(response.read().decode("utf-8"))
    status, data = post_from(url, body, timeout, source)
    if status != 200:
        raise urllib.error.HTTPError(url, status, f"HTTP {status}", None, None)
    return data


def post_from(url: str, body: bytes, timeout: float, source: str) -> tuple[int, list]:
    """POST a JSON body from the loopback address `source`: (status, decoded reply)."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout,
                                      source_address=(source, 0))
    try:
        conn.request("POST", parts.path, body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


def reply_text(messages: list) -> str:
    parts = []
    for m in messages:
        if m.get("text"):
            parts.append(m["text"])
        for b in m.get("buttons") or []:
            parts.append(b.get("title", ""))
    return "\n".join(parts)


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class LoadResult:
    label: str
    concurrency: int
    planned: int
    sent: int = 0
    ok: int = 0
    errors: int = 0
    empty: int = 0
    checked: int = 0
    passed: int = 0
    wall_s: float = 0.0
    stopped_by_time: bool = False
    latencies_ms: list = field(default_factory=list)
    error_samples: list = field(default_factory=list)

    def summary(self) -> dict:
        lat = sorted(self.latencies_ms)
        return {
            "label": self.label, "concurrency": self.concurrency, "planned": self.planned,
            "sent": self.sent, "ok": self.ok, "errors": self.errors, "empty": self.empty,
            "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99), "max_ms": lat[-1] if lat else None,
            "throughput_rps": (self.ok / self.wall_s) if self.wall_s else None,
            "wall_s": self.wall_s, "stopped_by_time": self.stopped_by_time,
            "answer_checks": (self.passed, self.checked) if self.checked else None,
            "error_samples": self.error_samples[:5],
        }


# One loop of a long conversation: (message, a text the reply must contain, lower case).
CONVERSATION = [
    ("wat kost bellen in turkije", "€ 1,00"),
    ("en in marokko?", "€ 2,00"),
    ("hoe stel ik kpn pay in op mijn iphone", "app store"),
    ("wat kost een abonnement met 10 GB", "per maand"),
    ("wat kost een toestelverzekering", "waarde"),
    ("800 euro", "€ 10,99"),
    ("hallo", "kpn"),
    ("bedankt", "help"),
]


@dataclass
class ConversationResult:
    label: str
    conversations: int
    turns: int
    concurrency: int
    ok: int = 0
    errors: int = 0
    wrong: int = 0
    wall_s: float = 0.0
    stopped_by_time: bool = False
    by_turn: dict = field(default_factory=lambda: defaultdict(list))  # turn (1-based) -> ms
    error_samples: list = field(default_factory=list)

    def latencies(self) -> list[float]:
        return sorted(ms for values in self.by_turn.values() for ms in values)

    def turn_ms(self, first: int, last: int | None = None) -> float | None:
        """Median latency over turns first..last (1-based, inclusive) of all conversations."""
        values = sorted(ms for t in range(first, (last or first) + 1) for ms in self.by_turn.get(t, []))
        return percentile(values, 50)

    def summary(self) -> dict:
        lat = self.latencies()
        return {
            "label": self.label, "conversations": self.conversations, "turns": self.turns,
            "concurrency": self.concurrency, "planned": self.conversations * self.turns,
            "ok": self.ok, "errors": self.errors, "wrong": self.wrong,
            "p50_ms": percentile(lat, 50), "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99), "max_ms": lat[-1] if lat else None,
            "throughput_rps": (self.ok / self.wall_s) if self.wall_s else None,
            "wall_s": self.wall_s, "stopped_by_time": self.stopped_by_time,
            "error_samples": self.error_samples[:5],
        }


def webhook(base_url: str) -> str:
    """The REST webhook of a stack on this machine (the load generator loads no other host)."""
    check_loopback(base_url)
    return base_url.rstrip("/") + "/webhooks/rest/webhook"


def run_threads(worker: Callable[[int], None], count: int, join_s: float) -> None:
    """`count` daemon threads running worker(k), k = 0 .. count-1, each waited for join_s at most."""
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(join_s)


def run_conversations(base_url: str, conversations: int, turns: int, concurrency: int,
                      max_seconds: float, timeout: float = 30.0, label: str = "conv",
                      script: list | None = None, pace_s: float = 0.0,
                      sources: list | None = None, stagger_s: float = 0.0) -> ConversationResult:
    """`conversations` conversations of `turns` turns each (cycling through `script`),
    `concurrency` of them at a time; a conversation's turns are sent one after the other,
    each `pace_s` after the previous one started (0: at once, as a benchmark does; a person
    types a message every few seconds). Conversation i sends from loopback address
    sources[i % len(sources)] if given, and starts i * stagger_s after the first."""
    url = webhook(base_url)
    script = script or CONVERSATION
    result = ConversationResult(label=label, conversations=conversations, turns=turns,
                                concurrency=concurrency)
    lock = threading.Lock()
    counter = iter(range(conversations))
    run_id = uuid.uuid4().hex[:6]
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker(_k: int) -> None:
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                return
            sender = f"bench-{label}-{run_id}-{i}"
            source = sources[i % len(sources)] if sources else None
            if stagger_s:
                time.sleep(max(0.0, started + i * stagger_s - time.perf_counter()))
            for turn in range(1, turns + 1):
                if time.perf_counter() >= deadline:
                    with lock:
                        result.stopped_by_time = True
                    return
                message, expected = script[(turn - 1) % len(script)]
                t0 = time.perf_counter()
                try:
                    text = reply_text(post_message(url, sender, message, timeout, source))
                    error = None
                except (urllib.error.URLError, OSError, ValueError) as exc:
                    text, error = "", f"{type(exc).__name__}: {exc}"
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if error:
                        result.errors += 1
                        result.error_samples.append(error)
                        continue
                    result.ok += 1
                    result.by_turn[turn].append(elapsed)
                    if expected not in text.lower():
                        result.wrong += 1
                        result.error_samples.append(f"turn {turn} {message!r}: {text[:80]!r}")
                if pace_s:
                    time.sleep(max(0.0, t0 + pace_s - time.perf_counter()))

    run_threads(worker, concurrency, max_seconds + timeout + 5)
    result.wall_s = time.perf_counter() - started
    return result


def flood(base_url: str, seconds: float, threads: int, source: str,
          timeout: float = 30.0) -> dict:
    """One client address sending as fast as it can for `seconds`: `threads` connections,
    each POSTing back to back (half of them in one conversation, half a new one each
    time). Returns how many requests were answered 200, 429 or failed."""
    url = webhook(base_url)
    counts = {"sent": 0, "200": 0, "429": 0, "other": 0, "errors": 0}
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds
    run_id = uuid.uuid4().hex[:6]

    def worker(k: int) -> None:
        n = 0
        while time.perf_counter() < deadline:
            n += 1
            sender = f"flood-{run_id}-{k}" if k % 2 else f"flood-{run_id}-{k}-{n}"
            body = json.dumps({"sender": sender, "message": "wat kost bellen in turkije"}).encode()
            try:
                status, _ = post_from(url, body, timeout, source)
                key = str(status) if status in (200, 429) else "other"
            except (OSError, ValueError):
                key = "errors"
            with lock:
                counts["sent"] += 1
                counts[key] += 1

    run_threads(worker, threads, seconds + timeout + 5)
    counts["per_second"] = counts["sent"] / seconds
    return counts


def run_load(base_url: str, questions: list[dict], total: int, concurrency: int,
             max_seconds: float, timeout: float = 30.0, label: str = "load") -> LoadResult:
    """Send `total` questions with `concurrency` conversations in flight; bounded in time."""
    url = webhook(base_url)
    result = LoadResult(label=label, concurrency=concurrency, planned=total)
    lock = threading.Lock()
    counter = iter(range(total))
    run_id = uuid.uuid4().hex[:6]
    started = time.perf_counter()
    deadline = started + max_seconds

    def worker(_k: int) -> None:
        while True:
            with lock:
                if time.perf_counter() >= deadline:
                    result.stopped_by_time = True
                    return
                i = next(counter, None)
                if i is None:
                    return
                result.sent += 1
            question = questions[i % len(questions)]
            sender = f"bench-{label}-{run_id}-{i}"
            # A request may not outlive the phase by more than its own timeout.
            t0 = time.perf_counter()
            try:
                messages = post_message(url, sender, question["text"], timeout)
                error = None
            except (urllib.error.URLError, OSError, ValueError) as exc:
                messages, error = None, f"{type(exc).__name__}: {exc}"
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                if error:
                    result.errors += 1
                    result.error_samples.append(error)
                    continue
                result.ok += 1
                result.latencies_ms.append(elapsed)
                text = reply_text(messages)
                if not text.strip():
                    result.empty += 1
                if CHECK_TURN is not None:
                    result.checked += 1
                    result.passed += not CHECK_TURN(question["turn"], text)

    run_threads(worker, concurrency, max_seconds + timeout + 5)
    result.wall_s = time.perf_counter() - started
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5305")
    parser.add_argument("--total", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--max-seconds", type=float, default=120)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--questions", type=int, default=40)
    parser.add_argument("--conversations", type=int, default=0,
                        help="drive this many long conversations instead of single questions")
    parser.add_argument("--turns", type=int, default=30)
    args = parser.parse_args()
    if args.conversations:
        conv = run_conversations(args.url, args.conversations, args.turns, args.concurrency,
                                 args.max_seconds, args.timeout)
        res = conv.summary()
        res["median_ms_by_turn"] = {t: conv.turn_ms(t) for t in sorted(conv.by_turn)}
        print(json.dumps(res, indent=2))
        return 1 if res["errors"] else 0
    questions = pick_questions(args.questions)
    res = run_load(args.url, questions, args.total, args.concurrency, args.max_seconds,
                   args.timeout, label=f"c{args.concurrency}").summary()
    print(json.dumps(res, indent=2))
    return 1 if res["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
