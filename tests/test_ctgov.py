"""The starter file from a ClinicalTrials.gov record (ctgov.py, starter.py, `trialsite new`).

Small hand-made records test each module's mapping and its edge cases; tests/ctgov/ holds a real,
public record (see the README there) that is mapped end to end. Expected values come from the
records and from the registry's documented vocabulary, never from the importer's output.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import io
import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers import LANGUAGES, ROOT
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from trialsite import ctgov
from trialsite.cli import main
from trialsite.ctgov import RecordError, blank_starter, country_code, read_record, starter_from_record, study_from_json
from trialsite.facts import raw_texts
from trialsite.loader import dump_yaml, load_yaml_bytes
from trialsite.model import Drug, Trial
from trialsite.problems import TrialDataError, format_path
from trialsite.starter import StarterError, starter_yaml
from trialsite.validation import load_trial_bytes
from trialsite.vocabulary import RecruitmentStatus

RECORD = ROOT / "tests" / "ctgov" / "NCT04280705.json"
CONFIG = str(ROOT / "mkdocs.yml")


def study(**modules: Any) -> dict[str, Any]:
    """A small record: an identification module and whatever modules the test gives."""
    protocol = {"identificationModule": {"nctId": "NCT01234567", "briefTitle": "A small study"}}
    protocol.update(modules)
    return {"protocolSection": protocol, "hasResults": False}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*argv, "--config", CONFIG], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


# --- reading the file --------------------------------------------------------------------


def test_the_real_record_is_the_file_its_readme_names():
    raw = RECORD.read_bytes()
    assert hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest() == "cf249f59d3ddf289ac9a78456e26bd2e3a9fc2c7"


def test_both_shapes_of_a_record_are_read(tmp_path):
    search_result = read_record(RECORD)  # {"studies": [one study], "nextPageToken": ...}
    assert search_result["protocolSection"]["identificationModule"]["nctId"] == "NCT04280705"
    download = tmp_path / "NCT04280705.json"
    download.write_text(json.dumps(search_result), encoding="utf-8")  # a study page's JSON download
    assert read_record(download) == search_result


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"protocolSection": {',
            "record.json:1:22: is not valid JSON (Expecting property name enclosed in double quotes)",
        ),
        (b"", "record.json:1:1: is not valid JSON (Expecting value)"),
        (b'{"a": NaN}', "record.json: is not valid JSON (NaN is not a number JSON allows)"),
        (b"\xff\xfe{}", "record.json: is not UTF-8 text"),
        (b'{"resultsSection": {}}', "record.json: is not a ClinicalTrials.gov study record"),
        (b"[1, 2]", "record.json: is not a ClinicalTrials.gov study record"),
        (b'{"studies": []}', "record.json: holds 0 studies"),
        (b'{"studies": [{"protocolSection": {}}, {"protocolSection": {}}]}', "record.json: holds 2 studies"),
        (b'{"studies": {"protocolSection": {}}}', 'record.json: "studies" is not a list'),
        (
            b'{"protocolSection": {"identificationModule": {"nctId": "EU-1"}}}',
            'record.json: protocolSection.identificationModule.nctId ("EU-1") is not an NCT number',
        ),
        (
            b'{"protocolSection": {"identificationModule": {}}}',
            "record.json: protocolSection.identificationModule.nctId is not",
        ),
        (b"[" * 100_000, "record.json: is nested too deeply"),
    ],
)
def test_a_file_that_is_not_a_record_gives_one_line_and_exit_2(tmp_path, monkeypatch, content, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "record.json").write_bytes(content)
    with pytest.raises(RecordError) as caught:
        read_record(Path("record.json"))
    assert str(caught.value).startswith(expected) and "\n" not in str(caught.value)
    code, out, err = run("new", "--from-ctgov", "record.json", "--output", str(tmp_path / "trial.yaml"))
    assert (code, out) == (2, "")
    assert err.startswith(expected) and err.count("\n") == 1
    assert not (tmp_path / "trial.yaml").exists()


def test_a_missing_record_file_gives_one_line(tmp_path):
    code, out, err = run("new", "--from-ctgov", str(tmp_path / "none.json"), "--output", str(tmp_path / "t.yaml"))
    assert code == 2 and err == f"{tmp_path / 'none.json'}: cannot be read (No such file or directory)\n"


# --- each module -------------------------------------------------------------------------


def test_identification_module():
    record = study(
        identificationModule={
            "nctId": "NCT01234567",
            "orgStudyIdInfo": {"id": "  ABC-123 "},
            "briefTitle": "Brief",
            "officialTitle": "Official",
            "acronym": "SMALL",
            "secondaryIdInfos": [
                {"id": "2019-001234-12", "type": "EUDRACT_NUMBER"},
                {"id": "CTIS: 2023-503636-24-00", "type": "CTIS"},
            ],
        }
    )
    starter = starter_from_record(record)
    assert starter.data["identifiers"] == {
        "eu_ct_number": "2023-503636-24-00",
        "nct_number": "NCT01234567",
        "protocol_code": "ABC-123",
    }
    assert starter.data["title"] == {"en": "Brief"} and starter.data["short_title"] == {"en": "SMALL"}
    assert any("Official" in note for note in starter.notes[("title",)])
    assert any("EudraCT number 2019-001234-12" in note for note in starter.notes[("identifiers",)])


def test_an_eudract_number_is_not_taken_for_an_eu_ct_number():
    record = study(
        identificationModule={
            "nctId": "NCT01234567",
            "briefTitle": "B",
            "secondaryIdInfos": [{"id": "2019-001234-12", "type": "EUDRACT_NUMBER"}],
        }
    )
    identifiers = starter_from_record(record).data["identifiers"]
    assert "eu_ct_number" not in identifiers and identifiers["nct_number"] == "NCT01234567"


@pytest.mark.parametrize(
    ("phases", "expected"),
    [
        (["PHASE1"], "phase1"),
        (["PHASE1", "PHASE2"], "phase1_2"),
        (["PHASE2"], "phase2"),
        (["PHASE3", "PHASE2"], "phase2_3"),
        (["PHASE3"], "phase3"),
        (["PHASE4"], "phase4"),
        (["NA"], None),
        (["EARLY_PHASE1"], None),
        ([], None),
        ("PHASE3", None),
    ],
)
def test_phase(phases, expected):
    starter = starter_from_record(study(designModule={"phases": phases}))
    if expected:
        assert starter.data["phase"] == expected and ("phase",) not in dict(starter.todos)
    else:
        assert starter.data["phase"] == "TODO"
        assert "write one of phase1" in dict(starter.todos)[("phase",)]


def test_a_missing_design_module_leaves_the_phase_to_the_editor():
    starter = starter_from_record(study())
    assert starter.data["phase"] == "TODO" and ("phase",) in dict(starter.todos)
    assert "design" not in starter.data


@pytest.mark.parametrize(
    ("registry", "code"),
    [
        ("NOT_YET_RECRUITING", "not_yet_recruiting"),
        ("RECRUITING", "recruiting"),
        ("ENROLLING_BY_INVITATION", "enrolling_by_invitation"),
        ("ACTIVE_NOT_RECRUITING", "active_not_recruiting"),
        ("SUSPENDED", "suspended"),
        ("TERMINATED", "terminated"),
        ("COMPLETED", "completed"),
        ("WITHDRAWN", "withdrawn"),
        ("Active, not recruiting", "active_not_recruiting"),
        ("UNKNOWN", None),
        ("WITHHELD", None),
        ("AVAILABLE", None),
    ],
)
def test_overall_status_is_each_countrys_status(registry, code):
    starter = starter_from_record(
        study(
            statusModule={"overallStatus": registry},
            contactsLocationsModule={
                "locations": [
                    {"facility": "A", "city": "Oslo", "country": "Norway"},
                    {"facility": "B", "city": "Aarhus", "country": "Denmark"},
                ]
            },
        )
    )
    assert [entry["country"] for entry in starter.data["recruitment"]] == ["NO", "DK"]
    for index, entry in enumerate(starter.data["recruitment"]):
        assert entry["status"] == (code or "TODO")
        assert (("recruitment", index, "status") in dict(starter.todos)) is (code is None)


def test_dates_keep_their_type_and_a_month_is_never_made_a_day():
    starter = starter_from_record(
        study(
            statusModule={
                "overallStatus": "NOT_YET_RECRUITING",
                "startDateStruct": {"date": "2026-05", "type": "ESTIMATED"},
                "primaryCompletionDateStruct": {"date": "2028-10-30"},
            },  # no type: a plan
            contactsLocationsModule={"locations": [{"facility": "A", "city": "Tartu", "country": "Estonia"}]},
        )
    )
    entry = starter.data["recruitment"][0]
    assert entry == {
        "country": "EE",
        "status": "not_yet_recruiting",
        "start": {"date": "2026-05", "type": "planned"},
        "end": {"date": dt.date(2028, 10, 30), "type": "planned"},
    }
    assert "only the month (2026-05)" in dict(starter.todos)[("recruitment", 0, "start", "date")]
    text = starter_yaml(starter)
    assert "start: {date: 2026-05, type: planned}" in text and "2026-05-01" not in text


def test_actual_dates_and_a_contradiction_with_the_status():
    starter = starter_from_record(
        study(
            statusModule={
                "overallStatus": "NOT_YET_RECRUITING",
                "startDateStruct": {"date": "2024-01-15", "type": "ACTUAL"},
                "primaryCompletionDateStruct": {"date": "2024-13-01"},
            },
            contactsLocationsModule={"locations": [{"facility": "A", "city": "Espoo", "country": "Finland"}]},
        )
    )
    entry = starter.data["recruitment"][0]
    assert entry["start"] == {"date": dt.date(2024, 1, 15), "type": "actual"} and "end" not in entry
    assert "check which is right" in dict(starter.todos)[("recruitment", 0, "start")]
    assert any('"2024-13-01" is not a date' in note for note in starter.notes[("recruitment", 0)])


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Denmark", "DK"),
        ("United Kingdom", "GB"),
        ("Iran, Islamic Republic of", "IR"),
        ("Moldova, Republic of", "MD"),
        ("Hong Kong", "HK"),
        ("Czechia", "CZ"),
        ("Türkiye", "TR"),
        ("  norway ", "NO"),
        # Ambiguous or not a CLDR name: the editor decides (never a guess).
        ("Korea, Republic of", None),
        ("Congo, The Democratic Republic of the", None),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_country_names_become_codes_through_cldr(name, code):
    assert country_code(name) == code


def test_an_unknown_country_name_is_kept_for_the_editor():
    starter = starter_from_record(
        study(
            statusModule={"overallStatus": "RECRUITING"},
            contactsLocationsModule={
                "locations": [
                    {
                        "facility": "Hospital",
                        "city": "Atlantis City",
                        "country": "Atlantis",
                        "geoPoint": {"lat": 10.5, "lon": -20},
                    }
                ]
            },
        )
    )
    assert starter.data["recruitment"][0]["country"] == "Atlantis"
    assert starter.data["sites"] == [
        {
            "name": "Hospital",
            "city": "Atlantis City",
            "country": "Atlantis",
            "location": {"latitude": Decimal("10.5"), "longitude": Decimal("-20")},
        }
    ]
    todos = dict(starter.todos)
    assert "write its two-letter code" in todos[("recruitment", 0, "country")]
    assert "write its two-letter code" in todos[("sites", 0, "country")]


def test_no_locations_leaves_the_countries_to_the_editor():
    starter = starter_from_record(study(statusModule={"overallStatus": "RECRUITING"}))
    assert starter.data["recruitment"] == [{"country": "TODO", "status": "recruiting"}]
    assert "sites" not in starter.data
    assert "lists no locations" in dict(starter.todos)[("recruitment", 0, "country")]


def test_locations_become_sites_once_each_with_their_coordinates_and_status():
    locations = [
        {
            "facility": "Rigshospitalet",
            "city": "Copenhagen",
            "country": "Denmark",
            "status": "RECRUITING",
            "geoPoint": {"lat": 55.67594, "lon": 12.56553},
        },
        {"facility": "Rigshospitalet", "city": "Copenhagen", "country": "Denmark"},  # listed twice
        {
            "facility": "Aarhus Universitetshospital",
            "city": "Aarhus",
            "country": "Denmark",
            "geoPoint": {"lat": "56", "lon": 10},
        },
        {"facility": "HUS", "city": "Helsinki", "country": "Finland", "geoPoint": {"lat": 95, "lon": 24.9}},
        {"city": "Tallinn", "country": "Estonia"},  # no facility: a country, but no site
    ]
    starter = starter_from_record(
        study(statusModule={"overallStatus": "RECRUITING"}, contactsLocationsModule={"locations": locations})
    )
    assert starter.data["sites"] == [
        {
            "name": "Rigshospitalet",
            "city": "Copenhagen",
            "country": "DK",
            "status": "recruiting",
            "location": {"latitude": Decimal("55.67594"), "longitude": Decimal("12.56553")},
        },
        {"name": "Aarhus Universitetshospital", "city": "Aarhus", "country": "DK"},  # a latitude as text is not one
        {"name": "HUS", "city": "Helsinki", "country": "FI"},  # 95 degrees north is not on Earth
    ]
    assert [entry["country"] for entry in starter.data["recruitment"]] == ["DK", "FI", "EE"]
    assert any("Tallinn" in note for note in starter.notes[("sites",)])


def test_sponsor_design_and_primary_outcome():
    starter = starter_from_record(
        study(
            sponsorCollaboratorsModule={"leadSponsor": {"name": "Janssen-Cilag International NV", "class": "INDUSTRY"}},
            designModule={
                "phases": ["PHASE3"],
                "enrollmentInfo": {"count": 560, "type": "ESTIMATED"},
                "designInfo": {
                    "allocation": "RANDOMIZED",
                    "interventionModel": "PARALLEL",
                    "maskingInfo": {"masking": "NONE"},
                },
            },
            outcomesModule={
                "primaryOutcomes": [
                    {"measure": "Progression-free survival", "timeFrame": "Up to 5 years"},
                    {"measure": "Overall survival"},
                ]
            },
        )
    )
    assert starter.data["sponsor"] == "Janssen-Cilag International NV"
    assert starter.data["design"] == {
        "allocation": "randomised",
        "masking": "open_label",
        "participants": 560,
        "primary_outcome": {"en": "Progression-free survival"},
    }


@pytest.mark.parametrize(
    ("info", "expected"),
    [
        (
            {"allocation": "NON_RANDOMIZED", "maskingInfo": {"masking": "QUADRUPLE"}},
            {"allocation": "non_randomised", "masking": "quadruple_blind"},
        ),
        (
            {"allocation": "NA", "interventionModel": "SINGLE_GROUP", "maskingInfo": {"masking": "SINGLE"}},
            {"allocation": "single_group", "masking": "single_blind"},
        ),
        ({"allocation": "NA", "interventionModel": "CROSSOVER"}, {}),
        ({"maskingInfo": {"masking": "TRIPLE"}}, {"masking": "triple_blind"}),
    ],
)
def test_allocation_and_masking(info, expected):
    starter = starter_from_record(study(designModule={"designInfo": info}))
    assert starter.data.get("design", {}) == expected


def test_an_actual_enrollment_is_not_taken_for_the_planned_number():
    starter = starter_from_record(study(designModule={"enrollmentInfo": {"count": 1062, "type": "ACTUAL"}}))
    assert "design" not in starter.data
    assert any("1062 participants enrolled (actual)" in note for note in starter.notes[("design",)])


def test_interventions_and_arm_groups():
    starter = starter_from_record(
        study(
            armsInterventionsModule={
                "armGroups": [
                    {
                        "label": "Teclistamab + pomalidomide",
                        "type": "EXPERIMENTAL",
                        "description": "Both.",
                        "interventionNames": ["Drug: Teclistamab", "Drug: Pomalidomide"],
                    },
                    {
                        "label": "DVd",
                        "type": "ACTIVE_COMPARATOR",
                        "interventionNames": ["Biological: Daratumumab", "Drug: Dexamethasone"],
                    },
                    {"label": "Placebo", "type": "PLACEBO_COMPARATOR", "interventionNames": ["Other: Placebo"]},
                    {"label": "Watch", "type": "SOMETHING_NEW"},
                ],
                "interventions": [
                    {
                        "type": "DRUG",
                        "name": "Teclistamab",
                        "description": "A bispecific antibody.",
                        "otherNames": ["JNJ-64007957"],
                        "armGroupLabels": ["Teclistamab + pomalidomide"],
                    },
                    {"type": "DRUG", "name": "Pomalidomide", "armGroupLabels": ["Teclistamab + pomalidomide"]},
                    {"type": "BIOLOGICAL", "name": "Daratumumab", "armGroupLabels": ["DVd"]},
                    {"type": "DRUG", "name": "Dexamethasone", "armGroupLabels": ["DVd"]},
                    {"type": "OTHER", "name": "Placebo", "armGroupLabels": ["Placebo"]},
                    {"type": "PROCEDURE", "name": "Stem cell transplant"},
                ],
            }
        )
    )
    drugs = starter.data["drugs"]
    assert [drug["id"] for drug in drugs] == ["teclistamab", "pomalidomide", "daratumumab", "dexamethasone"]
    assert drugs[0] == {
        "id": "teclistamab",
        "name": {"en": "Teclistamab"},
        "description": {"en": "A bispecific antibody."},
    }
    assert all("route" not in drug and "dose" not in drug for drug in drugs)  # not in the record: never guessed
    assert drugs[1]["description"]["en"].startswith("TODO") and ("drugs", 1, "description") in dict(starter.todos)
    assert any("JNJ-64007957" in note for note in starter.notes[("drugs", 0)])
    assert any(
        "Other: Placebo" in note and "Procedure: Stem cell transplant" in note for note in starter.notes[("drugs",)]
    )
    arms = starter.data["arms"]
    assert [(arm["id"], arm["role"], arm["medicines"]) for arm in arms] == [
        ("teclistamab-pomalidomide", "experimental", ["teclistamab", "pomalidomide"]),
        ("dvd", "active_comparator", ["daratumumab", "dexamethasone"]),
        ("placebo", "placebo_comparator", []),
        ("watch", "TODO", []),
    ]
    assert arms[0]["label"] == {"en": "Teclistamab + pomalidomide"} and arms[0]["description"] == {"en": "Both."}
    assert "SOMETHING_NEW" in dict(starter.todos)[("arms", 3, "role")]


def test_no_arms_and_no_drugs():
    starter = starter_from_record(
        study(armsInterventionsModule={"interventions": [{"type": "DEVICE", "name": "Pump"}]})
    )
    assert "arms" not in starter.data
    assert starter.data["drugs"][0]["name"]["en"].startswith("TODO")
    assert "no drug or biological" in dict(starter.todos)[("drugs",)]
    assert any("no groups" in note for note in starter.notes[("drugs",)])


def test_drug_ids_are_slugs_and_unique():
    taken: set[str] = set()
    assert [
        ctgov.slug(name, taken, "medicine")
        for name in ["Remdesivir", "remdesivir", "5-FU", "Ibrutinib (PCI-32765)", "Æ", "β"]
    ] == ["remdesivir", "remdesivir-2", "medicine-5-fu", "ibrutinib-pci-32765", "medicine", "medicine-2"]


def test_conditions_and_summary():
    starter = starter_from_record(
        study(
            conditionsModule={"conditions": ["Multiple Myeloma", "Plasma Cell Neoplasm"]},
            descriptionModule={"briefSummary": "Line one.\r\n\r\n\r\nLine two.  "},
        )
    )
    assert starter.data["disease"]["name"] == {"en": "Multiple Myeloma, Plasma Cell Neoplasm"}
    assert starter.data["disease"]["description"]["en"].startswith("TODO")  # the registry has no such text
    assert starter.data["summary"] == {"en": "Line one.\n\nLine two."}


def test_eligibility_criteria_one_per_item_nested_items_kept():
    criteria = (
        "Key Inclusion Criteria:\n\n"
        "* Aged 18 years or older\n"
        "* Measurable disease, defined as any of:\n\n"
        "  * Serum M-protein \\>= 0.5 g/dL\n"
        "  * Urine M-protein\n    \\>= 200 mg/24 hours\n"
        "* ECOG performance status 0 or 1,\n  on a wrapped line\n\n"
        "Key Exclusion Criteria:\n\n"
        "Participants are excluded if any of these apply:\n\n"
        "1. Prior treatment with a BCMA-directed therapy\n"
        "2. A value \\<a not to unescape\n"
    )
    starter = starter_from_record(
        study(
            eligibilityModule={
                "eligibilityCriteria": criteria,
                "minimumAge": "18 Years",
                "sex": "ALL",
                "healthyVolunteers": False,
            }
        )
    )
    eligibility = starter.data["eligibility"]
    assert [item["text"]["en"] for item in eligibility["inclusion"]] == [
        "Aged 18 years or older",
        "Measurable disease, defined as any of:\n\n- Serum M-protein >= 0.5 g/dL\n- Urine M-protein >= 200 mg/24 hours",
        "ECOG performance status 0 or 1, on a wrapped line",
    ]
    assert [item["text"]["en"] for item in eligibility["exclusion"]] == [
        "Participants are excluded if any of these apply:",
        "Prior treatment with a BCMA-directed therapy",
        "A value \\<a not to unescape",
    ]
    assert any("introduction" in note for note in starter.notes[("eligibility", "exclusion", 0)])
    assert any(
        "age 18 Years to no maximum; sex: all; healthy volunteers: no" in note
        for note in starter.notes[("eligibility",)]
    )


def test_criteria_without_headings_or_without_exclusions_are_left_to_the_editor():
    starter = starter_from_record(study(eligibilityModule={"eligibilityCriteria": "* Adults\n* Not pregnant"}))
    eligibility = starter.data["eligibility"]
    assert [item["text"]["en"] for item in eligibility["inclusion"]] == ["Adults", "Not pregnant"]
    assert eligibility["exclusion"][0]["text"]["en"].startswith("TODO")
    todos = dict(starter.todos)
    assert 'no "Inclusion Criteria:"' in todos[("eligibility", "inclusion")]
    assert "no exclusion criteria" in todos[("eligibility", "exclusion")]


def test_central_contact():
    module = {
        "centralContacts": [
            {"name": "No Details"},
            {"name": "Trial Desk", "email": "trials@example.org", "phone": "+45 35 45 35 45"},
        ]
    }
    assert starter_from_record(study(contactsLocationsModule=module)).data["contact"] == {
        "email": "trials@example.org",
        "phone": "+45 35 45 35 45",
    }
    odd = starter_from_record(
        study(contactsLocationsModule={"centralContacts": [{"email": "not an address", "phone": "1-888-555-0100"}]})
    )
    assert odd.data["contact"] == {"phone": "1-888-555-0100"}
    assert any('"not an address"' in note for note in odd.notes[("contact",)])
    none = starter_from_record(study())
    assert "contact" not in none.data and any("central contact" in line for line in none.footer)


# --- the written file --------------------------------------------------------------------


def test_comments_stand_above_their_fields():
    text = starter_yaml(starter_from_record(study(designModule={"phases": ["NA"]})))
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/trial.schema.json"
    phase = lines.index("phase: TODO")
    assert lines[phase - 2 : phase] == [
        "# TODO: the registry gives phase NA (not applicable: no drug phase); write one of phase1, phase1_2,",
        "#   phase2, phase2_3, phase3, phase4",
    ]


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(st.lists(_TEXT, min_size=1, max_size=4), st.sampled_from(["no", "NO", "yes", "2020-05", "1.0", "#x", "a: b"]))
def test_any_text_is_written_so_that_it_reads_back_the_same(texts, code):
    # Registry texts reach the writer through clean_text (the loader refuses control characters).
    texts = [ctgov.clean_text(text) for text in texts]
    starter = ctgov.Starter(
        {
            "title": {"en": texts[0], "no": code},
            "sites": [{"name": text, "country": code} for text in texts],
            "notes": [ctgov.clean_text(text) for text in texts],
        }
    )
    starter.note(("sites", 0), texts[0].replace("\n", " "))
    text = starter_yaml(starter)  # raises if the text would not read back as the same data
    assert load_yaml_bytes(text.encode(), "t").data == starter.data


def test_a_comment_for_a_field_the_file_leaves_out_goes_to_the_end():
    starter = ctgov.Starter({"phase": "phase1"})
    starter.note(("design",), "The registry gives 12 participants enrolled (actual).")
    assert starter_yaml(starter).endswith("\n\n# design: The registry gives 12 participants enrolled (actual).\n")
    starter.data["phase"] = object()
    with pytest.raises(StarterError):
        starter_yaml(starter)


# --- the command -------------------------------------------------------------------------


def test_new_refuses_to_overwrite_without_force(tmp_path):
    output = tmp_path / "trial.yaml"
    output.write_text("keep me\n", encoding="utf-8")
    code, out, err = run("new", "--blank", "--output", str(output))
    assert (code, out) == (2, "")
    assert err == f"{output}: already exists; not overwritten (add --force to replace it, or give --output)\n"
    assert output.read_text(encoding="utf-8") == "keep me\n"
    code, out, err = run("new", "--blank", "--output", str(output), "--force")
    assert code == 0 and err == "" and output.read_text(encoding="utf-8").startswith("# yaml-language-server")


def test_new_needs_a_source_and_its_options_go_with_it(capsys):
    with pytest.raises(SystemExit) as caught:
        run("new")
    assert caught.value.code == 2 and "new needs --from-ctgov FILE or --blank" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run("check", "--blank")
    with pytest.raises(SystemExit):
        run("new", "--blank", "--from-ctgov", "x.json")


def test_python_m_trialsite_new_runs(tmp_path):
    output = tmp_path / "trial.yaml"
    environment = dict(os.environ, PYTHONPATH=str(ROOT / "hooks"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "trialsite",
            "new",
            "--from-ctgov",
            str(RECORD),
            "--output",
            str(output),
            "--config",
            CONFIG,
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {output} (NCT04280705: 1 medicine, 2 groups, 60 sites in 10 countries)")
    assert output.read_text(encoding="utf-8").count("# TODO:") >= 1


def test_the_blank_starter_has_every_required_field():
    data = blank_starter().data
    required = [name for name, field in Trial.model_fields.items() if field.is_required()]
    assert [name for name in required if name not in data] == [name for name in required if name == "short_title"]
    assert all(text.startswith("TODO") for _, texts in raw_texts(data) for text in texts.values())


# --- the real record, end to end ---------------------------------------------------------

#: Fields MODEL-SPEC.md adds that another branch is building: until the model in this worktree
#: has them, the test takes them out (or writes the older shape) before loading the file. Which
#: are still missing is asked from the model, so the test checks them as soon as the model knows them.
SPEC_FIELDS = {"sponsor", "design", "arms", "end", "note"}
SPEC_OPTIONAL = {("Drug", "route"), ("Trial", "short_title")}


def _pending(model: type[BaseModel], name: str) -> bool:
    return (model.__name__, name) in SPEC_OPTIONAL and model.model_fields[name].is_required()


def fit_to_model(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``data`` without what the model here does not know yet, and what was taken out."""
    fitted = copy.deepcopy(data)
    changed: list[str] = []
    for _ in range(10):
        try:
            Trial.model_validate(fitted, context={"languages": ["en"]})
            break
        except ValidationError as error:
            changes = 0
            for item in error.errors():
                loc = tuple(part for part in item["loc"] if not (isinstance(part, str) and "[" in part))
                parent = fitted
                for part in loc[:-1]:
                    parent = parent[part]
                key, value = loc[-1], parent.get(loc[-1]) if isinstance(parent, dict) else None
                if item["type"] == "extra_forbidden" and key in SPEC_FIELDS:
                    del parent[key]
                elif key in ("start", "end") and isinstance(value, dict) and "date" in value:
                    parent[key] = value["date"]  # the model here takes only a plain date
                else:
                    continue
                changes += 1
                changed.append(f"{format_path(loc)}")
            if not changes:
                break
    return fitted, changed


