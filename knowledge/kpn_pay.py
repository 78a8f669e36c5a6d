"""KPN Pay: paying in app stores via the KPN invoice.

Setup and removal steps per platform with the exact menu labels, the limits (max € 50,00
per purchase, € 300,00 per month), who can use it, where purchases show up, how to view
them, and Flitsmeister parking.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Literal

from knowledge.loader import load
from knowledge.money import non_negative, to_decimal

Platform = Literal["ios", "android"]


@dataclass(frozen=True)
class Step:
    """One numbered step; ``labels`` are the menu labels in it, verbatim: the menus taken in
    order, or (``alternatives``) the names one option goes by."""

    number: int
    text: str
    labels: tuple[str, ...]
    url: str | None = None
    alternatives: bool = False


@dataclass(frozen=True)
class Guide:
    """A numbered procedure for one platform, with the page's closing remark."""

    platform: Platform
    title: str
    steps: tuple[Step, ...]
    after_text: str | None
    source: str
    qr_label: str | None = None
    extra_text: str | None = None


@dataclass(frozen=True)
class Limits:
    """Maximum per purchase and per calendar month."""

    per_purchase: Decimal
    per_month: Decimal
    text: str
    source: str


class LimitKind(str, Enum):
    """Which KPN Pay limit a purchase breaks."""

    PER_PURCHASE = "per_purchase"
    PER_MONTH = "per_month"


@dataclass(frozen=True)
class PurchaseCheck:
    """Whether a purchase fits the limits. ``max_purchase_now`` = the largest purchase that
    would still be accepted (min of per-purchase limit and what is left this month)."""

    amount: Decimal
    spent_this_month: Decimal
    allowed: bool
    violations: tuple[LimitKind, ...]
    remaining_this_month: Decimal
    max_purchase_now: Decimal
    per_purchase_limit: Decimal
    monthly_limit: Decimal


@dataclass(frozen=True)
class AccountType:
    """Can this kind of KPN customer use KPN Pay?"""

    id: str
    name: str
    can_use: bool
    text: str
    settled_via: str | None
    source: str


@dataclass(frozen=True)
class InvoiceInfo:
    """Where purchases appear: the next KPN invoice, under ``section_label``."""

    when: str
    section_label: str
    text: str
    source: str


@dataclass(frozen=True)
class ViewingInfo:
    """How to see past purchases (not possible with Prepaid)."""

    guide: Guide
    prepaid_can_view: bool
    prepaid_text: str


@dataclass(frozen=True)
class TextFact:
    """A yes/no fact with its quoted answer (problem reporting, Flitsmeister, ...)."""

    value: bool
    text: str
    source: str
    url: str | None = None


def _steps(raw: list[dict]) -> tuple[Step, ...]:
    return tuple(Step(number=s["n"], text=s["text"], labels=tuple(s["labels"]), url=s.get("url"),
                      alternatives=s.get("alternatives", False)) for s in raw)


def _check_platform(platform: str) -> Platform:
    if platform not in ("ios", "android"):
        raise ValueError(f"platform must be 'ios' or 'android', not {platform!r}")
    return platform  # type: ignore[return-value]


def setup_steps(platform: Platform) -> Guide:
    """How to switch KPN Pay on in the App Store (ios) or Play Store (android).

    >>> setup_steps("android").steps[2].labels
    ('Factureren via KPN', 'KPN/Mobiel')
    """
    _check_platform(platform)
    entry = next(s for s in load("kpn_pay")["setup"] if s["platform"] == platform)
    after = load("kpn_pay")["after_setup"]["text"]
    return Guide(platform=platform, title=entry["title"], steps=_steps(entry["steps"]),
                 after_text=entry["done_text"], source=entry["source"], qr_label=entry["qr_label"],
                 extra_text=after)


@dataclass(frozen=True)
class StepReached:
    """A menu label of the setup steps that a customer says they are at."""

    platform: Platform
    label: str
    next_step: int  # index into setup_steps(platform).steps of the first step still to do


# A menu label counts as where the customer is when the message says so: quoted, after "bij"
# or "onder", or followed by "gevonden"/"getikt" ("hoe kan ik KPN Pay inschakelen?" and "op mijn
# mobiele telefoon" name no menu).
_AT_BEFORE = r"(?:\b(?:bij|onder|naar|na|in|at|under|to|on|after)\s+(?:de\s+|het\s+|the\s+)?['\"‘’]?)"
_AT_AFTER = (r"(?:['\"‘’]?\s+(?:gevonden|getikt|gekozen|geklikt|aangetikt|aangeklikt|staat\s+er(?:bij)?|"
             r"found|tapped|chosen|selected|clicked|is\s+there)\b)")


def _at_label(label: str, lowered: str) -> bool:
    name = re.escape(label.lower())
    return bool(re.search(rf"['\"‘’]{name}['\"‘’]|{_AT_BEFORE}{name}(?!\w)|(?<!\w){name}{_AT_AFTER}", lowered))


