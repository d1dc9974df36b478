"""Reply document -> Slack messages (Block Kit), inside Slack's limits.

Limits: 50 blocks per message, 3,000 characters per section text, 2,000 per field, 10 fields,
150 per header, 75 per button label. Long replies are split into several messages, long texts
are shortened; Slack never gets a message it would reject. Every message has a plain ``text``
fallback. All text is escaped (&, <, >) and broadcast words are defused, so nothing in a reply
can become a mention, a link or @channel.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block as SdkBlock

from careerbot.adapters import render
from careerbot.bot.answer.reply import JobItem, Reply, Section, Suggestion

log = logging.getLogger("careerbot.slack")

MAX_BLOCKS = 50
MAX_TEXT = 3000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_HEADER = 150
MAX_BUTTON = 75
MAX_FALLBACK = 3000
MAX_CONTEXT = 10
ACTION_ASK = "careerbot_ask"
ACTION_JOBS = "careerbot_jobs"
ACTION_COMPARE = "careerbot_compare"

Block = dict[str, Any]
Message = dict[str, Any]

_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """Slack's three control characters, plus a zero-width space that defuses @channel & co."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BROADCAST.sub("@\u200b\\1", text)


#: An escape such as ``&amp;`` cut in half at the end of a shortened text.
_HALF_ESCAPE = re.compile(r"&[a-z]*$")


def cut(text: str, limit: int) -> str:
    """Shorten to ``limit`` characters without splitting an escape like ``&amp;``."""
    return render.cut(text, limit, _HALF_ESCAPE)


def _mrkdwn(text: str, limit: int = MAX_TEXT) -> dict[str, str]:
    return {"type": "mrkdwn", "text": cut(text, limit)}


