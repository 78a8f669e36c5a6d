import timeit

import pytest

from knowledge.countries import (
    Country, Zone, all_country_names, countries_in_zone, country_by_code, find_countries_in_text,
    find_country, normalize, resolve_country, zone_label,
)
from knowledge.errors import UnknownCountryError

NL_EU, VOORDEEL, OVERIG, SAT, NL = Zone.NL_EU, Zone.VOORDEEL, Zone.OVERIG, Zone.SATELLIET, Zone.NL


@pytest.mark.parametrize("query, code, zone, name", [
    # Roam like Home incl. the non-EU members and the special regions the list names
    ("Zwitserland", "CH", NL_EU, "Zwitserland"),
    ("Noorwegen", "NO", NL_EU, "Noorwegen"),
    ("IJsland", "IS", NL_EU, "IJsland"),
    ("Liechtenstein", "LI", NL_EU, "Liechtenstein"),
    ("Andorra", "AD", NL_EU, "Andorra"),
    ("Monaco", "MC", NL_EU, "Monaco"),
    ("San Marino", "SM", NL_EU, "San Marino"),
    ("Vaticaanstad", "VA", NL_EU, "Vaticaanstad"),
    ("Vaticaan", "VA", NL_EU, "Vaticaanstad"),
    ("Faeröer", "FO", NL_EU, "Faeröer"),
    ("faeroer", "FO", NL_EU, "Faeröer"),
    ("Guernsey", "GG", NL_EU, "Guernsey"),
    ("Jersey", "JE", NL_EU, "Jersey"),
    ("Isle of Man", "IM", NL_EU, "Isle of Man"),
    ("Gibraltar", "GI", NL_EU, "Gibraltar"),
    ("Verenigd Koninkrijk", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("Engeland", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("Schotland", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("Wales", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("Noord-Ierland", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("Groot-Brittannië", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("UK", "GB", NL_EU, "Verenigd Koninkrijk"),
    ("Ierland", "IE", NL_EU, "Ierland"),
    ("Frans-Guyana", "GF", NL_EU, "Frans-Guyana"),
    ("Guadeloupe", "GP", NL_EU, "Guadeloupe"),
    ("Martinique", "MQ", NL_EU, "Martinique"),
    ("Mayotte", "YT", NL_EU, "Mayotte"),
    ("Réunion", "RE", NL_EU, "Réunion"),
    ("reunion", "RE", NL_EU, "Réunion"),
    ("Saint Martin", "MF", NL_EU, "Saint Martin"),
    ("Saint-Martin", "MF", NL_EU, "Saint Martin"),
    ("Azoren", "PT-20", NL_EU, "Azoren"),
    ("Madeira", "PT-30", NL_EU, "Madeira"),
    ("Canarische eilanden", "IC", NL_EU, "Canarische eilanden"),
    ("Tenerife", "IC", NL_EU, "Canarische eilanden"),
    ("Gran Canaria", "IC", NL_EU, "Canarische eilanden"),
    ("Lanzarote", "IC", NL_EU, "Canarische eilanden"),
    ("Fuerteventura", "IC", NL_EU, "Canarische eilanden"),
    ("Mallorca", "ES", NL_EU, "Spanje"),
    ("Ibiza", "ES", NL_EU, "Spanje"),
    ("Corsica", "FR", NL_EU, "Frankrijk"),
    ("Sardinië", "IT", NL_EU, "Italië"),
    ("Sicilië", "IT", NL_EU, "Italië"),
    ("Kreta", "GR", NL_EU, "Griekenland"),
    ("Tsjechië", "CZ", NL_EU, "Tsjechië"),
    ("Cyprus", "CY", NL_EU, "Cyprus (Grieks deel)"),
    ("Grieks Cyprus", "CY", NL_EU, "Cyprus (Grieks deel)"),
    # Voordeellanden
    ("Cyprus (Turks deel)", "CY-NORTH", VOORDEEL, "Cyprus (Turks deel)"),
    ("Turks Cyprus", "CY-NORTH", VOORDEEL, "Cyprus (Turks deel)"),
    ("Noord-Cyprus", "CY-NORTH", VOORDEEL, "Cyprus (Turks deel)"),
    ("Turks deel van Cyprus", "CY-NORTH", VOORDEEL, "Cyprus (Turks deel)"),
    ("Sint Maarten", "SX", VOORDEEL, "Sint Maarten"),
    ("Sint-Maarten", "SX", VOORDEEL, "Sint Maarten"),
    ("Bonaire", "BQ-BO", VOORDEEL, "Bonaire"),
    ("Saba", "BQ-SA", VOORDEEL, "Saba"),
    ("Sint Eustatius", "BQ-SE", VOORDEEL, "Sint Eustatius"),
    ("Statia", "BQ-SE", VOORDEEL, "Sint Eustatius"),
    ("Caribisch Nederland", "BQ", VOORDEEL, "Caribisch Nederland"),
    ("Curaçao", "CW", VOORDEEL, "Curaçao"),
    ("Curacao", "CW", VOORDEEL, "Curaçao"),
    ("Aruba", "AW", VOORDEEL, "Aruba"),
    ("Suriname", "SR", VOORDEEL, "Suriname"),
    ("Verenigde Staten", "US", VOORDEEL, "Verenigde Staten"),
    ("VS", "US", VOORDEEL, "Verenigde Staten"),
    ("USA", "US", VOORDEEL, "Verenigde Staten"),
    ("Amerika", "US", VOORDEEL, "Verenigde Staten"),
    ("Verenigde Staten van Amerika", "US", VOORDEEL, "Verenigde Staten"),
    ("Alaska", "US-AK", VOORDEEL, "Alaska"),
    ("Hawaii", "US-HI", VOORDEEL, "Hawaï"),
    ("Hawaï", "US-HI", VOORDEEL, "Hawaï"),
    ("Puerto Rico", "PR", VOORDEEL, "Puerto Rico"),
    ("Amerikaanse Maagdeneilanden", "VI", VOORDEEL, "Amerikaanse Maagdeneilanden"),
    ("Amerikaans-Samoa", "AS", VOORDEEL, "Amerikaans-Samoa"),
    ("Kosovo", "XK", VOORDEEL, "Kosovo"),
    ("Turkije", "TR", VOORDEEL, "Turkije"),
    ("Thailand", "TH", VOORDEEL, "Thailand"),
    ("Zuid-Korea", "KR", VOORDEEL, "Zuid-Korea"),
    ("Korea", "KR", VOORDEEL, "Zuid-Korea"),
    ("Rusland", "RU", VOORDEEL, "Rusland"),
    ("Macedonië", "MK", VOORDEEL, "Macedonië"),
    ("Noord-Macedonië", "MK", VOORDEEL, "Macedonië"),
    ("Bosnië", "BA", VOORDEEL, "Bosnië en Herzegovina"),
    ("Dominicaanse Republiek", "DO", VOORDEEL, "Dominicaanse Republiek"),
    ("Hongkong", "HK", VOORDEEL, "Hongkong"),
    ("Hong Kong", "HK", VOORDEEL, "Hongkong"),
    ("Bali", "ID", VOORDEEL, "Indonesië"),
    ("Dubai", "AE", VOORDEEL, "Verenigde Arabische Emiraten"),
    ("Abu Dhabi", "AE", VOORDEEL, "Verenigde Arabische Emiraten"),
    ("brazilie", "BR", VOORDEEL, "Brazilië"),
    ("BRAZILIË", "BR", VOORDEEL, "Brazilië"),
    ("Zuid-Afrika", "ZA", VOORDEEL, "Zuid-Afrika"),
    # Overige landen (everything not named)
    ("Egypte", "EG", OVERIG, "Egypte"),
    ("Marokko", "MA", OVERIG, "Marokko"),
    ("Noord-Korea", "KP", OVERIG, "Noord-Korea"),
    ("Wit-Rusland", "BY", OVERIG, "Belarus"),
    ("Vietnam", "VN", OVERIG, "Vietnam"),
    ("Guyana", "GY", OVERIG, "Guyana"),
    ("Kaapverdië", "CV", OVERIG, "Kaapverdië"),
    ("Saint-Barthélemy", "BL", OVERIG, "Saint-Barthélemy"),
    # English names via Babel
    ("Morocco", "MA", OVERIG, "Marokko"),
    ("Switzerland", "CH", NL_EU, "Zwitserland"),
    ("United States", "US", VOORDEEL, "Verenigde Staten"),
    # Satellite
    ("satelliet", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("veerboot", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("ferry", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("cruiseschip", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("cruise", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("boot", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("schip", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    ("zee", "SATELLIET", SAT, "Satelliet (veerboot, cruiseschip)"),
    # Home
    ("Nederland", "NL", NL, "Nederland"),
    ("Holland", "NL", NL, "Nederland"),
])
def test_find_country_exact(query, code, zone, name):
    match = find_country(query)
    assert match.country is not None, match
    assert (match.country.code, match.country.zone, match.country.name_nl) == (code, zone, name)
    assert not match.fuzzy


@pytest.mark.parametrize("query, code", [
    ("Turkeije", "TR"), ("Thialand", "TH"), ("egypten", "EG"), ("marrokko", "MA"),
    ("spanje", "ES"), ("Zwitserlant", "CH"), ("Oostenrijkk", "AT"), ("Frankrijkk", "FR"),
    ("verenigde staaten", "US"), ("Griekeland", "GR"), ("Portugaal", "PT"),
])
def test_find_country_typos(query, code):
    match = find_country(query)
    assert match.country is not None and match.country.code == code


def test_typo_flagged_as_fuzzy():
    assert find_country("Turkeije").fuzzy
    assert not find_country("Turkije").fuzzy


@pytest.mark.parametrize("query", ["Atlantis", "Narnia", "Mordor", "bellen", "Ceuta", "Zuid-Amerika"])
def test_unknown_country_gives_suggestions_not_a_guess(query):
    match = find_country(query)
    assert match.country is None
    assert len(match.suggestions) <= 3
    assert all(isinstance(s, str) for s in match.suggestions)


def test_suggestions_are_close_names():
    assert "Zuid-Afrika" in find_country("Zuid-Amerika").suggestions
    assert find_country("").country is None and find_country("").suggestions == ()


def test_find_country_in_a_sentence():
    assert find_country("ik ga naar spanje").country.code == "ES"


def test_notes_and_see_also_for_split_places():
    cyprus, north = country_by_code("CY"), country_by_code("CY-NORTH")
    assert cyprus.note == "Grieks deel" and cyprus.see_also == ("CY-NORTH",)
    assert north.note == "Turks deel" and north.see_also == ("CY",) and north.parent == "CY"
    assert country_by_code("SX").see_also == ("MF",) and country_by_code("MF").see_also == ("SX",)
    assert country_by_code("US").note == "inclusief Alaska en Hawaï"
    assert country_by_code("US-AK").parent == "US"
    assert country_by_code("MF").parent == "FR"


SENTENCES = [
    ("Wat kost bellen in Thailand per minuut?", [("TH", "in")]),
    ("wat kost een sms versturen", []),
    ("Ik bel 20 minuten buiten mijn bundel", []),
    ("hoe stel ik kpn pay in op mijn iphone", []),
    ("wat kost belle in egypten", [("EG", "in")]),
    ("Wat kost het om vanuit Turkije naar Marokko te bellen?", [("TR", "vanuit"), ("MA", "naar")]),
    ("Mag ik een mens spreken", []),
    ("Wie wint het WK voetbal?", []),
    ("Kan ik mijn bundel gewoon gebruiken in Frankrijk?", [("FR", "in")]),
    ("wat kost internet daar", []),
    ("Ik ga naar Egypte", [("EG", "naar")]),
    ("Ik ga op vakantie naar de VS", [("US", "naar")]),
    ("Ik ga naar de verenigde staaten", [("US", "naar")]),
    ("bellen vanuit Noord-Ierland naar Ierland", [("GB", "vanuit"), ("IE", "naar")]),
    ("Ik zit op een cruiseschip", [("SATELLIET", "op")]),
    ("wat kost internet op de boot", [("SATELLIET", "op")]),
    ("met de boot naar Engeland", [("GB", "naar")]),
    ("een sms vanaf het schip naar Spanje", [("SATELLIET", "vanaf"), ("ES", "naar")]),
    ("calling home from the ship", [("SATELLIET", "from")]),
    ("Ik ga naar Zuid-Amerika", []),
    ("Ik ga naar Noord-Cyprus, en daarna naar Cyprus", [("CY-NORTH", "naar"), ("CY", "naar")]),
    ("vakantie in het Turkse deel van Cyprus", [("CY-NORTH", "in")]),
    ("ik vlieg van Sint Maarten naar Saint Martin", [("SX", "van"), ("MF", "naar")]),
    ("ik ben op Curacao", [("CW", "op")]),
    ("data gebruiken in brazilie", [("BR", "in")]),
    ("Ik ga naar Thialand en Marrokko", [("TH", "naar"), ("MA", "naar")]),
    ("Ajax vs PSV", []),
    ("Hoeveel kost een sms naar Alaska?", [("US-AK", "naar")]),
    ("Wat kosten de polen en palen?", [("PL", None)]),
    ("Ik woon in Nederland en bel naar België", [("NL", "in"), ("BE", "naar")]),
    ("wat kost een minuut bellen vanuit Dubai", [("AE", "vanuit")]),
    ("Kan ik mijn tegoed gebruiken? Ik betaal met mijn telefoon", []),
    ("Ik wil mijn abonnement opzeggen", []),
    ("Hoeveel data heb ik nog over deze maand?", []),
    ("Wat kost een toestelverzekering voor een telefoon van 500 euro", []),
    ("Ik heb een vraag over mijn factuur", []),
    ("Werkt mijn simkaart in het buitenland?", []),
    ("Ik wil een medewerker spreken", []),
    ("Hoe zet ik een buitenlandbundel aan?", []),
    ("Wat kost 5G?", []),
    ("Ik maak me zorgen over de kosten", []),
    ("Wat is de stand van mijn bundel", []),
    ("Ik wil beginnen met een nieuw abonnement", []),
    ("De server werkt niet", []),
    ("Kan ik een bestand versturen", []),
    ("We gaan trouwen in juni", []),
    ("Ik wil een serie kijken op Netflix", []),
    ("Zij zeiden dat het gratis was", []),
    ("Hoeveel energie kost dat", []),
    ("Ik heb een Nederlandse simkaart", []),
    ("Mijn Zuid-Afrikaanse vriend belt", []),
    ("Ik zit in een vliegtuig", []),
    ("Ik ga kamperen in Frankrijk", [("FR", "in")]),
    ("ik ga naar Costa Rica en El Salvador", [("CR", "naar"), ("SV", "naar")]),
    ("Nieuw Zeeland of Australië", [("NZ", None), ("AU", None)]),
    ("bellen van Thailand, Japan en Marokko naar Nederland",
     [("TH", "van"), ("JP", "van"), ("MA", "van"), ("NL", "naar")]),
    # A demonym names a country only together with a phone-number noun.
    ("Wat kost een sms naar een Turks nummer", [("TR", "naar")]),
    ("bellen naar een Duits mobiel nummer", [("DE", "naar")]),
    ("Ik bel vaak Marokkaanse nummers", [("MA", None)]),
    ("Ik eet graag Turks fruit", []),
    ("Ik spreek Frans en Duits", []),
]


@pytest.mark.parametrize("sentence, expected", SENTENCES)
def test_find_countries_in_text(sentence, expected):
    mentions = find_countries_in_text(sentence)
    assert [(m.country.code, m.preposition) for m in mentions] == expected


def test_mention_offsets_point_into_the_text():
    text = "Wat kost het om vanuit Turkije naar Marokko te bellen?"
    first, second = find_countries_in_text(text)
    assert text[first.start:first.end] == "Turkije" == first.text
    assert text[second.start:second.end] == "Marokko"
    assert first.start < second.start


def test_longest_match_wins_and_no_overlap():
    mentions = find_countries_in_text("Bellen naar Papoea-Nieuw-Guinea en Nieuw-Zeeland")
    assert [m.country.code for m in mentions] == ["PG", "NZ"]


def test_typo_mentions_are_flagged():
    (mention,) = find_countries_in_text("wat kost belle in egypten")
    assert mention.fuzzy and mention.text == "egypten"


@pytest.mark.parametrize("text, codes", [
    # a word of a longer proper name is no misspelt country
    ("we lopen naar Machu Valley", []),  # without the rule: Macau
    ("we lopen naar Machu Picchu", ["PE"]),
    # a misspelt country still is one, also in capitals or next to a lower-case word
    ("IK GA NAAR TURKEIJE", ["TR"]),
    ("naar Egipte volgende week", ["EG"]),
])
def test_proper_names_and_typos_in_sentences(text, codes):
    assert [m.country.code for m in find_countries_in_text(text)] == codes


def test_normalize():
    assert normalize("  Brazilië / Curaçao-eiland ") == "brazilie curacao eiland"
    assert normalize("Bahama’s") == "bahama s"


def test_zone_labels():
    assert zone_label(Zone.NL_EU) == "NL/EU"
    assert zone_label(Zone.VOORDEEL) == "Voordeellanden buiten NL/EU"
    assert zone_label(Zone.OVERIG) == "Overige landen buiten NL/EU"
    assert zone_label(Zone.SATELLIET) == "Satelliet (veerboot, cruiseschip)"
    assert zone_label(Zone.NL) == "Nederland"


def test_zone_sizes_match_the_price_list():
    # 40 countries named for Roam like Home + the regions named in brackets
    rlh = {c.code for c in countries_in_zone(NL_EU)}
    assert {"CH", "NO", "GB", "IS", "LI", "AD", "MC", "SM", "VA", "FO", "GG", "JE", "IM", "GI",
            "GF", "GP", "MQ", "YT", "RE", "MF", "PT-20", "PT-30", "IC", "CY"} <= rlh
    assert len([c for c in countries_in_zone(NL_EU) if c.parent is None]) == 40
    voordeel = [c for c in countries_in_zone(VOORDEEL)]
    assert len([c for c in voordeel if c.code not in ("BQ", "US-AK", "US-HI")]) == 56
    assert [c.code for c in countries_in_zone(SAT)] == ["SATELLIET"]
    assert len(countries_in_zone(OVERIG)) > 150
    assert [c.code for c in countries_in_zone(NL)] == ["NL"]


def test_non_countries_and_unsettled_regions_are_not_offered():
    for code in ("EU", "UN", "ZZ", "XA", "EA", "AX"):
        with pytest.raises(KeyError):
            country_by_code(code)


def test_country_by_code_is_case_insensitive():
    assert country_by_code("us") == country_by_code("US")
    assert isinstance(country_by_code("US"), Country)
    assert country_by_code("US").name_en == "United States"


def test_all_country_names():
    names = all_country_names()
    for name in ("Verenigde Staten", "Turkije", "Engeland", "Cyprus (Turks deel)", "Bonaire", "veerboot"):
        assert name in names
    assert "boot" not in names and "zee" not in names and "VS" not in names
    assert "VS" in all_country_names(include_weak=True)
    assert len(names) == len(set(names))


def test_resolve_country():
    assert resolve_country("brazilie").code == "BR"
    assert resolve_country(country_by_code("TH")).code == "TH"
    with pytest.raises(UnknownCountryError) as info:
        resolve_country("Atlantis")
    assert "Atlantis" in info.value.message


def test_lookup_is_fast():
    find_country("Thailand")
    per_call = timeit.timeit(lambda: find_country("Thailand"), number=2000) / 2000
    assert per_call < 0.0002


# --------------------------------------------------------------------------- English

@pytest.mark.parametrize("query, code", [
    ("the US", "US"), ("USA", "US"), ("U.S.", "US"), ("America", "US"), ("the States", "US"),
    ("United States", "US"), ("UK", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
    ("England", "GB"), ("Scotland", "GB"), ("Northern Ireland", "GB"), ("Holland", "NL"),
    ("the Netherlands", "NL"), ("Netherlands", "NL"), ("Turkey", "TR"), ("Türkiye", "TR"),
    ("Morocco", "MA"), ("Thailand", "TH"), ("Dubai", "AE"), ("UAE", "AE"), ("Bali", "ID"),
    ("Germany", "DE"), ("Spain", "ES"), ("Czech Republic", "CZ"), ("Czechia", "CZ"),
    ("South Korea", "KR"), ("Ivory Coast", "CI"), ("Canary Islands", "IC"), ("the Canaries", "IC"),
    ("Balearic Islands", "ES"), ("Crete", "GR"), ("Sicily", "IT"), ("Northern Cyprus", "CY-NORTH"),
    ("Greek part of Cyprus", "CY"), ("St Maarten", "SX"), ("Vatican City", "VA"),
    ("Bosnia and Herzegovina", "BA"), ("cruise ship", "SATELLIET"), ("at sea", "SATELLIET"),
    ("satellite", "SATELLIET"), ("a Turkish number", "TR"), ("Moroccan phone numbers", "MA"),
    ("a German mobile number", "DE"), ("a US number", "US"), ("Turkiye", "TR"),
])
def test_find_country_english(query, code):
    assert find_country(query).country.code == code


ENGLISH_SENTENCES = [
    ("What does it cost to call from the US to the Netherlands?", [("US", "from"), ("NL", "to")]),
    ("I'm in Spain", [("ES", "in")]),
    ("calling from the States to Holland", [("US", "from"), ("NL", "to")]),
    ("How much is data in Turkey?", [("TR", "in")]),
    ("Can I use my bundle in the UK?", [("GB", "in")]),
    ("we are in the U.S. right now", [("US", "in")]),
    ("I'm going to Bali next week", [("ID", "to")]),
    ("Is roaming free in Britain and Ireland?", [("GB", "in"), ("IE", "in")]),
    ("I need internet in Brazil, Argentina and Chile", [("BR", "in"), ("AR", "in"), ("CL", "in")]),
    ("I live in the Netherlands and call to Germany", [("NL", "in"), ("DE", "to")]),
    ("What is the cheapest way to call home from Thailand?", [("TH", "from")]),
    ("Can I call America from England?", [("US", None), ("GB", "from")]),
    ("calling from Curacao to Aruba", [("CW", "from"), ("AW", "to")]),
    ("I'm on a cruise ship", [("SATELLIET", "on")]),
    ("Does it work on a boat?", [("SATELLIET", "on")]),
    ("what does internet cost at sea", [("SATELLIET", None)]),
    ("I want to call an Indian number", [("IN", None)]),
    ("I called a Moroccan mobile number", [("MA", None)]),
    ("How much is a sms to a Turkish number?", [("TR", "to")]),
    ("wat kost bellen naar de US", [("US", "naar")]),
    # English pronouns, adjectives and words close to a country name are no country
    ("Please call us back", []),
    ("Tell us more about it", []),
    ("I speak German and French", []),
    ("My German friend calls me", []),
    ("Indian food is great", []),
    ("I love Turkish coffee", []),
    ("What's the price for South America?", []),
    ("I was hungry, so I created a portal", []),
    ("the services on this island are a bargain", []),
    ("My surname is George", []),
    ("Hello, I would like to know the prices", []),
    ("When my contract ends, can I change plans?", []),
]


@pytest.mark.parametrize("sentence, expected", ENGLISH_SENTENCES)
def test_find_countries_in_english_text(sentence, expected):
    mentions = find_countries_in_text(sentence)
    assert [(m.country.code, m.preposition) for m in mentions] == expected


@pytest.mark.parametrize("sentence, roles", [
    ("calling from the US to the Netherlands", ["origin", "destination"]),
    ("I'm in Spain", ["location"]),
    ("I'm on a cruise ship", ["location"]),
    ("Wat kost het om vanuit Turkije naar Marokko te bellen?", ["origin", "destination"]),
    ("Ik zit in Spanje", ["location"]),
    ("bellen van Thailand naar Nederland", ["origin", "destination"]),
    ("How expensive is calling Japan?", [None]),
    ("met de boot naar Engeland", ["destination"]),
])
def test_a_mention_says_whether_it_is_origin_destination_or_location(sentence, roles):
    assert [m.role for m in find_countries_in_text(sentence)] == roles


def test_us_counts_only_in_capitals():
    assert [m.country.code for m in find_countries_in_text("I'm in the US")] == ["US"]
    assert find_countries_in_text("can you send it to us") == []
    assert find_countries_in_text("kunt u 's avonds bellen") == []


def test_english_names_join_the_lookup_names_on_request():
    dutch_only = all_country_names()
    both = all_country_names(include_english=True)
    assert "Germany" not in dutch_only and "Germany" in both
    assert "Duitsland" in both and "the States" in both and "Britain" in dutch_only
    assert "US" not in both and "US" in all_country_names(include_weak=True, include_english=True)
    assert len(both) == len(set(both))


def test_typos_can_be_left_out():
    assert [m.country.code for m in find_countries_in_text("bellen naar turkeije", typos=False)] == []
    assert [m.country.code for m in find_countries_in_text("bellen naar turkeije")] == ["TR"]
    assert [m.country.code for m in find_countries_in_text("bellen naar Turkije", typos=False)] == ["TR"]
