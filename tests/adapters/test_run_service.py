"""`mishu run` as a real process against the fake Telegram Bot API: talk, reply, graceful SIGTERM."""

from __future__ import annotations

import asyncio
import signal
import sys
import tomllib
from pathlib import Path

import tomli_w

from tests.fakes.telegram_api import FakeTelegramAPI, private_message

ROOT = Path(__file__).resolve().parents[2]
LIU_TELEGRAM_ID = 7001


def service_config(tmp_path: Path, api: FakeTelegramAPI) -> Path:
    """config.example.toml with Telegram pointed at the fake server and 刘建国 linked to it."""
    with open(ROOT / "config.example.toml", "rb") as fh:
        raw = tomllib.load(fh)
    raw["database"]["url"] = f"sqlite:///{tmp_path / 'run.db'}"
    raw["telegram"].update(enabled=True, token=api.token, base_url=api.base_url, mode="polling")
    for person in raw["people"]:
        if person["name"] == "刘建国":
            person["telegram_id"] = str(LIU_TELEGRAM_ID)
    path = tmp_path / "config.toml"
    path.write_bytes(tomli_w.dumps(raw).encode())
    return path


async def test_the_service_answers_on_telegram_and_stops_cleanly(fake_telegram: FakeTelegramAPI,
                                                                 tmp_path: Path) -> None:
    config = service_config(tmp_path, fake_telegram)
    proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", "--config", str(config),
                                                cwd=ROOT, stderr=asyncio.subprocess.PIPE)
    try:
        fake_telegram.push_update(private_message(LIU_TELEGRAM_ID, "帮助", name="Liu"))
        await fake_telegram.wait_for("sendMessage", timeout=30)
        assert "会议室" in fake_telegram.sent_texts(LIU_TELEGRAM_ID)[0]
        fake_telegram.push_update(private_message(9999, "hello", name="Stranger"))
        await fake_telegram.wait_for("sendMessage", count=2, timeout=15)
        assert "link" in fake_telegram.sent_texts(9999)[0]
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode == 0, err.decode()[-2000:]
    log = err.decode()
    assert "Traceback" not in log
    assert api_token_absent(log, fake_telegram.token)


def api_token_absent(log: str, token: str) -> bool:
    """Tokens are never logged."""
    return token not in log
