"""ExtraOpties, device insurance, voicemail, service numbers and service fees."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.phrasing import amount, customer_service, knowledge_error, over_a_period, sentences, silent
from actions.answers.questions import question_for
from actions.phrasebook import Phrase
from actions.turn import Reply, Turn, say
from server.understanding.intents import FOLLOW_UP
from knowledge import countries, extras, insurance, roaming, services
from knowledge.countries import Zone
from knowledge.errors import KnowledgeInputError

FREE = Phrase("extras_services.free")


def _extra_price(extra: extras.Extra) -> Phrase:
    if extra.free:
        return FREE
    if extra.price is not None:
        return Phrase("extras_services.price_once" if extra.one_off else "extras_services.price_monthly",
                      price=extra.price)
    if extra.price_text:
        return Phrase("common.term", text=extra.price_text)
    return Phrase("extras_services.price_below")


def _row(name: str, price: Phrase) -> Phrase:
    return Phrase("extras_services.row", name=name, price=price)


@answers("ask_extra_options")
def extra_options(turn: Turn) -> Reply:
    named = extras.find_extras(turn.text or "") or extras_named_by_price(turn)
    agreement = extras.extras_agreement()
    if "kids_plan" in turn.cues and not agreement.kids_can_order:
        # "Kan ik Spotify bij een Kids-abonnement nemen?": no ExtraOpties with Kids
        return say(Phrase("extras_services.not_for_kids"))
    priced = [e for e in named if e.price is not None and not e.free]
    if len(named) > 1:
        rows = Phrase("extras_services.rows", rows=[_row(e.name, _extra_price(e)) for e in named])
        if len(priced) > 1:
            total = sum((e.price for e in priced), start=priced[0].price * 0)
            return say(rows, Phrase("extras_services.extras_total", amounts=[amount(e.price) for e in priced],
                                    total=total))
        return say(rows)
    remembered = extras.extra_by_id(turn.slot("extra_option") or "") if turn.intent == FOLLOW_UP else None
    if not named and remembered is not None:
        return _extra_asked_again(turn, remembered)
    found = named[0] if named else None
    if found is not None:
        return _one_extra(turn, found)
    kids = None if agreement.kids_can_order else Phrase("extras_services.not_for_kids")
    return say(Phrase("extras_services.extras_head"),
               Phrase("extras_services.rows", rows=[_row(e.name, _extra_price(e)) for e in extras.extras()]),
               Phrase("extras_services.extras_agreement"), *((kids,) if kids else ()))


def _extra_asked_again(turn: Turn, extra: extras.Extra) -> Reply:
    """A follow-up on the ExtraOptie just named: its price per year, else the option again
    (with whether it works on the phone named: ToestelVeilig is for Android only)."""
    monthly = extra.price is not None and not (extra.free or extra.one_off)
    if turn.period_months and monthly:
        return say(over_a_period(extra.name, extra.price, turn.period_months))
    return _one_extra(turn, extra)


def extras_named_by_price(turn: Turn) -> list[extras.Extra]:
    """The ExtraOpties whose price is an amount of the message ("that 3.96 option on my bill")."""
    return list(dict.fromkeys(extra for value in turn.entity_values("amount")
                              for extra in extras.extras_priced(Decimal(value))))


def extra_summary(found: extras.Extra) -> Phrase:
    """An ExtraOptie in a sentence or two: name, price, what it is (or why it cannot go)."""
    notes = []
    if found.android_only:
        notes.append(Phrase("extras_services.android_only"))
    if found.mandatory_for:
        notes.append(Phrase("extras_services.mandatory", mandatory_for=found.mandatory_for))
    head = Phrase("extras_services.extra_noted", name=found.name, price=_extra_price(found), notes=notes) \
        if notes else Phrase("extras_services.extra", name=found.name, price=_extra_price(found))
    description = None if found.mandatory_for else Phrase("common.term", text=found.description)
    return sentences(head, description)


def _one_extra(turn: Turn, found: extras.Extra) -> Reply:
    if found.id.lower().startswith("toestelverzekering") or "verzekering" in found.name.lower():
        return insurance_premium(turn)
    if found.android_only and turn.slot("platform") == "ios":  # "Geldt ToestelVeilig ook voor mijn iPhone?"
        return say(Phrase("extras_services.android_only_not_ios", name=found.name), extra_summary(found))
    if {"when_effective", "billing", "renewal"} & turn.cues:  # "when does it start, is it renewed, how billed?"
        if not extras.find_extras(turn.text or ""):  # "gaan die opties meteen in?": options in general
            return say(Phrase("extras_services.extras_agreement"))
        if "renewal" in turn.cues and found.price is not None:  # "verlengt mijn 5G-optie automatisch?": yes, unless once
            answer = Phrase("common.no") if found.one_off else Phrase("common.yes")
            return say(sentences(answer, extra_summary(found)), Phrase("extras_services.extras_agreement"))
        return say(extra_summary(found), Phrase("extras_services.extras_agreement"))
    return say(extra_summary(found), *_with_the_plan(turn, found))


def _with_the_plan(turn: Turn, found: extras.Extra) -> tuple[Phrase, ...]:
    """"Terug naar dat abonnement: wat betaal ik als ik er 5G bij neem?": the plan talked about
    (of its data, both call lines when the calls are not said) plus the monthly option, added
    up; a one-off option is no monthly sum."""
    from actions.answers.subscriptions import plans_talked_about

    if found.price is None or found.free or found.one_off:
        return ()
    # the options chosen in this conversation, this one among them ("doe er Spotify ook bij")
    chosen = [extra for extra in (extras.extra_by_id(key) for key in turn.slot("extras_chosen") or ())
              if extra is not None and extra.price is not None and not (extra.free or extra.one_off)]
    if found.id in [extra.id for extra in chosen] and len(chosen) > 1:
        monthly = chosen
        return tuple(Phrase("extras_services.plan_plus_extras", plan=plan.name, plan_price=plan.monthly_price,
                            extras=[Phrase("extras_services.named_price", name=e.name, price=e.price) for e in monthly],
                            amounts=[amount(plan.monthly_price)] + [amount(e.price) for e in monthly],
                            total=plan.monthly_price + sum(e.price for e in monthly))
                     for plan in plans_talked_about(turn)[:2])
    return tuple(Phrase("extras_services.plan_plus_extra", plan=plan.name, plan_price=plan.monthly_price,
                        price=found.price, total=plan.monthly_price + found.price)
                 for plan in plans_talked_about(turn)[:2])


def _insurance_without_value(turn: Turn, rules: insurance.InsuranceRules) -> Reply:
    """Both insurances with their premium range, and what the question asks besides a price:
    a claim or the excess (not in the price list), cancelling, damage, a value to compute with."""
    ranges = {coverage: (table[0][1], table[-1][1])
              for coverage in insurance.Coverage for table in [insurance.premium_table(coverage)]}
    overview = Phrase("extras_services.insurance_overview", maximum=rules.max_device_value,
                      standaard_low=ranges[insurance.Coverage.STANDAARD][0],
                      standaard_high=ranges[insurance.Coverage.STANDAARD][1],
                      extra_low=ranges[insurance.Coverage.EXTRA][0], extra_high=ranges[insurance.Coverage.EXTRA][1])
    # a claim, cancelling or damage is asked about an insurance one has: not its premiums
    lines = [] if {"claim", "cancel", "damage"} & turn.cues else [overview]
    if "claim" in turn.cues:
        lines.append(Phrase("extras_services.insurance_claim", url=rules.coverage_terms_url,
                            service=customer_service(lower=True)))
    if "cancel" in turn.cues:
        lines.append(Phrase("extras_services.insurance_cancel"))
    if "damage" in turn.cues and "claim" not in turn.cues:
        lines.append(Phrase("extras_services.insurance_damage", url=rules.coverage_terms_url))
    if {"claim", "cancel", "damage", "own_account", "coverage_question"} & turn.cues:
        return say(*lines)
    asked = question_for("device_value")  # the premium itself needs the value: ask it and wait for it
    return Reply(body=(*lines, *asked.body), awaits=asked.awaits)


@answers("ask_insurance")
def insurance_premium(turn: Turn) -> Reply:
    rules = insurance.insurance_rules()
    value = turn.slot("device_value")
    if "refurbished" in turn.cues:
        return say(Phrase("extras_services.insurance_refurbished"))
    if value is None and "incident" in turn.cues and turn.previous_question != "lost_or_stolen":
        from actions.answers.support import lost_or_stolen
        return lost_or_stolen(turn)  # "mijn telefoon is gestolen, dekt de verzekering dat?": block it first
    # "wat krijg ik bij Extra meer?": both, and the difference; but a price asked for a cover
    # described by what it covers ("een verzekering die ook diefstal dekt") is that cover's price
    described = any(e.get("entity") == "coverage" and (turn.text or "")[e.get("start", 0):e.get("end", 0)].lower()
                    not in ("extra", "standaard", "standard") for e in turn.entities)
    comparing = "coverage_question" in turn.cues and not (described and "price_question" in turn.cues)
    if value is None and (turn.entity_values("coverage") or "theft_or_loss" in turn.cues) \
            and not {"price_question", "coverage_question", "claim"} & turn.cues \
            or turn.previous_question == "lost_or_stolen" and turn.slot("coverage"):
        # "ik heb de Standaard verzekering" (after a lost phone): what that one covers
        key = "extras_services.incident_covered" if turn.slot("coverage") == "extra" else "extras_services.incident_not_covered"
        return say(Phrase(key, url=rules.coverage_terms_url))
    if value is None or {"claim", "cancel"} & turn.cues and "price_question" not in turn.cues:
        # "kan ik die verzekering opzeggen?" after its premium: the route, not the premiums again
        return _insurance_without_value(turn, rules)
    # "wat kosten ze dan allebei?", "hoeveel meer betaal ik voor Extra?": both covers, whichever was talked about
    differs = "price_difference" in turn.cues
    coverage = None if comparing or differs or "both_plans" in turn.cues else \
        {"standaard": insurance.Coverage.STANDAARD, "extra": insurance.Coverage.EXTRA}.get(turn.slot("coverage"))
    try:
        quote = insurance.premium(Decimal(value), coverage)
    except KnowledgeInputError as error:
        return say(sentences(knowledge_error(error),
                             Phrase("extras_services.insurance_up_to", maximum=rules.max_device_value,
                                    service=customer_service())))
    lines = [Phrase("extras_services.insurance_premium", name=p.name, premium=p.monthly_premium,
                    covers=Phrase("extras_services.covers_extra" if p.coverage == insurance.Coverage.EXTRA
                                  else "extras_services.covers_standard"))
             for p in quote.premiums]
    head = Phrase("extras_services.insurance_quote", value=quote.device_value, lower=quote.band.lower,
                  upper=quote.band.upper)
    premiums = {p.coverage: p.monthly_premium for p in quote.premiums}
    more = premiums[insurance.Coverage.EXTRA] - premiums[insurance.Coverage.STANDAARD] if len(premiums) == 2 else None
    if turn.period_months:  # "wat kost dat per jaar?", "over twee jaar?": each premium times the months
        rows = Phrase("extras_services.rows", rows=[over_a_period(p.name, p.monthly_premium, turn.period_months)
                                                    for p in quote.premiums])
        if differs and more is not None:  # "hoeveel meer betaal ik voor Extra over 24 maanden?"
            return say(head, rows, Phrase("extras_services.insurance_difference_over", months=turn.period_months,
                                          more=more, total=more * turn.period_months))
        return say(head, rows)
    difference = Phrase("extras_services.insurance_difference", more=more) \
        if (comparing or differs) and more is not None else None
    return say(head, Phrase("extras_services.rows", rows=lines), *((difference,) if difference else ()),
               Phrase("extras_services.insurance_terms", url=rules.coverage_terms_url))


@answers("ask_voicemail")
def voicemail(turn: Turn) -> Reply:
    rows = {v.id: v for v in services.voicemail()}
    lines = [Phrase("extras_services.voicemail_head"),
             Phrase("extras_services.voicemail_rows", receive=rows["receive_nl_eu"].price_text)]
    abroad = _abroad_call_rate(turn, Phrase("extras_services.what_voicemail"))
    return say(*lines, *((abroad,) if abroad else ()))


def _abroad_call_rate(turn: Turn, what: Phrase) -> Optional[Phrase]:
    """The roaming call rate in the country the user named, for calls that cost the roaming rate."""
    place = countries.find_country(turn.slot("country")).country if turn.slot("country") else None
    if place is None or place.zone not in (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET):
        return None
    r = roaming.zone_rates(place.zone)
    rate = Phrase("extras_services.abroad_call_rate", country=place, what=what, rate=r.call_per_minute,
                  minimum=r.call_minimum_seconds)
    seconds = turn.slot("duration_seconds")
    if not seconds:
        return rate
    # "het gesprek duurt zo'n 10 minuten": that call worked out
    cost = roaming.roaming_cost(place, call_seconds=Decimal(seconds))
    return sentences(rate, Phrase("extras_services.abroad_call_cost", minutes=Decimal(seconds) / 60,
                                  rate=r.call_per_minute, total=cost.total))


def _number_price(number: services.ServiceNumber) -> Phrase:
    if number.per_call_range and number.start_rate is not None and number.per_minute_range:
        return Phrase("extras_services.number_price_ranges", call_low=number.per_call_range[0],
                      call_high=number.per_call_range[1], start=number.start_rate,
                      minute_low=number.per_minute_range[0], minute_high=number.per_minute_range[1])
    return Phrase("common.term", text=number.price_text)


@answers("ask_service_numbers")
def service_numbers(turn: Turn) -> Reply:
    if "premium_sms" in turn.cues:  # paid text services: the price list names none
        return say(silent(Phrase("extras_services.premium_sms_topic")))
    named = services.find_service_numbers(turn.text or "")
    if len(named) > 1:  # "wat kost een 0800 en een 0900 nummer?": each
        rows = [Phrase("extras_services.term_row", name=n.name, price=_number_price(n)) for n in named]
        announced = [Phrase("extras_services.number_rate_announced")] if any(
            n.rate_announced_before_call for n in named) else []
        return say(Phrase("extras_services.rows", rows=rows), *announced)
    number = named[0] if named else None
    if number is not None:
        parts = [Phrase("extras_services.number", name=number.name, price=_number_price(number))]
        if number.rate_announced_before_call:
            parts.append(Phrase("extras_services.number_rate_announced"))
        abroad = None
        if number.id == "customer_service":
            desk = services.customer_service()
            parts.append(Phrase("extras_services.customer_service_abroad", price=desk.outside_eu_price_text))
            abroad = _abroad_call_rate(turn, Phrase("extras_services.what_customer_service"))
            place = countries.find_country(turn.slot("country")).country if turn.slot("country") else None
            if abroad is None and place is not None and place.zone == Zone.NL_EU:
                # Roam like Home: the same tariffs as in the Netherlands
                abroad = Phrase("extras_services.customer_service_in_eu", country=place, price=desk.price_text)
        return say(sentences(*parts), *((abroad,) if abroad else ()))
    rows = [Phrase("extras_services.term_row", name=n.name, price=_number_price(n)) for n in services.service_numbers()]
    return say(Phrase("extras_services.numbers_head"), Phrase("extras_services.rows", rows=rows))


def _service_price(service: services.Service) -> Phrase:
    if service.free:
        return FREE
    if service.price is not None:
        return amount(service.price)
    return Phrase("common.term", text=service.price_text)


def one_service(service: services.Service) -> Phrase:
    """"Een gespecificeerde rekening op papier kost € 1,95." as a sentence, free or priced."""
    if service.free:
        return Phrase("extras_services.service_free", name=service.name)
    if service.price is not None:
        return Phrase("extras_services.service_priced", name=service.name, price=amount(service.price))
    return Phrase("extras_services.service", name=service.name, price=_service_price(service))


# Questions that price a plan: a paper bill "erbij" after one goes on that plan's bills
PLAN_TOPICS = frozenset({"ask_plan", "ask_connection_fee", "ask_kids_plan", "ask_tablet_plan"})


@answers("ask_service_fees")
def service_fees(turn: Turn) -> Reply:
    named = services.find_services(turn.text or "")
    if not named and "esim" in turn.cues:  # "wat kost een eSIM voor mijn Apple Watch?": no row, no price
        return say(silent(Phrase("extras_services.esim_topic")))
    on_each_bill = next((s for s in named if s.with_each_bill), None)
    if on_each_bill is not None and "adding" in turn.cues and turn.previous_question in PLAN_TOPICS:
        from actions.answers.subscriptions import plans_with_bill_service
        with_plan = plans_with_bill_service(turn, on_each_bill)  # "en met een papieren rekening erbij?"
        if with_plan is not None:
            return with_plan
    if named:
        lines = [sentences(one_service(s), Phrase("common.term", text=s.footnote) if s.footnote else None)
                 for s in named]
        # "... en kost het geld als ik uw klantenservice bel?": that number too
        lines += [Phrase("extras_services.number", name=n.name, price=_number_price(n))
                  for n in services.find_service_numbers(turn.text or "") if n.id == "customer_service"]
        by_id = {s.id: s for s in services.services()}
        lines += [Phrase("extras_services.alternative", row=one_service(by_id[s.alternative])) for s in named
                  if s.alternative in by_id and by_id[s.alternative] not in named]  # paper bill: online is free
        bills = turn.period_months  # one bill a month: "per jaar", "12 papieren rekeningen"
        lines += [Phrase("extras_services.each_bill_over", name=s.name, price=s.price, count=bills,
                         total=services.over_bills(s, bills)) for s in named if s.with_each_bill and bills]
        priced = [s for s in named if s.price is not None and not s.free]
        if len(priced) > 1 and "total" in turn.cues:  # "... en hoeveel is dat samen?"
            total = sum((s.price for s in priced), start=Decimal(0))
            lines.append(Phrase("extras_services.fees_total", amounts=[amount(s.price) for s in priced], total=total))
        if {"how_to", "not_working", "asks_kpn_to_act"} & turn.cues:  # the price list gives the fee, not the way
            lines.append(Phrase("extras_services.how_not_in_price_list", service=customer_service()))
        return say(*lines)
    rows = [Phrase("extras_services.term_row", name=s.name, price=_service_price(s)) for s in services.services()]
    return say(Phrase("extras_services.fees_head"), Phrase("extras_services.rows", rows=rows),
               Phrase("extras_services.fees_missing", service=customer_service()))
