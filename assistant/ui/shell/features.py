"""The features the window installs, in one list: adding one is one line here.

Each entry is (name, install): `install(workspace)` builds the feature's panel, flow
and actions and returns the feature object, reachable as `window.features.<name>`.
Order only decides which panel tab is in front at first start: where actions appear
is declared in `shell/actions.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from assistant.ui.features.continue_.feature import install as install_continue
from assistant.ui.features.ghost.feature import install as install_ghost
from assistant.ui.features.provenance.feature import install as install_provenance
from assistant.ui.features.rewrite.feature import install as install_rewrite
from assistant.ui.features.statistics.feature import install as install_statistics
from assistant.ui.features.summarize.feature import install as install_summarize
from assistant.ui.features.voice.feature import install as install_voice
from assistant.ui.privacy import install as install_privacy
from assistant.ui.safety import install as install_safety
from assistant.ui.shell.preferences import install as install_preferences


def install_chat(workspace: Any) -> Any:
    """Add Chat (imported on use: its panel, history and SQLite are not needed at start)."""
    from assistant.ui.features.chat.feature import install

    return install(workspace)


FEATURES: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("safety", install_safety),
    ("continue_", install_continue),
    ("ghost", install_ghost),
    ("rewrite", install_rewrite),
    ("summarize", install_summarize),
    ("chat", install_chat),
    ("provenance", install_provenance),
    ("statistics", install_statistics),
    ("voice", install_voice),
    ("preferences", install_preferences),
    ("privacy", install_privacy),
)

#: Installed right after the window's first paint when the app starts (the window is
#: on screen sooner; its dock comes last, so the tabs keep their order). A window made
#: any other way, as in the tests, installs every feature at once.
AFTER_FIRST_PAINT: frozenset[str] = frozenset({"chat"})


class Features(SimpleNamespace):
    """The installed features by name (`window.features.rewrite`)."""
