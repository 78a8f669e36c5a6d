"""Subscriptions: Hussel prices and advice, Kids, tablet, terms of the bundle and the
contract, with the date rules computed when the user gives a date."""
from __future__ import annotations

import math
from dataclasses import replace
import re
from datetime import date
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.costs import cost_lines, usage_of
from actions.answers.phrasing import amount, customer_service, knowledge_error, over_a_period, percents, sentences
from actions.dialogue import calls_line
from actions.phrasebook import Phrase, plural
from actions.turn import Reply, Turn, say
from knowledge import bundles, contract_dates, countries, extras, roaming, services, subscriptions, terms
from knowledge.countries import Zone
from knowledge.errors import KnowledgeInputError


def _plan_line(plan: subscriptions.Plan) -> Phrase:
    return Phrase("subscriptions.plan_line", name=plan.name, price=plan.monthly_price)


def _plans(plans) -> Phrase:
    return Phrase("subscriptions.plans", plans=[_plan_line(p) for p in plans])


@answers("ask_plan")
def plan(turn: Turn) -> Reply:
    if "more_data" in turn.cues:
        # "Ik heb een Hussel 5 GB, wat kost een extra GB?": the extra data for the plan they have
        from actions.answers.bundles import nl_eu_bundle
        return nl_eu_bundle(replace(turn, slots={**turn.slots, "data_mb": None}))  # the plan's own GB is no need
    household = _household(turn)
    if household is not None:
        return household
    with_bundles = _month_with_bundles(turn)
    if with_bundles is not None:
        return with_bundles
    month = _month_with_calls(turn)
    if month is not None:
        return month
    difference = _price_difference(turn)
    if difference is not None:
        return difference
    reply = _plan_advice(turn)
    if "when_effective" in turn.cues:  # "wat kost 15 GB en wanneer gaat het in?"
        rules = contract_dates.date_rules().plan_change
        times = plural("subscriptions.times", rules.free_changes_per_interval)
        reply = Reply(body=reply.body + (Phrase("subscriptions.plan_change", times=times, days=rules.interval_days),),
                      buttons=reply.buttons, footnote=reply.footnote, awaits=reply.awaits)
    if "with_device" in turn.cues and "without_device" not in turn.cues:
        # "wat kost een iPhone 15 per maand met Hussel 15 GB?": the plan, and what a phone costs on top
        reply = Reply(body=reply.body + device_instalments(turn).body, buttons=reply.buttons,
                      footnote=reply.footnote, awaits=reply.awaits)
    if "eu" in turn.cues:  # "en als ik ook in de EU veel internet?": the EU is a region the answer knows
        rules = subscriptions.unlimited_data_rules()
        reply = Reply(body=reply.body + (Phrase("subscriptions.plans_in_eu", eu=rules.eu_limit_gb_per_month,
                                                  price=rules.extra_eu_bundle_price, mb=rules.extra_eu_bundle_mb),),
                      buttons=reply.buttons, footnote=reply.footnote, awaits=reply.awaits)
    return reply


def _household(turn: Turn) -> Optional[Reply]:
    """"En voor mijn vrouw ook zo een, wat is dan het totaal?": each line chosen and the month together."""
    if not {"another_line", "that_person", "household_sum"} & turn.cues:
        return None
    lines = _plans_chosen(turn)
    return say(*_lines_together(turn, lines)) if len(lines) >= 2 else None


def _lines_together(turn: Turn, lines: list[subscriptions.Plan]) -> list[Phrase]:
    """Each line with its price, the month together, and that month over the period asked."""
    total = sum((plan_.monthly_price for plan_ in lines), start=Decimal(0))
    reply = [Phrase("subscriptions.household", rows=Phrase("subscriptions.plans", plans=[_plan_line(p) for p in lines]),
                    amounts=[amount(p.monthly_price) for p in lines], total=total)]
    if turn.period_months:
        reply.append(over_a_period(Phrase("common.all_together"), total, turn.period_months))
    return reply


def _month_with_calls(turn: Turn) -> Optional[Reply]:
    """"Ik heb Hussel 5 GB met 150 min/sms maar bel zo'n 250 minuten per maand": that month, the
    minutes past the allowance at the rate outside the bundle, and the same data with unlimited
    calling next to it."""
    minutes = usage_of(turn).call_seconds / 60
    # the plan on the 150 line named ("... of ben ik goedkoper uit met onbeperkt bellen?" may name the other)
    limited = next((m for m in subscriptions.plans_named(turn.text or "") if m.unlimited_calls is False), None)
    if not minutes or limited is None:
        return None
    plan_ = subscriptions.find_plan(limited.data_gb, unlimited_calls=False)
    if plan_ is None or plan_.minutes_sms is None or minutes <= plan_.minutes_sms:
        return None
    month = subscriptions.month_with_calls(plan_, minutes)
    lines = [Phrase("subscriptions.month_with_calls", plan=plan_.name, price=plan_.monthly_price,
                    allowance=plan_.minutes_sms, called=month.minutes_called, over=month.minutes_over,
                    rate=roaming.zone_rates(Zone.NL_EU).call_per_minute, cost=month.cost_over, total=month.total)]
    unlimited = subscriptions.find_plan(limited.data_gb, unlimited_calls=True)
    if unlimited is not None:
        saving = month.total - unlimited.monthly_price
        key = "subscriptions.month_unlimited_cheaper" if saving > 0 else "subscriptions.month_unlimited_dearer"
        lines.append(Phrase(key, plan=unlimited.name, price=unlimited.monthly_price, difference=abs(saving)))
    return say(*lines)


def _price_difference(turn: Turn) -> Optional[Reply]:
    """"Ik heb Hussel 5 GB met 150 min/sms, hoeveel duurder is 15 GB met onbeperkt bellen?": the
    difference per month from the first plan named to the last (per calling line when neither says)."""
    if "price_difference" not in turn.cues:
        return None
    lines = plan_differences(turn)
    if lines and "plan_switch" in turn.cues:  # "can I switch to 15 GB, and how much more?": the rule too
        lines.insert(0, plan_change_rule())
    return say(*lines) if lines else None


def plan_differences(turn: Turn) -> list[Phrase]:
    """The difference per month between the first and the last plan the conversation named
    (none when it named fewer than two)."""
    keys = turn.slot("plans_named") or []
    if len(keys) < 2:
        return []
    start, target = subscriptions.PlanMention.from_key(keys[0]), subscriptions.PlanMention.from_key(keys[-1])
    said = start.unlimited_calls if start.unlimited_calls is not None else target.unlimited_calls
    lines = []
    for line in ([said] if said is not None else [False, True]):
        old, new = (subscriptions.find_plan(m.data_gb, line if m.unlimited_calls is None else m.unlimited_calls)
                    for m in (start, target))
        if old is None or new is None or old == new:
            continue
        difference = new.monthly_price - old.monthly_price
        key = "subscriptions.plan_difference_more" if difference > 0 else "subscriptions.plan_difference_less"
        lines.append(Phrase(key, new=new.name, new_price=new.monthly_price, old=old.name, old_price=old.monthly_price,
                            difference=abs(difference)))
    return lines


