"""server/channels.py: bot-message metadata on the REST and Socket.IO channels, and the
channel's own texts in Dutch and English (server/language.py picks the language).

The messages go the way Rasa sends them: an action's `dispatcher.utter_message(...)` dict
becomes a BotUttered event (rasa.core.actions.action.create_bot_utterance), whose
`message()` is handed to the output channel's `send_response`.
"""
from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

import pytest
from rasa.core.actions.action import create_bot_utterance
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.socketio import SocketIOOutput
from rasa_sdk.executor import CollectingDispatcher

from server import channels
from server.channels import (
    ERRORS,
    FAILURE_TEXTS,
    TOO_LONG_TEXTS,
    MetadataCollectingOutputChannel,
    MetadataQueueOutputChannel,
    MetadataSocketIOOutput,
    ResilientRestInput,
    message_parts,
    resilient,
)
from server.language import message_language

FOOTNOTE = "Tarieven volgens de prijslijst van 28 september 2020."
ANSWER = "Turkije is een Voordeelland.\n\nBellen kost € 1,00 per minuut.\n\n" + FOOTNOTE
BUTTONS = [{"title": "iPhone of iPad", "payload": "/inform"}, {"title": "Android", "payload": "/inform"}]


def run(coro):
    return asyncio.run(coro)


def bot_message(**utter) -> dict:
    """The message dict Rasa hands to an output channel for one `utter_message(**utter)`."""
    dispatcher = CollectingDispatcher()
    dispatcher.utter_message(**utter)
    draft = {k: v for k, v in dispatcher.messages[0].items() if v}  # as RemoteAction does
    draft.pop("response", None)
    return create_bot_utterance(draft).message()


async def collect(output, **utter) -> list:
    await output.send_response("klant-1", bot_message(**utter))
    return output.messages


class FakeSio:
    def __init__(self) -> None:
        self.emitted: list = []

    async def emit(self, event, data=None, room=None, **kwargs):
        self.emitted.append(data)


# --------------------------------------------------------------- message_parts
@pytest.mark.parametrize("text, metadata, expected", [
    ("Hallo", None, None),
    ("Hallo", "nl", None),
    ("Hallo", {"other": 1}, None),
    ("Hallo", {"language": "nl"}, [{"text": "Hallo", "metadata": {"language": "nl"}}]),
    ("Hello", {"language": "en", "footnote": None}, [{"text": "Hello", "metadata": {"language": "en"}}]),
    (ANSWER, {"language": "nl", "footnote": FOOTNOTE}, [
        {"text": "Turkije is een Voordeelland.", "metadata": {"language": "nl"}},
        {"text": "Bellen kost € 1,00 per minuut.", "metadata": {"language": "nl"}},
        {"text": FOOTNOTE, "metadata": {"language": "nl", "footnote": True}},
    ]),
    # the footnote as the action passes it may carry surrounding whitespace
    ("Antwoord.\n\n" + FOOTNOTE, {"language": "nl", "footnote": f"\n{FOOTNOTE} "}, [
        {"text": "Antwoord.", "metadata": {"language": "nl"}},
        {"text": FOOTNOTE, "metadata": {"language": "nl", "footnote": True}},
    ]),
    # a footnote that is no paragraph of the text marks nothing
    ("Antwoord.", {"language": "nl", "footnote": FOOTNOTE}, [{"text": "Antwoord.", "metadata": {"language": "nl"}}]),
    ("", {"language": "nl"}, [{"metadata": {"language": "nl"}}]),
    ("Hallo", {"language": 5, "footnote": ""}, None),
])
def test_message_parts(text, metadata, expected):
    assert message_parts(text, metadata) == expected


# ------------------------------------------------------------------ REST replies
def test_rest_text_with_metadata_is_split_into_parts_with_language_and_footnote():
    messages = run(collect(MetadataCollectingOutputChannel(), text=ANSWER,
                           metadata={"language": "nl", "footnote": FOOTNOTE}))
    assert messages == [
        {"recipient_id": "klant-1", "text": "Turkije is een Voordeelland.", "metadata": {"language": "nl"}},
        {"recipient_id": "klant-1", "text": "Bellen kost € 1,00 per minuut.", "metadata": {"language": "nl"}},
        {"recipient_id": "klant-1", "text": FOOTNOTE, "metadata": {"language": "nl", "footnote": True}},
    ]


def test_rest_buttons_go_on_the_last_part():
    messages = run(collect(MetadataCollectingOutputChannel(), text="Op welk toestel?\n\nKies er een.",
                           buttons=BUTTONS, metadata={"language": "nl", "footnote": None}))
    assert [m["text"] for m in messages] == ["Op welk toestel?", "Kies er een."]
    assert "buttons" not in messages[0] and messages[1]["buttons"] == BUTTONS
    assert all(m["metadata"] == {"language": "nl"} for m in messages)