def _plain(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": cut(text, limit) or " ", "emoji": True}


def _bullets(items: Iterable[str]) -> str:
    return render.bullets(items, escape)


def _sections(heading: str, body: str) -> list[Block]:
    """A heading and body as one or more section blocks, splitting at lines past 3,000 chars."""
    blocks: list[Block] = []
    chunk = f"*{escape(heading)}*" if heading else ""
    for line in body.split("\n"):
        candidate = f"{chunk}\n{line}" if chunk else line
        if len(candidate) > MAX_TEXT and chunk:
            blocks.append({"type": "section", "text": _mrkdwn(chunk)})
            candidate = line
        chunk = candidate
    if chunk:
        blocks.append({"type": "section", "text": _mrkdwn(chunk)})
    return blocks


def _section(section: Section) -> list[Block]:
    body = "\n".join(filter(None, [escape(section.text) if section.text else "",
                                   _bullets(section.items)]))
    return _sections(section.heading, body or "_none_")


def _comparison(reply: Reply) -> list[Block]:
    assert reply.comparison is not None
    titles = [escape(r.title) for r in reply.comparison.roles]
    blocks: list[Block] = []
    for row in reply.comparison.rows:
        fields = []
        for title, cell in zip(titles, row.cells, strict=True):
            body = _bullets(cell) if len(cell) > 1 else escape(cell[0]) if cell else "_none_"
            fields.append(_mrkdwn(f"*{title}*\n{body}", MAX_FIELD))
        for start in range(0, len(fields), MAX_FIELDS):
            block: Block = {"type": "section", "fields": fields[start:start + MAX_FIELDS]}
            if start == 0:
                block["text"] = _mrkdwn(f"*{escape(row.heading)}*")
            blocks.append(block)
    for section in [*reply.comparison.shared, *reply.comparison.only]:
        blocks += _section(section)
    return blocks


def _job(job: JobItem) -> Block:
    block: Block = {
        "type": "section",
        "text": _mrkdwn(f"*{escape(job.title)}*\n{escape(' · '.join(render.job_facts(job)))}"),
    }
    if job.url:  # no posting, no button: a board's home page would only mislead
        block["accessory"] = {"type": "button", "text": _plain("View job", MAX_BUTTON),
                              "url": job.url[:3000],
                              "action_id": f"careerbot_view_{job.id}"[:255]}
    return block


#: Follow-up buttons under one message (Slack allows 25 elements in an actions block).
MAX_BUTTONS = 10


def _actions(reply: Reply) -> list[Block]:
    """Follow-ups as buttons; on a reply about one role, related roles as one "Compare with..."
    menu."""
    menu = reply.about_role and bool(reply.roles)
    asks = [s for s in reply.suggestions if not (menu and s.role_id)]
    elements: list[dict[str, Any]] = [_ask_button(i, s) for i, s in enumerate(asks[:MAX_BUTTONS])]
    related = [s for s in reply.suggestions if s.role_id][:100] if menu else []
    if related:
        elements.append({
            "type": "static_select", "action_id": ACTION_COMPARE,
            "placeholder": _plain("Compare with...", 150),
            "options": [{"text": _plain(s.label.removeprefix("Compare with "), 75),
                         "value": f"{reply.roles[0].id} {s.role_id}"} for s in related],
        })
    return [{"type": "actions", "elements": elements}] if elements else []


def _ask_button(index: int, suggestion: Suggestion) -> dict[str, Any]:
    return {"type": "button", "text": _plain(suggestion.label, MAX_BUTTON),
            "action_id": f"{ACTION_ASK}_{index}", "value": suggestion.ask[:2000]}


def _context(notes: list[str]) -> list[Block]:
    if not notes:
        return []
    return [{"type": "context",
             "elements": [_mrkdwn(escape(n), MAX_FIELD) for n in notes[:MAX_CONTEXT]]}]


def fallback(reply: Reply) -> str:
    return cut(escape(reply.fallback), MAX_FALLBACK)


def messages(reply: Reply) -> list[Message]:
    """One or more Slack messages (``text`` + ``blocks``) for a reply, each within limits."""
    body: list[Block] = []
    if reply.text:
        body += _sections("", escape(reply.text))
    if reply.comparison:
        body += _comparison(reply)
    for section in reply.sections:
        body += _section(section)
    if reply.jobs and reply.kind != "jobs":
        body.append({"type": "section", "text": _mrkdwn("*Featured jobs*")})
    group = None
    for job in reply.jobs:
        if job.group and job.group != group:
            group = job.group
            body.append({"type": "section", "text": _mrkdwn(f"*{escape(group)}*")})
        body.append(_job(job))
    tail = _actions(reply) + _context(reply.notes)
    header: Block = {"type": "header", "text": _plain(reply.title, MAX_HEADER)}
    # Split the body into messages of at most 50 blocks; header on the first, tail on the last.
    pages: list[list[Block]] = [[header]]
    for block in body:
        if len(pages[-1]) >= MAX_BLOCKS:
            pages.append([])
        pages[-1].append(block)
    if len(pages[-1]) + len(tail) > MAX_BLOCKS:
        pages.append([])
    pages[-1] += tail
    text = fallback(reply)
    out = []
    for i, page in enumerate(pages):
        part = f" (part {i + 1} of {len(pages)})" if len(pages) > 1 else ""
        out.append({"text": cut(text, MAX_FALLBACK - len(part)) + part,
                    "blocks": [_checked(block, text) for block in page]})
    return out


def _checked(block: Block, text: str) -> Block:
    """Every block passes slack-sdk's Block Kit models before it is sent; one that does not
    (a bug, never user input) is replaced by the plain text of the answer and logged."""
    try:
        SdkBlock.parse(block).validate_json()  # type: ignore[union-attr]
    except (SlackObjectFormationError, AttributeError, KeyError, TypeError) as exc:
        log.error("invalid Block Kit block replaced by text: %s", exc)
        return {"type": "section", "text": _mrkdwn(text)}
    return block


def payload_json(reply: Reply) -> str:
    """What ``careerbot ask --format slack`` prints: the message (``text`` + ``blocks``, which
    Block Kit Builder accepts) and any further messages of a long reply under ``followups``."""
    first, *rest = messages(reply)
    return json.dumps({**first, "followups": rest}, indent=2, ensure_ascii=False)