def _prices_of_plans_named(turn: Turn) -> list[Phrase]:
    """The difference between the plans the message named, or the price of the one plan it
    named when it asks a price."""
    keys = turn.slot("plans_named") or []
    if len(keys) >= 2:
        return plan_differences(turn)
    if not keys or not {"price_question", "how_much"} & turn.cues:
        return []
    # "dezelfde databundel maar dan met onbeperkt bellen", "move up to 15 GB": on the line asked, else the one chosen
    mention, said = subscriptions.PlanMention.from_key(keys[0]), _calls_wanted(turn)
    if said is not None:
        mention = subscriptions.PlanMention(mention.data_gb, said)
    plans = _plans_for(mention, _calls_of_the_plan(turn))
    return [_plans(plans)] if plans else []


def _plans_for(mention: subscriptions.PlanMention, calls: Optional[bool]) -> list[subscriptions.Plan]:
    """The plans a mention names: on its own calling line, else on `calls`, else on both lines."""
    line = mention.unlimited_calls if mention.unlimited_calls is not None else calls
    found = (subscriptions.find_plan(mention.data_gb, each) for each in ([line] if line is not None else [False, True]))
    return [plan for plan in found if plan is not None]


def _calls_wanted(turn: Turn) -> Optional[bool]:
    """The call line a message asks for: onbeperkt (True), 150 min (False), or both (None)."""
    return calls_line(turn.cues)


def _calls_of_the_plan(turn: Turn) -> Optional[bool]:
    """The call line this message asks for, else the one the conversation chose before."""
    said = _calls_wanted(turn)
    return said if said is not None else {"unlimited": True, "limited": False}.get(turn.slot("plan_calls"))


# A data need more than any fixed bundle: only onbeperkt data fits it.
UNLIMITED_NEED_GB = Decimal(100)


def _plan_advice(turn: Turn) -> Reply:
    mb = turn.slot("data_mb")
    data_gb: Optional[Decimal] = Decimal(mb) / 1000 if mb else None
    unlimited = "unlimited_data" in turn.cues or (turn.slot("plan") == "unlimited_data" and not mb)  # or before
    if unlimited:
        data_gb = UNLIMITED_NEED_GB
    elif "no_data" in turn.cues and not mb:
        data_gb = Decimal(0)  # "alleen bellen en sms'en, geen data": the plans without data
    # the calling line asked for, or chosen before ("met onbeperkt bellen", then "en de eerste maand?");
    # neither, or both named: compare both lines
    unlimited_calls = _calls_of_the_plan(turn)
    if data_gb is None and unlimited_calls is None:
        return say(Phrase("subscriptions.plans_head"), _plans(subscriptions.plans()),
                   Phrase("subscriptions.plans_ask_need"))
    try:
        advice = subscriptions.advise_plan(data_gb=data_gb, unlimited_calls=unlimited_calls)
    except KnowledgeInputError as error:
        return say(knowledge_error(error))
    if not advice.options:
        return say(Phrase("subscriptions.no_plan_fits", service=customer_service()))
    gb = None if data_gb is None or unlimited else data_gb
    if len(advice.options) == 1:
        best = advice.best
        lines = [Phrase("subscriptions.best_plan_for", gb=gb, name=best.name, price=best.monthly_price) if gb
                 else Phrase("subscriptions.best_plan", name=best.name, price=best.monthly_price)]
        other_line = subscriptions.find_plan(None if best.unlimited_data else best.data_gb, not best.unlimited_calls) \
            if "price_difference" in turn.cues and best.kind == subscriptions.PlanKind.HUSSEL else None
        if other_line is not None:  # "hoeveel goedkoper is dezelfde met 150 minuten?": against the other line
            limited, unlimited = sorted((best, other_line), key=lambda p: p.unlimited_calls)
            lines.append(Phrase("subscriptions.unlimited_calls_difference", minutes=limited.minutes_sms,
                                difference=unlimited.monthly_price - limited.monthly_price))
    else:
        lines = [Phrase("subscriptions.best_plans_for", gb=gb) if gb else Phrase("subscriptions.best_plans"),
                 _plans(advice.options)]
        limited = [p for p in advice.options if not p.unlimited_calls]
        unlimited = [p for p in advice.options if p.unlimited_calls]
        if len(limited) == len(unlimited) == 1 and limited[0].data_gb == unlimited[0].data_gb:
            lines.append(Phrase("subscriptions.unlimited_calls_difference", minutes=limited[0].minutes_sms,
                                difference=unlimited[0].monthly_price - limited[0].monthly_price))
        lines.append(Phrase("subscriptions.calls_a_lot"))
    if turn.period_months:  # "wat ben ik daar over twee jaar aan kwijt?": the months added up
        lines += [over_a_period(p.name, p.monthly_price, turn.period_months) for p in advice.options[:2]]
    if "new_subscription" in turn.cues:
        fee = subscriptions.connection_fee().amount
        lines.append(Phrase("subscriptions.connection_fee_new", fee=fee))
        if "first_month" in turn.cues:  # "wat betaal ik de eerste maand als nieuwe klant?": fee plus the month
            lines += [Phrase("subscriptions.fee_plus_month_head")] + [
                Phrase("subscriptions.fee_plus_month", name=p.name, fee=fee, price=p.monthly_price,
                       total=fee + p.monthly_price) for p in advice.options[:2]]
    if any(p.unlimited_data for p in advice.options):
        rules = subscriptions.unlimited_data_rules()
        lines.append(Phrase("subscriptions.unlimited_data_short", daily=rules.daily_bundle_nl_gb,
                            option=rules.free_option, eu=rules.eu_limit_gb_per_month))
    return say(*lines)


@answers("ask_kids_plan")
def kids(turn: Turn) -> Reply:
    plan = subscriptions.kids_plan()
    rules = subscriptions.kids_rules()
    notes = []
    if rules.standalone and not rules.switch_to_hussel_within_contract:
        notes.append(Phrase("subscriptions.kids_standalone"))
    if not rules.extra_options_allowed and not rules.buitenland_bundles_allowed:
        notes.append(Phrase("subscriptions.kids_no_extras"))
    if not rules.connection_fee:
        notes.append(Phrase("subscriptions.kids_no_connection_fee"))
    lines = [Phrase("subscriptions.kids", name=plan.name, price=plan.monthly_price, gb=plan.data_gb),
             Phrase("subscriptions.kids_notes", notes=notes)]
    count = turn.entity_number("line_count") or 1
    monthly = plan.monthly_price * count
    if count > 1:  # "drie Kids abonnementen, wat kost dat samen?": the lines added up
        lines.insert(1, Phrase("subscriptions.kids_lines", count=count, price=plan.monthly_price, total=monthly))
    if turn.period_months:
        name = Phrase("subscriptions.kids_lines_name", count=count, name=plan.name) if count > 1 else plan.name
        lines.insert(1 + (count > 1), over_a_period(name, monthly, turn.period_months))
    return say(*lines)


