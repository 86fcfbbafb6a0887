"""How much memory a model variant needs: weights at each precision, KV cache, what it fits on.

Weights take parameters × bits per weight.  Bits per weight for llama.cpp's quantisations are
those its quantize tool reports (tools/quantize/README.md in https://github.com/ggml-org/llama.cpp:
Q4_K_M 4.84 bpw on Llama 2 7B; Q8_0 stores 32 weights in 34 bytes, 8.5 bpw).  The KV cache of
a decoder holds a key and a value per layer, per KV head, per position, at 16 bits.  Sizes are
in GiB (2^30 bytes), the unit GPU and RAM sizes are quoted in.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..schema.models import Variant

GIB = 2**30
PRECISIONS: tuple[tuple[str, str, float], ...] = (
    # (key, label, bits per weight)
    ("fp32", "fp32", 32.0),
    ("fp16", "fp16 / bf16", 16.0),
    ("q8_0", "8-bit (Q8_0)", 8.5),
    ("q4_k_m", "4-bit (Q4_K_M)", 4.84),
)
KV_BITS = 16
DEFAULT_CONTEXT = 4096
RUNTIME_OVERHEAD = 1.10  # buffers, activations and the runtime itself, on top of weights and cache
MEMORY_SIZES_GIB = (8, 16, 24, 48, 80)


@dataclass(frozen=True)
class MemoryEstimate:
    weights_gib: dict[str, float]  # precision key → GiB
    kv_cache_gib: float | None  # at `context` tokens, when the architecture is known
    context: int
    fits_4bit: int | None  # the smallest of MEMORY_SIZES_GIB that holds the 4-bit model, if any

    @property
    def total_4bit_gib(self) -> float:
        return (self.weights_gib["q4_k_m"] + (self.kv_cache_gib or 0.0)) * RUNTIME_OVERHEAD


def weights_bytes(parameters: int, bits_per_weight: float) -> float:
    return parameters * bits_per_weight / 8


def kv_cache_bytes(layers: int, kv_heads: int, head_dim: int, context: int) -> int:
    return 2 * layers * kv_heads * head_dim * context * KV_BITS // 8


def estimate(variant: Variant) -> MemoryEstimate | None:
    if not variant.parameters:
        return None
    weights = {key: weights_bytes(variant.parameters, bits) / GIB for key, _, bits in PRECISIONS}
    arch = variant.architecture
    context = min(DEFAULT_CONTEXT, arch.context_length) if arch and arch.context_length else DEFAULT_CONTEXT
    kv = None
    if arch and arch.layers and arch.kv_heads and arch.head_dim:
        kv = kv_cache_bytes(arch.layers, arch.kv_heads, arch.head_dim, context) / GIB
    partial = MemoryEstimate(weights, kv, context, None)
    fits = next((size for size in MEMORY_SIZES_GIB if partial.total_4bit_gib <= size), None)
    return MemoryEstimate(weights, kv, context, fits)


def smallest_4bit_gib(variants: list[Variant]) -> float | None:
    """The 4-bit total of the smallest variant: what the matrix filters on."""
    totals = [e.total_4bit_gib for v in variants if (e := estimate(v))]
    return min(totals) if totals else None
