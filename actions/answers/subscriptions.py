"""Subscriptions: Hussel prices and advice, Kids, tablet, terms of the bundle and the
contract, with the date rules computed when the user gives a date."""
from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from typing import Optional

from actions.answers import answers
from actions.answers.costs import cost_lines, usage_of
from actions.answers.phrasing import number, customer_service, eur, rate, unphrased
from actions.turn import Reply, Turn
from knowledge import contract_dates, countries, roaming, subscriptions, terms
from knowledge.countries import Zone
from knowledge.dutch_dates import format_date
from knowledge.errors import KnowledgeInputError

UNLIMITED_CALLS = re.compile(r"(onbeperkt|onbeperkte|unlimited)\s+(bel|min|sms)|(veel|vaak|heel veel|ontzettend veel)\s+(bel|aan de telefoon)|bel\w*\s+(heel\s+)?(veel|vaak)")
FEW_CALLS = re.compile(r"\b150\b|(weinig|nauwelijks|bijna nooit|niet veel|zelden)\s+(bel|aan de telefoon)|bel\w*\s+(bijna\s+)?(weinig|nauwelijks|zelden|nooit)")
UNLIMITED_DATA = re.compile(r"onbeperkt\w*\s+(data|internet|gb)|(data|internet)\s+onbeperkt|unlimited data")
TERM = re.compile(r"\b(1|2|een|twee)[- ]?(jarig|jaar|jaars)|\b(1|een)[- ]?maand|maandcontract|maand opzegbaar|\b(12|24)\s+maanden")


def _plan_line(plan: subscriptions.Plan) -> str:
    return f"{plan.name}: {eur(plan.monthly_price)} per maand"


@answers("ask_plan")
def plan(turn: Turn) -> Reply:
    text = (turn.text or "").lower()
    mb = turn.slot("data_mb")
    data_gb: Optional[Decimal] = Decimal(mb) / 1000 if mb else None
    if UNLIMITED_DATA.search(text):
        data_gb = Decimal(100)  # more than any fixed bundle: only onbeperkt data fits
    many, few = bool(UNLIMITED_CALLS.search(text)), bool(FEW_CALLS.search(text))
    unlimited_calls: Optional[bool] = None if many == few else many  # both named: compare both lines
    if data_gb is None and unlimited_calls is None:
        rows = "\n".join(f"- {_plan_line(p)}" for p in subscriptions.plans())
        return unphrased(f"De Hussel-abonnementen (sim only, prijzen per maand incl. btw):\n{rows}\n"
                          "Vertel me hoeveel data je ongeveer gebruikt en of je veel belt, dan zoek ik de goedkoopste voor je.")
    try:
        advice = subscriptions.advise_plan(data_gb=data_gb, unlimited_calls=unlimited_calls)
    except KnowledgeInputError as error:
        return unphrased(error.message)
    if not advice.options:
        return unphrased(f"Daar past geen Hussel-abonnement bij. {customer_service()}")
    need = "" if data_gb is None or UNLIMITED_DATA.search(text) else f" voor {number(data_gb)} GB"
    if len(advice.options) == 1:
        best = advice.best
        text_out = f"Het goedkoopste abonnement{need} is {best.name}: {eur(best.monthly_price)} per maand."
    else:
        options = "\n".join(f"- {_plan_line(p)}" for p in advice.options)
        text_out = f"De goedkoopste abonnementen{need}:\n{options}\nBel je veel, neem dan onbeperkt bellen/sms."
    if re.search(r"\b(nieuw\w*|aansluit\w*|afsluiten|overstappen)\b", text):
        fee = subscriptions.connection_fee()
        text_out += f"\nBij een nieuw abonnement betaal je eenmalig {eur(fee.amount)} aansluitkosten."
    if any(p.unlimited_data for p in advice.options):
        rules = subscriptions.unlimited_data_rules()
        text_out += (f"\nMet onbeperkt data krijg je in Nederland elke dag {rules.daily_bundle_nl_gb} GB (op = gratis "
                     f"'{rules.free_option}' aanzetten) en in de EU {rules.eu_limit_gb_per_month} GB per maand.")
    return unphrased(text_out)



