"""The human-readable table `bench` prints (and `bench --shape`): the JSON result, laid out."""

from __future__ import annotations

from typing import Any


def _ratio(value: float | None, base: float | None) -> str:
    return f"{value / base:.2f}x" if value and base else "-"


def format_table(result: dict[str, Any]) -> str:
    """The human-readable table printed by `bench` (and `bench --shape`)."""
    title = result["model"] + (" (shape, random weights)" if result.get("shape") else "")
    kernel = " (int4 kernel: ours, AVX2)" if result.get("int4_kernel") == "avx2" else ""
    lines = [
        f"model {title} on {result['device']}, dtype {result['dtype']}, "
        f"decode {result['decode_mode']}{kernel}; threads prefill/decode "
        f"{result['threads']['prefill']}/{result['threads']['decode']}, "
        f"baseline {result['threads']['baseline']}",
    ]
    cpu = result.get("cpu")
    if cpu:
        lines.append(f"CPU {cpu.get('name') or '?'}, flags {' '.join(cpu['flags']) or '-'}")
        lines.append(cpu["plan"])
    if result.get("shape"):
        lines.append(
            f"{result['parameters'] / 1e6:.0f}M parameters; peak RSS {result['peak_rss_mb']} MiB "
            f"(ours), {result.get('baseline_peak_rss_mb') or '-'} MiB with the float32 baseline; "
            f"build {result['load_cold_s']:.2f} s"
        )
    else:
        lines.append(
            f"load: cold {result['load_cold_s']:.2f} s (no converted cache), "
            f"warm {result['load_warm_s']:.2f} s "
            f"({result['load_cold_s'] / max(result['load_warm_s'], 1e-9):.1f}x faster); "
            f"RSS {result.get('rss_mb')} MiB loaded (peak {result.get('peak_rss_mb')} MiB, "
            "with the cold conversion)"
        )
    has_llama = any("llama_cpp_decode_tok_s" in row for row in result["rows"])
    header = (
        f"{'prompt':>7} | {'TTFT cold':>9} | {'TTFT warm':>9} | {'decode':>9} | "
        f"{'base TTFT':>9} | {'base dec':>9} | {'TTFT vs base':>12} | {'dec vs base':>11} | "
    )
    if has_llama:
        header += f"{'llama.cpp':>9} | {'vs llama':>8} | "
    lines += ["", header + "greedy", "-" * (len(header) + 24)]
    for row in result["rows"]:
        base_ttft = row.get("baseline_ttft_s")
        base_dec = row.get("baseline_decode_tok_s")
        same = row.get("greedy_same_as_baseline")
        greedy = (
            "-"
            if same is None
            else "same"
            if same
            else f"differs at token {row.get('first_difference_at_token')}"
        )
        line = (
            f"{row['prompt_tokens']:>7} | {row['ttft_s']:>8.3f}s | {row['ttft_warm_s']:>8.3f}s | "
            f"{row['decode_tok_s']:>5.1f} t/s | "
            + (f"{base_ttft:>8.3f}s | " if base_ttft else f"{'-':>9} | ")
            + (f"{base_dec:>5.1f} t/s | " if base_dec else f"{'-':>9} | ")
            + f"{_ratio(base_ttft and row['ttft_s'], base_ttft):>12} | "
            + f"{_ratio(row['decode_tok_s'], base_dec):>11} | "
        )
        if has_llama:
            llama_dec = row.get("llama_cpp_decode_tok_s")
            line += f"{llama_dec or 0:>5.1f} t/s | {_ratio(row['decode_tok_s'], llama_dec):>8} | "
        lines.append(line + greedy)
    gate = result.get("quality_gate")
    if gate:
        lines.append("")
        lines.append(
            f"quality vs float32 on a real paragraph ({gate['text_tokens']} tokens, weights "
            f"{gate['weights_dtype']}; limits: mean KL <= {gate['limits']['kl_mean_max']}, "
            f"top-1 >= {gate['limits']['top1_min']:.0%}):"
        )
        for phase in ("prefill", "decode"):
            g = gate[phase]
            lines.append(
                f"  {phase:<7} mean KL {g['kl_mean']:.5f}, max {g['kl_max']:.4f}, "
                f"top-1 {g['top1']:.1%} -> {'pass' if g['passed'] else 'FAIL'}"
            )
    lines.append("")
    lines.append(
        "TTFT warm = same document plus ~20 new tokens (prefix KV cache hit); "
        "base = plain model.generate, float32, same weights, same run."
    )
    if has_llama:
        lines.append("llama.cpp = llama-cpp-python on the same GGUF, our decode's thread count.")
    return "\n".join(lines)
