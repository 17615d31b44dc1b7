"""`mishu run`: the service — enabled adapters, the timer scheduler and the delivery worker in one process."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from datetime import timedelta
from typing import Any

from bot.bootstrap import build_app
from bot.cli.common import add_config_options, settings_and_url
from bot.clock import SystemClock
from bot.config import Settings
from bot.home import home_lines
from bot.messages import Platform, UserRef
from bot.scheduler import TimerLease, build_scheduler
from bot.worker import DeliveryWorker

log = logging.getLogger("mishu.run")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Register `run`."""
    p = sub.add_parser("run", help="run the service (adapters, scheduler, delivery worker)")
    add_config_options(p)
    p.add_argument("--log-level", default="INFO")
    p.set_defaults(func=run)


def enabled_platforms(settings: Settings) -> frozenset[str]:
    """The platforms whose adapters the configuration turns on."""
    names = set()
    if settings.telegram.enabled:
        names.add(Platform.TELEGRAM.value)
    if settings.slack.enabled:
        names.add(Platform.SLACK.value)
    return frozenset(names)


def run(args: argparse.Namespace) -> int:
    """Entry point of `mishu run`."""
    logging.basicConfig(level=getattr(logging, str(args.log_level).upper(), logging.INFO), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Tokens travel in request URLs; keep the HTTP client's per-request lines out of the log.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    settings, url = settings_and_url(args)
    platforms = enabled_platforms(settings)
    if not platforms:
        print("mishu run: no adapter is enabled; set [telegram] enabled = true or [slack] enabled = true",
              file=sys.stderr)
        return 2
    return asyncio.run(serve(settings, url, platforms))


async def serve(settings: Settings, url: str, platforms: frozenset[str]) -> int:
    """Start everything, then wait for SIGTERM/SIGINT and shut down gracefully."""
    clock = SystemClock()
    app = build_app(settings, platforms, clock, database_url=url)
    adapters: list[Any] = []
    senders: dict[str, Any] = {}
    if Platform.TELEGRAM.value in platforms:
        from adapters.telegram import TelegramAdapter, TelegramConfig

        telegram = TelegramAdapter(TelegramConfig.from_settings(settings.telegram), app.core)
        adapters.append(telegram)
        senders[Platform.TELEGRAM.value] = telegram.sender.send
    if Platform.SLACK.value in platforms:
        from adapters.slack import SlackAdapter, SlackConfig

        def home_view(user: UserRef) -> list[str]:
            return home_lines(app.engine, user, clock.now(), settings.office.default_language)

        slack = SlackAdapter(SlackConfig.from_settings(settings.slack), app.core, home_view=home_view)
        adapters.append(slack)
        senders[Platform.SLACK.value] = slack.sender.send
    worker = DeliveryWorker(app.engine, senders, clock, lease=timedelta(seconds=settings.delivery.lease_seconds))
    lease = TimerLease(app.engine)
    scheduler = build_scheduler(app.core, lease)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    for adapter in adapters:
        await adapter.start()
    scheduler.start()
    worker_task = asyncio.create_task(worker.run())
    log.info("mishu running: %s", ", ".join(sorted(platforms)))
    print(f"mishu run: started ({', '.join(sorted(platforms))}); stop with Ctrl-C or SIGTERM", file=sys.stderr,
          flush=True)
    await stop.wait()
    log.info("stopping: finishing the message in hand; no new events")
    # The worker goes first: it sends through the adapters' HTTP clients, which adapter.stop() closes, and
    # a send cut off there may already have reached the platform (then retried: a duplicate).
    await scheduler.stop()
    worker.stop()
    await worker_task
    for adapter in adapters:
        await adapter.stop()
    await asyncio.to_thread(lease.release)
    app.engine.dispose()
    log.info("stopped; undelivered outbox rows stay for the next start")
    return 0
