from datetime import date

from knowledge import terms


def test_speeds():
    s = terms.speeds()
    assert (s.max_mbit_per_s, s.reduced_down_kbit_per_s, s.reduced_up_kbit_per_s) == (500, 64, 32)
    assert not s.reduced_usage_charged and s.coverage_map_url == "kpn.com/netwerk"


def test_notifications():
    by_id = {n.id: n.percent for n in terms.notifications()}
    assert by_id == {"bundle": (50, 75, 100), "hussel_unlimited_day_bundle": (80, 100),
                     "tablet_data": (50, 75, 100), "buitenland_bundle": (50, 75, 100),
                     "internet_protection": (80, 100)}


def test_bundle_terms():
    b = terms.bundle_terms()
    assert b.validity == "1 maand" and not b.carry_over
    assert "niet meenemen" in b.carry_over_text and "data niet meenemen" in b.tablet_carry_over_text


def test_fair_use():
    f = terms.fair_use()
    assert f.adapt_weeks == 2 and "binnen twee weken" in f.adapt_text
    assert "duurzame band" in f.condition_text and len(f.examples) == 4


def test_quoted_terms():
    assert "korting" in terms.discounts().text and terms.discounts().items == ("rekening", "contract")
    assert len(terms.payment_suspension().items) == 2
    assert len(terms.other_tariffs()) == 2
    assert terms.general_terms().url == "kpn.com/allevoorwaarden"


def test_price_list_conditions():
    c = terms.price_list_conditions()
    assert c.valid_from == date(2020, 9, 28) == terms.valid_from()
    assert c.vat_included and terms.vat_included()
    assert c.invoice_url == "kpn.com/factuur" and c.customer_service_number == "1200"


def test_links():
    links = terms.links()
    assert links["general_terms"] == "kpn.com/allevoorwaarden"
    assert links["network"] == "kpn.com/netwerk"
    assert links["invoice"] == "kpn.com/factuur"
    assert links["devices"] == "kpn.com/mobiel"
    assert links["abroad"] == "kpn.com/buitenland"
