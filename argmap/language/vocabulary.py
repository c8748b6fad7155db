"""The words of the .arg language, defined once: keywords, roles, verbs, signs, keys, id pattern.

The parser's hints, the printer, the formatter, the Pygments lexer, the block reader and the
editor grammar all take the language's words from here; `tests/language/test_vocabulary.py`
proves that the Lark grammar (`argmap.lark`) uses exactly these words.
"""

from __future__ import annotations

import re
from typing import Final

from argmap.model import METADATA_KEYS as _METADATA_KEYS
from argmap.model import RelationKind, Role

# Statement roles, in the order the docs list them (the model's `Role` enum is their source).
ROLES: Final[tuple[str, ...]] = tuple(role.value for role in Role)
# Relation verbs of the graph style: `a supports b` (the model's `RelationKind`).
VERBS: Final[tuple[str, ...]] = tuple(kind.value for kind in RelationKind)
# Words that start a top-level item other than a statement.
DECLARATIONS: Final[tuple[str, ...]] = ("argument", "speaker", "group", "import", "expect")
# The word that names an imported map: `import "charter.arg" as charter`.
ALIAS: Final = "as"
# Every reserved word: none of them can be an id (docs/language.md, "Lexical rules").
KEYWORDS: Final[tuple[str, ...]] = (*ROLES, *DECLARATIONS, *VERBS, ALIAS)
KEYWORD_SET: Final[frozenset[str]] = frozenset(KEYWORDS)

# Outline signs: how a child bears on its parent.
SIGNS: Final[dict[str, RelationKind]] = {
    "+": RelationKind.SUPPORT,
    "-": RelationKind.ATTACK,
    "~": RelationKind.UNDERCUT,
    "><": RelationKind.CONTRADICTION,
}
SIGN_OF: Final[dict[RelationKind, str]] = {kind: sign for sign, kind in SIGNS.items()}
# The arrow that names an argument's conclusion: `argument a: p + q -> c`.
ARROW: Final = "->"
# Punctuation of the language.
PUNCTUATION: Final[tuple[str, ...]] = (":", ",", "(", ")")
COMMENT: Final = "//"

# `key: "text"` at the top level.
METADATA_KEYS: Final[tuple[str, ...]] = _METADATA_KEYS
# `key: "text"` indented under a statement or an argument.
STATEMENT_PROPERTIES: Final[tuple[str, ...]] = ("title", "cite", "quote", "url", "note")
ARGUMENT_PROPERTIES: Final[tuple[str, ...]] = ("title", "note")
PROPERTY_KEYS: Final[tuple[str, ...]] = STATEMENT_PROPERTIES
# `(key: value)` options after a statement's or an argument's id.
STATEMENT_OPTIONS: Final[tuple[str, ...]] = ("raises", "standard", "expect")
ARGUMENT_OPTIONS: Final[tuple[str, ...]] = ("scheme", "weight")
OPTION_KEYS: Final[tuple[str, ...]] = (*STATEMENT_OPTIONS, *ARGUMENT_OPTIONS)
# The values of the evaluation options and of `expect` blocks (docs/evaluation.md).
# `(standard: ...)`: Carneades proof standards: preponderance of the evidence, clear and
# convincing evidence, beyond reasonable doubt, dialectical validity.
PROOF_STANDARDS: Final[tuple[str, ...]] = ("pe", "cce", "brd", "dv")
# `(weight: ...)`: a number from 0 to 1, or one of Carneades' weighing functions.
WEIGHING_FUNCTIONS: Final[tuple[str, ...]] = ("linked", "convergent", "cumulative", "factorized")
# `(expect: ...)` and the lines of an `expect` block.
EXPECTED_LABELS: Final[tuple[str, ...]] = ("in", "out", "undec")

# Header lines of a map embedded in a document (docs/embedding.md): `theme: mono`, unquoted.
# They never clash with the metadata keys, so a header line is never mistaken for map source.
HEADER_KEYS: Final[tuple[str, ...]] = (
    "file", "theme", "rankdir", "focus", "legend", "ids", "tags", "show", "alt", "caption",
    # The views (docs/rendering.md): `speaker` and `group` are keywords, so the filters are
    # `only-tags`, `only-speakers` and `only-groups`.
    "overview", "depth", "only-tags", "only-speakers", "only-groups", "labels", "color-by",
    "groups",
)  # fmt: skip

# An id: a letter or `_`, then letters, digits or `_` (any script); not a keyword.
ID_PATTERN: Final = r"[^\W\d]\w*"
# A tag may also hold hyphens: `#double-standards`.
TAG_PATTERN: Final = r"[^\W\d][\w-]*"
SPEAKER_PATTERN: Final = "@" + ID_PATTERN
# A reference to an id of a map imported with a name: `charter.integrity` (the grammar's QNAME).
QUALIFIED_ID_PATTERN: Final = ID_PATTERN + r"(?:\." + ID_PATTERN + ")+"
# A number, as an option's value: `(weight: 0.4)` (the grammar's NUMBER).
NUMBER_PATTERN: Final = r"\d+(\.\d+)?"

_ID = re.compile(ID_PATTERN)
_TAG = re.compile(TAG_PATTERN)


def is_identifier(text: str) -> bool:
    """Whether `text` can be written unquoted as an id (and is not a keyword)."""
    return _ID.fullmatch(text) is not None and text not in KEYWORD_SET


def is_tag(text: str) -> bool:
    """Whether `text` can be written as a tag after `#`."""
    return _TAG.fullmatch(text) is not None


def alternation(words: tuple[str, ...]) -> str:
    """A regular expression matching any of `words` (longest first, escaped)."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def suggest_id(text: str) -> str:
    """A valid id close to `text`: hyphens and spaces become `_`, a keyword gets a suffix."""
    candidate = re.sub(r"[^\w]+", "_", text).strip("_") or "node"
    if candidate[0].isdigit():
        candidate = "_" + candidate
    if candidate in KEYWORD_SET:
        candidate += "_1"
    return candidate


# Indentation: one definition for the parser and the formatter. A tab counts as 8 columns
# wherever it stands (W208 warns about tabs); every other white space character as one.
TAB_COLUMNS = 8


def indent_width(whitespace: str) -> int:
    """The indentation width of a line's leading white space, as argmap counts it."""
    return len(whitespace) + whitespace.count("\t") * (TAB_COLUMNS - 1)
