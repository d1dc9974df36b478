"""Log lines: JSON, one object per line, when stderr is not a terminal (a container, a service
manager, a log shipper); readable text on a terminal. Fields given with ``extra=`` (platform,
intent, roles, ms, user...) are kept in both."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

#: Attributes every LogRecord has; anything else came in through ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def _extras(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        line.update(_extras(record))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        extras = _extras(record)
        return text + ("".join(f" {k}={v}" for k, v in extras.items()) if extras else "")


def configure(level: str, timestamps: bool, stream: object = None) -> None:
    """JSON lines unless ``stream`` (stderr) is a terminal."""
    stream = stream or sys.stderr
    handler = logging.StreamHandler(stream)  # type: ignore[arg-type]
    tty = getattr(stream, "isatty", lambda: False)()
    handler.setFormatter(TextFormatter(("%(asctime)s " if timestamps else "")
                                       + "%(levelname)s %(name)s: %(message)s")
                         if tty else JsonFormatter())
    logging.basicConfig(level=level, handlers=[handler], force=True)
