"""Shared fixtures: the shipped knowledge base (loaded once) and a bot with a fixed date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from careerbot import knowledge
from careerbot.bot.engine import Bot
from careerbot.bot.kb.knowledge import KnowledgeBase, load

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def kb_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped knowledge base with tests/data/jobs.yaml for its jobs: the shipped ones are
    examples that closed long ago, and tests of listings need open ones on any date."""
    target = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(knowledge.PATH, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(DATA / "jobs.yaml", target / "jobs.yaml")
    return target


@pytest.fixture(scope="session")
def kb(kb_root: Path) -> KnowledgeBase:
    return load(kb_root)


@pytest.fixture(scope="session")
def bot(kb: KnowledgeBase) -> Bot:
    return Bot(kb, today=lambda: dt.date(2025, 1, 15))


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped knowledge base (with the test jobs), for breaking on
    purpose."""
    target = tmp_path / "kb"
    shutil.copytree(knowledge.PATH, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copy(DATA / "jobs.yaml", target / "jobs.yaml")
    return target
