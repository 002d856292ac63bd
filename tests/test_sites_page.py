"""The sites page (issue 14, point 4): a table per country that is a card per site on a phone, a
site's own contact (checked like all data), the country's status where a site has none, and a map
whose marks are numbered links to the sites' rows.

Uses its own small trial, tests/fixtures/sites_page.yaml (five languages; invented hospitals).
"""

from __future__ import annotations

import html
import math
import re
from html.parser import HTMLParser

import pytest
from helpers import FIXTURES, LANGUAGES, cached_catalogues, cached_fixture, line_of, replace_once, trial_problems
from trialsite import geo, views
from trialsite.render import Renderer
from trialsite.views import Context
from trialsite.vocabulary import RecruitmentStatus

FIXTURE = (FIXTURES / "sites_page.yaml").read_text(encoding="utf-8")
OWN_CONTACT = "Exempelsjukhuset"  # recruiting, with department, phone, email and url
SAME_CITY = "Andra exempelsjukhuset"  # no status (Sweden's is shown), no contact, same place as the first
PHONE_ONLY = "Eksempelhospitalet"  # no status (Denmark's), a phone number only
OFF_MAP = "Andet eksempelhospital"  # no location


def sites_trial():
    """tests/fixtures/sites_page.yaml, loaded and checked once (on first use)."""
    return cached_fixture("sites_page.yaml")


def context(language: str, trial=None) -> Context:
    return Context(trial or sites_trial(), cached_catalogues()[language])


problems = trial_problems


def rows(language: str) -> dict[str, views.SiteView]:
    """The sites as the page shows them, by their name in the data."""
    shown = [site for country in views.sites(context(language)).countries for site in country.sites]
    return {site.name.name: site for site in shown}


class Tables(HTMLParser):
    """Each table of the sites section: its caption, column headers, and rows (row header, cells with data-label)."""

    def __init__(self):
        super().__init__()
        self.tables: list[dict] = []
        self._cell: dict | None = None
        self._caption = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": "", "columns": [], "rows": []})
        elif tag == "caption":
            self._caption = True
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append({"id": attributes.get("id"), "cells": []})
        elif tag in ("th", "td") and self.tables:
            self._cell = {
                "tag": tag,
                "scope": attributes.get("scope"),
                "label": attributes.get("data-label"),
                "text": "",
            }

    def handle_endtag(self, tag):
        if tag == "caption":
            self._caption = False
        elif tag in ("th", "td") and self._cell is not None:
            cell, self._cell = self._cell, None
            cell["text"] = " ".join(cell["text"].split())
            if cell["scope"] == "col":
                self.tables[-1]["columns"].append(cell["text"])
            else:
                self.tables[-1]["rows"][-1]["cells"].append(cell)

    def handle_data(self, data):
        if self._caption:
            self.tables[-1]["caption"] += data
        elif self._cell is not None:
            self._cell["text"] += data


def tables(language: str) -> list[dict]:
    parser = Tables()
    parser.feed(Renderer(context(language)).section("sites"))
    for table in parser.tables:
        table["rows"] = [row for row in table["rows"] if row["cells"]]  # the header row holds only column headers
    return parser.tables


# --- A site's contact: checked like all data -----------------------------------------------------


def test_a_site_contact_with_a_bad_email_names_the_file_and_line():
    text = replace_once(FIXTURE, "email: studies@example.org", "email: studies at example.org")
    line = line_of(text, "email: studies at example.org")
    assert problems(text) == [
        f'data/trial.yaml:{line}:14: sites[1].contact.email: the text "studies at example.org" does not have the '
        "expected form; One email address and nothing else, for example studies@example.org."
    ]


def test_a_site_contact_refuses_a_web_address_without_https():
    text = replace_once(FIXTURE, "url: https://example.org/study/", "url: http://example.org/study/")
    line = line_of(text, "url: http://example.org/study/")
    [problem] = problems(text)
    assert problem.startswith(f"data/trial.yaml:{line}:12: sites[1].contact.url: ")
    assert "https://" in problem


def test_a_site_contact_refuses_an_email_link_with_copies():
    text = replace_once(FIXTURE, "email: studies@example.org", 'email: "studies@example.org?bcc=someone@example.org"')
    [problem] = problems(text)
    assert problem.startswith(f"data/trial.yaml:{line_of(text, '?bcc=')}:14: sites[1].contact.email: ")


def test_a_site_contact_needs_a_way_to_reach_it():
    text = replace_once(
        FIXTURE,
        '    contact:\n      phone: "+45 00 00 00 00"\n',
        "    contact:\n"
        '      department: {en: "Clinic", "no": "Klinikk", da: "Klinik", et: "Kliinik", fi: "Klinikka"}\n',
    )
    [problem] = problems(text)
    line = line_of(text, 'department: {en: "Clinic"') - 1  # the contact: line
    assert problem.startswith(f"data/trial.yaml:{line}:5: sites[3].contact: needs at least one of phone, email or url")


