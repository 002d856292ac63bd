"""A starter trial file from a ClinicalTrials.gov study record (API v2 JSON), read from a file.

`read_record` reads the JSON an editor downloaded (a study page's "Download" JSON,
``{"protocolSection": ...}``, or a search result with exactly one study, ``{"studies": [...]}``)
and says in one line what is wrong with a file that is not such a record. `starter_from_record`
is a pure function from the record to a `Starter`: the data of a trial file (plain dicts and
lists, in the shapes of model.py and MODEL-SPEC.md) plus the comments that tell the editor where
each fact came from and what is left to decide. Nothing is invented: what the registry does not
say is left out (when optional) or written as TODO (when required), with a comment.

How each registry module maps (API v2 field names):

- identificationModule: nctId -> identifiers.nct_number; an EU CT number (2023-503636-24-00) found
  in secondaryIdInfos -> identifiers.eu_ct_number (an EudraCT number, 2019-001234-12, is a
  different register's number: only a comment); orgStudyIdInfo.id -> protocol_code;
  briefTitle -> title (officialTitle in a comment); acronym -> short_title.
- statusModule: overallStatus -> each country's status (ClinicalTrials.gov has no status per
  country); startDateStruct -> start, primaryCompletionDateStruct -> end, each {date, type}
  (ACTUAL -> actual; ESTIMATED, or no type -> planned). A date given only as a month (2026-05) is written as
  it is, with a TODO: the check then asks for a day, so no day is ever invented.
- sponsorCollaboratorsModule.leadSponsor.name -> sponsor.
- designModule: phases -> phase; designInfo.allocation / interventionModel / maskingInfo.masking
  -> design; enrollmentInfo.count -> design.participants when ESTIMATED (the planned number).
- armsInterventionsModule: DRUG and BIOLOGICAL interventions -> drugs (route and dose are not
  in the record: left out); armGroups -> arms, with their medicines by drug id.
- conditionsModule.conditions -> disease.name; descriptionModule.briefSummary -> summary.
- eligibilityModule.eligibilityCriteria -> eligibility (one criterion per top-level item;
  nested items kept in the item's text as a "- " list); ages and sex in a comment.
- outcomesModule.primaryOutcomes[0].measure -> design.primary_outcome.
- contactsLocationsModule: locations -> sites (country names to ISO codes through CLDR's English
  names) and the countries of recruitment; centralContacts -> contact.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from pydantic import ValidationError

from .model import COUNTRY_CODES, Contact
from .problems import FieldPath
from .vocabulary import RecruitmentStatus, status_from_registry_term

#: Larger than any study record (the biggest, with results, are a few MB).
MAX_RECORD_BYTES = 50_000_000
NCT_RE = re.compile(r"^NCT\d{8}$")
EU_CT_RE = re.compile(r"(?<![\d-])(\d{4}-\d{6}-\d{2}-\d{2})(?![\d-])")
EUDRACT_RE = re.compile(r"(?<![\d-])(\d{4}-\d{6}-\d{2})(?![\d-])")
TODO = "TODO"


class RecordError(Exception):
    """The file is not a ClinicalTrials.gov study record; the message is one line."""


@dataclass
class Starter:
    """A starter trial file: its data, and comments to write above fields (by field path)."""

    data: dict[str, Any]
    #: Comment lines to write above the field at each path.
    notes: dict[FieldPath, list[str]] = field(default_factory=dict)
    #: What the editor must decide or check (each is also a "TODO:" comment at its path).
    todos: list[tuple[FieldPath, str]] = field(default_factory=list)
    #: Comment lines for the top of the file.
    header: list[str] = field(default_factory=list)
    #: Comment lines for the end of the file (about fields the file leaves out).
    footer: list[str] = field(default_factory=list)
    #: A one-line account of what was mapped, for the command's output.
    summary: str = ""

    def note(self, path: FieldPath, text: str) -> None:
        self.notes.setdefault(tuple(path), []).append(text)

    def todo(self, path: FieldPath, text: str) -> None:
        self.note(path, f"TODO: {text}")
        self.todos.append((tuple(path), text))


# --- reading the file ------------------------------------------------------------------------


def read_record(path: Path) -> dict[str, Any]:
    """The study in the JSON file at ``path``, or `RecordError` with a one-line reason."""
    try:
        size = path.stat().st_size
        if size > MAX_RECORD_BYTES:
            raise RecordError(f"{path}: is {size:,} bytes; a ClinicalTrials.gov study record is far smaller")
        raw = path.read_bytes()
    except OSError as error:
        raise RecordError(f"{path}: cannot be read ({error.strerror or error})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RecordError(
            f"{path}: is not UTF-8 text; expected the study's JSON as downloaded from ClinicalTrials.gov"
        ) from None
    try:
        document = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise RecordError(
            f"{path}:{error.lineno}:{error.colno}: is not valid JSON ({error.msg}); "
            "expected the study's JSON as downloaded from ClinicalTrials.gov"
        ) from None
    except ValueError as error:  # NaN or Infinity
        raise RecordError(
            f"{path}: is not valid JSON ({error}); expected the study's JSON as downloaded from ClinicalTrials.gov"
        ) from None
    except RecursionError:
        raise RecordError(f"{path}: is nested too deeply to be a ClinicalTrials.gov study record") from None
    return study_from_json(document, str(path))


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def study_from_json(document: Any, name: str = "the record") -> dict[str, Any]:
    """The one study in a downloaded record or in a search result holding exactly one study."""
    expected = (
        'expected the JSON of one study ({"protocolSection": ...}, a study page\'s "Download" as JSON) '
        'or an API search result with exactly one study ({"studies": [...]})'
    )
    study = document
    if isinstance(document, dict) and "protocolSection" not in document and "studies" in document:
        studies = document["studies"]
        if not isinstance(studies, list):
            raise RecordError(f'{name}: "studies" is not a list; {expected}')
        if len(studies) != 1:
            raise RecordError(
                f"{name}: holds {len(studies)} studies; save the one study you want (its page's JSON download)"
            )
        study = studies[0]
    protocol = study.get("protocolSection") if isinstance(study, dict) else None
    if not isinstance(protocol, dict):
        raise RecordError(f"{name}: is not a ClinicalTrials.gov study record; {expected}")
    nct = _dict(protocol, "identificationModule").get("nctId")
    if not isinstance(nct, str) or not NCT_RE.match(nct.strip()):
        shown = f' ("{nct}")' if isinstance(nct, str) else ""
        raise RecordError(
            f"{name}: protocolSection.identificationModule.nctId{shown} is not an NCT number such as NCT04280705; "
            "is this a ClinicalTrials.gov study record?"
        )
    return study


# --- safe access to the record -----------------------------------------------------------


def _dict(node: Any, key: str) -> dict[str, Any]:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, dict) else {}


def _list(node: Any, key: str) -> list[Any]:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, list) else []


def _str(node: Any, key: str) -> str | None:
    value = node.get(key) if isinstance(node, dict) else None
    if isinstance(value, str):
        cleaned = clean_text(value)
        return cleaned or None
    return None


def _code(node: Any, key: str) -> str | None:
    """An enumeration value (RANDOMIZED, PHASE2, ...), upper case."""
    value = _str(node, key)
    return value.upper().replace(" ", "_") if value else None


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff]")
# ClinicalTrials.gov writes its texts as Markdown and escapes < > = in them ("\> / = 18 years").
# Those three are unescaped where the site's Markdown reads them the same; other escapes stay.
_ESCAPED_COMPARISON = re.compile(r"\\([<>=])")


def _one_line(value: str) -> str:
    """A registry value as one line: control characters gone, runs of spaces made one."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", value).split())