@answers("ask_tablet_plan")
def tablet(turn: Turn) -> Reply:
    plans = subscriptions.tablet_plans()
    mb = turn.slot("data_mb")
    lines = [Phrase("subscriptions.tablet_head"),
             Phrase("subscriptions.plans", plans=[
                 Phrase("subscriptions.tablet_line", name=p.name, price=p.monthly_price, term=p.device_term,
                        with_device=p.monthly_price_with_device) for p in plans])]
    if mb:
        gb = Decimal(mb) / 1000
        advice = subscriptions.advise_plan(data_gb=gb, tablet=True)
        lines.insert(0, Phrase("subscriptions.tablet_best", gb=gb, name=advice.best.name,
                               price=advice.best.monthly_price) if advice.best
                     else Phrase("subscriptions.tablet_too_much", gb=max(p.data_gb for p in plans)))
        if advice.best and turn.period_months:  # "over die twaalf maanden": the months added up
            best, months = advice.best, turn.period_months
            # "ben nieuwe klant, wat betaal ik dat eerste jaar?": with the connection fee
            lines.insert(1, Phrase("subscriptions.fee_plus_months", name=best.name, fee=_fee_of(best),
                                   price=best.monthly_price, months=months,
                                   total=_fee_of(best) + best.monthly_price * months)
                         if "new_subscription" in turn.cues else over_a_period(best.name, best.monthly_price, months))
    lines.append(Phrase("subscriptions.tablet_connection_fee", fee=subscriptions.connection_fee().tablet_amount))
    if "tablet_added" in turn.cues or turn.entity_values("term"):
        # "en als ik er een tablet bij wil?", "1 jaar?": a tablet paid per month only on the 2-year term
        device = subscriptions.device_instalments(tablet=True)
        lines.append(Phrase("subscriptions.tablet_device", terms=[Phrase("common.term", text=term)
                                                                   for term in device.instalment_terms],
                            low=device.min_per_month, high=device.max_per_month,
                            one_off=[Phrase("common.term", text=term) for term in device.one_off_only_terms]))
    return say(*lines)


@answers("ask_connection_fee")
def connection_fee(turn: Turn) -> Reply:
    fee = subscriptions.connection_fee()
    kids_plan = subscriptions.kids_plan()
    if "kids_plan" in turn.cues:  # the plan named, not someone's child who may take any plan
        others = len(subscriptions.plans_named(turn.text))
        if others:  # "een Hussel 15 GB voor mij en een Kids voor mijn zoon": the fee of the others only
            return say(Phrase("subscriptions.connection_fee_kids_and_others", kids=kids_plan.name, fee=fee.amount,
                              count=others, total=fee.amount * others))
        count = turn.entity_number("line_count") or 1
        if count > 1 and "sum_asked" in turn.cues:  # "drie Kids abonnementen: wat kost dat samen, en aansluitkosten?"
            return say(Phrase("subscriptions.connection_fee_kids", kids=kids_plan.name),
                       Phrase("subscriptions.kids_lines", count=count, price=kids_plan.monthly_price,
                              total=kids_plan.monthly_price * count))
        if turn.period_months:  # "het eerste jaar Kids, alles erbij, ook aansluitkosten?": none, so the months alone
            return say(Phrase("subscriptions.connection_fee_kids", kids=kids_plan.name),
                       over_a_period(kids_plan.name, kids_plan.monthly_price, turn.period_months))
        if {"price_question", "first_month", "total", "sum_asked"} & turn.cues:  # "kids abo prijs + aansluitkosten?"
            return say(Phrase("subscriptions.connection_fee_kids_price", kids=kids_plan.name,
                              price=kids_plan.monthly_price))
        return say(Phrase("subscriptions.connection_fee_kids", kids=kids_plan.name))
    if "first_month" in turn.cues and subscriptions.other_lines_named(turn.text or "") \
            and subscriptions.plans_named(turn.text or ""):
        # "Mobiel Internet 10 GB voor de tablet en Hussel 25 GB, beide nieuw: per maand en de eerste maand?"
        return package_total(turn)
    fee_line = Phrase("subscriptions.connection_fee", fee=fee.amount, kids=kids_plan.name)
    # "nummer meenemen, een nieuwe simkaart: welke eenmalige kosten?": the rows of the Diensten named too
    from actions.answers.extras_services import one_service
    named = [one_service(s) for s in services.find_services(turn.text or "") if s.id != "reconnection"]
    chosen = _plans_chosen(turn) if "both_plans" in turn.cues else []
    if len(chosen) >= 2:  # "wat betalen we samen de eerste maand, dus beide abonnementen plus mijn aansluitkosten?"
        return say(fee_line, _first_month_of(chosen))
    plans = plans_talked_about(turn) if {"total", "first_month"} & turn.cues or turn.period_months else []
    if not plans:
        return say(fee_line, *named)
    # "die eenmalige kosten plus 1 maand abonnement is samen hoeveel?", with the option chosen
    option = extras.extra_by_id(turn.slot("extra_option")) if turn.slot("extra_option") else None
    if option is not None and (option.price is None or option.free or option.one_off):
        option = None  # only a monthly price adds to the first month
    added = (option.name, option.price) if option is not None else next(
        ((s.name, s.price) for s in services.find_services(turn.text or "") if s.with_each_bill and s.price), None)
    if turn.period_months and added is None:  # "het eerste jaar in totaal, inclusief de aansluitkosten"
        return say(fee_line, *[Phrase("subscriptions.fee_plus_months", name=plan.name, fee=_fee_of(plan),
                                      price=plan.monthly_price, months=turn.period_months,
                                      total=_fee_of(plan) + plan.monthly_price * turn.period_months)
                               for plan in plans])
    lines = [Phrase("subscriptions.fee_plus_month", name=plan.name, fee=_fee_of(plan), price=plan.monthly_price,
                    total=_fee_of(plan) + plan.monthly_price) if added is None else
             # a monthly option chosen, or a paper bill ("en ik wil een papieren rekening"): on the first bill too
             Phrase("subscriptions.fee_plus_month_with_extra", name=plan.name, fee=_fee_of(plan),
                    price=plan.monthly_price, extra=added[0], extra_price=added[1],
                    total=_fee_of(plan) + plan.monthly_price + added[1]) for plan in plans]
    return say(fee_line, Phrase("subscriptions.fee_plus_month_head"), *lines)


