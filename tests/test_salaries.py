"""Salary figures: the build script's statistics, and the shipped file against the survey itself."""

from __future__ import annotations

import csv
import statistics
import sys
from pathlib import Path

import pytest
import yaml

from careerbot import knowledge
from careerbot.bot.engine import Bot
from careerbot.bot.kb.knowledge import KnowledgeBase

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
import build_salaries  # noqa: E402

SURVEY = Path(__file__).resolve().parents[2] / "shared" / "data" / (
    "ai-jobs-net-salaries-2025-01-19.csv")


def row(title: str, level: str, usd: int, year: int = 2024, kind: str = "FT",
        country: str = "US", currency: str = "USD", paid: int | None = None) -> dict[str, str]:
    return {"job_title": title, "experience_level": level, "salary_in_usd": str(usd),
            "work_year": str(year), "employment_type": kind, "employee_residence": country,
            "salary_currency": currency, "salary": str(paid if paid is not None else usd)}


def test_band_statistics_and_small_samples() -> None:
    pays = [100_000 + 10_000 * i for i in range(11)]  # 100K..200K, median 150K
    rows = [row("Data Scientist", "SE", p) for p in pays]
    rows += [row("data scientist", "MI", 90_000)] * 9  # 9 answers: too few, title case ignored
    rows += [row("Data Scientist", "EN", 5, kind="PT")]
    result = build_salaries.build(rows, {"data-scientist": (["Data Scientist"], None)}, "x")
    levels = result.roles["data-scientist"].levels
    senior = levels["senior"]
    assert (senior.count, senior.median) == (11, 150_000)
    assert (senior.p25, senior.p75) == (125_000, 175_000)
    assert levels["mid"].count == 9 and levels["mid"].median is None
    assert levels["entry"].count == 0  # part-time answers are left out
    assert levels["executive"].count == 0


def test_newest_years_preferred_when_they_suffice() -> None:
    old = [row("Statistician", "SE", 50_000, year=2020)] * 30
    new = [row("Statistician", "SE", 150_000, year=2025)] * 10
    band = build_salaries.build(old + new, {"statistician": (["Statistician"], None)}, "x")
    senior = band.roles["statistician"].levels["senior"]
    assert (senior.count, senior.median, senior.years) == (10, 150_000, "2025")
    few_new = build_salaries.build(old + new[:3], {"statistician": (["Statistician"], None)}, "x")
    senior = few_new.roles["statistician"].levels["senior"]
    assert senior.count == 33 and senior.years == "2020-2025"


def test_every_role_has_a_salary_block(kb: KnowledgeBase) -> None:
    assert all(r.salary is not None for r in kb.roles.values())
    ds = kb.roles["data-scientist"].salary
    assert ds is not None and all(ds.levels[lvl].median for lvl in ("entry", "mid", "senior"))


def test_answers_show_levels_source_and_us_skew(bot: Bot) -> None:
    reply = bot.answer("what does a data scientist earn?")
    lines = reply.sections[0].items
    assert lines[0].startswith("Entry: median USD") and len(lines) >= 4
    note = " ".join(reply.notes)
    assert "aijobs.net salary index (CC0)" in note and "US" in note and "2025-01-19" in note
    small = bot.answer("CDO salary").sections[0].items
    assert any("no reports" in line or "too few reports" in line for line in small)


@pytest.mark.skipif(not SURVEY.exists(), reason="the survey CSV lives in ../shared/data")
def test_shipped_figures_match_the_survey(tmp_path: Path) -> None:
    out = tmp_path / "salaries.yaml"
    build_salaries.main([str(SURVEY), "--out", str(out)])
    assert yaml.safe_load(out.read_text()) == yaml.safe_load(
        (knowledge.PATH / "salaries.yaml").read_text()), "rerun scripts/build_salaries.py"
    # Independent recomputation for a well-covered role, straight from the CSV.
    with SURVEY.open(newline="") as handle:
        pay = [int(r["salary_in_usd"]) for r in csv.DictReader(handle)
               if r["job_title"] == "Data Engineer" and r["experience_level"] == "SE"
               and r["employment_type"] == "FT" and r["work_year"] in ("2024", "2025")]
    shipped = yaml.safe_load((knowledge.PATH / "salaries.yaml").read_text())
    senior = shipped["roles"]["data-engineer"]["levels"]["senior"]
    assert senior["count"] >= len(pay) > 1000
    assert abs(senior["median"] - statistics.median(pay)) / statistics.median(pay) < 0.03


