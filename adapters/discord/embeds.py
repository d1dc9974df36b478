"""Reply document -> Discord messages (embeds + buttons), inside Discord's limits.

Limits: title 256, description 4,096, 25 fields, field name 256 and value 1,024, 6,000
characters across the embeds of one message, 10 embeds, content 2,000. A long reply becomes
several messages; long texts are shortened. Text is escaped for Markdown and mentions, and every
message carries ``allowed_mentions`` that let nothing ping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import discord

from careerbot.adapters import render
from careerbot.adapters.discord import buttons
from careerbot.bot.answer.reply import JobItem, Reply, Section

MAX_TITLE = 256
MAX_DESCRIPTION = 4096
MAX_FIELDS = 25
MAX_FIELD_NAME = 256
MAX_FIELD_VALUE = 1024
MAX_MESSAGE_EMBEDS = 10
MAX_MESSAGE_CHARS = 6000
# Room kept below the 6,000 total so a footer or rounding never tips a message over.
EMBED_BUDGET = 5500
COLOUR = discord.Colour(0x1D3557)
NO_PINGS = discord.AllowedMentions(everyone=False, users=False, roles=False,
                                   replied_user=False)
CHART_FILE = "careerbot-pay.png"
#: Buttons under one message: two rows of five, leaving a row for the "Compare with" menu.
MAX_BUTTONS = 10


def clean(text: str) -> str:
    """Escape Markdown and defuse mentions; allowed_mentions is the second lock on the door."""
    return discord.utils.escape_mentions(discord.utils.escape_markdown(text))


#: A Markdown escape cut in half at the end of a shortened text.
_HALF_ESCAPE = re.compile(r"\\$")


def cut(text: str, limit: int) -> str:
    return render.cut(text, limit, _HALF_ESCAPE)


def _bullets(items: Iterable[str]) -> str:
    return render.bullets(items, clean)


@dataclass
class Outgoing:
    """One Discord message: what ``channel.send`` / ``interaction.response`` get."""

    embeds: list[discord.Embed]
    content: str | None = None
    view: discord.ui.View | None = None
    allowed_mentions: discord.AllowedMentions = field(default=NO_PINGS)
    #: A PNG attached to the message (a pay chart), shown as the embed's image.
    image: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"content": self.content, "embeds": [e.to_dict() for e in self.embeds],
                "allowed_mentions": self.allowed_mentions.to_dict(),
                "components": self.view.to_components() if self.view else [],
                "attachments": [{"filename": CHART_FILE}] if self.image else []}


class _Pager:
    """Fills embeds field by field and starts a new one before any limit is reached."""

    def __init__(self, title: str) -> None:
        self.embeds = [discord.Embed(title=cut(clean(title), MAX_TITLE), colour=COLOUR)]

    @property
    def current(self) -> discord.Embed:
        return self.embeds[-1]

    def _room(self, extra: int, fields: int = 1) -> discord.Embed:
        embed = self.current
        if len(embed.fields) + fields > MAX_FIELDS or len(embed) + extra > EMBED_BUDGET:
            embed = discord.Embed(colour=COLOUR)
            self.embeds.append(embed)
        return embed

    def text(self, text: str) -> None:
        for start in range(0, len(text), MAX_DESCRIPTION - 1):
            chunk = text[start: start + MAX_DESCRIPTION - 1]
            embed = self._room(len(chunk) + 2)
            if embed.description and len(embed.description) + len(chunk) + 2 <= MAX_DESCRIPTION:
                embed.description = f"{embed.description}\n\n{chunk}"  # one embed, one screen
                continue
            if embed.description:
                embed = discord.Embed(colour=COLOUR)
                self.embeds.append(embed)
            embed.description = chunk

    def field(self, name: str, value: str, inline: bool = False) -> None:
        name = cut(name or "\u200b", MAX_FIELD_NAME)
        value = cut(value or "\u2014", MAX_FIELD_VALUE)
        self._room(len(name) + len(value)).add_field(name=name, value=value, inline=inline)

    def row(self, cells: list[tuple[str, str]]) -> None:
        """Fields side by side (inline); three per line, padded so rows line up."""
        inline = len(cells) <= 3
        pad = [("\u200b", "\u200b")] if len(cells) == 2 else []
        size = sum(len(cut(n, MAX_FIELD_NAME)) + len(cut(v, MAX_FIELD_VALUE)) for n, v in cells)
        self._room(size + 2, len(cells) + len(pad))
        for name, value in cells + pad:
            self.field(name, value, inline)


def _section(pager: _Pager, section: Section) -> None:
    body = "\n".join(filter(None, [clean(section.text) if section.text else "",
                                   _bullets(section.items)]))
    # A section longer than one field value continues in further fields.
    chunks = [body[i: i + MAX_FIELD_VALUE - 1] for i in range(0, len(body), MAX_FIELD_VALUE - 1)]
    for i, chunk in enumerate(chunks or ["\u2014"]):
        pager.field(clean(section.heading) + (" (cont.)" if i else ""), chunk)


def _job(job: JobItem) -> str:
    title = clean(job.title).replace("]", "\\]")
    link = f"**[{title}]({job.url})**" if job.url else f"**{title}**"
    return f"{link}\n{clean(' · '.join(render.job_facts(job)))}"


def _view(reply: Reply) -> discord.ui.View | None:
    """Follow-ups as persistent buttons (two rows at most), related roles as one menu."""
    view = discord.ui.View(timeout=None)
    asks = [s for s in reply.suggestions if not s.role_id or not reply.about_role]
    for s in asks[:MAX_BUTTONS]:
        if buttons.fits(buttons.ASK_ID + s.ask):
            view.add_item(buttons.AskButton(s.ask, cut(s.label, 80)))
    related = [s for s in reply.suggestions if s.role_id and reply.about_role]
    if related and reply.roles:
        options = [discord.SelectOption(label=cut(s.label.removeprefix("Compare with "), 100),
                                        value=s.role_id or "") for s in related][:25]
        view.add_item(buttons.CompareMenu(reply.roles[0].id, options))
    return view if view.children else None


def messages(reply: Reply) -> list[Outgoing]:
    """One or more messages for a reply; buttons ride on the last one."""
    pager = _Pager(reply.title)
    if reply.text:
        pager.text(clean(reply.text))
    if reply.comparison:
        titles = [clean(r.title) for r in reply.comparison.roles]
        for row in reply.comparison.rows:
            heading = clean(row.heading)
            pager.row([(f"{heading} \u00b7 {title}",
                        _bullets(cell) if len(cell) > 1 else clean(cell[0]) if cell else "")
                       for title, cell in zip(titles, row.cells, strict=True)])
        for section in [*reply.comparison.shared, *reply.comparison.only]:
            _section(pager, section)
    for section in reply.sections:
        _section(pager, section)
    if reply.jobs:
        lines = ["**Featured jobs**"] if reply.kind != "jobs" else []
        group = None
        for job in reply.jobs:
            if job.group and job.group != group:
                group = job.group
                lines.append(f"__{clean(group)}__")
            lines.append(_job(job))
        pager.text("\n\n".join(lines))
    if reply.notes:
        note = cut(clean(" ".join(reply.notes)), 2048)
        pager._room(len(note)).set_footer(text=note)
    out: list[Outgoing] = []
    size = 0
    for embed in pager.embeds:
        if not out or len(out[-1].embeds) >= MAX_MESSAGE_EMBEDS or size + len(embed) > (
                MAX_MESSAGE_CHARS):
            out.append(Outgoing(embeds=[]))
            size = 0
        out[-1].embeds.append(embed)
        size += len(embed)
    out[-1].view = _view(reply)
    if reply.chart is not None and reply.chart.rows:
        from careerbot.adapters.chart import png

        out[-1].image = png(reply.chart)
        out[-1].embeds[-1].set_image(url=f"attachment://{CHART_FILE}")
    return out


def payload_json(reply: Reply) -> str:
    """What ``careerbot ask --format discord`` prints: the first message as Discord would get
    it, and any further messages of a long reply under ``followups``."""
    first, *rest = [m.to_dict() for m in messages(reply)]
    return json.dumps({**first, "followups": rest}, indent=2, ensure_ascii=False)
