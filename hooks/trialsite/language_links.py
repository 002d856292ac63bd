"""What the pages say about the site's other languages: the language button's words, the hint
offering a visitor the page in their own language, and the 404 page's text in every language.

Plain functions of the catalogues and addresses the caller passes in (no MkDocs here)."""

from __future__ import annotations

import secrets

from .catalogue import Messages
from .locale_data import language_name


def language_menu(messages: Messages) -> dict[str, str]:
    """The language button's text (overrides/partials/alternate.html): the language's name,
    shown, and the words around it ("Språk: " in "Språk: Norsk"), read out by screen readers."""
    slot = f"trial{secrets.token_hex(8)}"  # a word no catalogue text holds
    before, _, after = messages.text("language_menu.button", language=slot).partition(slot)
    return {"code": messages.language, "name": language_name(messages.language), "before": before, "after": after}


def hint_texts(messages: Messages) -> dict[str, str]:
    """The language hint's words in one language (the box offered on the default language's pages)."""
    return {key: messages.text(f"language_hint.{key}") for key in ("label", "text", "link", "close")}


def language_hints(page_urls: dict[str, str], texts: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """The same page in each other language (``texts``: that language's hint words), in that
    language; languages without this page are left out."""
    return [
        {"lang": language, "href": page_urls[language], **words}
        for language, words in texts.items()
        if page_urls.get(language)
    ]


def not_found_texts(current: str, messages: dict[str, Messages], home_paths: dict[str, str]) -> list[dict[str, str]]:
    """The 404 page's title, text and home link in every language, ``current`` first."""
    languages = [current] + [language for language in home_paths if language != current]
    return [
        {
            "lang": language,
            "title": messages[language].text("not_found.title"),
            "text": messages[language].text("not_found.text"),
            "home": messages[language].text("not_found.home"),
            "href": home_paths[language],
        }
        for language in languages
    ]
