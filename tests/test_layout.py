"""The core stays platform-neutral: nothing in bot/ imports a chat SDK or an adapter."""

from __future__ import annotations

import ast
from pathlib import Path

from careerbot import bot

FORBIDDEN = {"slack_bolt", "slack_sdk", "discord", "aiohttp"}


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names


def test_core_imports_no_chat_sdk() -> None:
    files = list(Path(bot.__file__).parent.rglob("*.py"))
    assert any(p.parent.name == "understand" for p in files)  # the walk reaches subpackages
    for path in files:
        for name in _imports(path):
            assert name.split(".")[0] not in FORBIDDEN, f"{path} imports {name}"
            assert not name.startswith("careerbot.adapters"), f"{path} imports {name}"
