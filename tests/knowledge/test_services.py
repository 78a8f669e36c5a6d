from decimal import Decimal as D

import pytest

from knowledge.services import (
    customer_service, find_service, find_service_number, find_service_numbers, service_numbers, services, voicemail,
)


def test_voicemail():
    rows = voicemail()
    assert [(r.name, r.price_text, r.free) for r in rows] == [
        ("Voicemail ontvangen in NL/EU", "gratis", True),
        ("Terugbellen via Voicemail", "1 x regulier tarief per minuut (telt mee binnen de bundel)", False),
        ("Voicemail buiten de EU", "regulier tarief voor bellen in het buitenland (zie KPN roaming)", False)]
    assert rows[1].counts_in_bundle


@pytest.mark.parametrize("text, row_id", [
    ("wat kost bellen naar 0900-8844?", "paid_090x"),
    ("0906 123456", "paid_090x"),
    ("09091234", "paid_090x"),
    ("0800-0402", "free_0800"),
    ("112", "emergency"),
    ("1200", "customer_service"),
    ("1845", "directory_18xy"),
    ("1888", "directory_18xy"),
    ("14020", "municipal_14xyz"),
    ("116000", "social_116xyz"),
    ("066 1234567", "paging_066_067"),
    ("067-1234567", "paging_066_067"),
    ("084 1234567", "personal_assistant_084_087"),
    ("087 1234567", "personal_assistant_084_087"),
    ("085 1234567", "location_independent_085"),
    ("+31 85 1234567", "location_independent_085"),
    ("088 1234567", "company_088"),
    ("het alarmnummer", "emergency"),
    ("klantenservice", "customer_service"),
    ("klantenservice buiten de EU", "customer_service_outside_eu"),
    ("kind vermist", "social_116xyz"),
])
def test_find_service_number(text, row_id):
    assert find_service_number(text).id == row_id


@pytest.mark.parametrize("text", ["hallo", "0612345678", "020 1234567"])
def test_find_service_number_none(text):
    assert find_service_number(text) is None


def test_service_number_details():
    rows = {r.id: r for r in service_numbers()}
    assert len(rows) == 12
    paging = rows["paging_066_067"]
    assert paging.per_call_range == (D("0.075"), D("1.40"))
    assert paging.start_rate == D("0.0454")
    assert paging.per_minute_range == (D("0.01"), D("0.90"))
    assert paging.plus_regular_rate and paging.counts_in_bundle
    assert rows["paid_090x"].rate_announced_before_call
    assert rows["paid_090x"].footnote == "Toepasselijk tarief en eventueel maximum wordt voorafgaand aan het gesprek gemeld."
    assert rows["directory_18xy"].rate_announced_before_call
    assert rows["emergency"].free and rows["free_0800"].free and rows["customer_service"].free
    assert rows["customer_service_outside_eu"].price_text == "roaming tarief"


SERVICES = [
    ("Nummerbehoud", None, True), ("Nummerweergave aan-/uitzetten", None, True),
    ("Geheim nummer", None, True), ("Gespecificeerde rekening (papier)", "1.95", False),
    ("Opvragen factuur (eenmalig en alleen wanneer papieren rekening ontvangen)", None, True),
    ("Gespecificeerde rekening via MijnKPN (online)", None, True),
    ("Mobiele toestel SIM-lockvrij maken", None, True), ("Opvragen PIN/PUK code (3 keer)", None, True),
    ("Aanvragen simkaart", None, True), ("Duosim", None, True),
    ("Easyswitch/Groepsgesprek", None, False), ("Fax via sms", "0.46", False),
    ("Herinneringskosten", "15.00", False), ("Heraansluiting na administratieve afsluiting", "33.88", False),
    ("Doorschakelen", None, True), ("Blokkeren nummer na diefstal", None, True),
    ("Blokkeren naar het buitenland bellen", None, True), ("Nummerblokkering", None, True),
]


def test_services_list():
    assert [(s.name, s.price, s.free) for s in services()] == [
        (n, None if p is None else D(p), f) for n, p, f in SERVICES]
    by_id = {s.id: s for s in services()}
    assert by_id["conference_call"].price_text == "kosten van het gebelde gesprek"
    assert "gesprekskosten" in by_id["call_forwarding"].footnote
    assert "telefoongids" in by_id["secret_number"].footnote


