"""Role matching: the phrasing tables in tests/data plus the rules they illustrate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.understand.matcher import RoleMatcher

DATA = Path(__file__).parent / "data"


def _cases() -> list[tuple[str, list[str]]]:
    cases = []
    for path in sorted(DATA.glob("matcher_cases_*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            name = f"{path.stem.removeprefix('matcher_cases_')}:{case['text'][:50]}"
            cases.append(pytest.param(case["text"], case["roles"], id=name))
    return cases


CASES = _cases()


def test_table_is_large_and_covers_every_role(kb: KnowledgeBase) -> None:
    assert len(CASES) >= 150
    named = {r for case in CASES for r in case.values[1]}
    assert named == set(kb.roles), f"roles never tested: {set(kb.roles) - named}"
    assert sum(1 for case in CASES if not case.values[1]) >= 40, "too few negatives"


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phrasing(kb: KnowledgeBase, text: str, expected: list[str]) -> None:
    assert kb.matcher.match(text) == expected


def test_every_title_alias_and_id_names_its_own_role(kb: KnowledgeBase) -> None:
    for role in kb.roles.values():
        for label in (role.id, role.title, *role.aliases):
            assert kb.matcher.match(label) == [role.id], label
            if " of " not in f" {label.lower()} ":
                assert kb.matcher.match(f"what about {label}s?") == [role.id], label


def test_longer_title_wins_over_the_title_it_contains(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("lead machine learning engineer") == ["lead-ml-engineer"]
    assert kb.matcher.match("head of data science") == ["head-of-data-science"]
    assert kb.matcher.match("data science engineer") == ["data-science-engineer"]


def test_two_letter_abbreviations_need_capitals(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("DS or DE?") == ["data-scientist", "data-engineer"]
    assert kb.matcher.match("ds or de?") == []


def test_typos_only_in_longer_words() -> None:
    matcher = RoleMatcher([("statistician", "Statistician"), ("data-analyst", "Data Analyst")],
                          english=frozenset({"analysis"}))
    assert matcher.match("statistcian") == ["statistician"]  # one letter, long word
    assert matcher.match("stattisticain") == ["statistician"]  # two letters, 13 letters
    assert matcher.match("dta analyst") == ["data-analyst"] or matcher.match("dta analyst") == []
    assert matcher.match("data analsyt") == ["data-analyst"]
    assert matcher.match("data analysis") == []  # a real word, not a typo of analyst


def test_english_words_are_never_typos(kb: KnowledgeBase) -> None:
    words = kb.matcher.find("my colleague is searching for a new role, I feel stuck").words
    assert {"colleague", "searching", "stuck"} <= set(words)


def test_misspelt_words_are_still_corrected(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("how do I become a data enginner?") == ["data-engineer"]


def test_order_of_first_appearance_without_repeats(kb: KnowledgeBase) -> None:
    text = "MLE? or head of DS... actually MLE vs data science engineer vs head of data science"
    assert kb.matcher.match(text) == ["ml-engineer", "head-of-data-science", "data-science-engineer"]


def test_closest_roles_for_suggestions(kb: KnowledgeBase) -> None:
    assert "ml-engineer" in kb.matcher.closest("machine lerning enginer")
    assert kb.matcher.closest("heda of dta sicence")[0] == "head-of-data-science"
    assert kb.matcher.closest("") == []


def test_name_key_folds_long_forms() -> None:
    assert RoleMatcher.name_key("Machine Learning Engineer") == RoleMatcher.name_key("ML engineer")
    assert RoleMatcher.name_key("ML eng") == ("ml", "engineer")


def test_a_word_shared_across_a_slash_names_every_role(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("what does a data/applied/research scientist do?") == [
        "data-scientist", "applied-scientist", "research-scientist"]
    assert kb.matcher.match("moving from data analytics/science to data engineering") == [
        "data-analyst", "data-scientist", "data-engineer"]
    assert kb.matcher.match("and/or") == []


def test_a_first_word_shared_across_and_or_and_commas_names_every_role(
        kb: KnowledgeBase) -> None:
    assert kb.matcher.match("how will AI change data scientists and analysts?") == [
        "data-scientist", "data-analyst"]
    assert kb.matcher.match("Data Engineer & Scientist") == ["data-engineer", "data-scientist"]
    assert kb.matcher.match("data scientist, analyst or engineer?") == [
        "data-scientist", "data-analyst", "data-engineer"]


def test_a_shared_first_word_needs_a_role_word_after_the_join(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("data scientist and manager") == ["data-scientist"]


def test_a_role_after_non_is_not_named(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("moving from a non-dev IT job to data engineering") == [
        "data-engineer"]


def test_a_field_moved_to_after_a_role_is_named(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("how can software engineers move to AI?") == [
        "software-engineer", "ai-engineer"]


def test_a_title_beats_a_field_of_the_same_length(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("what does a lead data science manager do?") == [
        "data-science-manager"]


def test_a_field_after_a_move_into_the_world_of_it_is_named(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("can a data analyst get into the world of AI?") == [
        "data-analyst", "ai-engineer"]


def test_a_tool_name_ending_in_s_is_not_read_as_its_singular(kb: KnowledgeBase) -> None:
    # "CSS" is a tool; "CS" (computer science) is not CSS.
    assert kb.matcher.find("is a CS degree worth it?").tools == []
    assert kb.matcher.find("should I learn CSS first?").tools == ["CSS"]


def test_a_name_that_counts_alone_counts_beside_another_when_the_asker_is_one(
        kb: KnowledgeBase) -> None:
    assert kb.matcher.find("I'm a developer, how do I get into DevOps?").roles == [
        "software-engineer", "devops-engineer"]


def test_a_word_shared_across_a_spaced_slash_names_both_roles(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("applied / research scientist: which one?") == [
        "applied-scientist", "research-scientist"]


def test_an_abbreviation_in_capitals_takes_no_head_from_the_next_title(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("DS or data engineer?") == ["data-scientist", "data-engineer"]


def test_a_field_ending_in_learning_takes_no_science_across_a_slash(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("is machine learning/data science a good career?") == [
        "ml-engineer", "data-scientist"]


def test_a_slip_does_not_turn_one_abbreviation_into_another(kb: KnowledgeBase) -> None:
    # "QA engineer" is a title careerbot does not know, not a mistyped "AI engineer".
    assert kb.matcher.best("QA engineer") is None
    assert kb.matcher.best("data scienst") == "data-scientist"


def test_a_title_before_vs_takes_no_head_from_the_title_after(kb: KnowledgeBase) -> None:
    # "data vs software engineer" shares "engineer"; "administrator" is a title of its own.
    assert kb.matcher.find("database administrator vs. SQL developer").words == [
        "database", "administrator", "vs", "sql", "developer"]


def test_an_ai_agent_developer_is_an_ai_engineer(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("how do I become an AI agent developer?") == ["ai-engineer"]


def test_a_data_science_product_manager_is_the_data_product_manager(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("What Is a Data Science Product Manager?") == ["data-product-manager"]


def test_an_llm_developer_is_an_ai_engineer(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("How Do LLM Developers Differ From ML Engineers?") == [
        "ai-engineer", "ml-engineer"]


def test_back_end_and_backend_are_one_word_in_a_title(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("Why do front-end developers make less than back-end software "
                            "engineers?") == ["frontend-developer", "backend-engineer"]


def test_ml_infra_is_the_mlops_engineers_field(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("how can a SDE transition into ML Infra?") == [
        "software-engineer", "mlops-engineer"]


def test_a_name_that_counts_alone_counts_joined_by_and_to_a_field(kb: KnowledgeBase) -> None:
    assert kb.matcher.find("how to land a job in AI & deep learning").lenient().roles == [
        "ai-engineer", "deep-learning-engineer"]


def test_a_typo_two_words_away_alike_is_corrected_the_same_way_in_every_process() -> None:
    # "modelilng" is one edit from both "modeling" and "modelling"; which one wins must not
    # depend on the order of a set, which changes with each process's hash seed (two replicas
    # would read one message two ways).
    script = ("from careerbot.bot.understand.matcher import RoleMatcher\n"
              "m = RoleMatcher([('a', 'modeling scientist'), ('b', 'modelling engineer')])\n"
              "print(m.find('a modelilng expert').words)")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(8)}
    assert len(seen) == 1, seen
