"""The typed model and its cross-checks, on the real data file with one thing broken at a time.

Every expected message is written out in full: it is what an editor reads.
"""

from __future__ import annotations

import pytest
from helpers import DATA, FIXTURES, LANGUAGES, line_of, replace_once
from trialsite.loader import load_yaml_bytes
from trialsite.validation import TrialDataError, load_trial_bytes, validate_trial
from trialsite.vocabulary import REGISTRY_TERMS, RecruitmentStatus, status_from_registry_term

REAL = DATA.read_text(encoding="utf-8")
STATUSES = ", ".join(status.value for status in RecruitmentStatus)


def problems(text: str, languages: list[str] = LANGUAGES) -> list[str]:
    with pytest.raises(TrialDataError) as caught:
        load_trial_bytes(text.encode(), languages, "data/trial.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_bundled_trial_is_valid():
    trial = validate_trial(load_yaml_bytes(REAL.encode(), "data/trial.yaml"), LANGUAGES)
    assert trial.identifiers.eu_ct_number == "2025-522114-23-00"
    assert len(trial.eligibility.inclusion) == 14
    assert len(trial.eligibility.exclusion) == 15
    assert len(trial.schedule.steps) == 8
    assert len(trial.sites) == 8
    assert {entry.country for entry in trial.recruitment} == {"DK", "EE", "FI", "NO"}


def test_minimal_fixture_is_valid_for_its_two_languages():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    trial = validate_trial(load_yaml_bytes(text.encode(), "minimal.yaml"), ["en", "fi"])
    assert [site.country for site in trial.sites] == ["SE", "DE"]


def test_unknown_status_suggests_the_near_miss():
    text = replace_once(REAL, "status: not_yet_recruiting", "status: recuiting")
    line = line_of(text, "status: recuiting")
    assert problems(text) == [
        f'data/trial.yaml:{line}:13: recruitment[1].status: "recuiting" is not allowed here '
        f'(did you mean "recruiting"?); expected one of: {STATUSES}'
    ]


def test_registry_wording_is_translated_into_the_code():
    text = replace_once(REAL, "status: not_yet_recruiting", 'status: "Authorised, recruitment pending"')
    line = line_of(text, "Authorised, recruitment pending")
    assert problems(text) == [
        f'data/trial.yaml:{line}:13: recruitment[1].status: "Authorised, recruitment pending" is the EU CTIS '
        "wording; write not_yet_recruiting"
    ]


def test_unknown_field_names_the_allowed_ones():
    text = replace_once(REAL, "    category: verified\n", "    category: verified\n    statsu: recruiting\n")
    line = line_of(text, "statsu:")
    assert problems(text) == [
        f'data/trial.yaml:{line}:5: sites[1].statsu: is not a known field (did you mean "status"?); '
        "expected one of: name, city, country, category, status, checked, location"
    ]


def test_wrong_type():
    text = replace_once(REAL, "planned: 12", "planned: twelve")
    line = line_of(text, "planned: twelve")
    assert problems(text) == [
        f'data/trial.yaml:{line}:14: schedule.cycles.planned: expected a whole number, got the text "twelve"'
    ]


def test_unknown_country():
    text = replace_once(REAL, "country: DK", "country: XX")
    line = line_of(text, "country: XX")
    assert problems(text) == [
        f'data/trial.yaml:{line}:14: recruitment[1].country: unknown country "XX"; expected a two-letter '
        'ISO 3166-1 code such as "NO", DK, EE, FI'
    ]


def test_lower_case_country_gets_a_hint():
    text = replace_once(REAL, "country: DK", "country: dk")
    found = problems(text)
    assert len(found) == 1
    assert found[0].endswith('(did you mean "DK"? codes are written in capitals)')


def test_unquoted_norway_is_caught_before_it_becomes_false():
    text = replace_once(REAL, 'country: "NO"', "country: NO")
    line = line_of(text, "country: NO")
    assert problems(text) == [
        f"data/trial.yaml:{line}:14: recruitment[4].country: NO is read by YAML as true/false; "
        'if you mean the text, write it in quotes: "NO"'
    ]


def test_invalid_date():
    text = replace_once(REAL, "start: 2026-05-20", "start: 2026-05-32")
    line = line_of(text, "2026-05-32")
    assert problems(text) == [
        f"data/trial.yaml:{line}:12: recruitment[1].start: 2026-05-32 is not a real date; expected a date as YYYY-MM-DD"
    ]


def test_date_in_quotes_is_text_not_a_date():
    text = replace_once(REAL, "start: 2026-05-20", 'start: "20.05.2026"')
    line = line_of(text, "20.05.2026")
    assert problems(text) == [
        f"data/trial.yaml:{line}:12: recruitment[1].start: expected a date written as YYYY-MM-DD, for example 2026-05-20 (without quotes), "
        'got the text "20.05.2026"'
    ]


def test_missing_translation():
    fi_line = '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n'
    text = replace_once(REAL, fi_line, "")
    line = line_of(text, "short_title:")
    assert problems(text) == [
        f"data/trial.yaml:{line}:1: short_title: missing the text in fi; every text needs all of: en, no, da, et, fi"
    ]


def test_unknown_language():
    text = replace_once(REAL, '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n',
                        '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n  sv: "Studie"\n')
    line = line_of(text, "short_title:")
    assert problems(text) == [
        f'data/trial.yaml:{line}:1: short_title: unknown language "sv"; this site\'s languages are en, no, da, et, fi'
    ]


def test_duplicate_site():
    block = '  - name: "Tartu University Hospital"\n    city: Tartu\n    country: EE\n    category: other\n'
    text = replace_once(REAL, block, block + block)
    first = line_of(text, '- name: "Tartu University Hospital"', 1)
    second = line_of(text, '- name: "Tartu University Hospital"', 2)
    assert problems(text) == [
        f"data/trial.yaml:{second}:11: sites[8].name: the same site (name, city and country) is listed twice "
        f"(first at sites[7], line {first})"
    ]


def test_duplicate_country_in_recruitment():
    text = replace_once(REAL, "country: EE\n    status", "country: DK\n    status")
    line = line_of(text, "country: DK", 2)
    first = line_of(text, "- country: DK", 1)
    assert problems(text) == [
        f"data/trial.yaml:{line}:14: recruitment[2].country: a country is listed twice (first at recruitment[1], line {first})"
    ]


def test_unknown_fact_in_a_text():
    text = REAL.replace("{teclistamab.dose}", "{teclistamab.dosis}")
    english_line = line_of(text, "{teclistamab.dosis}", 2)  # the first is in the header comment
    while "en: " not in text.splitlines()[english_line - 1]:
        english_line -= 1
    found = problems(text)
    assert len(found) == len(LANGUAGES)
    assert (
        f"data/trial.yaml:{english_line}:13: schedule.steps[2].text.en: {{teclistamab.dosis}} is not a known fact "
        '(did you mean "teclistamab.dose"?); expected one of: {teclistamab.dose}, {pomalidomide.dose}, '
        "{cycles.planned}, {cycles.maximum}"
    ) in found


def test_a_translation_must_insert_the_same_facts():
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = replace_once(minimal, "annos {demo.dose},", "annos 2,5 mg/kg,")
    line = line_of(text, "annos 2,5 mg/kg")
    assert problems(text, ["en", "fi"]) == [
        f"data/trial.yaml:{line}:7: summary.fi: must insert the same facts as the English text "
        "({cycles.planned}, {demo.dose}), but inserts {cycles.planned}"
    ]


def test_all_problems_are_reported_in_one_run():
    text = replace_once(REAL, "status: not_yet_recruiting", "status: recuiting")
    text = replace_once(text, "planned: 12", "planned: twelve")
    text = replace_once(text, "country: DK", "country: XX")
    assert len(problems(text)) == 3


def test_type_errors_and_cross_checks_come_in_the_same_run():
    block = '  - name: "Tartu University Hospital"\n    city: Tartu\n    country: EE\n    category: other\n'
    text = replace_once(REAL, block, block + block)  # a duplicate site (a cross-check) ...
    text = replace_once(text, "planned: 12", "planned: twelve")  # ... and a wrong type
    text = replace_once(text, "{teclistamab.dose}:", "{teclistamab.dosis}:")  # ... and an unknown fact
    found = problems(text)
    assert any("sites[8].name: the same site (name, city and country) is listed twice" in line for line in found)
    assert any("schedule.cycles.planned: expected a whole number" in line for line in found)
    assert any("{teclistamab.dosis} is not a known fact" in line for line in found)


def test_file_that_is_a_list():
    assert problems("- a\n- b\n") == [
        "data/trial.yaml:1:1: (top level): the file holds a list; expected fields such as identifiers:, title:, sites:"
    ]


def test_missing_required_field_says_what_is_expected():
    text = replace_once(REAL, "dose: {amount: 1, unit: mg}", "dose: {amount: 1}")
    line = line_of(text, "dose: {amount: 1}")
    assert problems(text) == [
        f"data/trial.yaml:{line}:5: drugs[2].dose.unit: is missing; expected the unit, for example mg or mg/kg."
    ]


def test_a_trial_needs_an_eu_or_a_clinicaltrials_gov_number():
    without_eu = replace_once(REAL, '  eu_ct_number: "2025-522114-23-00"\n', "")
    line = line_of(without_eu, "identifiers:")
    assert problems(without_eu) == [
        f"data/trial.yaml:{line}:1: identifiers: needs at least one trial number: eu_ct_number (the EU CT number, "
        "for example 2025-522114-23-00) or nct_number (the ClinicalTrials.gov number, for example NCT04280705), or both"
    ]
    nct_only = replace_once(REAL, '  eu_ct_number: "2025-522114-23-00"\n', "  nct_number: NCT04280705\n")
    trial = validate_trial(load_yaml_bytes(nct_only.encode(), "data/trial.yaml"), LANGUAGES)
    assert trial.identifiers.eu_ct_number is None and trial.identifiers.nct_number == "NCT04280705"
    both = replace_once(REAL, '  eu_ct_number: "2025-522114-23-00"\n',
                        '  eu_ct_number: "2025-522114-23-00"\n  nct_number: NCT04280705\n')
    assert validate_trial(load_yaml_bytes(both.encode(), "data/trial.yaml"), LANGUAGES).identifiers.nct_number == "NCT04280705"


@pytest.mark.parametrize("number", ["NCT0428070", "NCT042807055", "nct04280705", "04280705", "NCT 04280705"])
def test_an_nct_number_is_nct_and_eight_digits(number):
    text = replace_once(REAL, '  eu_ct_number: "2025-522114-23-00"\n', f'  nct_number: "{number}"\n')
    line = line_of(text, "nct_number:")
    assert problems(text) == [
        f'data/trial.yaml:{line}:15: identifiers.nct_number: the text "{number}" does not have the expected form; '
        "The ClinicalTrials.gov number (NCT number), for example NCT04280705."
    ]


@pytest.mark.parametrize(
    ("term", "code"),
    [(term, code) for terms in REGISTRY_TERMS.values() for term, code in terms.items()],
)
def test_every_registry_term_maps_to_a_status(term, code):
    assert status_from_registry_term(term.upper())[1] is code


def test_both_registries_cover_every_phase_of_recruitment():
    covered = {code for terms in REGISTRY_TERMS.values() for code in terms.values()}
    assert covered == set(RecruitmentStatus)
