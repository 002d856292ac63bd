"""MkDocs events for the trial site; the work itself is in the `trialsite` package.

Events used:
- on_config (runs once per language): load and check all inputs (cached, so once per
  build), name the languages from CLDR, set each language's site name from the data, read
  the trial's logo and colours (extra.trial.brand, trialsite/brand.py), and let the theme
  reuse its templates across languages (theme_cache.py, speedups.py).
- on_files: leave out the theme's unused scripts, copy the theme's files once, not once
  per language, and render the 404 page and the sitemap only in the build whose copy is kept.
- on_pre_build: undo that last choice for the next language build.
- on_page_markdown: replace the page's markers with content for the page's language.
- on_page_content: put the generated HTML blocks back (they skip Markdown's parser), explain
  marked terms and link the glossary of the page's language after them.
- on_page_context: head data (absolute language alternates, Open Graph, JSON-LD) and the
  language button's text.
- on_template_context: the 404 page's text in every language, and its language button's.
- on_post_page / on_post_template: fix Material's markup outside its blocks; remember
  the English 404 page.
- on_post_build (after all languages): put the English 404 page back at the site root,
  write robots.txt when the site is at the root of its host (trialsite/robots.py).
- on_serve: watch the interface texts too, so a preview rebuilds when they change.

mkdocs-static-i18n builds English first, then calls the whole build again for every
other language from its own on_post_build.
"""

from __future__ import annotations

import dataclasses
import html
import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from trialsite.brand import load_brand
from trialsite.catalogue import MESSAGES_DIR
from trialsite.head import head_data, medical_trial
from trialsite.locale_data import language_name
from trialsite.pages import (
    SafeAttrList,
    duplicate_ids,
    escape_toc,
    fill_page_facts,
    front_matter_problem,
    sanitise_page_html,
    site_url_problem,
)
from trialsite.postprocess import MarkupChanged, finish_page
from trialsite.problems import SiteError
from trialsite.render import Renderer, Stash, StashError, UnknownMarker
from trialsite.richtext import Html
from trialsite.robots import robots_txt
from trialsite.site import SiteData, SiteSettings, fingerprint, load_site
from trialsite.speedups import enabled as speedups_enabled
from trialsite.speedups import freeze_long_lived
from trialsite.terms import mark_terms, plain_terms
from trialsite.theme_cache import install as install_theme_cache
from trialsite.views import Context, checked_line, page_facts, website_name
from trialsite.views import glossary as glossary_terms

log = get_plugin_logger("trial")

# One slot, replaced when an input changes: module state must not grow across rebuilds.
_cache: dict[str, object] = {}


def _i18n(config: MkDocsConfig):
    try:
        return config.plugins["i18n"]
    except KeyError:
        raise PluginError("mkdocs.yml must enable the i18n plugin (mkdocs-static-i18n)") from None


def _current_language(config: MkDocsConfig) -> str:
    plugin = _i18n(config)
    return plugin.current_language or plugin.default_language


def _settings(config: MkDocsConfig) -> SiteSettings:
    plugin = _i18n(config)
    options = config.extra.get("trial", {}) or {}
    root = Path(config.config_file_path).resolve().parent
    return SiteSettings(
        root=root,
        data_file=options.get("data", "data/trial.yaml"),
        docs_dir=Path(config.docs_dir),
        languages=[language.locale for language in plugin.config.languages if language.build],
        known_languages=[language.locale for language in plugin.config.languages if language.locale != "null"],
        default_language=plugin.default_language,
        cldr_locales=dict(options.get("cldr_locales", {}) or {}),
        markdown_extensions=tuple(name for name in config.markdown_extensions if isinstance(name, str)),
        mdx_configs=dict(config.mdx_configs or {}),
    )


def _load(config: MkDocsConfig) -> SiteData:
    """Load and check the inputs if any of them changed since the last build (once per build)."""
    settings = _settings(config)
    key = fingerprint(settings)
    if _cache.get("key") != key:
        log.debug("Loading and checking %s, the interface texts and the pages", settings.data_file)
        try:
            site = load_site(settings)
        except SiteError as error:
            _cache.clear()
            raise PluginError(str(error)) from None
        _cache.update(key=key, site=site, renderers={}, heads={}, explanations={}, page_facts={})
    return _cache["site"]  # type: ignore[return-value]


def _site(config: MkDocsConfig) -> SiteData:
    """The inputs loaded by this build's on_config (no file is looked at again)."""
    site = _cache.get("site")
    return site if isinstance(site, SiteData) else _load(config)


