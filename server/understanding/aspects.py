"""What a message asks besides its values: aspects of a question the answers need to pick
the right branch ("mijn bundel is op", "telt gebeld worden mee?", "met onbeperkt bellen",
"refurbished", "is er een link?"). Read here once, in Dutch and English, and put on the
message as cues; the answers read the cues, never the text.

Also three small values: the contract term in months ("2-jarig", "one-year", "24 maanden"),
a period monthly amounts are added up over ("per jaar", "over die twaalf maanden") and a
BuitenlandBundel size named by its units ("bundel van 100").
"""
from __future__ import annotations

import re
from typing import Optional

from knowledge.quantities import ANY_NUMBER_WORD_PATTERN, any_number_value

# Words that make a message continue the one before ("en in Marokko?", "what about Peru?"):
# the reader's `elliptic` cue and the intent corrections both start from them.
CONTINUATION_WORDS = r"en|met|zonder|liever|dan|ook|of|maar|toch|and|what\s+about|how\s+about"

# cue -> the words that say it, Dutch and English together (matched on lower-case text)
ASPECTS: dict[str, re.Pattern[str]] = {name: re.compile(pattern, re.I) for name, pattern in {
    # beyond the bundle at home ("mijn bundel is op, wat kost 30 minuten?")
    "out_of_bundle": r"\b(bundel|minuten|belminuten|data|sms'?jes|tegoed|databundel)\s+(is\s+|zijn\s+)?(al\s+)?op\b(?!\s+\d)"
                     r"|\bbuiten\s+(mijn|de|je)\s+bundel|\bbijbetalen\b|\b(minutes|bundle|data|texts|allowance)\s+(are|is)\s+"
                     r"(all\s+)?(used\s+up|finished|gone|over)\b|\boutside\s+(of\s+)?(my|the|your)\s+(bundle|allowance)|"
                     r"\bbeyond\s+my\s+(bundle|allowance)|\bused\s+up\s+(all\s+)?my\b",
    # does this kind of use draw on the BuitenlandBundel?
    # within one sentence, and not "we gaan ... af en toe bellen"
    "counts_toward_bundle": r"\b(gaat|telt|gaan|tellen)\b[^.?!]{0,40}\b(af(?!\s+en\s+toe)|mee|uit)\b|\b(van|uit) (de|mijn|je) (buitenland)?bundel\b"
                            # "can I also use it to call ...", "kan ik die ook gebruiken om te bellen"
                            r"|\buse\s+(it|that|this|the\s+bundle|that\s+bundle)\s+(also\s+)?(to|for)\b"
                            r"|\b(die|dat|deze|de\s+bundel)\s+(ook\s+)?gebruiken\s+(om|voor)\b"
                            r"|\b(count|counts|come|comes|taken|deducted|use[sd]?)\b.{0,30}\b(out of|from|against|toward|towards)\s+"
                            r"(the|my|your)\s+(travel\s+|buitenland)?bundle|"
                            r"\b(come|comes|taken|deducted)\s+(out\s+of|from|off)\s+(that|it|this|the\s+bundle)\b",
    # buying a new bundle before the old one runs out
    "stacking": r"\b(nog niet (op|verlopen)|voordat|terwijl|nog loopt|stapel\w*|erbij)\b"
                r"|\bwachten\s+tot\b.{0,30}\b(afloopt|verloopt|verlopen|op\s+is|voorbij)\b"
                r"|\b\w*bundel\b.{0,60}\b(nog\s+een|een\s+nieuwe|een\s+tweede)\s+(\w+\s+)?(kopen|bijkopen|nemen|aanzetten)\b"
                # "kan ik een nieuwe bundel kopen als de eerste bijna op is?"
                r"|\b(nog\s+een|een\s+nieuwe|een\s+tweede|another|a\s+new|a\s+second)\s+(\w+\s+)?(bundel|bundle)\b.{0,50}"
                r"\b(bijna\s+op|almost\s+(used|gone|finished)|runs?\s+low|running\s+low)\b"
                r"|\bwait\s+(until|till)\b.{0,30}\b(runs?\s+out|expires?|is\s+over)\b"
                r"|\b(before|while)\b.{0,40}\b(runs? out|expires?|is used up|still (runs|running|valid|active))\b|\bstack\w*\b|\bon top\b",
    # a bundle that is used up or has expired (not "op Bali", not "op 3 mei")
    "used_up": r"\b(is|zijn|al|was|waren|raakt|raken)\s+((al|alweer|weer|nu|helemaal|compleet)\s+){0,2}op\b(?!\s+(\d|een|de|het|mijn|je|bali|vakantie|reis|zee))|"
               r"\b\w*(bundel|data|minuten|tegoed|sms'?jes|mb'?s|gb)\b.{0,30}\bop\s+(is|zijn|raakt|raken|gaat)\b|"
               r"\b\w*bundel\s+(helemaal\s+)?op\b\s*(,|\?|!|$|wat|nu|en|in|maar|moet|now)|"
               r"\b\w*(bundel|mb'?s|minuten|data)\b.{0,30}\b(afgelopen|opgemaakt|(is|zijn)\s+weg|lege?)\b|"
               r"\b(afgelopen|opgemaakt|lege)\b.{0,20}\w*(bundel|mb'?s|minuten|data)\b|"
               r"\bdoor\s+(\S+\s+){1,5}heen\b|\bover\s+(mijn|de|je)\s+\w*bundel\s+heen\b|"
               r"\bgeen\s+(\S+\s+)?(mb'?s|minuten|data|bundel|eenheden)\s+meer\b|"
               r"\bna\s+(de|mijn|je|een)\s+\w*bundel\b|\b(verbruikte|opgemaakte|opgebruikte)\s+\w*bundel\b|"
               r"\b(verlopen|leeg|opgebruikt|verbruikt)\b|\b(used\s+up|runs?\s+out|running\s+out|ran\s+out|expired|finished|empty)\b|"
               r"\b(is|are)\s+(all\s+)?(gone|done|over)\b|\bused\s+(all|100\s*%)|\b(at|is)\s+100\s*%|\ball\s+used\b|"
               r"\bgo\s+over\s+(my|the)\b|\b(bundle|it)\s+ends\b",
    # mobile internet cut off by the € 60,50 block abroad ("hoeveel MB toen hij blokkeerde?")
    "internet_blocked": r"\b(internet|data|mb'?s?|gb)\b.{0,60}\b(blokk\w*|geblokkeerd\w*|blokkade|blokkering|blocked)\b|"
                        r"\b(blokk\w*|geblokkeerd|blokkade|blokkering|blocked)\b.{0,40}\b(internet|data|mb'?s?)\b",
    "unlimited_data_words": r"\bonbeperkte?\s+(data|internet)\b|\bunlimited\s+(data|internet)\b",
    # more data on top of a plan ("wat kost een extra GB", "een extra EU bundel")
    "more_data": r"\bextra\s+(\d+([.,]\d+)?\s*)?(gb|gig|mb|data|internet)\b|(?<!onbeperkt )(?<!onbeperkte )(?<!unlimited )\b(gb|mb|data)\s+(erbij|extra|bij\s+kopen|bijkopen)\b|"
                 r"\bmeer\s+(data|gb|internet)\b|\b(more|extra)\s+(data|gb|gigs?)\b|\bextra\s+(eu|nl/eu|nl-eu)[- ]?(bundel|bundle)\b",
    # plan needs
    "unlimited_calls": r"(onbeperkt|onbeperkte|unlimited)\s+((wil|kunnen|kan|willen|want\s+to|can)\s+)?(bel|min|sms|call|text)|(veel|vaak|heel veel|ontzettend veel)\s+"
                       r"(bel|aan de telefoon)|bel\w*\s+(heel\s+)?(veel|vaak)|\bcall(s|ing)?\s+(a lot|loads|often)\b|"
                       r"\b(a lot of|lots of|many)\s+calls\b",
    "few_calls": r"\b(150|honderdvijftig|(one\s+|a\s+)?hundred\s+(and\s+)?fifty)\s*(min|minuten|minutes|bel|sms|belminuten)|(weinig|nauwelijks|bijna nooit|niet veel|zelden)\s+(bel|aan de telefoon)|bel\w*\s+(bijna\s+)?"
                 r"(weinig|nauwelijks|zelden|nooit)|\b(hardly|rarely|seldom)\s+(ever\s+)?call|\bdon'?t\s+call\s+(much|a lot)\b",
    # the calling line given up for the other ("onbeperkt bellen in plaats van 150 minuten")
    "instead_of_few": r"\b(in\s+plaats\s+van|i\.?p\.?v\.?|instead\s+of|rather\s+than)\s+(de\s+|the\s+)?150\b",
    "instead_of_many": r"\b(in\s+plaats\s+van|i\.?p\.?v\.?|instead\s+of|rather\s+than)\s+(\w+\s+)?(onbeperkt|unlimited)\b",
    "no_data": r"\b(geen|zonder)\s+(mobiele?\s+)?(data|internet)\b|\balleen\s+(maar\s+)?(bellen|sms)|"
               r"\b(no|without|don'?t\s+need\s+(any)?|not\s+need\s+(any)?)\s+(mobile\s+)?(data|internet)\b|"
               r"\bjust\s+(want\s+to\s+)?(call|calls|calling)\s+and\s+text",
    "unlimited_data": r"onbeperk\w*\s+(data|internet|gb)|(data|internet)\s+onbeperk\w*|\bunlimited\s+(data|internet)\b|"
                      r"hussel\s+onbeperkt|onbeperkt\w*,?\s+(zowel\s+)?(data|internet)|\bunlimited\s+plan\b",
    "new_subscription": r"\b(nieuw\w*|aansluit\w*|afsluiten|overstappen|overstap)\b|\bnew\s+(subscription|contract|plan|customer)\b|"
                        r"\bsign(ing)?\s+up\b|\bconnection\s+(fee|cost|charge)\b|\bswitch(ing)?\s+to\s+kpn\b|"
                        # coming from another provider: "ik wil naar KPN", "klant worden", "I'm moving to KPN"
                        r"\b(andere|huidige)\s+(provider|aanbieder|telecomaanbieder)\b|\b(wil|ga|kom|stap)\s+(\w+\s+)?naar\s+kpn\b|"
                        r"\bklant\s+worden\b|\b(another|other|current)\s+(provider|carrier|operator)\b|"
                        r"\b(move|moving|come|coming)\s+to\s+kpn\b|\bbecome\s+a\s+customer\b",
    "kids": r"\bkids?\b|\bkind\b|\bkinderen\b|\bkinder\w*|\bchild(ren)?\b|\bmy\s+(son|daughter)\b|\bmijn\s+(zoon|dochter)\b",
    # the Kids plan itself named ("bij een Kids abonnement"), not just someone's child
    "kids_plan": r"\bkids[\s-]*(1\s*gb|abo\w*|abbo\w*|plan|subscription|pakket|sim)\b|\bkinderabonnement\w*|"
                 r"\b(bij|met|op|van|voor|with|on|for)\s+(een\s+|a\s+|the\s+|het\s+)?kids\b",
    # a sum asked for ("de aansluitkosten plus de eerste maand, samen hoeveel?")
    "total": r"\b(samen|bij\s+elkaar|opgeteld|in\s+totaal|totaal|together|in\s+total|altogether|combined|"
             r"inclusief|incl|including|included)\b",
    "price_question": r"\b(kost|kosten|kostte|prijs|prijzen|betaal\w*|tarie\w*)\b|\b(cost|costs|price|prices|charge|charged|"
                      r"fee|how\s+much)\b|\b(i|you|we)\s+(have\s+to\s+)?pay\b|\bpay\s+(for|per|extra)\b",
    "sharing": r"\bdel(en)?\b|\bshar(e|ing)\b",
    # insurance
    "incident": r"\b(gestolen|gejat|kwijt|verloren|zoekgeraakt|stolen|lost\s+(my|it|the)|been\s+lost|was\s+lost|got\s+stolen)\b",
    "refurbished": r"refurb|tweedehands|gereviseerd|opgeknapt|second[- ]hand|used\s+phone",
    "coverage_question": r"\b(dekt|gedekt|dekking|verzekerd tegen|ook (tegen )?(diefstal|verlies|schade)|wat (is|zit) (er )?"
                         r"(het )?verschil)|\b(cover|covers|covered|coverage)\b|\bdifference\s+between\b|"
                         # comparing the two: "wat krijg ik bij Extra meer dan bij Standaard?"
                         r"\b(meer|anders|beter)\s+dan\s+(bij\s+)?(de\s+)?(standaard|extra)\b|"
                         r"\b(standaard|extra|standard)\s+(of|en|vs\.?|versus|or|and)\s+(de\s+|the\s+)?(standaard|extra|standard)\b|"
                         r"\b(more|better)\s+than\s+(with\s+)?(the\s+)?(standard|extra)\b",
    "claim": r"\b(uitke\w*|uitbetal\w*|claim\w*|schade\s*melden|eigen\s+risico|excess|deductible|own\s+risk|pay\s*out|payout)\b",
    # whom to contact ("wie kan ik hierover bellen?"): the human route
    "who_to_contact": r"\b(wie|welk\s+nummer)\s+(kan|moet)\s+ik\s+((hierover|daarover|dan|voor\s+\w+)\s+)?"
                      r"(bellen|mailen|contact\w*|terecht|aan\s+de\s+lijn)\b|\bwaar\s+(kan|moet)\s+ik\s+(hiermee\s+|daarmee\s+)?terecht\b|\bwho\s+(can|do|should)\s+i\s+(call|contact|talk\s+to)\b",
    # using one's own plan or bundle ("kan ik mijn bundel gebruiken", "does my plan work")
    "own_bundle_use": r"\b(mijn|mn|m'n|je|jouw|my|your)\s+((gewone|eigen|normale|usual|own|normal)\s+)?(bundel|abonnement|abbo|"
                      r"minuten|bundle|plan|allowance|subscription)\b.{0,40}\b(gebruiken|werkt|werken|geldig|use|used|work|works|"
                      r"valid)\b|\b(gebruiken|use|werkt|works?|geldt|gelden|applies|apply)\b.{0,10}\b(mijn|mn|m'n|my)\s+"
                      r"((gewone|eigen|normale|usual|own|normal)\s+)?"
                      r"(bundel|abonnement|bundle|plan|allowance|subscription)\b",
    # how long something stays valid ("hoelang kan ik die gebruiken?")
    "how_long_valid": r"\bhoe\s*lang\b.{0,30}\b(gebruiken|geldig|houdbaar|gebruik)\b|\bhow\s+long\b.{0,30}\b(valid|use|last)\b|"
                      r"\bhoe\s*lang\s+(loopt|duurt|geldt|werkt|blijft)\s+(die|deze|dat|hij|het|zo'?n|de|een)\b|"
                      r"\btot\s+wanneer\b.{0,40}\b(gebruiken|geldig|loopt|werkt|gelden)\b|\buntil\s+when\b|"
                      r"\b(does|will)\s+(it|that|the\s+bundle)\s+last\b|\bis\s+(die|dat|hij)\s+(lang\s+genoeg|de\s+hele)\b|"
                      r"\bhow\s+long\s+(does|will)\s+(it|that|the\s+bundle)\s+(run|last)\b|\bgeldigheid\w*\b|\bvalidity\b",
    # the person called before ("als ik haar vandaar bel"): the same one to call
    # the child a Kids plan is for ("voor als ze meer nodig heeft", "for my son")
    "child_reference": r"\b(ze|zij|hij|hem|haar|mijn\s+(dochter|zoon|kind\w*)|de\s+kinderen|she|he|her|him|"
                       r"my\s+(daughter|son|kids?|child|children))\b",
    "person_reference": r"\b(ik|i)\s+(haar|hem|hen|her|him|them)\b|\b(haar|hem|hen)\s+(\w+\s+){0,2}(op)?bel\w*",
    # how much can still be spent ("hoeveel kan ik nog uitgeven?")
    "spending": r"\b(uitgeven|uitgegeven|besteden|besteed|spend|spent)\b",
    # a tablet (its own plans and instalment terms)
    "tablet": r"\b(tablets?|ipads?)\b",
    # "daarmee", "met dat abonnement": the plan or bundle just talked about
    "plan_reference": r"\b(daarmee|daar\s+mee|(met\s+)?(dat|die|dit|deze|zo'?n|datzelfde|hetzelfde)\s+(abonnement|bundel|pakket|hussel)|"
                      r"(that|this)\s+(plan|subscription)|the\s+same\s+(one|plan)|"
                      r"with\s+(it|that|this)(\s+(plan|bundle|subscription))?|on\s+(that|this)\s+(plan|subscription))\b",
    # "kan ik nog wel bellen?": whether a kind of use still works (there, now)
    "can_i_use": r"^(en\s+|maar\s+)?(kan|mag)\s+ik\s+((dan|daar|hier|nog|wel|gewoon|ook|nu|dus)\s+){0,4}"
                 r"(bellen|sms'?en|internetten|whatsappen|gebeld\s+worden)\b|^(and\s+|but\s+)?can\s+i\s+(still\s+)?"
                 r"(call|text|make\s+calls|use\s+(data|the\s+internet|internet)|be\s+called)\b",
    # "it" in a question about what was just named ("werkt dat ook op ...?", "does it work on ...?")
    "it_reference": r"\b(werkt|geldt|kan|kost|is|zou)\s+(dat|die|deze|dit|het|hij)\b|\b(does|would|is|can)\s+(it|that|this)\b",
    # one bundle by its size ("wat kost de grote bundel?", "the smallest one")
    "largest_bundle": r"\b(grote|grootste|duurste)\s+(buitenland)?bundel\b|\b(big|bigger|biggest|large|larger|largest)\s+(bundle|one)\b",
    # a cost asked with a bundle ("wat kost dat met de kleinste bundel?", "with a travel bundle")
    "with_bundle": r"\bmet\s+(een|de|die|zo'?n)\s+(\w+\s+)?(buitenland|reis)?bundel\w*|"
                   r"\bwith\s+(a|the)\s+(\w+\s+)?(travel\s+|roaming\s+)?bundles?\b",
    "smallest_bundle": r"\b(kleine|kleinste|goedkoopste)\s+(buitenland)?bundel\b|\b(small|smaller|smallest|cheapest)\s+(bundle|one)\b",
    # no bundle, paying per use ("ik heb geen buitenlandbundel", "No bundle, just using data")
    # a bundle refused outright ("ik wil juist GEEN bundel"): no offer of one
    "refuses_bundle": r"\b(wil|hoef|neem|nemen|want|need)\s+(\w+\s+){0,2}(geen|no)\s+(\w+\s+)?(bundel|bundle)\w*|"
                      r"\b(don'?t|do\s+not)\s+(want|need)\s+(a|any)\s+(\w+\s+)?bundles?\b|\bgeen\s+bundel\s+(nodig|nemen)\b",
    "no_bundle": r"\b(geen|zonder)\s+(buitenland|reis)?bundel\b|\bno\s+(travel\s+|roaming\s+)?bundle\b|"
                 r"\bwithout\s+a\s+(travel\s+|roaming\s+)?bundle\b|\b(gewoon\s+)?los(se)?\s+(internet|mb)",
    # the code KPN Pay sends by sms when it is set up ("ik krijg een sms met een code")
    "sms_code": r"\b(sms'?je|sms|text(\s+message)?|berichtje)\b.{0,25}\b(codes?|cijfers)\b|\b(verificatie|sms)-?codes?\b|"
                r"\bverification\s+(code|text)\b",
    # switching a BuitenlandBundel on ("hoe zet ik die bundel voor Zuid-Afrika aan?")
    "bundle_switch_on": r"\b(hoe|waar)\s+(zet|activeer|schakel)\s+ik\s+(de|die|een|mijn|deze)?\s*(buitenland|reis)?bundel\b"
                        r"(?=.{0,40}\b(aan|in)\b)|\b(bundel|buitenlandbundel)\s+(aanzetten|activeren)\b|"
                        r"\bhow\s+(do|can)\s+i\s+(activate|turn\s+on|switch\s+on)\s+(the|a|my|that)\s+(travel\s+|roaming\s+)?bundle\b",
    # a bundle to make it cheaper ("kan k da ff goedkoper maken met n bundel?", "a bundle that makes it cheaper")
    "cheaper_bundle": r"\b(goedkoper|goedkoopste|voordeliger|voordeligste|cheaper|cheapest|save|bespaar\w*)\b"
                      r".{0,40}\b\w*(bundel|bundle)\w*|"
                      r"\b(bundel\w*|bundle)\b.{0,40}\b(goedkoper|voordeliger|cheaper)\b",
    # a BuitenlandBundel named by its kind ("mijn buitenlandbundel", "de Voordeellanden bundel")
    "buitenland_bundle_named": r"\bbuitenland\s*bundel\w*|\b(voordeellanden|overige\s+landen)\b[^.?!]{0,25}\bbundel|"
                               r"\btravel\s+bundle\b",
    # another subscription switched to ("als ik overstap naar een ander kpn abonnement", "if I change my plan")
    "other_plan": r"\b(overstap\w*|overstappen|wissel\w*|verander\w*|switch\w*|change|changing|upgrade\w*)\s+(\w+\s+){0,2}"
                   r"(ander\w*|nieuw\w*|another|other|new|my)\s+(kpn[\s-]+)?(abonnement\w*|abo|plan|subscription|contract)\b|"
                   r"\b(ander\w*|nieuw\w*)\s+(kpn[\s-]+)?(abonnement|abo)\s+(neem|nemen|kies|kiezen|ga)\b",
    # a limit changed: raised, lowered or set by the customer ("kan ik die limiet laten verhogen?",
    # "een eigen lager limiet instellen", "can I set a lower limit for my son?")
    "change_limit": r"\b(limiet|maximum|max|grens)\w*\s+(\w+\s+){0,3}(verhog\w*|omhoog|hoger|ophogen|opgehoogd|verruim\w*|"
                    r"verlag\w*|omlaag|lager|instell\w*|in\s+te\s+stellen|aanpass\w*|aan\s+te\s+passen|wijzig\w*|"
                    r"verander\w*|zetten|beperk\w*)\b|"
                    r"\b(verhog\w*|ophogen|verruim\w*|verlag\w*|instell\w*|aanpass\w*|wijzig\w*)\s+(\w+\s+){0,2}(limiet|maximum|grens)\b|"
                    r"\b(eigen|lager\w*|aparte?)\s+(\w+\s+)?(limiet|maximum|grens|bestedingslimiet)\b|"
                    r"\b(raise|increase|higher|up|lower|reduce|set|change|adjust)\w*\s+(\w+\s+){0,3}(limit|maximum|cap)\b|"
                    r"\blimit\w*\s+(\w+\s+){0,3}(raised|increased|higher|lowered|reduced|lower|changed)\b|"
                    r"\b(own|lower|custom)\s+(spending\s+)?(limit|cap)\b",
    # "die grens", "that limit": the limit just talked about
    "the_limit": r"\b(die|de|deze|dat|that|the|this)\s+(grens|limiet|blokkade|drempel|limit|cap|block)\b",
    # a cheaper way asked, of whatever was just priced ("is er iets goedkopers?", "kan dat goedkoper?")
    "cheaper_asked": r"\biets\s+(goedkopers|voordeligers)\b|\bgoedkopere\s+(optie|manier|oplossing|mogelijkheid)\w*|"
                     r"\b(kan|kun|kunnen)\s+(het|dat|ik\s+dat|ik\s+het)\s+(ook\s+|niet\s+)?(goedkoper|voordeliger)\b|"
                     r"\b(something|anything)\s+cheaper\b|\bcheaper\s+(option|way)\b",
    # getting back what stopped ("hoe krijg ik het weer aan?", "how do I get it working again?")
    "back_on": r"\b(weer|opnieuw)\s+(aan|aanzetten|aan\s+zetten|aangezet|werkend|aan\s+de\s+praat|activeren|vrij\w*)\b|"
               r"\bhoe\s+krijg\s+ik\s+(het|dat|die|hem|mijn\s+\w+)\s+(weer|terug)\b|\bdeblokk\w*|\bontgrendel\w*|"
               r"\b(blokkade|blokkering)\s+(op)?heffen|\b(working|on)\s+again\b|\bback\s+on\b|\bunblock\w*|"
               r"\b(lift|remove)\s+the\s+block\b",
    # what to send, and to whom ("wat moet ik sturen en naar wie?", "what do I text, and to which number?")
    "send_what": r"\b(wat|welk\w*)\b.{0,20}\b(sturen|sms'?en|versturen|sms\s+ik|stuur\s+ik)\b|\bnaar\s+(wie|welk\s+nummer)\b|"
                 r"\bwhat\s+(do|should|must)\s+i\s+(send|text)\b|\b(to|which)\s+(which|what)?\s*number\b",
    # two KPN Pay questions in one message ("waar staan die aankopen op de factuur en hoeveel kan er
    # maximaal via KPN Pay gekocht worden?"): where purchases show on the bill, and the limits
    "invoice_question": r"\b(waar|where)\b.{0,50}\b(op|on)\s+(de|mijn|m'?n|haar|zijn|je|jouw|onze|the|my|her|his|your|our)\s+(factuur|rekening|invoice|bill)\b|"
                        # "hoe heet het op mijn factuur?", "what is it called on my bill"
                        r"\b(hoe\s+heet|onder\s+welke?\s+(naam|kopje)|called|named|listed|shown|show\s+up)\b.{0,30}"
                        r"\b(op|on)\s+(de|mijn|m'?n|the|my)\s+(factuur|rekening|invoice|bill)\b|"
                        # "wanneer zie ik dat bedrag terug bij KPN?", "when will it be on my bill?"
                        r"\bwanneer\s+(zie|komt|staat|verschijnt)\b.{0,30}\b(factuur|rekening|terug\s+bij\s+kpn|bij\s+kpn)\b|"
                        r"\bwhen\s+(will|does|do|is)\b.{0,30}\b(bill|invoice)\b|"
                        # "waar vind ik dat terug als ik met KPN Pay betaal?", "where can I see it afterwards?"
                        r"\bwaar\s+(vind|zie|lees)\s+ik\b.{0,25}\bterug\b|\bwhere\s+(can|do|will)\s+i\s+(find|see)\s+"
                        r"(it|that|them|my\s+purchases?)\b",
    "limits_question": r"\b(maximaal|maximum|limiet\w*|limit\w*)\b|\bhoeveel\b.{0,40}\b(kopen|uitgeven|besteden|gekocht)\b|"
                       r"\bhow\s+much\b.{0,40}\b(buy|spend|spent|bought)\b",
    # a rule not met ("wat gebeurt er als KPN denkt dat ik daar niet aan voldoe?")
    "rule_not_met": r"\bniet\s+(aan\s+)?(voldo\w*|houd\w*|hou)\b|\bvoldoe\w*\s+niet\b|"
                    r"\b(don'?t|do\s+not|doesn'?t)\s+(meet|qualify|comply)\b|\bwhat\s+happens\s+if\b|"
                    r"\bwat\s+gebeurt\s+er\s+als\b",
    # a code named (a code each time is the sms code of KPN Pay, not its payment method)
    "a_code": r"\b(\w*codes?|cijfers|pin|verif(y|ication|ieer\w*))\b",
    # choosing it again for every purchase ("moet ik het elke keer kiezen?", "select it every time")
    "each_time": r"\b(elke|iedere)\s+keer\b|\btelkens\b|\bsteeds\s+(weer|opnieuw)\b|\bevery\s+(single\s+)?time\b|"
                 r"\beach\s+time\b|\b(bij|voor)\s+(elke|iedere)\s+(aankoop|betaling|bestelling)\b|"
                 r"\b(for|with)\s+(every|each)\s+(purchase|payment)\b",
    # full speed again ("wat kan ik doen om weer snel internet te hebben?", "how do I get full speed back?")
    "speed_back": r"\b(weer|opnieuw)\s+(snel|sneller|volle\s+snelheid)\b|\b(volle|normale)\s+snelheid\s+(terug|weer)\b|"
                  r"\b(full|normal)\s+speed\s+(back|again)\b|\bfast\s+again\b",
    # switching on what was just talked about ("hoe zet ik die aan?", "how do I turn it on?")
    "switch_on_that": r"\b(hoe|waar)\s+(zet|schakel|activeer|doe|regel)\s+ik\s+(die|dat|deze|het|hem)(\s+\w+)?\s+(aan|in)\b|"
                      r"\bhoe\s+(activeer|krijg|neem|bestel)\s+ik\s+(die|dat|deze|hem)\b(?!.*\b(af|eraf|weg)\W*$)|\bhoe\s+koppel\s+ik\s+(die|dat|deze|hem|het)\b|"
                      r"\b(die|dat|deze|hem)\s+(aanzetten|activeren|nemen|bestellen)\b|"
                      r"\bhow\s+(do|can)\s+i\s+(turn|switch)\s+(it|that|this|one)\s+on\b|"
                      r"\bhow\s+(do|can)\s+i\s+(activate|get|add|order)\s+(it|that|this|one)\b",
    # how calls are billed ("per seconde of per minuut?", "is er een starttarief?")
    "billing": r"\b((full|whole)\s+minute|(hele|volle)\s+minuut|per\s+seconde|per\s+minuut|afgerond|afrond\w*|afgerekend|afrekenen|starttarief|start\s*tarief|"
               r"per\s+second|per\s+minute|round(ed|ing)?\s+(up|off)?|billed|start(ing)?\s+(rate|fee|charge)|connection\s+fee)\b",
    # on board a plane (the price list names satellite networks on ferries and cruise ships only)
    "plane": r"\b(vliegtuig\w*|in\s+de\s+lucht|tijdens\s+(de|een|mijn)\s+vlucht|(air)?planes?|aircraft|in[- ]flight|"
             r"during\s+(the|a|my)\s+flight)\b",
    "cancel": r"\b(opzeg\w*|opzegbaar|stopzetten|stoppen\s+met|cancel\w*|terminate)\b|\bzeg\s+(\w+\s+){0,4}op\b",
    "damage": r"\b(zwembad|water\w*|vocht\w*|nat\s+geworden|gevallen|laten\s+vallen|kapot|gebarsten|barst|scherm|"
              r"pool|wet|dropped|cracked|broken|screen|damage\w*|schade)\b",
    # KPN Pay
    "qr_link": r"\bqr\b|\bqr-?code|\blink(je)?\b",
    # ("pay" alone is no KPN Pay: "how much do I pay for a call?")
    "kpn_pay": r"\b(kpn\s*pay|aankoop|aankopen|app|apps|store|kopen|gekocht|flitsmeister|purchase\w*|buy|bought)\b|"
               r"\bpay\s+(with|via|using|through|by)\s+(my\s+|the\s+)?(phone|mobile|kpn|bill|invoice)\b|"
               r"\bpay(ing)?\s+(in|for)\s+(the\s+)?(app|apps|games?|store|play)\b",
    # how to get or arrange something ("hoe kom ik aan mijn PUK-code?")
    "how_to": r"\bhoe\s+(kom|krijg|vraag|kan|moet|doe|regel|zet)\b|\bwaar\s+(vind|haal|krijg|vraag|kan)\b|"
              r"\bhow\s+(do|can|should)\s+i\b|\bwhere\s+(do|can)\s+i\b|\bgeen\s+idee\b|\bweet\s+(ik\s+)?niet\s+(wat|hoe|waar)\b|"
              r"\bno\s+idea\b|\bdon'?t\s+know\s+(what|how|where)\b",
    # a size asked ("hoeveel gaat mijn abonnement omhoog?", "by how much?")
    # a plan taken with a phone ("een iPhone 15 per maand met Hussel 15 GB"), or without one
    "with_device": r"\b(iphone|samsung|galaxy|pixel|toestel|telefoon|smartphone|phone|handset)\b.{0,60}"
                   r"\b(per\s+maand|per\s+month|a\s+month|monthly|maandelijks|erbij|in\s+termijnen|afbetal\w*)\b|"
                   r"\b(met|with)\s+(een\s+|a\s+)?(nieuwe?\s+|new\s+)?(iphone|samsung|galaxy|pixel|toestel|smartphone|phone)\b",
    "without_device": r"\b(zonder|without(\s+a)?)\s+(nieuwe?\s+|new\s+)?(toestel|telefoon|phone|device)\b|\bsim[- ]?only\b",
    # moving the own plan up or down ("kan ik tussentijds naar 15 GB?", "switch to 15 GB")
    "plan_switch": r"\b(overstap\w*|over\s+te\s+stappen|wissel\w*|omzetten|upgrad\w*|downgrad\w*|omhoog|omlaag|"
                   r"verhog\w*|verlag\w*|tussentijds)\b|\b(switch\w*|change|chang\w*|mov\w*|go|upgrade)\s+(\w+\s+)?to\s+"
                   r"(the\s+|a\s+)?(\d+\s*gb|unlimited|hussel)\b|\bnaar\s+(een\s+|de\s+|het\s+)?(hussel\s+)?\d+\s*gb\b",
    # texting a paid service ("premium sms", "een sms naar een kort nummer om te stemmen")
    "premium_sms": r"\b(premium\s*sms\w*|betaalde?\s+sms\w*|sms[- ]?dienst\w*|short\s*codes?|kort\s+nummer)\b|"
                   r"\bsms\w*\b.{0,40}\b(stemmen|vote|voting|tv[- ]?show|televoting)\b|"
                   r"\b(stemmen|vote|voting)\b.{0,40}\b(sms\w*|text\w*)\b",
    # the difference between two prices ("hoeveel duurder is ...", "wat scheelt dat?", "how much more")
    "price_difference": r"\bhoeveel\s+(euro\s+)?(per\s+maand\s+)?(duurder|goedkoper|meer|minder)\b|\b(prijs)?verschil\b|\bscheelt\b|"
                        r"\b(meer|minder)\s+(betalen|kwijt)\b|\bhow\s+much\s+(more|cheaper|less|extra)\b|"
                        r"\b(price\s+)?difference\b|\b(pay|cost)s?\s+(more|less)\b",
    # paying only for the seconds used ("betaal ik dan alleen die 10 seconden?", "only for those 10 seconds?")
    "only_what_used": r"\b(alleen|enkel|slechts|maar)\s+((voor|die|de|voor\s+die|voor\s+de)\s+)?\d+\s*(seconden|sec|secondes|minuten|min)\b|"
                      r"\bonly\s+((for|those|the|for\s+those|for\s+the)\s+)?\d+\s*(seconds?|secs?|minutes?|mins?)\b",
    # a purchase the customer does not know ("die ik niet herken", "a charge I don't recognise")
    "unrecognised_purchase": r"\b(niet\s+(her)?ken\w*|herken\w*\s+(ik\s+)?niet|onbekende?\s+(aankoop|aankopen|afschrijving\w*)|"
                             r"don'?t\s+recogni[sz]e|do\s+not\s+recogni[sz]e|unknown\s+(purchase|charge|payment))\b",
    # which of two is cheaper ("is het goedkoper om ... of ...?", "which is cheaper")
    "cheaper_or_dearer": r"\b(goedkoper|duurder|voordeliger|cheaper|more\s+expensive|pricier)\b",
    "how_much": r"\b(hoeveel|welk\s+percentage|hoeveel\s+procent|how\s+much|what\s+percentage|how\s+many\s+percent)\b",
    # the network's reach somewhere ("hebben jullie 5G dekking in ...?"), not an insurance's cover
    "network_coverage": r"\b(netwerkdekking|bereik|ontvangst|network\s+coverage|reception)\b|"
                        r"\b(4g|5g|netwerk|network|mobiele?)[\s-]*(dekking|coverage)\b|"
                        r"\b(dekking|coverage)\s+(in|op|at|bij|rond|daar|there|ter\s+plaatse|over\s+there)\b|"
                        r"\b(is|zit)\s+(het|t)\s+bereik\b|\bsignaal\b|\b(signal|reception|coverage)\s+(is\s+)?(there|like)\b",
    # an eSIM or a smartwatch's SIM: no row of the price list
    "esim": r"\be-?sims?\b|\bembedded\s+sim\b|\bsmart\s*watch\w*|\bapple\s+watch\b",
    # starting something on a day already past ("met terugwerkende kracht", "backdated")
    "retroactive": r"\b(terugwerkende\s+kracht|achteraf\s+(laten\s+)?ingaan|backdat\w*|retroactive\w*|retrospective\w*)\b",
    # an option renewed by itself ("verlengt mijn 5G-optie automatisch?", "does it renew every month?")
    "renewal": r"\b(verleng\w*|stilzwijgend\w*|automatisch\s+door|loopt\s+(die|dat|het)\s+door|renew\w*|auto-?renew\w*)\b",
    # preventing it next time ("hoe voorkom ik dat?", "how do I avoid that?")
    "prevent": r"\b(voorkom\w*|vermijd\w*|voorkomen|vermijden|prevent\w*|avoid\w*)\b",
    # the option looked for is found now ("Gevonden. En nu?")
    "found_it": r"\b(gevonden|gelukt|ik\s+zie\s+(het|hem|die)\s+(nu|wel)|staat\s+er\s+(nu\s+)?wel|found\s+it|got\s+it|"
                r"there\s+it\s+is|i\s+(can\s+)?see\s+it\s+now)\b",
    # after setting something up, whether anything is left to do ("moet ik daarna nog wat doen?")
    "after_setup": r"\b(daarna|daarmee|dan|verder)\b.{0,30}\b(nog\s+(iets|wat)\s+(doen|instellen|regelen)|"
                   r"(staat|is)\s+(het|t|die|hij)\s+(dan\s+)?(gewoon\s+)?(aan|klaar|actief))\b|"
                   r"\banything\s+else\s+(to\s+do|i\s+need\s+to\s+do)\b|"
                   r"\b(is|will)\s+it\s+(then\s+)?(be\s+)?(on|active|done)\b(?!\s+(my|the|a|your)\b)",
    # asking KPN to do something on the account ("kunnen jullie het bellen naar het buitenland blokkeren?")
    # (not "kan je ... aanzetten?": a generic "je", how one does it)
    "asks_kpn_to_act": r"\b(kunnen|kan|willen|wil)\s+(jullie|kpn)\s+(\S+\s+){0,8}?(blokkeren|aanvragen|regelen|"
                       r"opsturen|versturen|sturen|aanpassen|wijzigen|afsluiten|uitzetten|aanzetten)\b|"
                       r"\b(can|could|will)\s+(you|kpn)\s+(please\s+)?(block|send|arrange|change|switch|turn)\b",
    # when a change takes effect ("wanneer gaat het in?")
    "when_effective": r"\bwanneer\s+gaat\s+(het|dat|die|de\s+wijziging)\s+in\b|\bper\s+wanneer\b|\bvanaf\s+wanneer\b|"
                      r"\b(gaan|gaat)\s+(die|de|het|dat|deze|ze|hij)\s+(\w+\s+){0,2}(meteen|direct|gelijk|onmiddellijk|per\s+direct)\s+in\b|"
                      r"\b(start|begin|take\s+effect)s?\s+(right\s+away|immediately|straight\s+away|at\s+once)\b|"
                      r"\bwhen\s+does\s+(it|that|the\s+change)\s+(start|take\s+effect|kick\s+in)\b",
    # anger or disappointment: acknowledged, and the human route given at once
    "anger": r"\b(woedend|woest|boos|kwaad|schandalig|schande|belachelijk|oplichter\w*|teleurgesteld|ellende|belazerd|"
             r"bedrogen|zat\s+met|ben\s+het\s+zat|klacht\w*|waardeloos|waardeloze|slechtste|wtf|godsamme|oplichting|"
             r"dit\s+is\s+diefstal|verdorie|verdomme|onzin|absurd|(echt|toch|gewoon)\s+niet\s+normaal|onacceptabel|"
             r"onbegrijpelijk|te\s+gek\s+voor\s+woorden|kut\w*|klote\w*|not\s+normal|unbelievable|"
             r"wat\s+is\s+dit\s+voor\s+(\w+\s+)?(service|klantenservice|bedrijf|zooi|onzin)|zo\s+ga\s+je\s+niet\s+met\s+\w+\s+om|"
             r"furious|angry|ridiculous|disgrace\w*|scam\w*|fed\s+up|disappointed|outrage\w*|unacceptable|worst|complain\w*)\b"
             r"|[\U0001F620\U0001F621\U0001F624\U0001F92C]",  # angry faces, steam from nose, cursing
    # a question about the customer's own account, which the assistant cannot see
    "own_account": r"\b(wat\s+is\s+mijn|hoeveel\s+(heb|had)\s+ik\s+(al|nog|deze|dit|in|tot\s+nu\s+toe|vandaag|gisteren)|hoeveel\s+\w+\s+(heb|had)\s+ik\s+(al|nog|deze|dit|tot\s+nu\s+toe|vandaag|gisteren)|heb\s+ik\s+(eigenlijk\s+)?(een|nog|al)|"
                   r"is\s+mijn\s+\w+(\s+\w+)?\s+(nog|al)\b|waarom\s+(is|heb|ben|krijg|kreeg|werd|wordt|zit)\s+(ik|mijn)|"
                   r"\bmijn\s+(\S+\s+){0,4}(staat|is)\s+(al\s+|nog\s+)?(niet\s+)?(aan|actief|geactiveerd)\b|"
                   r"\bmy\s+(\S+\s+){0,4}(is|isn'?t)\s+(already\s+|still\s+)?(not\s+)?(on|active|activated)\b|"
                   r"\bis\s+my\s+(\S+\s+){0,3}(active|activated|switched\s+on|turned\s+on)\b|"
                   r"tot\s+wanneer\s+loopt\s+mijn|wanneer\s+(loopt|eindigt|stopt)\s+mijn|wat\s+betaal\s+ik\s+(nu|eigenlijk|"
                   r"per\s+maand)(?![^.?!]*\bals\s+ik\b)(?!\s+(voor|aan|bij)\s+(een|de|het|die|dat)\b)|laat\s+(mijn|me\s+mijn)|klopt\s+mijn|mijn\s+laatste|krijg\s+ik\s+nog\s+(steeds\s+)?|"
                   r"hoe\s+ver\s+zit\s+ik|waar\s+komt\s+dat\s+vandaan|waar\s+is\s+dat\s+voor|wat\s+is\s+dat\s+voor\s+(bedrag|kosten)|"
                   r"what\s+is\s+my|how\s+much\s+(\w+\s+)?(have|did)\s+i|"
                   r"do\s+i\s+(still\s+)?have\s+(a|any)|is\s+my\s+\w+(\s+\w+)?\s+(still|already)|why\s+(is|am|was|did|do)\s+(my|i)\b|"
                   r"when\s+does\s+my|show\s+me\s+my|my\s+last|"
                   # "kun je even nakijken of KPN Pay bij mij al aan staat?"
                   r"(na)?(kijken|gaan|checken|controleren)\s+of\b.{0,40}\b(bij\s+mij|mijn|ik)\b|"
                   r"bij\s+mij\s+(al\s+)?(aan|actief|ingeschakeld)\b|check\s+(if|whether)\s+(my|i)\b|"
                   # "kun jij zien wat dat is?": the assistant asked to look into the account
                   r"(kun|kan|kunnen)\s+(jij|je|jullie)\s+(dat\s+|dit\s+|even\s+|voor\s+mij\s+)*(zien|nakijken|opzoeken|uitzoeken|"
                   r"checken|controleren)\b|can\s+you\s+(\w+\s+)?(see|check|look\s+up|find\s+out)\s+(what|why|which|if|my)\b)",
    # something does not work (a problem, not a price)
    # something that should be there is gone, or never arrived
    "missing": r"\b(verdwenen|kwijt|weg|nergens|ontbre\w*|zie\s+(ik\s+)?geen|staat\s+er\s+geen|"
               r"niet\s+(meer\s+)?(te\s+)?(zien|vinden)|staat\s+er\s+niet|zie\s+(het|die|de\s+optie)\s+niet|"
               r"can'?t\s+(find|see)|cannot\s+(find|see)|(don'?t|do\s+not|doesn'?t)\s+see|not\s+listed|missing|gone|"
               r"disappeared|vanished)\b",
    "not_received": r"\b(komt\s+(er\s+)?(niks|niets|geen)|niet\s+(ontvangen|binnen|gekregen|aangekomen)|geen\s+(sms|code)\s+(ontvangen|gekregen)|"
                    r"wacht\s+(al|nog)|(didn'?t|did\s+not|never|haven'?t|have\s+not)\s+(get|got|received?|arrived?|come)|"
                    r"no\s+(text|sms|code)\s+(came|arrived)|still\s+waiting|never\s+(came|arrived))\b",
    "not_working": r"\b(werkt|werken|werkte|doet|doen|deed)\s+(\w+\s+){0,3}(het\s+)?(niet|niks|niets)\b|\b(werkt|doet)\s+het\s+niet\b|"
                   r"\bkan\s+(\w+\s+){0,3}niet\s+(meer\s+)?(bellen|gebeld|internetten|sms'?en|kopen|betalen|inloggen)\b|"
                   r"\bgeen\s+(bereik|signaal|verbinding|netwerk|internet)\b|\bstoring\b|"
                   r"\b(doesn'?t|does\s+not|don'?t|won'?t|can'?t|cannot|isn'?t)\s+(\w+\s+)?(work|working|call|connect|text)\b|"
                   r"\bstopped\s+working\b|\bno\s+(signal|service|reception|internet)\b",
    # greetings in kind
    "greeting_morning": r"\b(goedemorgen|goeiemorgen|good\s+morning)\b",
    "greeting_afternoon": r"\b(goedemiddag|good\s+afternoon)\b",
    "greeting_evening": r"\b(goedenavond|goeienavond|good\s+evening)\b",
    "greeting_day": r"\b(goedendag|good\s+day)\b",
    # the customer's own plan, not a child's ("bij mijn eigen abo", "for me")
    "own_plan": r"\b(eigen|zelf|mezelf|mijzelf|voor\s+mij|mijn\s+(abo|abonnement)|my\s+own|myself|for\s+me)\b",
    # a message that only says "bundel?" ("een bundel?", "bundles?")
    "bundle_only": r"^\W*(en\s+|and\s+)?(een\s+|a\s+)?(buitenland)?(bundel|bundels|bundle|bundles)\W*$",
    # the word "extra" (the Extra cover after an insurance answer)
    "extra_word": r"\bextra\b",
    # an option added to those chosen ("ook", "erbij", "also"), not one instead of them
    "adding": r"\b(ook|erbij|daarbij|er\s+\w+\s+bij|nog|plus|also|too|as\s+well|on\s+top)\b",
    # the plan itself named ("mijn abonnement opzeggen"), not an option or insurance
    "plan_itself": r"\b(abonnement\w*|abo|contract\w*|subscription\w*|plan|hussel\w*|sim\s*only)\b",
    # the customer has prepaid ("ik heb prepaid", "met beltegoed"), not only names it
    "own_prepaid": r"\b(ik\s+(heb|zit\s+op|gebruik)|met|mijn|m'n|my|with|i\s+(have|use|am\s+on))\s+(een\s+|a\s+)?"
    r"(prepaid|beltegoed|tegoed|pay\s+as\s+you\s+go)",
    # a BuitenlandBundel or abroad named ("buitenlandbundel", "roaming", "Voordeellanden")
    "abroad_bundle": r"\b(buitenland\w*|roaming|voordeel\w*|overige\s+landen|abroad)\b",
    # a tablet taken with the plan ("als ik er een tablet bij wil")
    "tablet_added": r"\b(er\s+)?een\s+tablet\s+(bij|erbij)\b|\bmet\s+(een\s+)?tablet\s+erbij\b|"
    r"\b(with|plus|including)\s+a\s+tablet\b|\btablet\s+in\s+termijnen\b",
    # both or all plans talked about ("beide abonnementen", "allebei")
    "both_plans": r"\b(beide|allebei|alle\s+(twee|drie)|samen\s+met\s+(het|de)\s+kids|both|all\s+(two|three))\b",
    # the daily 5 GB of unlimited data ("op een dag", "daglimiet")
    "day_limit": r"\bvandaag\b.{0,40}\b(\d+|vijf|five)\s*gb\b|\btoday\b.{0,40}\b(\d+|five)\s*gb\b|"
                 r"\b(op\s+een\s+dag|per\s+dag|elke\s+dag|dagelijks\w*|dag(limiet|bundel|grens)\w*|"
    r"a\s+day|per\s+day|daily)\b",
    # the texts that warn ("wanneer krijg ik een sms over mijn 5 GB?")
    "notified": r"\b(sms\w*|text|texts|melding\w*|bericht\w*|notification\w*|message\w*|waarschuw\w*|warn\w*)\b",
    # business customers in general ("zakelijke klanten", "business accounts"), not one kind of them
    "business_generic": r"(?<!klein\s)\bzakelijk\w*|\bbusiness\s+(customers?|clients?|accounts?|users?)\b",
    # calling over wifi ("wifi-bellen", "bellen via de wifi van het hotel", "wifi calling"): not in the price list
    "wifi_calling": r"\bwi-?fi[- ]?bell\w*|\b(bel\w*|gebeld)\s+(via|over|met|op)\s+(de\s+|het\s+)?(\w+\s+)?wi-?fi\b|"
                    r"\bwi-?fi[- ]?call\w*|\bcall\w*\s+(over|via|on|using)\s+(the\s+)?(\w+\s+)?wi-?fi\b|\bvowifi\b",
    # a discount named as such ("studentenkorting", "10% off", "kortingscode"), not only a price compared
    "discount_named": r"\b(\w*korting\w*|discount\w*|promo\w*)\b|\d+\s*(%|procent\b|percent\b)\s*(off|korting)\b",
    # how many MB a GB is ("hoeveel mb is 1 gb", "is 1 GB 1024 MB?", "how many MB in a GB")
    "data_units": r"\b(hoeveel|how\s+many)\s+(mb|megabytes?)\b[^.?!]{0,25}\b(gb|gigabytes?)\b|"
                  r"\b(1|een|één|one|a)\s*(gb|gigabyte)\s+(is|=|staat\s+gelijk\s+aan|equals)\s+(hoeveel|how\s+many|"
                  r"1[.,]?000|1[.,]?024)\b|\b1[.,]?024\s*(mb|megabytes?)\b",
    # the first month of a new subscription ("wat betaal ik de eerste maand?")
    "first_month": r"\b(de\s+)?(eerste|1e|1ste|eerst)\s+maand\b|\b(first|1st)\s+month\b",
    # the first time something applies ("wanneer voor het eerst?")
    "first_time": r"\b(voor\s+het\s+eerst|de\s+eerste\s+keer|eerste\s+(inflatie)?correctie|for\s+the\s+first\s+time|"
    r"first\s+(time|correction|increase))\b",
    # another person's case ("en mijn zus ...")
    "someone_else": r"\b(mijn|m'n|my)\s+(zus|broer|vriend\w*|partner|vrouw|man|moeder|vader|zoon|dochter|collega|"
    r"sister|brother|friend|wife|husband|mother|father|son|daughter)\b",
    # one more line of the same plan, for someone else ("voor mijn vrouw ook zo een", "nog eentje voor mijn zoon")
    "another_line": r"\book\s+(zo\s*['’]?n|zo\s+een|zoeen|eentje|dezelfde|hetzelfde|dat\s+abonnement)\b|"
                    r"\bnog\s+(zo\s*['’]?n|zo\s+een|eentje)\b|\bnog\s+(een|één)\s+(abonnement|abo|simkaart|sim|lijn|"
                    r"voor\s+(mijn|m'n|mn|onze))\b|"
                    r"\b(the\s+same|one|that)\s+(one\s+)?(for|too\s+for)\s+(my|our)\b|\banother\s+one\b|"
                    r"\b(same|one)\s+for\s+my\s+\w+\s+too\b",
    # a household's plans added up ("wat betalen we dan samen, haar abbo en het mijne?")
    "household_sum": r"\bwat\s+(betalen|kosten|zijn)\s+we\b|\bhet\s+mijne\b|\b(haar|zijn)\s+(abbo|abonnement)\w*\s+en\s+"
                     r"(het\s+)?(mijne|mijn|van\s+mij)\b|\bwhat\s+do\s+we\s+pay\b|\b(hers|his)\s+and\s+mine\b",
    # the other person of a household choosing ("als zij de versie met 150 min neemt", "if she takes ...")
    "that_person": r"\b(als|wat\s+als|en\s+als)\s+(zij|hij)\b|\b(if|what\s+if|and\s+if)\s+(she|he)\b|"
                   r"\b(zij|hij)\s+(neemt|wil|kiest)\b|\b(she|he)\s+(takes|wants|picks|chooses)\b",
    # paying extra asked ("moet je bijbetalen?", "do I pay extra?")
    "pay_extra": r"\bbij\s*betal\w*|\bpay\s+extra\b",
    # what it all comes to ("wat betaal ik per maand", "samen", "how much a month")
    "sum_asked": r"\b(per\s+maand|maandelijks|maand(bedrag|kosten|prijs|lasten)|samen|totaal|in\s+totaal|opgeteld|alles\s+bij\s+elkaar|"
    r"wat\s+(betaal|kost)|hoeveel|per\s+month|a\s+month|monthly|total|altogether|in\s+all|"
    r"how\s+much)\b",
}.items()}

