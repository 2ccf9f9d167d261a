"""A Merkle tree over the event log, exactly as RFC 9162 §2.1 defines it (no I/O).

- ``leaf_hash(d) = SHA-256(0x00 || d)``, ``node_hash(l, r) = SHA-256(0x01 || l || r)``;
- the root of ``n > 1`` leaves splits them at ``k``, the largest power of two below ``n``;
- the root of no leaves is ``SHA-256()``.

:class:`Frontier` computes the root of a growing log in O(log n) memory (it keeps the roots of
the perfect subtrees the log decomposes into, largest first). Inclusion and consistency proofs
are built from the leaf hashes (RFC 9162 §2.1.3.1 and §2.1.4.1) and checked with the RFC's
verification algorithms (§2.1.3.2 and §2.1.4.2), which need only the proof and the roots.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

__all__ = [
    "EMPTY_ROOT",
    "Frontier",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root_of",
    "verify_consistency",
    "verify_inclusion",
]

EMPTY_ROOT = hashlib.sha256().digest()
"""The root of the empty tree."""


def leaf_hash(data: bytes) -> bytes:
    """The hash of one leaf."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """The hash of an interior node."""
    return hashlib.sha256(b"\x01" + left + right).digest()


class Frontier:
    """The root of a log that grows one leaf at a time, in O(log n) memory."""

    __slots__ = ("_nodes", "size")

    def __init__(self) -> None:
        self.size = 0
        self._nodes: list[tuple[int, bytes]] = []
        """(leaves below, hash) of each perfect subtree, largest first."""

    def append(self, data: bytes) -> None:
        """Add one leaf (its data, not yet hashed)."""
        self.append_hash(leaf_hash(data))

    def append_hash(self, hashed: bytes) -> None:
        """Add one leaf given its leaf hash."""
        nodes, width = self._nodes, 1
        while nodes and nodes[-1][0] == width:
            hashed = node_hash(nodes.pop()[1], hashed)
            width *= 2
        nodes.append((width, hashed))
        self.size += 1

    def state(self) -> bytes:
        """The subtree roots, concatenated (with :attr:`size`, all :meth:`restore` needs)."""
        return b"".join(hashed for _, hashed in self._nodes)

    @classmethod
    def restore(cls, size: int, state: bytes) -> Frontier:
        """The frontier of ``size`` leaves from its :meth:`state`."""
        widths = [1 << bit for bit in reversed(range(size.bit_length())) if size >> bit & 1]
        if len(state) != 32 * len(widths):
            raise ValueError(f"a frontier of {size} leaves holds {len(widths)} hashes")
        frontier = cls()
        frontier.size = size
        frontier._nodes = [(w, state[32 * i : 32 * i + 32]) for i, w in enumerate(widths)]
        return frontier

    def root(self) -> bytes:
        """The root of the leaves appended so far."""
        if not self._nodes:
            return EMPTY_ROOT
        result = self._nodes[-1][1]
        for _, hashed in reversed(self._nodes[:-1]):
            result = node_hash(hashed, result)
        return result


def root_of(leaves: Iterable[bytes]) -> bytes:
    """The root of a list of leaves (their data)."""
    frontier = Frontier()
    for data in leaves:
        frontier.append(data)
    return frontier.root()


def _split(n: int) -> int:
    """The largest power of two smaller than ``n`` (``n > 1``)."""
    return 1 << ((n - 1).bit_length() - 1)


def _mth(hashes: Sequence[bytes], start: int, end: int) -> bytes:
    frontier = Frontier()
    for index in range(start, end):
        frontier.append_hash(hashes[index])
    return frontier.root()


def inclusion_proof(hashes: Sequence[bytes], index: int, size: int | None = None) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of the first ``size`` leaf hashes."""
    n = len(hashes) if size is None else size
    if not 0 <= index < n <= len(hashes):
        raise ValueError(f"no leaf {index} in a tree of {n}")
    path: list[bytes] = []
    start, end = 0, n
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            path.append(_mth(hashes, start + k, end))
            end = start + k
        else:
            path.append(_mth(hashes, start, start + k))
            start += k
    path.reverse()
    return path


def consistency_proof(hashes: Sequence[bytes], old: int, new: int | None = None) -> list[bytes]:
    """The proof that the first ``old`` leaves are a prefix of the first ``new`` (§2.1.4.1)."""
    n = len(hashes) if new is None else new
    if not 0 <= old <= n <= len(hashes):
        raise ValueError(f"no consistency proof from {old} to {n}")
    if old in (0, n):
        return []
    proof: list[bytes] = []
    start, end, complete = 0, n, True
    m = old
    while m != end - start:
        k = _split(end - start)
        if m <= k:
            proof.append(_mth(hashes, start + k, end))
            end = start + k
        else:
            proof.append(_mth(hashes, start, start + k))
            start += k
            m -= k
            complete = False
    if not complete:
        proof.append(_mth(hashes, start, end))
    proof.reverse()
    return proof


def verify_inclusion(
    hashed: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """Whether ``proof`` shows the leaf hash ``hashed`` at ``index`` under ``root`` (§2.1.3.2)."""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, hashed
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == root


def verify_consistency(
    old: int, new: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """Whether ``proof`` shows the ``old``-leaf tree is a prefix of the ``new``-leaf one.

    RFC 9162 §2.1.4.2; ``old_root`` and ``new_root`` are the two trees' roots.
    """
    if old < 0 or new < old:
        return False
    if old == new:
        return not proof and old_root == new_root
    if old == 0:
        return not proof
    if not proof:
        return False
    path = list(proof)
    if old & (old - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            if not fn & 1:
                while fn & 1 == 0 and fn != 0:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == old_root and sr == new_root and sn == 0
