"""Benchmark harness: a deterministic corpus generator (`python -m benchmarks.generate`) and a runner
that measures normalizer side by side with codespell, typos and grep (`python -m benchmarks.run`)."""
