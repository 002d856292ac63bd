"""The typed model of ``data/trial.yaml``.

Each class is one part of the file; ``extra="forbid"`` makes an unknown (misspelt)
field an error instead of a silently ignored one. Field descriptions double as help
text in error messages and in the JSON Schema editors get.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

from babel import Locale
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import units
from .richtext import has_visible_text
from .vocabulary import (
    ENDED,
    NOT_STARTED,
    Allocation,
    Answer,
    ArmRole,
    DateType,
    Masking,
    Phase,
    RecruitmentStatus,
    Route,
    SiteCategory,
)

# Territory codes CLDR has that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "ZZ"}
COUNTRY_CODES = frozenset(
    code
    for code in Locale("en").territories
    if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)


def _check_country(code: str) -> str:
    if code not in COUNTRY_CODES:
        hint = ""
        if code.upper() in COUNTRY_CODES:
            hint = f' (did you mean "{code.upper()}"? codes are written in capitals)'
        raise PydanticCustomError(
            "country_code",
            'unknown country "{code}"; expected a two-letter ISO 3166-1 code such as "NO", DK, EE, FI{hint}',
            {"code": code, "hint": hint},
        )
    return code


def _check_languages(texts: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    languages: list[str] = (info.context or {}).get("languages", [])
    if not languages:
        return texts
    # Languages configured but not built (build: false) may keep their texts.
    known: list[str] = (info.context or {}).get("known_languages") or languages
    unknown = [lang for lang in texts if lang not in known and lang not in languages]
    if unknown:
        raise PydanticCustomError(
            "unknown_language",
            "unknown language {unknown}; this site's languages are {languages}",
            {"unknown": ", ".join(f'"{lang}"' for lang in unknown), "languages": ", ".join(languages)},
        )
    missing = [lang for lang in languages if lang not in texts]
    empty = [lang for lang, text in texts.items() if not text.strip()]
    if missing:
        raise PydanticCustomError(
            "missing_translation",
            "missing the text in {missing}; every text needs all of: {languages}",
            # "still_to_write" (not in the message) lets the check count what translators have left.
            {"missing": ", ".join(missing), "languages": ", ".join(languages), "still_to_write": missing + empty},
        )
    if empty:
        raise PydanticCustomError(
            "empty_translation",
            "the text in {empty} is empty; write the text or copy the English one for now",
            {"empty": ", ".join(empty), "still_to_write": empty},
        )
    return texts


#: Numbers in the data (doses, coordinates) are written with at most this many decimal places ...
MAX_DECIMALS = 6
#: ... and are below this bound: 1e400 would break number formatting, 1e-400 print 400 zeros.
NUMBER_LIMIT = 10**9


def _check_decimal(value: Decimal) -> Decimal:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):  # NaN and infinity (pydantic already refuses them)
        raise PydanticCustomError("finite_number", "expected a number")
    if exponent < -MAX_DECIMALS or abs(value) >= NUMBER_LIMIT:
        raise PydanticCustomError(
            "number_range",
            "{value} is not a number this field can hold; write it with at most {decimals} decimal places "
            "and below 1,000,000,000 (for example 2.5 or 0.000125)",
            {"value": _show_number(value), "decimals": MAX_DECIMALS},
        )
    return value


def _show_number(value: Decimal) -> str:
    text = format(value, "f") if -20 < value.adjusted() < 20 else str(value)  # 0.0000001, not 1E-7
    return text if len(text) <= 40 else f"{text[:20]}…{text[-10:]}"


#: A number written in the data: finite, below `NUMBER_LIMIT`, at most `MAX_DECIMALS` decimal places
#: (the bounds go before it: Annotated[Decimal, Field(gt=0), CHECK_NUMBER]).
CHECK_NUMBER = AfterValidator(_check_decimal)


#: Bidirectional embeddings, overrides and isolates: they show the text after them in another order
#: than it is written ("Hospital\u202egpj.exe"), in the page and in the diff a reviewer reads.
_DIRECTION_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _check_plain(value: str) -> str:
    """A one-line value shown as written (a name, a city, a unit): no line break or tab, and something visible."""
    if "\n" in value or "\t" in value:
        raise PydanticCustomError("one_line", "must be one line; remove the line break or tab")
    control = _DIRECTION_CONTROL.search(value)
    if control:
        raise PydanticCustomError(
            "direction_control",
            "holds a direction control (U+{code}), which shows the text around it in another order than it is written; "
            "remove it",
            {"code": f"{ord(control.group()):04X}"},
        )
    if not has_visible_text(value):
        raise PydanticCustomError(
            "no_visible_text", "has no visible text (only spaces or invisible characters); write the value"
        )
    return value


#: A unit is inserted into texts with the dose ({demo.dose}), before they become HTML: markup in
#: it would become markup in every text that shows the dose.
UNIT_FORBIDDEN = "<>&[]*_`\\{}"


def _check_unit(value: str) -> str:
    found = next((char for char in value if char in UNIT_FORBIDDEN), None)
    if found:
        raise PydanticCustomError(
            "unit_markup",
            'holds "{char}"; a unit is plain text such as mg, mg/kg or mg/m², without any of {forbidden}',
            {"char": found, "forbidden": " ".join(UNIT_FORBIDDEN)},
        )
    return value


#: A one-line value shown as written: site names, cities, codes.
PlainText = Annotated[StrictStr, Field(min_length=1), AfterValidator(_check_plain)]

#: The language every local name needs and the others fall back to: the reference language of the
#: texts and catalogues (validation.py, catalogue.REFERENCE_LANGUAGE).
DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True)
class LocalName:
    """A site's name or city: one for every language, or one per language (`DEFAULT_LANGUAGE`
    required, the others optional and falling back to it)."""

    #: (language, name) pairs as written; for a plain name, only the default language's.
    names: tuple[tuple[str, str], ...]
    #: True when the data wrote one name for every language.
    plain: bool = False

    @classmethod
    def of(cls, value: str | dict[str, str]) -> LocalName:
        if isinstance(value, str):
            return cls(((DEFAULT_LANGUAGE, value),), plain=True)
        return cls(tuple(value.items()))

    @property
    def default(self) -> str:
        return dict(self.names)[DEFAULT_LANGUAGE]

    def given(self, language: str) -> str | None:
        """The name the data gives for ``language`` (a plain name is every language's), or None."""
        return self.default if self.plain else dict(self.names).get(language)

    def get(self, language: str) -> str:
        """The name in ``language``, or the default language's when the data gives none."""
        return self.given(language) or self.default

    def __str__(self) -> str:
        return self.default


def _check_name_languages(names: dict[str, str], info: ValidationInfo) -> dict[str, str]:
    languages: list[str] = (info.context or {}).get("languages", [])
    known: list[str] = (info.context or {}).get("known_languages") or languages
    unknown = [lang for lang in names if languages and lang not in known and lang not in languages]
    if unknown:
        raise PydanticCustomError(
            "unknown_language",
            "unknown language {unknown}; this site's languages are {languages}",
            {"unknown": ", ".join(f'"{lang}"' for lang in unknown), "languages": ", ".join(languages)},
        )
    if DEFAULT_LANGUAGE not in names:
        raise PydanticCustomError(
            "missing_default_name",
            "needs an {default}: name; the other languages are optional and fall back to it",
            {"default": DEFAULT_LANGUAGE},
        )
    return names


def _local_name_form(value: Any) -> str | None:
    # The tags are in brackets, like pydantic's own, so messages leave them out of the field path.
    if isinstance(value, str):
        return "[one name]"
    if isinstance(value, dict):
        return "[by language]"
    return None


LOCAL_NAME_DESCRIPTION = (
    "The same in every language (Oslo), or one per language, the English one required and the others "
    "falling back to it ({en: Tartu University Hospital, et: SA Tartu Ülikooli Kliinikum})."
)
#: schema.py gives this part of the schema the site's languages.
NAMES_BY_LANGUAGE_DESCRIPTION = "One name per language: en: required, the others optional (falling back to en)."
#: A site's name or city (`LocalName`): one line of text, or one line per language. Type checkers see
#: the `LocalName` that the last validator makes of either.
if TYPE_CHECKING:
    LocalNameValue = LocalName
else:
    LocalNameValue = Annotated[
        Annotated[PlainText, Tag("[one name]")]
        | Annotated[dict[StrictStr, PlainText], AfterValidator(_check_name_languages), Tag("[by language]")],
        Discriminator(
            _local_name_form,
            custom_error_type="local_name",
            custom_error_message="expected a name, or one name per language",
        ),
        AfterValidator(LocalName.of),
        WithJsonSchema(
            {
                "description": LOCAL_NAME_DESCRIPTION,
                "anyOf": [
                    {"type": "string", "minLength": 1},
                    {
                        "type": "object",
                        "description": NAMES_BY_LANGUAGE_DESCRIPTION,
                        "additionalProperties": {"type": "string", "minLength": 1},
                        "required": [DEFAULT_LANGUAGE],
                    },
                ],
            }
        ),
    ]

TEXT_DESCRIPTION = "A text in every language of the site."
CountryCode = Annotated[
    StrictStr,
    AfterValidator(_check_country),
    WithJsonSchema(
        {
            "type": "string",
            "enum": sorted(COUNTRY_CODES),
            "description": 'A two-letter ISO 3166-1 country code, e.g. DK, EE, FI, "NO" (in quotes).',
        }
    ),
]
Text = Annotated[
    dict[str, StrictStr],
    AfterValidator(_check_languages),
    Field(description=TEXT_DESCRIPTION),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Identifiers(_Strict):
    eu_ct_number: StrictStr | None = Field(
        default=None,
        pattern=r"^\d{4}-\d{6}-\d{2}-\d{2}$",
        description="The EU trial number (EU CT number), for example 2024-512345-12-00.",
    )
    nct_number: StrictStr | None = Field(
        default=None,
        pattern=r"^NCT\d{8}$",
        description="The ClinicalTrials.gov number (NCT number), for example NCT04280705.",
    )
    protocol_code: PlainText | None = Field(default=None, description="The sponsor's protocol code.")

    @model_validator(mode="after")
    def _at_least_one_number(self) -> Identifiers:
        if self.eu_ct_number is None and self.nct_number is None:
            raise PydanticCustomError(
                "no_trial_number",
                "needs at least one trial number: eu_ct_number (the EU CT number, for example 2024-512345-12-00) "
                "or nct_number (the ClinicalTrials.gov number, for example NCT04280705), or both",
            )
        return self


class Disease(_Strict):
    name: Text
    description: Text


class Dose(_Strict):
    amount: Annotated[Decimal, Field(gt=0), CHECK_NUMBER] = Field(
        description="The number, for example 1 or 2.5 (at most 6 decimal places, below 1,000,000,000)."
    )
    unit: Annotated[PlainText, AfterValidator(_check_unit)] = Field(
        description="The unit, for example mg or mg/kg (plain text, without < > & [ ] * _ ` \\ { }).",
        json_schema_extra={"pattern": r"^[^<>&\[\]*_`\\{}]+$"},  # UNIT_FORBIDDEN, for the editors' schema
    )


class Drug(_Strict):
    id: StrictStr = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="A short name in lower case, used in texts as {id.dose}, for example nivolumab.",
    )
    name: Text
    route: Route | None = Field(
        default=None,
        description=(
            'How the medicine is given. Leave it out when the source does not say: the site then shows "not stated".'
        ),
    )
    dose: Dose | None = None
    description: Text


#: More cycles than this is a typing mistake (a cycle is at least days long).
MAX_CYCLES = 1000


class Cycles(_Strict):
    planned: StrictInt = Field(gt=0, le=MAX_CYCLES, description="The number of treatment cycles planned.")
    maximum: StrictInt | None = Field(
        default=None, gt=0, le=MAX_CYCLES, description="The most cycles a participant can get."
    )


#: A cycle longer than a year is a typing mistake.
MAX_CYCLE_DAYS = 365
#: More planned participants than this is a typing mistake.
MAX_PARTICIPANTS = 1_000_000


class Arm(_Strict):
    """A treatment group (ClinicalTrials.gov's arm): what its participants get."""

    id: StrictStr = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="A short name for the group in lower case, for example a or standard.",
    )
    label: Text = Field(description='The group\'s name in every language, for example "Group A".')
    role: ArmRole = Field(
        description="What the group is for: experimental (the treatment being tested), active_comparator (the standard "
        "treatment it is compared with), placebo_comparator, sham_comparator, no_intervention or other.",
    )
    description: Text | None = Field(default=None, description="What the group gets, in plain words. Optional.")
    medicines: list[StrictStr] = Field(
        default_factory=list,
        description="The ids of the group's medicines, from drugs:, for example [nivolumab, dexamethasone].",
    )
    cycle_days: StrictInt | None = Field(
        default=None,
        gt=0,
        le=MAX_CYCLE_DAYS,
        description="How many days one treatment cycle of this group lasts, for example 28.",
    )
    cycles: Cycles | None = Field(
        default=None, description="The number of cycles this group gets: planned and maximum."
    )


