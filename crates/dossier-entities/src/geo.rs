//! Countries with their demonyms and ISO 3166-1 codes, and the words that make a
//! place a natural one (LOC) rather than a political one (GPE).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// `country names | demonyms | ISO2`, alternatives separated by commas.
const COUNTRIES: &str = "\
Afghanistan|Afghan,Afghans|AF
Albania|Albanian,Albanians|AL
Algeria|Algerian,Algerians|DZ
Angola|Angolan,Angolans|AO
Argentina|Argentine,Argentinian,Argentines,Argentinians|AR
Armenia|Armenian,Armenians|AM
Australia|Australian,Australians|AU
Austria|Austrian,Austrians|AT
Azerbaijan|Azerbaijani,Azerbaijanis,Azeri,Azeris|AZ
Bahrain|Bahraini,Bahrainis|BH
Bangladesh|Bangladeshi,Bangladeshis|BD
Belarus|Belarusian,Belarusians,Belarussian|BY
Belgium|Belgian,Belgians|BE
Bolivia|Bolivian,Bolivians|BO
Bosnia,Bosnia and Herzegovina|Bosnian,Bosnians|BA
Brazil|Brazilian,Brazilians|BR
Bulgaria|Bulgarian,Bulgarians|BG
Burkina Faso|Burkinabe|BF
Cambodia|Cambodian,Cambodians|KH
Cameroon|Cameroonian,Cameroonians|CM
Canada|Canadian,Canadians|CA
Chad|Chadian,Chadians|TD
Chile|Chilean,Chileans|CL
China|Chinese|CN
Colombia|Colombian,Colombians|CO
Congo,Democratic Republic of the Congo,DR Congo,DRC|Congolese|CD
Croatia|Croatian,Croatians,Croat,Croats|HR
Cuba|Cuban,Cubans|CU
Cyprus|Cypriot,Cypriots|CY
Czech Republic,Czechia|Czech,Czechs|CZ
Denmark|Danish,Dane,Danes|DK
Ecuador|Ecuadorian,Ecuadorians|EC
Egypt|Egyptian,Egyptians|EG
Eritrea|Eritrean,Eritreans|ER
Estonia|Estonian,Estonians|EE
Ethiopia|Ethiopian,Ethiopians|ET
Finland|Finnish,Finn,Finns|FI
France|French,Frenchman,Frenchmen|FR
Georgia|Georgian,Georgians|GE
Germany|German,Germans|DE
Ghana|Ghanaian,Ghanaians|GH
Greece|Greek,Greeks|GR
Hungary|Hungarian,Hungarians|HU
Iceland|Icelandic,Icelander,Icelanders|IS
India|Indian,Indians|IN
Indonesia|Indonesian,Indonesians|ID
Iran|Iranian,Iranians,Persian|IR
Iraq|Iraqi,Iraqis|IQ
Ireland|Irish|IE
Israel|Israeli,Israelis|IL
Italy|Italian,Italians|IT
Japan|Japanese|JP
Jordan|Jordanian,Jordanians|JO
Kazakhstan|Kazakh,Kazakhs,Kazakhstani|KZ
Kenya|Kenyan,Kenyans|KE
Kosovo|Kosovar,Kosovars,Kosovan|XK
Kuwait|Kuwaiti,Kuwaitis|KW
Kyrgyzstan|Kyrgyz|KG
Latvia|Latvian,Latvians|LV
Lebanon|Lebanese|LB
Libya|Libyan,Libyans|LY
Lithuania|Lithuanian,Lithuanians|LT
Luxembourg|Luxembourgish,Luxembourger|LU
Malaysia|Malaysian,Malaysians|MY
Mali|Malian,Malians|ML
Mexico|Mexican,Mexicans|MX
Moldova|Moldovan,Moldovans|MD
Mongolia|Mongolian,Mongolians|MN
Montenegro|Montenegrin,Montenegrins|ME
Morocco|Moroccan,Moroccans|MA
Mozambique|Mozambican,Mozambicans|MZ
Myanmar,Burma|Burmese|MM
Nepal|Nepali,Nepalese|NP
Netherlands,Holland|Dutch|NL
New Zealand|New Zealander,New Zealanders|NZ
Nicaragua|Nicaraguan,Nicaraguans|NI
Niger|Nigerien,Nigeriens|NE
Nigeria|Nigerian,Nigerians|NG
North Korea,DPRK|North Korean,North Koreans|KP
North Macedonia,Macedonia|Macedonian,Macedonians|MK
Norway|Norwegian,Norwegians|NO
Oman|Omani,Omanis|OM
Pakistan|Pakistani,Pakistanis|PK
Palestine,Palestinian Territories|Palestinian,Palestinians|PS
Panama|Panamanian,Panamanians|PA
Paraguay|Paraguayan,Paraguayans|PY
Peru|Peruvian,Peruvians|PE
Philippines|Filipino,Filipinos,Philippine|PH
Poland|Polish,Pole,Poles|PL
Portugal|Portuguese|PT
Qatar|Qatari,Qataris|QA
Romania|Romanian,Romanians|RO
Russia,Russian Federation|Russian,Russians|RU
Rwanda|Rwandan,Rwandans|RW
Saudi Arabia|Saudi,Saudis,Saudi Arabian|SA
Senegal|Senegalese|SN
Serbia|Serbian,Serbians,Serb,Serbs|RS
Singapore|Singaporean,Singaporeans|SG
Slovakia|Slovak,Slovaks,Slovakian|SK
Slovenia|Slovenian,Slovenians,Slovene,Slovenes|SI
Somalia|Somali,Somalis|SO
South Africa|South African,South Africans|ZA
South Korea,Korea,Republic of Korea|South Korean,South Koreans,Korean,Koreans|KR
South Sudan|South Sudanese|SS
Spain|Spanish,Spaniard,Spaniards|ES
Sri Lanka|Sri Lankan,Sri Lankans|LK
Sudan|Sudanese|SD
Sweden|Swedish,Swede,Swedes|SE
Switzerland|Swiss|CH
Syria|Syrian,Syrians|SY
Taiwan|Taiwanese|TW
Tajikistan|Tajik,Tajiks|TJ
Tanzania|Tanzanian,Tanzanians|TZ
Thailand|Thai,Thais|TH
Tunisia|Tunisian,Tunisians|TN
Turkey,Turkiye,Türkiye|Turkish,Turk,Turks|TR
Turkmenistan|Turkmen|TM
Uganda|Ugandan,Ugandans|UG
Ukraine|Ukrainian,Ukrainians|UA
United Arab Emirates,UAE|Emirati,Emiratis|AE
United Kingdom,UK,U.K.,Britain,Great Britain|British,Briton,Britons|GB
United States,US,U.S.,USA,U.S.A.,America,United States of America|American,Americans|US
Uruguay|Uruguayan,Uruguayans|UY
Uzbekistan|Uzbek,Uzbeks|UZ
Venezuela|Venezuelan,Venezuelans|VE
Vietnam,Viet Nam|Vietnamese|VN
Yemen|Yemeni,Yemenis|YE
Zambia|Zambian,Zambians|ZM
Zimbabwe|Zimbabwean,Zimbabweans|ZW
England|English,Englishman|GB
Scotland|Scottish,Scot,Scots|GB
Wales|Welsh|GB
";