@answers("ask_kids_plan")
def kids(turn: Turn) -> Reply:
    plan = subscriptions.kids_plan()
    rules = subscriptions.kids_rules()
    notes = []
    if rules.standalone and not rules.switch_to_hussel_within_contract:
        notes.append("het is een los abonnement: binnen je contract kun je niet overstappen naar een Hussel-abonnement")
    if not rules.extra_options_allowed and not rules.buitenland_bundles_allowed:
        notes.append("je kunt er geen ExtraOptie of BuitenlandBundel bij bestellen")
    if not rules.connection_fee:
        notes.append("je betaalt geen aansluitkosten")
    return unphrased((
        f"{plan.name} kost {eur(plan.monthly_price)} per maand: onbeperkt bellen en sms'en en "
        f"{number(plan.data_gb)} GB data in NL/EU. Goed om te weten:\n" + ";\n".join(f"- {n}" for n in notes) + "."))


@answers("ask_tablet_plan")
def tablet(turn: Turn) -> Reply:
    plans = subscriptions.tablet_plans()
    mb = turn.slot("data_mb")
    lines = "\n".join(f"- {p.name}: {eur(p.monthly_price)} per maand (ook met tablet, 2 jaar: "
                      f"{eur(p.monthly_price_with_device)})" for p in plans)
    text = f"Voor je tablet zijn er de Mobiel Internet-abonnementen (alleen data, in NL/EU):\n{lines}"
    if mb:
        advice = subscriptions.advise_plan(data_gb=Decimal(mb) / 1000, tablet=True)
        text = (f"Voor {number(Decimal(mb) / 1000)} GB op je tablet: {advice.best.name}, {eur(advice.best.monthly_price)} per maand."
                if advice.best else f"Meer dan {number(max(p.data_gb for p in plans))} GB heeft geen tablet-abonnement.") + "\n" + text
    fee = subscriptions.connection_fee()
    return unphrased(text + f"\nNieuw abonnement: eenmalig {eur(fee.tablet_amount)} aansluitkosten.")


@answers("ask_connection_fee")
def connection_fee(turn: Turn) -> Reply:
    fee = subscriptions.connection_fee()
    kids_plan = subscriptions.kids_plan()
    if re.search(r"\bkids?\b|kind", (turn.text or "").lower()):
        return unphrased(f"Nee, voor {kids_plan.name} betaal je geen aansluitkosten.")
    return unphrased((f"Bij een nieuw abonnement betaal je eenmalig {eur(fee.amount)} aansluitkosten. "
                       f"Bij {kids_plan.name} betaal je geen aansluitkosten."))


