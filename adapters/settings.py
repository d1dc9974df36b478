"""Every setting careerbot reads from outside: one pydantic-settings model over the environment
and a ``.env`` file in the working directory, for every command.

Each field is named after its environment variable (lower case), so the README's table, this
model and the environment say the same thing. Tokens are ``SecretStr``: they print as ``**********``
in logs, reprs and tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]


class SettingsError(Exception):
    """A setting that cannot be used: one line that names the variable."""


@dataclass(frozen=True)
class SlackSettings:
    """What the Slack adapter needs; plain strings, built only when Slack is configured."""

    bot_token: str
    signing_secret: str | None = None
    app_token: str | None = None
    api_url: str | None = None

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


class Settings(BaseSettings):
    """Environment variables (and ``.env``) careerbot reads. The environment wins over ``.env``."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore",
                                      case_sensitive=False)

    slack_bot_token: SecretStr | None = Field(
        None, description="Slack bot token (`xoxb-...`); with a signing secret or app token, "
                          "`serve` runs Slack")
    slack_signing_secret: SecretStr | None = Field(
        None, description="Slack signing secret: Slack over HTTP (`POST /slack/events`)")
    slack_app_token: SecretStr | None = Field(
        None, description="Slack app-level token (`xapp-...`): Slack in Socket Mode")
    slack_api_url: str | None = Field(
        None, description="another Slack Web API base URL (GovSlack, a proxy, a test fake)")
    discord_token: SecretStr | None = Field(None, description="Discord bot token: `serve` runs Discord")
    discord_guild_id: int | None = Field(
        None, description="sync Discord slash commands to this server only (instant; for testing)")
    discord_client_id: str | None = Field(
        None, description="application id for `discord invite-url` (else read from the token)")
    discord_api_url: str | None = Field(None, description="another Discord REST API base URL")
    discord_gateway_url: str | None = Field(None, description="another Discord gateway URL")
    discord_shards: int | None = Field(
        None, ge=1, le=1024, description="run Discord sharded (AutoShardedClient) with this many "
        "shards in all")
    discord_shard_ids: str | None = Field(
        None, description="the shards this replica runs, e.g. `0,1` (with DISCORD_SHARDS)",
        json_schema_extra={"default_text": "all of them"})
    careerbot_adapters: str | None = Field(
        None, description="what this replica of `serve` runs: any of `slack`, `discord`, "
        "`digest`, comma-separated", json_schema_extra={
            "default_text": "each chat adapter with credentials, and the digest"})
    careerbot_config: Path | None = Field(
        None, description="digest config (feeds, channels, schedule); `--config` wins",
        json_schema_extra={"default_text": "`./careerbot.yaml`"})
    careerbot_knowledge: Path | None = Field(
        None, description="knowledge-base folder; `--knowledge` wins",
        json_schema_extra={"default_text": "the shipped one"})
    careerbot_log_level: LogLevel | None = Field(
        None, description="log level; `--log-level` wins",
        json_schema_extra={"default_text": "`INFO` for `serve`, else `WARNING`"})
    careerbot_cache_dir: str | None = Field(
        None, description="folder for the compiled knowledge base (a faster start); `off`: none",
        json_schema_extra={"default_text": "`~/.cache/careerbot`"})
    port: int = Field(3000, ge=1, le=65535, description="HTTP port of `serve`; `--port` wins")
    careerbot_database: str = Field(
        "careerbot.sqlite3", description="SQLite file where `serve` remembers answered Slack "
        "deliveries (replays, retries), when no careerbot.yaml names the digest's `database`")
    careerbot_database_url: SecretStr | None = Field(
        None, description="PostgreSQL database (`postgresql://user:pass@host/db`) for all state "
        "(digest, replays, subscriptions) instead of the SQLite file; replicas share it")

    @field_validator("careerbot_database_url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        url = _secret(value)
        if url is not None and not url.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// (or postgres://) URL")
        return value

    @field_validator("careerbot_log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    def slack(self) -> SlackSettings | None:
        """Slack's settings when its credentials are complete, else None (Slack stays off)."""
        token = _secret(self.slack_bot_token)
        secret, app_token = _secret(self.slack_signing_secret), _secret(self.slack_app_token)
        if not token or not (secret or app_token):
            return None
        return SlackSettings(token, secret, app_token, self.slack_api_url or None)

    def adapters(self) -> set[str]:
        """What this replica runs (CAREERBOT_ADAPTERS), default everything it has credentials
        for: one Discord token has one gateway session per shard, so with several replicas
        exactly one (or one per shard range) should run Discord."""
        if not self.careerbot_adapters:
            return {"slack", "discord", "digest"}
        return {a.strip().lower() for a in self.careerbot_adapters.split(",") if a.strip()}

    def shard_ids(self) -> list[int] | None:
        if not self.discord_shard_ids:
            return None
        return [int(x) for x in self.discord_shard_ids.split(",") if x.strip()]

    def chat_problem(self) -> str | None:
        """Why ``serve`` cannot run the chat adapters these settings name, as one line, or None."""
        wanted = self.adapters()
        unknown = sorted(wanted - {"slack", "discord", "digest"})
        if unknown:
            return (f"CAREERBOT_ADAPTERS: unknown {', '.join(unknown)}; choose from slack, "
                    "discord, digest")
        if "slack" in wanted and self.careerbot_adapters and not _secret(self.slack_bot_token):
            return "CAREERBOT_ADAPTERS asks for slack, but SLACK_BOT_TOKEN is not set"
        if "discord" in wanted and self.careerbot_adapters and not self.discord:
            return "CAREERBOT_ADAPTERS asks for discord, but DISCORD_TOKEN is not set"
        if self.discord_shard_ids and not self.discord_shards:
            return "DISCORD_SHARD_IDS needs DISCORD_SHARDS (the number of shards in all)"
        try:
            ids = self.shard_ids() or []
        except ValueError:
            return "DISCORD_SHARD_IDS: give shard numbers separated by commas, e.g. 0,1"
        if any(i >= (self.discord_shards or 0) for i in ids):
            return f"DISCORD_SHARD_IDS: shards are numbered 0 to {(self.discord_shards or 1) - 1}"
        if wanted == {"digest"}:
            return None  # a replica that only posts the digest needs only posting credentials
        token = _secret(self.slack_bot_token)
        other = _secret(self.slack_signing_secret) or _secret(self.slack_app_token)
        if token and not other:
            return ("SLACK_BOT_TOKEN is set, but neither SLACK_SIGNING_SECRET (Slack over HTTP) "
                    "nor SLACK_APP_TOKEN (Socket Mode) is: set one of them")
        if other and not token:
            return "Slack needs SLACK_BOT_TOKEN (xoxb-...) beside its signing secret or app token"
        if not token and not self.discord:
            return ("no chat credentials: set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or "
                    "SLACK_APP_TOKEN (Socket Mode), and/or DISCORD_TOKEN, in the environment or .env")
        return None

    def slack_poster_settings(self) -> SlackSettings | None:
        """Posting (the digest) needs only the bot token."""
        token = _secret(self.slack_bot_token)
        return SlackSettings(token, api_url=self.slack_api_url or None) if token else None

    @property
    def discord(self) -> str | None:
        """The Discord token, when Discord is configured."""
        return _secret(self.discord_token)

    def config_file(self, option: str | None = None) -> tuple[Path, bool]:
        """The digest config: ``--config``, else ``CAREERBOT_CONFIG``, else ``./careerbot.yaml``;
        and whether it was named (a named file must exist, the default one may not)."""
        named = option or self.careerbot_config
        return Path(named or "careerbot.yaml"), named is not None

    def database_url(self) -> str | None:
        """The PostgreSQL URL that holds all state, when set (it wins over any SQLite path)."""
        return _secret(self.careerbot_database_url)

    def cache_dir(self) -> Path | None:
        """Where the compiled knowledge base is kept, or None (off, or no home folder)."""
        if self.careerbot_cache_dir:
            return None if self.careerbot_cache_dir.lower() == "off" else Path(
                self.careerbot_cache_dir)
        try:
            return Path.home() / ".cache" / "careerbot"
        except RuntimeError:
            return None


def _secret(value: SecretStr | None) -> str | None:
    return value.get_secret_value().strip() or None if value is not None else None


def load_settings(env_file: Path | str | None = ".env") -> Settings:
    """The environment over ``env_file``; a bad value is one :class:`SettingsError` line."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]).upper() if error["loc"] else "settings"
        value = error.get("input")
        hidden = ("token", "secret", "database_url")  # the URL may hold a password
        shown = "" if any(word in name.lower() for word in hidden) else f" (got {value!r})"
        raise SettingsError(f"{name}: {error['msg']}{shown}") from None


def table() -> list[tuple[str, str, str]]:
    """(variable, meaning, default) for every setting: the README's table is checked against it."""
    rows = []
    for name, field in Settings.model_fields.items():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        default = extra.get("default_text") or ("not set" if field.default is None
                                                else f"`{field.default}`")
        rows.append((name.upper(), field.description or "", str(default)))
    return rows
