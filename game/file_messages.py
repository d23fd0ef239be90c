"""The sentences a teacher reads when a file could not be read or written, in the game's language.

Storage, settings, saved games and reports say what happened as data; this module turns that into
words, so every screen (and every way the screens are arranged) tells it the same way.
"""
from __future__ import annotations

from game.i18n import N_, Translator
from game.saved_game import SaveUnfit, Unfit
from game.settings import SettingProblem
from game.storage import Document, StorageNotice, StorageProblem

_GAME_READ = {
    StorageProblem.CORRUPT: N_("The saved game could not be read, so a new game starts. The damaged file was kept: {path}"),
    StorageProblem.UNREADABLE: N_("The saved game could not be opened: {path}. Check that this folder may be read."),
    StorageProblem.NOT_A_FILE: N_("The saved game {path} is not an ordinary file, so it was not read. "
                                  "Move it away or delete it; a new game starts."),
}
_GAME_RESTORED = {
    StorageProblem.CORRUPT: N_("The saved game was damaged, so it was restored from its backup and goes on "
                               "from one step earlier. The damaged file was kept: {path}"),
    StorageProblem.NOT_A_FILE: N_("The saved game {path} is not an ordinary file, so the game was restored from "
                                  "its backup and goes on from one step earlier."),
}
_SETTINGS_READ = {
    StorageProblem.CORRUPT: N_("The settings file could not be read, so the usual settings are used. "
                               "The damaged file was kept: {path}"),
    StorageProblem.UNREADABLE: N_("The settings file could not be opened: {path}. The usual settings are used."),
    StorageProblem.NOT_A_FILE: N_("The settings file {path} is not an ordinary file, so the usual settings are "
                                  "used. Move it away or delete it."),
}
_NEWER = {
    Document.GAME: N_("The saved game {path} was written by a newer version of Nirapod, so this version cannot "
                      "continue it. It is kept as it is, with a copy in {kept}: continue it with the newer version."),
    Document.SETTINGS: N_("The settings file {path} was written by a newer version of Nirapod, so the usual "
                          "settings are used. It is kept as it is, with a copy in {kept}."),
}
_NEWER_NOT_COPIED = N_("{path} was written by a newer version of Nirapod, so this version does not read it. It is "
                       "kept as it is; continue with the newer version.")
_NO_BACKUP = N_("Saved, but without a backup: {path} is a folder where the backup file belongs. Move that folder "
                "away or rename it, so a backup is kept again.")
_NOT_A_FOLDER = N_("{path} is a file where Nirapod needs a folder, so nothing can be saved inside it. Rename or "
                   "move that file; nothing else needs to change.")
_FOLDER_IN_THE_WAY = N_("{path} is a folder where Nirapod keeps a file, so it cannot be saved. Move that folder "
                        "away or rename it; everything else goes on.")
_SETTINGS_RESTORED = N_("The settings file was damaged, so the settings were restored from its backup.")
_WRITE = {
    Document.GAME: {
        StorageProblem.UNWRITABLE: N_("The game cannot be saved in {path}. Play on; ask the person who set up "
                                      "this PC to allow writing there."),
        StorageProblem.DISK_FULL: N_("The disk is full, so the game cannot be saved in {path}. Play on; free "
                                     "some space to save again."),
    },
    Document.SETTINGS: {
        StorageProblem.UNWRITABLE: N_("The settings cannot be saved in {path}; they apply until Nirapod closes."),
        StorageProblem.DISK_FULL: N_("The disk is full, so the settings cannot be saved in {path}; they apply "
                                     "until Nirapod closes."),
    },
    Document.REPORT: {
        StorageProblem.UNWRITABLE: N_("The workshop report cannot be saved in {path}. It is kept while Nirapod "
                                      "is open and saved as soon as writing there is allowed; do not close "
                                      "Nirapod before then."),
        StorageProblem.DISK_FULL: N_("The disk is full, so the workshop report cannot be saved in {path}. It "
                                     "is kept while Nirapod is open: free some space on that disk and it is "
                                     "saved at the next step or when Nirapod closes."),
    },
}
_REPORT_SAVED_LATE = N_("The workshop report has now been saved: {path}")