def plans_with_bill_service(turn: Turn, service: services.Service) -> Optional[Reply]:
    """"en met een papieren rekening erbij?" after a plan's price: each plan talked about with it,
    per month and in the first month of a new plan; None when no plan was talked about."""
    plans = plans_talked_about(turn)
    if not plans or service.price is None:
        return None
    rows = []
    for plan in plans:
        parts = _first_month_parts(plan)
        rows.append(Phrase("subscriptions.month_with_bill_extra", name=plan.name, price=plan.monthly_price,
                           extra_price=service.price, total=plan.monthly_price + service.price))
        if len(parts) > 1:  # Kids has no connection fee: its first month is its month
            rows.append(Phrase("subscriptions.first_month_with_bill_extra", fee=parts[1], price=plan.monthly_price,
                               extra_price=service.price, total=sum(parts, start=service.price)))
    return say(Phrase("subscriptions.with_each_bill_head", extra=service.name, extra_price=service.price),
               Phrase("subscriptions.plans", plans=rows))


def _month_with_bundles(turn: Turn) -> Optional[Reply]:
    """"Hussel 5 GB met onbeperkt bellen, en deze maand één keer de NL/EU bundel 1000 erbij: wat betaal
    ik in totaal?": the plan's month plus the one-off bundles named; None when that is not asked."""
    named = [c for c in bundles.bundles_named(turn.text or "") if c.bundle.zone == Zone.NL_EU]
    plans = plans_talked_about(turn) if named and {"total", "sum_asked"} & turn.cues else []
    if len(plans) != 1:
        return None
    plan_ = plans[0]
    amounts = [plan_.monthly_price] + [c.bundle.price * c.count for c in named]
    shown = [f"{c.count} × {c.bundle.name}" if c.count > 1 else c.bundle.name for c in named]  # product names
    return say(Phrase("subscriptions.month_with_bundles", name=plan_.name, price=plan_.monthly_price, bundles=shown,
                      days=named[0].bundle.validity_days, amounts=[amount(a) for a in amounts],
                      total=sum(amounts, start=Decimal(0))))


def _fee_of(plan: subscriptions.Plan) -> Decimal:
    """The connection fee of a new plan of this kind (a tablet plan has its own row)."""
    fee = subscriptions.connection_fee()
    return fee.tablet_amount if plan.kind == subscriptions.PlanKind.TABLET else fee.amount


def _plans_chosen(turn: Turn) -> list[subscriptions.Plan]:
    """The plans the conversation chose to take (slot plans_chosen), each on its calling line."""
    found = []
    for key in turn.slot("plans_chosen") or ():
        if key == "kids":
            found.append(subscriptions.kids_plan())
            continue
        plans = _plans_for(subscriptions.PlanMention.from_key(key), None)
        if len(plans) == 1:  # a plan whose calling line was never said is no plan chosen
            found.append(plans[0])
    return found


def _first_month_parts(plan: subscriptions.Plan) -> list[Decimal]:
    """A new plan's first month: its price, plus its connection fee where one is due (none for Kids)."""
    return [plan.monthly_price] if plan == subscriptions.kids_plan() else [plan.monthly_price, _fee_of(plan)]


def _first_months_compared(plans: list[subscriptions.Plan]) -> list[Phrase]:
    """Two plans to choose between: each one's first month (with its connection fee where due) and the difference."""
    firsts = [(plan, _first_month_parts(plan)) for plan in plans]
    rows = [Phrase("subscriptions.first_month_row", name=plan.name, amounts=[amount(a) for a in parts],
                   total=sum(parts, start=Decimal(0)), fee=Phrase("subscriptions.first_month_fee_included"))
            if len(parts) > 1 else
            Phrase("subscriptions.first_month_row_alone", name=plan.name, total=parts[0],
                   fee=Phrase("subscriptions.first_month_no_fee_due"))
            for plan, parts in firsts]
    (cheap, cheap_parts), (dear, dear_parts) = sorted(firsts, key=lambda first: sum(first[1], start=Decimal(0)))
    low, high = sum(cheap_parts, start=Decimal(0)), sum(dear_parts, start=Decimal(0))
    return [Phrase("subscriptions.first_month_each"), Phrase("subscriptions.plans", plans=rows),
            Phrase("subscriptions.first_month_difference", cheaper=cheap.name, high=high, low=low,
                   difference=high - low)]


def _first_month_of(plans: list[subscriptions.Plan]) -> Phrase:
    """Each plan's first month (its price, plus its connection fee where one is due) and the sum."""
    rows, amounts, fees = [], [], []
    for plan_ in plans:
        parts = _first_month_parts(plan_)
        amounts += parts
        if len(parts) == 1:
            rows.append(Phrase("subscriptions.first_month_no_fee", name=plan_.name, price=plan_.monthly_price))
        else:
            rows.append(Phrase("subscriptions.first_month_with_fee", name=plan_.name, price=plan_.monthly_price,
                               fee=parts[1]))
            fees.append(parts[1])
    together = Phrase("subscriptions.fees_together", count=len(fees), fee=fees[0], total=sum(fees, start=Decimal(0))) \
        if len(fees) > 1 and len(set(fees)) == 1 else ""
    return Phrase("subscriptions.first_month_plans", rows=Phrase("subscriptions.plans", plans=rows),
                  amounts=[amount(a) for a in amounts], total=sum(amounts, start=Decimal(0)), fees=together)


def plans_talked_about(turn: Turn) -> list[subscriptions.Plan]:
    """The plans this message names, else those of the conversation's data need (the plan
    slot, else the data asked for), on the calling line asked for or chosen before."""
    named = [plan for mention in subscriptions.plans_named(turn.text or "")
             for plan in _plans_for(mention, _calls_of_the_plan(turn))]
    if named:
        return named
    plan = turn.slot("plan")
    if plan == "unlimited_data":
        data_gb: Optional[Decimal] = UNLIMITED_NEED_GB
    elif plan and plan.isdigit():
        data_gb = Decimal(plan) / 1000
    elif turn.slot("data_mb"):
        data_gb = Decimal(turn.slot("data_mb")) / 1000
    else:
        return []
    try:
        if "ask_tablet_plan" in (turn.intent, turn.previous_question) and data_gb is not UNLIMITED_NEED_GB:
            # "en de eerste maand?" after a tablet plan: that tablet plan
            best = subscriptions.advise_plan(data_gb=data_gb, tablet=True).best
            return [best] if best else []
        return list(subscriptions.advise_plan(data_gb=data_gb, unlimited_calls=_calls_of_the_plan(turn)).options)
    except KnowledgeInputError:
        return []