def clean_text(value: str) -> str:
    """A registry text as an editor should see it: no control characters, no trailing spaces."""
    text = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = CONTROL_CHARACTERS.sub(" ", text)
    text = _ESCAPED_COMPARISON.sub(_unescape, text)
    lines = [line.rstrip() for line in text.split("\n")]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text)


def _unescape(match: re.Match) -> str:
    char, text, end = match.group(1), match.string, match.end()
    following = text[end : end + 1]
    line_start = text.rfind("\n", 0, match.start()) + 1
    if char == "<" and (following.isalpha() or following in "/!?"):
        return match.group(0)  # "<a" would start an HTML tag
    if char == ">" and not text[line_start : match.start()].strip():
        return match.group(0)  # ">" first on a line would start a quotation
    return char


def _parse_date(value: str | None) -> dt.date | str | None:
    """A registry date: a date for YYYY-MM-DD, the text itself for YYYY-MM (month only), else None."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    if re.fullmatch(r"\d{4}-\d{2}", value) and 1 <= int(value[5:]) <= 12:
        return value
    return None


# --- names to codes --------------------------------------------------------------------------


def _fold(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", plain.casefold()).split())


@lru_cache(maxsize=1)
def _english_country_names() -> dict[str, str]:
    names = Locale("en").territories
    return {_fold(names[code]): code for code in COUNTRY_CODES if code in names}


def country_code(name: str) -> str | None:
    """The ISO code for a country name as ClinicalTrials.gov writes it, from CLDR's English names.

    Exact names ("Denmark", "United Kingdom"); "Iran, Islamic Republic of" by the part before the
    comma; "Hong Kong" by the one CLDR name it begins ("Hong Kong SAR China"). Anything else
    (ambiguous or unknown, e.g. "Korea, Republic of", which could be two countries) is None.
    """
    names = _english_country_names()
    wanted = _fold(name)
    candidates = [wanted]
    if "," in name:
        candidates.append(_fold(name.split(",", 1)[0]))
    for candidate in candidates:
        if candidate in names:
            return names[candidate]
    for candidate in candidates:
        starting = {code for folded, code in names.items() if candidate and folded.startswith(candidate + " ")}
        if len(starting) == 1:
            return starting.pop()
    return None


def slug(name: str, taken: set[str], fallback: str) -> str:
    """A lower-case id (^[a-z][a-z0-9_-]*$) from a name, not yet in ``taken`` (which it joins)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    base = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40].strip("-")
    if not base:
        base = fallback
    elif not base[0].isalpha():
        base = f"{fallback}-{base}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def recruitment_status(value: str | None) -> RecruitmentStatus | None:
    """ClinicalTrials.gov's status (RECRUITING, or its wording "Active, not recruiting") as our code."""
    if not value:
        return None
    try:
        return RecruitmentStatus(value.strip().lower())
    except ValueError:
        pass
    found = status_from_registry_term(value)
    return found[1] if found and found[0] == "ClinicalTrials.gov" else None


