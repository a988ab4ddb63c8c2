"""The translation catalogs: extracted from the code, merged into each language's .po, compiled.

The messages are the first arguments of `tr(...)` and `ntr(singular, plural, n)` in every layer.
Each language's catalog is `resources/translations/<lang>/LC_MESSAGES/prepdesk.po`; the template
beside them is `prepdesk.pot`. Files are written sorted and without line numbers, so that two
people adding strings in different files rarely touch the same lines. `scripts/translations.py`
is the command; the tests and `app.i18n` use the same functions.
"""

from __future__ import annotations

import ast
import contextlib
import io
import json
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DIRECTORY = ROOT / "resources" / "translations"
DOMAIN = "prepdesk"
TEMPLATE = DIRECTORY / f"{DOMAIN}.pot"
LANGUAGES = ("ru", "zh_CN", "nl")
SOURCE_DIRS = ("app", "ui", "printing", "devices", "server", "prepdesk")
KEYWORDS: dict[str, tuple[int, ...] | None] = {"tr": None, "ntr": (1, 2)}
# Messages handed to tr by name rather than as a literal: the English words of these tables (a
# dict's values; the second of each pair; every string of a flat tuple) and of Option(...) calls.
TABLES = {
    "app/domain/status.py": ("_LABELS",),
    "app/domain/codes.py": ("_COMMAND_LABELS",),
    "app/store/notices.py": ("_ACTIONS",),
    "app/settings.py": ("TERMINATORS", "LANGUAGES"),
    "app/activity_log/words.py": ("_ACTIONS",),
    "ui/pages/activity.py": ("COLUMNS",),
    "ui/pages/dashboard.py": ("TILES",),
    "ui/pages/settings.py": ("GROUPS",),
}
OPTION_FILES = ("app/settings.py",)


def po_path(language: str) -> Path:
    return DIRECTORY / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def _quiet_extract(directory: Path) -> list[tuple[str, int, str | tuple[str, ...], list[str]]]:
    # Babel warns on stderr about every f-string in a tr() call; ours are placeholder values
    # (kg=f"{grams / 1000:g}"), never the message, so the warnings are noise here.
    with contextlib.redirect_stderr(io.StringIO()):
        return [
            (filename, lineno, message, comments)
            for filename, lineno, message, comments, _context in extract_from_dir(
                directory,
                method_map=[("**.py", "python")],
                keywords=KEYWORDS,
                comment_tags=("Translators:",),
                strip_comment_tags=True,
            )
        ]


def _words(node: ast.expr) -> Iterator[str]:
    if isinstance(node, ast.Dict):
        for value in node.values:
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                yield value.value
    elif isinstance(node, (ast.Tuple, ast.List)):
        for item in node.elts:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                yield item.value
            elif isinstance(item, ast.Tuple) and len(item.elts) == 2:
                second = item.elts[1]
                if isinstance(second, ast.Constant) and isinstance(second.value, str):
                    yield second.value