@pytest.mark.parametrize("utter", [
    {"text": ANSWER},
    {"text": "Op welk toestel?", "buttons": BUTTONS},
    {"text": "Een plaatje", "image": "https://example.org/a.png"},
])
def test_rest_messages_without_metadata_stay_as_rasa_sends_them(utter):
    ours = run(collect(MetadataCollectingOutputChannel(), **utter))
    rasa = run(collect(CollectingOutputChannel(), **utter))
    assert ours == rasa


def test_rest_text_is_unchanged_for_clients_that_ignore_metadata():
    with_metadata = run(collect(MetadataCollectingOutputChannel(), text=ANSWER,
                                metadata={"language": "nl", "footnote": FOOTNOTE}))
    rasa = run(collect(CollectingOutputChannel(), text=ANSWER))
    assert [m["text"] for m in with_metadata] == [m["text"] for m in rasa]


def test_rest_stream_queue_carries_metadata_too():
    async def go():
        queue: asyncio.Queue = asyncio.Queue()
        await MetadataQueueOutputChannel(queue).send_response(
            "klant-1", bot_message(text="Hello", metadata={"language": "en"}))
        return queue.get_nowait()

    assert run(go()) == {"recipient_id": "klant-1", "text": "Hello", "metadata": {"language": "en"}}


# ---------------------------------------------------------------------- Socket.IO
def test_socketio_emits_parts_with_metadata_and_quick_replies_on_the_last():
    sio = FakeSio()
    output = MetadataSocketIOOutput(sio, "bot_uttered")
    run(output.send_response("room-1", bot_message(text="Which device?\n\n" + FOOTNOTE, buttons=BUTTONS,
                                                   metadata={"language": "en", "footnote": FOOTNOTE})))
    assert sio.emitted == [
        {"text": "Which device?", "metadata": {"language": "en"}, "quick_replies": []},
        {"text": FOOTNOTE, "metadata": {"language": "en", "footnote": True}, "quick_replies": [
            {"content_type": "text", "title": b["title"], "payload": b["payload"]} for b in BUTTONS]},
    ]


@pytest.mark.parametrize("utter", [{"text": ANSWER}, {"text": "Op welk toestel?", "buttons": BUTTONS}])
def test_socketio_messages_without_metadata_stay_as_rasa_sends_them(utter):
    ours, rasa = FakeSio(), FakeSio()
    run(MetadataSocketIOOutput(ours, "bot_uttered").send_response("r", bot_message(**utter)))
    run(SocketIOOutput(rasa, "bot_uttered").send_response("r", bot_message(**utter)))
    assert ours.emitted == rasa.emitted


# ---------------------------------------------------------- the channel's own texts
@pytest.mark.parametrize("text, language", [
    ("Wat kost bellen in Spanje?", "nl"),
    ("What does calling from Spain to the Netherlands cost?", "en"),
    ("How much is a BuitenlandBundel?", "en"),
    ("Hoeveel kost een BuitenlandBundel?", "nl"),
    ("ok", "nl"),
    ("Spanje", "nl"),
    ("", "nl"),
    (None, "nl"),
    ("a" * 10_000, "nl"),
])
def test_message_language(text, language):
    assert message_language(text) == language


def test_every_channel_text_exists_in_dutch_and_english():
    assert set(FAILURE_TEXTS) == set(TOO_LONG_TEXTS) == set(ERRORS) == {"nl", "en"}
    assert set(ERRORS["nl"]) == set(ERRORS["en"])
    assert TOO_LONG_TEXTS["nl"].count("{") == TOO_LONG_TEXTS["en"].count("{")


@pytest.mark.parametrize("user_text, language", [("wat kost bellen?", "nl"), ("what does calling cost?", "en")])
def test_failure_reply_follows_the_users_language(user_text, language):
    async def broken(message: UserMessage) -> None:
        raise RuntimeError("action server down")

    output = MetadataCollectingOutputChannel()
    run(resilient(broken)(UserMessage(user_text, output, "klant-1")))
    assert output.messages == [{"recipient_id": "klant-1", "text": FAILURE_TEXTS[language],
                                "metadata": {"language": language}}]


# ------------------------------------------------------------ the REST webhook itself
def webhook(on_new_message=None):
    async def answer(message: UserMessage) -> None:
        await message.output_channel.send_response(
            message.sender_id, bot_message(text="Hi!", metadata={"language": "en"}))

    blueprint = ResilientRestInput().blueprint(on_new_message or answer)
    return next(route.handler for route in blueprint._future_routes if route.uri == "/webhook")


def post(body: bytes):
    request = SimpleNamespace(body=body, args={}, headers={}, ip="127.0.0.1")
    reply = run(webhook()(request))
    return reply.status, json.loads(reply.body)