@event_priority(100)  # before the i18n plugin applies per-language settings (priority -100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "attr_list" in config.markdown_extensions:
        raise PluginError("mkdocs.yml: remove attr_list from markdown_extensions; it lets a page set event handlers "
                          "and styles. The site adds its own, which sets only { #id } and { .page-name }.")
    url_problem = site_url_problem(config.site_url or "")
    if url_problem:
        raise PluginError(f"site_url (SITE_URL) {url_problem}")
    if not any(isinstance(extension, SafeAttrList) for extension in config.markdown_extensions):
        config.markdown_extensions.append(SafeAttrList())  # type: ignore[arg-type]  # Markdown takes an Extension as well as a name
    site = _load(config)
    _brand(config)
    freeze_long_lived(start_of_build=not _i18n(config).building)
    install_theme_cache(config.theme, config.theme.custom_dir)
    for language in _i18n(config).config.languages:
        language.name = language_name(language.locale)
        if language.locale in site.messages:
            # The data's short_title, or a name made from the study medicines (views.website_name).
            # Material's templates print the site name without escaping it: escape it here.
            language.site_name = html.escape(website_name(Context.of(site, language.locale)))
    return config


def _brand(config: MkDocsConfig) -> None:
    """The trial's logo (also the favicon) and colours, checked; main.html prints the colours."""
    options = config.extra.get("trial", {}) or {}
    config_file = Path(config.config_file_path) if config.config_file_path else None
    brand, problems = load_brand(options.get("brand"), Path(config.docs_dir), config_file)
    if problems:
        raise PluginError(str(SiteError(problems))) from None
    config.theme["logo"] = brand.logo or None
    config.theme["favicon"] = brand.logo or None
    config.extra["trial_brand"] = {"css": brand.css(), "logo": brand.logo}


# Material's scripts (its bundle, the search index worker, lunr), stylesheets, favicon and source
# maps: this site loads none of them (see overrides/main.html), so they are not published.
_UNUSED_THEME_FILES = ("assets/javascripts/", "assets/stylesheets/", "assets/images/favicon.png")


def _unneeded_theme_templates(config: MkDocsConfig) -> set[str]:
    """The theme's pages that this language build would render only for a later build to overwrite.

    Every language build writes the same site/404.html and site/sitemap.xml. The 404 page kept is
    the default language's (put back in on_post_build); the sitemap kept is the last build's,
    the first to know every language's pages.
    """
    plugin = _i18n(config)
    language = _current_language(config)
    others = [locale for locale in plugin.build_languages if locale != plugin.default_language]
    last = others[-1] if others else plugin.default_language
    unneeded = set()
    if language != plugin.default_language:
        unneeded.add("404.html")
    if language != last:
        unneeded.add("sitemap.xml")
    return unneeded


@event_priority(100)  # before the i18n plugin sorts this language's files (priority -100)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    # MkDocs joins docs_dir and each file's path: a prefix test finds them (no path is resolved,
    # which took a few milliseconds per language build for the theme's hundreds of files).
    docs = os.path.join(os.path.normpath(config.docs_dir), "")
    default = _current_language(config) == _i18n(config).default_language
    for file in list(files):
        if file.is_documentation_page() or file.generated_by is not None:
            continue
        from_theme = not (file.abs_src_path or "").startswith(docs)
        unused = file.src_uri.startswith(_UNUSED_THEME_FILES) or file.src_uri.endswith(".map")
        # Every language build writes to the same site root: the theme's files, identical for
        # all, are copied by the default language's build only.
        if from_theme and (unused or not default):
            files.remove(file)
    # MkDocs has already listed the theme's files (static_templates also keeps these templates
    # out of that list); what is left of the set is which templates this build renders.
    if speedups_enabled():
        # Restored in on_pre_build: MkDocs' list of the theme's files depends on the full set.
        config.theme._trial_static_templates = set(config.theme.static_templates)  # type: ignore[attr-defined]  # our own, until on_pre_build
        config.theme.static_templates -= _unneeded_theme_templates(config)
    return files


