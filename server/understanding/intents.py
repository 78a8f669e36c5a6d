"""Intent groups (names as in domain.yml) and the corrections NLU makes to the classifier's
intent where the message plainly says otherwise.

A correction never overrides a confident intent: it only
- reads markup or a message without words as no question (nlu_fallback);
- reads a correction ("nee, ik bedoel Mexico"), an elliptic follow-up ("en in Marokko?",
  "vanuit Brazilië") or a bare value ("Mexico", "500 euro") as `inform`;
- gives a low-confidence question about home prices that names a foreign country to the
  best-ranked intent about abroad;
- lets a topic that ranked well enough answer a message the FallbackClassifier refused,
  when the message names something the topic can use (a country, an amount, ...).
Every correction is recorded on the message (`corrections`), so the tracker shows it.
"""
from __future__ import annotations

import re
from decimal import Decimal
from dataclasses import dataclass
from typing import Any, Optional

from server.understanding.aspects import CONTINUATION_WORDS

SMALL_TALK = frozenset({"greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "ask_capabilities",
                        "out_of_scope", "human_handoff", "complaint"})
FALLBACK = "nlu_fallback"
FOLLOW_UP = "inform"

# Questions with an answer of their own; a later "inform" continues the last of them.
TOPIC_INTENTS = frozenset({
    "kpnpay_what", "kpnpay_setup", "kpnpay_option_missing", "kpnpay_sms_code",
    "kpnpay_limits", "kpnpay_budget", "kpnpay_account_type", "kpnpay_invoice",
    "kpnpay_view_purchases", "kpnpay_problem", "kpnpay_not_working", "kpnpay_remove",
    "kpnpay_flitsmeister", "kpnpay_default_method",
    "ask_plan", "ask_kids_plan", "ask_tablet_plan", "ask_connection_fee",
    "ask_unlimited_data", "ask_data_sharing", "ask_speed", "ask_notifications",
    "ask_carry_over", "ask_contract_term", "ask_plan_change", "ask_inflation_correction",
    "ask_device_instalments", "ask_discount", "ask_price_validity", "ask_out_of_bundle",
    "ask_foreign_rates", "ask_fair_use", "ask_internet_block",
    "ask_buitenland_bundle", "ask_bundle_advice", "ask_bundle_validity",
    "ask_bundle_activation", "ask_bundle_used_up", "ask_nl_eu_bundle",
    "ask_extra_options", "ask_insurance", "ask_voicemail", "ask_service_numbers",
    "ask_service_fees", "lost_or_stolen", "service_problem", "account_question",
})

# Questions whose answer can depend on a foreign country.
COUNTRY_AWARE = frozenset({
    "ask_foreign_rates", "ask_fair_use", "ask_internet_block",
    "ask_buitenland_bundle", "ask_bundle_advice", "ask_bundle_validity", "ask_bundle_activation",
    "ask_bundle_used_up", "ask_nl_eu_bundle", "ask_unlimited_data", "ask_voicemail",
    "ask_service_numbers", "ask_out_of_bundle",
})

# Questions about prices at home that a foreign country, named with little confidence in the
# intent, turns into a question about abroad ("Geldt mijn abonnement ook in IJsland?").
HOME_PRICES = frozenset({"ask_plan", "ask_plan_change", "ask_contract_term", "ask_carry_over", "ask_speed",
                         "ask_data_sharing", "ask_notifications", "ask_connection_fee", "ask_price_validity",
                         "ask_device_instalments", "ask_discount"})
HOME_PRICES_OVERRIDE_BELOW = 0.6

# Below the FallbackClassifier's threshold, a topic this likely still answers a message that
# names something the topic can use.
RESCUE_CONFIDENCE = 0.2
# An elliptic message keeps its own intent when the classifier is this sure of a new topic.
NEW_TOPIC_CONFIDENCE = 0.9
# Words that make a message continue the one before ("en", "of", "what about").
CONTINUES = re.compile(rf"^\s*({CONTINUATION_WORDS}|or|but|also)\b", re.I)
# Replies to what the bot asked or offered, which a follow-up word may start ("liever niet").
ANSWERS_TO_THE_BOT = frozenset({"affirm", "deny", "speak_english"})

VALUE_ENTITIES = frozenset({"country", "usage", "duration", "data_volume", "sms_count", "amount", "date",
                            "platform", "coverage", "customer_type"})
# Words that carry no topic of their own in a short follow-up ("en wat kost dat dan in Japan?").
FILLER = frozenset("""
    en of ook dan maar toch met zonder liever graag nog eens even wat kost kosten kostte is het dat dit die
    de een in naar vanuit vanaf uit van op als ik je we mijn voor per daar hier bij zo nou oke ok
    and or also then but with without what about how much does it is the a an in to from at on if i my
    for per there here please so
    veel weinig meer minder much many more less lot lots eu europa europe hoeveel how dus zo'n ongeveer about
    """.split())
WORD = re.compile(r"[^\W\d_]+")
# A question asked ("..., wat moet ik nu doen?"), which a goodbye or a thank-you does not do.
ASKS = re.compile(r"\b(wat|hoe|hoeveel|waarom|wanneer|welke|waar|kan|kun|moet|mag|had|what|how|why|when|which|where|"
                  r"can|could|should|do|does)\b[^?]*\?|"
                  # a question without its question mark starts with a question word or the verb
                  r"^\s*(wat|hoe|hoeveel|waarom|wanneer|welke|waar|what|how|why|when|which|where)\b|"
                  r"^\s*(moet|kan|kun|mag|is|zijn|staat|werkt|heb|krijg|gaat|wordt|do|does|can|should|are)\s+"
                  r"(ik|je|het|t|dat|die|er|i|it|you|there)\b", re.I)
# "nee, Mexico": a no followed by nothing but a value corrects that value
NO_THEN_VALUE = re.compile(r"^\s*(nee+|neen|no|nope)\b[\s,.!]+\S", re.I)
NO_WORDS = frozenset({"nee", "neen", "no", "nope", "sorry", "oeps", "oops"})


