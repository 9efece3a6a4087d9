"""General English word lists that name finding needs: no names from any corpus. Pure data.

Openers (words that begin sentences, not names), common words (which a name may contain but
rarely is, alone), the heads of organisations' names, common abbreviations that name nothing,
and a table of nationality words and country abbreviations, each leading to the country's name.
"""

from __future__ import annotations

from newsdigest.text import word_list

OPENERS = frozenset(
    word_list(
        """
    now then also but and or so yet still even just only ultimately finally eventually
    meanwhile however instead perhaps maybe indeed overall currently recently already again
    once soon later earlier today yesterday tomorrow tonight here there thus hence besides
    furthermore moreover nevertheless nonetheless otherwise anyway anyhow altogether
    certainly clearly obviously surely sadly happily luckily unfortunately fortunately
    importantly interestingly initially originally typically usually generally basically
    actually apparently presumably hopefully especially particularly similarly likewise
    additionally alternatively consequently accordingly elsewhere nearby inside outside
    despite although though because since unless until while whereas if when where why how
    what which who whom whose whatever whoever whichever this that these those such each
    every either neither both all any some many most much more less few several no not none
    nor we you they he she it i me us them him her his its our their my your yes no
    stay keep get let take make look see go come try join read watch listen find check
    follow sign click call visit ask tell imagine consider remember note think say says said
    asked speaking unlike like under after before during over above below among between
    within without across along around behind beyond near against toward towards upon via
    """
    )
)
"""Words that open a sentence and do not begin a name: 'Now Vodafone' is Vodafone."""

COMMON = frozenset(
    word_list(
        """
    full grace good great best better new old big small high low long short last next first
    second third final top total free fair open close closed general standard common public
    private national international global local central federal royal major minor chief
    senior junior main key real true live dead young little late early recent present past
    future modern ancient black white red blue green brown gold golden silver dark light
    star sun moon day days night week weeks month months year years time times century
    world home house city town street road square park garden bridge tower hall court
    field river lake sea ocean island islands hill mountain valley coast north south east
    west northern southern eastern western central upper lower inner outer greater
    office department district directors director board committee commission council
    company group bank fund trust union party office agency authority service services
    exchange securities market markets motors motor industries industry energy power oil gas
    water air food farm health news media press post times journal mail daily weekly
    life love war peace hope freedom justice money work business trade people family
    children man men woman women boy girl king queen lord lady father mother brother sister
    officials sources analysts dealers traders economists bankers investors shareholders
    workers farmers ministers leaders experts economy plans savings
    son sons daughter friend friends members member team club league cup game games show
    series notes commodities eurodollar eurodollars eurobond eurobonds republican democratic
    """
    )
)
"""Common words, which a name may be made of but is rarely alone: 'Grace', 'Century'."""

GENERIC = frozenset(
    word_list(
        """
    century city day days week department directors director district office offices board
    boards committee committees commission council court courts ministry agency authority
    administration service services exchange securities motors company companies
    corporation group holdings bank banks fund trust union association federation
    institute institution foundation society party government state states county region
    province street road airport university college school hospital church army navy police
    centre center club league team chamber assembly cabinet division unit subsidiary
    co corp inc ltd plc llc sa ag nv spa bv gmbh kk cie embassy
    """
    )
)
"""Heads of organisations' names, which alone name none: 'Department', 'Office', 'Co'."""

LEGAL_SUFFIXES = frozenset(
    word_list(
        "co co. corp corp. inc inc. ltd ltd. plc llc lp sa ag nv spa bv gmbh kk ab asa oyj cie"
    )
)
"""Legal suffixes of companies' names: 'Boeing Co' is Boeing, and a name ends there."""

ORG_HEADS = GENERIC | frozenset(
    word_list(
        """
    organization organisation organizations commission brothers partners sons co. industries
    systems laboratories airlines airways railways communications electronics
    """
    )
)
"""Last words of organisations' names that may hold 'and': 'Securities and Exchange Commission'."""

