"""Configuration options: ``st.get_option`` / ``st.set_option``, config files and their order.

An option has Streamlit's name (``server.port``). Its value comes from, lowest priority first:
the default, ``~/.streamlit/config.toml`` and ``~/.rillet/config.toml``, the same two files in
the working directory, then in the script's folder, then ``STREAMLIT_SERVER_PORT`` and
``RILLET_SERVER_PORT`` environment variables, then command-line flags (Streamlit's order). Only
the options below are honoured; any other name in a file or variable is warned about once,
naming it, and ignored.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from rillet.runtime.errors import RilletAPIException

log = logging.getLogger("rillet.config")


class ConfigFileError(ValueError):
    """A config file that cannot be read: the message names file, line and reason."""


@dataclass(frozen=True)
class Option:
    """One option rillet honours."""

    key: str
    default: Any
    kind: type
    description: str
    # Settable from a script with st.set_option (Streamlit allows client options only).
    scriptable: bool = False
    choices: tuple[Any, ...] = ()


_ALL: tuple[Option, ...] = (
    Option("server.port", 8501, int, "The port the server listens on."),
    Option("server.address", "127.0.0.1", str, "The address the server binds to."),
    Option(
        "server.baseUrlPath",
        "",
        str,
        "The path the app is served under, behind a proxy that does not strip it "
        "(for example 'apps/sales').",
    ),
    Option("server.headless", False, bool, "Do not open a browser when the server starts."),
    Option("server.runOnSave", True, bool, "Rerun connected sessions when the script is saved."),
    Option("server.maxUploadSize", 200, int, "Largest file st.file_uploader accepts, in MB."),
    Option(
        "server.maxMessageSize",
        16,
        int,
        "Largest websocket message from a browser, in MB (rillet's --inbound-limit).",
    ),
    Option(
        "server.enableWebsocketCompression",
        False,
        bool,
        "Compress websocket frames (permessage-deflate).",
    ),
    Option("runner.magicEnabled", True, bool, "Write bare expressions of the script (magic)."),
    Option(
        "client.showErrorDetails",
        "full",
        str,
        "How much of an uncaught exception the page shows: 'full' (message and traceback), "
        "'stacktrace' (type and traceback), 'type' (the type only) or 'none'.",
        scriptable=True,
        choices=("full", "stacktrace", "type", "none"),
    ),
    Option(
        "client.toolbarMode",
        "auto",
        str,
        "Streamlit's toolbar menu; rillet's page has no menu, so every mode looks the same.",
        scriptable=True,
        choices=("auto", "developer", "viewer", "minimal"),
    ),
    Option(
        "client.showSidebarNavigation",
        True,
        bool,
        "Show the pages menu of a multipage app in the sidebar ('hidden' when false).",
        scriptable=True,
    ),
    Option(
        "theme.base",
        "",
        str,
        "'light' or 'dark'; empty follows the system.",
        choices=("", "light", "dark"),
    ),
    Option("theme.primaryColor", "", str, "Colour of buttons, links and accents (CSS colour)."),
    Option("theme.backgroundColor", "", str, "Background of the main area."),
    Option("theme.secondaryBackgroundColor", "", str, "Background of the sidebar and inputs."),
    Option("theme.textColor", "", str, "Colour of text."),
    Option(
        "theme.font",
        "",
        str,
        "'sans serif', 'serif', 'monospace', or a CSS font family list.",
    ),
)
OPTIONS: dict[str, Option] = {o.key: o for o in _ALL}

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def env_name(key: str, prefix: str) -> str:
    """``server.maxUploadSize`` -> ``STREAMLIT_SERVER_MAX_UPLOAD_SIZE``."""
    section, name = key.split(".", 1)
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).upper()
    return f"{prefix}_{section.upper()}_{snake}"


def coerce(option: Option, value: Any, where: str) -> Any:
    """``value`` as the option's type; raises ValueError naming the option and where."""
    kind = option.kind
    try:
        if kind is bool:
            if isinstance(value, bool):
                result: Any = value
            elif isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
                result = value.strip().lower() in _TRUE
            else:
                raise ValueError(f"expected true or false, got {value!r}")
        elif kind is int:
            if isinstance(value, bool):
                raise ValueError(f"expected a whole number, got {value!r}")
            result = int(value)
        else:
            if isinstance(value, bool) and option.key == "client.showErrorDetails":
                value = "full" if value else "none"
            if not isinstance(value, str | int | float):
                raise ValueError(f"expected text, got {value!r}")
            result = str(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{option.key} ({where}): {exc}") from None
    if option.choices and result not in option.choices:
        shown = ", ".join(repr(c) for c in option.choices)
        raise ValueError(f"{option.key} ({where}): {result!r} is not one of {shown}")
    return result


def settings_files(script_dir: str | None, name: str) -> list[str]:
    """The places a settings file (``config.toml``, ``secrets.toml``) is read from, lowest
    priority first: the home folder, the working folder, the script's folder, each under
    ``.streamlit/`` and then ``.rillet/``."""
    folders = [os.path.expanduser("~"), os.getcwd()]
    if script_dir:
        folders.append(script_dir)
    paths: list[str] = []
    for folder in folders:
        for sub in (".streamlit", ".rillet"):
            path = os.path.abspath(os.path.join(folder, sub, name))
            if path not in paths:
                paths.append(path)
    return paths


def read_config_file(path: str) -> dict[str, Any]:
    """A config file flattened to ``{"section.option": value}``; malformed -> ConfigFileError."""
    import tomllib

    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError as exc:
        raise ConfigFileError(f"{path}: not UTF-8 ({exc.reason})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigFileError(f"{path}: {exc}") from None
    flat: dict[str, Any] = {}
    for section, values in data.items():
        if isinstance(values, Mapping):
            for name, value in values.items():
                if isinstance(value, Mapping):
                    for sub, inner in value.items():  # theme.light.primaryColor and the like
                        flat[f"{section}.{name}.{sub}"] = inner
                else:
                    flat[f"{section}.{name}"] = value
        else:
            flat[section] = values
    return flat


class OptionStore:
    """The process's option values, where each came from, and one-time warnings."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._values: dict[str, Any] = {}
        self._where: dict[str, str] = {}
        self._warned: set[str] = set()
        self.loaded = False
        # Told with (key, value) when a script sets an option.
        self.listeners: list[Callable[[str, Any], None]] = []

    def warn_unknown(self, key: str, where: str) -> None:
        """Warn once that ``key`` is not an option rillet honours."""
        if key in self._warned:
            return
        self._warned.add(key)
        log.warning(
            "ignored unknown config option %r (%s); rillet honours: %s",
            key,
            where,
            ", ".join(OPTIONS),
        )

    def load(
        self,
        script_dir: str | None = None,
        flags: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        paths: list[str] | None = None,
    ) -> None:
        """Read files, environment and flags afresh. Raises ConfigFileError for a malformed
        file and ValueError for a value of the wrong type (both name where it came from)."""
        environ = os.environ if environ is None else environ
        values = {k: o.default for k, o in OPTIONS.items()}
        where = dict.fromkeys(OPTIONS, "default")
        for path in paths if paths is not None else settings_files(script_dir, "config.toml"):
            if not os.path.isfile(path):
                continue
            for key, value in read_config_file(path).items():
                option = OPTIONS.get(key)
                if option is None:
                    self.warn_unknown(key, path)
                    continue
                values[key], where[key] = coerce(option, value, path), path
        for prefix in ("STREAMLIT", "RILLET"):
            for key, option in OPTIONS.items():
                name = env_name(key, prefix)
                if name in environ:
                    values[key], where[key] = coerce(option, environ[name], name), name
        for key, value in (flags or {}).items():
            option = OPTIONS.get(key)
            if option is None:
                self.warn_unknown(key, "command line")
                continue
            values[key], where[key] = coerce(option, value, "command line"), "command line"
        with self._lock:
            self._values, self._where, self.loaded = values, where, True

    def ensure_loaded(self, script_dir: str | None = None) -> None:
        """Load once (a server built without `rillet run` still reads the files)."""
        if not self.loaded:
            try:
                self.load(script_dir)
            except (ConfigFileError, ValueError) as exc:
                log.error("%s; using defaults", exc)
                self.load(script_dir, paths=[], environ={})

    def get(self, key: str) -> Any:
        """The value of ``key``; Streamlit's RuntimeError for a name that is not an option."""
        if key not in OPTIONS:
            raise RuntimeError(f'Config key "{key}" not defined.')
        with self._lock:
            if key in self._values:
                return self._values[key]
        return OPTIONS[key].default

    def where(self, key: str) -> str:
        """Where the value of ``key`` came from (a file, a variable, "command line" ...)."""
        return self._where.get(key, "default")

    def set(self, key: str, value: Any, where: str = "st.set_option") -> None:
        """Set ``key`` as a script does: client options only, as in Streamlit."""
        option = OPTIONS.get(key)
        if option is None:
            raise RilletAPIException(f"Unrecognized config option: {key}")
        if not option.scriptable:
            raise RilletAPIException(
                f"{key} cannot be set on the fly. Set as command line option, e.g. "
                f"rillet run script.py --{key}, or in config.toml instead."
            )
        try:
            coerced = coerce(option, value, where)
        except ValueError as exc:
            raise RilletAPIException(str(exc)) from None
        with self._lock:
            if not self._values:
                self._values = {k: o.default for k, o in OPTIONS.items()}
            self._values[key], self._where[key] = coerced, where
        for listener in list(self.listeners):
            listener(key, coerced)

    def show(self) -> str:
        """Every option with its value and origin, as TOML (``rillet config show``)."""
        lines: list[str] = []
        section = ""
        for key, option in OPTIONS.items():
            head, name = key.split(".", 1)
            if head != section:
                section = head
                lines.append(f"\n[{section}]\n")
            lines.append(f"# {option.description}")
            lines.append(f"# Set by: {self.where(key)}")
            lines.append(f"{name} = {_toml_value(self.get(key))}\n")
        return "\n".join(lines).lstrip("\n")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


STORE = OptionStore()


def get_option(key: str) -> Any:
    """Return the value of a configuration option.

    Parameters:
        key: The option's name, "section.optionName" (``rillet config show`` lists them).
    """
    return STORE.get(key)


def set_option(key: str, value: Any) -> None:
    """Set a configuration option from the script.

    As in Streamlit, only ``client`` options can be set this way (``client.showErrorDetails``,
    ``client.toolbarMode``, ``client.showSidebarNavigation``); any other raises.

    Parameters:
        key: The option's name, "section.optionName".
        value: Its new value.
    """
    STORE.set(key, value)


_FONTS = {
    "sans serif": "var(--rl-font-sans, system-ui, sans-serif)",
    "sans-serif": "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif",
    "serif": "'Source Serif Pro', Georgia, 'Times New Roman', serif",
    "monospace": "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
}
_FONTS["sans serif"] = _FONTS["sans-serif"]
_SAFE_CSS = re.compile(r"^[#(),.%\w\s'\"-]{1,200}$")
_THEME_VARS = {
    "theme.primaryColor": ("--rl-primary", "--rl-primary-hover", "--rl-focus"),
    "theme.backgroundColor": ("--rl-bg",),
    "theme.secondaryBackgroundColor": ("--rl-bg-soft", "--rl-sidebar-bg", "--rl-code-bg"),
    "theme.textColor": ("--rl-text",),
    "theme.font": ("--rl-font",),
}


def theme_css(store: OptionStore | None = None) -> str:
    """The page's theme overrides from ``theme.*`` options, as CSS custom properties.

    Values are checked against a conservative pattern (colours and font names), so a config
    value cannot close the style element.
    """
    store = store or STORE
    decls: list[str] = []
    for key, names in _THEME_VARS.items():
        value = str(store.get(key)).strip()
        if not value:
            continue
        if key == "theme.font":
            value = _FONTS.get(value.lower(), value)
        if not _SAFE_CSS.match(value):
            log.warning("ignored %s = %r: not a plain CSS value", key, value)
            continue
        decls.extend(f"{name}: {value};" for name in names)
    base = store.get("theme.base")
    if base in ("light", "dark"):
        decls.append(f"color-scheme: {base};")
    if not decls:
        return ""
    rule = ":root, :root[data-theme] { " + " ".join(decls) + " }"
    # Overrides must win over the dark scheme's own rule too.
    return f"{rule}\n@media (prefers-color-scheme: dark) {{ {rule} }}"