def test_figures_from_different_years_are_not_subtracted(bot: Bot) -> None:
    reply = bot.answer("switch from ML engineer to lead ML engineer")
    change = next(s for s in reply.sections if s.heading.startswith("Pay change"))
    assert all("->" not in line for line in change.items)
    assert any("not comparable" in line for line in change.items)


def test_a_small_sample_that_inverts_levels_carries_a_caution(kb: KnowledgeBase) -> None:
    from careerbot.bot.answer.lines import salary_lines

    role = kb.roles["data-engineer"]
    assert role.salary is not None
    levels = dict(role.salary.levels)
    levels["mid"] = levels["mid"].model_copy(update={"median": 500_000, "count": 12})
    odd = role.model_copy(update={"salary": role.salary.model_copy(update={"levels": levels})})
    assert any(line.startswith("Caution: the mid median is above the senior median")
               for line in salary_lines(odd))
    assert not any(line.startswith("Caution") for line in salary_lines(role))


@pytest.mark.skipif(not SURVEY.exists(), reason="the survey CSV lives in ../shared/data")
def test_country_figures_match_the_survey() -> None:
    """Data engineers in the UK, all levels, recomputed straight from the CSV."""
    titles = {t.casefold() for t in build_salaries.read_mapping()["data-engineer"][0]}
    with SURVEY.open(newline="") as handle:
        pay = [int(float(r["salary_in_usd"])) for r in csv.DictReader(handle)
               if r["job_title"].casefold() in titles and r["employee_residence"] == "GB"
               and r["employment_type"] == "FT" and r["work_year"] in ("2024", "2025")]
    shipped = yaml.safe_load((knowledge.PATH / "salaries.yaml").read_text())
    gb = shipped["roles"]["data-engineer"]["countries"]["GB"]["all"]
    assert gb["count"] == len(pay) and gb["median"] == round(statistics.median(pay))


def test_a_country_with_too_few_answers_says_so_and_never_shows_us_pay(bot: Bot) -> None:
    reply = bot.answer("how much does a senior analytics engineer make in Hamburg?")
    lines = reply.sections[0].items
    assert reply.kind == "salary" and "in Germany" in reply.title
    assert lines[0].startswith("Too few answers for senior-level Analytics Engineers in Germany")
    assert "Europe" in lines[1] and "United States" not in " ".join(lines)


def test_a_country_figure_gives_n_and_local_currency(bot: Bot) -> None:
    (line,) = bot.answer("data engineer salary in the UK").sections[0].items
    assert "United Kingdom" in line and " answers, " in line and "GBP" in line


def test_cities_of_one_country_are_said_to_be_one_country(bot: Bot) -> None:
    reply = bot.answer("ML engineer: Paris vs Lyon")
    assert "in France" in reply.title and any("same country" in n for n in reply.notes)


def test_build_groups_countries_into_regions() -> None:
    rows = [row("Data Scientist", "SE", 100_000 + i, country="DE", currency="EUR",
                paid=90_000 + i) for i in range(12)]
    result = build_salaries.build(rows, {"data-scientist": (["Data Scientist"], None)}, "x",
                                  regions={"DE": "Europe"})
    salary = result.roles["data-scientist"]
    assert salary.countries["DE"].all.count == 12 and salary.regions["Europe"].all.count == 12
    assert salary.countries["DE"].currency == "EUR"


