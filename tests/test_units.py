"""Lab limits in the units patients' own labs use (issue 15): the reviewed conversion table, how each
language shows a limit, and the messages for bad lab entries. Fixtures: tests/fixtures/*.yaml only."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from helpers import (
    FIXTURES,
    LANGUAGES,
    OneChange,
    cached_catalogues,
    cached_fixture,
    line_of,
    replace_once,
    trial_problems,
)
from trialsite import units
from trialsite.model import Lab
from trialsite.render import Renderer
from trialsite.views import Context

FIXTURE = (FIXTURES / "local_names.yaml").read_text(encoding="utf-8")
NBSP = "\u00a0"

# --- The factors, recomputed by hand from the atomic weights ------------------------------------

# Standard atomic weights (IUPAC, abridged to the digits that matter here), g/mol (OX: oxygen).
H, C, N, OX, CA = Decimal("1.008"), Decimal("12.011"), Decimal("14.007"), Decimal("15.999"), Decimal("40.078")
#: 1 dL is a tenth of a litre: a concentration per dL is ten times the same per L.
PER_DL_TO_PER_L = Decimal(10)


def molar(formula: dict[Decimal, int]) -> Decimal:
    return sum((weight * count for weight, count in formula.items()), Decimal(0))


def four_figures(value: Decimal) -> Decimal:
    """``value`` rounded to 4 significant figures, as the table writes its factors."""
    return value.quantize(Decimal(1).scaleb(value.adjusted() - 3))


# (analyte, unit) -> what one reference unit of the analyte is in that unit, worked out here.
HAND_COMPUTED = {
    # 1 g/dL = 10 g/L.
    ("haemoglobin", "g/L"): PER_DL_TO_PER_L,
    # Haemoglobin tetramer 64 458 g/mol, four haem-carrying chains: 16 114.5 g/mol per chain.
    # 1 g/dL = 10 g/L = 10 / 16 114.5 mol/L = 0.620 56 mmol/L.
    ("haemoglobin", "mmol/L"): PER_DL_TO_PER_L / (Decimal(64458) / 4) * 1000,
    # 1 mg/dL = 10 mg/L = 10 / 40.078 mmol/L.
    ("calcium", "mmol/L"): PER_DL_TO_PER_L / CA,
    # Creatinine C4H7N3O = 113.12 g/mol: 1 mg/dL = 10 / 113.12 mmol/L = 88.40 µmol/L.
    ("creatinine", "µmol/L"): PER_DL_TO_PER_L / molar({C: 4, H: 7, N: 3, OX: 1}) * 1000,
    # Bilirubin C33H36N4O6 = 584.67 g/mol: 1 mg/dL = 10 / 584.67 mmol/L = 17.10 µmol/L.
    ("bilirubin", "µmol/L"): PER_DL_TO_PER_L / molar({C: 33, H: 36, N: 4, OX: 6}) * 1000,
    # 1 g/dL = 10 g/L.
    ("albumin", "g/L"): PER_DL_TO_PER_L,
    # Glucose C6H12O6 = 180.16 g/mol: 1 mg/dL = 10 / 180.16 mmol/L.
    ("glucose", "mmol/L"): PER_DL_TO_PER_L / molar({C: 6, H: 12, OX: 6}),
}


def test_every_factor_of_the_table_has_a_hand_computed_value():
    in_table = {
        (analyte.name, symbol)
        for analyte in units.ANALYTES.values()
        for symbol in analyte.units
        if symbol != analyte.reference
    }
    assert in_table == set(HAND_COMPUTED)


@pytest.mark.parametrize(("analyte", "unit"), sorted(HAND_COMPUTED))
def test_factor_matches_the_molar_mass(analyte, unit):
    table = units.ANALYTES[analyte]
    assert table.units[table.reference].per_reference == 1
    assert table.units[unit].per_reference == four_figures(HAND_COMPUTED[(analyte, unit)])


def test_the_factors_named_in_the_issue():
    assert units.ANALYTES["haemoglobin"].factor("g/dL", "mmol/L") == Decimal("0.6206")
    assert units.ANALYTES["haemoglobin"].factor("g/dL", "g/L") == 10
    assert units.ANALYTES["calcium"].factor("mg/dL", "mmol/L") == Decimal("0.2495")
    assert units.ANALYTES["bilirubin"].factor("mg/dL", "µmol/L") == Decimal("17.10")


def test_conversion_rounds_to_the_target_units_digits_half_up():
    # 8.0 x 0.6206 = 4.9648 -> 5.0 mmol/L; 14 x 0.2495 = 3.493 -> 3.49 mmol/L; 8.0 x 10 = 80 g/L.
    assert units.convert(Decimal("8.0"), "haemoglobin", "g/dL", "mmol/L") == Decimal("5.0")
    assert units.convert(Decimal("14"), "calcium", "mg/dL", "mmol/L") == Decimal("3.49")
    assert units.convert(Decimal("8.0"), "haemoglobin", "g/dL", "g/L") == Decimal("80")
    # Backwards through the same factor: 5.0 / 0.6206 = 8.057 g/dL; 5.0 / 0.6206 x 10 = 80.57 g/L.
    assert units.convert(Decimal("5.0"), "haemoglobin", "mmol/L", "g/dL") == Decimal("8.1")
    assert units.convert(Decimal("5.0"), "haemoglobin", "mmol/L", "g/L") == Decimal("81")
    # 3.45 g/dL albumin = 34.5 g/L: half up (35), not to even (34).
    assert units.convert(Decimal("3.45"), "albumin", "g/dL", "g/L") == Decimal("35")


def test_the_local_units_table_is_consistent():
    for language, by_analyte in units.LOCAL_UNITS.items():
        assert language in LANGUAGES
        for analyte, unit in by_analyte.items():
            assert unit in units.ANALYTES[analyte].units, (language, analyte, unit)
    # The differences the issue is about.
    assert units.LOCAL_UNITS["da"]["haemoglobin"] == "mmol/L"
    assert units.LOCAL_UNITS["no"]["haemoglobin"] == "g/dL"
    assert units.LOCAL_UNITS["fi"]["haemoglobin"] == units.LOCAL_UNITS["et"]["haemoglobin"] == "g/L"
    assert {units.LOCAL_UNITS[language]["calcium"] for language in ("no", "da", "fi", "et")} == {"mmol/L"}
    assert "en" not in units.LOCAL_UNITS


# --- How each language shows a limit ------------------------------------------------------------


def context(language: str, trial=None) -> Context:
    return Context(trial or cached_fixture("local_names.yaml"), cached_catalogues()[language])


@pytest.mark.parametrize(
    ("language", "haemoglobin", "calcium"),
    [
        ("en", "8.0 g/dL", "14 mg/dL"),
        # Norwegian labs give haemoglobin in g/dL too; calcium in mmol/L.
        ("no", "8,0 g/dL", "14 mg/dL (ca. 3,49 mmol/L)"),
        ("da", "8,0 g/dL (ca. 5,0 mmol/L)", "14 mg/dL (ca. 3,49 mmol/L)"),
        # Estonian lab reports write the litre with a capital L (Tartu University Hospital's United
        # Laboratories: g/L, mmol/L), Finnish ones with a small l.
        ("et", "8,0 g/dL (umbes 80 g/L)", "14 mg/dL (umbes 3,49 mmol/L)"),
        ("fi", "8,0 g/dl (noin 80 g/l)", "14 mg/dl (noin 3,49 mmol/l)"),
    ],
)
def test_each_language_adds_its_labs_unit(language, haemoglobin, calcium):
    facts = context(language).facts
    # A no-break space keeps each number with its unit.
    assert facts["labs.hb"] == re.sub(r"(\d) ", "\\1" + NBSP, haemoglobin)
    assert facts["labs.ca"] == re.sub(r"(\d) ", "\\1" + NBSP, calcium)


def test_the_criterion_shows_the_limit_with_the_local_unit():
    inclusion = Renderer(context("da")).section("inclusion")
    assert f"Hæmoglobin mindst 8,0{NBSP}g/dL (ca. 5,0{NBSP}mmol/L)." in inclusion.replace("&nbsp;", NBSP)
    exclusion = Renderer(context("fi")).section("exclusion")
    assert f"Kalsium yli 14{NBSP}mg/dl (noin 3,49{NBSP}mmol/l)." in exclusion.replace("&nbsp;", NBSP)


ALL_PAIRS = [
    (language, analyte, unit)
    for language in LANGUAGES
    for analyte, table in units.ANALYTES.items()
    for unit in table.units
]


@pytest.mark.parametrize(("language", "analyte", "unit"), ALL_PAIRS)
def test_every_analyte_and_unit_renders_in_every_language(language, analyte, unit):
    table = units.ANALYTES[analyte]
    low, high = table.plausible
    value = units.convert((low + high) / 2, analyte, table.reference, unit)
    shown = context(language).lab(Lab(id="x", analyte=analyte, value=value, unit=unit))
    fmt = cached_catalogues()[language].formatter
    written = f"{fmt.number(value)}{NBSP}{cached_catalogues()[language].text(f'labs.unit.{table.units[unit].key}')}"
    local = units.local_unit(language, analyte, unit)
    if local is None:
        assert shown == written
        return
    symbol = cached_catalogues()[language].text(f"labs.unit.{table.units[local].key}")
    converted = f"{fmt.number(units.convert(value, analyte, unit, local))}{NBSP}{symbol}"
    assert shown == cached_catalogues()[language].text("labs.with_local", value=written, local=converted)
    assert shown.startswith(written + " (") and shown.endswith(converted + ")")


def test_every_local_unit_has_a_symbol_in_every_catalogue():
    for language in LANGUAGES:
        for key in units.UNIT_KEYS:
            assert cached_catalogues()[language].text(f"labs.unit.{key}").strip()
    # Finnish lab reports write the litre with a small l, Estonian ones with a capital L.
    assert cached_catalogues()["fi"].text("labs.unit.g_per_l") == "g/l"
    assert cached_catalogues()["et"].text("labs.unit.g_per_l") == "g/L"
    # The data's own unit is written each language's way too: no "8,0 g/dL (noin 80 g/l)" in Finnish.
    assert (
        cached_catalogues()["fi"].text("labs.unit.g_per_dl") == "g/dl"
        and cached_catalogues()["en"].text("labs.unit.g_per_dl") == "g/dL"
    )


# --- Bad lab entries ------------------------------------------------------------------------------


# Each change of one text gives exactly one problem, at the line of the needle: (id, text, its replacement,
# the needle, column, message).
LAB_CHANGES = [
    OneChange(
        "unknown_analyte_lists_the_known_ones",
        "analyte: haemoglobin",
        "analyte: hemoglobin",
        "analyte: hemoglobin",
        14,
        'labs[1].analyte: unknown analyte "hemoglobin" (did you mean "haemoglobin"?); '
        "the table knows: haemoglobin, calcium, creatinine, bilirubin, albumin, glucose",
    ),
    OneChange(
        "a_translation_must_insert_the_lab_limit_too",
        'fi: "Hemoglobiini vähintään {labs.hb}."',
        'fi: "Hemoglobiini vähintään 80 g/l."',
        "Hemoglobiini vähintään 80 g/l.",
        13,
        "eligibility.inclusion[1].text.fi: must insert the same facts as the English text "
        "({labs.hb}), but inserts none",
    ),
    OneChange(
        "unit_the_table_does_not_know_for_haemoglobin",
        "unit: g/dL",
        "unit: g/dl",
        "unit: g/dl",
        11,
        'labs[1].unit: "g/dl" is not a unit the table knows for haemoglobin (did you mean "g/dL"?); '
        "expected one of: g/dL, g/L, mmol/L",
    ),
    OneChange(
        "unit_the_table_does_not_know_for_calcium",
        "unit: mg/dL",
        "unit: g/L",
        "unit: g/L",
        11,
        'labs[2].unit: "g/L" is not a unit the table knows for calcium (did you mean "mg/dL"?); '
        "expected one of: mg/dL, mmol/L",
    ),
    # 80 is haemoglobin in g/L, written with g/dL: not a value blood can have.
    OneChange(
        "value_out_of_bounds_for_the_unit",
        "value: 8.0",
        "value: 80",
        "value: 80",
        12,
        "labs[1].value: 80 g/dL is not a plausible haemoglobin limit; expected between 1 and 25 g/dL "
        "(is the unit right?)",
    ),
    OneChange(
        "value_zero",
        "value: 8.0",
        "value: 0",
        "value: 0",
        12,
        "labs[1].value: must be greater than 0, got a whole number (0)",
    ),
    OneChange(
        "value_with_too_many_decimals",
        "value: 8.0",
        "value: 8.0000001",
        "value: 8.0000001",
        12,
        "labs[1].value: 8.0000001 is not a number this field can hold; write it with at most 6 decimal places "
        "and below 1,000,000,000 (for example 2.5 or 0.000125)",
    ),
]


@pytest.mark.parametrize("case", LAB_CHANGES, ids=lambda case: case.id)
def test_one_lab_change_gives_its_one_problem(case):
    case.check(FIXTURE)


def test_a_lab_limit_that_does_not_exist():
    text = FIXTURE.replace("{labs.hb}", "{labs.hgb}")
    line = line_of(text, 'en: "Hemoglobin at least {labs.hgb}."')
    found = trial_problems(text)
    assert len(found) == len(LANGUAGES)
    assert found[0] == (
        f"data/trial.yaml:{line}:13: eligibility.inclusion[1].text.en: {{labs.hgb}} is not a known fact "
        '(did you mean "labs.hb"?); expected one of: {labs.hb}, {labs.ca}'
    )


def test_lab_ids_are_unique_and_fields_required():
    text = replace_once(FIXTURE, "  - id: ca\n", "  - id: hb\n")
    first = line_of(text, "  - id: hb")
    second = line_of(text, "  - id: hb", 2)
    assert (
        f"data/trial.yaml:{second}:9: labs[2].id: a lab limit is listed twice (first at labs[1], line {first})"
        in trial_problems(text)
    )
    text = replace_once(FIXTURE, "    unit: mg/dL\n", "")
    assert trial_problems(text) == [
        f"data/trial.yaml:{line_of(text, '  - id: ca')}:5: labs[2].unit: is missing; expected the limit's unit as the "
        "criteria write it, for example g/dL (one the table in units.py knows for the analyte)."
    ]


def test_a_lab_limit_and_a_dose_cannot_share_a_name():
    # A medicine called "labs" has the fact {labs.dose}; so would a lab limit called "dose".
    text = replace_once(FIXTURE, "  - id: demo\n", "  - id: labs\n")
    text = replace_once(text, "    route: intravenous\n", "    route: intravenous\n    dose: {amount: 1, unit: mg}\n")
    text = replace_once(text, "  - id: ca\n", "  - id: dose\n")
    text = text.replace("{labs.ca}", "{labs.dose}")
    assert trial_problems(text) == [
        f"data/trial.yaml:{line_of(text, '  - id: dose')}:9: labs[2].id: {{labs.dose}} is also the dose of "
        'the medicine "labs"; give the lab limit or the medicine another id'
    ]
