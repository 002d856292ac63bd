"""What each MkDocs event does for the site (hooks/trial_hooks.py calls these, one per event).

The data flow of one build:

    on_config      Builds.load: settings (settings.py) -> load_site (everything read and checked
                   once; kept while no input changes) -> BuildState; the brand, the speed-ups,
                   the languages' names
    on_files       drop_theme_files: the theme's files the site does not publish
    on_nav         language_state: one LanguageState per language (context, renderer, facts,
                   term explanations, head data, hints), made once from this build's files
    on_page_*      fill the page's markers (render.py), put the generated HTML back, explain
                   terms, head data, all from the page's LanguageState
    on_template_context, on_post_template   the 404 page, in every language
    on_post_page   check_ids, finish (postprocess.py)
    on_post_build  finish_site: the default language's 404 page at the root, robots.txt

Everything that relies on MkDocs, Material or mkdocs-static-i18n beyond their documented events
and configuration goes through framework.py.
"""

from __future__ import annotations

import dataclasses
import html
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from . import catalogue, framework, language_links
from .brand import load_brand
from .head import head_data, medical_trial
from .locale_data import language_name
from .pages import (
    SafeAttrList,
    duplicate_ids,
    escape_toc,
    fill_page_facts,
    front_matter_problem,
    sanitise_page_html,
    site_url_problem,
)
from .postprocess import MarkupChanged, finish_page
from .problems import SiteError
from .render import Renderer, Stash, StashError, UnknownMarker
from .richtext import Html
from .robots import robots_txt
from .settings import ConfigError, site_settings, trial_options
from .site import SiteData, fingerprint, load_site
from .speedups import freeze_long_lived
from .terms import mark_terms, plain_terms
from .views import Context, checked_line, page_facts, website_name
from .views import glossary as glossary_terms

log = get_plugin_logger("trial")

GLOSSARY_PAGE = "glossary.md"
HOME_PAGE = "index.md"
#: Pages where marked terms stay plain words: the glossary itself, and the printable handout.
PLAIN_TERM_PAGES = {GLOSSARY_PAGE, "summary.md"}
#: The page whose structured data lists the hospitals (on every page it would make each page as
#: heavy as the list of sites is long).
SITES_PAGE = "sites.md"
# Material's scripts (its bundle, the search index worker, lunr), stylesheets, favicon and source
# maps: this site loads none of them (see overrides/main.html), so they are not published.
UNUSED_THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/favicon.png")


@dataclass
class LanguageState:
    """What the pages of one language share, made once per language build."""

    language: str
    context: Context  # the views' input, with this language's home address
    renderer: Renderer
    facts: dict[str, str]  # the {fact} values of titles and descriptions (pages.fill_page_facts)
    explanations: dict[str, Html]  # glossary pop-ups, plain text
    glossary_more: str
    menu_text: str  # Material's "Menu" label (postprocess.py)
    language_menu: dict[str, str]
    checked: str  # "Information on this site last checked: ..." (views.checked_line)
    #: The language hint's words in each other language (default language only).
    hint_texts: dict[str, dict[str, str]]
    heads: dict[bool, dict] = field(default_factory=dict)  # JSON-LD, with and without the sites
    stashes: dict[str, Stash] = field(default_factory=dict)  # a page's HTML blocks, by page

    def head(self, with_sites: bool) -> dict:
        if with_sites not in self.heads:
            self.heads[with_sites] = medical_trial(self.context, "", with_sites=with_sites)
        return self.heads[with_sites]


@dataclass
class BuildState:
    """One build's inputs, loaded and checked once, and each language's state."""

    key: tuple  # site.fingerprint of the inputs: a change loads everything again
    site: SiteData
    languages: dict[str, LanguageState] = field(default_factory=dict)
    root_404: str | None = None  # the default language's 404 page, put back at the root at the end
    contexts: dict[str, Context] = field(default_factory=dict)

    def context(self, language: str) -> Context:
        """The views' input for one language, made once per build (its cached values with it)."""
        if language not in self.contexts:
            self.contexts[language] = Context.of(self.site, language)
        return self.contexts[language]

    def language(self, config: MkDocsConfig) -> LanguageState:
        """The state of the language being built (made in on_nav)."""
        return self.languages[framework.current_language(config)]