@answers("ask_unlimited_data")
def unlimited_data(turn: Turn) -> Reply:
    r = subscriptions.unlimited_data_rules()
    nl = Phrase("subscriptions.unlimited_nl", daily=r.daily_bundle_nl_gb, option=r.free_option)
    eu = Phrase("subscriptions.unlimited_eu", eu=r.eu_limit_gb_per_month, price=r.extra_eu_bundle_price,
                mb=r.extra_eu_bundle_mb)
    share = Phrase("subscriptions.unlimited_share", gb=r.sharing_max_gb_per_month)
    in_eu = bool({"eu", "generic_abroad"} & turn.cues) or \
        (turn.slot("country") and countries.find_country(turn.slot("country")).country is not None
         and countries.find_country(turn.slot("country")).country.zone == Zone.NL_EU)
    if in_eu:
        mb = turn.slot("data_mb")
        lines = [Phrase("subscriptions.unlimited_in_eu", eu=eu)]
        limit_mb = r.eu_limit_gb_per_month * 1000
        if mb and Decimal(mb) > limit_mb:
            # "kan ik die 100 GB ook in Duitsland opmaken?": the limit's share is in the plan, the rest extra
            over = Decimal(mb) - limit_mb
            count = math.ceil(over / r.extra_eu_bundle_mb)
            lines.append(Phrase("subscriptions.extra_eu_bundles_over", gb=Decimal(mb) / 1000, limit=r.eu_limit_gb_per_month,
                                over=over / 1000, count=count, price=r.extra_eu_bundle_price,
                                total=count * r.extra_eu_bundle_price))
        elif mb and Decimal(mb) > 0:
            count = math.ceil(Decimal(mb) / r.extra_eu_bundle_mb)
            lines.append(Phrase("subscriptions.extra_eu_bundles", gb=Decimal(mb) / 1000, count=count,
                                price=r.extra_eu_bundle_price, total=count * r.extra_eu_bundle_price))
        return say(*lines)
    if "more_data" in turn.cues and "unlimited_data" not in turn.cues:
        return plan(turn)  # "Ik heb een Hussel 5 GB, wat kost een extra GB?": extra data on a fixed bundle
    if "price_question" in turn.cues and "more_data" not in turn.cues:
        return plan(turn)  # "wat kost onbeperkt data met 150 minuten?" is a price question
    if "sharing" in turn.cues:
        return say(share)
    if "day_limit" in turn.cues and not {"eu", "generic_abroad"} & turn.cues \
            and not "notified" in turn.cues:
        # "moet je bijbetalen zodra je 5 GB op een dag hebt verbruikt?": the day in the Netherlands only
        paying = bool({"price_question", "pay_extra"} & turn.cues)
        return say(sentences(Phrase("subscriptions.unlimited_no_extra_cost"), nl) if paying else nl)
    day_bundle = next(n for n in terms.notifications() if n.id == "hussel_unlimited_day_bundle")
    notify = Phrase("subscriptions.unlimited_notify", percents=percents(day_bundle.percent))
    return say(Phrase("subscriptions.unlimited_head"),
               Phrase("subscriptions.unlimited_list", items=[nl, eu, share, notify]))


@answers("ask_data_sharing")
def data_sharing(turn: Turn) -> Reply:
    r = subscriptions.unlimited_data_rules()
    return say(Phrase("subscriptions.data_sharing", gb=r.sharing_max_gb_per_month, url=terms.links()["mb_sharing"]))


@answers("ask_speed")
def speed(turn: Turn) -> Reply:
    if "unlimited_data" in turn.cues:
        return unlimited_data(turn)  # "onbeperkt, maar nu traag": the daily 5 GB and its free extra option
    s = terms.speeds()
    used_up = Phrase("subscriptions.speed_used_up", down=s.reduced_down_kbit_per_s, up=s.reduced_up_kbit_per_s)
    if "used_up" in turn.cues:  # "mijn GB'tjes zijn op, hoe snel is het dan nog?": the slowed speed only
        return say(used_up)
    return say(Phrase("subscriptions.speed", max=s.max_mbit_per_s, url=s.coverage_map_url, used_up=used_up))


# Which notifications to name, in this order (ids of terms.notifications()).
NOTIFICATIONS = ("bundle", "hussel_unlimited_day_bundle", "buitenland_bundle", "internet_protection")


@answers("ask_notifications")
def notifications(turn: Turn) -> Reply:
    by_id = {n.id: n for n in terms.notifications()}
    rows = [Phrase("subscriptions.notification", what=Phrase(f"subscriptions.notification_{key}"),
                   percents=percents(by_id[key].percent)) for key in NOTIFICATIONS]
    return say(Phrase("subscriptions.notifications_head"), Phrase("subscriptions.plans", plans=rows))


@answers("ask_carry_over")
def carry_over(turn: Turn) -> Reply:
    return say(Phrase("subscriptions.carry_over", validity=terms.bundle_terms().validity))


@answers("ask_discount")
def discount(turn: Turn) -> Reply:
    """Why one may pay less than the list; with a plan named, what the list says it costs
    ("Ik betaal 22 euro voor Hussel 2 GB met 150 minuten, op de site staat meer")."""
    listed = _listed_plans(turn)
    lines = [Phrase("subscriptions.discount")]
    if "discount_named" in turn.cues:  # "krijgen studenten 10% korting?": the price list names no discount
        lines.insert(0, Phrase("subscriptions.discount_not_listed", service=customer_service()))
    if listed:
        lines += [Phrase("subscriptions.discount_list_price"), _plans(listed)]
    return say(*lines)


def _listed_plans(turn: Turn) -> list:
    """The price-list rows of the plan a message names (both call lines when it does not say)."""
    mb = turn.entity_values("data_volume") or ([turn.slot("data_mb")] if turn.slot("data_mb") else [])
    unlimited = "unlimited_data" in turn.cues
    if not mb and not unlimited:
        return []
    wanted = _calls_wanted(turn)
    data_gb = None if unlimited else Decimal(mb[0]) / 1000
    found = [subscriptions.find_plan(data_gb, calls) for calls in (False, True) if wanted in (None, calls)]
    return [plan for plan in found if plan is not None]


@answers("ask_price_validity")
def price_validity(turn: Turn) -> Reply:
    c = terms.price_list_conditions()
    vat = Phrase("subscriptions.vat_included" if c.vat_included else "subscriptions.vat_excluded")
    return say(Phrase("subscriptions.price_validity", valid_from=c.valid_from, vat=vat, latest=c.latest_url,
                      invoice=c.invoice_url))


@answers("ask_device_instalments")
def device_instalments(turn: Turn) -> Reply:
    d = subscriptions.device_instalments(tablet="tablet" in turn.cues)  # a tablet: other terms
    return say(Phrase("subscriptions.device_instalments", min=d.min_per_month, max=d.max_per_month,
                      terms=[Phrase("common.term", text=t) for t in d.instalment_terms],
                      one_off=[Phrase("common.term", text=t) for t in d.one_off_only_terms],
                      url=terms.links()["devices"]))


