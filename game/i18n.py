"""The translator: catalogs per language, switching language at run time, and Bangla digits."""
from __future__ import annotations

import gettext
from pathlib import Path

from game.engine.cards import Text

LANGUAGES = ("bn", "en")
# Each language is named in itself, so a player can find theirs whichever language is showing.
LANGUAGE_NAMES = {"bn": "বাংলা", "en": "English"}
DEFAULT_LANGUAGE = "bn"
_BANGLA_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def N_(message: str) -> str:
    """Marks a string for extraction where it is defined; it is translated where it is shown."""
    return message


def bangla_digits(text: str) -> str:
    return text.translate(_BANGLA_DIGITS)


class Translator:
    """Looks text up in the current language's catalogs. Change `language` and the next lookup
    answers in the new one: screens translate as they draw, so a switch shows at once."""

    def __init__(self, locales_dir: Path, language: str = DEFAULT_LANGUAGE, extra_folders: tuple[Path, ...] = ()):
        self._locales_dir = locales_dir
        # Folders of teachers' own decks, each deck's catalog beside it as NAME.<language>.mo.
        self._extra_folders = tuple(extra_folders)
        self._loaded: dict[str, gettext.NullTranslations] = {}
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
                    with mo_path.open("rb") as f:
                        domain = gettext.GNUTranslations(f)
                except (OSError, ValueError, UnicodeDecodeError):
                    continue  # a damaged catalog shows English rather than stopping the class
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
