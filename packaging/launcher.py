"""PyInstaller entry point: the same program as the `writing-assistant` command."""

from assistant.app import main

raise SystemExit(main())
