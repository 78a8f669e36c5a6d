"""KPN Pay: what it is, setting it up, limits and budget, accounts, invoice, removal."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from actions.answers import answers
from actions.answers.phrasing import customer_service, knowledge_error, sentences, silent
from actions.answers.questions import PLATFORM_BUTTONS, question_for
from actions.phrasebook import Phrase
from actions.turn import BLANK, Reply, Turn, say
from knowledge import countries, kpn_pay
from knowledge.errors import KnowledgeInputError


def _steps(*steps: Phrase) -> Phrase:
    return Phrase("kpn_pay.steps", steps=steps)


@answers("kpnpay_what")
def what_is_kpn_pay(turn: Turn) -> Reply:
    limits = kpn_pay.limits()
    if "price_question" in turn.cues and not turn.entity_values("amount"):
        # "kost KPN Pay zelf iets per maand?": the page names no fee for KPN Pay itself
        return say(Phrase("kpn_pay.own_cost_unknown", service=customer_service()), Phrase("kpn_pay.what"),
                   Phrase("kpn_pay.what_limits", per_purchase=limits.per_purchase, per_month=limits.per_month))
    return say(Phrase("kpn_pay.what"),
               Phrase("kpn_pay.what_limits", per_purchase=limits.per_purchase, per_month=limits.per_month),
               Phrase("kpn_pay.what_setup"), buttons=PLATFORM_BUTTONS)


def _setup_steps(platform: str) -> tuple[Phrase, ...]:
    """One phrase per step of the store's own setup (knowledge: kpn_pay.setup_steps)."""
    s = kpn_pay.setup_steps(platform).steps
    if platform == "ios":
        return (Phrase("kpn_pay.setup_ios_link", url=s[0].url),
                Phrase("kpn_pay.setup_ios_payment", section=s[1].labels[0], option=s[1].labels[1]),
                Phrase("kpn_pay.setup_ios_number", option=s[2].labels[0]),
                Phrase("kpn_pay.setup_ios_code"))
    return (Phrase("kpn_pay.setup_android_open"),
            Phrase("kpn_pay.setup_android_methods", option=s[1].labels[0]),
            Phrase("kpn_pay.setup_android_billing", option=s[2].labels[0], alias=s[2].labels[1]),
            Phrase("kpn_pay.setup_android_enable", option=s[3].labels[0]))


def _setup_done(platform: str) -> Phrase:
    after = Phrase("kpn_pay.setup_after")
    return sentences(Phrase("kpn_pay.setup_android_checked"), after) if platform == "android" else after


@answers("kpnpay_setup")
def setup(turn: Turn) -> Reply:
    # "ik zit nu bij Betaalmethoden, wat moet ik kiezen?": the steps from there on
    reached = kpn_pay.step_reached(turn.text)
    if reached is not None:
        rest = _setup_steps(reached.platform)[reached.next_step:]
        if not rest:
            return say(Phrase("kpn_pay.setup_last_step_done", label=reached.label), _setup_done(reached.platform))
        return say(Phrase("kpn_pay.setup_from_step", label=reached.label), _steps(*rest),
                   _setup_done(reached.platform))
    if "both_platforms" in turn.cues:
        # "wat is het verschil tussen instellen op een iPhone en op Android?": both, one after the other
        return say(*_setup_on("ios"), BLANK, *_setup_on("android"))
    platform = turn.slot("platform")
    if platform not in ("ios", "android"):
        return question_for("platform")
    return say(*_setup_on(platform))


def _setup_on(platform: str) -> list[Phrase]:
    if platform == "ios":
        labels = [label for step in kpn_pay.ios_settings_route().steps for label in step.labels]
        return [Phrase("kpn_pay.setup_ios_head"), _steps(*_setup_steps("ios")), _setup_done("ios"), BLANK,
                Phrase("kpn_pay.setup_ios_settings_route", store=labels[0], apple_id=labels[1],
                       payment=labels[2], phone=labels[3], number=labels[4])]
    return [Phrase("kpn_pay.setup_android_head"), _steps(*_setup_steps("android")), _setup_done("android")]


@answers("kpnpay_option_missing")
def option_missing(turn: Turn) -> Reply:
    label, alias = kpn_pay.setup_steps("android").steps[2].labels
    ios = kpn_pay.setup_steps("ios").steps[1].labels
    missing = Phrase("kpn_pay.option_missing", label=label, alias=alias, section=ios[0], option=ios[1],
                     service=customer_service())
    reached = kpn_pay.after_label("android", alias) if alias.lower() in turn.text.lower() else None
    if reached is not None:  # "ik zie alleen KPN/Mobiel": that one is right, and on from there
        return say(missing, Phrase("kpn_pay.setup_from_step", label=alias),
                   _steps(*_setup_steps(reached.platform)[reached.next_step:]), _setup_done(reached.platform))
    return say(missing)


