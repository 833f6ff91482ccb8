"""Writer-facing texts from the Qt-free layers, translatable where they are shown.

The scheme, for every sentence ``engine/``, ``storage/``, ``tasks/`` (and the settings
and paths modules) hand to a writer — an exception's text, a progress line, a note:

- Write it as ``Translatable("English template with {name} fields", name=value)``. A
  ``Translatable`` *is* the English sentence (a ``str`` subclass), so the CLI, logs and
  ``str(exc)`` keep printing English with no change; it also remembers its
  ``template`` and ``args``.
- Raise it as the exception's only argument (``raise DocumentError(Translatable(...))``);
  an exception that builds its text itself exposes it as a ``message`` attribute.
- ``pyside6-lupdate`` collects the templates (``scripts/update_translations.py`` passes
  ``-tr-function-alias tr+=Translatable`` and scans these layers), so they land in the
  catalogue beside the widgets' texts. The template must be a string literal.
- The UI shows any such value through ``assistant.ui.shell.i18n.translated``, which
  translates the template with ``QCoreApplication.translate`` and fills in the
  arguments, themselves translated when they are Translatables. Anything else (a plain
  str, a third-party exception's text) is shown as it is.

Anything that turns a Translatable into a plain ``str`` (``+``, an f-string,
``.strip()``) drops the template, and the writer reads English: build Translatables
from Translatables (a field may hold one).
Fields are named (``{path}``, not ``%1``) so translators see what goes where; a
translation must keep every field of its source (tests/ui/shell/test_i18n.py checks).
"""

from __future__ import annotations

from collections.abc import Mapping


class Translatable(str):
    """An English sentence that keeps its template and arguments for translation."""

    template: str
    args: Mapping[str, object]

    def __new__(cls, template: str, /, **args: object) -> Translatable:  # noqa: D102
        self = super().__new__(cls, fill(template, args))
        self.template = template
        self.args = args
        return self

    def __reduce__(self) -> tuple[object, ...]:
        # Pickle (multiprocessing, copy) as a Translatable, not as the bare English text.
        return (_rebuild, (self.template, dict(self.args)))


def _rebuild(template: str, args: dict[str, object]) -> Translatable:
    return Translatable(template, **args)


def fill(template: str, args: Mapping[str, object]) -> str:
    """``template`` with its ``{fields}`` filled from ``args`` (a template without args as is)."""
    return template.format_map(args) if args else template


def text_of(exc: BaseException) -> str:
    """The sentence an exception carries: its Translatable if it has one, else str(exc)."""
    carried = getattr(exc, "message", None)
    if isinstance(carried, Translatable):
        return carried
    if len(exc.args) == 1 and isinstance(exc.args[0], Translatable):
        return exc.args[0]
    return str(exc)
