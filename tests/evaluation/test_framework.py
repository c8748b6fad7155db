"""Framework files: reading and writing .apx, .tgf and ICCMA 2023, errors with file:line."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import InputError
from argmap.evaluation.framework import (
    AbstractFramework,
    FrameworkError,
    dumps_framework,
    format_for,
    load_framework,
    loads_framework,
    to_apx,
    to_i23,
    to_tgf,
)

DATA = Path(__file__).resolve().parents[1].parent / "tests" / "data" / "af" / "aspartix"
SAMPLE = AbstractFramework(("a", "b", "c"), (("a", "b"), ("b", "c"), ("c", "c")))


def test_read_apx_with_comments_spaces_and_several_statements_a_line() -> None:
    text = "% a comment\narg(a). arg( b ).\narg(c).  % trailing\n att(a, b). att(b,c).att(c,c).\n"
    assert loads_framework(text, "apx") == SAMPLE


def test_read_apx_quoted_names_and_numbers() -> None:
    framework = loads_framework('arg("Big one"). arg(7).\natt("Big one",7).\n', "apx")
    assert framework.arguments == ("Big one", "7")
    assert framework.attacks == (("Big one", "7"),)


def test_read_tgf_and_i23() -> None:
    assert loads_framework("a\nb\nc\n#\na b\nb c\nc c\n", "tgf") == SAMPLE
    framework = loads_framework("# made by hand\np af 3\n1 2\n# a comment\n2 3\n3 3\n", "i23")
    assert framework.arguments == ("1", "2", "3")
    assert framework.attacks == (("1", "2"), ("2", "3"), ("3", "3"))


def test_repeated_arguments_and_attacks_count_once() -> None:
    framework = loads_framework("arg(a). arg(a). arg(b). att(a,b). att(a,b).\n", "apx")
    assert framework.arguments == ("a", "b")
    assert framework.attacks == (("a", "b"),)


def test_writers() -> None:
    assert to_apx(SAMPLE) == "arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\natt(c,c).\n"
    assert to_tgf(SAMPLE) == "a\nb\nc\n#\na b\nb c\nc c\n"
    assert to_i23(SAMPLE) == "p af 3\n# 1 a\n# 2 b\n# 3 c\n1 2\n2 3\n3 3\n"
    numbered = AbstractFramework(("1", "2"), (("2", "1"),))
    assert to_i23(numbered) == "p af 2\n2 1\n"
    quoted = AbstractFramework(("Big one", "lacks:t", 'say "hi"'), ())
    assert to_apx(quoted) == 'arg("Big one").\narg("lacks:t").\narg("say \\"hi\\"").\n'


@pytest.mark.parametrize(
    ("format", "text", "message"),
    [
        (
            "apx",
            "arg(a).\natt(a,b).\n",
            "f.apx:2: attack (a, b) names argument 'b', which is not declared",
        ),
        (
            "apx",
            "arg(a).\narg(b)\n",
            "f.apx:2: expected 'arg(NAME).' or 'att(NAME,NAME).', found 'arg(b)'",
        ),
        ("apx", "arg(a).\n\nargument(b).\n", "f.apx:3: expected 'arg(NAME).' or 'att(NAME,NAME).'"),
        (
            "apx",
            "arg(a). att(a).\n",
            "f.apx:1: expected 'arg(NAME).' or 'att(NAME,NAME).', found 'att(a).'",
        ),
        ("tgf", "a\n#\na b\n", "f.apx:3: attack (a, b) names argument 'b', which is not declared"),
        ("tgf", "a\n#\na\n", "f.apx:3: expected 'SOURCE TARGET', found 'a'"),
        ("tgf", "a\n#\n#\n", "f.apx:3: a second '#' line; TGF has exactly one"),
        ("i23", "1 2\n", "f.apx:1: expected the header 'p af N', found '1 2'"),
        ("i23", "p af x\n", "f.apx:1: expected the header 'p af N', found 'p af x'"),
        (
            "i23",
            "p af 2\n1 2\n2 3\n",
            "f.apx:3: argument 3 is out of range: the header declares 2 arguments (1..2)",
        ),
        (
            "i23",
            "p af 1\n1 0\n",
            "f.apx:2: argument 0 is out of range: the header declares 1 argument (1..1)",
        ),
        (
            "i23",
            "p af 2\n1 2 2\n",
            "f.apx:2: expected an attack 'i j' (two argument numbers), found '1 2 2'",
        ),
        ("i23", "p af 2\np af 2\n", "f.apx:2: a second 'p af' header"),
        ("i23", "# only a comment\n", "f.apx:2: missing the header 'p af N'"),
    ],
)
def test_errors_carry_file_and_line(format: str, text: str, message: str) -> None:
    with pytest.raises(FrameworkError) as caught:
        loads_framework(text, format, "f.apx")
    assert str(caught.value).startswith(message)
    assert caught.value.exit_code == 2


def test_load_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    for suffix, text in (
        (".apx", to_apx(SAMPLE)),
        (".tgf", to_tgf(SAMPLE)),
        (".af", to_i23(SAMPLE)),
    ):
        path = tmp_path / f"x{suffix}"
        path.write_text(text)
        loaded = load_framework(path)
        assert len(loaded.arguments) == 3 and len(loaded.attacks) == 3
    assert format_for("a.I23") == "i23"
    with pytest.raises(
        InputError, match=r"cannot tell the framework format from the suffix '\.txt'"
    ):
        format_for("x.txt")
    with pytest.raises(InputError, match="no such file"):
        load_framework(tmp_path / "missing.apx")


def test_every_reference_instance_round_trips_through_every_format() -> None:
    for path in sorted(DATA.glob("*/*.apx")):
        framework = load_framework(path)
        assert loads_framework(to_apx(framework), "apx") == framework
        assert loads_framework(to_tgf(framework), "tgf") == framework
        numbered = loads_framework(to_i23(framework), "i23")
        assert len(numbered.arguments) == len(framework.arguments)
        rename = dict(zip(numbered.arguments, framework.arguments, strict=True))
        assert tuple((rename[s], rename[t]) for s, t in numbered.attacks) == framework.attacks


def test_bulk_and_line_by_line_readers_agree() -> None:
    from argmap.evaluation.framework import _apx_fast, _apx_lines, _i23_fast, _i23_lines

    for path in sorted(DATA.glob("*/*.apx")):
        text = path.read_text()
        bulk = _apx_fast(text)
        assert bulk is not None and bulk == _apx_lines(text, str(path))
        numbered = to_i23(bulk)
        assert _i23_fast(numbered) == _i23_lines(numbered, "x.af")
    # Anything unusual is left to the line-by-line reader.
    assert _apx_fast("arg(a). % comment\n") is None
    assert _apx_fast("arg(a).\natt(a,b).\n") is None
    assert _i23_fast("p af 2\n1 2 3\n") is None
    assert _i23_fast("p af 2\n1 +2\n") is None
    assert _i23_fast("p af 2\n1 3\n") is None


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Zs", "Zl", "Zp", "Cc")),
    min_size=1,
    max_size=8,
).filter(lambda n: n != "#")


@settings(max_examples=200, deadline=None)
@given(st.lists(names, unique=True, max_size=8), st.data())
def test_round_trip_any_names(arguments: list[str], data: st.DataObject) -> None:
    pairs = (
        data.draw(
            st.lists(
                st.tuples(st.sampled_from(arguments), st.sampled_from(arguments)),
                unique=True,
                max_size=12,
            )
        )
        if arguments
        else []
    )
    framework = AbstractFramework(tuple(arguments), tuple(pairs))
    assert loads_framework(dumps_framework(framework, "apx"), "apx") == framework
    assert loads_framework(dumps_framework(framework, "tgf"), "tgf") == framework
    numbered = loads_framework(dumps_framework(framework, "i23"), "i23")
    assert len(numbered.attacks) == len(pairs)


def test_a_framework_refuses_undeclared_and_repeated_arguments() -> None:
    with pytest.raises(ValueError, match="argument 'a' is declared twice"):
        AbstractFramework(("a", "a"))
    with pytest.raises(ValueError, match=r"attack \(a, z\) names an undeclared argument"):
        AbstractFramework(("a",), (("a", "z"),))