def on_pre_build(*, config: MkDocsConfig) -> None:
    saved = getattr(config.theme, "_trial_static_templates", None)
    if saved is not None:
        config.theme.static_templates = saved
        del config.theme._trial_static_templates  # type: ignore[attr-defined]


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = _site(config)
    language = _current_language(config)
    facts: dict[str, dict[str, str]] = _cache.setdefault("page_facts", {})  # type: ignore[assignment]
    if language not in facts:
        facts[language] = page_facts(Context.of(site, language))
    # MkDocs parsed the front matter itself; the check parsed it with the project's loader. Should
    # they ever disagree, the build stops rather than print what was not checked.
    meta_problem = front_matter_problem(page.meta)
    if meta_problem:
        raise PluginError(f"{page.file.src_uri}: the front matter as MkDocs reads it {meta_problem}")
    # The trial's facts first ({disease} in a description), then escaping: Material prints page
    # titles and descriptions without escaping; a quote in a description must not end its HTML attribute.
    for key in ("title", "description"):
        page.meta[key] = html.escape(fill_page_facts(page.meta[key], facts[language]))
    renderers: dict[str, Renderer] = _cache.setdefault("renderers", {})  # type: ignore[assignment]
    renderer = renderers.get(language)
    if renderer is None:
        context = dataclasses.replace(Context.of(site, language), home_url=_home_url(config, language))
        renderer = renderers[language] = Renderer(context)
    # The generated HTML blocks wait outside Markdown and the sanitiser (they are made by our
    # templates from checked data); on_page_content puts them back.
    stash = Stash()
    stashes: dict[str, Stash] = _cache.setdefault("stashes", {})  # type: ignore[assignment]
    stashes[page.file.src_uri] = stash
    try:
        return renderer.page(markdown, stash)
    except UnknownMarker as error:
        raise PluginError(f"{page.file.src_uri}: unknown marker trial:{error.args[0]}") from None


def _home_url(config: MkDocsConfig, language: str) -> str:
    base = (config.site_url or "/").rstrip("/") + "/"
    return base if language == _i18n(config).default_language else f"{base}{language}/"


_GLOSSARY_PAGE = "glossary.md"
# Pages where marked terms stay plain words: the glossary itself, and the printed summary.
_PLAIN_TERM_PAGES = {_GLOSSARY_PAGE, "summary.md"}  # summary.md: the printable handout


def _glossary_url(page: Page, files: Files, language: str) -> str:
    """The address of this language's glossary page relative to ``page`` ("" if there is none).

    Each language build's ``files`` holds that language's pages: with the folder structure the
    Norwegian glossary is ``no/glossary.md`` (the default language's is ``glossary.md``). MkDocs
    works out the relative address, so a home page (``no/``) gets ``glossary/`` and an inner
    page (``no/sites/``) ``../glossary/``. A page that fell back to another language's file
    (``locale``) is not this language's glossary: no link then, rather than a wrong one.
    """
    for src_uri in (f"{language}/{_GLOSSARY_PAGE}", _GLOSSARY_PAGE):
        glossary = files.get_file_from_path(src_uri)
        if glossary is not None and getattr(glossary, "locale", language) == language:
            return glossary.url_relative_to(page.file)
    return ""


