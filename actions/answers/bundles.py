"""BuitenlandBundels and NL/EU bundels: prices per zone, the cheapest combination for a
trip, validity (with the expiry computed), activation, what happens when used up."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.abroad import country_named, own_bundle_not_there, where, zone_name
from actions.answers.costs import usage_of
from actions.answers.phrasing import customer_service, knowledge_error, percents, sentences
from actions.answers.questions import question_for
from actions.phrasebook import Phrase, plural
from actions.turn import BLANK, Reply, Turn, say
from knowledge import bundles, contract_dates, extras, roaming
from knowledge.countries import Country, Zone
from knowledge.errors import KnowledgeInputError

# Every bundle answer says what a unit is: a minute, an sms or an MB, all from one tegoed.
UNIT_RULE = Phrase("bundles.unit_rule")


def _offer(bundle: bundles.Bundle) -> Phrase:
    return Phrase("bundles.offer", name=bundle.name, size=Phrase("bundles.size", units=bundle.units),
                  price=bundle.price)


def _offers(bundle_list) -> Phrase:
    return Phrase("bundles.offers", offers=[_offer(b) for b in bundle_list])


def _draws_on() -> Phrase:
    """What draws on a BuitenlandBundel, keyed like bundle_rules().draws_on_bundle."""
    keys = [t.key for t in bundles.bundle_rules().draws_on_bundle]
    return Phrase("bundles.draws_on", items=[Phrase(f"bundles.draws_{k}") for k in keys])


def _how() -> Phrase:
    rule = contract_dates.date_rules().buitenland_bundle
    return Phrase("bundles.how", periods=rule.periods, hours=rule.hours_per_period)


@answers("ask_buitenland_bundle")
def buitenland_bundle(turn: Turn) -> Reply:
    country = country_named(turn.slot("country"))
    rules = bundles.bundle_rules()
    if country is not None and usage_of(turn).has_quantities and not turn.entity_values("bundle_size"):
        return bundle_advice(turn)  # "150 MB en een half uur bellen, welke bundel is het voordeligst?"
    left = _units_left(turn)
    if left is not None:
        return say(left, _how(), _draws_on())
    if "stacking" in turn.cues and rules.stackable and not usage_of(turn).has_quantities:
        # "zijn buitenlandbundels stapelbaar?", wherever the conversation was; and for a place outside the EU,
        # its bundles
        yes = Phrase("bundles.yes_stackable", stacking=Phrase("bundles.stackable"))
        if country is not None and country.zone in (Zone.VOORDEEL, Zone.OVERIG):
            return say(yes, Phrase("bundles.for_country", where=where(country)),
                       _offers(bundles.buitenland_bundles(country.zone)), _how())
        return say(yes, _how())
    if "counts_toward_bundle" in turn.cues and usage_of(turn).kinds:
        # every kind of traffic in the bundle's countries draws on it (see bundles.draws_*)
        return say(sentences(Phrase("bundles.yes_it_counts"), _draws_on()), _how())
    by_size = {"largest_bundle", "smallest_bundle"} & turn.cues
    if country is not None and country.zone in (Zone.VOORDEEL, Zone.OVERIG) and len(by_size) == 1:
        offered = bundles.buitenland_bundles(country.zone)  # smallest first
        largest = by_size == {"largest_bundle"}
        return say(Phrase("bundles.largest_for_country" if largest else "bundles.smallest_for_country",
                          where=where(country), offer=_offer(offered[-1] if largest else offered[0])), _how())
    if country is not None and country.zone in (Zone.VOORDEEL, Zone.OVERIG):
        # "geldt mn bundel ook in Turkije?" (not a BuitenlandBundel named): no, and the bundles there
        no = None if "buitenland_bundle_named" in turn.cues else own_bundle_not_there(turn, country)
        return say(*((no,) if no else ()), Phrase("bundles.for_country", where=where(country)),
                   _offers(bundles.buitenland_bundles(country.zone)), _how(), _draws_on())
    target = country_named(turn.slot("destination"))
    if country is not None and country.zone == Zone.NL and target is not None \
            and target.zone in (Zone.VOORDEEL, Zone.OVERIG):
        # "is there a bundle for those calls from NL to Canada?": calls from NL to there draw on one
        return say(Phrase("bundles.for_calls_to", where=where(target)),
                   _offers(bundles.buitenland_bundles(target.zone)), _how(), _draws_on())
    if country is not None and country.zone in (Zone.NL_EU, Zone.NL):
        return _no_bundle_needed(country)
    if country is not None and country.zone == Zone.SATELLIET:
        return say(Phrase("bundles.none_for_satellite"))
    groups = [Phrase("bundles.group", zone=zone, offers=[_offer(b) for b in bundles.buitenland_bundles(zone)])
              for zone in (Zone.VOORDEEL, Zone.OVERIG)]
    kids = None if rules.kids_can_order else Phrase("bundles.not_for_kids")
    return say(Phrase("bundles.all_head"), *groups, _how(), sentences(_draws_on(), kids), Phrase("bundles.name_country"))


def _units_left(turn: Turn) -> Optional[Phrase]:
    """'Bundel 100, al 60 minuten gebeld': what is left, in units of any kind."""
    sizes = turn.entity_values("bundle_size")
    usage = usage_of(turn)
    used = usage.mb + (usage.call_seconds + usage.called_seconds) / 60 + usage.sms
    if not sizes or not used:
        return None
    size = int(sizes[0])
    if size not in {b.units for b in bundles.buitenland_bundles()}:
        return None
    if used >= size:
        return Phrase("bundles.units_used_up", size=size, used=used)
    return Phrase("bundles.units_left", size=size, used=used, left=Decimal(size) - used)


def _no_bundle_needed(country) -> Reply:
    offers = [Phrase("bundles.nl_eu_offer", name=b.name, price=b.price) for b in bundles.nl_eu_bundles()]
    return say(sentences(Phrase("bundles.no_bundle_needed", where=where(country), offers=offers), UNIT_RULE))


@answers("ask_bundle_advice")
def bundle_advice(turn: Turn) -> Reply:
    country = country_named(turn.slot("country"))
    called_to = _called_from_home(turn, country)
    country = called_to or country
    if country is None:
        return question_for("country")
    usage = usage_of(turn)
    if country.zone in (Zone.NL_EU, Zone.NL):
        return _no_bundle_needed(country)
    if not usage.has_quantities:
        if country.zone == Zone.SATELLIET:
            return say(Phrase("bundles.satellite_pay_per_use"))
        return say(Phrase("bundles.advice_offers", where=where(country)),
                   _offers(bundles.buitenland_bundles(country.zone)), UNIT_RULE, Phrase("bundles.advice_ask_need"),
                   awaits="need")
    try:
        advice = bundles.cheapest_for_need(country, call_minutes=usage.call_seconds / 60,
                                           called_minutes=usage.called_seconds / 60, sms=usage.sms, mb=usage.mb,
                                           from_home=called_to is not None)
    except KnowledgeInputError as error:
        return say(knowledge_error(error))
    lines = [Phrase("bundles.advice_head_from_home" if called_to else "bundles.advice_head", need=_need(usage),
                    country=country, zone=zone_name(country.zone))]
    best = advice.best
    if called_to:  # calls from home: per second, no internet to block
        blocked = next(o.pay_per_use for o in advice.options if o.kind == bundles.OptionKind.PAY_PER_USE)
    else:  # pay-per-use as billed: the € 60,50 block applies
        blocked = roaming.roaming_cost(country, call_seconds=usage.call_seconds, called_seconds=usage.called_seconds,
                                       sms=usage.sms, mb=usage.mb)
    lines.append(Phrase("bundles.advice_best", option=_option(best, blocked)))
    per_use = next((o for o in advice.options if o.kind == bundles.OptionKind.PAY_PER_USE), None)
    if per_use is not None and per_use is not best:
        lines.append(Phrase("bundles.advice_compare", option=_option(per_use, blocked, "no_bundle" in turn.cues)))
        if not blocked.blocked and per_use.total > best.total:  # "hoeveel bespaar ik met de bundel?"
            lines.append(Phrase("bundles.advice_saving", saving=per_use.total - best.total))
    elif per_use is best and len(advice.options) > 1:
        lines.append(Phrase("bundles.advice_compare", option=_option(advice.options[1], blocked)))
    if advice.best and advice.best.needs_block_lift:
        p = roaming.internet_protection()
        lines.append(Phrase("bundles.advice_block_lift", keyword=p.lift_keyword, number=p.lift_number))
    lines.append(UNIT_RULE)
    if "data" in usage.kinds and not usage.mb:  # "... en ik wil Google Maps gebruiken": data not counted
        lines += [Phrase("bundles.advice_data_unknown"), _offers(bundles.buitenland_bundles(country.zone)),
                  Phrase("bundles.advice_ask_need")]
    return say(*lines)


def _called_from_home(turn: Turn, country: Optional[Country]) -> Optional[Country]:
    """The country outside the EU called from the Netherlands ("ik bel vanuit Nederland 100 minuten
    naar Marokko"): its BuitenlandBundels count those calls and texts too."""
    called = country_named(turn.slot("destination"))
    if country is None or country.zone != Zone.NL or called is None or called.zone in (Zone.NL, Zone.NL_EU):
        return None
    return called


def _this_month_with(turn: Turn) -> list[Phrase]:
    """The plan talked about plus the one NL/EU bundel named, for this month (it is paid once)."""
    from actions.answers.subscriptions import plans_talked_about

    sizes = {int(size) for size in turn.entity_values("bundle_size")}
    named = [b for b in bundles.nl_eu_bundles() if b.name.lower() in (turn.text or "").lower() or b.units in sizes]
    if len(named) != 1:
        return []
    bundle = named[0]
    return [Phrase("bundles.this_month_with", plan=plan.name, plan_price=plan.monthly_price, bundle=bundle.name,
                   price=bundle.price, total=plan.monthly_price + bundle.price)
            for plan in plans_talked_about(turn)[:2]]


def _need(usage) -> Phrase:
    parts = []
    if usage.mb:
        parts.append(Phrase("bundles.need_mb", mb=usage.mb))
    seconds = usage.call_seconds + usage.called_seconds
    if seconds:  # "10 sec", "2 min 30 sec": never a fraction of a minute
        parts.append(Phrase("bundles.need_minutes", seconds=seconds))
    if usage.sms:
        parts.append(plural("bundles.need_sms", int(usage.sms)))
    return Phrase("bundles.need", parts=parts)


def _option(option: bundles.BundleOption, pay_per_use: roaming.CostBreakdown, asked_without_bundle: bool = False) -> Phrase:
    """A way to pay for the need; pay-per-use as it would be billed, with the internet block."""
    if option.kind == bundles.OptionKind.PAY_PER_USE:
        if pay_per_use.blocked:
            p = roaming.internet_protection()
            # "wat zou dat zonder bundel kosten?": also what it would come to with the block lifted
            if asked_without_bundle:
                return Phrase("bundles.option_pay_per_use_uncapped", total=pay_per_use.total, limit=p.limit,
                              keyword=p.lift_keyword, number=p.lift_number,
                              block_at=pay_per_use.block_at_mb, uncapped=pay_per_use.uncapped_total)
            return Phrase("bundles.option_pay_per_use_blocked", total=pay_per_use.total, limit=p.limit,
                          block_at=pay_per_use.block_at_mb)
        return Phrase("bundles.option_pay_per_use", total=option.total)
    stack = [Phrase("bundles.stack_item", count=c.count, size=Phrase("bundles.size", units=c.bundle.units),
                    price=c.bundle.price, cost=c.cost) for c in option.bundles]
    if option.kind == bundles.OptionKind.BUNDLES:
        return Phrase("bundles.option_bundles", stack=stack, total=option.total)
    return Phrase("bundles.option_bundles_and_rest", stack=stack, rest=option.remainder_units,
                  rest_cost=option.pay_per_use_cost, total=option.total)


@answers("ask_bundle_validity")
def bundle_validity(turn: Turn) -> Reply:
    rule = contract_dates.date_rules().buitenland_bundle
    general = Phrase("bundles.validity", periods=rule.periods, hours=rule.hours_per_period)
    value = turn.slot("date")
    if "retroactive" in turn.cues:  # "kan die met terugwerkende kracht vanaf 1 maart ingaan?"
        return say(Phrase("bundles.no_backdating", service=customer_service()), general)
    if not value:
        return say(sentences(general, Phrase("bundles.validity_ask_date")))
    start = datetime.fromisoformat(value)
    try:
        end = contract_dates.bundle_expiry(start)
    except KnowledgeInputError as error:
        return say(knowledge_error(error, activation=start.date()))
    clock_shift = Phrase("bundles.validity_clock_shift") if end.hour != start.hour else None
    return say(sentences(Phrase("bundles.validity_until", start=start, end=end, periods=rule.periods,
                                hours=rule.hours_per_period), clock_shift))


# Questions about getting a BuitenlandBundel, or an ExtraOptie (the NL/EU bundels are ExtraOpties),
# which the Kids plan cannot have.
BUNDLE_ORDERING = frozenset({"ask_buitenland_bundle", "ask_bundle_activation", "ask_bundle_advice"})
EXTRA_ORDERING = frozenset({"ask_nl_eu_bundle", "ask_extra_options"})


def with_kids_rule(reply: Reply, intent: str) -> Reply:
    """The Kids plan with a question about getting a BuitenlandBundel or an ExtraOptie: its
    rule, instead of what it cannot have."""
    if intent in EXTRA_ORDERING:
        allowed, rule = extras.extras_agreement().kids_can_order, Phrase("extras_services.not_for_kids")
    else:
        allowed, rule = bundles.bundle_rules().kids_can_order, Phrase("bundles.not_for_kids")
    return reply if allowed else Reply(body=(rule,), footnote=reply.footnote)


def with_kids_note(reply: Reply, intent: str) -> Reply:
    """The Kids plan talked about but not plainly meant ("kan ik er een buitenlandbundel bij nemen voor
    onze vakantie?" after its connection fee): its rule first, then the answer for any other plan."""
    if intent in EXTRA_ORDERING:
        allowed, note = extras.extras_agreement().kids_can_order, Phrase("extras_services.if_kids")
    else:
        allowed, note = bundles.bundle_rules().kids_can_order, Phrase("bundles.if_kids")
    return reply if allowed else Reply(body=(note, BLANK) + reply.body, buttons=reply.buttons,
                                       footnote=reply.footnote, awaits=reply.awaits)


@answers("ask_bundle_activation")
def bundle_activation(turn: Turn) -> Reply:
    rules = bundles.bundle_rules()
    channels = [Phrase("common.term", text=c) for c in rules.activation_channels]
    return say(Phrase("bundles.activation", channels=channels, location=rules.activation_code_location))


# "Kan ik al een nieuwe bundel kopen terwijl de oude nog loopt?"
@answers("ask_bundle_used_up")
def bundle_used_up(turn: Turn) -> Reply:
    if "counts_toward_bundle" in turn.cues and "used_up" not in turn.cues:
        return buitenland_bundle(turn)  # "gaat gebeld worden ook van mijn bundel af?"
    place = country_named(turn.slot("country"))
    if place is not None and place.zone == Zone.NL_EU and not ("stacking" in turn.cues and "abroad_bundle" in turn.cues):
        # "in Italië, MB's allemaal op": no BuitenlandBundel there, the bundle as at home and the NL/EU bundles
        from actions.answers.abroad import roaming_in_country
        return roaming_in_country(turn)
    if not _about_abroad(turn, place):
        return _used_up_at_home(turn)
    rules = bundles.bundle_rules()
    lines = [Phrase("bundles.used_up", percents=percents(rules.notifications_percent))]
    if rules.stackable:
        if "stacking" in turn.cues:
            lines.insert(0, Phrase("bundles.yes_stackable", stacking=Phrase("bundles.stackable")))
        else:
            lines.append(Phrase("bundles.stackable"))
    country = country_named(turn.slot("country"))
    if country is not None and country.zone in (Zone.VOORDEEL, Zone.OVERIG):
        r = roaming.zone_rates(country.zone)
        lines.append(Phrase("bundles.used_up_rates", country=country, call=r.call_per_minute,
                            called=r.called_per_minute, sms=r.sms_shown, data=r.data_per_mb))
    return say(*lines)


def _about_abroad(turn: Turn, place) -> bool:
    """Whether a used-up bundle is one abroad: a place outside the EU in the conversation, abroad
    said, a BuitenlandBundel named, or stacking bundles (which the BuitenlandBundels are for)."""
    sizes = {b.units for b in bundles.buitenland_bundles()}
    return place is not None and place.zone != Zone.NL_EU or {"generic_abroad", "stacking"} & turn.cues \
        or bool("abroad_bundle" in turn.cues) \
        or any(int(value) in sizes for value in turn.entity_values("bundle_size") if value.isdigit())


def _used_up_at_home(turn: Turn) -> Reply:
    """"Mijn bundel is op": what happens in the Netherlands (out-of-bundle rates, data slowed down
    at no cost) and the NL/EU bundels that top it up; Hussel onbeperkt data has its own rule."""
    from actions.answers.subscriptions import out_of_bundle_at_home, unlimited_data
    if "unlimited_data_words" in turn.cues or "unlimited_data" in turn.cues:
        return unlimited_data(turn)
    rates = out_of_bundle_at_home(turn)
    extra = nl_eu_bundle(turn)
    return Reply(body=rates.body + (BLANK,) + extra.body, footnote=extra.footnote)


@answers("ask_nl_eu_bundle")
def nl_eu_bundle(turn: Turn) -> Reply:
    if "unlimited_data_words" in turn.cues:
        from actions.answers.subscriptions import unlimited_data
        return unlimited_data(turn)  # Hussel onbeperkt data has its own extra EU bundle
    days = contract_dates.date_rules().nl_eu_bundle.days
    lines = [Phrase("bundles.nl_eu_head"), _offers(bundles.nl_eu_bundles()),
             sentences(Phrase("bundles.nl_eu_validity", days=days), UNIT_RULE)]
    # "als ik de NL/EU bundel 1000 erbij neem, wat betaal ik deze maand samen?"; "oh wacht, die van 250"
    if "total" in turn.cues or "correction" in turn.cues and turn.previous_question == "ask_nl_eu_bundle":
        lines[:0] = _this_month_with(turn)
    usage = usage_of(turn)
    units = usage.mb + (usage.call_seconds + usage.called_seconds) / 60 + usage.sms
    allowance = next((Decimal(str(e.get("value"))) / 60 for e in turn.entities
                      if e.get("entity") == "duration" and e.get("role") == "allowance"), None)
    if allowance and usage.call_seconds and not (usage.mb or usage.sms or usage.called_seconds):
        # "Hussel met 150 minuten, ik bel 200 minuten per maand": only the minutes past the plan's are extra
        over = max(Decimal(0), usage.call_seconds / 60 - allowance)
        units = over
        plan_minutes = Phrase("bundles.minutes_over_plan", called=usage.call_seconds / 60, allowance=allowance,
                              over=over, rate=roaming.zone_rates(Zone.NL_EU).call_per_minute,
                              cost=roaming.out_of_bundle_nl_eu(call_seconds=over * 60).total) if over else \
            Phrase("bundles.minutes_within_plan", called=usage.call_seconds / 60, allowance=allowance)
    else:
        plan_minutes = None
    if units:
        try:
            stack = bundles.cheapest_nl_eu_stack(units)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        parts = [Phrase("bundles.nl_eu_stack_item", count=c.count, name=c.bundle.name, cost=c.cost) for c in stack]
        total = sum((c.cost for c in stack), start=stack[0].cost * 0)
        lines.insert(0, Phrase("bundles.nl_eu_cheapest", units=units, parts=parts, total=total))
    if plan_minutes is not None:
        lines.insert(0, plan_minutes)
    return say(*lines)
