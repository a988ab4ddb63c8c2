"""What a scanned string means: order label, product code, GS1 element string, tracking number
with its carrier, operator badge or command. No Qt, no I/O; `interpret()` is the door.
"""

from app.scan.carriers import CLAIMED, POSTS
from app.scan.gs1 import GS_SUBSTITUTES
from app.scan.interpret import MAX_SCAN_LENGTH, interpret
from app.scan.meaning import Candidate, Carrier, GS1Data, ScanContext, ScanKind, ScanMeaning, Symbology
from app.scan.sources import ScanSource, WeighingScale

__all__ = [
    "CLAIMED",
    "GS_SUBSTITUTES",
    "MAX_SCAN_LENGTH",
    "POSTS",
    "Candidate",
    "Carrier",
    "GS1Data",
    "ScanContext",
    "ScanKind",
    "ScanMeaning",
    "ScanSource",
    "Symbology",
    "WeighingScale",
    "interpret",
]