PHASES = {
    ("PHASE1",): "phase1",
    ("PHASE1", "PHASE2"): "phase1_2",
    ("PHASE2",): "phase2",
    ("PHASE2", "PHASE3"): "phase2_3",
    ("PHASE3",): "phase3",
    ("PHASE4",): "phase4",
}
ALLOCATION = {"RANDOMIZED": "randomised", "NON_RANDOMIZED": "non_randomised"}
MASKING = {
    "NONE": "open_label",
    "SINGLE": "single_blind",
    "DOUBLE": "double_blind",
    "TRIPLE": "triple_blind",
    "QUADRUPLE": "quadruple_blind",
}
ARM_ROLES = {"EXPERIMENTAL", "ACTIVE_COMPARATOR", "PLACEBO_COMPARATOR", "SHAM_COMPARATOR", "NO_INTERVENTION", "OTHER"}
DRUG_TYPES = {"DRUG", "BIOLOGICAL"}


# --- the mapping ---------------------------------------------------------------------------


def starter_from_record(study: dict[str, Any], language: str = "en") -> Starter:
    """The starter file for a study record (as returned by `study_from_json`)."""
    protocol = _dict(study, "protocolSection")
    identification = _dict(protocol, "identificationModule")
    status = _dict(protocol, "statusModule")
    nct = (_str(identification, "nctId") or "").upper()
    starter = Starter({})
    data = starter.data
    updated = _str(_dict(status, "lastUpdatePostDateStruct"), "date")
    starter.header = [
        f"Starter file made from ClinicalTrials.gov record {nct}"
        + (f" (last updated there {updated})" if updated else "")
        + " by `python -m trialsite new --from-ctgov`.",
        f"Every fact below is the registry's (https://clinicaltrials.gov/study/{nct}); texts are in English only.",
        *NEXT_STEPS,
    ]

    data["identifiers"] = identifiers(starter, identification)
    data["phase"] = phase(starter, _dict(protocol, "designModule"))
    titles(starter, identification, language)
    sponsor = _str(_dict(_dict(protocol, "sponsorCollaboratorsModule"), "leadSponsor"), "name")
    if sponsor:
        data["sponsor"] = sponsor
    summary = _str(_dict(protocol, "descriptionModule"), "briefSummary")
    if summary:
        data["summary"] = {language: summary}
        starter.note(("summary",), "The registry's brief summary: rewrite it in plain words for patients.")
    else:
        data["summary"] = {language: "TODO: what the study is about, in two or three plain sentences"}
        starter.todo(("summary",), "the registry has no brief summary; write one")
    data["disease"] = disease(starter, _dict(protocol, "conditionsModule"), language)
    design_data = design(starter, _dict(protocol, "designModule"), _dict(protocol, "outcomesModule"), language)
    if design_data:
        data["design"] = design_data
    drugs, arms = drugs_and_arms(starter, _dict(protocol, "armsInterventionsModule"), language)
    data["drugs"] = drugs
    if arms:
        data["arms"] = arms
    data["schedule"] = {
        "steps": [
            {
                "title": {language: "TODO: the first step, e.g. Screening"},
                "text": {language: "TODO: what happens at this step, in plain words"},
            }
        ]
    }
    starter.todo(
        ("schedule",),
        "the registry does not describe the visits; write the steps a participant goes through "
        "(cycles: too, if the treatment is given in cycles)",
    )
    data["eligibility"] = eligibility(starter, _dict(protocol, "eligibilityModule"), language)
    locations = _dict(protocol, "contactsLocationsModule")
    data["recruitment"], data["sites"] = recruitment_and_sites(starter, status, locations)
    if not data["sites"]:
        del data["sites"]
    contact_data = contact(starter, locations)
    if contact_data:
        data["contact"] = contact_data
    countries = len(data["recruitment"])
    starter.summary = (
        f"{nct}: {_count(len(drugs), 'medicine')}, {_count(len(arms), 'group')}, "
        f"{_count(len(data.get('sites', [])), 'site')} in {_count(countries, 'country', 'countries')}"
    )
    return starter


NEXT_STEPS = [
    "Next:",
    "1. Search this file for TODO: each marks something to decide or write before the site can be built.",
    "2. Run .venv/bin/python scripts/check.py: it lists every problem with its line, and at the end the",
    "   texts still to write in each language.",
    "3. Rewrite the registry's texts in plain words for patients, then add the other languages.",
]


