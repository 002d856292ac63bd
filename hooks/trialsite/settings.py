"""The site's settings, derived from MkDocs' own reading of mkdocs.yml, for the hooks and the
command line alike (one source: they cannot disagree about a language, a path or an option)."""

from __future__ import annotations

import logging
from pathlib import Path

from babel import Locale, UnknownLocaleError
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException

from . import framework
from .site import SiteSettings


class ConfigError(Exception):
    """mkdocs.yml cannot be read or is not a configuration of this site (one line)."""


def trial_options(config: MkDocsConfig) -> dict:
    """mkdocs.yml's ``extra.trial``: the site's own options."""
    options = config.extra.get("trial", {}) or {}
    return options if isinstance(options, dict) else {}


def _option_problem(config: MkDocsConfig, name: str, problem: str) -> ConfigError:
    return ConfigError(f"{config.config_file_path or 'mkdocs.yml'}: extra.trial.{name}: {problem}")


def _cldr_locales(config: MkDocsConfig) -> dict[str, str]:
    """``extra.trial.cldr_locales``, checked: a mapping of language to a CLDR locale Babel knows."""
    locales = trial_options(config).get("cldr_locales", {}) or {}
    if not isinstance(locales, dict):
        raise _option_problem(config, "cldr_locales", "expected language: locale pairs, such as en: en_GB")
    for language, locale in locales.items():
        try:
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError, TypeError):
            raise _option_problem(
                config, f"cldr_locales.{language}", f"{locale!r} is not a CLDR locale; expected one such as en_GB"
            ) from None
    return {str(language): str(locale) for language, locale in locales.items()}


def stale_after_days(config: MkDocsConfig) -> int:
    """``extra.trial.stale_after_days`` (default 30), checked: a whole number of days, 0 or more."""
    days = trial_options(config).get("stale_after_days", 30)
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise _option_problem(config, "stale_after_days", f"{days!r} is not a number of days; expected one such as 30")
    return days


def site_settings(config: MkDocsConfig, data_file: str | None = None) -> SiteSettings:
    """What `load_site` needs, from MkDocs' configuration (``data_file`` replaces the configured one);
    `ConfigError` for an option of ``extra.trial`` it cannot use."""
    options = trial_options(config)
    root = Path(config.config_file_path).resolve().parent
    configured_data = options.get("data", "data/trial.yaml")
    if not data_file and not (isinstance(configured_data, str) and configured_data.strip()):
        raise _option_problem(
            config, "data", f"{configured_data!r} is not a file; expected a path such as data/trial.yaml"
        )
    return SiteSettings(
        root=root,
        data_file=data_file or configured_data,
        docs_dir=Path(config.docs_dir),
        languages=framework.built_languages(config),
        known_languages=framework.known_languages(config),
        default_language=framework.default_language(config),
        cldr_locales=_cldr_locales(config),
        markdown_extensions=tuple(name for name in config.markdown_extensions if isinstance(name, str)),
        mdx_configs=dict(config.mdx_configs or {}),
    )


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def read_config(config_file: Path) -> MkDocsConfig:
    """mkdocs.yml as MkDocs reads it for a build (``!ENV``, defaults, plugins), or `ConfigError`."""
    errors = _Errors()
    logger = logging.getLogger("mkdocs.config")
    logger.addHandler(errors)
    propagate, logger.propagate = logger.propagate, False  # the message below says it once
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as error:
        reason = errors.messages[0] if errors.messages else getattr(error, "message", None) or str(error)
        raise ConfigError(f"{config_file}: cannot be read ({' '.join(str(reason).split())})") from None
    finally:
        logger.removeHandler(errors)
        logger.propagate = propagate
    if not framework.has_i18n(config):
        raise ConfigError(f"{config_file}: the i18n plugin is not configured")
    return config


def read_settings(config_file: Path, data_file: str | None = None) -> SiteSettings:
    """The site settings from mkdocs.yml, exactly as the hooks see them during a build."""
    return site_settings(read_config(config_file), data_file)
