"""Settings: config.toml (or config.example.toml) plus environment variables -> frozen dataclasses."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_NAMES = ("config.toml", "config.example.toml")
# Capability tables passed through as-is; each capability reads and defaults its own keys.
POLICY_TABLES = ("booking", "notices", "tasks", "visitors", "digests", "reminders", "scheduler")


@dataclass(frozen=True)
class OfficeSettings:
    """The office's name, zone, default language and hours."""

    name: str = "Mishu demo office"
    timezone: str = "Asia/Shanghai"
    default_language: str = "zh-Hans"
    office_open: time = time(9, 0)
    office_close: time = time(18, 0)


@dataclass(frozen=True)
class DialogSettings:
    """How long a follow-up question or read-back waits for an answer."""

    ttl_minutes: int = 30
    skip_readback_when_complete: bool = False


@dataclass(frozen=True)
class RoomSpec:
    """A meeting room as configured."""

    name: str
    capacity: int
    aliases: tuple[str, ...] = ()
    building: str = ""
    floor: int | None = None
    equipment: tuple[str, ...] = ()
    needs_approval: bool = False


@dataclass(frozen=True)
class DepartmentSpec:
    """A department and its head (a person's name)."""

    name: str
    head: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class PersonSpec:
    """A person in the directory."""

    name: str
    roles: tuple[str, ...] = ("staff",)
    department: str | None = None
    title: str = ""
    aliases: tuple[str, ...] = ()
    name_en: str = ""
    email: str | None = None
    language: str | None = None
    telegram_id: str | None = None
    slack_id: str | None = None


@dataclass(frozen=True)
class TelegramSettings:
    """Telegram adapter settings."""

    enabled: bool = False
    token: str = ""
    mode: str = "polling"  # or "webhook"
    base_url: str = "https://api.telegram.org/bot"
    webhook_url: str = ""
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str = ""
    bot_username: str = ""


@dataclass(frozen=True)
class SlackSettings:
    """Slack adapter settings."""

    enabled: bool = False
    bot_token: str = ""
    app_token: str = ""
    signing_secret: str = ""
    mode: str = "socket"  # or "http"
    api_base_url: str = "https://slack.com/api/"
    http_port: int = 3000


@dataclass(frozen=True)
class SchedulerSettings:
    """How often the timer process looks in the database for work that has become due."""

    tick_seconds: float = 1.0  # a reminder reaches the outbox within about this long after it is due


@dataclass(frozen=True)
class DeliverySettings:
    """The outbox worker: how long a claimed message is reserved for the process that claimed it."""

    lease_seconds: float = 60.0


@dataclass(frozen=True)
class Settings:
    """Everything Mishu is configured with."""

    office: OfficeSettings = field(default_factory=OfficeSettings)
    database_url: str = "sqlite:///mishu.db"
    dialog: DialogSettings = field(default_factory=DialogSettings)
    rooms: tuple[RoomSpec, ...] = ()
    departments: tuple[DepartmentSpec, ...] = ()
    people: tuple[PersonSpec, ...] = ()
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    scheduler: SchedulerSettings = field(default_factory=SchedulerSettings)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    policy: dict[str, Any] = field(default_factory=dict)
    source: str = ""


def find_config(path: str | None) -> Path | None:
    """The configuration file to use: the given one, $MISHU_CONFIG, or config.toml / config.example.toml."""
    if path:
        return Path(path)
    env = os.environ.get("MISHU_CONFIG")
    if env:
        return Path(env)
    for name in DEFAULT_CONFIG_NAMES:
        if Path(name).exists():
            return Path(name)
    return None


def load_settings(path: str | None = None) -> Settings:
    """Read settings from TOML, then let environment variables override secrets and the database."""
    found = find_config(path)
    raw: dict[str, Any] = {}
    if found is not None:
        with open(found, "rb") as fh:
            raw = tomllib.load(fh)
    return settings_from_dict(raw, source=str(found or ""))