class Design(_Strict):
    """How the study is set up (ClinicalTrials.gov's design module), for the pages in plain words."""

    allocation: Allocation | None = Field(
        default=None,
        description="How people are put into groups: randomised (by chance), non_randomised or single_group.",
    )
    ratio: StrictStr | None = Field(
        default=None,
        pattern=r"^\d+(:\d+)+$",
        description="How many people go into each group, in the order of arms:, for example 1:1 or 2:1 "
        "(only with allocation: randomised).",
    )
    masking: Masking | None = Field(
        default=None,
        description="Who is not told which treatment a participant gets: open_label (everyone knows), single_blind, "
        "double_blind, triple_blind or quadruple_blind.",
    )
    participants: StrictInt | None = Field(
        default=None,
        gt=0,
        le=MAX_PARTICIPANTS,
        description="The planned number of participants, for example 300.",
    )
    primary_outcome: Text | None = Field(default=None, description="What the study mainly measures, in plain words.")


class Step(_Strict):
    title: Text
    text: Text


class Schedule(_Strict):
    cycles: Cycles | None = None
    steps: list[Step] = Field(min_length=1)


#: A number as texts write it: 18, 1,5, 8.0 (a {fact}'s name holds none).
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
_FACT_NAME_RE = re.compile(r"\{[^{}\s]*\}")


