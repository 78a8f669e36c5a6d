"""KPN Pay: what it is, setting it up, limits and budget, accounts, invoice, removal."""
from __future__ import annotations

import re
from decimal import Decimal

from actions.answers import answers
from actions.answers.phrasing import customer_service, eur, numbered, silent, unphrased
from actions.answers.questions import question_for
from actions.turn import Reply, Turn
from knowledge import kpn_pay
from knowledge.errors import KnowledgeInputError

PLATFORM_BUTTONS = (
    {"title": "iPhone of iPad", "payload": '/inform{"platform": "ios"}'},
    {"title": "Android", "payload": '/inform{"platform": "android"}'},
)


def _quoted(labels) -> list[str]:
    return [f"'{label}'" for label in labels]


@answers("kpnpay_what")
def what_is_kpn_pay(turn: Turn) -> Reply:
    limits = kpn_pay.limits()
    return unphrased((
        "Met KPN Pay betaal je aankopen in apps en in de App Store en Google Play Store via je "
        "maandelijkse KPN-rekening. Je hebt er geen creditcard voor nodig, alles staat op 1 factuur "
        "en je ziet altijd wat je uitgeeft. Nieuw: je kunt er ook parkeren mee betalen in Flitsmeister.\n"
        f"Je betaalt maximaal {eur(limits.per_purchase)} per aankoop en {eur(limits.per_month)} per maand.\n"
        "Wil je weten hoe je het instelt?"), buttons=PLATFORM_BUTTONS)


@answers("kpnpay_setup")
def setup(turn: Turn) -> Reply:
    platform = turn.slot("platform")
    if platform not in ("ios", "android"):
        return question_for("platform")
    guide = kpn_pay.setup_steps(platform)
    after = "Daarna is KPN Pay meteen je standaard betaalmethode."
    if platform == "ios":
        s = guide.steps
        settings = kpn_pay.ios_settings_route().steps
        lines = [
            f"Open {s[0].url} op het toestel waarop je KPN Pay wilt gebruiken (of scan de QR-code). "
            "Je komt dan direct bij de goede instellingen.",
            f"Ga naar {_quoted(s[1].labels)[0]} en kies {_quoted(s[1].labels)[1]}.",
            f"Zit je KPN-simkaart of eSIM in dit toestel? Kies dan {_quoted(s[2].labels)[0]}. "
            "Zo niet, vul dan je mobiele nummer van KPN in.",
            "Krijg je een sms met een code? Vul die in. Dat hoeft maar 1 keer, om te checken dat het jouw nummer is.",
        ]
        labels = [label for step in settings for label in step.labels]
        route = (f"Lukt de link niet? Via de Instellingen-app: tik op je naam, dan '{labels[0]}', kies je "
                 f"Apple ID en '{labels[1]}', dan '{labels[2]}', voeg een betaalmethode toe, kies "
                 f"'{labels[3]}' en daarna '{labels[4]}'.")
        text = f"Zo zet je KPN Pay aan in de App Store (iPhone of iPad):\n{numbered(lines)}\n{after}\n\n{route}"
    else:
        s = guide.steps
        lines = [
            "Open de Google Play Store-app (of scan de QR-code, dan kom je direct op de goede plek).",
            f"Kies {_quoted(s[1].labels)[0]}.",
            f"Kies {_quoted(s[2].labels)[0]}. Heet het bij jou {_quoted(s[2].labels)[1]}? Ook goed: "
            "als er KPN in staat, zit je goed.",
            f"Tik op {_quoted(s[3].labels)[0]}.",
        ]
        text = (f"Zo zet je KPN Pay aan in de Play Store (Android):\n{numbered(lines)}\n"
                f"Je nummer wordt dan aangemeld en gecontroleerd; na goedkeuring staat het aan. {after}")
    return unphrased(text)


@answers("kpnpay_option_missing")
def option_missing(turn: Turn) -> Reply:
    label, alias = kpn_pay.setup_steps("android").steps[2].labels
    ios = kpn_pay.setup_steps("ios").steps[1].labels
    return unphrased((
        f"Op Android heet de optie niet altijd '{label}': soms staat er '{alias}'. Zolang er KPN in "
        f"de naam staat, is het de goede. Op een iPhone of iPad vind je KPN Pay onder '{ios[0]}' > "
        f"'{ios[1]}'. Zie je het nog steeds niet? {customer_service()}"))