def _count(number: int, one: str, other: str | None = None) -> str:
    return f"{number} {one if number == 1 else other or one + 's'}"


def identifiers(starter: Starter, identification: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    eu_numbers: list[str] = []
    eudract: list[str] = []
    for info in _list(identification, "secondaryIdInfos"):
        text = _str(info, "id") or ""
        eu_numbers += [number for number in EU_CT_RE.findall(text) if number not in eu_numbers]
        eudract += [number for number in EUDRACT_RE.findall(text) if number not in eudract]
    if eu_numbers:
        result["eu_ct_number"] = eu_numbers[0]
        if len(eu_numbers) > 1:
            starter.note(("identifiers", "eu_ct_number"), f"The registry also lists {', '.join(eu_numbers[1:])}.")
    else:
        starter.note(
            ("identifiers",),
            "The registry record has no EU CT number; if the trial runs in the EU, add "
            "eu_ct_number: (search euclinicaltrials.eu for the NCT number).",
        )
    if eudract:
        starter.note(
            ("identifiers",),
            f"EudraCT number {', '.join(eudract)}: the old EU register's number, "
            "not an EU CT number (the site does not show it).",
        )
    result["nct_number"] = (_str(identification, "nctId") or "").upper()
    protocol_code = _str(_dict(identification, "orgStudyIdInfo"), "id")
    if protocol_code:
        result["protocol_code"] = _one_line(protocol_code)
    return result


def phase(starter: Starter, design_module: dict[str, Any]) -> str:
    phases = tuple(sorted({value.upper() for value in _list(design_module, "phases") if isinstance(value, str)}))
    if phases in PHASES:
        return PHASES[phases]
    said = ", ".join(phases) or "none"
    if phases == ("NA",):
        said = "NA (not applicable: no drug phase)"
    elif phases == ("EARLY_PHASE1",):
        said = "EARLY_PHASE1 (phase 0, before phase I)"
    starter.todo(
        ("phase",), f"the registry gives phase {said}; write one of phase1, phase1_2, phase2, phase2_3, phase3, phase4"
    )
    return TODO


def titles(starter: Starter, identification: dict[str, Any], language: str) -> None:
    data = starter.data
    brief, official = _str(identification, "briefTitle"), _str(identification, "officialTitle")
    title = brief or official
    if title:
        data["title"] = {language: _one_line(title)}
        if brief and official and official != brief:
            starter.note(("title",), "The registry's brief title. Its official title is:")
            for line in textwrap.wrap(_one_line(official), 96):
                starter.note(("title",), f"  {line}")
    else:
        data["title"] = {language: "TODO: the trial's title in plain words"}
        starter.todo(("title",), "the registry gives no title")
    acronym = _str(identification, "acronym")
    if acronym:
        data["short_title"] = {language: _one_line(acronym)}
        starter.note(("short_title",), "The registry's acronym; the site's name in the browser tab and the header.")
    else:
        starter.note(
            ("title",),
            "No short_title: the site's name is then made from the medicines' names (add short_title: to choose one).",
        )


def disease(starter: Starter, conditions_module: dict[str, Any], language: str) -> dict[str, Any]:
    conditions = [
        _one_line(value)
        for value in _list(conditions_module, "conditions")
        if isinstance(value, str) and _one_line(value)
    ]
    result: dict[str, Any] = {}
    if conditions:
        result["name"] = {language: ", ".join(conditions)}
        if len(conditions) > 1:
            starter.note(
                ("disease", "name"),
                f"The registry lists {len(conditions)} conditions; name the disease as patients know it.",
            )
    else:
        result["name"] = {language: "TODO: the disease, as patients know it"}
        starter.todo(("disease", "name"), "the registry lists no condition")
    result["description"] = {language: "TODO: what the disease is, in two or three plain sentences"}
    starter.todo(("disease", "description"), "the registry does not describe the disease; write it for patients")
    return result


def design(starter: Starter, design_module: dict[str, Any], outcomes: dict[str, Any], language: str) -> dict[str, Any]:
    info = _dict(design_module, "designInfo")
    result: dict[str, Any] = {}
    allocation, model = _code(info, "allocation"), _code(info, "interventionModel")
    if allocation in ALLOCATION:
        result["allocation"] = ALLOCATION[allocation]
    elif model == "SINGLE_GROUP":
        result["allocation"] = "single_group"
    elif allocation or model:
        starter.note(
            ("design",),
            f"The registry's allocation {allocation or 'not given'}, model {model or 'not given'}: "
            "write allocation: if one of randomised, non_randomised, single_group fits.",
        )
    masking_info = _dict(info, "maskingInfo")
    masking = _code(masking_info, "masking")
    if masking in MASKING:
        result["masking"] = MASKING[masking]
        masked = [value.lower() for value in _list(masking_info, "whoMasked") if isinstance(value, str)]
        if masked:
            starter.note(("design", "masking"), f"Who does not know the group, per the registry: {', '.join(masked)}.")
    enrollment = _dict(design_module, "enrollmentInfo")
    count, kind = enrollment.get("count"), _code(enrollment, "type")
    if isinstance(count, int) and not isinstance(count, bool) and count > 0:
        if kind in ("ESTIMATED", "ANTICIPATED"):
            result["participants"] = count
            starter.note(("design", "participants"), "The registry's planned (estimated) number of participants.")
        else:
            starter.note(
                ("design",),
                f"The registry gives {count} participants{' enrolled (actual)' if kind == 'ACTUAL' else ''}; "
                "participants: is the planned number: write it if you know it.",
            )
    primary = [item for item in _list(outcomes, "primaryOutcomes") if _str(item, "measure")]
    if primary:
        result["primary_outcome"] = {language: _str(primary[0], "measure")}
        time_frame = _str(primary[0], "timeFrame")
        starter.note(
            ("design", "primary_outcome"),
            "The registry's first primary outcome"
            + (f" (time frame: {' '.join(time_frame.split())})" if time_frame else "")
            + (f"; it lists {len(primary)} in all" if len(primary) > 1 else "")
            + ". Say it in plain words.",
        )
    return result


def drugs_and_arms(starter: Starter, module: dict[str, Any], language: str) -> tuple[list[dict], list[dict]]:
    drugs: list[dict[str, Any]] = []
    not_medicines: list[str] = []
    drug_of: dict[str, str] = {}  # "Drug: Remdesivir" (and "Remdesivir") -> drug id
    other_of: dict[str, str] = {}
    drug_arms: dict[str, set[str]] = {}
    taken: set[str] = set()
    for intervention in _list(module, "interventions"):
        name = _str(intervention, "name")
        if not name:
            continue
        name = _one_line(name)
        kind = _code(intervention, "type") or "OTHER"
        label = f"{kind.replace('_', ' ').title()}: {name}"
        arm_labels = {_one_line(value) for value in _list(intervention, "armGroupLabels") if isinstance(value, str)}
        if kind not in DRUG_TYPES:
            not_medicines.append(label)
            other_of[label] = other_of[name] = label
            continue
        drug_id = slug(name, taken, "medicine")
        drug: dict[str, Any] = {"id": drug_id, "name": {language: name}}
        description = _str(intervention, "description")
        index = len(drugs)
        if description:
            drug["description"] = {language: description}
            starter.note(
                ("drugs", index, "description"), "The registry's description: say it in plain words for patients."
            )
        else:
            drug["description"] = {language: "TODO: what this medicine is and does, in plain words"}
            starter.todo(("drugs", index, "description"), "the registry does not describe this medicine")
        also = [
            _one_line(value)
            for value in _list(intervention, "otherNames")
            if isinstance(value, str) and _one_line(value)
        ]
        if also:
            starter.note(("drugs", index), f"Also called: {', '.join(also)}.")
        drugs.append(drug)
        drug_of[label] = drug_id
        drug_of.setdefault(name, drug_id)
        drug_arms[drug_id] = arm_labels
    if drugs:
        starter.note(
            ("drugs",),
            "route: and dose: are left out: the registry does not give them as facts (the site says "
            '"not stated" for a route). Add them from the protocol if you know them.',
        )
    else:
        drugs.append(
            {
                "id": "medicine",
                "name": {language: "TODO: the medicine's name"},
                "description": {language: "TODO: what this medicine is and does, in plain words"},
            }
        )
        starter.todo(
            ("drugs",),
            "the registry lists no drug or biological among the interventions; write the study "
            "medicines (change the id too)",
        )
    if not_medicines:
        starter.note(("drugs",), f"Not medicines, so not listed here: {'; '.join(not_medicines)}.")

    arms: list[dict[str, Any]] = []
    arm_ids: set[str] = set()
    for group in _list(module, "armGroups"):
        written = _str(group, "label")
        if not written:
            continue
        label = _one_line(written)
        index = len(arms)
        arm: dict[str, Any] = {"id": slug(label, arm_ids, "group"), "label": {language: label}}
        role = _code(group, "type")
        if role in ARM_ROLES:
            arm["role"] = role.lower()
        else:
            arm["role"] = TODO
            starter.todo(
                ("arms", index, "role"),
                f"the registry gives the group's type as {role or 'nothing'}; write one of "
                + ", ".join(sorted(value.lower() for value in ARM_ROLES)),
            )
        description = _str(group, "description")
        if description:
            arm["description"] = {language: description}
        medicines: list[str] = []
        others: list[str] = []
        names = [_one_line(value) for value in _list(group, "interventionNames") if isinstance(value, str)]
        for name in names:
            if name in drug_of and drug_of[name] not in medicines:
                medicines.append(drug_of[name])
            elif name in other_of and other_of[name] not in others:
                others.append(other_of[name])
        for drug_id, labels in drug_arms.items():
            if label in labels and drug_id not in medicines:
                medicines.append(drug_id)
        arm["medicines"] = medicines
        if others:
            starter.note(("arms", index, "medicines"), f"The registry also lists for this group: {'; '.join(others)}.")
        elif not medicines:
            starter.note(("arms", index, "medicines"), "The registry links no medicine to this group.")
        arms.append(arm)
    if arms:
        starter.note(("arms",), "The registry's groups (arm groups) and the medicines each gets.")
    else:
        starter.note(
            ("drugs",),
            "The registry lists no groups (arms): the site shows every medicine as a study medicine "
            "of one group. Add arms: if the study compares groups.",
        )
    return drugs, arms


# --- eligibility -------------------------------------------------------------------------


# "Inclusion Criteria:", "**Key Exclusion Criteria**", "Inclusion criteria for part B:".
_HEADING_RE = re.compile(
    r"^\s*(?:[#*_]+\s*)?(?:key\s+|main\s+)?(inclusion|exclusion)\s+criteria\b"
    r"(?:[^a-z0-9]*|[^:\n]{0,80}:[\s*_]*)$",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(
    r"^(\s*)(?:[*\-+•]|\d{1,3}[.)]|\(\d{1,3}\)|[a-zA-Z][.)]|\([a-zA-Z]\)|[ivxIVX]{1,5}[.)])\s+(\S.*)$"
)


@dataclass
class _Item:
    first: str
    indent: int
    rest: list[tuple[int, str]] = field(default_factory=list)  # (indent, line); "" for a blank line
    bullet: bool = True
    stray_heading: str | None = None


def split_criteria(text: str) -> tuple[list[_Item], list[_Item], bool]:
    """The registry's criteria text as (inclusion items, exclusion items, had headings)."""
    sections: dict[str, list[_Item]] = {"inclusion": [], "exclusion": []}
    current: str | None = None
    had_headings = False
    item: _Item | None = None
    base: int | None = None
    blank_before = False
    for raw in text.split("\n"):
        indent = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        heading = _HEADING_RE.match(raw)
        if heading and indent <= 1:
            current, item, base, had_headings = heading.group(1).lower(), None, None, True
            continue
        if not line:
            if item is not None:
                item.rest.append((0, ""))
            blank_before = True
            continue
        target = sections[current or "inclusion"]
        match = _ITEM_RE.match(raw)
        if match and (base is None or indent <= base + 1):
            base = indent if base is None else base
            item = _Item(match.group(2).strip(), indent)
            target.append(item)
        elif item is not None and (indent > item.indent or (not blank_before and not match)):
            if heading and item.stray_heading is None:
                item.stray_heading = line
            item.rest.append((indent, line))
        else:
            item = _Item(line, indent, bullet=False)
            target.append(item)
        blank_before = False
    return sections["inclusion"], sections["exclusion"], had_headings


def item_text(item: _Item) -> str:
    """An item's text: its first line, wrapped lines joined, nested items as a "- " list."""
    blocks: list[list[str]] = [[item.first]]  # each block: a paragraph (one entry) or a list (entries "- ...")
    kinds = ["paragraph"]
    last_indent = item.indent
    blank = False
    for indent, line in item.rest:
        if not line:
            blank = True
            continue
        nested = _ITEM_RE.match(" " * indent + line)
        if nested:
            entry = f"- {nested.group(2).strip()}"
            if kinds[-1] == "list":
                blocks[-1].append(entry)
            else:
                blocks.append([entry])
                kinds.append("list")
            last_indent = indent
        elif kinds[-1] == "list" and indent > last_indent and not blank:
            blocks[-1][-1] += " " + line  # a nested item's wrapped line
        elif kinds[-1] == "paragraph" and not blank:
            blocks[-1][-1] += " " + line
        else:
            blocks.append([line])
            kinds.append("paragraph")
            last_indent = indent
        blank = False
    # Lines joined above may now have an escaped "\>" inside a line, where it can be unescaped.
    return _ESCAPED_COMPARISON.sub(_unescape, "\n\n".join("\n".join(block) for block in blocks))


def eligibility(starter: Starter, module: dict[str, Any], language: str) -> dict[str, Any]:
    text = _str(module, "eligibilityCriteria")
    result: dict[str, Any] = {"inclusion": [], "exclusion": []}
    facts = []
    minimum, maximum = _str(module, "minimumAge"), _str(module, "maximumAge")
    if minimum or maximum:
        facts.append(f"age {minimum or 'no minimum'} to {maximum or 'no maximum'}")
    sex = _str(module, "sex")
    if sex:
        facts.append(f"sex: {sex.lower()}")
    healthy = module.get("healthyVolunteers")
    if isinstance(healthy, bool):
        facts.append(f"healthy volunteers: {'yes' if healthy else 'no'}")
    if facts:
        starter.note(
            ("eligibility",), f"The registry also gives {'; '.join(facts)}. Make sure the criteria say the same."
        )
    inclusion, exclusion, had_headings = split_criteria(text) if text else ([], [], False)
    if text and not had_headings:
        starter.todo(
            ("eligibility", "inclusion"),
            'the registry\'s criteria have no "Inclusion Criteria:" and '
            '"Exclusion Criteria:" headings: all of the text is under inclusion; '
            "move what excludes people to exclusion",
        )
    starter.note(
        ("eligibility",), "One criterion per item of the registry's list; nested items are kept in the item's text."
    )
    for kind, items in (("inclusion", inclusion), ("exclusion", exclusion)):
        for index, item in enumerate(items):
            result[kind].append({"text": {language: item_text(item)}})
            if not item.bullet:
                starter.note(
                    ("eligibility", kind, index),
                    "Not an item of the registry's list (an introduction?): "
                    "merge it with the next criterion or delete it.",
                )
            if item.stray_heading:
                starter.todo(
                    ("eligibility", kind, index),
                    f'the registry\'s text has "{item.stray_heading}" inside this '
                    "item; check where that part of the list starts",
                )
        if not items:
            result[kind].append({"text": {language: f"TODO: an {kind} criterion"}})
            starter.todo(("eligibility", kind), f"the registry's record has no {kind} criteria")
    return result


# --- recruitment, sites, contact ----------------------------------------------------------


def _date_entry(starter: Starter, path: FieldPath, struct: dict[str, Any], what: str) -> dict[str, Any] | None:
    raw = _str(struct, "date")
    value = _parse_date(raw)
    if value is None:
        if raw:
            starter.note(path[:-1], f'The registry\'s {what} "{raw}" is not a date.')
        return None
    # Planned unless the registry says the date is past (ACTUAL); ESTIMATED, or no type, is a plan.
    entry: dict[str, Any] = {"date": value, "type": "actual" if _code(struct, "type") == "ACTUAL" else "planned"}
    if isinstance(value, str):
        starter.todo(
            path + ("date",),
            f"the registry gives only the month ({value}) for the {what}; write the day "
            "(YYYY-MM-DD) if you know it, or leave the date out",
        )
    return entry


def recruitment_and_sites(
    starter: Starter, status: dict[str, Any], module: dict[str, Any]
) -> tuple[list[dict], list[dict]]:
    overall_raw = _str(status, "overallStatus")
    overall = recruitment_status(overall_raw)
    countries: list[str] = []  # codes, or the registry's names that have none
    unknown_names: set[str] = set()
    sites: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    skipped: list[str] = []
    for location in _list(module, "locations"):
        country_name = _str(location, "country")
        if not country_name:
            skipped.append(_str(location, "facility") or _str(location, "city") or "a location without a name")
            continue
        country_name = _one_line(country_name)
        code = country_code(country_name)
        if code is None:
            unknown_names.add(country_name)
        country = code or country_name
        if country not in countries:
            countries.append(country)
        facility, city = _str(location, "facility"), _str(location, "city")
        if not facility or not city:
            skipped.append(f"{facility or 'a location without a name'} ({city or 'no city'}, {country_name})")
            continue
        facility, city = _one_line(facility), _one_line(city)
        key = (facility.casefold(), city.casefold(), country)
        if key in seen:
            continue  # listed twice in the registry
        seen.add(key)
        site: dict[str, Any] = {"name": facility, "city": city, "country": country}
        site_status = recruitment_status(_str(location, "status"))
        if site_status:
            site["status"] = site_status.value
        point = _dict(location, "geoPoint")
        latitude, longitude = _coordinate(point.get("lat"), 90), _coordinate(point.get("lon"), 180)
        if latitude is not None and longitude is not None:
            site["location"] = {"latitude": latitude, "longitude": longitude}
        if code is None:
            starter.todo(
                ("sites", len(sites), "country"),
                f'"{country_name}" is the registry\'s name; CLDR has no country '
                "by that name: write its two-letter code",
            )
        sites.append(site)
    if skipped:
        starter.note(
            ("sites",) if sites else ("recruitment",),
            f"Left out, without a country, city or name in the registry: {'; '.join(skipped)}.",
        )
    if sites:
        starter.note(("sites",), "The registry's locations; the map places each by its coordinates (location:).")

    recruitment: list[dict[str, Any]] = []
    if not countries:
        countries = [TODO]
        starter.todo(
            ("recruitment", 0, "country"),
            "the registry lists no locations; write the countries where the trial recruits (two-letter codes)",
        )
    for index, country in enumerate(countries):
        entry: dict[str, Any] = {"country": country}
        if overall:
            entry["status"] = overall.value
        else:
            entry["status"] = TODO
            starter.todo(
                ("recruitment", index, "status"),
                f"the registry's status is {overall_raw or 'missing'}; write one "
                "of " + ", ".join(value.value for value in RecruitmentStatus),
            )
        start = _date_entry(starter, ("recruitment", index, "start"), _dict(status, "startDateStruct"), "start")
        if start:
            entry["start"] = start
            if overall is RecruitmentStatus.NOT_YET_RECRUITING and start.get("type") == "actual":
                starter.todo(
                    ("recruitment", index, "start"),
                    "the registry calls the start actual, but the trial not yet recruiting; check which is right",
                )
        end = _date_entry(
            starter,
            ("recruitment", index, "end"),
            _dict(status, "primaryCompletionDateStruct"),
            "primary completion date",
        )
        if end:
            entry["end"] = end
        if country in unknown_names:
            starter.todo(
                ("recruitment", index, "country"),
                f'"{country}" is the registry\'s name; CLDR has no country by that name: write its two-letter code',
            )
        recruitment.append(entry)
    if overall:
        starter.note(
            ("recruitment",),
            f"ClinicalTrials.gov has no status or dates per country: each country has the whole "
            f"study's status ({overall_raw}) and dates. Correct them per country (the EU "
            "register, CTIS, has them per member state), and add checked: dates.",
        )
    if any("end" in entry for entry in recruitment):
        starter.note(
            ("recruitment",),
            "end: is the registry's primary completion date (the last participant's last "
            "visit for the main result), the nearest it has to the end of recruitment.",
        )
    return recruitment, sites


def _coordinate(value: Any, limit: int) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or abs(value) > limit:
        return None
    return Decimal(str(value))


def _accepted(field_name: str, value: str) -> bool:
    """Whether the model takes ``value`` for a contact field (its own patterns decide)."""
    try:
        Contact(**{field_name: value})
    except ValidationError:
        return False
    return True


def contact(starter: Starter, module: dict[str, Any]) -> dict[str, Any]:
    for person in _list(module, "centralContacts"):
        email, phone = _str(person, "email"), _str(person, "phone")
        if not email and not phone:
            continue
        result: dict[str, Any] = {}
        name, extension = _str(person, "name"), _str(person, "phoneExt")
        starter.note(
            ("contact",),
            "The registry's central contact"
            + (f" ({' '.join(name.split())})" if name else "")
            + (f"; phone extension {extension}" if extension else "")
            + ".",
        )
        for key, value in (("email", email), ("phone", _one_line(phone) if phone else None)):
            if value and _accepted(key, value):
                result[key] = value
            elif value:
                starter.note(
                    ("contact",),
                    f'The registry\'s {key} "{value}" is not in a form the site takes; '
                    "write it the way EDITING.md shows.",
                )
        if result:
            return result
    starter.footer.append("contact: left out: the registry gives no central contact with an email or phone. Without it")
    starter.footer.append("the site asks visitors to talk to their doctor, showing the trial number.")
    return {}


# --- the blank skeleton ------------------------------------------------------------------


def blank_starter(language: str = "en") -> Starter:
    """Every required field, with TODO where a value or a text is to be written."""
    starter = Starter(
        {
            "identifiers": {"eu_ct_number": TODO, "nct_number": TODO},
            "phase": TODO,
            "title": {language: "TODO: the trial's title in plain words"},
            "summary": {language: "TODO: what the study is about, in two or three plain sentences"},
            "disease": {
                "name": {language: "TODO: the disease, as patients know it"},
                "description": {language: "TODO: what the disease is, in two or three plain sentences"},
            },
            "drugs": [
                {
                    "id": "medicine",
                    "name": {language: "TODO: the medicine's name"},
                    "description": {language: "TODO: what this medicine is and does, in plain words"},
                }
            ],
            "schedule": {
                "steps": [
                    {
                        "title": {language: "TODO: the first step, e.g. Screening"},
                        "text": {language: "TODO: what happens at this step, in plain words"},
                    }
                ]
            },
            "eligibility": {
                "inclusion": [{"text": {language: "TODO: an inclusion criterion"}}],
                "exclusion": [{"text": {language: "TODO: an exclusion criterion"}}],
            },
            "recruitment": [{"country": TODO, "status": TODO}],
        }
    )
    starter.header = [
        "Blank starter file made by `python -m trialsite new --blank`: every required field, "
        "with TODO where you write.",
        *NEXT_STEPS[:-1],
        "3. Write the texts in English for patients, then add the other languages.",
    ]
    starter.todo(
        ("identifiers",),
        "write the EU CT number (2024-512345-12-00), the ClinicalTrials.gov number "
        "(NCT04280705) or both, and delete the line you do not need",
    )
    starter.todo(("phase",), "one of phase1, phase1_2, phase2, phase2_3, phase3, phase4")
    starter.note(
        ("title",),
        "Optional: short_title: (the site's name; made from the medicines' names when left out), "
        "sponsor:, design: and arms: (see EDITING.md).",
    )
    starter.note(
        ("drugs", 0, "id"),
        "A short name in lower case; texts insert the dose as {medicine.dose}. Optional: "
        "route:, dose: {amount: 1, unit: mg/kg}.",
    )
    starter.note(
        ("schedule",), "Add cycles: {planned: 6} if the treatment is given in cycles; one step per visit or phase."
    )
    starter.todo(
        ("recruitment", 0),
        'the country (two-letter code, "NO" in quotes) and its status: '
        + ", ".join(value.value for value in RecruitmentStatus)
        + "; optional start: and end: dates (YYYY-MM-DD)",
    )
    starter.note(
        ("recruitment",),
        "Sites go under sites: (name, city, country, status, location); contact details "
        "under contact: (email, phone, url).",
    )
    starter.summary = "blank starter"
    return starter
