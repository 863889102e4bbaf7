"""The documentation's code: every Python sample compiles; the README opens with two commands."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTHON_LANGUAGES = frozenset({"python", "py", "python3"})
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`]*)$")


@dataclass(frozen=True)
class CodeBlock:
    path: Path
    line: int
    language: str
    source: str

    @property
    def label(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def fenced_blocks(path: Path) -> list[CodeBlock]:
    """Every fenced code block of a Markdown file, indented ones (in lists, admonitions) too."""
    blocks: list[CodeBlock] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = _FENCE_OPEN.match(lines[index])
        if opening is None:
            index += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        info = opening["info"].strip()
        language = info.split()[0].lower() if info else ""
        closing = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
        first_line = index + 2
        body: list[str] = []
        index += 1
        while index < len(lines) and not closing.match(lines[index]):
            text = lines[index]
            body.append(text[len(indent) :] if text.startswith(indent) else text.lstrip())
            index += 1
        if index == len(lines):
            raise AssertionError(f"{path}:{first_line - 1}: this code fence is never closed")
        blocks.append(CodeBlock(path, first_line, language, "\n".join(body) + "\n"))
        index += 1
    return blocks


def documentation_files() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def python_blocks() -> list[CodeBlock]:
    return [
        block
        for path in documentation_files()
        for block in fenced_blocks(path)
        if block.language in PYTHON_LANGUAGES
    ]


PYTHON_BLOCKS = python_blocks()


@pytest.mark.parametrize("block", PYTHON_BLOCKS, ids=[block.label for block in PYTHON_BLOCKS])
def test_python_sample_compiles(block: CodeBlock) -> None:
    compile(block.source, block.label, "exec")


def test_samples_are_found_in_every_page_that_has_them() -> None:
    labelled = {block.path.name for block in PYTHON_BLOCKS}
    assert {"README.md", "quickstart.md", "errors.md", "large-fleets.md"} <= labelled
    assert len(PYTHON_BLOCKS) >= 20


def test_fence_parser_reads_indented_blocks_and_reports_lines(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "# Title\n"
        "\n"
        "- item:\n"
        "\n"
        "    ```python\n"
        "    if True:\n"
        "        pass\n"
        "    ```\n"
        "\n"
        "~~~~text\n"
        "```python\n"
        "~~~~\n",
        encoding="utf-8",
    )
    blocks = fenced_blocks(page)
    assert [(block.language, block.line) for block in blocks] == [("python", 6), ("text", 11)]
    assert blocks[0].source == "if True:\n    pass\n"
    assert blocks[1].source == "```python\n"


def test_a_broken_sample_fails_to_compile(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```python\nprint('unclosed'\n```\n", encoding="utf-8")
    (block,) = fenced_blocks(page)
    with pytest.raises(SyntaxError):
        compile(block.source, "page.md", "exec")


def test_readme_opens_with_exactly_two_commands() -> None:
    first = fenced_blocks(ROOT / "README.md")[0]
    commands = [
        line.strip()
        for line in first.source.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert len(commands) == 2, commands


def test_readme_commands_name_make_targets_that_exist() -> None:
    first = fenced_blocks(ROOT / "README.md")[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([A-Za-z][\w-]*):", makefile, flags=re.MULTILINE))
    for line in first.source.splitlines():
        words = shlex.split(line, comments=True)
        if words and words[0] == "make":
            assert set(words[1:]) <= targets, line
