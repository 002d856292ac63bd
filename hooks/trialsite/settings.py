"""The site's settings, derived from MkDocs' own reading of mkdocs.yml, for the hooks and the
command line alike (one source: they cannot disagree about a language, a path or an option)."""

from __future__ import annotations

import logging
from pathlib import Path

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


def site_settings(config: MkDocsConfig, data_file: str | None = None) -> SiteSettings:
    """What `load_site` needs, from MkDocs' configuration (``data_file`` replaces the configured one)."""
    options = trial_options(config)
    root = Path(config.config_file_path).resolve().parent
    return SiteSettings(
        root=root,
        data_file=data_file or options.get("data", "data/trial.yaml"),
        docs_dir=Path(config.docs_dir),
        languages=framework.built_languages(config),
        known_languages=framework.known_languages(config),
        default_language=framework.default_language(config),
        cldr_locales=dict(options.get("cldr_locales", {}) or {}),
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
