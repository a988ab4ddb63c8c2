"""Whether a value typed into Settings or the first-start dialog may be kept: one check per
setting, the reason in words ("" when it may). Nothing empty that must be filled, nothing
malformed, is ever saved (issue 14, point 6); the screens show each reason beside its field.

Also the one call that asks the order server whether an address and a token work
(`server_problem`), run by the screens on a worker lane, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from app.domain.values import ValueRefused, clean_text, required_text
from app.i18n import tr
from app.settings import BY_KEY

PRINTER_SCHEMES = ("tcp", "cups", "serial", "usb", "file")  # printing/transports.py's registry
WORKSTATION_NAME_MAX = 60
TOKEN_MAX = 4096
AFFIX_MAX = 8  # a scanner's prefix or suffix: a few characters
SYNC_SECONDS = (5, 3600)
WEDGE_GAP_MS = (5, 200)


def server_address_problem(text: str) -> str:
    """An order server's address: http(s)://host[:port][/path], no spaces."""
    address = text.strip()
    if not address:
        return tr("The server address is needed, e.g. https://orders.example.com")
    if any(ch.isspace() for ch in address) or not address.isprintable():
        return tr("A server address holds no spaces.")
    try:
        parts = urlsplit(address)
        port = parts.port
    except ValueError:
        return tr("This is not a server address: the port must be a number from 1 to 65535.")
    if parts.scheme not in ("http", "https"):
        return tr("A server address starts with https:// (or http://), e.g. https://orders.example.com")
    if not parts.hostname:
        return tr("The server's name is missing after {scheme}://.", scheme=parts.scheme)
    if port == 0:
        return tr("This is not a server address: the port must be a number from 1 to 65535.")
    if parts.query or parts.fragment:
        return tr("A server address ends before any ? or #.")
    return ""


def token_problem(text: str, *, required: bool = True) -> str:
    """The table's token: printable ASCII without spaces, as a header carries it."""
    token = text.strip()
    if not token:
        return (
            tr("The token is needed: ask whoever runs your platform for this table's token.")
            if required
            else ""
        )
    if not all("!" <= ch <= "~" for ch in token):
        return tr("A token is letters, digits and signs only: no spaces or other characters.")
    if len(token) > TOKEN_MAX:
        return tr("A token is at most {n} characters.", n=TOKEN_MAX)
    return ""


def printer_address_problem(text: str) -> str:
    """A printer's address, or "" for no printer in that role."""
    uri = text.strip()
    if not uri:
        return ""
    if any(ch.isspace() for ch in uri):
        return tr("A printer address holds no spaces (write a space as %20).")
    try:
        parts = urlsplit(uri)
        port = parts.port
    except ValueError:
        return tr("The printer's port must be a number from 1 to 65535, e.g. tcp://192.168.1.50:9100")
    if parts.scheme not in PRINTER_SCHEMES:
        return tr("A printer address starts with tcp://, cups://, serial://, usb:// or file://.")
    if parts.scheme == "tcp":
        if not parts.hostname:
            return tr("Name the printer's host, e.g. tcp://192.168.1.50:9100")
        if port == 0:
            return tr("The printer's port must be a number from 1 to 65535, e.g. tcp://192.168.1.50:9100")
    elif parts.scheme == "cups":
        if not (parts.netloc or parts.path.strip("/")):
            return tr("Name the CUPS queue, e.g. cups://Zebra")
    elif not parts.path.startswith("/") or parts.path == "/":
        return tr(
            "Name the device or folder after {scheme}://, e.g. {example}",
            scheme=parts.scheme,
            example=_EXAMPLE[parts.scheme],
        )
    return ""


_EXAMPLE = {
    "serial": "serial:///dev/ttyUSB0?baud=9600",
    "usb": "usb:///dev/usb/lp0",
    "file": "file:///tmp/labels",
}