def after_label(platform: Platform, label: str) -> StepReached:
    """Where the setup goes on once the customer is at a menu label: at a step's last label that
    step is done; at an earlier one ("Betaling en Verzending", before 'Mobiele telefoon') it is not.

    >>> after_label("android", "KPN/Mobiel").next_step
    3
    """
    for index, step in enumerate(setup_steps(platform).steps):
        if label in step.labels:
            last = step.alternatives or step.labels.index(label) == len(step.labels) - 1
            return StepReached(platform, label, index + 1 if last else index)
    raise ValueError(f"{label!r} is no label of the {platform} setup")


def step_reached(text: str) -> StepReached | None:
    """The setup step a message says it has reached, by the menu label it is at ("ik zit bij
    Betaalmethoden"); the longest label wins.

    >>> step_reached("ik zit nu bij betaalmethoden, en dan?")
    StepReached(platform='android', label='Betaalmethoden', next_step=2)
    >>> step_reached("ik ben bij 'Betaling en Verzending'").next_step
    1
    >>> step_reached("hoe kan ik KPN Pay inschakelen?") is None
    True
    """
    lowered = " ".join(text.lower().split())
    found = [(len(label), platform, label) for platform in ("ios", "android")
             for step in setup_steps(platform).steps for label in step.labels if _at_label(label, lowered)]
    if not found:
        return None
    _, platform, label = max(found)
    return after_label(platform, label)


def ios_settings_route() -> Guide:
    """The FAQ's alternative iOS route via the Settings app (8 steps).

    >>> ios_settings_route().steps[1].labels
    ('Tunes Store en App Store',)
    """
    route = load("kpn_pay")["ios_settings_route"]
    return Guide(platform="ios", title="Instellingen-app", steps=_steps(route["steps"]),
                 after_text=route["done_text"], source=route["source"], extra_text=route["sms_code_text"])


def removal_steps(platform: Platform) -> Guide:
    """How to remove KPN Pay as payment method.

    >>> removal_steps("ios").steps[-1].labels
    ('verwijder',)
    """
    _check_platform(platform)
    entry = next(r for r in load("kpn_pay")["removal"] if r["platform"] == platform)
    return Guide(platform=platform, title=entry["title"], steps=_steps(entry["steps"]),
                 after_text=None, source=entry["source"])


@functools.lru_cache(maxsize=1)
def limits() -> Limits:
    """Max € 50,00 per purchase and € 300,00 per month.

    >>> limits().per_month
    Decimal('300.00')
    """
    entry = load("kpn_pay")["limits"]
    return Limits(per_purchase=to_decimal(entry["per_purchase"]), per_month=to_decimal(entry["per_month"]),
                  text=entry["text"], source=entry["source"])


def remaining_this_month(spent: Decimal | int | str) -> Decimal:
    """What can still be spent this month (never below zero).

    >>> remaining_this_month(280)
    Decimal('20.00')
    """
    spent_amount = non_negative(spent, "bedrag dat je deze maand al hebt uitgegeven")
    return max(limits().per_month - spent_amount, Decimal("0.00"))


def check_purchase(amount: Decimal | int | str, spent_this_month: Decimal | int | str = 0) -> PurchaseCheck:
    """Check a purchase against both limits (a purchase may break both).

    >>> check_purchase(30, 280).violations
    (<LimitKind.PER_MONTH: 'per_month'>,)
    """
    price = non_negative(amount, "aankoopbedrag")
    spent = non_negative(spent_this_month, "bedrag dat je deze maand al hebt uitgegeven")
    lim = limits()
    remaining = remaining_this_month(spent)
    violations = []
    if price > lim.per_purchase:
        violations.append(LimitKind.PER_PURCHASE)
    if price > remaining:
        violations.append(LimitKind.PER_MONTH)
    return PurchaseCheck(amount=price, spent_this_month=spent, allowed=not violations,
                         violations=tuple(violations), remaining_this_month=remaining,
                         max_purchase_now=min(lim.per_purchase, remaining),
                         per_purchase_limit=lim.per_purchase, monthly_limit=lim.per_month)


@dataclass(frozen=True)
class PlannedPurchases:
    """Several purchases of one amount in a month: how many fit both limits.

    ``fitting``: how many of the ``count`` can be paid (0 when one already exceeds the
    per-purchase limit); ``total`` = count × each."""

    each: Decimal
    count: int
    total: Decimal
    fitting: int
    fitting_total: Decimal
    per_purchase_limit: Decimal
    monthly_limit: Decimal

    @property
    def all_fit(self) -> bool:
        return self.fitting == self.count