# A contract's term; not a stay ("een maand in Dubai"), a validity ("een maand geldig"), a time
# ago or later, or a price per period ("25 euro per maand", "25 euros a month").
TERM = re.compile(r"(?<!per )(?<!euro )(?<!euros )(?<!for )(?<!binnen )(?<!na )(?<!dan )(?<!than )(?<!after )"
                  r"(?<!in )(?<!gb )(?<!mb )(?<!minutes )(?<!minuten )(?<!\d )"
                  r"(\b(1|2|een|twee|one|two|a)[- ]?(jarig|jaar|jaars|years?)\b|\b(1|een|one|a)[- ]?(maand|month)\b|"
                  r"\bmaandcontract\b|\bmaand opzegbaar\b|\bmonthly\s+contract\b|\b(12|24)\s+(maanden|months)\b)"
                  r"(?!\s+(in|naar|op|door|through|around|rond|geleden|ago|later|geldig|valid|vanaf|from|lang|long|weg|away|"
                  r"abroad|buitenland|de\s+tijd|india|\w+land)\b)", re.I)
# A size is a whole number on its own: not the euros of a price ("bundel van 54,99",
# "€ 2,99 bundel") and not a number of days ("bundel 31 dagen geldig").
_SIZE_AFTER = r"(?![.,]\d)(?!\s*(?:dagen|days|euro|eur|€|cent|minuten|min|mb|gb|sms))"
BUNDLE_SIZE = re.compile(rf"\bbundel\s*(?:van\s*)?(\d{{2,3}})\b{_SIZE_AFTER}|(?<![\d.,€])\b(\d{{2,3}})\s*(?:er)?\s*bundel|"
                         rf"\bbundle\s*(?:of\s*)?(\d{{2,3}})\b{_SIZE_AFTER}|(?<![\d.,€])\b(\d{{2,3}})[- ]?(?:unit\s+)?bundle\b", re.I)


