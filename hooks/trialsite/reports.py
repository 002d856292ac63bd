"""The check command's reports: texts still in English, statuses not checked for a while, and planned
recruitment dates that have passed while the status still says otherwise."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .facts import iter_texts
from .loader import Located
from .locale_data import Formatter
from .problems import FieldPath, format_path
from .site import SiteData, page_names
from .vocabulary import DateType, RecruitmentStatus


@dataclass(frozen=True)
class Finding:
    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


def _looks_like_prose(text: str) -> bool:
    # A drug name or a code may rightly be the same in every language; a sentence may not. A text
    # that is only {values} and punctuation ("{status}: {countries}") has no words to translate.
    return " " in text.strip() and any(char.isalpha() for char in re.sub(r"\{[^{}]*\}", "", text))


def untranslated(site: SiteData, located: Located) -> dict[str, list[Finding]]:
    """Per language, the texts (data, interface, pages) that are still word for word the English."""
    settings = site.settings
    reference = settings.default_language
    found: dict[str, list[Finding]] = {language: [] for language in settings.languages if language != reference}
    for path, texts in iter_texts(site.trial):
        for language in found:
            if texts.get(language) == texts.get(reference) and _looks_like_prose(texts[reference]):
                line, _ = located.position(path + (language,))
                found[language].append(Finding(f"{settings.data_file}:{line}", format_path(path + (language,))))
    english = site.messages[reference].entries
    for language in found:
        for key, value in site.messages[language].entries.items():
            if value == english.get(key) and isinstance(value, str) and _looks_like_prose(value):
                found[language].append(Finding(f"hooks/trialsite/messages/{language}.yaml", key))
        for name in sorted(page_names(settings, language)):
            translated = settings.docs_folder(language) / name
            original = settings.docs_folder(reference) / name
            if original.exists() and translated.read_bytes() == original.read_bytes():
                found[language].append(Finding(settings.relative(translated), "the whole page is the English page"))
    return found


def stale_statuses(site: SiteData, located: Located, today: dt.date, max_age_days: int) -> list[Finding]:
    """Recruitment statuses (and site statuses) not checked within ``max_age_days`` of ``today``."""
    english = Formatter(site.settings.default_language)
    found = []
    entries: list[tuple[FieldPath, object, dt.date | None]] = [
        (("recruitment", index), english.country(entry.country), entry.checked)
        for index, entry in enumerate(site.trial.recruitment)
    ]
    entries += [
        (("sites", index), site_entry.name, site_entry.checked)
        for index, site_entry in enumerate(site.trial.sites)
        if site_entry.status is not None
    ]
    for path, label, checked in entries:
        line, _ = located.position(path)
        where = f"{site.settings.data_file}:{line}"
        if checked is None:
            found.append(Finding(where, f"{format_path(path)} ({label}): no check date; add checked: YYYY-MM-DD"))
        elif (today - checked).days > max_age_days:
            found.append(
                Finding(
                    where,
                    f"{format_path(path)} ({label}): last checked {checked.isoformat()}, "
                    f"{(today - checked).days} days ago",
                )
            )
    return found


#: Statuses that still say recruitment goes on: a planned end that has passed contradicts them.
_STILL_RECRUITING = {RecruitmentStatus.RECRUITING, RecruitmentStatus.ENROLLING_BY_INVITATION}


def passed_plans(site: SiteData, located: Located, today: dt.date) -> list[Finding]:
    """Planned starts that have passed while the status is still not_yet_recruiting, and planned ends
    that have passed while it is still recruiting: the status or the date needs updating."""
    english = Formatter(site.settings.default_language)
    found = []
    for index, entry in enumerate(site.trial.recruitment):
        path = ("recruitment", index)
        label = f"{format_path(path)} ({english.country(entry.country)})"
        start, end = entry.start, entry.end
        if (
            entry.status is RecruitmentStatus.NOT_YET_RECRUITING
            and start is not None
            and start.type is DateType.PLANNED
            and start.date < today
        ):
            line, _ = located.position(path + ("start",))
            found.append(
                Finding(
                    f"{site.settings.data_file}:{line}",
                    f"{label}: the planned start {start.date.isoformat()} has passed, but the status is still "
                    "not_yet_recruiting; update the status (and the start date), or the planned date",
                )
            )
        if entry.status in _STILL_RECRUITING and end is not None and end.type is DateType.PLANNED and end.date < today:
            line, _ = located.position(path + ("end",))
            found.append(
                Finding(
                    f"{site.settings.data_file}:{line}",
                    f"{label}: the planned end {end.date.isoformat()} has passed, but the status is still "
                    f"{entry.status.value}; update the status (and the end date), or the planned date",
                )
            )
    return found
