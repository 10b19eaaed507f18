"""WeasyPrint layouts in worker processes, started before the documents are ready.

Importing WeasyPrint costs about half as much as laying out the whole contract. The
workers are forked as soon as a command knows it will write PDFs, and pay that cost while the
main process loads, checks and composes; the layouts then run on every core. Where ``fork`` is
not available, or on a single core, the layouts run in the main process, with the same bytes.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from ccas_docs.common.interrupt import ignoring_interrupts
from ccas_docs.document.tree import Metadata

Result = Callable[[], tuple[bytes, float]]  # call it to wait for (PDF bytes, seconds of layout)


def _layout(html: str, templates: Path, meta: Metadata, variant: str) -> tuple[bytes, float]:
    from ccas_docs.writers.pdf import html_to_pdf

    started = time.perf_counter()
    data = html_to_pdf(html, templates, meta, variant=variant)
    return data, time.perf_counter() - started


def _import_weasyprint() -> None:
    """In a new worker: the import that costs as much as a layout, done while the caller composes."""
    import weasyprint  # noqa: F401


class Layouts:
    """A pool of layout workers; ``submit`` returns a function that waits for the PDF."""

    def __init__(self, templates: Path, workers: int = 2):
        self.templates = templates
        self._pool: Any = None
        cores = os.cpu_count() or 1
        if cores >= 2 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            with ignoring_interrupts():  # a Ctrl-C stops the parent, which then terminates the workers
                self._pool = context.Pool(min(workers, cores), initializer=_import_weasyprint)

    def submit(self, html: str, meta: Metadata, variant: str = "pdf/a-2b") -> Result:
        if self._pool is None:
            return lambda: _layout(html, self.templates, meta, variant)
        pending = self._pool.apply_async(_layout, (html, self.templates, meta, variant))
        return pending.get  # re-raises a worker's UserError (picklable) in this process

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> Layouts:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()
