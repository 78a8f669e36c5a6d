"""Abroad: Roam like Home, pay-per-use roaming, zone to zone, calls from NL, the
€ 60,50 internet protection, fair use."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.phrasing import number, eur, rate, unphrased
from actions.answers.costs import cost_lines, usage_of
from actions.answers.questions import question_for
from actions.turn import Reply, Turn
from knowledge import bundles, countries, roaming, terms
from knowledge.countries import Country, Zone
from knowledge.errors import KnowledgeInputError

ZONE_PHRASE = {
    Zone.NL_EU: "valt onder Roam like Home (NL/EU-tarief)",
    Zone.VOORDEEL: "is een Voordeelland buiten de EU",
    Zone.OVERIG: "valt onder Overige landen buiten de EU",
    Zone.SATELLIET: "valt onder het satelliettarief (veerboot, cruiseschip)",
    Zone.NL: "valt onder NL/EU",
}


# "mijn bundel is op, wat kost 30 minuten bellen?": a question about home, not abroad
OUT_OF_BUNDLE = re.compile(r"\b(bundel|minuten|belminuten|data|sms'?jes|tegoed)\s+(is\s+|zijn\s+)?(al\s+)?op\b(?!\s+\d)"
                           r"|\bbuiten\s+(mijn|de|je)\s+bundel|\bbijbetalen\b")


# "bellen naar het buitenland vanuit Nederland": a call abroad, but to which country?
CALL_ABROAD = re.compile(r"\bnaar\s+(het\s+)?buitenland|\binternationaal\b|\bbuitenlands[e]?\s+nummers?\b")


def needs_country(turn: Turn) -> bool:
    """Does answering this abroad question need a country? Not when it is plainly about
    usage beyond the bundle at home."""
    return not (OUT_OF_BUNDLE.search((turn.text or "").lower()) and not turn.slot("destination"))


def country_named(name: Optional[str]) -> Optional[Country]:
    return countries.find_country(name).country if name else None


def where(country: Country) -> str:
    note = f" ({country.note})" if country.note else ""
    return f"{country.name_nl}{note} {ZONE_PHRASE[country.zone]}"


@answers("ask_foreign_rates")
def roaming_in_country(turn: Turn) -> Reply:
    """Where the user is (`country`) and whom they call (`destination`) decide the
    answer: roaming there, calling from one zone to another, or calling from home."""
    country = country_named(turn.slot("country"))
    destination = country_named(turn.slot("destination"))
    if destination is not None and (country is None or country.zone == Zone.NL):
        return _from_netherlands(turn, destination)
    if country is None and not needs_country(turn):
        from actions.answers.subscriptions import out_of_bundle
        return out_of_bundle(turn)
    if country is None:
        return question_for("country")
    if destination is not None:
        if country.zone == Zone.NL:
            return _from_netherlands(turn, destination)
        return _zone_to_zone(turn, country, destination)
    if country.zone == Zone.NL and CALL_ABROAD.search((turn.text or "").lower()):
        return unphrased("Naar welk land wil je bellen of sms'en? Dan reken ik het tarief vanuit Nederland voor je uit.")
    if country.zone == Zone.NL:
        from actions.answers.subscriptions import out_of_bundle
        return out_of_bundle(turn)
    if country.zone == Zone.NL_EU:
        return _roam_like_home(turn, country)
    return _pay_per_use(turn, country)


def _roam_like_home(turn: Turn, country: Country) -> Reply:
    nl_eu = roaming.zone_rates(Zone.NL_EU)
    usage = usage_of(turn)
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.out_of_bundle_nl_eu(call_seconds=usage.call_seconds, sms=usage.sms)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        return unphrased((f"{where(country)}: binnen je bundel kost dat niets extra, net als in Nederland. "
                           f"Is je bundel op, dan betaal je het NL/EU-tarief:\n{cost_lines(breakdown)}"))
    return unphrased((
        f"Goed nieuws: {where(country)}. Je gebruikt je bundel daar gewoon, net als in Nederland: "
        "bellen, sms'en en internetten kost hetzelfde als thuis. Buiten je bundel betaal je het "
        f"NL/EU-tarief: {rate(nl_eu.call_per_minute)} per minuut en {rate(nl_eu.sms_shown)} per sms.\n"
        "Voorwaarde is wel dat je in Nederland woont of een duurzame band met Nederland hebt "
        "(bijvoorbeeld werk of studie hier)."))


def _pay_per_use(turn: Turn, country: Country) -> Reply:
    usage = usage_of(turn)
    rates = roaming.zone_rates(country.zone)
    head = f"{where(country)}."
    if usage.has_quantities:
        try:
            breakdown = roaming.roaming_cost(country, call_seconds=usage.call_seconds,
                                             called_seconds=usage.called_seconds, sms=usage.sms,
                                             mb=usage.mb)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        text = f"{head} Zonder bundel betaal je:\n{cost_lines(breakdown)}"
        text += _bundle_hint(country, usage, breakdown.uncapped_total)
        return unphrased(text)
    parts = {
        "call": f"bellen {rate(rates.call_per_minute)} per minuut (per seconde, minimaal "
                f"{rates.call_minimum_seconds} seconden per gesprek)",
        "called": f"gebeld worden {rate(rates.called_per_minute)} per minuut (per seconde)",
        "sms": f"een sms versturen {rate(rates.sms_shown)}",
        "data": f"internet {rate(rates.data_per_mb)} per MB (per kB afgerekend)",
    }
    asked = [parts[u] for u in usage.kinds] or list(parts.values())
    text = f"{head} Zonder bundel betaal je daar: " + "; ".join(asked) + "."
    if not usage.kinds or "data" in usage.kinds:
        protection = roaming.internet_protection()
        text += (f" Bij {eur(protection.limit)} aan internetkosten binnen 1 maand wordt je internet "
                 f"geblokkeerd, na {number(protection.block_at_mb(rates.data_per_mb))} MB.")
    text += _bundle_offer(country)
    return unphrased(text)


def _bundle_offer(country: Country) -> str:
    available = bundles.buitenland_bundles(country.zone)
    if not available:
        return " Voor satellietverbindingen zijn er geen BuitenlandBundels."
    offers = ", ".join(f"{b.units} voor {eur(b.price)}" for b in available)
    return (f"\nGoedkoper met een BuitenlandBundel: {offers} (bellen, gebeld worden, sms'en en internetten "
            "gaan allemaal van hetzelfde tegoed af).")


def _bundle_hint(country: Country, usage, pay_per_use_total: Decimal) -> str:
    try:
        advice = bundles.cheapest_for_need(country, call_minutes=usage.call_seconds / 60,
                                           called_minutes=usage.called_seconds / 60, sms=usage.sms,
                                           mb=usage.mb)
    except KnowledgeInputError:
        return ""
    best = advice.best
    if best is None or best.kind == bundles.OptionKind.PAY_PER_USE or best.total >= pay_per_use_total:
        return ""
    stack = " + ".join(f"{c.count} × {c.bundle.name} ({eur(c.bundle.price)})" for c in best.bundles)
    return f"\nTip: met {stack} ben je {eur(best.total)} kwijt."


def _zone_to_zone(turn: Turn, origin: Country, target: Country) -> Reply:
    usage = usage_of(turn)
    head = f"Bellen vanuit {origin.name_nl} naar {target.name_nl}"
    rate_info = roaming.call_between(origin, target)
    if rate_info.roam_like_home:
        return unphrased((f"{head}: allebei Roam like Home, dus dat gaat net als in Nederland van je bundel "
                           f"(buiten je bundel {rate(rate_info.call_per_minute)} per minuut)."))
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.call_between(origin, target, seconds=usage.call_seconds, sms=usage.sms)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        return unphrased(f"{head} ({where(origin)}):\n{cost_lines(breakdown)}")
    text = (f"{head} kost {rate(rate_info.call_per_minute)} per minuut ({where(origin)}; "
            f"{target.name_nl} {ZONE_PHRASE[target.zone]}). Je betaalt per seconde, minimaal "
            f"{rate_info.minimum_seconds} seconden per gesprek.")
    if rate_info.sms_shown is not None:
        text += f" Een sms kost {rate(rate_info.sms_shown)}."
    return unphrased(text)


def _from_netherlands(turn: Turn, target: Country) -> Reply:
    usage = usage_of(turn)
    if target.zone == Zone.NL:
        from actions.answers.subscriptions import out_of_bundle
        return out_of_bundle(turn)
    rate_info = roaming.call_between("Nederland", target)
    head = f"Vanuit Nederland naar {target.name_nl} ({roaming.zone_rates(target.zone).label})"
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.from_netherlands(target, call_seconds=usage.call_seconds, sms=usage.sms)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        return unphrased(f"{head}:\n{cost_lines(breakdown)}")
    text = (f"{head}: bellen naar vast en mobiel kost {rate(rate_info.call_per_minute)} per minuut "
            f"(per seconde afgerekend), een sms {rate(rate_info.sms_shown)}.")
    if target.zone == Zone.NL_EU:
        text = (f"{head}: bellen en sms'en naar een EU-land gaat gewoon van je bundel. Buiten je bundel "
                f"kost bellen {rate(rate_info.call_per_minute)} per minuut en een sms {rate(rate_info.sms_shown)}.")
    elif target.zone in (Zone.VOORDEEL, Zone.OVERIG):
        text += " Heb je een BuitenlandBundel voor dat land, dan gaat dit van je bundel af."
    return unphrased(text)


@answers("ask_internet_block")
def internet_block(turn: Turn) -> Reply:
    p = roaming.internet_protection()
    percents = " en ".join(f"{n}%" for n in p.notifications_percent)
    country = country_named(turn.slot("country"))
    zones = [country.zone] if country and country.zone in (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET) \
        else [Zone.VOORDEEL, Zone.SATELLIET]
    reach = "; ".join(
        f"{'in ' + country.name_nl if country and country.zone == zone else ('via satelliet' if zone == Zone.SATELLIET else 'in landen buiten de EU')}: "
        f"{eur(p.limit)} / {rate(roaming.zone_rates(zone).data_per_mb)} per MB = na {number(p.block_at_mb(roaming.zone_rates(zone).data_per_mb))} MB"
        for zone in zones)
    return unphrased((
        f"Om je te beschermen tegen hoge kosten blokkeert KPN je internet in het buitenland zodra je "
        f"binnen {p.period} {eur(p.limit)} aan internetkosten hebt gemaakt (tegen het tarief per MB van "
        f"het land). Bij {percents} krijg je een sms. Wat je aan BuitenlandBundels betaalt, telt niet mee.\n"
        f"Zonder bundel is dat {reach}.\n"
        f"Wil je toch verder internetten? Sms {p.lift_keyword} naar {p.lift_number}. Let op: daarna krijg "
        "je geen berichten meer over je kosten. Een BuitenlandBundel is vaak goedkoper."))


@answers("ask_fair_use")
def fair_use(turn: Turn) -> Reply:
    rule = terms.fair_use()
    return unphrased((
        "Je abonnement werkt in de Roam like Home-landen tegen Nederlandse tarieven als je in Nederland "
        "woont of een duurzame band met Nederland hebt, bijvoorbeeld omdat je hier werkt, een bedrijf "
        "hebt of studeert. KPN kan dat af en toe controleren, bijvoorbeeld aan je roamingverbruik. "
        f"Twijfelt KPN, dan hoor je dat en heb je {rule.adapt_weeks} weken om je gebruik aan te passen of "
        "die band opnieuw aan te tonen; lukt dat niet, dan kan KPN maatregelen nemen."))