# "Is er een QR-code of link?" is about the setup shortcut, not the sms code.
@answers("kpnpay_sms_code")
def sms_code(turn: Turn) -> Reply:
    if "qr_link" in turn.cues and "sms" not in turn.entity_values("usage"):
        return setup(turn)  # "Is er een QR-code of link?" is about the setup shortcut
    if "not_received" in turn.cues:  # the page does not say what to do when the text never comes
        return say(Phrase("kpn_pay.sms_code"), Phrase("kpn_pay.sms_code_missing", service=customer_service()))
    if "each_time" in turn.cues:  # "moet ik die voortaan bij elke aankoop invullen?": no
        return say(sentences(Phrase("common.no"), Phrase("kpn_pay.sms_code")))
    return say(Phrase("kpn_pay.sms_code"))


@answers("kpnpay_default_method")
def default_method(turn: Turn) -> Reply:
    return say(Phrase("kpn_pay.default_method"))


def _limits_line() -> Phrase:
    """'Met KPN Pay betaal je maximaal € 50,00 per aankoop en ... € 300,00 per maand.'"""
    lim = kpn_pay.limits()
    return Phrase("kpn_pay.limits", per_purchase=lim.per_purchase, per_month=lim.per_month)


@answers("kpnpay_limits")
def limits(turn: Turn) -> Reply:
    changing = "change_limit" in turn.cues  # "kan ik die limiet laten verhogen?", "een eigen lager limiet instellen?"
    if not changing and any(turn.slot(name) is not None
                            for name in {"amount_spent", "purchase_amount"} & set(turn.slot("changed") or ())):
        return budget(turn)  # an amount in this question: what it means for the limits
    # a limit changed is not on the page: say so, with the limits as they are
    reply = say(Phrase("kpn_pay.change_limit_unknown", service=customer_service()), _limits_line()) if changing \
        else say(_limits_line())
    if "invoice_question" in turn.cues:  # "... en waar staan die aankopen op de factuur?": that too
        reply = Reply(body=reply.body + (BLANK,) + invoice(replace(turn, cues=turn.cues - {"limits_question"})).body)
    return reply


@answers("kpnpay_budget")
def budget(turn: Turn) -> Reply:
    spent = turn.slot("amount_spent")
    purchase = turn.slot("purchase_amount")
    lim = kpn_pay.limits()
    count = turn.entity_values("purchase_count")
    if purchase is not None and count and int(count[0]) > 1:  # "7 aankopen van 45 euro, kan dat?"
        try:
            plan = kpn_pay.planned_purchases(Decimal(purchase), int(count[0]), Decimal(spent or 0))
        except KnowledgeInputError as error:
            return say(knowledge_error(error))
        if plan.fitting == 0 and plan.each > plan.per_purchase_limit:
            return say(Phrase("kpn_pay.over_purchase_limit", amount=plan.each, per_purchase=lim.per_purchase,
                              per_month=lim.per_month))
        if plan.all_fit:
            return say(Phrase("kpn_pay.planned_all_fit", count=plan.count, each=plan.each, total=plan.total,
                              per_month=plan.monthly_limit, per_purchase=plan.per_purchase_limit))
        return say(Phrase("kpn_pay.planned_some_fit", count=plan.count, each=plan.each, total=plan.total,
                          fitting=plan.fitting, fitting_total=plan.fitting_total, next=plan.fitting + 1,
                          per_month=plan.monthly_limit))
    if spent is None and purchase is not None and over_purchase_limit(purchase):
        return say(Phrase("kpn_pay.over_purchase_limit", amount=Decimal(purchase), per_purchase=lim.per_purchase,
                          per_month=lim.per_month))
    if spent is None and purchase is not None:
        # "kan ik een game van € 49,99 kopen?": within the per-purchase limit; it only fails
        # when this month's spending leaves less than that
        return say(Phrase("kpn_pay.purchase_within_limit", amount=Decimal(purchase), per_purchase=lim.per_purchase,
                          per_month=lim.per_month, most=lim.per_month - Decimal(purchase)))
    if spent is None:
        return question_for("amount_spent")
    try:
        if purchase is None:
            left = kpn_pay.remaining_this_month(Decimal(spent))
            if left == 0:
                return say(Phrase("kpn_pay.month_limit_reached", per_month=lim.per_month))
            note = Phrase("kpn_pay.per_purchase_note", per_purchase=lim.per_purchase) \
                if min(left, lim.per_purchase) < left else None
            return say(sentences(Phrase("kpn_pay.left_this_month", left=left, per_month=lim.per_month,
                                        spent=Decimal(spent)), note))
        check = kpn_pay.check_purchase(Decimal(purchase), Decimal(spent))
    except KnowledgeInputError as error:
        return say(knowledge_error(error))
    working = Phrase("kpn_pay.working", per_month=check.monthly_limit, spent=check.spent_this_month,
                     left=check.remaining_this_month)
    if check.allowed:
        return say(Phrase("kpn_pay.purchase_fits", amount=check.amount, working=working))
    reasons = []
    if kpn_pay.LimitKind.PER_PURCHASE in check.violations:
        reasons.append(Phrase("kpn_pay.reason_per_purchase", per_purchase=check.per_purchase_limit))
    if kpn_pay.LimitKind.PER_MONTH in check.violations:
        reasons.append(Phrase("kpn_pay.reason_per_month", working=working))
    return say(Phrase("kpn_pay.purchase_refused", amount=check.amount, reasons=reasons,
                      max_now=check.max_purchase_now))


