"""ExtraOpties, device insurance, voicemail, service numbers and service fees."""
from __future__ import annotations

import re
from decimal import Decimal

from actions.answers import answers
from actions.answers.phrasing import customer_service, eur, rate, unphrased
from actions.answers.questions import question_for
from actions.turn import Reply, Turn
from knowledge import countries, extras, insurance, roaming, services
from knowledge.countries import Zone
from knowledge.errors import KnowledgeInputError


def _extra_price(extra: extras.Extra) -> str:
    if extra.free:
        return "gratis"
    if extra.price is not None:
        return f"{eur(extra.price)}{'' if extra.one_off else ' per maand'}"
    return extra.price_text or "zie hieronder"


@answers("ask_extra_options")
def extra_options(turn: Turn) -> Reply:
    named = extras.find_extras(turn.text or "")
    agreement = extras.extras_agreement()
    priced = [e for e in named if e.price is not None and not e.free]
    if len(named) > 1:
        rows = "\n".join(f"- {e.name}: {_extra_price(e)}" for e in named)
        total = ""
        if len(priced) > 1:
            total = (f"\nSamen: {' + '.join(eur(e.price) for e in priced)} = "
                     f"{eur(sum((e.price for e in priced), start=priced[0].price * 0))} per maand.")
        return unphrased(f"{rows}{total}")
    found = named[0] if named else None
    if found is not None:
        if found.id.lower().startswith("toestelverzekering") or "verzekering" in found.name.lower():
            return insurance_premium(turn)
        notes = []
        if found.android_only:
            notes.append("alleen voor Android-telefoons")
        if found.mandatory_for:
            notes.append(f"verplicht voor {found.mandatory_for}, kan niet worden verwijderd")
        extra_note = f" ({'; '.join(notes)})" if notes else ""
        description = "" if found.mandatory_for else f" {found.description}"
        return unphrased(f"{found.name}: {_extra_price(found)}{extra_note}.{description}")
    rows = "\n".join(f"- {e.name}: {_extra_price(e)}" for e in extras.extras())
    kids = "" if agreement.kids_can_order else "\nBij een Kids-abonnement kun je geen ExtraOpties bestellen."
    return unphrased(("De ExtraOpties bij je abonnement:\n" + rows + "\nExtraOpties gaan direct in, worden per "
                       "kalendermaand verrekend en verlengen (als ze niet eenmalig zijn) elke maand vanzelf." + kids))


REFURBISHED = re.compile(r"refurb|tweedehands|gereviseerd|opgeknapt")
COVERAGE_QUESTION = re.compile(r"\b(dekt|gedekt|dekking|verzekerd tegen|ook (tegen )?(diefstal|verlies|schade)|wat (is|zit) (er )?(het )?verschil)")


def needs_device_value(text: str) -> bool:
    """A premium question needs the device value; refurbished or coverage questions do not."""
    lowered = text.lower()
    return not (REFURBISHED.search(lowered) or (COVERAGE_QUESTION.search(lowered) and not re.search(r"\d", lowered)))


@answers("ask_insurance")
def insurance_premium(turn: Turn) -> Reply:
    rules = insurance.insurance_rules()
    value = turn.slot("device_value")
    lowered = (turn.text or "").lower()
    if REFURBISHED.search(lowered):
        return unphrased(("Nee, een refurbished toestel (of tablet) kun je helaas niet verzekeren met een "
                           "toestelverzekering van KPN. Voor een nieuw toestel kan het wel."))
    if value is None and not needs_device_value(lowered):
        return unphrased(_coverage_text(rules))
    if value is None:
        return question_for("device_value")
    coverage = {"standaard": insurance.Coverage.STANDAARD, "extra": insurance.Coverage.EXTRA}.get(turn.slot("coverage"))
    try:
        quote = insurance.premium(Decimal(value), coverage)
    except KnowledgeInputError as error:
        return unphrased(f"{error.message} Een toestel tot {eur(rules.max_device_value)} kun je verzekeren.")
    band = f"{eur(quote.band.lower)} t/m {eur(quote.band.upper)}"
    lines = []
    for p in quote.premiums:
        covers = "val-, druk- en vochtschade" + (", verlies en diefstal" if p.coverage == insurance.Coverage.EXTRA else "")
        lines.append(f"- {p.name}: {eur(p.monthly_premium)} per maand ({covers})")
    return unphrased((f"Voor een toestel van {eur(quote.device_value)} (waarde {band}) kost een toestelverzekering:\n"
                       + "\n".join(lines) + "\nRefurbished toestellen en tablets kun je niet verzekeren. De verzekering is "
                       f"maandelijks opzegbaar; dekking en eigen risico: {rules.coverage_terms_url}."))