def _load_problems(data: dict[str, Any]) -> list:
    try:
        load_trial_bytes(dump_yaml(data).encode(), LANGUAGES, "data/trial.yaml")
    except TrialDataError as error:
        return error.problems
    return []


def test_the_real_record_maps_every_module():
    record = read_record(RECORD)
    starter = starter_from_record(record)
    data = starter.data
    assert data["identifiers"] == {"nct_number": "NCT04280705", "protocol_code": "20-0006"}  # no EU CT number in it
    assert data["phase"] == "phase3"
    assert data["title"] == {"en": "Adaptive COVID-19 Treatment Trial (ACTT)"}
    assert data["sponsor"] == "National Institute of Allergy and Infectious Diseases (NIAID)"
    assert data["disease"]["name"] == {"en": "COVID-19"}
    assert data["summary"]["en"].startswith("This study is an adaptive, randomized, double-blind")
    assert data["design"] == {
        "allocation": "randomised",
        "masking": "double_blind",
        "primary_outcome": {"en": "Time to Recovery"},
    }
    assert [drug["id"] for drug in data["drugs"]] == ["remdesivir"]  # the placebo is not a medicine (type OTHER)
    assert [(arm["label"]["en"], arm["role"], arm["medicines"]) for arm in data["arms"]] == [
        ("Placebo", "placebo_comparator", []),
        ("Remdesivir", "experimental", ["remdesivir"]),
    ]
    # 8 inclusion and 5 exclusion items in the record; item 5 holds a nested list and a stray heading.
    assert len(data["eligibility"]["inclusion"]) == 8 and len(data["eligibility"]["exclusion"]) == 5
    fifth = data["eligibility"]["inclusion"][4]["text"]["en"]
    assert "\n- PCR positive in sample collected < 72 hours prior to randomization; OR" in fifth
    assert '"Exclusion Criteria:" inside this item' in dict(starter.todos)[("eligibility", "inclusion", 4)]
    assert data["eligibility"]["inclusion"][3]["text"]["en"] == (
        "Male or non-pregnant female adult > / = 18 years of age at time of enrollment."
    )
    countries = [entry["country"] for entry in data["recruitment"]]
    assert sorted(countries) == sorted(["US", "DK", "DE", "GR", "JP", "Korea, Republic of", "MX", "SG", "ES", "GB"])
    assert all(
        entry["status"] == "completed"
        and entry["start"] == {"date": dt.date(2020, 2, 21), "type": "actual"}
        and entry["end"] == {"date": dt.date(2020, 5, 21), "type": "actual"}
        for entry in data["recruitment"]
    )
    locations = record["protocolSection"]["contactsLocationsModule"]["locations"]
    assert len(data["sites"]) == len(locations) == 60
    assert (
        sum("location" in site for site in data["sites"]) == sum("geoPoint" in location for location in locations) == 56
    )
    assert "contact" not in data


