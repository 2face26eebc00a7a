"""bracketeer: parse, check, resolve, compare and render bracketed negotiating drafts.

The library's front door (``api``)::

    import bracketeer
    draft = bracketeer.load("draft.txt")
    plan = bracketeer.decide(draft, "accept", delegations=["US"])
    print(bracketeer.render(bracketeer.resolve(draft, plan).document).decode())
"""

__version__ = "0.1.0"

TYPE_CHECKING = False  # typing's own costs 17 ms at start; type checkers read this name alike
if TYPE_CHECKING:
    from .api import (
        CompareOptions,
        DiffOptions,
        Plan,
        RenderOptions,
        check,
        compare,
        compilation_bytes,
        compilation_docx,
        consolidate,
        decide,
        decisions_file,
        describe_check,
        describe_compilation,
        describe_faults,
        describe_history,
        describe_status,
        describe_tree,
        diff_renderable,
        history_page,
        history_tables,
        is_word,
        load,
        paragraph_count,
        parse_date,
        reading,
        refuse_guesses,
        registry,
        render,
        render_diff,
        report,
        resolve,
        status,
        status_tables,
        tree_outline,
        word_extension,
        write_back,
        write_into,
    )
    from .consolidation import ConsolidateOptions
    from .errors import BracketeerError, ParseError, Problem, StillOpen
    from .settings import Reading, colours_of, consolidate_defaults, reading_of

# Every name is imported when first asked for (PEP 562): importing the package runs nothing, so
# the ``bracketeer`` command can handle a Ctrl-C from its first instruction and start fast.
_HOMES = {
    "BracketeerError": "errors",
    "ParseError": "errors",
    "Problem": "errors",
    "StillOpen": "errors",
    "ConsolidateOptions": "consolidation",
    "Reading": "settings",
    "reading_of": "settings",
    "colours_of": "settings",
    "consolidate_defaults": "settings",
}


def __getattr__(name: str) -> object:
    if name in __all__ and name != "__version__":
        from importlib import import_module

        value = getattr(import_module(f".{_HOMES.get(name, 'api')}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BracketeerError",
    "CompareOptions",
    "ConsolidateOptions",
    "DiffOptions",
    "ParseError",
    "Plan",
    "Problem",
    "Reading",
    "RenderOptions",
    "StillOpen",
    "__version__",
    "check",
    "colours_of",
    "compare",
    "compilation_bytes",
    "compilation_docx",
    "consolidate",
    "consolidate_defaults",
    "decide",
    "decisions_file",
    "describe_check",
    "describe_compilation",
    "describe_faults",
    "describe_history",
    "describe_settings",
    "describe_status",
    "describe_tree",
    "diff_renderable",
    "git_versions",
    "history",
    "history_chart",
    "history_chart_png",
    "history_page",
    "history_tables",
    "is_word",
    "load",
    "paragraph_count",
    "parse_date",
    "reading",
    "reading_of",
    "refuse_guesses",
    "registry",
    "render",
    "render_diff",
    "report",
    "resolve",
    "settings_file",
    "status",
    "status_tables",
    "text_warnings",
    "tree_outline",
    "word_extension",
    "write_back",
    "write_into",
]
