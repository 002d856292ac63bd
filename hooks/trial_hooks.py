"""MkDocs events for the trial site: each one calls a named function in trialsite/build.py.

mkdocs-static-i18n builds the default language (English) first, then calls MkDocs' whole build
again for every other language from its own on_post_build: on_config to on_post_page run once per
language; the last on_post_build runs once all are written. Everything the hooks rely on beyond
MkDocs' documented events and configuration is in trialsite/framework.py (the seam), with a
canary test per assumption.

    on_config          read and check every input once per build (BuildState); brand, speed-ups,
                       language names
    on_files           drop the theme files the site does not use or another language already copied
    on_nav             make the language's state (LanguageState: context, renderer, facts, hints)
    on_page_markdown   the page's markers -> content in its language
    on_page_content    sanitise the page's own HTML, put the generated HTML back, explain terms
    on_page_context    head data, freshness line, language button and hint
    on_template_context, on_post_template   the 404 page, in every language
    on_post_page       check ids, fix Material's markup
    on_post_build      once all languages are built: the default language's 404 page at the
                       root, robots.txt
    on_serve           watch the interface texts too
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from trialsite import build, framework

builds = build.Builds()


@event_priority(framework.BEFORE_I18N)  # before the plugin applies the language's settings
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    build.check_config(config)
    state = builds.load(config)
    build.apply_brand(config)
    build.speed_up(config)
    build.name_languages(config, state)
    return config


@event_priority(framework.BEFORE_I18N)  # before the plugin sorts the language's files
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    return build.drop_theme_files(files, config)


@event_priority(framework.AFTER_I18N_NAV)  # the language's files as the plugin left them
def on_nav(nav, *, config: MkDocsConfig, files: Files):
    build.language_state(builds.state(), config, files)
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build.page_markdown(markdown, page, builds.state().language(config))


def on_page_content(content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return build.page_content(content, page, files, builds.state().language(config))


@event_priority(framework.AFTER_I18N_PAGE_CONTEXT)  # after the plugin has set the page's language links
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    return build.page_context(context, page, config, builds.state())


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":
        return build.not_found_context(context, config, builds.state())
    return context


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name == "404.html":
        return build.finish_not_found(output_content, config, builds.state())
    return output_content


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    build.check_ids(output, page)
    return build.finish(output, builds.state().language(config))


@event_priority(framework.AFTER_I18N_BUILDS)  # after the plugin has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    build.finish_site(config, builds.current)


def on_serve(server, *, config: MkDocsConfig, builder):
    build.watch(server)
    return server
