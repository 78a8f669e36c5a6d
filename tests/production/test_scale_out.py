"""Scale-out: two Rasa servers and one action server sharing a PostgreSQL tracker store
and a Redis lock store (env vars only). One conversation alternates between the servers;
20 conversations run at once over both. Nothing is lost or mixed up."""
from __future__ import annotations

import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from tests.production.conftest import BASE

CONVERSATION = [  # (message, texts the answer must contain)
    ("wat kost bellen in het buitenland", ["Roam like Home", "Noem het land"]),
    ("japan", ["€ 1,00", "Japan"]),
    ("en in marokko?", ["€ 2,00", "Marokko"]),
    ("wat kost een toestelverzekering", ["waarde"]),
    ("1000 euro", ["€ 12,99", "€ 14,99"]),
]
COUNTRIES = {  # country as typed -> (name in the answer, price per minute)
    "thailand": ("Thailand", "€ 1,00"), "egypte": ("Egypte", "€ 2,00"),
    "turkije": ("Turkije", "€ 1,00"), "marokko": ("Marokko", "€ 2,00"),
    "japan": ("Japan", "€ 1,00"), "canada": ("Canada", "€ 1,00"),
    "australië": ("Australië", "€ 1,00"), "china": ("China", "€ 1,00"),
    "india": ("India", "€ 1,00"), "brazilië": ("Brazilië", "€ 1,00"),
    "mexico": ("Mexico", "€ 1,00"), "indonesië": ("Indonesië", "€ 1,00"),
    "tunesië": ("Tunesië", "€ 1,00"), "suriname": ("Suriname", "€ 1,00"),
    "vietnam": ("Vietnam", "€ 2,00"), "argentinië": ("Argentinië", "€ 1,00"),
    "kenia": ("Kenia", "€ 2,00"), "peru": ("Peru", "€ 1,00"),
    "zuid-afrika": ("Zuid-Afrika", "€ 1,00"), "colombia": ("Colombia", "€ 1,00"),
}


def test_one_conversation_alternating_between_two_servers(stack, figures):
    sender = "scale-conv-1"
    timings = []
    for turn, (message, expected) in enumerate(CONVERSATION):
        server = "ab"[turn % 2]
        text, seconds = stack.say(server, sender, message)
        timings.append(seconds)
        for part in expected:
            assert part.lower() in text.lower(), f"turn {turn + 1} on server {server}: {text!r}"

    # The tracker store (PostgreSQL) holds every turn, in order, with the bot's answers.
    events = stack.db_events(sender)
    users = [d["text"] for t, d in events if t == "user"]
    assert users == [m for m, _ in CONVERSATION]
    answers_after_user = []
    for t, d in events:
        if t == "user":
            answers_after_user.append([])
        elif t == "bot" and answers_after_user:
            answers_after_user[-1].append(d.get("text") or "")
    for (message, expected), bots in zip(CONVERSATION, answers_after_user):
        assert bots, f"no stored bot answer after {message!r}"
        assert all(p.lower() in "\n".join(bots).lower() for p in expected), (message, bots)
    # Both servers see the same conversation (HTTP API, with the token).
    a, b = stack.tracker("a", sender), stack.tracker("b", sender)
    assert a["slots"] == b["slots"] and len(a["events"]) == len(b["events"]) == len(events)
    figures["alternating_conversation"] = {
        "turns": len(CONVERSATION), "servers": 2, "stored_user_turns": len(users),
        "turns_lost": len(CONVERSATION) - len(users), "max_turn_s": round(max(timings), 2),
    }


def test_twenty_conversations_at_once(stack, figures):
    jobs = [(f"scale-par-{i:02d}", country, "ab"[i % 2]) for i, country in enumerate(COUNTRIES)]
    assert len(jobs) == 20

    def run(job):
        sender, country, server = job
        return job, stack.say(server, sender, f"wat kost bellen in {country}", timeout=120)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(run, jobs))
    wall = time.monotonic() - started
    problems = []
    for (sender, country, server), (text, _) in results:
        name, price = COUNTRIES[country]
        others = [n for c, (n, _) in COUNTRIES.items() if c != country and n in text]
        if name not in text or price not in text or others:
            problems.append((sender, server, country, text[:120]))
    assert not problems, problems
    lost = 0
    for sender, country, _ in jobs:
        users = [d["text"] for t, d in stack.db_events(sender) if t == "user"]
        if users != [f"wat kost bellen in {country}"]:
            lost += 1
    assert lost == 0
    seconds = [s for _, (_, s) in results]
    figures["parallel_conversations"] = {
        "conversations": 20, "servers": 2, "lost": lost, "mixed_up": len(problems),
        "wall_s": round(wall, 2), "max_reply_s": round(max(seconds), 2),
        "mean_reply_s": round(sum(seconds) / len(seconds), 2),
    }


def test_http_api_only_with_the_token(stack):
    for path in ("/status", "/conversations/scale-conv-1/tracker"):
        try:
            urllib.request.urlopen(stack.url("a") + path, timeout=10)
            raise AssertionError(f"{path} answered without a token")
        except urllib.error.HTTPError as error:
            assert error.code == 401
        wrong = urllib.request.Request(stack.url("a") + path + "?token=wrong")
        try:
            urllib.request.urlopen(wrong, timeout=10)
            raise AssertionError(f"{path} answered with a wrong token")
        except urllib.error.HTTPError as error:
            assert error.code == 401
    with urllib.request.urlopen(f"{stack.url('a')}/status?token={stack.token}", timeout=10) as resp:
        assert resp.status == 200


def test_cors_only_for_configured_origins(stack):
    def allowed(origin: str):
        request = urllib.request.Request(stack.url("a") + "/webhooks/rest/webhook", method="OPTIONS",
                                         headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                return resp.headers.get("Access-Control-Allow-Origin")
        except urllib.error.HTTPError as error:
            return error.headers.get("Access-Control-Allow-Origin")

    assert allowed("http://127.0.0.1:8180") == "http://127.0.0.1:8180"
    assert allowed("https://evil.example") in (None, "")


def test_phone_numbers_and_ibans_masked_in_both_servers_logs(stack):
    text, _ = stack.say("b", "privacy-1", "mijn nummer is 06-12345678 en mijn iban is NL91 ABNA 0417 1643 00")
    assert text  # some polite answer
    stack.say("b", "privacy-1", "bel me op +31 6 8765 4321")
    time.sleep(1)
    rasa_log = (BASE / "rasa-b" / "rasa.log").read_text(errors="replace")
    actions_log = (BASE / "actions" / "actions.log").read_text(errors="replace")
    assert "<telefoonnummer>" in rasa_log  # server B logs user text at DEBUG: masked
    for raw in ("12345678", "06-1234", "0417 1643", "0417164300", "8765 4321"):
        assert raw not in rasa_log, f"{raw} in rasa log"
        assert raw not in actions_log, f"{raw} in action server log"
