from decimal import Decimal as D

import pytest

from knowledge.extras import extras, extras_agreement, find_extra

EXTRAS = [
    ("KPN WiFi", None, True),
    ("Gratis 1 GB NL extra", None, True),
    ("NL/EU bundel 250", "2.99", False),
    ("NL/EU bundel 1000", "7.99", False),
    ("KPN Spotify Premium", "9.99", False),
    ("ToestelVeilig", "2.50", False),
    ("KleinZakelijke extra's", "3.96", False),
    ("Toestelverzekering", None, False),
    ("5G", "2.50", False),
]


def test_extras_list():
    assert [(e.name, e.price, e.free) for e in extras()] == [
        (n, None if p is None else D(p), f) for n, p, f in EXTRAS]


def test_extra_details():
    by_id = {e.id: e for e in extras()}
    assert by_id["toestelveilig"].android_only
    assert not by_id["kleinzakelijke_extras"].removable
    assert "KvK" in by_id["kleinzakelijke_extras"].mandatory_for
    assert by_id["toestelverzekering"].price_text == "zie de toestelverzekeringen"
    assert by_id["nl_eu_bundel_250"].one_off and not by_id["spotify_premium"].one_off
    assert "niet stapelbaar" in by_id["gratis_1gb_nl_extra"].description


def test_tablet_extras():
    assert [e.name for e in extras(for_tablet=True)] == [
        "KPN WiFi", "NL/EU bundel 250", "NL/EU bundel 1000", "KPN Spotify Premium", "5G"]


@pytest.mark.parametrize("text, name", [
    ("wat kost spotify?", "KPN Spotify Premium"),
    ("Wat kost 5G", "5G"),
    ("ik wil de NL/EU bundel 1000", "NL/EU bundel 1000"),
    ("bundel 250", "NL/EU bundel 250"),
    ("kan ik mijn telefoon vinden als ik hem kwijt ben", "ToestelVeilig"),
    ("is kpn wifi gratis", "KPN WiFi"),
    ("gratis 1 gb nl extra aanzetten", "Gratis 1 GB NL extra"),
    ("wat kost een toestelverzekering", "Toestelverzekering"),
    ("kleinzakelijke extra's", "KleinZakelijke extra's"),
])
def test_find_extra(text, name):
    assert find_extra(text).name == name


def test_find_extra_none():
    assert find_extra("wat is het weer") is None


def test_extras_agreement():
    a = extras_agreement()
    assert a.separate_agreement and a.tacitly_renewed_monthly and a.starts_immediately
    assert a.paid == "per maand" and a.settled_per == "kalendermaand"
    assert not a.kids_can_order
    assert "stilzwijgend" in a.text


@pytest.mark.parametrize("text, names", [
    ("spotify premium en 5g erbij, wat kost dat samen?", ["KPN Spotify Premium", "5G"]),
    ("wat kost 5G", ["5G"]),
    ("niets bijzonders", []),
])
def test_find_extras_names_every_option_once_in_order(text, names):
    from knowledge.extras import find_extras
    assert [e.name for e in find_extras(text)] == names