@pytest.mark.parametrize("body, status, expected", [
    (b'{"sender": "x", "message": "hello"}', 200, [{"recipient_id": "x", "text": "Hi!", "metadata": {"language": "en"}}]),
    (b"hallo", 400, {"error": ERRORS["nl"]["json"], "status": 400}),
    (b"hello, what does it cost", 400, {"error": ERRORS["en"]["json"], "status": 400}),
    (b'["what does calling cost"]', 400, {"error": ERRORS["en"]["json"], "status": 400}),
    (b'{"message": "wat kost bellen"}', 400, {"error": ERRORS["nl"]["sender"], "status": 400}),
    (b'{"message": "what does calling cost?"}', 400, {"error": ERRORS["en"]["sender"], "status": 400}),
    (b'{"sender": "x", "message": 42}', 400, {"error": ERRORS["nl"]["message"], "status": 400}),
])
def test_webhook_replies_and_errors_in_the_users_language(body, status, expected):
    assert post(body) == (status, expected)


@pytest.mark.parametrize("word, language", [("bellen ", "nl"), ("what does it cost ", "en")])
def test_too_long_message_is_answered_in_the_users_language(word, language):
    text = word * (channels.MAX_MESSAGE_CHARS // len(word) + 1)
    status, replies = post(json.dumps({"sender": "x", "message": text}).encode())
    expected = TOO_LONG_TEXTS[language].format(length=len(text), limit=channels.MAX_MESSAGE_CHARS)
    assert status == 200
    assert replies == [{"recipient_id": "x", "text": expected, "metadata": {"language": language}}]


# ------------------------------------------------------------ several questions in one message
STORY = ("Mijn zoon heeft een telefoon met een KPN abonnement op mijn naam en hij koopt steeds spelletjes "
         "in de Play Store, die komen allemaal op mijn rekening. ")
RATE_FOOTNOTE = "Tarieven volgens de prijslijst van 28 september 2020."


def test_each_question_of_a_long_message_is_a_turn_of_its_own_with_one_footnote():
    handled = []

    async def answer(message: UserMessage) -> None:
        handled.append((message.text, message.metadata, message.message_id))
        await message.output_channel.send_response(message.sender_id, bot_message(
            text=f"Antwoord {len(handled)}.\n\n{RATE_FOOTNOTE}",
            metadata={"language": "nl", "footnote": RATE_FOOTNOTE}))

    output = MetadataCollectingOutputChannel()
    text = STORY + "Hoeveel kan hij per maand uitgeven? En hoe zet ik KPN Pay op zijn Android telefoon uit?"
    run(resilient(answer)(UserMessage(text, output, "klant-1", message_id="m1")))
    assert [t for t, _, _ in handled] == [STORY + "Hoeveel kan hij per maand uitgeven?",
                                           "En hoe zet ik KPN Pay op zijn Android telefoon uit?"]
    assert [m["question_part"] for _, m, _ in handled] == ["1/2", "2/2"]
    assert [i for _, _, i in handled] == ["m1-1", "m1-2"]
    texts = [m.get("text") for m in output.messages]
    assert texts == ["Antwoord 1.", "Antwoord 2.", RATE_FOOTNOTE]  # the footnote once, at the end


@pytest.mark.parametrize("understood, expected", [
    ([True, False], ["Antwoord 1."]),  # a later part not understood: no "sorry" after the answer
    ([False, True], ["Antwoord 1.", "Antwoord 2."]),  # the first one not understood still says so
])
def test_a_later_question_not_understood_adds_no_apology(understood, expected):
    async def answer(message: UserMessage) -> None:
        number = int(message.metadata["question_part"].split("/")[0])
        await message.output_channel.send_response(message.sender_id, bot_message(
            text=f"Antwoord {number}.", metadata={"language": "nl", "understood": understood[number - 1]}))

    output = MetadataCollectingOutputChannel()
    text = STORY + "Hoeveel kan hij per maand uitgeven? En hoe zet ik KPN Pay op zijn Android telefoon uit?"
    run(resilient(answer)(UserMessage(text, output, "klant-1", message_id="m1")))
    assert [m.get("text") for m in output.messages] == expected


def test_two_questions_read_alike_get_one_answer():
    async def answer(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, bot_message(
            text="Bellen vanuit Marokko: € 100,00.", metadata={"language": "nl"}))

    output = MetadataCollectingOutputChannel()
    text = STORY + "Hoeveel kan hij per maand uitgeven? En hoe zet ik KPN Pay op zijn Android telefoon uit?"
    run(resilient(answer)(UserMessage(text, output, "klant-1", message_id="m1")))
    assert [m.get("text") for m in output.messages] == ["Bellen vanuit Marokko: € 100,00."]


@pytest.mark.parametrize("text", [
    "Wat kost bellen in Turkije? En sms?",  # short: one turn, as it always was
    STORY + "Hoeveel kan hij per maand uitgeven?",  # one question
    "/greet",
])
def test_a_message_with_one_question_is_one_turn(text):
    handled = []

    async def answer(message: UserMessage) -> None:
        handled.append(message.text)
        await message.output_channel.send_response(message.sender_id, bot_message(text="Ok."))

    run(resilient(answer)(UserMessage(text, MetadataCollectingOutputChannel(), "klant-1")))
    assert handled == [text]
