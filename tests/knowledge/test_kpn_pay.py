from decimal import Decimal as D

import pytest

from knowledge import kpn_pay
from knowledge.errors import NegativeAmountError
from knowledge.kpn_pay import LimitKind, check_purchase, platform_from_text, remaining_this_month


def labels(guide):
    return [label for step in guide.steps for label in step.labels]


def test_ios_setup():
    guide = kpn_pay.setup_steps("ios")
    assert len(guide.steps) == 4 and [s.number for s in guide.steps] == [1, 2, 3, 4]
    assert guide.steps[0].url == "https://apple.co/KPN_QR_Signup"
    assert labels(guide) == ["Betaling en Verzending", "Mobiele telefoon", "Gebruik dit mobiele nummer"]
    assert guide.after_text == "Vul de code in en je hebt KPN Pay aangezet!"
    assert "standaard betaalmethode" in guide.extra_text
    assert guide.qr_label == "Open de QR-code voor iOS"


def test_android_setup():
    guide = kpn_pay.setup_steps("android")
    assert labels(guide) == ["Betaalmethoden", "Factureren via KPN", "KPN/Mobiel", "Inschakelen"]
    assert "Google Play Store" in guide.steps[0].text


def test_ios_settings_route():
    guide = kpn_pay.ios_settings_route()
    assert len(guide.steps) == 8
    assert labels(guide) == ["Tunes Store en App Store", "Toon Apple ID", "Betaling en Verzending",
                             "Mobiele telefoon", "Gebruik dit mobiele nummer"]
    assert "sms" in guide.extra_text


def test_removal():
    assert labels(kpn_pay.removal_steps("ios")) == [
        "Betaling en verzending", "bewerk", "mobiele telefoon", "verwijder"]
    assert labels(kpn_pay.removal_steps("android")) == [
        "Betalingen en abonnementen", "Betaalmethoden", "Meer betalingsinstellingen", "Verwijderen"]
    assert len(kpn_pay.removal_steps("android").steps) == 5


def test_unknown_platform():
    with pytest.raises(ValueError):
        kpn_pay.setup_steps("windows")  # type: ignore[arg-type]


def test_limits():
    limits = kpn_pay.limits()
    assert (limits.per_purchase, limits.per_month) == (D("50.00"), D("300.00"))


@pytest.mark.parametrize("amount, spent, allowed, violations, remaining, max_now", [
    ("20", "280", True, (), "20.00", "20.00"),
    ("30", "280", False, (LimitKind.PER_MONTH,), "20.00", "20.00"),
    ("60", "0", False, (LimitKind.PER_PURCHASE,), "300.00", "50.00"),
    ("60", "280", False, (LimitKind.PER_PURCHASE, LimitKind.PER_MONTH), "20.00", "20.00"),
    ("50", "250", True, (), "50.00", "50.00"),       # both limits inclusive
    ("50.01", "0", False, (LimitKind.PER_PURCHASE,), "300.00", "50.00"),
    ("1", "300", False, (LimitKind.PER_MONTH,), "0.00", "0.00"),
    ("1", "350", False, (LimitKind.PER_MONTH,), "0.00", "0.00"),
    ("0", "0", True, (), "300.00", "50.00"),
])
def test_check_purchase(amount, spent, allowed, violations, remaining, max_now):
    check = check_purchase(D(amount), D(spent))
    assert check.allowed is allowed
    assert check.violations == violations
    assert check.remaining_this_month == D(remaining)
    assert check.max_purchase_now == D(max_now)


def test_remaining_this_month():
    assert remaining_this_month(280) == D("20.00")
    assert remaining_this_month(0) == D("300.00")
    assert remaining_this_month(400) == D("0.00")


@pytest.mark.parametrize("call", [
    lambda: check_purchase(-5, 0),
    lambda: check_purchase(5, -1),
    lambda: remaining_this_month(-1),
])
def test_negative_amounts_are_typed_errors(call):
    with pytest.raises(NegativeAmountError) as info:
        call()
    assert info.value.message.endswith("kan niet negatief zijn.")


def test_account_types():
    types = {a.id: a for a in kpn_pay.account_types()}
    assert types["prepaid"].can_use and types["prepaid"].settled_via == "tegoed"
    assert types["kleinzakelijk"].can_use
    assert not types["een_mkb"].can_use


def test_invoice_viewing_problem_flitsmeister():
    assert kpn_pay.invoice_info().section_label == "Online aankopen"
    assert kpn_pay.invoice_info().when == "volgende factuur"
    ios = kpn_pay.viewing("ios")
    assert not ios.prepaid_can_view
    assert ios.guide.steps[0].url == "reportaproblem.apple.com"
    assert "bedrag" in ios.guide.after_text
    assert "Mijn Apps" in kpn_pay.viewing("android").guide.after_text
    assert kpn_pay.problem_with_purchase().url == "https://support.apple.com/nl-nl/HT204088"
    assert kpn_pay.flitsmeister().value
    assert "Flitsmeister" in kpn_pay.product_info()["new_text"]


@pytest.mark.parametrize("text, platform", [
    ("hoe stel ik kpn pay in op mijn iphone", "ios"),
    ("ik heb een iPad", "ios"),
    ("via de App Store", "ios"),
    ("ik heb een Samsung", "android"),
    ("in de play store", "android"),
    ("Android telefoon", "android"),
    ("hoe zet ik kpn pay aan op mn ifone", "ios"),       # as customers type them
    ("op mijn andriod", "android"),
    ("hoe werkt kpn pay", None),
    ("ik heb een iphone en een android tablet", None),
])
def test_platform_from_text(text, platform):
    assert platform_from_text(text) == platform


@pytest.mark.parametrize("text, platform, label, next_step", [
    ("ik zit bij Betaalmethoden", "android", "Betaalmethoden", 2),
    ("Factureren via KPN staat er", "android", "Factureren via KPN", 3),
    ("ik zie alleen 'KPN/Mobiel'", "android", "KPN/Mobiel", 3),  # another name of the same option
    ("op inschakelen getikt", "android", "Inschakelen", 4),
    ("ik ben bij 'Betaling en Verzending'", "ios", "Betaling en Verzending", 1),  # 'Mobiele telefoon' still to do
    ("Mobiele telefoon gekozen", "ios", "Mobiele telefoon", 2),
    ("wat doe ik bij gebruik dit mobiele nummer", "ios", "Gebruik dit mobiele nummer", 3),
    ("hoe zet ik KPN Pay aan?", None, None, None),
    # a label that is also a plain word names no menu unless the message says it is there
    ("hoe kan ik KPN Pay inschakelen?", None, None, None),
    ("ik wil KPN Pay op mijn mobiele telefoon", None, None, None),
    ("mijn telefoon is mobieler dan ooit", None, None, None),
])
def test_the_setup_step_a_message_has_reached(text, platform, label, next_step):
    reached = kpn_pay.step_reached(text)
    assert (reached and (reached.platform, reached.label, reached.next_step)) == \
        ((platform, label, next_step) if platform else None)
