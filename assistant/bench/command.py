"""`writing-assistant bench`: which measurement the flags ask for, printed as a table or JSON."""

from __future__ import annotations

import argparse
import json


def run_bench(args: argparse.Namespace) -> int:
    """Dispatch the bench variants; print a table, or JSON with --json."""
    if args.quality:
        from assistant.bench.quality import format_quality, measure_quality

        result = measure_quality(args)
        print(
            json.dumps(result, indent=2, ensure_ascii=False)
            if args.json
            else format_quality(result)
        )
        return 0
    from assistant.bench.speed import measure_speed
    from assistant.bench.speed_table import format_table

    if getattr(args, "server", None):
        from assistant.bench.server import measure_server_speed

        result = measure_server_speed(args)
    elif getattr(args, "shape", None):
        from assistant.bench.shapes import measure_shape

        result = measure_shape(args)
    else:
        result = measure_speed(args)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0