class Builds:
    """One slot, replaced when an input changes: state must not grow across a preview's rebuilds."""

    def __init__(self) -> None:
        self.current: BuildState | None = None

    def load(self, config: MkDocsConfig) -> BuildState:
        """Load and check the inputs if any of them changed since the last build (once per build)."""
        try:
            settings = site_settings(config)
        except ConfigError as error:
            raise PluginError(str(error)) from None
        key = fingerprint(settings)
        if self.current is None or self.current.key != key:
            log.debug("Loading and checking %s, the interface texts and the pages", settings.data_file)
            self.current = None
            try:
                site = load_site(settings)
            except SiteError as error:
                raise PluginError(str(error)) from None
            self.current = BuildState(key, site)
        return self.current

    def reset(self) -> None:
        """Forget the last build: the next one loads and checks every input again (tests that build
        several projects in one process call this; a preview never needs to)."""
        self.current = None

    def state(self) -> BuildState:
        if self.current is None:  # pragma: no cover - on_config always runs first
            raise PluginError("the trial hooks' on_config did not run")
        return self.current


# --- on_config ----------------------------------------------------------------------------------


def check_config(config: MkDocsConfig) -> None:
    if "attr_list" in config.markdown_extensions:
        raise PluginError(
            "mkdocs.yml: remove attr_list from markdown_extensions; it lets a page set event handlers "
            "and styles. The site adds its own, which sets only { #id } and { .page-name }."
        )
    url_problem = site_url_problem(config.site_url or "")
    if url_problem:
        raise PluginError(f"site_url (SITE_URL) {url_problem}")
    if not any(isinstance(extension, SafeAttrList) for extension in config.markdown_extensions):
        config.markdown_extensions.append(SafeAttrList())  # type: ignore[arg-type]  # Markdown takes an Extension as well as a name


def apply_brand(config: MkDocsConfig) -> None:
    """The trial's logo (also the favicon) and colours, checked; main.html prints the colours."""
    config_file = Path(config.config_file_path) if config.config_file_path else None
    brand, problems = load_brand(trial_options(config).get("brand"), Path(config.docs_dir), config_file)
    if problems:
        raise PluginError(str(SiteError(problems))) from None
    config.theme["logo"] = brand.logo or None
    config.theme["favicon"] = brand.logo or None
    config.extra["trial_brand"] = {"css": brand.css(), "logo": brand.logo}


def speed_up(config: MkDocsConfig) -> None:
    """The build's two speed-ups, at the start of each language build (TRIAL_SPEEDUPS=0: neither):
    what is alive now leaves the cycle collector's way (speedups.py), and the language builds share
    one theme environment (framework.share_theme_environment)."""
    freeze_long_lived(start_of_build=not framework.building_other_language(config))
    framework.share_theme_environment(config.theme, config.theme.custom_dir)


def name_languages(config: MkDocsConfig, state: BuildState) -> None:
    """Languages' names from CLDR; each language's site name from the data (views.website_name).
    Material prints the site name without escaping it: it is escaped here."""
    languages = framework.known_languages(config)
    framework.name_languages(
        config,
        names={language: language_name(language) for language in languages},
        site_names={
            language: html.escape(website_name(state.context(language)))
            for language in languages
            if language in state.site.messages
        },
    )


# --- on_files, on_nav ---------------------------------------------------------------------------


def drop_theme_files(files: Files, config: MkDocsConfig) -> Files:
    """Leave out the theme's files the site never loads; copy the rest in the default language's
    build only (every language build writes to the same site root)."""
    default = framework.current_language(config) == framework.default_language(config)
    for file in list(files):
        if file.is_documentation_page() or file.generated_by is not None:
            continue
        unused = file.src_uri.startswith(UNUSED_THEME_FILES) or file.src_uri.endswith(".map")
        if framework.from_theme(file, config.docs_dir) and (unused or not default):
            files.remove(file)
    return files


