"""Small, checked fixes to the HTML Material writes outside its template blocks.

Each replacement must match exactly once per page; if Material's markup changes, the
build fails loudly (`MarkupChanged`) instead of silently shipping the old problem.
"""

from __future__ import annotations

import re

from .components import component

# Nu HTML checker: autocomplete is not allowed on checkboxes. Material adds it so that
# Firefox does not restore the menu state on "back"; our script resets that state anyway.
_TOGGLE_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off">')
_DRAWER_BUTTON = '<label class="md-header__button md-icon" for="__drawer">'


class MarkupChanged(Exception):
    pass


def finish_page(output: str, menu_label: str) -> str:
    output, toggles = _TOGGLE_AUTOCOMPLETE.subn(r"\1>", output)
    if toggles != 2:
        raise MarkupChanged(f"expected Material's 2 toggle checkboxes, found {toggles}")
    if output.count(_DRAWER_BUTTON) != 1:
        raise MarkupChanged("Material's menu button markup has changed")
    # The button's name as hidden text (the HTML checker forbids aria-label on a <label>).
    labelled = _DRAWER_BUTTON + str(component("visually_hidden", menu_label))
    return output.replace(_DRAWER_BUTTON, labelled)
