"""server/understanding: what the reader makes of a message (entities with roles, cues,
language), the question a long message asks, and the intent corrections — on realistic
classifier rankings, confident and not."""
from datetime import date

import pytest

from server.understanding import intents
from server.understanding.reading import focus, question_parts, read

TODAY = date(2026, 11, 29)


def entities(text):
    return [(e.entity, e.value, e.role) for e in read(text, TODAY).entities]


@pytest.mark.parametrize("text, expected", [
    ("wat kost het om vanuit Turkije naar Marokko te bellen",
     [("country", "Turkije", "location"), ("country", "Marokko", "destination"), ("usage", "call", None)]),
    ("ik ga in april twee weken naar Thailand. Wat kost bellen daar?",
     [("country", "Thailand", "location"), ("usage", "call", None)]),
    ("mijn oma in Suriname bellen", [("country", "Suriname", "destination"), ("usage", "call", None)]),
    ("naar Kenia", [("country", "Kenia", None)]),
    ("Wat kost bellen in Turkije? Mijn nummer is 0612345678", [("usage", "call", None), ("country", "Turkije", "location")]),
    ("mijn toestel kostte 650 euro", [("amount", "650", "device_value")]),
    # a limit told is no money spent; a count in words; a rate quoted is no call or amount
    ("Ik las dat ik met KPN Pay tot 300 euro per aankoop kan betalen. Klopt dat?", [("amount", "300", "limit")]),
    ("ik heb al vier aankopen van 50 euro gedaan met kpn pay", [("amount", "200", "spent")]),
    ("calls there cost €1 a minute, so 10 minutes is €10?",
     [("usage", "call", None), ("duration", "600", "call"), ("amount", "10", None)]),
    # "maar" between a call and its duration; being called in the next sentence is another call
    ("In Japan bel ik 4 keer kort naar huis, elk gesprek duurt maar 15 seconden. Verder word ik 1 keer gebeld, "
     "dat duurt anderhalve minuut.",
     [("country", "Japan", "location"), ("usage", "call", None), ("call_count", "4", None), ("duration", "60", "call"),
      ("usage", "called", None), ("duration", "90", "called")]),
    ("in Japan heb ik 3 keer naar huis gebeld, elk gesprek duurde 20 seconden",
     [("country", "Japan", "location"), ("usage", "call", None), ("call_count", "3", None), ("duration", "60", "call")]),
    # a phone in chat shorthand is the device insured, not a purchase
    ("verzekering tel van 500 euro wat kost", [("amount", "500", "device_value")]),
    ("en gebelt worden", [("usage", "called", None)]),  # a common misspelling
    ("en als ik haar zelf terugbel?", [("usage", "call", None)]),
    # home called in a country is the place called, also when "daar" says where you are
    ("Wat kost het als ik daar 5 minuten met thuis in Nederland bel?",
     [("duration", "300", "call"), ("country", "Nederland", "destination"), ("usage", "call", None)]),
    # typos of an account type; a basic cover
    ("ik heb prepiad, kan ik kpn pay gebruike", [("customer_type", "prepaid", None)]),
    ("basic insurance for a phone of 500 euros", [("coverage", "standaard", None), ("amount", "500", "device_value")]),
    # a trip told from the past is not the one asked about; travelling "door" a country is being there
    ("Vorig jaar in Marokko was mijn rekening hoog. Nu ga ik rondreizen door Japan, wat kost internet daar?",
     [("country", "Marokko", None), ("country", "Japan", "location"), ("usage", "data", None)]),
    # "naar X" right after a call is the place called, also after "daar"
    ("Ik ga naar Egypte en bel daar elke dag naar Nederland",
     [("country", "Egypte", "location"), ("usage", "call", None), ("country", "Nederland", "destination")]),
    ("What do I pay if I ring Egypt from here in Holland?",
     [("usage", "call", None), ("country", "Egypte", None), ("country", "Nederland", "location")]),
    # two places compared, home called: each a place to be
    ("We gaan naar Thailand en Vietnam. Is naar Nederland bellen vanuit Thailand even duur als vanuit Vietnam?",
     [("country", "Nederland", "destination"), ("usage", "call", None), ("country", "Thailand", "location"),
      ("country", "Vietnam", "location")]),
    # calls counted with "steeds" (each time) before their length
    ("en als ik 5 keer heel kort naar Kenia bel, steeds zo'n 10 seconden?",
     [("country", "Kenia", "destination"), ("usage", "call", None), ("call_count", "5", None), ("duration", "50", "call")]),
    # the same call named again is no second call
    ("ik wil hem bellen, zo'n 10 minuten per keer. Wat kost zo'n gesprek van 10 minuten?",
     [("usage", "call", None), ("duration", "600", "call")]),
    # the place instead of which the customer goes is not meant
    ("en als ik in plaats van Marokko naar Tunesië ga?", [("country", "Tunesië", "location")]),
    # someone else on a ship is called there; you on a ship are there
    ("mijn opa zit op een cruiseschip, wat kost het als ik hem vanuit Nederland bel",
     [("country", "Satelliet (veerboot, cruiseschip)", "destination"), ("country", "Nederland", "location"),
      ("usage", "call", None)]),
    ("ik zit op een cruiseschip, wat kost bellen", [("country", "Satelliet (veerboot, cruiseschip)", "location"),
                                                    ("usage", "call", None)]),
    # an amount after a kind of subscription in an app is a purchase
    ("kan ik een jaarabonnement van 65 euro met KPN Pay betalen?", [("amount", "65", "purchase")]),
    # being called, with a word between ("als mijn moeder mij daar belt")
    ("wat betaal ik als mijn broer me daar belt", [("usage", "called", None)]),
    # the minutes of a plan that are used up are no call to price
    ("wat betaal ik daarna als mijn 150 minuten op zijn", [("duration", "9000", "allowance"), ("usage", "call", None)]),
    ("ik bel 20 minuten op vakantie", [("usage", "call", None), ("duration", "1200", "call")]),
    # the minutes of the plan the customer names ("Hussel 15 GB met 150 minuten") are no call either
    ("Ik heb Hussel 15 GB met 150 minuten. Wat kost bellen in Marokko?",
     [("data_volume", "15000", "allowance"), ("usage", "data", None), ("duration", "9000", "allowance"),
      ("usage", "call", None), ("country", "Marokko", "location")]),
    ("ik wil 2 GB en 30 minuten gebruiken in Turkije",  # no plan named: what the trip needs
     [("data_volume", "2000", None), ("usage", "data", None), ("duration", "1800", "call"), ("usage", "call", None),
      ("country", "Turkije", "location")]),
    ("ik heb 3 aankopen van 49,99 gedaan", [("amount", "149.97", "spent")]),
    ("ik wil 3 apps van 20 euro kopen, kan dat?", [("purchase_count", "3", None), ("amount", "20", "purchase")]),
    ("mag ik voor twintig euro iets kopen met kpn pay", [("amount", "20", "purchase")]),
    ("in Turkije 3 keer kort gebeld, elke keer 10 seconden", [("country", "Turkije", "location"),
                                                              ("usage", "call", None), ("call_count", "3", None),
                                                              ("duration", "30", "call")]),
    ("en als ze mij terugbellen, 10 minuten?", [("usage", "called", None), ("duration", "600", "called")]),
    ("Mijn moeder wil me elke dag bellen, zo'n 20 minuten per keer. Wat kost dat?",
     [("usage", "called", None), ("duration", "1200", "called")]),
    ("ik bel 3 minuten en word 10 minuten gebeld", [("usage", "call", None), ("duration", "180", "call"),
                                                   ("usage", "called", None), ("duration", "600", "called")]),
    ("I used all my 150 texts and I'm sending 40 more",
     [("sms_count", "150", "allowance"), ("usage", "sms", None), ("sms_count", "40", None)]),
    ("ik heb al voor 280 euro aan apps gekocht", [("amount", "280", "spent")]),
    ("Hussel 5 GB", [("data_volume", "5000", "allowance"), ("usage", "data", None)]),
    ("how much is 1.5 GB in Thailand", [("data_volume", "1500", None), ("usage", "data", None),
                                         ("country", "Thailand", "location")]),
    ("What does it cost to call from the US to the Netherlands?",
     [("usage", "call", None), ("country", "Verenigde Staten", "location"), ("country", "Nederland", "destination")]),
    ("Ik ga 2 weken naar New York, ik bel 30 minuten", [("country", "Verenigde Staten", "location"),
                                                       ("usage", "call", None), ("duration", "1800", "call")]),
    ("Kost het geld als iemand mij belt?", [("usage", "called", None)]),
    # home called from abroad, and the place of someone who calls me, are the other end of the call
    ("We zitten in Kenia. Wat kost het als ik vanaf daar naar huis in Nederland bel?",
     [("country", "Kenia", "location"), ("country", "Nederland", "destination"), ("usage", "call", None)]),
    ("wat als mijn broer mij uit Nederland belt", [("usage", "called", None), ("country", "Nederland", "destination")]),
    ("wat kost het om gebeld te worden in Kenia", [("usage", "called", None), ("country", "Kenia", "location")]),
    ("niet Spanje maar Portugal", [("country", "Portugal", None)]),
    # a typo right after 'in' may be one letter off; an ordinary word never is a place
    ("how mch is caling in egipt", [("country", "Egypte", "location")]),
    ("wat als mijn bundel op raakt in een nieuwe maand", []),
    # an hour of calling is no time of day; "om 2 uur" is
    ("hoeveel kost 2 uur bellen in jamaica", [("duration", "7200", "call"), ("usage", "call", None),
                                               ("country", "Jamaica", "location")]),
    ("morgen om 2 uur bellen", [("date", "2026-11-30T02:00:00", None), ("usage", "call", None)]),
    # a bundle's size is a whole number: not a price's euros or cents, not its days
    ("kan ik de extra bundel van 250 ook gebruiken in belgie", [("bundle_size", "250", None),
                                                               ("country", "België", "location")]),
    ("de bundel van 54,99, wat krijg ik daarvoor", [("amount", "54.99", None)]),
    ("€ 2,99 bundel, hoeveel minuten krijg ik", [("amount", "2.99", None), ("usage", "call", None)]),
    ("blijft de bundel 31 dagen geldig", []),
    # a cover named by what it leaves out
    ("En die andere variant, zonder diefstal?", [("coverage", "standaard", None)]),
    ("ook tegen diefstal verzekerd?", [("coverage", "extra", None)]),
    ("verzekering voor mijn telefoon, alleen schade, diefstal hoeft niet", [("coverage", "standaard", None)]),
    ("insurance for my phone, theft is not needed", [("coverage", "standaard", None)]),
    # theft told without insurance words is what happened, no cover asked about (a cue)
    ("ook tegen diefstal", []),
    ("mijn telefoon is gestolen, hoe blokkeer ik mijn sim?", []),
    # purchases counted, each of an amount: what was spent
    ("ik heb deze maand al 4 dingen gekocht van 49,99", [("amount", "199.96", "spent")]),
    # from there to a place: the place called
    ("Ik ga naar Marokko. Wat kost het per minuut als ik daar naar Nederland bel?",
     [("country", "Marokko", "location"), ("country", "Nederland", "destination"), ("usage", "call", None)]),
    ("Wat kost het om vanuit daar mijn vriend in Zwitserland te bellen?",
     [("country", "Zwitserland", "destination"), ("usage", "call", None)]),
    # several Kids lines
    ("ik wil drie Kids abonnementen", [("line_count", "3", None)]),
    # purchases listed as made are what was spent, added up; a list to buy is not
    ("met kpn pay gekocht: 35,00, 49,99 en 20,00 euro. hoeveel kan ik nog?", [("amount", "104.99", "spent")]),
    ("ik kocht voor 12 euro, 30 euro en 7,50 euro", [("amount", "49.5", "spent")]),
    ("ik wil apps van 20 euro en 30 euro kopen", [("amount", "20", None), ("amount", "30", "purchase")]),
])
def test_entities_with_roles(text, expected):
    assert entities(text) == expected


