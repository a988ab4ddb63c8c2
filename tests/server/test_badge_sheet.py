"""The badge sheet a prep center prints (GET /admin/prep-centers/{id}/badges.pdf) carries every
operator's name in its own script: read back from the PDF, and inked on the page where it stands."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import requests

from server.harness import RunningServer

PEOPLE = {
    "ann": "Ann Miller",
    "olga": "Ольга Смирнова",
    "chen": "陈伟",
    "farid": "فريد حداد",
    "dov": "דוב כהן",
}


def _admin(server: RunningServer, method: str, path: str, body: object = None) -> requests.Response:
    return requests.request(
        method,
        f"{server.url}/api/v1/admin/{path}",
        json=body,
        headers={"Authorization": f"Bearer {server.admin_token}"},
        timeout=60,
    )


def _ink(image: object, box: tuple[float, float, float, float], page_height: float, scale: float) -> float:
    """The share of dark pixels in `box` (PDF points, origin bottom left) of the rendered page."""
    left, bottom, right, top = box
    crop = image.crop(  # type: ignore[attr-defined]
        (round(left * scale), round((page_height - top) * scale), round(right * scale),
         round((page_height - bottom) * scale))
    ).convert("L")  # fmt: skip
    histogram = crop.histogram()
    return sum(histogram[:128]) / max(1, sum(histogram))


def test_every_name_in_latin_cyrillic_chinese_arabic_and_hebrew_is_on_its_card(
    server: RunningServer, tmp_path: Path
) -> None:
    assert _admin(server, "POST", "prep-centers", {"id": "MSK", "name": "Северный склад"}).status_code == 200
    for code, name in PEOPLE.items():
        answer = _admin(server, "POST", "prep-centers/MSK/operators", {"code": code, "name": name})
        assert answer.status_code == 200, answer.text
    sheet = _admin(server, "GET", "prep-centers/MSK/badges.pdf")
    assert sheet.headers["content-type"] == "application/pdf"
    (tmp_path / "badges.pdf").write_bytes(sheet.content)

    document = pdfium.PdfDocument(sheet.content)
    page = document[0]
    text = page.get_textpage()
    lines = text.get_text_range().splitlines()
    for name in PEOPLE.values():
        assert name in lines, (name, lines)  # in reading order, as written
    assert lines.count("Северный склад · olga") == 1

    # Each name is drawn, not only written: its box on the rendered page holds ink.
    scale = 3
    image = page.render(scale=scale).to_pil()
    image.save(tmp_path / "badges.png")
    _width, height = page.get_size()
    for name in PEOPLE.values():
        searcher = text.search(name)
        found = searcher.get_next()
        assert found is not None, name
        first, count = found
        boxes = [text.get_charbox(i) for i in range(first, first + count)]
        box = (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
        assert _ink(image, box, height, scale) > 0.08, name
    document.close()
