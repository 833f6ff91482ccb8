"""Decode products with int4 weights on x86 CPUs that have AVX2 but not AVX-512.

Why: torch's int4 CPU kernel (`torch._weight_int4pack_mm_for_cpu`) widens every
4-bit weight to float and multiplies in float: on AVX2 that is compute-bound, about
3x slower per product than with AVX-512, and decode on such a CPU ran at ~0.68x
llama.cpp. This kernel multiplies the 4-bit levels as integers, as llama.cpp does:
each 32-weight group's 4-bit levels times the activations quantized to int16 for
that group (`vpmaddwd`, 16 products per instruction), one float multiply-add per
group with the group's scale, and the groups' offsets times the activations' sums.
int16 activations (not llama.cpp's int8) keep the product as exact as the
bfloat16 activations of torch's kernel: int8 failed the quality gate (top-1 94.7 %).

The weights are the same 4-bit grid torch's kernel reads (levels 0..15, one
bfloat16 scale and one bfloat16 zero per group: value = (level - 8) * scale +
zero), in a layout of our own that does not change with the torch version:
`nibbles` [out, in/2] uint8 (byte j of a group holds levels j and j + 16) and
`scales_zeros` [out, groups * 2] bfloat16 bits (scale, zero per group).

The loop is numba-compiled and its inner block is LLVM IR with the AVX2
intrinsics, compiled for this machine on first use (about a second; numba is a
wheel on Linux and Windows x86-64, no compiler needed). Output rows are split
over threads with numba's OpenMP pool (one parallel region per product); without
OpenMP numba's fallback pool costs ~90 us a product, so the kernel is then not
offered. Whether it is used is decided per machine by timing it against torch's
kernel (`cpu_probe`).
"""

from __future__ import annotations

import functools
import logging
import platform
from typing import Any

import torch

log = logging.getLogger(__name__)

#: Weights per group (one scale and one zero each), as torch's kernel and GGUF's Q4_1.
GROUP = 32


def machine_supports() -> bool:
    """True on an x86-64 CPU with AVX2 and FMA (what the kernel's instructions need)."""
    if platform.machine().lower() not in ("x86_64", "amd64"):
        return False
    try:
        from llvmlite import binding

        features = binding.get_host_cpu_features()
    except Exception as exc:  # not installed, its LLVM library did not load, no CPU info
        log.info("int4 AVX2 kernel unavailable: %s", exc)
        return False
    return bool(features.get("avx2")) and bool(features.get("fma"))


@functools.cache
def unavailable_reason() -> str:
    """ "" when the kernel can run here, else why not (a sentence for logs and `bench`).

    Compiles the kernel (on first call) and checks it on a small product.
    """
    if not machine_supports():
        return "the CPU is not x86-64 with AVX2, or numba is not installed"
    try:
        _compiled()
        weight = torch.randn(48, 64)
        packed = Int4Avx2Weights.from_weight(weight)
        x = torch.randn(2, 64)
        error = float((packed.matmul(x) - x @ packed.dequantized().T).abs().max())
    except Exception as exc:  # numba or LLVM refused: torch's kernel stays
        log.warning("int4 AVX2 kernel unavailable: %s", exc)
        return f"the int4 AVX2 kernel did not compile ({exc})"
    if error > 1e-2:
        return f"the int4 AVX2 kernel computed wrongly here (error {error:.3g})"
    import numba

    layer = numba.threading_layer()
    if layer == "workqueue":
        return "numba has no OpenMP or TBB thread pool here (its fallback pool is too slow)"
    return ""


def set_threads(count: int) -> None:
    """Threads for the next products on the calling thread (numba's setting is per thread)."""
    import numba

    wanted = max(1, min(count, numba.config.NUMBA_NUM_THREADS))
    if numba.get_num_threads() != wanted:
        numba.set_num_threads(wanted)