def test_the_real_record_gives_a_file_that_loads_with_only_the_editors_work_left(tmp_path):
    output = tmp_path / "trial.yaml"
    code, out, err = run("new", "--from-ctgov", str(RECORD), "--output", str(output))
    assert code == 0 and err == ""
    text = output.read_text(encoding="utf-8")
    located = load_yaml_bytes(text.encode(), "data/trial.yaml")
    assert located.problems == []
    starter = starter_from_record(read_record(RECORD))
    assert located.data == starter.data
    # The command lists each TODO with its line.
    for path, what in starter.todos:
        line, _ = located.position(path, at_key=True)
        assert f"{output}:{line}: {format_path(path)}: {what}" in out

    fitted, taken_out = fit_to_model(located.data)
    assert all(
        part.split("[")[0].split(".")[0] in SPEC_FIELDS or part.endswith((".start", ".end")) for part in taken_out
    )
    decided = {format_path(path) for path, _ in starter.todos}
    left = []
    for problem in _load_problems(fitted):
        if problem.message.startswith("missing the text in no, da, et, fi;"):
            continue  # the translators' work
        if problem.message.startswith("still holds the starter file's TODO note"):
            continue  # a text the registry does not have
        if problem.path in decided or any(problem.path.startswith(path + ".") for path in decided):
            continue  # an editor's decision, marked TODO in the file
        owner, _, name = problem.path.rpartition(".")
        model = {"": Trial, "drugs[1]": Drug}.get(owner)
        if problem.message.startswith("is missing") and model is not None and _pending(model, name):
            continue  # optional in MODEL-SPEC, still required by the model here
        left.append(str(problem))
    assert left == []

    # Once the editor has decided and the translators have written, the file is a trial.
    assert [str(problem) for problem in _load_problems(finished_by_the_editor(fitted))] == []


