"""mkdocs.yml's own options (extra.trial) with a value the site cannot use: one line naming the
option, from the check and from the build alike, not a traceback."""

from __future__ import annotations

import io
import re

import pytest
from helpers import FIXTURES, copy_project
from mkdocs.exceptions import PluginError
from trialsite.build import Builds
from trialsite.cli import main
from trialsite.settings import read_config


@pytest.mark.parametrize(
    ("written", "replacement", "option"),
    [
        ("    data: data/trial.yaml\n", "    data: 5\n", "extra.trial.data: 5 is not a file"),
        ("    cldr_locales:\n      en: en_GB\n", "    cldr_locales: [en_GB]\n", "extra.trial.cldr_locales: expected"),
        ("      en: en_GB\n", "      en: xx_QQ\n", "extra.trial.cldr_locales.en: 'xx_QQ' is not a CLDR locale"),
        ("    stale_after_days: 30\n", "    stale_after_days: soon\n", "extra.trial.stale_after_days: 'soon' is not"),
    ],
)
def test_an_unusable_trial_option_is_one_line_naming_it(tmp_path, written, replacement, option):
    project = copy_project(tmp_path / "project", (FIXTURES / "minimal.yaml").read_text(encoding="utf-8"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert written in text
    config.write_text(text.replace(written, replacement, 1), encoding="utf-8")
    err = io.StringIO()
    assert main(["--config", str(config), "--no-build"], out=io.StringIO(), err=err) == 2
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{config}: {option}"), lines
    if "stale_after_days" not in option:  # an option of the check only; the build does not read it
        with pytest.raises(PluginError, match="^" + re.escape(f"{config}: {option}")):
            Builds().load(read_config(config))
