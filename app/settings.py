"""The workstation's settings, declared once with type, default and description (STYLE habit 8).

Stored in the store's `settings` table (key -> JSON), versioned: `SETTINGS_VERSION` says which
shape the declarations have, and `UPGRADES` turns the values a previous version saved into the
current shape, after keeping a copy of them under `settings.backup.v<N>`. The server token is
not a setting: it lives in `app.secrets`.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

from app import i18n
from app.i18n import tr

if TYPE_CHECKING:  # no SQLAlchemy at import: the first paint reads the settings without it
    from app.store import Store

SETTINGS_VERSION = 1
VERSION_KEY = "settings.version"
BACKUP_KEY = "settings.backup.v{version}"

# version N -> a function that turns version N's values into version N+1's (in place).
Upgrade = Callable[[dict[str, Any]], None]
UPGRADES: dict[int, Upgrade] = {}


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Option(Generic[T]):
    """One setting: its key, type, default, the words shown beside it, and allowed values.

    Read through it, a setting has its declared type: `settings[SYNC_INTERVAL_S]` is an int.
    """

    key: str
    type: type[T]
    default: T
    title: str  # English source; shown through tr()
    description: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, English label) where the value is one of a list
    group: str = "general"

    def coerce(self, value: object) -> T:
        """`value` as this option's type; the default where it cannot be read."""
        try:
            if self.type is bool:
                read: object = (
                    value.strip().lower() in {"1", "true", "yes", "on"}
                    if isinstance(value, str)
                    else bool(value)
                )
            else:
                read = self.type(value)  # type: ignore[call-arg]  # int or str, from what was stored
        except (TypeError, ValueError):
            return self.default
        if self.choices and read not in {c for c, _ in self.choices}:
            return self.default
        return cast(T, read)


# "system" (the default) follows the machine's locale until someone chooses; each language is
# named in itself, so a person finds theirs whatever the screen speaks now.
LANGUAGES: tuple[tuple[str, str], ...] = (("system", "As the computer"), *i18n.LANGUAGES)
TERMINATORS: tuple[tuple[str, str], ...] = (("enter", "Enter"), ("tab", "Tab"), ("none", "None (gap only)"))
TYPE_SIZES: tuple[tuple[str, str], ...] = (
    ("normal", "Normal"),
    ("large", "Large"),
    ("extra_large", "Extra large"),
)
THEMES: tuple[tuple[str, str], ...] = (("light", "Light"), ("dark", "Dark"))

SERVER_URL: Option[str] = Option(
    "server.url",
    str,
    "",
    "Server address",
    "The order server, e.g. https://orders.example.com",
    group="server",
)

WORKSTATION_NAME: Option[str] = Option(
    "workstation.name",
    str,
    socket.gethostname(),
    "Workstation name",
    "Which packing table this is; recorded with every action",
    group="server",
)

SYNC_INTERVAL_S: Option[int] = Option(
    "sync.interval_s",
    int,
    30,
    "Sync every (seconds)",
    "How often the workstation fetches changes and sends its outbox",
    group="server",
)

SHIPPING_LABEL_PRINTER: Option[str] = Option(
    "printer.shipping_label",
    str,
    "",
    "Shipping label printer",
    "e.g. tcp://192.168.1.50:9100, cups://Zebra, file:///tmp/labels",
    group="printers",
)

ITEM_LABEL_PRINTER: Option[str] = Option(
    "printer.item_label", str, "", "Item label printer", "FNSKU/SKU labels", group="printers"
)

DOCUMENTS_PRINTER: Option[str] = Option(
    "printer.documents", str, "", "Documents printer", "Pick lists and packing slips", group="printers"
)

WEDGE_GAP_MS: Option[int] = Option(
    "scanner.wedge_gap_ms",
    int,
    30,
    "Scanner key gap (ms)",
    "Keys closer together than this are a scan, not typing",
    group="scanner",
)

SCANNER_PREFIX: Option[str] = Option(
    "scanner.prefix",
    str,
    "",
    "Scanner prefix",
    "Characters the scanner sends before each barcode",
    group="scanner",
)

SCANNER_SUFFIX: Option[str] = Option(
    "scanner.suffix",
    str,
    "",
    "Scanner suffix",
    "Characters the scanner sends after each barcode, before its terminator",
    group="scanner",
)

SCANNER_TERMINATOR: Option[str] = Option(
    "scanner.terminator",
    str,
    "enter",
    "Scanner terminator",
    "The key the scanner sends after each barcode",
    TERMINATORS,
    group="scanner",
)

SCANNER_SERIAL_PORT: Option[str] = Option(
    "scanner.serial_port",
    str,
    "",
    "Serial scanner port",
    "e.g. /dev/ttyACM0; empty for a keyboard-wedge scanner",
    group="scanner",
)

SCALE_PORT: Option[str] = Option(
    "scale.port", str, "", "Scale port", "e.g. /dev/ttyUSB0; empty for no scale", group="scanner"
)

TYPE_SIZE: Option[str] = Option(
    "display.type_size",
    str,
    "normal",
    "Type size",
    "How large the screens' text is",
    TYPE_SIZES,
    group="general",
)

THEME: Option[str] = Option(
    "display.theme", str, "light", "Colours", "Light or dark screens", THEMES, group="general"
)

SOUNDS_ON: Option[bool] = Option(
    "sounds.on", bool, True, "Sounds", "A sound for right and another for wrong", group="general"
)

