"""Country names in the form a sentence needs: Estonian "Soomes", Finnish "Suomessa", "Suomesta".

CLDR gives a country's name in the nominative only ("Soome", "Suomi"). Estonian and Finnish
say "in Finland" and "from Finland" with a case ending, not a preposition, so a sentence such as
"Eestis, Norras, Soomes ja Taanis pole värbamine veel alanud" needs other forms. A catalogue text
asks for one with a format spec: ``{countries:in}``, ``{country:from}`` (`CASES` lists which a
language has). English, Norwegian and Danish put a preposition before the name and need none.

The forms are made by rule from CLDR's name, never copied into a table, and only where the rule
was checked by hand (tests/test_grammar.py checks every name it makes). Where a rule does not
reach, `country_form` gives None and the text that asked for the form is replaced by its
fallback, which keeps the nominative (see views.py). Correct beats complete:

- The rules are claimed only for `CHECKED_COUNTRIES`: Europe's sovereign countries except Iceland,
  Malta, Cyprus and the United Kingdom. Island names take other cases in both languages (et
  Islandil, Maltal, Kuubal; fi Kyproksella, Maltalla, Jamaikalla) and nothing in a name tells an
  island from the mainland. (Ireland stays: its Estonian name ends in -maa, "Iirimaal", and its
  Finnish one, "Irlanti", is left to the fallback by the gradation guard below.)
- Estonian "in" (inessive): the genitive stem + "-s", and for names of this kind the stem is the
  nominative: Eesti → Eestis, Norra → Norras, Rootsi → Rootsis. Names in "-maa" take "-l"
  (Saksamaa → Saksamaal, Venemaa → Venemaal). A name ending in "l", "m", "n", "r" or in two
  consonants adds "-is" (Portugal → Portugalis, Holland → Hollandis, Šveits → Šveitsis). A name
  ending in one stop after a vowel (Iraak → Iraagis, Kuveit → Kuveidis) changes its stem, and a
  name of several words inflects every word (Bosnias ja Hertsegoviinas): neither is covered.
- Finnish "in"/"from" (inessive "-ssa/-ssä", elative "-sta/-stä") is not regular enough: its
  consonant gradation is lexical (Kreikka → Kreikassa and Itävalta → Itävallassa, but Malta →
  Maltalla), some names take the adessive (Venäjä → Venäjällä) and a compound may inflect both
  parts (Iso-Britannia → Isossa-Britanniassa). So the rule covers only one-word names ending in
  "a", "o", "u" or "i" with no consonant before that vowel that could change (no stop k, p, t, g,
  b, d, nor a cluster ending in one, except sk, st and sp, which never change): Norja → Norjassa, Ruotsi →
  Ruotsissa, Sveitsi → Sveitsissä (vowel harmony: back vowels a, o, u in the name choose "-ssa").
  Old Finnish words in "-mi" have an e-stem (lumi → lumessa): Suomi → Suomessa. Names in "-maa"
  are left out (Thaimaassa but Ahvenanmaalla).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

#: The forms a catalogue text may ask for, per language: {countries:in} ("in X"), {country:from}.
CASES: dict[str, tuple[str, ...]] = {"et": ("in",), "fi": ("in", "from")}

#: The countries whose CLDR names the rules were checked for by hand (ISO 3166-1 codes): Europe's
#: sovereign countries except Iceland, Malta, Cyprus and the United Kingdom (see above).
CHECKED_COUNTRIES = frozenset(
    "AD AL AT BA BE BG BY CH CZ DE DK EE ES FI FR GR HR HU IE IT LI LT LU LV MC MD ME MK NL NO PL PT "
    "RO RS RU SE SI SK SM UA VA XK".split()
)

_ONE_WORD = re.compile(r"[^\W\d_]+")  # letters only: no space, hyphen or bracket
_ONE_WORD_OR_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ET_VOWELS = "aeiouõäöü"
_FI_BACK_VOWELS = "aou"
_FI_VOWELS = "aeiouyäö"
# Finnish consonants before a name's last vowel that keep their form in every case.
_FI_STEADY_CLUSTERS = ("sk", "st", "sp")
_FI_STOPS = "kptgbd"


def country_form(language: str, code: str, name: str, case: str) -> str | None:
    """The country's CLDR ``name`` in ``case`` ("in", "from"); None where no checked rule reaches."""
    if code not in CHECKED_COUNTRIES or case not in CASES.get(language, ()):
        return None
    if language == "et":
        return _estonian_in(name)
    if language == "fi":
        stem = _finnish_stem(name)
        if stem is None:
            return None
        back = any(vowel in name.lower() for vowel in _FI_BACK_VOWELS)
        ending = {"in": "ssa", "from": "sta"}[case]
        return stem + (ending if back else ending.replace("a", "ä"))
    return None  # pragma: no cover - CASES names only et and fi


def _estonian_in(name: str) -> str | None:
    if not _ONE_WORD_OR_COMPOUND.fullmatch(name):
        return None
    last = name.lower()
    if last.endswith("maa"):
        return name + "l"
    if last[-1] in _ET_VOWELS:
        return name + "s"
    if last[-1] in "lmnr" or (len(last) > 1 and last[-2] not in _ET_VOWELS):
        return name + "is"
    return None


def _finnish_stem(name: str) -> str | None:
    if not _ONE_WORD.fullmatch(name):
        return None
    lower = name.lower()
    if lower.endswith("maa") or lower[-1] not in "aoui":
        return None
    before = re.search(rf"[^{_FI_VOWELS}]*$", lower[:-1])
    cluster = before.group(0) if before else ""
    if cluster and cluster[-1] in _FI_STOPS and not cluster.endswith(_FI_STEADY_CLUSTERS):
        return None
    if lower.endswith("mi"):
        return name[:-1] + "e"
    return name


class NoForm(Exception):
    """A text asked for a form of a country's name that no checked rule makes."""


@dataclass(frozen=True)
class CountryNames:
    """Countries for a catalogue text: ``{countries}`` gives CLDR's names, ``{countries:in}`` another form.

    The names are joined the language's own way (CLDR list patterns) by ``join``.
    """

    language: str
    codes: tuple[str, ...]
    names: tuple[str, ...]
    join: Callable[[list[str]], str]

    def __str__(self) -> str:
        return self.join(list(self.names))

    def __format__(self, case: str) -> str:
        if not case:
            return str(self)
        forms = [
            country_form(self.language, code, name, case) for code, name in zip(self.codes, self.names, strict=True)
        ]
        if any(form is None for form in forms):
            raise NoForm(f"{self.language}: no {case!r} form for {', '.join(self.names)}")
        return self.join([form for form in forms if form is not None])
