"""A small gazetteer: countries with their usual short names and capitals, US states,
continents, big regions and the largest cities. Plain tables, general knowledge, no corpus.

`COUNTRIES` lines read 'Country | other names | capital'; the other names (usual short forms
and acronyms) are aliases of the country: 'US' and 'America' are the United States.
"""

from __future__ import annotations

from types import MappingProxyType

_COUNTRIES = """
Afghanistan | | Kabul
Albania | | Tirana
Algeria | | Algiers
Andorra | | Andorra la Vella
Angola | | Luanda
Argentina | | Buenos Aires
Armenia | | Yerevan
Australia | | Canberra
Austria | | Vienna
Azerbaijan | | Baku
Bahamas | The Bahamas | Nassau
Bahrain | | Manama
Bangladesh | | Dhaka
Barbados | | Bridgetown
Belarus | Byelorussia | Minsk
Belgium | | Brussels
Belize | | Belmopan
Benin | | Porto-Novo
Bhutan | | Thimphu
Bolivia | | La Paz
Bosnia and Herzegovina | Bosnia | Sarajevo
Botswana | | Gaborone
Brazil | | Brasilia
Brunei | | Bandar Seri Begawan
Bulgaria | | Sofia
Burkina Faso | Upper Volta | Ouagadougou
Burundi | | Gitega
Cambodia | Kampuchea | Phnom Penh
Cameroon | | Yaounde
Canada | | Ottawa
Cape Verde | | Praia
Central African Republic | | Bangui
Chad | | N'Djamena
Chile | | Santiago
China | People's Republic of China, PRC | Beijing, Peking
Colombia | | Bogota
Comoros | | Moroni
Congo | Republic of the Congo | Brazzaville
Democratic Republic of the Congo | DR Congo, DRC, Zaire | Kinshasa
Costa Rica | | San Jose
Croatia | | Zagreb
Cuba | | Havana
Cyprus | | Nicosia
Czech Republic | Czechia | Prague
Czechoslovakia | |
Denmark | | Copenhagen
Djibouti | |
Dominican Republic | | Santo Domingo
Ecuador | | Quito
Egypt | | Cairo
El Salvador | Salvador | San Salvador
Equatorial Guinea | | Malabo
Eritrea | | Asmara
Estonia | | Tallinn
Eswatini | Swaziland | Mbabane
Ethiopia | | Addis Ababa
Fiji | | Suva
Finland | | Helsinki
France | | Paris
Gabon | | Libreville
Gambia | The Gambia | Banjul
Georgia | | Tbilisi
Germany | | Berlin
West Germany | | Bonn
East Germany | | East Berlin
Ghana | | Accra
Greece | | Athens
Grenada | | St George's
Guatemala | | Guatemala City
Guinea | | Conakry
Guinea-Bissau | | Bissau
Guyana | | Georgetown
Haiti | | Port-au-Prince
Honduras | | Tegucigalpa
Hungary | | Budapest
Iceland | | Reykjavik
India | | New Delhi, Delhi
Indonesia | | Jakarta
Iran | | Tehran
Iraq | | Baghdad
Ireland | Irish Republic, Republic of Ireland, Eire | Dublin
Israel | | Jerusalem
Italy | | Rome
Ivory Coast | Cote d'Ivoire | Yamoussoukro, Abidjan
Jamaica | | Kingston
Japan | | Tokyo
Jordan | | Amman
Kazakhstan | | Astana, Almaty
Kenya | | Nairobi
Kiribati | | Tarawa
Kuwait | | Kuwait City
Kyrgyzstan | | Bishkek
Laos | | Vientiane
Latvia | | Riga
Lebanon | | Beirut
Lesotho | | Maseru
Liberia | | Monrovia
Libya | | Tripoli
Liechtenstein | | Vaduz
Lithuania | | Vilnius
Luxembourg | |
Madagascar | | Antananarivo
Malawi | | Lilongwe
Malaysia | | Kuala Lumpur
Maldives | | Male
Mali | | Bamako
Malta | | Valletta
Mauritania | | Nouakchott
Mauritius | | Port Louis
Mexico | | Mexico City
Moldova | | Chisinau
Monaco | |
Mongolia | | Ulan Bator, Ulaanbaatar
Montenegro | | Podgorica
Morocco | | Rabat
Mozambique | | Maputo
Myanmar | Burma | Naypyidaw, Rangoon, Yangon
Namibia | | Windhoek
Nepal | | Kathmandu
Netherlands | Holland, The Netherlands | Amsterdam, The Hague
New Zealand | NZ, N.Z. | Wellington
Nicaragua | | Managua
Niger | | Niamey
Nigeria | | Abuja, Lagos
North Korea | DPRK | Pyongyang
North Macedonia | | Skopje
Macedonia | |
Norway | | Oslo
Oman | | Muscat
Pakistan | | Islamabad
Palestine | Palestinian Territories | Ramallah
West Bank | |
Gaza | Gaza Strip |
Panama | | Panama City
Papua New Guinea | | Port Moresby
Paraguay | | Asuncion
Peru | | Lima
Philippines | The Philippines | Manila
Poland | | Warsaw
Portugal | | Lisbon
Qatar | | Doha
Romania | | Bucharest
Russia | Russian Federation | Moscow
Soviet Union | USSR, U.S.S.R. |
Rwanda | | Kigali
Saudi Arabia | | Riyadh
Senegal | | Dakar
Serbia | | Belgrade
Seychelles | | Victoria
Sierra Leone | | Freetown
Singapore | |
Slovakia | | Bratislava
Slovenia | | Ljubljana
Somalia | | Mogadishu
South Africa | | Pretoria, Cape Town
South Korea | Republic of Korea | Seoul
Korea | |
South Sudan | | Juba
Spain | | Madrid
Sri Lanka | Ceylon | Colombo
Sudan | | Khartoum
Suriname | Surinam | Paramaribo
Sweden | | Stockholm
Switzerland | | Bern, Berne
Syria | | Damascus
Taiwan | | Taipei
Tajikistan | | Dushanbe
Tanzania | | Dodoma, Dar es Salaam
Thailand | Siam | Bangkok
Togo | | Lome
Tonga | | Nuku'alofa
Trinidad and Tobago | Trinidad | Port of Spain
Tunisia | | Tunis
Turkey | Turkiye | Ankara
Turkmenistan | | Ashgabat
Uganda | | Kampala
Ukraine | | Kyiv, Kiev
United Arab Emirates | UAE, U.A.E., Emirates | Abu Dhabi, Dubai
United Kingdom | UK, U.K., Britain, Great Britain | London
England | |
Scotland | | Edinburgh
Wales | | Cardiff
Northern Ireland | Ulster | Belfast
United States | US, U.S., USA, U.S.A., America, United States of America | Washington
Uruguay | | Montevideo
Uzbekistan | | Tashkent
Vatican | Vatican City, Holy See |
Venezuela | | Caracas
Vietnam | Viet Nam | Hanoi
Yemen | | Sanaa
Yugoslavia | |
Zambia | | Lusaka
Zimbabwe | Rhodesia | Harare
"""

