"""The knowledge base says things in its own words: no role file repeats a seed article's
sentences (facts carry over, sentences do not)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from careerbot import knowledge

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
RUN = 12  # consecutive words that make a copied sentence


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9+#]+", text.lower())


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def shared_runs(text_words: list[str], seed_runs: set[tuple[str, ...]]) -> list[str]:
    """Every run of RUN words in ``text_words`` that also stands in a seed."""
    return [" ".join(text_words[i:i + RUN]) for i in range(len(text_words) - RUN + 1)
            if tuple(text_words[i:i + RUN]) in seed_runs]


def _seed_runs() -> set[tuple[str, ...]]:
    runs: set[tuple[str, ...]] = set()
    for seed in sorted(SEEDS.glob("*.txt")):
        words = _words(seed.read_text(encoding="utf-8", errors="replace"))
        runs.update(tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1))
    return runs


def _role_files() -> list[Path]:
    return sorted((Path(knowledge.PATH) / "roles").glob("*.yaml"))


def test_the_check_finds_a_copied_sentence() -> None:
    seed = _words("one two three four five six seven eight nine ten eleven twelve thirteen")
    runs = {tuple(seed[i:i + RUN]) for i in range(len(seed) - RUN + 1)}
    assert shared_runs(_words("So: two three four five six seven eight nine ten eleven twelve "
                              "thirteen!"), runs)
    assert not shared_runs(_words("two three four five six seven eight nine ten eleven twelve"),
                           runs)


@pytest.mark.parametrize("path", _role_files(), ids=lambda path: path.stem)
def test_no_role_file_repeats_a_seed_sentence(path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    seed_runs = _seed_runs()
    copied = [run for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
              for run in shared_runs(_words(text), seed_runs)]
    assert not copied, f"{path.name} repeats seed wording: {copied[:3]}"
