"""AppTest: run an app headlessly and drive it like a user, through the real runtime.

No server and no browser: the test talks to an `AppSession` exactly as the websocket does,
so widget values from a test are validated like a browser's and reruns follow the same rules.
"""

from __future__ import annotations

import inspect
import os
import sys
import tempfile
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from rillet import compat
from rillet.protocol.messages import Outbound, Root
from rillet.runtime.pages import page_icon_and_name
from rillet.runtime.script import ScriptSource
from rillet.runtime.secrets import secrets as _secrets
from rillet.runtime.session import AppSession
from rillet.runtime.state import SessionState
from rillet.testing.elements import (
    LEAVES,
    WIDGETS,
    AppTestError,
    ElementList,
    Node,
    Unknown,
    access_name,
)

Path = tuple[int, ...]


@contextmanager
def streamlit_aliases() -> Iterator[None]:
    """While a test's run goes, ``import streamlit`` in the app gives rillet.

    A Streamlit AppTest test then runs with only its own import changed, its apps untouched,
    as ``rillet run --streamlit-compat`` serves them. The aliases are process-wide, so they
    last only as long as the run and whatever the names held before comes back.
    """
    if compat.installed():
        yield
        return
    names = [*compat.ALIASES, *compat.MODULES, *compat.FACADES]
    before = {name: sys.modules[name] for name in names if name in sys.modules}
    compat.install()
    try:
        yield
    finally:
        compat.uninstall()
        sys.modules.update(before)


# Streamlit's AppTest lists these widgets together under one name as well.
# Names Streamlit's AppTest lists several kinds under (pills and segmented controls are its
# "button_group", editors are dataframes too), and its node type names for rillet's lists.
GROUPS: dict[str, tuple[str, ...]] = {
    "button_group": ("pills", "segmented_control"),
    "dataframe": ("dataframe", "data_editor"),
    "help_info": ("help",),
    "column": ("columns",),
    "tab": ("tabs",),
}


class Block(Node):
    """A container in the page; offers the same element accessors as AppTest."""

    type = "block"

    def __init__(self, element: Any, path: Path, at: AppTest, children: list[Node]) -> None:
        super().__init__(element, path, at)
        self.children = children

    def __iter__(self) -> Iterator[Node]:
        return iter(self.children)

    def __len__(self) -> int:
        return len(self.children)

    def __getitem__(self, index: int) -> Node:
        return self.children[index]

    def descendants(self) -> Iterator[Node]:
        """Every node below this block, in page order."""
        for child in self.children:
            yield child
            if isinstance(child, Block):
                yield from child.descendants()

    def get(self, name: str) -> ElementList[Any]:
        """All elements listed under ``name`` (e.g. "button", "markdown", "columns")."""
        if name == "form_submit_button":
            # Listed with the buttons, as in Streamlit; this name picks out only them.
            return ElementList(
                [n for n in self.descendants() if n.element.kind == "form_submit_button"]
            )
        names = GROUPS.get(name, (name,))
        return ElementList([n for n in self.descendants() if access_name(n) in names])

    def get_by_key(self, key: str) -> Node:
        """The one element, widget or container below with user key ``key``.

        Raises KeyError when there is none and AppTestError when several share it, as
        Streamlit's AppTest does (a typed list, ``at.slider(key=...)``, takes the first).
        """
        matches = [n for n in self.descendants() if n.key == key]
        if not matches:
            raise KeyError(key)
        if len(matches) > 1:
            raise AppTestError(
                f"Multiple elements have key {key!r}. "
                "Scope the query to a container or use a typed collection."
            )
        return matches[0]

    @property
    def key(self) -> str | None:
        """The container's user key; a form's is its name, as in Streamlit's AppTest."""
        if self.props.get("type") == "form":
            return str(self.props["form_id"])
        return super().key

    def __getattr__(self, name: str) -> ElementList[Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)

    @property
    def value(self) -> Any:
        return None