def table_messages(root: Path = ROOT) -> Iterator[tuple[str, int, str]]:
    """(file, line, English) for the words of TABLES and of Option(...) declarations."""
    for relative in sorted({*TABLES, *OPTION_FILES}):
        tree = ast.parse((root / relative).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names = {t.id for t in targets if isinstance(t, ast.Name)}
                if names & set(TABLES.get(relative, ())):
                    for text in _words(node.value):
                        yield relative, node.lineno, text
            if relative in OPTION_FILES and _is_option(node):
                assert isinstance(node, ast.Call)
                given: dict[int | str | None, ast.expr] = dict(enumerate(node.args))
                given.update({k.arg: k.value for k in node.keywords})
                for place in (3, "title", 4, "description"):
                    arg = given.get(place)
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value:
                        yield relative, node.lineno, arg.value
                choices = given.get(5, given.get("choices"))
                if choices is not None and not isinstance(choices, ast.Name):
                    for text in _words(choices):
                        yield relative, node.lineno, text


def _is_option(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Option"


def extract_template(root: Path = ROOT) -> Catalog:
    """Every message of the code as it is now (English), with the files it appears in."""
    template = Catalog(project="Prepdesk", domain=DOMAIN, fuzzy=False)
    for folder in SOURCE_DIRS:
        for filename, lineno, message, comments in _quiet_extract(root / folder):
            if isinstance(message, tuple):
                # Arguments that are not string literals (a variable handed to tr) come as None.
                if any(part is None for part in message[:2]):
                    continue
                message = message[:2]
            if not message:
                continue
            template.add(message, locations=[(f"{folder}/{filename}", lineno)], auto_comments=comments)
    for relative, lineno, text in table_messages(root):
        known = template.get(text)
        if known is None:
            template.add(text, locations=[(relative, lineno)])
        elif (relative, lineno) not in known.locations:
            known.locations.append((relative, lineno))
    return template


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=True, include_lineno=False, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())


def read_catalog(language: str) -> Catalog:
    with po_path(language).open("rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def extract() -> dict[str, int]:
    """Write the template from the code, merge it into each language's catalog; return, per
    language, how many messages still want a translator."""
    template = extract_template()
    _write(template, TEMPLATE)
    left = {}
    for language in LANGUAGES:
        if po_path(language).exists():
            catalog = read_catalog(language)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="Prepdesk")
        catalog.fuzzy = False  # the header: a fuzzy header would be left out of the .mo
        catalog.update(template, update_header_comment=False)
        _write(catalog, po_path(language))
        left[language] = len(missing(catalog))
    return left


def missing(catalog: Catalog) -> list[Message]:
    """Messages with no translation, a fuzzy (guessed) one, or a plural form left empty."""
    found = []
    for message in catalog:
        if not message.id:
            continue
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(forms) or (message.pluralizable and len(forms) < catalog.num_plurals):
            found.append(message)
    return found


def _english(message_id: object) -> tuple[str, ...]:
    """A message's English text: (text,) or (singular, plural)."""
    if isinstance(message_id, (tuple, list)):
        return tuple(str(part) for part in message_id)
    return (str(message_id),)


def placeholders(text: str) -> set[str]:
    """The {named} fields of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def compiled(language: str) -> bytes:
    """The language's catalog as a .mo file's bytes (fuzzy entries left out, so English shows)."""
    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(language), use_fuzzy=False)
    return buffer.getvalue()


def compile_all() -> list[Path]:
    written = []
    for language in LANGUAGES:
        mo_path(language).write_bytes(compiled(language))
        written.append(mo_path(language))
    return written


def missing_as_json(languages: Iterable[str] = LANGUAGES) -> str:
    """The messages left to translate, as a file a translator fills in and hands to `fill`:
    {language: {message: "" or [one per plural form]}} (plural messages keyed by the singular,
    with the English plural under "plural" for reference)."""
    todo: dict[str, dict[str, object]] = {}
    for language in languages:
        catalog = read_catalog(language)
        entries: dict[str, object] = {}
        for message in missing(catalog):
            english = _english(message.id)
            if len(english) > 1:
                entries[english[0]] = {"plural": english[1], "forms": [""] * catalog.num_plurals}
            else:
                entries[english[0]] = ""
        todo[language] = entries
    return json.dumps(todo, ensure_ascii=False, indent=1)


@dataclass(frozen=True)
class Translation:
    language: str
    message: str  # the English text (the singular of a plural message)
    forms: tuple[str, ...]  # one text, or one per plural form


def fill(translations: Iterable[Translation]) -> list[str]:
    """Write translations into the catalogs (clearing the fuzzy mark); return the problems:
    an unknown message, a wrong number of plural forms, placeholders not kept."""
    problems = []
    by_language: dict[str, list[Translation]] = {}
    for t in translations:
        by_language.setdefault(t.language, []).append(t)
    for language, items in by_language.items():
        catalog = read_catalog(language)
        index = {m.id[0] if isinstance(m.id, tuple) else m.id: m for m in catalog if m.id}
        for t in items:
            message = index.get(t.message)
            if message is None:
                problems.append(f"{language}: not in the catalog: {t.message!r}")
                continue
            english = _english(message.id)
            wanted = catalog.num_plurals if message.pluralizable else 1
            if len(t.forms) != wanted:
                problems.append(f"{language}: {t.message!r} wants {wanted} form(s), got {len(t.forms)}")
                continue
            fields = set().union(*(placeholders(e) for e in english))
            bad = [f for f in t.forms if placeholders(f) - fields or not placeholders(f) >= fields - {"n"}]
            if bad:
                problems.append(f"{language}: {t.message!r}: placeholders differ in {bad[0]!r}")
                continue
            message.string = t.forms if message.pluralizable else t.forms[0]
            message.flags.discard("fuzzy")
        _write(catalog, po_path(language))
    return problems


def translations_from_json(text: str) -> list[Translation]:
    """Read the file `missing --json` wrote, filled in; empty entries are skipped."""
    found = []
    for language, entries in json.loads(text).items():
        for message, value in entries.items():
            forms = value["forms"] if isinstance(value, dict) else [value]
            if all(forms):
                found.append(Translation(language, message, tuple(forms)))
    return found
