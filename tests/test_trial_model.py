"""The data model's facts of any trial (issue 13): sponsor, design, arms, routes not stated,
planned and actual recruitment dates with notes, optional site groups, withdrawn countries on the
map, and the check's report of planned dates that have passed. Views on small fixtures and on the
second test trial (tests/trials/second.yaml); never on data/trial.yaml."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from helpers import FIXTURES, LANGUAGES, ROOT, SEED, cached_catalogues, cached_trial, replace_once
from trialsite import geo, views
from trialsite.cli import main
from trialsite.head import medical_trial
from trialsite.locale_data import Formatter
from trialsite.validation import load_trial, load_trial_bytes
from trialsite.views import Context
from trialsite.vocabulary import DateType, RecruitmentStatus

SECOND = ROOT / "tests" / "trials" / "second.yaml"
MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def context(trial, language: str) -> Context:
    return Context(trial, cached_catalogues()[language])


def minimal(text: str = MINIMAL):
    return load_trial_bytes(text.encode(), ["en", "fi"], "minimal.yaml")


def fmt(language: str) -> Formatter:
    return cached_catalogues()[language].formatter


# --- Recruitment dates -------------------------------------------------------------------------


def test_a_plain_date_gets_its_type_from_the_status():
    second = {entry.country: entry for entry in cached_trial(SECOND).recruitment}
    assert second["SE"].start.type is DateType.ACTUAL  # recruiting: the start has happened
    assert second["FI"].start.type is DateType.PLANNED  # not yet recruiting
    assert second["DK"].end.type is DateType.ACTUAL  # active, not recruiting: recruitment is over
    assert second["DE"].end.type is DateType.PLANNED  # written as planned
    assert second["DE"].start.type is DateType.ACTUAL  # written as actual
    seed = load_trial(SEED, LANGUAGES)
    assert {entry.start.type for entry in seed.recruitment} == {DateType.PLANNED}
    # An end written as a plain date while still recruiting is a plan.
    text = replace_once(MINIMAL, "    start: 2025-01-15\n", "    start: 2025-01-15\n    end: 2026-12-31\n")
    assert minimal(text).recruitment[0].end.type is DateType.PLANNED


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_lines_say_planned_or_actual_in_every_language(language):
    messages, date = cached_catalogues()[language], fmt(language).date
    lines = {line.status_code: line for line in views.status_lines(context(cached_trial(SECOND), language))}
    recruiting = [
        line.text
        for line in views.status_lines(context(cached_trial(SECOND), language))
        if line.status_code == "recruiting"
    ]
    assert any(
        text.endswith(messages.text("dates.start_actual", date=date(dt.date(2026, 2, 2)))) for text in recruiting
    )
    assert lines["active_not_recruiting"].text.endswith(
        messages.text("dates.start_actual", date=date(dt.date(2026, 1, 12)))
        + " "
        + messages.text("dates.end_actual", date=date(dt.date(2026, 10, 30)))
    )
    assert lines["active_not_recruiting"].note.text == cached_trial(SECOND).recruitment[2].note[language]
    planned = messages.text("dates.start_planned", date=date(dt.date(2027, 1, 15)))
    assert any(line.text.endswith(planned) for line in views.status_lines(context(cached_trial(SECOND), language)))
    # The four sentences differ from each other in every language.
    keys = ("dates.start_planned", "dates.start_actual", "dates.end_planned", "dates.end_actual")
    assert len({messages.text(key, date="X") for key in keys}) == 4


def test_a_withdrawn_countrys_plan_is_not_shown_but_its_note_is():
    text = replace_once(
        MINIMAL,
        "    status: suspended\n",
        "    status: withdrawn\n    start: 2025-03-01\n"
        '    note:\n      en: "Not in France after all."\n      fi: "Ei sittenkään Ranskassa."\n',
    )
    trial = minimal(text)
    france = [line for line in views.status_lines(context(trial, "en")) if line.status_code == "withdrawn"][0]
    assert france.text == "Withdrawn in France." and france.note.text == "Not in France after all."
    row = [row for row in views.recruitment(context(trial, "en")) if row.country_code == "FR"][0]
    assert row.dates == [cached_catalogues()["en"].text("recruitment.no_date")]


def test_recruitment_rows_list_start_and_end():
    rows = {row.country_code: row for row in views.recruitment(context(cached_trial(SECOND), "da"))}
    messages, date = cached_catalogues()["da"], fmt("da").date
    assert rows["DE"].dates == [
        messages.text("dates.start_actual", date=date(dt.date(2026, 3, 16))),
        messages.text("dates.end_planned", date=date(dt.date(2027, 6, 30))),
    ]
    assert rows["NO"].note.text == cached_trial(SECOND).recruitment[5].note["da"]


def test_the_check_reports_planned_dates_that_have_passed(monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)

    def report(data: str, today: str) -> str:
        out = io.StringIO()
        # English only: the report is in English whatever the languages, and the dates are the point.
        assert main(["--data", data, "--today", today, "--languages", "en"], out=out, err=io.StringIO()) == 0
        return out.getvalue().split("Planned dates that have passed")[1]

    # The seed trial is not yet recruiting; its planned start (20 May 2026) has passed since it was checked.
    later = tmp_path / "later.yaml"
    later.write_text(
        SEED.read_text(encoding="utf-8").replace("start: 2026-05-20", "start: 2026-11-30"), encoding="utf-8"
    )
    assert report(str(later), "2026-11-30").splitlines()[1].strip() == "none"  # the day itself has not passed
    assert "(Denmark): the planned start 2026-11-30 has passed" in report(str(later), "2026-12-01")
    after = report(SEED.relative_to(ROOT).as_posix(), "2026-11-26")
    for country in ("Denmark", "Estonia", "Finland", "Norway"):
        assert (
            f"({country}): the planned start 2026-05-20 has passed, but the status is still not_yet_recruiting" in after
        )
    # A planned end that has passed while still recruiting (Germany), not one that is still to come.
    second = SECOND.relative_to(ROOT).as_posix()
    assert "Germany" not in report(second, "2027-06-30")
    late = report(second, "2027-07-01")
    assert "recruitment[2] (Germany): the planned end 2027-06-30 has passed, but the status is still recruiting" in late
    assert "(Finland): the planned start 2027-01-15 has passed" in late and "(Estonia)" in late
    assert "Sweden" not in late and "Denmark" not in late and "Norway" not in late


# --- Medicines, arms and design ----------------------------------------------------------------


def test_without_arms_every_drug_is_a_study_medicine():
    trial = minimal()
    assert trial.arms is None
    view = views.medicines(context(trial, "en"))
    assert [drug.id for drug in view.study] == ["demo"] and view.compared == [] and view.compared_heading is None
    assert views.comparisons(context(trial, "en")) == []
    assert views.treatment(context(trial, "en")).arms == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_comparators_medicines_are_the_standard_treatment(language):
    ctx = context(cached_trial(SECOND), language)
    view = views.medicines(ctx)
    assert [drug.id for drug in view.study] == ["elranatamab"]
    assert [drug.id for drug in view.compared] == ["daratumumab", "bortezomib", "dexamethasone"]
    assert view.compared_heading == cached_catalogues()[language].text("drugs_compared.heading_standard")
    names = {drug.id: drug.name[language] for drug in cached_trial(SECOND).drugs}
    standard = fmt(language).join([names["daratumumab"], names["bortezomib"], names["dexamethasone"]])
    assert views.comparisons(ctx) == [
        cached_catalogues()[language].text("compare.active_comparator", tested=names["elranatamab"], standard=standard)
    ]
    # The summary tests the study medicine only, and says what it is compared with.
    summary = views.handout(ctx)
    assert names["elranatamab"] in summary.tests and names["daratumumab"] not in summary.tests
    assert summary.design[0] == views.comparisons(ctx)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_arm_has_its_own_cycle_length_and_cycles(language):
    a, b = views.treatment(context(cached_trial(SECOND), language)).arms
    messages = cached_catalogues()[language]
    assert (a.cycle_length, b.cycle_length) == (messages.plural("arms.days", 28), messages.plural("arms.days", 21))
    assert a.cycles_planned == messages.plural("treatment.cycles", 13)
    assert a.cycles_maximum == messages.plural("treatment.up_to_cycles", 26)
    assert b.cycles_planned == messages.plural("treatment.cycles", 8) and b.cycles_maximum is None
    assert (a.role, b.role) == (messages.text("arms.role.experimental"), messages.text("arms.role.active_comparator"))
    assert [drug.id for drug in b.medicines] == ["daratumumab", "bortezomib", "dexamethasone"]


def with_arms(ratio: str, roles=("experimental", "active_comparator")) -> str:
    design = f'design:\n  allocation: randomised\n  ratio: "{ratio}"\n'
    arms = "arms:\n" + "".join(
        f'  - id: g{index}\n    label:\n      en: "group {name}"\n      fi: "ryhmä {name}"\n    role: {role}\n'
        + ("    medicines: [demo]\n" if index == 0 else "")
        for index, (name, role) in enumerate(zip("ABC", roles, strict=False))
    )
    return MINIMAL.replace("disease:\n", design + "disease:\n", 1).replace("schedule:\n", arms + "schedule:\n", 1)


def test_allocation_and_ratio_in_plain_words():
    trial = minimal(with_arms("2:1"))
    assert views.allocation(context(trial, "en")) == (
        "Chance decides which group you are in (randomised). For every 2 people in group A, 1 is in group B."
    )
    assert views.allocation(context(trial, "fi")) == (
        "Sattuma ratkaisee, mihin ryhmään kuulut (satunnaistettu tutkimus). "
        "Kun ryhmään ”ryhmä A” tulee 2 osallistujaa, ryhmään ”ryhmä B” tulee 1."
    )
    three = minimal(with_arms("1:2:2", ("experimental", "experimental", "placebo_comparator")))
    assert views.ratio_sentence(context(three, "en"), "1:2:2") == (
        "For every 1 person in group A, 2 are in group B and 2 are in group C."
    )
    assert views.ratio_sentence(context(minimal(with_arms("1:1")), "en"), "1:1") == cached_catalogues()["en"].text(
        "ratio.equal"
    )
    # Without named groups, the ratio as written.
    no_arms = minimal(
        MINIMAL.replace("disease:\n", 'design:\n  allocation: randomised\n  ratio: "3:1"\n' + "disease:\n", 1)
    )
    assert views.allocation(context(no_arms, "en")).endswith(cached_catalogues()["en"].text("ratio.plain", ratio="3:1"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_says_the_ratio_with_the_group_names(language):
    trial = minimal(with_arms("2:1"))
    trial = trial.model_copy(
        update={
            "arms": [arm.model_copy(update={"label": {lang: f"Q{arm.id}" for lang in LANGUAGES}}) for arm in trial.arms]
        }
    )
    sentence = views.ratio_sentence(context(trial, language), "2:1")
    assert "Qg0" in sentence and "Qg1" in sentence and "2" in sentence and "1" in sentence
    assert sentence != cached_catalogues()[language].text("ratio.equal")


def test_a_placebo_comparison_and_the_design_view():
    trial = minimal(with_arms("1:1", ("experimental", "placebo_comparator")))
    ctx = context(trial, "en")
    assert views.comparisons(ctx) == [cached_catalogues()["en"].text("compare.placebo_comparator", tested="demomab")]
    view = views.medicines(ctx)
    assert view.compared == [] and view.compared_heading == cached_catalogues()["en"].text(
        "drugs_compared.heading_other"
    )
    design = views.design(ctx)
    assert [group.label for group in design.groups] == ["group A", "group B"]
    assert design.sponsor is None and design.masking is None and design.participants is None
    # Nothing given, nothing shown.
    assert views.design(context(minimal(), "en")) is None


def test_the_sponsor_is_in_the_structured_data_only_when_given():
    assert medical_trial(context(cached_trial(SECOND), "et"), "")["sponsor"] == {
        "@type": "Organization",
        "name": "Example Oncology AB",
    }
    assert "sponsor" not in medical_trial(context(minimal(), "en"), "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_design_facts_in_every_language(language):
    view = views.design(context(cached_trial(SECOND), language))
    messages = cached_catalogues()[language]
    assert view.sponsor == "Example Oncology AB"
    assert view.masking == messages.text("masking.open_label")
    assert view.participants == messages.plural("design.participants_count", 480)
    assert view.primary_outcome.text == cached_trial(SECOND).design.primary_outcome[language]
    assert view.allocation == messages.text("allocation.randomised") + " " + messages.text("ratio.equal")


# --- Short title, routes, site groups, map ------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_site_name_is_made_from_the_study_medicines_when_short_title_is_absent(language):
    assert cached_trial(SECOND).short_title is None
    name = cached_trial(SECOND).drugs[0].name[language]
    assert views.website_name(context(cached_trial(SECOND), language)) == cached_catalogues()[language].text(
        "website_name.derived", medicines=name
    )
    assert name in views.website_name(context(cached_trial(SECOND), language))
    seed = load_trial(SEED, LANGUAGES)
    assert views.website_name(context(seed, language)) == seed.short_title[language]
    without = seed.model_copy(update={"short_title": None})
    joined = fmt(language).join([drug.name[language] for drug in seed.drugs])
    assert views.website_name(context(without, language)) == cached_catalogues()[language].text(
        "website_name.derived", medicines=joined
    )


def test_derived_site_name_in_english_joins_the_names():
    seed = load_trial(SEED, LANGUAGES).model_copy(update={"short_title": None})
    assert views.website_name(context(seed, "en")) == "Study of teclistamab and pomalidomide"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_route_the_source_does_not_give_is_not_stated_and_not_guessed(language):
    drugs = {drug.id: drug for drug in views.drugs(context(cached_trial(SECOND), language))}
    assert drugs["bortezomib"].route == cached_catalogues()[language].text("route_not_stated.label")
    assert drugs["bortezomib"].route_phrase == cached_catalogues()[language].text("route_not_stated.inline")
    assert drugs["elranatamab"].route == cached_catalogues()[language].text("route.subcutaneous")
    subjects = {
        subject["name"]: subject
        for subject in medical_trial(context(cached_trial(SECOND), language), "")["studySubject"]
    }
    assert "administrationRoute" not in subjects[cached_trial(SECOND).drugs[2].name[language]]
    assert subjects[cached_trial(SECOND).drugs[0].name[language]]["administrationRoute"] == cached_catalogues()[
        language
    ].text("route.subcutaneous")
    assert json.loads(json.dumps(subjects))  # still plain JSON


def test_site_groups_appear_only_when_a_site_is_in_one():
    without = views.sites(context(cached_trial(SECOND), "en"))
    assert without.category_help is None and without.empty_categories == []
    assert {site.category_code for country in without.countries for site in country.sites} == {"none"}
    grouped = views.sites(context(minimal(), "en"))  # one site is "verified"
    assert grouped.category_help == cached_catalogues()["en"].text("sites.category_help")
    assert grouped.empty_categories == [
        cached_catalogues()["en"].text(
            "sites.category_empty", category=cached_catalogues()["en"].text("sites.category.verified_recommended")
        )
    ]


def test_the_map_draws_a_withdrawn_country_apart():
    both = geo.draw(["SE", "NO"], [], withdrawn=["NO"])
    only = geo.draw(["SE"], [])
    assert both.withdrawn and both.countries and both.countries != both.withdrawn
    assert only.withdrawn == ""
    # Norway is not drawn as taking part, nor as land that is not in the study.
    assert geo.draw(["SE", "NO"], []).withdrawn == ""
    assert len(both.countries) < len(geo.draw(["SE", "NO"], []).countries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_map_key_names_withdrawn_and_taking_part_apart(language):
    view = views.sites_map(context(cached_trial(SECOND), language))
    assert view.withdrawn == cached_catalogues()[language].text("map_key.withdrawn")
    assert view.taking_part == cached_catalogues()[language].text("map.country")
    assert view.withdrawn != view.taking_part
    everyone = cached_trial(SECOND).model_copy(
        update={
            "recruitment": [
                entry.model_copy(update={"status": RecruitmentStatus.RECRUITING, "note": None})
                for entry in cached_trial(SECOND).recruitment
            ]
        }
    )
    assert views.sites_map(context(everyone, language)).withdrawn is None
