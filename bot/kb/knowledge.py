"""Loads and validates a knowledge-base folder: ``roles/<id>.yaml``, ``jobs.yaml``,
``salaries.yaml``, ``backgrounds.yaml`` and the vocabularies in ``vocabulary/``.

Every problem is collected (not just the first) and names the file, the line and the field, so
an author can fix a broken knowledge base in one pass.
"""

from __future__ import annotations

import datetime as dt
import marshal
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from rapidfuzz import process

from careerbot import knowledge as shipped
from careerbot.bot.kb import yamlfile
from careerbot.bot.kb.models import (
    CURATED_DAYS,
    Background,
    BackgroundsFile,
    Country,
    FieldsFile,
    IntentWords,
    Job,
    JobsFile,
    PlaceSalary,
    PlacesFile,
    Role,
    SalariesFile,
)
from careerbot.bot.understand.matcher import BACKGROUND, PLACE, TOOL, Entry, RoleMatcher


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{where} {self.message}"


class KnowledgeError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


#: The groups of answers a role's pay is also split by.
GROUPS = ("countries", "regions", "workplaces", "company_sizes")


@dataclass(frozen=True)
class PlacePay:
    countries: dict[str, PlaceSalary]
    regions: dict[str, PlaceSalary]
    workplaces: dict[str, PlaceSalary]
    company_sizes: dict[str, PlaceSalary]


@dataclass
class KnowledgeBase:
    roles: dict[str, Role]
    jobs: list[Job]
    root: Path
    matcher: RoleMatcher = field(repr=False)
    backgrounds: dict[str, Background] = field(default_factory=dict, repr=False)
    places: dict[str, Country] = field(default_factory=dict, repr=False)
    intents: IntentWords | None = field(default=None, repr=False)
    _title_roles: dict[str, list[str]] = field(default_factory=dict, repr=False)
    #: Pay by group, as one marshalled blob: a start (and the compiled cache) never unpacks
    #: thousands of small dicts until someone asks about a country or a workplace.
    _place_pay: bytes = field(default=marshal.dumps({}), repr=False)
    _place_raw: dict[str, dict[str, dict[str, Any]]] | None = field(default=None, repr=False)
    _place_models: dict[str, PlacePay] = field(default_factory=dict, repr=False)

    def place_pay(self, role_id: str) -> PlacePay:
        """A role's pay by country and by region (built into models on first use)."""
        found = self._place_models.get(role_id)
        if found is None:
            if self._place_raw is None:
                self._place_raw = marshal.loads(self._place_pay)
            raw = self._place_raw.get(role_id, {})
            found = PlacePay(*({k: PlaceSalary.model_validate(v)
                                 for k, v in raw.get(group, {}).items()} for group in GROUPS))
            self._place_models[role_id] = found
        return found

    def is_data_job(self, job: Job) -> bool:
        """Whether a job is for a data or AI role (not only a neighbouring one, nor none)."""
        return any(not self.roles[r].adjacent for r in self.job_roles(job) if r in self.roles)

    def job_roles(self, job: Job) -> list[str]:
        """The roles a job is for: as listed, or as its title names them (memoised by title:
        every answer with featured jobs asks again)."""
        if job.roles is not None:
            return list(job.roles)
        found = self._title_roles.get(job.title)
        if found is None:
            found = self.matcher.match(job.title)
            if len(self._title_roles) < 100_000:
                self._title_roles[job.title] = found
        return list(found)


