"""Facts computed from the validated catalog, never typed in."""