@answers("ask_out_of_bundle")
def out_of_bundle(turn: Turn) -> Reply:
    from actions.answers.abroad import country_named, roaming_in_country
    named = (country_named(value) for value in turn.entity_values("country"))
    if any(country is not None and country.zone != Zone.NL for country in named):
        return roaming_in_country(turn)  # "in Italië buiten mijn bundel gebeld", "... vanuit Brazilië?"
    here = country_named(turn.slot("country"))
    if "reference" in turn.cues and here is not None and here.zone != Zone.NL:
        return roaming_in_country(turn)  # "als ik daar zonder bundel met thuis in Nederland bel?": from there
    return out_of_bundle_at_home(turn)


def out_of_bundle_at_home(turn: Turn) -> Reply:
    """Calls, texts and data outside the bundle in the Netherlands (and the EU)."""
    usage = usage_of(turn)
    rates = roaming.zone_rates(Zone.NL_EU)
    speeds = terms.speeds()
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.out_of_bundle_nl_eu(call_seconds=usage.call_seconds, sms=usage.sms)
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        return say(Phrase("subscriptions.out_of_bundle_head"), *cost_lines(breakdown),
                   Phrase("subscriptions.out_of_bundle_billing"))
    if "data_units" in turn.cues:  # "hoeveel mb is 1 gb?": how data is counted
        return say(Phrase("subscriptions.data_units", gb=1, mb=roaming.billing_rules().mb_per_gb))
    general = Phrase("subscriptions.out_of_bundle", call=rates.call_per_minute, sms=rates.sms_shown,
                     actual=rates.sms, down=speeds.reduced_down_kbit_per_s, minimum=rates.call_minimum_seconds)
    if "billing" in turn.cues and turn.entity_values("country") == ["Nederland"]:
        # "worden gesprekken in Nederland per seconde afgerekend?": at home, no minimum anywhere
        return say(Phrase("subscriptions.billing_home", call=rates.call_per_minute))
    if "billing" in turn.cues:  # "per seconde of per minuut?": outside the EU the minimum per call too
        return say(general, Phrase("abroad.overview_billing",
                                   minimum=roaming.zone_rates(Zone.VOORDEEL).call_minimum_seconds))
    return say(general)


# --- contract and date rules -------------------------------------------------------

def _given_date(turn: Turn) -> Optional[date]:
    value = turn.slot("date")
    return date.fromisoformat(value[:10]) if value else None


def _dates_in(turn: Turn) -> list[date]:
    """The days the message names, in order (read by NLU in the message's language)."""
    return [date.fromisoformat(value[:10]) for value in turn.entity_values("date")]


# A change that was made (the day named is the last change), not one that is planned.
CHANGED_BEFORE = re.compile(r"\b(aangepast|gewijzigd|veranderd|gewisseld|omgezet|overgestapt|geleden|vorige|verlaagd|"
                            r"verhoogd|geüpgraded|geupgrade|gedowngraded|changed|switched|ago|last|upgraded|downgraded|lowered)\b", re.I)
NEVER_CHANGED = re.compile(r"\b(nooit|niet|never|not|nog\s+geen)\b(\s+\S+){0,3}\s+(aangepast|gewijzigd|veranderd|gewisseld|"
                           r"changed|switched)\b", re.I)


@answers("ask_plan_change")
def plan_change(turn: Turn) -> Reply:
    kids = subscriptions.kids_rules()
    if "kids_plan" in turn.cues and kids.standalone and not kids.switch_to_hussel_within_contract:
        # "mijn zoon heeft Kids, kan hij binnen zijn contract naar Hussel 5 GB?": not within the contract
        return say(sentences(Phrase("common.no"), Phrase("subscriptions.kids_standalone_sentence",
                                                         kids=subscriptions.kids_plan().name,
                                                         service=customer_service())))
    rules = contract_dates.date_rules().plan_change
    times, days_apart = plural("subscriptions.times", rules.free_changes_per_interval), rules.interval_days
    general = plan_change_rule()
    days = _dates_in(turn)
    if "when_effective" in turn.cues and days and days[0] <= turn.now.date() and CHANGED_BEFORE.search(turn.text or ""):
        # "gisteren verlaagd en vandaag nog het oude abonnement: per wanneer gaat het in?": the change made then
        days = days[:1]
    elif len(days) == 1 and days[0] < turn.now.date() and CHANGED_BEFORE.search(turn.text or "") \
            and not NEVER_CHANGED.search(turn.text or ""):
        # "twee weken geleden aangepast, mag ik nu weer?": that day was the last change
        days = [days[0], turn.now.date()]
    if len(days) >= 2:  # "op 3 mei aangepast, kan ik op 20 mei weer gratis?"
        last, requested = days[0], days[1]
        try:
            verdict = contract_dates.plan_change(last, requested, last_change=last)
        except KnowledgeInputError as error:
            return say(knowledge_error(error, contract_start=last, change=requested))
        if verdict.free:
            return say(Phrase("subscriptions.plan_change_free", requested=requested, days=days_apart, last=last,
                              effective=verdict.effective_date))
        return say(Phrase("subscriptions.plan_change_not_yet", times=times, days=days_apart, last=last,
                          next=verdict.next_free_date, next_effective=verdict.effective_if_changed_on_next_free_date))
    day = days[0] if days else _given_date(turn)
    # "Ik heb 2 GB met 150 min, kan ik naar 15 GB?": what the change costs per month too; "omlaag
    # naar Hussel 2 GB, wat betaal ik dan?": that plan's price
    asked_now = "plans_named" in (turn.slot("changed") or ()) or {"price_question", "how_much"} & turn.cues
    differences = _prices_of_plans_named(turn) if asked_now else []
    if day is None:
        return say(sentences(general, Phrase("subscriptions.plan_change_ask_date")), *differences)
    try:
        effective = contract_dates.plan_change_effective(day)
        next_free = contract_dates.next_free_plan_change(day)
    except KnowledgeInputError as error:
        return say(knowledge_error(error, change=day))
    return say(Phrase("subscriptions.plan_change_on", day=day, effective=effective, next=next_free, days=days_apart),
               *differences)


