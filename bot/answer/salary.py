"""Pay: one or more roles by experience level, from the salary survey, with the number of
answers behind every figure and "too few reports" where there are not enough."""

from __future__ import annotations

from collections.abc import Sequence

from careerbot.bot.answer.lines import (
    band_figure,
    band_line,
    common_level,
    comparable,
    ref,
    salary_lines,
    short_notes,
)
from careerbot.bot.answer.reply import Chart, ChartRow, Reply, Section, Suggestion
from careerbot.bot.jobs.select import thousands
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.kb.models import LEVELS, Level, PlaceSalary, Role, SalaryBand

#: Roles shown when a pay question names none ("what do data people earn?").
POPULAR = ("data-analyst", "data-scientist", "data-engineer", "ml-engineer", "analytics-engineer",
           "ai-engineer")


def _median(role: Role, level: Level) -> int | None:
    band = role.salary.levels.get(level) if role.salary else None
    return band.median if band else None


def _at_level(role: Role, level: Level) -> str:
    return band_line(f"{role.title}, {level}",
                     role.salary.levels.get(level) if role.salary else None)


def _which_pays_more(roles: Sequence[Role], level: Level) -> str | None:
    figures = [(m, r) for r in roles if (m := _median(r, level)) is not None]
    if len(figures) < 2:
        return None
    bands = [r.salary.levels.get(level) for _, r in figures if r.salary]
    if not all(comparable(bands[0], other) for other in bands[1:]):
        return (f"At {level} level these figures come from different work years, so which pays "
                "more is not supported by the survey.")
    figures.sort(key=lambda pair: -pair[0])
    (top, best), (low, _) = figures[0], figures[-1]
    return (f"At {level} level, {best.title} has the highest median of these "
            f"(USD {thousands(top)}, against {thousands(low)} for the lowest).")


def leads(kb: KnowledgeBase, role: Role) -> list[Suggestion]:
    """Lead, head and manager roles a senior person in ``role`` could grow into."""
    return [Suggestion(label=f"Next step: {kb.roles[r].title}", ask=f"{role.id} vs {r}",
                       role_id=r)
            for r in role.related if r in kb.roles and kb.roles[r].seniority != "individual contributor"
            ][:3]


def _figure(label: str, band: SalaryBand) -> str:
    return band_figure(label, band, noun="answers")


def _local(place: PlaceSalary | None) -> str:
    if place is None or place.local_median is None or place.currency is None:
        return ""
    return (f"; most answers there were paid in {place.currency} (all levels: median "
            f"{place.currency} {thousands(place.local_median)})")


def _in_group(role: Role, group: PlaceSalary | None, label: str, where: str,
              level: Level | None, extra: str = "") -> tuple[list[str], bool]:
    """The level asked for in one group of answers (a country, remote workplaces...), else all
    levels there: (lines, True) with a figure, or (the line saying the level is short, False)."""
    band = group.levels.get(level) if group and level else None
    if level and band is not None and band.median is not None:
        return [_figure(f"{role.title}, {level}, {label}", band) + extra], True
    lines = [f"Too few answers for {level}-level {role.title}s {where} "
             f"({band.count if band else 0}) to give a figure."] if level else []
    if group is not None and group.all.median is not None:
        return [*lines, _figure(f"{role.title}, all levels, {label}", group.all) + extra], True
    return lines, False


def _too_few(role: Role, group: PlaceSalary | None, where: str) -> str:
    return (f"Too few answers for {role.title}s {where} ({group.all.count if group else 0}) to "
            "give a figure.")


def in_country(kb: KnowledgeBase, role: Role, code: str, level: Level | None) -> list[str]:
    """Pay for a role in one country, honest about coverage: the level asked for when it has
    enough answers, else say so with n and give the nearest honest figure (all levels in the
    country, then the region), never a US figure as if it were local."""
    country = kb.places[code]
    name, region = country.name, country.region
    pay = kb.place_pay(role.id)
    here, around = pay.countries.get(code), pay.regions.get(region)
    lines, found = _in_group(role, here, name, f"in {name}", level, _local(here))
    if found:
        return lines
    if not level:
        lines.append(_too_few(role, here, f"in {name}"))
    near = around.levels.get(level) if around and level else None
    if near is not None and near.median is not None:
        return [*lines, _figure(f"Nearest: {role.title}, {level}, {region}", near)]
    if around is not None and around.all.median is not None:
        return [*lines, _figure(f"Nearest: {role.title}, all levels, {region}", around.all)]
    return [*lines, f"The survey has too few answers from {region} for this role as well; "
                    "its figures are mostly from the US."]