def test_a_site_department_needs_every_language():
    text = replace_once(FIXTURE, '        fi: "Veritautien klinikka, tutkimusyksikkö"\n', "")
    [problem] = problems(text)
    assert problem.startswith(f"data/trial.yaml:{line_of(text, 'department:')}:")
    assert "sites[1].contact.department" in problem and "fi" in problem


def test_an_unknown_contact_field_is_named():
    text = replace_once(FIXTURE, '      phone: "+46 00 000 00 00"\n', '      fax: "+46 00 000 00 00"\n')
    [problem] = problems(text)
    assert problem.startswith(f"data/trial.yaml:{line_of(text, 'fax:')}:7: sites[1].contact.fax: is not a known field")
    assert "department, phone, email, url" in problem


# --- What the page shows ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_site_without_a_status_shows_its_countrys_and_says_so(language):
    messages = cached_catalogues()[language]
    shown = rows(language)
    own = shown[OWN_CONTACT]
    assert (own.status_code, own.status, own.status_note) == ("recruiting", messages.text("status.recruiting"), None)
    for name, country in ((SAME_CITY, "SE"), (PHONE_ONLY, "DK"), (OFF_MAP, "DK")):
        code = next(entry.status for entry in sites_trial().recruitment if entry.country == country).value
        assert (shown[name].status_code, shown[name].status) == (code, messages.text(f"status.{code}"))
        assert shown[name].status_note == messages.text("sites_page.country_status")
    section = Renderer(context(language)).section("sites")
    assert messages.text("status.not_given") not in section
    assert "trial-status--not_given" not in section
    # The word, in its status's colour and shape (the class), and the note after it.
    suspended = html.escape(messages.text("status.suspended"), quote=False)
    note = html.escape(messages.text("sites_page.country_status"), quote=False)
    assert (
        f'<span class="trial-status__label trial-status--suspended">{suspended}</span><br>'
        f'<span class="trial-help">{note}</span>'
    ) in section


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_country_with_sites_has_a_table_with_caption_and_headers(language):
    messages = cached_catalogues()[language]
    columns = [
        messages.text("sites_page.site"),
        messages.text("sites.city"),
        messages.text("sites.status"),
        messages.text("sites_page.contact"),
    ]
    found = tables(language)
    listed = [country for country in views.sites(context(language)).countries if country.sites]
    assert len(found) == len(listed) == 2
    for table, country in zip(found, listed, strict=True):
        assert table["caption"] == f"{country.name}: {messages.plural('sites.count', len(country.sites))}"
        assert table["columns"] == columns
        assert len(table["rows"]) == len(country.sites)
        for row, site in zip(table["rows"], country.sites, strict=True):
            header, *cells = row["cells"]
            assert header["tag"] == "th" and header["scope"] == "row"
            assert header["text"] == f"{site.number} {site.name.text}"
            assert row["id"] == f"site-{site.number}"
            # On a phone each value is labelled with its column's header (data-label).
            assert [cell["label"] for cell in cells] == columns[1:]
            assert cells[0]["text"] == site.city


@pytest.mark.parametrize("language", LANGUAGES)
def test_contacts_are_links_and_a_missing_one_says_what_to_do(language):
    messages = cached_catalogues()[language]
    section = Renderer(context(language)).section("sites")
    assert 'href="tel:+46000000000"' in section and ">+46 00 000 00 00</a>" in section
    assert 'href="tel:+4500000000"' in section
    assert '<a href="mailto:studies@example.org">studies@example.org</a>' in section
    assert '<a href="https://example.org/study/">example.org/study</a>' in section
    department = sites_trial().sites[0].contact.department[language]
    assert html.escape(department, quote=False) in section
    # Two sites have no contact: their cells say so, and the page says once what to do instead.
    none = html.escape(messages.text("sites_page.contact_none"), quote=False)
    assert section.count(f'<span class="trial-sites__none">{none}</span>') == 2
    note, link = messages.text("sites_page.no_contact_some"), messages.text("sites_page.take_part_link")
    assert f'{note} <a href="../contact/">{link}</a>' in html.unescape(section)


@pytest.mark.parametrize("language", LANGUAGES)
def test_how_to_take_part_gives_each_sites_own_contact_under_its_country(language):
    section = Renderer(context(language)).section("take_part")
    sweden = section[
        section.index('id="take-part-se"') : section.index("</section>", section.index('id="take-part-se"'))
    ]
    denmark = section[
        section.index('id="take-part-dk"') : section.index("</section>", section.index('id="take-part-dk"'))
    ]
    assert '<a href="mailto:studies@example.org">studies@example.org</a>' in sweden
    assert html.escape(sites_trial().sites[0].contact.department[language], quote=False) in sweden
    assert 'href="tel:+4500000000"' in denmark and "studies@example.org" not in denmark