def over_purchase_limit(purchase: str) -> bool:
    """A purchase above the per-purchase limit fails whatever was spent this month."""
    return Decimal(purchase) > kpn_pay.limits().per_purchase


def _account(account: kpn_pay.AccountType) -> Phrase:
    if not account.can_use:
        return Phrase("kpn_pay.account_no", name=account.name)
    if account.settled_via:
        return Phrase("kpn_pay.account_yes_settled", name=account.name, settled_via=account.settled_via)
    return Phrase("kpn_pay.account_yes", name=account.name)


@answers("kpnpay_account_type")
def account_type(turn: Turn) -> Reply:
    wanted = turn.slot("customer_type")
    accounts = {a.id: a for a in kpn_pay.account_types()}
    about_pay = "kpn_pay" in turn.cues or (turn.previous_question or "").startswith("kpnpay_")
    if wanted == "prepaid" and not about_pay:
        return say(sentences(silent(Phrase("kpn_pay.prepaid_rates")), Phrase("kpn_pay.ask_about_prepaid")))
    if wanted == "kleinzakelijk" and not about_pay:
        from actions.answers.extras_services import extra_options
        return extra_options(Turn(text="KleinZakelijke extra's", intent="ask_extra_options", slots=turn.slots,
                                  language=turn.language))
    named = [accounts[kind] for kind in dict.fromkeys(turn.entity_values("customer_type")) if kind in accounts]
    if len(named) > 1 and about_pay:  # "wij hebben EEN MKB en mijn zoon Prepaid, kunnen we allebei?": each
        return say(*(_account(a) for a in named))
    business = [kind for kind in ("kleinzakelijk", "een_mkb") if kind in accounts]
    if "business_generic" in turn.cues and about_pay and (wanted in business or wanted is None):
        # "zakelijke klanten kunnen geen KPN Pay gebruiken, klopt dat?": each kind of business account
        return say(*(_account(accounts[kind]) for kind in sorted(business, key=lambda kind: kind != wanted)))
    if wanted in accounts:
        return say(_account(accounts[wanted]))
    return say(*(_account(a) for a in accounts.values()))


@answers("kpnpay_invoice")
def invoice(turn: Turn) -> Reply:
    """Where purchases appear on the invoice ('Online aankopen') and how to see which they were."""
    body = (_invoice_line(), BLANK) + _purchases_seen(turn)
    if "limits_question" in turn.cues:  # "... en hoeveel kan er maximaal gekocht worden?": that too
        body += (BLANK, _limits_line())
    return Reply(body=body)


def with_purchase_over_the_limit(turn: Turn, reply: Reply) -> Reply:
    """A purchase that fails ("hij wil een aankoop van 70 euro niet afrekenen") above the limit
    per purchase: that limit is why, before the rest of the answer."""
    purchase = turn.slot("purchase_amount")
    if purchase is None or not over_purchase_limit(purchase):
        return reply
    lim = kpn_pay.limits()
    why = Phrase("kpn_pay.over_purchase_limit", amount=Decimal(purchase), per_purchase=lim.per_purchase,
                 per_month=lim.per_month)
    return Reply(body=(why, BLANK) + reply.body, buttons=reply.buttons, footnote=reply.footnote, awaits=reply.awaits)


