"""Telegram adapter (python-telegram-bot v22): updates -> Incoming, Outgoing -> Bot API calls."""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import warnings
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urlparse

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputFile,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, MessageLimit
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from adapters.base import (
    Core,
    DeliveryError,
    PermanentDeliveryError,
    RetryableDeliveryError,
    split_text,
)
from bot.messages import Button, ChatKind, ChatRef, Incoming, Outgoing, Platform, UserRef

if TYPE_CHECKING:
    from bot.config import TelegramSettings

log = logging.getLogger(__name__)

CALLBACK_DATA_LIMIT = 64
TEXT_LIMIT = int(MessageLimit.MAX_TEXT_LENGTH)  # 4096
CAPTION_LIMIT = int(MessageLimit.CAPTION_LENGTH)  # 1024
_ALLOWED_UPDATES = ["message", "callback_query"]
# BadRequest descriptions that mean the recipient is gone for good, not a malformed message.
_GONE = ("chat not found", "user is deactivated", "bot was kicked", "not enough rights",
         "have no rights", "bot is not a member", "peer_id_invalid")

TelegramApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class TelegramConfig:
    """Settings for the Telegram adapter (filled from the bot's config)."""

    token: str
    base_url: str = "https://api.telegram.org/bot"
    base_file_url: str = "https://api.telegram.org/file/bot"
    mode: Literal["polling", "webhook"] = "polling"
    poll_timeout: float = 30.0
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = 8443
    webhook_path: str = "telegram"
    webhook_url: str | None = None  # the public https URL Telegram should POST to
    webhook_secret: str | None = None
    drop_pending_updates: bool = False

    @classmethod
    def from_settings(cls, settings: TelegramSettings) -> TelegramConfig:
        """Build from bot.config's [telegram] settings (the file URL and webhook path are derived)."""
        base_url = settings.base_url
        file_url = (base_url[: -len("/bot")] + "/file/bot") if base_url.endswith("/bot") else base_url
        mode: Literal["polling", "webhook"] = "webhook" if settings.mode == "webhook" else "polling"
        path = urlparse(settings.webhook_url).path.strip("/") if settings.webhook_url else ""
        return cls(token=settings.token, base_url=base_url, base_file_url=file_url, mode=mode,
                   webhook_listen=settings.webhook_listen, webhook_port=settings.webhook_port,
                   webhook_path=path or "telegram", webhook_url=settings.webhook_url or None,
                   webhook_secret=settings.webhook_secret or None)


# -- translation: Telegram -> Incoming -------------------------------------------------------
def _chat_ref(chat: Any) -> ChatRef:
    kind = ChatKind.PRIVATE if chat.type == ChatType.PRIVATE else ChatKind.GROUP
    return ChatRef(Platform.TELEGRAM, str(chat.id), kind, title=chat.title or "")


def _user_ref(user: Any) -> UserRef:
    return UserRef(Platform.TELEGRAM, str(user.id), display_name=user.full_name)


def _py_index(text: str, utf16_offset: int) -> int:
    """Telegram counts offsets in UTF-16 code units; convert one to a Python string index."""
    return len(text.encode("utf-16-le")[: utf16_offset * 2].decode("utf-16-le", errors="ignore"))


def _strip_bot_name(message: Message, bot_username: str) -> tuple[str, bool]:
    """The message text without "@bot" (mentions and /cmd@bot), and whether the bot was named."""
    text = message.text or ""
    handle = f"@{bot_username}".lower()
    named = False
    # Cut from the end so earlier offsets stay valid.
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.BOT_COMMAND])
    spans: list[tuple[int, int, str]] = []
    for entity, value in entities.items():
        start = _py_index(text, entity.offset)
        if entity.type == MessageEntity.MENTION and value.lower() == handle:
            spans.append((start, start + len(value), ""))
            named = True
        elif entity.type == MessageEntity.BOT_COMMAND and value.lower().endswith(handle):
            spans.append((start, start + len(value), value[: -len(handle)]))
            named = True
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    for entity in message.entities:
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.username == bot_username:
            named = True
    return " ".join(text.split()) if spans else text.strip(), named


