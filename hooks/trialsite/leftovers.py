"""Trial facts left in the pages: medicines, cities, sites and identifiers the data does not hold.

The pages in docs/ belong to the generator: they hold no fact of a particular trial (those come
from the data, through markers and {facts}). When an editor replaces data/trial.yaml with
another trial, a page that still names the old trial's medicine, hospital, city or number is
caught here, with its line. Nothing is found by a hand-written list of names:

- identifiers by their pattern (EU CT number, EudraCT number, ClinicalTrials.gov NCT number);
- medicines by the endings the WHO gives medicine names (INN stems), in any language's spelling
  and with a case ending (teklistamabia, pomalidomiidi), unless the word is one of the data's
  drug names;
- cities by CLDR's exemplar cities of the time zones, in every site language (Oslo, København,
  Kööpenhamina), unless the city is one of the data's site cities;
- hospitals by the words that name hospitals in the site's languages (vocabulary, not names),
  next to a capitalised name, unless the name is one of the data's sites.

A match is a reason to look, so each rule errs on the side of silence for ordinary words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.core import UnknownLocaleError, get_global
from pydantic import BaseModel

from .model import LocalName

#: What every message ends with: where the facts belong instead.
WHERE_FACTS_BELONG = "pages get trial facts from the data (markers and {placeholders})"

# --- Identifiers ---------------------------------------------------------------------------

IDENTIFIER_PATTERNS = (
    ("EU trial number", re.compile(r"(?<![\d-])\d{4}-\d{6}-\d{2}-\d{2}(?![\d-])")),
    ("EudraCT number", re.compile(r"(?<![\d-])\d{4}-\d{6}-\d{2}(?!-?\d)")),
    ("ClinicalTrials.gov number", re.compile(r"(?<![A-Za-z0-9])NCT\d{8}(?!\d)", re.IGNORECASE)),
)

# --- Medicines -----------------------------------------------------------------------------

# Endings that mark a medicine's name, from the WHO's stem book: "The use of stems in the selection
# of International Nonproprietary Names (INN) for pharmaceutical substances" (WHO/EMP/RHT/TSN/2018.1;
# https://www.who.int/teams/health-product-and-policy-standards/inn/stembook). English spelling;
# `skeleton` makes the Norwegian, Danish, Estonian and Finnish spellings the same (taksel, takseeli,
# doksorubitsiin). Each: (stem, letters a name has before the stem at least). Stems that end
# ordinary words are left out or narrowed: -cept (abatacept) is left out, because it also ends
# "concept", "intercept" and "contraceptive"; -vir ends the word or goes on with a vowel (not
# "virus", "antiretroviral"); -statin is -vastatin.
INN_STEMS = (
    ("mab", 3),  # monoclonal antibodies: daratumumab, teclistamab
    ("tinib", 2),  # tyrosine kinase inhibitors: imatinib, ibrutinib
    ("anib", 3),  # angiogenesis inhibitors: pazopanib, nintedanib
    ("rafenib", 2),  # Raf kinase inhibitors: sorafenib, vemurafenib
    ("ciclib", 2),  # cyclin-dependent kinase inhibitors: palbociclib
    ("degib", 2),  # hedgehog pathway inhibitors: vismodegib
    ("parib", 2),  # PARP inhibitors: olaparib, niraparib
    ("lisib", 2),  # PI3K inhibitors: idelalisib
    ("zomib", 3),  # proteasome inhibitors: bortezomib, carfilzomib
    ("denib", 3),  # IDH inhibitors: ivosidenib
    ("toclax", 3),  # Bcl-2 inhibitors: venetoclax
    ("lidomide", 1),  # thalidomide derivatives: lenalidomide, pomalidomide
    ("platin", 3),  # platinum derivatives: cisplatin, carboplatin
    ("taxel", 3),  # taxanes: paclitaxel, docetaxel
    ("rubicin", 3),  # daunorubicin derivatives: doxorubicin
    ("tecan", 3),  # topoisomerase I inhibitors: irinotecan, deruxtecan
    ("mustine", 3),  # alkylating agents: bendamustine
    ("fosfamide", 2),  # alkylating agents: cyclophosphamide, ifosfamide
    ("dotin", 2),  # antibody-drug payloads: vedotin, mafodotin
    ("leucel", 3),  # cell therapies: idecabtagene vicleucel, ciltacabtagene autoleucel
    ("lutamide", 3),  # anti-androgens: enzalutamide
    ("trozole", 2),  # aromatase inhibitors: letrozole, anastrozole
    ("methasone", 2),  # corticosteroids: dexamethasone, betamethasone
    ("nisolone", 3),  # corticosteroids: prednisolone
    ("siran", 3),  # small interfering RNA: patisiran
    ("glutide", 3),  # GLP-1 analogues: semaglutide
    ("gliflozin", 2),  # SGLT2 inhibitors: empagliflozin
    ("gliptin", 2),  # DPP-4 inhibitors: sitagliptin
    ("sartan", 2),  # angiotensin II receptor antagonists: losartan
    ("pril", 4),  # ACE inhibitors: enalapril (four letters before it: not "April")
    ("olol", 3),  # beta blockers: metoprolol
    ("vastatin", 2),  # HMG-CoA reductase inhibitors: atorvastatin
    ("oxacin", 3),  # quinolone antibiotics: ciprofloxacin
    ("cillin", 3),  # penicillins: amoxicillin
    ("mycin", 3),  # antibiotics: azithromycin
    ("conazole", 2),  # antifungals: fluconazole
    ("prazole", 2),  # proton pump inhibitors: omeprazole
    ("parin", 3),  # heparins: enoxaparin (not the Finnish "parin", a couple of)
    ("xaban", 3),  # factor Xa inhibitors: apixaban
    ("vir", 4),  # antivirals: aciclovir, ritonavir
    ("grastim", 2),  # colony-stimulating factors: filgrastim
    ("poetin", 1),  # erythropoietins: epoetin
)
#: Letters of case ending or plural a name may carry after its stem (Finnish teklistamabilla: -illa).
MAX_ENDING = 6
#: How a name with this stem may go on: -vir only with a vowel of a case ending (ritonaviirin),
#: so not "virus" or "antiretroviral".
_ENDS = {"vir": ("i", "e")}

_SKELETON_RULES = (
    ("ph", "f"),
    ("th", "t"),
    ("x", "ks"),
    ("ck", "k"),
    ("tz", "s"),
    ("ts", "s"),
    ("z", "s"),
    ("w", "v"),
    ("y", "i"),
)


def skeleton(word: str) -> str:
    """A word reduced so that one medicine's name is spelt alike in the site's languages.

    "Doxorubicin", "doksorubisiini" and "doksorubitsiin" all become "doksorubisin..."; the result
    is only ever compared with other skeletons.
    """
    text = unicodedata.normalize("NFKD", word.casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    for old, new in _SKELETON_RULES:
        text = text.replace(old, new)
    text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
    return re.sub(r"(.)\1+", r"\1", text)


def _stem(word: str) -> str:
    """A name without its final vowels: the part every case form of it starts with."""
    return skeleton(word).rstrip("aeiouäöõü") or skeleton(word)


_STEMS = tuple(
    (skeleton(stem).rstrip("e") if stem.endswith("e") else skeleton(stem), before) for stem, before in INN_STEMS
)


@lru_cache(maxsize=8192)
def medicine_like(word: str) -> bool:
    """Whether a word ends in a medicine's stem (with a case ending of at most MAX_ENDING letters).

    Asked of every word of every page in each build, and the answer depends on the word alone."""
    text = skeleton(word)
    for stem, before in _STEMS:
        start = text.find(stem, before)
        while start != -1:
            ending = text[start + len(stem) :]
            if len(ending) <= MAX_ENDING and (not ending or stem not in _ENDS or ending.startswith(_ENDS[stem])):
                return True
            start = text.find(stem, start + 1)
    return False


# --- Cities --------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    words: tuple[str, ...]
    zone: str


@dataclass(frozen=True)
class Cities:
    #: CLDR's exemplar cities by the first four letters of their first word (casefolded).
    by_start: dict[str, tuple[City, ...]]
    #: Every spelling (casefolded) of each time zone's city.
    spellings: dict[str, frozenset[str]]
    #: One-word names of countries and territories (casefolded), so that "Romania" is not "Roma".
    countries: frozenset[str]


@lru_cache(maxsize=8)
def cldr_cities(languages: tuple[str, ...]) -> Cities:
    """CLDR's exemplar cities of every time zone, in ``languages``.

    Names that are also a country's or territory's name in one of the languages (Singapore,
    Monaco, "Man") are left out: a page may name a country. Names of fewer than four letters
    are left out too (CLDR's "Rom" is Norwegian and Danish for a room).
    """
    zones = [zone for zone in get_global("zone_territories") if not zone.startswith("Etc/")]
    locales = []
    for language in languages:
        try:
            locales.append(Locale.parse(language))
        except (UnknownLocaleError, ValueError):
            continue
    territories = {name.casefold() for locale in locales for name in locale.territories.values()}
    found: dict[str, set[City]] = {}
    spellings: dict[str, set[str]] = {}
    for locale in locales:
        names = locale.time_zones
        for zone in zones:
            # CLDR writes a city's name only where it differs from the zone's (America/New_York).
            name = names.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
            words = tuple(_words_of(name))
            if not words or name.casefold() in territories or len("".join(words)) < 4 or name.isupper():
                continue
            found.setdefault(words[0].casefold()[:4], set()).add(City(words, zone))
            spellings.setdefault(zone, set()).add(" ".join(words).casefold())
    return Cities(
        {
            start: tuple(sorted(cities, key=lambda city: (-len(city.words), city.words)))
            for start, cities in found.items()
        },
        {zone: frozenset(names) for zone, names in spellings.items()},
        frozenset(name for name in territories if " " not in name),
    )


#: Letters Estonian and Finnish add to a city's name (Tallinnas, Oslossa); the other languages
#: add a genitive s (Oslos, Oslo's) and nothing else.
CITY_ENDINGS = {"et": 5, "fi": 5}
GENITIVES = ("s", "'s", "’s")


def _inflected(word: str, name: str, language: str = "") -> bool:
    """Whether ``word`` is ``name`` or a case form of it in ``language`` ("": any language)."""
    folded, base = word.casefold(), name.casefold()
    if folded == base:
        return True
    if language and language not in CITY_ENDINGS:
        return folded.startswith(base) and folded[len(base) :] in GENITIVES
    if folded.startswith(base) and len(folded) - len(base) <= CITY_ENDINGS.get(language, 5):
        return True
    # Finnish consonant gradation weakens a k, p or t at the end of the stem: Helsinki, Helsingissä.
    cut = len(base) - 2
    return (
        len(base) >= 6
        and folded.startswith(base[:cut])
        and len(folded) - len(base) <= 4
        and base[cut] in "kpt"
        and folded[cut] in "gdvjlmnr"
    )


# --- Hospitals -----------------------------------------------------------------------------

#: Words that name a hospital or clinic in the site's languages, alone or at the end of a
#: compound (Rigshospitalet, universitetssykehus, Regionaalhaigla, keskussairaala). They are
#: vocabulary, not names of sites. English "clinic" is not "clinical".
HOSPITAL_WORDS = {
    "en": ("hospital", "clinic", "infirmary"),
    "no": ("sykehus", "sjukehus", "hospital", "klinikk"),
    "da": ("sygehus", "hospital", "klinik"),
    "et": ("haigla", "kliinikum", "kliinik"),
    "fi": ("sairaal", "klinikka"),
}
_HOSPITAL_ROOTS = tuple(sorted({word for words in HOSPITAL_WORDS.values() for word in words}))
_NOT_HOSPITAL = re.compile(r"clinical|clinician|hospitali[sz]")
#: Short words that join the parts of a hospital's name ("Sykehuset i Vestfold", "Hospital of ...").
_JOINING = {"i", "in", "of", "på", "de", "du", "der", "la"}


def _hospital_root(word: str) -> int:
    """Where a hospital word starts in ``word`` (-1: none)."""
    folded = word.casefold()
    if _NOT_HOSPITAL.search(folded):
        return -1
    for root in _HOSPITAL_ROOTS:
        where = folded.find(root)
        if where != -1:
            return where
    return -1


# --- Reading text --------------------------------------------------------------------------

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# A sentence starts after these (and at the start of a line).
_SENTENCE_END = re.compile(r"(?:^|[.!?]|^\s*(?:[-*+]|\d+[.)]|#+|>)\s)[\s*_\"'“”„«»(\[]*$")
# What a page writes that is not text: link targets, reference definitions, attribute lists, URLs.
_NOT_TEXT = re.compile(r"\]\([^)]*\)|^\s*\[[^\]]+\]:\s*\S+.*$|\{[^{}]*\}|<[^>]*>|https?://\S+", re.MULTILINE)


def _words_of(text: str) -> Iterator[str]:
    return (match.group(0) for match in _WORD_RE.finditer(text))


@dataclass(frozen=True)
class _Token:
    text: str
    initial: bool  # the first word of its sentence (or line): capitals there say nothing
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def _tokens(line: str) -> list[_Token]:
    tokens = []
    for match in _WORD_RE.finditer(line):
        before = line[: match.start()]
        tokens.append(_Token(match.group(0), bool(_SENTENCE_END.search(before)), match.start(), match.end()))
    return tokens


# --- The facts of the data -----------------------------------------------------------------


def _spellings(value: object) -> list[str]:
    """Every spelling of a name in the data: a plain string, or one per language."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, LocalName):
        return [name for _, name in value.names]
    if isinstance(value, BaseModel):
        return _spellings(value.model_dump())
    if isinstance(value, dict):
        return [spelling for item in value.values() for spelling in _spellings(item)]
    if isinstance(value, list | tuple):
        return [spelling for item in value for spelling in _spellings(item)]
    return []


@dataclass(frozen=True)
class TrialNames:
    """What the data names: the only medicines, cities, sites and identifiers a page may name."""

    medicines: frozenset[str]  # stems (skeletons without final vowels) of the drugs' names and ids
    cities: frozenset[str]  # casefolded, every language
    sites: tuple[str, ...]  # casefolded site names, every language
    identifiers: frozenset[str]
    languages: tuple[str, ...]

    @classmethod
    def of(cls, trial: object, languages: Iterable[str]) -> TrialNames:
        medicines: set[str] = set()
        for drug in getattr(trial, "drugs", []) or []:
            for spelling in [*_spellings(getattr(drug, "name", None)), getattr(drug, "id", "")]:
                # A short piece ("cd" of anti-CD38) would let through every word that starts with it.
                medicines.update(stem for stem in map(_stem, _words_of(spelling)) if len(stem) >= 4)
        sites = getattr(trial, "sites", []) or []
        cities = {spelling.casefold() for site in sites for spelling in _spellings(getattr(site, "city", None))}
        names = tuple(
            " ".join(_words_of(spelling)).casefold()
            for site in sites
            for spelling in _spellings(getattr(site, "name", None))
        )
        identifiers = getattr(trial, "identifiers", None)
        values = _spellings(identifiers.model_dump() if isinstance(identifiers, BaseModel) else {})
        return cls(
            frozenset(medicines),
            frozenset(cities),
            names,
            frozenset(value.casefold() for value in values),
            tuple(languages),
        )

    def is_medicine(self, word: str) -> bool:
        text = skeleton(word)
        return any(text.startswith(stem) and len(text) - len(stem) <= MAX_ENDING + 1 for stem in self.medicines)

    def is_city(self, city: City) -> bool:
        """Whether the data has a site in this city (under any of its names in CLDR)."""
        if " ".join(city.words).casefold() in self.cities:
            return True
        return bool(cldr_cities(self.languages).spellings.get(city.zone, frozenset()) & self.cities)

    def is_site(self, name: str) -> bool:
        folded = " ".join(_words_of(name)).casefold()
        return any(folded in site for site in self.sites)


# --- The check -----------------------------------------------------------------------------


def leftovers(text: str, names: TrialNames, language: str = "") -> list[tuple[int, str]]:
    """(line in ``text``, message) for each medicine, city, site or identifier the data does not hold.

    ``language`` is the text's language (how city names may be inflected); "" allows every way.
    """
    found: list[tuple[int, str]] = []
    seen: set[tuple[int, str]] = set()

    def report(number: int, shown: str, what: str) -> None:
        if (number, shown.casefold()) not in seen:
            seen.add((number, shown.casefold()))
            found.append((number, f"names '{shown}', which is not {what}; {WHERE_FACTS_BELONG}"))

    cleaned_lines = _NOT_TEXT.sub(lambda match: " " * len(match.group(0)), text).splitlines()
    for number, line in enumerate(text.splitlines(), start=1):
        for label, pattern in IDENTIFIER_PATTERNS:
            for match in pattern.finditer(line):
                if match.group(0).casefold() not in names.identifiers:
                    report(
                        number,
                        match.group(0),
                        f"an identifier of this trial (an {label})"
                        if label[0] in "AEIOU"
                        else f"an identifier of this trial (a {label})",
                    )
        cleaned = cleaned_lines[number - 1] if number <= len(cleaned_lines) else ""
        tokens = _tokens(cleaned)
        for token in tokens:
            if medicine_like(token.text) and not names.is_medicine(token.text):
                report(number, token.text, "a medicine of this trial")
        for first, last in _cities(tokens, names, language):
            report(number, cleaned[first.start : last.end], "a city of this trial's sites")
        for first, last in _hospitals(tokens, cleaned):
            shown = cleaned[first.start : last.end]
            if not names.is_site(shown):
                report(number, shown, "a site of this trial")
    return found


def _cities(tokens: list[_Token], names: TrialNames, language: str) -> Iterator[tuple[_Token, _Token]]:
    cities = cldr_cities(names.languages)
    position = 0
    while position < len(tokens):
        token = tokens[position]
        matched = 0
        if token.capitalised:
            for city in cities.by_start.get(token.text.casefold()[:4], ()):
                size = len(city.words)
                words = [item.text for item in tokens[position : position + size]]
                if (
                    len(words) == size
                    and _same_city(words, city.words, language)
                    and not _a_country(words, city, cities)
                ):
                    if not names.is_city(city):
                        yield token, tokens[position + size - 1]
                    matched = size
                    break
        position += matched or 1


def _a_country(words: list[str], city: City, cities: Cities) -> bool:
    """Whether a one-word match is rather a country's name (Romania for Roma, Jerseyssä for Jersey)."""
    if len(words) != 1:
        return False
    folded = words[0].casefold()
    return any(
        len(country) > len(city.words[0]) and _inflected(folded, country)
        for country in cities.countries
        if country[:4] == folded[:4]
    )


def _same_city(words: list[str], city_words: tuple[str, ...], language: str) -> bool:
    *head, last = city_words
    return all(word.casefold() == part.casefold() for word, part in zip(words, head, strict=False)) and _inflected(
        words[-1], last, language
    )


_NAME_GAP = re.compile(r"[\s.&'’‐-]*")


def _hospitals(tokens: list[_Token], line: str) -> Iterator[tuple[_Token, _Token]]:
    """Hospital names: a hospital word next to a capitalised name (Herlev Hospital, Sykehuset Østfold)."""

    def named(item: _Token) -> bool:
        return item.capitalised and not item.initial

    def together(first: int, second: int) -> bool:
        # Words of one name stand side by side (or with a hyphen: Põhja-Eesti), not across a comma or colon.
        return bool(_NAME_GAP.fullmatch(line[tokens[first].end : tokens[second].start]))

    for position, token in enumerate(tokens):
        where = _hospital_root(token.text)
        if where == -1:
            continue
        start = position
        while start > 0 and named(tokens[start - 1]) and together(start - 1, start):
            start -= 1
        end = position + 1
        while end < len(tokens) and together(end - 1, end):
            if named(tokens[end]):
                end += 1
            elif (
                tokens[end].text in _JOINING
                and end + 1 < len(tokens)
                and named(tokens[end + 1])
                and together(end, end + 1)
            ):
                end += 2
            else:
                break
        # A capitalised compound (Rigshospitalet, Regionaalhaigla) is a name even first in its sentence.
        compound = token.capitalised and where > 0
        if start < position or end > position + 1 or named(token) or compound:
            yield tokens[start], tokens[end - 1]