class Criterion(_Strict):
    title: Text | None = None
    text: Text
    question: Text | None = Field(
        default=None,
        description='A plain yes/no question for the self-check, for example "Are you 18 or older?". '
        "Leave it out for criteria a patient cannot answer alone.",
    )
    fits: Answer | None = Field(
        default=None, description="The answer to the question that fits this criterion: yes or no."
    )
    key: StrictBool = Field(default=False, description="true: the criterion is on the printable summary.")

    @model_validator(mode="after")
    def _question_and_answer(self) -> Criterion:
        if (self.question is None) != (self.fits is None):
            missing = "fits" if self.fits is None else "question"
            raise PydanticCustomError(
                "question_without_answer",
                "a self-check question needs both question: and fits: (the answer that fits: yes or no); {missing}: "
                "is missing",
                {"missing": missing},
            )
        # A question asks exactly what its rule says. Meaning cannot be checked by code, but a number
        # can: a question that names a number its rule does not ("in the last 4 weeks" for a rule of
        # 2 weeks) asks something else. (A rule's number left out of its question may be one only a
        # test can answer, so that is for the reviewer.)
        for language, question in (self.question or {}).items():
            rule = " ".join(texts.get(language, "") for texts in (self.text, self.title or {}))
            asked, ruled = (_NUMBER_RE.findall(_FACT_NAME_RE.sub("", text)) for text in (question, rule))
            extra = sorted(set(asked) - set(ruled), key=question.find)
            if extra:
                raise PydanticCustomError(
                    "question_not_rule",
                    "the self-check question in {language} names {numbers}, which the criterion's text does not; "
                    'a question must ask exactly what its criterion says (EDITING.md, "Add a self-check question")',
                    # "ruled": the criterion's own numbers, for the check's message (validation.py).
                    {
                        "language": language,
                        "numbers": ", ".join(extra),
                        "ruled": ", ".join(sorted(set(ruled), key=rule.find)),
                    },
                )
        return self