@answers("ask_unlimited_data")
def unlimited_data(turn: Turn) -> Reply:
    r = subscriptions.unlimited_data_rules()
    text = (turn.text or "").lower()
    nl = (f"In Nederland begin je elke dag met {r.daily_bundle_nl_gb} GB. Is die op, dan gaat je snelheid "
          f"omlaag; met de gratis optie '{r.free_option}' heb je weer volle snelheid. Die kun je per dag zo "
          f"vaak aanzetten als je nodig hebt.")
    eu = (f"In de EU (buiten Nederland) geldt een limiet van {r.eu_limit_gb_per_month} GB per maand; daarna gaat "
          f"je snelheid omlaag. Voor weer volle snelheid koop je een extra EU-bundel: "
          f"{eur(r.extra_eu_bundle_price)} voor {r.extra_eu_bundle_mb} MB.")
    share = f"Je kunt maximaal {r.sharing_max_gb_per_month} GB per maand delen met andere KPN Mobiel-abonnementen op hetzelfde adres."
    in_eu = re.search(r"\b(eu|europa|buitenland|vakantie|extra eu|1000 ?mb)\b", text) or \
        (turn.slot("country") and countries.find_country(turn.slot("country")).country is not None
         and countries.find_country(turn.slot("country")).country.zone == Zone.NL_EU)
    if in_eu:
        mb = turn.slot("data_mb")
        extra = ""
        if mb and Decimal(mb) > 0:
            count = math.ceil(Decimal(mb) / r.extra_eu_bundle_mb)
            extra = (f"\nVoor {number(Decimal(mb) / 1000)} GB extra met volle snelheid: {count} × {eur(r.extra_eu_bundle_price)} = "
                     f"{eur(count * r.extra_eu_bundle_price)}.")
        return unphrased(f"Hussel onbeperkt data in de EU: {eu}{extra}")
    if re.search(r"\b(kost|kosten|prijs|prijzen|betaal)\b", text):
        return plan(turn)  # "wat kost onbeperkt data met 150 minuten?" is a price question
    if re.search(r"\bdel(en)?\b", text):
        return unphrased(share)
    return unphrased(f"Zo werkt Hussel onbeperkt data:\n- {nl}\n- {eu}\n- {share}")


@answers("ask_data_sharing")
def data_sharing(turn: Turn) -> Reply:
    r = subscriptions.unlimited_data_rules()
    return unphrased((f"Met Hussel onbeperkt data kun je maximaal {r.sharing_max_gb_per_month} GB per maand delen "
                       "met andere KPN Mobiel-abonnementen op hetzelfde adres. De voorwaarden voor MB-delen staan "
                       "op kpn.com. Voor de andere abonnementen staat delen niet in de prijslijst."))


@answers("ask_speed")
def speed(turn: Turn) -> Reply:
    s = terms.speeds()
    return unphrased((f"Je internetsnelheid is in principe maximaal {s.max_mbit_per_s} Mbit/s; wat je echt haalt "
                       "hangt af van je toestel, de dekking en de drukte op het netwerk (zie "
                       f"{s.coverage_map_url}). Is je data op, dan gaat je snelheid omlaag naar maximaal "
                       f"{s.reduced_down_kbit_per_s} Kbit/s download en {s.reduced_up_kbit_per_s} Kbit/s upload. "
                       "Dat verbruik kost je niets extra."))


@answers("ask_notifications")
def notifications(turn: Turn) -> Reply:
    by_id = {n.id: n for n in terms.notifications()}
    pct = lambda n: ", ".join(f"{p}%" for p in by_id[n].percent)  # noqa: E731
    return unphrased(("Ja, je krijgt een sms als je bundel opraakt:\n"
                       f"- je bundel: bij {pct('bundle')}\n"
                       f"- de dagbundels van Hussel onbeperkt data: bij {pct('hussel_unlimited_day_bundle')}\n"
                       f"- een BuitenlandBundel: bij {pct('buitenland_bundle')}\n"
                       f"- de internetbescherming in het buitenland: bij {pct('internet_protection')}"))


@answers("ask_carry_over")
def carry_over(turn: Turn) -> Reply:
    t = terms.bundle_terms()
    return unphrased((f"Nee, je bundel is {t.validity} geldig. Wat je overhoudt aan minuten, sms'jes of data "
                       "neem je niet mee naar de volgende maand."))


@answers("ask_discount")
def discount(turn: Turn) -> Reply:
    return unphrased(("Het kan zijn dat je bij het afsluiten korting hebt gekregen; dan betaal je per maand minder "
                       "dan de prijslijst. Welke korting voor jou geldt, zie je op je rekening of in je contract."))


@answers("ask_price_validity")
def price_validity(turn: Turn) -> Reply:
    c = terms.price_list_conditions()
    btw = "inclusief btw" if c.vat_included else "exclusief btw"
    return unphrased((f"Deze tarieven gelden voor contracten vanaf {format_date(c.valid_from)}. Alle prijzen zijn "
                       f"{btw}. De actuele tarieven vind je op {c.latest_url}; uitleg over je factuur op {c.invoice_url}."))


