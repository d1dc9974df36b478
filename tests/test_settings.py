"""One settings source for every command: the environment over a ``.env`` file; bad or missing
settings and packages are one clear line and exit 2."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

from careerbot.adapters import settings as settings_module
from tests.process import careerbot, environment

README = Path(__file__).resolve().parents[1] / "README.md"


def _config(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "careerbot.yaml"
    path.write_text(yaml.safe_dump({"digest": {"database": "state.sqlite3"}, "feeds": [],
                                    "targets": [{"platform": "slack", "channel": "CJOBS"}]}))
    return path


def test_config_named_only_in_dotenv_is_used_by_digest(tmp_path: Path) -> None:
    _config(tmp_path / "conf")
    (tmp_path / ".env").write_text("CAREERBOT_CONFIG=conf/careerbot.yaml\n")
    out = careerbot("digest", "--dry-run", "--date", "2025-01-15", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "CJOBS: would post" in out.stdout


def test_config_named_only_in_dotenv_is_used_by_jobs(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CAREERBOT_CONFIG=missing.yaml\n")
    out = careerbot("jobs", cwd=tmp_path)
    assert out.returncode == 2 and "missing.yaml" in out.stderr


def test_digest_without_the_token_it_posts_with_names_it(tmp_path: Path) -> None:
    _config(tmp_path)
    out = careerbot("digest", "--date", "2025-01-15", cwd=tmp_path)
    assert out.returncode == 2 and "SLACK_BOT_TOKEN is not set" in out.stderr
    assert out.stderr.count("\n") == 1 and not (tmp_path / "state.sqlite3").exists()


def test_environment_wins_over_dotenv(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("CAREERBOT_LOG_LEVEL=loud\n")
    assert careerbot("roles", cwd=tmp_path).returncode == 2
    assert careerbot("roles", cwd=tmp_path, env={"CAREERBOT_LOG_LEVEL": "debug"}).returncode == 0


def test_bad_setting_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    out = careerbot("serve", cwd=tmp_path, env={"PORT": "eighty"})
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and out.stderr.startswith("careerbot: PORT:")


def test_log_level_option_sets_the_level(tmp_path: Path) -> None:
    quiet = careerbot("digest", "--config", "nope.yaml", "--log-level", "debug", cwd=tmp_path)
    assert quiet.returncode == 2 and "Traceback" not in quiet.stderr
    assert careerbot("roles", "--log-level", "shout").returncode == 2


def test_readme_table_lists_every_setting() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", text, flags=re.M))
    assert documented == {name for name, _, _ in settings_module.table()}


def test_slack_manifest_command_prints_the_packaged_manifest(tmp_path: Path) -> None:
    out = careerbot("slack", "manifest", cwd=tmp_path)
    assert out.returncode == 0
    manifest = yaml.safe_load(out.stdout)
    assert {c["command"] for c in manifest["features"]["slash_commands"]} == {
        "/compare", "/role", "/jobs", "/salary", "/careerbot"}


def _python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env=environment(**env), check=False)


LOADED = "import json, sys; print(json.dumps(sorted(m for m in ('slack_bolt', 'discord', " \
         "'matplotlib') if m in sys.modules)))"


def test_text_answers_import_no_chat_sdk() -> None:
    out = _python("from careerbot.adapters.cli import main; main(['ask', 'MLE vs DS']); " + LOADED)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.splitlines()[-1]) == []


def _sdks_imported_by_serve(settings: dict[str, str]) -> list[str]:
    """Which chat SDKs a fresh process has imported after wiring up serve with ``settings``."""
    code = ("from careerbot.adapters import serve; from careerbot.adapters.settings import Settings;"
            "from careerbot.bot.engine import Bot; from careerbot.bot.kb.knowledge import load;"
            f"s = Settings.model_validate({settings!r});"
            "assert serve.build(Bot(load()), s).services; " + LOADED)
    out = _python(code)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.splitlines()[-1])


def test_slack_only_serve_does_not_import_discord() -> None:
    slack = {"slack_bot_token": "xoxb-1", "slack_signing_secret": "x", "careerbot_database": ":memory:"}
    assert _sdks_imported_by_serve(slack) == ["slack_bolt"]


def test_discord_only_serve_does_not_import_slack() -> None:
    assert _sdks_imported_by_serve({"discord_token": "MTAw.x.y", "careerbot_database": ":memory:"}) == [
        "discord"]


def test_missing_package_names_what_to_install() -> None:
    code = ("import sys; sys.modules['slack_bolt'] = None; sys.argv = ['careerbot', 'serve'];"
            "from careerbot.adapters.cli import main; sys.exit(main())")
    out = _python(code, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="x", CAREERBOT_DATABASE=":memory:")
    assert out.returncode == 2
    assert "pip install slack-bolt" in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.count("\n") == 1