_SETTING_NAMES = {
    "language": N_("language"),
    "text_size": N_("text size"),
    "high_contrast": N_("high contrast"),
    "sound": N_("sound"),
    "team_names": N_("team names"),
}
_SETTING_PROBLEM = N_("The setting \u201c{setting}\u201d in {path} could not be used ({found}), so the usual "
                      "one is used.")

_UNFIT = {
    Unfit.DAMAGED: N_("The saved game is damaged ({detail}) and cannot be continued."),
    Unfit.OTHER_VERSION: N_("The saved game was written by another version of Nirapod and cannot be continued."),
    Unfit.NEWER_VERSION: N_("The saved game was written by a newer version of Nirapod, so this version cannot "
                            "continue it; the newer version can."),
    Unfit.CARD_IN_BROKEN_DECK: N_("The saved game cannot be continued: it uses the card {card} from the deck "
                                  "{deck}, and that deck has a problem at line {line}, so it was left out. "
                                  "Fix the deck (python -m game validate) and start Nirapod again to "
                                  "continue the game."),
    Unfit.CARD_MISSING: N_("The saved game cannot be continued: it uses the card {card}, which is in none of "
                           "the installed decks. Put the card back and start Nirapod again to continue the game."),
    Unfit.CARD_CHANGED: N_("The saved game cannot be continued: the card {card} in the deck {deck} has changed "
                           "since the game was saved. Undo the change and start Nirapod again to continue the game."),
    Unfit.CARDS_CHANGED: N_("The saved game cannot be continued: the installed cards have changed since it was "
                            "saved."),
}
_KEPT = N_("Or start a new game: the saved game is kept as {path}.")
_NOT_KEPT = N_("The saved game stays in {path} until a new game is saved.")


def storage_message(tr: Translator, notice: StorageNotice) -> str:
    """The sentence for a file the game could not read or write."""
    problem, path = notice.problem, str(notice.shown_path)
    if problem is StorageProblem.NEWER_VERSION:
        template = _NEWER.get(notice.document)
        if template is None or notice.kept_as is None:
            return tr.format(tr._(_NEWER_NOT_COPIED), path=str(notice.path))
        return tr.format(tr._(template), path=str(notice.path), kept=path)
    if problem is StorageProblem.NO_BACKUP:
        return tr.format(tr._(_NO_BACKUP), path=path)
    if problem is StorageProblem.NOT_A_FOLDER:
        return tr.format(tr._(_NOT_A_FOLDER), path=path)
    if problem is StorageProblem.FOLDER_IN_THE_WAY:
        return tr.format(tr._(_FOLDER_IN_THE_WAY), path=path)
    if problem in (StorageProblem.UNWRITABLE, StorageProblem.DISK_FULL):
        table = _WRITE.get(notice.document, _WRITE[Document.GAME])
        return tr.format(tr._(table[problem]), path=path)
    if notice.document is Document.SETTINGS:
        if notice.recovered_from_backup:
            return tr._(_SETTINGS_RESTORED)
        return tr.format(tr._(_SETTINGS_READ[problem]), path=path)
    if notice.recovered_from_backup and problem in _GAME_RESTORED:
        return tr.format(tr._(_GAME_RESTORED[problem]), path=path)
    return tr.format(tr._(_GAME_READ[problem]), path=path)


def setting_message(tr: Translator, problem: SettingProblem, path: str) -> str:
    return tr.format(tr._(_SETTING_PROBLEM), setting=tr._(_SETTING_NAMES[problem.key]), path=path,
                     found=problem.found)


def unfit_save_message(tr: Translator, unfit: SaveUnfit, kept: str | None, save_path: str) -> str:
    """Why the saved game cannot go on, and how to get it back."""
    first = tr.format(tr._(_UNFIT[unfit.reason]), detail=unfit.detail, card=unfit.card_id or "",
                      deck=unfit.deck_path or "", line=tr.number(unfit.deck_line or 0))
    second = tr.format(tr._(_KEPT), path=kept) if kept else tr.format(tr._(_NOT_KEPT), path=save_path)
    return f"{first} {second}"


def report_saved_late_message(tr: Translator, path: str) -> str:
    return tr.format(tr._(_REPORT_SAVED_LATE), path=path)
