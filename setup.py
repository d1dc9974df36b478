"""Installs the repository's folders bot/, adapters/ and knowledge/ as one import package,
``careerbot`` (careerbot.bot, careerbot.adapters, careerbot.knowledge), so the distribution adds
one top-level name to site-packages. Subpackages are found at build time, never listed by hand:
a new folder cannot be left out of the wheel. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

FOLDERS = ("bot", "adapters", "knowledge")
#: Data files shipped beside the code (knowledge base, Slack manifest, vocabularies).
DATA = ["*.yaml", "*.yml", "*.json", "*.txt", "*.csv"]

found = find_namespace_packages(include=[p for f in FOLDERS for p in (f, f"{f}.*")],
                                exclude=["*.__pycache__"])
setup(
    packages=[f"careerbot.{name}" for name in found],
    package_dir={f"careerbot.{folder}": folder for folder in FOLDERS},
    package_data={"": DATA},
)