struct Tables {
    /// Lower-case country name or demonym -> ISO2.
    countries: HashMap<String, &'static str>,
    demonyms: HashMap<String, &'static str>,
    /// ISO2 -> preferred name.
    names: HashMap<&'static str, &'static str>,
    natural: HashSet<&'static str>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            countries: HashMap::new(),
            demonyms: HashMap::new(),
            names: HashMap::new(),
            natural: NATURAL.iter().copied().collect(),
        };
        for line in COUNTRIES.lines() {
            let mut p = line.split('|');
            let (Some(names), Some(demonyms), Some(code)) = (p.next(), p.next(), p.next()) else {
                continue;
            };
            for n in names.split(',') {
                t.countries.entry(n.to_lowercase()).or_insert(code);
            }
            for d in demonyms.split(',') {
                t.demonyms.entry(d.to_lowercase()).or_insert(code);
            }
            t.names
                .entry(code)
                .or_insert(names.split(',').next().unwrap_or(names));
        }
        t
    })
}

/// Lower case with runs of white space made single spaces, without allocating for
/// the usual single-word name.
fn norm(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c.is_uppercase() || c.is_whitespace() && c != ' ')
        && !s.contains("  ")
    {
        return s.into();
    }
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .into()
}

/// The ISO2 country of a demonym ("North Korean" -> "KP"), case-insensitive.
pub fn demonym(text: &str) -> Option<&'static str> {
    tables().demonyms.get(norm(text).as_ref()).copied()
}

/// The ISO2 code of a country name ("Ukraine" -> "UA"), case-insensitive.
pub fn country(text: &str) -> Option<&'static str> {
    let t = norm(text);
    tables()
        .countries
        .get(t.strip_prefix("the ").unwrap_or(&t))
        .copied()
}

/// The preferred name of a country by its code ("KP" -> "North Korea").
pub fn country_name(iso2: &str) -> Option<&'static str> {
    tables().names.get(iso2).copied()
}

/// Continents, seas, rivers, mountains and regions without a government.
const NATURAL: &[&str] = &[
    "europe",
    "asia",
    "africa",
    "antarctica",
    "north america",
    "south america",
    "latin america",
    "central america",
    "middle east",
    "the middle east",
    "balkans",
    "the balkans",
    "caucasus",
    "the caucasus",
    "siberia",
    "scandinavia",
    "central asia",
    "southeast asia",
    "south asia",
    "east asia",
    "western europe",
    "eastern europe",
    "central europe",
    "the west",
    "donbas",
    "donbass",
    "sahel",
    "the sahel",
    "arctic",
    "the arctic",
    "mediterranean",
    "the mediterranean",
    "atlantic",
    "the atlantic",
    "pacific",
    "the pacific",
    "gulf",
    "the gulf",
    "sahara",
    "alps",
    "the alps",
    "himalayas",
    "the himalayas",
    "amazon",
    "danube",
    "rhine",
    "nile",
    "dnipro",
    "dnieper",
    "horn of africa",
    "indo-pacific",
    "baltic",
    "the baltic",
    "baltics",
    "the baltics",
];

const NATURAL_WORDS: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "mountains",
    "mountain",
    "mount",
    "mt.",
    "lake",
    "gulf",
    "bay",
    "valley",
    "desert",
    "strait",
    "straits",
    "peninsula",
    "island",
    "islands",
    "coast",
    "basin",
    "forest",
    "canal",
    "channel",
    "plateau",
    "delta",
];

/// Whether a place name is a natural or non-political place (LOC rather than GPE).
pub fn is_natural_place(text: &str) -> bool {
    let t = norm(text);
    tables().natural.contains(t.as_ref()) || t.split(' ').any(|w| NATURAL_WORDS.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demonyms_countries_and_natural_places() {
        assert_eq!(demonym("North Korean"), Some("KP"));
        assert_eq!(demonym("ukrainians"), Some("UA"));
        assert_eq!(demonym("Ukraine"), None);
        assert_eq!(country("the United States"), Some("US"));
        assert_eq!(country_name("KP"), Some("North Korea"));
        assert!(is_natural_place("Black Sea"));
        assert!(is_natural_place("Europe"));
        assert!(!is_natural_place("Kyiv"));
    }
}
