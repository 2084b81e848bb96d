"""Compile the translation catalogues (.po → .mo) with Babel, so no system gettext is needed."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(locale_dirs) -> list[Path]:
    """Write a .mo beside every .po that is newer than it; return the files written."""
    written = []
    for locale_dir in map(Path, locale_dirs):
        for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as po_file:
                catalogue = read_po(po_file, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalogue)
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile the project's translation catalogues without GNU gettext."

    def handle(self, *args, **options):
        written = compile_catalogues(settings.LOCALE_PATHS)
        self.stdout.write(f"Catalogues compiled: {len(written)} updated.")
