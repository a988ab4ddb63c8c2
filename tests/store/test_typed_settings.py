"""A setting is read with its declared type (app/settings.py `Option[T]`): a sync interval is a
number of seconds, whatever form the store kept it in, and a printer address is text."""

from __future__ import annotations

import json
from pathlib import Path

from app.settings import (
    OPTIONS,
    PRINTERS,
    SERVER_URL,
    SOUNDS_ON,
    SYNC_INTERVAL_S,
    WEDGE_GAP_MS,
    Settings,
)
from app.store import Setting, Store


def test_each_option_reads_as_its_declared_type_with_its_default(tmp_path: Path) -> None:
    settings = Settings()
    for option in OPTIONS:
        assert isinstance(settings[option], option.type) and settings[option] == option.default
    assert set(PRINTERS) == {"shipping_label", "item_label", "documents"}


def test_values_stored_as_text_by_hand_are_read_as_numbers_and_yes_or_no(tmp_path: Path) -> None:
    store = Store(tmp_path / "ws.sqlite3")
    try:
        with store.transaction() as s:  # as a supervisor's script or an older version left them
            for key, value in (
                ("sync.interval_s", "45"),
                ("scanner.wedge_gap_ms", 40.0),
                ("sounds.on", "off"),
            ):
                s.merge(Setting(key=key, value=json.dumps(value)))
        settings = Settings.load(store)
    finally:
        store.close()
    interval: int = settings[SYNC_INTERVAL_S]
    assert interval == 45 and type(interval) is int
    assert settings[WEDGE_GAP_MS] == 40 and type(settings[WEDGE_GAP_MS]) is int
    assert settings[SOUNDS_ON] is False
    settings[SERVER_URL] = "http://127.0.0.1:8000"
    assert settings["server.url"] == settings[SERVER_URL] == "http://127.0.0.1:8000"  # one value, two ways