@answers("ask_device_instalments")
def device_instalments(turn: Turn) -> Reply:
    d = subscriptions.device_instalments()
    return unphrased((f"Een toestel betaal je met een 1- of 2-jarig abonnement per maand: {eur(d.min_per_month)} tot "
                       f"{eur(d.max_per_month)}, afhankelijk van de looptijd en het toestel. Bij een looptijd van 1 maand "
                       "koop je het toestel alleen in één keer. Wat een bepaald toestel kost, staat op kpn.com/mobiel."))


@answers("ask_out_of_bundle")
def out_of_bundle(turn: Turn) -> Reply:
    usage = usage_of(turn)
    rates = roaming.zone_rates(Zone.NL_EU)
    speeds = terms.speeds()
    if usage.call_seconds or usage.sms:
        try:
            breakdown = roaming.out_of_bundle_nl_eu(call_seconds=usage.call_seconds, sms=usage.sms)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        return unphrased(f"Buiten je bundel in NL/EU:\n{cost_lines(breakdown)}\n(Gesprekken per seconde, geen starttarief.)")
    return unphrased((f"Buiten je bundel betaal je in Nederland en de EU {rate(rates.call_per_minute)} per belminuut "
                       f"(per seconde, geen starttarief) en {rate(rates.sms_shown)} per sms (precies: {rate(rates.sms)}). "
                       f"Is je data op, dan betaal je niets extra: je snelheid gaat omlaag naar {speeds.reduced_down_kbit_per_s} Kbit/s."))


# --- contract and date rules -------------------------------------------------------

def _given_date(turn: Turn) -> Optional[date]:
    value = turn.slot("date")
    return date.fromisoformat(value[:10]) if value else None


@answers("ask_plan_change")
def plan_change(turn: Turn) -> Reply:
    rules = contract_dates.date_rules().plan_change
    general = (f"Na de ingangsdatum van je contract kun je je abonnement 1 keer per {rules.interval_days} dagen "
               "gratis hoger of lager zetten. De wijziging gaat in op de 1e van de volgende maand.")
    from knowledge import dutch_dates
    days = [d.day for d in dutch_dates.find_dutch_datetimes(turn.text or "", turn.now.date())
            if isinstance(d, dutch_dates.ParsedDate)]
    if len(days) >= 2:  # "op 3 mei aangepast, kan ik op 20 mei weer gratis?"
        last, requested = days[0], days[1]
        try:
            verdict = contract_dates.plan_change(last, requested, last_change=last)
        except KnowledgeInputError as error:
            return unphrased(error.message)
        if verdict.free:
            return unphrased((f"Ja: {format_date(requested)} is {rules.interval_days} dagen of meer na je vorige wijziging "
                               f"({format_date(last)}), dus dan kan het gratis. De wijziging gaat in op "
                               f"{format_date(verdict.effective_date)}."))
        return unphrased((f"Nee, nog niet gratis: je kunt 1 keer per {rules.interval_days} dagen gratis wijzigen en je "
                           f"vorige wijziging was op {format_date(last)}. Vanaf {format_date(verdict.next_free_date)} kan het "
                           f"weer; een wijziging op die dag gaat in op {format_date(verdict.effective_if_changed_on_next_free_date)}."))
    day = days[0] if days else _given_date(turn)
    if day is None:
        return unphrased(general + " Noem een datum, dan reken ik uit wanneer het ingaat.")
    try:
        effective = contract_dates.plan_change_effective(day)
        next_free = contract_dates.next_free_plan_change(day)
    except KnowledgeInputError as error:
        return unphrased(error.message)
    return unphrased((f"Pas je je abonnement aan op {format_date(day)}, dan gaat de wijziging in op "
                       f"{format_date(effective)}. De volgende gratis wijziging kan vanaf {format_date(next_free)} "
                       f"({rules.interval_days} dagen later)."))


