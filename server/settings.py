"""How the server is run: from a TOML file, the environment, then the command line (each later
one wins). Example file (see the README, "Running the order server for real"):

    [server]
    database = "postgresql+psycopg://prepdesk@127.0.0.1/prepdesk"
    bind = "127.0.0.1:8700"
    workers = 4
    log_level = "info"
    demo = false

Environment: PREPDESK_SERVER_CONFIG (the file), PREPDESK_SERVER_DATABASE, PREPDESK_SERVER_BIND,
PREPDESK_SERVER_WORKERS, PREPDESK_SERVER_LOG_LEVEL, PREPDESK_SERVER_DEMO (true/false).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from app.i18n import tr

ENV_PREFIX = "PREPDESK_SERVER_"
LOG_LEVELS = ("debug", "info", "warning", "error")
DEFAULT_PORT = 8700


class SettingsRefused(ValueError):
    """A setting that cannot be used, named, with why."""


@dataclass(frozen=True)
class ServerSettings:
    database: str = ""  # "": a SQLite file in the user data folder
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    workers: int = 1
    log_level: str = "info"
    demo: bool = True  # the demo's prep centers A and B, their operators and tokens
    marketplace: bool = True  # the demo marketplace confirms pushed tracking numbers
    seed: int = 1

    @property
    def bind(self) -> str:
        return f"[{self.host}]:{self.port}" if ":" in self.host else f"{self.host}:{self.port}"

    @classmethod
    def load(cls, config: str | None = None, **given: Any) -> ServerSettings:
        """Defaults < the file (`config` or $PREPDESK_SERVER_CONFIG) < the environment < `given`
        (command-line values; None = not given)."""
        settings = cls()
        path = config or os.environ.get(ENV_PREFIX + "CONFIG")
        if path:
            settings = settings._with(_read_file(Path(path)), f"{path}")
        env = {
            name: os.environ[ENV_PREFIX + name.upper()]
            for name in ("database", "bind", "workers", "log_level", "demo", "marketplace", "seed")
            if os.environ.get(ENV_PREFIX + name.upper())
        }
        settings = settings._with(env, tr("the environment"))
        settings = settings._with({k: v for k, v in given.items() if v is not None}, tr("the command line"))
        settings._check()
        return settings

    @classmethod
    def from_environment(cls) -> ServerSettings:
        return cls.load()

    def environment(self) -> dict[str, str]:
        """These settings as the environment a worker process reads them from."""
        return {
            ENV_PREFIX + "DATABASE": self.database,
            ENV_PREFIX + "BIND": self.bind,
            ENV_PREFIX + "WORKERS": str(self.workers),
            ENV_PREFIX + "LOG_LEVEL": self.log_level,
            ENV_PREFIX + "DEMO": "true" if self.demo else "false",
            ENV_PREFIX + "MARKETPLACE": "true" if self.marketplace else "false",
            ENV_PREFIX + "SEED": str(self.seed),
        }

    def _with(self, values: dict[str, Any], source: str) -> ServerSettings:
        changes: dict[str, Any] = {}
        known = {f.name: f.type for f in fields(self)}
        for name, value in values.items():
            if name == "bind":
                host, port = _bind(str(value), source)
                changes["host"], changes["port"] = host, port
                continue
            if name not in known:
                raise SettingsRefused(tr("{source}: unknown setting “{name}”.", source=source, name=name))
            changes[name] = _value(name, value, getattr(self, name), source)
        return replace(self, **changes)

    def _check(self) -> None:
        if self.log_level not in LOG_LEVELS:
            raise SettingsRefused(
                tr(
                    "log_level is one of {levels}, not “{level}”.",
                    levels=", ".join(LOG_LEVELS),
                    level=self.log_level,
                )
            )
        if not 1 <= self.workers <= 64:
            raise SettingsRefused(tr("workers is a whole number from 1 to 64."))
        if self.workers > 1 and (not self.database or self.database.startswith("sqlite")):
            raise SettingsRefused(
                tr("Several workers need PostgreSQL: on SQLite the server runs with one worker.")
            )
        if not 0 <= self.port <= 65535:
            raise SettingsRefused(tr("A port is a whole number from 0 to 65535."))


def _read_file(path: Path) -> dict[str, Any]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SettingsRefused(tr("Cannot read {path}: {error}", path=path, error=error.strerror)) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise SettingsRefused(
            tr("{path} is not a valid TOML file: {error}", path=path, error=error)
        ) from None
    section = document.get("server", document)
    if not isinstance(section, dict):
        raise SettingsRefused(tr("{path}: [server] must be a table.", path=path))
    return dict(section)


def _bind(value: str, source: str) -> tuple[str, int]:
    host, _, port = value.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        raise SettingsRefused(
            tr(
                "{source}: bind is ADDRESS:PORT (such as 127.0.0.1:8700), not “{value}”.",
                source=source,
                value=value,
            )
        )
    return host, int(port)


def _value(name: str, value: Any, current: Any, source: str) -> Any:
    if isinstance(current, bool):
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise SettingsRefused(tr("{source}: {name} is true or false.", source=source, name=name))
    if isinstance(current, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        raise SettingsRefused(tr("{source}: {name} is a whole number.", source=source, name=name))
    if not isinstance(value, str):
        raise SettingsRefused(tr("{source}: {name} is text.", source=source, name=name))
    return value.strip().lower() if name == "log_level" else value.strip()