def settings_from_dict(raw: dict[str, Any], source: str = "") -> Settings:
    """Build Settings from a parsed TOML document, applying environment overrides."""
    office_raw = raw.get("office", {})
    office = OfficeSettings(
        name=office_raw.get("name", OfficeSettings.name),
        timezone=office_raw.get("timezone", OfficeSettings.timezone),
        default_language=office_raw.get("default_language", OfficeSettings.default_language),
        office_open=_time(office_raw.get("office_open", "09:00")),
        office_close=_time(office_raw.get("office_close", "18:00")),
    )
    dialog_raw = raw.get("dialog", {})
    dialog = DialogSettings(
        ttl_minutes=int(dialog_raw.get("ttl_minutes", 30)),
        skip_readback_when_complete=bool(dialog_raw.get("skip_readback_when_complete", False)),
    )
    tg_raw = dict(raw.get("telegram", {}))
    tg_raw["token"] = os.environ.get("MISHU_TELEGRAM_TOKEN", tg_raw.get("token", ""))
    sl_raw = dict(raw.get("slack", {}))
    for key, env in (("bot_token", "MISHU_SLACK_BOT_TOKEN"), ("app_token", "MISHU_SLACK_APP_TOKEN"),
                     ("signing_secret", "MISHU_SLACK_SIGNING_SECRET")):
        sl_raw[key] = os.environ.get(env, sl_raw.get(key, ""))
    database_url = os.environ.get("MISHU_DATABASE_URL", raw.get("database", {}).get("url", "sqlite:///mishu.db"))
    return Settings(
        office=office,
        database_url=database_url,
        dialog=dialog,
        rooms=tuple(_room(r) for r in raw.get("rooms", [])),
        departments=tuple(_department(d) for d in raw.get("departments", [])),
        people=tuple(_person(p) for p in raw.get("people", [])),
        telegram=TelegramSettings(**_known(TelegramSettings, tg_raw)),
        slack=SlackSettings(**_known(SlackSettings, sl_raw)),
        scheduler=SchedulerSettings(tick_seconds=float(raw.get("scheduler", {}).get("tick_seconds", 1.0))),
        delivery=DeliverySettings(lease_seconds=float(raw.get("delivery", {}).get("lease_seconds", 60.0))),
        policy={k: v for k, v in raw.items() if k in POLICY_TABLES},
        source=source,
    )


def _known(cls: type, raw: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in raw.items() if k in names}


def _time(text: str) -> time:
    hour, minute = str(text).split(":")
    return time(int(hour), int(minute))


def _room(raw: dict[str, Any]) -> RoomSpec:
    return RoomSpec(
        name=str(raw["name"]),
        capacity=int(raw.get("capacity", 0)),
        aliases=tuple(raw.get("aliases", ())),
        building=str(raw.get("building", "")),
        floor=raw.get("floor"),
        equipment=tuple(raw.get("equipment", ())),
        needs_approval=bool(raw.get("needs_approval", False)),
    )


def _department(raw: dict[str, Any]) -> DepartmentSpec:
    return DepartmentSpec(name=str(raw["name"]), head=raw.get("head"), aliases=tuple(raw.get("aliases", ())))


def _person(raw: dict[str, Any]) -> PersonSpec:
    roles = raw.get("roles", ["staff"])
    if isinstance(roles, str):
        roles = [r.strip() for r in roles.replace(";", ",").split(",") if r.strip()]
    return PersonSpec(
        name=str(raw["name"]),
        roles=tuple(roles),
        department=raw.get("department"),
        title=str(raw.get("title", "")),
        aliases=tuple(raw.get("aliases", ())),
        name_en=str(raw.get("name_en", "")),
        email=raw.get("email"),
        language=raw.get("language"),
        telegram_id=_opt_str(raw.get("telegram_id")),
        slack_id=_opt_str(raw.get("slack_id")),
    )


def _opt_str(value: Any) -> str | None:
    return None if value in (None, "") else str(value)
