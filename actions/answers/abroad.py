"""Abroad: Roam like Home, pay-per-use roaming, zone to zone, calls from NL, the
€ 60,50 internet protection, fair use."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.costs import cost_lines, usage_of
from actions.answers.phrasing import customer_service, knowledge_error, percents, sentences
from actions.dialogue import BUNDLE_TALK
from actions.phrasebook import Phrase
from actions.turn import BLANK, Reply, Turn, say
from knowledge import bundles, countries, roaming, terms
from knowledge.countries import Country, Zone
from knowledge.roaming import Note
from knowledge.errors import KnowledgeInputError

def needs_country(turn: Turn) -> bool:
    """Does answering this abroad question need a country? Not when it is plainly about
    usage beyond the bundle at home ("mijn bundel is op, wat kost 30 minuten bellen?")."""
    return not ("out_of_bundle" in turn.cues and not turn.slot("destination"))


def country_named(name: Optional[str]) -> Optional[Country]:
    return countries.find_country(name).country if name else None


def zone_is(zone: Zone) -> Phrase:
    """'valt onder Roam like Home (NL/EU-tarief)', 'is een Voordeelland buiten de EU', ..."""
    return Phrase(f"abroad.zone_is_{zone.value.lower()}")


def zone_name(zone: Zone) -> Phrase:
    """'Voordeelland buiten de EU', 'Overige landen buiten de EU', ... (without the verb)."""
    return Phrase(f"abroad.zone_name_{zone.value.lower()}")


def where(country: Country) -> Phrase:
    """'Egypte valt onder Overige landen buiten de EU', with the price list's note if any."""
    if country.note and country.note not in country.name_nl:
        return Phrase("abroad.where_noted", country=country, note=country.note, zone=zone_is(country.zone))
    return Phrase("abroad.where", country=country, zone=zone_is(country.zone))


BUNDLE_ZONES = (Zone.VOORDEEL, Zone.OVERIG)


def same_bundles_as_before(turn: Turn) -> Optional[Phrase]:
    """"Werkt die ook in Mexico?" after the bundles of another place outside the EU: yes when the
    new place is in the same zone (the same BuitenlandBundels), else no; "en in Marokko?" likewise."""
    asked = "it_reference" in turn.cues
    if not (asked or "elliptic" in turn.cues) or turn.previous_question not in BUNDLE_TALK:
        return None
    before, now = country_named(turn.previous_country), country_named(turn.slot("country"))
    if before is None or now is None or before == now or not {before.zone, now.zone} <= set(BUNDLE_ZONES):
        return None
    # "en in Marokko?" after them: the same or other bundles "there" ("daar ook", "daar niet")
    key = "abroad.same_bundles" if before.zone == now.zone else "abroad.other_bundles"
    return Phrase(key if asked else key + "_there", place=where(now), before=before)


# Places compared in one question ("is bellen vanuit Thailand even duur als vanuit Vietnam?")
MAX_PLACES_COMPARED = 3


@answers("ask_foreign_rates")
def roaming_in_country(turn: Turn) -> Reply:
    """Where the user is (`country`) and whom they call (`destination`) decide the
    answer: roaming there, calling from one zone to another, or calling from home. Two or
    three places the message says the user will be at: the answer for each."""
    places = list(dict.fromkeys(e["value"] for e in turn.entities if e.get("entity") == "country"
                                and e.get("role") == "location" and e.get("value") != "Nederland"))
    paired = _calls_to_each_place(turn)
    if paired is not None:
        return paired
    if len(places) < 2:
        return _roaming_in_one_country(turn)
    replies = [_roaming_in_one_country(replace(turn, slots={**turn.slots, "country": place}))
               for place in places[:MAX_PLACES_COMPARED]]
    body: tuple = ()
    for reply in replies:
        body += ((BLANK,) if body else ()) + reply.body
    return Reply(body=body, footnote=replies[0].footnote)


