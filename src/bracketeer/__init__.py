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
    ConsolidateOptions,
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
