"""bracketeer: parse, check, resolve, compare and render bracketed negotiating drafts.

The library's front door (``api``)::

    import bracketeer
    draft = bracketeer.load("draft.txt")
    plan = bracketeer.decide(draft, "accept", delegations=["US"])
    print(bracketeer.render(bracketeer.resolve(draft, plan).document).decode())
"""

__version__ = "0.1.0"


from .api import (
    CompareOptions,
    DiffOptions,
    Plan,
    RenderOptions,
    check,
    compare,
    consolidate,
    decide,
    decisions_file,
    load,
    registry,
    render,
    render_diff,
    resolve,
    status,
)
from .errors import BracketeerError, ParseError, Problem, StillOpen


def __getattr__(name: str) -> object:
    # imported when asked for, so that ``bracketeer --help`` starts fast
    if name == "ConsolidateOptions":
        from .consolidation import ConsolidateOptions

        return ConsolidateOptions
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BracketeerError",
    "CompareOptions",
    "ConsolidateOptions",
    "DiffOptions",
    "ParseError",
    "Plan",
    "Problem",
    "RenderOptions",
    "StillOpen",
    "__version__",
    "check",
    "compare",
    "consolidate",
    "decide",
    "decisions_file",
    "load",
    "registry",
    "render",
    "render_diff",
    "resolve",
    "status",
]
