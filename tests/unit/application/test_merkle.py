"""The Merkle tree against the published RFC 6962 / RFC 9162 test vectors, and by property.

The vectors (8 leaves, roots of sizes 1 to 8, inclusion and consistency proofs) are the ones
Certificate Transparency implementations share; they are quoted from google/trillian
``merkle/log_verifier_test.go`` (Apache-2.0), which took them from the C++ certificate-transparency
``merkle_tree_test.cc``. Trillian's inclusion vectors number leaves from 1; here they are 0-based.
"""

from __future__ import annotations

import hashlib
from uuid import UUID

from eventsourcing.persistence import Notification
from hypothesis import given
from hypothesis import strategies as st

from certflow.application.chain import record_hash
from certflow.application.checkpoints import _Hasher
from certflow.application.merkle import (
    EMPTY_ROOT,
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    root_of,
    verify_consistency,
    verify_inclusion,
)

LEAVES = [
    bytes.fromhex(h)
    for h in (
        "",
        "00",
        "10",
        "2021",
        "3031",
        "40414243",
        "5051525354555657",
        "606162636465666768696a6b6c6d6e6f",
    )
]
ROOTS = [
    bytes.fromhex(h)
    for h in (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
        "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
        "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
        "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
        "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
        "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
        "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
    )
]
# (0-based leaf index, tree size, audit path)
INCLUSION = [
    (
        0,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        5,
        8,
        [
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (
        1,
        5,
        [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
# (old size, new size, proof)
CONSISTENCY = [
    (1, 1, []),
    (
        1,
        8,
        [
            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
        ],
    ),
    (
        6,
        8,
        [
            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
        ],
    ),
    (
        2,
        5,
        [
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
        ],
    ),
]
HASHES = [leaf_hash(d) for d in LEAVES]


def test_the_empty_tree_is_the_hash_of_nothing() -> None:
    assert EMPTY_ROOT == hashlib.sha256(b"").digest() == root_of([])


def test_roots_match_the_published_vectors() -> None:
    frontier = Frontier()
    for n, leaf in enumerate(LEAVES, start=1):
        frontier.append(leaf)
        assert frontier.root() == ROOTS[n - 1] == root_of(LEAVES[:n])


def test_inclusion_proofs_match_and_verify() -> None:
    for index, size, path in INCLUSION:
        proof = [bytes.fromhex(h) for h in path]
        assert inclusion_proof(HASHES, index, size) == proof
        assert verify_inclusion(HASHES[index], index, size, proof, ROOTS[size - 1])
        assert not verify_inclusion(HASHES[index], index ^ 1, size, proof, ROOTS[size - 1])
        assert not verify_inclusion(leaf_hash(b"wrong"), index, size, proof, ROOTS[size - 1])
        assert not verify_inclusion(HASHES[index], index, size, [*proof, proof[0]], ROOTS[size - 1])


def test_consistency_proofs_match_and_verify() -> None:
    for old, new, path in CONSISTENCY:
        proof = [bytes.fromhex(h) for h in path]
        assert consistency_proof(HASHES, old, new) == proof
        assert verify_consistency(old, new, ROOTS[old - 1], ROOTS[new - 1], proof)
        if proof:
            assert not verify_consistency(old, new, ROOTS[old - 1], EMPTY_ROOT, proof)
            assert not verify_consistency(old, new, EMPTY_ROOT, ROOTS[new - 1], proof)
            assert not verify_consistency(old, new, ROOTS[old - 1], ROOTS[new - 1], proof[:-1])


def test_the_3_to_8_proof_of_other_implementations() -> None:
    proof = consistency_proof(HASHES, 3, 8)
    assert [p.hex()[:8] for p in proof] == ["0298d122", "07506a85", "fac54203", "6b47aaf2"]
    assert verify_consistency(3, 8, ROOTS[2], ROOTS[7], proof)


leaves = st.lists(st.binary(max_size=8), min_size=1, max_size=70)


@given(leaves, st.data())
def test_inclusion_proofs_verify_and_a_changed_leaf_fails(
    data: list[bytes], draw: st.DataObject
) -> None:
    hashes = [leaf_hash(d) for d in data]
    size = draw.draw(st.integers(1, len(data)))
    index = draw.draw(st.integers(0, size - 1))
    root = root_of(data[:size])
    proof = inclusion_proof(hashes, index, size)
    assert verify_inclusion(hashes[index], index, size, proof, root)
    assert not verify_inclusion(leaf_hash(data[index] + b"!"), index, size, proof, root)


@given(leaves, st.data())
def test_consistency_proofs_verify_and_a_changed_leaf_fails(
    data: list[bytes], draw: st.DataObject
) -> None:
    hashes = [leaf_hash(d) for d in data]
    new = draw.draw(st.integers(1, len(data)))
    old = draw.draw(st.integers(1, new))
    old_root, new_root = root_of(data[:old]), root_of(data[:new])
    proof = consistency_proof(hashes, old, new)
    assert verify_consistency(old, new, old_root, new_root, proof)
    changed = draw.draw(st.integers(0, old - 1))
    forged = [*data[:changed], data[changed] + b"!", *data[changed + 1 : old]]
    assert not verify_consistency(old, new, root_of(forged), new_root, proof)


@given(st.uuids(), st.integers(1, 10**12), st.text(max_size=40), st.binary(max_size=300))
def test_the_fast_record_hash_is_the_chains(
    oid: UUID, version: int, topic: str, state: bytes
) -> None:
    event = Notification(
        id=1, originator_id=oid, originator_version=version, topic=topic, state=state
    )
    hasher = _Hasher()
    assert hasher.record(event) == record_hash(oid, version, topic, state)
    assert hasher.record(event) == record_hash(oid, version, topic, state)  # cached parts
