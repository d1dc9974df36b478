"""The compiled knowledge-base cache: used when current, never stale, never required."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from careerbot.bot.kb import cache
from careerbot.bot.kb.knowledge import KnowledgeError, load


def _cached_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("knowledge-*.pickle"))


def test_first_load_stores_and_second_reads_the_cache(kb_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = cache.load(kb_copy, folder)
    (stored,) = _cached_files(folder)
    # Put a marker into the stored copy: the next load must return exactly that copy.
    marked = dataclasses.replace(first, jobs=[])
    stored.write_bytes(pickle.dumps(marked))
    assert first.jobs and cache.load(kb_copy, folder).jobs == []


def test_an_edit_misses_the_cache(kb_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache.load(kb_copy, folder)
    path = kb_copy / "roles" / "data-engineer.yaml"
    path.write_text(path.read_text().replace("title: Data Engineer", "title: Data Plumber"))
    assert cache.load(kb_copy, folder).roles["data-engineer"].title == "Data Plumber"
    assert len(_cached_files(folder)) == 1  # the stale copy is replaced, not kept


def test_a_broken_cache_file_is_reloaded_from_yaml(kb_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache.load(kb_copy, folder)
    (stored,) = _cached_files(folder)
    stored.write_bytes(b"\x80\x05 cut short")
    assert cache.load(kb_copy, folder).roles == load(kb_copy).roles


def test_a_broken_knowledge_base_is_never_cached(kb_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    path = kb_copy / "roles" / "data-engineer.yaml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    with pytest.raises(KnowledgeError):
        cache.load(kb_copy, folder)
    assert _cached_files(folder) == []


def test_a_folder_others_can_write_is_not_trusted(kb_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache.load(kb_copy, folder)
    (stored,) = _cached_files(folder)
    stored.write_bytes(pickle.dumps(dataclasses.replace(load(kb_copy), jobs=[])))
    os.chmod(folder, 0o777)
    assert cache.load(kb_copy, folder).jobs  # loaded from YAML, not the planted copy


def test_no_cache_folder_loads_from_yaml(kb_copy: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cache.load(kb_copy, blocked / "cache").roles == load(kb_copy).roles
    assert cache.load(kb_copy, None).roles == load(kb_copy).roles
