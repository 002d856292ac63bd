"""The messages a study coordinator met while putting a new trial into the site (editor session).

Each test makes one typical editor mistake in a small five-language trial of its own
(tests/fixtures/editor_session.yaml, not the bundled data file) and checks that the one-line message
names the line and field of the mistake and says what to write instead.
"""

from __future__ import annotations

import pytest
from helpers import FIXTURES, LANGUAGES, OneChange, replace_once, trial_problems
from trialsite.validation import load_trial_bytes

TEXT = (FIXTURES / "editor_session.yaml").read_text(encoding="utf-8")


def test_the_fixture_is_a_complete_trial_in_five_languages():
    trial = load_trial_bytes(TEXT.encode("utf-8"), LANGUAGES, "data/trial.yaml")
    contacts = [site.contact for site in trial.sites if site.contact]
    assert len(contacts) == 1 and contacts[0].url == "https://example.org/actt-copenhagen"
    assert trial.risks and trial.costs and set(trial.risks) == set(trial.costs) == set(LANGUAGES)
    questions = [c for c in trial.eligibility.inclusion + trial.eligibility.exclusion if c.question]
    assert len(questions) == 6 and all(set(c.question) == set(LANGUAGES) for c in questions)


@pytest.mark.parametrize("written", ["http://example.org/actt-copenhagen", "HTTP://example.org/actt-copenhagen"])
def test_an_http_contact_address_is_answered_with_its_https_form(written):
    OneChange(
        "http",
        "url: https://example.org/actt-copenhagen",
        f"url: {written}",
        f"url: {written}",
        12,
        f'sites[1].contact.url: "{written}" starts with http://, which is not a secure address; write it with '
        'https://, "https://example.org/actt-copenhagen" (open that address in a browser first to check it works)',
    ).check(TEXT)


def test_an_address_without_http_keeps_the_message_that_says_what_the_form_is():
    text = replace_once(TEXT, "url: https://example.org/actt-copenhagen", "url: www.example.org/actt")
    [problem] = trial_problems(text)
    assert "sites[1].contact.url:" in problem and "it starts with https://" in problem and "secure" not in problem


def test_an_unquoted_phone_number_is_told_to_go_in_quotes():
    # Unquoted, +4512345678 is read as the number 4512345678: the "+" is lost.
    OneChange(
        "unquoted phone",
        'phone: "+45 00 00 00 00"',
        "phone: +4512345678",
        "phone: +4512345678",
        14,
        "sites[1].contact.phone: expected text, got a whole number (4512345678); write it in quotes, exactly as "
        "published",
    ).check(TEXT)


def test_text_that_is_not_a_number_keeps_its_message():
    text = replace_once(TEXT, 'phone: "+45 00 00 00 00"', "phone: [1, 2]")
    [problem] = trial_problems(text)
    assert problem.endswith("sites[1].contact.phone: expected text, got a list")


QUESTION_72 = 'en: "Has a test of a sample taken in the last 72 hours shown the coronavirus?"'
ADVICE = (
    "; write the criterion's own numbers and units (digits, not words), so that the question asks exactly "
    'what the criterion says (EDITING.md, "Add a self-check question")'
)


def test_a_question_with_another_number_points_at_that_question_and_names_the_criterions_number():
    # The rule is "less than 72 hours before the draw showed the coronavirus (SARS-CoV-2)".
    OneChange(
        "48 hours",
        QUESTION_72,
        QUESTION_72.replace("72 hours", "48 hours"),
        "in the last 48 hours",
        13,
        "eligibility.inclusion[4].question.en: names 48, but its criterion's text names 72, 2" + ADVICE,
    ).check(TEXT)


def test_the_same_hours_in_days_are_refused_too_and_the_message_says_why():
    # 3 days is 72 hours, but the question must use the criterion's own numbers: the site cannot
    # compare units, and a patient compares the question with the rule word for word.
    text = replace_once(TEXT, QUESTION_72, QUESTION_72.replace("72 hours", "3 days"))
    [problem] = trial_problems(text)
    assert "inclusion[4].question.en: names 3, but its criterion's text names 72" in problem


def test_a_number_in_a_translation_of_a_criterion_without_numbers_is_found_in_that_language():
    OneChange(
        "6 months in Finnish",
        'fi: "Oletko raskaana tai imetätkö?"',
        'fi: "Oletko ollut raskaana tai imettänyt 6 kuukauden aikana?"',
        "6 kuukauden aikana",
        13,
        "eligibility.exclusion[3].question.fi: names 6, but its criterion's text names no number" + ADVICE,
    ).check(TEXT)


@pytest.mark.parametrize(("written", "meant"), [("dk", "da"), ("ee", "et"), ("nb", "no")])
def test_a_countrys_code_written_for_its_language_is_answered_with_the_language_code(written, meant):
    OneChange(
        "country code",
        '  da: "ACTT-1-forsøget med remdesivir"',
        f'  {written}: "ACTT-1-forsøget med remdesivir"',
        "short_title:",
        1,
        f'short_title: unknown language "{written}"; this site\'s languages are en, no, da, et, fi; for '
        f'"{written}" write "{meant}" (a language\'s code is not its country\'s: Danish is da, Estonian et, '
        'Norwegian "no" in quotes)',
    ).check(TEXT)


def test_a_language_the_site_does_not_have_gets_no_guess():
    text = replace_once(TEXT, '  da: "ACTT-1-forsøget med remdesivir"', '  sv: "ACTT-1-forsøget med remdesivir"')
    [problem] = trial_problems(text)
    assert problem.endswith('short_title: unknown language "sv"; this site\'s languages are en, no, da, et, fi')
