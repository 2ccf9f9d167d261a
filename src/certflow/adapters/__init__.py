"""The edge: one module per backend or file format, each implementing an application port.

- :mod:`.sqlite`, :mod:`.postgres`: the chained event recorders, the subject store and the
  read-model store of each database, over the SQL they share in :mod:`.sql`;
- :mod:`.popo`: the in-memory store (``memory://``);
- :mod:`.spreadsheets`, :mod:`.keys`, :mod:`.tokens`, :mod:`.qr`, :mod:`.pdf`: intake files,
  signing keys, verification tokens and the printed certificate;
- :mod:`.profile_file`: the LSP profile (``certflow.toml``).

Only :mod:`certflow.bootstrap` chooses among them.
"""

from __future__ import annotations

__all__: list[str] = []
