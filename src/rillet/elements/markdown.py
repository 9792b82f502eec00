"""Markdown to HTML, on the server, with Streamlit's markdown directives.

The browser inserts only HTML produced here: raw HTML in the text is escaped unless the caller
passes ``unsafe_allow_html=True``, and markdown-it refuses link schemes such as ``javascript:``.
On top of CommonMark with GitHub tables and strikethrough this adds what Streamlit's markdown
understands and is cheap to do without a dependency:

- coloured text ``:red[...]``, backgrounds ``:blue-background[...]`` and badges
  ``:green-badge[...]`` (colours: red, orange, yellow, green, blue, violet, gray/grey, rainbow,
  primary); the bracketed text is markdown itself;
- emoji shortcodes such as ``:smile:`` from a small built-in table of common ones;
- ``:material/icon_name:`` icons, as a span the page draws with the Material Symbols font;
- math: ``$...$`` inline and ``$$...$$`` displayed (also as a block of lines), as a span or div
  holding the TeX source, which the page typesets with KaTeX (loaded only when there is math).
  As in pandoc, a ``$`` opens math only before a non-space and closes it only after one, and
  not before a digit, so "$5 and $10" stays text; ``\\$`` is a dollar sign.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from rillet.elements.simplemarkdown import render_simple

COLORS = (
    "red", "orange", "yellow", "green", "blue", "violet", "gray", "grey", "rainbow", "primary",
)

_DIRECTIVE = re.compile(r":([a-z]+)(?:-(background|badge))?\[")
_SHORTCODE = re.compile(r":([a-z0-9_+\-]+):")
_MATERIAL_ICON = re.compile(r":material/([a-z0-9_]+):")

# The common shortcodes (GitHub / Streamlit names). Unknown ones stay as written.
EMOJI: dict[str, str] = {
    "+1": "👍", "-1": "👎", "thumbsup": "👍", "thumbsdown": "👎", "smile": "😄",
    "smiley": "😃", "grinning": "😀", "laughing": "😆", "joy": "😂", "wink": "😉",
    "blush": "😊", "heart_eyes": "😍", "sunglasses": "😎", "thinking": "🤔",
    "neutral_face": "😐", "expressionless": "😑", "unamused": "😒", "sweat_smile": "😅",
    "sob": "😭", "cry": "😢", "angry": "😠", "rage": "😡", "scream": "😱",
    "open_mouth": "😮", "sleeping": "😴", "yum": "😋", "stuck_out_tongue": "😛",
    "upside_down_face": "🙃", "slightly_smiling_face": "🙂", "relaxed": "☺️", "hugs": "🤗",
    "star_struck": "🤩", "partying_face": "🥳", "nerd_face": "🤓", "robot": "🤖",
    "wave": "👋", "clap": "👏", "pray": "🙏", "muscle": "💪", "raised_hands": "🙌",
    "point_right": "👉", "point_left": "👈", "point_up": "☝️", "point_down": "👇",
    "ok_hand": "👌", "v": "✌️", "eyes": "👀", "heart": "❤️", "broken_heart": "💔",
    "sparkling_heart": "💖", "blue_heart": "💙", "green_heart": "💚", "yellow_heart": "💛",
    "purple_heart": "💜", "fire": "🔥", "star": "⭐", "star2": "🌟", "sparkles": "✨",
    "zap": "⚡", "boom": "💥", "tada": "🎉", "balloon": "🎈", "gift": "🎁", "trophy": "🏆",
    "medal_sports": "🏅", "1st_place_medal": "🥇", "rocket": "🚀", "airplane": "✈️",
    "car": "🚗", "bike": "🚲", "sun": "☀️", "sunny": "☀️", "cloud": "☁️", "umbrella": "☔",
    "snowflake": "❄️", "rainbow": "🌈", "earth_americas": "🌎", "globe_with_meridians": "🌐",
    "moon": "🌙", "coffee": "☕", "tea": "🍵", "beer": "🍺", "pizza": "🍕", "apple": "🍎",
    "cake": "🍰", "cat": "🐱", "dog": "🐶", "snake": "🐍", "penguin": "🐧", "bug": "🐛",
    "unicorn": "🦄", "panda_face": "🐼", "tulip": "🌷", "rose": "🌹", "seedling": "🌱",
    "evergreen_tree": "🌲", "warning": "⚠️", "no_entry": "⛔", "x": "❌",
    "heavy_check_mark": "✔️", "white_check_mark": "✅", "ballot_box_with_check": "☑️",
    "question": "❓", "exclamation": "❗", "bulb": "💡", "memo": "📝", "pencil": "📝",
    "pencil2": "✏️", "book": "📖", "books": "📚", "bookmark": "🔖", "link": "🔗",
    "paperclip": "📎", "pushpin": "📌", "calendar": "📆", "date": "📅", "clock": "🕒",
    "hourglass": "⌛", "alarm_clock": "⏰", "bell": "🔔", "lock": "🔒", "unlock": "🔓",
    "key": "🔑", "mag": "🔍", "gear": "⚙️", "wrench": "🔧", "hammer": "🔨", "toolbox": "🧰",
    "package": "📦", "inbox_tray": "📥", "outbox_tray": "📤", "email": "📧",
    "envelope": "✉️", "phone": "📞", "computer": "💻", "desktop_computer": "🖥️",
    "keyboard": "⌨️", "floppy_disk": "💾", "cd": "💿", "camera": "📷", "movie_camera": "🎥",
    "tv": "📺", "bar_chart": "📊", "chart_with_upwards_trend": "📈",
    "chart_with_downwards_trend": "📉", "clipboard": "📋", "file_folder": "📁",
    "open_file_folder": "📂", "page_facing_up": "📄", "newspaper": "📰", "moneybag": "💰",
    "dollar": "💵", "euro": "💶", "credit_card": "💳", "gem": "💎", "shopping_cart": "🛒",
    "house": "🏠", "office": "🏢", "hospital": "🏥", "school": "🏫", "art": "🎨",
    "musical_note": "🎵", "notes": "🎶", "microphone": "🎤", "headphones": "🎧",
    "video_game": "🎮", "dart": "🎯", "game_die": "🎲", "soccer": "⚽", "basketball": "🏀",
    "checkered_flag": "🏁", "triangular_flag_on_post": "🚩", "construction": "🚧",
    "recycle": "♻️", "100": "💯", "arrow_right": "➡️", "arrow_left": "⬅️", "arrow_up": "⬆️",
    "arrow_down": "⬇️", "heavy_plus_sign": "➕", "heavy_minus_sign": "➖", "infinity": "♾️",  # noqa: RUF001
    "red_circle": "🔴", "large_blue_circle": "🔵", "green_circle": "🟢",
    "yellow_circle": "🟡", "white_circle": "⚪", "black_circle": "⚫", "copyright": "©️",
    "registered": "®️", "tm": "™️", "information_source": "ℹ️", "new": "🆕", "free": "🆓",  # noqa: RUF001
    "cool": "🆒", "ok": "🆗", "sos": "🆘", "speech_balloon": "💬", "thought_balloon": "💭",
    "zzz": "💤", "skull": "💀", "ghost": "👻", "alien": "👽", "poop": "💩",
    "see_no_evil": "🙈", "crown": "👑", "earth_africa": "🌍", "mountain": "⛰️",
    "ocean": "🌊", "volcano": "🌋", "snowman": "⛄", "christmas_tree": "🎄",
    "jack_o_lantern": "🎃", "streamlit": "👑",
}


def _matching_bracket(src: str, open_at: int, limit: int) -> int:
    """Index of the ``]`` closing the ``[`` at ``open_at``, or -1."""
    depth = 0
    i = open_at
    while i < limit:
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _directive(state: StateInline, silent: bool) -> bool:
    """``:color[text]``, ``:color-background[text]``, ``:color-badge[text]``."""
    match = _DIRECTIVE.match(state.src, state.pos, state.posMax)
    if match is None or match.group(1) not in COLORS:
        return False
    open_at = match.end() - 1
    close_at = _matching_bracket(state.src, open_at, state.posMax)
    if close_at < 0:
        return False
    if not silent:
        color = "gray" if match.group(1) == "grey" else match.group(1)
        token = state.push("rillet_color_open", "span", 1)
        token.attrs = {"class": f"rl-{match.group(2) or 'color'}", "data-color": color}
        old_pos, old_max = state.pos, state.posMax
        state.pos, state.posMax = open_at + 1, close_at
        state.md.inline.tokenize(state)
        state.pos, state.posMax = old_pos, old_max
        state.push("rillet_color_close", "span", -1)
    state.pos = close_at + 1
    return True


def _emoji(state: StateInline, silent: bool) -> bool:
    """``:shortcode:`` from `EMOJI`."""
    match = _SHORTCODE.match(state.src, state.pos, state.posMax)
    if match is None or match.group(1) not in EMOJI:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = EMOJI[match.group(1)]
    state.pos = match.end()
    return True


def _material_icon(state: StateInline, silent: bool) -> bool:
    """``:material/name:``: the icon's name in a span the Material Symbols font draws."""
    match = _MATERIAL_ICON.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        token = state.push("rillet_icon", "span", 0)
        token.content = match.group(1)
    state.pos = match.end()
    return True


def _closing_dollar(src: str, start: int, limit: int) -> int:
    """Index of the ``$`` that closes inline math opened just before ``start``, or -1."""
    i = start
    while i < limit:
        char = src[i]
        if char == "\\":
            i += 2
            continue
        if char == "$":
            after = src[i + 1] if i + 1 < limit else ""
            if not src[i - 1].isspace() and not after.isdigit():
                return i
        i += 1
    return -1


def _inline_math(state: StateInline, silent: bool) -> bool:
    """``$tex$`` (inline) and ``$$tex$$`` (displayed) inside a line."""
    src, pos, limit = state.src, state.pos, state.posMax
    if src[pos] != "$":
        return False
    if src.startswith("$$", pos):
        close = src.find("$$", pos + 2, limit)
        if close < 0 or not src[pos + 2 : close].strip():
            return False
        if not silent:
            state.push("rillet_math", "span", 0).content = src[pos + 2 : close]
            state.tokens[-1].meta = {"display": True}
        state.pos = close + 2
        return True
    if pos + 1 >= limit or src[pos + 1].isspace():
        return False
    close = _closing_dollar(src, pos + 1, limit)
    if close < 0:
        return False
    if not silent:
        state.push("rillet_math", "span", 0).content = src[pos + 1 : close]
        state.tokens[-1].meta = {"display": False}
    state.pos = close + 1
    return True


def _block_math(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A block that opens with ``$$`` at the start of a line and ends at the next ``$$``."""
    begin = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("$$", begin):
        return False
    first = state.src[begin + 2 : state.eMarks[start]]
    if "$$" in first:  # all on one line: only a block if nothing follows the closing $$
        body, _, rest = first.partition("$$")
        if rest.strip() or not body.strip():
            return False
        last, lines = start, [body]
    else:
        lines, last = [first], start + 1
        while last < end:
            line = state.src[state.bMarks[last] + state.tShift[last] : state.eMarks[last]]
            if "$$" in line:
                body, _, rest = line.partition("$$")
                if rest.strip():
                    return False
                lines.append(body)
                break
            lines.append(line)
            last += 1
        else:
            return False
    if silent:
        return True
    token = state.push("rillet_math_block", "div", 0)
    token.content = "\n".join(lines).strip()
    token.map = [start, last + 1]
    state.line = last + 1
    return True


def _render_icon(_renderer: object, tokens: list[Token], idx: int, *_: object) -> str:
    return f'<span class="rl-icon" translate="no" aria-hidden="true">{tokens[idx].content}</span>'


def _render_math(_renderer: object, tokens: list[Token], idx: int, *_: object) -> str:
    display = "block" if (tokens[idx].meta or {}).get("display") else "inline"
    tex = escapeHtml(tokens[idx].content)
    return f'<span class="rl-math" data-display="{display}">{tex}</span>'


def _render_math_block(_renderer: object, tokens: list[Token], idx: int, *_: object) -> str:
    return f'<div class="rl-math" data-display="block">{escapeHtml(tokens[idx].content)}</div>\n'


@lru_cache(maxsize=2)
def _renderer(allow_html: bool) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": allow_html, "breaks": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.inline.ruler.before("emphasis", "rillet_directive", _directive)
    md.inline.ruler.before("emphasis", "rillet_emoji", _emoji)
    md.inline.ruler.before("rillet_emoji", "rillet_icon", _material_icon)
    md.inline.ruler.before("escape", "rillet_math", _inline_math)
    md.block.ruler.before(
        "paragraph", "rillet_math_block", _block_math, {"alt": ["paragraph", "blockquote"]}
    )
    md.add_render_rule("rillet_icon", _render_icon)
    md.add_render_rule("rillet_math", _render_math)
    md.add_render_rule("rillet_math_block", _render_math_block)
    return md


def render_uncached(body: str, unsafe_allow_html: bool = False, inline: bool = False) -> str:
    """Markdown to HTML without the cache (text that changes every call, such as a stream)."""
    simple = render_simple(body, inline)  # the same HTML, an order of magnitude sooner
    if simple is not None:
        return simple
    md = _renderer(bool(unsafe_allow_html))
    return md.renderInline(body) if inline else md.render(body)


@lru_cache(maxsize=8192)
def render_markdown(body: str, unsafe_allow_html: bool = False, inline: bool = False) -> str:
    """Markdown to HTML; raw HTML is escaped unless explicitly allowed.

    Cached: a rerun renders the same texts again, and rendering is most of a text
    element's cost. The result depends only on the arguments.
    """
    return render_uncached(body, unsafe_allow_html, inline)