def _coverage_text(rules) -> str:
    return ("Er zijn twee toestelverzekeringen:\n"
            "- ToestelVerzekering Standaard: tegen val-, druk- en vochtschade. Diefstal en verlies zijn daarbij niet gedekt.\n"
            "- ToestelVerzekering Extra: ook tegen verlies en diefstal.\n"
            f"De premie hangt af van de waarde van je toestel (tot {eur(rules.max_device_value)}). Noem de waarde, dan "
            f"reken ik het uit. Dekking en eigen risico: {rules.coverage_terms_url}.")


@answers("ask_voicemail")
def voicemail(turn: Turn) -> Reply:
    rows = {v.id: v for v in services.voicemail()}
    text = ("Voicemail:\n"
            f"- voicemail ontvangen in NL/EU: {rows['receive_nl_eu'].price_text}\n"
            "- terugbellen via je voicemail: 1 keer het gewone tarief per minuut (gaat van je bundel af)\n"
            "- voicemail buiten de EU: het gewone tarief voor bellen in dat land (roaming).")
    return unphrased(text + _abroad_call_rate(turn, "je voicemail afluisteren"))


def _abroad_call_rate(turn: Turn, what: str) -> str:
    """The roaming call rate in the country the user named, for calls that cost the roaming rate."""
    place = countries.find_country(turn.slot("country")).country if turn.slot("country") else None
    if place is None or place.zone not in (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET):
        return ""
    r = roaming.zone_rates(place.zone)
    return (f"\nIn {place.name_nl} kost {what} dus {rate(r.call_per_minute)} per minuut (per seconde, minimaal "
            f"{r.call_minimum_seconds} seconden).")


@answers("ask_service_numbers")
def service_numbers(turn: Turn) -> Reply:
    number = services.find_service_number(turn.text or "")
    if number is not None:
        text = f"{number.name}: {number.price_text}."
        if number.rate_announced_before_call:
            text += " Het tarief (en een eventueel maximum) hoor je voordat het gesprek begint."
        if number.id == "customer_service":
            desk = services.customer_service()
            text += f" Bel je de klantenservice van buiten de EU, dan betaal je het {desk.outside_eu_price_text}."
            text += _abroad_call_rate(turn, "bellen met de klantenservice")
        return unphrased(text)
    rows = "\n".join(f"- {n.name}: {n.price_text}" for n in services.service_numbers())
    return unphrased(f"Wat servicenummers kosten:\n{rows}")


@answers("ask_service_fees")
def service_fees(turn: Turn) -> Reply:
    named = services.find_services(turn.text or "")
    if named:
        lines = []
        for found in named:
            price = "gratis" if found.free else (eur(found.price) if found.price is not None else found.price_text)
            note = f" {found.footnote}" if found.footnote else ""
            lines.append(f"{found.name}: {price}.{note}")
        return unphrased("\n".join(lines))
    rows = "\n".join(f"- {s.name}: {'gratis' if s.free else (eur(s.price) if s.price is not None else s.price_text)}"
                     for s in services.services())
    return unphrased(f"Kosten van diensten:\n{rows}\nStaat je vraag er niet bij? {customer_service()}")
