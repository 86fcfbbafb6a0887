"""The talk's determinism checklist, as data: its slugs are the keys of `Engine.determinism`.

The talk ("Bonus track: Are LLMs deterministic?") ends with a summary of eight items. Each item
here keeps the talk's words (`talk`) and says why it matters (`why`), from the talk's own slides
on the inference engine, the supporting software and the hardware.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChecklistItem:
    slug: str
    title: str
    talk: str  # the talk's summary line
    why: str
    # What a client of an OpenAI-compatible API can set in the request itself.
    per_request: bool


CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        "seed", "Define a seed", "Define a seed, this may be enough",
        "The seed initialises the pseudo-random number generator that samples each next token; with the "
        "same seed the same random draws are made, so sampling can stay on and still repeat.",
        True,
    ),
    ChecklistItem(
        "temperature", "Temperature 0", "temperature = 0",
        "Temperature 0 means greedy sampling: the most probable next token is always taken, which removes "
        "the randomness instead of controlling it.",
        True,
    ),
    ChecklistItem(
        "top-k", "top_k 1", "top_k = 1",
        "top_k is the shortlist the next token is drawn from; with 1 only the most likely token can be "
        "chosen, whatever the temperature.",
        True,
    ),
    ChecklistItem(
        "same-parameters", "All other parameters equal", "All other parameters should be equal",
        "Other sampling parameters (top_p, frequency or presence penalty, maximum length, the prompt and its "
        "template) change the output too; top_p in particular is hard to control and interferes with the rest.",
        True,
    ),
    ChecklistItem(
        "same-engine", "Same inference software and version", "Same inference software",
        "The engine is regular deterministic software except where it tries to be random, and it may use "
        "random numbers in other places; another engine or another version may compute differently.",
        False,
    ),
    ChecklistItem(
        "no-batch-mixing", "No mixing of different inferences (batching)", "No mix of different inferences",
        "Servers batch requests from different users together; the batch's size and composition can change "
        "the arithmetic, and in mixtures of experts the routing of tokens.",
        False,
    ),
    ChecklistItem(
        "same-system-software", "Same system software (GPU drivers)", "Same system software (GPU drivers, etc)",
        "Frameworks such as PyTorch pick non-deterministic kernels unless told otherwise, and compilers and "
        "GPU drivers differ in the kernels they run.",
        False,
    ),
    ChecklistItem(
        "same-hardware", "Same hardware", "Same hardware (CPU, GPU, etc)",
        "Floating-point rounding differs between processors (even for integer-quantised models) and some "
        "hardware is not deterministic at all.",
        False,
    ),
)

SLUGS: tuple[str, ...] = tuple(item.slug for item in CHECKLIST)
BY_SLUG: dict[str, ChecklistItem] = {item.slug: item for item in CHECKLIST}

# What the talk says the checklist is, and is not, about.
SCOPE = (
    "This is about reproducibility when the set-up is kept: the same input gives exactly the same output. "
    "Changing the hardware, the GPU driver version or the inference engine version may change results. "
    "It is not about predictable results: slightly different inputs may lead to very different outputs, "
    "even with reproducible settings."
)


def unknown_slug_message(slug: str) -> str:
    return f"{slug!r} is not an item of the determinism checklist; use one of: {', '.join(SLUGS)}"