@answers("ask_contract_term")
def contract_term(turn: Turn) -> Reply:
    rules = contract_dates.date_rules().contract_terms
    terms_text = ", ".join({1: "1 maand", 12: "1 jaar", 24: "2 jaar"}.get(m, f"{m} maanden") for m in rules.minimum_terms_months)
    general = (f"Je kiest een minimale looptijd van {terms_text}. Daarna loopt je contract automatisch door voor "
               f"onbepaalde tijd en kun je per maand opzeggen, met een opzegtermijn van {rules.notice_period_months} maand.")
    start = _given_date(turn)
    term = _term_months(turn.text or "")
    if start is None or term is None:
        hint = " Vertel me wanneer je contract begon en hoe lang het loopt (bijvoorbeeld '1 jaar sinds 20 februari 2026'), dan reken ik het uit."
        return unphrased(general + hint)
    try:
        answer = contract_dates.earliest_end(start, term, notice_given=max(start, turn.now.date()))
    except KnowledgeInputError as error:
        return unphrased(error.message)
    return unphrased((
        f"Je contract van {_term_text(term)} begon op {format_date(start)}. De minimale looptijd loopt tot en met "
        f"{format_date(answer.last_day_of_minimum_term)}; vanaf {format_date(answer.minimum_term_end)} is je contract "
        f"maandelijks opzegbaar. Opzeggen kan altijd, met {rules.notice_period_months} maand opzegtermijn: zeg je uiterlijk "
        f"{format_date(answer.notice_deadline_for_earliest_end)} op, dan stopt je contract op "
        f"{format_date(answer.minimum_term_end)}. Zeg je vandaag op, dan stopt het op {format_date(answer.end_date)}."))


def _term_months(text: str) -> Optional[int]:
    match = TERM.search(text.lower())
    if not match:
        return None
    found = match.group(0)
    if re.search(r"maand", found) and not re.search(r"12|24", found):
        return 1
    if re.search(r"\b(2|twee|24)\b|^(2|twee)", found):
        return 24
    return 12


def _term_text(months: int) -> str:
    return {1: "1 maand", 12: "1 jaar", 24: "2 jaar"}[months]


@answers("ask_inflation_correction")
def inflation(turn: Turn) -> Reply:
    rule = contract_dates.date_rules().inflation
    general = (f"Je abonnement of bundel wordt elk jaar op {rule.day} oktober verhoogd volgens de CBS-consumentenprijsindex "
               f"(over 1 juli t/m 30 juni). Dat gebeurt alleen als op die datum meer dan {rule.min_months_elapsed} maanden van "
               f"je contract voorbij zijn. Is de index negatief, dan blijven de prijzen gelijk. Meer op {rule.url}.")
    from knowledge import dutch_dates
    found = [d for d in dutch_dates.find_dutch_datetimes(turn.text or "", turn.now.date())
             if isinstance(d, dutch_dates.ParsedDate)]
    if not found:
        return unphrased(general + " Noem de startdatum van je contract, dan reken ik uit wanneer het voor jou geldt.")
    start = found[0].day
    checked = found[1].day if len(found) > 1 else turn.now.date()
    try:
        answer = contract_dates.inflation_correction(start, checked)
    except KnowledgeInputError as error:
        return unphrased(error.message)
    if answer.applies:
        verdict = (f"Ja: op {format_date(answer.date_checked)} is je contract (gestart {format_date(start)}) al meer dan "
                   f"{rule.min_months_elapsed} maanden oud, dus dan geldt de inflatiecorrectie.")
    else:
        verdict = (f"Nee: op {format_date(answer.date_checked)} is je contract (gestart {format_date(start)}) nog geen "
                   f"{rule.min_months_elapsed} maanden oud. De eerste inflatiecorrectie voor jou is op "
                   f"{format_date(answer.first_applicable)}.")
    return unphrased(f"{verdict}\n{general}")
