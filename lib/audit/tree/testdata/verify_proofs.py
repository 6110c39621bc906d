#!/usr/bin/env python3
"""Checks Verity's Merkle proofs, written from docs/merkle-tree.md alone (standard library only).

Reads {"inclusion": [...], "consistency": [...]} (hashes base64) on stdin; prints ok/FAIL per proof;
exits 1 if any proof fails.
"""
import base64, hashlib, json, sys


def sha256(data):
    return hashlib.sha256(data).digest()


def node(left, right):
    return sha256(b"\x01" + left + right)


def is_size(n):
    return isinstance(n, int) and not isinstance(n, bool) and n >= 0


def verify_inclusion(leaf, index, size, proof, root):
    if not (is_size(index) and is_size(size)) or index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node(p, r)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn // 2, sn // 2
        else:
            r = node(r, p)
        fn, sn = fn // 2, sn // 2
    return sn == 0 and r == root


def verify_consistency(old, new, old_root, new_root, proof):
    if not (is_size(old) and is_size(new)) or old > new:
        return False
    if old == new:
        return not proof and old_root == new_root
    if old == 0:
        return not proof and old_root == sha256(b"")
    if not proof:
        return False
    path = ([old_root] if old & (old - 1) == 0 else []) + proof
    fn, sn = old - 1, new - 1
    while fn % 2 == 1:
        fn, sn = fn // 2, sn // 2
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr, sr = node(c, fr), node(c, sr)
            while fn % 2 == 0 and fn != 0:
                fn, sn = fn // 2, sn // 2
        else:
            sr = node(sr, c)
        fn, sn = fn // 2, sn // 2
    return fr == old_root and sr == new_root and sn == 0


def hashes(values):
    decoded = [base64.b64decode(value, validate=True) for value in values]
    if any(len(h) != 32 for h in decoded):
        raise ValueError("a hash is not 32 bytes")
    return decoded


def check(kind, claim):
    try:
        if kind == "inclusion":
            leaf = sha256(b"\x00" + hashes([claim["chainHash"]])[0])
            [root] = hashes([claim["rootHash"]])
            return verify_inclusion(leaf, claim["index"], claim["size"], hashes(claim["proof"]), root)
        old_root, new_root = hashes([claim["oldRoot"], claim["newRoot"]])
        return verify_consistency(claim["oldSize"], claim["newSize"], old_root, new_root, hashes(claim["proof"]))
    except (KeyError, TypeError, ValueError):
        return False


claims = json.load(sys.stdin)
results = [check(kind, claim) for kind in ("inclusion", "consistency") for claim in claims.get(kind, [])]
print("\n".join("ok" if good else "FAIL" for good in results))
sys.exit(0 if all(results) else 1)
