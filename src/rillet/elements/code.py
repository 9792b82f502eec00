"""Code elements: code blocks, LaTeX, and ``echo`` (show the code of a block, then run it).

Code is sent as text; the browser highlights it with a small built-in tokenizer that only
creates text spans (`frontend/elements/code.js`), so user code never becomes HTML. LaTeX has no
renderer in the page: it is shown as its readable source, marked up as math for assistive
technology (`docs/elements/text.md`).
"""

from __future__ import annotations

import ast
import sys
import textwrap
from types import TracebackType
from typing import Any

from rillet.elements.base import Container, command, emit
from rillet.elements.text import check_help, layout_props
from rillet.elements.validate import check_height


@command
def code(
    body: str,
    language: str | None = "python",
    *,
    line_numbers: bool = False,
    wrap_lines: bool = False,
    height: int | str = "content",
    width: int | str = "stretch",
) -> Container:
    """Write a code block with syntax highlighting and a copy button.

    Parameters:
        body: The code.
        language: The language, for highlighting (Python, JavaScript/TypeScript, SQL, JSON
            and shell are highlighted; others are shown plain); None for plain text.
        line_numbers: Show line numbers to the left of the code.
        wrap_lines: Wrap long lines instead of scrolling sideways.
        height: "content" (as tall as the code), "stretch" (fill the parent), or pixels: the
            code then scrolls inside that height.
        width: "stretch" (default), "content", or pixels.
    """
    props: dict[str, Any] = {"body": str(body), "language": language}
    if line_numbers:
        props["line_numbers"] = True
    if wrap_lines:
        props["wrap_lines"] = True
    if check_height(height, allow_content=True) != "content":
        props["height"] = height
    return emit("code", layout_props(props, width, "stretch"))


@command
def latex(body: object, *, help: str | None = None, width: int | str = "stretch") -> Container:
    """Write a mathematical expression given as LaTeX.

    There is no math renderer in the page: the expression is shown as readable LaTeX source,
    announced as math (``role="math"``) with the source as its accessible name.

    Parameters:
        body: The LaTeX source (a raw string is easiest), or a SymPy expression.
        help: A tooltip shown next to the expression.
        width: "stretch" (default), "content", or pixels.
    """
    if type(body).__module__.split(".")[0] == "sympy":
        import sympy

        body = sympy.latex(body)
    props = {"body": textwrap.dedent(str(body)).strip(), "help": check_help(help)}
    return emit("latex", layout_props(props, width, "stretch"))


class _Echo:
    """The context manager `echo` returns: shows its block's source, above or below."""

    def __init__(self, filename: str, line: int, below: bool) -> None:
        self._filename = filename
        self._line = line
        self._below = below
        self._slot: Container | None = None

    def __enter__(self) -> None:
        if not self._below:
            from rillet.elements.layout import empty

            self._slot = empty()  # the code goes here, above what the block writes

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            return  # as in Streamlit: a block that raised shows no code
        try:
            source = block_source(self._filename, self._line)
        except (OSError, SyntaxError, LookupError) as err:
            from rillet.elements.status import warning

            show: Any = self._slot.warning if self._slot is not None else warning
            show(f"Unable to display code. {err}")
            return
        if self._slot is not None:
            self._slot.code(source, "python")
        else:
            code(source, "python")


def block_source(filename: str, line: int) -> str:
    """The dedented source of the body of the ``with`` statement whose call is on ``line``."""
    with open(filename, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    tree = ast.parse("".join(lines), filename)
    found: ast.With | None = None
    for node in ast.walk(tree):
        if isinstance(node, ast.With):
            for item in node.items:
                expr = item.context_expr
                end = expr.end_lineno or expr.lineno
                if expr.lineno <= line <= end and (found is None or node.lineno > found.lineno):
                    found = node
    if found is None:
        raise LookupError(f"no `with` statement on line {line} of {filename}")
    start = found.body[0].lineno - 1
    return textwrap.dedent("".join(lines[start : found.end_lineno]))


def echo(code_location: str = "above") -> _Echo:
    """Use in a ``with`` block: show the block's code, then run it.

    For tutorials and demos: the reader sees the code next to what it produces.

    Parameters:
        code_location: "above" (default) shows the code before what the block writes;
            "below" after it.
    """
    caller = sys._getframe(1)
    return _Echo(caller.f_code.co_filename, caller.f_lineno, code_location == "below")
