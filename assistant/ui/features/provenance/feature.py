"""Install provenance: spans per document, their sidecar, the tint, the share and the report.

Every piece of model text a flow announces (`model_text_inserted`) becomes a span in
that document's `SpanTracker`. When the document is saved its spans go to a sidecar
(storage/provenance.py), when it is opened they come back, and autosave keeps them
with the recovery copy, so a crash loses none. View › Show Model-Written Text tints
them; the status bar shows the share of the words the model wrote; File ›
Provenance Report… writes Markdown or JSON with the same numbers as
`writing-assistant stats FILE --json`.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from assistant.storage.atomic import atomic_write_text
from assistant.storage.crypto import CryptoError
from assistant.storage.provenance import ProvenanceStore
from assistant.storage.stats import StatsError, StatsStore
from assistant.storage.stats_records import document_source
from assistant.tasks.provenance import (
    Origin,
    document_stats,
    realign,
    report_markdown,
    share_of,
    spans_from_json,
    spans_to_json,
)
from assistant.ui import dialogs
from assistant.ui.features.provenance import tint
from assistant.ui.features.provenance.tracker import SpanTracker

if TYPE_CHECKING:
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.shell.workspace import DocumentContext, ModelText, Workspace

#: The key of the spans in a recovery copy's extra JSON.
RECOVERY_KEY = "provenance"


class ProvenanceFeature(QObject):
    """Knows, per open document, which text the model wrote."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.store = ProvenanceStore()
        self.trackers: dict[DocumentTab, SpanTracker] = {}
        self._words = 0  # the current document's words, from the last count
        # "Delete all my data" ran: nothing is written again before the window closes.
        self._stopped = False
        self.share_label = QLabel()
        self.share_label.setObjectName("ModelShare")
        self.share_label.hide()
        workspace.add_status_field(self.share_label)
        registry = workspace.action_registry
        self.show_action = registry.register(
            "show_model_text", self.tr("Show &Model-Written Text"), menu="view", checkable=True
        )
        self.show_action.setChecked(workspace.settings.provenance.show_model_text)
        self.show_action.toggled.connect(self._on_show_toggled)
        self.report_action = registry.register(
            "provenance_report", self.tr("Provenance &Report…"), menu="file"
        )
        self.report_action.triggered.connect(lambda: self.export_report(workspace.current_tab()))
        signals = workspace.signals
        signals.document_added.connect(self._attach)
        signals.document_closing.connect(self._detach)
        signals.model_text_inserted.connect(self._on_model_text)
        signals.document_restored.connect(self._on_restored)
        signals.current_document_changed.connect(lambda _tab: self._refresh_share())
        signals.context_changed.connect(self._on_context)
        signals.settings_applied.connect(lambda _before: self._on_settings())
        signals.all_data_deleted.connect(lambda: setattr(self, "_stopped", True))

    # -- documents -------------------------------------------------------------------------

    def _attach(self, tab: DocumentTab) -> None:
        tracker = SpanTracker(tab.editor.document(), tab)
        self.trackers[tab] = tracker
        tracker.changed.connect(lambda: self._on_spans_changed(tab))
        tracker.moved.connect(lambda: self._tint(tab) if self.show_action.isChecked() else None)
        tab.saved.connect(lambda path: self._save(tab, path))
        tab.loaded.connect(lambda: self._load(tab))
        tab.recovery_extras[RECOVERY_KEY] = lambda text: spans_to_json(tracker.spans(text))
        if tab.path is not None and not tab.loading and not tab.modified:
            self._load(tab)  # a new tab reads its file before it is added (not a restored one)

    def _detach(self, tab: DocumentTab) -> None:
        self.trackers.pop(tab, None)

    def _load(self, tab: DocumentTab) -> None:
        tracker = self.trackers.get(tab)
        if tracker is None or tab.path is None or not self.store.has_record(tab.path):
            return  # opening set new text: whatever was counted before is gone already
        text = tab.editor.toPlainText()
        try:
            loaded = self.store.load(tab.path, text)
        except CryptoError as exc:
            message = self.tr("Which text of “%1” the model wrote could not be read: %2")
            self.ws.notify(message.replace("%1", tab.display_name).replace("%2", str(exc)))
            return
        tracker.set_spans(loaded.spans, text)
        if loaded.dropped:
            message = self.tr(
                "“%1” was changed outside Writing Assistant: %2 passage(s) the model wrote "
                "are no longer there and no longer count as the model's."
            )
            self.ws.notify(
                message.replace("%1", tab.display_name).replace("%2", str(loaded.dropped))
            )

    def _save(self, tab: DocumentTab, path: str) -> None:
        tracker = self.trackers.get(tab)
        if tracker is None or self._stopped:
            return
        text = tab.editor.toPlainText()
        location = self.ws.settings.provenance.location
        try:
            self.store.save(path, text, tracker.spans(text), location)
        except (OSError, CryptoError) as exc:
            reason = (exc.strerror if isinstance(exc, OSError) else None) or str(exc)
            message = self.tr(
                "“%1” was saved, but the record of which text the model wrote was not: %2"
            )
            self.ws.notify(
                message.replace("%1", tab.display_name).replace("%2", reason), error=True
            )

    def _on_restored(self, tab: DocumentTab, extra: dict) -> None:
        tracker = self.trackers.get(tab)
        if tracker is None or RECOVERY_KEY not in extra:
            return  # a copy from before provenance: keep what the file's sidecar said
        text = tab.editor.toPlainText()
        spans, _dropped = realign(spans_from_json(extra[RECOVERY_KEY]), text)
        tracker.set_spans(spans, text)

    def _on_model_text(self, inserted: ModelText) -> None:
        tracker = self.trackers.get(inserted.tab)
        if tracker is None:
            return
        info = self.ws.generation.model_info
        origin = Origin.now(inserted.task, info.name if info else "", inserted.accepted_at)
        tracker.mark(inserted.start, inserted.end, origin)

    # -- what the writer sees ----------------------------------------------------------------

    def _on_spans_changed(self, tab: DocumentTab) -> None:
        self._tint(tab)
        if tab is self.ws.current_tab():
            self._refresh_share()

    def _on_show_toggled(self, on: bool) -> None:
        self.ws.settings.provenance.show_model_text = on
        for tab in self.trackers:
            self._tint(tab)

    def _on_settings(self) -> None:
        self.show_action.setChecked(self.ws.settings.provenance.show_model_text)
        for tab in self.trackers:
            self._tint(tab)  # the theme may have changed: new colours

    def _tint(self, tab: DocumentTab) -> None:
        tracker = self.trackers.get(tab)
        shown = tracker is not None and self.show_action.isChecked()
        marks = tint.selections(tab.editor, tracker.ranges()) if shown and tracker else []
        tab.editor.set_extra_selections(tint.LAYER, marks)

    def _on_context(self, context: DocumentContext) -> None:
        self._words = context.document_words
        self._refresh_share()

    def _refresh_share(self) -> None:
        tab = self.ws.current_tab()
        tracker = self.trackers.get(tab) if tab is not None else None
        model = tracker.model_words() if tracker is not None and tracker.ranges() else 0
        label = self.share_label
        if not model or not self._words:
            label.hide()
            return
        if model > self._words:
            return  # the word count lags the text by a moment: wait for the new one
        percent = f"{share_of(model, self._words) * 100:.0f} %"
        label.setText(self.tr("Model: %1").replace("%1", percent))
        label.setToolTip(
            self.tr("The model wrote %1 of the %2 words in this document.")
            .replace("%1", str(model))
            .replace("%2", str(self._words))
        )
        label.show()

    # -- the numbers and the report ----------------------------------------------------------

    def document_stats(self, tab: DocumentTab) -> dict[str, Any]:
        """The numbers `writing-assistant stats FILE --json` prints for this document."""
        tracker = self.trackers[tab]
        text = tab.editor.toPlainText()
        sessions = 0
        try:
            with StatsStore() as stats:
                sessions = stats.sessions(document_source(tab.path, tab.recovery_id))
        except StatsError:
            pass  # the statistics are unreadable: the spans are still worth reporting
        return document_stats(text, tracker.spans(text), sessions)

    def report(self, tab: DocumentTab, as_json: bool) -> str:
        """The provenance report of a document, as Markdown or JSON."""
        stats = self.document_stats(tab)
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        if as_json:
            head = {"document": str(tab.path) if tab.path else tab.display_name, "created": created}
            return json.dumps(head | stats, ensure_ascii=False, indent=2) + "\n"
        return report_markdown(tab.display_name, stats, created, self._labels())

    def export_report(self, tab: DocumentTab | None) -> Path | None:
        """File › Provenance Report…: ask where, then write Markdown or JSON (by extension)."""
        if tab is None or tab not in self.trackers or not self.ws.ensure_loaded(tab):
            return None
        folder = tab.path.parent if tab.path else Path.home()
        stem = tab.path.name if tab.path else tab.display_name
        chosen = dialogs.ask_export_path(
            self.ws.dialog_parent(),
            self.tr("Provenance Report"),
            str(folder / f"{stem}.provenance-report.md"),
            self.tr("Markdown (*.md);;JSON (*.json)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        try:
            atomic_write_text(path, self.report(tab, path.suffix.lower() == ".json"))
        except OSError as exc:
            message = self.tr("The report could not be written: %1")
            self.ws.notify(message.replace("%1", exc.strerror or str(exc)), error=True)
            return None
        self.ws.show_status(self.tr("Provenance report written to %1").replace("%1", str(path)))
        return path

    def _labels(self) -> dict[str, str]:
        t = self.tr
        return {
            "title": t("Provenance report"),
            "document": t("Document"),
            "created": t("Created"),
            "words": t("Words"),
            "model_words": t("Words the model wrote"),
            "share": t("Share written by the model"),
            "sessions": t("Writing sessions"),
            "by_task": t("By task and model"),
            "task": t("Task"),
            "model": t("Model"),
            "spans": t("Spans"),
            "position": t("Position"),
            "accepted": t("Accepted"),
            "text": t("Text"),
            "none": t("No model text in this document."),
        }


def install(workspace: Workspace) -> ProvenanceFeature:
    """Add provenance to the workspace."""
    return ProvenanceFeature(workspace)
