"""Reading a plain-text draft: bytes → text → lines and notes → our tree.

The text is read into lines and notes by the fast reader (``brackets.py`` and ``lines.py``:
Lark's LALR parser over the brackets, then draft.lark's terminals over the text between them),
or by the reference reader (``reference.py``: the whole grammar, token by token); the lines are
then grouped into titles, headings, notes, paragraphs, sub-items and alternatives by
``structure.group``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..ast import Bracket, Document, Inline, Line, Note, Span, Tag, Text
from ..delegations import Registry
from ..errors import InputError, ParseError, Problem
from ..pause import no_cyclic_gc
from ..structure import group
from .options import ReadOptions

_DEFAULT = ReadOptions()

# ------------------------------------------------------------------------------- decoding

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# codecs whose byte order (or byte-order mark) is decided by the mark itself: the draft keeps
# its own mark apart from the text, and the codec it is written back with is the one without
_MARKED = {"utf-8-sig": "utf-8", "utf-16": None, "utf-32": None}


def decode(data: bytes, source: str, encoding: str | None = None) -> tuple[str, str, str]:
    """``(text, encoding, bom)`` for the bytes of a draft; the BOM is kept apart from the text."""
    bom = ""
    body = data
    enc = "utf-8"
    if encoding is not None:
        encoding = _plain_codec(encoding, data, source)
    for mark, name in _BOMS:
        if data.startswith(mark):
            if encoding is None or _same_codec(encoding, name):
                bom, body, enc = "\ufeff", data[len(mark) :], name
            break
    if encoding is not None and not bom:
        enc = encoding
    try:
        text = body.decode(enc)
    except LookupError as e:
        raise InputError(f"unknown encoding {encoding!r}", source=source) from e
    except UnicodeDecodeError as e:
        line = body.count(b"\n", 0, e.start) + 1
        line_start = body.rfind(b"\n", 0, e.start) + 1
        column = len(body[line_start : e.start].decode(enc, errors="replace")) + 1
        hint = " (use --encoding to name the file's encoding)" if encoding is None else ""
        raise InputError(
            f"cannot decode byte 0x{body[e.start]:02x} as {enc}{hint}",
            source=source,
            problems=(Problem(line, column, f"cannot decode byte 0x{body[e.start]:02x} as {enc}{hint}"),),
        ) from e
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        column = nul - (text.rfind("\n", 0, nul) + 1) + 1
        guess = _utf16_guess(body)
        what = (
            f"looks like {guess} without a byte-order mark: use --encoding {guess.lower()}"
            if guess
            else ("not a text file: NUL byte (is this a .docx or a PDF?)")
        )
        raise InputError("not a text file", source=source, problems=(Problem(line, column, what),))
    return text, enc, bom


def _plain_codec(encoding: str, data: bytes, source: str) -> str:
    """The codec to read with for ``--encoding``: one that neither adds nor needs a byte-order
    mark (the draft keeps its own). A UTF-16 or UTF-32 file without a mark is an error that asks
    for the byte order, never a guess."""
    import codecs

    try:
        name = codecs.lookup(encoding).name
    except LookupError as e:
        raise InputError(f"unknown encoding {encoding!r}", source=source) from e
    if name not in _MARKED:
        return encoding
    if name == "utf-8-sig":
        return "utf-8"
    for mark, marked in _BOMS:
        if data.startswith(mark) and marked.startswith(name):
            return marked
    raise InputError(
        f"{name.upper()} without a byte-order mark: name the byte order, "
        f"--encoding {name}-le or --encoding {name}-be",
        source=source,
    )


def _utf16_guess(body: bytes) -> str | None:
    """ "UTF-16-LE" or "UTF-16-BE" when the bytes look like UTF-16 text without a mark."""
    sample = body[:4000]
    if len(sample) < 4:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    if odd > 0.4 * len(sample) / 2 and even == 0:
        return "UTF-16-LE"
    if even > 0.4 * len(sample) / 2 and odd == 0:
        return "UTF-16-BE"
    return None


def _same_codec(a: str, b: str) -> bool:
    import codecs

    try:
        name = codecs.lookup(a).name
    except LookupError:
        return False
    return name == codecs.lookup(b).name or (name == "utf-16" and b.startswith("utf-16"))


# ------------------------------------------------------------------------------- building


def parse_text(
    text: str,
    *,
    source: str = "<draft>",
    registry: Registry | None = None,
    bom: str = "",
    encoding: str = "utf-8",
    reference: bool = False,
    line_per_paragraph: bool = False,
    options: ReadOptions = _DEFAULT,
) -> Document:
    """Parse a decoded draft. Raises ``ParseError`` listing every bracket fault it finds (unless
    ``options.recover``; the reading choices are ``ReadOptions``'s).

    ``line_per_paragraph``: each line is a paragraph of its own, as if a blank line followed it
    (the text a Word document is read as, one line per Word paragraph, so that positions name
    the paragraph); the blank lines are zero-width and print as nothing.

    ``reference`` runs the whole grammar token by token (``reference.py``) instead of the fast
    reader (``lines.py``); both give the same tree, and the tests hold them to it.
    """
    if options.recover:
        from dataclasses import replace
        from functools import partial

        strict = partial(
            parse_text,
            source=source,
            registry=registry,
            bom=bom,
            encoding=encoding,
            reference=reference,
            line_per_paragraph=line_per_paragraph,
            options=replace(options, recover=False),
        )
        try:
            return strict(text)
        except ParseError as e:
            return _recovered(text, e, strict, registry or Registry.builtin())
    from lark.exceptions import UnexpectedInput

    from .brackets import MAX_DEPTH, TooDeep
    from .context import settle
    from .lines import read_lines
    from .parenthesised import read_parenthesised
    from .proposed_by import read_proposed_by
    from .reference import parse_reference
    from .remarks import read_remarks

    registry = registry or Registry.builtin()
    newline = "\r\n" if "\r\n" in text[:10000] else "\n"
    with no_cyclic_gc():  # the grouping too: it allocates as much as the reading
        try:
            items = parse_reference(text, registry) if reference else read_lines(text, registry)
        except TooDeep as e:
            line = text.count("\n", 0, e.offset) + 1
            column = e.offset - (text.rfind("\n", 0, e.offset) + 1) + 1
            message = f"brackets nest more than {MAX_DEPTH} deep here (the most bracketeer reads)"
            # brackets left open look deep too: say so when that is what it is
            problems = bracket_problems(text) or (Problem(line, column, message),)
            raise ParseError(message, source=source, problems=problems, text=text) from None
        except UnexpectedInput as e:
            problems = bracket_problems(text) or (
                Problem(getattr(e, "line", 1), getattr(e, "column", 1), "cannot parse here"),
            )
            raise ParseError(
                "the draft's brackets do not balance", source=source, problems=problems, text=text
            ) from None
        items = read_remarks(settle(items), registry)
        if line_per_paragraph:
            items = _spaced(items)
        items = read_parenthesised(items, registry, options.proposals)
        blocks = read_proposed_by(group(items, options.unwrap), options.proposals)
        return Document(blocks, bom, encoding, newline, source)


def _spaced(items: list[Line | Note]) -> list[Line | Note]:
    out: list[Line | Note] = []
    for item in items:
        out.append(item)
        end = item.span
        here = Span(
            end.end_line, end.end_column, end.end_offset, end.end_line, end.end_column, end.end_offset
        )
        out.append(Line("", None, (), "", here))
    return out


# what a bracket that does not balance is read as while parsing: a character of the Unicode
# private use area, ordinary text to the grammar, put back once the tree is built
_STAND_IN = {"[": "\ue000", "]": "\ue001", "［": "\ue002", "］": "\ue003"}
_PUT_BACK = str.maketrans({v: k for k, v in _STAND_IN.items()})


def _recovered(
    text: str, error: ParseError, strict: Callable[[str], Document], registry: Registry
) -> Document:
    """The draft with every bracket that does not balance listed: a ``]`` with no ``[`` open
    stays text, and a ``[`` never closed opens a bracket that ends with its line, with no
    ``]`` (``close`` empty: the error in the tree); a ``[`` left open inside another bracket
    stays text."""
    from dataclasses import replace

    from ..ast import Fault

    faults = bracket_problems(text)
    if not faults or any(ch in text for ch in _STAND_IN.values()):
        raise error
    starts = [0, *(i + 1 for i, ch in enumerate(text) if ch == "\n")]
    chars = list(text)
    found: list[Fault] = []
    for p in faults:
        at = starts[p.line - 1] + p.column - 1
        chars[at] = _STAND_IN[chars[at]]
        found.append(Fault(p.message, Span(p.line, p.column, at, p.line, p.column + 1, at + 1)))
    try:
        doc = strict("".join(chars))
    except ParseError:
        raise error from None
    blocks = tuple(_put_back(_to_paragraph_end(_left_open(b, registry), text, starts)) for b in doc.blocks)
    return replace(doc, blocks=blocks, faults=tuple(found))


def _to_paragraph_end(node: Any, text: str, starts: list[int]) -> Any:
    """A bracket left open (by ``_left_open``) runs on to the end of its paragraph: the lines of
    the paragraph after it become the rest of its words (a labelled line, a sub-item, starts a
    paragraph of its own and ends it)."""
    from bisect import bisect_right
    from dataclasses import replace

    from ..ast import Paragraph

    if not isinstance(node, Paragraph):
        return node

    def span(a: int, z: int) -> Span:
        la, lz = bisect_right(starts, a), bisect_right(starts, z)
        return Span(la, a - starts[la - 1] + 1, a, lz, z - starts[lz - 1] + 1, z)

    lines = list(node.lines)
    for i, line in enumerate(lines[:-1]):
        last = line.content[-1] if line.content else None
        if not (isinstance(last, Bracket) and not last.close and last.open in ("[", "［")):
            continue
        more_words: list[Inline] = []
        glue = line.span.end_offset - len(line.eol)
        for more in lines[i + 1 :]:
            first = more.content[0].span.offset if more.content else more.span.end_offset - len(more.eol)
            more_words.append(Text(text[glue:first], span(glue, first)))
            more_words.extend(more.content)
            glue = more.span.end_offset - len(more.eol)
        end = lines[-1]
        bracket = _run_on(last, more_words, span(glue, glue))
        merged = replace(
            line, content=(*line.content[:-1], bracket), eol=end.eol, span=line.span.cover(end.span)
        )
        return replace(node, lines=(*lines[:i], merged))
    return node


def _tag_after(text: str, registry: Registry, at: Span) -> tuple[Tag | None, str]:
    """The tag at the start of ``text`` (written at ``at``, on one line), and the rest."""
    from .terminals import terminals

    m = terminals()["TAG"].match(text)
    if m is None:
        return None, text
    where = Span(at.line, at.column, at.offset, at.line, at.column + m.end(), at.offset + m.end())
    return Tag(m.group(), registry.sponsors(m.group()), where), text[m.end() :]


def _run_on(b: Bracket, words: list[Inline], end: Span) -> Bracket:
    """``b``, a bracket left open, with ``words`` added at its end, inside the innermost bracket
    left open in it (where the words were when the draft was written)."""
    from dataclasses import replace

    last = b.body[-1] if b.body else None
    if isinstance(last, Bracket) and not last.close and last.open in ("[", "［"):
        body: tuple[Inline, ...] = (*b.body[:-1], _run_on(last, words, end))
    else:
        body = (*b.body, *words)
    return replace(b, body=body, span=b.span.cover(end))


def _left_open(node: Any, registry: Registry) -> Any:
    """``node`` with each ``[`` never closed (a stand-in in a line's own text) made a bracket
    running to the end of its line."""
    from dataclasses import fields, is_dataclass, replace

    if isinstance(node, Line):
        content = _open_to_end(node.content, registry)
        return node if content is node.content else replace(node, content=content)
    if isinstance(node, tuple) and not isinstance(node, Span):
        return tuple(_left_open(x, registry) for x in node)
    if is_dataclass(node) and not isinstance(node, type) and not isinstance(node, Bracket):
        changes = {f.name: _left_open(getattr(node, f.name), registry) for f in fields(node)}
        changes = {k: v for k, v in changes.items() if v is not getattr(node, k)}
        return replace(node, **changes) if changes else node
    return node


def _open_to_end(content: tuple[Inline, ...], registry: Registry, depth: int = 0) -> tuple[Inline, ...]:
    from .brackets import MAX_DEPTH

    if depth >= MAX_DEPTH:
        return content  # deeper brackets left open stay text (and are listed): no pass could go so deep

    for i, n in enumerate(content):
        if not isinstance(n, Text):
            continue
        k = next((j for j, ch in enumerate(n.text) if ch in ("\ue000", "\ue002")), -1)
        if k < 0 or "\n" in n.text[:k]:
            continue
        at = n.span.offset + k
        col = n.span.column + k

        def span(a: int, z: int, where: Span = n.span) -> Span:
            """A span on this text's line (it holds no line break before the bracket)."""
            return Span(
                where.line,
                where.column + (a - where.offset),
                a,
                where.line,
                where.column + (z - where.offset),
                z,
            )

        tag, after = _tag_after(n.text[k + 1 :], registry, span(at + 1, at + 1))
        first_body = at + 1 + (len(tag.text) if tag else 0)
        body: tuple[Inline, ...] = (Text(after, span(first_body, first_body + len(after))),) if after else ()
        # a "[" left open inside this one opens a bracket of its own, nested in it
        body = _open_to_end(body + content[i + 1 :], registry, depth + 1)
        end = body[-1].span if body else span(first_body, first_body)
        opener = "[" if n.text[k] == "\ue000" else "［"
        bracket = Bracket(
            opener,
            tag,
            body,
            "",
            "",  # never closed: the fault, kept in the tree
            "",
            "proposal" if tag is not None else "plain",
            tag.sponsors if tag is not None else (),
            Span(n.span.line, col, at, end.end_line, end.end_column, end.end_offset),
        )
        before = (Text(n.text[:k], span(n.span.offset, at)),) if k else ()
        return (*content[:i], *before, bracket)
    return content


def _put_back(node: Any) -> Any:
    """``node`` with the stand-ins in its text turned back into the brackets they stand for."""
    from dataclasses import fields, is_dataclass, replace

    if isinstance(node, str):
        return node.translate(_PUT_BACK)
    if isinstance(node, tuple) and not isinstance(node, Span):
        return tuple(_put_back(x) for x in node)
    if is_dataclass(node) and not isinstance(node, type):
        changes = {}
        for f in fields(node):
            value = getattr(node, f.name)
            new = _put_back(value)
            if new is not value and new != value:
                changes[f.name] = new
        return replace(node, **changes) if changes else node
    return node


def read_bytes(
    data: bytes,
    *,
    source: str = "<draft>",
    registry: Registry | None = None,
    encoding: str | None = None,
    options: ReadOptions = _DEFAULT,
) -> Document:
    text, enc, bom = decode(data, source, encoding)
    return parse_text(text, source=source, registry=registry, bom=bom, encoding=enc, options=options)


_OPENERS = "[［"
_CLOSERS = "]］"


def bracket_problems(text: str) -> tuple[Problem, ...]:
    """Every unmatched ``]`` and every ``[`` left open, in source order.

    Used to explain a failed parse: the grammar says *that* the brackets do not balance, this
    says *where*, all at once. A forgotten ``]`` in one paragraph and a stray ``]`` in a later
    one would balance each other in a count over the whole text, so brackets are counted
    paragraph by paragraph (a blank line ends one) first; only when that finds nothing (a
    proposal that really spans paragraphs) is the whole text counted as one.
    """
    found = _scan(text, per_paragraph=True) or _scan(text, per_paragraph=False)
    return tuple(sorted(found, key=lambda p: (p.line, p.column)))


def paragraph_bracket_problems(text: str) -> list[Problem]:
    """The brackets that do not balance within their own paragraph (a blank line ends one),
    though the draft may balance as a whole."""
    return _scan(text, per_paragraph=True)


def _scan(text: str, per_paragraph: bool) -> list[Problem]:
    stack: list[tuple[int, int]] = []
    found: list[Problem] = []
    line, col = 1, 0
    line_blank = True
    for ch in text:
        if ch == "\n":
            if per_paragraph and line_blank:
                found.extend(Problem(ln, c, 'unclosed "[" opened here') for ln, c in stack)
                stack.clear()
            line, col, line_blank = line + 1, 0, True
            continue
        col += 1
        if ch not in " \t\r\u00a0":
            line_blank = False
        if ch in _OPENERS:
            stack.append((line, col))
        elif ch in _CLOSERS:
            if stack:
                stack.pop()
            else:
                found.append(Problem(line, col, f'unmatched "{ch}": no "[" is open here'))
    found.extend(Problem(ln, c, 'unclosed "[" opened here') for ln, c in stack)
    return found
