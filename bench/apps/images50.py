"""A page of 50 photos of about 200 KB each, for the second-visit benchmark (bench/images.py).

The same file runs under both frameworks (``BENCH_FRAMEWORK=rillet`` or ``streamlit``). The
photos are JPEG bytes made once per process from a fixed seed (smooth colour plus grain, so
that they compress like photos and weigh about 200 KB), passed to ``st.image`` as bytes: both
frameworks serve them as they are (already JPEG, narrower than 1460 px). The page ends with
the text "50 photos" so the harness sees the whole page has arrived.
"""

from __future__ import annotations

import importlib
import io
import os

import numpy as np
from PIL import Image

st = importlib.import_module(os.environ.get("BENCH_FRAMEWORK", "rillet"))

COUNT = 50
SIZE = (640, 480)  # width, height


@st.cache_resource
def photos() -> list[bytes]:
    """Fifty distinct JPEGs of about 200 KB each."""
    rng = np.random.default_rng(13)
    width, height = SIZE
    y, x = np.mgrid[0:height, 0:width]
    made = []
    for i in range(COUNT):
        base = np.stack(
            [
                128 + 100 * np.sin(x / (30 + i) + i),
                128 + 100 * np.cos(y / (25 + i) - i),
                128 + 100 * np.sin((x + y) / (40 + i)),
            ],
            axis=-1,
        )
        grain = rng.normal(0, 28, size=base.shape)
        pixels = np.clip(base + grain, 0, 255).astype(np.uint8)
        out = io.BytesIO()
        Image.fromarray(pixels).save(out, format="JPEG", quality=92)
        made.append(out.getvalue())
    return made


pictures = photos()
for row in range(0, COUNT, 5):
    for offset, column in enumerate(st.columns(5)):
        column.image(pictures[row + offset], caption=f"Photo {row + offset + 1}")
st.write(f"{COUNT} photos")
