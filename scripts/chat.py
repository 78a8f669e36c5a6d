#!/usr/bin/env python3
"""Talk to a running assistant in the terminal over its REST channel (stdlib only).

    python scripts/chat.py [--url http://localhost:5005] [--sender NAME]

`make shell` uses this when `make run` (or another stack) already answers on RASA_PORT,
so both can run at the same time. Buttons are numbered: type the number to press one.
Empty line: nothing sent. Ctrl-D, Ctrl-C or /stop: quit.
"""
from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
import uuid
from typing import Any, Callable, List, Optional

PROMPT = "Jij: "


def stack_answers(url: str, timeout: float = 2.0) -> bool:
    """True when a Rasa server with the REST channel answers at url."""
    try:
        with urllib.request.urlopen(url.rstrip("/") + "/webhooks/rest/", timeout=timeout) as resp:
            return resp.status == 200
    except (OSError, ValueError):
        return False


def send(url: str, sender: str, message: str, timeout: float = 60.0) -> List[dict]:
    body = json.dumps({"sender": sender, "message": message}).encode("utf-8")
    request = urllib.request.Request(url.rstrip("/") + "/webhooks/rest/webhook", data=body,
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=timeout) as resp:
        replies = json.loads(resp.read().decode("utf-8"))
    return replies if isinstance(replies, list) else []


def render(replies: List[dict]) -> tuple[List[str], List[dict]]:
    """The lines to print for a reply list, and its buttons (numbered from 1).

    >>> render([{"text": "Hoi"}, {"text": "Kies:", "buttons": [{"title": "A", "payload": "/a"}]}])
    (['KPN: Hoi', 'KPN: Kies:', '  1) A'], [{'title': 'A', 'payload': '/a'}])
    """
    lines: List[str] = []
    buttons: List[dict] = []
    for reply in replies:
        if not isinstance(reply, dict):
            continue
        text = reply.get("text")
        if isinstance(text, str) and text.strip():
            prefix = "     " if (reply.get("metadata") or {}).get("footnote") else "KPN: "
            lines.extend(prefix + line if i == 0 else "     " + line
                         for i, line in enumerate(text.splitlines()))
        for button in reply.get("buttons") or []:
            if isinstance(button, dict) and "title" in button and "payload" in button:
                buttons.append(button)
                lines.append(f"  {len(buttons)}) {button['title']}")
        if isinstance(reply.get("image"), str):
            lines.append("     " + reply["image"])
    return lines, buttons


def chat(url: str, sender: str, read: Callable[[str], str] = input,
         write: Callable[[str], Any] = print) -> int:
    write(f"Verbonden met {url} (gesprek {sender}). Stoppen: Ctrl-D of /stop.")
    buttons: List[dict] = []
    while True:
        try:
            text = read(PROMPT).strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            return 0
        if text == "/stop":
            return 0
        if not text:
            continue
        message = text
        if text.isdigit() and 1 <= int(text) <= len(buttons):
            message = str(buttons[int(text) - 1]["payload"])
        try:
            lines, buttons = render(send(url, sender, message))
        except (OSError, ValueError) as error:
            write(f"(geen antwoord van {url}: {error})")
            buttons = []
            continue
        for line in lines or ["(geen antwoord)"]:
            write(line)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://localhost:5005", help="the Rasa server")
    parser.add_argument("--sender", default=f"shell-{uuid.uuid4().hex[:8]}", help="conversation id")
    parser.add_argument("--check", action="store_true", help="only check that the server answers")
    args = parser.parse_args(argv)
    if args.check:
        return 0 if stack_answers(args.url) else 1
    if not stack_answers(args.url):
        print(f"error: no assistant answers at {args.url}. Fix: make run (in another terminal)", file=sys.stderr)
        return 1
    return chat(args.url, args.sender)


if __name__ == "__main__":
    sys.exit(main())
