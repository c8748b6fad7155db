"""The built wheel carries the grammar: `argmap` works from any directory once installed."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_installs_and_runs_from_anywhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(wheels),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = wheels.glob("argmap-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "argmap/language/argmap.lark" in names
    assert "argmap/py.typed" in names
    # The HTML page's script and style, which html.py inlines.
    assert "argmap/rendering/static/argmap.js" in names
    assert "argmap/rendering/static/argmap.css" in names

    # The dependencies come from the site-packages this suite runs with (a virtual
    # environment's or the system's), listed in a .pth file, so nothing is fetched. Their own
    # .pth files are not run, so an editable argmap there stays out; the venv's copy of argmap
    # (from the wheel) comes first on its path.
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(environment)
    python = environment / "bin" / "python"
    packages = [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages")]
    assert packages, sys.path
    [own] = (environment / "lib").glob("python3*/site-packages")
    (own / "suite-dependencies.pth").write_text("\n".join(packages) + "\n", encoding="utf-8")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "m.arg").write_text('thesis t: "T"\n  + premise p: "P"\n', encoding="utf-8")
    where = subprocess.run(
        [str(python), "-c", "import argmap; print(argmap.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(environment) in where.stdout
    result = subprocess.run(
        [str(environment / "bin" / "argmap"), "check", "m.arg"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "1 file checked: 0 errors, 0 warnings, 0 notes\n"
