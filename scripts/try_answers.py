"""Try answers without Rasa: lines of "text || intent || {previous slots}" on stdin."""
import sys, pathlib; sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
import sys
from actions.turn import Turn
from actions.slot_extraction import extract_slots
from actions.answers import answer
from actions.phrasebook import render_reply
cases = [l.split(" || ") for l in sys.stdin.read().strip().splitlines()]
for c in cases:
    t, i = c[0], c[1]
    prev = eval(c[2]) if len(c) > 2 else {}
    slots = dict(prev); slots.update(extract_slots(Turn(text=t,intent=i, slots=prev)))
    r = answer(Turn(text=t, intent=i, slots=slots))
    lang = slots.get("language") or "nl"
    print(t, "\n   ", {k:v for k,v in slots.items() if v}, "\n   ", render_reply(r, lang).text[:400].replace("\n"," | "))