def finished_by_the_editor(fitted: dict[str, Any]) -> dict[str, Any]:
    """The real record's starter once its TODOs are decided and every text is in every language."""

    def decide(node: Any) -> Any:
        if isinstance(node, dict):
            if node and set(node) == {"en"}:
                english = "Written by the editor." if node["en"].startswith("TODO") else node["en"]
                return {language: english for language in LANGUAGES}
            return {key: decide(value) for key, value in node.items()}
        if isinstance(node, list):
            return [decide(item) for item in node]
        return "KR" if node == "Korea, Republic of" else node

    finished = decide(fitted)
    if Trial.model_fields["short_title"].is_required():
        finished["short_title"] = {language: "ACTT" for language in LANGUAGES}
    if Drug.model_fields["route"].is_required():
        for drug in finished["drugs"]:
            drug["route"] = "intravenous"
    return finished


@pytest.mark.build
def test_a_trial_with_only_an_nct_number_builds_in_every_language(tmp_path):
    from helpers import copy_project, run_mkdocs

    fitted, _ = fit_to_model(starter_from_record(read_record(RECORD)).data)
    project = copy_project(tmp_path / "project", dump_yaml(finished_by_the_editor(fitted)))
    result = run_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    for language in LANGUAGES:
        page = (tmp_path / "site" / ("" if language == "en" else language) / "facts" / "index.html").read_text(
            encoding="utf-8"
        )
        assert '<a href="https://clinicaltrials.gov/study/NCT04280705">' in page and "euclinicaltrials.eu" not in page


