"""The stations of the packing table (pick, pack & ship): Qt-free sessions, a scan in and a
verdict out. Their pages in `ui/pages/` only show what a session returns (DESIGN.md, "Stations")."""

from app.stations.verdict import Sound, Verdict

__all__ = ["Sound", "Verdict"]
