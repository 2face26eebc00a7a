"""Reading drafts from files or stdin and writing results atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .ast import Document
from .errors import InputError, UsageError


def read_source(path: str, encoding: str | None = None) -> tuple[bytes, str]:
    """The bytes of ``path`` (``-`` is standard input) and the name to use in messages."""
    if path == "-":
        return sys.stdin.buffer.read(), "<stdin>"
    try:
        return Path(path).read_bytes(), path
    except IsADirectoryError as e:
        raise InputError("is a directory, not a draft", source=path) from e
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=path) from e


def encode(document: Document, text: str) -> bytes:
    """``text`` in the encoding and with the byte-order mark the draft came with."""
    return (document.bom + text).encode(document.encoding)


def same_file(a: str, b: str) -> bool:
    if a == "-" or b == "-":
        return False
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror}", source=path) from e
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {e.strerror}", source=path) from e


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(data: bytes, output: str | None, inputs: list[str], in_place: bool = False) -> None:
    """Send ``data`` to ``output`` (a file, written atomically) or to standard output.

    Refuses to overwrite one of the inputs unless ``in_place``.
    """
    if output is None or output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    if not in_place and any(same_file(output, i) for i in inputs):
        raise UsageError(
            f"refusing to overwrite the input {output}; use --in-place to replace it", source=output
        )
    write_atomic(output, data)
