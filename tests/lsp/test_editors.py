"""The editor configurations (VS Code extension, docs/editors.md, pre-commit) match argmap."""

from __future__ import annotations

import json
import re
import tomllib

import yaml
from click.testing import CliRunner

from argmap.cli import main
from argmap.cli.group import COMMANDS
from argmap.language.textmate import SCOPE
from argmap.language.vocabulary import COMMENT
from argmap.lsp import server
from tests.conftest import REPO

VSCODE = REPO / "editors" / "vscode"
DOCS = (REPO / "docs" / "editors.md").read_text(encoding="utf-8")
SERVER = ["argmap", "lsp"]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOCS, re.S)


def test_the_extension_manifest() -> None:
    manifest = json.loads((VSCODE / "package.json").read_text(encoding="utf-8"))
    (language,) = manifest["contributes"]["languages"]
    assert (language["id"], language["extensions"]) == ("argmap", [".arg"])
    (grammar,) = manifest["contributes"]["grammars"]
    assert grammar["scopeName"] == SCOPE and (VSCODE / grammar["path"]).is_file()
    settings = manifest["contributes"]["configuration"]["properties"]
    assert settings["argmap.server.command"]["default"] == SERVER
    assert settings["argmap.server.debounceMs"]["default"] == server.DEBOUNCE_SECONDS * 1000
    script = (VSCODE / "extension.js").read_text(encoding="utf-8")
    for command in manifest["contributes"]["commands"]:
        assert f'registerCommand("{command["command"]}"' in script
    assert '"argmap/preview"' in script
    configuration = json.loads((VSCODE / "language-configuration.json").read_text("utf-8"))
    assert configuration["comments"]["lineComment"] == COMMENT
    for setting in ("argmap.server.command", "argmap.server.debounceMs"):
        assert setting in DOCS


def test_the_server_reads_the_documented_options() -> None:
    source = (REPO / "argmap" / "lsp" / "server.py").read_text(encoding="utf-8")
    read = set(re.findall(r'options\.get\("(\w+)"\)', source))
    assert read == {"debounceMs", "docsUrl"}
    for option in read:
        assert f"`{option}`" in DOCS


def test_neovim_emacs_and_helix_start_argmap_lsp() -> None:
    lua = blocks("lua")
    assert len(lua) == 2
    for block in lua:
        assert 'cmd = { "argmap", "lsp" }' in block
        assert 'filetypes = { "argmap" }' in block
        assert 'extension = { arg = "argmap" }' in block
    (elisp,) = blocks("elisp")
    assert '(argmap-mode "argmap" "lsp")' in elisp and "\\\\.arg\\\\'" in elisp
    (toml,) = blocks("toml")
    helix = tomllib.loads(toml)
    (language,) = helix["language"]
    assert language["file-types"] == ["arg"] and language["comment-token"] == COMMENT
    assert language["language-servers"] == ["argmap"]
    assert [
        helix["language-server"]["argmap"]["command"],
        *helix["language-server"]["argmap"]["args"],
    ] == SERVER


def test_the_workflow_and_pre_commit_commands_run() -> None:
    workflow, pre_commit = (yaml.safe_load(block) for block in blocks("yaml"))
    runs = [step["run"] for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    commands = [run for run in runs if run.startswith("argmap ")]
    assert len(commands) == 3
    for command in commands:
        args = command.split(">")[0].split()[1:]
        result = CliRunner().invoke(main, [a.replace("maps/", str(REPO / "maps")) for a in args])
        assert result.exit_code in (0, 1), (command, result.output)
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == [
        hook["id"] for hook in pre_commit["repos"][0]["hooks"]
    ]
    for hook in hooks:
        program, command = hook["entry"].split()
        assert program == "argmap" and command in COMMANDS
        assert re.search(hook["files"], "maps/debate.arg")


def test_the_documented_project_is_the_one_the_server_tests_run() -> None:
    section = DOCS.split("## Maps in several files", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```text\n(.*?)```", section, re.S)
    project = REPO / "tests" / "lsp" / "project"
    names = ("charter.arg", "plain.arg", "named.arg")
    assert blocks == [(project / name).read_text(encoding="utf-8") for name in names]