# "Is er een QR-code of link?" is about the setup shortcut, not the sms code.
QR_OR_LINK = re.compile(r"\bqr\b|\bqr-?code|\blink(je)?\b")


@answers("kpnpay_sms_code")
def sms_code(turn: Turn) -> Reply:
    lowered = (turn.text or "").lower()
    if QR_OR_LINK.search(lowered) and "sms" not in lowered:
        return setup(turn)
    return unphrased((
        "Bij het instellen kun je een sms met een code krijgen. Dat gebeurt maar 1 keer: het is alleen "
        "om te controleren dat het jouw nummer is. Daarna betaal je zonder code met KPN Pay."))


@answers("kpnpay_default_method")
def default_method(turn: Turn) -> Reply:
    return unphrased((
        "Ja. Zodra KPN Pay aanstaat, is het meteen je standaard betaalmethode in je app-winkel. "
        "Vanaf dan betaal je elke aankoop daar met KPN Pay."))


@answers("kpnpay_limits")
def limits(turn: Turn) -> Reply:
    if turn.slot("amount_spent") or turn.slot("purchase_amount"):
        return budget(turn)
    lim = kpn_pay.limits()
    return unphrased((f"Met KPN Pay betaal je maximaal {eur(lim.per_purchase)} per aankoop en in "
                       f"totaal maximaal {eur(lim.per_month)} per maand."))


@answers("kpnpay_budget")
def budget(turn: Turn) -> Reply:
    spent = turn.slot("amount_spent")
    purchase = turn.slot("purchase_amount")
    lim = kpn_pay.limits()
    if spent is None and purchase is not None and over_purchase_limit(purchase):
        return unphrased((f"Nee, een aankoop van {eur(Decimal(purchase))} kan niet met KPN Pay: 1 aankoop mag maximaal "
                           f"{eur(lim.per_purchase)} kosten (en per maand kun je maximaal {eur(lim.per_month)} betalen)."))
    if spent is None:
        return question_for("amount_spent")
    try:
        if purchase is None:
            left = kpn_pay.remaining_this_month(Decimal(spent))
            now = min(left, lim.per_purchase)
            text = (f"Je kunt deze maand nog {eur(left)} met KPN Pay betalen: "
                    f"{eur(lim.per_month)} − {eur(Decimal(spent))} = {eur(left)}.")
            if left == 0:
                text = (f"Je hebt het maximum van {eur(lim.per_month)} per maand bereikt; deze maand kun je "
                        "niets meer met KPN Pay betalen. Volgende maand kan het weer.")
            elif now < left:
                text += f" Let op: 1 aankoop mag maximaal {eur(lim.per_purchase)} kosten."
            return unphrased(text)
        check = kpn_pay.check_purchase(Decimal(purchase), Decimal(spent))
    except KnowledgeInputError as error:
        return unphrased(error.message)
    working = (f"{eur(check.monthly_limit)} − {eur(check.spent_this_month)} = "
               f"{eur(check.remaining_this_month)} over deze maand")
    if check.allowed:
        return unphrased(f"Ja, een aankoop van {eur(check.amount)} kan nog: {working}.")
    reasons = []
    if kpn_pay.LimitKind.PER_PURCHASE in check.violations:
        reasons.append(f"1 aankoop mag maximaal {eur(check.per_purchase_limit)} kosten")
    if kpn_pay.LimitKind.PER_MONTH in check.violations:
        reasons.append(f"je hebt nog maar {working}")
    return unphrased((f"Nee, een aankoop van {eur(check.amount)} gaat niet: " + " en ".join(reasons)
                       + f". Je grootste aankoop nu kan {eur(check.max_purchase_now)} zijn."))


def over_purchase_limit(purchase: str) -> bool:
    """A purchase above the per-purchase limit fails whatever was spent this month."""
    return Decimal(purchase) > kpn_pay.limits().per_purchase


