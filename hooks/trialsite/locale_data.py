"""Locale-aware formatting from CLDR (through Babel): dates, numbers, lists, country and language names.

Nothing here is a hand-written table: every name and pattern comes from CLDR (the Estonian and
Finnish case forms of country names are made from CLDR's names by rule, in grammar.py).
A site language maps to a CLDR locale; English is written for a European audience,
so it formats as British English ("20 May 2026") unless the config says otherwise.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from .grammar import CountryNames

DEFAULT_CLDR_LOCALES = {"en": "en_GB"}


class Formatter:
    """Formats values for one site language."""

    def __init__(self, language: str, cldr_locale: str | None = None):
        self.language = language
        self.locale = _locale(cldr_locale or DEFAULT_CLDR_LOCALES.get(language, language))

    def date(self, value: dt.date) -> str:
        return format_date(value, format="long", locale=self.locale)

    def number(self, value: int | Decimal) -> str:
        """A number with the language's decimal sign, keeping the decimals written in the data (8.0 -> 8,0)."""
        if isinstance(value, Decimal):
            exponent = value.as_tuple().exponent
            decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
            pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
            return format_decimal(value, format=pattern, locale=self.locale, decimal_quantization=False)
        return format_decimal(value, locale=self.locale)

    def country(self, code: str) -> str:
        return self.locale.territories.get(code, code)

    def countries(self, codes: list[str]) -> list[str]:
        """Country names in this language, in alphabetical order of the names."""
        return sorted((self.country(code) for code in codes), key=self.sort_key)

    def country_names(self, codes: list[str]) -> CountryNames:
        """The countries for a catalogue text, in alphabetical order of the names (see grammar.py)."""
        pairs = sorted(((self.country(code), code) for code in codes), key=lambda pair: self.sort_key(pair[0]))
        return CountryNames(
            self.language, tuple(code for _, code in pairs), tuple(name for name, _ in pairs), self.join
        )

    def join(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale) if items else ""

    def plural_category(self, count: int) -> str:
        return self.locale.plural_form(count)

    @property
    def plural_categories(self) -> frozenset[str]:
        return frozenset(self.locale.plural_form.tags | {"other"})

    @staticmethod
    def sort_key(text: str) -> str:
        # Case-insensitive code-point order: right for the names of this site's languages;
        # a full collation (PyICU) would be needed for strict Danish/Norwegian æøå order.
        return text.casefold()


def language_name(language: str) -> str:
    """The language's own name for itself, capitalised for a menu: "Norsk", "Suomi"."""
    name = _locale(language).get_display_name(_locale(language)) or language
    return name[:1].upper() + name[1:]


@lru_cache(maxsize=32)
def _locale(identifier: str) -> Locale:
    return Locale.parse(identifier)
