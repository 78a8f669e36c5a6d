"""BuitenlandBundels and NL/EU bundels: prices per zone, the cheapest combination for a
trip, validity (with the expiry computed), activation, what happens when used up."""
from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from actions.answers import answers
from actions.answers.abroad import ZONE_PHRASE, country_named, where
from actions.answers.costs import usage_of
from actions.answers.phrasing import eur, number, rate, unphrased
from actions.answers.questions import question_for
from actions.turn import Reply, Turn
from knowledge import bundles, contract_dates, roaming
from knowledge.countries import Zone
from knowledge.dutch_dates import format_datetime
from knowledge.errors import KnowledgeInputError


def _offer(bundle: bundles.Bundle) -> str:
    return f"{bundle.name}: {bundle.units} minuten, sms'jes of MB's voor {eur(bundle.price)}"


# What draws on a BuitenlandBundel, in the assistant's words, keyed like bundle_rules().
DRAWS_ON = {
    "usage_in_zone": "internetten, bellen en sms'en in die landen",
    "called_in_zone": "gebeld worden daar",
    "zone_to_nl_eu": "bellen en sms'en naar Nederland en de EU",
    "between_zone_countries": "bellen en sms'en tussen die landen",
    "nl_to_zone": "bellen en sms'en vanuit Nederland naar die landen",
}
COUNTS_QUESTION = re.compile(r"\b(gaat|telt|gaan|tellen)\b.*\b(af|mee|uit)\b|\b(van|uit) (de|mijn|je) (buitenland)?bundel\b")
BUNDLE_SIZE = re.compile(r"\bbundel\s*(?:van\s*)?(\d{2,3})\b|\b(\d{2,3})\s*(?:er)?\s*bundel")


def _draws_on() -> str:
    keys = [t.key for t in bundles.bundle_rules().draws_on_bundle]
    return "Van je BuitenlandBundel gaat af: " + ", ".join(DRAWS_ON[k] for k in keys if k in DRAWS_ON) + "."


@answers("ask_buitenland_bundle")
def buitenland_bundle(turn: Turn) -> Reply:
    country = country_named(turn.slot("country"))
    rules = bundles.bundle_rules()
    rule = contract_dates.date_rules().buitenland_bundle
    how = (f"Minuten, sms'jes en MB's gaan uit hetzelfde tegoed; een bundel loopt {rule.periods} × "
           f"{rule.hours_per_period} uur na het aanzetten (of tot je tegoed op is) en je kunt bundels stapelen.\n"
           + _draws_on())
    left = _units_left(turn)
    if left:
        return unphrased(left + "\n" + how)
    if COUNTS_QUESTION.search((turn.text or "").lower()) and usage_of(turn).kinds:
        # every kind of traffic in the bundle's countries draws on it (see DRAWS_ON)
        return unphrased("Ja, dat gaat gewoon van je BuitenlandBundel af. " + _draws_on() + "\n" + how.split("\n")[0])
    if country is not None and country.zone in (Zone.VOORDEEL, Zone.OVERIG):
        offers = "\n".join(f"- {_offer(b)}" for b in bundles.buitenland_bundles(country.zone))
        return unphrased(f"{where(country)}. Daarvoor zijn er deze BuitenlandBundels:\n{offers}\n{how}")
    if country is not None and country.zone in (Zone.NL_EU, Zone.NL):
        return unphrased(_no_bundle_needed(country))
    if country is not None and country.zone == Zone.SATELLIET:
        return unphrased("Voor satellietverbindingen (veerboot, cruiseschip) zijn er geen BuitenlandBundels.")
    groups = []
    for zone in (Zone.VOORDEEL, Zone.OVERIG):
        offers = "\n".join(f"  - {_offer(b)}" for b in bundles.buitenland_bundles(zone))
        groups.append(offers)
    kids = "" if rules.kids_can_order else " Met een Kids-abonnement kun je geen BuitenlandBundel bestellen."
    return unphrased(("BuitenlandBundels voor landen buiten de EU:\n" + "\n".join(groups) + f"\n{how}{kids}\n"
                       "Noem het land, dan zeg ik welke bundels daar gelden."))