def _names_a_service_number(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    from knowledge import services  # the numbers and their keywords live in the price list

    return bool(services.find_service_numbers(text)) or bool(SERVICE_NUMBER_WORDS.search(text))


def _services_named(text: str) -> list:
    """The rows of the price list's 'Diensten' a message names ("PUK-code", "heraansluiting")."""
    from knowledge import services

    return services.find_services(text)


def _names_a_service_fee(text: str) -> bool:
    return bool(_services_named(text))


# Blocking the number or calls abroad: a row of the Diensten, also when a country is named
BLOCKING_SERVICES = frozenset({"block_after_theft", "block_international_calls", "number_blocking"})


def _names_reconnection(text: str) -> bool:
    from knowledge import services

    return any(service.id == "reconnection" for service in services.find_services(text))


def _dials_a_service_number(text: str) -> bool:
    """A number to dial that is a service number ("0900-1234", "1200", "112"), not its words."""
    from knowledge import services

    digits = re.findall(r"\+?\d[\d\s-]{1,12}\d|\b\d{3,4}\b", text)
    return any(services.find_service_number(d) is not None for d in digits)


def _about_a_bundle_running_out(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return bool({"used_up", "stacking", "counts_toward_bundle"} & cues)


def _names_an_extra(text: str) -> bool:
    from knowledge import extras

    return bool(extras.find_extras(text))


def _names_an_option(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return _names_an_extra(text) or bool(OPTION_WORDS.search(text))


def _priced_like_an_extra(entities: list[dict]) -> bool:
    from knowledge import extras

    return any(e.get("entity") == "amount" and extras.extras_priced(Decimal(str(e.get("value"))))
               for e in entities)


# An opening that asks something of its own ("en bellen naar het buitenland?"), not only who or what.
ASKED_IN_OPENING = re.compile(r"\b(\w*bel\w*|sms\w*|internet\w*|data|kost\w*|prijs|bundel\w*|call\w*|text\w*|cost\w*|"
                              r"price|bundle\w*|abroad|buitenland)\b", re.I)
# The NL/EU bundels named ("NL/EU bundel", "EU-bundel 250").
NL_EU_NAMED = re.compile(r"\b(nl\s*/?\s*eu|eu)[\s-]*(bundel|bundle)\w*|\bbundel\s+(250|1000)\b", re.I)
# Asking which way is cheapest or best (a bundle or not), not only the price without one.
ADVICE_WORDS = re.compile(r"\b(goedkoo?pe?r|goedkoopst\w*|voordelig\w*|advies|adviseer\w*|raad|aanraden|beter|best\w*|"
                          r"lonen|loont|slim\w*|handig\w*|cheap\w*|advi[cs]e|recommend\w*|worth|better|best)\b", re.I)
# "en mijn vriendin dan?", "and for my son?": a short opening that points back, values told after it
ELLIPTIC_OPENING = re.compile(r"^\s*(en|and|maar|but|what\s+about|how\s+about)\b[^.?!]{0,40}\?\s*\S", re.I)


def _about_the_sms_code(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    # a PIN is a service fee's PUK/PIN, unless KPN Pay asks for it ("vraagt KPN Pay om een pincode?")
    if PIN_WORDS.search(text):
        return "kpn_pay" in cues
    return bool(SMS_CODE_WORDS.search(text))


def outside_the_eu(country: Any) -> bool:
    """A place where a BuitenlandBundel applies ("Italië" is Roam like Home: the NL/EU bundles)."""
    from knowledge import countries
    from knowledge.countries import Zone

    found = countries.find_country(str(country)).country if country else None
    return found is not None and found.zone not in (Zone.NL, Zone.NL_EU)


def _names_a_setup_step(text: str) -> bool:
    from knowledge import kpn_pay  # the menu labels of the setup steps live in the KPN Pay page

    return kpn_pay.step_reached(text) is not None


def _names_an_extra(text: str) -> bool:
    from knowledge import extras  # the ExtraOpties and their keywords live in the price list

    return extras.find_extra(text) is not None


def _about_switching_on(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return bool(ACTIVATION_WORDS.search(text)) or bool({"switch_on_that", "bundle_switch_on"} & cues)


def _about_fair_use(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return bool(FAIR_USE_WORDS.search(text))


# Moving abroad to live there ("ik verhuis", "ga daar wonen", "I'm moving to Spain").
MOVING_ABROAD = re.compile(r"\b(verhuis\w*|emigr\w*|(ga|gaan|ga\s+daar|gaan\s+daar)\s+(\w+\s+){0,2}wonen|"
                           r"woon\s+(nu\s+)?(daar|in\s+het\s+buitenland)|moving\s+to|relocat\w*|"
                           r"(going|go)\s+to\s+live|live\s+(there|abroad)\s+(permanently|for\s+good))\b", re.I)

# Paying another price than the list: a discount, a difference, an amount the customer pays.
DISCOUNT_WORDS = re.compile(r"\b(\w*korting\w*|discount\w*|actie\w*|promo\w*|\w*aanbieding\w*|verschil\w*|afwijk\w*|"
                            r"wijk\w*\s+(\w+\s+){0,2}af|offers?|deals?|ander(e)?\s+(bedrag|prijs)|hetzelfde|the\s+same|"
                            r"(lager|hoger|minder|meer|less|more|lower|higher)(?=\W*$)|\w*lijst|"
                            r"(minder|meer|goedkoper|duurder|lager|hoger|anders|less|more|cheaper|higher|lower)"
                            r"(\s+\S+){0,3}\s+(dan|als|than)|klopt\s+niet|prijslijst|lijstprijs|list\s+price|"
                            r"price\s+list|website|site|differen\w*)\b", re.I)


# What is left over at the end of a month ("ongebruikte minuten", "meenemen", "rollover").
# What a question about a used-up bundle is taken for ("wat gebeurt er als mijn data op is?")
USED_UP_LOOKALIKES = frozenset({"ask_carry_over", "ask_notifications", "account_question", "ask_nl_eu_bundle", FALLBACK})
WHAT_HAPPENS = re.compile(r"\bwat\s+gebeurt\s+er\b|\bwhat\s+happens\b|\bwhat\s+then\b|\bwat\s+dan\b|\ben\s+dan\b", re.I)
CARRY_OVER_WORDS = re.compile(r"\b(ongebruikt\w*|niet[- ]?(gebruikt\w*|verbruikt\w*|op|opgemaakt|opmaak)|over(ge)?bleven\w*|"
                              r"over|restant|rest|resterende?|\w*meenem\w*|mee|\w*schuif\w*|\w*schuiven|doorgeschoven|"
                              r"\w*rollen|roll?\s*over|vervalt|vervallen|verlo(ren|pen|opt)|verdwijn\w*|bewaren|bewaard|"
                              r"\w*sparen|houd\w*|houden|overhevelen|overzetten|meeneembaar\w*|erbij|terug|staan|weg|"
                              r"unused|left|leftover|carr(y|ies|ied)|keep|save|lose|lost|expire\w*|remaining|disappear\w*)\b", re.I)


def _about_carry_over(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return bool(CARRY_OVER_WORDS.search(text)) and "generic_abroad" not in cues or "used_up" in cues


# Where a discount named ("discount_named") is taken for a plan's price.
DISCOUNT_LOOKALIKES = frozenset({"ask_plan", "ask_tablet_plan", "ask_kids_plan", "ask_price_validity", FALLBACK})


def _about_a_discount(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return bool(DISCOUNT_WORDS.search(text)) or any(e.get("entity") == "amount" for e in entities)


def _about_an_account_type(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return any(e.get("entity") == "customer_type" for e in entities) or bool(ACCOUNT_WORDS.search(text))


def _about_kpn_pay_spending(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    # "kan ik nog een film van 12,99 huren, ik zit op 290 euro": an amount and a purchase
    return "kpn_pay" in cues or bool(SPENDING_WORDS.search(text)) \
        or any(e.get("entity") == "amount" for e in entities) and bool(PURCHASE_WORDS.search(text)
                                                                      or LEFT_WORDS.search(text))


def _about_a_plan(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    volumes = [float(e["value"]) for e in entities if e.get("entity") == "data_volume"]
    return bool(PLAN_WORDS.search(text)) or any(v >= 1000 for v in volumes) \
        or bool({"unlimited_calls", "few_calls", "unlimited_data", "no_data", "new_subscription", "kids"} & cues)


SERVICE_NUMBER_WORDS = re.compile(r"\b(service|informatie|betaal|nood|alarm|klantenservice|info|gratis)\s*nummers?\b|"
                                  r"\b1\d{2}[- ]?(nummers?|numbers?)\b|\bhulplijn\w*|\bhelplines?\b|"
                                  r"\b(customer\s+service|klantenservice)\b|\b(information|free)\s+numbers?\b|"
                                  r"\b(service|premium|toll[- ]free|shortcode|short code)\s+numbers?\b|\b0[89]0{2}\b|"
                                  r"\b[89]00[- ]?(nummers?|numbers?)\b", re.I)  # not "900 euro"
OPTION_WORDS = re.compile(r"\b(extra\s*opties?|extraopties?|opties?|options?|extra'?s|add[- ]?ons?|aanvull\w+|"
                          r"extra\s+diensten?|\w*diensten?\s+erbij|muziek\w*|music)\b", re.I)
SMS_CODE_WORDS = re.compile(r"\bsms\b|sms-?code|\b\w*codes?\b|\bcijfers\b|verificatie\w*|verif(y|ie\w*)|"
                            r"bevestigings\w*|verification|\bqr\b|\blink(je)?\b", re.I)
PIN_WORDS = re.compile(r"\b(puk|pin)(-?code)?\b", re.I)
# Switching a bundle on ("hoe zet ik een BuitenlandBundel aan?"; "ik wil een databundel voor Amerika" asks which).
ACTIVATION_WORDS = re.compile(r"\b(aan\s*zetten|aan\s+te\s+zetten|aanzet\w*|aangezet|aanstaat|zet\s+(\S+\s+){0,6}aan|"
                              r"a[ck]tive?er\w*|actief|activat\w*|active|inschakel\w*|aanvra\w*|aanmeld\w*|toevoeg\w*|"
                              r"ko(o)?p\w*|gekocht|neem\w*|afnemen|aanschaf\w*|bestel\w*|regel\w*|bevestiging\w*|stappen\w*|code\w*|"
                              r"sms'?(en|t)?\s+(\S+\s+){0,3}(naar|voor|om)|mijn\s?kpn|app|waar|hoe\s+kom\s+ik|"
                              r"turn\w*\s+(\S+\s+){0,3}on|switch\w*\s+(\S+\s+){0,3}on|buy\w*|bought|purchas\w*|order\w*|"
                              r"add\w*|get|start\w*|meteen|direct|right\s+away)\b", re.I)
# Fair use of Roam like Home: living, staying long or a warning about it ("wat zijn de beltarieven
# in het buitenland?" is a rate question).
FAIR_USE_WORDS = re.compile(
    r"\b(woon\w*|wonen|gewoond|verhuis\w*|emigr\w*|lang\w*|maand\w*|jaar|jaren|weken|dagen|tijd|permanent\w*|duurzame?|"
    r"band|fair|controle\w*|gecontroleerd|control\w*|kijkt|studeer\w*|studie|student\w*|stage|werk\w*|tweede|expat\w*|"
    r"live[sd]?|living|mov\w+|months?|years?|weeks?|days|long\w*|stay\w*|verblijf\w*|blijf\w*|overwinter\w*|winter|"
    r"zomer|semester|uitwisseling|exchange|abuse|misbruik|voorwaarde\w*|condition\w*|regels?|rules?|limiet|limit|grens|"
    r"altijd|always|tijdelijk|temporar\w*|roam\w*\s+like|rlh|te\s+veel|too\s+(much|high)|waarschuwing\w*|warning\w*|"
    r"brief|letter|bericht|message|gedrag\w*|aanpass\w*|maatregel\w*|durable|ties?|prove|bewijs\w*|aanton\w*|mostly|"
    r"grotendeels|meestal|hoofdzakelijk|roaming\s*verbruik|roam)\b", re.I)
# A kind of account ("abonnement op Netflix" is a purchase, "welk abonnement" a kind of account).
ACCOUNT_WORDS = re.compile(r"\b(prepaid|zakelijk\w*|business|mkb|kleinzakelijk|bedrijf\w*|company|klant\w*|customers?|"
                           r"account\s*type|soort(en)?\s+(abonnement|account|klant)\w*|"
                           r"(welk|elk|ieder|alle)e?\s+(kpn\s+)?(abonnement|account)\w*|abonnements\w+|"
                           r"(zonder|met\s+een|op\s+een|van\s+de)\s+(\w+\s+)?abonnement|abonnementen|iedereen|wie|"
                           r"particulier\w*|consument\w*|zaak|werk|werkgever|postpaid|pay[- ]as[- ]you[- ]go|"
                           r"sim[- ]?only|employer|work|consumers?|everyone|anyone|who|types?\s+of|"
                           r"(which|any|every|all)\s+(plans?|subscriptions?|accounts?))\b", re.I)
PURCHASE_WORDS = re.compile(r"\b(app|apps|game|games|film|films|huren|huur|kopen|koop|gekocht|betaald|aankoop|aankopen|"
                            r"purchases?|bought|buy|paid|rent)\b", re.I)
SPENDING_WORDS = re.compile(r"\b(uitgeven|uitgegeven|besteed|besteden|spend|spent|budget|\w*limiet|limit|maximum|"
                            r"maximaal|verbrast|zit\s+(al\s+)?op\s+\S*\d|room\s+is\s+left)\b", re.I)
# What is left of a month's spending ("ik heb 250 eu betaald, hoeveel nog?").
LEFT_WORDS = re.compile(r"\b(nog|over|left|remaining|room|restant|rest)\b", re.I)
PLAN_WORDS = re.compile(r"\b(abonnement\w*|abbonement\w*|abo|hussel|plans?|subscriptions?|sim[- ]?only|maandbedrag|"
                        r"per\s+maand|per\s+month|a\s+month|monthly|contract|pakket|bundel\s+van|\d+\s*gb|"
                        r"goedkoopste\s+\w*bundel|belbundel|aanbod|overstap\w*|welke\s+bundel|iets\s+goedko\w*|"
                        r"onbeperkt\s+(te\s+)?(bellen|alles)|unlimited\s+everything|"
                        r"cheapest\s+(option|plan|bundle|deal))\b", re.I)
# Sharing data with others: someone else, or sharing words ("gaat daar een paar honderd MB
# internetten" is no sharing).
SHARING_WORDS = re.compile(r"\b(\w*del(en|t)|deel\w*|gedeeld\w*|shar\w*|split\w*|samen\w*|gezin\w*|familie\w*|"
                           r"huisgeno\w*|adres|weggeven|geven|geef|doorgeven|overzetten|meelift\w*|mee\s+\w*gebruiken|"
                           r"cadeau|zoon|dochter|kind\w*|vrouw|man|partner|vriend\w*|moeder|vader|broer|zus|oma|opa|"
                           r"iemand|ander\w*\s+(nummer|abonnement\w*|telefoon\w*)|give|gift|transfer\w*|family|"
                           r"household|address|\w*mates?|wife|husband|son|daughter|kids|children|someone|another\s+(number|plan))\b", re.I)


def _about_sharing(text: str, entities: list[dict], cues: frozenset[str]) -> bool:
    return bool(SHARING_WORDS.search(text))


# An intent the classifier may only give when the message says what it is about: a question
# about service numbers names one ("0900", "112", "servicenummer"; "Wat kost 10 minuten
# bellen?" does not), a used-up bundle is used up (or about to be stacked), an ExtraOptie is
# named, a plan question is about a plan ("wat kost 30 MB dan?" is not).
NEEDS_EVIDENCE = {"ask_service_numbers": _names_a_service_number, "ask_bundle_used_up": _about_a_bundle_running_out,
                  "ask_extra_options": _names_an_option, "ask_plan": _about_a_plan,
                  "kpnpay_sms_code": _about_the_sms_code, "kpnpay_budget": _about_kpn_pay_spending,
                  "kpnpay_account_type": _about_an_account_type, "ask_bundle_activation": _about_switching_on,
                  "ask_fair_use": _about_fair_use, "ask_discount": _about_a_discount,
                  "ask_data_sharing": _about_sharing, "ask_carry_over": _about_carry_over}
# Problems: a message that says something does not work is no question about a price or a
# rule ("ik kan vanuit Spanje niet bellen, wat nu?"), unless the classifier is sure.
PROBLEMS = frozenset({"kpnpay_problem", "kpnpay_not_working", "service_problem", "lost_or_stolen", "account_question",
                      "kpnpay_option_missing", "ask_internet_block", "ask_bundle_used_up", "ask_speed"})
PROBLEM_OVERRIDE_BELOW = 0.9
# What a question about the internet block abroad is taken for (its MB, "verbruikt", the bill).
BLOCK_LOOKALIKES = frozenset({"account_question", "ask_nl_eu_bundle", "ask_bundle_used_up", "ask_data_sharing",
                              "ask_out_of_bundle"})
# KPN Pay questions that a kind of account named in them turns into the account question
# ("Mijn dochter heeft prepaid. Kan zij ook KPN Pay gebruiken?").
KPN_PAY_GENERAL = frozenset({"kpnpay_what", "kpnpay_setup", "kpnpay_limits", "kpnpay_default_method"})
# Words that name one topic beyond doubt: in the story of a long message whose question says too
# little on its own ("hoeveel tijd krijg ik?"), they are what the question is about.
STORY_TOPICS = ((re.compile(r"\bduurzame\s+band\b|\bstable\s+ties?\b|\bfair[\s-]*use\b", re.I), "ask_fair_use"),)
STORY_TOPIC_BELOW = 0.6
# "kan het eigenlijk wel met mijn abonnement?", "does it work with ...": whether it can be used at all
CAN_ASKED = re.compile(r"\b(kan|kun|kunnen|werkt|mag|lukt|can|could|does|do|is\s+it\s+possible)\b[^.?!]*\?", re.I)
MOBILE_WORDS = re.compile(r"\b(mobiel\w*|internet|data|bellen|sms\w*|sim\w*|bereik|netwerk|telefoon|kpn|"
                          r"mobile|phone|calls?|texts?|signal)\b", re.I)
# KPN's services at home, which this assistant does not cover ("storing bij KPN TV", "glasvezel").
HOME_SERVICES = re.compile(r"\b(tv|televisie|glasvezel|modem|router|vaste?\s+(lijn|telefoon\w*|internet|net)|"
                           r"internet\s+thuis|thuisinternet|kpn\s+thuis|interactieve|decoder|kpn\s*-?mail|e-?mailadres|"
                           r"fibre|fiber|landline|home\s+internet|internet\s+and\s+tv\s+at\s+home)\b", re.I)
# Words only a question about mobile use has (a home service named next to them is still mobile talk).
MOBILE_ONLY = re.compile(r"\b(mobiel\w*|sim\w*|e-?sim|4g|5g|buitenland\w*|roam\w*|\w*bundel\w*|hussel|kpn\s*pay|"
                         r"app\s*store|play\s*store|sms\w*|smartphone|iphone|android|abroad|mobile)\b", re.I)
# Another provider named: its prices and plans are no question for KPN's assistant, switching
# from it to KPN (porting the number, the connection fee) is.
PROVIDERS = (r"odido|t-?mobile|vodafone|ziggo|simyo|lebara|lyca\s*mobile|lycamobile|youfone|tele2|"
             r"hollandsnet|simpel\.nl|robin\s+mobile|budget\s*mobiel|50\s*plus\s*mobiel")
OTHER_PROVIDER = re.compile(rf"\b({PROVIDERS})\b", re.I)
SWITCHING = re.compile(r"\b(overstap\w*|over\s+te\s+stappen|porte\w*|meenem\w*|nummerbehoud|switch\w*|port\w*|"
                       r"opzeg\w*)\b", re.I)
TO_OTHER_PROVIDER = re.compile(rf"\b(naar|to)\s+({PROVIDERS})\b", re.I)
# A message that names KPN Pay asks about KPN Pay, also when it names a country or a trip
# ("Ik zit in Thailand, kan ik hier met KPN Pay een app kopen?"): the best KPN Pay intent.
KPN_PAY_NAMED = re.compile(r"\bkpn\s?-?pay\b|\bfactureren\s+via\s+kpn\b|\bkpn\s*/\s*mobiel\b", re.I)  # or its option
# KPN Pay described without its name, next to an app store ("betaalde ik apps altijd via mijn
# KPN rekening ... zodat ik weer via KPN kan afrekenen").
KPN_PAY_DESCRIBED = re.compile(r"\b(via|met|op)\s+((mijn|de|je|jouw)\s+)?kpn[- ]?(rekening|factuur|nota)\b|"
                               r"\b(via|met)\s+kpn\s+(\w+\s+)?(betalen|afrekenen|betaalde|pay|paid)\b|"
                               r"\b(on|through|via)\s+(my\s+)?kpn\s+(bill|invoice)\b", re.I)
# KPN Pay questions that a setup menu named in them makes a setup question (not a problem,
# a removal, the code or a missing option, which name menus too).
KPN_PAY_NOT_SETUP = frozenset({"kpnpay_what", "kpnpay_default_method", "kpnpay_limits", "kpnpay_account_type",
                               "kpnpay_invoice", "kpnpay_view_purchases", "kpnpay_budget"})
KPN_PAY_RANKED_ENOUGH = 0.25  # a weaker KPN Pay intent is a guess: what KPN Pay is (and the abroad note)
# Taking KPN Pay off a device, and something bought with it that does not work.
REMOVE_WORDS = re.compile(r"\b(afhalen|eraf\s+halen|weghalen|weg\s+halen|verwijder\w*|uitzetten|uit\s+te\s+zetten|"
                          r"uitschakel\w*|stopzetten|remov\w*|delet\w*|turn\w*\s+(\w+\s+){0,3}off|switch\w*\s+(\w+\s+){0,3}off|"
                          r"get\s+rid\s+of)\b|\ber\s+(\w+\s+){0,2}(af|vanaf)\s+(gaat|gaan|moet|halen|krijgen)\b|"
                          # separable: "hoe haal ik het van zijn iPhone af?", "krijg het er niet af"
                          r"\b(haal|haalt|halen|krijg|krijgt|krijgen|gooi|gooit)\s+(\S+\s+){0,8}?(af|eraf|weg)\b", re.I)
BOUGHT_THING_FAILS = re.compile(r"\b(app|game|aankoop|abonnement|film|purchase|subscription)\b.{0,60}"
                                r"\b(gekocht|betaald|bought|paid)\b|\b(gekocht|betaald|bought|paid\s+for)\b.{0,40}"
                                r"\b(app|game|film|item)\b|\bgeld\s+terug\b|\brefund\w*\b", re.I)
BUNDLE_NAMED = re.compile(r"\b(\w*bundel\w*|\w*bundles?|pakket\w*|package)\b", re.I)
# What the Diensten of the price list do to calls and numbers (blocking, forwarding, hiding, porting)
SERVICE_ACTS = re.compile(r"\b(\w*blok\w*|block\w*|doorschakel\w*|door\s*(te\s+)?sturen|doorsturen|forward\w*|fax\w*|"
                          r"afscherm\w*|af\s+te\s+schermen|specifica\w*|gespecificeerd\w*|rekening|factuur|tonen|weergave|herkenning|display|geheim\w*|secret|porte\w*|overzet\w*|"
                          r"over\s+te\s+zetten|meenemen|behoud\w*|keep|sim\w*|groepsgesprek\w*|vergader\w*|conference)\b",
                          re.I)
CONNECTION_FEE_NAMED = re.compile(r"\b(aansluitkosten|aansluitingskosten|aansluitfee|connection\s+(fee|costs?|charge))\b",
                                  re.I)
# Asking what is best, not what something costs
ADVICE_WORDS = re.compile(r"\b(goedkoop\w*|voordelig\w*|cheap\w*|best\w*|advies|advise\w*|advice|aanraden|raad|"
                          r"recommend\w*|handigst\w*|slimst\w*|welke|which|lonen|loont|worth|zinvol|nodig|need)\b", re.I)
# "wat kost dat per MB?": the rate of one unit
PER_UNIT = re.compile(r"\bper\s+(mb|megabyte|gb|minuut|min|minute|sms|sms'je|text|bericht)\b", re.I)
KIDS_PLAN_NAMED = re.compile(r"\bkids\b", re.I)  # the plan's name; "kinderen", "mijn zoon" may be anyone's
UNLIMITED = re.compile(r"\b(onbeperkt\w*|unlimited)\b", re.I)
# Plan questions, and how unsure the classifier must be before a plan's data decides.
PLAN_FAMILY = frozenset({"ask_plan", "ask_kids_plan", "ask_tablet_plan", "ask_unlimited_data", "ask_plan_change",
                         "ask_connection_fee", "ask_data_sharing", "ask_carry_over", "ask_speed"})
WEAK = 0.5
# Words that point back to what was said before ("hoeveel is dat voor 5 minuten?").
POINTS_BACK = re.compile(r"\b(dat|dit|dan|daarvoor|daar|that|this|then|there)\b", re.I)
# Questions that already answer using one's own bundle abroad.
OWN_BUNDLE_ABROAD = frozenset({"ask_foreign_rates", "ask_fair_use", "ask_out_of_bundle", "ask_unlimited_data",
                               "ask_nl_eu_bundle", "human_handoff", "complaint"})
# Paying a device off in monthly instalments ("kan ik de tablet in termijnen betalen?").
INSTALMENT_WORDS = re.compile(r"\b(afbetal\w*|termijn\w*|in\s+delen|gespreid\s+betalen|per\s+maand\s+(af)?betalen|"
                              r"instal+ments?|pay\s+(\w+\s+){0,3}off|pay\s+(\w+\s+){0,3}monthly|spread\s+the\s+cost)\b", re.I)
DEVICE_WORDS = re.compile(r"\b(toestel|telefoon|tablet|ipad|iphone|device|phone)\b", re.I)
# A rate question that dials a service number is about that service number
# ("kost bellen naar 1200 vanuit Spanje iets?").
TO_SERVICE_NUMBERS = frozenset({"ask_foreign_rates", "ask_out_of_bundle"})
def _names_the_customer_service(text: str) -> bool:
    """"de klantenservice", "de helpdesk": the service-number row of the price list's keywords."""
    from knowledge import services

    return any(number.id == "customer_service" for number in services.find_service_numbers(text))


def _places_abroad(values: list[dict]) -> bool:
    return any(e.get("entity") == "country" and e.get("value") != "Nederland" for e in values)


@dataclass(frozen=True)
class Correction:
    original: Optional[str]
    intent: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"from": self.original, "to": self.intent, "reason": self.reason}


def _a_whole_rate_question(name: Optional[str], values: list[dict], text: str) -> bool:
    """"vanuit de VS naar Mexico bellen", "naar Ghana bellen kosten": a use and a place make a
    rate question of their own, however they start; "en bellen in Marokko?" continues one (the
    dialogue continues a rate question with either)."""
    return name == "ask_foreign_rates" and not CONTINUES.match(text) \
        and any(e.get("entity") == "usage" for e in values) and any(e.get("entity") == "country" for e in values)


def _residual_words(text: str, entities: list[dict]) -> list[str]:
    """Content words of the message that no entity covers and that are no filler."""
    covered = [(e.get("start", 0), e.get("end", 0)) for e in entities]
    words = []
    for match in WORD.finditer(text.lower()):
        if any(start <= match.start() < end for start, end in covered):
            continue
        if match.group() not in FILLER and match.group() not in NO_WORDS:
            words.append(match.group())
    return words


def _says_a_service_number(text: str) -> bool:
    """A service number said in words ("nul negen honderd", "twaalfhonderd")."""
    from knowledge import services

    return any(services.find_service_number(digits) for _, digits in services.spoken_numbers(text))


def correct(intent: Optional[dict], ranking: list[dict], text: str, entities: list[dict],
            cues: frozenset[str], question: Optional[str] = None) -> Optional[Correction]:
    """The corrected intent for a message, or None when the classifier's stands. ``question``:
    the sentence of a long message that asks something (a fee named in the story around it
    is no fee asked about)."""
    asked = question or text
    name = (intent or {}).get("name")
    confidence = float((intent or {}).get("confidence") or 0.0)
    stripped = (text or "").strip()
    values = [e for e in entities if e.get("entity") in VALUE_ENTITIES]
    ranked = [r for r in ranking if r.get("name") not in (FALLBACK, None)]
    top = ranked[0] if ranked else None
    if stripped and ("markup" in cues or "no_words" in cues and not values):
        return Correction(name, FALLBACK, "markup or no words: no question to answer") if name != FALLBACK else None
    residual = _residual_words(stripped, values)
    if "data_units" in cues and name != "ask_out_of_bundle" and not (name or "").startswith("kpnpay_"):
        # "hoeveel mb is 1 gb bij jullie": how data is counted, whatever plan or bundle is near
        return Correction(name, "ask_out_of_bundle", "how many MB a GB is")
    if name != "ask_unlimited_data" and {"used_up", "out_of_bundle"} & cues and UNLIMITED.search(text) \
            and any(e.get("entity") == "data_volume" for e in values) \
            and (confidence < NEW_TOPIC_CONFIDENCE or name in (FALLBACK, FOLLOW_UP)):
        # "mijn 5 GB van vandaag is op met mijn onbeperkte abonnement": the day bundle of unlimited data
        return Correction(name, "ask_unlimited_data", "the day bundle of an unlimited plan used up")
    if values and name != FOLLOW_UP and ("correction" in cues or (NO_THEN_VALUE.match(stripped) and not residual)):
        return Correction(name, FOLLOW_UP, "a correction of a value")
    if "elliptic" in cues and not {"missing", "not_working", "not_received"} & cues \
            and name != FOLLOW_UP and name not in ("greet", "goodbye", "thank", "human_handoff",
                                                                    "complaint"):
        # "liever niet", "of course": a confident yes, no or language choice is no fragment of a question
        own_topic = confidence >= NEW_TOPIC_CONFIDENCE and (
            name in ANSWERS_TO_THE_BOT or name in TOPIC_INTENTS and len(residual) >= 2
            or _a_whole_rate_question(name, values, stripped)) \
            or name == "ask_service_fees" and _names_a_service_fee(stripped)  # "en kost nummer meenemen iets?"
        if not own_topic:
            return Correction(name, FOLLOW_UP, "an elliptic follow-up")
    if values and not residual and name not in (FOLLOW_UP, "greet", "goodbye", "thank") \
            and len(stripped.split()) <= 4 and "?" not in stripped \
            and (name not in TOPIC_INTENTS or confidence < NEW_TOPIC_CONFIDENCE) \
            and not (confidence >= NEW_TOPIC_CONFIDENCE and _a_whole_rate_question(name, values, stripped)):
        return Correction(name, FOLLOW_UP, "a bare value")
    opening = ELLIPTIC_OPENING.match(stripped)
    if values and opening and name not in (FOLLOW_UP, "greet", "goodbye", "thank") \
            and confidence < NEW_TOPIC_CONFIDENCE and not ASKED_IN_OPENING.search(opening.group()) \
            and all(e.get("start", 0) >= opening.end() - 1 for e in entities):
        # "en mijn vriendin dan? die heeft haar contract op 20 juni 2024 afgesloten": the question before, her values
        return Correction(name, FOLLOW_UP, "an elliptic opening with values")
    if name != "ask_extra_options" and confidence < NEW_TOPIC_CONFIDENCE and OPTION_WORDS.search(text) \
            and _priced_like_an_extra(entities):
        # "there's a 3.96 euro option on my bill, what is it?": the ExtraOptie of that price
        return Correction(name, "ask_extra_options", "an option named by its price")
    torn = name == FALLBACK and len(ranked) >= 2 and {ranked[0]["name"], ranked[1]["name"]} & {"goodbye", "thank"} \
        and any(r["name"] in TOPIC_INTENTS for r in ranked[:2])  # a question that could be a goodbye, or not
    if (name in ("goodbye", "thank") or torn) and ASKS.search(stripped) and len(stripped.split()) >= 5 \
            and confidence < NEW_TOPIC_CONFIDENCE:
        # "Wat had ik dan beter kunnen doen voor ik ging?": a question is no goodbye
        better = next((r["name"] for r in ranked if r["name"] in TOPIC_INTENTS
                       and r.get("confidence", 0) >= RESCUE_CONFIDENCE), FALLBACK)
        return Correction(name, better, "a question, no goodbye or thanks")
    if values and any(e.get("entity") == "customer_type" for e in values) and (
            name in KPN_PAY_GENERAL and (confidence < NEW_TOPIC_CONFIDENCE or CAN_ASKED.search(asked))
            or name in ("kpnpay_not_working", "kpnpay_option_missing")):
        # "het lukt niet, we hebben KPN EEN MKB": whether KPN Pay is there for that account at all
        return Correction(name, "kpnpay_account_type", "a KPN Pay question about a kind of account")
    if name in ("account_question", "complaint", FALLBACK) and {"sum_asked", "total"} & cues \
            and sum(1 for s in _services_named(asked) if s.price is not None) >= 2:
        # "... hoeveel komt er in totaal bij voor die herinnering plus het weer aansluiten?": the fees
        # named, added up (the story around them is the customer's own; the price list has the fees)
        return Correction(name, "ask_service_fees", "fees of the price list added up")
    if name == "complaint" and "not_working" in cues and confidence < NEW_TOPIC_CONFIDENCE \
            and any(e.get("entity") in ("usage", "country") for e in values) and "kpn_pay" not in cues:
        # "WAAROM DOET MIJN INTERNET HET NIET IN MAROKKO?! belachelijk": the problem, answered (the
        # anger still gets its acknowledgement and the human route)
        return Correction(name, "service_problem", "a complaint about something that does not work")
    if "not_working" in cues and (name in TOPIC_INTENTS - PROBLEMS and confidence < PROBLEM_OVERRIDE_BELOW
                                  or (name in (FALLBACK, "out_of_scope") or name == FOLLOW_UP and confidence < WEAK)
                                  and MOBILE_WORDS.search(text)
                                  and not HOME_SERVICES.search(text)):
        problem = "kpnpay_not_working" if "kpn_pay" in cues and name.startswith("kpnpay_") else "service_problem"
        return Correction(name, problem, "something that does not work")
    if name in TOPIC_INTENTS and OTHER_PROVIDER.search(text) \
            and (not SWITCHING.search(text) or TO_OTHER_PROVIDER.search(text)):
        # "wat kost sim only bij Simyo?" (but "nummer meenemen van Vodafone naar KPN" is KPN's)
        return Correction(name, "out_of_scope", "a question about another provider")
    calls_or_abroad = any(e.get("entity") == "country" or e.get("value") in ("call", "sms") for e in values)
    if name in TOPIC_INTENTS - PROBLEMS - {"ask_discount"} | {"service_problem"} and HOME_SERVICES.search(text) \
            and not MOBILE_ONLY.search(text) and not _names_a_service_fee(asked) and not calls_or_abroad:
        # "mijn internet thuis valt steeds weg", "KPN Thuis opzeggen": KPN's services at home ("een vaste
        # lijn in Duitsland bellen" is a rate question)
        return Correction(name, "out_of_scope", "a service at home, no mobile question")
    if "bundle_switch_on" in cues and "kpn_pay" not in cues and name != "ask_bundle_activation":
        return Correction(name, "ask_bundle_activation", "switching a bundle on")  # "hoe zet ik die bundel aan?"
    foreign_place = any(e.get("entity") == "country" and outside_the_eu(e.get("value")) for e in values)
    if name in ("ask_buitenland_bundle", "ask_bundle_advice", "ask_bundle_activation") and "how_long_valid" in cues \
            and confidence < NEW_TOPIC_CONFIDENCE:
        # "Ik zet op 10 februari om 09:30 de bundel 100 aan. Tot wanneer kan ik die gebruiken?": its validity
        return Correction(name, "ask_bundle_validity", "how long a BuitenlandBundel lasts")
    if (name == "ask_nl_eu_bundle" or name in ("ask_device_instalments", "ask_plan", FALLBACK)
            and confidence < NEW_TOPIC_CONFIDENCE and "buitenland_bundle_named" in cues) \
            and "stacking" in cues and foreign_place and not NL_EU_NAMED.search(text):
        # "kan ik in Thailand een tweede bundel bijkopen terwijl de eerste nog loopt?": BuitenlandBundels stack
        return Correction(name, "ask_bundle_used_up", "stacking BuitenlandBundels")
    if name == "ask_bundle_advice" and "used_up" in cues and confidence < NEW_TOPIC_CONFIDENCE \
            and ("stacking" in cues or not any(e.get("entity") in ("duration", "data_volume", "sms_count")
                                               for e in values)):
        # "bundel 100 is al op, kan ik nog een kopen of moet ik wachten tot die afloopt?": stacking
        return Correction(name, "ask_bundle_used_up", "another BuitenlandBundel on a used-up one")
    if name == "ask_buitenland_bundle" and "used_up" in cues and "stacking" not in cues \
            and confidence < NEW_TOPIC_CONFIDENCE:
        # "Ik zit in Marokko met de bundel 25. Wat gebeurt er als die op is?": once it is used up
        return Correction(name, "ask_bundle_used_up", "a BuitenlandBundel used up")
    if name in BLOCK_LOOKALIKES and "internet_blocked" in cues and "kpn_pay" not in cues \
            and confidence < PROBLEM_OVERRIDE_BELOW:
        # "Hoeveel MB had ik verbruikt toen hij blokkeerde?": the € 60,50 block, not a used-up bundle
        return Correction(name, "ask_internet_block", "internet blocked abroad")
    if name == "account_question" and {"used_up", "out_of_bundle"} & cues and "own_account" not in cues:
        # "data helemaal verbruikt, welke opties heb ik?": what can be bought, not what the account shows
        abroad = any(e.get("entity") == "country" and outside_the_eu(e.get("value")) for e in values) \
            or "generic_abroad" in cues
        return Correction(name, "ask_bundle_used_up" if abroad else "ask_nl_eu_bundle", "a used-up bundle")
    if name in DISCOUNT_LOOKALIKES and "discount_named" in cues and confidence < NEW_TOPIC_CONFIDENCE:
        # "my friend says KPN gives students 10% off on Hussel": a discount, which the list prices do not show
        return Correction(name, "ask_discount", "a discount named")
    if name in ("ask_foreign_rates", "ask_out_of_bundle") and "with_bundle" in cues and "no_bundle" not in cues \
            and any(e.get("entity") in ("duration", "data_volume", "sms_count") for e in values) \
            and any(e.get("entity") == "country" and outside_the_eu(e.get("value")) for e in values):
        # "50 minuten vanuit Marokko naar huis, wat kost dat met de kleinste bundel?": the use with a bundle
        return Correction(name, "ask_bundle_advice", "a use priced with a bundle")
    if name == "ask_device_instalments" and "without_device" in cues and "with_device" not in cues:
        # "als nieuw abonnement zonder toestel, wat betaal ik de eerste maand?": sim only, no device to pay off
        return Correction(name, "ask_connection_fee" if "first_month" in cues else "ask_plan", "sim only, no device")
    if name in ("account_question", "ask_plan", FALLBACK) and {"first_month", "new_subscription"} <= cues \
            and "own_account" not in cues and (any(e.get("role") == "allowance" for e in values)
                                               or {"unlimited_data", "unlimited_calls"} & cues):
        # "nieuw abonnement, Hussel 5 GB met 150 min/sms: wat betaal ik de eerste maand?", "ik stap over naar
        # KPN, onbeperkt data en bellen: wat betaal ik de eerste maand?": fee plus a month
        return Correction(name, "ask_connection_fee", "the first month of a new plan")
    if name in ("kpnpay_setup", "kpnpay_what", "kpnpay_default_method") and "missing" in cues \
            and confidence < NEW_TOPIC_CONFIDENCE and not REMOVE_WORDS.search(text):
        return Correction(name, "kpnpay_option_missing", "the KPN Pay option is gone")
    if name in KPN_PAY_NOT_SETUP and "missing" not in cues and _names_a_setup_step(text):
        # "ik zit nu bij Betaalmethoden, wat moet ik kiezen?": the next steps of the setup
        return Correction(name, "kpnpay_setup", "a KPN Pay question at a step of the setup")
    if name in ("kpnpay_not_working", "kpnpay_problem", "kpnpay_setup", "kpnpay_what") and "invoice_question" in cues \
            and not {"not_working", "not_received", "missing"} & cues:
        # "mijn zoon heeft via KPN Pay een app gekocht. Waar staat dat op de rekening?": the invoice line
        return Correction(name, "kpnpay_invoice", "where a purchase shows on the invoice")
    if name in ("kpnpay_not_working", "kpnpay_problem", "kpnpay_setup", "kpnpay_option_missing", "kpnpay_what") \
            and REMOVE_WORDS.search(text):
        return Correction(name, "kpnpay_remove", "taking KPN Pay off")  # "KPN Pay van mijn iPhone afhalen lukt niet"
    if name == "kpnpay_not_working" and BOUGHT_THING_FAILS.search(text):
        return Correction(name, "kpnpay_problem", "something bought does not work")  # the store's route, not KPN Pay's
    if "who_to_contact" in cues and name not in ("human_handoff", "complaint") and confidence < NEW_TOPIC_CONFIDENCE:
        return Correction(name, "human_handoff", "whom to contact")  # "wie kan ik hierover bellen?"
    if name == "ask_fair_use" and any(e.get("entity") == "country" and e.get("role") == "destination" for e in values) \
            and any(e.get("entity") == "usage" and e.get("value") in ("call", "sms") for e in values):
        # "Mijn oma woont in Marokko. Wat kost het als ik haar vanuit Nederland bel?": calling
        # someone abroad, no stay abroad
        return Correction(name, "ask_foreign_rates", "calling someone abroad")
    if name == "ask_bundle_advice" and "no_bundle" in cues and "price_question" in cues \
            and confidence < NEW_TOPIC_CONFIDENCE and not ADVICE_WORDS.search(text):
        # "wat kost 1 MB in Vietnam zonder bundel?": the rate there, per use
        return Correction(name, "ask_foreign_rates", "a price without a bundle")
    abroad_named = any(e.get("entity") == "country" and e.get("value") != "Nederland" for e in values)
    if name == "ask_bundle_advice" and confidence < NEW_TOPIC_CONFIDENCE and not BUNDLE_NAMED.search(text) \
            and any(e.get("entity") == "country" and e.get("role") == "destination" for e in values) \
            and any(e.get("entity") == "usage" and e.get("value") == "call" for e in values) \
            and not any(e.get("entity") == "country" and e.get("role") == "location" and outside_the_eu(e.get("value"))
                        for e in values):
        # "en als ik vanuit Parijs iemand in New York bel, 40 min?": no bundle asked, and none to advise
        # in the EU: the call's price
        return Correction(name, "ask_foreign_rates", "a call from the EU, no bundle asked")
    if name == "ask_service_fees" and confidence < NEW_TOPIC_CONFIDENCE and not _names_a_service_fee(asked) \
            and any(e.get("entity") == "usage" and e.get("value") in ("call", "sms") for e in values) \
            and not SERVICE_ACTS.search(text):
        # "En wat kost een sms naar dat nummer?": a rate, no row of the Diensten
        return Correction(name, FOLLOW_UP, "calling or texting someone, no service of the price list")
    if name in ("ask_kids_plan", "ask_plan") and confidence < NEW_TOPIC_CONFIDENCE and CONNECTION_FEE_NAMED.search(text):
        # "een Hussel en een Kids abonnement, hoeveel aansluitkosten in totaal?": the fee asked for
        return Correction(name, "ask_connection_fee", "the connection fee named")
    if name == "ask_plan" and confidence < NEW_TOPIC_CONFIDENCE and _names_an_extra(text):
        # "is 5G included in my Hussel 15 GB plan or do I pay extra?": the ExtraOptie (with the plan)
        return Correction(name, "ask_extra_options", "an ExtraOptie named with a plan")
    if name == "ask_bundle_advice" and confidence < NEW_TOPIC_CONFIDENCE and abroad_named and "price_question" in cues \
            and not BUNDLE_NAMED.search(text) and not ADVICE_WORDS.search(text) \
            and any(e.get("entity") in ("duration", "sms_count", "data_volume") for e in values):
        # "wat kost zo'n belletje van 10 seconden vanuit Vietnam?": a price asked, no bundle or advice
        return Correction(name, "ask_foreign_rates", "a cost asked, no bundle named")
    if name == "ask_bundle_advice" and "no_bundle" in cues and PER_UNIT.search(text) and abroad_named:
        # "ik ga daar een paar honderd MB internetten zonder bundel, wat kost dat per MB?": the rate
        return Correction(name, "ask_foreign_rates", "the rate per unit without a bundle")
    if name in ("ask_bundle_advice", "ask_buitenland_bundle") and confidence < NEW_TOPIC_CONFIDENCE \
            and "no_bundle" in cues and "price_question" in cues and not ADVICE_WORDS.search(text) \
            and any(e.get("entity") == "country" and e.get("role") == "destination" for e in values) \
            and any(e.get("entity") == "usage" and e.get("value") in ("call", "sms") for e in values):
        # "ik bel mijn oma in Suriname, ik heb geen buitenlandbundel. Wat kost zo'n gesprek?": the call's price
        return Correction(name, "ask_foreign_rates", "a call's price without a bundle")
    if name in ("kpnpay_what", "kpnpay_setup", "kpnpay_default_method") and confidence < NEW_TOPIC_CONFIDENCE \
            and any(e.get("entity") == "amount" and e.get("role") in ("purchase", "spent") for e in values):
        # "can I buy a game of 65 euros with KPN Pay?": what the limits allow
        return Correction(name, "kpnpay_budget", "an amount bought or spent")
    if name == "ask_fair_use" and confidence < NEW_TOPIC_CONFIDENCE and "unlimited_data_words" in cues \
            and not any(outside_the_eu(e.get("value")) or e.get("value") != "Nederland"
                        for e in values if e.get("entity") == "country"):
        # "Ik heb Hussel onbeperkt data. Geldt er een fair use policy in Nederland?": the day bundles
        return Correction(name, "ask_unlimited_data", "fair use of unlimited data at home")
    if "premium_sms" in cues and name != "ask_service_numbers" and "kpn_pay" not in cues \
            and not KPN_PAY_NAMED.search(text) and (confidence < NEW_TOPIC_CONFIDENCE or name == "kpnpay_sms_code"):
        # "what does a premium SMS to vote in a TV show cost?": texting a paid number, not KPN Pay's code
        return Correction(name, "ask_service_numbers", "a paid text service")
    if name == "ask_kids_plan" and abroad_named and any(e.get("entity") == "usage" for e in values) \
            and not KIDS_PLAN_NAMED.search(text) and not PLAN_WORDS.search(text):
        # "wat kost het als de kinderen ons op de boot bellen?": children calling, not the Kids plan
        return Correction(name, "ask_foreign_rates", "children calling abroad, not the Kids plan")
    if name in ("ask_foreign_rates", "ask_out_of_bundle", "ask_nl_eu_bundle") and MOVING_ABROAD.search(text) \
            and not any(e.get("entity") == "country" and outside_the_eu(e.get("value")) for e in values):
        # "ik verhuis naar Barcelona en ga daar wonen, kan ik tegen dezelfde prijs blijven bellen?": living
        # in the EU is the fair-use rule of Roam like Home, not the rates of a trip (outside it: the rates)
        return Correction(name, "ask_fair_use", "living abroad")
    if "own_bundle_use" in cues and ({"generic_abroad", "eu"} & cues or abroad_named) \
            and name not in OWN_BUNDLE_ABROAD and confidence < NEW_TOPIC_CONFIDENCE:
        # "Kan ik mijn bundel in het buitenland gebruiken?": Roam like Home in the EU, rates or a
        # BuitenlandBundel outside it (the overview, or the country named)
        return Correction(name, "ask_foreign_rates", "one's own bundle abroad")
    if name in PLAN_FAMILY and INSTALMENT_WORDS.search(asked) and DEVICE_WORDS.search(asked):
        # "can I pay the tablet off monthly with a 1-year plan?": the device's instalments
        return Correction(name, "ask_device_instalments", "paying a device off")
    if name == FALLBACK and any(e.get("entity") == "coverage" for e in values):
        return Correction(name, "ask_insurance", "a cover named")  # "Does the Extra one also cover theft?"
    story_topic = next((topic for words, topic in STORY_TOPICS if words.search(text)), None) \
        if question and question.strip() != stripped and confidence < STORY_TOPIC_BELOW else None
    if story_topic is not None and name != story_topic:
        # "... twijfelen of ik nog een duurzame band met Nederland heb. Hoeveel tijd krijg ik?": the question
        # alone says little; the story names the topic
        return Correction(name, story_topic, "a vague question about the topic the story names")
    if KPN_PAY_NAMED.search(text) and name in TOPIC_INTENTS and not name.startswith("kpnpay_"):
        if "missing" in cues:  # "I don't see 'Factureren via KPN', only KPN/Mobiel": the option's names
            return Correction(name, "kpnpay_option_missing", "the KPN Pay option not found")
        better = next((r["name"] for r in ranked if r["name"].startswith("kpnpay_")
                       and r.get("confidence", 0) >= KPN_PAY_RANKED_ENOUGH
                       and (r["name"] not in NEEDS_EVIDENCE or NEEDS_EVIDENCE[r["name"]](text, entities, cues))),
                      "kpnpay_what")
        if better in KPN_PAY_GENERAL and any(e.get("entity") == "customer_type" for e in values) \
                and CAN_ASKED.search(asked):
            better = "kpnpay_account_type"  # "EEN MKB op de zaak ... kan het wel met mijn abonnement?"
        return Correction(name, better, "a question that names KPN Pay")
    if KPN_PAY_DESCRIBED.search(text) and "kpn_pay" in cues and name in TOPIC_INTENTS | {FALLBACK} \
            and not name.startswith("kpnpay_") and confidence < NEW_TOPIC_CONFIDENCE \
            and not any(e.get("entity") == "amount" and e.get("role") in ("purchase", "spent") for e in values):
        platform = any(e.get("entity") == "platform" for e in values)
        return Correction(name, "kpnpay_setup" if platform else "kpnpay_what", "KPN Pay described, with an app store")
    if values and POINTS_BACK.search(stripped) and not residual and len(stripped.split()) <= 8 \
            and name not in (FOLLOW_UP, "greet", "goodbye", "thank") and confidence < NEW_TOPIC_CONFIDENCE:
        return Correction(name, FOLLOW_UP, "a value that points back to the open question")
    if name in ("ask_foreign_rates", "ask_out_of_bundle") and confidence < NEW_TOPIC_CONFIDENCE \
            and any(service.id in BLOCKING_SERVICES for service in _services_named(asked)):
        # "kunnen jullie bellen naar het buitenland blokkeren? mijn zoon belt steeds naar India"
        return Correction(name, "ask_service_fees", "blocking named: a row of the Diensten")
    if name == "ask_connection_fee" and _names_reconnection(asked):
        # "wat kost het om weer aangesloten te worden?": the reconnection of the price list's Diensten
        return Correction(name, "ask_service_fees", "a reconnection, no new connection")
    if name in TO_SERVICE_NUMBERS and _dials_a_service_number(text):
        return Correction(name, "ask_service_numbers", "a rate question that dials a service number")
    if name in TO_SERVICE_NUMBERS and confidence < NEW_TOPIC_CONFIDENCE and not _places_abroad(values) \
            and _names_the_customer_service(asked):
        # "als ik de klantenservice bel, kost dat dan wat?": the service number's own price
        return Correction(name, "ask_service_numbers", "calling the customer service")
    if "generic_abroad" in cues and not any(e.get("entity") == "country" for e in values) \
            and ((name in (FALLBACK, "goodbye", "thank") or name == FOLLOW_UP and "elliptic" not in cues)
                 and not ASKS.search(stripped)
                 or name in NEEDS_EVIDENCE and not NEEDS_EVIDENCE[name](text, entities, cues)):
        # "ik ga volgende maand een weekje weg", "we gaan in mei op vakantie": a trip told, nothing asked:
        # what things cost abroad, and the offer to work it out for the country
        return Correction(name, "ask_foreign_rates", "a trip told")
    if name in USED_UP_LOOKALIKES and confidence < NEW_TOPIC_CONFIDENCE and "used_up" in cues \
            and WHAT_HAPPENS.search(asked) and not CARRY_OVER_WORDS.search(asked) and "notified" not in cues:
        # "What happens when my data runs out?", "Wat gebeurt er als mijn data op is?": the bundle used up
        return Correction(name, "ask_bundle_used_up", "what happens when the bundle is used up")
    if name in NEEDS_EVIDENCE and not NEEDS_EVIDENCE[name](text, entities, cues):
        better = "ask_service_fees" if _names_a_service_fee(asked) else \
            next((r["name"] for r in ranked if r["name"] != name and r.get("confidence", 0) >= RESCUE_CONFIDENCE),
                 FOLLOW_UP if values else FALLBACK)
        return Correction(name, better, f"{name} without what it is about in the message")
    foreign = [e for e in values if e.get("entity") == "country" and e.get("value") != "Nederland"]
    usage = [e for e in values if e.get("entity") == "usage"]
    # "de sms met de code kwam niet aan": the sms that brings KPN Pay's code is no texting
    texting_a_code = bool({"a_code", "sms_code"} & cues) and all(e.get("value") == "sms" for e in usage)
    if name and name.startswith("kpnpay_") and usage and not texting_a_code and "kpn_pay" not in cues \
            and not KPN_PAY_NAMED.search(text):
        # "kost het geld als iemand mij belt terwijl ik op reis ben?": calling, not paying in an app store
        better = "ask_foreign_rates" if foreign or "generic_abroad" in cues else \
            next((r["name"] for r in ranked if r["name"] in TOPIC_INTENTS and not r["name"].startswith("kpnpay_")),
                 "ask_out_of_bundle")
        return Correction(name, better, "a KPN Pay intent for a message about calling, texting or data")
    if foreign and name in HOME_PRICES and confidence < HOME_PRICES_OVERRIDE_BELOW:
        better = next((r["name"] for r in ranked if r["name"] in COUNTRY_AWARE), "ask_foreign_rates")
        return Correction(name, better, "a question about home prices that names a foreign country")
    if name not in PLAN_FAMILY and name in TOPIC_INTENTS and confidence < WEAK and not foreign \
            and any(e.get("entity") == "data_volume" for e in values) and PLAN_WORDS.search(text) \
            and any(r["name"] == "ask_plan" for r in ranked[:3]):
        return Correction(name, "ask_plan", "a weak guess for a message about a plan's data")  # "de 2 GB variant?"
    if name == FALLBACK and _names_a_service_fee(asked):
        return Correction(name, "ask_service_fees", "a row of the price list's Diensten named")
    if name == FALLBACK and _says_a_service_number(asked):
        return Correction(name, "ask_service_numbers", "a service number said in words")  # "zo'n nul negen honderd nummer"
    if name == FALLBACK and _names_an_extra(text):
        return Correction(name, "ask_extra_options", "an ExtraOptie named")
    if name in (FALLBACK, "ask_plan") and confidence < NEW_TOPIC_CONFIDENCE and "plan_switch" in cues \
            and "price_difference" not in cues \
            and any(r["name"] == "ask_plan_change" and r.get("confidence", 0) >= RESCUE_CONFIDENCE for r in ranked):
        # "ik wil vandaag omlaag naar Hussel 2 GB, vanaf wanneer en wat betaal ik dan?": the change (with its price)
        return Correction(name, "ask_plan_change", "moving one's own plan up or down")
    if name in TOPIC_INTENTS | {FALLBACK} and name != "kpnpay_problem" and confidence < NEW_TOPIC_CONFIDENCE \
            and "unrecognised_purchase" in cues and ("kpn_pay" in cues or KPN_PAY_NAMED.search(text)):
        # "er staat een aankoop van 12 euro tussen die ik niet herken": the route to look it up and report it
        return Correction(name, "kpnpay_problem", "a purchase not recognised")
    if name == FALLBACK and ("kpn_pay" in cues or KPN_PAY_NAMED.search(text)) \
            and any(e.get("entity") == "amount" and e.get("role") in ("purchase", "spent") for e in values):
        # "can I buy a game of 65 euros with KPN Pay?" refused as unsure: what the limits allow
        return Correction(name, "kpnpay_budget", "an amount bought or spent with KPN Pay")
    if name == FALLBACK and values:
        rescued = next((r["name"] for r in ranked if r["name"] in TOPIC_INTENTS
                        and r.get("confidence", 0) >= RESCUE_CONFIDENCE
                        # paying in an app store only when the message is about it
                        and (not r["name"].startswith("kpnpay_") or "kpn_pay" in cues or KPN_PAY_NAMED.search(text))
                        and (r["name"] not in NEEDS_EVIDENCE or NEEDS_EVIDENCE[r["name"]](text, entities, cues))), None)
        if rescued:
            # the rescued topic as if the classifier had given it: its own corrections apply
            confidence_of = next((r.get("confidence", 0.0) for r in ranked if r["name"] == rescued), 0.0)
            again = correct({"name": rescued, "confidence": confidence_of}, ranking, text, entities, cues, question)
            return Correction(name, again.intent if again else rescued,
                              "a topic that ranked well enough, with values it can use")
    return None
