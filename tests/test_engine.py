"""Answers to chat messages: the intent chosen and what the reply document contains."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from careerbot.adapters.textrender import render
from careerbot.bot.engine import Bot, UnknownRole
from careerbot.bot.kb.knowledge import KnowledgeBase, load
from careerbot.bot.kb.models import Job


@pytest.mark.parametrize(("text", "kind", "roles"), [
    ("/compare ml-engineer head-of-data-science", "compare", ["ml-engineer", "head-of-data-science"]),
    ("what's the difference between an ML engineer and a head of DS?", "compare",
     ["ml-engineer", "head-of-data-science"]),
    ("MLE or lead MLE?", "compare", ["ml-engineer", "lead-ml-engineer"]),
    ("tell me about data science engineers", "profile", ["data-science-engineer"]),
    ("lead machine learning engineer", "profile", ["lead-ml-engineer"]),  # the brief answer
    ("what tools does a data engineer use?", "section", ["data-engineer"]),
    ("how do I become a head of data science", "transition", ["head-of-data-science"]),
    ("how do I go from data analyst to data scientist?", "transition",
     ["data-analyst", "data-scientist"]),
    ("jobs for data scientists", "jobs", ["data-scientist"]),
    ("which roles do you know?", "roles", []),
    ("help", "help", []),
    ("", "help", []),
    ("thanks!", "smalltalk", []),
])
def test_intent_and_roles(bot: Bot, text: str, kind: str, roles: list[str]) -> None:
    reply = bot.answer(text)
    assert reply.kind == kind
    assert [r.id for r in reply.roles] == roles


@pytest.mark.parametrize(("text", "heading"), [
    ("what tools does a data engineer use?", "Tools"),
    ("skills for an ML engineer", "Skills"),
    ("what education does a head of data science need", "Education"),
    ("MLE outlook", "Outlook"),
    ("which industries hire lead ML engineers", "Industries"),
    ("what responsibilities does a data science engineer have", "Responsibilities"),
])
def test_one_section(bot: Bot, text: str, heading: str) -> None:
    reply = bot.answer(text)
    assert reply.kind == "section"
    assert [s.heading for s in reply.sections] == [heading]
    assert reply.sections[0].items


def test_comparison_is_side_by_side_and_says_what_is_shared(bot: Bot) -> None:
    reply = bot.answer("full comparison: lead ML engineer vs ML engineer")
    comparison = reply.comparison
    assert comparison is not None
    assert [r.id for r in comparison.roles] == ["lead-ml-engineer", "ml-engineer"]
    headings = [row.heading for row in comparison.rows]
    for wanted in ("Definition", "Responsibilities", "Skills", "Education", "Industries",
                   "Outlook", "Salary", "Tips for getting started"):
        assert wanted in headings
    assert any(h.startswith("Tools: ") for h in headings)
    assert all(len(row.cells) == 2 for row in comparison.rows)
    shared = {s.heading: s.items for s in comparison.shared}
    # Both roles list these tools in their files, so they must be reported as shared.
    assert {"TensorFlow", "PyTorch", "Python", "Docker"} <= set(shared["Tools both list"])
    assert "Machine learning algorithms and frameworks" in shared["Skills both list"]
    only = {s.heading: s.items for s in comparison.only}
    assert "MLflow" in only["Tools only Lead Machine Learning Engineer lists"]
    assert "Keras" in only["Tools only Machine Learning Engineer lists"]


def test_compare_with_section_keyword_limits_it_to_that_section(bot: Bot) -> None:
    reply = bot.answer("compare the skills of an MLE and a data science engineer")
    assert reply.comparison is not None and reply.comparison.rows == []
    headings = [s.heading for s in [*reply.comparison.shared, *reply.comparison.only]]
    assert headings and all(h.startswith("Skills") for h in headings)


def test_four_roles_compare(bot: Bot) -> None:
    reply = bot.answer("full: MLE vs lead MLE vs head of DS vs data science engineer")
    assert reply.comparison is not None and len(reply.comparison.roles) == 4
    assert all(len(row.cells) == 4 for row in reply.comparison.rows)


def test_compare_with_one_known_role_answers_about_it(bot: Bot) -> None:
    reply = bot.answer("compare ML engineer vs astronaut")
    assert reply.kind == "compare" and [r.id for r in reply.roles] == ["ml-engineer"]
    assert reply.suggestions[0].ask.startswith("ml-engineer vs ")
    assert any("recognised only Machine Learning Engineer" in n for n in reply.notes)


def test_compare_with_a_mistyped_second_role_reads_it_and_says_so(bot: Bot) -> None:
    reply = bot.answer("data engineer vs daat scinetist")
    assert reply.kind == "compare"
    assert [r.id for r in reply.roles] == ["data-engineer", "data-scientist"]
    assert "I read \u201cdaat scinetist\u201d as Data Scientist." in reply.notes


def test_typo_beyond_matching_gets_did_you_mean(bot: Bot) -> None:
    reply = bot.answer("heda of dta sicence")
    assert reply.kind == "suggest"
    assert reply.text.count("Did you mean") == 1
    assert reply.suggestions[0].role_id == "head-of-data-science"
    assert len(reply.suggestions) <= 3


def test_unknown_role_noun_gets_suggestions(bot: Bot) -> None:
    reply = bot.answer("what does a data sciencist engineer person do")
    assert reply.kind in {"suggest", "profile", "section"}
    reply = bot.answer("what does a quantum plumbing engineer do?")
    assert reply.kind == "suggest" and "Did you mean" in reply.text


def test_plain_chat_gets_help_not_a_guess(bot: Bot) -> None:
    for text in ("we need more data", "I engineered a fix", "lol"):
        reply = bot.answer(text)
        assert reply.kind in {"suggest", "help"}
        assert reply.suggestions == [] and reply.roles == []


def test_transition_is_computed_from_both_roles(bot: Bot, kb: KnowledgeBase) -> None:
    reply = bot.answer("switch from ML engineer to head of data science")
    assert reply.kind == "transition"
    sections = {s.heading: s.items for s in reply.sections}
    mle, hods = kb.roles["ml-engineer"], kb.roles["head-of-data-science"]
    to_add = [s.name for s in hods.skills if s.name not in {m.name for m in mle.skills}]
    shown = sections["Skills to add for Head of Data Science"]
    assert shown[:4] == to_add[:4]  # one screen: the first four, then how many more
    assert shown[4:] == ([f"... and {len(to_add) - 4} more"] if len(to_add) > 4 else [])
    texts = {s.heading: s.text for s in reply.sections}
    assert "Tableau" in texts["Tools to learn"].split(", ")
    assert "R" not in texts["Tools to learn"].split(", ")  # both use R
    assert "Directly related" in reply.text or "related" in reply.text


def test_jobs_filters_and_expiry(kb: KnowledgeBase) -> None:
    job = kb.jobs[0]
    expired = Job.model_validate({**job.model_dump(), "id": "old-one",
                                  "expires": dt.date(2024, 12, 1)})
    kb2 = dataclasses.replace(kb, jobs=[*kb.jobs, expired])
    bot = Bot(kb2, today=lambda: dt.date(2025, 1, 1))
    ids = [j.id for j in bot.jobs().jobs]
    assert "old-one" not in ids and job.id in ids
    assert "old-one" in [j.id for j in Bot(kb2, today=lambda: dt.date(2024, 11, 1)).jobs().jobs]
    remote_senior = bot.answer("remote senior jobs").jobs
    assert remote_senior and all(j.workplace == "remote" and j.level == "senior"
                                 for j in remote_senior)
    assert {j.title for j in bot.answer("data engineer openings").jobs} == {
        "Data Engineer", "Data Engineer Intern, AWS"}
    assert bot.answer("executive jobs for quants").jobs == []


def test_resolve_direct_names(bot: Bot) -> None:
    assert bot.resolve("ml-engineer").id == "ml-engineer"
    assert bot.resolve("Head of DS").id == "head-of-data-science"
    assert bot.resolve("machne lerning enginer").id == "ml-engineer"
    with pytest.raises(UnknownRole) as caught:
        bot.resolve("astronaut")
    assert caught.value.name == "astronaut"


def test_every_reply_renders_in_80_columns(bot: Bot) -> None:
    for text in ("ml engineer vs head of DS", "MLE", "jobs", "roles", "help", "zzz",
                 "data analyst to data scientist", "how do I become an MLOps engineer"):
        rendered = render(bot.answer(text))
        assert max(len(line) for line in rendered.splitlines()) <= 80, text


def test_matcher_index_is_built_once(kb: KnowledgeBase, bot: Bot) -> None:
    before = kb.matcher
    bot.answer("MLE vs head of DS")
    assert bot.kb.matcher is before


def test_profile_offers_its_open_jobs_behind_one_button(bot: Bot) -> None:
    reply = bot.answer("what does a data scientist do?")
    assert reply.jobs == []
    (button,) = [s for s in reply.suggestions if s.label.startswith("Jobs (")]
    assert bot.answer(button.ask).kind == "jobs"


# ---- jobs with a life cycle -------------------------------------------------------------------

def _without_expiry(kb_copy: Path) -> KnowledgeBase:
    jobs = kb_copy / "jobs.yaml"
    jobs.write_text(jobs.read_text().replace("    expires: 2099-12-31\n", ""))
    return load(kb_copy)


def test_a_curated_job_without_expiry_closes_60_days_after_posting(kb_copy: Path) -> None:
    kb = _without_expiry(kb_copy)
    day = dt.date(2025, 1, 10) + dt.timedelta(days=60)  # the last day of the jobs posted 01-10
    listed = {j.id for j in Bot(kb, today=lambda: day).jobs().jobs}
    assert listed == {"murmuration-data-engineer", "murmuration-senior-data-scientist",
                      "rit-professor-machine-learning"}


def test_with_no_open_job_the_answer_says_how_to_add_feeds(kb_copy: Path) -> None:
    kb = _without_expiry(kb_copy)
    reply = Bot(kb, today=lambda: dt.date(2025, 3, 12)).answer("any data engineer jobs?")
    assert reply.jobs == [] and "No featured jobs are open right now" in reply.text
    assert "feeds" in reply.text


def test_curated_jobs_for_no_data_role_are_not_featured(kb: KnowledgeBase) -> None:
    base = kb.jobs[0].model_dump()
    neighbour = Job.model_validate({**base, "id": "swe", "title": "Software Engineer Intern",
                                    "roles": ["software-engineer"]})
    unrelated = Job.model_validate({**base, "id": "prof", "title": "Professor", "roles": []})
    bot = Bot(dataclasses.replace(kb, jobs=[*kb.jobs, neighbour, unrelated]),
              today=lambda: dt.date(2025, 1, 15))
    assert not {"swe", "prof"} & {j.id for j in bot.jobs().jobs}
    assert bot.jobs(roles=["software-engineer"]).jobs == []
    labels = [s.label for s in bot.answer("what does a software engineer do?").suggestions]
    assert not any(label.startswith("Jobs") for label in labels)


def test_a_job_without_a_link_shows_no_link(bot: Bot) -> None:
    reply = bot.jobs(roles=["data-engineer"])
    unlinked = reply.model_copy(update={"jobs": [j.model_copy(update={"url": None})
                                                 for j in reply.jobs]})
    assert "http" not in render(unlinked) and "(posted 2025-01-10)" in render(unlinked)


# ---- a section asked about without a role -----------------------------------------------------

def test_a_section_question_without_a_role_answers_for_the_common_roles(bot: Bot) -> None:
    reply = bot.answer("what degree do I need?")
    assert (reply.kind, reply.roles, reply.title) == ("section", [], "Education, by role")
    common = bot.kb.intents.common_roles if bot.kb.intents else []
    assert [item.split(":")[0] for item in reply.sections[0].items] == [
        bot.kb.roles[r].title for r in common]
    assert "Which role" in reply.text


def test_the_section_named_first_is_the_one_answered(bot: Bot) -> None:
    assert bot.answer("what tools should I learn?").title == "Tools, by role"


def test_a_statement_about_a_degree_is_not_a_section_question(bot: Bot) -> None:
    assert bot.answer("I finished my degree today").kind != "section"


def test_more_than_two_sections_asked_show_two_and_offer_the_rest(bot: Bot) -> None:
    reply = bot.answer("what skills, tools and degree does a data engineer need?")
    assert [s.heading for s in reply.sections] == ["Skills", "Education"]
    assert "Data Engineer tools" in [s.ask for s in reply.suggestions]


def test_a_tool_named_with_a_role_says_whether_the_role_lists_it(bot: Bot) -> None:
    reply = bot.answer("is Tableau worth learning for data analysts?")
    assert reply.sections[0].items == [
        "Tableau: one of the Data Analyst's tools (data visualization)"]


def test_a_tool_the_role_does_not_list_names_the_roles_that_do(bot: Bot) -> None:
    kb = bot.kb
    users = [r.title for r in kb.roles.values() if "Rust" in r.all_tools and r.id != "data-engineer"]
    reply = bot.answer("should I learn Rust for data engineering?")
    assert reply.sections[0].items == [
        f"Rust: not among the Data Engineer's tools; listed by {', '.join(users[:3])}"]


def test_a_tool_named_only_in_the_roles_skills_says_so(bot: Bot) -> None:
    role = bot.kb.roles["data-engineer"]
    assert "Git" not in role.all_tools
    skill = next(s.name for s in role.skills if "Git" in (s.detail or ""))
    reply = bot.answer("is Git worth learning for data engineering?")
    assert reply.sections[0].items == [
        f"Git: named in the Data Engineer's skills ({skill.lower()})"]


def test_openings_with_a_pay_floor_list_only_jobs_that_reach_it(bot: Bot) -> None:
    reply = bot.answer("any data engineer openings paying over $150k?")
    assert reply.kind == "jobs" and "paying at least 150,000" in reply.title
    assert [j.title for j in reply.jobs] == ["Data Engineer Intern, AWS"]  # 185k; not 130k


def test_a_pay_floor_without_openings_asked_is_a_pay_question(bot: Bot) -> None:
    assert bot.answer("is 120k good for a data engineer?").kind == "salary"


def test_the_jobs_command_takes_a_pay_floor(bot: Bot) -> None:
    reply = bot.command("jobs", "data engineer over 150k")
    assert reply.kind == "jobs" and [j.title for j in reply.jobs] == ["Data Engineer Intern, AWS"]
