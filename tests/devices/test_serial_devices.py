"""Serial scanners and scales over pseudo-terminals: lines in, scans and grams out; an unplugged
cable is reported and the port comes back by itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.emulators import ScaleEmulator, ScannerEmulator
from devices.scale import Scale
from devices.scale_protocols import ScaleFault, ScaleProtocol, WeightReading
from devices.serial_link import PortStatus
from devices.serial_scanner import SerialScanner
from tests.devices.conftest import Inbox


@pytest.fixture
def statuses() -> Inbox:
    return Inbox()


@pytest.fixture
def scanner(
    port_path: Path, scanner_emulator: ScannerEmulator, inbox: Inbox, statuses: Inbox
) -> Iterator[SerialScanner]:
    device = SerialScanner(
        str(port_path), inbox.put, baud=115200, on_status=statuses.put, reconnect_interval=0.05
    )
    device.start()
    statuses.get_where(lambda s: s.connected)
    yield device
    device.stop()


def test_a_serial_scan_arrives_as_one_string_with_its_port(
    scanner: SerialScanner, scanner_emulator: ScannerEmulator, inbox: Inbox
) -> None:
    scanner_emulator.scan("PDO-1042")
    scanner_emulator.scan("1Z999AA10123456784")
    text, source, _at = inbox.get()
    assert (text, source) == ("PDO-1042", scanner.source)
    assert inbox.get()[0] == "1Z999AA10123456784"


def test_a_scanner_with_crlf_terminators_gives_no_empty_scans(
    port_path: Path, scanner_emulator: ScannerEmulator, inbox: Inbox, scanner: SerialScanner
) -> None:
    scanner_emulator.terminator = b"\r\n"
    scanner_emulator.scan("4006381333931")
    scanner_emulator.scan("PDC-CONFIRM")
    assert [inbox.get()[0], inbox.get()[0]] == ["4006381333931", "PDC-CONFIRM"]
    assert inbox.empty_for(0.2)


def test_unplugged_mid_scan_drops_the_half_and_reconnects_when_plugged_back(
    scanner: SerialScanner, scanner_emulator: ScannerEmulator, inbox: Inbox, statuses: Inbox
) -> None:
    scanner_emulator.write(b"PDO-10")  # the cable is pulled while the scanner sends
    scanner_emulator.unplug()
    gone: PortStatus = statuses.get_where(lambda s: not s.connected)
    assert gone.reason and gone.port == scanner.port
    scanner_emulator.replug()
    statuses.get_where(lambda s: s.connected)
    scanner_emulator.scan("PDO-1042")
    assert inbox.get()[0] == "PDO-1042"  # no "PDO-10" before it, nothing glued to it
    assert inbox.empty_for(0.2)


def test_a_scanner_that_is_not_plugged_in_at_start_is_found_when_it_comes(
    tmp_path: Path, inbox: Inbox, statuses: Inbox
) -> None:
    path = tmp_path / "ttyACM0"
    device = SerialScanner(str(path), inbox.put, on_status=statuses.put, reconnect_interval=0.05)
    device.start()
    try:
        first: PortStatus = statuses.get()
        assert not first.connected and first.reason
        emulator = ScannerEmulator(path)
        statuses.get_where(lambda s: s.connected)
        emulator.scan("PDB-ANNA")
        assert inbox.get()[0] == "PDB-ANNA"
        emulator.close()
    finally:
        device.stop()


def test_a_ten_kilobyte_line_is_dropped_not_delivered(
    port_path: Path, scanner_emulator: ScannerEmulator, inbox: Inbox, statuses: Inbox
) -> None:
    rejected = Inbox()
    device = SerialScanner(str(port_path), inbox.put, on_status=statuses.put, on_rejected=rejected.put)
    device.start()
    try:
        statuses.get_where(lambda s: s.connected)
        scanner_emulator.scan("9" * 10_240)
        assert "dropped" in rejected.get()
        scanner_emulator.scan("PDO-1")
        assert inbox.get()[0] == "PDO-1"  # nothing of the burst, and the next scan is whole
    finally:
        device.stop()


# -- scales


@pytest.fixture
def scale_setup(
    port_path: Path, request: pytest.FixtureRequest, statuses: Inbox
) -> Iterator[tuple[ScaleEmulator, Scale, Inbox, Inbox]]:
    protocol: ScaleProtocol = request.param
    emulator = ScaleEmulator(port_path, protocol, interval=0.05)
    weights, faults = Inbox(), Inbox()
    scale = Scale(
        str(port_path),
        protocol=protocol,
        poll_interval=0.05,
        on_weight=weights.put,
        on_fault=faults.put,
        on_status=statuses.put,
        reconnect_interval=0.05,
    )
    scale.start()
    yield emulator, scale, weights, faults
    scale.stop()
    emulator.close()


def _settles_at(scale: Scale, grams: float) -> float:
    """The stable weight once the scale shows `grams` (a reading taken just before the parcel
    went on may still be on its way)."""
    reading = scale.stable_grams(timeout=5)
    for _ in range(20):
        if reading == pytest.approx(grams, abs=0.01):
            break
        reading = scale.stable_grams(timeout=5)
    return reading


ALL_PROTOCOLS = [ScaleProtocol.MT_SICS, ScaleProtocol.W_REQUEST, ScaleProtocol.CONTINUOUS]


@pytest.mark.parametrize("scale_setup", ALL_PROTOCOLS, indirect=True)
def test_a_parcel_on_the_scale_is_weighed_in_grams(
    scale_setup: tuple[ScaleEmulator, Scale, Inbox, Inbox],
) -> None:
    emulator, scale, _weights, _faults = scale_setup
    emulator.put(256.0)
    assert _settles_at(scale, 256.0) == pytest.approx(256.0)
    emulator.put(453.59237, unit="lb")
    assert _settles_at(scale, 453.592) == pytest.approx(453.592, abs=0.01)


@pytest.mark.parametrize("scale_setup", ALL_PROTOCOLS, indirect=True)
def test_a_swaying_parcel_reads_unstable_and_is_not_taken(
    scale_setup: tuple[ScaleEmulator, Scale, Inbox, Inbox],
) -> None:
    emulator, scale, weights, _faults = scale_setup
    emulator.put(1200.0, stable=False)
    reading: WeightReading = weights.get_where(lambda r: r.grams == pytest.approx(1200.0))
    assert not reading.stable
    with pytest.raises(TimeoutError):
        scale.stable_grams(timeout=0.3)


@pytest.mark.parametrize("scale_setup", [ScaleProtocol.MT_SICS, ScaleProtocol.CONTINUOUS], indirect=True)
def test_garbage_and_negative_weights_are_refused_with_a_reason(
    scale_setup: tuple[ScaleEmulator, Scale, Inbox, Inbox],
) -> None:
    emulator, scale, _weights, faults = scale_setup
    emulator.garbage = b"\x00\xff#@!!\r\n"
    assert "Unreadable" in faults.get().reason
    emulator.put(-100.0)
    fault: ScaleFault = faults.get_where(lambda f: "Negative" in f.reason)
    assert fault.raw
    with pytest.raises(TimeoutError):
        scale.stable_grams(timeout=0.3)
    emulator.put(500.0)
    assert _settles_at(scale, 500.0) == pytest.approx(500.0)


@pytest.mark.parametrize("scale_setup", [ScaleProtocol.MT_SICS], indirect=True)
def test_a_scale_unplugged_says_so_and_weighs_again_when_back(
    scale_setup: tuple[ScaleEmulator, Scale, Inbox, Inbox], statuses: Inbox
) -> None:
    emulator, scale, _weights, _faults = scale_setup
    emulator.put(750.0)
    assert _settles_at(scale, 750.0) == pytest.approx(750.0)
    emulator.unplug()
    statuses.get_where(lambda s: not s.connected)
    with pytest.raises(ConnectionError):
        scale.stable_grams(timeout=0.2)
    emulator.replug()
    emulator.put(800.0)
    assert _settles_at(scale, 800.0) == pytest.approx(800.0)


def test_serial_scanners_and_scales_fit_the_cores_interfaces(port_path: Path) -> None:
    from app.scan import ScanSource, WeighingScale

    assert isinstance(SerialScanner(str(port_path), lambda *_: None), ScanSource)
    assert isinstance(Scale(str(port_path)), WeighingScale)


def test_a_listener_that_fails_does_not_stop_the_scanner(
    port_path: Path, scanner_emulator: ScannerEmulator, inbox: Inbox, statuses: Inbox
) -> None:
    def listener(text: str, source: str, at: float) -> None:
        if text == "BOOM-1":
            raise RuntimeError("screen went away")
        inbox.put(text)

    device = SerialScanner(str(port_path), listener, on_status=statuses.put)
    device.start()
    try:
        statuses.get_where(lambda s: s.connected)
        scanner_emulator.scan("BOOM-1")
        scanner_emulator.scan("PDO-2")
        assert inbox.get() == "PDO-2"
    finally:
        device.stop()