@answers("kpnpay_account_type")
def account_type(turn: Turn) -> Reply:
    wanted = turn.slot("customer_type")
    phrasing = {
        "prepaid": lambda a: "Ja, met KPN Prepaid kun je KPN Pay gebruiken. Je aankopen worden dan "
                             f"automatisch verrekend met je {a.settled_via}. Terugzien welke aankopen je deed kan "
                             "met Prepaid niet, want het bedrag gaat direct van je beltegoed af.",
        "kleinzakelijk": lambda a: "Ja, met KPN Kleinzakelijk kun je KPN Pay gebruiken.",
        "een_mkb": lambda a: "Nee, met een zakelijk KPN EEN MKB-abonnement kun je geen aankopen doen met KPN Pay.",
    }
    accounts = {a.id: a for a in kpn_pay.account_types()}
    lowered = (turn.text or "").lower()
    about_pay = re.search(r"\b(pay|aankoop|aankopen|app|apps|store|kopen|gekocht|flitsmeister)\b", lowered)
    if wanted == "prepaid" and not about_pay:
        return unphrased(silent("de tarieven van KPN Prepaid") + " Wil je iets weten over KPN Pay met Prepaid? Vraag het gerust.")
    if wanted == "kleinzakelijk" and not about_pay:
        from actions.answers.extras_services import extra_options
        return extra_options(Turn(text="KleinZakelijke extra's", intent="ask_extra_options", slots=turn.slots))
    if wanted in accounts:
        return unphrased(phrasing[wanted](accounts[wanted]))
    return unphrased("\n".join(phrasing[key](account) for key, account in accounts.items()))


@answers("kpnpay_invoice")
def invoice(turn: Turn) -> Reply:
    info = kpn_pay.invoice_info()
    return unphrased((f"Je aankopen in de app stores komen vanzelf op je {info.when} van KPN, "
                       f"onder het kopje '{info.section_label}'. Met KPN Prepaid gaan ze van je beltegoed af."))


@answers("kpnpay_view_purchases")
def view_purchases(turn: Turn) -> Reply:
    ios = kpn_pay.viewing("ios")
    parts = {
        "ios": (f"iPhone/iPad: ga naar {ios.guide.steps[0].url} en log in met je Apple ID en wachtwoord. "
                "Je ziet dan een lijst met je aankopen; weet je alleen het bedrag, zoek dan op het bedrag."),
        "android": ("Android: open de Play Store en tik op de menuknop linksboven. Via dat menu kom je bij "
                    "je Google-account, Mijn Apps en de instellingen."),
    }
    platform = turn.slot("platform")
    chosen = [parts[platform]] if platform in parts else list(parts.values())
    chosen.append("Met KPN Prepaid kun je een aankoop niet terugzien, want die gaat van je beltegoed af.")
    return unphrased("Zo zie je welke aankopen je hebt gedaan:\n" + "\n".join(f"- {p}" for p in chosen))


@answers("kpnpay_problem")
def problem(turn: Turn) -> Reply:
    fact = kpn_pay.problem_with_purchase()
    return unphrased((f"Klopt er iets niet met een aankoop in de App Store? Meld het bij Apple; uitleg staat "
                       f"op {fact.url}. Je aankopen terugzien kan via reportaproblem.apple.com. Voor een "
                       f"aankoop in de Google Play Store staat er in mijn informatie geen aparte route. "
                       f"{customer_service()}"))


@answers("kpnpay_remove")
def remove(turn: Turn) -> Reply:
    ios, android = kpn_pay.removal_steps("ios").steps, kpn_pay.removal_steps("android").steps
    guides = {
        "ios": "In de App Store (iPhone/iPad):\n" + numbered([
            "Open Instellingen en tik op je naam (Apple ID).",
            f"Tik op '{ios[2].labels[0]}'.",
            f"Tik op '{ios[3].labels[0]}' en dan op '{ios[3].labels[1]}'.",
            f"Tik op '{ios[4].labels[0]}'.",
        ]),
        "android": "In de Google Play Store (Android):\n" + numbered([
            "Open de Play Store-app en tik op het menu linksboven.",
            f"Kies '{android[2].labels[0]}' en ga naar '{android[2].labels[1]}'; daar staat "
            f"'{android[2].labels[2]}'.",
            "Log in als dat gevraagd wordt.",
            f"Tik onder de betaalmethode die je wilt verwijderen en daarna nog een keer op '{android[4].labels[0]}'.",
        ]),
    }
    platform = turn.slot("platform")
    chosen = [guides[platform]] if platform in guides else list(guides.values())
    return unphrased("Zo haal je KPN Pay weg als betaalmethode.\n" + "\n\n".join(chosen))


@answers("kpnpay_flitsmeister")
def flitsmeister(turn: Turn) -> Reply:
    return unphrased(("Ja, parkeren betalen met KPN Pay kan in Flitsmeister: stel in de Flitsmeister-app "
                       "KPN Pay in als betaalmethode."))
