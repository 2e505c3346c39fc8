"""The OCR engine: RapidOCR (PP-OCRv4 Chinese models, ONNX Runtime).

Imported only when a page must be recognised. One engine per thread (the
models load in ~0.4 s), each running ONNX Runtime on one core: parallelism
comes from recognising several pages at once (``--workers``), which uses the
cores better than splitting one page's convolutions.

A page is deskewed first (a scanner rotates pages by a degree or so; line
crops of a rotated page lose their tops and bottoms), by the angle that makes
the rows of ink sharpest in a small copy of the page.
"""
from __future__ import annotations

import threading

from replycli.errors import ReadError
from replycli.ocr import INSTALL

# Part of every cache key: bump it when recognition changes.
ENGINE_TAG = "rapidocr-ppocrv4-deskew-1"

_local = threading.local()


class MissingExtra(ReadError):
    """The ``ocr`` extra is not installed (the reason says what to install)."""

    def __init__(self):
        super().__init__(f"OCR is not installed: {INSTALL}")


def _engine():
    eng = getattr(_local, "engine", None)
    if eng is None:
        try:
            import logging

            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise MissingExtra() from None
        logging.getLogger("RapidOCR").setLevel(logging.ERROR)
        eng = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False)
        _local.engine = eng
    return eng


def skew_angle(gray, limit: float = 3.0, step: float = 0.1) -> float:
    """The rotation (degrees, counter-clockwise) that levels the text lines:
    the one whose horizontal ink profile has the sharpest rows."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    scale = 600 / max(h, w)
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    ink = (small < 128).astype(np.float32)
    if ink.sum() < 50:
        return 0.0
    centre = (small.shape[1] / 2, small.shape[0] / 2)
    best, best_angle = -1.0, 0.0
    for angle in np.arange(-limit, limit + 1e-9, step):
        m = cv2.getRotationMatrix2D(centre, float(angle), 1.0)
        rows = cv2.warpAffine(ink, m, (small.shape[1], small.shape[0])).sum(axis=1)
        sharp = float(((rows[1:] - rows[:-1]) ** 2).sum())
        if sharp > best + 1e-6:
            best, best_angle = sharp, float(angle)
    return round(best_angle, 2)


def recognize(gray) -> dict:
    """Recognise one page (a 2-D uint8 array). Returns plain data (cached as
    JSON): the page size, the deskew angle and the lines, each
    ``[x0, y0, x1, y1, x2, y2, x3, y3, text, score]`` (corners clockwise
    from top-left, in the deskewed page)."""
    import cv2

    eng = _engine()
    h, w = gray.shape[:2]
    angle = skew_angle(gray)
    if abs(angle) >= 0.1:
        m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
        gray = cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)
    result, _ = eng(gray, use_cls=False)
    lines = []
    for box, text, score in result or []:
        pts = [round(float(v), 1) for p in box for v in p]
        lines.append([*pts, text, round(float(score), 4)])
    return {"width": w, "height": h, "angle": angle, "lines": lines}


def to_gray(image):
    """A Pillow image as a 2-D uint8 array (1-bit and colour scans alike)."""
    import numpy as np

    if image.mode in ("I;16", "I;16B", "I", "F"):
        image = image.point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        from PIL import Image

        bg = Image.new("RGBA", image.size, (255, 255, 255, 255))
        image = Image.alpha_composite(bg, image)
    return np.asarray(image.convert("L"))


def check_ready() -> None:
    """Raise the one-line install hint if the engine cannot be loaded."""
    try:
        import cv2  # noqa: F401
        import numpy  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        raise MissingExtra() from None
