"""bracketeer: parse, check, resolve, compare and render bracketed negotiating drafts.

The library's front door (``api``)::

    import bracketeer
    draft = bracketeer.load("draft.txt")
    plan = bracketeer.decide(draft, "accept", delegations=["US"])
    print(bracketeer.render(bracketeer.resolve(draft, plan).document).decode())
"""

__version__ = "0.1.0"

import sys as _sys
import types as _types

from .api import (
    CompareOptions,
    DiffOptions,
    Plan,
    RenderOptions,
    check,
    compare,
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
    "DiffOptions",
    "ParseError",
    "Plan",
    "Problem",
    "RenderOptions",
    "StillOpen",
    "__version__",
    "check",
    "compare",
    "decide",
    "decisions_file",
    "load",
    "registry",
    "render",
    "render_diff",
    "resolve",
    "status",
]


class _FrontDoor(_types.ModuleType):
    """Keeps the front door's functions in place: importing the subpackage ``bracketeer.render``
    (or ``resolve``, ``check``, ``status``) would otherwise bind the module over the function
    of the same name. The modules stay reachable through ``sys.modules`` and ``import``."""

    def __setattr__(self, name: str, value: object) -> None:
        if name in __all__ and isinstance(value, _types.ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _FrontDoor