PORTFOLIOS = COMMON | frozenset(
    word_list(
        """
    agriculture energy oil trade industry finance economy economic foreign interior home
    labour labor health education transport justice commerce defence defense culture
    environment housing treasury planning information communications petroleum mines
    mining fisheries forestry science technology tourism welfare employment budget staff
    majority minority development affairs
    """
    )
)
"""Words of an office before a title: 'Energy' in 'Indonesian Energy Minister Subroto'."""

# Heads of names that go on with 'of': 'Bank of England', 'Gulf of Mexico', 'Prince of Wales'.
INSTITUTIONS = ORG_HEADS | frozenset(
    word_list(
        """
    bank university ministry department house republic kingdom council court bureau office
    secretary minister state states church institute museum school college league union
    federation academy commission board party army navy gulf bay cape strait sea lake isle
    agreement convention treaty conference
    isles island islands port mount prince princess duke duchess earl archbishop bishop system
    """
    )
)


STOP = frozenset(
    word_list(
        """
    a an the this that these those he she it they we i you his her its their our my your there
    here when where while if as at in on of for from with without by to into onto under over
    after before during since despite until unless although though because but and or so
    yet also however meanwhile moreover still then thus instead according following earlier
    later today yesterday tomorrow tonight last next first second third some many most much
    more other another each every all any both few several one two three four five six seven
    eight nine ten no not none what which who whom whose why how mr mrs ms dr st sir madam
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december god yes oh ok okay breaking update
    read related photo video watch live opinion analysis editorial exclusive correction note
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    """
    )
)


HOLIDAYS = frozenset(
    word_list("easter christmas thanksgiving halloween ramadan passover hanukkah diwali eid lent")
)
"""Feasts and holidays: dates, like the months, not people, places or organisations alone
('Easter'; 'Easter Island' is a name)."""


# Words that precede a name and are not part of it: 'President Vladimir Putin'.
TITLES = frozenset(
    word_list(
        """
    president vice prime minister foreign defense defence finance chancellor king queen prince
    princess pope sheikh senator sen rep representative governor gov mayor general gen col
    colonel lt lieutenant captain capt admiral secretary ambassador envoy special spokesman
    spokeswoman spokesperson chairman chairwoman chair ceo director judge justice commander
    leader former acting deputy chief minister's president-elect lord lady dame prof professor
    exchequer under-secretary undersecretary commissioner comptroller attorney
    """
    )
)


PERSON_TITLES = TITLES | frozenset(word_list("mr mrs ms dr sir madam"))
"""Titles that show the name after them is a person's: 'Mr Brown' is one even if brown is a colour."""


ABBREVIATIONS = frozenset(
    word_list(
        """
    tv gmt gdp gnp est edt pst bst cet utc am pm ceo cfo coo vat cpi rpi ipo agm fob cif lng
    lpg pc cd dvd mp mps hq id ok pr rip diy dj ufo suv atm sms faq pdf usb aids hiv dna
    mph kph km kg mw kw mln bln pct dlrs qtr shr libor euribor ecu ecus wti
    """
    )
)
"""Common abbreviations that name nothing: 'TV', 'GMT', 'GDP', and market terms ('LIBOR', 'Ecu')."""