def language_state(state: BuildState, config: MkDocsConfig, files: Files) -> LanguageState:
    """The state of the language being built, made once from its catalogue and this build's files."""
    site = state.site
    language = framework.current_language(config)
    home = framework.language_file(files, language, HOME_PAGE)
    home_url = framework.absolute_url(config, home.url if home is not None else framework.home_path(config, language))
    context = dataclasses.replace(state.context(language), home_url=home_url)
    messages = site.messages[language]
    others = [other for other in site.settings.languages if other != language]
    made = LanguageState(
        language=language,
        context=context,
        renderer=Renderer(context),
        facts=page_facts(context),
        # Pop-ups hold plain text: a link inside a tooltip could not be reached.
        explanations={
            term.id: Html(html.escape(term.explanation.text, quote=False)) for term in glossary_terms(context)
        },
        glossary_more=messages.text("glossary.more"),
        menu_text=messages.text("menu"),
        language_menu=language_links.language_menu(messages),
        checked=checked_line(context),
        hint_texts={other: language_links.hint_texts(site.messages[other]) for other in others}
        if language == site.settings.default_language
        else {},
    )
    state.languages[language] = made
    return made


# --- on_page_markdown, on_page_content ----------------------------------------------------------


def page_markdown(markdown: str, page: Page, lang: LanguageState) -> str:
    """The page's markers replaced by content in its language; its title and description filled in."""
    # MkDocs parsed the front matter itself; the check parsed it with the project's loader. Should
    # they ever disagree, the build stops rather than print what was not checked.
    meta_problem = front_matter_problem(page.meta)
    if meta_problem:
        raise PluginError(f"{page.file.src_uri}: the front matter as MkDocs reads it {meta_problem}")
    # The trial's facts first ({disease} in a description), then escaping: Material prints page
    # titles and descriptions without escaping; a quote in a description must not end its HTML attribute.
    for key in ("title", "description"):
        page.meta[key] = html.escape(fill_page_facts(page.meta[key], lang.facts))
    # The generated HTML blocks wait outside Markdown and the sanitiser (they are made by our
    # templates from checked data); page_content puts them back.
    stash = lang.stashes[page.file.src_uri] = Stash()
    try:
        return lang.renderer.page(markdown, stash)
    except UnknownMarker as error:
        raise PluginError(f"{page.file.src_uri}: unknown marker trial:{error.args[0]}") from None


def page_content(content: str, page: Page, files: Files, lang: LanguageState) -> str:
    """The page's HTML: its own part sanitised, the generated blocks put back, terms explained."""
    content = sanitise_page_html(content)
    stash = lang.stashes.pop(page.file.src_uri)
    clash = stash.clashing_ids(content)
    if clash:
        raise PluginError(
            f"{page.file.src_uri}: the page sets {{ #{clash[0]} }}, an id the site's own content on this "
            "page uses; choose another id"
        )
    try:
        content = stash.restore(content)
    except StashError as error:
        raise PluginError(f"{page.file.src_uri}: the generated content could not be put back ({error})") from None
    # Material prints the table of contents as it is: its titles become plain text here.
    escape_toc(page.toc)
    if _page_name(page) in PLAIN_TERM_PAGES:
        return plain_terms(content)
    glossary = framework.language_file(files, lang.language, GLOSSARY_PAGE)
    return mark_terms(
        content,
        lang.explanations,
        more=lang.glossary_more,
        glossary_url=glossary.url_relative_to(page.file) if glossary is not None else "",
    )


def _page_name(page: Page) -> str:
    return page.file.src_uri.rsplit("/", 1)[-1]


# --- on_page_context, on_template_context -------------------------------------------------------