def with_silent_note(turn: Turn, reply: Reply) -> Reply:
    """A KPN Pay question that names a place abroad (or abroad itself), or another subscription
    to switch to: the documents say nothing about KPN Pay then, so say that first."""
    named = [e for e in turn.entities if e.get("entity") == "country" and e.get("value") != "Nederland"]
    place = countries.find_country(named[0]["value"]).country if named else None
    if place is not None:
        note = Phrase("kpn_pay.abroad_silent", country=place, service=customer_service(lower=True))
    elif not named and "generic_abroad" in turn.cues:  # "werkt kpn pay ook in het buitenland?"
        note = Phrase("kpn_pay.abroad_silent_anywhere", service=customer_service(lower=True))
    elif "other_plan" in turn.cues:  # "blijft kpn pay werken als ik overstap naar een ander abonnement?"
        note = Phrase("kpn_pay.plan_switch_silent", service=customer_service(lower=True))
        if turn.topic not in ("kpnpay_setup", "kpnpay_remove", "kpnpay_account_type"):  # a yes or no would be made up
            return say(note)
    else:
        return reply
    return Reply(body=(note, BLANK) + reply.body, buttons=reply.buttons, footnote=reply.footnote, awaits=reply.awaits)


def _invoice_line() -> Phrase:
    info = kpn_pay.invoice_info()
    return Phrase("kpn_pay.invoice", when=info.when, section=info.section_label)


@answers("kpnpay_view_purchases")
def view_purchases(turn: Turn) -> Reply:
    """Which purchases were made (in the store), and where they are on the KPN invoice."""
    return say(*_purchases_seen(turn), BLANK, _invoice_line())


def _purchases_seen(turn: Turn) -> tuple[Phrase, ...]:
    parts = {
        "ios": Phrase("kpn_pay.view_ios", url=kpn_pay.viewing("ios").guide.steps[0].url),
        "android": Phrase("kpn_pay.view_android"),
    }
    platform = turn.slot("platform")
    chosen = [parts[platform]] if platform in parts else list(parts.values())
    if not kpn_pay.viewing("ios").prepaid_can_view:
        chosen.append(Phrase("kpn_pay.view_prepaid"))
    return Phrase("kpn_pay.view_head"), Phrase("kpn_pay.view_list", items=chosen)


@answers("kpnpay_problem")
def problem(turn: Turn) -> Reply:
    fact = kpn_pay.problem_with_purchase()
    if turn.entity_values("platform") == ["android"]:
        # "ze heeft ook op haar Android-tablet wat gekocht": no route of its own, where it shows, 1200
        reply = say(Phrase("kpn_pay.problem_android", service=customer_service()), BLANK, _invoice_line())
    else:
        reply = say(Phrase("kpn_pay.problem", url=fact.url, view_url=kpn_pay.viewing("ios").guide.steps[0].url,
                           service=customer_service()))
        if "unrecognised_purchase" in turn.cues:  # "een aankoop van 12,99 die ik niet herken": find it by amount
            said = next(iter(turn.entity_values("amount")), None)
            reply = Reply(body=reply.body + (Phrase("kpn_pay.find_by_amount", amount=Decimal(said)) if said
                                             else Phrase("kpn_pay.find_by_amount_unsaid"),))
    if "limits_question" in turn.cues:  # "... en zit daar geen limiet op?": the limits too
        reply = Reply(body=reply.body + (BLANK, _limits_line()))
    return reply


@answers("kpnpay_remove")
def remove(turn: Turn) -> Reply:
    ios, android = kpn_pay.removal_steps("ios").steps, kpn_pay.removal_steps("android").steps
    guides = {
        "ios": (Phrase("kpn_pay.remove_ios_head"),
                _steps(Phrase("kpn_pay.remove_ios_open"),
                       Phrase("kpn_pay.remove_tap", label=ios[2].labels[0]),
                       Phrase("kpn_pay.remove_ios_edit", edit=ios[3].labels[0], phone=ios[3].labels[1]),
                       Phrase("kpn_pay.remove_tap", label=ios[4].labels[0]))),
        "android": (Phrase("kpn_pay.remove_android_head"),
                    _steps(Phrase("kpn_pay.remove_android_open"),
                           Phrase("kpn_pay.remove_android_methods", payments=android[2].labels[0],
                                  methods=android[2].labels[1], more=android[2].labels[2]),
                           Phrase("kpn_pay.remove_android_login"),
                           Phrase("kpn_pay.remove_android_remove", label=android[4].labels[0]))),
    }
    platform = turn.slot("platform")
    chosen = [guides[platform]] if platform in guides else list(guides.values())
    body = [Phrase("kpn_pay.remove_head")]
    for number, guide in enumerate(chosen):
        body += ([BLANK] if number else []) + list(guide)
    return say(*body)


@answers("kpnpay_flitsmeister")
def flitsmeister(turn: Turn) -> Reply:
    if not kpn_pay.flitsmeister().value:
        return say(silent(Phrase("kpn_pay.flitsmeister_topic")))
    return say(Phrase("kpn_pay.flitsmeister"))