def test_the_check_lists_the_translations_still_to_write(tmp_path):
    output = tmp_path / "trial.yaml"
    assert run("new", "--from-ctgov", str(RECORD), "--output", str(output))[0] == 0
    fitted, _ = fit_to_model(load_yaml_bytes(output.read_bytes(), "t").data)
    output.write_text(dump_yaml(fitted), encoding="utf-8")
    code, out, err = run("--data", str(output), "--no-build")
    texts = [format_path(path) for path, _ in raw_texts(fitted)]
    assert code == 1
    summary = out  # the problems go to stderr, the report to stdout
    assert summary.startswith("\nTranslations still to write: ")
    assert summary.startswith(
        f"\nTranslations still to write: no {len(texts)}, da {len(texts)}, et {len(texts)}, "
        f"fi {len(texts)}\n  no, da, et, fi ({len(texts)} texts): {texts[0]}, "
    )
    listed = " ".join(summary.split())
    assert all(f" {path}," in listed or listed.endswith(f" {path}") for path in texts)
    assert err.count(": missing the text in no, da, et, fi;") == len(texts)


def test_the_check_counts_what_each_language_lacks(tmp_path):
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('  fi: "Testitutkimus"\n', "").replace('    fi: "myelooma"\n', '    fi: ""\n')
    path = tmp_path / "trial.yaml"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("--data", str(path), "--languages", "en,fi")
    assert code == 1
    assert err.splitlines()[1:] == [
        f"  {path}:5:1: title: missing the text in fi; every text needs all of: en, fi",
        f"  {path}:14:3: disease.name: the text in fi is empty; write the text or copy the English one for now",
    ]
    assert out == "\nTranslations still to write: fi 2\n  fi (2 texts): title, disease.name\n"
    code, out, err = run("--data", str(path), "--languages", "en,no,fi")
    assert out.startswith(
        "\nTranslations still to write: no 11, fi 2\n  no, fi (2 texts): title, disease.name\n"
        "  no (9 texts): short_title, summary, disease.description, "
    )


