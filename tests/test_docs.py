"""Every command and option of the CLI is documented in docs/cli.md, under its command's heading."""

import re
from pathlib import Path

import typer.main

from comity.cli import app

CLI_DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"


def documented_sections() -> dict[str, str]:
    text = CLI_DOC.read_text(encoding="utf-8")
    parts = re.split(r"^## `comity ([a-z-]+)`", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def cli_commands() -> dict[str, list[str]]:
    group = typer.main.get_command(app)
    commands = {}
    for name, command in group.commands.items():
        names = []
        for param in command.params:
            names.extend(opt for opt in param.opts if opt.startswith("--") and opt != "--help")
            if not param.opts[0].startswith("-"):
                names.append(param.name.upper())
        commands[name] = names
    return commands


def test_every_command_has_a_section_in_the_cli_doc():
    missing = set(cli_commands()) - set(documented_sections())
    assert not missing, f"commands without a '## `comity NAME`' section in docs/cli.md: {sorted(missing)}"


def test_every_option_and_argument_is_documented_in_its_command_section():
    sections = documented_sections()
    undocumented = [
        f"comity {command} {option}"
        for command, options in cli_commands().items()
        for option in options
        if command in sections and f"`{option}" not in sections[command]
    ]
    assert not undocumented, f"undocumented in docs/cli.md: {undocumented}"


def test_no_documented_command_is_stale():
    stale = set(documented_sections()) - set(cli_commands())
    assert not stale, f"docs/cli.md documents commands that do not exist: {sorted(stale)}"