def port_problem(text: str) -> str:
    """A serial port (/dev/ttyACM0, COM3), or "" for none."""
    port = text.strip()
    if not port:
        return ""
    if any(ch.isspace() for ch in port) or not port.isprintable():
        return tr("A port holds no spaces, e.g. /dev/ttyACM0 or COM3.")
    if port.startswith("/dev/") and len(port) > 5:
        return ""
    if port.upper().startswith("COM") and port[3:].isdigit():
        return ""
    return tr("A port is a device such as /dev/ttyACM0 (Linux) or COM3 (Windows).")


def scanner_affix_problem(text: str, *, what: str) -> str:
    """A scanner's prefix or suffix: a few printable characters a person would not type, or ""."""
    if not text:
        return ""
    if len(text) > AFFIX_MAX:
        return tr("{what} is at most {n} characters.", what=what, n=AFFIX_MAX)
    if not all(ch.isprintable() or ch == "\x1d" for ch in text) or any(ch in "\r\n\t" for ch in text):
        return tr("{what} holds no Enter, Tab or other control key.", what=what)
    if text.strip() != text or not text.strip():
        return tr("{what} neither starts nor ends with a space.", what=what)
    if text.isalnum():
        return tr(
            "{what} needs a sign a person would not type (such as ~ or §): letters and digits alone "
            "start every word typed.",
            what=what,
        )
    return ""


def _number_problem(value: Any, *, what: str, low: int, high: int) -> str:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return tr("{what} must be a whole number from {low} to {high}.", what=what, low=low, high=high)
    return ""


def setting_problem(key: str, value: Any) -> str:
    """Why `value` may not be kept for setting `key`, in words; "" when it may."""
    option = BY_KEY[key]
    title = tr(option.title)
    if option.choices:
        return "" if value in {v for v, _ in option.choices} else tr("Choose one of the list.")
    if option.type is bool:
        return "" if isinstance(value, bool) else tr("Tick or untick.")
    if key == "server.url":
        return server_address_problem(str(value))
    if key == "workstation.name":
        try:
            required_text(str(value), what=title, max_chars=WORKSTATION_NAME_MAX)
        except ValueRefused as refused:
            return str(refused)
        return ""
    if key == "sync.interval_s":
        return _number_problem(value, what=title, low=SYNC_SECONDS[0], high=SYNC_SECONDS[1])
    if key == "scanner.wedge_gap_ms":
        return _number_problem(value, what=title, low=WEDGE_GAP_MS[0], high=WEDGE_GAP_MS[1])
    if key.startswith("printer."):
        return printer_address_problem(str(value))
    if key in ("scanner.serial_port", "scale.port"):
        return port_problem(str(value))
    if key in ("scanner.prefix", "scanner.suffix"):
        return scanner_affix_problem(str(value), what=title)
    if option.type is str:
        try:
            clean_text(str(value), what=title, max_chars=200)
        except ValueRefused as refused:
            return str(refused)
    return ""


def settings_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """The settings among `values` that may not be kept, each with its reason."""
    problems = {key: setting_problem(key, value) for key, value in values.items() if key in BY_KEY}
    prefix, suffix = values.get("scanner.prefix"), values.get("scanner.suffix")
    if prefix and suffix and prefix == suffix and not problems.get("scanner.suffix"):
        problems["scanner.suffix"] = tr(
            "The suffix must differ from the prefix, or a scan's end looks like its start."
        )
    return {key: reason for key, reason in problems.items() if reason}


def server_problem(url: str, token: str, workstation: str) -> tuple[str, str] | None:
    """Ask the order server who this token belongs to. None when the address and the token work;
    else ("url" or "token", the reason in words). Waits on the network: a worker thread only."""
    from app.api import OrderServerClient, ServerError, Timeouts, Unauthorised

    client = OrderServerClient(
        url, token, workstation or "prepdesk", timeouts=Timeouts(connect=3.0, read=8.0), get_retries=0
    )
    try:
        client.me()
    except Unauthorised as refused:
        return "token", refused.message
    except ServerError as error:
        return "url", error.message or str(error)
    except Exception as error:  # whatever else went wrong, say it beside the address
        return "url", tr(
            "The server at {url} did not answer as an order server: {detail}",
            url=url,
            detail=str(error)[:200],
        )
    finally:
        client.close()
    return None