def message_to_incoming(update: Update, bot_id: int, bot_username: str) -> Incoming | None:
    """Translate a text message; None for group chatter not addressed to the bot."""
    message = update.message
    if message is None or message.text is None or message.from_user is None:
        return None
    if message.from_user.is_bot:
        return None
    text, named = _strip_bot_name(message, bot_username)
    reply_to = message.reply_to_message
    replied_to_bot = bool(reply_to and reply_to.from_user and reply_to.from_user.id == bot_id)
    is_command = (message.text or "").startswith("/")
    chat = _chat_ref(message.chat)
    if chat.is_group:
        first = (message.text or "").split(maxsplit=1)[0] if message.text else ""
        other_bot_command = is_command and "@" in first and not named
        if other_bot_command or not (named or replied_to_bot or is_command):
            return None
    return Incoming(
        event_id=f"tg:{update.update_id}",
        chat=chat,
        user=_user_ref(message.from_user),
        text=text,
        mentions_bot=named or replied_to_bot or chat.kind is ChatKind.PRIVATE,
        lang_hint=message.from_user.language_code,
        reply_to_message_id=str(reply_to.message_id) if reply_to else None,
    )


def callback_to_incoming(update: Update) -> Incoming | None:
    """Translate a button press (callback query) into an Incoming with action and value."""
    query = update.callback_query
    if query is None or not query.data:
        return None
    action, value = Button.parse_callback(query.data)
    msg = query.message
    if msg is not None:
        chat = _chat_ref(msg.chat)
    else:  # inline-mode message: no chat; answer privately
        chat = ChatRef(Platform.TELEGRAM, str(query.from_user.id), ChatKind.PRIVATE)
    return Incoming(
        event_id=f"tg:{update.update_id}",
        chat=chat,
        user=_user_ref(query.from_user),
        action=action,
        value=value,
        mentions_bot=True,
        lang_hint=query.from_user.language_code,
        reply_to_message_id=str(msg.message_id) if msg is not None else None,
    )


# -- Outgoing -> Telegram -------------------------------------------------------------------
def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """An inline keyboard: short labels share a row (up to 3), long ones get their own."""
    if not buttons:
        return None
    rows: list[list[InlineKeyboardButton]] = []
    row: list[InlineKeyboardButton] = []
    width = 0
    for button in buttons:
        data = button.callback_data
        if len(data.encode()) > CALLBACK_DATA_LIMIT:
            raise PermanentDeliveryError(f"callback data over 64 bytes: {data!r}",
                                         reason="callback_data_too_long")
        if row and (len(row) == 3 or width + len(button.label) > 24):
            rows.append(row)
            row, width = [], 0
        row.append(InlineKeyboardButton(button.label, callback_data=data))
        width += len(button.label)
    rows.append(row)
    return InlineKeyboardMarkup(rows)