class Int4Avx2Weights:
    """One projection's int4 weights in the kernel's layout, and its product."""

    def __init__(self, nibbles: torch.Tensor, scales_zeros: torch.Tensor) -> None:
        rows, half = nibbles.shape
        if nibbles.dtype != torch.uint8 or half % (GROUP // 2):
            raise ValueError("int4 weights must be uint8 nibbles of whole 32-weight groups")
        if scales_zeros.shape != (rows, half // (GROUP // 2) * 2):
            raise ValueError("int4 scales do not match the weights")
        self.nibbles = nibbles.contiguous()
        self.scales_zeros = scales_zeros.to(torch.bfloat16).contiguous()
        self._nibbles_np = self.nibbles.numpy()
        self._scales_np = self.scales_zeros.view(torch.int16).numpy()
        self.out_features = rows
        self.in_features = half * 2

    @classmethod
    def from_levels(
        cls, levels: torch.Tensor, scales: torch.Tensor, zeros: torch.Tensor
    ) -> Int4Avx2Weights:
        """From `fast_decode.int4_grid`'s (levels 0..15, scales, zeros), [out, groups] each."""
        rows, cols = levels.shape
        grouped = levels.to(torch.uint8).view(rows, cols // GROUP, GROUP)
        half = GROUP // 2
        nibbles = (grouped[..., :half] | (grouped[..., half:] << 4)).reshape(rows, cols // 2)
        scales_zeros = torch.stack([scales, zeros], dim=-1).reshape(rows, -1)
        return cls(nibbles, scales_zeros)

    @classmethod
    def from_weight(cls, weight: torch.Tensor) -> Int4Avx2Weights:
        """Quantize `weight` to the int4 grid (lossless for a weight already on one)."""
        from assistant.engine.fast_decode import int4_grid

        levels, scales, zeros, _error = int4_grid(weight)
        return cls.from_levels(levels, scales, zeros)

    def levels(self) -> torch.Tensor:
        """The 4-bit levels [out, in] (0..15)."""
        rows = self.out_features
        grouped = self.nibbles.view(rows, -1, GROUP // 2)
        return torch.cat([grouped & 15, grouped >> 4], dim=-1).reshape(rows, -1)

    def dequantized(self) -> torch.Tensor:
        """The float32 weights this grid holds (for checks and tests)."""
        pairs = self.scales_zeros.float().view(self.out_features, -1, 2)
        levels = self.levels().float().view(self.out_features, -1, GROUP)
        values = (levels - 8.0) * pairs[..., :1] + pairs[..., 1:]
        return values.reshape(self.out_features, self.in_features)

    def matmul(self, x: torch.Tensor) -> torch.Tensor:
        """x [rows, in] (any float dtype) times the weights' transpose: [rows, out] float32."""
        x32 = x.float().contiguous()
        out = torch.empty(x32.shape[0], self.out_features)
        _compiled()(x32.numpy(), self._nibbles_np, self._scales_np, out.numpy())
        return out

    def state(self) -> tuple[torch.Tensor, torch.Tensor]:
        """(nibbles, scales_zeros) for the decode-weight cache on disk."""
        return self.nibbles, self.scales_zeros


@functools.cache
def _compiled() -> Any:
    """The numba function computing out = x @ W.T (built on first use: numba is heavy)."""
    import numba
    import numpy as np
    from numba import njit, prange

    # OpenMP first: its pool forks and joins in ~1 us; the TBB layer needs a package
    # this app does not install, and the workqueue fallback is refused in `available`.
    numba.config.THREADING_LAYER_PRIORITY = ["omp", "tbb", "workqueue"]
    row_dot = _row_dot_intrinsic()

    @njit(parallel=True, fastmath=True, nogil=True, cache=False)
    def int4_matmul(x, nibbles, scales_zeros, out):  # pragma: no cover - compiled
        rows, cols = x.shape
        groups = cols // GROUP
        # Activations per 32-column group: int16 levels, the scale, and the float sum
        # (the sum multiplies the groups' offsets).
        levels = np.empty((rows, cols), np.int16)
        group_info = np.empty((rows, groups * 2), np.float32)
        for r in range(rows):
            for g in range(groups):
                peak = np.float32(0.0)
                total = np.float32(0.0)
                for j in range(GROUP):
                    value = x[r, g * GROUP + j]
                    total += value
                    peak = max(peak, abs(value))
                inverse = np.float32(32767.0) / peak if peak > 0 else np.float32(0.0)
                for j in range(GROUP):
                    levels[r, g * GROUP + j] = np.int16(np.rint(x[r, g * GROUP + j] * inverse))
                group_info[r, 2 * g] = peak / np.float32(32767.0)
                group_info[r, 2 * g + 1] = total
        for o in prange(nibbles.shape[0]):
            for r in range(rows):
                out[r, o] = row_dot(nibbles, o, levels, r, scales_zeros, group_info, groups)

    return int4_matmul


def _row_dot_intrinsic() -> Any:
    """One output row's dot product with one activation row, as LLVM IR with AVX2 intrinsics.

    Per group: 16 bytes of levels split into two 16-lane int16 vectors (low and high
    nibbles), two `vpmaddwd` with the activations' int16 levels, converted to float
    and accumulated with scale * activation scale; the offsets' share (zero - 8 *
    scale, times the activations' sum) is a scalar sum beside it.
    """
    from llvmlite import ir
    from numba.core import cgutils, types
    from numba.extending import intrinsic

    i16, i32, i64, f32 = ir.IntType(16), ir.IntType(32), ir.IntType(64), ir.FloatType()
    v16i8 = ir.VectorType(ir.IntType(8), 16)
    v16i16 = ir.VectorType(i16, 16)
    v8i32 = ir.VectorType(i32, 8)
    v8f32 = ir.VectorType(f32, 8)
    v2i16, v2i32, v2f32 = ir.VectorType(i16, 2), ir.VectorType(i32, 2), ir.VectorType(f32, 2)

    def const(kind: Any, value: Any) -> Any:
        return ir.Constant(kind, value)

    @intrinsic
    def row_dot(typingctx, nibbles, row, levels, level_row, scales_zeros, group_info, groups):  # type: ignore[no-untyped-def]
        signature = types.float32(nibbles, row, levels, level_row, scales_zeros, group_info, groups)

        def codegen(context, builder, sig, args):  # type: ignore[no-untyped-def]
            w_arr, row_v, x_arr, xrow_v, sz_arr, info_arr, groups_v = args
            w_ty, _, x_ty, _, sz_ty, info_ty, _ = sig.args

            def data(kind: Any, value: Any) -> Any:
                return context.make_array(kind)(context, builder, value).data

            w_ptr, x_ptr = data(w_ty, w_arr), data(x_ty, x_arr)
            sz_ptr, info_ptr = data(sz_ty, sz_arr), data(info_ty, info_arr)
            module = builder.module
            maddwd = cgutils.get_or_insert_function(
                module, ir.FunctionType(v8i32, [v16i16, v16i16]), "llvm.x86.avx2.pmadd.wd"
            )
            group_base = builder.mul(row_v, groups_v)  # this row's first group
            x_base = builder.mul(builder.mul(xrow_v, groups_v), const(i64, GROUP))
            info_base = builder.mul(builder.mul(xrow_v, groups_v), const(i64, 2))
            entry = builder.block
            loop = builder.append_basic_block("int4_group")
            done = builder.append_basic_block("int4_done")
            builder.branch(loop)
            builder.position_at_end(loop)
            g = builder.phi(i64)
            acc = builder.phi(v8f32)
            offsets = builder.phi(f32)
            g.add_incoming(const(i64, 0), entry)
            acc.add_incoming(const(v8f32, [0.0] * 8), entry)
            offsets.add_incoming(const(f32, 0.0), entry)
            index = builder.add(group_base, g)
            w_at = builder.gep(w_ptr, [builder.mul(index, const(i64, GROUP // 2))])
            packed = builder.load(builder.bitcast(w_at, v16i8.as_pointer()), align=1)
            low = builder.zext(builder.and_(packed, const(v16i8, [15] * 16)), v16i16)
            high = builder.zext(builder.lshr(packed, const(v16i8, [4] * 16)), v16i16)
            x_at = builder.add(x_base, builder.mul(g, const(i64, GROUP)))
            x_low = builder.load(
                builder.bitcast(builder.gep(x_ptr, [x_at]), v16i16.as_pointer()), align=2
            )
            x_high_at = builder.add(x_at, const(i64, GROUP // 2))
            x_high = builder.load(
                builder.bitcast(builder.gep(x_ptr, [x_high_at]), v16i16.as_pointer()), align=2
            )
            products = builder.add(
                builder.call(maddwd, [low, x_low]), builder.call(maddwd, [high, x_high])
            )
            # The group's bfloat16 scale and zero: the high halves of two float32s.
            pair_at = builder.gep(sz_ptr, [builder.mul(index, const(i64, 2))])
            pair = builder.load(builder.bitcast(pair_at, v2i16.as_pointer()), align=2)
            pair = builder.bitcast(
                builder.shl(builder.zext(pair, v2i32), const(v2i32, [16, 16])), v2f32
            )
            scale = builder.extract_element(pair, const(i32, 0))
            zero = builder.extract_element(pair, const(i32, 1))
            info_at = builder.add(info_base, builder.mul(g, const(i64, 2)))
            x_scale = builder.load(builder.gep(info_ptr, [info_at]))
            x_sum = builder.load(builder.gep(info_ptr, [builder.add(info_at, const(i64, 1))]))
            factor = builder.fmul(scale, x_scale, flags=["fast"])
            splat = builder.insert_element(const(v8f32, ir.Undefined), factor, const(i32, 0))
            splat = builder.shuffle_vector(splat, splat, const(ir.VectorType(i32, 8), [0] * 8))
            as_float = builder.sitofp(products, v8f32)
            acc_next = builder.fadd(
                acc, builder.fmul(as_float, splat, flags=["fast"]), flags=["fast"]
            )
            offset = builder.fsub(zero, builder.fmul(scale, const(f32, 8.0), flags=["fast"]))
            offsets_next = builder.fadd(
                offsets, builder.fmul(offset, x_sum, flags=["fast"]), flags=["fast"]
            )
            g_next = builder.add(g, const(i64, 1))
            g.add_incoming(g_next, loop)
            acc.add_incoming(acc_next, loop)
            offsets.add_incoming(offsets_next, loop)
            builder.cbranch(builder.icmp_signed("<", g_next, groups_v), loop, done)
            builder.position_at_end(done)
            total = offsets_next
            for lane in range(8):
                lane_value = builder.extract_element(acc_next, const(i32, lane))
                total = builder.fadd(total, lane_value, flags=["fast"])
            return total

        return signature, codegen

    return row_dot
