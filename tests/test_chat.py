"""scripts/chat.py (`make shell` next to a running stack): replies printed, buttons numbered
and pressed by number, footnotes indented, a dead server is a message, not a crash."""
from __future__ import annotations

import doctest
import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "chat.py"
spec = importlib.util.spec_from_file_location("chat", SCRIPT)
chat = importlib.util.module_from_spec(spec)
sys.modules["chat"] = chat
spec.loader.exec_module(chat)


def test_docstring_examples():
    assert doctest.testmod(chat).failed == 0


def test_a_conversation_with_a_button_and_a_footnote(monkeypatch):
    sent = []
    replies = {
        "kpn pay": [{"text": "Op welk toestel?", "buttons": [{"title": "iPhone of iPad", "payload": "/ios"},
                                                            {"title": "Android", "payload": "/android"}]}],
        "/android": [{"text": "Open de Play Store.", "metadata": {"language": "nl"}},
                     {"text": "Tarieven volgens de prijslijst.", "metadata": {"language": "nl", "footnote": True}}],
    }

    def send(url, sender, message, timeout=60.0):
        sent.append(message)
        if message == "boom":
            raise OSError("connection refused")
        return replies.get(message, [])

    monkeypatch.setattr(chat, "send", send)
    typed = iter(["kpn pay", "", "2", "boom", "/stop"])
    out: list[str] = []
    assert chat.chat("http://x", "s", read=lambda prompt: next(typed), write=out.append) == 0
    assert sent == ["kpn pay", "/android", "boom"]
    assert out[1:] == ["KPN: Op welk toestel?", "  1) iPhone of iPad", "  2) Android",
                       "KPN: Open de Play Store.", "     Tarieven volgens de prijslijst.",
                       "(geen antwoord van http://x: connection refused)"]


def test_no_server_means_exit_1(capsys):
    assert chat.main(["--url", "http://127.0.0.1:9", "--check"]) == 1
    assert chat.main(["--url", "http://127.0.0.1:9"]) == 1
    assert "make run" in capsys.readouterr().err