@pytest.mark.parametrize("text, name", [
    ("wat kost een papieren rekening", "Gespecificeerde rekening (papier)"),
    ("wil ik de rekening liever gewoon op papier", "Gespecificeerde rekening (papier)"),
    ("ik wil mijn pukcode", "Opvragen PIN/PUK code (3 keer)"),
    ("wat zijn de herinneringskosten", "Herinneringskosten"),
    ("ik ben afgesloten, wat kost heraansluiting", "Heraansluiting na administratieve afsluiting"),
    ("doorschakelen naar mijn vaste nummer", "Doorschakelen"),
    ("fax versturen", "Fax via sms"),
    ("simlock eraf halen", "Mobiele toestel SIM-lockvrij maken"),
    ("mijn telefoon is gestolen", "Blokkeren nummer na diefstal"),
    ("kan ik mijn nummer meenemen", "Nummerbehoud"),
    ("geheim nummer", "Geheim nummer"),
    ("kopie factuur", "Opvragen factuur (eenmalig en alleen wanneer papieren rekening ontvangen)"),
])
def test_find_service(text, name):
    assert find_service(text).name == name


def test_find_service_none():
    assert find_service("wat is het weer") is None


def test_customer_service():
    cs = customer_service()
    assert cs.number == "1200" and cs.price_text == "gratis" and cs.outside_eu_price_text == "roaming tarief"


@pytest.mark.parametrize("text, prices", [
    ("wat kost de herinnering en wat kost heraansluiten?", ["15.00", "33.88"]),
    ("kost een duosim iets?", [None]),
])
def test_find_services_names_every_row_once_in_order(text, prices):
    from knowledge.services import find_services
    found = find_services(text)
    assert [None if s.free else str(s.price) for s in found] == prices


@pytest.mark.parametrize("text, ids", [
    # a keyword's words in another order or form, a few words apart
    ("kan ik bij het overstappen mijn eigen nummer meenemen", ["number_porting"]),
    ("wat kost het meenemen van je nummer", ["number_porting"]),
    ("ik wil een kopie van een oude rekening opvragen", ["invoice_copy"]),
    ("kunnen jullie het bellen naar het buitenland voor mijn zoon blokkeren", ["block_international_calls"]),
    # short words do not carry a loose match, and other forms of a word are no keyword
    ("mijn nummer is geblokkeerd in het buitenland", []),
    ("wat kost internet op de boot", []),
    # a contract "afgesloten" is one signed; a number or customer "afgesloten" is cut off
    ("die heeft haar contract op 20 juni 2024 afgesloten", []),
    ("ik ben afgesloten omdat ik niet op tijd betaalde", ["reconnection"]),
])
def test_find_services_reads_a_keyword_in_other_words(text, ids):
    from knowledge.services import find_services
    assert [s.id for s in find_services(text)] == ids


@pytest.mark.parametrize("text, rows", [
    ("wat kost een 0800 nummer en een 0900 nummer?", ["free_0800", "paid_090x"]),
    # a row named by a keyword next to a number dialled: both, in order
    ("kost bellen naar de helpdesk of naar 0900 nummers iets", ["customer_service", "paid_090x"]),
    ("is 112 gratis, en de klantenservice buiten de eu?", ["emergency", "customer_service_outside_eu"]),
    ("wat kost de klantenservice", ["customer_service"]),
    # numbers said in words: digit by digit, in groups, or as one number
    ("en zo'n nul negen honderd nummer, hoe zit dat?", ["paid_090x"]),
    ("kost bellen naar twaalfhonderd iets", ["customer_service"]),
    ("is nul acht nul nul gratis?", ["free_0800"]),
    ("wat kost honderdtwaalf bellen", ["emergency"]),
    # a number in words that is no phone number
    ("ik heb twee jaar een abonnement en bel tweehonderd minuten", []),
])
def test_every_service_number_a_message_names(text, rows):
    assert [n.id for n in find_service_numbers(text)] == rows
