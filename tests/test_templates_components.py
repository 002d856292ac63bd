"""Each component of templates/components.jinja, and the marker templates built from them, rendered
alone with view objects made by hand (no trial file): the markup, and that hostile text stays text."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import segno
from helpers import ROOT
from markupsafe import Markup
from trialsite import views
from trialsite.catalogue import Messages
from trialsite.components import component, shared_environment
from trialsite.locale_data import Formatter
from trialsite.richtext import Html

HOSTILE = "<script>x()</script> & \"quoted\" 'single'"
HOSTILE_ESCAPED = "&lt;script&gt;x()&lt;/script&gt; &amp; &#34;quoted&#34; &#39;single&#39;"


def t(key: str, **values) -> str:
    """A stand-in for the catalogue: every text is its key, so a test sees which text went where."""
    return f"[{key}]"


def from_string(source: str, **values) -> str:
    """A template that imports the components as the marker templates do."""
    return shared_environment().from_string('{% import "components.jinja" as c %}' + source).render(t=t, **values)


def marker(template: str, **values) -> str:
    return shared_environment().get_template(f"{template}.md.jinja").render(t=t, **values)


def drug(name="teclistamab", dose: str | None = "1.5\u00a0mg/kg", **changes) -> views.DrugView:
    fields = dict(
        id="d1",
        name=name,
        route="Injection under the skin",
        dose=dose,
        description=Html("<p>A <strong>medicine</strong>.</p>"),
        route_phrase="injection under the skin",
    )
    fields.update(changes)
    return views.DrugView(**fields)


# --- Summary-list rows ----------------------------------------------------------------------------


def test_a_row_is_a_term_and_its_description():
    assert component("row", "Dose", "1 mg") == "<div><dt>Dose</dt><dd>1 mg</dd></div>"


def test_a_row_escapes_its_label_value_and_classes():
    row = component("row", HOSTILE, HOSTILE, **{"class": 'x" onclick="y'}, help=HOSTILE)
    assert row == (
        f'<div><dt>{HOSTILE_ESCAPED}</dt><dd class="x&#34; onclick=&#34;y">{HOSTILE_ESCAPED}'
        f'<br><span class="trial-help">{HOSTILE_ESCAPED}</span></dd></div>'
    )


def test_a_row_takes_html_and_other_components_as_they_are():
    assert component("row", "Outcome", Html("<p>Fewer <em>relapses</em></p>"), **{"class": "trial-prose"}) == (
        '<div><dt>Outcome</dt><dd class="trial-prose"><p>Fewer <em>relapses</em></p></dd></div>'
    )
    assert component("row", "Code", component("identifier", "A-1")) == (
        '<div><dt>Code</dt><dd><span class="trial-id">A-1</span></dd></div>'
    )


def test_a_row_can_carry_an_id_and_a_class_of_its_own():
    assert component("row", "ECOG", "A scale", row_class="trial-glossary__entry", id="term-ecog") == (
        '<div class="trial-glossary__entry" id="term-ecog"><dt>ECOG</dt><dd>A scale</dd></div>'
    )


def test_a_rows_description_can_be_the_body_of_a_call_block():
    html = from_string('{% call c.row("Groups") %}<ul>\n<li>{{ x }}</li>\n</ul>{% endcall %}', x=HOSTILE)
    assert html == f"<div><dt>Groups</dt><dd><ul>\n<li>{HOSTILE_ESCAPED}</li>\n</ul></dd></div>"


def test_a_fact_in_a_line_of_text():
    assert component("fact", "Phase", "Phase 2") == "<span>Phase: Phase 2</span>"
    assert component("fact", "EU CT", component("identifier", "<1>", strong=True)) == (
        '<span>EU CT: <strong class="trial-id">&lt;1&gt;</strong></span>'
    )


# --- Text -------------------------------------------------------------------------------------------


def test_prose_wraps_rich_text_and_escapes_plain_text():
    assert component("prose", Html("<p>One</p>\n<ul><li>two</li></ul>")) == (
        '<div class="trial-prose">\n<p>One</p>\n<ul><li>two</li></ul>\n</div>'
    )
    assert component("prose", HOSTILE) == f'<div class="trial-prose">\n{HOSTILE_ESCAPED}\n</div>'


def test_an_identifier_is_kept_whole():
    assert component("identifier", "2024-000001-11-00") == '<span class="trial-id">2024-000001-11-00</span>'
    assert component("identifier", HOSTILE, strong=True) == f'<strong class="trial-id">{HOSTILE_ESCAPED}</strong>'


def _with_identifier(text: str, identifier: str = "NCT01") -> views.TextWithIdentifier:
    return views.text_with_identifier(Messages("en", {"key": text}, Formatter("en")), "key", "n", identifier)


def test_a_text_keeps_what_is_glued_to_its_identifier_with_it():
    view = _with_identifier("Show them the number ({n}).")
    assert view.parts == ("Show them the number ", views.Glued("(", ")."))
    assert view.text == "Show them the number (NCT01)."
    assert component("text_with_identifier", view) == (
        'Show them the number <span class="trial-nowrap">(<span class="trial-id">NCT01</span>).</span>'
    )


def test_an_identifier_between_spaces_needs_no_nowrap_span():
    view = _with_identifier("{n} is the number")
    assert component("text_with_identifier", view) == '<span class="trial-id">NCT01</span> is the number'


def test_a_text_with_an_identifier_escapes_the_text_and_the_identifier():
    view = views.TextWithIdentifier("<b>", (HOSTILE + " ", views.Glued("<", ">"), " end"))
    assert component("text_with_identifier", view) == (
        f'{HOSTILE_ESCAPED} <span class="trial-nowrap">&lt;<span class="trial-id">&lt;b&gt;</span>&gt;</span> end'
    )
    assert view.text == f"{HOSTILE} <<b>> end"


# --- Status -----------------------------------------------------------------------------------------


def test_a_status_line_has_its_status_and_the_countries_note():
    line = views.StatusLine("recruiting", "Recruiting in Norway.", Html("<em>Since May.</em>"))
    assert component("status_line", line) == (
        '<p class="trial-status__line trial-status--recruiting">Recruiting in Norway. <em>Since May.</em></p>'
    )
    assert component("status_text", views.StatusLine("suspended", HOSTILE)) == HOSTILE_ESCAPED  # no note, no space


def test_a_status_label_and_a_badge():
    assert component("status_label", "Recruiting", "recruiting") == (
        '<span class="trial-status__label trial-status--recruiting">Recruiting</span>'
    )
    assert component("status_label", HOSTILE) == f'<span class="trial-status__label">{HOSTILE_ESCAPED}</span>'
    assert component("badge", "experimental", HOSTILE) == (
        f'<span class="trial-badge trial-badge--experimental">{HOSTILE_ESCAPED}</span>'
    )


# --- Sites ------------------------------------------------------------------------------------------


def test_a_site_name_marks_each_name_with_its_language_when_it_is_not_the_pages():
    name = views.SiteName("Tartu University Hospital", "en", "SA Tartu Ülikooli Kliinikum", "et")
    assert component("site_name", name) == (
        '<span lang="en">Tartu University Hospital</span> (<span lang="et">SA Tartu Ülikooli Kliinikum</span>)'
    )
    assert (
        component("site_name", views.SiteName("Odense Universitetshospital", None, None, None))
        == "Odense Universitetshospital"
    )


def test_a_site_name_and_city_are_escaped():
    site = views.SiteView(
        name=views.SiteName(HOSTILE, None, HOSTILE, 'x" onmouseover="y'),
        city=HOSTILE,
        status_code="recruiting",
        status="Recruiting",
        category_code="none",
        category="",
    )
    assert component("site_place", site) == (
        f'{HOSTILE_ESCAPED} (<span lang="x&#34; onmouseover=&#34;y">{HOSTILE_ESCAPED}</span>), {HOSTILE_ESCAPED}'
    )


# --- Medicines --------------------------------------------------------------------------------------


def test_a_list_of_medicines_gives_each_dose_only_when_there_is_one():
    html = component("medicine_list", [drug(), drug(name=HOSTILE, dose=None)])
    assert html == (
        "<ul>\n<li><strong>teclistamab</strong>: 1.5\u00a0mg/kg, injection under the skin</li>\n"
        f"<li><strong>{HOSTILE_ESCAPED}</strong>: injection under the skin</li>\n</ul>"
    )


def test_a_medicine_is_a_heading_its_facts_and_its_description():
    html = component("medicine", drug(), t)
    assert html == (
        '### Teclistamab { #drug-d1 }\n\n<dl class="trial-facts">\n'
        "<div><dt>[drugs.how_given]</dt><dd>Injection under the skin</dd></div>\n"
        "<div><dt>[drugs.dose]</dt><dd>1.5\u00a0mg/kg</dd></div>\n</dl>\n\n"
        '<div class="trial-prose">\n<p>A <strong>medicine</strong>.</p>\n</div>'
    )
    assert "[drugs.dose]" not in component("medicine", drug(dose=None), t)


def test_a_medicines_name_cannot_write_markdown_into_its_heading():
    heading = str(component("medicine", drug(name="*x* [y](z) #"), t)).splitlines()[0]
    assert heading == r"### \*x\* \[y\](z) \# { #drug-d1 }"


# --- QR code ----------------------------------------------------------------------------------------


def test_the_qr_code_is_an_svg_image_with_a_name():
    code = views.QrView(size=25, path="M2 2.5h7", label=HOSTILE)
    assert component("qr", code) == (
        f'<svg role="img" aria-label="{HOSTILE_ESCAPED}" viewBox="0 0 25 25" class="trial-qr">'
        '<path stroke="#000" d="M2 2.5h7"/></svg>'
    )


@pytest.mark.parametrize("url", ["https://trial.example.org/", "https://example.org/fi/" + "a" * 150])
def test_the_qr_code_draws_what_segnos_own_svg_writer_draws(url):
    code = views.qr_code(url, "This website")
    written = segno.make(url, error="m").svg_inline(
        scale=1, border=2, omitsize=True, svgclass="trial-qr", lineclass=None
    )
    assert re.fullmatch(
        r'<svg viewBox="0 0 (\d+) \1" class="trial-qr"><path stroke="#000" d="([^"]*)"/></svg>', written
    )
    assert (
        written
        == f'<svg viewBox="0 0 {code.size} {code.size}" class="trial-qr"><path stroke="#000" d="{code.path}"/></svg>'
    )


# --- Markup added to HTML the site did not write (terms.py, postprocess.py) -------------------------


def test_a_term_is_a_button_with_its_explanation():
    html = component("term", Markup("RR<b>MM</b>"), "tip-rrmm", Html("Relapsed &amp; refractory"))
    assert html == (
        '<span class="trial-term"><button type="button" class="trial-term__word" aria-describedby="tip-rrmm">'
        'RR<b>MM</b></button><span class="trial-term__tip" role="tooltip" id="tip-rrmm">'
        "Relapsed &amp; refractory</span></span>"
    )
    assert 'aria-describedby="&lt;x&gt;"' in component("term", "w", "<x>", "e")


def test_nowrap_the_glossary_link_and_hidden_text():
    assert (
        component("nowrap", Markup("("), Markup("<b>x</b>"), "<)") == '<span class="trial-nowrap">(<b>x</b>&lt;)</span>'
    )
    assert component("more_terms", '../glossary/?a=1&b="2"', HOSTILE) == (
        f'<p class="trial-more-terms"><a href="../glossary/?a=1&amp;b=&#34;2&#34;">{HOSTILE_ESCAPED}</a></p>'
    )
    assert component("visually_hidden", HOSTILE) == f'<span class="trial-visually-hidden">{HOSTILE_ESCAPED}</span>'


def test_python_code_that_adds_a_component_to_a_page_keeps_the_page_as_it_is():
    from trialsite.postprocess import finish_page

    page = (
        '<input class="md-toggle" type="checkbox" id="a" autocomplete="off"><input class="md-toggle" type="checkbox" '
        'id="b" autocomplete="off"><label class="md-header__button md-icon" for="__drawer"><svg></svg></label>'
    )
    finished = finish_page(page, HOSTILE)
    assert finished.startswith('<input class="md-toggle" type="checkbox" id="a">')
    assert (
        f'for="__drawer"><span class="trial-visually-hidden">{HOSTILE_ESCAPED}</span><svg></svg></label>'
    ) in finished


# --- Marker templates, from views made by hand ---------------------------------------------------------


def _identifiers(**changes) -> views.IdentifiersView:
    fields = dict(
        eu_ct_number="2024-000001-11-00",
        register_url="https://register.example/?n=1&l=fi",
        nct_number=None,
        nct_url=None,
        protocol_code=None,
        phase="Phase 2",
        phase_help="Tests how well it works.",
    )
    fields.update(changes)
    return views.IdentifiersView(**fields)


def test_the_identifiers_are_rows_with_their_links():
    html = marker("identifiers", view=_identifiers(protocol_code=HOSTILE))
    assert html == (
        '<dl class="trial-facts trial-facts--ids">\n'
        '<div><dt>[identifiers.eu_ct_number]</dt><dd><span class="trial-id">2024-000001-11-00</span><br>'
        '<a href="https://register.example/?n=1&amp;l=fi">[identifiers.register_link]</a></dd></div>\n'
        f'<div><dt>[identifiers.protocol_code]</dt><dd><span class="trial-id">{HOSTILE_ESCAPED}</span></dd></div>\n'
        "<div><dt>[identifiers.phase]</dt><dd>Phase 2<br>"
        '<span class="trial-help">Tests how well it works.</span></dd></div>\n'
        "</dl>\n"
    )


def test_the_printable_summary_lists_the_same_identifiers_in_a_line():
    summary = views.HandoutView(
        title="T",
        identifiers=_identifiers(eu_ct_number=None, nct_number="NCT01"),
        tests="Tests.",
        design=[],
        status_lines=[views.StatusLine("recruiting", "Recruiting.")],
        sponsor=HOSTILE,
        inclusion=[],
        exclusion=[],
        countries=[],
        url="https://example.org/",
        qr=None,
    )
    html = marker("handout", view=summary)
    assert (
        '<p class="trial-summary__identifiers">'
        '<span>[registry_nct.number]: <strong class="trial-id">NCT01</strong></span>\n'
        "<span>[identifiers.phase]: Phase 2</span>\n"
        f"<span>[design.sponsor]: {HOSTILE_ESCAPED}</span></p>"
    ) in html
    assert '<p class="trial-summary__status">Recruiting.</p>' in html
    assert "<svg" not in html  # no address, no code


def test_treatment_without_groups_lists_every_medicine_and_the_cycles():
    view = views.TreatmentView(medicines=[drug()], cycles_planned="6 cycles", cycles_maximum=None)
    assert marker("treatment", view=view) == (
        '<dl class="trial-facts trial-facts--summary">\n'
        "<div><dt>[treatment.medicines]</dt><dd><ul>\n"
        "<li><strong>teclistamab</strong>: 1.5\u00a0mg/kg, injection under the skin</li>\n</ul></dd></div>\n"
        "<div><dt>[treatment.cycles_planned]</dt><dd>6 cycles</dd></div>\n</dl>\n"
    )


def test_a_treatment_group_without_medicines_says_so():
    arm = views.ArmView(
        id="b",
        label=HOSTILE,
        role_code="no_intervention",
        role="No treatment",
        description=None,
        medicines=[],
        medicine_names="",
        cycle_length=None,
        cycles_planned=None,
        cycles_maximum=None,
    )
    html = marker(
        "treatment", view=views.TreatmentView(medicines=[], cycles_planned=None, cycles_maximum=None, arms=[arm])
    )
    assert (
        f'<p class="trial-arm__label"><strong>{HOSTILE_ESCAPED}</strong> '
        '<span class="trial-badge trial-badge--no_intervention">No treatment</span></p>'
    ) in html
    assert "<div><dt>[arms.medicines]</dt><dd>[arms.no_medicines]</dd></div>" in html


def test_the_glossary_is_a_list_of_rows_with_anchors():
    terms = [views.TermView(id="ecog", term=HOSTILE, explanation=Html("A <em>scale</em>"))]
    assert marker("glossary", terms=terms) == (
        '<dl class="trial-glossary">\n'
        f'<div class="trial-glossary__entry" id="term-ecog"><dt>{HOSTILE_ESCAPED}</dt><dd>A <em>scale</em></dd></div>\n'
        "</dl>\n"
    )


def test_a_design_without_facts_writes_nothing():
    assert marker("design", view=None) == ""


def test_one_prose_template_serves_every_rich_text_marker():
    from trialsite.render import SECTIONS

    assert SECTIONS["summary"].template == SECTIONS["disease"].template == "prose"
    assert marker("prose", text=Html("<p>x</p>")) == '<div class="trial-prose">\n<p>x</p>\n</div>\n'


# --- No HTML written in Python ------------------------------------------------------------------------

#: Modules allowed to write tags in Python: none (richtext.py's plain-text short cut, the last one, is gone).
_MAY_WRITE_TAGS: set[str] = set()
_TAG = re.compile(r"<[a-zA-Z/]")
_PATTERN_FUNCTIONS = {"compile", "sub", "subn", "search", "match", "fullmatch", "findall", "finditer", "split"}


def _markup_built_in(source: Path) -> list[str]:
    """Lines where an f-string writes a tag (a regular expression's pattern is not markup)."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    patterns = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", None)) in _PATTERN_FUNCTIONS
        for argument in node.args[:1]
        for inner in ast.walk(argument)
    }
    return [
        f"{source.name}:{node.lineno}"
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        and id(node) not in patterns
        and _TAG.search("".join(part.value for part in node.values if isinstance(part, ast.Constant)))
    ]


def test_no_python_module_writes_html_the_templates_should():
    sources = [*sorted((ROOT / "hooks" / "trialsite").rglob("*.py")), ROOT / "hooks" / "trial_hooks.py"]
    found = [line for source in sources if source.name not in _MAY_WRITE_TAGS for line in _markup_built_in(source)]
    assert found == [], "write the markup in templates/components.jinja and call it (components.component)"
