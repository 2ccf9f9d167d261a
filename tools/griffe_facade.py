"""A griffe extension for the API reference: the facade's delegated methods, documented.

``CertificationBody`` reaches each use case's method through a typed descriptor
(``admit = _Via("_path", CertificationPath.admit)``), so static analysis sees an attribute where a
reader calls a method. This extension replaces each such attribute with a copy of the use case's
method (its signature and docstring), so the reference shows ``CertificationBody.admit(...)``.
It changes only what the documentation shows; the code is untouched.
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Attribute, Class, Docstring, Extension, Function, GriffeLoader, Module

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
