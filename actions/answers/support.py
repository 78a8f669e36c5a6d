"""What customers bring to a support chat beyond prices: complaints, a lost or stolen phone,
something that does not work, KPN Pay that fails, and questions only their own account can
answer. Each answer says what the documents say, never invents an amount the assistant
cannot see, and gives the human route (1200)."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers import extras_services as extras_answers
from actions.answers import subscriptions as subscriptions_answers
from actions.answers.phrasing import customer_service
from actions.phrasebook import Phrase
from actions.turn import BLANK, Reply, Turn, say
from knowledge import countries, insurance, kpn_pay, roaming, services, subscriptions, terms
from knowledge.countries import Zone

ABROAD_ZONES = (Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET)


def _service(service_id: str) -> services.Service:
    return next(s for s in services.services() if s.id == service_id)


def _place(turn: Turn) -> Optional[countries.Country]:
    name = turn.slot("country")
    return countries.find_country(name).country if name else None


def reaching_customer_service(turn: Turn) -> Optional[Phrase]:
    """From outside the EU the call to customer service costs the roaming rate there."""
    place = _place(turn)
    if place is None or place.zone not in ABROAD_ZONES:
        return None
    desk = services.customer_service()
    rates = roaming.zone_rates(place.zone)
    return Phrase("support.service_from_abroad", country=place, price=desk.outside_eu_price_text,
                  rate=rates.call_per_minute, minimum=rates.call_minimum_seconds)


def cannot_see() -> Phrase:
    return Phrase("support.cannot_see")


def account_route() -> Phrase:
    return Phrase("support.account_route", service=customer_service())


def act_route() -> Phrase:
    return Phrase("support.act_route", service=customer_service())


def acknowledgement() -> Phrase:
    return Phrase("support.acknowledge")


def human_route() -> Phrase:
    return Phrase("support.human_route", service=customer_service())


@answers("complaint")
def complaint(turn: Turn) -> Reply:
    lines = [Phrase("support.complaint", service=customer_service())]
    for fee in _fees_meant(turn):  # "33,88 voor een heraansluiting??": what the price list says it is
        lines.append(Phrase("support.complaint_fee", name=fee.name, price=fee.price))
    abroad = reaching_customer_service(turn)
    if abroad is not None:
        lines.append(abroad)
    return say(*lines)


@answers("lost_or_stolen")
def lost_or_stolen(turn: Turn) -> Reply:
    block, sim = _service("block_after_theft"), _service("sim_request")
    rules = insurance.insurance_rules()
    finder = next((e for e in _extras() if e.android_only), None)
    lines = [Phrase("support.lost_block", service=customer_service(), block=block.name, price=block.price_text,
                    sim_price=sim.price_text)]
    if "own_account" in turn.cues:  # "is mijn nummer al geblokkeerd?": that, the assistant cannot see
        lines.insert(0, cannot_see())
    abroad = reaching_customer_service(turn)
    if abroad is not None:
        lines.append(abroad)
    lines += [BLANK, Phrase("support.lost_insurance", url=rules.coverage_terms_url)]
    if finder is not None:
        lines.append(Phrase("support.lost_finder", name=finder.name, price=finder.price))
    return say(*lines)


def _fees_meant(turn: Turn) -> list:
    """The 'Diensten' rows a message names or whose exact price it mentions."""
    named = services.find_services(turn.text or "")
    priced = [fee for value in turn.entity_values("amount") for fee in services.services_priced(Decimal(value))]
    return [fee for fee in dict.fromkeys(named + priced) if fee.price is not None]


def _extras():
    from knowledge import extras
    return extras.extras()


# What the message says does not work (words of the customer, not facts).
SIM_WORDS = re.compile(r"\b(sim\w*|e-?sim|puk\w*|pin\s*code|pincode|simkaart)\b", re.I)
DATA_WORDS = re.compile(r"\b(internet\w*|data|4g|5g|traag|langzaam|slow|mobile data|surfen)\b", re.I)
COVERAGE_WORDS = re.compile(r"\b(bereik|dekking|signaal|netwerk|verbinding|signal|coverage|reception|no service)\b", re.I)


@answers("service_problem")
def service_problem(turn: Turn) -> Reply:
    text = turn.text or ""
    speeds = terms.speeds()
    lines = [Phrase("support.problem_intro")]
    checks = []
    if SIM_WORDS.search(text) or not (DATA_WORDS.search(text) or COVERAGE_WORDS.search(text)):
        pin, sim = _service("pin_puk"), _service("sim_request")
        checks.append(Phrase("support.check_sim", pin=pin.name, pin_price=pin.price_text, sim_price=sim.price_text))
    if DATA_WORDS.search(text):
        checks.append(Phrase("support.check_data_used_up", down=speeds.reduced_down_kbit_per_s,
                             up=speeds.reduced_up_kbit_per_s))
        place = _place(turn)
        if place is not None and place.zone in ABROAD_ZONES:
            protection = roaming.internet_protection()
            rate = roaming.zone_rates(place.zone).data_per_mb
            checks.append(Phrase("support.check_abroad_block", limit=protection.limit, period=protection.period,
                                 keyword=protection.lift_keyword, number=protection.lift_number,
                                 place=Phrase("support.on_a_ship") if place.zone == Zone.SATELLIET
                                 else Phrase("support.in_country", country=place),
                                 rate=rate, block_at=protection.block_at_mb(rate)))
    checks.append(Phrase("support.check_coverage", url=speeds.coverage_map_url))
    lines += [Phrase("support.checks", items=tuple(checks)), Phrase("support.problem_then", service=customer_service())]
    return say(*lines)


# The account fact a question is about (customer's words).
BLOCKED = re.compile(r"\b(geblokkeerd|blokkade|afgesloten|blocked|cut off|disconnected|werkt\s+niet\s+meer)\b", re.I)
BILL = re.compile(r"\b(rekening|factuur|afschrijving|bedrag|\w*kosten|duur|hoog|zoveel|veel\s+betaald|bill|invoice|charged|"
                  r"expensive|so\s+much)\b", re.I)
CONTRACT = re.compile(r"\b(contract\w*|looptijd|opzeg\w*|afgelopen|loopt\s+\w*\s*af|einddatum|verleng\w*|"
                      r"cancel\w*|notice|ends?)\b", re.I)
PLAN_CHANGE = re.compile(r"\b(wissel\w*|aanpass\w*|aangepast|veranderd?|omzetten|switch\w*|change[ds]?)\b", re.I)
USAGE_LEFT = re.compile(r"\b(over|verbruik\w*|tegoed|nog\s+(aan\s+)?(data|minuten|mb|gb)|left|remaining|usage)\b", re.I)


@answers("account_question")
def account_question(turn: Turn) -> Reply:
    text = turn.text or ""
    lines = [cannot_see()]
    # "a 3.96 euro option on my bill I don't recognise": the ExtraOptie with that price
    lines += [extras_answers.extra_summary(extra) for extra in extras_answers.extras_named_by_price(turn)]
    if BLOCKED.search(text):
        protection = roaming.internet_protection()
        reconnection = _service("reconnection")
        lines.append(Phrase("support.blocked_rules", limit=protection.limit, period=protection.period,
                            keyword=protection.lift_keyword,
                            number=protection.lift_number, reconnection=reconnection.price))
    elif BILL.search(text):
        nl_eu = roaming.zone_rates(Zone.NL_EU)
        reminder = _service("reminder_fee")
        online = _service("itemised_bill_online")
        lines.append(Phrase("support.bill_rules", call=nl_eu.call_per_minute, sms=nl_eu.sms_shown,
                            section=kpn_pay.invoice_info().section_label, reminder=reminder.price,
                            online=online.name, online_price=online.price_text,
                            invoice_url=terms.price_list_conditions().invoice_url))
        place = _place(turn)
        if place is not None and place.zone in ABROAD_ZONES:  # "na twee weken Turkije is mijn rekening 87 euro"
            rates = roaming.zone_rates(place.zone)
            lines.append(Phrase("support.bill_abroad", country=place, call=rates.call_per_minute,
                                called=rates.called_per_minute, sms=rates.sms_shown, data=rates.data_per_mb,
                                limit=roaming.internet_protection().limit))
    elif PLAN_CHANGE.search(text):  # "ik heb mijn abonnement net aangepast, mag dat alweer?"
        lines.append(subscriptions_answers.plan_change_rule())
    elif CONTRACT.search(text):  # "tot wanneer loopt mijn contract?"
        lines.append(subscriptions_answers.contract_terms_rule())
    elif USAGE_LEFT.search(text):
        notifications = {n.id: n for n in terms.notifications()}
        lines.append(Phrase("support.usage_rules", percents=tuple(
            Phrase("common.percent", n=p) for p in notifications["bundle"].percent)))
    lines.append(account_route())
    return say(*lines)


@answers("kpnpay_not_working")
def kpnpay_not_working(turn: Turn) -> Reply:
    ios, android = kpn_pay.setup_steps("ios").steps, kpn_pay.setup_steps("android").steps
    limits = kpn_pay.limits()
    accounts = {a.id: a for a in kpn_pay.account_types()}
    checks = [
        Phrase("support.pay_check_method", ios_where=ios[1].labels[0], ios_option=ios[1].labels[1],
               android_where=android[1].labels[0], android_option=android[2].labels[0],
               android_alias=android[2].labels[1]),
        Phrase("support.pay_check_code"),
        Phrase("support.pay_check_limits", per_purchase=limits.per_purchase, per_month=limits.per_month),
    ]
    if not accounts["een_mkb"].can_use:
        checks.append(Phrase("support.pay_check_account"))
    if "prepaid" in accounts:
        checks.append(Phrase("support.pay_check_prepaid", settled=accounts["prepaid"].settled_via))
    return say(Phrase("support.pay_intro"), Phrase("support.checks", items=tuple(checks)),
               Phrase("support.pay_then", service=customer_service()))


def unlimited_plan_names() -> tuple[str, ...]:
    return tuple(p.name for p in subscriptions.plans() if p.unlimited_data)