def page_context(context: dict, page: Page, config: MkDocsConfig, state: BuildState) -> dict:
    """Head data (language alternates, Open Graph, JSON-LD), the freshness line, the language
    button and, on the default language's pages, the language hint."""
    lang = state.language(config)
    # The built languages only: a "null" entry in the plugin's list is a link in the menu.
    page_urls = {
        language: url
        for language, url in framework.page_alternates(config).items()
        if language in state.site.settings.languages
    }
    title = page.meta.get("title") or page.title
    context["trial_head"] = head_data(
        lang.context,
        page_title=f"{title} - {config.site_name}" if not page.is_homepage else config.site_name,
        site_url=config.site_url or "",
        page_url=page.url,
        page_urls=page_urls,
        default_language=state.site.settings.default_language,
        cldr_locales=state.site.settings.cldr_locales,
        trial_data=lang.head(with_sites=_page_name(page) == SITES_PAGE),
    )
    context["trial_checked"] = lang.checked
    context["trial_language_menu"] = lang.language_menu
    if lang.language == state.site.settings.default_language:
        context["trial_hints"] = language_links.language_hints(page_urls, lang.hint_texts)
    return context


def not_found_context(context: dict, config: MkDocsConfig, state: BuildState) -> dict:
    """The 404 page: its text in every language, each linking to that language's home page."""
    lang = state.language(config)
    settings = state.site.settings
    context["trial_language_menu"] = lang.language_menu
    context["trial_not_found"] = language_links.not_found_texts(
        lang.language,
        state.site.messages,
        {language: framework.home_path(config, language) for language in settings.languages},
    )
    return context


# --- on_post_page, on_post_template, on_post_build ----------------------------------------------


def finish(output: str, lang: LanguageState) -> str:
    """Material's markup outside its blocks, fixed (postprocess.py)."""
    try:
        return finish_page(output, lang.menu_text)
    except MarkupChanged as error:
        raise PluginError(f"Material's page markup changed ({error}); update hooks/trialsite/postprocess.py") from None


def check_ids(output: str, page: Page) -> None:
    """An id written twice sends links, "skip to" targets and screen readers' descriptions to the
    first one: a page may not take an id the site's own content uses (a glossary tip, a heading)."""
    twice = duplicate_ids(output)
    if twice:
        raise PluginError(
            f'{page.file.src_uri}: the id "{twice[0]}" is used twice on the page; a page\'s '
            "{ #id } must not repeat an id of the site's own content"
        )


def finish_not_found(output: str, config: MkDocsConfig, state: BuildState) -> str:
    output = finish(output, state.language(config))
    if framework.current_language(config) == state.site.settings.default_language:
        state.root_404 = output
    return output


def finish_site(config: MkDocsConfig, state: BuildState | None) -> None:
    """After every language: the default language's 404 page at the site root (every language
    build wrote its own there; GitHub Pages serves only that one), and robots.txt when the site is
    at the root of its host (trialsite/robots.py: under a path it is never read). Nothing while
    the plugin is still building the other languages (their own on_post_build)."""
    if framework.building_other_language(config):
        return
    site_dir = Path(config.site_dir)
    if state is not None and state.root_404 is not None:
        (site_dir / "404.html").write_text(state.root_404, encoding="utf-8")
    robots = robots_txt(config.site_url)
    if robots is not None:
        (site_dir / "robots.txt").write_text(robots, encoding="utf-8")


# --- on_serve -----------------------------------------------------------------------------------


#: Seconds between two looks of the preview for a saved file: more often than MkDocs' own interval,
#: so that a data edit is served in every language about as soon as the rebuild is done.
PREVIEW_POLLING_INTERVAL = 0.1


def watch(server) -> None:
    """A preview also rebuilds when an interface text (messages/<lang>.yaml) changes, and notices a
    saved file sooner than MkDocs would."""
    framework.poll_more_often(server, PREVIEW_POLLING_INTERVAL)
    server.watch(str(catalogue.MESSAGES_DIR))  # read now: the tests move it
