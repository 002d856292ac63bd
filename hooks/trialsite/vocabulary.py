"""Controlled vocabularies of the data file, and how the registries' own terms map onto them.

Labels for these codes are never typed by editors: each language's catalogue
(``messages/<lang>.yaml``) has one for every code, and a test checks that it does.
"""

from __future__ import annotations

from enum import StrEnum


class RecruitmentStatus(StrEnum):
    """Recruitment status of a trial in a country or at a site.

    The codes follow ClinicalTrials.gov's overall/site statuses, which are the finer
    of the two registries; the EU register's (CTIS) country statuses map onto them
    one to one or many to one (see `REGISTRY_TERMS`).
    """

    NOT_YET_RECRUITING = "not_yet_recruiting"
    RECRUITING = "recruiting"
    ENROLLING_BY_INVITATION = "enrolling_by_invitation"
    ACTIVE_NOT_RECRUITING = "active_not_recruiting"
    SUSPENDED = "suspended"
    TERMINATED = "terminated"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class Answer(StrEnum):
    """An answer to a self-check question."""

    YES = "yes"
    NO = "no"


class Phase(StrEnum):
    """Trial phase; the EU register's category names are the labels (Phase II: therapeutic exploratory)."""

    PHASE1 = "phase1"
    PHASE1_2 = "phase1_2"
    PHASE2 = "phase2"
    PHASE2_3 = "phase2_3"
    PHASE3 = "phase3"
    PHASE4 = "phase4"


class Route(StrEnum):
    """How a medicine is given."""

    SUBCUTANEOUS = "subcutaneous"
    ORAL = "oral"
    INTRAVENOUS = "intravenous"
    INTRAMUSCULAR = "intramuscular"


class SiteCategory(StrEnum):
    """The source listing's three groups of sites."""

    VERIFIED_RECOMMENDED = "verified_recommended"
    VERIFIED = "verified"
    OTHER = "other"


class Allocation(StrEnum):
    """How participants are put into the study's groups (ClinicalTrials.gov's DesignAllocation)."""

    RANDOMISED = "randomised"
    NON_RANDOMISED = "non_randomised"
    SINGLE_GROUP = "single_group"


class Masking(StrEnum):
    """Who is not told which treatment a participant gets (ClinicalTrials.gov's DesignMasking)."""

    OPEN_LABEL = "open_label"
    SINGLE_BLIND = "single_blind"
    DOUBLE_BLIND = "double_blind"
    TRIPLE_BLIND = "triple_blind"
    QUADRUPLE_BLIND = "quadruple_blind"


class ArmRole(StrEnum):
    """What a treatment group is for (ClinicalTrials.gov's ArmGroupType)."""

    EXPERIMENTAL = "experimental"
    ACTIVE_COMPARATOR = "active_comparator"
    PLACEBO_COMPARATOR = "placebo_comparator"
    SHAM_COMPARATOR = "sham_comparator"
    NO_INTERVENTION = "no_intervention"
    OTHER = "other"


#: The groups a treatment is compared with: their medicines are not "the study medicines".
COMPARATOR_ROLES = frozenset(
    {ArmRole.ACTIVE_COMPARATOR, ArmRole.PLACEBO_COMPARATOR, ArmRole.SHAM_COMPARATOR, ArmRole.NO_INTERVENTION}
)


class DateType(StrEnum):
    """Whether a recruitment date is still a plan or has happened (ClinicalTrials.gov's DateType)."""

    PLANNED = "planned"
    ACTUAL = "actual"


#: Statuses in which recruitment has not started: a start date written without a type is planned.
NOT_STARTED = frozenset({RecruitmentStatus.NOT_YET_RECRUITING, RecruitmentStatus.WITHDRAWN})
#: Statuses in which recruitment is over: an end date written without a type is actual.
ENDED = frozenset({RecruitmentStatus.COMPLETED, RecruitmentStatus.TERMINATED, RecruitmentStatus.ACTIVE_NOT_RECRUITING})


#: Registry terms (lower-cased) -> our status code. ClinicalTrials.gov's statuses and the
#: EU Clinical Trials Information System's statuses per member state. Used to tell an
#: editor who pastes a registry's wording which code to write.
REGISTRY_TERMS: dict[str, dict[str, RecruitmentStatus]] = {
    "ClinicalTrials.gov": {
        "not yet recruiting": RecruitmentStatus.NOT_YET_RECRUITING,
        "recruiting": RecruitmentStatus.RECRUITING,
        "enrolling by invitation": RecruitmentStatus.ENROLLING_BY_INVITATION,
        "active, not recruiting": RecruitmentStatus.ACTIVE_NOT_RECRUITING,
        "suspended": RecruitmentStatus.SUSPENDED,
        "terminated": RecruitmentStatus.TERMINATED,
        "completed": RecruitmentStatus.COMPLETED,
        "withdrawn": RecruitmentStatus.WITHDRAWN,
    },
    "EU CTIS": {
        "authorised, recruitment pending": RecruitmentStatus.NOT_YET_RECRUITING,
        "authorised, recruiting": RecruitmentStatus.RECRUITING,
        "ongoing, recruitment pending": RecruitmentStatus.NOT_YET_RECRUITING,
        "ongoing, recruiting": RecruitmentStatus.RECRUITING,
        "recruiting": RecruitmentStatus.RECRUITING,
        "ongoing, recruitment ended": RecruitmentStatus.ACTIVE_NOT_RECRUITING,
        "recruitment ended": RecruitmentStatus.ACTIVE_NOT_RECRUITING,
        "temporarily halted": RecruitmentStatus.SUSPENDED,
        "ended prematurely": RecruitmentStatus.TERMINATED,
        "ended": RecruitmentStatus.COMPLETED,
        "withdrawn": RecruitmentStatus.WITHDRAWN,
    },
}


def status_from_registry_term(term: str) -> tuple[str, RecruitmentStatus] | None:
    """The (registry, code) a registry's wording stands for, or None."""
    wanted = " ".join(term.lower().replace("_", " ").split())
    for registry, terms in REGISTRY_TERMS.items():
        if wanted in terms:
            return registry, terms[wanted]
    return None
