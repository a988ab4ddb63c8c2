"""Settings and the server token survive a restart; older settings are upgraded, not lost."""

from __future__ import annotations

import stat

from app.secrets import TokenVault
from app.settings import SETTINGS_VERSION, Settings
from app.store import Store


def test_saved_settings_are_there_after_a_restart(tmp_path) -> None:
    store = Store(tmp_path / "ws.sqlite3")
    settings = Settings.load(store)
    settings.update({"server.url": "http://127.0.0.1:8000", "printer.shipping_label": "tcp://127.0.0.1:9100"})
    settings["sync.interval_s"] = "45"
    settings["sounds.on"] = False
    settings.save(store)
    store.close()

    again = Settings.load(Store(tmp_path / "ws.sqlite3"))
    assert again["server.url"] == "http://127.0.0.1:8000"
    assert again["printer.shipping_label"] == "tcp://127.0.0.1:9100"
    assert again["sync.interval_s"] == 45 and again["sounds.on"] is False


def test_a_value_outside_the_choices_falls_back_to_the_default(tmp_path) -> None:
    settings = Settings()
    settings["language"] = "klingon"
    settings["sync.interval_s"] = "soon"
    assert settings["language"] == "system" and settings["sync.interval_s"] == 30


def test_settings_of_an_older_version_are_backed_up_and_upgraded(tmp_path, monkeypatch) -> None:
    import app.settings as module

    store = Store(tmp_path / "ws.sqlite3")
    module._write(store, {"settings.version": 1, "sync_every": 60, "server.url": "http://old"})
    monkeypatch.setattr(module, "SETTINGS_VERSION", 2)

    def rename_interval(values: dict) -> None:
        values["sync.interval_s"] = values.pop("sync_every")

    settings = Settings.load(store, upgrades={1: rename_interval})
    assert settings["sync.interval_s"] == 60 and settings["server.url"] == "http://old"
    assert module.load_cached(store, "x") is None
    with store.session() as s:
        from app.store import Setting

        assert s.get(Setting, "settings.backup.v1") is not None
        version = s.get(Setting, "settings.version")
        assert version is not None and version.value == "2"
    assert SETTINGS_VERSION == 1


def test_the_token_is_kept_in_a_file_only_its_user_can_read(tmp_path) -> None:
    vault = TokenVault(tmp_path, use_keyring=False)
    vault.set("http://127.0.0.1:8000", "secret-token")
    assert TokenVault(tmp_path, use_keyring=False).get("http://127.0.0.1:8000") == "secret-token"
    mode = stat.S_IMODE(vault.file.stat().st_mode)
    assert mode == 0o600
