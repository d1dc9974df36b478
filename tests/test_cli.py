"""The ``careerbot`` command, run as a user runs it: a subprocess of the installed script."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from careerbot import knowledge
from careerbot.adapters import textrender
from careerbot.bot.answer.reply import Reply
from careerbot.bot.jobs import select
from careerbot.bot.kb.knowledge import load
from careerbot.bot.kb.models import Job, JobsFile
from tests.process import careerbot as run


def flat(text: str) -> str:
    """Output with wrapping undone, so a fact split over two lines is still one phrase."""
    return re.sub(r"\s+", " ", text)


# Facts of the seed articles, as they must appear in a comparison of each pair.
SEED_FACTS = {
    ("ml-engineer", "head-of-data-science"): [
        "Python", "R", "Java", "C++", "TensorFlow", "Keras", "Scikit-learn", "PyTorch", "Pandas",
        "NumPy", "Docker", "Kubernetes", "Apache Airflow", "Tableau", "Power BI", "Matplotlib",
        "Seaborn", "Jira", "Trello", "Asana", "Slack", "Microsoft Teams", "SAS", "SPSS",
        "Programming languages", "Machine learning frameworks", "Data manipulation",
        "Deployment", "Data visualization", "Project management", "Collaboration",
        "Statistical analysis", "Technology and software development", "Finance and banking",
        "Healthcare and pharmaceuticals", "E-commerce and retail", "Automotive and transportation",
        "Telecommunications", "Retail and e-commerce", "Government and public sector",
        "AWS", "Google Cloud", "Agile", "Scrum", "version control", "testing",
        "feature engineering", "5-10 years", "Ph.D.", "31%", "2019", "2029",
        "U.S. Bureau of Labor Statistics", "open-source", "mentor", *[
            "Featured jobs", "murmuration", "Rochester Institute of Technology", "Amazon.com",
            "USD 100K - 130K", "Cloud Consultant Intern, AWS Professional Services"],
    ],
    ("data-science-engineer", "lead-ml-engineer"): [
        "Python", "R", "SQL", "Apache Spark", "Apache Kafka", "MySQL", "PostgreSQL", "MongoDB",
        "Tableau", "Power BI", "Matplotlib", "TensorFlow", "PyTorch", "Scikit-learn", "Docker",
        "Kubernetes", "MLflow", "Java", "C++", "Git", "GitHub", "Data processing", "Databases",
        "Version control", "Hadoop", "Spark", "Azure", "Kubeflow", "ETL",
        "extract, transform, load", "Finance and banking", "Healthcare", "E-commerce",
        "Telecommunications", "Government and public sector", "autonomous vehicles",
        "predictive analytics", "Retail and e-commerce", "Technology and software development",
        "31%", "2019-2029", "U.S. Bureau of Labor Statistics", "bootcamps", "open-source",
        "research papers", "master's degree or Ph.D.", "certifications",
    ],
}


def example_jobs() -> list[Job]:
    text = (Path(knowledge.PATH) / "examples" / "jobs.yaml").read_text(encoding="utf-8")
    return list(JobsFile.model_validate(yaml.safe_load(text)).jobs)


def test_example_jobs_follow_the_format_and_are_closed() -> None:
    jobs = example_jobs()
    assert len(jobs) == 5 and all(job.expires and job.expires.year == 2024 for job in jobs)


@pytest.mark.parametrize("pair", list(SEED_FACTS))
def test_compare_seed_pairs_shows_every_seed_fact(pair: tuple[str, str]) -> None:
    result = run("compare", *pair, "--full")
    assert result.returncode == 0, result.stderr
    # The seed articles' featured jobs closed in 2024: they ship as examples of the jobs.yaml
    # format, so their facts are checked there, rendered as a job list would show them.
    shipped = load()
    examples = Reply(kind="jobs", title="Featured jobs", text="", fallback="",
                     jobs=[select.item(shipped, job) for job in example_jobs()])
    output = flat(result.stdout + textrender.render(examples))
    missing = [fact for fact in SEED_FACTS[pair] if fact.lower() not in output.lower()]
    assert not missing


def test_compare_unknown_role_exits_2_with_suggestions() -> None:
    result = run("compare", "ml-engineer", "heda-of-dta-sicence")
    assert result.returncode == 2
    assert "unknown role 'heda-of-dta-sicence'" in result.stderr
    assert "Did you mean" in result.stderr and "head-of-data-science" in result.stderr
    assert "Traceback" not in result.stderr


def test_compare_needs_two_different_roles() -> None:
    result = run("compare", "MLE", "ml-engineer")
    assert result.returncode == 2 and "two different roles" in result.stderr


def test_role_section_and_bad_section() -> None:
    ok = run("role", "data engineer", "--section", "tools")
    assert ok.returncode == 0 and "Apache Spark" in ok.stdout
    bad = run("role", "data engineer", "--section", "hobbies")
    assert bad.returncode == 2 and "unknown section 'hobbies'" in bad.stderr


def test_json_format_is_the_reply_document() -> None:
    result = run("compare", "MLE", "head of DS", "--format", "json")
    doc = json.loads(result.stdout)
    assert doc["kind"] == "compare"
    assert [r["id"] for r in doc["roles"]] == ["ml-engineer", "head-of-data-science"]


def test_ask_always_exits_0() -> None:
    for text in ("MLE vs head of DS", "asdfgh qwerty", "<!channel> \x1b[31m red"):
        result = run("ask", text)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip()
        assert "\x1b" not in result.stdout


def test_shipped_jobs_are_closed_examples_and_the_answer_says_how_to_add_feeds() -> None:
    result = run("jobs")
    assert result.returncode == 0
    assert "No featured jobs are open right now" in result.stdout and "feeds" in result.stdout


def test_jobs_and_roles_commands(kb_root: Path) -> None:
    jobs = run("jobs", "--remote", "--level", "senior", "--knowledge", str(kb_root))
    assert jobs.returncode == 0 and "Senior Data Scientist" in jobs.stdout
    assert "Data Engineer at" not in jobs.stdout
    assert run("jobs", "--role", "astronaut").returncode == 2
    assert run("jobs", "--level", "godlike").returncode == 2
    roles = run("roles", "--format", "json")
    assert len(json.loads(roles.stdout)["fallback"]) > 100


def test_match_single_and_batch() -> None:
    one = run("match", "MLE vs head of DS")
    assert json.loads(one.stdout) == {"text": "MLE vs head of DS",
                                      "roles": ["ml-engineer", "head-of-data-science"]}
    lines = ["lead MLE or MLE?", "", "thanks!", "data science engineers"]
    batch = run("match", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in batch.stdout.splitlines()]
    assert [o["text"] for o in out] == lines
    assert [o["roles"] for o in out] == [["lead-ml-engineer", "ml-engineer"], [], [],
                                         ["data-science-engineer"]]


def test_batch_match_survives_invalid_utf8() -> None:
    out = run("match", stdin=b"MLE \xff\xfe vs head of DS\n")
    assert out.returncode == 0
    assert json.loads(out.stdout)["roles"] == ["ml-engineer", "head-of-data-science"]


def test_validate_ok_and_broken(tmp_path: Path, kb_copy: Path) -> None:
    ok = run("validate", "--knowledge", str(kb_copy))
    assert ok.returncode == 0 and ok.stdout.startswith("ok: ")
    path = kb_copy / "roles" / "ml-engineer.yaml"
    path.write_text(path.read_text().replace("title: Machine", "titel: Machine"))
    bad = run("validate", "--knowledge", str(kb_copy))
    assert bad.returncode == 1
    assert re.search(r"ml-engineer\.yaml:\d+: title: required field is missing", bad.stdout)
    assert re.search(r"ml-engineer\.yaml:2: titel: unknown field", bad.stdout)
    # Every other command refuses a broken knowledge base clearly, without a traceback.
    other = run("ask", "MLE", env={"CAREERBOT_KNOWLEDGE": str(kb_copy)})
    assert other.returncode == 1 and "careerbot validate" in other.stderr
    assert "Traceback" not in other.stderr


def test_validate_strict_passes_on_the_shipped_knowledge_base() -> None:
    result = run("validate", "--strict")
    assert result.returncode == 0 and "warning" not in result.stdout, result.stdout


def _strict(root: Path) -> subprocess.CompletedProcess[str]:
    return run("validate", "--strict", "--knowledge", str(root))


def test_validate_warns_about_a_closed_job_and_strict_fails(kb_copy: Path) -> None:
    jobs = kb_copy / "jobs.yaml"
    jobs.write_text(jobs.read_text().replace("posted: 2025-01-09\n    expires: 2099-12-31",
                                             "posted: 2025-01-09", 1))
    warned = run("validate", "--knowledge", str(kb_copy))
    assert warned.returncode == 0
    assert re.search(r"jobs\.yaml:\d+: jobs\[3\]\.posted: job 'amazon-data-engineer-intern' closed "
                     r"on 2025-03-10.*\(warning\)", warned.stdout)
    assert _strict(kb_copy).returncode == 1


def test_validate_strict_fails_on_a_figure_without_a_source(kb_copy: Path) -> None:
    path = kb_copy / "roles" / "ml-engineer.yaml"
    text = path.read_text()
    line = text[:text.index("  - Tune models")].count("\n") + 1
    path.write_text(text.replace("  - Tune models so they perform well and scale.",
                                 "  - Tune models so they run 40% faster.", 1))
    result = _strict(kb_copy)
    assert result.returncode == 1
    assert f"ml-engineer.yaml:{line}: responsibilities[1]: '40%' has no source" in result.stdout


def test_validate_warns_about_old_sources_and_sources_without_address(kb_copy: Path) -> None:
    path = kb_copy / "roles" / "ml-engineer.yaml"
    text = path.read_text()
    start = text.index("sources:\n")
    path.write_text(text[:start] + "sources:\n  - title: An old guide\n    publisher: Someone\n"
                    "    year: 2019\n" + text[start + len("sources:\n"):])
    out = run("validate", "--knowledge", str(kb_copy)).stdout
    assert "sources[0].year: source from 2019 is more than 3 years old" in out
    assert "sources[0]: source 'An old guide' has no address (url)" in out


def test_console_reads_lines_from_a_pipe() -> None:
    result = run(stdin="MLE vs head of DS\nhelp\n")
    assert result.returncode == 0
    assert "Machine Learning Engineer vs Head of Data Science" in result.stdout
    assert "careerbot: career answers" in result.stdout


def test_bad_option_is_a_user_error() -> None:
    result = run("compare", "--format", "xml", "a", "b")
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_jobs_command_filters_by_a_pay_floor(kb_root: Path) -> None:
    jobs = run("jobs", "--role", "data engineer", "--min-salary", "150000",
               "--knowledge", str(kb_root))
    assert jobs.returncode == 0 and "Data Engineer Intern, AWS" in jobs.stdout
    assert "murmuration" not in jobs.stdout  # its Data Engineer job tops out at 130K