class Eligibility(_Strict):
    inclusion: list[Criterion] = Field(min_length=1)
    exclusion: list[Criterion] = Field(min_length=1)


class RecruitmentDate(_Strict):
    date: dt.date = Field(strict=True, description="The day, as YYYY-MM-DD.")
    type: DateType = Field(description="planned (a date in the plan) or actual (the day it happened).")


def _dated(which: str):
    """A recruitment date written as a plain date gets its type from the status (see `derived_type`)."""

    def convert(value: Any, info: ValidationInfo) -> Any:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return {"date": value, "type": derived_type(which, info.data.get("status"))}
        if value is None or isinstance(value, dict):
            return value
        raise PydanticCustomError("date_type", "expected a date")

    return convert


def derived_type(which: str, status: RecruitmentStatus | None) -> DateType:
    """A plain date's type: a start is planned until recruitment has started (not_yet_recruiting,
    withdrawn), an end is actual once recruitment is over (completed, terminated, active_not_recruiting)."""
    if which == "start":
        return DateType.PLANNED if status in NOT_STARTED else DateType.ACTUAL
    return DateType.ACTUAL if status in ENDED else DateType.PLANNED


_DATE_HELP = (
    "as YYYY-MM-DD (planned while the status says recruitment has {when}), or as {{date: YYYY-MM-DD, type: planned}} "
    "or type: actual."
)


