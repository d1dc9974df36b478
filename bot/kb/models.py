"""The knowledge-base schema: what a role file and a job entry must contain.

Models forbid unknown fields so a misspelt key in a YAML file is reported instead of ignored.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

Family = Literal["engineering", "science", "analytics", "leadership", "product", "research"]
Seniority = Literal["individual contributor", "lead", "manager", "executive"]
Level = Literal["entry", "mid", "senior", "executive"]
Workplace = Literal["remote", "hybrid", "on-site"]
EmploymentType = Literal["full-time", "part-time", "contract", "internship"]

LEVELS: tuple[Level, ...] = ("entry", "mid", "senior", "executive")

#: How long a curated job stays listed when its entry gives no ``expires``.
CURATED_DAYS = 60


#: A citation of a role's n-th source in its prose, "[2]"; the role fields written as prose.
CITATION = re.compile(r"\s*\[(\d+)\]")
PROSE = ("summary", "definition", "responsibilities", "skills", "education", "industries", "tips")


class Strict(BaseModel):
    # Schemas are built on first validation, not at import: a start from the compiled cache
    # validates nothing (see scripts/coldstart.py).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """Where a fact comes from; every role names at least one."""

    title: Text
    publisher: Text
    year: int = Field(ge=1900, le=2100)
    #: The address; validate warns when it is missing.
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None


class Skill(Strict):
    """A skill with a short, reusable name so comparisons can find shared skills."""

    name: Text
    detail: str | None = None


class Outlook(Strict):
    """Official employment projections for the occupation the role belongs to, or the nearest
    one (``proxy``), or none: then ``text`` says why there is no figure."""

    text: Text
    #: The BLS occupation the figures are for, e.g. "Data scientists".
    occupation: str | None = None
    #: True when the role is not its own occupation and the figures are for the nearest one.
    proxy: bool = False
    growth_pct: float | None = None
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{4}$")] | None = None
    openings_per_year: int | None = Field(default=None, ge=0)
    #: Median annual wage in USD, and when it was measured ("May 2024").
    median_pay: int | None = Field(default=None, ge=0)
    pay_date: str | None = None
    source: Source | None = None
    earlier: list[OutlookFigure] = []

    @model_validator(mode="after")
    def _sourced(self) -> Outlook:
        figures = (self.growth_pct, self.openings_per_year, self.median_pay)
        if any(f is not None for f in figures):
            missing = [name for name, value in (("occupation", self.occupation),
                                                ("source", self.source)) if not value]
            if missing:
                raise ValueError(f"figures need {' and '.join(missing)}")
        if (self.growth_pct is None) != (self.period is None):
            raise ValueError("growth_pct and period go together")
        if self.median_pay is not None and not self.pay_date:
            raise ValueError("median_pay needs pay_date (e.g. May 2024)")
        return self


class OutlookFigure(Strict):
    """An older projection kept for reference (for example the one the seed articles quote)."""

    growth_pct: float
    period: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{4}$")]
    source: Text


class SalaryBand(Strict):
    """Survey statistics for one experience level; figures are absent when the sample is small."""

    count: int = Field(ge=0)
    #: Work years of the answers used, e.g. "2024-2025".
    years: str | None = None
    median: int | None = None
    p25: int | None = None
    p75: int | None = None


class PlaceSalary(Strict):
    """Pay in one country or region: all levels together, then by level (counts always)."""

    all: SalaryBand
    levels: dict[Level, SalaryBand] = {}
    #: The currency most of the place's answers were paid in, and the median in it.
    currency: str | None = None
    local_median: int | None = None


class RoleSalary(Strict):
    """Full-time salaries in USD by experience level, derived by scripts/build_salaries.py."""

    currency: Literal["USD"] = "USD"
    source: Text
    years: Text
    survey_titles: list[Text]
    levels: dict[Level, SalaryBand]
    note: str | None = None
    #: Per level, the two newest work years side by side, where both have enough answers.
    trend: dict[Level, list[SalaryBand]] = {}
    #: By ISO country of residence, and by region, where the survey has answers.
    countries: dict[str, PlaceSalary] = {}
    regions: dict[str, PlaceSalary] = {}
    #: By workplace (on-site, hybrid, remote) and company size (small, medium, large).
    workplaces: dict[str, PlaceSalary] = {}
    company_sizes: dict[str, PlaceSalary] = {}


class SalariesFile(Strict):
    """``knowledge/salaries.yaml``: generated, never edited by hand."""

    generated_by: Text
    source: Text
    min_count: int = Field(ge=1)
    roles: dict[Slug, RoleSalary]


class Role(Strict):
    id: Slug
    title: Text
    aliases: list[Text] = []
    #: Names that are also a field or topic ("MLOps", "BI"): they name the role only beside
    #: another role or a career word ("mlops vs data engineer"), not in "our MLOps tooling".
    context_aliases: list[Text] = []
    family: Family
    seniority: Seniority
    summary: Text
    definition: Text
    responsibilities: list[Text] = Field(min_length=1)
    skills: list[Skill] = Field(min_length=1)
    education: list[Text] = Field(min_length=1)
    tools: dict[Text, list[Text]] = Field(min_length=1)
    industries: list[Text] = Field(min_length=1)
    outlook: Outlook
    tips: list[Text] = Field(min_length=1)
    related: list[Slug] = []
    #: A neighbouring role people come from or weigh (software engineer, product manager): its
    #: jobs are not featured as data and AI jobs.
    adjacent: bool = False
    sources: list[Source] = Field(min_length=1)
    salary: RoleSalary | None = None

    @model_validator(mode="before")
    @classmethod
    def _citations(cls, data: Any) -> Any:
        """"often 5-10 years [1]" reads "often 5-10 years (ai-jobs.net, 2024)" in answers: a
        marker numbers the role's own sources, which a comparison of two roles would mix up."""
        if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
            return data
        sources = data["sources"]

        def cite(match: re.Match[str]) -> str:
            n = int(match.group(1))
            source = sources[n - 1] if 0 < n <= len(sources) else None
            if not isinstance(source, dict):
                raise ValueError(f"citation [{n}] but the role lists {len(sources)} source(s)")
            return f" ({source.get('publisher')}, {source.get('year')})"

        def walk(value: Any) -> Any:
            if isinstance(value, str):
                return CITATION.sub(cite, value)
            if isinstance(value, list):
                return [walk(v) for v in value]
            if isinstance(value, dict):
                return {k: walk(v) for k, v in value.items()}
            return value

        return {**data, **{k: walk(data[k]) for k in PROSE if k in data}}

    @property
    def all_tools(self) -> list[str]:
        return [tool for tools in self.tools.values() for tool in tools]