# Nationality words and abbreviations, each with the country's usual English name: a plural
# ('Israelis') is found from the singular. Regional words lead nowhere: they name no country.
_NATIONS = """
    Afghan:Afghanistan Albanian:Albania Algerian:Algeria American:United_States
    Angolan:Angola Argentine:Argentina Argentinian:Argentina Armenian:Armenia
    Australian:Australia Austrian:Austria Azerbaijani:Azerbaijan Bangladeshi:Bangladesh
    Belarusian:Belarus Belgian:Belgium Bolivian:Bolivia Bosnian:Bosnia Brazilian:Brazil
    British:United_Kingdom Briton:United_Kingdom Bulgarian:Bulgaria Burmese:Myanmar
    Cambodian:Cambodia Cameroonian:Cameroon Canadian:Canada Chilean:Chile Chinese:China
    Colombian:Colombia Congolese:Congo Croatian:Croatia Cuban:Cuba Cypriot:Cyprus
    Czech:Czech_Republic Danish:Denmark Dane:Denmark Dutch:Netherlands Ecuadorean:Ecuador
    Ecuadorian:Ecuador Egyptian:Egypt Emirati:United_Arab_Emirates Eritrean:Eritrea
    Estonian:Estonia Ethiopian:Ethiopia Filipino:Philippines Finnish:Finland Finn:Finland
    French:France Georgian:Georgia German:Germany Ghanaian:Ghana Greek:Greece
    Guatemalan:Guatemala Haitian:Haiti Honduran:Honduras Hungarian:Hungary
    Icelandic:Iceland Indian:India Indonesian:Indonesia Iranian:Iran Iraqi:Iraq Irish:Ireland
    Israeli:Israel Italian:Italy Ivorian:Ivory_Coast Jamaican:Jamaica Japanese:Japan
    Jordanian:Jordan Kazakh:Kazakhstan Kenyan:Kenya Kuwaiti:Kuwait Latvian:Latvia
    Lebanese:Lebanon Liberian:Liberia Libyan:Libya Lithuanian:Lithuania Malaysian:Malaysia
    Malian:Mali Maltese:Malta Mexican:Mexico Moldovan:Moldova Mongolian:Mongolia
    Moroccan:Morocco Mozambican:Mozambique Namibian:Namibia Nepalese:Nepal Nepali:Nepal
    Nicaraguan:Nicaragua Nigerian:Nigeria Norwegian:Norway Omani:Oman Pakistani:Pakistan Philippine:Philippines
    Palestinian:Palestine Panamanian:Panama Paraguayan:Paraguay Peruvian:Peru Polish:Poland
    Pole:Poland Portuguese:Portugal Qatari:Qatar Romanian:Romania Russian:Russia
    Rwandan:Rwanda Saudi:Saudi_Arabia Saudi_Arabian:Saudi_Arabia Scottish:Scotland Scot:Scotland Senegalese:Senegal
    Serbian:Serbia Singaporean:Singapore Slovak:Slovakia Slovenian:Slovenia Somali:Somalia
    Soviet:Soviet_Union Spanish:Spain Spaniard:Spain Sudanese:Sudan Swedish:Sweden
    Swede:Sweden Swiss:Switzerland Syrian:Syria Taiwanese:Taiwan Tanzanian:Tanzania
    Thai:Thailand Tunisian:Tunisia Turkish:Turkey Turk:Turkey Ugandan:Uganda
    Ukrainian:Ukraine Uruguayan:Uruguay Uzbek:Uzbekistan Venezuelan:Venezuela
    Vietnamese:Vietnam Welsh:Wales Yemeni:Yemen Zambian:Zambia Zimbabwean:Zimbabwe
    West_German:West_Germany East_German:East_Germany South_African:South_Africa
    South_Korean:South_Korea North_Korean:North_Korea New_Zealander:New_Zealand
    Sri_Lankan:Sri_Lanka
    US:United_States USA:United_States America:United_States United_States_of_America:United_States
    UK:United_Kingdom Britain:United_Kingdom Great_Britain:United_Kingdom
    USSR:Soviet_Union UAE:United_Arab_Emirates
"""
_NO_PLURAL = ("ese", "ish", "ss", "ench", "utch", "US", "USA", "UK", "USSR", "UAE", "ica", "ain")


def _nations() -> dict[str, str]:
    """Each nationality word (and its plural) or abbreviation, with its country's name."""
    table: dict[str, str] = {}
    for pair in _NATIONS.split():
        word, country = (part.replace("_", " ") for part in pair.split(":"))
        table[word] = country
        if not word.endswith(_NO_PLURAL):
            table[word + "s"] = country
    return table


COUNTRY_OF = _nations()
"""'French' -> 'France', 'Israelis' -> 'Israel', 'US' -> 'United States': a name found as one
of these is shown as the country."""

REGIONAL = frozenset(
    word_list(
        """
    latin north south east west central middle northern southern eastern western arab arabs
    european europeans african africans asian asians american americans caribbean
    scandinavian nordic baltic balkan pacific atlantic mediterranean western westerners
    english
    """
    )
)
"""Words of regional adjectives ('Latin American', 'European'): a name made only of them
(and nationality words) names no one."""