@pytest.mark.parametrize("text, months", [
    ("hoeveel ben ik over twee jaar kwijt", "24"),
    ("wat kost het per jaar", "12"),
    ("Mobiel Internet 10 GB, wat ben ik kwijt over die twaalf maanden?", "12"),
    ("en voor 2 jaar?", "24"),
    ("how much for two years in total?", "24"),
    # a time ahead, a contract term or a time ago is no period of a sum
    ("over twee jaar ga ik verhuizen", None),
    ("Hussel 5 GB voor twee jaar, wat kost dat per maand?", None),
    ("twee jaar geleden afgesloten", None),
])
def test_the_period_a_monthly_price_is_added_up_over(text, months):
    found = [value for entity, value, _ in entities(text) if entity == "period"]
    assert found == ([months] if months else [])
    if months:  # "over twee jaar kwijt" is no date two years from now
        assert not [value for entity, value, _ in entities(text) if entity == "date"]


def spans(text):
    return [(e.entity, text[e.start:e.end], e.value) for e in read(text, TODAY).entities]


@pytest.mark.parametrize("text, expected", [
    # words that start like "bellen" but are no calling
    ("dit is belachelijk", []),
    ("zijn de prijzen inclusief belasting", []),
    ("wat is belangrijk om te weten over roaming", []),
    # the verb asks it; the unit counts the amount or names the bundle
    ("20 minuten bellen naar canada", [("duration", "20 minuten", "1200"), ("usage", "bellen", "call"),
                                       ("country", "canada", "Canada")]),
    ("mijn minuten zijn op, wat kost 12 minuten bellen", [("duration", "12 minuten", "720"),
                                                          ("usage", "bellen", "call")]),
    ("500 MB in turkije", [("data_volume", "500 MB", "500"), ("usage", "MB", "data"), ("country", "turkije", "Turkije")]),
    # a default is no insurance cover; "lost ... op" is Dutch for "solves"
    ("standaard betaalmethode wijzigen naar kpn pay", []),
    ("wie lost dit op", []),
    ("de extra verzekering", [("coverage", "extra", "extra")]),
    ("hoeveel kost de basis verzekering", [("coverage", "basis", "standaard")]),
    ("wat betaal ik in totaal voor de standaard verzekering", [("coverage", "standaard", "standaard")]),
    ("bij mij staat 5g standaard aan", []),
    # theft named in a message about a toestelverzekering is the Extra cover
    ("de toestelverzekering die ook tegen diefstal is", [("coverage", "diefstal", "extra")]),
    # the word that names the platform, every brand
    ("kpn pay op mijn Galaxy", [("platform", "Galaxy", "android")]),
    ("activeer kpn pay in google play", [("platform", "google play", "android")]),
    # no money in a network generation, a percentage or a model number
    ("mijn telefoon pakt geen 4g meer", []),
    ("mijn bundel is voor 100% verbruikt", []),
    ("ik heb een iphone 15 van 900 euro", [("platform", "iphone", "ios"), ("amount", "900 euro", "900")]),
    # a contract term, not a stay, a validity or a price per month
    ("ik wil een abonnement van een jaar", [("term", "een jaar", "12")]),
    ("ik verblijf een maand in dubai", [("country", "dubai", "Verenigde Arabische Emiraten")]),
    ("is de buitenlandbundel een maand geldig", []),
    ("mag ik binnen een maand twee keer mijn abonnement wijzigen", []),
    # the same call named again ("die 10 seconden") is no second call; "gebelt worde" is being called
    ("Ik belde 10 seconden, betaal ik dan alleen die 10 seconden?", [("usage", "belde", "call"),
                                                                      ("duration", "10 seconden", "10")]),
    ("wat kost gebelt worde in turkije", [("usage", "gebelt worde", "called"), ("country", "turkije", "Turkije")]),
    # a message received is no text sent; a voicemail message neither
    ("ik kreeg een sms dat mijn bundel op is", [("usage", "sms", "sms")]),
    # ... nor is a notice or a code KPN sends
    ("er kwam een sms binnen over mijn bundel", [("usage", "sms", "sms")]),
    ("krijg ik bij hussel onbeperkt een sms bij 80 procent", [("usage", "sms", "sms")]),
    ("is het normaal dat ik een sms krijg van kpn", [("usage", "sms", "sms")]),
    ("wat kost een sms naar turkije", [("sms_count", "een sms", "1"), ("usage", "sms", "sms"),
                                       ("country", "turkije", "Turkije")]),
    ("kost het inspreken van een bericht op mijn voicemail geld", []),
    # a Dutch town says where the customer is only next to calling, texting or data
    ("hoe laat gaat de kpn winkel in utrecht open", []),
    ("ik zit in rotterdam en bel naar turkije", [("country", "rotterdam", "Nederland"), ("usage", "bel", "call"),
                                                 ("country", "turkije", "Turkije")]),
    ("wat kost bellen vanuit rotterdam", [("usage", "bellen", "call"), ("country", "rotterdam", "Nederland")]),
    # the place meant, not the one said not to be meant
    ("We gaan naar Tunesië, niet Marokko", [("country", "Tunesië", "Tunesië")]),
    ("vanuit Tunesië naar Marokko bellen", [("country", "Tunesië", "Tunesië"), ("country", "Marokko", "Marokko"),
                                            ("usage", "bellen", "call")]),
    # contact with a person, no call answered; the internet block is no data use
    ("kan er iemand contact met mij opnemen", []),
    ("gaat de internetblokkade automatisch aan", []),
])
def test_entity_spans_are_the_words_that_say_them(text, expected):
    assert spans(text) == expected