def test_a_todo_note_left_in_a_text_is_a_problem():
    text = (ROOT / "tests" / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('en: "A blood cancer."', 'en: "TODO: describe it"')
    with pytest.raises(TrialDataError) as caught:
        load_trial_bytes(text.encode(), ["en", "fi"], "data/trial.yaml")
    assert [str(problem) for problem in caught.value.problems] == [
        "data/trial.yaml:19:9: disease.description.en: still holds the starter file's TODO note; "
        "write the text it asks for"
    ]


# --- damaged records never give a traceback ---------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_REAL = read_record(RECORD)
_PATHS = []


def _collect(node: Any, path: tuple) -> None:
    if len(path) > 5:
        return
    _PATHS.append(path)
    if isinstance(node, dict):
        for key, value in node.items():
            _collect(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node[:2]):
            _collect(value, path + (index,))


_collect({key: value for key, value in _REAL["protocolSection"].items()}, ())


@given(st.lists(st.tuples(st.sampled_from(_PATHS[1:]), _JSON), min_size=1, max_size=4))
def test_a_damaged_record_still_gives_a_file_that_reads_back(damage):
    record = {"protocolSection": copy.deepcopy(_REAL["protocolSection"])}
    for path, value in damage:
        node = record["protocolSection"]
        try:
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    try:
        study = study_from_json(record)
    except RecordError as error:
        assert "\n" not in str(error)
        return
    starter = starter_from_record(study)
    assert load_yaml_bytes(starter_yaml(starter).encode(), "t").data == starter.data
    assert set(RecruitmentStatus) >= {
        RecruitmentStatus(entry["status"]) for entry in starter.data["recruitment"] if entry["status"] != "TODO"
    }
