"""Relative paths of files uploaded from a folder (``file_uploader(accept_multiple_files=
"directory")``): checked and cleaned, never joined to a path on this server.

The browser names each file of a picked folder by its path inside the folder, the folder's own
name first ("photos/2024/a.jpg"), and Streamlit hands that path to the app as the file's
``name``. The path is data an attacker controls, so a path no browser would send (absolute, a
drive letter, ``.`` or ``..`` parts, empty parts, overlong) is refused here: an app that joins
``name`` to a folder of its own cannot be walked out of it.
"""

from __future__ import annotations

import re
import unicodedata

# Longest path kept, in characters (macOS's PATH_MAX), and longest part (NAME_MAX). The
# percent-encoded path travels in a header, which stays well under servers' header limits.
MAX_PATH_LENGTH = 1024
MAX_PART_LENGTH = 255

_DRIVE = re.compile(r"^[A-Za-z]:")


class BadUploadPath(ValueError):
    """A folder upload's path that no browser would send; the message is shown to the user."""


def clean_relative_path(name: str) -> str:
    """``name`` as a clean relative path ("folder/sub/file.txt"), or raise `BadUploadPath`.

    Backslashes count as separators (so a Windows-style path cannot hide a ``..``); control
    characters are dropped and each part's outer spaces trimmed, as for a plain file name.
    """
    shown = name[:80] + ("…" if len(name) > 80 else "")
    raw = name.replace("\\", "/")
    if raw.startswith("/") or _DRIVE.match(raw):
        raise BadUploadPath(f"The path {shown!r} is not relative to the uploaded folder.")
    parts = []
    for part in raw.split("/"):
        part = "".join(c for c in part if unicodedata.category(c)[0] != "C").strip()
        if part in ("", ".", ".."):
            raise BadUploadPath(f"The path {shown!r} is not a path inside the uploaded folder.")
        if len(part) > MAX_PART_LENGTH:
            raise BadUploadPath(
                f"The path {shown!r} has a name longer than {MAX_PART_LENGTH} characters."
            )
        parts.append(part)
    path = "/".join(parts)
    if len(path) > MAX_PATH_LENGTH:
        raise BadUploadPath(f"The path {shown!r} is longer than {MAX_PATH_LENGTH} characters.")
    return path