@pytest.mark.parametrize("text, theft", [
    ("mijn telefoon is gestolen", True), ("ook tegen diefstal", True),
    ("dekt de verzekering diefstal?", False), ("wat kost de verzekering", False),
])
def test_theft_without_insurance_words_is_a_cue(text, theft):
    assert ("theft_or_loss" in read(text, TODAY).cues) == theft


@pytest.mark.parametrize("text, cues", [
    ("<img src=x onerror=alert(1)>", {"markup"}),
    ("hoe kom ik aan een nieuwe pukcode", {"how_to"}),
    ("alleen bellen en sms'en, geen internet nodig", {"no_data"}),
    ("I only need calls and texts, no data", {"no_data"}),
    ("en internetten?", {"elliptic"}),
    ("en ik wil ook data", {"elliptic"}),
    ("Hmm, en dan met onbeperkt data erbij?", {"elliptic", "unlimited_data"}),  # after a filler word
    ("oh and in Spain?", {"elliptic"}),
    ("oh nee, ik bedoel Mexico", {"correction"}),
    ("ow wacht nee, het wordt Tunesië dit jaar, niet Egypte", {"correction"}),
    ("oh wacht, de bundel van 250 is genoeg", {"correction"}),
    ("wat kost internet in het buitenland", {"generic_abroad"}),
    ("en als ik ook in de EU veel internet?", {"elliptic", "eu"}),
    ("wat kost een extra GB", {"more_data"}),
    ("ik heb Hussel 5 GB, kan ik data erbij kopen?", {"more_data"}),
    ("dus die eenmalige kosten plus 1 maand abonnement is samen hoeveel?", {"total"}),
    ("wat gebeurt er als mijn data in Italië op is?", {"used_up"}),
    ("kan ik in het vliegtuig bellen", {"plane"}),
    ("wordt er per seconde of per minuut gerekend?", {"billing"}),
    ("hoe zeg ik mijn toestelverzekering op", {"cancel"}),
    ("ik wacht al een half uur op de code, er komt niks", {"not_received"}),
    ("\U0001F621\U0001F621 waarom is mijn internet zo traag", {"anger"}),
    ("dit is echt niet normaal, alweer een hoge rekening", {"anger"}),
    ("If I only call for 10 seconds, do I pay a full minute?", {"billing"}),
    ("kunnen jullie op zijn nummer 0900-nummers blokkeren?", {"asks_kpn_to_act"}),
    ("could you send me a new sim card", {"asks_kpn_to_act"}),
    ("and under what name does it show up on my invoice", {"invoice_question"}),
    ("hoe heet dat dan op de factuur", {"invoice_question"}),
    ("wanneer komt dat bedrag op mijn rekening", {"invoice_question"}),
    ("is er 4G dekking bij ons vakantiehuisje in Zeeland", {"network_coverage"}),
    ("do you have 5G coverage in Groningen", {"network_coverage"}),
    ("Can I add a streaming option to a Kids subscription?", {"kids_plan"}),
    ("zijn er aansluitkosten bij kids", {"kids_plan"}),
    ("wat kost een Galaxy S24 per maand met Hussel 5 GB?", {"with_device"}),
    ("Hussel 15 GB met een nieuwe iPhone, wat betaal ik?", {"with_device"}),
    ("Ik zoek een abonnement zonder toestel met 5 GB", {"without_device"}),
    ("hoeveel duurder is Hussel 15 GB dan 5 GB", {"price_difference"}),
    ("Kan ik tussentijds naar 15 GB?", {"plan_switch"}),
    ("mijn Spotify Premium via KPN staat nog niet aan, klopt dat?", {"own_account"}),
    ("is my travel bundle active already?", {"own_account"}),
    ("I want to switch to 15 GB", {"plan_switch"}),
    ("how much more is the 25 GB plan?", {"price_difference"}),
    ("hoeveel mb zit er in 1 gb", {"data_units"}),
    ("wat is de goedkoopste combinatie van BuitenlandBundels?", {"cheaper_bundle"}),
    ("kost wifi-bellen iets in het buitenland?", {"wifi_calling"}),
    ("can I call over the hotel wifi for free?", {"wifi_calling"}),
    ("how many MB in a GB at KPN?", {"data_units"}),
    ("wat betaal ik de 1e maand", {"first_month"}),
    ("what do I pay the 1st month", {"first_month"}),
    ("en voor 20 minuten?", {"minutes_only"}),
    ("als ik overstap naar een ander kpn abonnement, blijft kpn pay dan werken?", {"other_plan"}),
    ("does KPN Pay keep working if I change my subscription?", {"other_plan"}),
    ("kan ik een eigen lager limiet instellen voor kpn pay?", {"change_limit"}),
    ("can I lower the KPN Pay limit?", {"change_limit"}),
])
def test_cues(text, cues):
    assert cues <= read(text, TODAY).cues


@pytest.mark.parametrize("text, cue", [
    ("We gaan in mei naar Peru en ik wil af en toe naar huis bellen. Wat kost dat?", "counts_toward_bundle"),
    ("Wij gaan naar Kenia. Het lijkt me handig om daar te internetten, maar dat is vast duur. Wat kost 1 MB?",
     "counts_toward_bundle"),
])
def test_no_cue_from_words_far_apart(text, cue):
    assert cue not in read(text, TODAY).cues


@pytest.mark.parametrize("text, cue", [
    ("kan je KPN Pay ook aanzetten op een iPad?", "asks_kpn_to_act"),  # a generic "je": how one does it
    ("20 minuten bellen naar Marokko", "minutes_only"),  # a verb says what the minutes are
    ("wat kost een GB extra in de EU", "data_units"),
    ("is it on my bill already?", "after_setup"),
    ("en eigenlijk wil ik het juist verwijderen, niet instellen", "elliptic"),  # a question of its own
    ("wacht even, mijn zoon vraagt of hij een spel van 60 euro kan kopen", "correction"),  # an interruption
])
def test_no_cue_from_a_lookalike(text, cue):
    assert cue not in read(text, TODAY).cues


@pytest.mark.parametrize("text", ["<i>wat kost internet in Peru</i>", "<script>x()</script> hoeveel kost sms'en in Chili"])
def test_a_question_wrapped_in_markup_is_read(text):
    assert "markup" not in read(text, TODAY).cues


@pytest.mark.parametrize("text, requested", [
    ("Kunnen we verder in het Engels?", "en"), ("Nederlands graag", "nl"), ("sorry, I can't read Dutch", "en"),
    ("mijn Engels is niet zo goed", "nl"), ("Please answer in Dutch. What does 5 GB cost?", "nl"),
    ("Wat kost bellen in Engeland?", None), ("Is de App Store ook in het Engels?", None),
])
def test_a_language_asked_for(text, requested):
    assert read(text, TODAY).language.requested == requested


def test_a_language_request_is_left_out_of_the_question():
    assert focus("Kunnen we verder in het Engels? How much is 10 GB a month?") == "How much is 10 GB a month?"


@pytest.mark.parametrize("text, code, clear", [
    ("What does it cost to call from the US to the Netherlands?", "en", True),
    ("wat kost bellen in turkije", "nl", True),
    ("ok", None, False), ("Spanje", "nl", False), ("<b>hoi</b>", None, False),
    ("Hola, ¿me ayudas?", "es", True),
])
def test_language(text, code, clear):
    language = read(text, TODAY).language
    assert (language.code, language.clear) == (code, clear)


