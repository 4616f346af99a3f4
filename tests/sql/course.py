"""The training course's code blocks, in order, as the user wrote them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List

HERE = Path(__file__).resolve().parent
VENDORED = HERE.parent / "data" / "pggit-training-course.md"
ORIGINAL = HERE.parents[2] / "shared" / "spec" / "pggit-training-course.md"

# Blocks fenced as sql that are prose, not statements: the course shows them as
# illustrations (a list of branch-name patterns, a numbered workflow).
ILLUSTRATIVE = {"Branch Strategy", "Collaboration Workflow", "Application Integration"}


@dataclass
class Block:
    heading: str
    lang: str
    code: str


def course_text() -> str:
    return VENDORED.read_text()


def blocks() -> List[Block]:
    """Every fenced block with the heading it sits under."""
    out: List[Block] = []
    heading = ""
    pattern = re.compile(r"(?m)^(#{2,4} [^\n]*)$|^```(\w+)\n(.*?)^```", re.S)
    for m in pattern.finditer(course_text()):
        if m.group(1):
            heading = m.group(1).lstrip("#").strip()
        else:
            out.append(Block(heading, m.group(2), m.group(3)))
    return out


def block(heading: str) -> Block:
    (found,) = [b for b in blocks() if b.heading == heading]
    return found
