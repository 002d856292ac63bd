"""The package's imports run one way: data -> checks -> views -> templates -> hooks.

A module may import modules of its own layer or of a lower one, never of a higher one: the data
and its checks do not know how they are shown, and nothing renders by importing the data check.
The layers are written here; a new module must be placed in one (the test says so).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import ROOT

HOOKS = ROOT / "hooks"
PACKAGE = HOOKS / "trialsite"

#: Lowest first. Each module of hooks/trialsite/ (and the MkDocs hooks file) is in exactly one.
LAYERS: list[tuple[str, set[str]]] = [
    # Reading the input and what it means: problem types, YAML, the model, texts and their facts.
    (
        "data",
        {
            "problems",
            "loader",
            "vocabulary",
            "units",
            "grammar",
            "locale_data",
            "geo",
            "facts",
            "richtext",
            "model",
            "schema",
            "ctgov",
            "starter",
        },
    ),
    # Checking all the input: the data, the catalogues, the pages, the brand, the site as a whole.
    ("checks", {"validation", "catalogue", "leftovers", "pages", "brand", "site", "reports"}),
    # What a page shows, from (trial, language).
    ("views", {"views", "head", "language_links"}),
    # Output: the sections that fill the markers, and fixes to the HTML and files the theme writes.
    ("templates", {"components", "render", "terms", "postprocess", "robots"}),
    # Entry points: MkDocs' events (build, and the seam to MkDocs' internals: framework, settings)
    # and the editors' command line.
    ("hooks", {"trial_hooks", "build", "framework", "speedups", "settings", "cli", "__main__"}),
]
LAYER_OF = {module: index for index, (_, modules) in enumerate(LAYERS) for module in modules}


def _module_name(path: Path) -> str:
    if path.parent == HOOKS:
        return path.stem  # trial_hooks
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]  # a subpackage (geo/) counts as one module


def _imported(path: Path) -> set[str]:
    """The package's modules that ``path`` imports (at the top, in functions or for type checking)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1 and path.parent == PACKAGE:  # from .x import y / from . import x
                found.update([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
            elif node.level == 0 and node.module and node.module.split(".")[0] == "trialsite":
                rest = node.module.split(".")[1:]
                found.update(rest[:1] or [alias.name for alias in node.names])
            elif node.level:  # inside a subpackage: from .. import x
                found.update([node.module.split(".")[0]] if node.module else [alias.name for alias in node.names])
        elif isinstance(node, ast.Import):
            found.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("trialsite.") and alias.name.count(".") >= 1
            )
    return found


def _sources() -> list[Path]:
    return [HOOKS / "trial_hooks.py", *sorted(PACKAGE.rglob("*.py"))]


IMPORTS: dict[str, set[str]] = {}
for _path in _sources():
    IMPORTS.setdefault(_module_name(_path), set()).update(_imported(_path))


def test_every_module_has_a_layer():
    assert sorted(set(IMPORTS) - set(LAYER_OF)) == [], "add the new module to a layer in LAYERS"
    assert sorted(set(LAYER_OF) - set(IMPORTS)) == [], "LAYERS names a module that is gone"


@pytest.mark.parametrize("module", sorted(IMPORTS))
def test_no_module_imports_a_higher_layer(module):
    upwards = sorted(
        f"{target} ({LAYERS[LAYER_OF[target]][0]})"
        for target in IMPORTS[module] - {module}
        if target in LAYER_OF and LAYER_OF[target] > LAYER_OF.get(module, -1)
    )
    assert upwards == [], f"{module} ({LAYERS[LAYER_OF[module]][0]}) imports a higher layer"


def test_nothing_renders_by_importing_the_data_check():
    rendering = {module for name, modules in LAYERS if name in ("views", "templates") for module in modules}
    rendering |= {"richtext", "catalogue", "facts"}
    assert sorted(module for module in rendering if "validation" in IMPORTS.get(module, set())) == []


def test_the_reader_sees_imports_of_every_kind(tmp_path):
    # The parser finds the imports the layer check relies on (a broken parser would pass everything).
    assert {"problems", "facts", "loader"} <= IMPORTS["validation"]
    assert "views" in IMPORTS["render"]  # from . import views
    assert "site" in IMPORTS["views"]  # under TYPE_CHECKING
    assert "catalogue" in IMPORTS["site"]  # inside a function as well
    assert {"build", "framework"} <= IMPORTS["trial_hooks"]  # from trialsite import x
    source = tmp_path / "hooks_like.py"
    source.write_text("from trialsite.catalogue import MESSAGES_DIR\nimport trialsite.site\n", encoding="utf-8")
    assert _imported(source) == {"catalogue", "site"}  # from trialsite.x import y; import trialsite.x


def test_each_marker_a_page_may_hold_has_a_section():
    from trialsite.pages import MARKER_NAMES
    from trialsite.render import SECTIONS

    assert list(SECTIONS) == list(MARKER_NAMES)
