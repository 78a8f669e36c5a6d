"""Failure behaviour: the action server down, slow (> 5 s) or crashing; a Rasa server
killed mid-conversation. The user always gets a clear Dutch reply, and the conversation
continues normally afterwards."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path


from tests.production.conftest import BASE, PORTS, port_free, wait_until

FAILURE = "Het lukt me nu even niet om je vraag te beantwoorden"
FAKE = Path(__file__).resolve().parent / "fake_action_server.py"


def _start_fake(mode: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(FAKE), str(PORTS["actions"]), mode, *args])

    def up() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORTS['actions']}/health", timeout=1)
            return True
        except OSError:
            return False

    wait_until(up, 15, "fake action server")
    return proc


def _stop_fake(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def socketio_say(url: str, session_id: str, text: str, timeout: float = 30) -> str:
    """One turn over Rasa's Socket.IO channel (as a browser would); the bot's texts."""
    import asyncio

    import socketio

    async def talk() -> str:
        client = socketio.AsyncClient(reconnection=False)
        got: list = []
        first = asyncio.Event()

        @client.on("bot_uttered")
        async def on_bot(data):
            got.append(data.get("text") or "")
            first.set()

        await client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=10)
        try:
            await client.emit("session_request", {"session_id": session_id})
            await client.emit("user_uttered", {"message": text, "session_id": session_id})
            await asyncio.wait_for(first.wait(), timeout)
            await asyncio.sleep(0.5)  # any further messages of this turn
        finally:
            await client.disconnect()
        return "\n".join(got)

    return asyncio.run(talk())


def test_action_server_down_then_back(stack, figures):
    sender = "down-1"
    stack.stack("stop-actions", "actions")
    assert port_free(PORTS["actions"])
    try:
        text, seconds = stack.say("a", sender, "wat kost bellen in japan")
        assert FAILURE in text and "1200" in text, text
        assert seconds < 6, f"failure reply took {seconds:.1f} s"
        figures["action_server_down_reply_s"] = round(seconds, 2)
        text = socketio_say(stack.url("b"), "down-sio-1", "wat kost bellen in japan")
        assert FAILURE in text, text
    finally:
        stack.stack("start-actions", "actions")
    text, _ = stack.say("a", sender, "wat kost bellen in marokko")
    assert "€ 2,00" in text, text
    text, _ = stack.say("b", sender, "en in japan?")
    assert "€ 1,00" in text, text
    text = socketio_say(stack.url("b"), "down-sio-1", "en in egypte?")
    assert "€ 2,00" in text, text


def test_action_server_slow(stack, figures):
    sender = "slow-1"
    stack.stack("stop-actions", "actions")
    try:
        fake = _start_fake("slow", "8")
        try:
            text, seconds = stack.say("b", sender, "wat kost bellen in thailand")
            assert FAILURE in text, text
            assert seconds < 6.5, f"failure reply took {seconds:.1f} s"
            figures["action_server_slow_reply_s"] = round(seconds, 2)
        finally:
            _stop_fake(fake)
    finally:
        stack.stack("start-actions", "actions")
    text, _ = stack.say("b", sender, "wat kost bellen in egypte")
    assert "€ 2,00" in text, text


def test_action_crash_is_answered_and_logged(stack, figures):
    sender = "crash-1"
    log = BASE / "rasa-a" / "rasa.log"
    before = log.stat().st_size
    stack.stack("stop-actions", "actions")
    try:
        fake = _start_fake("crash")
        try:
            text, seconds = stack.say("a", sender, "wat kost bellen in turkije")
            assert FAILURE in text, text
            figures["action_crash_reply_s"] = round(seconds, 2)
        finally:
            _stop_fake(fake)
    finally:
        stack.stack("start-actions", "actions")
    new_log = log.read_bytes()[before:].decode(errors="replace")
    assert "Traceback" in new_log and "Encountered an exception while running action" in new_log, new_log[-2000:]
    text, _ = stack.say("a", sender, "wat kost bellen in turkije")
    assert "€ 1,00" in text, text


def test_restart_keeps_the_conversation(stack, figures):
    """Kill Rasa server A (SIGKILL) mid-conversation; after its restart the next turn
    uses the earlier context, and slots and history are intact."""
    sender = "restart-1"
    text, _ = stack.say("a", sender, "wat kost bellen in thailand")
    assert "€ 1,00" in text, text
    before = stack.tracker("a", sender)
    pid = stack.pid("rasa-a", "rasa")
    os.kill(pid, signal.SIGKILL)
    wait_until(lambda: port_free(PORTS["rasa_a"]), 30, "port of the killed server free")
    (BASE / "rasa-a" / "rasa.pid").unlink()
    figures["restart_s"] = round(stack.start_rasa("rasa-a"), 1)
    after = stack.tracker("a", sender)
    assert after["slots"] == before["slots"]
    assert [e["event"] for e in after["events"]] == [e["event"] for e in before["events"]]
    text, _ = stack.say("a", sender, "en in egypte?")
    assert "€ 2,00" in text and "Egypte" in text, text
    users = [e["text"] for e in stack.tracker("a", sender)["events"] if e["event"] == "user"]
    assert users == ["wat kost bellen in thailand", "en in egypte?"]