def _duration(months: int) -> Phrase:
    """'1 maand', '1 jaar', '2 jaar' (whole years as years)."""
    if months % 12 == 0:
        return plural("subscriptions.years", months // 12)
    return plural("subscriptions.months", months)


# An example of how to name a contract (not a fact: only what to type).
EXAMPLE_TERM_MONTHS, EXAMPLE_START = 12, date(2026, 2, 20)


def contract_terms_rule() -> Phrase:
    """The general rule: minimum terms, then monthly with the notice period."""
    rules = contract_dates.date_rules().contract_terms
    return Phrase("subscriptions.contract_terms", terms=[_duration(m) for m in rules.minimum_terms_months],
                  notice=_duration(rules.notice_period_months))


def plan_change_rule() -> Phrase:
    """The general rule: how often a plan can be changed for free, and when it takes effect."""
    rules = contract_dates.date_rules().plan_change
    return Phrase("subscriptions.plan_change", times=plural("subscriptions.times", rules.free_changes_per_interval),
                  days=rules.interval_days)


@answers("ask_contract_term")
def contract_term(turn: Turn) -> Reply:
    rules = contract_dates.date_rules().contract_terms
    notice = _duration(rules.notice_period_months)
    general = contract_terms_rule()
    start = _given_date(turn)
    term = int(turn.entity_values("term")[0]) if turn.entity_values("term") else None
    if start is None or term is None:
        cancelling = None
        if "cancel" in turn.cues:  # "stel dat ik vandaag opzeg": the end once the minimum term is over
            today = turn.now.date()
            notice_day = start if start is not None and start >= today else today  # a past day is the start
            cancelling = Phrase("subscriptions.contract_end_after_notice", notice=notice_day,
                                end=contract_dates.end_after_notice(notice_day))
        return say(sentences(general, cancelling,
                             Phrase("subscriptions.contract_ask", term=_duration(EXAMPLE_TERM_MONTHS),
                                    day=EXAMPLE_START),
                             Phrase("subscriptions.contract_start_unknown", service=customer_service(lower=True))))
    notice_given = max(start, turn.now.date())
    try:
        answer = contract_dates.earliest_end(start, term, notice_given=notice_given)
    except KnowledgeInputError as error:
        return say(knowledge_error(error, contract_start=start, notice=notice_given))
    return say(Phrase("subscriptions.contract_end", term=_duration(term), start=start,
                      last_day=answer.last_day_of_minimum_term, end=answer.minimum_term_end, notice=notice,
                      deadline=answer.notice_deadline_for_earliest_end, today_end=answer.end_date))


def _day_of_year(month: int, day: int) -> date:
    """A day and month without a year (shown as '1 oktober'); 2000 is a leap year."""
    return date(2000, month, day)


@answers("ask_inflation_correction")
def inflation(turn: Turn) -> Reply:
    rule = contract_dates.date_rules().inflation
    general = Phrase("subscriptions.inflation", day=_day_of_year(rule.month, rule.day),
                     period_start=_day_of_year(*rule.index_period_start),
                     period_end=_day_of_year(*rule.index_period_end), months=rule.min_months_elapsed, url=rule.url)
    found = _dates_in(turn)
    # "hoeveel gaat mijn abonnement omhoog?": the percentage of a year is in no document
    size = Phrase("subscriptions.inflation_size_unknown", url=rule.url, service=customer_service(lower=True)) \
        if "how_much" in turn.cues else None
    if not found:
        return say(sentences(general, size, Phrase("subscriptions.inflation_ask_start")))
    if "first_time" in turn.cues or len(found) > 1 and "someone_else" in turn.cues:
        # "wanneer voor het eerst? gestart 15 juli 2026; mijn zus op 20 juni 2026": each start's first correction
        try:
            firsts = [(start, contract_dates.inflation_correction(start, start).first_applicable) for start in found]
        except KnowledgeInputError as error:
            return say(knowledge_error(error, contract_start=found[0]))
        return say(*[Phrase("subscriptions.inflation_first", start=start, first=first, months=rule.min_months_elapsed)
                     for start, first in firsts], sentences(general, size))
    start = found[0]
    checked = found[1] if len(found) > 1 else turn.now.date()
    try:
        answer = contract_dates.inflation_correction(start, checked)
        first = contract_dates.inflation_correction(start, start).first_applicable
    except KnowledgeInputError as error:
        return say(knowledge_error(error, contract_start=start, checked=checked))
    if answer.applies and first < answer.date_checked and len(found) == 1:
        # "en als het op 20 juni 2021 was ingegaan?": years ago, so when the first one was, and each year since
        verdict = Phrase("subscriptions.inflation_since", start=start, first=first, checked=answer.date_checked,
                         months=rule.min_months_elapsed)
    elif answer.applies:
        verdict = Phrase("subscriptions.inflation_applies", checked=answer.date_checked, start=start,
                         months=rule.min_months_elapsed)
    else:
        verdict = Phrase("subscriptions.inflation_not_yet", checked=answer.date_checked, start=start,
                         months=rule.min_months_elapsed, first=answer.first_applicable)
    return say(verdict, sentences(general, size))


# --- a plan with everything paid per month next to it ----------------------------------

INSURANCE_ID = "toestelverzekering"


def _device_monthly(turn: Turn) -> Optional[Decimal]:
    value = next((e.get("value") for e in turn.entities
                  if e.get("entity") == "amount" and e.get("role") == "device_monthly"), None)
    return Decimal(str(value)) if value is not None else None


def _insured_value(turn: Turn) -> Optional[Decimal]:
    value = next((e.get("value") for e in turn.entities
                  if e.get("entity") == "amount" and e.get("role") == "device_value"), None) or turn.slot("device_value")
    return Decimal(str(value)) if value is not None else None


def is_package(turn: Turn) -> bool:
    """One plan named with other monthly costs to add up: a device paid per month, an insurance
    for a device value, two or more ExtraOpties, or another line (a tablet plan, Kids)."""
    text = turn.text or ""
    if len(subscriptions.plans_named(text)) != 1 or not "sum_asked" in turn.cues:
        return False
    named = extras.find_extras(text)
    insured = any(e.id == INSURANCE_ID for e in named) and _insured_value(turn) is not None
    # "Hussel 15 GB en een Kids abonnement, hoeveel aansluitkosten in totaal?": the fees, not the months
    other_lines = turn.intent not in ("ask_connection_fee", "ask_service_fees") \
        and bool(subscriptions.other_lines_named(text))
    return _device_monthly(turn) is not None or insured or len([e for e in named if e.id != INSURANCE_ID]) >= 2 \
        or other_lines


def is_household(turn: Turn) -> bool:
    """Several plans taken together, each on its calling line ("ik neem Hussel 5 GB en onbeperkt
    bellen, mijn man Hussel 2 GB en 150 min/sms en onze dochter Kids: wat betalen we samen?")."""
    if "sum_asked" not in turn.cues or not {"someone_else", "both_plans", "first_month"} & turn.cues:
        return False
    if "price_difference" in turn.cues:  # "het verschil tussen Hussel 15 en 25 GB, allebei met ...": no sum
        return False
    named = subscriptions.plans_named(turn.text or "")
    return len(named) >= 2 and all(mention.unlimited_calls is not None for mention in named)


def household_total(turn: Turn) -> Reply:
    """Each line named, the month together and, for new customers, the first month with the fees."""
    text = turn.text or ""
    lines = [plan_ for mention in subscriptions.plans_named(text) for plan_ in _plans_for(mention, None)]
    lines += subscriptions.other_lines_named(text)
    reply = _lines_together(turn, lines)
    if {"new_subscription", "first_month"} & turn.cues:
        reply.insert(1, _first_month_of(lines))
    return say(*reply)


def package_total(turn: Turn) -> Reply:
    """"Hussel 25 GB, een toestel van 18 euro per maand, ToestelVerzekering Extra voor een telefoon van
    1.000 euro en ToestelVeilig": each monthly amount, added up per calling line of the plan."""
    from knowledge import insurance

    # product names as the price list writes them, as the plan's own row
    items: list[tuple[Phrase | str, Decimal]] = [(line.name, line.monthly_price)
                                                 for line in subscriptions.other_lines_named(turn.text or "")]
    notes: list[Phrase] = []
    device = _device_monthly(turn)
    if device is not None:
        items.append((Phrase("subscriptions.package_device"), device))
        bounds = subscriptions.device_instalments()
        if not bounds.min_per_month <= device <= bounds.max_per_month:
            notes.append(Phrase("subscriptions.package_device_range", low=bounds.min_per_month,
                                high=bounds.max_per_month))
    for extra in extras.find_extras(turn.text or ""):
        if extra.id == INSURANCE_ID:
            value = _insured_value(turn)
            if value is None:
                notes.append(Phrase("questions.device_value"))  # the insurance's premium needs it
                continue
            said = {"standaard": insurance.Coverage.STANDAARD, "extra": insurance.Coverage.EXTRA}.get(
                next(iter(turn.entity_values("coverage")), None) or turn.slot("coverage") or "")
            try:
                quote = insurance.premium(value, said or insurance.Coverage.STANDAARD)
                both = insurance.premium(value)
            except KnowledgeInputError as error:
                notes.append(knowledge_error(error))
                continue
            chosen = quote.premiums[0]
            items.append((Phrase("subscriptions.package_insurance", name=chosen.name, value=value),
                          chosen.monthly_premium))
            if said is None:
                extra_cover = both.premium(insurance.Coverage.EXTRA)
                notes.append(Phrase("subscriptions.package_standaard_assumed",
                                    difference=extra_cover - chosen.monthly_premium))
        elif extra.price is not None and not extra.free and not extra.one_off:
            items.append((Phrase("common.term", text=extra.name), extra.price))
        elif extra.one_off and extra.price is not None:
            notes.append(Phrase("subscriptions.package_one_off", name=extra.name, price=extra.price))
    lines = []
    for plan_ in plans_talked_about(turn)[:2]:
        rows = [Phrase("extras_services.row", name=plan_.name, price=amount(plan_.monthly_price))]
        rows += [Phrase("extras_services.row", name=name, price=amount(price)) for name, price in items]
        amounts = [plan_.monthly_price] + [price for _, price in items]
        total = sum(amounts, start=Decimal(0))
        lines += [Phrase("subscriptions.package_head", plan=plan_.name), Phrase("subscriptions.plans", plans=rows),
                  Phrase("subscriptions.package_total", amounts=[amount(a) for a in amounts], total=total)]
        if turn.period_months:
            lines.append(over_a_period(Phrase("common.all_together"), total, turn.period_months))
        others = subscriptions.other_lines_named(turn.text or "")
        if others and "first_month" in turn.cues:  # "allebei nieuw: wat betaal ik de eerste maand?"
            lines.append(_first_month_of([plan_] + others))
    return say(*lines, *notes)


# --- two things named by name, compared on price ---------------------------------------

def _named_prices(turn: Turn) -> list[tuple[Phrase | str, Decimal]]:
    """The plans and bundles a message names with their price, in the order named; a Hussel
    plan only when its calling line is said (else it is two prices)."""
    text = turn.text or ""
    named: list[tuple[int, Phrase | str, Decimal]] = []
    for start, mention in subscriptions.plan_mentions(text):
        plan_ = subscriptions.find_plan(mention.data_gb, bool(mention.unlimited_calls)) \
            if mention.unlimited_calls is not None else None
        if plan_ is not None:
            named.append((start, plan_.name, plan_.monthly_price))
    for start, line in subscriptions.other_lines_at(text):
        named.append((start, line.name, line.monthly_price))
    for start, stack in bundles.bundles_named_at(text, _bundle_zone(turn)):
        name: Phrase | str = stack.bundle.name if stack.count == 1 else Phrase(
            "subscriptions.compared_stack", count=stack.count, name=stack.bundle.name, price=stack.bundle.price)
        named.append((start, name, stack.cost))
    return [(name, price) for _, name, price in sorted(named, key=lambda item: item[0])]


def is_comparison(turn: Turn) -> bool:
    """Two plans or bundles named and which is cheaper, or by how much, asked; the plain Hussel
    comparisons ("hoeveel duurder is 15 GB dan 5 GB?") have their own answer."""
    if not {"price_difference", "cheaper_or_dearer"} & turn.cues:
        return False
    text = turn.text or ""
    others = subscriptions.other_lines_at(text) or bundles.bundles_named_at(text, _bundle_zone(turn))
    return bool(others) and len(_named_prices(turn)) >= 2


def _bundle_zone(turn: Turn) -> Optional[Zone]:
    """The BuitenlandBundels of the place talked about (outside the EU), for a bundle named by its size."""
    from actions.answers.abroad import BUNDLE_ZONES, country_named  # abroad imports this module

    found = country_named(turn.slot("country"))
    return found.zone if found is not None and found.zone in BUNDLE_ZONES else None


def comparison(turn: Turn) -> Reply:
    """"Kids 1 GB of Hussel 2 GB met 150 min/sms, welke is goedkoper en hoeveel scheelt het?": each
    price, and the difference between the first two named."""
    text = turn.text or ""
    plans = subscriptions.other_lines_named(text) + [
        p for mention in subscriptions.plans_named(text) for p in _plans_for(mention, _calls_of_the_plan(turn))]
    if "first_month" in turn.cues and len(plans) == 2:
        # "Kids of Hussel 0 GB met onbeperkt bellen: wat kost de eerste maand van elk, en hoeveel goedkoper is Kids?"
        return say(*_first_months_compared(plans))
    named = _named_prices(turn)
    rows = [Phrase("extras_services.row", name=name, price=amount(price)) for name, price in named]
    (first, first_price), (second, second_price) = named[0], named[1]
    if first_price == second_price:
        verdict = Phrase("subscriptions.compared_same", first=first, second=second)
    else:
        (cheap, cheap_price), (dear, dear_price) = sorted(named[:2], key=lambda item: item[1])
        verdict = Phrase("subscriptions.compared", cheaper=cheap, dearer=dear, difference=dear_price - cheap_price)
    return say(Phrase("subscriptions.plans", plans=rows), verdict)