def _calls_to_each_place(turn: Turn) -> Optional[Reply]:
    """"(in Thailand) 8 minuten met een hotel in Marokko en daarna 5 minuten met mijn broer in
    Duitsland": as many calls as places called, each at the rate from where the user is to that
    place, and the total (None when the message is not like that)."""
    origin = country_named(turn.slot("country"))
    targets = [e for e in turn.entities if e.get("entity") == "country" and e.get("role") == "destination"]
    calls = [e for e in turn.entities if e.get("entity") == "duration" and e.get("role") == "call"]
    if origin is None or origin.zone in (Zone.NL, Zone.NL_EU) or len(targets) < 2 or len(calls) != len(targets):
        return None
    body: list = []
    total = Decimal(0)
    for call, target_entity in zip(sorted(calls, key=lambda e: e.get("start", 0)),
                                   sorted(targets, key=lambda e: e.get("start", 0))):
        target = country_named(target_entity["value"])
        if target is None:
            return None
        try:
            breakdown = roaming.call_between(origin, target, seconds=Decimal(str(call["value"])))
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        body += [Phrase("abroad.between_costs", origin=origin, target=target, where=where(origin)),
                 *cost_lines(breakdown)]
        total += breakdown.total
    return say(*body, Phrase("costs.total", total=total))


def _roaming_in_one_country(turn: Turn) -> Reply:
    country = country_named(turn.slot("country"))
    destination = country_named(turn.slot("destination"))
    usage = usage_of(turn)
    if usage.kinds and not {"call", "sms"} & set(usage.kinds) and country is not None:
        destination = None  # being called or internet: where you are decides, not whom you called before
    if destination is not None and destination.zone == Zone.NL and (country is None or country.zone == Zone.NL) \
            and "generic_abroad" in turn.cues and "from_home" not in turn.cues:
        return overview(turn)  # "wat kost bellen vanuit het buitenland naar Nederland?": per zone
    if destination is not None and (country is None or country.zone == Zone.NL):
        return _from_netherlands(turn, destination)
    if country is None and not needs_country(turn):
        from actions.answers.subscriptions import out_of_bundle
        return out_of_bundle(turn)
    if country is None:
        return overview(turn)
    if destination is not None:
        if country.zone == Zone.NL:
            return _from_netherlands(turn, destination)
        if destination.zone in (Zone.NL, Zone.NL_EU) and country.zone in ZONES_ABROAD \
                and (usage.mb or usage.called_seconds):
            # "40 minuten naar huis bellen en 20 MB": calling home is the rate there, with the data and
            # incoming calls of the same stay
            return _pay_per_use(turn, country)
        return _zone_to_zone(turn, country, destination)
    if country.zone == Zone.NL and "call_abroad" in turn.cues:  # "bellen naar het buitenland": per zone, then which?
        return say(*_from_netherlands_per_zone(), Phrase("abroad.which_destination"), awaits="destination")
    if country.zone == Zone.NL:  # at home, nobody abroad called: the rates outside the bundle
        from actions.answers.subscriptions import out_of_bundle_at_home
        return out_of_bundle_at_home(turn)
    if country.zone == Zone.NL_EU:
        return _roam_like_home(turn, country)
    return _pay_per_use(turn, country)


ZONES_ABROAD = (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET)


def overview(turn: Turn) -> Reply:
    """A cost question abroad without a country: the rule for the EU and the rates of every
    zone outside it (computed for the quantities asked, if any), then the offer to work it
    out for the country — the general answer before the specific one."""
    usage = usage_of(turn)
    kinds = usage.kinds or ("call", "called", "sms", "data")
    nl_eu = roaming.zone_rates(Zone.NL_EU)
    lines = [Phrase("abroad.overview_head")]
    if "plane" in turn.cues:  # the list is silent on planes: say so, then what it does say
        satellite = roaming.zone_rates(Zone.SATELLIET)
        lines.insert(0, Phrase("abroad.plane_silent", call=satellite.call_per_minute, data=satellite.data_per_mb,
                               service=customer_service(lower=True)))
    try:
        if usage.has_quantities:
            breakdown = roaming.out_of_bundle_nl_eu(call_seconds=usage.call_seconds, sms=usage.sms)
            eu_lines = cost_lines(breakdown) if (usage.call_seconds or usage.sms) else ()
            lines.append(Phrase("abroad.overview_eu_costs", lines=eu_lines) if eu_lines
                         else Phrase("abroad.overview_eu_free"))
            for zone in ZONES_ABROAD:
                country = countries.countries_in_zone(zone)[0]
                cost = roaming.roaming_cost(country, call_seconds=usage.call_seconds,
                                            called_seconds=usage.called_seconds, sms=usage.sms, mb=usage.mb)
                lines.append(Phrase("abroad.overview_zone_costs", zone=zone, lines=cost_lines(cost)))
        else:
            lines.append(Phrase("abroad.overview_eu", call=nl_eu.call_per_minute, sms=nl_eu.sms_shown))
            for zone in ZONES_ABROAD:
                rates = roaming.zone_rates(zone)
                parts = {"call": Phrase("abroad.overview_call", rate=rates.call_per_minute),
                         "called": Phrase("abroad.overview_called", rate=rates.called_per_minute),
                         "sms": Phrase("abroad.overview_sms", rate=rates.sms_shown),
                         "data": Phrase("abroad.overview_data", rate=rates.data_per_mb)}
                lines.append(Phrase("abroad.overview_zone", zone=zone,
                                    parts=tuple(parts[k] for k in ("call", "called", "sms", "data") if k in kinds)))
    except KnowledgeInputError as error:
        return say(knowledge_error(error))
    minimum = roaming.zone_rates(Zone.VOORDEEL).call_minimum_seconds
    lines.append(Phrase("abroad.overview_billing", minimum=minimum))
    lines.append(Phrase("abroad.overview_ask"))
    return say(*lines, awaits="country")