def aspects(lowered: str) -> set[str]:
    return {name for name, pattern in ASPECTS.items() if pattern.search(lowered)}


def term_months(text: str) -> Optional[tuple[int, int, int]]:
    """(months, start, end) of a contract term the text names, or None."""
    match = TERM.search(text)
    if not match:
        return None
    found = match.group(0).lower()
    if re.search(r"maand|month", found) and not re.search(r"12|24", found):
        months = 1
    elif re.search(r"\b(2|twee|two|24)\b|^(2|twee|two)", found):
        months = 24
    else:
        months = 12
    return months, match.start(), match.end()


# What monthly amounts come to over a period: "per jaar", "in een jaar", "over die twaalf maanden",
# "hoeveel ben ik over twee jaar kwijt", "for two years in total". "over/voor twee jaar" alone is
# a time ahead or a contract term ("over twee jaar ga ik verhuizen", "Hussel voor twee jaar"), so
# those count only next to a word that adds up, or with "die/de" before the number.
_PERIOD_UNIT = r"(?P<unit>jaar|jaren|years?|maanden|months)"
_COUNT = rf"(?P<number>\d{{1,2}}|{ANY_NUMBER_WORD_PATTERN})"
_NOT_AGO = r"(?!\s+(geleden|ago|later))"
PER_YEAR = re.compile(r"\b(per|each|a)\s+(jaar|year)\b|\bjaarlijks\w*|\byearly\b|\bannual(ly)?\b|"
                      rf"\b(in|binnen|within)\s+(een|één|1|a|one)\s+(jaar|year)\b{_NOT_AGO}|"
                      r"\b(in|over|voor)\s+(het|dat|dat\s+hele|het\s+hele)\s+(eerste\s+)?jaar\b|\b(in|for)\s+the\s+(first|whole)\s+year\b|"
                      # "wat betaal ik dat eerste jaar?" (not "na het eerste jaar": a time after it)
                      r"(?<!\bna\s)(?<!\bafter\s)\b(het|dat|the)\s+(eerste|first)\s+(jaar|year)\b", re.I)
