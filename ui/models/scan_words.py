"""What a scan means, in a few words for a person: the live scan test says "UPS tracking
number" or "EAN-13 product code", not just the characters it received."""

from __future__ import annotations

from app.i18n import tr
from app.scan import ScanKind, ScanMeaning
from app.scan.products import FORMAT_NAMES


def meaning_words(meaning: ScanMeaning) -> str:
    kind = meaning.kind
    if kind is ScanKind.ORDER:
        return tr("order label of order {number}", number=meaning.value)
    if kind is ScanKind.BADGE:
        return tr("operator badge")
    if kind is ScanKind.COMMAND:
        label = meaning.command.label if meaning.command is not None else meaning.value
        return tr("command barcode: {command}", command=label)
    if kind is ScanKind.SERVICE:
        return tr("prep service barcode: {code}", code=meaning.value)
    if kind is ScanKind.TRACKING:
        carrier = meaning.carrier.name if meaning.carrier is not None else tr("a carrier")
        return tr("{carrier} tracking number {number}", carrier=carrier, number=meaning.value)
    if kind is ScanKind.GS1:
        return tr("GS1 code {fields}", fields=meaning.gs1.hri if meaning.gs1 is not None else meaning.value)
    if kind is ScanKind.PRODUCT:
        if meaning.format == "sku":
            return tr("a SKU (free text) {code}", code=meaning.value)
        name = FORMAT_NAMES.get(meaning.format, meaning.format)
        return tr("{format} product code {code}", format=name, code=meaning.value)
    return tr("not a code Prepdesk knows: {reason}", reason=meaning.reason or tr("unknown code"))
