"""Griffe extensions for the API reference (mkdocs.yml); they change what the site shows only.

- :class:`FacadeMethods`: ``CertificationBody`` reaches each use case's method through a typed
  descriptor (``admit = _Via("_path", CertificationPath.admit)``), so static analysis sees an
  attribute where a reader calls a method. Each such attribute is replaced with a copy of the use
  case's method (its signature and docstring): the reference shows ``CertificationBody.admit(...)``.
- :class:`SphinxRoles`: the docstrings name code with Sphinx roles (``:class:`~certflow.Actor```),
  which Markdown would print as they are; each becomes inline code (``Actor``).
"""

from __future__ import annotations

import re
from typing import Any

from griffe import (
    Attribute,
    Class,
    Docstring,
    Extension,
    Function,
    GriffeLoader,
    Module,
    Object,
)

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`(?P<tilde>~?)(?P<target>[^`]+)`")
_VIA = re.compile(r"^_Via\('(?P<part>\w+)', (?P<cls>\w+)\.(?P<method>\w+)\)$")
_FACADE = "application.body.CertificationBody"


class FacadeMethods(Extension):
    """Turn ``name = _Via(part, UseCase.name)`` attributes into the methods they delegate to."""

    def on_package(self, *, pkg: Module, loader: GriffeLoader, **kwargs: Any) -> None:
        """Rewrite the facade's members once the whole ``certflow`` package is loaded."""
        if pkg.name != "certflow":
            return
        body = pkg[_FACADE]
        if not isinstance(body, Class):
            raise TypeError(f"{_FACADE} is not a class")
        module = body.module
        for name, member in list(body.members.items()):
            if member.is_alias or not isinstance(member, Attribute):
                continue
            found = _VIA.match(str(member.value))
            if found is None:
                continue
            use_case = module[found["cls"]]
            target = use_case.final_target if use_case.is_alias else use_case
            method = target[found["method"]]
            if method.is_alias or not isinstance(method, Function):
                raise TypeError(f"{found['cls']}.{found['method']} is not a method")
            copy = Function(
                name,
                lineno=member.lineno,
                endlineno=member.endlineno,
                parameters=method.parameters,
                returns=method.returns,
                decorators=method.decorators,
            )
            if method.docstring is not None:
                copy.docstring = Docstring(
                    method.docstring.value,
                    lineno=method.docstring.lineno,
                    endlineno=method.docstring.endlineno,
                    parent=copy,
                    parser=method.docstring.parser,
                    parser_options=method.docstring.parser_options,
                )
            body.set_member(name, copy)


class SphinxRoles(Extension):
    """Turn ``:role:`target``` (and ``:role:`~a.b.target```) into inline code in every docstring."""

    def on_package(self, *, pkg: Module, loader: GriffeLoader, **kwargs: Any) -> None:
        """Rewrite the docstrings of the whole ``certflow`` package once it is loaded."""
        if pkg.name == "certflow":
            _rewrite(pkg)


def _code(found: re.Match[str]) -> str:
    target = found["target"]
    shown = target.rsplit(".", 1)[-1] if found["tilde"] else target
    return f"`{shown}`"


def _rewrite(obj: Object) -> None:
    if obj.docstring is not None:
        obj.docstring.value = _ROLE.sub(_code, obj.docstring.value)
    for member in obj.members.values():
        if not member.is_alias and isinstance(member, Object):
            _rewrite(member)