def load(root: Path | str | None = None) -> KnowledgeBase:
    """Load and cross-check a knowledge base (default: the one shipped with the code); raises
    :class:`KnowledgeError` listing all problems."""
    root = Path(root) if root is not None else shipped.PATH
    problems: list[Problem] = []
    roles: dict[str, Role] = {}
    role_files: dict[str, _Loaded] = {}
    roles_dir = root / "roles"
    if not roles_dir.is_dir():
        raise KnowledgeError([Problem(_show(roles_dir), 1, "", "folder of role files not found")])
    # Ids of files that failed to load still count as known, so one broken file is reported
    # once instead of again by every role that relates to it.
    known: set[str] = set()
    for path in sorted(roles_dir.glob("*.yaml")):
        known.add(path.stem)
        loaded = parse_file(path, Role, problems)
        if loaded is None:
            continue
        role: Role = loaded.model  # type: ignore[assignment]
        known.add(role.id)
        if role.id != path.stem:
            problems.append(loaded.problem(("id",), f"id '{role.id}' must match the file name "
                                                   f"'{path.stem}.yaml'"))
        if role.id in roles:
            other = role_files[role.id]
            problems.append(loaded.problem(("id",), f"duplicate role id '{role.id}', also in "
                                                   f"{other.file}:{other.located.line_of(('id',))}"))
            continue
        roles[role.id] = role
        role_files[role.id] = loaded
    if not roles and not problems:
        problems.append(Problem(_show(roles_dir), 1, "", "no role files (*.yaml) found"))
    problems += _check_names(role_files)
    for role_id, loaded in role_files.items():
        for i, other in enumerate(roles[role_id].related):
            if other not in known:
                problems.append(loaded.problem(("related", i), _unknown_role(other, known)))
            elif other == role_id:
                problems.append(loaded.problem(("related", i), "a role cannot be related to itself"))
    place_pay: dict[str, dict[str, dict[str, Any]]] = {}
    salaries_path = root / "salaries.yaml"
    if salaries_path.exists():
        loaded = parse_file(salaries_path, SalariesFile, problems)
        if loaded is not None:
            for role_id, salary in loaded.model.roles.items():  # type: ignore[attr-defined]
                if role_id in roles:
                    # Pay by place stays raw until asked for: thousands of small models would
                    # slow every start (see KnowledgeBase.place_pay).
                    place_pay[role_id] = {group: {k: v.model_dump() for k, v in
                                                  getattr(salary, group).items()}
                                          for group in GROUPS}
                    lean = salary.model_copy(update={group: {} for group in GROUPS})
                    roles[role_id] = roles[role_id].model_copy(update={"salary": lean})
                elif role_id not in known:
                    problems.append(loaded.problem(("roles", role_id),
                                                   _unknown_role(role_id, known)))
    jobs: list[Job] = []
    jobs_path = root / "jobs.yaml"
    if jobs_path.exists():
        loaded = parse_file(jobs_path, JobsFile, problems)
        if loaded is not None:
            jobs = [_with_expiry(job) for job in loaded.model.jobs]  # type: ignore[attr-defined]
            problems += _check_jobs(loaded, jobs, known)
    entries = [Entry(r.id, label) for r in roles.values() for label in (r.id, r.title, *r.aliases)]
    entries += [Entry(r.id, label, weak=True) for r in roles.values() for label in r.context_aliases]
    labelled = {RoleMatcher.name_key(label): (role_id, loaded, path)
                for role_id, loaded in role_files.items() for path, label in _labels(loaded)}
    entries += _fields(root / "vocabulary" / "fields.yaml", roles, known, labelled, problems)
    backgrounds = _backgrounds(root / "backgrounds.yaml", roles, known, labelled, problems)
    entries += [Entry(BACKGROUND + b.id, name) for b in backgrounds.values() for name in b.names]
    places = _places(root / "vocabulary" / "places.yaml", labelled, problems)
    entries += [Entry(PLACE + c.code, name) for c in places.values() for name in (c.name, *c.names)]
    tools = {tool for r in roles.values() for tool in r.all_tools}
    entries += [Entry(TOOL + tool, name) for tool in sorted(tools) for name in _tool_names(tool)]
    intents_path = root / "vocabulary" / "intents.yaml"
    loaded = parse_file(intents_path if intents_path.exists() else
                        shipped.PATH / "vocabulary" / "intents.yaml", IntentWords, problems)
    if problems:
        raise KnowledgeError(problems)
    assert loaded is not None
    intents: IntentWords = loaded.model  # type: ignore[assignment]
    matcher = RoleMatcher(entries, words=intents.typos, cues=_single_words(intents.cues),
                          known=_phrase_words(intents), english=_english(root))
    return KnowledgeBase(roles, jobs, root, matcher, backgrounds, places, intents,
                         _place_pay=marshal.dumps(place_pay))


