"""Reading drafts from files or stdin and writing results atomically."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from .ast import Document
from .errors import InputError, UsageError


def read_source(path: str) -> tuple[bytes, str]:
    """The bytes of ``path`` (``-`` is standard input) and the name to use in messages."""
    if path == "-":
        if sys.stdin is None:
            raise InputError("standard input is closed", source="<stdin>")
        try:
            return sys.stdin.buffer.read(), "<stdin>"
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror}", source="<stdin>") from e
    try:
        return Path(path).read_bytes(), path
    except IsADirectoryError as e:
        raise InputError("is a directory, not a draft", source=path) from e
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", source=path) from e


def encode(document: Document, text: str) -> bytes:
    """``text`` in the encoding and with the byte-order mark the draft came with."""
    return (document.bom + text).encode(document.encoding)


def same_file(source: str, output: str) -> bool:
    """Whether writing ``output`` would overwrite the input ``source`` (``-``: whatever
    standard input is reading, as ``sort -o`` checks)."""
    try:
        target = os.stat(output)
    except OSError:
        return False
    if source == "-":
        stdin = sys.stdin
        try:
            st = os.fstat(stdin.fileno()) if stdin is not None else None
        except (OSError, ValueError):
            return False
        return (
            st is not None
            and stat.S_ISREG(st.st_mode)
            and (st.st_dev, st.st_ino) == (target.st_dev, target.st_ino)
        )
    try:
        return os.path.samefile(source, output)
    except OSError:
        return False


# what is written: bytes, or bytes in pieces as they are made (a large JSON is never held whole)
Data = bytes | Iterable[bytes]


def _pieces(data: Data) -> Iterable[bytes]:
    return (data,) if isinstance(data, bytes) else data


def _write_through(target: Path, path: str, data: Data, on_commit: Callable[[], None] | None) -> None:
    """Write to what is not a regular file (a device, a FIFO) as a shell's ``>`` would."""
    try:
        with open(target, "wb") as f:
            for piece in _pieces(data):
                f.write(piece)
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror}", source=path) from e
    if on_commit is not None:
        on_commit()


def write_atomic(path: str, data: Data, on_commit: Callable[[], None] | None = None) -> None:
    """Write ``data`` to the file ``path`` names: through a temporary file in the same folder
    and a rename, so that no reader ever sees half of it. A symbolic link is followed to the file
    it names (the link stays a link); anything that is not a regular file (a device such as
    /dev/null, a FIFO) is written through, as a shell's ``>`` would. ``on_commit`` is called as
    soon as the new content is in place."""
    target = Path(os.path.realpath(path))
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror}", source=path) from e
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise InputError("is a directory", source=path)
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_through(target, path, data, on_commit)
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise InputError(f"cannot write: {e.strerror}", source=path) from e
    try:
        with os.fdopen(fd, "wb") as f:
            for piece in _pieces(data):
                f.write(piece)
        os.chmod(tmp, st.st_mode & 0o7777 if st is not None else 0o666 & ~_umask())
        os.replace(tmp, target)  # the commit point: before it the old file, after it the new
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write: {e.strerror}", source=path) from e
    except BaseException:  # interrupted: leave no temporary file behind
        Path(tmp).unlink(missing_ok=True)
        raise
    if on_commit is not None:
        on_commit()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_output(
    data: Data,
    output: str | None,
    inputs: list[str],
    in_place: bool = False,
    on_commit: Callable[[], None] | None = None,
) -> None:
    """Send ``data`` to ``output`` (a file, written atomically) or to standard output.

    Refuses to overwrite any of the files the command read (``inputs``: the draft, a decisions
    or delegations file, a reference document) unless ``in_place`` and the output is the draft.
    """
    if output is None or output == "-":
        _to_stdout(data)
        return
    for i, source in enumerate(inputs):
        if (i > 0 or not in_place) and same_file(source, output):
            what = "the input" if i == 0 else "an input"
            advice = "; use --in-place to replace it" if i == 0 else ""
            raise UsageError(f"refusing to overwrite {what} {source}{advice}", source=output)
    write_atomic(output, data, on_commit)


def _to_stdout(data: Data) -> None:
    stdout = sys.stdout
    if stdout is None:
        raise InputError("standard output is closed; name a file with -o FILE")
    try:
        # a pipe whose reader went away takes part of a large write and reports no error: write
        # the rest until it is all out or the closed pipe says so (BrokenPipeError)
        for piece in _pieces(data):
            rest = memoryview(piece)
            while rest:
                rest = rest[stdout.buffer.write(rest) :]
        stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as e:
        raise InputError(f"cannot write to standard output: {e.strerror}") from e
