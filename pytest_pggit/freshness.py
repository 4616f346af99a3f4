"""How new a project's migration files are, by git (uncommitted, else the time of the last
commit touching them) or, outside a git work tree, by modification time.

The gate's default base is "the step before the newest": Django's plan and an Alembic
history with a merge revision do not end with the newest files, so the providers and the
gate ask this module which steps are new (:func:`freshness`).
"""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Dict, List, Optional, Tuple

#: (2, mtime) uncommitted in git; (1, commit time) committed; (0, mtime) no git
Freshness = Tuple[int, float]


def freshness(paths: List[Path], rootdir: Path) -> Dict[Path, Freshness]:
    """How new each of ``paths`` (existing files) is; the larger, the newer."""
    def git(*args: str) -> Optional[str]:
        try:
            proc = subprocess.run(["git", "-C", str(rootdir), *args], capture_output=True, text=True,
                                  timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        return proc.stdout if proc.returncode == 0 else None

    paths = [p.resolve() for p in paths]
    top = git("rev-parse", "--show-toplevel")
    if top is None:
        return {p: (0, p.stat().st_mtime) for p in paths}
    root = Path(top.strip()).resolve()
    outside = [p for p in paths if root not in p.parents]   # (installed packages' files)
    paths = [p for p in paths if root in p.parents]
    if not paths:
        return {p: (0, p.stat().st_mtime) for p in outside}
    status = git("status", "--porcelain", "--untracked-files=all", "--", *map(str, paths)) or ""
    dirty = {(Path(top.strip()) / line[3:].strip().strip('"')).resolve() for line in status.splitlines()
             if len(line) > 3}
    # one log of the last commits touching them (a file none of them touched: older)
    last: Dict[Path, float] = {}
    log = git("log", "-n", "500", "--format=%x00%ct", "--name-only", "--", *map(str, paths)) or ""
    for entry in log.split("\0")[1:]:
        lines = entry.strip().splitlines()
        if not lines or not lines[0].isdigit():
            continue
        for name in lines[1:]:
            last.setdefault((Path(top.strip()) / name.strip().strip('"')).resolve(), float(lines[0]))
    out: Dict[Path, Freshness] = {p: (0, p.stat().st_mtime) for p in outside}
    out.update({p: (2, p.stat().st_mtime) if p in dirty else (1, last.get(p, 0.0)) for p in paths})
    return out


def edited(paths: List[Path], rootdir: Path) -> List[Path]:
    """Those of ``paths`` that git tracks and that differ from HEAD (edited after they were
    committed: staged or not); new, untracked and unchanged files are not.  Empty
    without git."""
    try:
        top = subprocess.run(["git", "-C", str(rootdir), "rev-parse", "--show-toplevel"],
                             capture_output=True, text=True, timeout=30)
        if top.returncode != 0 or not paths:
            return []
        root = Path(top.stdout.strip())
        proc = subprocess.run(["git", "-C", str(rootdir), "status", "--porcelain", "--", *map(str, paths)],
                              capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    if proc.returncode != 0:
        return []
    out = []
    for line in proc.stdout.splitlines():
        code, name = line[:2], line[3:].strip().strip('"')
        if "M" in code and "A" not in code and "?" not in code:
            out.append((root / name).resolve())
    return sorted(out)


__all__ = ["Freshness", "edited", "freshness"]