def test_which_countries_pay_most_lists_countries_with_enough_answers(bot: Bot) -> None:
    reply = bot.answer("which country pays data engineers the most?")
    assert reply.kind == "salary" and [r.id for r in reply.roles] == ["data-engineer"]
    items = reply.sections[0].items
    medians = [int(line.split("USD ")[1].split("K")[0]) for line in items]
    assert medians == sorted(medians, reverse=True) and len(items) <= 5
    assert all(int(line.split("; ")[1].split(" answers")[0]) >= 10 for line in items)


def test_trend_needs_enough_answers_in_both_newest_years() -> None:
    rows = [row("Data Scientist", "SE", 100_000, year=2024)] * 10
    rows += [row("Data Scientist", "SE", 110_000, year=2025)] * 10
    rows += [row("Data Scientist", "MI", 90_000, year=2024)] * 10
    rows += [row("Data Scientist", "MI", 95_000, year=2025)] * 9
    trend = build_salaries.build(rows, {"data-scientist": (["Data Scientist"], None)}, "x",
                                 regions={}).roles["data-scientist"].trend
    assert list(trend) == ["senior"]
    assert [(b.years, b.median) for b in trend["senior"]] == [("2024", 100_000), ("2025", 110_000)]


def test_remote_pay_comes_from_remote_answers(bot: Bot) -> None:
    reply = bot.answer("remote data engineer salary")
    (line,) = reply.sections[0].items
    assert reply.kind == "salary" and "remote workplaces" in line and " answers, " in line


def test_company_size_with_too_few_answers_says_so(bot: Bot) -> None:
    reply = bot.answer("hybrid analytics engineer salary")
    assert reply.sections[0].items[-1].startswith("Too few answers for Analytics Engineers")


def test_build_splits_by_workplace_and_company_size() -> None:
    rows = [{**row("Data Scientist", "SE", 100_000), "remote_ratio": "100", "company_size": "S"}
            for _ in range(10)]
    salary = build_salaries.build(rows, {"data-scientist": (["Data Scientist"], None)}, "x",
                                  regions={}).roles["data-scientist"]
    assert salary.workplaces["remote"].all.median == 100_000
    assert salary.company_sizes["small"].levels["senior"].count == 10


def test_salary_command_takes_role_level_and_country(bot: Bot) -> None:
    reply = bot.command("salary", "data-engineer senior Germany")
    assert reply.kind == "salary" and reply.title == "Pay: Data Engineer in Germany (senior)"


def test_salary_command_with_an_unknown_role_suggests(bot: Bot) -> None:
    assert bot.command("salary", "astronaut").kind == "suggest"


def test_country_autocomplete_starts_with_what_was_typed(bot: Bot) -> None:
    assert bot.complete_country("ger")[0] == ("DE", "Germany")


def test_a_chart_is_drawn_only_when_asked_for(bot: Bot) -> None:
    plain = bot.answer("data engineer salary")
    assert plain.chart is None and any(s.label == "Chart" for s in plain.suggestions)
    drawn = bot.answer("data engineer salary chart").chart
    assert drawn is not None and [r.label for r in drawn.rows] == [
        "entry", "mid", "senior", "executive"]
    assert all(r.p25 <= r.median <= r.p75 and r.n >= 10 for r in drawn.rows)


def test_the_chart_png_is_a_png() -> None:
    from careerbot.adapters.chart import png
    from careerbot.bot.answer.reply import Chart, ChartRow

    data = png(Chart(title="t", rows=[ChartRow(label="mid", p25=1, median=2, p75=3, n=10)]))
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 1000


def test_two_roles_at_one_level_and_place_say_which_pays_more(bot: Bot) -> None:
    reply = bot.answer("which pays more in the UK, senior data engineer or data scientist?")
    assert [r.id for r in reply.roles] == ["data-engineer", "data-scientist"]
    assert all(" answers, " in s.items[0] for s in reply.sections[:2])
    assert reply.sections[-1].heading == "Which pays more"
