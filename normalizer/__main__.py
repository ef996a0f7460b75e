"""`python -m normalizer`: the same as the `normalizer` command."""

from normalizer.cli import main

main()
