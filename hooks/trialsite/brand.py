"""The trial's own look from mkdocs.yml (`extra.trial.brand`): logo and colours, checked.

    extra:
      trial:
        brand:
          logo: assets/logo.svg      # under docs/assets/: SVG or PNG, at most 20 KB
          colour:
            primary: "#00587c"       # header bar, buttons (white text), links, focus
            accent: "#dcecf3"        # light panels and the current menu item

The colours reach the pages as CSS custom properties (overrides/main.html); docs/assets/trial.css
uses nothing else. A colour that would make text unreadable is refused (WCAG 2.1 AA, 4.5:1):
the primary colour against the page's background and white (links, white button text), the
accent against the body text and the primary colour (text and links on light panels).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .problems import Problem

#: The page background and body text in docs/assets/trial.css (keep them in step).
PAGE_BACKGROUND = "#f0f4f5"
WHITE = "#ffffff"
TEXT = "#212b32"
#: WCAG 2.1 AA for normal-size text (success criterion 1.4.3).
AA = 4.5
LOGO_TYPES = (".svg", ".png")
LOGO_MAX_BYTES = 20_000

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_SETTING = "extra.trial.brand"


@dataclass(frozen=True)
class Brand:
    #: Path of the logo relative to docs_dir ("assets/logo.svg"); "" for none.
    logo: str = "assets/logo.svg"
    primary: str = "#00587c"
    accent: str = "#dcecf3"

    def css(self) -> str:
        """The custom properties that docs/assets/trial.css reads (values are checked hex colours)."""
        return f":root{{--trial-primary:{self.primary};--trial-accent:{self.accent}}}"


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rgb or #rrggbb colour."""
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(character * 2 for character in value)
    channels = []
    for index in (0, 2, 4):
        c = int(value[index : index + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    """WCAG 2.1's contrast ratio of two colours (1 to 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


class _Marks:
    """Where each setting under extra.trial.brand is written in mkdocs.yml (line, column), if known."""

    def __init__(self, config_file: Path | None):
        self.file = config_file.name if config_file else "mkdocs.yml"
        self.marks: dict[str, tuple[int, int]] = {}
        if config_file is None:
            return
        try:
            # compose() builds nodes without constructing values: MkDocs' !ENV tags are fine here.
            root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return
        self._walk(root, "")

    def _walk(self, node, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    child = f"{path}.{key.value}" if path else str(key.value)
                    mark = value.start_mark if isinstance(value, yaml.ScalarNode) else key.start_mark
                    self.marks[child] = (mark.line + 1, mark.column + 1)
                    self._walk(value, child)

    def problem(self, path: str, message: str) -> Problem:
        line, column = self.marks.get(path, self.marks.get(_SETTING, (0, 0)))
        return Problem(self.file, line, column, path, message)


def load_brand(options: object, docs_dir: Path, config_file: Path | None = None) -> tuple[Brand, list[Problem]]:
    """The brand from ``extra.trial.brand`` (``options``; None for the defaults), and its problems."""
    marks = _Marks(config_file)
    problems: list[Problem] = []
    default = Brand()
    if options is None:
        return default, problems
    if not isinstance(options, dict):
        return default, [marks.problem(_SETTING, "expected settings (logo:, colour:), not a single value")]
    for key in options:
        if key not in ("logo", "colour"):
            problems.append(
                marks.problem(f"{_SETTING}.{key}", f"unknown setting {str(key)!r}; expected logo or colour")
            )

    logo = options.get("logo", default.logo)
    if logo is None or logo == "":
        logo = ""
    elif not isinstance(logo, str):
        problems.append(
            marks.problem(
                f"{_SETTING}.logo", "expected the path of an image under docs/assets/, such as assets/logo.svg"
            )
        )
        logo = ""
    else:
        problem = _logo_problem(logo, docs_dir)
        if problem:
            problems.append(marks.problem(f"{_SETTING}.logo", problem))
            logo = ""

    colours = options.get("colour", {})
    if colours is None:
        colours = {}
    if not isinstance(colours, dict):
        problems.append(
            marks.problem(f"{_SETTING}.colour", 'expected primary: and accent:, each a colour such as "#00587c"')
        )
        colours = {}
    for key in colours:
        if key not in ("primary", "accent"):
            problems.append(
                marks.problem(f"{_SETTING}.colour.{key}", f"unknown colour {str(key)!r}; expected primary or accent")
            )
    values: dict[str, str | None] = {}
    for name in ("primary", "accent"):
        value = colours.get(name, getattr(default, name))
        if not isinstance(value, str) or not _HEX.fullmatch(value):
            shown = value if isinstance(value, str) else type(value).__name__
            problems.append(
                marks.problem(
                    f"{_SETTING}.colour.{name}",
                    f'{shown!r} is not a colour; write it as "#" and six hexadecimal digits, '
                    f'such as "{getattr(default, name)}" (in quotes: YAML reads # as a comment)',
                )
            )
            values[name] = None
        else:
            values[name] = _normalise(value)

    primary, accent = values["primary"], values["accent"]
    if primary:
        ratio = min(contrast(primary, PAGE_BACKGROUND), contrast(primary, WHITE))
        if ratio < AA:
            problems.append(
                marks.problem(
                    f"{_SETTING}.colour.primary",
                    f"{primary} has a contrast of {_ratio(ratio)} with the page's background ({PAGE_BACKGROUND}); "
                    "links and "
                    f"the white text of buttons need at least {AA}:1 (WCAG AA): choose a darker colour",
                )
            )
    if accent:
        ratio = contrast(accent, TEXT)
        if ratio < AA:
            problems.append(
                marks.problem(
                    f"{_SETTING}.colour.accent",
                    f"{accent} has a contrast of {_ratio(ratio)} with the text ({TEXT}); text on the light panels "
                    "needs "
                    f"at least {AA}:1 (WCAG AA): choose a lighter colour",
                )
            )
        elif primary and contrast(primary, PAGE_BACKGROUND) >= AA and contrast(accent, primary) < AA:
            problems.append(
                marks.problem(
                    f"{_SETTING}.colour.accent",
                    f"{accent} has a contrast of {_ratio(contrast(accent, primary))} with the primary colour "
                    f"({primary}); "
                    f"links on the light panels need at least {AA}:1 (WCAG AA): choose a lighter accent or a darker "
                    "primary",
                )
            )
    if problems or primary is None or accent is None:  # a colour is None only with a problem
        return default, problems
    return Brand(logo=logo, primary=primary, accent=accent), problems


def _normalise(value: str) -> str:
    value = value.lower()
    if len(value) == 4:
        value = "#" + "".join(character * 2 for character in value[1:])
    return value


def _ratio(ratio: float) -> str:
    # Rounded down, so that a colour just under the limit never reads as "4.5:1".
    return f"{int(ratio * 100) / 100:.2f}:1"


def _logo_problem(logo: str, docs_dir: Path) -> str:
    expected = "expected the path of an SVG or PNG file under docs/assets/, such as assets/logo.svg"
    parts = logo.split("/")
    if (
        not logo.startswith("assets/")
        or "\\" in logo
        or any(part in ("", ".", "..") for part in parts)
        or not logo.lower().endswith(LOGO_TYPES)
    ):
        return f"{logo!r}: {expected}"
    path = docs_dir / logo
    if not path.is_file():
        return f"{logo!r}: there is no such file in {docs_dir.name}/; {expected}"
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return (
            f"{logo!r} is {size:,} bytes; a logo loads on every page, so it may be at most "
            f"{LOGO_MAX_BYTES:,} bytes (an SVG is usually under 2,000)"
        )
    return ""
