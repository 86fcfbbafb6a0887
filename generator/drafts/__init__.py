"""Drafting catalog entries: a commented skeleton of any kind (`atlas new`), or a model or dataset
drafted from the Hugging Face Hub (`atlas import-hub`)."""