class CountryRecruitment(_Strict):
    country: CountryCode
    status: RecruitmentStatus
    start: Annotated[
        RecruitmentDate | None,
        BeforeValidator(_dated("start"), json_schema_input_type=dt.date | RecruitmentDate | None),
    ] = Field(default=None, description="When recruitment starts or started, " + _DATE_HELP.format(when="not started"))
    end: Annotated[
        RecruitmentDate | None, BeforeValidator(_dated("end"), json_schema_input_type=dt.date | RecruitmentDate | None)
    ] = Field(default=None, description="When recruitment ends or ended, " + _DATE_HELP.format(when="not ended"))
    note: Text | None = Field(default=None, description="A short note shown with this country's status. Optional.")
    checked: dt.date | None = Field(
        default=None,
        strict=True,
        description="When this status and date were last checked against the registry, as YYYY-MM-DD.",
    )


class Location(_Strict):
    latitude: Annotated[Decimal, Field(ge=-90, le=90), CHECK_NUMBER] = Field(
        description="Degrees north, for example 59.91."
    )
    longitude: Annotated[Decimal, Field(ge=-180, le=180), CHECK_NUMBER] = Field(
        description="Degrees east, for example 10.75."
    )


# One plain address: no ?cc=/?bcc= (they would copy a patient's message to someone else). The same
# forms for the trial's contact and a site's.
EMAIL_PATTERN = r"^[A-Za-z0-9._+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9 ()-]{5,}$"
URL_PATTERN = r"^https://\S+$"
# What a contact address may hold once it starts with https:// (RFC 3986's characters). It is shown as
# written: no lookalike letters (Cyrillic "а" for "a"), invisible or direction characters, quotes or
# backslashes; a host name with letters such as "ø" is written in its xn-- form.
_URL_CHARACTER = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]")
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9](?::[0-9]{1,5})?")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 5, 20


def _check_url(value: str) -> str:
    """A contact's web address (after `URL_PATTERN`): plain characters, a real host name, nothing before an @."""
    odd = next((char for char in value if not _URL_CHARACTER.fullmatch(char)), None)
    if odd is not None:
        shown = odd if odd.isprintable() and not odd.isspace() else odd.encode("unicode_escape").decode()
        raise PydanticCustomError(
            "url_character",
            'holds "{char}" (U+{code}); write the address in plain letters a-z, digits and - . / ? # = & % _ ~ : '
            "as a browser's address bar copies it (a name with letters such as ø in its xn-- form)",
            {"char": shown, "code": f"{ord(odd):04X}"},
        )
    authority = re.split(r"[/?#]", value.removeprefix("https://"), maxsplit=1)[0]
    if "@" in authority:
        raise PydanticCustomError(
            "url_userinfo",
            'has "{who}@" before the site\'s name; the address is shown as written, and what comes before @ '
            "makes it look like another site's; write https://host/page",
            {"who": authority.rsplit("@", 1)[0]},
        )
    if not _HOST.fullmatch(authority):
        raise PydanticCustomError(
            "url_host",
            "has no web site's name after https://; write the full address, for example https://example.org/study",
        )
    return value


