"""Loader: the shipped knowledge base is valid, and every kind of mistake names file, line, field."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerbot.bot.kb.knowledge import KnowledgeBase, KnowledgeError, Problem, load
from tests.process import careerbot as run

ML = "roles/ml-engineer.yaml"


def _problems(root: Path) -> list[Problem]:
    with pytest.raises(KnowledgeError) as caught:
        load(root)
    return caught.value.problems


def _edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace ``old`` (which must occur) and return the 1-based line it was on."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def _line_of(root: Path, rel: str, needle: str) -> int:
    text = (root / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_shipped_knowledge_base_is_valid(kb: KnowledgeBase) -> None:
    assert len(kb.roles) >= 33
    assert {"data-science-engineer", "lead-ml-engineer", "ml-engineer",
            "head-of-data-science"} <= set(kb.roles)
    assert len(kb.jobs) >= 5


def test_role_lists_are_complete(kb: KnowledgeBase) -> None:
    for role in kb.roles.values():
        for field in ("aliases", "responsibilities", "skills", "education", "industries", "tips",
                      "related"):
            assert len(getattr(role, field)) >= 4, (role.id, field)
        assert len(role.tools) >= 4, role.id
        assert role.outlook.source and role.outlook.source.url, role.id


def test_yaml_syntax_error_names_file_and_line(kb_copy: Path) -> None:
    line = _edit(kb_copy, ML, "family: engineering", "family: [engineering")
    (problem,) = _problems(kb_copy)
    assert problem.file.endswith("ml-engineer.yaml")
    assert "YAML syntax error" in problem.message
    assert (problem.line, problem.field) == (line, "family")


def test_syntax_error_inside_a_nested_field(kb_copy: Path) -> None:
    line = _edit(kb_copy, ML, "  Data manipulation: [Pandas, NumPy]",
                 "  Data manipulation: [Pandas, NumPy\n  bad: : :")
    (problem,) = _problems(kb_copy)
    assert (problem.line, problem.field) == (line, "tools.Data manipulation")


def test_missing_field_names_the_field_and_its_parent_line(kb_copy: Path) -> None:
    _edit(kb_copy, ML, "summary: A software engineer", "summery: A software engineer")
    problems = _problems(kb_copy)
    by_field = {p.field: p for p in problems}
    assert by_field["summary"].message == "required field is missing"
    assert by_field["summery"].line == _line_of(kb_copy, ML, "summery:")
    assert "unknown field; expected one of:" in by_field["summery"].message
    assert "summary" in by_field["summery"].message
    assert all(p.file.endswith("ml-engineer.yaml") for p in problems)


def test_wrong_value_names_the_nested_field_and_its_line(kb_copy: Path) -> None:
    line = _edit(kb_copy, ML, "  - name: Cloud platforms", "  - name: [Cloud, platforms]")
    (problem,) = _problems(kb_copy)
    assert problem.field == "skills[4].name"
    assert problem.line == line
    assert "valid string" in problem.message


def test_bad_choice_says_what_was_expected(kb_copy: Path) -> None:
    line = _edit(kb_copy, ML, "seniority: individual contributor", "seniority: wizard")
    (problem,) = _problems(kb_copy)
    assert (problem.field, problem.line) == ("seniority", line)
    assert "'lead'" in problem.message and "'wizard'" in problem.message


def test_duplicate_id_names_both_files(kb_copy: Path) -> None:
    text = (kb_copy / ML).read_text(encoding="utf-8")
    (kb_copy / "roles" / "ml-engineer-copy.yaml").write_text(text, encoding="utf-8")
    messages = [str(p) for p in _problems(kb_copy)]
    assert any("ml-engineer-copy.yaml" in m and "duplicate role id 'ml-engineer'" in m
               and "roles/ml-engineer.yaml" in m for m in messages), messages


def test_alias_used_by_two_roles_names_both_files(kb_copy: Path) -> None:
    line = _edit(kb_copy, "roles/head-of-data-science.yaml", "  - head of DS", "  - MLE")
    problems = _problems(kb_copy)
    (problem,) = [p for p in problems if "MLE" in p.message]
    assert problem.file.endswith("head-of-data-science.yaml") or problem.file.endswith(
        "ml-engineer.yaml")
    assert "ml-engineer" in problem.message and "head-of-data-science" in str(problem) or \
        "head-of-data-science" in problem.message
    assert str(line) in str(problem) or f":{_line_of(kb_copy, ML, '  - MLE')}" in str(problem)


def test_unknown_related_id_is_an_error_with_suggestion(kb_copy: Path) -> None:
    line = _edit(kb_copy, ML, "  - lead-ml-engineer\n", "  - lead-ml-enginer\n")
    (problem,) = _problems(kb_copy)
    assert (problem.field, problem.line) == ("related[0]", line)
    assert "unknown role id 'lead-ml-enginer'" in problem.message
    assert "lead-ml-engineer" in problem.message


def test_file_name_must_match_id(kb_copy: Path) -> None:
    (kb_copy / ML).rename(kb_copy / "roles" / "mle.yaml")
    (problem,) = _problems(kb_copy)
    assert problem.field == "id" and "mle.yaml" in problem.message


def test_job_errors_name_the_job_field(kb_copy: Path) -> None:
    line = _edit(kb_copy, "jobs.yaml", "workplace: remote", "workplace: remotely")
    (problem,) = _problems(kb_copy)
    assert (problem.field, problem.line) == ("jobs[0].workplace", line)
    assert "'on-site'" in problem.message


def test_job_with_unknown_role(kb_copy: Path) -> None:
    line = _edit(kb_copy, "jobs.yaml", "roles: [research-scientist]", "roles: [research-scientst]")
    (problem,) = _problems(kb_copy)
    assert (problem.field, problem.line) == ("jobs[2].roles[0]", line)
    assert "unknown role id 'research-scientst'; did you mean research-scientist" in problem.message


def test_all_problems_reported_in_one_pass(kb_copy: Path) -> None:
    _edit(kb_copy, ML, "family: engineering", "family: [engineering")
    _edit(kb_copy, "roles/head-of-data-science.yaml", "seniority: executive", "seniority: boss")
    files = {Path(p.file).name for p in _problems(kb_copy)}
    assert {"ml-engineer.yaml", "head-of-data-science.yaml"} <= files


def test_empty_and_non_mapping_files(kb_copy: Path) -> None:
    (kb_copy / "roles" / "empty.yaml").write_text("", encoding="utf-8")
    (kb_copy / "roles" / "list.yaml").write_text("- a\n- b\n", encoding="utf-8")
    messages = {Path(p.file).name: p.message for p in _problems(kb_copy)}
    assert "empty file" in messages["empty.yaml"]
    assert "got list" in messages["list.yaml"]


def test_missing_roles_folder(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path)
    assert "folder of role files not found" in problem.message


@pytest.mark.parametrize(("old", "new", "field"), [
    ("family: engineering", "family engineering", "family"),          # lost colon
    ("title: Machine Learning Engineer", 'title: "Machine Learning Engineer', "title"),  # quote
    ("  - MLE\n", "  - 'MLE\n", "aliases"),                            # quote in a list
    ("seniority: individual contributor", "seniority: [individual", "seniority"),  # bracket
])
def test_common_syntax_errors_point_at_the_broken_line(kb_copy: Path, old: str, new: str,
                                                       field: str) -> None:
    line = _edit(kb_copy, ML, old, new)
    (problem,) = _problems(kb_copy)
    assert (problem.line, problem.field) == (line, field), str(problem)
    assert "YAML syntax error" in problem.message


FIELDS = "vocabulary/fields.yaml"
BACKGROUNDS = "backgrounds.yaml"


def test_field_for_an_unknown_role_names_file_line_and_field(kb_copy: Path) -> None:
    line = _edit(kb_copy, FIELDS, "role: data-engineer", "role: data-enginer")
    (problem,) = _problems(kb_copy)
    assert (problem.file.endswith(FIELDS), problem.line, problem.field) == (True, line,
                                                                             "fields[1].role")
    assert "did you mean data-engineer" in problem.message


def test_a_field_meaning_an_unknown_role_as_well_names_file_line_and_field(kb_copy: Path) -> None:
    line = _edit(kb_copy, FIELDS, "also: [ml-engineer]", "also: [ml-enginer]")
    (problem,) = _problems(kb_copy)
    assert (problem.line, problem.field.endswith(".also[0]")) == (line, True), str(problem)
    assert "did you mean ml-engineer" in problem.message


def test_field_that_is_already_a_role_name_names_both_files(kb_copy: Path) -> None:
    _edit(kb_copy, FIELDS, "names: [data science]", "names: [data science, MLE]")
    (problem,) = _problems(kb_copy)
    assert problem.field == "fields[0].names[1]"
    assert "'ml-engineer'" in problem.message and "ml-engineer.yaml" in problem.message


def test_a_title_makes_its_discipline_a_field(kb: KnowledgeBase) -> None:
    assert kb.matcher.match("how do I get into research engineering?") == ["research-engineer"]


def test_a_listed_field_wins_over_the_discipline_a_title_makes(kb_copy: Path) -> None:
    _edit(kb_copy, FIELDS, "names: [data science]", "names: [data science, research engineering]")
    matched = load(kb_copy).matcher.match("how do I get into research engineering?")
    assert matched == ["data-scientist"]


def test_no_discipline_without_its_suffix_in_the_fields_file(kb_copy: Path) -> None:
    _edit(kb_copy, FIELDS, "scientist: science, ", "")
    assert load(kb_copy).matcher.match("how do I get into research science?") == []


def test_background_skill_must_be_a_skill_of_some_role(kb_copy: Path) -> None:
    line = _edit(kb_copy, BACKGROUNDS, "carries: [Research, Statistics,", "carries: [Reserch, Statistics,")
    (problem,) = _problems(kb_copy)
    assert (problem.line, problem.field) == (line, "backgrounds[0].carries[0]")
    assert "Reserch" in problem.message


def test_background_name_that_is_a_role_name_is_an_error(kb_copy: Path) -> None:
    _edit(kb_copy, BACKGROUNDS, "names: [teacher,", "names: [data analyst, teacher,")
    (problem,) = _problems(kb_copy)
    assert "already a role or field name" in problem.message


def test_intent_vocabulary_is_checked_like_any_file(kb_copy: Path) -> None:
    line = _edit(kb_copy, "vocabulary/intents.yaml", "salary: [", "salery: [")
    problems = _problems(kb_copy)
    assert (line, "salery") in {(p.line, p.field) for p in problems}
    assert "required field is missing" in next(p.message for p in problems if p.field == "salary")


def test_an_exception_for_no_known_intent_is_an_error(kb_copy: Path) -> None:
    _edit(kb_copy, "vocabulary/intents.yaml", "  full: [full time", "  fulll: [full time")
    (problem,) = _problems(kb_copy)
    assert problem.field == "not_meant" and "fulll" in problem.message


def test_a_phrase_in_a_list_of_single_words_is_an_error(kb_copy: Path) -> None:
    line = _edit(kb_copy, "vocabulary/intents.yaml", "field_things: [development,",
                 "field_things: [use case, development,")
    (problem,) = _problems(kb_copy)
    assert (problem.line, problem.field) == (line, "field_things[0]")


def test_a_knowledge_base_without_vocabulary_uses_the_shipped_one(kb_copy: Path) -> None:
    (kb_copy / "vocabulary" / "intents.yaml").unlink()
    (kb_copy / "vocabulary" / "fields.yaml").unlink()
    kb = load(kb_copy)
    assert kb.intents is not None and kb.matcher.match("data engineering jobs") == []


# ---- knowledge that stays true (validate's warnings, --strict) --------------------------------

def test_every_outlook_names_the_2024_34_cycle_or_says_why_not(kb: KnowledgeBase) -> None:
    for role in kb.roles.values():
        outlook = role.outlook
        assert outlook.period == "2024-2034" or (
            outlook.growth_pct is None and "2024-2034" in outlook.text), role.id
        assert outlook.occupation and outlook.source and outlook.source.url, role.id


def test_an_outlook_figure_without_its_occupation_is_an_error(kb_copy: Path) -> None:
    line = _edit(kb_copy, ML, "  occupation: Data scientists\n", "")
    (problem,) = _problems(kb_copy)
    assert problem.field == "outlook" and "figures need occupation" in problem.message
    assert problem.line < line  # the outlook: line, above the one removed


def test_a_citation_reads_as_publisher_and_year(kb: KnowledgeBase) -> None:
    lines = kb.roles["head-of-data-science"].education
    assert any("5-10 years (ai-jobs.net, 2024)" in line for line in lines)
    assert not any("[1]" in line for line in lines)


def test_a_citation_of_a_missing_source_is_an_error(kb_copy: Path) -> None:
    _edit(kb_copy, ML, "  - Tune models so they perform well and scale.",
          "  - Tune models so they perform well and scale [9].")
    (problem,) = _problems(kb_copy)
    assert "ml-engineer.yaml" in problem.file and "citation [9]" in problem.message


# ---- hostile YAML: refused quickly, with file and line ------------------------------------------

def _levels(aliases_per_level: int) -> str:
    """A "billion laughs" document: each level repeats the one before."""
    lines = ["a: &a [lol, lol, lol, lol, lol]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * aliases_per_level) + "]")
    return "\n".join(lines) + "\n"


def test_many_aliases_are_refused(kb_copy: Path) -> None:
    (kb_copy / ML).write_text(_levels(9))
    (problem,) = _problems(kb_copy)
    assert "ml-engineer.yaml" in problem.file and "aliases" in problem.message
    assert problem.line > 1


def test_few_aliases_that_expand_hugely_are_refused(kb_copy: Path) -> None:
    (kb_copy / ML).write_text(_levels(5))  # 45 aliases, about two million values
    (problem,) = _problems(kb_copy)
    assert "expand to more than" in problem.message


def test_an_alias_inside_itself_is_refused_with_its_line(kb_copy: Path) -> None:
    (kb_copy / ML).write_text("id: ml-engineer\nlist: &a\n  - 1\n  - *a\n")
    (problem,) = _problems(kb_copy)
    assert problem.line == 2 and "refers to the value that contains it" in problem.message


def test_deep_nesting_is_refused_before_the_parser_builds_it(kb_copy: Path) -> None:
    (kb_copy / ML).write_text("id: " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run("validate", "--knowledge", str(kb_copy))  # its own process: it once crashed
    assert result.returncode == 1
    # Our limit ("nested deeper than 40 levels") or, with a newer libyaml, its own ("exceeded
    # maximum nesting depth"): either way a refusal naming the file, line and field.
    assert "ml-engineer.yaml:1: id: YAML syntax error:" in result.stdout
    assert "nest" in result.stdout.split("YAML syntax error:")[1]


def test_a_file_over_the_size_limit_is_not_read(kb_copy: Path) -> None:
    (kb_copy / ML).write_text("{" + ", ".join(f"k{i}: v" for i in range(200_000)) + "}\n")
    (problem,) = _problems(kb_copy)
    assert problem.line == 1 and "larger than 1024 KB" in problem.message
