"""Greeting, small talk, handoff, fallback and the replies for values a form cannot use."""
from __future__ import annotations

import re
from typing import Optional

from actions.answers import answers
from actions.answers.phrasing import customer_service, unphrased
from actions.turn import Reply, Turn
from knowledge import countries, quantities

TOPIC_BUTTONS = (
    {"title": "KPN Pay instellen", "payload": "/kpnpay_setup"},
    {"title": "Kosten in het buitenland", "payload": "/ask_foreign_rates"},
    {"title": "BuitenlandBundels", "payload": "/ask_buitenland_bundle"},
    {"title": "Abonnementen en prijzen", "payload": "/ask_plan"},
    {"title": "Toestelverzekering", "payload": "/ask_insurance"},
    {"title": "Een medewerker spreken", "payload": "/human_handoff"},
)

CAPABILITIES = (
    "Ik help je met:\n"
    "- KPN Pay: betalen in de App Store en Play Store via je KPN-rekening\n"
    "- wat je abonnement kost en hoe je bundel werkt\n"
    "- bellen, sms'en en internetten in Nederland, de EU en daarbuiten\n"
    "- BuitenlandBundels, extra opties, toestelverzekering en servicekosten"
)

GREETINGS = re.compile(r"\b(goedemorgen|goedemiddag|goedenavond|goedendag|goeienavond|goeiemorgen)\b", re.I)


def greeting(turn: Turn) -> Reply:
    match = GREETINGS.search(turn.text or "")
    hello = match.group(1).capitalize() if match else "Hoi"
    return unphrased(f"{hello}! Ik ben de digitale assistent van KPN Mobiel. {CAPABILITIES}\n\nWat wil je weten?")


@answers("ask_capabilities")
def capabilities(turn: Turn) -> Reply:
    return unphrased(f"{CAPABILITIES}\n\nStel je vraag gewoon in je eigen woorden, of kies een onderwerp.",
                 buttons=TOPIC_BUTTONS)


@answers("bot_challenge")
def bot_challenge(turn: Turn) -> Reply:
    return unphrased("Ik ben een digitale assistent (een chatbot), geen mens. Wil je liever iemand "
                      f"spreken? {customer_service()}")


@answers("human_handoff")
def human_handoff(turn: Turn) -> Reply:
    return unphrased(f"Natuurlijk. {customer_service()} Je kunt mij ook gewoon je vraag stellen.")


@answers("out_of_scope")
def out_of_scope(turn: Turn) -> Reply:
    return unphrased("Daar kan ik je helaas niet mee helpen. " + CAPABILITIES
                      + f"\n\nVoor andere vragen: {customer_service(lower=True)}", buttons=TOPIC_BUTTONS)


@answers("speak_english")
def speak_english(turn: Turn) -> Reply:
    sorry = "Sorry, ik spreek alleen Nederlands."
    if turn.slot("country"):  # "how much is calling in turkey": answer it anyway, in Dutch
        from actions.answers import REGISTRY
        reply = REGISTRY["ask_foreign_rates"](turn)
        if reply.body and reply.awaits is None:
            return Reply(body=unphrased(f"{sorry} Ik denk dat je dit bedoelt:").body + reply.body)
    return unphrased(f"{sorry} Stel je vraag gerust in het Nederlands, bijvoorbeeld: 'Wat kost bellen in "
                      f"Spanje?'. Of: {customer_service(lower=True)}")


SMALL_TALK_TEXT = {
    "greet": None,
    "goodbye": "Tot ziens! Fijne dag nog.",
    "thank": "Graag gedaan! Kan ik je nog ergens anders mee helpen?",
    "affirm": "Top! Stel gerust je volgende vraag.",
    "deny": "Oké. Laat het me weten als ik je ergens anders mee kan helpen.",
}


def without_topic(turn: Turn) -> Reply:
    """A message with no question to continue: small talk, or a bare value."""
    if turn.intent == "greet":
        return greeting(turn)
    if turn.intent in SMALL_TALK_TEXT:
        return unphrased(SMALL_TALK_TEXT[turn.intent])
    from actions.answers import REGISTRY
    if turn.slot("country"):
        return REGISTRY["ask_foreign_rates"](turn)
    if turn.slot("platform"):
        return REGISTRY["kpnpay_setup"](turn)
    return fallback(turn)


def fallback(turn: Turn) -> Reply:
    text = (turn.text or "").strip()
    if not text:
        lead = "Ik zie geen tekst in je bericht."
    elif not re.search(r"[A-Za-zÀ-ÿ0-9]", text):
        lead = "Leuk, maar daar kan ik niet veel mee."
    else:
        lead = "Sorry, dat begreep ik niet helemaal."
    return unphrased(f"{lead} Kun je je vraag anders stellen? Of kies een onderwerp. Kom je er niet uit? "
                      f"{customer_service()}", buttons=TOPIC_BUTTONS)


def unknown_value_reply(slot: str, turn: Turn, only_if_named: bool = False) -> Optional[Reply]:
    """A form asked for `slot` and this turn gave nothing usable: say what went wrong.
    With `only_if_named`, reply only when the user named something unusable (a place
    that is no country, an impossible amount), not when they named nothing."""
    text = (turn.text or "").strip()
    shown = text if len(text) <= 40 else text[:37] + "..."
    if only_if_named:
        if slot == "country":
            for value in turn.entity_values("country"):
                match = countries.find_country(value)
                if match.country is None:
                    options = " of ".join(match.suggestions[:3])
                    return unphrased(f"'{value}' ken ik niet als land." + (f" Bedoel je {options}?" if options else ""))
            return None
        if slot in ("device_value", "amount_spent"):
            problem = next((a for a in quantities.parse_all_euro_amounts(text)
                            if isinstance(a, quantities.QuantityError)), None)
            return unphrased(problem.message) if problem else None
        return None
    if slot == "country":
        match = countries.find_country(text) if text else None
        if match and match.suggestions:
            options = " of ".join(match.suggestions[:3])
            return unphrased(f"'{shown}' ken ik niet als land. Bedoel je {options}?")
        return unphrased(f"'{shown}' ken ik niet als land of regio." if text else "Ik mis nog het land.")
    if slot == "platform":
        return unphrased("Ik weet nog niet welk toestel je hebt: een iPhone of iPad, of een Android-telefoon?")
    amounts = quantities.parse_all_euro_amounts(text)
    problem = next((a for a in amounts if isinstance(a, quantities.QuantityError)), None)
    if problem:
        return unphrased(problem.message)
    return unphrased(f"In '{shown}' zie ik geen bedrag dat ik kan gebruiken." if text else "Ik mis nog het bedrag.")