@pytest.mark.parametrize("text, question", [
    ("Hallo, ik ben nu drie weken op vakantie in Turkije met mijn gezin. Gisteren werkte mijn internet opeens "
     "niet meer en ik kreeg een sms van KPN. Ik heb al heel veel betaald deze maand denk ik. Hoe kan ik weer "
     "internetten?", "Gisteren werkte mijn internet opeens niet meer en ik kreeg een sms van KPN. Ik heb al heel veel "
                     "betaald deze maand denk ik. Hoe kan ik weer internetten?"),
    # the sentence before a question that points back is context enough when it says enough (no greeting)
    ("Goedemiddag. Vorige maand heb ik een nieuwe telefoon gekocht bij de winkel en die wil ik graag verzekeren "
     "want mijn vorige is gestolen. Wat kost dat voor een toestel van 800 euro?",
     "Vorige maand heb ik een nieuwe telefoon gekocht bij de winkel en die wil ik graag verzekeren "
     "want mijn vorige is gestolen. Wat kost dat voor een toestel van 800 euro?"),
    ("wat kost bellen in turkije", "wat kost bellen in turkije"),
    # a word late in the question that points back inside it ("... en wat kosten die?") keeps the story out
    ("We gaan met z'n vieren een maand naar Kenia en ik wil daar kunnen navigeren met mijn telefoon. Mijn buurman "
     "zegt dat dat zonder bundel veel geld kost. Welke bundels bestaan er voor Kenia en wat kosten die?",
     "Welke bundels bestaan er voor Kenia en wat kosten die?"),
    # a point between digits ends no sentence: the amount stays whole
    ("I have two lines with KPN for my small business and we buy apps for the work we do. Last month there was "
     "also something else on the invoice. What is the 3.96 option on my bill?",
     "What is the 3.96 option on my bill?"),
])
def test_a_long_message_is_classified_on_its_question(text, question):
    assert focus(text) == question


STORY = ("Mijn dochter gaat in maart drie weken naar Thailand en Vietnam met haar klas en ze heeft een Hussel "
         "abonnement van KPN met 5 GB. ")


@pytest.mark.parametrize("text, parts", [
    (STORY + "Wat kost internetten daar? En hoe zet ik een BuitenlandBundel voor haar aan?",
     [STORY + "Wat kost internetten daar?", "En hoe zet ik een BuitenlandBundel voor haar aan?"]),
    (STORY + "Hoeveel kost bellen daar per minuut, en hoe zet ik een bundel voor haar aan?",
     [STORY + "Hoeveel kost bellen daar per minuut?", "hoe zet ik een bundel voor haar aan?"]),
    # what comes after the last question (a greeting, a signature) stays with it
    (STORY + "Wat kost een sms daar? Wat kost internetten? Groetjes, Anja",
     [STORY + "Wat kost een sms daar?", "Wat kost internetten? Groetjes, Anja"]),
    (STORY + "Wat kost internetten daar?", [STORY + "Wat kost internetten daar?"]),  # one question
    ("Wat kost bellen in Turkije? En sms?", ["Wat kost bellen in Turkije? En sms?"]),  # short: one turn
    # two questions of a few words each are two turns, also without a story
    ("Hoe duur is een sms in Japan? Ander onderwerp: kan ik met KPN Pay in de Play Store betalen?",
     ["Hoe duur is een sms in Japan?", "Ander onderwerp: kan ik met KPN Pay in de Play Store betalen?"]),
    ("Can I move to a cheaper plan? How long is the notice period?",
     ["Can I move to a cheaper plan?", "How long is the notice period?"]),
    (STORY + "Kan je Engels praten? What does internet cost there? And calls?",  # no language request
     [STORY + "Kan je Engels praten? What does internet cost there? And calls?"]),
    (STORY + "Kost de bundel van 4.99 dan 4.99 per week?", [STORY + "Kost de bundel van 4.99 dan 4.99 per week?"]),
    # several questions in one sentence, after a label ("2 vraagjes:")
    ("2 vraagjes: wat kost het per minuut om vanuit Thailand naar Nederland te bellen, en hoeveel mag ik in totaal "
     "per maand met KPN Pay uitgeven?",
     ["2 vraagjes: wat kost het per minuut om vanuit Thailand naar Nederland te bellen?",
      "hoeveel mag ik in totaal per maand met KPN Pay uitgeven?"]),
    ("ik neem een nieuw hussel abbo. wat zijn de aansluitkosten, wat kost 5G erbij per maand en wat kost spotify "
     "premium als optie?", ["ik neem een nieuw hussel abbo. wat zijn de aansluitkosten?", "wat kost 5G erbij per maand?",
                            "wat kost spotify premium als optie?"]),
    # ", en betalen we ...?": a yes/no question joined to the first
    ("Mijn zoon krijgt zijn eerste telefoon. Wat kost een Kids abonnement per maand, en krijg ik er korting op?",
     ["Mijn zoon krijgt zijn eerste telefoon. Wat kost een Kids abonnement per maand?", "krijg ik er korting op?"]),
    # "en hoe lang ...", "en waar ...": a second question joined without a comma
    ("We vliegen naar Japan. Welke bundels zijn er voor Japan en hoe lang kan ik die gebruiken?",
     ["We vliegen naar Japan. Welke bundels zijn er voor Japan?", "hoe lang kan ik die gebruiken?"]),
    ("Mijn dochter wil apps kopen. Hoe zet ik KPN Pay op haar telefoon aan en waar zie ik wat ze koopt?",
     ["Mijn dochter wil apps kopen. Hoe zet ik KPN Pay op haar telefoon aan?", "waar zie ik wat ze koopt?"]),
    # the question asked again for someone else is no question of its own
    ("Wanneer krijg ik voor het eerst inflatiecorrectie? Mijn contract liep vanaf 15 juli 2026. En mijn zus is op "
     "20 juni 2026 begonnen, zij ook per dezelfde datum?",
     ["Wanneer krijg ik voor het eerst inflatiecorrectie? Mijn contract liep vanaf 15 juli 2026. En mijn zus is op "
      "20 juni 2026 begonnen, zij ook per dezelfde datum?"]),
    # "hoeveel is dat samen?" asks the sum of the questions before: one question
    ("Ik kreeg een herinnering. Wat kost een herinnering, wat kost heraansluiting, en hoeveel is dat samen?",
     ["Ik kreeg een herinnering. Wat kost een herinnering, wat kost heraansluiting, en hoeveel is dat samen?"]),
    ("ik heb hussel onbeperkt data. vandaag werd mn internet traag, hoe kan dat? en kan ik data delen met mn vriendin",
     ["ik heb hussel onbeperkt data. vandaag werd mn internet traag, hoe kan dat?", "en kan ik data delen met mn vriendin"]),
    # "en hoeveel goedkoper is Kids?" compares what the question before named: one question
    ("Voor mijn dochter twijfel ik tussen Kids en Hussel 2 GB, allebei nieuw. Wat betaal ik de eerste maand voor elk, "
     "en hoeveel goedkoper is Kids?",
     ["Voor mijn dochter twijfel ik tussen Kids en Hussel 2 GB, allebei nieuw. Wat betaal ik de eerste maand voor elk, "
      "en hoeveel goedkoper is Kids?"]),
    # a chat's last sentence asks without a question mark
    ("hoe vaak mag ik mn abbo aanpassen en wat is de opzegtermijn",
     ["hoe vaak mag ik mn abbo aanpassen?", "wat is de opzegtermijn"]),
])
def test_the_questions_of_a_long_message(text, parts):
    assert question_parts(text) == parts


def ranking(*pairs):
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def corrected(text, intent, confidence, *others):
    found = read(text, TODAY)
    entities_ = [e.as_rasa("test") for e in found.entities]
    correction = intents.correct({"name": intent, "confidence": confidence},
                                 ranking((intent, confidence), *others), text, entities_, found.cues)
    return correction.intent if correction else intent


