"""The command-line flags that choose a backend, shared by `generate`, `models` and `bench`.

Kept apart from `cli.py` so the benches can build the same backend without importing
the command dispatcher.
"""

from __future__ import annotations

import argparse
import os

from assistant.engine.registry import BackendSpec

#: Where the CLI takes a server's API key from when the keyring has none.
API_KEY_ENV = "WRITING_ASSISTANT_API_KEY"


def add_server_flags(parser: argparse.ArgumentParser) -> None:
    """--server, --server-model, --server-timeout, --server-context."""
    parser.add_argument(
        "--server",
        metavar="URL",
        help="use a model on an OpenAI-compatible server, e.g. http://localhost:11434/v1 "
        f"(API key: the one saved in Settings, or ${API_KEY_ENV})",
    )
    parser.add_argument("--server-model", metavar="NAME", help="the server's model name")
    parser.add_argument(
        "--server-timeout", type=float, default=60.0, metavar="S", help="seconds to wait"
    )
    parser.add_argument(
        "--server-context",
        type=int,
        default=0,
        metavar="TOKENS",
        help="the server's context length (default: ask the server)",
    )


def add_model_flags(parser: argparse.ArgumentParser) -> None:
    """Which model: a local one (--model, --device, --dtype) or a server's."""
    add_server_flags(parser)
    parser.add_argument("--model", help="HF model folder or .gguf file (default: embedded)")
    parser.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    parser.add_argument(
        "--dtype", default="auto", help="auto (measured per machine), float32, bfloat16, float16"
    )
    parser.add_argument(
        "--voice", metavar="NAME", help="a personal voice (see `voice list`) merged into the model"
    )
    parser.add_argument(
        "--no-int8-decode",
        action="store_true",
        help="decode with the full-precision weights (slower; exact float32)",
    )


def offline_mode() -> bool:
    """The writer's offline-mode setting (on when the settings cannot be read)."""
    from assistant.settings_file import load_settings

    return load_settings().settings.offline_mode


def backend_spec(args: argparse.Namespace) -> BackendSpec:
    """The backend the command-line flags choose (a server with --server, else local)."""
    if getattr(args, "server", None):
        if getattr(args, "model", None):
            raise ValueError("use either --model (a local model) or --server, not both")
        if getattr(args, "voice", None):
            raise ValueError("a voice runs only in a local model: use --voice without --server")
        if args.server_timeout <= 0:
            raise ValueError("--server-timeout must be a positive number of seconds")
        return BackendSpec(
            kind="openai",
            server_url=args.server,
            server_model=args.server_model or "",
            api_key=os.environ.get(API_KEY_ENV, ""),
            timeout_s=args.server_timeout,
            context_tokens=max(0, args.server_context),
            offline_mode=offline_mode(),
        )
    if getattr(args, "server_model", None):
        raise ValueError("--server-model needs --server URL")
    return BackendSpec(
        kind="local",
        model=args.model,
        device=args.device,
        dtype=args.dtype,
        fast_decode=not args.no_int8_decode,
        voice=voice_id(getattr(args, "voice", None)),
    )


def voice_id(name: str | None) -> str:
    """The id of the voice called `name` ("" for none); VoiceError names the voices there are."""
    if not name:
        return ""
    from assistant.storage.voices import VoiceStore

    return VoiceStore().find(name).voice_id