_US_STATES = """
Alabama; Alaska; Arizona; Arkansas; California; Colorado; Connecticut; Delaware; Florida;
Hawaii; Idaho; Illinois; Indiana; Iowa; Kansas; Kentucky; Louisiana; Maine; Maryland;
Massachusetts; Michigan; Minnesota; Mississippi; Missouri; Montana; Nebraska; Nevada;
New Hampshire; New Jersey; New Mexico; New York; North Carolina; North Dakota; Ohio;
Oklahoma; Oregon; Pennsylvania; Rhode Island; South Carolina; South Dakota; Tennessee; Texas;
Utah; Vermont; Virginia; Washington State; West Virginia; Wisconsin; Wyoming;
District of Columbia; Washington DC; Washington D.C.; Puerto Rico
"""

_REGIONS = """
Africa; Asia; Europe; North America; South America; Latin America; Central America;
Antarctica; Australasia; Oceania; Arctic; Middle East; Near East; Far East; Gulf;
Persian Gulf; Arabian Peninsula; Balkans; Baltic; Baltics; Caribbean; Mediterranean;
Scandinavia; Nordic; Benelux; Caucasus; Central Asia; South Asia; Southeast Asia;
South-East Asia; East Asia; Eastern Europe; Western Europe; Central Europe; Sub-Saharan Africa;
North Africa; West Africa; East Africa; Southern Africa; Horn of Africa; Sahara; Sahel;
Pacific; Atlantic; Indian Ocean; Pacific Ocean; Atlantic Ocean; Arctic Ocean; Asia-Pacific;
Siberia; Kashmir; Kurdistan; Tibet; Xinjiang; Hong Kong; Macau; Macao; Greenland;
Puerto Rico; Channel Islands; Falklands; Falkland Islands; Gibraltar; Bermuda; Midwest;
New England; Ontario; Quebec; British Columbia; Alberta; Manitoba; Bavaria; Catalonia;
Andalusia; Lombardy; Sicily; Sardinia; Corsica; Crimea; Chechnya; Punjab; Bengal;
Yorkshire; Lancashire; Cornwall; Kent; Essex; Midlands; Ulster; Highlands; Flanders; Wallonia
"""