LANGUAGE: Option[str] = Option(
    "language", str, i18n.SYSTEM, "Language", "The language of the screens", LANGUAGES, group="general"
)

VERIFY_AT: Option[str] = Option(
    "stations.verify_at",
    str,
    "pick",
    "Goods verified by scan",
    "Where every unit is scanned: at the pick station, at packing, or at both",
    (("pick", "At pick"), ("pack", "At packing"), ("both", "At pick and again at packing")),
    group="stations",
)

OPTIONS: tuple[Option[Any], ...] = (
    SERVER_URL,
    WORKSTATION_NAME,
    SYNC_INTERVAL_S,
    SHIPPING_LABEL_PRINTER,
    ITEM_LABEL_PRINTER,
    DOCUMENTS_PRINTER,
    WEDGE_GAP_MS,
    SCANNER_PREFIX,
    SCANNER_SUFFIX,
    SCANNER_TERMINATOR,
    SCANNER_SERIAL_PORT,
    SCALE_PORT,
    TYPE_SIZE,
    THEME,
    SOUNDS_ON,
    LANGUAGE,
    VERIFY_AT,
)
BY_KEY: dict[str, Option[Any]] = {o.key: o for o in OPTIONS}
# The printer of each role ("shipping_label", "item_label", "documents"), as the settings name it.
PRINTERS: dict[str, Option[str]] = {
    o.key.removeprefix("printer."): o for o in (SHIPPING_LABEL_PRINTER, ITEM_LABEL_PRINTER, DOCUMENTS_PRINTER)
}


@dataclass
class Settings:
    """The current values, in memory. Read anywhere; load and save on the store's thread."""

    values: dict[str, Any] = field(default_factory=lambda: {o.key: o.default for o in OPTIONS})

    @overload
    def __getitem__(self, key: Option[T]) -> T: ...
    @overload
    def __getitem__(self, key: str) -> object: ...
    def __getitem__(self, key: Option[Any] | str) -> object:
        """A setting's value: of its declared type when asked by its `Option`; by key (a form
        that walks every option) as a plain object."""
        option = BY_KEY[key] if isinstance(key, str) else key
        return self.values.get(option.key, option.default)  # kept coerced (__setitem__, load)

    def __setitem__(self, key: Option[Any] | str, value: object) -> None:
        option = BY_KEY[key] if isinstance(key, str) else key
        self.values[option.key] = option.coerce(value)

    def update(self, changes: dict[str, Any]) -> None:
        for key, value in changes.items():
            self[key] = value

    def copy(self) -> Settings:
        return Settings(dict(self.values))

    @staticmethod
    def title(key: str) -> str:
        return tr(BY_KEY[key].title)

    # -- in the store -----------------------------------------------------------------------

    @classmethod
    def load(
        cls, store: Store, upgrades: dict[int, Upgrade] | None = None, *, rows: dict[str, str] | None = None
    ) -> Settings:
        """The saved settings, upgraded to this version's shape (and saved so) where older.
        `rows`: the settings table as already read (key -> JSON text; app/first_paint.py)."""
        read = store.setting_rows() if rows is None else rows
        stored = {key: json.loads(value) for key, value in read.items()}
        version = int(stored.pop(VERSION_KEY, SETTINGS_VERSION if not stored else 1))
        raw = {k: v for k, v in stored.items() if not k.startswith(("settings.", "cache."))}
        settings = cls()
        if version < SETTINGS_VERSION:
            _write(store, {BACKUP_KEY.format(version=version): raw})
            raw = upgrade_values(raw, version, upgrades if upgrades is not None else UPGRADES)
            settings._take(raw)
            settings.save(store)
        else:
            settings._take(raw)
        return settings

    def save(self, store: Store, keys: Iterable[str] | None = None) -> None:
        chosen = list(keys) if keys is not None else list(self.values)
        values: dict[str, Any] = {k: self.values[k] for k in chosen if k in BY_KEY}
        values[VERSION_KEY] = SETTINGS_VERSION
        _write(store, values)

    def _take(self, raw: dict[str, Any]) -> None:
        for key, value in raw.items():
            if key in BY_KEY:
                self.values[key] = BY_KEY[key].coerce(value)


def upgrade_values(raw: dict[str, Any], version: int, upgrades: dict[int, Upgrade]) -> dict[str, Any]:
    """Run the upgrade steps from `version` up to SETTINGS_VERSION on a copy of `raw`."""
    values = dict(raw)
    for step in range(version, SETTINGS_VERSION):
        if step in upgrades:
            upgrades[step](values)
    return values


def _write(store: Store, values: dict[str, Any]) -> None:
    from app.store.models import Setting

    with store.transaction() as s:
        for key, value in values.items():
            s.merge(Setting(key=key, value=json.dumps(value)))


# -- small caches kept beside the settings (not settings: nobody edits them) --------------------

OPERATORS_CACHE = "operators"  # the operators GET /me named, for sign-in and names while offline


def load_cached(store: Store, name: str) -> Any:
    """A value the workstation remembered for offline use (e.g. the operators from GET /me)."""
    key = f"cache.{name}"
    value = store.setting_rows([key]).get(key)
    return json.loads(value) if value is not None else None


def save_cached(store: Store, name: str, value: Any) -> None:
    _write(store, {f"cache.{name}": value})