def _units_left(turn: Turn) -> str:
    """'Bundel 100, al 60 minuten gebeld': what is left, in units of any kind."""
    match = BUNDLE_SIZE.search((turn.text or "").lower())
    usage = usage_of(turn)
    used = usage.mb + (usage.call_seconds + usage.called_seconds) / 60 + usage.sms
    if not match or not used:
        return ""
    size = int(match.group(1) or match.group(2))
    if size not in {b.units for b in bundles.buitenland_bundles()}:
        return ""
    left = max(Decimal(size) - used, Decimal(0))
    shown = number(left)
    return (f"Je bundel van {size} heeft nog {size} − {number(used)} = {shown} eenheden: "
            f"samen {shown} MB's, minuten of sms'jes, in elke verdeling.")


def _no_bundle_needed(country) -> str:
    nl_eu = ", ".join(f"{b.name} ({eur(b.price)})" for b in bundles.nl_eu_bundles())
    return (f"{where(country)}: daar gebruik je gewoon je eigen bundel, een BuitenlandBundel heb je niet nodig. "
            f"Extra tegoed voor NL/EU kan met een NL/EU-bundel: {nl_eu}.")


@answers("ask_bundle_advice")
def bundle_advice(turn: Turn) -> Reply:
    country = country_named(turn.slot("country"))
    if country is None:
        return question_for("country")
    usage = usage_of(turn)
    if country.zone in (Zone.NL_EU, Zone.NL):
        return unphrased(_no_bundle_needed(country))
    if not usage.has_quantities:
        if country.zone == Zone.SATELLIET:
            return unphrased("Voor satellietverbindingen zijn er geen BuitenlandBundels: je betaalt per gebruik.")
        offers = "\n".join(f"- {_offer(b)}" for b in bundles.buitenland_bundles(country.zone))
        return unphrased((f"{where(country)}. De bundels daar:\n{offers}\nHoeveel MB, minuten en sms'jes denk je nodig "
                           "te hebben? Dan reken ik uit wat het goedkoopst is."))
    try:
        advice = bundles.cheapest_for_need(country, call_minutes=usage.call_seconds / 60,
                                           called_minutes=usage.called_seconds / 60, sms=usage.sms, mb=usage.mb)
    except KnowledgeInputError as error:
        return unphrased(error.message)
    need = _need_text(usage)
    lines = [f"Voor {need} in {country.name_nl} ({ZONE_PHRASE[country.zone].replace('is een ', '').replace('valt onder ', '')}):"]
    best = advice.best
    lines.append(f"Goedkoopst: {_option_text(best)}")
    per_use = next((o for o in advice.options if o.kind == bundles.OptionKind.PAY_PER_USE), None)
    if per_use is not None and per_use is not best:
        lines.append(f"Ter vergelijking: {_option_text(per_use)}")
    elif per_use is best and len(advice.options) > 1:
        lines.append(f"Ter vergelijking: {_option_text(advice.options[1])}")
    if advice.best and advice.best.needs_block_lift:
        p = roaming.internet_protection()
        lines.append(f"Let op: je internet wordt dan eerst geblokkeerd; sms {p.lift_keyword} naar {p.lift_number} om verder te gaan.")
    return unphrased("\n".join(lines))


def _need_text(usage) -> str:
    parts = []
    if usage.mb:
        parts.append(f"{number(usage.mb)} MB")
    minutes = (usage.call_seconds + usage.called_seconds) / 60
    if minutes:
        parts.append(f"{number(minutes)} minuten")
    if usage.sms:
        parts.append(f"{int(usage.sms)} sms'jes")
    return " + ".join(parts)


def _option_text(option: bundles.BundleOption) -> str:
    if option.kind == bundles.OptionKind.PAY_PER_USE:
        return f"zonder bundel, per gebruik: {eur(option.total)}"
    stack = " + ".join(f"{c.count} × {c.bundle.units} ({c.count} × {eur(c.bundle.price)} = {eur(c.cost)})"
                       for c in option.bundles)
    if option.kind == bundles.OptionKind.BUNDLES:
        return f"{stack}, samen {eur(option.total)}"
    rest = number(option.remainder_units)
    return f"{stack} plus de laatste {rest} per gebruik ({eur(option.pay_per_use_cost)}), samen {eur(option.total)}"