Labelled = dict[tuple[str, ...], tuple[str, "_Loaded", tuple[str | int, ...]]]


def _english(root: Path) -> frozenset[str]:
    """English words that are never typos (vocabulary/english.txt, one a line, "#" comments);
    a knowledge base without the file uses the shipped one."""
    path = root / "vocabulary" / "english.txt"
    text = yamlfile.read(path if path.exists() else shipped.PATH / "vocabulary" / "english.txt")
    return frozenset(line for line in text.split("\n") if line and not line.startswith("#"))


#: Makers people leave out of a tool's name: "Kafka" is Apache Kafka, "Excel" Microsoft Excel.
_MAKERS = ("Apache ", "Amazon ", "AWS ", "Google ", "Microsoft ", "NVIDIA ")
#: ... unless what is left is an everyday word ("teams", "cloud", "skills, or tools").
_EVERYDAY = {"teams", "cloud", "fabric", "or-tools"}


def _tool_names(tool: str) -> list[str]:
    for maker in _MAKERS:
        short = tool.removeprefix(maker)
        if short != tool and short.lower() not in _EVERYDAY:
            return [tool, short]
    return [tool]


def _fields(path: Path, roles: dict[str, Role], known: set[str], labelled: Labelled,
            problems: list[Problem]) -> list[Entry]:
    """Field names as weak names of their roles, and the disciplines the titles make; each must
    be new (no role's name, no other field's), and ``labelled`` gains them for the checks that
    follow."""
    if not path.exists():
        return []
    loaded = parse_file(path, FieldsFile, problems)
    if loaded is None:
        return []
    entries = []
    for i, item in enumerate(loaded.model.fields):  # type: ignore[attr-defined]
        if item.role not in known:
            problems.append(loaded.problem(("fields", i, "role"), _unknown_role(item.role, known)))
        for j, other in enumerate(item.also):
            if other not in known:
                problems.append(loaded.problem(("fields", i, "also", j), _unknown_role(other, known)))
        for j, name in enumerate(item.names):
            where = ("fields", i, "names", j)
            key = RoleMatcher.name_key(name)
            if key in labelled:
                owner, other, other_path = labelled[key]
                problems.append(loaded.problem(where, f"'{name}' is already a name of '{owner}' "
                                                      f"({other.file}:{other.located.line_of(other_path)})"))
                continue
            labelled[key] = (item.role, loaded, where)
            entries.append(Entry(item.role, name, weak=True, note=item.guess, any_case=True,
                                 also=tuple(item.also),
                                 alone=item.alone or item.against_only,
                                 against_only=item.against_only))
    return entries + _disciplines(loaded.model.disciplines, roles, labelled)  # type: ignore[attr-defined]


def _disciplines(suffixes: dict[str, str], roles: dict[str, Role],
                 labelled: Labelled) -> list[Entry]:
    """The field each title makes ("research engineer": "research engineering"), so that the
    fields need not be listed one by one; a name some role or field has already is skipped."""
    entries = []
    for role in roles.values():
        for label in (role.title, *role.aliases):
            *head, last = label.lower().split()
            discipline = suffixes.get(last)
            if not head or discipline is None:
                continue
            name = " ".join([*head, discipline])
            key = RoleMatcher.name_key(name)
            if key not in labelled:
                origin = labelled.get(RoleMatcher.name_key(label))
                if origin is not None:  # (a background or place with this name is reported there)
                    labelled[key] = origin
                entries.append(Entry(role.id, name, weak=True, any_case=True))
    return entries


