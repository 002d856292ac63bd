"""Lab limits in the units patients' own labs use: one reviewed conversion table.

A trial protocol writes its lab limits in one unit ("hemoglobin at least 8.0 g/dL"), but a
patient compares them with their own lab results, and labs in different countries report the same
test in different units: Danish labs give haemoglobin in mmol/L, Finnish and Estonian labs in g/L,
Norwegian labs in g/dL. A Danish patient reads "8,0 g/dL" as a near-normal mmol/L value. So the data
writes each limit once (`labs:` in data/trial.yaml, inserted into texts as {labs.<id>}) and every
language shows it as written, followed by the same value in the unit that language's country's
labs use: da "8,0 g/dL (ca. 5,0 mmol/L)", fi "8,0 g/dL (noin 80 g/l)".

Everything here is a reviewed table, not a computation a reader has to trust:

- `ANALYTES`: per analyte, each unit the site knows and how many of it one unit of the analyte's
  *reference unit* is (the unit protocols usually write, the US one). Factors between mass and
  substance concentration come from the analyte's molar mass, written next to each factor;
  tests/test_units.py recomputes every factor by hand from the atomic weights.
- `LOCAL_UNITS`: per site language, the unit its country's labs report each analyte in, with the
  sources. A language without an entry (English, read everywhere) shows no local equivalent.

How a language writes a unit ("mmol/L" in Danish, Norwegian and Estonian lab reports, "mmol/l" in
Finnish ones) and the word for "about" are the translators' and live in the catalogues
(messages/<lang>.yaml, keys `labs.*`).

Why not the pint library: the only arithmetic is one multiplication by a reviewed factor. What pint
knows (that 1 dL is 0.1 L) is the trivial part; what matters (the molar masses, which unit each
country's labs use, how to round) it does not know. It would add four packages and
slow down every check and build (its unit registry loads at start, which costs about as much as
the whole build), and pint 0.26 needs a newer Python than this project's 3.11.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .problems import did_you_mean as _did_you_mean


@dataclass(frozen=True)
class Unit:
    #: How the data writes the unit ("g/dL"); matched exactly, see `ALIASES` for near misses.
    symbol: str
    #: How many of this unit one reference unit of the analyte is.
    per_reference: Decimal
    #: Decimal places a value converted into this unit is rounded to.
    decimals: int
    #: The catalogue key (under labs.unit.) for how each language writes the unit.
    key: str


@dataclass(frozen=True)
class Analyte:
    name: str
    reference: str
    units: dict[str, Unit]
    #: Limits outside this range (in the reference unit) are a typing or unit mistake: no trial
    #: sets a limit outside what a living patient's blood can have.
    plausible: tuple[Decimal, Decimal]

    def factor(self, source: str, target: str) -> Decimal:
        """What a value in ``source`` units is multiplied by to be in ``target`` units."""
        return self.units[target].per_reference / self.units[source].per_reference


def _analyte(name: str, reference: str, plausible: tuple[str, str], *units: tuple[str, str, int, str]) -> Analyte:
    return Analyte(
        name=name,
        reference=reference,
        units={symbol: Unit(symbol, Decimal(factor), decimals, key) for symbol, factor, decimals, key in units},
        plausible=(Decimal(plausible[0]), Decimal(plausible[1])),
    )


# 1 dL = 0.1 L, so a value per dL is 10 times the value per L: 1 g/dL = 10 g/L, 1 mg/dL = 10 mg/L.
# Mass to substance concentration: (mass per L) / (molar mass) = amount per L. All factors below are
# written with 4 significant figures; tests/test_units.py recomputes each one.
ANALYTES: dict[str, Analyte] = {
    analyte.name: analyte
    for analyte in (
        _analyte(
            "haemoglobin",
            "g/dL",
            ("1", "25"),
            ("g/dL", "1", 1, "g_per_dl"),
            # 1 g/dL = 10 g/L.
            ("g/L", "10", 0, "g_per_l"),
            # Haemoglobin counted per haem-carrying chain (the "monomer", Hb(Fe)), as Danish labs
            # report it: molar mass 16 114 g/mol (a quarter of the tetramer's 64 458 g/mol).
            # 1 g/dL = 10 g/L / 16 114 g/mol = 0.000 620 6 mol/L = 0.6206 mmol/L.
            ("mmol/L", "0.6206", 1, "mmol_per_l"),
        ),
        _analyte(
            "calcium",
            "mg/dL",
            ("1", "25"),
            ("mg/dL", "1", 1, "mg_per_dl"),
            # Total calcium, standard atomic weight 40.078 g/mol (IUPAC):
            # 1 mg/dL = 10 mg/L / 40.078 mg/mmol = 0.2495 mmol/L.
            ("mmol/L", "0.2495", 2, "mmol_per_l"),
        ),
        _analyte(
            "creatinine",
            "mg/dL",
            ("0.1", "30"),
            ("mg/dL", "1", 2, "mg_per_dl"),
            # Creatinine C4H7N3O, 113.12 g/mol: 1 mg/dL = 10 mg/L / 113.12 mg/mmol = 0.088 40 mmol/L
            # = 88.40 µmol/L. (Tables that print 88.42 used 113.1 g/mol; the difference is below
            # what a whole µmol/L shows.)
            ("µmol/L", "88.40", 0, "umol_per_l"),
        ),
        _analyte(
            "bilirubin",
            "mg/dL",
            ("0.1", "50"),
            ("mg/dL", "1", 1, "mg_per_dl"),
            # Bilirubin C33H36N4O6, 584.66 g/mol: 1 mg/dL = 10 mg/L / 584.66 mg/mmol = 17.10 µmol/L.
            ("µmol/L", "17.10", 0, "umol_per_l"),
        ),
        _analyte(
            "albumin",
            "g/dL",
            ("0.5", "8"),
            ("g/dL", "1", 1, "g_per_dl"),
            # 1 g/dL = 10 g/L (labs report albumin by mass, not by amount).
            ("g/L", "10", 0, "g_per_l"),
        ),
        _analyte(
            "glucose",
            "mg/dL",
            ("10", "1500"),
            ("mg/dL", "1", 0, "mg_per_dl"),
            # Glucose C6H12O6, 180.16 g/mol: 1 mg/dL = 10 mg/L / 180.16 mg/mmol = 0.055 51 mmol/L.
            ("mmol/L", "0.05551", 1, "mmol_per_l"),
        ),
    )
}

#: Every unit symbol the table knows, for the editors' schema.
ALL_UNITS = sorted({symbol for analyte in ANALYTES.values() for symbol in analyte.units})

# Which unit each language's country's labs report each analyte in. Every lab report and national
# lab handbook in these countries uses SI units for calcium, creatinine, bilirubin, albumin and
# glucose; they differ for haemoglobin:
# - Denmark (da): haemoglobin in mmol/L (monomer), adults about 7.3-10.5 mmol/L: sundhed.dk's
#   Lægehåndbogen ("Hæmoglobin": "målt i millimol per liter (mmol/L)") and Danish labs (NPU).
# - Norway (no): haemoglobin in g/dL, adults 11.7-17.0 g/dL (Norsk laboratoriekodeverk NOR05172,
#   hospital lab handbooks such as Helse Møre og Romsdal's); calcium 2.15-2.51 mmol/L, creatinine
#   and bilirubin in µmol/L (NORIP reference intervals, used by Norwegian labs).
# - Finland (fi): haemoglobin in g/L, women 117-155 g/L (Finnish labs, e.g. HUSLAB; "Hemoglobiinin
#   pitoisuus ilmoitetaan Suomessa yksikössä grammaa per litra"); calcium P-Ca 2.15-2.51 mmol/L.
# - Estonia (et): haemoglobin in g/L (Estonian labs, e.g. Tartu University Hospital's United
#   Laboratories; men 130-170 g/L), calcium in mmol/L.
# English is read in every country, so English pages add no local equivalent.
_SI = {"calcium": "mmol/L", "creatinine": "µmol/L", "bilirubin": "µmol/L", "albumin": "g/L", "glucose": "mmol/L"}
LOCAL_UNITS: dict[str, dict[str, str]] = {
    "da": {"haemoglobin": "mmol/L", **_SI},
    "no": {"haemoglobin": "g/dL", **_SI},
    "fi": {"haemoglobin": "g/L", **_SI},
    "et": {"haemoglobin": "g/L", **_SI},
}

#: Catalogue keys for every unit of the table: each language writes the data's own unit its way too.
UNIT_KEYS = sorted({unit.key for analyte in ANALYTES.values() for unit in analyte.units.values()})


def analyte_problem(name: str) -> str | None:
    """Why ``name`` is not an analyte of the table, or None."""
    if name in ANALYTES:
        return None
    return (
        f'unknown analyte "{_short(name)}"{_did_you_mean(name, list(ANALYTES))}; the table knows: {", ".join(ANALYTES)}'
    )


def unit_problem(analyte: str, unit: str) -> str | None:
    """Why ``unit`` cannot be used for ``analyte``, or None (the analyte must be known)."""
    known = ANALYTES[analyte].units
    if unit in known:
        return None
    near = next((symbol for symbol in known if _normal(symbol) == _normal(unit)), None)
    hint = f' (did you mean "{near}"?)' if near else _did_you_mean(unit, list(known))
    return f'"{_short(unit)}" is not a unit the table knows for {analyte}{hint}; expected one of: {", ".join(known)}'


def value_problem(analyte: str, unit: str, value: Decimal) -> str | None:
    """Why ``value`` in ``unit`` is not a plausible limit for ``analyte``, or None."""
    table = ANALYTES[analyte]
    low, high = (convert(bound, analyte, table.reference, unit) for bound in table.plausible)
    if low <= value <= high:
        return None
    return (
        f"{format(value, 'f')} {unit} is not a plausible {analyte} limit; "
        f"expected between {_plain(low)} and {_plain(high)} {unit} (is the unit right?)"
    )


def convert(value: Decimal, analyte: str, source: str, target: str) -> Decimal:
    """``value`` in ``source`` units, in ``target`` units, rounded to the target unit's decimals."""
    unit = ANALYTES[analyte].units[target]
    exact = value * ANALYTES[analyte].factor(source, target)
    return exact.quantize(Decimal(1).scaleb(-unit.decimals), rounding=ROUND_HALF_UP)


def local_unit(language: str, analyte: str, unit: str) -> str | None:
    """The unit ``language``'s labs use for ``analyte`` when it is not ``unit``, else None."""
    local = LOCAL_UNITS.get(language, {}).get(analyte)
    return local if local is not None and local != unit else None


def _short(text: str, limit: int = 60) -> str:
    """A value quoted in a message: a very long one is cut short, so the message stays readable."""
    return text if len(text) <= limit else f"{text[: limit - 11]}…{text[-10:]}"


def _normal(symbol: str) -> str:
    return symbol.casefold().replace("μ", "µ").replace("u", "µ").replace(" ", "")


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
