"""Recognise the pages of one file: limits, cache, page threads, progress.

``recognize_pages`` is given the file's hash, the pages to read, their sizes
in pixels and a function that renders one page. It checks the limits before
any work, takes what the cache has, renders the rest one at a time in this
thread (pdfium is not thread-safe) and recognises them in up to
``settings.threads`` threads at once (ONNX Runtime releases the GIL), with a
bounded number of rendered pages in flight.
"""
from __future__ import annotations

import threading
from typing import Callable, Sequence

from replycli.errors import ReadError
from replycli.ocr import settings as current_settings
from replycli.ocr.cache import PageCache, page_key

_pool = None
_pool_lock = threading.Lock()

# How many pages were recognised (not taken from the cache) by this process;
# the tests and the benchmark read it.
RECOGNIZED = [0]


def _executor(threads: int):
    global _pool
    with _pool_lock:
        if _pool is None or _pool._max_workers != threads:
            from concurrent.futures import ThreadPoolExecutor

            if _pool is not None:
                _pool.shutdown(wait=True)
            _pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="ocr")
        return _pool


def shutdown() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True)
            _pool = None


def check_limits(sizes: Sequence[tuple[int, int]], what: str = "page") -> None:
    """One line naming the limit a file exceeds, before any work is done."""
    s = current_settings()
    if len(sizes) > s.max_pages:
        raise ReadError(f"{len(sizes)} {what}s to OCR, over the limit of {s.max_pages} "
                        f"(set ocr_max_pages or REPLYCLI_OCR_MAX_PAGES to raise it)")
    for i, (w, h) in enumerate(sizes):
        if w * h > s.max_pixels:
            raise ReadError(f"{what} {i + 1} is {w}x{h} pixels, over the OCR limit of {s.max_pixels:,} "
                            f"(set ocr_max_pixels or REPLYCLI_OCR_MAX_PIXELS to raise it)")


def recognize_pages(file_hash: str, pages: Sequence[int], render: Callable[[int], object],
                    name: str = "", dpi: int = 0) -> list[dict]:
    """The recognised page dicts (see ``engine.recognize``) of ``pages``, in order."""
    s = current_settings()
    from replycli.ocr.engine import ENGINE_TAG

    cache = PageCache(s.cache_dir)
    keys = {i: page_key(file_hash, i, dpi, ENGINE_TAG) for i in pages}
    done: dict[int, dict] = {}
    for i in pages:
        hit = cache.get(keys[i])
        if hit is not None:
            done[i] = hit
    todo = [i for i in pages if i not in done]
    if todo:
        from replycli.ocr import engine

        engine.check_ready()
        owner = s.in_owner()
        progress = s.progress if owner else None
        total = len(pages)

        def finished(i: int, page: dict) -> None:
            cache.put(keys[i], page)
            done[i] = page
            RECOGNIZED[0] += 1
            if progress:
                progress(len(done), total, name)

        threads = s.threads if owner else 1
        if threads <= 1 or len(todo) == 1:
            for i in todo:
                finished(i, engine.recognize(render(i)))
        else:
            pool = _executor(threads)
            inflight = {}
            queue = list(todo)
            while queue or inflight:
                while queue and len(inflight) < threads + 1:
                    i = queue.pop(0)
                    inflight[i] = pool.submit(engine.recognize, render(i))
                first = next(iter(inflight))
                finished(first, inflight.pop(first).result())
    return [done[i] for i in pages]