def _roam_like_home(turn: Turn, country: Country) -> Reply:
    nl_eu = roaming.zone_rates(Zone.NL_EU)
    usage = usage_of(turn)
    if usage.call_seconds or usage.sms:
        try:  # calls made in another EU country: per second, with a 30-second minimum per call
            breakdown = roaming.roaming_cost(country, call_seconds=usage.call_seconds, sms=usage.sms,
                                             calls=usage.calls)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        return say(Phrase("abroad.rlh_costs", where=where(country)), *cost_lines(breakdown, usage.calls))
    if {"used_up", "out_of_bundle"} & turn.cues:  # "en wat als mijn data daar op is?"
        from actions.answers.bundles import _offers
        return say(Phrase("abroad.rlh_used_up", where=where(country), call=nl_eu.call_per_minute,
                          sms=nl_eu.sms_shown, minimum=nl_eu.call_minimum_seconds,
                          down=terms.speeds().reduced_down_kbit_per_s),
                   Phrase("bundles.nl_eu_head"), _offers(bundles.nl_eu_bundles()))
    return say(Phrase("abroad.rlh", where=where(country), call=nl_eu.call_per_minute, sms=nl_eu.sms_shown,
                      minimum=nl_eu.call_minimum_seconds),
               Phrase("abroad.rlh_condition"))


def _rate_parts(country: Country) -> dict[str, Phrase]:
    """The pay-per-use rate of each kind of use while in ``country``."""
    rates = roaming.zone_rates(country.zone)
    return {
        "call": Phrase("abroad.rate_call", rate=rates.call_per_minute, minimum=rates.call_minimum_seconds),
        "called": Phrase("abroad.rate_called", rate=rates.called_per_minute),
        "sms": Phrase("abroad.rate_sms", rate=rates.sms_shown),
        "data": Phrase("abroad.rate_data", rate=rates.data_per_mb),
    }


def _other_rates(parts: dict[str, Phrase], kinds: tuple[str, ...]) -> tuple[Phrase, ...]:
    """The rates of what was also asked, without a number to compute (none when nothing was)."""
    asked = [parts[kind] for kind in kinds if kind in parts]
    return (Phrase("abroad.other_rates", parts=asked),) if asked else ()


def own_bundle_not_there(turn: Turn, country: Country) -> Optional[Phrase]:
    """"Geldt mijn bundel ook in Turkije?": no, a plan's bundle is for NL and the EU only."""
    if "own_bundle_use" not in turn.cues or country.zone not in ZONES_ABROAD:
        return None
    return Phrase("abroad.own_bundle_not_there", country=country)


def _pay_per_use(turn: Turn, country: Country) -> Reply:
    reply = _pay_per_use_without_bundle(turn, country)
    no = own_bundle_not_there(turn, country)
    return Reply(body=(no, *reply.body), buttons=reply.buttons, footnote=reply.footnote, awaits=reply.awaits) \
        if no else reply