@pytest.mark.parametrize("text, intent, confidence, others, expected", [
    # calling the customer service is the service number's price, not a minute at the home rate
    ("als ik de klantenservice bel, kost me dat dan iets?", "ask_out_of_bundle", 0.6, [("ask_service_numbers", 0.2)],
     "ask_service_numbers"),
    ("wat kost het als ik vanuit Turkije de klantenservice bel", "ask_foreign_rates", 0.7, [], "ask_foreign_rates"),
    # a purchase not recognised: how to look it up and report it
    ("ok. er staat een aankoop van 4 euro tussen die ik niet herken op mijn iPad, hoe zoek ik die op?",
     "nlu_fallback", 0.3, [("kpnpay_setup", 0.25), ("kpnpay_view_purchases", 0.1)], "kpnpay_problem"),
    # a question torn between a topic and a goodbye is the topic
    ("Wat had ik beter kunnen regelen voordat ik wegging?", "nlu_fallback", 0.3,
     [("ask_bundle_advice", 0.39), ("goodbye", 0.38)], "ask_bundle_advice"),
    # what happens when the bundle is used up, weakly read as another bundle question
    ("What happens once my data is finished? Any extra costs?", "ask_notifications", 0.3,
     [("ask_bundle_used_up", 0.2)], "ask_bundle_used_up"),
    ("Wat gebeurt er zodra mijn databundel op is?", "ask_carry_over", 0.5, [("ask_speed", 0.2)], "ask_bundle_used_up"),
    ("Wat gebeurt er met mijn data die over is als de maand om is?", "ask_carry_over", 0.5, [], "ask_carry_over"),
    # a confident intent that is not about prices keeps it, whatever country is named
    ("ik wil een medewerker spreken, ik zit in Turkije", "human_handoff", 0.95, [("ask_foreign_rates", 0.03)],
     "human_handoff"),
    ("Werkt KPN Pay ook als ik in Spanje ben?", "kpnpay_what", 0.7, [("ask_foreign_rates", 0.2)], "kpnpay_what"),
    # a question that names KPN Pay is about KPN Pay, whatever country it names
    ("Ik ben in Marokko op vakantie, kan ik daar met KPN Pay een game kopen?", "ask_foreign_rates", 0.75,
     [("ask_bundle_advice", 0.1), ("kpnpay_budget", 0.07)], "kpnpay_what"),
    ("Does KPN Pay work when I am in Canada?", "ask_foreign_rates", 0.52, [("kpnpay_account_type", 0.22)],
     "kpnpay_what"),
    ("Op vakantie in Turkije iets met KPN Pay gekocht, komt dat op mijn factuur?", "ask_foreign_rates", 0.6,
     [("kpnpay_invoice", 0.3)], "kpnpay_invoice"),
    # ... and a KPN Pay intent needs KPN Pay or app-store words when the message is about calling
    ("Kost het geld als iemand mij belt terwijl ik op reis ben?", "kpnpay_problem", 0.4,
     [("ask_foreign_rates", 0.3)], "ask_foreign_rates"),
    # a KPN Pay account-type question names an account type (or accounts)
    ("My KPN SIM is in my phone but I'd like KPN Pay on my tablet too, can I?", "kpnpay_account_type", 0.5,
     [("kpnpay_setup", 0.3)], "kpnpay_setup"),
    ("kan ik KPN Pay met een zakelijk abonnement gebruiken", "kpnpay_account_type", 0.8, [], "kpnpay_account_type"),
    ("werkt KPN Pay met elk abonnement?", "kpnpay_account_type", 0.8, [], "kpnpay_account_type"),
    ("kan ik met kpn pay een abonnement op een streamingdienst nemen", "kpnpay_account_type", 0.5,
     [("kpnpay_what", 0.3)], "kpnpay_what"),
    # switching a bundle on says so; wanting a bundle for a place is a question which one
    ("ik wil een belbundel voor Canada", "ask_bundle_activation", 0.6, [("ask_bundle_advice", 0.3)],
     "ask_bundle_advice"),
    ("hoe zet ik een buitenlandbundel aan", "ask_bundle_activation", 0.9, [], "ask_bundle_activation"),
    ("How do I turn on a travel bundle?", "ask_bundle_activation", 0.9, [], "ask_bundle_activation"),
    ("hoe zet ik zo'n reisbundel aan?", "ask_bundle_activation", 0.9, [], "ask_bundle_activation"),
    ("Hoeveel heb ik tot nu toe in Spanje verbruikt?", "account_question", 0.7, [], "account_question"),
    ("In Frankrijk, al mijn MB's verbruikt, wat kost een extra bundel?", "account_question", 0.5, [],
     "ask_nl_eu_bundle"),
    # fair use is about living or staying abroad, or a warning about it
    ("wat zijn de tarieven voor bellen in het buitenland", "ask_fair_use", 0.5, [("ask_foreign_rates", 0.4)],
     "ask_foreign_rates"),
    ("ik woon half het jaar in Spanje, mag dat", "ask_fair_use", 0.8, [], "ask_fair_use"),
    # a used-up bundle is a question of what can be bought, unless it asks what the account shows
    ("mijn data is helemaal verbruikt, wat zijn mijn opties", "account_question", 0.6, [], "ask_nl_eu_bundle"),
    ("mijn buitenlandbundel in Turkije is op, wat nu", "account_question", 0.6, [], "ask_bundle_used_up"),
    # a weak guess for a message about a plan's data
    ("Wat kost de 2 GB variant?", "ask_service_fees", 0.36, [("ask_foreign_rates", 0.19), ("ask_plan", 0.16)],
     "ask_plan"),
    ("wat kost 2 GB in Turkije", "ask_foreign_rates", 0.4, [("ask_plan", 0.3)], "ask_foreign_rates"),
    # taking KPN Pay off; something bought that does not work; a cover named after the fallback
    ("KPN Pay van mijn iPad afhalen lukt niet", "kpnpay_not_working", 0.7, [], "kpnpay_remove"),
    ("A game I bought with KPN Pay won't start, who do I ask for a refund?", "kpnpay_not_working", 0.6, [],
     "kpnpay_problem"),
    ("mijn kpn pay werkt niet meer sinds gisteren", "kpnpay_not_working", 0.8, [], "kpnpay_not_working"),
    ("Is theft covered with Extra?", "nlu_fallback", 0.4, [], "ask_insurance"),
    # the KPN Pay option that is gone
    ("In de Play Store is betalen via KPN ineens weg", "kpnpay_setup", 0.6, [], "kpnpay_option_missing"),
    ("met mijn onbeperkte abonnement is mijn 5 GB van vandaag al op", "ask_plan_change", 0.5, [],
     "ask_unlimited_data"),
    # an ExtraOptie named in a message the fallback refused
    ("can I find my phone if I lose it, what does that cost", "nlu_fallback", 0.3, [], "ask_extra_options"),
    # an elliptic follow-up continues the open question
    ("en internetten?", "ask_foreign_rates", 0.6, [("inform", 0.3)], "inform"),
    ("vanuit Brazilië", "ask_foreign_rates", 0.5, [("inform", 0.4)], "inform"),
    # ... unless it plainly asks something new, confidently
    ("en wat kost een abonnement met 25 GB onbeperkt bellen?", "ask_plan", 0.95, [("inform", 0.02)], "ask_plan"),
    # a bare value, classified with little confidence
    ("Mexico", "ask_plan", 0.3, [("inform", 0.25)], "inform"),
    # a correction of a value
    ("oh nee, ik bedoel Mexico", "deny", 0.8, [("inform", 0.1)], "inform"),
    # no question at all
    ("<img src=x onerror=alert(1)>", "inform", 0.5, [], "nlu_fallback"),
    # a service-number question names one
    ("Wat kost 10 minuten bellen?", "ask_service_numbers", 0.55, [("ask_out_of_bundle", 0.3)], "ask_out_of_bundle"),
    ("oh wacht, hij kostte 1000 euro, niet 900", "ask_service_numbers", 0.5, [("inform", 0.3)], "inform"),
    ("wat kost bellen naar 0900-1234", "ask_service_numbers", 0.9, [("ask_foreign_rates", 0.05)],
     "ask_service_numbers"),
    # an intent that needs what it is about in the message
    ("als ik JA stuur, wat kost 30 MB dan?", "ask_plan", 0.6, [("ask_foreign_rates", 0.25)], "ask_foreign_rates"),
    ("wat kost een abonnement met 10 GB", "ask_plan", 0.9, [], "ask_plan"),
    ("welke belbundel is het goedkoopst?", "ask_plan", 0.8, [], "ask_plan"),
    # a row of the price list's Diensten: its fee, whatever the classifier made of it
    ("ik moet mijn pukcode hebben", "kpnpay_sms_code", 0.6, [("lost_or_stolen", 0.2)], "ask_service_fees"),
    ("wat is een heraansluiting", "nlu_fallback", 0.3, [("ask_plan", 0.2)], "ask_service_fees"),
    ("Can I simply use my usual bundle while I'm in Spain?", "ask_bundle_used_up", 0.5,
     [("ask_foreign_rates", 0.3)], "ask_foreign_rates"),
    ("mijn buitenlandbundel is op, wat nu?", "ask_bundle_used_up", 0.9, [], "ask_bundle_used_up"),
    ("wat krijg ik bij Extra meer dan bij Standaard?", "ask_extra_options", 0.5, [("ask_insurance", 0.3)],
     "ask_insurance"),
    ("wat kost spotify via kpn", "ask_extra_options", 0.9, [], "ask_extra_options"),
    # a rate question that dials a service number
    ("kost bellen naar 1200 vanuit Spanje iets?", "ask_foreign_rates", 0.7, [("ask_service_numbers", 0.1)],
     "ask_service_numbers"),
    # home prices with a foreign country and little confidence: a question about abroad
    ("Geldt mijn abonnement ook in IJsland?", "ask_plan", 0.4, [("ask_foreign_rates", 0.35)], "ask_foreign_rates"),
    ("Wat kost het gebruik van mijn telefoon op een boot?", "ask_device_instalments", 0.4, [("ask_foreign_rates", 0.2)],
     "ask_foreign_rates"),
    # the fallback refused it, but a topic ranked well enough and the message names a value
    ("hoeveel voor 2 gb in marokko", "nlu_fallback", 0.7, [("ask_bundle_advice", 0.25)], "ask_bundle_advice"),
    # ... but paying in an app store only when the message is about it
    ("Moet ik betalen als ik gebeld word tijdens mijn reis?", "nlu_fallback", 0.3,
     [("kpnpay_problem", 0.35), ("ask_foreign_rates", 0.3)], "ask_foreign_rates"),
    # paying a device off is the device's instalments, also inside a plan question
    ("Kan ik een tablet met een abonnement van 1 jaar in termijnen afbetalen?", "ask_tablet_plan", 0.8, [],
     "ask_device_instalments"),
    ("Can I pay my new phone off monthly?", "ask_plan", 0.6, [], "ask_device_instalments"),
    ("wat kost een tablet abonnement per maand?", "ask_tablet_plan", 0.8, [], "ask_tablet_plan"),
    # calling someone who lives abroad is no stay abroad
    ("Mijn zus woont in Canada, wat betaal ik als ik haar vanuit Nederland bel?", "ask_fair_use", 0.6, [],
     "ask_foreign_rates"),
    ("Ik woon een half jaar in Spanje, mag dat met mijn abonnement?", "ask_fair_use", 0.8, [], "ask_fair_use"),
    # one's own bundle abroad: Roam like Home in the EU, rates or a BuitenlandBundel outside it
    ("Werkt mijn abonnement ook op reis buiten Nederland?", "ask_bundle_activation", 0.5, [], "ask_foreign_rates"),
    ("Can I use my usual plan in the EU?", "ask_bundle_validity", 0.4, [], "ask_foreign_rates"),
    ("Kan ik mijn BuitenlandBundel ook in Japan gebruiken?", "ask_buitenland_bundle", 0.7, [], "ask_buitenland_bundle"),
    # switching a bundle on, whatever else the message names
    ("Prima. Hoe zet ik die bundel voor Zuid-Afrika nou aan?", "ask_buitenland_bundle", 0.9, [], "ask_bundle_activation"),
    ("How do I activate the travel bundle?", "ask_buitenland_bundle", 0.6, [], "ask_bundle_activation"),
    # data cut off by the block abroad is the internet block, whatever its MB suggest
    ("hoeveel mb zat ik ongeveer op toen mijn internet werd geblokkeerd", "account_question", 0.55, [],
     "ask_internet_block"),
    ("how much data had I used when it got blocked?", "ask_bundle_used_up", 0.5, [], "ask_internet_block"),
    ("mijn simkaart is geblokkeerd na drie verkeerde pincodes", "service_problem", 0.6, [], "service_problem"),
    ("mijn betaling met kpn pay wordt geblokkeerd, ik heb nog data genoeg", "kpnpay_not_working", 0.6, [],
     "kpnpay_not_working"),
    # the classifier's own guess, kept: the message says how to switch it on, however far apart
    ("hoe zet ik die reisbundel voor de VS morgen dan aan?", "ask_bundle_activation", 0.5,
     [("ask_bundle_advice", 0.4)], "ask_bundle_activation"),
    # a BuitenlandBundel used up
    ("Ik zit in Marokko met de Overige landen bundel 25. Wat gebeurt er als die op is?", "ask_buitenland_bundle",
     0.6, [], "ask_bundle_used_up"),
    # KPN Pay described without its name, next to an app store
    ("Ik rekende apps in de Play Store altijd af via mijn KPN factuur. Hoe krijg ik dat terug op Android?",
     "ask_plan_change", 0.4, [], "kpnpay_setup"),
    # a discount only when the message is about paying another price than the list
    ("en wat betaal ik dan per MB?", "nlu_fallback", 0.3, [("ask_discount", 0.29), ("ask_foreign_rates", 0.28)],
     "ask_foreign_rates"),
    ("waarom betaal ik minder dan de prijslijst", "ask_discount", 0.6, [], "ask_discount"),
    ("Ik betaal 22 euro per maand voor mijn Hussel", "ask_discount", 0.5, [], "ask_discount"),
    ("I pay less per month than the price list says. How come?", "ask_discount", 0.5, [], "ask_discount"),
    # moving abroad to live: the fair-use rule of Roam like Home
    ("Ik verhuis volgende maand naar Barcelona en ga daar echt wonen. Kan ik gewoon blijven bellen en internetten in "
     "Spanje tegen dezelfde prijs?", "ask_foreign_rates", 0.8, [], "ask_fair_use"),
    ("Ik ga twee weken naar Barcelona. Kan ik daar bellen tegen dezelfde prijs?", "ask_foreign_rates", 0.8, [],
     "ask_foreign_rates"),
    ("Ik verhuis naar Lissabon en ga daar wonen. Kan ik in Portugal blijven bellen tegen dezelfde prijs?",
     "ask_foreign_rates", 0.99, [], "ask_fair_use"),
    ("Ik verhuis naar Thailand. Wat kost bellen daar?", "ask_foreign_rates", 0.9, [], "ask_foreign_rates"),
    # texting or calling someone is no service of the price list's Diensten
    ("En wat kost een sms naar dat nummer?", "ask_service_fees", 0.73, [], "inform"),
    ("wat kost het om bellen naar het buitenland te blokkeren?", "ask_service_fees", 0.73, [], "ask_service_fees"),
    # an ExtraOptie named with a plan is the option's question
    ("is 5G included in my Hussel 15 GB plan or do I have to pay extra for it?", "ask_plan", 0.73, [],
     "ask_extra_options"),
    ("wat kost Hussel 15 GB met 150 minuten?", "ask_plan", 0.73, [], "ask_plan"),
    # data sharing needs someone to share with, or a sharing word
    ("en ik ga daar ook wat MB internetten, wat kost dat?", "ask_data_sharing", 0.54,
     [("ask_foreign_rates", 0.3)], "ask_foreign_rates"),
    ("kan mijn dochter mijn MB's gebruiken?", "ask_data_sharing", 0.54, [], "ask_data_sharing"),
    # moving one's plan up or down, with its price asked: the change
    ("Ik wil vandaag omlaag naar Hussel 2 GB. Vanaf wanneer gaat dat in en wat betaal ik dan?", "ask_plan", 0.48,
     [("ask_plan_change", 0.45)], "ask_plan_change"),
    # a cost asked with a quantity, no bundle or advice words: the cost
    ("ik bel heel kort, 10 seconden. wat kost zo'n belletje vanuit Vietnam?", "ask_bundle_advice", 0.88, [],
     "ask_foreign_rates"),
    ("wat is het goedkoopst voor 20 minuten bellen in Vietnam?", "ask_bundle_advice", 0.88, [], "ask_bundle_advice"),
    # a rate per unit asked without a bundle is the rate, not bundle advice
    ("In Peru wil ik zonder bundel wat internetten, hoeveel is dat per MB?", "ask_bundle_advice", 0.8, [],
     "ask_foreign_rates"),
    ("Welke bundel raad je aan voor Peru, of ga ik zonder bundel beter uit?", "ask_bundle_advice", 0.8, [],
     "ask_bundle_advice"),
    # the KPN Pay option named and not found; an account type with KPN Pay failing
    ("I don't see 'Factureren via KPN', only something called KPN/Mobiel. Is that the wrong one?", "ask_carry_over",
     0.4, [], "kpnpay_option_missing"),
    ("Ik zie de optie wel maar het lukt niet. Het is een telefoon van mijn werk, we hebben KPN EEN MKB.",
     "kpnpay_not_working", 0.95, [], "kpnpay_account_type"),
    # a reconnection is a row of the Diensten, not the connection fee of a new subscription
    ("Mijn nummer is afgesloten, wat kost het om weer aangesloten te worden?", "ask_connection_fee", 0.95, [],
     "ask_service_fees"),
    ("wat zijn de aansluitkosten van een nieuw abonnement", "ask_connection_fee", 0.95, [], "ask_connection_fee"),
    # the sms that brings KPN Pay's code is no texting, and a PIN asked by KPN Pay is that code
    ("die sms met de code is nooit gekomen", "kpnpay_sms_code", 0.9, [("service_problem", 0.05)], "kpnpay_sms_code"),
    ("why do I get verification codes by sms", "kpnpay_sms_code", 0.9, [], "kpnpay_sms_code"),
    ("wil KPN Pay elke keer een pincode van me", "kpnpay_sms_code", 0.8, [], "kpnpay_sms_code"),
    ("wat kost een nieuwe pincode", "kpnpay_sms_code", 0.5, [("ask_service_fees", 0.3)], "ask_service_fees"),
    # a used-up bundle said in other words than "op"
    ("mijn reisbundel is op, wat nu", "ask_bundle_used_up", 0.9, [], "ask_bundle_used_up"),
    ("ik ben door al mijn mb's heen in Peru", "ask_bundle_used_up", 0.9, [], "ask_bundle_used_up"),
    ("my roaming bundle is at 100%, what now", "ask_bundle_used_up", 0.9, [], "ask_bundle_used_up"),
    ("alle mb's van mijn reisbundel zijn weg", "ask_bundle_used_up", 0.9, [], "ask_bundle_used_up"),
    # a connection that drops is no bundle used up
    ("mijn data valt steeds weg in Spanje", "ask_bundle_used_up", 0.5, [("service_problem", 0.4)],
     "service_problem"),
    ("can I buy a second bundle before the first one is used up", "ask_buitenland_bundle", 0.6, [],
     "ask_buitenland_bundle"),
    # a used-up BuitenlandBundel and another one asked for, read as advice: stacking
    ("mijn bundel 100 is al op, kan ik nog een kopen of moet ik wachten tot die afloopt?", "ask_bundle_advice", 0.53,
     [], "ask_bundle_used_up"),
    # the price without a bundle is the rate there; which is cheaper stays advice
    ("wat kost 1 MB mobiel internet in vietnam zonder bundel", "ask_bundle_advice", 0.49, [], "ask_foreign_rates"),
    ("is zonder bundel goedkoper voor 20 MB in Vietnam?", "ask_bundle_advice", 0.49, [], "ask_bundle_advice"),
    # ... also when the fallback's ambiguity check sent it there first and the topic is rescued
    ("wat kost 1 MB mobiel internet in vietnam zonder bundel", "nlu_fallback", 0.3,
     [("ask_bundle_advice", 0.49), ("ask_foreign_rates", 0.45)], "ask_foreign_rates"),
    # an elliptic opening with a value after it: the question before, for these values
    ("en mijn vriendin dan? die heeft haar contract op 20 juni 2024 afgesloten", "ask_internet_block", 0.28, [],
     "inform"),
    ("en bellen naar het buitenland? ik bel vanuit nl naar een 06 van mijn broer in egypte", "ask_foreign_rates", 0.82,
     [], "ask_foreign_rates"),
    # an option named by its price: that ExtraOptie
    ("there's a 3.96 euro option on my bill that I don't recognise, what is it?", "ask_service_fees", 0.29, [],
     "ask_extra_options"),
    # where something paid with KPN Pay is found back: the invoice line
    ("Ik heb via de App Store een streamingabonnement. Waar vind ik dat terug als ik het met KPN Pay betaal?",
     "kpnpay_setup", 0.6, [], "kpnpay_invoice"),
    # a trip told without a question: the costs abroad; a question of its own stays
    ("Ik ga volgende maand een weekje weg.", "ask_carry_over", 0.61, [], "ask_foreign_rates"),
    ("we gaan in mei op vakantie", "inform", 0.59, [], "ask_foreign_rates"),
    ("neem ik ongebruikte data mee naar volgende maand?", "ask_carry_over", 0.9, [], "ask_carry_over"),
    # kinds of accounts, discounts, service numbers and spending in words the gates must know
    ("voor welke abonnementen is KPN Pay er", "kpnpay_account_type", 0.9, [], "kpnpay_account_type"),
    ("kan ik KPN Pay gebruiken als mijn werkgever de rekening betaalt", "kpnpay_account_type", 0.9, [],
     "kpnpay_account_type"),
    ("hebben jullie studentenkorting", "ask_discount", 0.9, [], "ask_discount"),
    ("mijn buurvrouw betaalt minder voor hetzelfde abonnement", "ask_discount", 0.9, [], "ask_discount"),
    ("zijn gratis nummers ook gratis vanuit het buitenland", "ask_service_numbers", 0.9, [], "ask_service_numbers"),
    ("ik heb al 270 euro aan games betaald, hoeveel kan er nog bij", "kpnpay_budget", 0.9, [], "kpnpay_budget"),
    # replies to the bot keep their intent, even when they start like a fragment
    ("liever niet", "deny", 0.98, [], "deny"),
    ("of course", "affirm", 0.98, [], "affirm"),
    # a bare amount or date is a value for the question asked, not markup
    ("€ 799", "inform", 0.9, [], "inform"),
    ("12-05-2027", "inform", 0.9, [], "inform"),
    ("!!!???", "greet", 0.4, [], "nlu_fallback"),
    # a KPN Pay question that names a menu of the setup is about the setup, unless it says it is missing
    ("ik zit nu bij Betaalmethoden, wat moet ik kiezen?", "kpnpay_default_method", 0.8, [], "kpnpay_setup"),
    ("Bij Betaling en Verzending ontbreekt Mobiele telefoon", "kpnpay_setup", 0.6, [], "kpnpay_option_missing"),
    # a use and a place make a rate question of its own, however it starts; "en ..." continues one
    ("vanuit de VS naar Mexico bellen", "ask_foreign_rates", 0.95, [], "ask_foreign_rates"),
    ("naar Ghana bellen kosten", "ask_foreign_rates", 0.95, [], "ask_foreign_rates"),
    ("en bellen in Marokko?", "ask_foreign_rates", 0.95, [], "inform"),
    ("vanuit Brazilië", "ask_foreign_rates", 0.95, [], "inform"),
    # "ik vergis me" corrects the place
    ("oh ik vergis me, het is Jordanië", "ask_bundle_advice", 0.4, [("ask_foreign_rates", 0.3)], "inform"),
    # a question is no goodbye or thanks
    ("Wat had ik beter kunnen regelen voor vertrek?", "goodbye", 0.6, [("ask_bundle_advice", 0.25)],
     "ask_bundle_advice"),
    ("Hoe had ik dat kunnen voorkomen dan?", "goodbye", 0.6, [("ask_capabilities", 0.3)], "nlu_fallback"),
    ("moet ik hierna nog iets instellen of is het dan klaar", "goodbye", 0.5, [("kpnpay_default_method", 0.2)],
     "kpnpay_default_method"),
    ("oke dank je wel, tot de volgende keer", "goodbye", 0.7, [], "goodbye"),
    ("top bedankt, dat was het", "thank", 0.8, [], "thank"),
    # another provider's plans are no question for KPN's assistant; switching from it to KPN is
    ("wat kost onbeperkt bellen bij Odido", "ask_plan", 0.9, [], "out_of_scope"),
    ("ik wil overstappen naar Simyo, kan dat", "ask_contract_term", 0.8, [], "out_of_scope"),
    ("kan ik mijn nummer van Vodafone meenemen naar KPN", "ask_service_fees", 0.9, [], "ask_service_fees"),
    # KPN's services at home are not this assistant's, unless the question is about mobile use
    ("mijn KPN Thuis abonnement opzeggen", "ask_contract_term", 0.99, [], "out_of_scope"),
    ("wat kost bellen naar een vaste lijn in Duitsland", "ask_foreign_rates", 0.9, [], "ask_foreign_rates"),
    ("doorschakelen naar mijn vaste lijn, kost dat iets", "ask_service_fees", 0.9, [], "ask_service_fees"),
    ("kan ik tv kijken met mijn Hussel data", "ask_unlimited_data", 0.6, [], "ask_unlimited_data"),
    # an outage of KPN's services at home is no mobile problem
    ("storing op mijn glasvezel, internet thuis ligt eruit", "out_of_scope", 0.8, [], "out_of_scope"),
    ("mijn mobiele internet doet het niet", "out_of_scope", 0.5, [], "service_problem"),
    # children who call abroad are no question about the Kids plan; the plan named is
    ("wat betalen mijn kinderen als ze mij in Kenia bellen", "ask_kids_plan", 0.7, [], "ask_foreign_rates"),
    ("kan mijn dochter met haar Kids abonnement in Kenia bellen", "ask_kids_plan", 0.7, [], "ask_kids_plan"),
    ("wat kost een abonnement voor mijn kind", "ask_kids_plan", 0.9, [], "ask_kids_plan"),
    # blocking calls abroad is a row of the Diensten, also when a country is named
    ("kunnen jullie het bellen naar het buitenland blokkeren, hij belt steeds naar Peru", "ask_foreign_rates",
     0.6, [], "ask_service_fees"),
    # a row of the Diensten named after "en" is a question of its own
    ("en wat kost het als ik mijn nummer wil meenemen?", "ask_service_fees", 0.6, [], "ask_service_fees"),
    # a call from the EU to abroad is a rate question: there is no BuitenlandBundel to advise in the EU
    ("stel dat ik vanuit Rome iemand in Toronto bel, een half uur?", "ask_bundle_advice", 0.6, [], "ask_foreign_rates"),
    ("welke bundel als ik vanuit Rome iemand in Toronto bel?", "ask_bundle_advice", 0.6, [], "ask_bundle_advice"),
    ("ik zit in Peru en bel mijn moeder in Nederland, 2 uur per week", "ask_bundle_advice", 0.6, [],
     "ask_bundle_advice"),
    # a complaint about something that does not work, somewhere: the problem (anger acknowledged)
    ("belachelijk dit, mijn internet werkt niet in Peru!!", "complaint", 0.7, [], "service_problem"),
    ("ik wil een klacht indienen, het werkt niet", "complaint", 0.95, [], "complaint"),
    # a KPN Pay purchase asked about on the invoice: the invoice line
    ("mijn dochter heeft met KPN Pay een game gekocht, waar zie ik dat op mijn factuur?", "kpnpay_problem", 0.6, [],
     "kpnpay_invoice"),
    ("ik heb met KPN Pay iets gekocht maar het werkt niet, staat het al op mijn factuur?", "kpnpay_problem", 0.6, [],
     "kpnpay_problem"),
    # taking KPN Pay off in a separable verb
    ("hoe krijg ik het nou weer van de telefoon af", "kpnpay_setup", 0.5, [], "kpnpay_remove"),
    # "weg" in taking it off is no option gone missing
    ("Ik wil dat KPN Pay er nu vanaf gaat. Hoe haal ik het weg?", "kpnpay_what", 0.5, [], "kpnpay_remove"),
    ("ik zie KPN Pay nergens meer, het is weg", "kpnpay_what", 0.5, [], "kpnpay_option_missing"),
    # a service number said in words
    ("en zo'n nul negen honderd nummer, hoe zit het daarmee?", "nlu_fallback", 0.4, [], "ask_service_numbers"),
    ("wat kost een nul negen honderd nummer?", "ask_service_numbers", 0.9, [], "ask_service_numbers"),
    # the first month of a new plan named: its fee plus the month
    ("Ik neem een nieuw abonnement, Hussel 5 GB met 150 min/sms. Wat betaal ik de eerste maand?", "account_question",
     0.4, [], "ask_connection_fee"),
    # fees of the price list added up inside a story about the own account
    ("Ik was te laat met betalen en nu ben ik afgesloten. Wat kost de herinnering plus het heraansluiten samen?",
     "account_question", 0.6, [], "ask_service_fees"),
    # a KPN Pay question that names the kind of account: whether it can be used at all
    ("We hebben KPN EEN MKB op de zaak. Kan ik KPN Pay daarmee gebruiken?", "kpnpay_what", 0.95, [],
     "kpnpay_account_type"),
    ("Via de zaak heb ik een EEN MKB abonnement en KPN Pay lukt niet. Kan het wel met mijn abonnement?",
     "account_question", 0.8, [], "kpnpay_account_type"),
    ("Ik zit nog bij een andere provider en ben die rekening zat. Onbeperkt data en bellen bij KPN: wat kost de "
     "eerste maand?", "account_question", 0.6, [], "ask_connection_fee"),
    # a discount named as such
    ("My friend says KPN gives students 10% off on Hussel subscriptions. Is that true?", "ask_plan", 0.5, [],
     "ask_discount"),
    ("krijg ik studentenkorting op een hussel abonnement", "ask_plan", 0.6, [], "ask_discount"),
    # a BuitenlandBundel used up, nothing to advise on: what happens then
    ("ik zit in Mexico en mijn bundel 100 is op, kan ik nog internetten?", "ask_bundle_advice", 0.42, [],
     "ask_bundle_used_up"),
    # a use abroad priced with a bundle: the bundle advice
    ("ik bel 50 minuten vanuit Marokko naar huis, wat kost dat met de kleinste bundel?", "ask_foreign_rates", 0.7, [],
     "ask_bundle_advice"),
    ("wat kost 30 minuten bellen in turkije met een bundel", "ask_out_of_bundle", 0.45, [], "ask_bundle_advice"),
    ("wat kost 30 minuten bellen in turkije zonder bundel", "ask_foreign_rates", 0.8, [], "ask_foreign_rates"),
    # another BuitenlandBundel on one that runs out, whatever else the classifier makes of "kopen"
    ("ik zit in zuid-afrika en mijn voordeellanden bundel is bijna op, kan ik er alvast een nieuwe bij kopen?",
     "ask_device_instalments", 0.5, [], "ask_bundle_used_up"),
    # sim only: no device to pay off
    ("en dan zonder toestel, wat kost de eerste maand?", "ask_device_instalments", 0.4, [], "ask_connection_fee"),
    ("liever sim only zonder toestel, wat kost dat?", "ask_device_instalments", 0.5, [], "ask_plan"),
    # how many MB a GB is: how data is counted, whatever plan is near
    ("hoeveel mb is 1 gb bij jullie", "ask_plan", 0.5, [], "ask_out_of_bundle"),
    ("is 1 GB 1024 MB?", "ask_nl_eu_bundle", 0.6, [], "ask_out_of_bundle"),
])
def test_intent_corrections(text, intent, confidence, others, expected):
    assert corrected(text, intent, confidence, *others) == expected


