"""The translator: catalogs per language, switching language at run time, and Bangla digits."""
from __future__ import annotations

import gettext
import io
import string
from dataclasses import dataclass
from pathlib import Path

from game.engine.cards import Text
from game.regular_file import read_regular_file

LANGUAGES = ("bn", "en")
# Each language is named in itself, so a player can find theirs whichever language is showing.
LANGUAGE_NAMES = {"bn": "বাংলা", "en": "English"}
DEFAULT_LANGUAGE = "bn"
CONTEXT_SEPARATOR = "\x04"  # how gettext joins a message's context to its text in a compiled catalog
_BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message


def bangla_digits(text: str) -> str:
    return text.translate(_BANGLA_DIGITS)


MAX_CATALOG_BYTES = 16 * 1024 * 1024  # the biggest catalog the game ships is well under 1 MB


def placeholders(text: str) -> set[str] | None:
    """The names in `text`'s {placeholders}, or None when its braces do not make a template."""
    try:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
    except ValueError:  # a lone "{" or "}"
        return None


@dataclass(frozen=True)
class CatalogLoadProblem:
    """A compiled catalog that could not be used: the whole file (message is None) or one message in it."""

    path: Path
    message: str | None  # the English text whose translation was refused
    detail: str

    def __str__(self) -> str:
        if self.message is None:
            return f"{self.path}: cannot be read ({self.detail}); English is shown instead."
        return (f"{self.path}: the translation of {self.message[:60]!r} {self.detail}; English is shown for it. "
                f"Fix the .po file and run: python -m game catalogs")


def _drop_mismatched_placeholders(domain: gettext.GNUTranslations, path: Path) -> list[CatalogLoadProblem]:
    """Take out every translation whose {placeholders} the English text does not fill (a translated name such
    as {পালা} would raise KeyError mid-game, a lone brace ValueError): English is shown for those instead."""
    catalog = getattr(domain, "_catalog", None)
    if not isinstance(catalog, dict):
        return []
    problems = []
    for key, translation in list(catalog.items()):
        source = key[0] if isinstance(key, tuple) else key  # (msgid, plural index) for plural forms
        if not isinstance(source, str) or not isinstance(translation, str) or not source:
            continue
        if "{" not in translation and "}" not in translation:
            continue  # no placeholder at all: nothing it could fail to fill (most texts; keeps start-up quick)
        source = source.rpartition(CONTEXT_SEPARATOR)[2]
        expected = placeholders(source)
        if expected is None:
            continue  # the English is not a template, so it is never filled
        found = placeholders(translation)
        if found is None:
            detail = "has a brace that is not a placeholder"
        elif not found <= expected:
            detail = f"uses {', '.join('{' + name + '}' for name in sorted(found - expected))}, which the English " \
                     "text does not have"
        else:
            continue
        del catalog[key]
        problems.append(CatalogLoadProblem(path, source, detail))
    return problems


class Translator:
    """Looks text up in the current language's catalogs. Change `language` and the next lookup
    answers in the new one: screens translate as they draw, so a switch shows at once."""

    def __init__(self, locales_dir: Path, language: str = DEFAULT_LANGUAGE, extra_folders: tuple[Path, ...] = ()):
        self._locales_dir = locales_dir
        # Folders of teachers' own decks, each deck's catalog beside it as NAME.<language>.mo.
        self._extra_folders = tuple(extra_folders)
        self._loaded: dict[str, gettext.NullTranslations] = {}
        # Catalogs that could not be used, whole or in part, as they were loaded; the caller tells the staff.
        self.problems: list[CatalogLoadProblem] = []
        self._catalog: gettext.NullTranslations = gettext.NullTranslations()
        self.language = language

    @property
    def language(self) -> str:
        return self._language

    @language.setter
    def language(self, language: str) -> None:
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        self._language = language
        self._catalog = self._load(language)

    def reload(self) -> None:
        """Read the catalogs again (a teacher's deck was added with its own)."""
        self._loaded.clear()
        self._catalog = self._load(self._language)

    def _load(self, language: str) -> gettext.NullTranslations:
        if language not in self._loaded:
            chain: gettext.NullTranslations = gettext.NullTranslations()
            folder = self._locales_dir / language / "LC_MESSAGES"
            found = sorted(folder.glob("*.mo")) if folder.is_dir() else []
            for extra in self._extra_folders:
                found += sorted(extra.glob(f"*.{language}.mo")) if extra.is_dir() else []
            # Every domain (the UI and one per deck) joins one chain; contexts keep them apart.
            for mo_path in found:
                try:
                    # Only an ordinary file of a sane size: a pipe in its place must not stop the start.
                    data = read_regular_file(mo_path, MAX_CATALOG_BYTES)
                    domain = gettext.GNUTranslations(io.BytesIO(data))
                except Exception as error:  # noqa: BLE001 - a cut file raises struct.error, others OSError,
                    # ValueError, UnicodeDecodeError, IndexError: any of them shows English, never stops the class
                    self.problems.append(CatalogLoadProblem(mo_path, None, f"{type(error).__name__}: {error}"))
                    continue
                self.problems.extend(_drop_mismatched_placeholders(domain, mo_path))
                domain.add_fallback(chain)
                chain = domain
            self._loaded[language] = chain
        return self._loaded[language]

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def text(self, text: Text) -> str:
        """A card's text in the current language."""
        return self._catalog.pgettext(text.context, text.source)

    def number(self, value: int | float, decimals: int = 0) -> str:
        """A number as this language writes it: Bangla digits and lakh grouping in Bangla."""
        if abs(value) < 1000:
            shown = f"{value:.{decimals}f}"
        else:
            from babel.numbers import format_decimal  # only large numbers need grouping rules

            shown = format_decimal(round(value, decimals), locale="bn" if self.language == "bn" else "en")
        return bangla_digits(shown) if self.language == "bn" else shown

    def digits(self, text: str) -> str:
        """Digits in a fixed string (a phone number) as this language writes them, without grouping."""
        return bangla_digits(text) if self.language == "bn" else text

    def percent(self, fraction: float) -> str:
        return self.format(self._("{value}%"), value=round(fraction * 100))

    def format(self, template: str, **values) -> str:
        """Fill a translated template; numbers among the values are written in this language."""
        shown = {
            key: self.number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
            for key, value in values.items()
        }
        return template.format(**shown)