def _pay_per_use_without_bundle(turn: Turn, country: Country) -> Reply:
    usage = usage_of(turn)
    rates = roaming.zone_rates(country.zone)
    parts = _rate_parts(country)
    if usage.has_quantities:
        try:
            breakdown = roaming.roaming_cost(country, call_seconds=usage.call_seconds,
                                             called_seconds=usage.called_seconds, sms=usage.sms,
                                             mb=usage.mb, calls=usage.calls)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        hint = None if "refuses_bundle" in turn.cues else _bundle_hint(country, usage, breakdown.uncapped_total)
        minimum = next((line.minimum_seconds for line in breakdown.lines if Note.MINIMUM_APPLIED in line.notes), None)
        if minimum and "only_what_used" in turn.cues:  # "betaal ik dan alleen die 10 seconden?": no
            return say(Phrase("abroad.minimum_per_call", minimum=minimum),
                       Phrase("abroad.per_use_costs", where=where(country)), *cost_lines(breakdown, usage.calls),
                       *((hint,) if hint else ()))
        return say(Phrase("abroad.per_use_costs", where=where(country)), *cost_lines(breakdown, usage.calls),
                   *_other_rates(parts, usage.kinds_without_quantity), *((hint,) if hint else ()))
    asked = [parts[u] for u in usage.kinds] or list(parts.values())
    protection = None
    if not usage.kinds or "data" in usage.kinds:
        p = roaming.internet_protection()
        protection = Phrase("abroad.protection_at", limit=p.limit, period=p.period,
                            block_at=p.block_at_mb(rates.data_per_mb), keyword=p.lift_keyword, number=p.lift_number)
    offers = bundles.buitenland_bundles(country.zone)
    first = sentences(Phrase("abroad.per_use_rates", where=where(country), parts=asked), protection,
                      None if offers else Phrase("abroad.no_satellite_bundles"))
    if not offers or "refuses_bundle" in turn.cues:  # "ik wil juist GEEN bundel": no offer of one
        return say(first)
    return say(first, Phrase("abroad.bundle_offer",
                             offers=[Phrase("abroad.offer", units=b.units, price=b.price) for b in offers]))


def _bundle_hint(country: Country, usage, pay_per_use_total: Decimal) -> Optional[Phrase]:
    try:
        advice = bundles.cheapest_for_need(country, call_minutes=usage.call_seconds / 60,
                                           called_minutes=usage.called_seconds / 60, sms=usage.sms,
                                           mb=usage.mb)
    except KnowledgeInputError:
        return None
    best = advice.best
    if best is None or best.kind == bundles.OptionKind.PAY_PER_USE or best.total >= pay_per_use_total:
        return None
    stack = [Phrase("abroad.hint_bundle", count=c.count, name=c.bundle.name, price=c.bundle.price)
             for c in best.bundles]
    return Phrase("abroad.bundle_hint", stack=stack, total=best.total)


def _zone_to_zone(turn: Turn, origin: Country, target: Country) -> Reply:
    usage = usage_of(turn)
    rate_info = roaming.call_between(origin, target)
    if rate_info.roam_like_home and (usage.call_seconds or usage.sms):
        # "mijn minuten zijn op, wat kost een half uur vanuit Spanje naar huis?": out of the bundle
        try:
            breakdown = roaming.call_between(origin, target, seconds=usage.call_seconds, sms=usage.sms,
                                             calls=usage.calls)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        return say(Phrase("abroad.between_rlh_costs", origin=origin, target=target), *cost_lines(breakdown))
    if rate_info.roam_like_home:
        nl_eu = roaming.zone_rates(Zone.NL_EU)
        return say(Phrase("abroad.between_rlh", origin=origin, target=target, rate=rate_info.call_per_minute,
                          sms=nl_eu.sms_shown))
    # Receiving calls and internet are priced where you are, whoever you call.
    parts = {**_rate_parts(origin),
             "call": Phrase("abroad.rate_call", rate=rate_info.call_per_minute, minimum=rate_info.minimum_seconds)}
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.call_between(origin, target, seconds=usage.call_seconds, sms=usage.sms,
                                             calls=usage.calls)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        return say(Phrase("abroad.between_costs", origin=origin, target=target, where=where(origin)),
                   *cost_lines(breakdown), *_other_rates(parts, usage.kinds_without_quantity))
    sms = None if rate_info.sms_shown is None else Phrase("abroad.between_sms", rate=rate_info.sms_shown)
    return say(sentences(Phrase("abroad.between", origin=origin, target=target, rate=rate_info.call_per_minute,
                                where=where(origin), target_zone=zone_is(target.zone),
                                minimum=rate_info.minimum_seconds), sms),
               *_other_rates(parts, tuple(kind for kind in usage.kinds if kind in ("called", "data"))))


