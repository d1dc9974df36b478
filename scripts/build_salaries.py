"""Rebuild knowledge/salaries.yaml from the aijobs.net salary index CSV.

    python scripts/build_salaries.py PATH/TO/salaries.csv [--out knowledge/salaries.yaml]

For every role in scripts/salary_titles.yaml and every experience level: the median and the
25th/75th percentiles of full-time salaries in USD, the number of answers and the work years
used. The two newest work years are used when they hold at least MIN_COUNT answers (pay moves
year to year), else every year. Fewer than MIN_COUNT answers: the count only, no figures.
The CSV is not committed; run this again when a newer survey comes out.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from careerbot.bot.kb.models import LEVELS, PlaceSalary, RoleSalary, SalariesFile, SalaryBand

HERE = Path(__file__).resolve().parent
TITLES = HERE / "salary_titles.yaml"
OUT = HERE.parent / "knowledge" / "salaries.yaml"
PLACES = HERE.parent / "knowledge" / "vocabulary" / "places.yaml"
#: A place's answers count as paid in one currency when this share of them were.
ONE_CURRENCY = 0.8
MIN_COUNT = 10
LEVEL_CODES = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "executive"}
WORKPLACES = {"0": "on-site", "50": "hybrid", "100": "remote"}
SIZES = {"S": "small", "M": "medium", "L": "large"}
SOURCE = "aijobs.net salary index (CC0), https://aijobs.net/salaries/"


def read_mapping(path: Path = TITLES) -> dict[str, tuple[list[str], str | None]]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for role_id, entry in raw.items():
        if isinstance(entry, dict):
            out[role_id] = (list(entry.get("titles") or []), entry.get("note"))
        else:
            out[role_id] = (list(entry), None)
    return out


def years_label(years: Iterable[int]) -> str:
    ys = sorted(set(years))
    return str(ys[0]) if len(ys) == 1 else f"{ys[0]}-{ys[-1]}"


def band(answers: Sequence[tuple[int, int]], newest: int) -> SalaryBand:
    """``answers`` are (work_year, salary_in_usd) pairs for one role and level."""
    recent = [a for a in answers if a[0] >= newest - 1]
    used = recent if len(recent) >= MIN_COUNT else list(answers)
    if not used:
        return SalaryBand(count=0)
    label = years_label(y for y, _ in used)
    if len(used) < MIN_COUNT:
        return SalaryBand(count=len(used), years=label)
    pay = sorted(s for _, s in used)
    q1, _, q3 = statistics.quantiles(pay, n=4, method="inclusive")
    return SalaryBand(count=len(used), years=label, median=round(statistics.median(pay)),
                      p25=round(q1), p75=round(q3))


def read_regions(path: Path = PLACES) -> dict[str, str]:
    """ISO country code -> region, from the places vocabulary."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {c["code"]: c["region"] for c in data["countries"]}


Answer = tuple[int, int, str, int]  # work year, salary in USD, currency, salary in currency


def place(answers: Sequence[tuple[str, Answer]], newest: int) -> PlaceSalary:
    """One country's or region's pay: all levels, each level, and the local currency."""
    pairs = [(year, usd) for _, (year, usd, _, _) in answers]
    levels = {}
    for level in LEVELS:
        mine = [(y, usd) for lvl, (y, usd, _, _) in answers if lvl == level]
        if mine:
            levels[level] = band(mine, newest)
    whole = band(pairs, newest)
    currencies = defaultdict(list)
    for _, (year, _, currency, amount) in answers:
        if whole.years and year >= int(whole.years.split("-")[0]):
            currencies[currency].append(amount)
    currency, amounts = max(currencies.items(), key=lambda kv: len(kv[1]), default=("USD", []))
    local = None
    if (currency != "USD" and whole.median is not None
            and len(amounts) >= ONE_CURRENCY * whole.count):
        local = round(statistics.median(amounts))
    return PlaceSalary(all=whole, levels=levels, currency=currency if local else None,
                       local_median=local)


def build(rows: Iterable[dict[str, str]], mapping: dict[str, tuple[list[str], str | None]],
          snapshot: str, regions: dict[str, str] | None = None) -> SalariesFile:
    title_roles: dict[str, list[str]] = defaultdict(list)
    for role_id, (titles, _) in mapping.items():
        for title in titles:
            title_roles[title.casefold()].append(role_id)
    regions = regions if regions is not None else read_regions()
    answers: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    by_place: dict[tuple[str, str], list[tuple[str, Answer]]] = defaultdict(list)
    all_years: list[int] = []
    for row in rows:
        if row["employment_type"] != "FT" or row["experience_level"] not in LEVEL_CODES:
            continue
        year, pay = int(row["work_year"]), int(float(row["salary_in_usd"]))
        level = LEVEL_CODES[row["experience_level"]]
        all_years.append(year)
        country = row["employee_residence"]
        answer: Answer = (year, pay, row["salary_currency"], int(float(row["salary"])))
        for role_id in title_roles.get(row["job_title"].strip().casefold(), ()):
            answers[role_id, level].append((year, pay))
            by_place[role_id, country].append((level, answer))
            if country in regions:
                by_place[role_id, "region:" + regions[country]].append((level, answer))
            if row.get("remote_ratio") in WORKPLACES:
                by_place[role_id, "work:" + WORKPLACES[row["remote_ratio"]]].append((level, answer))
            if row.get("company_size") in SIZES:
                by_place[role_id, "size:" + SIZES[row["company_size"]]].append((level, answer))
    newest = max(all_years)
    roles = {}
    for role_id, (titles, note) in sorted(mapping.items()):
        levels = {lvl: band(answers[role_id, lvl], newest) for lvl in LEVELS}
        trend = {}
        for lvl in LEVELS:
            years = [band([a for a in answers[role_id, lvl] if a[0] == y], y)
                     for y in (newest - 1, newest)]
            if all(b.median is not None and b.years == str(y)
                   for b, y in zip(years, (newest - 1, newest), strict=True)):
                trend[lvl] = years
        used = [b.years for b in levels.values() if b.years]
        span = years_label(int(y) for label in used for y in label.split("-")) if used else "none"
        groups: dict[str, dict[str, PlaceSalary]] = defaultdict(dict)
        for (rid, key), found in sorted(by_place.items()):
            if rid == role_id:
                kind, _, name = key.rpartition(":")
                groups[kind or "country"][name] = place(found, newest)
        roles[role_id] = RoleSalary(
            source=f"{SOURCE}, snapshot {snapshot}", years=span, survey_titles=titles,
            levels=levels, note=note, trend=trend, countries=groups["country"],
            regions=groups["region"], workplaces=groups["work"], company_sizes=groups["size"])
    return SalariesFile(
        generated_by="scripts/build_salaries.py", min_count=MIN_COUNT,
        source=f"{SOURCE}, snapshot {snapshot}; full-time salaries in USD", roles=roles)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--snapshot", help="survey date (default: taken from the file name)")
    args = parser.parse_args(argv)
    snapshot = args.snapshot or "-".join(args.csv.stem.split("-")[-3:])
    with args.csv.open(newline="", encoding="utf-8") as handle:
        result = build(csv.DictReader(handle), read_mapping(), snapshot)
    header = ("# Generated by scripts/build_salaries.py from the aijobs.net salary index; do not "
              "edit by hand.\n# Figures skew to US respondents (about 91% of 2024 answers).\n")
    data = result.model_dump(mode="json", exclude_none=True)
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    args.out.write_text(header + body, encoding="utf-8")
    print(f"wrote {args.out}: {len(result.roles)} roles")
    return 0


if __name__ == "__main__":
    sys.exit(main())
