"""Digest subscriptions made in the chat: the words they are read from, who may make them, and
the whole path in real processes (``careerbot serve`` in Slack HTTP mode receiving signed
commands, then ``careerbot digest``) against a fake Slack on 127.0.0.1."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

from careerbot.bot.jobs.config import Digest
from careerbot.bot.jobs.digest import next_run_of
from careerbot.bot.jobs.store import SQLiteStore
from careerbot.bot.jobs.subscriptions import MAX_ALERTS, Requester, Subscriptions
from careerbot.bot.kb.knowledge import KnowledgeBase
from careerbot.bot.understand.intents import vocabulary
from tests.fakes import FakeSlack, free_port, healthy
from tests.test_slack import SECRET, post, signed, trigger

ADMIN = Requester("slack", "C1", "UADMIN", "#data-jobs", may_manage=True)
MEMBER = Requester("slack", "C1", "UMEMBER", "#data-jobs", may_manage=False, refusal="Admins only.")


@pytest.fixture
def subs(kb: KnowledgeBase) -> Subscriptions:
    return Subscriptions(kb, vocabulary(kb.intents), SQLiteStore(":memory:"), Digest())


def test_filters_are_read_like_questions(subs: Subscriptions) -> None:
    reply = subs.handle("subscribe data eng senior remote min 120k at 9 tz Europe/Berlin "
                        "weekdays", ADMIN)
    assert reply is not None and reply.kind == "subscription"
    (stored,) = subs.store.subscriptions()
    f = stored.target.filters
    assert (f.roles, f.levels, f.workplace, f.min_salary) == (
        ["data-engineer"], ["senior"], ["remote"], 120_000)
    assert (stored.target.time, stored.target.timezone, stored.target.weekdays) == (
        "09:00", "Europe/Berlin", True)
    assert reply.text == ("Subscribed #data-jobs: Data Engineer, senior, remote, at least "
                          "120,000 a year, weekdays 09:00 Europe/Berlin.")


def test_the_mention_form_subscribes_too(subs: Subscriptions) -> None:
    reply = subs.handle("<@UBOT> post remote senior data engineering jobs here every weekday "
                        "at 9", ADMIN)
    assert reply is not None and reply.kind == "subscription"
    assert subs.store.subscriptions()[0].target.filters.roles == ["data-engineer"]


def test_an_unknown_role_gets_did_you_mean(subs: Subscriptions) -> None:
    reply = subs.handle("subscribe dat enginer", ADMIN)
    assert reply is not None and reply.kind == "error" and "Did you mean Data Engineer" in reply.text
    assert subs.store.subscriptions() == []


def test_an_unknown_time_zone_gets_the_closest_names(subs: Subscriptions) -> None:
    reply = subs.handle("subscribe data engineer tz Europe/Berln", ADMIN)
    assert reply is not None and "Europe/Berlin" in reply.text and reply.kind == "error"


def test_a_member_may_not_subscribe_the_channel_but_may_set_an_alert(subs: Subscriptions) -> None:
    refused = subs.handle("subscribe data engineer", MEMBER)
    assert refused is not None and refused.kind == "error" and "Admins only." in refused.text
    alert = subs.handle("alert me data engineer", MEMBER)
    assert alert is not None and alert.kind == "subscription"
    (stored,) = subs.store.subscriptions()
    assert (stored.target.kind, stored.target.channel) == ("alert", "UMEMBER")


def test_alerts_are_limited_per_person(subs: Subscriptions) -> None:
    for _ in range(MAX_ALERTS):
        subs.handle("alert me data engineer", MEMBER)
    refused = subs.handle("alert me data engineer", MEMBER)
    assert refused is not None and refused.kind == "error" and "5 alerts" in refused.text


def test_list_and_unsubscribe(subs: Subscriptions) -> None:
    subs.handle("subscribe data engineer", ADMIN)
    subs.handle("subscribe data scientist", ADMIN)
    listed = subs.handle("subscriptions", ADMIN)
    assert listed is not None and len(listed.sections[0].items) == 2
    assert "next post" in listed.sections[0].items[0]
    stopped = subs.handle("unsubscribe 1", ADMIN)
    assert stopped is not None and stopped.kind == "subscription"
    assert [s.target.filters.roles for s in subs.store.subscriptions()] == [["data-scientist"]]


def test_a_question_is_not_a_subscription_command(subs: Subscriptions) -> None:
    assert subs.handle("what does a data engineer do?", ADMIN) is None


def test_weekdays_skip_the_weekend(subs: Subscriptions) -> None:
    subs.handle("subscribe data engineer at 9 weekdays", ADMIN)
    target = subs.store.subscriptions()[0].target
    friday_evening = dt.datetime(2025, 1, 17, 18, 0, tzinfo=dt.UTC)
    assert next_run_of(friday_evening, target, Digest()).date() == dt.date(2025, 1, 20)


# ---- the whole path, in real processes ------------------------------------------------------

def slash(text: str, user: str) -> str:
    return urlencode({"token": "x", "team_id": "T1", "team_domain": "t", "channel_id": "C1",
                      "channel_name": "data-jobs", "user_id": user, "user_name": user.lower(),
                      "command": "/careerbot", "text": text, "api_app_id": "A1",
                      "response_url": "https://hooks.slack.com/commands/T1/1/x",
                      "trigger_id": trigger()})


async def _serve(fake: FakeSlack, cwd: Path, kb_root: Path) -> tuple[asyncio.subprocess.Process, str]:
    port = free_port()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "careerbot.adapters.cli", "serve", "--host", "127.0.0.1",
        "--port", str(port), cwd=cwd, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "SLACK_BOT_TOKEN": "xoxb-t", "SLACK_SIGNING_SECRET": SECRET,
             "SLACK_API_URL": fake.base_url, "CAREERBOT_KNOWLEDGE": str(kb_root)})
    url = f"http://127.0.0.1:{port}"
    assert await healthy(url)
    return proc, url


async def _stop(proc: asyncio.subprocess.Process) -> None:
    proc.terminate()
    await asyncio.wait_for(proc.communicate(), 20)


async def _command(url: str, text: str, user: str) -> dict[str, object]:
    body = slash(text, user)
    status, answer, _ = await post(url, body, signed(body, "application/x-www-form-urlencoded"))
    assert status == 200
    return json.loads(answer)


def test_subscribe_in_slack_then_the_digest_posts_matching_jobs_once(tmp_path: Path,
                                                                      kb_root: Path) -> None:
    async def scenario() -> None:
        users = {"UADMIN": {"is_admin": True, "tz": "Europe/Berlin"},
                 "UMEMBER": {"is_admin": False, "tz": "America/New_York"}}
        async with FakeSlack(users=users) as fake:
            proc, url = await _serve(fake, tmp_path, kb_root)
            try:
                refused = await _command(url, "subscribe data engineer", "UMEMBER")
                assert refused["response_type"] == "ephemeral"
                ok = await _command(url, "subscribe data engineer remote", "UADMIN")
                assert ok["response_type"] == "in_channel", ok["text"]
                assert "Subscribed #data-jobs: Data Engineer, remote" in json.dumps(ok)
                alert = await _command(url, "alert me machine learning engineer", "UMEMBER")
                assert "America/New_York" in json.dumps(alert)
            finally:
                await _stop(proc)
            proc, url = await _serve(fake, tmp_path, kb_root)  # a restart keeps them
            try:
                listed = await _command(url, "subscriptions", "UMEMBER")
                assert "Data Engineer, remote" in json.dumps(listed)
            finally:
                await _stop(proc)

            async def digest() -> None:
                run = await asyncio.create_subprocess_exec(
                    sys.executable, "-m", "careerbot.adapters.cli", "digest", "--date",
                    "2025-01-15", cwd=tmp_path, stdout=asyncio.subprocess.PIPE,
                    env={**os.environ, "SLACK_BOT_TOKEN": "xoxb-t",
                         "SLACK_API_URL": fake.base_url, "CAREERBOT_KNOWLEDGE": str(kb_root)})
                out, _ = await run.communicate()
                assert run.returncode == 0, out.decode()

            await digest()
            await digest()  # nothing twice
            posts = fake.posts()
            assert sorted(p["channel"] for p in posts) == ["C1", "UMEMBER"]
            to_channel = json.dumps(next(p for p in posts if p["channel"] == "C1")["blocks"])
            assert "Data Engineer" in to_channel and "Data Engineer Intern" not in to_channel
            to_member = json.dumps(next(p for p in posts if p["channel"] == "UMEMBER")["blocks"])
            assert "Machine Learning Engineer Intern" in to_member

            proc, url = await _serve(fake, tmp_path, kb_root)
            try:
                stopped = await _command(url, "unsubscribe all", "UADMIN")
                assert "Stopped 1 subscription" in json.dumps(stopped)
            finally:
                await _stop(proc)

    asyncio.run(scenario())


def test_a_channel_the_bot_was_removed_from_pauses_its_subscription(kb: KnowledgeBase,
                                                                     tmp_path: Path) -> None:
    from careerbot.bot.jobs import digest
    from careerbot.bot.jobs.config import Config

    store = SQLiteStore(tmp_path / "s.db")
    subs = Subscriptions(kb, vocabulary(kb.intents), store, Digest())
    subs.handle("subscribe data engineer", ADMIN)

    class Gone:
        async def send(self, target: object, reply: object) -> None:
            raise RuntimeError("The request to the Slack API failed: channel_not_found")

    now = dt.datetime(2025, 1, 15, 10, 0, tzinfo=dt.UTC)
    report = asyncio.run(digest.run(kb, Config(), store, _no_fetch, {"slack": Gone()},
                                    now.date(), lambda: now))
    assert report.results[0].error and "paused" in (report.results[0].note or "")
    (stored,) = store.subscriptions()
    assert stored.paused and "channel_not_found" in stored.paused
    assert digest.all_targets(Config(), store) == []  # the next run leaves it alone


async def _no_fetch(url: str) -> str:
    raise AssertionError(url)


def test_a_subscription_is_due_at_its_own_local_time(kb: KnowledgeBase) -> None:
    from careerbot.bot.jobs import digest
    from careerbot.bot.jobs.config import Config

    store = SQLiteStore(":memory:")
    subs = Subscriptions(kb, vocabulary(kb.intents), store, Digest())
    subs.handle("subscribe data engineer at 9 tz America/New_York", ADMIN)
    target = store.subscriptions()[0].target
    before = dt.datetime(2025, 1, 15, 13, 59, tzinfo=dt.UTC)  # 08:59 in New York
    assert digest.due(before, Config(), store, [target]) == []
    after = before + dt.timedelta(minutes=1)
    assert digest.due(after, Config(), store, [target]) == [(dt.date(2025, 1, 15), target)]


def test_export_then_import_into_an_empty_database(tmp_path: Path, kb: KnowledgeBase) -> None:
    from tests.process import careerbot

    store = SQLiteStore(tmp_path / "careerbot.sqlite3")
    subs = Subscriptions(kb, vocabulary(kb.intents), store, Digest())
    subs.handle("subscribe data engineer senior at 10:30 tz Europe/Berlin", ADMIN)
    subs.handle("alert me MLE", MEMBER)
    store.close()
    assert careerbot("subscriptions", "export", "subs.yaml", cwd=tmp_path).returncode == 0
    (tmp_path / "careerbot.sqlite3").unlink()
    imported = careerbot("subscriptions", "import", "subs.yaml", cwd=tmp_path)
    assert imported.returncode == 0 and "imported 2" in imported.stdout
    listed = careerbot("subscriptions", "list", cwd=tmp_path).stdout
    assert "Data Engineer, senior, daily 10:30 Europe/Berlin" in listed
    assert "slack:alert:UMEMBER" in listed
    again = careerbot("subscriptions", "import", "subs.yaml", cwd=tmp_path)
    assert "imported 0" in again.stdout


def test_import_names_file_line_and_field(tmp_path: Path) -> None:
    from tests.process import careerbot

    (tmp_path / "subs.yaml").write_text("subscriptions:\n  - platform: slack\n    channel: C1\n"
                                        "    timezone: Mars/Base\n")
    result = careerbot("subscriptions", "import", "subs.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "subs.yaml:4: subscriptions[0].timezone" in result.stderr