def _check_phone(value: str) -> str:
    """A phone number (after `PHONE_PATTERN`) with enough digits to dial: the link dials its digits only."""
    digits = sum(char.isdigit() for char in value)
    if not MIN_PHONE_DIGITS <= digits <= MAX_PHONE_DIGITS:
        raise PydanticCustomError(
            "phone_digits",
            'has {count} digits; a phone number has {low} to {high} digits, for example "+47 00 00 00 00"',
            {"count": digits, "low": MIN_PHONE_DIGITS, "high": MAX_PHONE_DIGITS},
        )
    return value


#: The pattern first (its message says what is expected), then the closer checks.
WebAddress = Annotated[StrictStr, Field(pattern=URL_PATTERN), AfterValidator(_check_url)]
PhoneNumber = Annotated[StrictStr, Field(pattern=PHONE_PATTERN), AfterValidator(_check_phone)]


class Contact(_Strict):
    email: StrictStr | None = Field(default=None, pattern=EMAIL_PATTERN)
    phone: PhoneNumber | None = None
    url: WebAddress | None = None


class SiteContact(_Strict):
    """A site's own contact: the study team's department and at least one way to reach it."""

    department: Text | None = Field(
        default=None,
        description="The department or team to ask for, in every language, for example the blood diseases "
        "department. Optional.",
    )
    phone: PhoneNumber | None = Field(
        default=None,
        description='A phone number in quotes: digits, spaces, + - ( ), for example "+47 00 00 00 00".',
    )
    email: StrictStr | None = Field(
        default=None,
        pattern=EMAIL_PATTERN,
        description="One email address and nothing else, for example studies@example.org.",
    )
    url: WebAddress | None = Field(
        default=None,
        description="A web page about the study at this site; it starts with https://, for example https://example.org/study.",
    )

    @model_validator(mode="after")
    def _a_way_to_reach(self) -> SiteContact:
        if self.phone is None and self.email is None and self.url is None:
            raise PydanticCustomError(
                "no_site_contact",
                "needs at least one of phone, email or url (a department alone does not say how to reach it); "
                "leave contact out when the listing publishes none",
            )
        return self


class Site(_Strict):
    name: LocalNameValue = Field(description="The hospital's name. " + LOCAL_NAME_DESCRIPTION)
    city: LocalNameValue = Field(description="The city. " + LOCAL_NAME_DESCRIPTION)
    country: CountryCode
    category: SiteCategory | None = Field(
        default=None,
        description="The group the trial's public listing puts the site in: verified_recommended, verified or other. "
        "Leave it out when the listing has no groups.",
    )
    status: RecruitmentStatus | None = Field(default=None, description="Leave out while the source gives none.")
    checked: dt.date | None = Field(
        default=None,
        strict=True,
        description="When this site's entry was last checked against the registry, as YYYY-MM-DD.",
    )
    location: Location | None = Field(
        default=None, description="Where the site is, for the map: latitude and longitude in degrees. Optional."
    )
    contact: SiteContact | None = Field(
        default=None,
        description="How to reach the study team at this site, as the trial's public listing gives it: "
        "department (in every language), phone, email, url. Optional: leave it out when none is published.",
    )


class RelatedTrial(_Strict):
    title: Text
    status: RecruitmentStatus
    phase: Phase
    countries: list[CountryCode] = Field(default_factory=list)
    more_countries: StrictInt = Field(
        default=0, ge=0, le=300, description="Countries the source counts but does not name."
    )


