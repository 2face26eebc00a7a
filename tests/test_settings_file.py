"""A settings file found the way other tools find theirs: ``bracketeer.toml`` in the current
folder or a parent, read by every command unless ``--delegations`` names another."""

from __future__ import annotations

from .conftest import run_cli

SETTINGS = """\
[delegations.JUSCANZ]
name = "JUSCANZ group"
kind = "group"

[authors]
"Jane Doe" = "US"

[reading]
adjacent = "alternatives"
"""
DRAFT = "1. Calls for [JUSCANZ: swift] action [Welcomes] [Notes with appreciation] the report.\n"


def test_a_settings_file_in_a_parent_folder_is_read_by_every_command(tmp_path, monkeypatch):
    (tmp_path / "bracketeer.toml").write_text(SETTINGS)
    work = tmp_path / "drafts" / "round2"
    work.mkdir(parents=True)
    (work / "d.txt").write_text(DRAFT)
    monkeypatch.chdir(work)
    # without it: an unknown delegation and two brackets side by side to ask about
    alone = run_cli(["check", "--delegations", str(_empty(tmp_path)), "d.txt"])
    assert alone.code == 1 and "unknown-delegation" in alone.out.decode() + alone.err
    # with it: JUSCANZ is known and "[a] [b]" are rival wordings, so check has nothing to say
    assert run_cli(["check", "d.txt"]).code == 0
    accepted = run_cli(["accept", "--all", "--report", "none", "d.txt"])
    # JUSCANZ's proposal accepted; the rival wordings, both accepted, a conflict left open
    assert accepted.text == "1. Calls for swift action [Welcomes] [Notes with appreciation] the report.\n"
    shown = run_cli(["settings"]).text
    assert f"settings: {tmp_path / 'bracketeer.toml'}" in shown
    assert "delegations added: JUSCANZ" in shown and "[reading] adjacent: alternatives" in shown


def test_a_mistake_in_the_found_file_is_an_error_naming_it(tmp_path, monkeypatch):
    (tmp_path / "bracketeer.toml").write_text("[reading]\nadjacnt = 'alternatives'\n")
    (tmp_path / "d.txt").write_text(DRAFT)
    monkeypatch.chdir(tmp_path)
    r = run_cli(["status", "d.txt"])
    assert r.code == 2 and "bracketeer.toml" in r.err and "adjacent" in r.err


def test_no_settings_file_is_said_so(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli(["settings"]).text.startswith("no settings file")


def _empty(folder):
    f = folder / "empty.toml"
    f.write_text("")
    return f


def test_a_pyprojects_tool_bracketeer_table_is_a_settings_file(tmp_path, monkeypatch):
    """As black and ruff read theirs: ``[tool.bracketeer]`` in a ``pyproject.toml``; a
    ``bracketeer.toml`` beside it wins, and a pyproject.toml without the table is not one."""
    tabled = "\n".join(
        ("[tool.bracketeer." + line[1:] if line.startswith("[") else line) for line in SETTINGS.splitlines()
    )
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "drafts"\n\n' + tabled + "\n")
    work = tmp_path / "drafts"
    work.mkdir()
    (work / "d.txt").write_text(DRAFT)
    (work / "pyproject.toml").write_text('[project]\nname = "other"\n')  # no table: not ours
    monkeypatch.chdir(work)
    assert run_cli(["check", "d.txt"]).code == 0
    shown = run_cli(["settings"]).text
    assert f"settings: {tmp_path / 'pyproject.toml'} [tool.bracketeer]" in shown
    assert "delegations added: JUSCANZ" in shown
    (work / "bracketeer.toml").write_text("")
    assert f"settings: {work / 'bracketeer.toml'}" in run_cli(["settings"]).text


def test_colours_formatting_and_consolidation_defaults_come_from_the_settings_file(tmp_path, monkeypatch):
    """What had to be retyped on every call: --colour-map, --formatting, consolidate's
    --note-template, --deletion-style and --conflicts; the command line still wins."""
    (tmp_path / "bracketeer.toml").write_text(
        '[reading]\nformatting = ["colour"]\n\n[colours]\n"FF0000" = "US"\n\n'
        '[consolidate]\ndeletion_style = "command"\nnote_template = "Proposed new paragraph from the {delegation}:"\n'
    )
    monkeypatch.chdir(tmp_path)
    shown = run_cli(["settings"]).text
    assert "[reading] formatting: colour" in shown and "[colours]: FF0000 = US" in shown
    assert "[consolidate] deletion_style: command" in shown
    # a Word draft with red text: read as US's proposal without --formatting or --colour-map
    import docx
    from docx.shared import RGBColor

    document = docx.Document()
    p = document.add_paragraph("1. Calls upon ")
    p.add_run("all").font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    p.add_run(" States to act.")
    document.save(tmp_path / "coloured.docx")
    assert "[US: all]" in run_cli(["parse", "coloured.docx", "--format", "text"]).text
    # consolidate's defaults, and the command line over them
    (tmp_path / "base.txt").write_text("1. Calls upon States to act annually.\n")
    (tmp_path / "us.txt").write_text("1. Calls upon States to act.\n")
    house = run_cli(["consolidate", "base.txt", "US=us.txt", "--report", "none"]).text
    assert '[US: delete "annually"]' in house
    said = run_cli(
        ["consolidate", "base.txt", "US=us.txt", "--report", "none", "--deletion-style", "struck"]
    ).text
    assert "~~" in said
    (tmp_path / "bracketeer.toml").write_text('[consolidate]\nconflict = "inline"\n')
    bad = run_cli(["settings"])
    assert bad.code == 2 and "did you mean `conflicts`" in bad.err


def test_the_as_of_date_is_written_in_the_house_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "base.txt").write_text("1. Calls upon States to act annually.\n")
    (tmp_path / "us.txt").write_text("1. Calls upon States to act.\n")
    args = ["consolidate", "base.txt", "US=us.txt", "--report", "none", "--as-of", "2024-04-16"]
    assert "(Comments from delegations received as of April 16, 2024)" in run_cli(args).text
    said = run_cli([*args, "--as-of-format", "%d %B %Y"]).text
    assert "(Comments from delegations received as of 16 April 2024)" in said
    (tmp_path / "bracketeer.toml").write_text('[consolidate]\nas_of_format = "%d.%m.%Y"\n')
    assert "received as of 16.04.2024)" in run_cli(args).text
    assert run_cli([*args, "--as-of-format", "April"]).code == 2