def _ranked_countries(kb: KnowledgeBase, role: Role) -> list[tuple[str, SalaryBand]]:
    """(country name, all-level band) with a median (10+ answers), highest median first."""
    ranked = sorted(((c, p.all) for c, p in kb.place_pay(role.id).countries.items()
                     if p.all.median is not None), key=lambda cb: -(cb[1].median or 0))
    return [(kb.places[c].name if c in kb.places else c, band) for c, band in ranked]


#: Countries listed when asked which pay a role most.
TOP_COUNTRIES = 5


def top_countries(kb: KnowledgeBase, roles: Sequence[Role]) -> Reply:
    """Which countries pay a role most: countries with 10+ answers, all levels, with n."""
    sections = []
    for role in roles:
        ranked = _ranked_countries(kb, role)
        items = [_figure(name, band) for name, band in ranked[:TOP_COUNTRIES]]
        if len(ranked) < 2:
            items.append("Only these countries have 10 or more answers for this role; the "
                         "survey's answers are mostly from the US.")
        sections.append(Section(heading=f"{role.title}: countries with the highest median "
                                        "(all levels)", items=items))
    title = "Where " + " and ".join(r.title for r in roles) + " pay is highest"
    return Reply(kind="salary", title=title, sections=sections, roles=[ref(r) for r in roles],
                 notes=[*short_notes(roles, salary=True),
                        "Countries with 10 or more answers only; levels differ between "
                        "countries, so ask for one country for pay by level."],
                 fallback=f"{title}: " + "; ".join(s.items[0] for s in sections if s.items))


def in_group(kb: KnowledgeBase, role: Role, kind: str, name: str,
             level: Level | None) -> list[str]:
    """Pay for a role in one workplace kind or company size, with the same honesty rules."""
    pay = kb.place_pay(role.id)
    group = (pay.workplaces if kind == "workplace" else pay.company_sizes).get(name)
    label = f"{name} workplaces" if kind == "workplace" else f"{name} companies"
    lines, found = _in_group(role, group, label, f"at {label}", level)
    return lines if found else [*lines, _too_few(role, group, f"at {label}")]


def by_group(kb: KnowledgeBase, roles: Sequence[Role], level: Level | None,
             workplace: str | None, size: str | None) -> Reply:
    """"Remote data engineer salary", "ML engineer pay at a startup"."""
    groups = [("workplace", workplace)] if workplace else []
    groups += [("size", size)] if size else []
    sections = [Section(heading=f"{role.title}: {name} "
                                f"{'workplaces' if kind == 'workplace' else 'companies'}",
                        items=in_group(kb, role, kind, name, level))
                for role in roles for kind, name in groups if name]
    title = "Pay: " + " vs ".join(r.title for r in roles) + ", " + ", ".join(
        n for _, n in groups if n) + (f" ({level})" if level else "")
    return Reply(kind="salary", title=title, sections=sections, roles=[ref(r) for r in roles],
                 suggestions=[Suggestion(label=f"Pay by level: {r.title}", ask=f"{r.title} salary")
                              for r in roles[:2]],
                 notes=[*short_notes(roles, salary=True),
                        "Workplace and company size as the survey's answers report them."],
                 fallback=f"{title}: " + (sections[0].items[-1] if sections else ""))


def level_chart(role: Role) -> Chart | None:
    """A role's pay by level: each level with enough answers, as a range and a median."""
    rows = [ChartRow(label=level, p25=b.p25 or 0, median=b.median, p75=b.p75 or 0, n=b.count)
            for level in LEVELS if role.salary and (b := role.salary.levels.get(level))
            and b.median is not None]
    return Chart(title=f"{role.title}: pay by level (USD)", rows=rows) if rows else None


def country_chart(kb: KnowledgeBase, role: Role) -> Chart | None:
    """The countries with the highest median for a role (10+ answers each)."""
    rows = [ChartRow(label=name, p25=b.p25 or 0, median=b.median or 0, p75=b.p75 or 0,
                     n=b.count) for name, b in _ranked_countries(kb, role)[:TOP_COUNTRIES]]
    return Chart(title=f"{role.title}: pay by country (USD)", rows=rows) if rows else None


