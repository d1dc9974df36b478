"""Renders a reply document as plain text for an 80-column terminal.

Comparisons go section by section; inside each section every role's lines follow each other
under its name, which stays readable at 80 columns where two wrapped columns would not.
"""

from __future__ import annotations

import textwrap

from careerbot.adapters.render import job_facts
from careerbot.bot.answer.reply import JobItem, Reply, Section

WIDTH = 80


def _wrap(text: str, indent: str, width: int, bullet: str = "") -> list[str]:
    # An address split over two lines can no longer be clicked or copied.
    lines = textwrap.wrap(text, width=width, initial_indent=indent + bullet,
                          subsequent_indent=indent + " " * len(bullet),
                          break_long_words="://" not in text, break_on_hyphens=False)
    return lines or [indent + bullet.rstrip()]


def _heading(text: str, char: str) -> list[str]:
    return [text, char * min(len(text), WIDTH)]


#: Items this short are names (tools, skills): listed on one wrapped line, not one per line.
SHORT_ITEM = 32


def _section(section: Section, width: int) -> list[str]:
    out = ["", f"{section.heading}:"]
    if section.text:
        out += _wrap(section.text, "", width)
    if len(section.items) > 3 and all(len(i) <= SHORT_ITEM for i in section.items):
        return out + _wrap(", ".join(section.items), "  ", width)
    for item in section.items:
        out += _wrap(item, "  ", width, "- ")
    return out


def _job(job: JobItem, width: int) -> list[str]:
    return [*_wrap(f"{job.title} at {job.company}", "", width, "* "),
            *_wrap(" | ".join(job_facts(job)[1:]), "    ", width),
            *_wrap(f"{job.url + ' ' if job.url else ''}(posted {job.posted})", "    ", width)]


def render(reply: Reply, width: int = WIDTH) -> str:
    out: list[str] = _heading(reply.title, "=")
    if reply.text:
        for paragraph in reply.text.split("\n"):
            out += _wrap(paragraph, "", width)
    if reply.comparison:
        titles = {r.id: r.title for r in reply.comparison.roles}
        for row in reply.comparison.rows:
            out += ["", f"{row.heading}:"]
            for ref, cell in zip(reply.comparison.roles, row.cells, strict=True):
                out.append(f"  {titles[ref.id]}:")
                for line in cell or ["(none listed)"]:
                    out += _wrap(line, "    ", width, "- " if len(cell) > 1 else "")
        for section in [*reply.comparison.shared, *reply.comparison.only]:
            out += _section(section, width)
    for section in reply.sections:
        out += _section(section, width)
    if reply.jobs:
        out += ["", "Featured jobs:"] if reply.kind != "jobs" else [""]
        for job in reply.jobs:
            out += _job(job, width)
    if reply.suggestions:
        out += ["", "Next you could ask:"]
        out += [line for s in reply.suggestions
                for line in _wrap(f"{s.ask}  ({s.label})", "  ", width, "> ")]
    if reply.chart is not None and reply.chart.rows:
        out += ["", *_wrap(f"Chart: {reply.chart.title} (a picture in Slack and Discord; in "
                           "the terminal, careerbot ask ... --chart FILE saves it)", "", width)]
    if reply.notes:
        out.append("")
    for note in reply.notes:
        out += _wrap(note, "", width)
    return "\n".join(out) + "\n"


#: Lines of text one chat answer may take; a comparison of three or more roles may use more.
SCREEN_LINES, SCREEN_LINES_MANY = 40, 60


def fits_one_screen(reply: Reply) -> bool:
    """The rendered answer fits one chat screen (the rest belongs behind buttons)."""
    limit = SCREEN_LINES_MANY if len(reply.roles) >= 3 else SCREEN_LINES
    return render(reply).count("\n") <= limit