PERIOD_ALWAYS = [re.compile(pattern, re.I) for pattern in (
    # ("binnen 2 maanden" is a deadline, no period to add up)
    rf"\b(in|gedurende|during)\s+((die|de|deze|the|those)\s+)?{_COUNT}\s+{_PERIOD_UNIT}\b{_NOT_AGO}",
    rf"\b(over|voor|for)\s+(die|de|deze|the|those)\s+{_COUNT}\s+{_PERIOD_UNIT}\b",
    rf"\b{_COUNT}\s+{_PERIOD_UNIT}\s+(lang|long)\b",
    # "en voor 2 jaar?" on its own: the same sum over another period
    rf"^\s*(en|and|of|or)\s+(voor|for|over|in)\s+{_COUNT}\s+{_PERIOD_UNIT}\s*[?.!]*\s*$",
    # "12 papieren rekeningen": the KPN bill is monthly, so so many bills are so many months
    rf"\b{_COUNT}\s+(papieren\s+|paper\s+)?(?P<unit>rekeningen|facturen|bills|invoices)\b")]
PERIOD_WITH_SUM = re.compile(rf"\b(over|voor|for)\s+{_COUNT}\s+{_PERIOD_UNIT}\b{_NOT_AGO}", re.I)
ADDED_UP = re.compile(r"\b(kwijt|totaal|in\s+totaal|bij\s+elkaar|opgeteld|alles\s+samen|in\s+total|altogether|"
                      r"all\s+together|overall|in\s+all|spend|spent|lose|hoeveel\s+(meer|extra|minder)|"
                      r"how\s+much\s+(more|extra|less))\b", re.I)
