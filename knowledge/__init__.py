"""The shipped knowledge base: YAML files installed alongside the code."""

from __future__ import annotations

from pathlib import Path

#: Folder holding ``roles/*.yaml`` and ``jobs.yaml``; valid from any working directory.
PATH = Path(__file__).resolve().parent