def salary(kb: KnowledgeBase, roles: Sequence[Role], level: Level | None = None,
           places: Sequence[str] = (), by_country: bool = False, workplace: str | None = None,
           size: str | None = None, chart: bool = False) -> Reply:
    """Pay for ``roles``; with ``chart``, the figures also as a picture, else a Chart button."""
    reply = _salary(kb, roles, level, places, by_country, workplace, size)
    if len(roles) != 1:
        return reply
    if chart:
        drawn = country_chart(kb, roles[0]) if by_country else level_chart(roles[0])
        return reply.model_copy(update={"chart": drawn})
    button = Suggestion(label="Chart", ask=f"{roles[0].title} salary"
                        + (" by country" if by_country else "") + " chart")
    return reply.model_copy(update={"suggestions": [*reply.suggestions, button]})


def _salary(kb: KnowledgeBase, roles: Sequence[Role], level: Level | None,
            places: Sequence[str], by_country: bool, workplace: str | None,
            size: str | None) -> Reply:
    if roles and by_country and not places:
        return top_countries(kb, roles)
    if roles and (workplace or size) and not places:
        return by_group(kb, roles, level, workplace, size)
    if roles and places:
        return _by_place(kb, roles, level, places)
    shown_roles = list(roles) or [kb.roles[r] for r in POPULAR if r in kb.roles]
    level_used: Level = level or (common_level(roles) if roles else "mid")
    if not roles:
        title = f"Pay at {level_used} level across common data roles"
        sections = [Section(heading=title, items=[_at_level(r, level_used) for r in shown_roles])]
    elif len(roles) == 1 and level is None:
        title = f"Pay: {roles[0].title}"
        sections = [Section(heading="By experience level", items=salary_lines(roles[0]))]
    else:
        title = "Pay: " + " vs ".join(r.title for r in roles) + (f" ({level})" if level else "")
        items = [_at_level(r, level_used) for r in roles]
        verdict = _which_pays_more(roles, level_used) if len(roles) > 1 else None
        sections = [Section(heading=f"At {level_used} level", items=items + ([verdict] if verdict
                                                                            else []))]
        if len(roles) == 1:
            sections.append(Section(heading="Every level", items=salary_lines(roles[0])))
    suggestions: list[Suggestion] = []
    if level in ("senior", "executive"):
        for role in roles:
            suggestions += leads(kb, role)
    if not suggestions:
        suggestions = [Suggestion(label=f"Jobs: {r.title}", ask=f"{r.title} jobs", role_id=r.id)
                       for r in roles[:2]]
    first = sections[0].items[0] if sections and sections[0].items else title
    return Reply(kind="salary", title=title, sections=sections, suggestions=suggestions,
                 roles=[ref(r) for r in roles],
                 notes=short_notes(shown_roles, salary=True),
                 fallback=f"{title}: {first}")



def _by_place(kb: KnowledgeBase, roles: Sequence[Role], level: Level | None,
              places: Sequence[str]) -> Reply:
    names = " vs ".join(kb.places[c].name for c in places)
    title = "Pay: " + " vs ".join(r.title for r in roles) + f" in {names}" + (
        f" ({level})" if level else "")
    sections = [Section(heading=f"{role.title} in {kb.places[code].name}",
                        items=in_country(kb, role, code, level))
                for role in roles for code in places]
    if len(roles) > 1 and len(places) == 1 and level:
        bands = [(r, kb.place_pay(r.id).countries.get(places[0])) for r in roles]
        levels = [(r, p.levels.get(level) if p else None) for r, p in bands]
        if all(b is not None and b.median is not None for _, b in levels) and all(
                comparable(levels[0][1], b) for _, b in levels[1:]):
            best = max(levels, key=lambda rb: rb[1].median or 0)  # type: ignore[union-attr]
            sections.append(Section(heading="Which pays more", items=[
                f"{best[0].title} has the highest {level} median in "
                f"{kb.places[places[0]].name} of these, each on 10 or more answers from the "
                "same years."]))
    first = sections[0].items[-1] if sections and sections[0].items else title
    return Reply(kind="salary", title=title, sections=sections,
                 suggestions=[Suggestion(label=f"Pay by level: {r.title}", ask=f"{r.title} salary")
                              for r in roles[:2]],
                 roles=[ref(r) for r in roles],
                 notes=[*short_notes(roles, salary=True),
                        "By country of residence; a US figure is never shown as a local one."],
                 fallback=f"{title}: {first}")
