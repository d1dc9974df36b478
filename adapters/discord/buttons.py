"""Persistent buttons and menus: discord.py ``DynamicItem``s whose custom id carries the request.

A click is matched to its item by the custom id's pattern, so it works after a restart, and a
view made only of these items is not kept in memory per sent message (discord.py stores just the
classes, registered once by the client). Each callback asks the client to answer: the client
owns the Bot and knows how to reply to an interaction.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

import discord

JOBS_ID = "careerbot:jobs:"
COMPARE_ID = "careerbot:compare:"
ASK_ID = "careerbot:ask:"
#: Discord's limit for a custom id.
MAX_CUSTOM_ID = 100


class Answers(Protocol):
    """What the client offers the buttons (see ``CareerClient.answer_component``)."""

    async def answer_component(self, interaction: discord.Interaction, kind: str,
                               text: str) -> None: ...


async def _answer(interaction: discord.Interaction, kind: str, text: str) -> None:
    client: Any = interaction.client
    await client.answer_component(interaction, kind, text)


class AskButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                template=re.escape(ASK_ID) + r"(?P<ask>.+)"):
    """A follow-up question ("Data Engineer tools", "full comparison de vs ds")."""

    def __init__(self, ask: str, label: str = "Ask") -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=ASK_ID + ask))
        self.ask = ask

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> AskButton:
        return cls(match["ask"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _answer(interaction, "ask", self.ask)


class JobsButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=re.escape(JOBS_ID) + r"(?P<role>[a-z0-9-]+)"):
    def __init__(self, role: str, label: str = "Jobs for this role") -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=JOBS_ID + role))
        self.role = role

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> JobsButton:
        return cls(match["role"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await _answer(interaction, "jobs", self.role)


class CompareMenu(discord.ui.DynamicItem[discord.ui.Select[Any]],
                  template=re.escape(COMPARE_ID) + r"(?P<role>[a-z0-9-]+)"):
    """"Compare with..." a related role: the chosen value is the other role's id."""

    def __init__(self, role: str, options: list[discord.SelectOption] | None = None) -> None:
        super().__init__(discord.ui.Select(placeholder="Compare with...",
                                           options=options or [discord.SelectOption(label=role)],
                                           custom_id=COMPARE_ID + role))
        self.role = role

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> CompareMenu:
        return cls(match["role"])

    async def callback(self, interaction: discord.Interaction) -> None:
        values = (interaction.data or {}).get("values") or []
        await _answer(interaction, "compare", ", ".join([self.role, *map(str, values[:1])]))


ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (AskButton, JobsButton, CompareMenu)


def fits(custom_id: str) -> bool:
    return len(custom_id) <= MAX_CUSTOM_ID
