"""Write a tiny llama-architecture GGUF model with random weights, for llama.cpp to load and sample.

The vocabulary is byte-level: the 256 byte tokens a SentencePiece-style tokenizer falls back on
(llama.cpp needs them for the newlines of a chat template), the printable ASCII characters as
single-character tokens, the space marker "▁", and three control tokens; only the printable tokens
can win, so every output is valid UTF-8. Two layers of width 64 make a file of a few hundred KB that llama.cpp loads
in well under a second on a CPU. Nothing is downloaded: the weights come from a seeded NumPy
generator, so the same file is written every time.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np

N_EMBD = 64
N_HEAD = 4
N_LAYER = 2
N_FF = 128
N_CTX = 512
CHAT_TEMPLATE = (
    "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}assistant:{% endif %}"
)


def vocabulary() -> tuple[list[str], list[int]]:
    import gguf

    printable = ["\u2581"] + [chr(c) for c in range(33, 127)]
    tokens = ["<unk>", "<s>", "</s>"] + printable + [f"<0x{b:02X}>" for b in range(256)]
    types = ([gguf.TokenType.UNKNOWN, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL]
             + [gguf.TokenType.NORMAL] * len(printable) + [gguf.TokenType.BYTE] * 256)
    return tokens, [int(t) for t in types]


N_SPECIAL = 3
N_PRINTABLE = 95  # "▁" and the 94 printable ASCII characters


def write_tiny_llama(path: Path, seed: int = 20251127) -> Path:
    import gguf

    rng = np.random.default_rng(seed)
    tokens, types = vocabulary()
    n_vocab = len(tokens)

    def weights(*shape: int, scale: float = 0.5) -> np.ndarray:
        return (rng.standard_normal(shape) * scale).astype(np.float32)

    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("atlas-tiny-llama")
    writer.add_context_length(N_CTX)
    writer.add_embedding_length(N_EMBD)
    writer.add_block_count(N_LAYER)
    writer.add_feed_forward_length(N_FF)
    writer.add_head_count(N_HEAD)
    writer.add_head_count_kv(N_HEAD)
    writer.add_rope_dimension_count(N_EMBD // N_HEAD)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores([0.0] * (N_SPECIAL + 1) + [-1.0] * (N_PRINTABLE - 1) + [-100.0] * 256)
    writer.add_token_types(types)
    writer.add_unk_token_id(0)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_add_bos_token(True)
    writer.add_add_eos_token(False)
    writer.add_chat_template(CHAT_TEMPLATE)

    # NumPy shapes are (rows, columns): GGUF stores them reversed, as ggml's (ne0, ne1).
    writer.add_tensor("token_embd.weight", weights(n_vocab, N_EMBD))
    for i in range(N_LAYER):
        writer.add_tensor(f"blk.{i}.attn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        for name in ("attn_q", "attn_k", "attn_v", "attn_output"):
            writer.add_tensor(f"blk.{i}.{name}.weight", weights(N_EMBD, N_EMBD, scale=0.1))
        writer.add_tensor(f"blk.{i}.ffn_norm.weight", np.ones(N_EMBD, dtype=np.float32))
        writer.add_tensor(f"blk.{i}.ffn_gate.weight", weights(N_FF, N_EMBD, scale=0.1))
        writer.add_tensor(f"blk.{i}.ffn_up.weight", weights(N_FF, N_EMBD, scale=0.1))
        writer.add_tensor(f"blk.{i}.ffn_down.weight", weights(N_EMBD, N_FF, scale=0.1))
    writer.add_tensor("output_norm.weight", np.ones(N_EMBD, dtype=np.float32))
    # Only the printable tokens get output weights. The control tokens and the byte tokens (which
    # the tokenizer needs for newlines and other bytes in prompts) keep a logit of 0 while the
    # printable tokens' spread far wider, so generation stays in printable ASCII, valid UTF-8,
    # and mostly runs to max_tokens instead of stopping at once.
    output = np.zeros((n_vocab, N_EMBD), dtype=np.float32)
    output[N_SPECIAL:N_SPECIAL + N_PRINTABLE] = weights(N_PRINTABLE, N_EMBD, scale=0.3)
    writer.add_tensor("output.weight", output)

    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path
