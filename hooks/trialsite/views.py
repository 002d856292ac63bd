"""Pure functions from (trial, language) to what a page shows.

Nothing here knows about MkDocs or HTML layout: each function returns plain data
(dataclasses with strings already localized) that a template lays out. Rich texts from
the data arrive as sanitised HTML (`richtext.Html`).
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

import segno
from babel.core import get_global
from babel.languages import get_official_languages

from . import geo, units
from .catalogue import Messages
from .facts import fact_values
from .grammar import NoForm
from .model import DEFAULT_LANGUAGE, Arm, CountryRecruitment, Dose, Drug, Lab, LocalName, RecruitmentDate, Site, Trial
from .richtext import Html, render_block, render_inline
from .vocabulary import COMPARATOR_ROLES, Allocation, ArmRole, DateType, RecruitmentStatus, SiteCategory

if TYPE_CHECKING:
    from .site import SiteData

EU_REGISTER_URL = "https://euclinicaltrials.eu/search-for-clinical-trials/?lang={lang}&EUCT={number}"
#: ClinicalTrials.gov's page of a study (English only).
NCT_REGISTER_URL = "https://clinicaltrials.gov/study/{number}"
#: Languages the EU register's public portal is offered in, among this site's; others get English.
EU_REGISTER_LANGUAGES = {"en", "da", "et", "fi", "sv", "de", "fr", "pl", "it", "nl", "el"}


@dataclass(frozen=True)
class Context:
    """Everything a view needs for one language."""

    trial: Trial
    messages: Messages
    #: The address of the site's home page in this language (for the handout's QR code).
    home_url: str = ""

    @classmethod
    def of(cls, site: SiteData, language: str) -> Context:
        """The context of one language of a loaded site."""
        return cls(site.trial, site.messages[language])

    @property
    def language(self) -> str:
        return self.messages.language

    @property
    def fmt(self):
        return self.messages.formatter

    def dose(self, dose: Dose) -> str:
        # A no-break space keeps "1 mg/kg" together on a narrow phone screen.
        return f"{self.fmt.number(dose.amount)}\u00a0{dose.unit}"

    def lab(self, lab: Lab) -> str:
        """A lab limit as the criteria write it, then (where this language's country's labs use another
        unit) the same limit in that unit: da "8,0 g/dL (ca. 5,0 mmol/L)", fi "8,0 g/dL (noin 80 g/l)"."""
        table = units.ANALYTES[lab.analyte]
        written = f"{self.fmt.number(lab.value)}\u00a0{self.messages.text(f'labs.unit.{table.units[lab.unit].key}')}"
        local = units.local_unit(self.language, lab.analyte, lab.unit)
        if local is None:
            return written
        converted = units.convert(lab.value, lab.analyte, lab.unit, local)
        symbol = self.messages.text(f"labs.unit.{units.ANALYTES[lab.analyte].units[local].key}")
        return self.messages.text("labs.with_local", value=written, local=f"{self.fmt.number(converted)}\u00a0{symbol}")

    @cached_property
    def facts(self) -> dict[str, str]:
        """The facts texts may insert, formatted for this language (computed once per language)."""
        formatted: dict[str, str] = {}
        for name, value in fact_values(self.trial).items():
            if isinstance(value, Dose):
                formatted[name] = self.dose(value)
            elif isinstance(value, Lab):
                formatted[name] = self.lab(value)
            elif isinstance(value, int | Decimal):
                formatted[name] = self.fmt.number(value)
            else:  # pragma: no cover - fact_values only yields the types above
                formatted[name] = str(value)
        return formatted

    @cached_property
    def _rendered(self) -> dict[tuple[str, str], Html]:
        return {}

    def block(self, texts: dict[str, str]) -> Html:
        # Several views show the same text (the key criteria, the medicines): render it once.
        key = ("block", texts[self.language])
        if key not in self._rendered:
            self._rendered[key] = render_block(key[1], self.facts)
        return self._rendered[key]

    def inline(self, texts: dict[str, str]) -> Html:
        key = ("inline", texts[self.language])
        if key not in self._rendered:
            self._rendered[key] = render_inline(key[1], self.facts)
        return self._rendered[key]

    def plain(self, texts: dict[str, str]) -> str:
        return render_inline(texts[self.language], self.facts).text

    def status(self, code: Any) -> str:
        return self.messages.text(f"status.{code.value}" if code is not None else "status.not_given")


# --- About ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatusLine:
    status_code: str
    text: str
    #: The countries' note (the same for all of them), shown after the sentence.
    note: Html | None = None


def _date_sentence(ctx: Context, which: str, value: RecruitmentDate) -> str:
    """ "Planned start: 20 May 2026." / "Recruitment started 20 May 2026." and the same for the end."""
    date = ctx.fmt.date(value.date)
    planned = value.type is DateType.PLANNED
    if which == "start":
        return (
            ctx.messages.text("dates.start_planned", date=date)
            if planned
            else ctx.messages.text("dates.start_actual", date=date)
        )
    return (
        ctx.messages.text("dates.end_planned", date=date)
        if planned
        else ctx.messages.text("dates.end_actual", date=date)
    )


def shown_dates(entry: CountryRecruitment) -> list[tuple[str, RecruitmentDate]]:
    """A country's recruitment dates as the pages show them. A withdrawn country's plan no longer
    holds: its planned dates are left out (a date that happened stays)."""
    dates = [("start", entry.start), ("end", entry.end)]
    return [
        (which, value)
        for which, value in dates
        if value is not None and not (entry.status is RecruitmentStatus.WITHDRAWN and value.type is DateType.PLANNED)
    ]


def date_sentences(ctx: Context, entry: CountryRecruitment) -> list[str]:
    return [_date_sentence(ctx, which, value) for which, value in shown_dates(entry)]


def status_lines(ctx: Context) -> list[StatusLine]:
    """One sentence per (status, dates, note), naming the countries it applies to."""
    groups: dict[tuple[Any, ...], list[CountryRecruitment]] = {}
    for entry in ctx.trial.recruitment:
        note = entry.note[ctx.language] if entry.note else None
        groups.setdefault((entry.status, tuple(shown_dates(entry)), note), []).append(entry)
    lines = []
    for (status, _, _), entries in groups.items():
        codes = [entry.country for entry in entries]
        countries = ctx.fmt.country_names(codes)
        try:
            # A sentence per status and language ("Eestis, Norras ... pole värbamine veel alanud.").
            text = ctx.messages.text(f"status_line.{status.value}", countries=countries)
        except NoForm:
            # A name the case rules do not reach (grammar.py): a sentence that keeps the nominative.
            text = ctx.messages.plural(
                "status_line.listed", len(codes), status=ctx.status(status), countries=str(countries)
            )
        text = " ".join([text, *date_sentences(ctx, entries[0])])
        shared_note = entries[0].note
        lines.append(StatusLine(status.value, text, ctx.inline(shared_note) if shared_note else None))
    return lines


@dataclass(frozen=True)
class DrugView:
    id: str
    name: str
    #: How it is given, as a label ("Injection under the skin", or "Not stated").
    route: str
    dose: str | None
    description: Html
    #: The same within a sentence or a list, after the name ("injection under the skin",
    #: "how it is given: not stated").
    route_phrase: str = ""


def _drug_view(ctx: Context, drug: Drug) -> DrugView:
    if drug.route is not None:
        route = ctx.messages.text(f"route.{drug.route.value}")
        phrase = route[:1].lower() + route[1:]
    else:  # the source does not say: never guessed
        route, phrase = ctx.messages.text("route_not_stated.label"), ctx.messages.text("route_not_stated.inline")
    return DrugView(
        id=drug.id,
        name=ctx.plain(drug.name),
        route=route,
        dose=ctx.dose(drug.dose) if drug.dose else None,
        description=ctx.block(drug.description),
        route_phrase=phrase,
    )


def drugs(ctx: Context) -> list[DrugView]:
    return [_drug_view(ctx, drug) for drug in ctx.trial.drugs]


_COMPARATOR_CODES = frozenset(role.value for role in COMPARATOR_ROLES)


def study_medicines(trial: Trial) -> list[Drug]:
    """The medicines the study tests: without arms every drug; with arms, those of the groups that are
    not a comparison (a comparator's medicines are the standard treatment, not study medicines).
    Also the medicines the pages' own titles and descriptions insert as {medicines} (`page_facts`)."""
    arms = getattr(trial, "arms", None)
    if not arms:
        return list(trial.drugs)
    tested = {
        medicine
        for arm in arms
        if getattr(arm.role, "value", arm.role) not in _COMPARATOR_CODES
        for medicine in arm.medicines
    }
    return [drug for drug in trial.drugs if drug.id in tested] or list(trial.drugs)


def website_name(ctx: Context) -> str:
    """The website's name in this language: the data's short_title, or "Study of" and the study medicines."""
    if ctx.trial.short_title is not None:
        return ctx.plain(ctx.trial.short_title)
    return ctx.messages.text(
        "website_name.derived", medicines=ctx.fmt.join([ctx.plain(drug.name) for drug in study_medicines(ctx.trial)])
    )


def _arm_medicine_names(ctx: Context, arm: Arm) -> str:
    by_id = {drug.id: drug for drug in ctx.trial.drugs}
    names = [ctx.plain(by_id[medicine].name) for medicine in arm.medicines if medicine in by_id]
    return ctx.fmt.join(names) if names else ctx.plain(arm.label)


def comparisons(ctx: Context) -> list[str]:
    """What is tested against what: one sentence per comparison group ("The study compares X with the
    standard treatment: A, B and C."); none without arms or without a comparison group."""
    arms = ctx.trial.arms or []
    tested = [arm for arm in arms if arm.role not in COMPARATOR_ROLES]
    compared = [arm for arm in arms if arm.role in COMPARATOR_ROLES]
    if not tested or not compared:
        return []
    if len(tested) == 1:
        tested_names = _arm_medicine_names(ctx, tested[0])
    else:  # several tested groups: each by its name and medicines
        tested_names = ctx.fmt.join([f"{ctx.plain(arm.label)} ({_arm_medicine_names(ctx, arm)})" for arm in tested])
    sentences = []
    for arm in compared:
        if arm.role is ArmRole.ACTIVE_COMPARATOR:
            sentences.append(
                ctx.messages.text(
                    "compare.active_comparator", tested=tested_names, standard=_arm_medicine_names(ctx, arm)
                )
            )
        elif arm.role is ArmRole.PLACEBO_COMPARATOR:
            sentences.append(ctx.messages.text("compare.placebo_comparator", tested=tested_names))
        elif arm.role is ArmRole.SHAM_COMPARATOR:
            sentences.append(ctx.messages.text("compare.sham_comparator", tested=tested_names))
        else:
            sentences.append(ctx.messages.text("compare.no_intervention", tested=tested_names))
    return list(dict.fromkeys(sentences))


@dataclass(frozen=True)
class MedicinesView:
    """The medicines section: the study medicines, then (with a comparison group) what they are
    compared with, each medicine described once."""

    study: list[DrugView]
    compared_heading: str | None
    comparisons: list[str]
    compared: list[DrugView]


def medicines(ctx: Context) -> MedicinesView:
    study = study_medicines(ctx.trial)
    study_ids = {drug.id for drug in study}
    compared_arms = [arm for arm in ctx.trial.arms or [] if arm.role in COMPARATOR_ROLES]
    compared_ids = {medicine for arm in compared_arms for medicine in arm.medicines}
    heading = None
    if compared_arms:
        only_standard = all(arm.role is ArmRole.ACTIVE_COMPARATOR for arm in compared_arms)
        heading = ctx.messages.text(
            "drugs_compared.heading_standard" if only_standard else "drugs_compared.heading_other"
        )
    return MedicinesView(
        study=[_drug_view(ctx, drug) for drug in study],
        compared_heading=heading,
        comparisons=comparisons(ctx),
        compared=[
            _drug_view(ctx, drug) for drug in ctx.trial.drugs if drug.id in compared_ids and drug.id not in study_ids
        ],
    )


# --- Schedule ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepView:
    number: int
    title: Html
    text: Html


@dataclass(frozen=True)
class ArmView:
    id: str
    label: str
    role_code: str
    role: str
    description: Html | None
    medicines: list[DrugView]
    #: The medicines' names, joined the language's way ("a, b and c").
    medicine_names: str
    #: "28 days": how long one cycle of this group lasts.
    cycle_length: str | None
    cycles_planned: str | None
    cycles_maximum: str | None


def arms(ctx: Context) -> list[ArmView]:
    by_id = {drug.id: drug for drug in ctx.trial.drugs}
    views = []
    for arm in ctx.trial.arms or []:
        planned, maximum = _cycle_counts(ctx, arm.cycles)
        views.append(
            ArmView(
                id=arm.id,
                label=ctx.plain(arm.label),
                role_code=arm.role.value,
                role=ctx.messages.text(f"arms.role.{arm.role.value}"),
                description=ctx.block(arm.description) if arm.description else None,
                medicines=[_drug_view(ctx, by_id[medicine]) for medicine in arm.medicines if medicine in by_id],
                medicine_names=ctx.fmt.join(
                    [ctx.plain(by_id[medicine].name) for medicine in arm.medicines if medicine in by_id]
                ),
                cycle_length=ctx.messages.plural("arms.days", arm.cycle_days) if arm.cycle_days else None,
                cycles_planned=planned,
                cycles_maximum=maximum,
            )
        )
    return views


def _cycle_counts(ctx: Context, cycles: Any) -> tuple[str | None, str | None]:
    if cycles is None:
        return None, None
    maximum = ctx.messages.plural("treatment.up_to_cycles", cycles.maximum) if cycles.maximum else None
    return ctx.messages.plural("treatment.cycles", cycles.planned), maximum


@dataclass(frozen=True)
class TreatmentView:
    medicines: list[DrugView]
    cycles_planned: str | None
    cycles_maximum: str | None
    #: The treatment groups (none when the data has no arms: then every medicine is a study medicine).
    arms: list[ArmView] = field(default_factory=list)
    #: How people are put into the groups, in plain words.
    allocation: str | None = None


def treatment(ctx: Context) -> TreatmentView:
    planned, maximum = _cycle_counts(ctx, ctx.trial.schedule.cycles)
    return TreatmentView(
        medicines=drugs(ctx),
        cycles_planned=planned,
        cycles_maximum=maximum,
        arms=arms(ctx),
        allocation=allocation(ctx) if ctx.trial.arms else None,
    )


# --- Design ------------------------------------------------------------------------------


def allocation(ctx: Context) -> str | None:
    """ "Chance decides which group you are in (randomised). For every 2 people in group A, 1 is in group B." """
    design = ctx.trial.design
    if design is None or design.allocation is None:
        return None
    sentences = [ctx.messages.text(f"allocation.{design.allocation.value}")]
    if design.ratio and design.allocation is Allocation.RANDOMISED:
        sentences.append(ratio_sentence(ctx, design.ratio))
    return " ".join(sentences)


def ratio_sentence(ctx: Context, ratio: str) -> str:
    parts = [int(part) for part in ratio.split(":")]
    arms = ctx.trial.arms or []
    if len(set(parts)) == 1:
        return ctx.messages.text("ratio.equal")
    if len(arms) != len(parts):  # groups without names (the check refuses a ratio that does not fit arms:)
        return ctx.messages.text("ratio.plain", ratio=ratio)
    labels = [ctx.plain(arm.label) for arm in arms]
    others = ctx.fmt.join(
        [
            ctx.messages.plural("ratio.rest", count, group=label)
            for count, label in zip(parts[1:], labels[1:], strict=True)
        ]
    )
    return ctx.messages.plural("ratio.first", parts[0], group=labels[0], others=others)


@dataclass(frozen=True)
class DesignView:
    comparisons: list[str]
    allocation: str | None
    masking: str | None
    participants: str | None
    primary_outcome: Html | None
    sponsor: str | None
    groups: list[ArmView]


def design(ctx: Context) -> DesignView | None:
    """How the study is set up, in plain words; None when the data says nothing about it."""
    trial, design_data = ctx.trial, ctx.trial.design
    view = DesignView(
        comparisons=comparisons(ctx),
        allocation=allocation(ctx),
        masking=ctx.messages.text(f"masking.{design_data.masking.value}")
        if design_data and design_data.masking
        else None,
        participants=(
            ctx.messages.plural("design.participants_count", design_data.participants)
            if design_data and design_data.participants
            else None
        ),
        primary_outcome=ctx.block(design_data.primary_outcome) if design_data and design_data.primary_outcome else None,
        sponsor=trial.sponsor,
        groups=arms(ctx),
    )
    shown = (
        view.comparisons,
        view.allocation,
        view.masking,
        view.participants,
        view.primary_outcome,
        view.sponsor,
        view.groups,
    )
    return view if any(shown) else None


def steps(ctx: Context) -> list[StepView]:
    return [
        StepView(number=index, title=ctx.inline(step.title), text=ctx.block(step.text))
        for index, step in enumerate(ctx.trial.schedule.steps, start=1)
    ]


# --- Eligibility -------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionView:
    anchor: str
    title: Html | None
    text: Html


def criteria(ctx: Context, kind: str, key_only: bool = False) -> list[CriterionView]:
    items = ctx.trial.eligibility.inclusion if kind == "inclusion" else ctx.trial.eligibility.exclusion
    return [
        CriterionView(
            anchor=f"{kind}-{number}", title=ctx.inline(item.title) if item.title else None, text=ctx.block(item.text)
        )
        for number, item in enumerate(items, start=1)
        if item.key or not key_only
    ]


@dataclass(frozen=True)
class QuestionView:
    name: str
    question: str
    fits: str
    anchor: str


def questions(ctx: Context) -> list[QuestionView]:
    """The self-check's questions: one per criterion that has one, inclusion first."""
    views = []
    for kind in ("inclusion", "exclusion"):
        for number, item in enumerate(getattr(ctx.trial.eligibility, kind), start=1):
            if item.question is not None and item.fits is not None:
                views.append(
                    QuestionView(
                        name=f"q-{kind}-{number}",
                        question=ctx.plain(item.question),
                        fits=item.fits.value,
                        anchor=f"{kind}-{number}",
                    )
                )
    return views


@dataclass(frozen=True)
class SelfCheckCountry:
    """A country the visitor can choose in the self-check, with the study's status there."""

    code: str
    name: str
    status_code: str
    #: "Not yet recruiting in Norway." (the home page's sentence for one country).
    status: str
    #: "Planned start: 20 May 2026." and the like.
    dates: list[str]
    status_help: str
    note: Html | None
    #: Chosen when the page opens: the country of the page's language, where it is one of the trial's.
    default: bool


@dataclass(frozen=True)
class SelfCheckView:
    questions: list[QuestionView]
    #: "There are 17 questions, one at a time." (the country is the last question)
    count: str
    #: "Question 3 of 17" for each step: the questions, then the country.
    progress: list[str]
    countries: list[SelfCheckCountry]
    #: "The study takes place only in these countries: …" for a visitor from elsewhere.
    other_country: str
    #: The home page's status sentences, for a visitor who chose no country.
    all_countries: list[StatusLine]
    #: What the printed answers carry: the site's name, the trial's number and the language's locale.
    name: str
    number_label: str
    number: str | None
    locale: str


def language_country(language: str) -> str | None:
    """The country a language is most likely spoken in, from CLDR's likely subtags: no -> NO,
    da -> DK, et -> EE, fi -> FI (en -> US)."""
    likely = get_global("likely_subtags").get(language)
    parts = likely.split("_") if likely else []
    return parts[-1] if len(parts) > 1 and parts[-1].isalpha() and parts[-1].isupper() else None


def _one_country_status(ctx: Context, entry: CountryRecruitment) -> str:
    try:
        return ctx.messages.text(f"status_line.{entry.status.value}", countries=ctx.fmt.country_names([entry.country]))
    except NoForm:  # a name the case rules do not reach (grammar.py): the sentence that keeps the nominative
        return ctx.messages.plural(
            "status_line.listed", 1, status=ctx.status(entry.status), countries=ctx.fmt.country(entry.country)
        )


def selfcheck(ctx: Context) -> SelfCheckView | None:
    """ "Could this study be for me?": the questions one at a time, then the visitor's country, whose
    status the result names. None when no criterion has a question."""
    asked = questions(ctx)
    if not asked:
        return None
    home = language_country(ctx.language)
    codes = [entry.country for entry in ctx.trial.recruitment]
    by_name = sorted(ctx.trial.recruitment, key=lambda entry: ctx.fmt.sort_key(ctx.fmt.country(entry.country)))
    countries = [
        SelfCheckCountry(
            code=entry.country,
            name=ctx.fmt.country(entry.country),
            status_code=entry.status.value,
            status=_one_country_status(ctx, entry),
            dates=date_sentences(ctx, entry),
            status_help=ctx.messages.text(f"status_help.{entry.status.value}"),
            note=ctx.inline(entry.note) if entry.note else None,
            default=entry.country == home,
        )
        for entry in by_name
    ]
    steps = len(asked) + 1
    identifiers = ctx.trial.identifiers
    number_label, number = (
        ("identifiers.eu_ct_number", identifiers.eu_ct_number)
        if identifiers.eu_ct_number
        else ("registry_nct.number", identifiers.nct_number)
    )
    return SelfCheckView(
        questions=asked,
        count=ctx.messages.plural("selfcheck_steps.count", steps),
        progress=[
            ctx.messages.text("selfcheck_steps.progress", number=ctx.fmt.number(step), total=ctx.fmt.number(steps))
            for step in range(1, steps + 1)
        ],
        countries=countries,
        other_country=ctx.messages.text(
            "selfcheck_steps.status_other", countries=ctx.fmt.join(ctx.fmt.countries(codes))
        ),
        all_countries=status_lines(ctx),
        name=website_name(ctx),
        number_label=ctx.messages.text(number_label),
        number=number,
        locale=str(ctx.fmt.locale).replace("_", "-"),
    )


# --- Sites and recruitment ---------------------------------------------------------------


@dataclass(frozen=True)
class RecruitmentRow:
    country_code: str
    country: str
    status_code: str
    status: str
    status_help: str
    #: "Planned start: 20 May 2026." and the like, or "Not given".
    dates: list[str]
    checked: str
    note: Html | None = None


def recruitment(ctx: Context) -> list[RecruitmentRow]:
    rows = [
        RecruitmentRow(
            country_code=entry.country,
            country=ctx.fmt.country(entry.country),
            status_code=entry.status.value,
            status=ctx.status(entry.status),
            status_help=ctx.messages.text(f"status_help.{entry.status.value}"),
            dates=date_sentences(ctx, entry) or [ctx.messages.text("recruitment.no_date")],
            checked=ctx.fmt.date(entry.checked) if entry.checked else ctx.messages.text("recruitment.no_date"),
            note=ctx.inline(entry.note) if entry.note else None,
        )
        for entry in ctx.trial.recruitment
    ]
    return sorted(rows, key=lambda row: ctx.fmt.sort_key(row.country))


@dataclass(frozen=True)
class SiteName:
    """A site's name on one language's page: that language's name, and the name in the language of the
    site's country when that differs ("Tartu University Hospital (SA Tartu Ülikooli Kliinikum)")."""

    name: str
    #: The language of ``name`` when it is not the page's (a name that falls back to English), else None.
    lang: str | None
    local: str | None
    local_lang: str | None

    @property
    def text(self) -> str:
        return f"{self.name} ({self.local})" if self.local else self.name

    def __str__(self) -> str:
        return self.text


@lru_cache(maxsize=256)
def _official_languages(country: str) -> tuple[str, ...]:
    return tuple(get_official_languages(country, de_facto=True))


def local_name(name: LocalName, country: str) -> tuple[str, str] | None:
    """(language, name) in the first language of the site's country (CLDR's official languages, in
    CLDR's order) for which the data gives a name; None for a name that is the same in every language."""
    if name.plain:
        return None
    given = dict(name.names)
    for official in _official_languages(country):
        for language, text in given.items():
            if language == official or language.split("_")[0] == official:
                return language, text
    return None


def site_name(ctx: Context, name: LocalName, country: str) -> SiteName:
    shown = name.get(ctx.language)
    lang = DEFAULT_LANGUAGE if name.given(ctx.language) is None and ctx.language != DEFAULT_LANGUAGE else None
    local = local_name(name, country)
    if local is None or local[1] == shown:
        return SiteName(shown, lang, None, None)
    return SiteName(shown, lang, local[1], local[0])


@dataclass(frozen=True)
class SiteContactView:
    department: Html | None
    phone: str | None
    email: str | None
    url: str | None

    @property
    def phone_href(self) -> str | None:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else None

    @property
    def url_text(self) -> str | None:
        """The address without "https://" (and a lone "/" at its end): shorter, and still the address."""
        return self.url.removeprefix("https://").removesuffix("/") if self.url else None


@dataclass(frozen=True)
class SiteView:
    name: SiteName
    city: str
    #: The site's status, or its country's where the data gives the site none (then `status_note` says so).
    status_code: str
    status: str
    category_code: str
    category: str
    #: The site's number on the sites page and the map (1, 2, ... in the page's order); its row is #site-N.
    number: int = 0
    #: "Status for the whole country" when `status` is the country's, else None.
    status_note: str | None = None
    contact: SiteContactView | None = None
    #: (longitude, latitude) for the map, when the data gives it.
    location: tuple[float, float] | None = None
    #: The site's place in the data's list (the map's geometry is worked out once, in that order).
    data_index: int = 0

    @property
    def anchor(self) -> str:
        return f"site-{self.number}"


@dataclass(frozen=True)
class CountrySites:
    code: str
    name: str
    sites: list[SiteView]
    count: str
    none_listed: str | None


@dataclass(frozen=True)
class SitesView:
    countries: list[CountrySites]
    #: The registry's site groups explained; None when no site is in a group.
    category_help: str | None
    empty_categories: list[str]
    #: What to do where a site's contact is not published (None when every site has one).
    no_contact: str | None = None


def _site_contact(ctx: Context, site: Site) -> SiteContactView | None:
    details = site.contact
    if details is None:
        return None
    department = ctx.inline(details.department) if details.department else None
    return SiteContactView(department, details.phone, details.email, details.url)


def _site_status(ctx: Context, site: Site, by_country: dict[str, RecruitmentStatus]) -> tuple[str, str, str | None]:
    """(code, word, note): the site's own status, or (where the data gives none) its country's, said to be the "
    "country's."""
    if site.status is not None:
        return site.status.value, ctx.status(site.status), None
    country = by_country.get(site.country)
    if country is None:  # pragma: no cover - validation requires a recruitment entry for every site's country
        return "not_given", ctx.status(None), None
    return country.value, ctx.status(country), ctx.messages.text("sites_page.country_status")


def sites(ctx: Context) -> SitesView:
    codes: list[str] = []
    for code in [entry.country for entry in ctx.trial.recruitment] + [site.country for site in ctx.trial.sites]:
        if code not in codes:
            codes.append(code)
    by_country = {entry.country: entry.status for entry in ctx.trial.recruitment}
    # Countries in the page language's alphabetical order; the sites numbered in that order (the map's labels).
    codes.sort(key=lambda code: ctx.fmt.sort_key(ctx.fmt.country(code)))
    countries = []
    number = 0
    for code in codes:
        in_country = [(index, site) for index, site in enumerate(ctx.trial.sites) if site.country == code]
        name = ctx.fmt.country(code)
        views = []
        for index, site in in_country:
            number += 1
            status_code, status, note = _site_status(ctx, site, by_country)
            views.append(
                SiteView(
                    name=site_name(ctx, site.name, site.country),
                    city=site.city.get(ctx.language),
                    status_code=status_code,
                    status=status,
                    category_code=site.category.value if site.category else "none",
                    category=ctx.messages.text(f"sites.category.{site.category.value}") if site.category else "",
                    number=number,
                    status_note=note,
                    contact=_site_contact(ctx, site),
                    location=(float(site.location.longitude), float(site.location.latitude)) if site.location else None,
                    data_index=index,
                )
            )
        countries.append(
            CountrySites(
                code=code,
                name=name,
                sites=views,
                count=ctx.messages.plural("sites.count", len(in_country)),
                none_listed=None if in_country else _none_in_country(ctx, code),
            )
        )
    # The registry's groups are the trial's data: explained only when a site is in one.
    used = {site.category for site in ctx.trial.sites if site.category is not None}
    empty = [
        ctx.messages.text("sites.category_empty", category=ctx.messages.text(f"sites.category.{category.value}"))
        for category in SiteCategory
        if used and category not in used and category is not SiteCategory.OTHER
    ]
    without = [site for site in ctx.trial.sites if site.contact is None]
    no_contact = None
    if without:
        no_contact = ctx.messages.text(
            "sites_page.no_contact_all" if len(without) == len(ctx.trial.sites) else "sites_page.no_contact_some"
        )
    return SitesView(
        countries=countries,
        category_help=ctx.messages.text("sites.category_help") if used else None,
        empty_categories=empty,
        no_contact=no_contact,
    )


def _none_in_country(ctx: Context, code: str) -> str:
    try:
        return ctx.messages.text("sites.none_in_country", country=ctx.fmt.country_names([code]))
    except NoForm:  # shown under the country's heading: "this country" says which
        return ctx.messages.text("sites.none_in_this_country")


@dataclass(frozen=True)
class MapMark:
    """One site on the map: its mark, its number beside it, and a link to its row in the list."""

    x: float
    y: float
    status_code: str
    number: int
    anchor: str
    #: What the link says to a screen reader: "3: Oslo University Hospital, Oslo: Recruiting".
    name: str
    #: The number's tag: its top left corner and width (geo.LABEL_HEIGHT tall).
    label_x: float
    label_y: float
    label_width: float

    @property
    def label_height(self) -> float:
        return geo.LABEL_HEIGHT

    @property
    def path(self) -> str:
        """The mark's outline: its status's shape (colour, shape and word tell the status)."""
        return geo.marker_path(geo.SHAPES[self.status_code], self.x, self.y)

    @property
    def text_x(self) -> float:
        return round(self.label_x + self.label_width / 2, 1)

    @property
    def text_y(self) -> float:
        """The number's baseline: a bold figure is about 0.7 of its size tall, centred in the tag."""
        return round(self.label_y + geo.LABEL_HEIGHT / 2 + 5, 1)


@dataclass(frozen=True)
class MapView:
    drawing: Any
    title: str
    description: str
    legend: list[tuple[str, str, str]]  # (status code, shape path, label)
    not_shown: str | None
    #: The key's entries for the countries: taking part, and withdrawn (each only when the map has one).
    taking_part: str | None = None
    withdrawn: str | None = None
    marks: list[MapMark] = field(default_factory=list)
    #: "The numbers on the map are the numbers of the sites in the list below."
    numbers: str | None = None


def sites_map(ctx: Context) -> MapView | None:
    """The map of the countries taking part and of the sites with a location; None without outlines.
    A country where the study was withdrawn is drawn and keyed apart from those taking part.
    Each site is a numbered mark that links to its row in the list (the same number there)."""
    codes = list(
        dict.fromkeys([entry.country for entry in ctx.trial.recruitment] + [site.country for site in ctx.trial.sites])
    )
    withdrawn = [entry.country for entry in ctx.trial.recruitment if entry.status is RecruitmentStatus.WITHDRAWN]
    # In the data's order, the same in every language: the geometry is worked out once (geo.draw).
    located = sorted(
        (site for country in sites(ctx).countries for site in country.sites if site.location is not None),
        key=lambda site: site.data_index,
    )
    places = []
    for site in located:
        assert site.location is not None  # located holds only the sites with a place
        status = f"{site.status}. {site.status_note}" if site.status_note else site.status
        latitude, longitude = site.location
        places.append((latitude, longitude, site.status_code, f"{site.number}: {site.name}, {site.city}: {status}"))
    drawing = geo.draw(codes, places, withdrawn=withdrawn)
    if drawing is None:
        return None
    labels = geo.place_labels(
        tuple((marker.x, marker.y) for marker in drawing.markers),
        tuple(len(str(site.number)) for site in located),
        drawing.width,
        drawing.height,
    )
    # In the list's order, so that Tab goes 1, 2, 3, ... (the geometry keeps the data's order).
    marks = sorted(
        (
            MapMark(marker.x, marker.y, marker.status_code, site.number, site.anchor, marker.label, *label)
            for marker, site, label in zip(drawing.markers, located, labels, strict=True)
        ),
        key=lambda mark: mark.number,
    )
    statuses = list(dict.fromkeys(code for _, _, code, _ in places))
    legend = [
        (code, geo.marker_path(geo.SHAPES[code], 9, 9, 6), ctx.messages.text(f"status.{code}")) for code in statuses
    ]
    missing = len(ctx.trial.sites) - len(located)
    return MapView(
        drawing=drawing,
        title=ctx.messages.text("map.title"),
        description=ctx.messages.text("map.description", countries=ctx.fmt.join(ctx.fmt.countries(codes))),
        legend=legend,
        not_shown=ctx.messages.plural("map.sites_not_shown", missing) if missing else None,
        taking_part=ctx.messages.text("map.country") if drawing.countries else None,
        withdrawn=ctx.messages.text("map_key.withdrawn") if drawing.withdrawn else None,
        marks=marks,
        numbers=ctx.messages.text("sites_page.map_numbers") if marks else None,
    )


# --- Glossary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TermView:
    id: str
    term: str
    explanation: Html


def glossary(ctx: Context) -> list[TermView]:
    """The glossary in this language's alphabetical order."""
    terms = [
        TermView(id=entry.id, term=ctx.plain(entry.term), explanation=ctx.inline(entry.explanation))
        for entry in ctx.trial.glossary
    ]
    return sorted(terms, key=lambda term: ctx.fmt.sort_key(term.term))


# --- Freshness ---------------------------------------------------------------------------


def checked_line(ctx: Context) -> str:
    checked = ctx.trial.checked
    return (
        ctx.messages.text("checked.page", date=ctx.fmt.date(checked))
        if checked
        else ctx.messages.text("checked.not_recorded")
    )


# --- Trial facts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentifiersView:
    #: Either number may be absent, never both (the model requires one).
    eu_ct_number: str | None
    register_url: str | None
    nct_number: str | None
    nct_url: str | None
    protocol_code: str | None
    phase: str
    phase_help: str


def identifiers(ctx: Context) -> IdentifiersView:
    number = ctx.trial.identifiers.eu_ct_number
    nct_number = ctx.trial.identifiers.nct_number
    register_language = ctx.language if ctx.language in EU_REGISTER_LANGUAGES else "en"
    return IdentifiersView(
        eu_ct_number=number,
        register_url=EU_REGISTER_URL.format(lang=register_language, number=number) if number else None,
        nct_number=nct_number,
        nct_url=NCT_REGISTER_URL.format(number=nct_number) if nct_number else None,
        protocol_code=ctx.trial.identifiers.protocol_code,
        phase=ctx.messages.text(f"phase.{ctx.trial.phase.value}"),
        phase_help=ctx.messages.text(f"phase_help.{ctx.trial.phase.value}"),
    )


@dataclass(frozen=True)
class RelatedView:
    title: str
    status_code: str
    status: str
    phase: str
    countries: str


def related(ctx: Context) -> list[RelatedView]:
    views = []
    for trial in ctx.trial.related_trials:
        names = ctx.fmt.countries(trial.countries)
        if trial.more_countries:
            names.append(ctx.messages.plural("related.more_countries", trial.more_countries))
        views.append(
            RelatedView(
                title=ctx.plain(trial.title),
                status_code=trial.status.value,
                status=ctx.status(trial.status),
                phase=ctx.messages.text(f"phase.{trial.phase.value}"),
                # "France, ..., Norway and 1 more country": the language's own list pattern (CLDR).
                countries=ctx.fmt.join(names),
            )
        )
    return views


@dataclass(frozen=True)
class ContactView:
    email: str | None
    phone: str | None
    url: str | None
    fallback: TextWithIdentifier | None


def contact(ctx: Context) -> ContactView:
    details = ctx.trial.contact
    has_any = any((details.email, details.phone, details.url))
    return ContactView(
        email=details.email,
        phone=details.phone,
        url=details.url,
        fallback=None if has_any else _contact_fallback(ctx),
    )


def _contact_fallback(ctx: Context) -> TextWithIdentifier:
    """Ask your doctor, showing the EU number (or, for a trial without one, the NCT number)."""
    numbers = ctx.trial.identifiers
    if numbers.eu_ct_number:
        return text_with_identifier(ctx.messages, "contact.fallback", "eu_ct_number", numbers.eu_ct_number)
    return text_with_identifier(ctx.messages, "registry_nct.contact_fallback", "nct_number", numbers.nct_number or "")


@dataclass(frozen=True)
class Glued:
    """Where a text names the identifier: the characters glued to it on either side ("(", "):", ".")."""

    before: str
    after: str


@dataclass(frozen=True)
class TextWithIdentifier:
    """A catalogue text that inserts an identifier. The component ``text_with_identifier`` shows the
    identifier whole (it does not break at its hyphens, see trial.css) and keeps the characters glued
    to it on its line, so that none of them starts a line."""

    identifier: str
    #: The text in order: strings as written, and a `Glued` where the identifier stands.
    parts: tuple[str | Glued, ...]

    @property
    def text(self) -> str:
        return "".join(
            part if isinstance(part, str) else f"{part.before}{self.identifier}{part.after}" for part in self.parts
        )


def text_with_identifier(messages: Messages, key: str, name: str, identifier: str) -> TextWithIdentifier:
    """The catalogue text ``key`` with ``identifier`` as its {name}, in parts (`TextWithIdentifier`)."""
    slot = f"trialid{secrets.token_hex(8)}"  # a word no catalogue text holds
    text = messages.text(key, **{name: slot})
    parts: list[str | Glued] = []
    done = 0
    for match in re.finditer(rf"(\S*){slot}(\S*)", text):
        parts += [text[done : match.start()], Glued(match.group(1), match.group(2))]
        done = match.end()
    parts.append(text[done:])
    return TextWithIdentifier(identifier, tuple(part for part in parts if part != ""))


# --- The handout (the printable summary page) ------------------------------------------


@dataclass(frozen=True)
class HandoutCountry:
    name: str
    status: str
    #: The country's sites as one line of text ("name, city; name, city"), or "no site yet".
    sites: str
    #: The same sites, for the HTML (names marked with their language).
    site_list: list[SiteView]


@dataclass(frozen=True)
class HandoutView:
    title: str
    identifiers: IdentifiersView
    tests: str
    status_lines: list[StatusLine]
    #: What is tested against what, how groups are formed, who knows the treatment (sentences). The
    #: primary outcome and the number of participants are on the home and facts pages: the handout
    #: stays on one A4 sheet.
    design: list[str]
    sponsor: str | None
    inclusion: list[CriterionView]
    exclusion: list[CriterionView]
    countries: list[HandoutCountry]
    url: str
    qr: QrView | None


def handout(ctx: Context) -> HandoutView:
    # The study medicines only: a comparison group's are said in the sentences of `comparisons`.
    medicines = ctx.fmt.join(
        [
            f"{view.name} ({view.route_phrase})"
            for view in (_drug_view(ctx, drug) for drug in study_medicines(ctx.trial))
        ]
    )
    design_view = design(ctx)
    by_country = {country.code: country for country in sites(ctx).countries}
    countries = [
        HandoutCountry(
            name=row.country,
            status=row.status,
            sites=(
                "; ".join(f"{site.name}, {site.city}" for site in by_country[row.country_code].sites)
                if row.country_code in by_country and by_country[row.country_code].sites
                else ctx.messages.text("summary.no_sites")
            ),  # the row already names the country
            site_list=by_country[row.country_code].sites if row.country_code in by_country else [],
        )
        for row in recruitment(ctx)
    ]
    return HandoutView(
        title=ctx.plain(ctx.trial.title),
        identifiers=identifiers(ctx),
        tests=ctx.messages.text("summary.medicines", medicines=medicines, disease=ctx.plain(ctx.trial.disease.name)),
        status_lines=status_lines(ctx),
        design=[
            sentence
            for sentence in (
                [*design_view.comparisons, design_view.allocation, design_view.masking] if design_view else []
            )
            if sentence
        ],
        sponsor=ctx.trial.sponsor,
        inclusion=criteria(ctx, "inclusion", key_only=True),
        exclusion=criteria(ctx, "exclusion", key_only=True),
        countries=countries,
        url=ctx.home_url,
        qr=qr_code(ctx.home_url, ctx.messages.text("summary.address")) if ctx.home_url else None,
    )


@dataclass(frozen=True)
class QrView:
    """A QR code to draw (the component ``qr``): a square of ``size`` modules, the quiet zone
    included, and the SVG path data of its dark modules (one horizontal line per run)."""

    size: int
    path: str
    #: What the code holds, in words (its accessible name).
    label: str


#: The white margin around the code, in modules.
QR_BORDER = 2


def qr_code(url: str, label: str) -> QrView:
    """The address as a QR code (segno), drawn at build time; the path is written as segno's own SVG
    writer writes it (``svg_inline(scale=1, border=2)``): each run of dark modules a line one module
    high, "M"/"m" to its start (relative after the first) and "h" its length."""
    matrix = segno.make(url, error="m").matrix
    commands: list[str] = []
    x_at, y_at = 0, 0.0
    for row_number, row in enumerate(matrix):
        y = QR_BORDER + row_number + 0.5
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            dy = y - y_at
            commands.append(
                f"{'m' if commands else 'M'}{QR_BORDER + start - x_at} "
                f"{int(dy) if dy == int(dy) else dy}h{column - start}"
            )
            x_at, y_at = QR_BORDER + column, y
    return QrView(size=len(matrix) + 2 * QR_BORDER, path="".join(commands), label=label)


# --- Facts in the pages' own texts ---------------------------------------------------------


def page_facts(ctx: Context) -> dict[str, str]:
    """The values of the {facts} a page's title and description may insert (pages.PAGE_FACTS)."""
    trial = ctx.trial
    taking_part = [entry.country for entry in trial.recruitment if entry.status.value != "withdrawn"]
    return {
        "medicines": ctx.fmt.join([ctx.plain(drug.name) for drug in study_medicines(trial)]),
        "disease": ctx.plain(trial.disease.name),
        "short_title": ctx.plain(trial.short_title) if trial.short_title else ctx.plain(trial.title),
        "steps": ctx.fmt.number(len(trial.schedule.steps)),
        "countries": ctx.fmt.join(ctx.fmt.countries(taking_part)),
    }


def known_problems(ctx: Context) -> list[Html]:
    return [ctx.inline(text) for text in ctx.trial.known_problems]


# --- The home page's first screen and "How to take part" ----------------------------------

#: The end of the first sentence of a text: ".", "!" or "?" before a space and a capital letter or
#: the end (a "1.5" or a lower-case word after a full stop does not end it).
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-ZÆØÅÄÖÕÜŠŽ(\"«]|\s*$)")


def first_sentence(text: str) -> str:
    """The first sentence of a text's first paragraph (as written, Markdown included)."""
    paragraph = text.strip().split("\n\n")[0].strip()
    end = _SENTENCE_END.search(paragraph)
    return paragraph[: end.end()] if end else paragraph


@dataclass(frozen=True)
class ActionView:
    href: str
    label: str


@dataclass(frozen=True)
class LeadView:
    #: Who the study is for: the first sentence of the data's summary.
    for_whom: str
    status_lines: list[StatusLine]
    #: "No study site has been listed in Estonia and Finland yet.": the countries taking part without a
    #: site, in one sentence (or one per country where a name has no form for the sentence).
    no_sites: list[str]
    actions: list[ActionView]
    #: The link to every country's status with its dates and notes (the recruitment table), when the
    #: lines above leave them out (`lead_status`); None when they say everything.
    details: ActionView | None = None


#: The order of the compact status lines: where a patient can join first, closed last.
_STATUS_ORDER = [
    RecruitmentStatus.RECRUITING,
    RecruitmentStatus.ENROLLING_BY_INVITATION,
    RecruitmentStatus.NOT_YET_RECRUITING,
    RecruitmentStatus.SUSPENDED,
    RecruitmentStatus.ACTIVE_NOT_RECRUITING,
    RecruitmentStatus.COMPLETED,
    RecruitmentStatus.TERMINATED,
    RecruitmentStatus.WITHDRAWN,
]


def lead_status(ctx: Context) -> tuple[list[StatusLine], bool]:
    """The first screen's status: (lines, complete). When every country shares one status sentence
    (status, dates and note), that sentence, complete. Otherwise one short line per status naming its
    countries ("Recruiting: Germany and Sweden"), recruiting first; the dates and notes that differ
    between countries are then on the recruitment table, which the first screen links to. So the
    status of every country is on the first screen of a phone however many groups a trial has."""
    full = status_lines(ctx)
    if len(full) <= 1:
        return full, True
    by_status: dict[RecruitmentStatus, list[str]] = {}
    for entry in ctx.trial.recruitment:
        by_status.setdefault(entry.status, []).append(entry.country)
    order = {status: index for index, status in enumerate(_STATUS_ORDER)}
    lines = [
        StatusLine(
            status.value,
            ctx.messages.text(
                "takepart.lead_status", status=ctx.status(status), countries=ctx.fmt.join(ctx.fmt.countries(codes))
            ),
        )
        for status, codes in sorted(by_status.items(), key=lambda item: order.get(item[0], len(order)))
    ]
    return lines, False


def _no_sites(ctx: Context, codes: list[str]) -> list[str]:
    """One sentence for all the countries without a site; one per country where a name has no form."""
    if not codes:
        return []
    try:
        return [ctx.messages.text("sites.none_in_country", country=ctx.fmt.country_names(codes))]
    except NoForm:
        return [_none_in_country(ctx, code) for code in codes]


def lead(ctx: Context) -> LeadView:
    summary = ctx.trial.summary[ctx.language]
    for_whom = render_inline(first_sentence(summary), ctx.facts).text
    with_sites = {site.country for site in ctx.trial.sites}
    no_sites = _no_sites(
        ctx,
        [
            entry.country
            for entry in ctx.trial.recruitment
            if entry.country not in with_sites and entry.status is not RecruitmentStatus.WITHDRAWN
        ],
    )
    # The home page's links: the pages sit beside it (use_directory_urls), in every language.
    actions = [
        ActionView(href, ctx.messages.text(f"lead.action.{name}"))
        for name, href in (("eligibility", "eligibility/"), ("sites", "sites/"), ("summary", "summary/"))
    ]
    lines, complete = lead_status(ctx)
    details = None if complete else ActionView("sites/#recruitment", ctx.messages.text("takepart.lead_details"))
    return LeadView(for_whom, lines, no_sites, actions, details)


@dataclass(frozen=True)
class TakePartCountry:
    code: str
    name: str
    status_code: str
    status: str
    #: How patients in this country reach a trial (a referral from their doctor, and so on).
    how: str
    sites: list[SiteView]
    none_listed: str | None


@dataclass(frozen=True)
class TakePartView:
    countries: list[TakePartCountry]
    #: "When you talk to your doctor, give them the EU trial number: ..." (the number kept whole).
    quote: TextWithIdentifier
    register_url: str
    register_link: str


#: Statuses where no one new can join: "How to take part" says so instead of giving the way in.
_CLOSED_TO_NEW = {
    RecruitmentStatus.ACTIVE_NOT_RECRUITING.value,
    RecruitmentStatus.TERMINATED.value,
    RecruitmentStatus.COMPLETED.value,
}


def take_part(ctx: Context) -> TakePartView:
    by_country = {country.code: country for country in sites(ctx).countries}
    countries = []
    for row in recruitment(ctx):
        if row.status_code == RecruitmentStatus.WITHDRAWN.value:
            continue  # no way to take part there: the status lines say the study was withdrawn
        key = f"take_part.country.{row.country_code}"
        if row.status_code in _CLOSED_TO_NEW:
            key = "take_part.closed"
        elif row.status_code == RecruitmentStatus.SUSPENDED.value:
            key = "take_part.paused"
        listed = by_country.get(row.country_code)
        countries.append(
            TakePartCountry(
                code=row.country_code,
                name=row.country,
                status_code=row.status_code,
                status=row.status,
                how=ctx.messages.text(key if ctx.messages.has(key) else "take_part.country_other"),
                sites=listed.sites if listed else [],
                none_listed=listed.none_listed if listed else _none_in_country(ctx, row.country_code),
            )
        )
    numbers = identifiers(ctx)
    if numbers.eu_ct_number:
        quote = text_with_identifier(ctx.messages, "take_part.quote", "eu_ct_number", numbers.eu_ct_number)
        url, link = numbers.register_url or "", ctx.messages.text("identifiers.register_link")
    else:
        quote = text_with_identifier(ctx.messages, "take_part.quote_nct", "nct_number", numbers.nct_number or "")
        url, link = numbers.nct_url or "", ctx.messages.text("registry_nct.link")
    # The contact (or, where none is published, whom to ask instead) is the "contact" marker's, after this.
    return TakePartView(countries, quote, url, link)


# --- What taking part means ------------------------------------------------------------------


@dataclass(frozen=True)
class CycleFacts:
    """How long the treatment lasts, for the whole study or for one group: (label, value) rows."""

    #: The group's name; None for the study's own cycles.
    group: str | None
    rows: list[tuple[str, str]]


@dataclass(frozen=True)
class TakingPartView:
    """ "What taking part means": what the data says about this trial, and the catalogue's texts that are
    true of every clinical trial (informed consent, the right to stop) where the data says nothing."""

    #: The schedule's steps, by their titles (plain text: the full steps are on the schedule page).
    steps: list[str]
    cycles: list[CycleFacts]
    #: The data's texts about this trial; None when it gives none (the page then says whom to ask).
    risks: Html | None
    costs: Html | None
    sponsor: str | None
    participants: str | None
    #: The trial's register entry, for what the data does not give (sponsor, number of participants).
    register_url: str
    register_link: str


def _cycle_rows(ctx: Context, cycles: Any, cycle_days: int | None = None) -> list[tuple[str, str]]:
    rows = []
    if cycle_days:
        rows.append((ctx.messages.text("arms.cycle_length"), ctx.messages.plural("arms.days", cycle_days)))
    planned, maximum = _cycle_counts(ctx, cycles)
    if planned:
        rows.append((ctx.messages.text("treatment.cycles_planned"), planned))
    if maximum:
        rows.append((ctx.messages.text("treatment.cycles_maximum"), maximum))
    return rows


def taking_part(ctx: Context) -> TakingPartView:
    trial = ctx.trial
    cycles = []
    if trial.schedule.cycles is not None:
        cycles.append(CycleFacts(None, _cycle_rows(ctx, trial.schedule.cycles)))
    for arm in trial.arms or []:
        rows = _cycle_rows(ctx, arm.cycles, arm.cycle_days)
        if rows:
            cycles.append(CycleFacts(ctx.plain(arm.label), rows))
    numbers = identifiers(ctx)
    if numbers.eu_ct_number:
        url, link = numbers.register_url or "", ctx.messages.text("identifiers.register_link")
    else:
        url, link = numbers.nct_url or "", ctx.messages.text("registry_nct.link")
    participants = trial.design.participants if trial.design else None
    return TakingPartView(
        steps=[ctx.plain(step.title) for step in trial.schedule.steps],
        cycles=cycles,
        risks=ctx.block(trial.risks) if trial.risks else None,
        costs=ctx.block(trial.costs) if trial.costs else None,
        sponsor=trial.sponsor,
        participants=ctx.messages.plural("design.participants_count", participants) if participants else None,
        register_url=url,
        register_link=link,
    )
