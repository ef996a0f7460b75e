"""Tests of normalizer (a package, so that `python -m tests.<tool>` helpers can run)."""