def test_when_no_site_has_a_contact_the_page_says_so_for_all():
    bare = sites_trial().model_copy(
        update={"sites": [site.model_copy(update={"contact": None}) for site in sites_trial().sites]}
    )
    for language in LANGUAGES:
        view = views.sites(context(language, bare))
        assert view.no_contact == cached_catalogues()[language].text("sites_page.no_contact_all")
    everyone = sites_trial().model_copy(
        update={
            "sites": [
                site.model_copy(update={"contact": sites_trial().sites[2].contact}) for site in sites_trial().sites
            ]
        }
    )
    assert views.sites(context("en", everyone)).no_contact is None


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_country_without_sites_says_so_and_has_no_table(language):
    view = views.sites(context(language))
    iceland = next(country for country in view.countries if country.code == "IS")
    assert iceland.sites == [] and iceland.none_listed
    section = Renderer(context(language)).section("sites")
    after = section.split("{ #sites-is }", 1)[1].split("###", 1)[0]
    assert "<table" not in after and html.escape(iceland.none_listed, quote=False) in after


# --- The map -------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_map_marks_are_numbered_links_to_the_sites_rows(language):
    view = views.sites_map(context(language))
    shown = rows(language)
    on_map = [site for site in shown.values() if site.location is not None]
    assert [mark.number for mark in view.marks] == sorted(site.number for site in on_map)  # Tab goes 1, 2, 3
    svg = Renderer(context(language)).section("map")
    links = re.findall(r'<a class="trial-map__site" href="#(site-\d+)" aria-label="([^"]*)">(.*?)</a>', svg)
    assert len(links) == len(on_map) == 3
    for (anchor, label, inside), mark in zip(links, view.marks, strict=True):
        site = next(site for site in on_map if site.number == mark.number)
        assert anchor == site.anchor
        name = html.unescape(label)
        # The name a screen reader gives starts with the number a sighted reader sees beside the mark.
        assert name.startswith(f"{site.number}: {site.name.text}, {site.city}: {site.status}")
        assert re.search(rf">{site.number}</text>$", inside)
        assert "<title>" not in inside  # no hover-only tooltip
    assert 'role="img"' not in svg  # an image's children would be hidden from screen readers
    # The key says what the numbers are.
    assert html.escape(cached_catalogues()[language].text("sites_page.map_numbers"), quote=False) in svg


def test_two_sites_in_one_place_get_two_marks_and_numbers_that_do_not_overlap():
    view = views.sites_map(context("en"))
    places = {(mark.x, mark.y) for mark in view.marks}
    assert len(places) == len(view.marks)
    tags = [
        (mark.label_x, mark.label_y, mark.label_x + mark.label_width, mark.label_y + mark.label_height)
        for mark in view.marks
    ]
    for index, first in enumerate(tags):
        for second in tags[index + 1 :]:
            assert not (first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3])
        assert 0 <= first[0] and first[2] <= view.drawing.width and 0 <= first[1] and first[3] <= view.drawing.height


def test_the_map_is_cropped_to_the_sites_and_never_taller_than_wide():
    view = views.sites_map(context("en"))
    width, height = view.drawing.width, view.drawing.height
    assert width == geo.WIDTH and height <= width * geo.MAX_ASPECT + 1
    # Every mark is inside, away from the edge; the sites span most of the width or the height.
    xs, ys = [mark.x for mark in view.marks], [mark.y for mark in view.marks]
    assert min(xs) > geo.MARK and max(xs) < width - geo.MARK and min(ys) > geo.MARK and max(ys) < height - geo.MARK
    assert (max(xs) - min(xs)) / width > 0.5 or (max(ys) - min(ys)) / height > 0.5


def test_labels_of_many_sites_in_one_city_stay_apart():
    positions = []
    for count in range(12):  # what geo.draw does with sites in one place: a spiral around it
        angle, radius = count * 2.4, geo.SPREAD * count**0.5
        positions.append((200 + radius * math.cos(angle), 150 + radius * math.sin(angle)))
    tags = geo.place_labels(tuple(positions), tuple(len(str(n)) for n in range(1, 13)), 400, 300)
    boxes = [(left, top, left + width, top + geo.LABEL_HEIGHT) for left, top, width in tags]
    overlaps = sum(
        1
        for index, first in enumerate(boxes)
        for second in boxes[index + 1 :]
        if first[0] < second[2] and second[0] < first[2] and first[1] < second[3] and second[1] < first[3]
    )
    assert overlaps == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_how_to_take_part_says_where_no_one_new_can_join_instead_of_the_way_in(language):
    messages = cached_catalogues()[language]
    completed = [
        row.model_copy(update={"status": RecruitmentStatus.COMPLETED}) if row.country == "SE" else row
        for row in sites_trial().recruitment
    ]
    view = views.take_part(context(language, sites_trial().model_copy(update={"recruitment": completed})))
    how = {country.code: country.how for country in view.countries}
    assert how["SE"] == messages.text("take_part.closed")
    assert how["DK"] == messages.text("take_part.paused")  # the fixture's Denmark is suspended
    assert how["IS"] == messages.text("take_part.country_other")  # recruiting: the way in
    assert len({messages.text("take_part.closed"), messages.text("take_part.paused"), how["IS"]}) == 3
