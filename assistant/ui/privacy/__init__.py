"""The writer's private data in the window: unlocking at start, the app lock, delete-all.

Encryption itself lives in `assistant.storage` (crypto, privacy, reencrypt); this
package asks the questions and hides the window. `install(workspace)` adds the lock.
"""

from __future__ import annotations

from assistant.ui.privacy.app_lock import AppLock, install

__all__ = ["AppLock", "install"]
