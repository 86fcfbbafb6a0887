"""The memory formula against real weight files on the Hugging Face Hub, with the error stated.

Sizes are those the Hub shows for the files (decimal GB, rounded to 0.01 GB); parameter counts
are those the model card or the Hub states.  The formula counts weights only, so quantised
files come out a little larger (embeddings and output layers stay at higher precision).
"""
import pytest

from generator.enrich.memory import PRECISIONS, weights_bytes

BITS = {key: bits for key, _, bits in PRECISIONS}

# (what, parameters, precision, bytes on the Hub, where both figures were read)
REAL_FILES = [
    ("OLMo 2 7B, fp32 safetensors (6 shards)", 7.3e9, "fp32", (4.95 + 4.99 + 4.92 + 4.86 + 4.86 + 4.61) * 1e9,
     "https://huggingface.co/allenai/OLMo-2-1124-7B/tree/cb5ef389013fb3e2222a58b2712aa6d15ee5aa7f (file sizes; 7.3B params as the Hub states)"),
    ("Llama 3.2 3B Instruct, Q4_K_M GGUF", 3.21e9, "q4_k_m", 2.02e9,
     "https://huggingface.co/bartowski/Llama-3.2-3B-Instruct-GGUF/blob/c346bfc2029e79ba6d7edf026cf01fe44242db0d/Llama-3.2-3B-Instruct-Q4_K_M.gguf"
     " (file size; 3.21B params from https://huggingface.co/meta-llama/Llama-3.2-3B-Instruct)"),
]
TOLERANCE = 0.10


@pytest.mark.parametrize("what, parameters, precision, actual, source", REAL_FILES, ids=[r[0] for r in REAL_FILES])
def test_estimate_is_within_ten_percent_of_the_real_file(what, parameters, precision, actual, source):
    estimate = weights_bytes(int(parameters), BITS[precision])
    error = (estimate - actual) / actual
    print(f"{what}: estimate {estimate / 1e9:.2f} GB, real {actual / 1e9:.2f} GB, error {error:+.1%} ({source})")
    assert abs(error) <= TOLERANCE, f"{what}: estimate off by {error:+.1%}"
