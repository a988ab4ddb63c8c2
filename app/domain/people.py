"""Who works at a table: an operator (code, name, badge) and the answer to "who is this token?"."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.codes import BADGE_PREFIX


@dataclass(frozen=True, slots=True)
class Operator:
    """A person signed in at the table; the code goes out as X-Operator."""

    code: str
    name: str
    badge: str = ""


@dataclass(frozen=True, slots=True)
class Whoami:
    """GET /me: the prep center and operator behind the token, and who may sign in."""

    prep_center_id: str
    prep_center_name: str
    operator: Operator
    operators: list[Operator] = field(default_factory=list)


def badge_matches(operator: Operator, scan: str) -> bool:
    """A badge barcode is `PDB-<badge>` (the server's badge number), or `PDB-<operator code>`."""
    text = scan.strip().upper()
    payload = text[len(BADGE_PREFIX) :] if text.startswith(BADGE_PREFIX) else text
    return bool(payload) and payload in {operator.badge.upper(), operator.code.upper()} - {""}