def _backgrounds(path: Path, roles: dict[str, Role], known: set[str], labelled: Labelled,
                 problems: list[Problem]) -> dict[str, Background]:
    if not path.exists():
        return {}
    loaded = parse_file(path, BackgroundsFile, problems)
    if loaded is None:
        return {}
    skills = {s.name.lower() for r in roles.values() for s in r.skills}
    found: dict[str, Background] = {}
    owner: dict[tuple[str, ...], tuple[int, int]] = {}
    for i, item in enumerate(loaded.model.backgrounds):  # type: ignore[attr-defined]
        if item.id in found:
            problems.append(loaded.problem(("backgrounds", i, "id"),
                                           f"duplicate background id '{item.id}'"))
        found[item.id] = item
        for j, role_id in enumerate(item.suits):
            if role_id not in known:
                problems.append(loaded.problem(("backgrounds", i, "suits", j),
                                               _unknown_role(role_id, known)))
        for j, skill in enumerate(item.carries):
            if skill.lower() not in skills:
                problems.append(loaded.problem(("backgrounds", i, "carries", j),
                                               f"no role lists the skill '{skill}'; use a skill "
                                               "name from the role files"))
        for j, name in enumerate(item.names):
            key = RoleMatcher.name_key(name)
            where = ("backgrounds", i, "names", j)
            if key in labelled:
                problems.append(loaded.problem(where, f"'{name}' is already a role or field name"))
            elif key in owner and owner[key][0] != i:
                other = loaded.model.backgrounds[owner[key][0]].id  # type: ignore[attr-defined]
                problems.append(loaded.problem(where, f"'{name}' is also a name of '{other}'"))
            owner.setdefault(key, (i, j))
    return found


def _phrase_words(intents: IntentWords) -> set[str]:
    """Every word of the intent phrases: real words, so never "corrected" into role words."""
    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, BaseModel):
            for item in value.__dict__.values():
                yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)
        else:
            yield from (w for w in str(value).lower().split() if w != "...")
    return set(walk(intents))


def _places(path: Path, labelled: Labelled, problems: list[Problem]) -> dict[str, Country]:
    """Countries by ISO code; a place name may not be a role's name or another place's."""
    if not path.exists():
        return {}
    loaded = parse_file(path, PlacesFile, problems)
    if loaded is None:
        return {}
    found: dict[str, Country] = {}
    owner: dict[tuple[str, ...], str] = {}
    for i, country in enumerate(loaded.model.countries):  # type: ignore[attr-defined]
        if country.code in found:
            problems.append(loaded.problem(("countries", i, "code"),
                                           f"duplicate country code '{country.code}'"))
        found[country.code] = country
        for j, name in enumerate([country.name, *country.names]):
            key = RoleMatcher.name_key(name)
            where = ("countries", i, "names", j - 1) if j else ("countries", i, "name")
            if key in labelled or (key in owner and owner[key] != country.code):
                other = owner.get(key) or labelled[key][0]
                problems.append(loaded.problem(where, f"'{name}' is also a name of '{other}'"))
            owner.setdefault(key, country.code)
    return found


def _single_words(phrases: list[str]) -> set[str]:
    return {p.lower() for p in phrases if " " not in p}




# ---- internals -----------------------------------------------------------------------------


@dataclass
class _Loaded:
    file: str
    located: yamlfile.Located
    model: BaseModel

    def problem(self, path: tuple[str | int, ...], message: str) -> Problem:
        return Problem(self.file, self.located.line_of(path), _field(path), message)