@answers("ask_bundle_validity")
def bundle_validity(turn: Turn) -> Reply:
    rule = contract_dates.date_rules().buitenland_bundle
    text = (f"Een BuitenlandBundel is {rule.periods} × {rule.hours_per_period} uur geldig vanaf het moment dat je hem "
            "aanzet, of korter als je tegoed eerder op is. Je kunt een nieuwe bundel kopen voordat de oude op of verlopen is.")
    value = turn.slot("date")
    if not value:
        return unphrased(text + " Noem de datum en tijd van aanzetten, dan reken ik uit tot wanneer hij loopt.")
    start = datetime.fromisoformat(value)
    try:
        end = contract_dates.bundle_expiry(start)
    except KnowledgeInputError as error:
        return unphrased(error.message)
    when = format_datetime(start) if len(value) > 10 else format_datetime(start).split(" om ")[0] + " om 00:00"
    return unphrased((f"Zet je je bundel aan op {when}, dan is hij geldig tot {format_datetime(end)} "
                       f"({rule.periods} × {rule.hours_per_period} uur later)." +
                       (" Door de overgang naar zomer- of wintertijd verschuift de kloktijd een uur." if end.hour != start.hour else "")))


@answers("ask_bundle_activation")
def bundle_activation(turn: Turn) -> Reply:
    rules = bundles.bundle_rules()
    channels = " of ".join(rules.activation_channels)
    return unphrased((f"Je zet een BuitenlandBundel aan via {channels}. De sms-code per bundel vind je op "
                       f"{rules.activation_code_location}. Je krijgt een bevestigings-sms en vanaf dat moment kun je de "
                       "bundel meteen gebruiken."))


# "Kan ik al een nieuwe bundel kopen terwijl de oude nog loopt?"
STACKING_QUESTION = re.compile(r"\b(nog niet (op|verlopen)|voordat|terwijl|nog loopt|stapel\w*|erbij)\b")


@answers("ask_bundle_used_up")
def bundle_used_up(turn: Turn) -> Reply:
    lowered = (turn.text or "").lower()
    if COUNTS_QUESTION.search(lowered) and not re.search(r"\b(op|verlopen|leeg)\b(?!\s+\d)", lowered):
        return buitenland_bundle(turn)  # "gaat gebeld worden ook van mijn bundel af?"
    rules = bundles.bundle_rules()
    pct = ", ".join(f"{p}%" for p in rules.notifications_percent)
    text = (f"Je krijgt een sms bij {pct} verbruik. Is je BuitenlandBundel op (of verlopen), dan wordt je "
            "internet geblokkeerd. Bellen en sms'en kan gewoon door, tegen het tarief van dat land. Je kunt "
            "dan een nieuwe bundel kopen, de blokkade laten staan, of hem uitzetten en per MB betalen.")
    if rules.stackable:
        stacking = ("Bundels zijn stapelbaar: je kunt al een nieuwe BuitenlandBundel kopen voordat je oude "
                    "op of verlopen is.")
        text = (f"Ja, dat kan. {stacking}\n{text}" if STACKING_QUESTION.search(lowered)
                else f"{text}\n{stacking}")
    country = country_named(turn.slot("country"))
    if country is not None and country.zone in (Zone.VOORDEEL, Zone.OVERIG):
        r = roaming.zone_rates(country.zone)
        text += (f"\nIn {country.name_nl} is dat: bellen {rate(r.call_per_minute)} per minuut, gebeld worden "
                 f"{rate(r.called_per_minute)} per minuut, een sms {rate(r.sms_shown)} en internet {rate(r.data_per_mb)} per MB.")
    return unphrased(text)


@answers("ask_nl_eu_bundle")
def nl_eu_bundle(turn: Turn) -> Reply:
    if re.search(r"\bonbeperkte?\s+(data|internet)\b", (turn.text or "").lower()):
        from actions.answers.subscriptions import unlimited_data
        return unlimited_data(turn)  # Hussel onbeperkt data has its own extra EU bundle
    offers = "\n".join(f"- {_offer(b)}" for b in bundles.nl_eu_bundles())
    days = contract_dates.date_rules().nl_eu_bundle.days
    text = (f"Extra minuten, sms'jes of MB's voor Nederland en de EU koop je als ExtraOptie:\n{offers}\n"
            f"De bundel is eenmalig {days} dagen geldig; wat je dan niet hebt gebruikt, vervalt.")
    usage = usage_of(turn)
    units = usage.mb + (usage.call_seconds + usage.called_seconds) / 60 + usage.sms
    if units:
        try:
            stack = bundles.cheapest_nl_eu_stack(units)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        parts = " + ".join(f"{c.count} × {c.bundle.name} ({eur(c.cost)})" for c in stack)
        total = sum((c.cost for c in stack), start=stack[0].cost * 0)
        need = number(units)
        text = f"Voor {need} extra eenheden is het goedkoopst: {parts} = {eur(total)}.\n" + text
    return unphrased(text)