class Money(Strict):
    min: int = Field(ge=0)
    max: int = Field(ge=0)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    period: Literal["year", "month", "hour"] = "year"

    @model_validator(mode="after")
    def _ordered(self) -> Money:
        if self.max < self.min:
            raise ValueError("max must be at least min")
        return self


class Job(Strict):
    id: Slug
    title: Text
    company: Text
    location: Text
    workplace: Workplace
    employment_type: EmploymentType
    level: Level
    salary: Money | None = None
    #: The posting itself; left out rather than pointing at a board's home page.
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    posted: dt.date
    #: Curated jobs without one close CURATED_DAYS after ``posted`` (set when loading).
    expires: dt.date | None = None
    roles: list[Slug] | None = None
    #: Where the job came from: "curated" (jobs.yaml) or the name of a configured feed.
    source: Text = "curated"
    #: The feed's own id or guid for the item, when it has one.
    guid: str | None = None


class JobsFile(Strict):
    jobs: list[Job]


class Country(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: Text
    region: Text
    names: list[Text] = []


class PlacesFile(Strict):
    """``knowledge/vocabulary/places.yaml``."""

    countries: list[Country]


class FieldName(Strict):
    """A field or discipline people name instead of a title ("data engineering")."""

    role: Slug
    names: list[Text] = Field(min_length=1)
    #: Roles the names mean as well: "AI/ML" is about AI and ML engineers both.
    also: list[Slug] = []
    #: Said in the answer when the field could mean other roles too.
    guess: str | None = None
    #: The names mean the role only when no other role is named: "how do I get into AI?" is
    #: about AI engineers, "will AI replace data analysts?" about analysts alone.
    alone: bool = False
    #: ... and only set against another role: "data science vs statistics" weighs the
    #: statistician, "our salary statistics" names no one.
    against_only: bool = False


class FieldsFile(Strict):
    """``knowledge/vocabulary/fields.yaml``."""

    fields: list[FieldName]
    #: A title's last word and the discipline it makes: with ``engineer: engineering``, every
    #: "X engineer" title or alias of two words or more has the field "X engineering".
    disciplines: dict[Text, Text] = {}


class Background(Strict):
    """Where people come from that is not a role: a degree, a profession, a career stage."""

    id: Slug
    title: Text
    names: list[Text] = Field(min_length=1)
    #: Skills it brings, named as in the role files (so the overlap with a role is computed).
    carries: list[Text] = []
    strengths: list[Text] = Field(min_length=1)
    add: list[Text] = Field(min_length=1)
    #: Roles people from it often move into, best first.
    suits: list[Slug] = Field(min_length=1)


class BackgroundsFile(Strict):
    """``knowledge/backgrounds.yaml``."""

    backgrounds: list[Background]


Phrases = list[Text]


#: Single words (matched one word at a time, not as phrases).
Words = list[Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+$")]]


class ShortMoveWords(Strict):
    #: Words that may follow the role ("production support to DE guide").
    after: Words = []
    #: Words before "to" that make it no move ("how to DE", "similar to DS").
    not_from: Words = []


class SectionWords(Strict):
    tools: Phrases
    skills: Phrases
    education: Phrases
    outlook: Phrases
    tips: Phrases
    industries: Phrases
    responsibilities: Phrases


class LevelWords(Strict):
    entry: Phrases
    mid: Phrases
    senior: Phrases
    executive: Phrases


class InterestWords(Strict):
    engineering: Phrases
    science: Phrases
    analytics: Phrases
    research: Phrases
    leadership: Phrases
    product: Phrases


class WorkplaceWords(Strict):
    remote: Phrases
    hybrid: Phrases
    on_site: Phrases = Field(alias="on-site")


class SizeWords(Strict):
    small: Phrases
    medium: Phrases
    large: Phrases


class SubscriptionWords(Strict):
    """How chat commands about the digest start, and the words they may hold besides filters."""

    subscribe: Phrases
    list: Phrases
    unsubscribe: Phrases
    alert: Phrases
    alerts: Phrases
    alert_stop: Phrases
    weekdays: Phrases
    filler: Phrases


class IntentWords(Strict):
    """``knowledge/vocabulary/intents.yaml``: the phrases that tell what a message asks for."""

    typos: Phrases
    salary: Phrases
    by_country: Phrases
    workplaces: WorkplaceWords
    company_sizes: SizeWords
    compare: Phrases
    transition: Phrases
    jobs: Phrases
    #: Listing words that ask for openings unless the message opens as another question.
    jobs_aside: Phrases = []
    question_openers: list[str] = []
    recommend: Phrases
    #: Roles offered as a choice ("which should I choose?"): a recommendation among them.
    choice: Phrases = []
    #: ... and these, when two roles are joined by "or" ("should I become a DE or a DS?").
    or_choice: Phrases = []
    first_person: Phrases
    about_me: Phrases
    profile: Phrases
    #: What a role does: beats a pay question, as the profile shows pay.
    does: Phrases = []
    sections: SectionWords
    #: Industries by name: the industries section, though no request to leave jobs for.
    industry_names: Phrases = []
    follow_up: Phrases
    chart: Phrases
    full: Phrases
    levels: LevelWords
    interests: InterestWords
    remote: Phrases
    thanks: Phrases
    help: Phrases
    roles: Phrases
    requirement: Phrases
    #: "how do I ...": a move asked this way is a move, though it names a requirement.
    how_to: Phrases = []
    #: Whether something is worth it: a degree's worth is its education, though money is named.
    worth: Phrases = []
    #: Pay as a kind of job ("the top-paying DA jobs"): with skills, tools or education asked,
    #: those are the question, not pay.
    pay_kinds: Phrases = []
    #: Topics careerbot does not cover (pay negotiation, visas), asked without a role.
    outside: Phrases = []
    #: Topics it does not cover even when a role is named ("negotiate an MLE offer").
    off_topic: Phrases = []
    #: Interviews: with a role named, the skills they test; without one, outside (the help).
    interview: Phrases = []
    #: Employers: two set against each other ("Amazon vs Meta?") ask which company to pick.
    employers: Phrases = []
    #: A field right before one of these names a thing, not a role ("data science models").
    field_things: Words = []
    #: ... and right after one of these and "in", a degree ("a graduate in data science").
    field_degrees: Words = []
    #: ... and right after one of these, work done ("do data engineers do machine learning?").
    field_doing: Words = []
    #: A name that counts alone ("AI") right after one of these is the technology, not a role.
    field_agent: Words = []
    #: ... or right before one of these ("AI-generated code", "AI assistants").
    field_made: Words = []
    #: A role named with only these words ("the analytics engineer", "senior data analyst")
    #: asks about the role as a whole.
    bare: Words = []
    #: A job title's last word: a role we do not know set against one by "or" ("QA engineer
    #: intern or DE intern") asks for a comparison.
    title_words: Words = []
    #: When a short title "... to <role>" is a move ("GIS to DE").
    short_move: ShortMoveWords = ShortMoveWords()
    cues: Phrases
    #: Phrases that contain an intent's word but do not mean it, by intent or section key:
    #: "full time" asks for no full answer, "need advice" names no requirement.
    not_meant: dict[str, Phrases] = {}
    subscriptions: SubscriptionWords | None = None
    #: Roles a section question without a role is answered for, most asked about first.
    common_roles: list[Slug] = []

    @field_validator("not_meant")
    @classmethod
    def _exceptions_name_intents(cls, value: dict[str, Phrases]) -> dict[str, Phrases]:
        lists = {k for k, v in cls.model_fields.items() if v.annotation == Phrases}
        # (word lists, not phrases searched in a message)
        lists -= {"typos", "cues", "first_person", "thanks"}
        unknown = set(value) - lists - set(SectionWords.model_fields)
        if unknown:
            raise ValueError(f"names no intent or section: {', '.join(sorted(unknown))}")
        return value


Outlook.model_rebuild()