def _seconds(value: int | float | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def map_telegram_error(exc: Exception) -> DeliveryError:
    """Classify a Telegram failure: permanent (blocked, chat gone) or retryable (429, 5xx, network)."""
    if isinstance(exc, DeliveryError):
        return exc
    if isinstance(exc, RetryAfter):
        with warnings.catch_warnings():  # PTB warns about the int -> timedelta migration
            warnings.simplefilter("ignore")
            retry_after = _seconds(exc.retry_after)
        return RetryableDeliveryError(str(exc), retry_after=retry_after)
    if isinstance(exc, Forbidden):
        return PermanentDeliveryError(exc.message, reason="forbidden")
    if isinstance(exc, ChatMigrated):
        return PermanentDeliveryError(str(exc), reason=f"migrated:{exc.new_chat_id}")
    if isinstance(exc, BadRequest):  # a NetworkError subclass, so check it first
        gone = any(marker in exc.message.lower() for marker in _GONE)
        return PermanentDeliveryError(exc.message, reason="chat_not_found" if gone else "bad_request")
    if isinstance(exc, NetworkError | Conflict | InvalidToken | TimeoutError | OSError):
        return RetryableDeliveryError(str(exc))
    if isinstance(exc, TelegramError):
        return RetryableDeliveryError(exc.message)
    raise exc


class TelegramSender:
    """Sends Outgoing messages through a PTB Bot; implements adapters.base.Sender."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def send(self, out: Outgoing) -> str:
        """Send or edit one message; returns the id of the message carrying the buttons."""
        try:
            return await self._send(out)
        except Exception as exc:  # translate library errors into delivery errors
            raise map_telegram_error(exc) from exc

    async def _send(self, out: Outgoing) -> str:
        chat_id = out.chat.chat_id
        markup = keyboard(out.buttons)
        if out.edit_message_id is not None:
            try:
                await self.bot.edit_message_text(
                    chat_id=chat_id, message_id=int(out.edit_message_id),
                    text=out.text[:TEXT_LIMIT], reply_markup=markup,
                )
            except BadRequest as exc:
                if "not modified" not in exc.message.lower():
                    raise
            return out.edit_message_id
        last_id = ""
        if out.text:
            chunks = split_text(out.text, TEXT_LIMIT)
            for i, chunk in enumerate(chunks):
                msg = await self.bot.send_message(
                    chat_id=chat_id, text=chunk, reply_markup=markup if i == len(chunks) - 1 else None,
                )
                last_id = str(msg.message_id)
        for attachment in out.attachments:
            file = InputFile(attachment.content, filename=attachment.filename)
            if attachment.mime_type.startswith("image/"):
                msg = await self.bot.send_photo(chat_id=chat_id, photo=file)
            else:
                msg = await self.bot.send_document(chat_id=chat_id, document=file)
            last_id = last_id or str(msg.message_id)
        return last_id


class TelegramAdapter:
    """Runs a PTB Application (long polling or webhook) that feeds the core and sends its replies."""

    def __init__(self, config: TelegramConfig, core: Core) -> None:
        self.config = config
        self.core = core
        self.app: TelegramApp = (
            ApplicationBuilder()
            .token(config.token)
            .base_url(config.base_url)
            .base_file_url(config.base_file_url)
            .concurrent_updates(True)
            .build()
        )
        self.sender = TelegramSender(self.app.bot)
        # Per-chat locks live only while some event of that chat is being handled.
        self._chat_locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()
        self.app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, self._on_message))
        self.app.add_handler(CallbackQueryHandler(self._on_callback))
        self.app.add_error_handler(self._on_error)

    async def start(self) -> None:
        """Connect (getMe) and start receiving updates in the configured mode."""
        await self.app.initialize()
        await self.app.start()
        updater = self.app.updater
        assert updater is not None
        if self.config.mode == "webhook":
            await updater.start_webhook(
                listen=self.config.webhook_listen,
                port=self.config.webhook_port,
                url_path=self.config.webhook_path,
                webhook_url=self.config.webhook_url,
                secret_token=self.config.webhook_secret,
                allowed_updates=_ALLOWED_UPDATES,
                drop_pending_updates=self.config.drop_pending_updates,
            )
        else:
            await updater.start_polling(
                poll_interval=0.0,
                timeout=dtm.timedelta(seconds=self.config.poll_timeout),
                allowed_updates=_ALLOWED_UPDATES,
                drop_pending_updates=self.config.drop_pending_updates,
            )

    async def stop(self) -> None:
        """Stop receiving, finish running handlers and close HTTP connections."""
        updater = self.app.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        bot = context.bot
        incoming = message_to_incoming(update, bot.id, bot.username)
        if incoming is not None:
            await self._handle(incoming)

    async def _on_callback(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        if query is None:
            return
        try:  # stop the client's spinner before the (possibly slow) core call
            await query.answer()
        except TelegramError as exc:
            log.warning("answerCallbackQuery failed: %s", exc)
        incoming = callback_to_incoming(update)
        if incoming is not None:
            await self._handle(incoming)

    async def _handle(self, incoming: Incoming) -> None:
        # Different chats run concurrently; one chat's events keep their order.
        lock = self._chat_locks.get(incoming.chat.chat_id)
        if lock is None:
            lock = self._chat_locks[incoming.chat.chat_id] = asyncio.Lock()
        async with lock:
            replies = await asyncio.to_thread(self.core.handle, incoming)
            for out in replies:
                try:
                    await self.sender.send(out)
                except DeliveryError as exc:
                    log.warning("reply to %s not delivered: %s", out.chat.chat_id, exc)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        log.error("error while handling a Telegram update", exc_info=context.error)