def on_page_content(content: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    stashes: dict[str, Stash] = _cache.setdefault("stashes", {})  # type: ignore[assignment]
    # The page's own HTML (its Markdown) passes the same allow-list the check applies.
    content = sanitise_page_html(content)
    stash = stashes.pop(page.file.src_uri)
    clash = stash.clashing_ids(content)
    if clash:
        raise PluginError(f"{page.file.src_uri}: the page sets {{ #{clash[0]} }}, an id the site's own content on this "
                          "page uses; choose another id")
    try:
        content = stash.restore(content)
    except StashError as error:
        raise PluginError(f"{page.file.src_uri}: the generated content could not be put back ({error})") from None
    # Material prints the table of contents as it is: its titles become plain text here.
    escape_toc(page.toc)
    if page.file.src_uri.rsplit("/", 1)[-1] in _PLAIN_TERM_PAGES:
        return plain_terms(content)
    site = _site(config)
    language = _current_language(config)
    explanations: dict = _cache.setdefault("explanations", {})  # type: ignore[assignment]
    if language not in explanations:
        # Pop-ups hold plain text: a link inside a tooltip could not be reached.
        explanations[language] = {term.id: Html(html.escape(term.explanation.text, quote=False))
                                  for term in glossary_terms(Context.of(site, language))}
    return mark_terms(
        content,
        explanations[language],
        more=site.messages[language].text("glossary.more"),
        glossary_url=_glossary_url(page, files, language),
    )


@event_priority(-50)  # after the i18n plugin has set this page's language links (priority 50)
def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
    site = _site(config)
    language = _current_language(config)
    # The i18n plugin sets this page's links as an attribute (what Material's template reads).
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate", [])
    page_urls = {alternate["lang"]: alternate["link"] for alternate in alternates}
    title = page.meta.get("title") or page.title
    heads: dict = _cache.setdefault("heads", {})  # type: ignore[assignment]
    # The hospitals belong to the sites page's structured data only: on every page they would
    # make each page as heavy as the list of sites is long.
    with_sites = page.file.src_uri.rsplit("/", 1)[-1] == "sites.md"
    key = (language, with_sites)
    if key not in heads:
        heads[key] = medical_trial(Context.of(site, language), "", with_sites=with_sites)
    context["trial_head"] = head_data(
        Context.of(site, language),
        page_title=f"{title} - {config.site_name}" if not page.is_homepage else config.site_name,
        site_url=config.site_url or "",
        page_url=page.url,
        page_urls=page_urls,
        default_language=_i18n(config).default_language,
        cldr_locales=site.settings.cldr_locales,
        trial_data=heads[key],
    )
    context["trial_checked"] = checked_line(Context.of(site, language))
    context["trial_language_menu"] = _language_menu(site, language)
    if language == _i18n(config).default_language:
        # The language hint: the same page in each other language, offered in that language.
        context["trial_hints"] = [
            {
                "lang": lang,
                "href": page_urls.get(lang, ""),
                "label": site.messages[lang].text("language_hint.label"),
                "text": site.messages[lang].text("language_hint.text"),
                "link": site.messages[lang].text("language_hint.link"),
                "close": site.messages[lang].text("language_hint.close"),
            }
            for lang in site.settings.languages
            if lang != language and page_urls.get(lang)
        ]
    return context


def _language_menu(site: SiteData, language: str) -> dict[str, str]:
    """The language button's text (overrides/partials/alternate.html): the language's name,
    shown, and the words around it ("Språk: " in "Språk: Norsk"), read out by screen readers."""
    slot = f"trial{secrets.token_hex(8)}"  # a word no catalogue text holds
    before, _, after = site.messages[language].text("language_menu.button", language=slot).partition(slot)
    return {"code": language, "name": language_name(language), "before": before, "after": after}


def on_template_context(context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":
        site = _site(config)
        context["trial_language_menu"] = _language_menu(site, _current_language(config))
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        current = _current_language(config)
        languages = [current] + [language for language in site.settings.languages if language != current]
        context["trial_not_found"] = [
            {
                "lang": language,
                "title": site.messages[language].text("not_found.title"),
                "text": site.messages[language].text("not_found.text"),
                "home": site.messages[language].text("not_found.home"),
                "href": base if language == site.settings.default_language else f"{base}{language}/",
            }
            for language in languages
        ]
    return context


def _finish(output: str, config: MkDocsConfig) -> str:
    try:
        return finish_page(output, _site(config).messages[_current_language(config)].text("menu"))
    except MarkupChanged as error:
        raise PluginError(f"Material's page markup changed ({error}); update hooks/trialsite/postprocess.py") from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # An id written twice sends links, "skip to" targets and screen readers' descriptions to the
    # first one: a page may not take an id the site's own content uses (a glossary tip, a heading).
    twice = duplicate_ids(output)
    if twice:
        raise PluginError(f"{page.file.src_uri}: the id \"{twice[0]}\" is used twice on the page; a page's "
                          "{ #id } must not repeat an id of the site's own content")
    return _finish(output, config)


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    output_content = _finish(output_content, config)
    if _current_language(config) == _i18n(config).default_language:
        _cache["root_404"] = output_content
    return output_content


@event_priority(-200)  # after the i18n plugin has built the other languages (priority -100)
def on_post_build(*, config: MkDocsConfig) -> None:
    if _i18n(config).building:
        return
    # Every language build writes site/404.html; GitHub Pages serves only that one.
    site_dir = Path(config.site_dir)
    root_404 = _cache.get("root_404")
    if isinstance(root_404, str):
        (site_dir / "404.html").write_text(root_404, encoding="utf-8")
    robots = robots_txt(config.site_url)  # None under a path (a GitHub project site): never read there
    if robots is not None:
        (site_dir / "robots.txt").write_text(robots, encoding="utf-8")


def on_serve(server, *, config: MkDocsConfig, builder):
    server.watch(str(MESSAGES_DIR))
    return server