class Lab(_Strict):
    """A lab limit from the criteria, inserted into texts as {labs.<id>} and shown in each language with
    the same value in the unit that language's country's labs use (units.py)."""

    id: StrictStr = Field(
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="A short name in lower case, used in texts as {labs.id}, for example {labs.haemoglobin}.",
    )
    analyte: StrictStr = Field(
        description=f"What is measured, one of: {', '.join(units.ANALYTES)}.",
        json_schema_extra={"enum": list(units.ANALYTES)},
    )
    unit: StrictStr = Field(
        description=(
            "The limit's unit as the criteria write it, for example g/dL (one the table in units.py knows "
            "for the analyte)."
        ),
        json_schema_extra={"enum": list(units.ALL_UNITS)},
    )
    value: Annotated[Decimal, Field(gt=0), CHECK_NUMBER] = Field(
        description="The limit as the criteria write it, for example 8.0 (keep the decimals the criteria show)."
    )

    @field_validator("analyte")
    @classmethod
    def _known_analyte(cls, value: str) -> str:
        problem = units.analyte_problem(value)
        if problem:
            raise PydanticCustomError("unknown_analyte", "{problem}", {"problem": problem})
        return value

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, value: str, info: ValidationInfo) -> str:
        analyte = info.data.get("analyte")
        problem = units.unit_problem(analyte, value) if analyte else None  # a bad analyte is reported on its own
        if problem:
            raise PydanticCustomError("unknown_unit", "{problem}", {"problem": problem})
        return value

    @field_validator("value")
    @classmethod
    def _plausible(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        analyte, unit = info.data.get("analyte"), info.data.get("unit")
        problem = units.value_problem(analyte, unit, value) if analyte and unit else None
        if problem:
            raise PydanticCustomError("implausible_value", "{problem}", {"problem": problem})
        return value


class GlossaryEntry(_Strict):
    id: StrictStr = Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        description=(
            "A short name in lower case; texts mark the term as [word](glossary:id), for example [ECOG](glossary:ecog)."
        ),
    )
    term: Text
    explanation: Text


class Trial(_Strict):
    identifiers: Identifiers
    checked: dt.date | None = Field(
        default=None,
        strict=True,
        description="When all of this file was last checked against the trial's public page, as YYYY-MM-DD.",
    )
    phase: Phase
    title: Text
    short_title: Text | None = Field(
        default=None,
        description="A short name for the site's header and browser tab. Optional: without it the site says "
        '"Study of" and the study medicines\' names.',
    )
    sponsor: PlainText | None = Field(
        default=None,
        description="The organisation responsible for the study, as it writes its name. Optional.",
    )
    summary: Text
    design: Design | None = Field(default=None, description="How the study is set up. Optional.")
    risks: Text | None = Field(
        default=None,
        description="The possible risks and side effects of taking part in this study, in plain words, in every "
        "language, as the participant information or the trial's public page gives them. Optional: without it "
        "the site says that the study team explains them before you decide. Never guess.",
    )
    costs: Text | None = Field(
        default=None,
        description="What taking part costs and what is paid back (travel, meals, lost earnings), in every language, "
        "as the study team or the trial's public page says. Optional: without it the site says what to ask.",
    )
    disease: Disease
    drugs: list[Drug] = Field(min_length=1)
    arms: list[Arm] | None = Field(
        default=None,
        min_length=1,
        description="The treatment groups. Optional: without them every medicine is a study medicine of one group.",
    )
    schedule: Schedule
    eligibility: Eligibility
    recruitment: list[CountryRecruitment] = Field(min_length=1)
    sites: list[Site] = Field(default_factory=list)
    contact: Contact = Contact()
    related_trials: list[RelatedTrial] = Field(default_factory=list)
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    known_problems: list[Text] = Field(
        default_factory=list,
        description="What readers should know does not work well yet in what the site shows about this trial, for "
        "example a hospital's name that is garbled in the source. Shown on the accessibility page; leave it out when "
        "there is none.",
    )
    labs: list[Lab] = Field(
        default_factory=list,
        description="Lab limits the texts insert as {labs.id}: each language shows the value and unit, then the "
        "same limit in the unit its country's labs use.",
    )
