"""The UI language: load our Qt Linguist catalogue (and Qt's own) for settings.language.

Catalogues live in ``resources/translations`` as ``writing_assistant_<lang>.ts``
(the source, edited by translators) and ``.qm`` (compiled by ``pyside6-lrelease``;
see ``scripts/update_translations.py``). English is the source language and needs none.

Texts from the Qt-free layers (errors, progress, notes) arrive as
``assistant.translatable.Translatable``; show them through ``translated`` (the scheme
is described in that module).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from assistant.paths import resource_path
from assistant.translatable import Translatable, fill, text_of

TRANSLATIONS_DIR = resource_path("translations")
CATALOGUE = "writing_assistant"
#: Languages with a catalogue, besides English.
TRANSLATED: tuple[str, ...] = ("zh_CN",)


def resolve_language(setting: str, locale: QLocale | None = None) -> str:
    """ "system" -> "zh_CN" for any Chinese system locale, else "en"; other values as is."""
    if setting != "system":
        return setting if setting in TRANSLATED else "en"
    locale = locale or QLocale.system()
    for name in [*locale.uiLanguages(), locale.name()]:
        if name.lower().replace("-", "_").startswith("zh"):
            return "zh_CN"  # the one Chinese catalogue; Traditional readers read it too
    return "en"


def catalogue_path(language: str, suffix: str = ".qm") -> Path:
    """Where a language's catalogue is (".qm" compiled, ".ts" source)."""
    return TRANSLATIONS_DIR / f"{CATALOGUE}_{language}{suffix}"


class _Catalogue(QTranslator):
    """Our .qm, plus a look-up by source text alone when the context does not match.

    `tr()` contexts at run time are class names; texts reached through helpers
    (`_tr`, `window.tr` in a function) were filed by lupdate under another context.
    The source text alone still identifies them, so they are translated all the same.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._by_source: dict[str, str] = {}

    def load_catalogue(self, language: str) -> bool:
        """Load the compiled .qm and index the .ts next to it; False if the .qm is missing."""
        if not self.load(str(catalogue_path(language))):
            return False
        import xml.etree.ElementTree as ET  # only for a translated interface

        try:
            tree = ET.parse(catalogue_path(language, ".ts"))
        except (OSError, ET.ParseError):
            return True  # the .qm alone still works for matching contexts
        for message in tree.iter("message"):
            node = message.find("translation")
            if node is None or node.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            text = node.findtext("numerusform") if message.get("numerus") == "yes" else node.text
            if text:
                self._by_source.setdefault(message.findtext("source") or "", text)
        return True

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D102 (Qt override)
        found = super().translate(context, source, disambiguation, n)
        return found or self._by_source.get(source, "")

    def isEmpty(self) -> bool:  # noqa: N802, D102 (Qt override)
        return super().isEmpty() and not self._by_source


def translated(value: object) -> str:
    """`value` in the UI language: a Translatable, or an exception carrying one, is translated.

    Anything else is shown as it is (``str(value)``): a file name, a server's own words.
    """
    if isinstance(value, BaseException):
        value = text_of(value)
    if not isinstance(value, Translatable):
        return str(value)
    # lupdate files these texts under the empty context (they are not in a class's tr()).
    template = QCoreApplication.translate("", value.template)
    args = {
        key: translated(arg) if isinstance(arg, (Translatable, BaseException)) else arg
        for key, arg in value.args.items()
    }
    try:
        return fill(template, args)
    except (KeyError, IndexError, ValueError):  # a translation that broke a field: English
        return fill(value.template, args)


def install_translators(app: QCoreApplication, setting: str) -> str:
    """Install the translators for `setting`; returns the language in effect ("en" if none).

    Call before any widget is built: texts are translated when they are created.
    """
    for old in app.property("wa_translators") or []:
        app.removeTranslator(old)
    language = resolve_language(setting)
    installed: list[QTranslator] = []
    if language != "en":
        ours = _Catalogue(app)
        if ours.load_catalogue(language):
            app.installTranslator(ours)
            installed.append(ours)
        else:
            language = "en"  # no compiled catalogue: stay in English rather than mix
    if language != "en":
        # Qt's own texts: OK/Cancel/Apply, the file dialog, key names in shortcut editors.
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator(app)
        if qt.load(QLocale(language), "qtbase", "_", qt_dir):
            app.installTranslator(qt)
            installed.append(qt)
    app.setProperty("wa_translators", installed)
    app.setProperty("wa_language", language)
    return language
