"""Checking the catalog against the world: the Hugging Face Hub and every URL.

Results go to status/, the only files automation writes; curated YAML is never rewritten.
"""
