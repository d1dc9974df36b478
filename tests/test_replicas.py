"""What one replica of ``serve`` runs (CAREERBOT_ADAPTERS) and Discord sharding: with several
replicas, exactly one (or one per shard range) holds the Discord gateway sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerbot.adapters import serve
from careerbot.bot.engine import Bot
from tests.fakes import settings
from tests.process import careerbot

SLACK = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s", "DISCORD_TOKEN": "MTAw.x.y",
         "CAREERBOT_DATABASE": ":memory:"}


def _services(bot: Bot, **env: str) -> list[str]:
    return [s.name for s in serve.build(bot, settings(**SLACK, **env)).services]


def test_by_default_a_replica_runs_everything_it_has_credentials_for(bot: Bot) -> None:
    assert _services(bot) == ["slack-http", "discord", "digest", "reload"]


def test_adapters_choose_what_a_replica_runs(bot: Bot) -> None:
    assert _services(bot, CAREERBOT_ADAPTERS="slack") == ["slack-http", "reload"]
    assert _services(bot, CAREERBOT_ADAPTERS="discord,digest") == ["discord", "digest", "reload"]


def test_a_digest_only_replica_needs_only_posting_credentials(bot: Bot) -> None:
    only = settings(SLACK_BOT_TOKEN="xoxb-1", CAREERBOT_ADAPTERS="digest",
                    CAREERBOT_DATABASE=":memory:")
    assert only.chat_problem() is None
    assert [s.name for s in serve.build(bot, only).services] == ["digest", "reload"]


@pytest.mark.parametrize(("env", "said"), [
    ({"CAREERBOT_ADAPTERS": "slack,telegram"}, "unknown telegram"),
    ({"CAREERBOT_ADAPTERS": "discord", "SLACK_BOT_TOKEN": "xoxb-1",
      "SLACK_SIGNING_SECRET": "s"}, "asks for discord, but DISCORD_TOKEN is not set"),
    ({"DISCORD_TOKEN": "MTAw.x.y", "DISCORD_SHARD_IDS": "0"}, "needs DISCORD_SHARDS"),
    ({"DISCORD_TOKEN": "MTAw.x.y", "DISCORD_SHARDS": "2", "DISCORD_SHARD_IDS": "2"},
     "numbered 0 to 1"),
])
def test_impossible_replica_settings_are_one_line(tmp_path: Path, env: dict[str, str],
                                                  said: str) -> None:
    result = careerbot("serve", cwd=tmp_path, env=env)
    assert result.returncode == 2 and said in result.stderr
    assert "Traceback" not in result.stderr


def test_shards_run_on_an_auto_sharded_client(bot: Bot) -> None:
    import discord

    chosen = settings(DISCORD_TOKEN="MTAw.x.y", DISCORD_SHARDS="4", DISCORD_SHARD_IDS="2,3",
                      CAREERBOT_DATABASE=":memory:")
    server = serve.build(bot, chosen)
    client = server.posters["discord"].client
    assert isinstance(client, discord.AutoShardedClient)
    assert (client.shard_count, client.shard_ids) == (4, [2, 3])
