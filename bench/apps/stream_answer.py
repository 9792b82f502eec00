"""A chat app that streams a long answer: the prompt is the number of words to answer with.

The same file runs under both frameworks (``BENCH_FRAMEWORK=rillet`` or ``streamlit``). The
answer comes from a generator, two words a chunk (so 2,000 words are 1,000 chunks), with a
paragraph break every 50 words and some bold words, written with ``write_stream`` inside an
assistant ``chat_message``, as an LLM chat app does. ``BENCH_CHUNK_DELAY_MS`` (default 3) is
the pause between chunks, a model's pace; without one Streamlit folds queued updates of one
element together and the comparison would be of queueing, not of what a chunk costs. The
answer ends with ``END<n>`` so the harness sees, in the page, when it has arrived.
"""

from __future__ import annotations

import importlib
import os
import time
from collections.abc import Iterator

st = importlib.import_module(os.environ.get("BENCH_FRAMEWORK", "rillet"))

DELAY_S = float(os.environ.get("BENCH_CHUNK_DELAY_MS", "3")) / 1000
VOCABULARY = (
    "the data app reruns its script when a widget changes and the page shows what the new run "
    "wrote while every element that did not change stays where it was on the screen"
).split()


def answer(words: int) -> Iterator[str]:
    """``words`` words, two a chunk, ending with the marker ``END<words>``."""
    for i in range(0, words - 2, 2):
        first, second = VOCABULARY[i % len(VOCABULARY)], VOCABULARY[(i + 7) % len(VOCABULARY)]
        if i % 30 == 0:
            second = f"**{second}**"
        yield f"{first} {second}" + ("\n\n" if i % 50 == 48 else " ")
        time.sleep(DELAY_S)
    yield f"done END{words}"


st.title("Streaming answer")
if prompt := st.chat_input("How many words?"):
    with st.chat_message("user"):
        st.markdown(prompt)
    with st.chat_message("assistant"):
        st.write_stream(answer(int(prompt)))
