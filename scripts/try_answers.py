"""Try answers without a Rasa server: lines of "text || intent" on stdin, one conversation.

The intent stands in for the classifier; entities, cues and corrections come from the real
NLU reader (server/understanding), the state from actions.dialogue, the replies from the
answers, rendered in the conversation's language.
    printf 'wat kost bellen in turkije || ask_foreign_rates\\nen in marokko? || inform\\n' | \\
        .venv/bin/python scripts/try_answers.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from actions import dialogue  # noqa: E402
from actions.actions import respond  # noqa: E402
from actions.phrasebook import render_reply_safely  # noqa: E402
from tests.actions.conftest import parse  # noqa: E402

slots: dict = {}
for line in sys.stdin.read().strip().splitlines():
    text, _, intent = line.partition(" || ")
    message = dialogue.Message.from_parse_data(parse(text.strip(), intent.strip() or "inform"))
    replies, changes, language = respond(slots, message)
    slots.update(changes)
    print(f"> {text}\n  [{message.intent}] {', '.join(f'{k}={v}' for k, v in changes.items())}")
    for reply in replies:
        print("  " + render_reply_safely(reply, language).text.replace("\n", "\n  "))