MAX_PERIOD_MONTHS = 120  # ten years: longer is no period a monthly price is added up over


def _first_count(patterns: list[re.Pattern], text: str) -> Optional[re.Match]:
    found = [match for match in (pattern.search(text) for pattern in patterns) if match]
    return min(found, key=lambda match: match.start()) if found else None


def period_months(text: str) -> Optional[tuple[int, int, int]]:
    """(months, start, end) of a period a total is asked over, or None.

    >>> period_months("hoeveel ben ik over twee jaar kwijt?")[0], period_months("wat kost het per jaar")[0]
    (24, 12)
    """
    patterns = PERIOD_ALWAYS + ([PERIOD_WITH_SUM] if ADDED_UP.search(text) else [])
    match = _first_count(patterns, text)
    if match:
        number = any_number_value(match.group("number").lower())
        if number:
            months = number * 12 if match.group("unit").lower().startswith(("jaar", "jaren", "year")) else number
            return (months, match.start(), match.end()) if 0 < months <= MAX_PERIOD_MONTHS else None
    match = PER_YEAR.search(text)
    return (12, match.start(), match.end()) if match else None


# Several Kids lines at once: "drie Kids abonnementen", "2 kids sims", "voor mijn 3 kinderen".
KIDS_LINES = [re.compile(pattern, re.I) for pattern in (
    rf"\b{_COUNT}\s+(x\s+|keer\s+|times\s+)?(kids|kinder)[- ]?(abonnement|abo|sim|lijn|plan)\w*",
    rf"\b{_COUNT}\s+kids\b",
    rf"\b(voor|for)\s+((mijn|onze|de|my|our)\s+)?{_COUNT}\s+(kinderen|kids|children)\b")]
MAX_KIDS_LINES = 10  # more is no household's phones


def kids_lines(text: str) -> Optional[tuple[int, int, int]]:
    """(lines, start, end) of several Kids subscriptions asked together, or None."""
    match = _first_count(KIDS_LINES, text)
    number = any_number_value(match.group("number").lower()) if match else None
    return (number, match.start(), match.end()) if number and 1 < number <= MAX_KIDS_LINES else None


def bundle_size(text: str) -> Optional[tuple[int, int, int]]:
    """(units, start, end) of a bundle named by its size ("bundel van 100"), or None."""
    match = BUNDLE_SIZE.search(text)
    if not match:
        return None
    units = next(int(group) for group in match.groups() if group)
    return units, match.start(), match.end()
