"""Pure views: (trial, language) to localized facts, on the small two-language fixture."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from helpers import FIXTURES
from hypothesis import given
from hypothesis import strategies as st
from trialsite import views
from trialsite.catalogue import load_messages
from trialsite.components import component
from trialsite.facts import FACT_RE
from trialsite.head import head_data, json_ld, medical_trial
from trialsite.locale_data import Formatter, language_name
from trialsite.model import LocalName
from trialsite.pages import marker_problems
from trialsite.render import Renderer
from trialsite.richtext import check_text, link_problem, render_block, render_inline, rendered_check
from trialsite.validation import load_trial


@pytest.fixture(scope="module")
def catalogues():
    return load_messages(["en", "no", "da", "et", "fi"], cldr_locales={"en": "en_GB"})


@pytest.fixture(scope="module")
def trial():
    return load_trial(FIXTURES / "minimal.yaml", ["en", "fi"])


def context(trial, catalogues, language):
    return views.Context(trial, catalogues[language])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "20 May 2026"),
        ("no", "20. mai 2026"),
        ("da", "20. maj 2026"),
        ("et", "20. mai 2026"),
        ("fi", "20. toukokuuta 2026"),
    ],
)
def test_dates_follow_each_language(catalogues, language, expected):
    assert catalogues[language].formatter.date(dt.date(2026, 5, 20)) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("en", "8.0"), ("no", "8,0"), ("da", "8,0"), ("et", "8,0"), ("fi", "8,0")]
)
def test_decimals_keep_their_digits_and_use_the_local_sign(language, expected):
    assert Formatter(language).number(Decimal("8.0")) == expected


def test_country_names_come_from_cldr():
    assert Formatter("da").country("NO") == "Norge"
    assert Formatter("fi").countries(["DK", "EE", "FI", "NO"]) == ["Norja", "Suomi", "Tanska", "Viro"]
    assert Formatter("et").country("FI") == "Soome"
    # Not only the four countries of this trial.
    assert Formatter("fi").countries(["FR", "DE", "SE"]) == ["Ranska", "Ruotsi", "Saksa"]


def test_language_names_are_the_languages_own():
    assert [language_name(code) for code in ["en", "no", "da", "et", "fi"]] == [
        "English",
        "Norsk",
        "Dansk",
        "Eesti",
        "Suomi",
    ]


def test_facts_are_inserted_in_each_language(trial, catalogues):
    english = context(trial, catalogues, "en").block(trial.summary)
    finnish = context(trial, catalogues, "fi").block(trial.summary)
    assert english.html == "<p>We test <strong>one</strong> medicine at 2.5&nbsp;mg/kg for 6 cycles.</p>"
    assert finnish.html == "<p>Testaamme <strong>yhtä</strong> lääkettä, annos 2,5&nbsp;mg/kg, 6 hoitojaksoa.</p>"


def test_status_lines_group_countries_by_status_and_date(trial, catalogues):
    lines = views.status_lines(context(trial, catalogues, "en"))
    assert [line.text for line in lines] == [
        "Recruiting in Sweden. Recruitment started 15 January 2025.",
        "Paused in France.",
    ]


def test_sites_cover_countries_without_sites_and_outside_the_nordics(trial, catalogues):
    view = views.sites(context(trial, catalogues, "fi"))
    names = [country.name for country in view.countries]
    assert names == ["Ranska", "Ruotsi"]
    france, sweden = view.countries
    assert france.sites == []
    assert france.none_listed is not None and "Ranska" in france.none_listed
    assert [site.city for site in sweden.sites] == ["Stockholm", "Göteborg"]
    # Göteborg gives no status of its own: the page shows Sweden's, and says it is the country's.
    assert sweden.sites[1].status == catalogues["fi"].text(f"status.{trial.recruitment[0].status.value}")
    assert sweden.sites[1].status_note == catalogues["fi"].text("sites_page.country_status")


def test_plural_forms_follow_cldr(catalogues):
    english = catalogues["en"]
    assert english.plural("sites.count", 1) == "1 site"
    assert english.plural("sites.count", 3) == "3 sites"


def test_contact_falls_back_without_inventing_details(trial, catalogues):
    no_contact = trial.model_copy(update={"contact": trial.contact.model_copy(update={"email": None})})
    view = views.contact(context(no_contact, catalogues, "en"))
    assert view.email is None and view.phone is None and view.url is None
    assert view.fallback.identifier == "2024-000001-11-00"
    assert '<span class="trial-id">2024-000001-11-00</span>' in component("text_with_identifier", view.fallback)


@pytest.mark.parametrize("language", ["en", "no", "da", "et", "fi"])
def test_contact_fallback_keeps_the_identifier_and_its_punctuation_together(trial, catalogues, language):
    no_contact = trial.model_copy(update={"contact": trial.contact.model_copy(update={"email": None})})
    fallback = str(component("text_with_identifier", views.contact(context(no_contact, catalogues, language)).fallback))
    number = '<span class="trial-id">2024-000001-11-00</span>'
    assert fallback.count(number) == 1
    # Whatever is glued to the number (a full stop, a bracket) is in the nowrap span with it,
    # and the span is set off by spaces or the ends of the text.
    group = re.search(r'<span class="trial-nowrap">([^<\s]*)' + re.escape(number) + r"([^<\s]*)</span>", fallback)
    whole = group.group(0) if group else number
    before, _, after = fallback.partition(whole)
    assert before == "" or before[-1].isspace(), before
    assert after == "" or after[0].isspace(), after


def test_text_with_identifier_escapes_the_catalogue_text():
    english = views.Messages("en", {"key": "Say <b> & {n}, or ({n})."}, Formatter("en"))
    view = views.text_with_identifier(english, "key", "n", "A<1>")
    assert view.text == "Say <b> & A<1>, or (A<1>)."
    assert component("text_with_identifier", view) == (
        'Say &lt;b&gt; &amp; <span class="trial-nowrap"><span class="trial-id">A&lt;1&gt;</span>,</span> or '
        '<span class="trial-nowrap">(<span class="trial-id">A&lt;1&gt;</span>).</span>'
    )


def test_register_link_is_built_from_the_identifier(trial, catalogues):
    view = views.identifiers(context(trial, catalogues, "fi"))
    assert view.register_url == "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=fi&EUCT=2024-000001-11-00"
    norwegian = views.identifiers(context(trial, catalogues, "no"))
    assert "lang=en" in norwegian.register_url  # the EU portal has no Norwegian


def _numbers(trial, **numbers):
    return trial.model_copy(update={"identifiers": trial.identifiers.model_copy(update=numbers)})


@pytest.mark.parametrize("language", ["en", "fi"])  # the fixture's languages
def test_a_trial_with_only_an_nct_number_links_to_clinicaltrials_gov(trial, catalogues, language):
    from trialsite.head import medical_trial

    nct_only = _numbers(trial, eu_ct_number=None, nct_number="NCT04280705")
    nct_only = nct_only.model_copy(update={"contact": nct_only.contact.model_copy(update={"email": None})})
    ctx = context(nct_only, catalogues, language)
    view = views.identifiers(ctx)
    assert view.nct_url == "https://clinicaltrials.gov/study/NCT04280705"
    assert view.eu_ct_number is None and view.register_url is None
    ids = Renderer(ctx).section("identifiers")
    assert catalogues[language].text("registry_nct.number") in ids and "NCT04280705" in ids
    assert '<a href="https://clinicaltrials.gov/study/NCT04280705">' in ids
    assert catalogues[language].text("identifiers.eu_ct_number") not in ids and "euclinicaltrials" not in ids
    handout = Renderer(ctx).section("handout")
    assert "NCT04280705" in handout and catalogues[language].text("identifiers.eu_ct_number") not in handout
    assert views.contact(ctx).fallback.text == catalogues[language].text(
        "registry_nct.contact_fallback", nct_number="NCT04280705"
    )
    assert '<span class="trial-id">NCT04280705</span>' in component("text_with_identifier", views.contact(ctx).fallback)
    assert medical_trial(ctx, "https://example.org/")["identifier"] == [
        {
            "@type": "PropertyValue",
            "propertyID": "NCT number",
            "value": "NCT04280705",
            "url": "https://clinicaltrials.gov/study/NCT04280705",
        }
    ]


def test_a_trial_with_both_numbers_shows_both(trial, catalogues):
    from trialsite.head import medical_trial

    both = _numbers(trial, nct_number="NCT04280705")
    ctx = context(both, catalogues, "fi")
    ids = Renderer(ctx).section("identifiers")
    assert ids.index("2024-000001-11-00") < ids.index("NCT04280705")
    assert "EUCT=2024-000001-11-00" in ids and "https://clinicaltrials.gov/study/NCT04280705" in ids
    assert [entry["url"] for entry in medical_trial(ctx, "/")["identifier"]] == [
        "https://euclinicaltrials.eu/search-for-clinical-trials/?lang=fi&EUCT=2024-000001-11-00",
        "https://clinicaltrials.gov/study/NCT04280705",
    ]
    # With an EU number, the contact fallback keeps pointing to it.
    no_contact = both.model_copy(update={"contact": both.contact.model_copy(update={"email": None})})
    assert "2024-000001-11-00" in views.contact(context(no_contact, catalogues, "fi")).fallback.text


def test_rich_text_is_sanitised():
    html = render_block(
        "Hi <script>alert(1)</script><img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](https://e.org) **c**", {}
    ).html
    assert "<script" not in html and "onerror" not in html and "<img" not in html and "javascript:" not in html
    assert '<a href="https://e.org" rel="noopener noreferrer">b</a>' in html
    assert "<strong>c</strong>" in html
    assert render_inline("**teclistamab** dose", {}).html == "<strong>teclistamab</strong> dose"


def test_relative_links_that_got_past_the_check_are_dropped_when_rendered():
    # The check refuses them; should one reach the renderer anyway, it links nowhere.
    html = render_block(
        "[a](//evil.example/) [b](/admin) [c](page.html) <a href='#x'>d</a> [e](https://e.org)", {}
    ).html
    assert html.count("href=") == 1 and 'href="https://e.org"' in html
    assert "evil.example" not in html and "/admin" not in html and "page.html" not in html


def test_headings_from_data_cannot_inject_markdown(trial, catalogues):
    hostile = trial.model_copy(
        update={
            "short_title": {"en": "# <b>x</b> *y* [z](http://e)", "fi": "x"},
            "title": {"en": "# <b>x</b> *y* [z](http://e)", "fi": "x"},
        }
    )
    renderer = Renderer(context(hostile, catalogues, "en"))
    output = renderer.section("heading")
    assert output.startswith("# ")
    assert "<b>" not in output and "*y*" not in output and "[z](" not in output
    # The registry title below it is an HTML block: its text is escaped, never Markdown.
    title = renderer.section("title")
    assert title.startswith("<p") and "<b>" not in title and "[z](" not in title


def test_unknown_and_malformed_markers_are_reported():
    page = "# Title\n<!-- trial:sites -->\n<!-- trial:sitez -->\ntext <!-- trial:sites -->\n<!-- trail:sites -->\n"
    assert marker_problems(page) == [
        (
            3,
            'unknown marker "trial:sitez"; known markers: title, heading, lead, take_part, status, phase, summary, '
            "disease, drugs, treatment, schedule, inclusion, exclusion, recruitment, sites, identifiers, related, "
            "contact, selfcheck, map, glossary, handout, design, known_problems, taking_part",
        ),
        (4, 'the marker "trial:sites" must stand alone on its line'),
        (5, '"<!-- trail:sites -->" looks like a marker but is not one; write <!-- trial:NAME -->'),
    ]


def test_every_marker_renders_in_every_language(catalogues):
    from helpers import SEED

    real = load_trial(SEED, ["en", "no", "da", "et", "fi"])
    from trialsite.render import SECTIONS

    for language in catalogues:
        renderer = Renderer(views.Context(real, catalogues[language]))
        for name in SECTIONS:
            assert renderer.section(name).strip(), (language, name)


def test_ordinals_at_the_start_of_a_text_stay_text():
    # Estonian and Finnish write "cycle 12" as "12. ..."; Markdown would turn it into a list starting at 12.
    assert render_block("{n}. ravitsükli lõpus.", {"n": "12"}).html == "<p>12. ravitsükli lõpus.</p>"
    assert render_inline("2. faasi uuring", {}).html == "2. faasi uuring"
    assert render_block("- a\n- b", {}).html == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"


# --- JSON-LD --------------------------------------------------------------------------------


def _with_sites(trial, count: int):
    site = trial.sites[0]
    return trial.model_copy(
        update={
            "sites": [site.model_copy(update={"name": LocalName.of(f"Hospital {index}")}) for index in range(count)]
        }
    )


def test_only_the_sites_page_lists_the_sites_in_its_json_ld(trial, catalogues):
    many = context(_with_sites(trial, 2000), catalogues, "fi")
    few = context(_with_sites(trial, 1), catalogues, "fi")
    # Every other page: the countries only, so its size does not grow with the sites.
    plain = json_ld(medical_trial(many, "https://example.org/"))
    assert plain == json_ld(medical_trial(few, "https://example.org/"))
    assert "Hospital" not in plain and len(plain) < 3000
    assert [place["identifier"] for place in json.loads(plain)["studyLocation"]] == ["SE", "FR"]
    # The sites page: every site, then the countries.
    locations = medical_trial(many, "https://example.org/sites/", with_sites=True)["studyLocation"]
    assert [place["@type"] for place in locations] == ["Hospital"] * 2000 + ["Country"] * 2
    assert locations[1999]["name"] == "Hospital 1999"


def test_head_data_passes_the_choice_on(trial, catalogues):
    ctx = context(trial, catalogues, "en")
    arguments = dict(
        page_title="t",
        site_url="https://example.org/",
        page_url="sites/",
        page_urls={"en": "sites/"},
        default_language="en",
        cldr_locales={},
    )
    assert "Karolinska" in head_data(ctx, **arguments, with_sites=True).json_ld
    assert "Karolinska" not in head_data(ctx, **arguments).json_ld
    kept = medical_trial(ctx, "", with_sites=True)  # what the hook keeps between pages
    assert "Karolinska" in head_data(ctx, **arguments, trial_data=kept).json_ld


MARKDOWNISH = st.lists(
    st.sampled_from(
        [
            "a",
            "é",
            "0",
            " ",
            "\n",
            "\n\n",
            "*",
            "**",
            "_",
            "#",
            "# ",
            "- ",
            "1. ",
            "> ",
            "`",
            "```",
            "---",
            "===",
            "    ",
            "\\",
            "[",
            "]",
            "(",
            ")",
            "[x](glossary:ecog)",
            "[](glossary:a)",
            "glossary:",
            "https://e.org",
            "\u200b",
            "\u3164",
            "\u0301",
            "&",
            "&nbsp;",
            "<",
            ">",
            "<b>",
            "</b>",
            "!",
            "{cycles.planned}",
            ":",
        ]
    ),
    max_size=12,
).map("".join)


@given(MARKDOWNISH)
def test_the_check_short_cut_agrees_with_rendering(text):
    # check_text skips Markdown for texts that cannot hide their letters or make a link other
    # than a glossary link (allowed wherever Markdown would or would not see one).
    quick, full = check_text(text), rendered_check(FACT_RE.sub("0", text))
    assert quick.visible == full.visible
    assert [href for href in quick.hrefs if link_problem(href)] == [href for href in full.hrefs if link_problem(href)]
