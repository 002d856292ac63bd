"""What goes into a page's <head> besides Material's defaults: language alternates,
Open Graph tags and schema.org MedicalTrial JSON-LD. Pure functions of the data."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from babel.core import Locale, get_global

from . import views
from .model import Site
from .views import Context, site_name, website_name
from .vocabulary import RecruitmentStatus

#: Our status codes are schema.org's MedicalStudyStatus members, spelt differently.
SCHEMA_STATUS = {
    RecruitmentStatus.NOT_YET_RECRUITING: "https://schema.org/NotYetRecruiting",
    RecruitmentStatus.RECRUITING: "https://schema.org/Recruiting",
    RecruitmentStatus.ENROLLING_BY_INVITATION: "https://schema.org/EnrollingByInvitation",
    RecruitmentStatus.ACTIVE_NOT_RECRUITING: "https://schema.org/ActiveNotRecruiting",
    RecruitmentStatus.SUSPENDED: "https://schema.org/Suspended",
    RecruitmentStatus.TERMINATED: "https://schema.org/Terminated",
    RecruitmentStatus.COMPLETED: "https://schema.org/Completed",
    RecruitmentStatus.WITHDRAWN: "https://schema.org/Withdrawn",
}
#: Which country status speaks for the whole trial when countries differ: the most open one.
_OVERALL_ORDER = [
    RecruitmentStatus.RECRUITING,
    RecruitmentStatus.ENROLLING_BY_INVITATION,
    RecruitmentStatus.NOT_YET_RECRUITING,
    RecruitmentStatus.ACTIVE_NOT_RECRUITING,
    RecruitmentStatus.SUSPENDED,
    RecruitmentStatus.COMPLETED,
    RecruitmentStatus.TERMINATED,
    RecruitmentStatus.WITHDRAWN,
]
_SCHEMA_PHASE = {
    "phase1": "Phase 1",
    "phase1_2": "Phase 1/Phase 2",
    "phase2": "Phase 2",
    "phase2_3": "Phase 2/Phase 3",
    "phase3": "Phase 3",
    "phase4": "Phase 4",
}


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class HeadData:
    title: str
    alternates: list[Alternate]
    og_locale: str
    og_locale_alternates: list[str]
    json_ld: str


def og_locale(cldr_locale: str) -> str:
    """Open Graph wants language_TERRITORY; CLDR's likely subtags fill in the territory (fi -> fi_FI)."""
    locale = Locale.parse(cldr_locale)
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = get_global("likely_subtags").get(locale.language, locale.language)  # e.g. "fi_Latn_FI"
    territory = next((part for part in reversed(likely.split("_")) if len(part) == 2 and part.isupper()), None)
    return f"{locale.language}_{territory}" if territory else locale.language


def overall_status(ctx: Context) -> RecruitmentStatus:
    statuses = {entry.status for entry in ctx.trial.recruitment}
    return next(status for status in _OVERALL_ORDER if status in statuses)


def alternates(site_url: str, page_urls: dict[str, str], default_language: str) -> list[Alternate]:
    """Absolute addresses of one page in every language, plus x-default (the default language's)."""
    links = [Alternate(language, urljoin(site_url, url)) for language, url in page_urls.items()]
    if default_language in page_urls:
        links.append(Alternate("x-default", urljoin(site_url, page_urls[default_language])))
    return links


def medical_trial(ctx: Context, page_url: str, *, with_sites: bool = False) -> dict:
    """schema.org MedicalTrial for one language. Its locations are the countries; the sites
    (hospitals) only ``with_sites``, for the sites page: a trial with thousands of sites would
    otherwise put all of them into the head of every page."""
    trial = ctx.trial
    sites = trial.sites if with_sites else []
    numbers = views.identifiers(ctx)
    identifiers = []
    if numbers.eu_ct_number:
        identifiers.append(
            {
                "@type": "PropertyValue",
                "propertyID": "EU CT number",
                "value": numbers.eu_ct_number,
                "url": numbers.register_url,
            }
        )
    if numbers.nct_number:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "NCT number", "value": numbers.nct_number, "url": numbers.nct_url}
        )
    if trial.identifiers.protocol_code:
        identifiers.append(
            {"@type": "PropertyValue", "propertyID": "Protocol code", "value": trial.identifiers.protocol_code}
        )
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalTrial",
        "url": page_url,
        "inLanguage": ctx.language,
        "name": ctx.plain(trial.title),
        "alternateName": website_name(ctx),
        "description": ctx.block(trial.summary).text,
        "identifier": identifiers,
        "phase": _SCHEMA_PHASE[trial.phase.value],
        "status": SCHEMA_STATUS[overall_status(ctx)],
        "healthCondition": {"@type": "MedicalCondition", "name": ctx.plain(trial.disease.name)},
        "studySubject": [
            # A route the data does not give is left out, never guessed.
            {
                "@type": "Drug",
                "name": ctx.plain(drug.name),
                **({"administrationRoute": ctx.messages.text(f"route.{drug.route.value}")} if drug.route else {}),
            }
            for drug in trial.drugs
        ],
        "studyLocation": [_hospital(ctx, site) for site in sites]
        + [
            {"@type": "Country", "name": ctx.fmt.country(entry.country), "identifier": entry.country}
            for entry in trial.recruitment
        ],
    }
    if trial.sponsor:
        data["sponsor"] = {"@type": "Organization", "name": trial.sponsor}
    return data


def _hospital(ctx: Context, site: Site) -> dict:
    """A site in the page's language; its name in the language of its country as alternateName."""
    name = site_name(ctx, site.name, site.country)
    hospital: dict[str, Any] = {"@type": "Hospital", "name": name.name}
    if name.local:
        hospital["alternateName"] = name.local
    hospital["address"] = {
        "@type": "PostalAddress",
        "addressLocality": site.city.get(ctx.language),
        "addressCountry": site.country,
    }
    return hospital


def json_ld(data: dict) -> str:
    """JSON for a <script> element: "</" and "<!--" cannot end or confuse the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def head_data(
    ctx: Context,
    *,
    page_title: str,
    site_url: str,
    page_url: str,
    page_urls: dict[str, str],
    default_language: str,
    cldr_locales: dict[str, str],
    trial_data: dict | None = None,
    with_sites: bool = False,
) -> HeadData:
    """``trial_data``: `medical_trial` for this language (made ``with_sites`` or not to suit the
    page), when the caller keeps it between pages; without it, ``with_sites`` is passed on."""
    locale_of = {language: og_locale(cldr_locales.get(language, language)) for language in page_urls}
    absolute = urljoin(site_url, page_url)
    data = dict(trial_data or medical_trial(ctx, absolute, with_sites=with_sites), url=absolute)
    return HeadData(
        title=page_title,
        alternates=alternates(site_url, page_urls, default_language),
        og_locale=locale_of.get(ctx.language, og_locale(ctx.language)),
        og_locale_alternates=[locale for language, locale in locale_of.items() if language != ctx.language],
        json_ld=json_ld(data),
    )
