"""What users install: one wheel, one top-level import name, every module and data file in it.

CI installs the built wheel (not editable) and runs these tests against it; see ``.ci/run``.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import subprocess
import sys
import sysconfig
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

import careerbot

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("bot", "adapters", "knowledge")


def _source_files() -> set[str]:
    """Files of the three folders as the wheel should hold them: careerbot/<folder>/..."""
    listed = subprocess.run(["git", "ls-files", *FOLDERS], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    if listed.returncode == 0 and listed.stdout.strip():
        files = listed.stdout.split()
    else:  # not a git checkout (an unpacked sdist): every file but caches
        files = [str(p.relative_to(ROOT)) for f in FOLDERS for p in (ROOT / f).rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts]
    return {f"careerbot/{f}" for f in files if (ROOT / f).exists()}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out),
                    str(ROOT)], check=True, capture_output=True, timeout=300)
    (built,) = out.glob("careerbot-*.whl")
    return zipfile.ZipFile(built)


def test_wheel_adds_one_top_level_name(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"careerbot"}


def test_wheel_carries_every_module_and_data_file(wheel: zipfile.ZipFile) -> None:
    shipped = {n for n in wheel.namelist() if n.startswith("careerbot/")}
    expected = _source_files()
    assert "careerbot/adapters/slack/manifest.yaml" in expected  # the list is not empty or off
    assert expected - shipped == set(), "files missing from the wheel"
    assert {n for n in shipped - expected if not n.endswith(".pyc")} == set()


def test_every_installed_module_imports() -> None:
    names = []
    for folder in FOLDERS:
        package = importlib.import_module(f"careerbot.{folder}")
        names += [m.name for m in pkgutil.walk_packages(package.__path__, f"{package.__name__}.")
                  if not m.name.endswith("__main__")]
    assert "careerbot.adapters.slack.app" in names and "careerbot.bot.jobs.digest" in names
    for name in names:
        importlib.import_module(name)


@pytest.mark.skipif(not os.environ.get("CI"), reason="CI installs the wheel; a developer's "
                    "checkout may be an editable install")
def test_ci_tests_the_installed_wheel_not_the_checkout() -> None:
    site = Path(sysconfig.get_paths()["purelib"]).resolve()
    for path in careerbot.__path__:
        assert Path(path).resolve().is_relative_to(site), f"careerbot imported from {path}"
    direct = metadata.distribution("careerbot").read_text("direct_url.json")
    assert not (direct and json.loads(direct).get("dir_info", {}).get("editable")), \
        "careerbot is an editable install"