class Dialog(Block):
    """An open dialog: a block in the event area, with a title and a way to close it."""

    type = "dialog"

    @property
    def title(self) -> str:
        """The dialog's title."""
        return str(self.props["title"])

    def dismiss(self) -> AppTest:
        """Close it as a user would (X, Escape, click outside); honours ``on_dismiss``.

        With ``on_dismiss="ignore"`` nothing reruns, as in the browser.
        """
        if not self.props.get("dismissible", True):
            raise RuntimeError(f"the dialog {self.title!r} is not dismissible")
        dismiss_id = self.props.get("dismiss_id")
        if dismiss_id:
            self._at._pending[dismiss_id] = True
            self._at._dismissing = True
        return self._at


# The view of each block type that has one beyond `Block` (families add theirs).
BLOCKS: dict[str, type[Block]] = {"dialog": Dialog}


class AppTest:
    """A headless app under test.

    Build one with `from_file`, `from_string` or `from_function`, call `run`, then read
    elements (``at.title[0].value``) and act on widgets (``at.button[0].click().run()``).
    """

    def __init__(self, script_path: str, *, default_timeout: float = 3) -> None:
        self._script_path = script_path
        self.default_timeout = default_timeout
        self._session = AppSession(ScriptSource(script_path))
        self._messages: list[Outbound] = []
        self._last_run: list[Outbound] = []
        self._session.outbox.attach(self._on_output)
        self._pending: dict[str, Any] = {}
        self._clicked_last_run: set[str] = set()
        self._root: Block | None = None
        # The fake clock `tick` advances, and when each run_every timer last fired.
        self._clock = 0.0
        self._dismissing = False
        self._timer_start: dict[str, float] = {}
        # Streamlit's AppTest.secrets: set before a run, used instead of the secrets files.
        self.secrets: dict[str, Any] = {}
        # Streamlit's AppTest.query_params: the address's parameters for the next run, and
        # what the app left there after it ("a" -> "1", a repeated key -> a list).
        self.query_params: dict[str, Any] = {}
        _secrets.configure(os.path.dirname(os.path.abspath(script_path)))

    # --- construction ----------------------------------------------------------------------

    @classmethod
    def from_file(cls, script_path: str, *, default_timeout: float = 3) -> AppTest:
        """Test the script at ``script_path`` (relative paths are from the calling file)."""
        if not os.path.isabs(script_path):
            caller = inspect.stack()[1].filename
            candidate = os.path.join(os.path.dirname(os.path.abspath(caller)), script_path)
            if os.path.exists(candidate):
                script_path = candidate
        if not os.path.isfile(script_path):
            raise FileNotFoundError(
                f"AppTest script not found at {os.path.abspath(script_path)}. Relative paths "
                "are resolved against the file that calls AppTest.from_file()."
            )
        return cls(os.path.abspath(script_path), default_timeout=default_timeout)

    @classmethod
    def from_string(cls, script: str, *, default_timeout: float = 3) -> AppTest:
        """Test a script given as a string."""
        handle, path = tempfile.mkstemp(suffix=".py", prefix="rillet_apptest_")
        with os.fdopen(handle, "w") as f:
            f.write(textwrap.dedent(script))
        return cls(path, default_timeout=default_timeout)

    @classmethod
    def from_function(
        cls,
        script: Callable[..., Any],
        *,
        default_timeout: float = 3,
        args: tuple[Any, ...] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> AppTest:
        """Test the body of a function as a script; ``args``/``kwargs`` are passed to it."""
        source = textwrap.dedent(inspect.getsource(script))
        call = f"\n{script.__name__}(*__rillet_args__, **__rillet_kwargs__)\n"
        at = cls.from_string(source + call, default_timeout=default_timeout)
        at._session.script_globals.update(
            __rillet_args__=tuple(args or ()), __rillet_kwargs__=dict(kwargs or {})
        )
        return at

    # --- running -----------------------------------------------------------------------------

    def _on_output(self, urgent: bool) -> None:
        """Messages are collected when the run ends, as the server batches them."""

    def run(self, *, timeout: float | None = None) -> AppTest:
        """Run with the actions queued since the last run, as the browser would; wait for it.

        Actions on widgets inside fragments rerun only those fragments (as in the browser);
        any other action, or none, reruns the whole app.
        """
        values = self._take_pending()
        self._clicked_last_run = {wid for wid, v in values if v is True and self._is_trigger(wid)}
        # A dismissal reruns the app, never the dialog's own fragment.
        fragments = [] if self._dismissing else self._fragments_of(values)
        self._dismissing = False
        self._run(values, fragments, full=not fragments, timeout=timeout)
        return self

    def _run(
        self, values: list[tuple[str, Any]], fragments: list[str], full: bool, timeout: float | None
    ) -> None:
        # Secrets given to this test are for its runs only: the next test, or a test of
        # another app, must not read them (nor see its error messages redacted of them).
        before = _secrets.overrides
        try:
            with streamlit_aliases():
                self._request(values, fragments, full)
                self._wait(timeout)
        finally:
            _secrets.overrides = before

    def _take_pending(self) -> list[tuple[str, Any]]:
        """The queued actions that go out now; values in a form wait for its submit button,
        as the browser keeps them until then."""
        state = self._session.state
        submitted = state.submitted_forms(list(self._pending.items()))
        sent, kept = [], {}
        for wid, value in self._pending.items():
            spec = state.widget_spec(wid)
            if (
                spec is not None
                and spec.form_id
                and not spec.trigger
                and spec.form_id not in submitted
            ):
                kept[wid] = value
            else:
                sent.append((wid, value))
        self._pending = kept
        return sent

    def _fragments_of(self, values: list[tuple[str, Any]]) -> list[str]:
        ids = []
        for wid, _ in values:
            spec = self._session.state.widget_spec(wid)
            fid = spec.fragment_id if spec is not None else None
            if fid is None or not self._session.fragments.known(fid):
                return []
            ids.append(fid)
        return list(dict.fromkeys(ids))

    def _request(self, values: list[tuple[str, Any]], fragments: list[str], full: bool) -> None:
        self._messages = []
        _secrets.overrides = dict(self.secrets)
        if full:
            # As an address would carry them (embed included), not as a script sets them.
            self._session.nav.query = {
                str(k): [str(x) for x in v] if isinstance(v, list | tuple) else str(v)
                for k, v in self.query_params.items()
            }
        self._session.request_rerun(values, fragments, full=full)

    def run_fragment(self, fragment: str, *, timeout: float | None = None) -> AppTest:
        """Rerun one fragment, given its key or id, with the actions queued for its widgets."""
        registry = self._session.fragments
        ids = registry.by_key(fragment) or ([fragment] if registry.known(fragment) else [])
        if not ids:
            raise KeyError(f"no fragment with key or id {fragment!r}")
        values = self._take_pending()
        self._run(values, ids, full=False, timeout=timeout)
        return self

    def tick(self, seconds: float, *, timeout: float | None = None) -> AppTest:
        """Let ``seconds`` pass: every ``run_every`` fragment whose timer fires reruns.

        Timers count from the fragment's first sight, as in the browser; a fragment whose
        interval passes several times in one tick runs once, as a tab that was hidden does.
        """
        self._clock += seconds
        due = []
        for info in self._session.fragments.all():
            if not info.run_every:
                continue
            last = self._timer_start.setdefault(info.id, self._clock - seconds)
            if self._clock - last >= info.run_every - 1e-9:
                due.append(info.id)
                self._timer_start[info.id] = self._clock
        if due:
            self._run([], due, full=False, timeout=timeout)
        return self

    def _wait(self, timeout: float | None) -> None:
        limit = self.default_timeout if timeout is None else timeout
        if not self._session.wait_idle(limit):
            raise RuntimeError(f"AppTest script run timed out after {limit}(s)")
        self._messages.extend(self._session.outbox.drain())
        self._last_run = self._messages
        self._root = None
        self.query_params = {
            k: list(v) if isinstance(v, list) else v for k, v in self._session.nav.query.items()
        }

    def switch_page(self, page_path: str) -> AppTest:
        """Open another page on the next `run`, as the menu would: ``page_path`` is a page's
        script relative to the main script ("pages/2_Charts.py"), or the main script."""
        nav = self._session.nav
        folder = os.path.dirname(os.path.abspath(self._script_path))
        path = os.path.realpath(os.path.join(folder, page_path))
        url_path = nav.files.get(path)
        if url_path is None:
            if not os.path.isfile(path):
                raise ValueError(f"no page script {page_path!r} beside {self._script_path!r}")
            url_path = (
                "" if path == os.path.realpath(self._script_path) else (page_icon_and_name(path)[1])
            )
        nav.requested = url_path
        nav.query = {}
        self.query_params = {}
        return self

    def _is_trigger(self, wid: str) -> bool:
        spec = self._session.state.widget_spec(wid)
        return spec is not None and spec.trigger

    def rerun(self, *, timeout: float | None = None) -> AppTest:
        """Alias of `run`."""
        return self.run(timeout=timeout)

    @property
    def messages(self) -> list[Outbound]:
        """The protocol messages the last run sent to the browser (deltas, keeps ...)."""
        return list(self._last_run)

    # --- reading -----------------------------------------------------------------------------

    def _tree(self) -> Block:
        if self._root is None:
            with self._session.outbox.lock:
                self._root = self._build()
        return self._root

    def _build(self) -> Block:
        tree = self._session.tree

        def build(node: Any, path: Path) -> Node:
            element = node.element
            if node.children is not None:
                children = [build(c, (*path, i)) for i, c in enumerate(node.children)]
                kind = BLOCKS.get(element.props.get("type", ""), Block)
                return kind(element, path, self, children)
            cls: type[Node] | None = WIDGETS.get(element.kind) if element.id else None
            if cls is None:
                cls = LEAVES.get(element.kind, Unknown)
            return cls(element, path, self)

        roots = [build(tree.roots[r], (int(r),)) for r in Root]
        top = Block(tree.roots[Root.MAIN].element, (), self, roots)
        return top

    @property
    def main(self) -> Block:
        """The main area."""
        return self._tree().children[Root.MAIN]  # type: ignore[return-value]

    @property
    def sidebar(self) -> Block:
        """The sidebar."""
        return self._tree().children[Root.SIDEBAR]  # type: ignore[return-value]

    def get(self, name: str) -> ElementList[Any]:
        """All elements listed under ``name``, in page order (main, sidebar, ...).

        ``name`` is an accessor's name ("button", "pills", "form_submit_button") or
        Streamlit's node type name ("button_group", "help_info", "date_time_input").
        """
        return self._tree().get(name)

    def get_by_key(self, key: str) -> Node:
        """The one element, widget or container with user key ``key`` (see `Block.get_by_key`)."""
        return self._tree().get_by_key(key)

    def __len__(self) -> int:
        return len(self._tree())

    def __iter__(self) -> Iterator[Node]:
        return iter(self._tree())

    def __getitem__(self, index: int) -> Node:
        return self._tree()[index]

    def __getattr__(self, name: str) -> ElementList[Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return self.get(name)

    @property
    def session_state(self) -> SessionState:
        """The app's ``st.session_state``; may be set before the first run."""
        return self._session.state

    def __repr__(self) -> str:
        return f"AppTest({self._script_path!r})"

    def __del__(self) -> None:
        try:
            self._session.close()
        except Exception:
            pass
