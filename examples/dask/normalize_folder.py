"""Normalize a folder of articles on a Dask cluster.

    python examples/dask/normalize_folder.py -c de FOLDER [--fix] [--workers 2]

One `Normalizer` is built here, sent once to every worker (it pickles with its compiled index,
so the workers need neither the convention files nor a cache), and `dask.bag` maps the files
to their findings; with `--fix` each worker rewrites its files atomically, as `normalizer fix`
does. Without `--scheduler` a `LocalCluster` of worker processes is started; give the address of
a running scheduler to use a real cluster (the files must be readable there under the same paths).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

import dask.bag as db
from dask.distributed import Client, LocalCluster

from normalizer.batch import Session, process
from normalizer.cache import load_normalizer
from normalizer.config import Config
from normalizer.engine import Normalizer
from normalizer.findings import Finding
from normalizer.report import run_summary, text_line
from normalizer.walk import Selection, collect


def build(conventions: Sequence[str]) -> Normalizer:
    """The normalizer for `conventions`, from the on-disk cache when it is there."""
    return load_normalizer(tuple(conventions), (None, True, ()), Normalizer)


def normalize_file(path: str, normalizer: Normalizer, fix: bool) -> tuple[str, list[Finding], str]:
    """On a worker: the findings of one file and, with `fix`, the file rewritten (atomically,
    as `normalizer fix` does): (path, findings, error or notice)."""
    result = process(Path(path), "fix" if fix else "check", Session(Config(), normalizer))
    return path, list(result.findings), result.error or result.notice


def run(folder: Path, conventions: Sequence[str], fix: bool, client: Client) -> list[tuple[str, list[Finding], str]]:
    """Each file of `folder` with its findings, in the order of the folder walk."""
    files = [str(p) for p in collect([folder], Selection()).files]
    normalizer = client.scatter(build(conventions), broadcast=True)  # type: ignore[no-untyped-call]
    partitions = max(1, min(len(files), 4 * len(client.ncores())))  # type: ignore[no-untyped-call]
    bag = db.from_sequence(files, npartitions=partitions)  # type: ignore[no-untyped-call]
    results: list[tuple[str, list[Finding], str]] = bag.map(normalize_file, normalizer, fix).compute()
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("-c", "--convention", dest="conventions", action="append", required=True)
    parser.add_argument("--fix", action="store_true", help="rewrite the files")
    parser.add_argument("--workers", type=int, default=2, help="processes of the local cluster (default 2)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler instead of a local cluster")
    options = parser.parse_args(argv)
    if options.scheduler:
        with Client(options.scheduler) as client:  # type: ignore[no-untyped-call]
            results = run(options.folder, options.conventions, options.fix, client)
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=options.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
            results = run(options.folder, options.conventions, options.fix, client)
    for path, findings, error in results:
        if error:
            print(f"{path}: {error}")
        for finding in findings:
            print(text_line(finding))
    with_findings = sum(1 for _, findings, _ in results if findings)
    failed = sum(1 for _, _, error in results if error)
    every = [finding for _, findings, _ in results for finding in findings]
    print(run_summary(len(results), with_findings, failed, every, "with findings"))
    return 1 if any(error for _, _, error in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
