"""`mishu chat` as a subprocess: pipes, --script, /as, /press, /advance, languages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MISHU = [sys.executable, "-m", "bot"]
NOW = "2026-11-23T09:00:00+08:00"


def chat(tmp_path: Path, stdin: str = "", *args: str) -> subprocess.CompletedProcess[str]:
    db = f"sqlite:///{tmp_path / 'chat.db'}"
    return subprocess.run([*MISHU, "chat", "--config", str(ROOT / "config.example.toml"), "--db", db, *args],
                          input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=60)


def test_piped_help_in_chinese_and_english(tmp_path: Path) -> None:
    zh = chat(tmp_path, "帮助\n")
    assert zh.returncode == 0, zh.stderr
    assert zh.stdout.startswith("[to 钱峰] ") and "会议室" in zh.stdout
    en = chat(tmp_path, "help\n")
    assert "[to 钱峰] I'm Mishu" in en.stdout
    hant = chat(tmp_path, "幫助\n")
    assert "會議室" in hant.stdout


def test_script_with_as_press_and_audit_export(tmp_path: Path) -> None:
    script = tmp_path / "admin.txt"
    script.write_text("添加人员 张三 财务处 staff\n/press 1\n/as 王主任\n添加会议室 402 12人\n/quit\nhelp\n",
                      encoding="utf-8")
    result = chat(tmp_path, "", "--now", NOW, "--script", str(script))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("  [1] 确认  [2] 取消") for line in lines)
    assert "[to 钱峰] 已添加人员:张三(staff,财务处)。" in lines
    assert "[to 王志强] 抱歉,您的角色不能做这件事。" in lines  # /as switched speaker; a director is no admin
    assert "I'm Mishu" not in result.stdout  # nothing after /quit
    exported = subprocess.run([*MISHU, "export", "audit", "--db", f"sqlite:///{tmp_path / 'chat.db'}"],
                              capture_output=True, text=True, cwd=ROOT, timeout=60)
    rows = json.loads(exported.stdout)
    assert [r["action"] for r in rows] == ["directory.add_person"]
    assert rows[0]["actor"] == "钱峰"


def test_console_controls_report_misuse_instead_of_crashing(tmp_path: Path) -> None:
    result = chat(tmp_path, "/press 3\n/as 不存在的人\n/advance 2h\n/bogus\n")
    assert result.returncode == 0
    assert "has no message with buttons" in result.stdout
    assert "no person called" in result.stdout
    assert "/advance needs --now" in result.stdout
    assert "controls:" in result.stdout


def test_as_option_picks_the_speaker_and_rejects_strangers(tmp_path: Path) -> None:
    ok = chat(tmp_path, "help\n", "--as", "Li Wei")
    assert ok.stdout.startswith("[to 李伟] ")
    bad = chat(tmp_path, "help\n", "--as", "Nobody Here")
    assert bad.returncode == 2 and "no person called" in bad.stderr


def test_advance_moves_a_frozen_clock(tmp_path: Path) -> None:
    result = chat(tmp_path, "添加人员 赵六 后勤处\n/advance 1h\n/press 1\n", "--now", NOW)
    assert "过期" in result.stdout  # the read-back expired while the clock moved on


def test_db_upgrade_and_directory_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'dir.db'}"
    cfg = str(ROOT / "config.example.toml")
    up = subprocess.run([*MISHU, "db", "upgrade", "--db", db], capture_output=True, text=True, cwd=ROOT)
    assert up.returncode == 0 and "revision" in up.stdout
    listed = subprocess.run([*MISHU, "directory", "list", "--config", cfg, "--db", db, "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    data = json.loads(listed.stdout)
    assert {"刘建国", "王志强", "钱峰"} <= {p["name"] for p in data["people"]}
    assert {r["name"]: r["capacity"] for r in data["rooms"]}["第二会议室"] == 40
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("name,roles,department,name_en\n赵云,staff,后勤处,Zhao Yun\n", encoding="utf-8")
    imported = subprocess.run([*MISHU, "directory", "import", str(csv_file), "--config", cfg, "--db", db],
                              capture_output=True, text=True, cwd=ROOT)
    assert "imported 1 people" in imported.stdout
    invite = subprocess.run([*MISHU, "directory", "invite", "赵云", "--config", cfg, "--db", db],
                            capture_output=True, text=True, cwd=ROOT)
    assert "code for 赵云" in invite.stdout
    bad = subprocess.run([*MISHU, "directory", "import", str(tmp_path / "missing.csv"), "--db", db],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2