def _show(path: Path) -> str:
    """Relative to the working directory when inside it, else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path.resolve()) if rel.startswith("..") else rel


def parse_file(path: Path, model: type[BaseModel], problems: list[Problem]) -> _Loaded | None:
    name = _show(path)
    try:
        located = yamlfile.load(yamlfile.read(path))
    except UnicodeDecodeError as exc:
        problems.append(Problem(name, 1, "", f"not UTF-8 text ({exc.reason})"))
        return None
    except yamlfile.YamlSyntaxError as exc:
        problems.append(Problem(name, exc.line, exc.field, f"YAML syntax error: {exc.message}"))
        return None
    if not isinstance(located.data, dict):
        kind = "empty file" if located.data is None else type(located.data).__name__
        problems.append(Problem(name, 1, "", f"expected a mapping of fields, got {kind}"))
        return None
    try:
        return _Loaded(name, located, model.model_validate(located.data))
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if p != "[key]")
            problems.append(
                Problem(name, located.line_of(loc), _field(loc), _explain(error, model, loc))
            )
        return None


def _field(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _explain(error: Any, model: type[BaseModel], loc: tuple[Any, ...]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc[:-1])
        return "unknown field" + (f"; expected one of: {', '.join(allowed)}" if allowed else "")
    got = repr(error.get("input"))
    got = got if len(got) <= 60 else got[:57] + "..."
    return f"{error['msg']} (got {got})"


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names valid at ``loc``, found by walking the models (for 'unknown field' hints)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return []
        current = _model_in(info.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _labels(loaded: _Loaded) -> Iterator[tuple[tuple[str | int, ...], str]]:
    role: Role = loaded.model  # type: ignore[assignment]
    yield ("id",), role.id
    yield ("title",), role.title
    for i, alias in enumerate(role.aliases):
        yield ("aliases", i), alias
    for i, alias in enumerate(role.context_aliases):
        yield ("context_aliases", i), alias


def _check_names(role_files: dict[str, _Loaded]) -> list[Problem]:
    """Two roles may not answer to the same name: the matcher could not tell them apart."""
    problems: list[Problem] = []
    owner: dict[tuple[str, ...], tuple[str, _Loaded, tuple[str | int, ...]]] = {}
    for role_id, loaded in role_files.items():
        for path, label in _labels(loaded):
            key = RoleMatcher.name_key(label)
            if not key:
                problems.append(loaded.problem(path, f"'{label}' has no letters or digits to match"))
                continue
            previous = owner.get(key)
            if previous is None:
                owner[key] = (role_id, loaded, path)
            elif previous[0] != role_id:
                other_id, other, other_path = previous
                problems.append(loaded.problem(
                    path,
                    f"name '{label}' is also a name of '{other_id}' "
                    f"({other.file}:{other.located.line_of(other_path)})",
                ))
    return problems


def _with_expiry(job: Job) -> Job:
    """A curated job without an end date closes CURATED_DAYS after it was posted: a listing
    nobody refreshes must not look open for ever."""
    if job.expires is not None:
        return job
    return job.model_copy(update={"expires": job.posted + dt.timedelta(days=CURATED_DAYS)})


def _check_jobs(loaded: _Loaded, jobs: list[Job], roles: set[str]) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for i, job in enumerate(jobs):
        if job.id in seen:
            problems.append(loaded.problem(("jobs", i, "id"),
                                           f"duplicate job id '{job.id}' (also jobs[{seen[job.id]}])"))
        seen.setdefault(job.id, i)
        for j, role_id in enumerate(job.roles or ()):
            if role_id not in roles:
                problems.append(loaded.problem(("jobs", i, "roles", j), _unknown_role(role_id, roles)))
        if job.expires is not None and job.expires < job.posted:
            problems.append(loaded.problem(("jobs", i, "expires"), "expires is before posted"))
    return problems


def _unknown_role(role_id: str, roles: set[str]) -> str:
    close = [m[0] for m in process.extract(role_id, sorted(roles), limit=3, score_cutoff=60)]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return f"unknown role id '{role_id}'{hint}"
