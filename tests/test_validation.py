"""The typed model and its cross-checks, on the seed trial (tests/trials/seed.yaml) with one thing broken at a time.

Every expected message is written out in full: it is what an editor reads.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from helpers import FIXTURES, LANGUAGES, ROOT, SEED, OneChange, line_of, replace_once, trial_problems
from trialsite.cli import main
from trialsite.loader import load_yaml_bytes
from trialsite.problems import TrialDataError
from trialsite.validation import latest_today, load_trial_bytes, validate_trial
from trialsite.vocabulary import REGISTRY_TERMS, RecruitmentStatus, status_from_registry_term

SEED_TEXT = SEED.read_text(encoding="utf-8")
STATUSES = ", ".join(status.value for status in RecruitmentStatus)


def test_seed_trial_is_valid_with_its_counts():
    trial = validate_trial(load_yaml_bytes(SEED_TEXT.encode(), "data/trial.yaml"), LANGUAGES)
    assert trial.identifiers.eu_ct_number == "2025-522114-23-00"
    assert len(trial.eligibility.inclusion) == 14
    assert len(trial.eligibility.exclusion) == 15
    assert len(trial.schedule.steps) == 8
    assert len(trial.sites) == 8
    assert {entry.country for entry in trial.recruitment} == {"DK", "EE", "FI", "NO"}


def test_minimal_fixture_is_valid_for_its_two_languages():
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    trial = validate_trial(load_yaml_bytes(text.encode(), "minimal.yaml"), ["en", "fi"])
    assert [site.city.default for site in trial.sites] == ["Stockholm", "Göteborg"]


# Each change of one text gives exactly one problem, at the line of the needle: (id, text, its replacement,
# the needle, column, message).
ONE_CHANGE = [
    OneChange(
        "unknown_status_suggests_the_near_miss",
        "status: not_yet_recruiting",
        "status: recuiting",
        "status: recuiting",
        13,
        f'recruitment[1].status: "recuiting" is not allowed here '
        f'(did you mean "recruiting"?); expected one of: {STATUSES}',
    ),
    OneChange(
        "registry_wording_is_translated_into_the_code",
        "status: not_yet_recruiting",
        'status: "Authorised, recruitment pending"',
        "Authorised, recruitment pending",
        13,
        'recruitment[1].status: "Authorised, recruitment pending" is the EU CTIS wording; write not_yet_recruiting',
    ),
    OneChange(
        "unknown_field_names_the_allowed_ones",
        "    category: verified\n",
        "    category: verified\n    statsu: recruiting\n",
        "statsu:",
        5,
        'sites[1].statsu: is not a known field (did you mean "status"?); '
        "expected one of: name, city, country, category, status, checked, location, contact",
    ),
    OneChange(
        "wrong_type",
        "planned: 12",
        "planned: twelve",
        "planned: twelve",
        14,
        'schedule.cycles.planned: expected a whole number, got the text "twelve"',
    ),
    OneChange(
        "unknown_country",
        "country: DK",
        "country: XX",
        "country: XX",
        14,
        'recruitment[1].country: unknown country "XX"; expected a two-letter ISO 3166-1 code such as "NO", DK, EE, FI',
    ),
    OneChange(
        "date_in_quotes_is_text_not_a_date",
        "start: 2026-05-20",
        'start: "20.05.2026"',
        "20.05.2026",
        12,
        "recruitment[1].start: expected a date written as YYYY-MM-DD, for example 2026-05-20 (without quotes), "
        'got the text "20.05.2026"',
    ),
    OneChange(
        "unknown_language",
        '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n',
        '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n  sv: "Studie"\n',
        "short_title:",
        1,
        'short_title: unknown language "sv"; this site\'s languages are en, no, da, et, fi',
    ),
    OneChange(
        "missing_required_field_says_what_is_expected",
        "dose: {amount: 1, unit: mg}",
        "dose: {amount: 1}",
        "dose: {amount: 1}",
        5,
        "drugs[2].dose.unit: is missing; expected the unit, for example mg or mg/kg "
        "(plain text, without < > & [ ] * _ ` \\ { }).",
    ),
]


@pytest.mark.parametrize("case", ONE_CHANGE, ids=lambda case: case.id)
def test_one_change_gives_its_one_problem(case):
    case.check(SEED_TEXT)


# Problems the YAML reader finds (their wording is tested in test_loader.py) reach the check with
# the file's line and column and the field's path in the trial.
@pytest.mark.parametrize(
    ("old", "new", "needle", "column", "field"),
    [
        ('country: "NO"', "country: NO", "country: NO", 14, "recruitment[4].country"),
        ("start: 2026-05-20", "start: 2026-05-32", "2026-05-32", 12, "recruitment[1].start"),
    ],
    ids=["unquoted-norway", "invalid-date"],
)
def test_the_readers_problems_come_with_the_fields_position(old, new, needle, column, field):
    text = replace_once(SEED_TEXT, old, new)
    found = trial_problems(text)
    assert len(found) == 1 and found[0].startswith(f"data/trial.yaml:{line_of(text, needle)}:{column}: {field}: "), (
        found
    )


def test_lower_case_country_gets_a_hint():
    text = replace_once(SEED_TEXT, "country: DK", "country: dk")
    found = trial_problems(text)
    assert len(found) == 1
    assert found[0].endswith('(did you mean "DK"? codes are written in capitals)')


def test_missing_translation():
    fi_line = '  fi: "Teklistamabi- ja pomalidomiditutkimus"\n'
    text = replace_once(SEED_TEXT, fi_line, "")
    line = line_of(text, "short_title:")
    assert trial_problems(text) == [
        f"data/trial.yaml:{line}:1: short_title: missing the text in fi; every text needs all of: en, no, da, et, fi"
    ]


def test_duplicate_site():
    block = (
        '  - name: {en: "Tartu University Hospital", et: "SA Tartu Ülikooli Kliinikum"}\n'
        "    city: {en: Tartu, fi: Tartto}\n    country: EE\n    category: other\n"
    )
    text = replace_once(SEED_TEXT, block, block + block)
    first = line_of(text, '- name: {en: "Tartu University Hospital"', 1)
    second = line_of(text, '- name: {en: "Tartu University Hospital"', 2)
    assert trial_problems(text) == [
        f"data/trial.yaml:{second}:5: sites[8].name: the same site (name, city and country) is listed twice "
        f"(first at sites[7], line {first})"
    ]


def test_duplicate_country_in_recruitment():
    text = replace_once(SEED_TEXT, "country: EE\n    status", "country: DK\n    status")
    line = line_of(text, "country: DK", 2)
    first = line_of(text, "- country: DK", 1)
    assert trial_problems(text) == [
        f"data/trial.yaml:{line}:14: recruitment[2].country: a country is listed twice "
        f"(first at recruitment[1], line {first})"
    ]


def test_unknown_fact_in_a_text():
    text = SEED_TEXT.replace("{teclistamab.dose}", "{teclistamab.dosis}")
    english_line = line_of(text, "{teclistamab.dosis}", 2)  # the first is in the header comment
    while "en: " not in text.splitlines()[english_line - 1]:
        english_line -= 1
    found = trial_problems(text)
    assert len(found) == len(LANGUAGES)
    assert (
        f"data/trial.yaml:{english_line}:13: schedule.steps[2].text.en: {{teclistamab.dosis}} is not a known fact "
        '(did you mean "teclistamab.dose"?); expected one of: {teclistamab.dose}, {pomalidomide.dose}, '
        "{cycles.planned}, {cycles.maximum}, {labs.haemoglobin}, {labs.calcium}"
    ) in found


def test_a_translation_must_insert_the_same_facts():
    minimal = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    text = replace_once(minimal, "annos {demo.dose},", "annos 2,5 mg/kg,")
    line = line_of(text, "annos 2,5 mg/kg")
    assert trial_problems(text, ["en", "fi"]) == [
        f"data/trial.yaml:{line}:7: summary.fi: must insert the same facts as the English text "
        "({cycles.planned}, {demo.dose}), but inserts {cycles.planned}"
    ]


def test_all_problems_are_reported_in_one_run():
    text = replace_once(SEED_TEXT, "status: not_yet_recruiting", "status: recuiting")
    text = replace_once(text, "planned: 12", "planned: twelve")
    text = replace_once(text, "country: DK", "country: XX")
    assert len(trial_problems(text)) == 3


def test_type_errors_and_cross_checks_come_in_the_same_run():
    block = (
        '  - name: {en: "Tartu University Hospital", et: "SA Tartu Ülikooli Kliinikum"}\n'
        "    city: {en: Tartu, fi: Tartto}\n    country: EE\n    category: other\n"
    )
    text = replace_once(SEED_TEXT, block, block + block)  # a duplicate site (a cross-check) ...
    text = replace_once(text, "planned: 12", "planned: twelve")  # ... and a wrong type
    text = replace_once(text, "{teclistamab.dose}:", "{teclistamab.dosis}:")  # ... and an unknown fact
    found = trial_problems(text)
    assert any("sites[8].name: the same site (name, city and country) is listed twice" in line for line in found)
    assert any("schedule.cycles.planned: expected a whole number" in line for line in found)
    assert any("{teclistamab.dosis} is not a known fact" in line for line in found)


def test_file_that_is_a_list():
    assert trial_problems("- a\n- b\n") == [
        "data/trial.yaml:1:1: (top level): the file holds a list; expected fields such as identifiers:, title:, sites:"
    ]


def test_a_trial_needs_an_eu_or_a_clinicaltrials_gov_number():
    without_eu = replace_once(SEED_TEXT, '  eu_ct_number: "2025-522114-23-00"\n', "")
    line = line_of(without_eu, "identifiers:")
    assert trial_problems(without_eu) == [
        f"data/trial.yaml:{line}:1: identifiers: needs at least one trial number: eu_ct_number (the EU CT number, "
        "for example 2024-512345-12-00) or nct_number (the ClinicalTrials.gov number, for example NCT04280705), or both"
    ]
    nct_only = replace_once(SEED_TEXT, '  eu_ct_number: "2025-522114-23-00"\n', "  nct_number: NCT04280705\n")
    trial = validate_trial(load_yaml_bytes(nct_only.encode(), "data/trial.yaml"), LANGUAGES)
    assert trial.identifiers.eu_ct_number is None and trial.identifiers.nct_number == "NCT04280705"
    both = replace_once(
        SEED_TEXT,
        '  eu_ct_number: "2025-522114-23-00"\n',
        '  eu_ct_number: "2025-522114-23-00"\n  nct_number: NCT04280705\n',
    )
    assert (
        validate_trial(load_yaml_bytes(both.encode(), "data/trial.yaml"), LANGUAGES).identifiers.nct_number
        == "NCT04280705"
    )


@pytest.mark.parametrize("number", ["NCT0428070", "NCT042807055", "nct04280705", "04280705", "NCT 04280705"])
def test_an_nct_number_is_nct_and_eight_digits(number):
    text = replace_once(SEED_TEXT, '  eu_ct_number: "2025-522114-23-00"\n', f'  nct_number: "{number}"\n')
    line = line_of(text, "nct_number:")
    assert trial_problems(text) == [
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


# --- Hostile values (on the small fixture) -------------------------------------------------------

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 5, 20)


def minimal_problems(old: str, new: str, today: dt.date = TODAY) -> list[str]:
    text = replace_once(MINIMAL, old, new)
    with pytest.raises(TrialDataError) as caught:
        load_trial_bytes(text.encode("utf-8"), ["en", "fi"], "t.yaml", today=today)
    return [str(problem) for problem in caught.value.problems]


def minimal_trial(old: str, new: str, today: dt.date = TODAY):
    return load_trial_bytes(replace_once(MINIMAL, old, new).encode("utf-8"), ["en", "fi"], "t.yaml", today=today)


NUMBER_RANGE = (
    "is not a number this field can hold; write it with at most 6 decimal places and below "
    "1,000,000,000 (for example 2.5 or 0.000125)"
)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("1e400", "1E+400"),
        ('"1e400"', "1E+400"),
        ("-1.0e+400", None),
        ("1.0e-400", "1.0E-400"),
        ("0.0000001", "0.0000001"),
        ("1000000000", None),
        ("999999999.5", "ok"),
        ("0.000001", "ok"),
        ("2.500000", "ok"),
    ],
)
def test_dose_amounts_are_bounded(written, shown):
    old = "amount: 2.5,"
    if shown == "ok":
        assert minimal_trial(old, f"amount: {written},").drugs[0].dose.amount == Decimal(written)
        return
    found = minimal_problems(old, f"amount: {written},")
    assert len(found) == 1 and found[0].startswith("t.yaml:27:20: drugs[1].dose.amount: ")
    if shown:
        assert found == [f"t.yaml:27:20: drugs[1].dose.amount: {shown} {NUMBER_RANGE}"]


@pytest.mark.parametrize("written", [".nan", ".NaN", ".inf", "-.Inf", '"NaN"', '"Infinity"', '"-inf"', '"sNaN"'])
def test_not_a_number_and_infinity_are_refused(written):
    found = minimal_problems("amount: 2.5,", f"amount: {written},")
    shown = written.strip('"')
    assert found == [f't.yaml:27:20: drugs[1].dose.amount: expected a number, got the text "{shown}"']


def test_coordinates_have_at_most_six_decimal_places():
    old = "    status: recruiting\n  - name"
    assert minimal_trial(
        old, "    status: recruiting\n    location: {latitude: 59.329323, longitude: 18.068581}\n  - name"
    )
    found = minimal_problems(
        old, "    status: recruiting\n    location: {latitude: 1.0e-400, longitude: 18.07}\n  - name"
    )
    assert found == [f"t.yaml:62:26: sites[1].location.latitude: 1.0E-400 {NUMBER_RANGE}"]


def test_counts_are_bounded_and_long_values_are_cut_short_in_messages():
    found = minimal_problems("planned: 6", "planned: " + "9" * 4000)
    assert len(found) == 1 and len(found[0]) < 200
    assert found[0].startswith("t.yaml:33:14: schedule.cycles.planned: must be at most 1000, got a whole number (9999")
    assert minimal_problems(
        "related_trials: []",
        "related_trials:\n  - title: {en: x, fi: y}\n    status: recruiting\n"
        "    phase: phase2\n    more_countries: 301",
    ) == ["t.yaml:72:21: related_trials[1].more_countries: must be at most 300, got a whole number (301)"]


@pytest.mark.parametrize(
    ("value", "character"),
    [
        ("\\ud800", "U+D800"),
        ("\\udfff", "U+DFFF"),
        ("\\x00", "U+0000"),
        ("\\e", "U+001B"),
        ("\\x7f", "U+007F"),
        ("\\x9b", "U+009B"),
        ("\\N", "U+0085"),
        ("\\r", "U+000D"),
        ("\\v", "U+000B"),
    ],
)
def test_control_characters_and_lone_surrogates_are_refused_where_they_are(value, character):
    found = minimal_problems('fi: "Aloitat."', f'fi: "Aloi{value}tat."')
    kind = (
        "half of a character pair (a lone surrogate), which cannot be shown; write the whole character or remove it"
        if character.startswith("U+D")
        else None
    )
    if kind:
        assert found == [f"t.yaml:41:13: schedule.steps[1].text.fi: holds {character} at character 5, {kind}"]
    else:
        assert found == [
            f"t.yaml:41:13: schedule.steps[1].text.fi: holds an invisible control character ({character}) "
            "at character 5; remove it"
        ]


@pytest.mark.parametrize(("field", "old"), [("name", '"Karolinska"'), ("city", "Stockholm")])
def test_names_and_cities_are_one_visible_line(field, old):
    where = f"t.yaml:{58 if field == 'name' else 59}:11: sites[1].{field}"
    assert minimal_problems(f"{field}: {old}", f'{field}: "Karo\\tlinska"') == [
        f"{where}: must be one line; remove the line break or tab"
    ]
    for invisible in ("\\u200b", "\\u00a0\\u2060", "\\u3164", "\\u00ad", " \\u0301"):
        assert minimal_problems(f"{field}: {old}", f'{field}: "{invisible}"') == [
            f"{where}: has no visible text (only spaces or invisible characters); write the value"
        ], invisible
    # Markup in a name is shown as written (the templates escape it), so it is not refused.
    assert minimal_trial(f"{field}: {old}", f'{field}: "<b></b>"')


NO_VISIBLE_TEXT = (
    "has no visible text (only spaces, invisible characters or empty markup such as <b></b> or &nbsp;); write the text"
)


@pytest.mark.parametrize(
    "text",
    [
        "\\u200b",
        "\\u200b\\u200c\\u200d\\u2060\\ufeff",
        "<b></b>",
        "&nbsp;",
        "&#8203;",
        "&zwnj; &nbsp;",
        "<i> </i>\\n\\n<b>&nbsp;</b>",
        "- ",
        "***",
        "---",
        "<script>alert(1)</script>",
        "<!-- a comment -->",
        "[](https://example.org)",
        "![a picture](https://example.org/a.png)",
        "[a]: https://example.org",
        "#",
        "\\u202e\\u202c",
        "\\u2800",
        "\\ufe0f",
    ],
)
def test_texts_with_nothing_visible_are_refused(text):
    assert minimal_problems('fi: "Aloitat."', f'fi: "{text}"') == [
        f"t.yaml:41:13: schedule.steps[1].text.fi: {NO_VISIBLE_TEXT}"
    ]


@pytest.mark.parametrize("text", ["<b>x</b>", "&amp;", "**0**", "- a", "1.", "\\\\#", "&lt;b&gt;", "\u00e9", "e\u0301"])
def test_short_texts_with_something_visible_are_kept(text):
    assert minimal_trial('fi: "Aloitat."', f'fi: "{text}"')


def test_a_text_that_is_only_a_fact_is_visible():
    assert minimal_trial(
        'en: "You start."\n        fi: "Aloitat."', 'en: "{cycles.planned}"\n        fi: "{cycles.planned}"'
    )


ALLOWED = "links in texts must start with https://, mailto:, tel: or glossary:"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[x](page.html)", f'has the relative link "page.html", which would be broken on some pages; {ALLOWED}'),
        ("[x](../index.md)", f'has the relative link "../index.md", which would be broken on some pages; {ALLOWED}'),
        ("[x](#top)", f'has the relative link "#top", which would be broken on some pages; {ALLOWED}'),
        ("[x](/admin)", f'has the relative link "/admin", which would be broken on some pages; {ALLOWED}'),
        (
            "[x](//evil.example/)",
            'has the link "//evil.example/", which leads to another site but looks like a page of this '
            "one; write the full address, starting with https://",
        ),
        # Written in YAML's double quotes, where \\ is one backslash: the links are \\evil.example/ and \evil.example/.
        (
            r"<a href='\\\\evil.example/'>x</a>",
            r'has the link "\\evil.example/", which leads to another site but looks '
            "like a page of this one; write the full address, starting with https://",
        ),
        (
            r"[x](\\\\evil.example/)",
            rf'has the relative link "\evil.example/", which would be broken on some pages; {ALLOWED}',
        ),
        (
            "<a href='//evil.example/'>x</a>",
            'has the link "//evil.example/", which leads to another site but looks like a '
            "page of this one; write the full address, starting with https://",
        ),
        (
            "<a href=' \\t//evil.example/'>x</a>",
            'has the link "//evil.example/", which leads to another site but looks like a '
            "page of this one; write the full address, starting with https://",
        ),
        (
            "[x][1]\\n\\n[1]: /reference",
            f'has the relative link "/reference", which would be broken on some pages; {ALLOWED}',
        ),
        ("<a href=''>x</a>", f"has a link with no address; {ALLOWED}"),
        ("[x](http://example.org)", 'has the link "http://example.org"; write https:// (secure) addresses only'),
        ("<http://example.org>", 'has the link "http://example.org"; write https:// (secure) addresses only'),
        ("[x](javascript:alert(1))", f'has a "javascript:" link ("javascript:alert(1)"); {ALLOWED}'),
        ("<a href='JavaScript&colon;alert(1)'>x</a>", f'has a "javascript:" link ("JavaScript:alert(1)"); {ALLOWED}'),
        ("[x](data:text/html,hi)", f'has a "data:" link ("data:text/html,hi"); {ALLOWED}'),
        (
            "[x](https:evil.example)",
            'has the link "https:evil.example", which is not a full web address; write it as https://host/page',
        ),
        ("[x](mailto:)", 'has a "mailto:" link without an address'),
    ],
)
def test_links_other_than_https_mailto_tel_and_glossary_are_refused(text, message):
    assert minimal_problems('fi: "Aloitat."', f'fi: "Aloitat. {text}"') == [
        f"t.yaml:41:13: schedule.steps[1].text.fi: {message}"
    ]


@pytest.mark.parametrize(
    "link",
    [
        "[x](https://example.org/a?b=c#d)",
        "<https://example.org>",
        "[x](HTTPS://EXAMPLE.ORG)",
        "[x](mailto:trials@example.org)",
        "<trials@example.org>",
        "[x](tel:+4712345678)",
        "<a href='https://example.org'>x</a>",
    ],
)
def test_allowed_links_are_kept(link):
    trial = minimal_trial('fi: "Aloitat."', f'fi: "Aloitat. {link}"')
    assert trial.schedule.steps[0].text["fi"].endswith(link.replace("\\", ""))


def test_a_site_needs_a_recruitment_row_for_its_country():
    assert minimal_problems("    city: Göteborg\n    country: SE", "    city: Göteborg\n    country: DE") == [
        "t.yaml:64:14: sites[2].country: DE has no entry under recruitment:; add one for DE "
        "(its status and start date), or correct the site's country"
    ]
    # A recruitment country that is a list, not a code: reported alone, without a crash.
    assert minimal_problems("  - country: SE\n    status: recruiting", "  - country: [SE]\n    status: recruiting") == [
        "t.yaml:52:5: recruitment[1].country: expected text, got a list"
    ]
    # A mistyped recruitment country is reported alone: which country was meant is not known.
    assert minimal_problems("  - country: SE\n    status: recruiting", "  - country: SW\n    status: recruiting") == [
        't.yaml:52:14: recruitment[1].country: unknown country "SW"; '
        'expected a two-letter ISO 3166-1 code such as "NO", DK, EE, FI'
    ]


@pytest.mark.parametrize(
    ("place", "old", "new", "where"),
    [
        ("top", "phase: phase3\n", "phase: phase3\nchecked: {date}\n", "5:10: checked"),
        (
            "recruitment",
            "    start: 2025-01-15\n",
            "    start: 2025-01-15\n    checked: {date}\n",
            "55:14: recruitment[1].checked",
        ),
        (
            "site",
            "    category: verified\n",
            "    category: verified\n    checked: {date}\n",
            "66:14: sites[2].checked",
        ),
    ],
)
def test_a_checked_date_cannot_be_in_the_future(place, old, new, where):
    assert minimal_trial(old, new.format(date=TODAY.isoformat()))  # today is fine
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert minimal_problems(old, new.format(date=tomorrow)) == [
        f"t.yaml:{where}: {tomorrow} has not come yet; write the day the entry was last checked, as YYYY-MM-DD"
    ]


def test_today_is_the_latest_date_anywhere_on_earth():
    # Kiribati (UTC+14) reaches a date first: an editor there may write it while it is still yesterday in UTC.
    assert latest_today(dt.datetime(2026, 5, 19, 9, 59, tzinfo=dt.UTC)) == dt.date(2026, 5, 19)
    assert latest_today(dt.datetime(2026, 5, 19, 10, 0, tzinfo=dt.UTC)) == dt.date(2026, 5, 20)
    assert latest_today(dt.datetime(2026, 5, 19, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-10)))) == dt.date(
        2026, 5, 20
    )
    # Without an injected day, the real clock decides: the far future is refused.
    with pytest.raises(TrialDataError):
        load_trial_bytes(
            replace_once(MINIMAL, "phase: phase3\n", "phase: phase3\nchecked: 9999-12-31\n").encode(),
            ["en", "fi"],
            "t.yaml",
        )


def test_the_check_command_counts_from_its_today(tmp_path, monkeypatch):
    data = tmp_path / "trial.yaml"
    data.write_text(replace_once(MINIMAL, "phase: phase3\n", "phase: phase3\nchecked: 2026-05-21\n"), encoding="utf-8")
    monkeypatch.chdir(ROOT)

    def check(today: str) -> tuple[int, str]:
        err = io.StringIO()
        return main(
            ["--data", str(data), "--languages", "en,fi", "--today", today], out=io.StringIO(), err=err
        ), err.getvalue()

    assert check("2026-05-20") == (
        1,
        f"1 problem to fix.\n  {data}:5:10: checked: 2026-05-21 has not come yet; "
        "write the day the entry was last checked, as YYYY-MM-DD\n",
    )
    assert check("2026-05-21") == (0, "")