_CITIES = """
New York City; Los Angeles; Chicago; Houston; Philadelphia; San Francisco; Boston; Detroit;
Miami; Atlanta; Seattle; Dallas; Denver; Las Vegas; New Orleans; Pittsburgh; Cleveland;
Baltimore; St Louis; Silicon Valley; Wall Street; Hollywood; Toronto; Montreal; Vancouver;
Sao Paulo; Rio de Janeiro; Shanghai; Guangzhou; Shenzhen; Mumbai; Bombay; Calcutta; Kolkata;
Madras; Chennai; Bangalore; Karachi; Lahore; Osaka; Yokohama; Sydney; Melbourne; Perth;
Brisbane; Auckland; Johannesburg; Durban; Istanbul; Jeddah; Mecca; Medina; Basra; Mosul;
Tel Aviv; Haifa; Alexandria; Casablanca; Frankfurt; Munich; Hamburg; Cologne; Milan;
Naples; Turin; Venice; Florence; Barcelona; Seville; Valencia; Geneva; Zurich; Basel;
Rotterdam; Antwerp; Marseille; Lyon; Strasbourg; St Petersburg; Leningrad; Manchester;
Birmingham; Liverpool; Leeds; Glasgow; Bristol; Newcastle; Sheffield; Oxford; Cambridge;
Westminster; Downing Street; Whitehall; Brighton; Aberdeen; Dundee; Swansea; Derry
"""

_US_STATE_ABBREVIATIONS = """
Ala=Alabama; Ariz=Arizona; Calif=California; Colo=Colorado; Conn=Connecticut; Fla=Florida;
Kan=Kansas; Kans=Kansas; Mich=Michigan; Minn=Minnesota; Neb=Nebraska; Nev=Nevada;
Okla=Oklahoma; Tenn=Tennessee; Tex=Texas; Wis=Wisconsin; Wyo=Wyoming; N.H=New Hampshire;
N.J=New Jersey; N.M=New Mexico; N.Y=New York; N.C=North Carolina; N.D=North Dakota;
S.C=South Carolina; S.D=South Dakota; R.I=Rhode Island; W.Va=West Virginia
"""
"""The usual abbreviations of US states in datelines ('Houston, Tex.'), each with its state;
none that is also a common surname or word ('Penn', 'Mont', 'Ind', 'Miss', 'Wash')."""

PLACE_ACRONYMS = frozenset({"US", "USA", "UK", "UAE", "USSR", "DRC", "DPRK", "PRC", "DC", "NZ"})
"""Acronyms that name places, not organisations (compared without their dots)."""


def _lines(table: str) -> list[str]:
    return [line.strip() for line in table.strip().splitlines() if line.strip()]


def _entries(table: str) -> list[str]:
    return [name.strip() for name in table.replace("\n", " ").split(";") if name.strip()]


def _country_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for line in _lines(_COUNTRIES):
        country, others, _ = (part.strip() for part in line.split("|"))
        for other in others.split(","):
            if other.strip():
                aliases[other.strip()] = country
    return aliases


def _all_places() -> frozenset[str]:
    names: set[str] = set()
    for line in _lines(_COUNTRIES):
        for part in line.split("|"):
            names.update(n.strip() for n in part.split(",") if n.strip())
    for table in (_US_STATES, _REGIONS, _CITIES):
        names.update(_entries(table))
    names.update(_state_aliases())
    return frozenset(names)


def _state_aliases() -> dict[str, str]:
    pairs = (entry.split("=") for entry in _entries(_US_STATE_ABBREVIATIONS))
    return {short.strip(): state.strip() for short, state in pairs}


COUNTRY_ALIASES = MappingProxyType(_country_aliases())
"""Another name of a country -> the country: 'US' -> 'United States', 'Burma' -> 'Myanmar'."""
STATE_ALIASES = MappingProxyType(_state_aliases())
"""A US state's dateline abbreviation -> the state: 'Tex' -> 'Texas', 'N.J' -> 'New Jersey'."""

PLACES = _all_places()
"""Every place the tables name, as written: countries, aliases, capitals, states (and the
usual abbreviations of their names, 'Calif', 'N.J'), regions and big cities."""