def planned_purchases(each: Decimal | int | str, count: int,
                      spent_this_month: Decimal | int | str = 0) -> PlannedPurchases:
    """``count`` purchases of ``each`` this month, after ``spent_this_month``.

    >>> p = planned_purchases(45, 7)
    >>> p.total, p.fitting, p.fitting_total
    (Decimal('315'), 6, Decimal('270'))
    >>> planned_purchases(55, 2).fitting
    0
    """
    price = non_negative(each, "aankoopbedrag")
    spent = non_negative(spent_this_month, "bedrag dat je deze maand al hebt uitgegeven")
    times = int(non_negative(count, "aantal aankopen"))
    lim = limits()
    if price > lim.per_purchase:
        fitting = 0
    elif price == 0:
        fitting = times
    else:
        fitting = min(times, int(remaining_this_month(spent) // price))
    return PlannedPurchases(each=price, count=times, total=price * times, fitting=fitting,
                            fitting_total=price * fitting, per_purchase_limit=lim.per_purchase,
                            monthly_limit=lim.per_month)


def account_types() -> list[AccountType]:
    """KPN Prepaid (yes, via tegoed), KPN Kleinzakelijk (yes), KPN EEN MKB (no).

    >>> [(a.id, a.can_use) for a in account_types()]
    [('prepaid', True), ('kleinzakelijk', True), ('een_mkb', False)]
    """
    return [AccountType(id=a["id"], name=a["name"], can_use=a["can_use"], text=a["text"],
                        settled_via=a.get("settled_via"), source=a["source"])
            for a in load("kpn_pay")["account_types"]]


def invoice_info() -> InvoiceInfo:
    """Purchases appear on the next KPN invoice under 'Online aankopen'.

    >>> invoice_info().section_label
    'Online aankopen'
    """
    entry = load("kpn_pay")["invoice"]
    return InvoiceInfo(when=entry["when"], section_label=entry["section_label"], text=entry["text"],
                       source=entry["source"])


def viewing(platform: Platform) -> ViewingInfo:
    """How to view purchases on iOS (reportaproblem.apple.com) or Android (Play Store menu).

    >>> viewing("ios").guide.steps[0].url
    'reportaproblem.apple.com'
    """
    _check_platform(platform)
    entry = load("kpn_pay")["viewing"]
    route = next(r for r in entry["routes"] if r["platform"] == platform)
    guide = Guide(platform=platform, title="Aankopen bekijken", steps=_steps(route["steps"]),
                  after_text=route["after_text"], source=route["source"])
    return ViewingInfo(guide=guide, prepaid_can_view=entry["prepaid_can_view"],
                       prepaid_text=entry["prepaid_text"])


def problem_with_purchase() -> TextFact:
    """A problem with an (Apple) purchase is reported to Apple.

    >>> problem_with_purchase().url
    'https://support.apple.com/nl-nl/HT204088'
    """
    entry = load("kpn_pay")["problem"]
    return TextFact(value=True, text=entry["text"], source=entry["source"], url=entry["url"])


def flitsmeister() -> TextFact:
    """Parking with Flitsmeister: set KPN Pay as payment method in the Flitsmeister app.

    >>> flitsmeister().value
    True
    """
    entry = load("kpn_pay")["flitsmeister"]
    return TextFact(value=entry["possible"], text=entry["text"], source=entry["source"])


def product_info() -> dict[str, str]:
    """The product page's selling points (one invoice, no credit card, safe, new).

    >>> "creditcard" in product_info()["no_credit_card_text"]
    True
    """
    entry = load("kpn_pay")["product"]
    return {k: v for k, v in entry.items() if k != "source"}


# With the ways customers misspell them ("ifone", "iphoon", "andriod", "samsumg").
_IOS = re.compile(r"\b(ios|i-?phone|ifone|iphon|iphoon|aifoon|ipone|ipad|apple|app ?store|itunes|mac ?book|imac)\b",
                  re.IGNORECASE)
_ANDROID = re.compile(r"\b(android|andriod|androit|google\s+play(\s+store)?|google|play ?store|samsung|samsumg|galaxy|pixel|huawei|xiaomi|"
                      r"oneplus|motorola|oppo|nokia)\b", re.IGNORECASE)


def platform_from_text(text: str) -> Platform | None:
    """'ios' or 'android' from a message; None when neither or both are mentioned.

    >>> platform_from_text("hoe stel ik kpn pay in op mijn iphone")
    'ios'
    """
    mention = platform_mention(text)
    return mention[0] if mention else None


def platforms_named(text: str) -> tuple[Platform, ...]:
    """Every platform the text names (iOS first).

    >>> platforms_named("op mijn iPhone en op haar Android")
    ('ios', 'android')
    """
    return tuple(name for name, pattern in (("ios", _IOS), ("android", _ANDROID)) if pattern.search(text))


def platform_mention(text: str) -> tuple[Platform, int, int] | None:
    """(platform, start, end) of the first word that names it; None when neither or both are.

    >>> platform_mention("kan ik kpn pay op mijn Galaxy gebruiken")
    ('android', 23, 29)
    """
    ios, android = _IOS.search(text), _ANDROID.search(text)
    if bool(ios) == bool(android):
        return None
    word = ios or android
    return ("ios" if ios else "android", word.start(), word.end())
