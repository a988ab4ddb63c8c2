"""Where the workstation keeps its server token: the system keyring, or where none exists, a
file in the data folder that only the user may read (mode 0600).

The token is never a setting: settings can be exported, shown and backed up; the token is not.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

SERVICE = "prepdesk"
TOKEN_FILE = "server-token.json"


def _usable_keyring() -> object | None:
    """The keyring backend, or None where it is the 'fail' or 'null' one (a headless Linux)."""
    try:
        import keyring
        from keyring.backends import fail
    except ImportError:
        return None
    backend = keyring.get_keyring()
    name = type(backend).__module__
    if isinstance(backend, fail.Keyring) or name.endswith(("null", "fail")):
        return None
    return backend


class TokenVault:
    """Server tokens by server address. Runs on whatever thread calls it (a small, quick file)."""

    def __init__(self, data_dir: str | os.PathLike[str], *, use_keyring: bool = True) -> None:
        self.file = Path(data_dir) / TOKEN_FILE
        self._keyring = _usable_keyring() if use_keyring else None

    @property
    def where(self) -> str:
        """Where tokens are kept, in words for the settings page."""
        if self._keyring is not None:
            return f"keyring ({type(self._keyring).__name__})"
        return str(self.file)

    def get(self, server_url: str) -> str:
        if self._keyring is not None:
            import keyring

            return keyring.get_password(SERVICE, server_url) or ""
        return self._read_file().get(server_url, "")

    def set(self, server_url: str, token: str) -> None:
        if self._keyring is not None:
            import keyring

            if token:
                keyring.set_password(SERVICE, server_url, token)
            else:
                self._delete_keyring(server_url)
            return
        tokens = self._read_file()
        if token:
            tokens[server_url] = token
        else:
            tokens.pop(server_url, None)
        self._write_file(tokens)

    def _delete_keyring(self, server_url: str) -> None:
        import keyring
        from keyring.errors import PasswordDeleteError

        with contextlib.suppress(PasswordDeleteError):
            keyring.delete_password(SERVICE, server_url)

    def _read_file(self) -> dict[str, str]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            log.warning("the token file %s cannot be read: %s", self.file, error)
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def _write_file(self, tokens: dict[str, str]) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        # Created 0600 from the start: the token is never readable by others, not even for a moment.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(tokens, f)
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.file)
