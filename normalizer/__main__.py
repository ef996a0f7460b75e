"""`python -m normalizer`: the same as the `normalizer` command."""

from normalizer.entry import main

if __name__ == "__main__":
    main()
