"""The cashier's language: English in the source, Polish from a Qt Linguist catalogue.

The catalogue is resources/i18n/pos_terminal_pl.ts (translated) and its compiled .qm (loaded
here). After changing or adding a text in pos_terminal/ui:

    .venv/bin/pyside6-lupdate -no-obsolete -source-language en -target-language pl \\
        pos_terminal/ui/*.py -ts resources/i18n/pos_terminal_pl.ts
    (translate the new messages, e.g. with .venv/bin/pyside6-linguist)
    .venv/bin/pyside6-lrelease resources/i18n/pos_terminal_pl.ts \\
        -qm resources/i18n/pos_terminal_pl.qm

An error's message is translated from its template (see error_messages.py): a new
`DomainError("template {value}", value=...)` is added to ERROR_MESSAGES there, then the
same two commands. tests/ui/test_translations.py fails while a text is missing,
untranslated or the .qm stale.
"""

from __future__ import annotations

import contextlib
import logging
import secrets

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from loyalty import formatting
from loyalty.errors import ExplainedError
from loyalty.money import Money
from pos_terminal.paths import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"

# Texts translated where lupdate cannot see them: `_tr(text)` in bill_panel.py, and
# `self.window.tr(...)` (context MainWindow at run time) in main_window.py and app.py.
# Listed here, lupdate puts them in the catalogue under the context they are looked up in.
UNSEEN_MESSAGES = (
    QT_TRANSLATE_NOOP("BillPanel", "Group: {name}"),
    QT_TRANSLATE_NOOP("BillPanel", "Daily limit: {used} of {limit} used"),
    QT_TRANSLATE_NOOP("BillPanel", "Limited by the customer's discount allowance"),
    QT_TRANSLATE_NOOP("BillPanel", "Discount: {name}"),
    QT_TRANSLATE_NOOP("BillPanel", "Voucher {code}"),
    QT_TRANSLATE_NOOP("BillPanel", "Promotional credits"),
    QT_TRANSLATE_NOOP("MainWindow", "Voucher"),
    QT_TRANSLATE_NOOP("MainWindow", "Add voucher"),
    QT_TRANSLATE_NOOP("MainWindow", "Voucher code"),
    QT_TRANSLATE_NOOP("MainWindow", "Type or scan the voucher's code."),
    QT_TRANSLATE_NOOP("MainWindow", "Cancel"),
    QT_TRANSLATE_NOOP("MainWindow", "Name the bill"),
    QT_TRANSLATE_NOOP("MainWindow", "Save"),
    QT_TRANSLATE_NOOP("MainWindow", "The terminal could not start:\n{error}"),
)

_UNEXPECTED = str(
    QT_TRANSLATE_NOOP(
        "Messages",
        "Unexpected error (reference {reference}). The terminal's log has the details; tell"
        " whoever looks after the terminal.",
    )
)


def _logged(error: BaseException) -> str:
    """The fault's reference, logged with its traceback the first time it is shown."""
    reference = getattr(error, "_pos_reference", None)
    if reference is None:
        reference = secrets.token_hex(3).upper()
        # An exception type without a __dict__ keeps no reference: logged at each showing.
        with contextlib.suppress(AttributeError):
            error._pos_reference = reference  # type: ignore[attr-defined]
        log.error("unexpected error (reference %s): %s", reference, error, exc_info=error)
    return str(reference)


# Installed translators; Qt does not own them, so they are kept alive here.
_installed: list[QTranslator] = []


def catalogue_path(language: str) -> str:
    return str(resource_path("i18n", f"pos_terminal_{language}.qm"))


def install_translation(app: QApplication, language: str) -> bool:
    """Show the UI in `language` ("en", the source, or "pl"); False if it cannot be shown."""
    if language == SOURCE_LANGUAGE:
        return True
    translator = QTranslator()
    if not translator.load(catalogue_path(language)):
        log.warning(
            "no translation for language %r (%s); the UI stays in English",
            language,
            catalogue_path(language),
        )
        return False
    remove_translations(app)  # installing twice must not stack catalogues
    app.installTranslator(translator)
    _installed.append(translator)
    # Qt's own texts (standard dialog buttons, line-edit menus) in the same language.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator()
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        _installed.append(qt_base)
    else:
        log.info("no qtbase_%s in %s; Qt's own texts stay in English", language, qt_dir)
    return True


def remove_translations(app: QApplication) -> None:
    """Back to the English source texts (widgets already built keep their texts)."""
    while _installed:
        app.removeTranslator(_installed.pop())


def user_message(error: BaseException) -> str:
    """An error as the cashier reads it, in the UI's language.

    An `ExplainedError`'s template is looked up in the catalogue (see error_messages.py)
    and filled with its values, amounts written as "1 234,50 zł". Anything else is a fault,
    not a refusal: what a driver or the system said goes to the log with its traceback and
    a short reference, and the cashier reads the reference, to quote when asking for help.
    """
    if not isinstance(error, ExplainedError):
        return QCoreApplication.translate("Messages", _UNEXPECTED).format(reference=_logged(error))
    template = QCoreApplication.translate("Messages", error.template)
    values = {
        name: formatting.money(value) if isinstance(value, Money) else value
        for name, value in error.params.items()
    }
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a damaged translation: say it in English
        log.warning("the translation of %r does not fit its values", error.template)
        return str(error)
