"""Drafts kept in git: ``bracketeer parse --format text`` as the textconv of a diff driver, so
``git diff`` and ``git log -p`` show a Word draft's text; and the pre-commit hook's entry."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
EXE = str(Path(sys.executable).parent / "bracketeer")


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@x", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@x", "GIT_CONFIG_GLOBAL": os.devnull}  # fmt: skip
    return subprocess.run(
        ["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True
    ).stdout


def _docx(path: Path, words: str) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("TITLE")
    document.add_paragraph(f"1. Encourage Member States to {words} the Convention.")
    document.save(path)


def test_git_diff_shows_a_word_drafts_text_through_the_documented_driver(tmp_path):
    repo = tmp_path / "drafts"
    repo.mkdir()
    _git(repo, "init", "-q")
    (repo / ".gitattributes").write_text("*.docx diff=bracketeer\n")
    _git(repo, "config", "diff.bracketeer.textconv", f"{EXE} parse --format text")
    _docx(repo / "draft.docx", "[US: consider] ratifying")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "rev1")
    _docx(repo / "draft.docx", "ratify")
    shown = _git(repo, "diff")
    assert "-1. Encourage Member States to [US: consider] ratifying the Convention." in shown
    assert "+1. Encourage Member States to ratify the Convention." in shown


def test_the_pre_commit_hook_runs_check_on_the_drafts_it_names(tmp_path):
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text()
    entry = re.search(r"^\s*entry:\s*(.+)$", hooks, re.M)
    files = re.search(r"^\s*files:\s*(.+)$", hooks, re.M)
    assert entry is not None and files is not None
    assert re.search(files.group(1).strip(), "drafts/rev2.docx")
    command = entry.group(1).split()
    assert command[0] == "bracketeer"
    good = tmp_path / "good.txt"
    good.write_text("1. Text [US: words] here.\n")
    bad = tmp_path / "bad.txt"
    bad.write_text("1. Text [US: words here.\n")
    ok = subprocess.run([EXE, *command[1:], str(good)], capture_output=True)
    stop = subprocess.run([EXE, *command[1:], str(good), str(bad)], capture_output=True)
    assert ok.returncode == 0 and stop.returncode != 0