def test_a_vague_question_is_about_the_topic_its_story_names():
    story = ("Mijn man werkt al een tijd in Spanje en ik woon daar nu het grootste deel van het jaar bij hem. "
             "Mijn abonnement heb ik gehouden en ik gebruik het vooral daar. Vandaag kreeg ik een sms dat KPN "
             "twijfelt aan mijn duurzame band met Nederland. Hoeveel tijd heb ik?")
    found = read(story, TODAY)
    entities_ = [e.as_rasa("test") for e in found.entities]
    vague = intents.correct({"name": "kpnpay_setup", "confidence": 0.4}, ranking(("kpnpay_setup", 0.4)), story,
                            entities_, found.cues, question=focus(story))
    sure = intents.correct({"name": "kpnpay_setup", "confidence": 0.9}, ranking(("kpnpay_setup", 0.9)),
                           story, entities_, found.cues, question=focus(story))
    assert vague is not None and vague.intent == "ask_fair_use"
    assert sure is None or sure.intent != "ask_fair_use"


def test_a_fee_named_in_the_story_is_no_fee_asked_about():
    story = ("Sinds vorige week heb ik een nieuwe telefoon van mijn werk gekregen. Vroeger betaalde ik apps "
             "altijd via mijn KPN rekening, dat ging prima. Mijn simkaart van KPN zit er gewoon in, maar de "
             "App Store vraagt nu om een creditcard die ik niet heb. Hoe zet ik betalen via KPN weer aan?")
    question = focus(story)
    found = read(story, TODAY)
    entities_ = [e.as_rasa("test") for e in found.entities]
    correction = intents.correct({"name": "kpnpay_sms_code", "confidence": 0.4},
                                 ranking(("kpnpay_sms_code", 0.4), ("kpnpay_setup", 0.3)), story, entities_,
                                 found.cues, question=question)
    assert question.startswith("Hoe zet ik") and correction.intent == "kpnpay_setup"


@pytest.mark.parametrize("text, paying_in_a_store", [
    ("If I only call for 10 seconds, do I pay a full minute?", False),
    ("how much do I pay for a call in Spain?", False),
    ("can I pay with my phone bill in the App Store?", True),
    ("werkt KPN Pay ook in Spanje?", True),
])
def test_paying_is_kpn_pay_only_in_a_store_or_by_name(text, paying_in_a_store):
    assert ("kpn_pay" in read(text, TODAY).cues) == paying_in_a_store