def _from_netherlands_per_zone() -> list[Phrase]:
    """Calling and texting from the Netherlands to each zone abroad (the general answer)."""
    lines = [Phrase("abroad.from_nl_zones_head")]
    for zone in (Zone.NL_EU, Zone.VOORDEEL, Zone.OVERIG):
        rate = roaming.call_between("Nederland", countries.countries_in_zone(zone)[0])
        lines.append(Phrase("abroad.overview_zone", zone=zone, parts=(
            Phrase("abroad.overview_call", rate=rate.call_per_minute), Phrase("abroad.overview_sms", rate=rate.sms_shown))))
    return lines


def _from_netherlands(turn: Turn, target: Country) -> Reply:
    usage = usage_of(turn)
    if target.zone == Zone.NL:  # calling home from home (the places the message names decided that already)
        from actions.answers.subscriptions import out_of_bundle_at_home
        return out_of_bundle_at_home(turn)
    rate_info = roaming.call_between("Nederland", target)
    head = Phrase("abroad.from_nl_head_satellite") if target.zone == Zone.SATELLIET else \
        Phrase("abroad.from_nl_head", target=target, label=roaming.zone_rates(target.zone).label)
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.from_netherlands(target, call_seconds=usage.call_seconds, sms=usage.sms)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        return say(Phrase("abroad.from_nl_costs", head=head), *cost_lines(breakdown))
    if target.zone == Zone.NL_EU:
        return say(Phrase("abroad.from_nl_eu", head=head, call=rate_info.call_per_minute, sms=rate_info.sms_shown))
    rates = Phrase("abroad.from_nl", head=head, call=rate_info.call_per_minute, sms=rate_info.sms_shown)
    if target.zone in (Zone.VOORDEEL, Zone.OVERIG):
        return say(sentences(rates, Phrase("abroad.from_nl_bundle")))
    return say(rates)


@answers("ask_internet_block")
def internet_block(turn: Turn) -> Reply:
    p = roaming.internet_protection()
    country = country_named(turn.slot("country"))
    usage = usage_of(turn)
    if usage.mb and country is not None and country.zone in ZONES_ABROAD:
        # "als ik JA stuur, wat kost 30 MB dan?": with the block lifted every MB is paid at the rate there
        rate = roaming.zone_rates(country.zone).data_per_mb
        try:
            cost = roaming.roaming_cost(country, mb=usage.mb)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        return say(Phrase("abroad.block_lifted_cost", keyword=p.lift_keyword, number=p.lift_number, country=country,
                          mb=usage.mb, rate=rate, total=cost.uncapped_total),
                   Phrase("abroad.block_at", limit=p.limit, block_at=p.block_at_mb(rate)))
    zones = [country.zone] if country and country.zone in (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET) \
        else [Zone.VOORDEEL, Zone.SATELLIET]
    reach = []
    for zone in zones:
        if country and country.zone == zone:
            place = Phrase("abroad.block_in_country", country=country)
        else:
            place = Phrase("abroad.block_via_satellite" if zone == Zone.SATELLIET else "abroad.block_outside_eu")
        rate = roaming.zone_rates(zone).data_per_mb
        reach.append(Phrase("abroad.block_reach", place=place, limit=p.limit, rate=rate, block_at=p.block_at_mb(rate)))
    return say(Phrase("abroad.block", period=p.period, limit=p.limit, percents=percents(p.notifications_percent)),
               Phrase("abroad.block_without_bundle", reach=reach),
               Phrase("abroad.block_lift", keyword=p.lift_keyword, number=p.lift_number))


@answers("ask_fair_use")
def fair_use(turn: Turn) -> Reply:
    rule = Phrase("abroad.fair_use", weeks=terms.fair_use().adapt_weeks)
    country = country_named(turn.slot("country"))
    if country is not None and country.zone in ZONES_ABROAD:
        return roaming_in_country(turn)  # outside Roam like Home the question is what it costs there
    if country is not None and country.zone == Zone.NL_EU:  # "ik studeer een semester in Valencia, ..."
        return say(Phrase("abroad.fair_use_in", where=where(country)), rule)
    return say(rule)
