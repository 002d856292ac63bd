"""The trial's own look from mkdocs.yml (extra.trial.brand): the contrast check, the logo and
colours reaching the built pages, and what the look leaves out of Material (its stylesheet,
book logo and favicon, the table-of-contents rail, the "Next" bar)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import OWN_LOGO, copy_project, line_of, run_mkdocs, with_brand
from trialsite.brand import AA, PAGE_BACKGROUND, TEXT, WHITE, Brand, contrast, load_brand

# --- The contrast check (no build) ------------------------------------------------------------


def test_contrast_is_wcag_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#fff", "#ffffff") == pytest.approx(1)
    # WCAG's own worked example: #767676 is the lightest grey that passes 4.5:1 on white, #777777 fails.
    assert contrast("#767676", WHITE) >= AA > contrast("#777777", WHITE)


def test_the_default_colours_pass_the_check_they_are_held_to():
    default = Brand()
    assert min(contrast(default.primary, PAGE_BACKGROUND), contrast(default.primary, WHITE)) >= AA
    assert contrast(default.accent, TEXT) >= AA and contrast(default.accent, default.primary) >= AA


def test_the_shipped_logo_is_a_small_svg_without_scripts():
    logo = Path(__file__).resolve().parent.parent / "docs" / "assets" / "logo.svg"
    text = logo.read_text(encoding="utf-8")
    assert len(text.encode()) < 1000 and text.startswith("<svg") and "<script" not in text and "href" not in text


def config_file(tmp_path: Path, brand_yaml: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        'site_name: x\nsite_url: !ENV [SITE_URL, "http://x/"]\nextra:\n  trial:\n    brand:\n' + brand_yaml,
        encoding="utf-8",
    )
    (tmp_path / "docs" / "assets").mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / "assets" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8"
    )
    return path


def check(tmp_path: Path, options: dict, brand_yaml: str = "      {}\n") -> tuple[Brand, list[str]]:
    path = config_file(tmp_path, brand_yaml)
    brand, problems = load_brand(options, tmp_path / "docs", path)
    return brand, [str(problem) for problem in problems]


def test_good_settings_are_taken_and_normalised(tmp_path):
    brand, problems = check(tmp_path, {"logo": "assets/logo.svg", "colour": {"primary": "#0B3D91", "accent": "#eef"}})
    assert problems == []
    assert brand == Brand(logo="assets/logo.svg", primary="#0b3d91", accent="#eeeeff")
    assert brand.css() == ":root{--trial-primary:#0b3d91;--trial-accent:#eeeeff}"


def test_no_brand_gives_the_defaults(tmp_path):
    assert check(tmp_path, None) == (Brand(), [])


def test_a_trial_may_have_no_logo(tmp_path):
    brand, problems = check(tmp_path, {"logo": ""})
    assert problems == [] and brand.logo == "" and brand.primary == Brand().primary


def test_a_primary_colour_too_light_for_white_text_is_refused_with_its_line(tmp_path):
    yaml_text = '      colour:\n        primary: "#4a9fd5"\n        accent: "#f5f5f5"\n'
    brand, problems = check(tmp_path, {"colour": {"primary": "#4a9fd5", "accent": "#f5f5f5"}}, yaml_text)
    line = line_of((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"), "primary:")
    assert len(problems) == 1 and "\n" not in problems[0]
    assert problems[0].startswith(f"mkdocs.yml:{line}:18: extra.trial.brand.colour.primary: #4a9fd5 has a contrast of ")
    assert "at least 4.5:1 (WCAG AA): choose a darker colour" in problems[0]
    assert brand == Brand()  # nothing of a refused brand is used


def test_an_accent_too_dark_for_the_text_is_refused(tmp_path):
    _, problems = check(tmp_path, {"colour": {"primary": "#00587c", "accent": "#4c6272"}})
    assert len(problems) == 1
    assert problems[0].startswith("mkdocs.yml:")
    assert "extra.trial.brand.colour.accent: #4c6272 has a contrast of" in problems[0]
    assert "choose a lighter colour" in problems[0]


def test_an_accent_too_close_to_the_primary_is_refused(tmp_path):
    # Both pass on their own (primary on the page, text on the accent), but links on the panels would not.
    primary, accent = "#005eb8", "#b8d4ee"
    assert contrast(primary, PAGE_BACKGROUND) >= AA and contrast(accent, TEXT) >= AA and contrast(accent, primary) < AA
    _, problems = check(tmp_path, {"colour": {"primary": primary, "accent": accent}})
    assert len(problems) == 1 and "colour.accent: #b8d4ee has a contrast of" in problems[0]
    assert f"with the primary colour ({primary})" in problems[0]


@pytest.mark.parametrize(
    ("options", "path", "words"),
    [
        ({"colour": {"primary": "blue"}}, "colour.primary", "'blue' is not a colour"),
        ({"colour": {"primary": 123456}}, "colour.primary", "'int' is not a colour"),
        ({"colour": {"accent": "#12345"}}, "colour.accent", "'#12345' is not a colour"),
        ({"colour": {"secondary": "#000000"}}, "colour.secondary", "unknown colour 'secondary'"),
        ({"colour": "#00587c"}, "colour", "expected primary: and accent:"),
        ({"colours": {}}, "colours", "unknown setting 'colours'"),
        ({"logo": "../secrets.svg"}, "logo", "expected the path of an SVG or PNG file under docs/assets/"),
        ({"logo": "assets/missing.svg"}, "logo", "there is no such file in docs/"),
        ({"logo": "assets/logo.gif"}, "logo", "expected the path of an SVG or PNG file"),
        ({"logo": "https://example.org/logo.svg"}, "logo", "expected the path of an SVG or PNG file"),
        ({"logo": ["assets/logo.svg"]}, "logo", "expected the path of an image under docs/assets/"),
    ],
)
def test_bad_settings_get_one_line_naming_the_setting(tmp_path, options, path, words):
    _, problems = check(tmp_path, options)
    assert len(problems) == 1, problems
    assert f": extra.trial.brand.{path}: " in problems[0] and words in problems[0]
    assert "\n" not in problems[0]


def test_a_heavy_logo_is_refused(tmp_path):
    config_file(tmp_path, "      {}\n")
    (tmp_path / "docs" / "assets" / "big.png").write_bytes(b"\x89PNG" + b"0" * 30_000)
    _, problems = load_brand({"logo": "assets/big.png"}, tmp_path / "docs", tmp_path / "mkdocs.yml")
    assert len(problems) == 1 and "at most 20,000 bytes" in str(problems[0])


def test_a_single_value_instead_of_settings(tmp_path):
    _, problems = check(tmp_path, "#00587c", "      '#00587c'\n")
    assert problems == ["mkdocs.yml:6:7: extra.trial.brand: expected settings (logo:, colour:), not a single value"]


# --- Builds -------------------------------------------------------------------------------------


@pytest.mark.build
def test_logo_and_colours_come_from_the_configuration(branded_site):
    for page in ("index.html", "fi/index.html", "fi/sites/index.html", "404.html"):
        html = (branded_site / page).read_text(encoding="utf-8")
        assert "<style>:root{--trial-primary:#6b2c91;--trial-accent:#f3eaf8}</style>" in html, page
        logo = re.search(r'<header.*?<img class="trial-logo" src="([^"]+)"', html, re.DOTALL)
        assert logo and logo.group(1).endswith("assets/our-mark.svg"), page
        assert re.search(r'<link rel="icon" href="[^"]*assets/our-mark\.svg" type="image/svg\+xml">', html), page
    assert (branded_site / "assets" / "our-mark.svg").read_text(encoding="utf-8") == OWN_LOGO


@pytest.mark.build
def test_none_of_materials_look_is_published(branded_site):
    html = (branded_site / "index.html").read_text(encoding="utf-8")
    # Material's book logo (its "library" icon), its favicon and stylesheets, the TOC rail, the "Next" bar.
    assert "M12 8a3 3 0 0 0 3-3 3 3 0 0 0-3-3" not in html
    assert "favicon.png" not in html and "stylesheets/" not in html
    assert "md-sidebar--secondary" not in html
    assert "md-footer__link" not in html and "md-footer__inner" not in html
    assert "Material for MkDocs" not in html
    assert not (branded_site / "assets" / "stylesheets").exists()
    assert not (branded_site / "assets" / "images" / "favicon.png").exists()
    # One stylesheet: the site's own.
    assert re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) == ["assets/trial.css"]


@pytest.mark.build
def test_a_bad_colour_pair_stops_the_build_with_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    with_brand(project, '      colour:\n        primary: "#7fb3d5"\n        accent: "#ffffff"\n')
    site_dir = tmp_path / "site"
    result = run_mkdocs(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    line = line_of((project / "mkdocs.yml").read_text(encoding="utf-8"), '"#7fb3d5"')
    assert "The site was not built: 1 problem to fix." in output
    assert re.search(
        rf"^  mkdocs\.yml:{line}:18: extra\.trial\.brand\.colour\.primary: #7fb3d5 has a contrast of "
        r"[0-9.]+:1 with the page's background \(#f0f4f5\); links and the white text of buttons need at "
        r"least 4\.5:1 \(WCAG AA\): choose a darker colour$",
        output,
        re.MULTILINE,
    ), output
    assert not (site_dir / "index.html").exists()
