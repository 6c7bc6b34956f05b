"""The one sanitiser: text from a person's file, made safe to show on a terminal.

A program name holding `ESC ] 52 ; c ; …` would write the clipboard when printed, `ESC [2J`
would clear the screen, `ESC ] 2 ; …` retitle the window, and a right-to-left override
would show a line in another order than it is stored. So every string that comes from a
file (names, notes, CSV headers and cells, TOML values, error messages quoting them) goes
through `visible` before it reaches a terminal, in the command line and in the app alike:

- C0 controls (NUL, ESC, BEL, …) become their Unicode control pictures (␀ ␛ ␇, U+2400…),
  DEL becomes ␡; a newline is kept only where the caller shows several lines, a tab is a space;
- C1 controls (U+0080…U+009F, the 8-bit CSI among them), bidirectional overrides, embeddings,
  isolates and marks, line/paragraph separators and lone surrogates become `\\x9b`/`\\u202e`
  escapes: visible, and inert.

What is stored stays exactly as the person wrote it, and `--json` output is exact: this is
for display only. Everything else (accents, scripts, emoji, zero-width joiners) is kept.

`stand_in` is the other half of display safety: the ASCII stand-ins used when the console's
encoding cannot show a symbol (a Windows console in cp1252 or cp437, an ISO-8859-1 locale).
"""

from __future__ import annotations

import unicodedata

# Bidirectional formatting characters: embeddings, overrides, isolates, marks (Unicode UAX #9).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_SEPARATORS = frozenset("\u2028\u2029\x85")
PICTURE_BASE = 0x2400  # U+2400 SYMBOL FOR NULL … U+241F SYMBOL FOR UNIT SEPARATOR
DELETE_PICTURE = "\u2421"  # ␡


def _shown(char: str, newlines: bool) -> str:
    code = ord(char)
    if code < 0x20:
        if char == "\n" and newlines:
            return char
        if char == "\t":
            return " "
        return chr(PICTURE_BASE + code)
    if code == 0x7F:
        return DELETE_PICTURE
    if 0x80 <= code <= 0x9F or char in BIDI_CONTROLS or char in LINE_SEPARATORS or 0xD800 <= code <= 0xDFFF:
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return char


def visible(text: str, newlines: bool = False) -> str:
    """`text` with nothing left in it that a terminal would act on (see the module's doc).
    `newlines`: keep line breaks (a multi-line detail or note); otherwise they show as ␊."""
    if text.isprintable():  # the common case, answered in C: plain text, nothing to do
        return text
    return "".join(
        char if char.isprintable() or char == " " or _is_harmless(char) else _shown(char, newlines) for char in text
    )


def _is_harmless(char: str) -> bool:
    """Not "printable" to Python, yet nothing a terminal acts on: spaces other than ASCII's
    (no-break, ideographic) and format characters that scripts need (zero-width joiner and
    non-joiner, soft hyphen), but never a bidi control or a line separator."""
    if char in BIDI_CONTROLS or char in LINE_SEPARATORS:
        return False
    return unicodedata.category(char) in ("Zs", "Cf") and ord(char) > 0x9F


# ASCII stand-ins for the symbols imgtui prints, for consoles that cannot encode them. Rich
# lays a table out by the symbols' cells before the console's encoding swaps them, so each
# stand-in takes exactly the cells of its symbol (one) or the columns after it slide; and the
# status marks stay distinct: ✓ v, • *, ≈ =, § S, → >, ? ?, ✎ @ (`~` already says "approximate
# date", `?` is unverified's). ≥ and ≤ keep two characters: one would say "more than", a
# different rule; they are in sentences, never in a table.
STAND_INS = {
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "≈": "=",
    "§": "S",
    "⚠": "!",
    "→": ">",
    "←": "<",
    "↔": "-",
    "•": "*",
    "·": "-",
    "…": ".",
    "—": "-",
    "–": "-",
    "×": "x",
    "✎": "@",
    "◆": "*",
    "≥": ">=",
    "≤": "<=",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "\u00a0": " ",
    DELETE_PICTURE: "^",
}


def stand_in(char: str) -> str:
    """An ASCII way to show `char` in the cells it takes: its stand-in, `^` for a control
    picture (␛ ␇ ␡), the letter without its accent (é is e), or `?` for each cell (two for a
    wide character, none for a combining mark)."""
    if char in STAND_INS:
        return STAND_INS[char]
    code = ord(char)
    if PICTURE_BASE <= code < PICTURE_BASE + 0x20:
        return "^"
    cells = _cells(char)
    plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return plain if plain.isprintable() and len(plain) == cells else "?" * cells


def _cells(char: str) -> int:
    """How many terminal cells `char` takes: 2 for East Asian wide and full-width characters,
    0 for combining marks and format characters, else 1."""
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
