"""What a scan means at the packing table: published sample codes, collisions decided by the
screen, our own barcodes, GS1 separators as wedge scanners send them, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain.codes import Command, badge_barcode, command_barcode, order_barcode
from app.scan import GS_SUBSTITUTES, ScanContext, ScanKind, interpret

# Sample numbers from carriers' and GS1's published examples, and numbers built by their rules.
TRACKING = [
    ("1Z999AA10123456784", "ups", "1Z999AA10123456784"),  # UPS's own documentation sample
    ("1z999aa10123456784", "ups", "1Z999AA10123456784"),  # typed by hand, small letters
    ("9205590164917312751089", "usps", "9205590164917312751089"),
    ("420221539101026837331000039521", "usps", "9101026837331000039521"),  # routing code dropped
    ("449044304137821", "fedex", "449044304137821"),  # FedEx Ground test number
    ("9611020987654312345672", "fedex", "987654312345672"),  # Ground 96: the 15-digit number inside
    ("1001921334250001000300779017972697", "fedex", "779017972697"),  # Express 34: last 12 digits
    ("RB123456785GB", "royal_mail", "RB123456785GB"),
    ("EE123456785NL", "postnl", "EE123456785NL"),
    ("RR123456785DE", "deutsche_post", "RR123456785DE"),
    ("RA123456785RU", "russian_post", "RA123456785RU"),
    ("LZ123456785CN", "china_post", "LZ123456785CN"),
    ("EA123456785US", "usps", "EA123456785US"),
    ("TBA123456789012", "amazon", "TBA123456789012"),
    ("C11031500001879", "ontrac", "C11031500001879"),
    ("09980000020033F", "dpd", "09980000020033"),
]


@pytest.mark.parametrize(("scan", "carrier", "number"), TRACKING)
def test_a_parcel_label_scan_names_its_carrier_and_tracking_page(
    scan: str, carrier: str, number: str
) -> None:
    meaning = interpret(scan, ScanContext.SHIP)
    assert meaning.kind is ScanKind.TRACKING
    assert meaning.carrier is not None and meaning.carrier.code == carrier
    assert meaning.value == number
    assert meaning.url is not None and number in meaning.url and meaning.url.startswith("https://")


PRODUCTS = [
    ("4006381333931", "ean13", "04006381333931"),
    ("5901234123457", "ean13", "05901234123457"),
    ("036000291452", "upc_a", "00036000291452"),
    ("96385074", "ean8", "00000096385074"),
    ("00012345600012", "gtin14", "00012345600012"),
    ("]E04006381333931", "ean13", "04006381333931"),
]


@pytest.mark.parametrize(("scan", "fmt", "gtin"), PRODUCTS)
def test_a_product_code_with_a_good_check_digit_is_a_product(scan: str, fmt: str, gtin: str) -> None:
    meaning = interpret(scan, ScanContext.PICK)
    assert (meaning.kind, meaning.format, meaning.gtin) == (ScanKind.PRODUCT, fmt, gtin)


def test_a_upc_e_on_a_small_item_expands_to_the_upc_a_it_stands_for() -> None:
    meaning = interpret("01234565", ScanContext.PICK)
    assert "upc_e" in [c.format for c in meaning.candidates]
    assert [c.gtin for c in meaning.candidates if c.format == "upc_e"] == ["00012345000065"]


def test_amazon_fnsku_and_asin_labels_are_products() -> None:
    assert (interpret("X001ABCDEF").kind, interpret("X001ABCDEF").format) == (ScanKind.PRODUCT, "fnsku")
    assert interpret("B07XJ8C8F5").format == "asin"


def test_a_twelve_digit_number_is_a_upc_when_picking_and_fedex_when_shipping() -> None:
    both = "341672110681"  # valid as a UPC-A and as a FedEx Express number
    assert interpret(both, ScanContext.PICK).format == "upc_a"
    shipping = interpret(both, ScanContext.SHIP)
    assert shipping.kind is ScanKind.TRACKING and shipping.carrier is not None
    assert shipping.carrier.code == "fedex"
    assert {c.format for c in shipping.candidates} == {"upc_a", "fedex_12"}


def test_our_own_barcodes_mean_the_same_on_every_screen() -> None:
    for context in ScanContext:
        assert (
            interpret(order_barcode("1042"), context).kind,
            interpret(order_barcode("1042"), context).value,
        ) == (
            ScanKind.ORDER,
            "1042",
        )
        assert interpret(badge_barcode("ANNA-7"), context).kind is ScanKind.BADGE
        confirm = interpret(command_barcode(Command.CONFIRM), context)
        assert (confirm.kind, confirm.command) == (ScanKind.COMMAND, Command.CONFIRM)


def test_a_quantity_command_scanned_with_caps_lock_on_still_adds_five() -> None:
    meaning = interpret("pdc-qty-5\r\n")
    assert meaning.command is Command.QTY_5 and meaning.command.quantity == 5


def test_an_unknown_command_barcode_is_refused_with_the_reason() -> None:
    meaning = interpret("PDC-SELFDESTRUCT")
    assert meaning.kind is ScanKind.UNKNOWN and meaning.reason and "SELFDESTRUCT" in meaning.reason


@pytest.mark.parametrize("separator", GS_SUBSTITUTES)
def test_a_supplier_carton_gs1_code_reads_whatever_stands_in_for_the_separator(separator: str) -> None:
    meaning = interpret(f"]C1010950600013435210ABC123{separator}17241231{separator}3712", ScanContext.PICK)
    assert meaning.kind is ScanKind.GS1 and meaning.gs1 is not None
    assert meaning.gs1.gtin == "09506000134352"
    assert meaning.gs1.batch == "ABC123"
    assert meaning.gs1.expiry == dt.date(2024, 12, 31)
    assert meaning.gs1.count == 12


def test_a_gs1_datamatrix_with_serial_and_a_human_readable_form() -> None:
    dm = interpret("]d2010950600013435221SN-0042\x1d17270101")
    assert dm.symbology is not None and dm.symbology.name == "GS1 DataMatrix"
    assert dm.gs1 is not None and (dm.gs1.serial, dm.gs1.expiry) == ("SN-0042", dt.date(2027, 1, 1))
    hri = interpret("(01)09506000134352(10)LOT7")
    assert hri.gs1 is not None and hri.gs1.hri == "(01)09506000134352(10)LOT7"


def test_a_pallet_label_sscc_is_read_as_gs1() -> None:
    meaning = interpret("]C100006141411234567890")
    assert meaning.gs1 is not None and meaning.gs1.sscc == "006141411234567890"


@pytest.mark.parametrize(
    "scan",
    [
        "]C10109506000134353\x1d10ABC",
        "0109506000134353",
        "4006381333932",
        "1Z999AA10123456785",
        "RB123456786GB",
    ],
)
def test_a_wrong_check_digit_is_never_a_match_and_says_why(scan: str) -> None:
    for context in ScanContext:
        meaning = interpret(scan, context)
        assert meaning.kind is ScanKind.UNKNOWN
        assert meaning.reason is not None and "check digit" in meaning.reason


def test_control_characters_around_a_scan_are_ignored() -> None:
    assert interpret("\x00\x02PDO-77\x03\r\n").value == "77"


def test_a_ten_kilobyte_burst_is_unknown_not_a_crash() -> None:
    meaning = interpret("7" * 10_240, ScanContext.PICK)
    assert meaning.kind is ScanKind.UNKNOWN and meaning.reason


def test_an_empty_scan_is_unknown() -> None:
    assert interpret("\r\n").kind is ScanKind.UNKNOWN


def test_on_the_pick_screen_an_unknown_token_may_be_the_sellers_sku_but_not_elsewhere() -> None:
    assert (interpret("TSHIRT-RED-M", ScanContext.PICK).kind, interpret("TSHIRT-RED-M").kind) == (
        ScanKind.PRODUCT,
        ScanKind.UNKNOWN,
    )


def test_the_json_summary_carries_carrier_and_url_for_tracking() -> None:
    summary = interpret("1Z999AA10123456784").as_dict()
    assert summary["kind"] == "tracking" and summary["carrier"] == "UPS" and "url" in summary


def test_the_qr_code_on_a_product_gs1_digital_link_gives_its_gtin_and_batch() -> None:
    meaning = interpret("https://id.gs1.org/01/09506000134352/10/ABC?17=261231", ScanContext.PICK)
    assert meaning.kind is ScanKind.GS1 and meaning.gs1 is not None
    assert (meaning.gtin, meaning.gs1.batch, meaning.gs1.expiry) == (
        "09506000134352",
        "ABC",
        dt.date(2026, 12, 31),
    )


def test_a_digital_link_with_a_wrong_gtin_check_digit_is_refused() -> None:
    meaning = interpret("https://id.gs1.org/01/09506000134353")
    assert meaning.kind is ScanKind.UNKNOWN and meaning.reason and "check digit" in meaning.reason


def test_an_amazon_order_id_from_a_packing_slip_finds_the_order() -> None:
    meaning = interpret("113-1234567-1234567", ScanContext.ORDER_LOOKUP)
    assert (meaning.kind, meaning.format, meaning.value) == (
        ScanKind.ORDER,
        "amazon_order",
        "113-1234567-1234567",
    )


def test_on_the_order_lookup_screen_a_bare_order_number_is_an_order() -> None:
    meaning = interpret("1042", ScanContext.ORDER_LOOKUP)
    assert (meaning.kind, meaning.format, meaning.value) == (ScanKind.ORDER, "order_number", "1042")
    assert interpret("1042").kind is ScanKind.UNKNOWN


def test_a_pallet_sscc_is_gs1_anywhere_but_a_fedex_parcel_on_the_ship_screen() -> None:
    sscc = "00006141411234567890"
    assert interpret(sscc).kind is ScanKind.GS1
    shipping = interpret(sscc, ScanContext.SHIP)
    assert shipping.carrier is not None and shipping.carrier.code == "fedex"
    assert shipping.value == "006141411234567890"
