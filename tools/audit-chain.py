#!/usr/bin/env python3
"""Audit a dcp ledger from the outside, with no dcp code.

Written from ARCHITECTURE.md ("The ledger: exact formats") and API.md ("Ledger") only.
Python 3 standard library only: RFC 8785 canonical JSON, RFC 6962 Merkle trees,
RFC 9162 inclusion-proof checking and RFC 8032 Ed25519 verification are implemented here.

    python3 tools/audit-chain.py --url http://localhost:8080 --key API_KEY
    python3 tools/audit-chain.py --url ... --key ... --proof TXID [--proof TXID2 ...]
    python3 tools/audit-chain.py --url ... --key ... --self-test

Prints one line per failed check and a summary line; exits 0 only when everything holds
(1: problems found, 2: the chain could not be fetched or bad usage).
"""

import argparse
import copy
import hashlib
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

# ---------------------------------------------------------------------------------------
# Ed25519 verification (RFC 8032, section 5.1.7; after the section 6 reference code)
# ---------------------------------------------------------------------------------------

_P = 2 ** 255 - 19
_L = 2 ** 252 + 27742317777372353535851937790883648493   # group order
_D = -121665 * pow(121666, _P - 2, _P) % _P
_SQRT_M1 = pow(2, (_P - 1) // 4, _P)


def _pt_add(P, Q):
    # extended homogeneous coordinates (X, Y, Z, T), x = X/Z, y = Y/Z, x*y = T/Z
    A = (P[1] - P[0]) * (Q[1] - Q[0]) % _P
    B = (P[1] + P[0]) * (Q[1] + Q[0]) % _P
    C = 2 * P[3] * Q[3] * _D % _P
    D = 2 * P[2] * Q[2] % _P
    E, F, G, H = B - A, D - C, D + C, B + A
    return (E * F % _P, G * H % _P, F * G % _P, E * H % _P)


def _pt_mul(s, P):
    Q = (0, 1, 1, 0)  # neutral element
    while s > 0:
        if s & 1:
            Q = _pt_add(Q, P)
        P = _pt_add(P, P)
        s >>= 1
    return Q


def _pt_equal(P, Q):
    # x1/z1 == x2/z2  <==>  x1*z2 == x2*z1
    if (P[0] * Q[2] - Q[0] * P[2]) % _P != 0:
        return False
    return (P[1] * Q[2] - Q[1] * P[2]) % _P == 0


def _recover_x(y, sign):
    if y >= _P:
        return None
    x2 = (y * y - 1) * pow(_D * y * y + 1, _P - 2, _P)
    if x2 % _P == 0:
        return None if sign else 0
    x = pow(x2, (_P + 3) // 8, _P)
    if (x * x - x2) % _P != 0:
        x = x * _SQRT_M1 % _P
    if (x * x - x2) % _P != 0:
        return None
    if (x & 1) != sign:
        x = _P - x
    return x


def _decompress(b):
    if len(b) != 32:
        return None
    y = int.from_bytes(b, "little")
    sign = y >> 255
    y &= (1 << 255) - 1
    x = _recover_x(y, sign)
    if x is None:
        return None
    return (x, y, 1, x * y % _P)


_G_Y = 4 * pow(5, _P - 2, _P) % _P
_G = (_recover_x(_G_Y, 0), _G_Y, 1, _recover_x(_G_Y, 0) * _G_Y % _P)


def ed25519_verify(public, msg, signature):
    """True iff `signature` (64 bytes) is a valid RFC 8032 Ed25519 signature of `msg` by `public` (32 bytes)."""
    if len(public) != 32 or len(signature) != 64:
        return False
    A = _decompress(public)
    if A is None:
        return False
    R = _decompress(signature[:32])
    if R is None:
        return False
    s = int.from_bytes(signature[32:], "little")
    if s >= _L:
        return False
    h = int.from_bytes(hashlib.sha512(signature[:32] + public + msg).digest(), "little") % _L
    return _pt_equal(_pt_mul(s, _G), _pt_add(R, _pt_mul(h, A)))


# RFC 8032 section 7.1, tests 1-3 (known answers; checked by --self-test)
_RFC8032_VECTORS = [
    ("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
    ("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
    ("fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
]

# ---------------------------------------------------------------------------------------
# RFC 8785 canonical JSON (JCS)
# ---------------------------------------------------------------------------------------


class RawNumber:
    """A JSON number literal with a fraction or exponent, kept verbatim (never a silent float)."""

    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text

    def __eq__(self, other):
        return isinstance(other, RawNumber) and other.text == self.text


def parse_json(text):
    """Parse JSON keeping integers exact and non-integer literals as RawNumber."""
    def bad_constant(name):
        raise ValueError("JSON constant %s is not allowed" % name)
    return json.loads(text, parse_float=RawNumber, parse_constant=bad_constant)


def _es_number(x):
    """ECMAScript Number::toString for a finite double (RFC 8785 section 3.2.2.3)."""
    if x != x or x in (float("inf"), float("-inf")):
        raise ValueError("NaN/Infinity cannot be canonicalized")
    if x == 0:
        return "0"
    if x < 0:
        return "-" + _es_number(-x)
    r = repr(x)  # shortest round-trip digits (the same choice ECMAScript makes)
    mant, _, exp = r.partition("e")
    ip, _, fp = mant.partition(".")
    digits = (ip + fp).lstrip("0")
    e10 = (int(exp) if exp else 0) - len(fp)   # x = int(ip + fp) * 10^e10
    stripped = digits.rstrip("0")
    e10 += len(digits) - len(stripped)
    digits = stripped
    k = len(digits)
    n = k + e10                                 # x = 0.digits * 10^n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * (-n) + digits
    e = n - 1
    es = ("+" if e >= 0 else "-") + str(abs(e))
    if k == 1:
        return digits + "e" + es
    return digits[0] + "." + digits[1:] + "e" + es


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _es_string(s):
    out = ['"']
    for ch in s:
        c = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif c < 0x20:
            out.append("\\u%04x" % c)
        elif 0xD800 <= c <= 0xDFFF:
            raise ValueError("lone surrogate U+%04X in a string" % c)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class Canon:
    """Canonicalizer that also records deviations from 'all numbers in hashed objects are integers'."""

    def __init__(self):
        self.notes = []

    def text(self, v, path="$"):
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, int):
            if abs(v) > 2 ** 53:
                # RFC 8785 numbers are IEEE 754 doubles: such an integer is not exactly representable
                self.notes.append("%s: integer %d exceeds 2^53 (not exact in RFC 8785/I-JSON)" % (path, v))
                return _es_number(float(v))
            return str(v)
        if isinstance(v, RawNumber):
            self.notes.append("%s: non-integer number literal %s" % (path, v.text))
            return _es_number(float(v.text))
        if isinstance(v, float):
            self.notes.append("%s: non-integer number %r" % (path, v))
            return _es_number(v)
        if isinstance(v, str):
            return _es_string(v)
        if isinstance(v, list):
            return "[" + ",".join(self.text(x, "%s[%d]" % (path, i)) for i, x in enumerate(v)) + "]"
        if isinstance(v, dict):
            keys = sorted(v.keys(), key=lambda k: k.encode("utf-16-be"))  # UTF-16 code units
            return "{" + ",".join(_es_string(k) + ":" + self.text(v[k], path + "." + k) for k in keys) + "}"
        raise ValueError("%s: value of type %s is not JSON" % (path, type(v).__name__))


def canonical_bytes(v):
    """(bytes, notes) -- the RFC 8785 UTF-8 encoding of v, plus integer-rule deviations."""
    c = Canon()
    return c.text(v).encode("utf-8"), c.notes


def sha256(b):
    return hashlib.sha256(b).digest()


# ---------------------------------------------------------------------------------------
# RFC 6962 Merkle tree and RFC 9162 section 2.1.3.2 inclusion proofs
# ---------------------------------------------------------------------------------------


def merkle_root(leaves):
    n = len(leaves)
    if n == 0:
        return sha256(b"")
    if n == 1:
        return sha256(b"\x00" + leaves[0])
    k = 1
    while k * 2 < n:
        k *= 2
    return sha256(b"\x01" + merkle_root(leaves[:k]) + merkle_root(leaves[k:]))


def root_from_inclusion_proof(leaf, leaf_index, tree_size, path):
    """The root implied by an audit path, or raise ValueError where RFC 9162 says 'fail'."""
    if leaf_index >= tree_size or leaf_index < 0:
        raise ValueError("leafIndex %d >= treeSize %d" % (leaf_index, tree_size))
    fn, sn = leaf_index, tree_size - 1
    r = sha256(b"\x00" + leaf)
    for p in path:
        if sn == 0:
            raise ValueError("audit path longer than the tree allows")
        if fn & 1 or fn == sn:
            r = sha256(b"\x01" + p + r)
            if not fn & 1:
                while fn != 0 and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = sha256(b"\x01" + r + p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise ValueError("audit path too short for the tree")
    return r


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------

HEADER_FIELDS = ("height", "prevHash", "merkleRoot", "timestamp", "txCount", "proposer",
                 "consensus", "difficulty", "nonce")
TX_HASHED_FIELDS = ("type", "payload", "sender", "nonce", "timestamp")
TX_FIELDS = TX_HASHED_FIELDS + ("id", "signature")
HEX = set("0123456789abcdef")
ZERO_HASH = "0" * 64


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def lower_hex(v, nbytes):
    """bytes if v is lowercase hex of exactly nbytes bytes, else None."""
    if isinstance(v, str) and len(v) == 2 * nbytes and set(v) <= HEX:
        return bytes.fromhex(v)
    return None


def any_hex(v, nbytes):
    if isinstance(v, str) and len(v) == 2 * nbytes and set(v.lower()) <= HEX:
        return bytes.fromhex(v)
    return None


def short(h):
    return h[:12] + "…" if isinstance(h, str) and len(h) > 12 else repr(h)


class Report:
    def __init__(self, echo=True):
        self.problems = []
        self.warnings = []
        self.echo = echo

    def fail(self, height, what):
        self.problems.append((height, what))
        if self.echo:
            print("height %s: %s" % (height, what), flush=True)

    def warn(self, height, what):
        self.warnings.append((height, what))
        if self.echo:
            print("warning: height %s: %s" % (height, what), file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------
# Fetching
# ---------------------------------------------------------------------------------------


class FetchError(Exception):
    pass


class Client:
    def __init__(self, url, key, timeout=30):
        self.base = url.rstrip("/")
        if not self.base.endswith("/api/v1"):
            self.base += "/api/v1"
        self.key = key
        self.timeout = timeout
        self.requests = 0

    def get(self, path, params=None, allow_404=False):
        url = self.base + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        req = urllib.request.Request(url, headers={"Authorization": "Bearer " + self.key,
                                                   "Accept": "application/json"})
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                body = resp.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            if allow_404 and e.code == 404:
                return None
            detail = e.read().decode("utf-8", "replace")[:300]
            raise FetchError("GET %s -> HTTP %d %s" % (url, e.code, detail))
        except (urllib.error.URLError, OSError) as e:
            raise FetchError("GET %s -> %s" % (url, e))
        try:
            return parse_json(body)
        except ValueError as e:
            raise FetchError("GET %s -> invalid JSON: %s" % (url, e))


def fetch_chain(client, page_size, report):
    """(status, listing items, block details) -- everything the audit needs."""
    status = client.get("/ledger/status")
    if not isinstance(status, dict) or not is_int(status.get("height")):
        raise FetchError("status has no integer height: %r" % (status,))
    target = status["height"]
    listing, cursor, frm, pages = [], None, 0, 0
    while True:
        params = {"from": frm, "limit": page_size}
        if cursor is not None:
            params["cursor"] = cursor
        page = client.get("/ledger/blocks", params)
        pages += 1
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            raise FetchError("GET /ledger/blocks did not answer {items, nextCursor}: %r" % (page,))
        items = page["items"]
        for it in items:
            h = it.get("height") if isinstance(it, dict) else None
            if h != frm:
                report.fail(h, "block listing out of order: expected height %s, got %r" % (frm, h))
                if not is_int(h) or h < frm:
                    raise FetchError("block listing does not advance (page %d)" % pages)
            listing.append(it)
            frm = h + 1
        cursor = page.get("nextCursor")
        if cursor is None or not items:
            break
        if pages > 1_000_000:
            raise FetchError("block listing does not end")
    if frm <= target:
        report.fail(frm, "block listing ends at height %d but status says height %d" % (frm - 1, target))
    details = []
    for it in listing:
        details.append(client.get("/ledger/blocks/%d" % it["height"]))
    return status, listing, details


# ---------------------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------------------


def check_transaction(tx, height, where, report, seen_nonces=None):
    """Check one transaction; returns the 32 raw id bytes to use as Merkle leaf (None if unusable)."""
    if not isinstance(tx, dict):
        report.fail(height, "%s is not an object" % where)
        return None
    missing = [f for f in TX_FIELDS if f not in tx]
    if missing:
        report.fail(height, "%s lacks %s" % (where, ", ".join(missing)))
    extra = sorted(set(tx) - set(TX_FIELDS))
    if extra:
        report.warn(height, "%s carries unhashed extra fields %s" % (where, ", ".join(extra)))
    txid = tx.get("id")
    id_bytes = lower_hex(txid, 32)
    where = "%s (%s)" % (where, short(txid))
    if id_bytes is None:
        report.fail(height, "%s: id is not 64 lowercase hex" % where)
        id_bytes = any_hex(txid, 32)
    for f in ("nonce", "timestamp"):
        if f in tx and not is_int(tx[f]):
            report.fail(height, "%s: %s is not an integer: %r" % (where, f, tx[f]))
    if not isinstance(tx.get("type"), str):
        report.fail(height, "%s: type is not a string" % where)
    body = {f: tx[f] for f in TX_HASHED_FIELDS if f in tx}
    try:
        data, notes = canonical_bytes(body)
        for n in notes:
            report.fail(height, "%s: %s" % (where, n))
        computed = sha256(data).hex()
        if computed != txid:
            report.fail(height, "%s: id mismatch, SHA-256 of canonical {type,payload,sender,nonce,timestamp} is %s"
                        % (where, computed))
    except ValueError as e:
        report.fail(height, "%s: cannot canonicalize: %s" % (where, e))
    sender = lower_hex(tx.get("sender"), 32)
    if sender is None:
        report.fail(height, "%s: sender is not a 32-byte public key in lowercase hex: %r" % (where, tx.get("sender")))
        sender = any_hex(tx.get("sender"), 32)
    sig = any_hex(tx.get("signature"), 64)
    if sig is None:
        report.fail(height, "%s: signature is not 64 bytes of hex" % where)
    elif sender is not None and id_bytes is not None and not ed25519_verify(sender, id_bytes, sig):
        report.fail(height, "%s: Ed25519 signature of the id by sender %s does not verify" % (where, short(tx.get("sender"))))
    if seen_nonces is not None and isinstance(tx.get("sender"), str) and is_int(tx.get("nonce")):
        k = (tx["sender"], tx["nonce"])
        if k in seen_nonces:
            report.fail(height, "%s: sender %s reuses nonce %d (first at height %s)"
                        % (where, short(tx["sender"]), tx["nonce"], seen_nonces[k]))
        else:
            seen_nonces[k] = height
    return id_bytes


def ordered_validators(status):
    vals = status.get("validators") or []
    out = []
    for v in vals:
        pk = v.get("publicKey") if isinstance(v, dict) else None
        pkb = any_hex(pk, 32)
        if pkb is None or not is_int(v.get("power")) or v["power"] < 0:
            continue
        out.append((pkb, pk.lower(), v.get("id"), v["power"]))
    out.sort(key=lambda t: t[0])  # by public key (raw bytes == lowercase hex order)
    return out


def lottery_winner(vals, prev_hash_bytes, height):
    total = sum(v[3] for v in vals)
    if total <= 0:
        return None
    r = int.from_bytes(sha256(prev_hash_bytes + height.to_bytes(8, "big")), "big") % total
    cum = 0
    for v in vals:
        cum += v[3]
        if cum > r:
            return v[1]
    return None


def check_signatures(block, height, hash_bytes, report, vals_by_key, where="signature"):
    """Verify every signature; return the list of lowercase public keys with valid signatures."""
    sigs = block.get("signatures")
    if not isinstance(sigs, list):
        report.fail(height, "signatures is not a list")
        return []
    good = []
    for i, s in enumerate(sigs):
        if not isinstance(s, dict):
            report.fail(height, "%s %d is not an object" % (where, i))
            continue
        pk = any_hex(s.get("publicKey"), 32)
        sg = any_hex(s.get("signature"), 64)
        if pk is None or sg is None:
            report.fail(height, "%s %d: malformed publicKey/signature" % (where, i))
            continue
        if hash_bytes is None or not ed25519_verify(pk, hash_bytes, sg):
            report.fail(height, "%s %d by %s: Ed25519 signature of the block hash does not verify"
                        % (where, i, short(s.get("publicKey"))))
            continue
        pkl = s["publicKey"].lower()
        if vals_by_key:
            v = vals_by_key.get(pkl)
            if v is None:
                report.fail(height, "%s %d: signer %s is not in the validator set" % (where, i, short(pkl)))
            elif v[2] is not None and s.get("validator") != v[2]:
                report.fail(height, "%s %d: validator %r does not match the set's id %r for key %s"
                            % (where, i, s.get("validator"), v[2], short(pkl)))
        good.append(pkl)
    return good


def audit(status, listing, details, report):
    """Run every check on a fetched chain. Returns (blocks, transactions) counted."""
    vals = ordered_validators(status)
    if len(vals) != len(status.get("validators") or []):
        report.fail("status", "validators entries malformed (need {id, publicKey 64 hex, power integer >= 0})")
    vals_by_key = {v[1]: v for v in vals}
    total_power = sum(v[3] for v in vals)
    status_consensus = status.get("consensus")
    seen_nonces, seen_ids = {}, {}
    prev_hash = None
    ntx = 0
    by_height_listing = {it.get("height"): it for it in listing if isinstance(it, dict)}
    for idx, b in enumerate(details):
        if not isinstance(b, dict):
            report.fail(idx, "block is not an object")
            prev_hash = None
            continue
        height = b.get("height")
        if height != idx:
            report.fail(idx, "block at position %d has height %r" % (idx, height))
        # ---- header
        missing = [f for f in HEADER_FIELDS if f not in b]
        if missing:
            report.fail(height, "header lacks %s" % ", ".join(missing))
        for f in ("height", "timestamp", "txCount", "difficulty", "nonce"):
            if f in b and not is_int(b[f]):
                report.fail(height, "header %s is not an integer: %r" % (f, b[f]))
        header = {f: b[f] for f in HEADER_FIELDS if f in b}
        hash_hex = b.get("hash")
        hash_bytes = lower_hex(hash_hex, 32)
        if hash_bytes is None:
            report.fail(height, "hash is not 64 lowercase hex: %r" % (hash_hex,))
        try:
            data, notes = canonical_bytes(header)
            for n in notes:
                report.fail(height, "header: %s" % n)
            computed = sha256(data).hex()
            if computed != hash_hex:
                report.fail(height, "block hash mismatch: SHA-256 of the canonical header is %s, block says %s"
                            % (computed, hash_hex))
        except ValueError as e:
            report.fail(height, "header cannot be canonicalized: %s" % e)
        # the listing must agree with the block
        li = by_height_listing.get(height)
        if li is not None:
            for f in HEADER_FIELDS + ("hash",):
                if f in li and li[f] != b.get(f):
                    report.fail(height, "listing and block disagree on %s: %r vs %r" % (f, li[f], b.get(f)))
        # ---- linkage
        prev = b.get("prevHash")
        if lower_hex(prev, 32) is None:
            report.fail(height, "prevHash is not 64 lowercase hex: %r" % (prev,))
        if idx == 0:
            if height != 0:
                report.fail(height, "genesis height is not 0")
            if prev != ZERO_HASH:
                report.fail(height, "genesis prevHash is not 64 zeros: %r" % (prev,))
        elif prev_hash is not None and prev != prev_hash:
            report.fail(height, "prevHash %s does not link to the previous block's hash %s" % (short(prev), short(prev_hash)))
        prev_hash = hash_hex
        # ---- transactions and Merkle root
        txs = b.get("transactions")
        if not isinstance(txs, list):
            report.fail(height, "transactions is not a list")
            txs = []
        ntx += len(txs)
        if b.get("txCount") != len(txs):
            report.fail(height, "txCount %r but %d transactions listed" % (b.get("txCount"), len(txs)))
        leaves = []
        for i, tx in enumerate(txs):
            leaf = check_transaction(tx, height, "tx %d" % i, report, seen_nonces)
            leaves.append(leaf)
            tid = tx.get("id") if isinstance(tx, dict) else None
            if isinstance(tid, str):
                if tid in seen_ids:
                    report.fail(height, "tx %d (%s) already on the chain at height %s" % (i, short(tid), seen_ids[tid]))
                else:
                    seen_ids[tid] = height
        if all(l is not None for l in leaves):
            root = merkle_root(leaves).hex()
            if root != b.get("merkleRoot"):
                report.fail(height, "merkleRoot mismatch: RFC 6962 root of the %d transaction ids is %s, header says %r"
                            % (len(leaves), root, b.get("merkleRoot")))
        else:
            report.fail(height, "merkleRoot not checkable: some transaction ids are malformed")
        # ---- consensus fields and seal
        cons = b.get("consensus")
        if cons not in ("solo", "pow", "pos", "bft"):
            report.fail(height, "unknown consensus %r" % (cons,))
            continue
        if status_consensus is not None and cons != status_consensus:
            report.warn(height, "block consensus %r differs from the status's %r" % (cons, status_consensus))
        difficulty, nonce = b.get("difficulty"), b.get("nonce")
        if cons != "pow" and (difficulty != 0 or nonce != 0):
            report.fail(height, "difficulty/nonce must be 0 outside pow, got %r/%r" % (difficulty, nonce))
        proposer = b.get("proposer")
        if lower_hex(proposer, 32) is None:
            report.fail(height, "proposer is not a 32-byte public key in lowercase hex: %r" % (proposer,))
        sigs = b.get("signatures")
        if height == 0 and isinstance(sigs, list) and not sigs:
            good = None   # genesis: this implementation does not sign it; accepted at height 0 only
        else:
            good = check_signatures(b, height, hash_bytes, report, vals_by_key)
            if isinstance(sigs, list) and not sigs:
                report.fail(height, "block carries no signatures")
        if cons == "pow":
            if not is_int(difficulty) or not 0 <= difficulty <= 256:
                report.fail(height, "pow difficulty out of range: %r" % (difficulty,))
            elif hash_bytes is not None and int.from_bytes(hash_bytes, "big") >= 2 ** (256 - difficulty):
                report.fail(height, "pow seal: hash %s is not below 2^(256-%d)" % (short(hash_hex), difficulty))
            elif difficulty == 0 and height != 0:
                report.warn(height, "pow block with difficulty 0 (no work)")
        if cons in ("solo", "pow", "pos") and good is not None:
            if len(sigs) != 1:
                report.fail(height, "%s block must carry exactly one signature (the proposer's), has %d" % (cons, len(sigs)))
            if proposer not in good:
                report.fail(height, "%s block lacks a valid signature by its proposer %s" % (cons, short(proposer)))
        if cons in ("solo", "pow") and vals_by_key and isinstance(proposer, str) and proposer not in vals_by_key:
            report.fail(height, "proposer %s is not in the validator set" % short(proposer))
        prev_bytes = lower_hex(prev, 32)
        if cons == "pos":
            if not vals:
                report.fail(height, "pos block but the status lists no validators")
            elif prev_bytes is not None and is_int(height):
                w = lottery_winner(vals, prev_bytes, height)
                if w is None:
                    report.fail(height, "pos lottery undefined: total power is 0")
                elif w != proposer:
                    report.fail(height, "pos proposer %s is not the lottery winner %s" % (short(proposer), short(w)))
        if cons == "bft":
            if not vals:
                report.fail(height, "bft block but the status lists no validators")
            else:
                if good is not None:
                    distinct = set(good) & set(vals_by_key)
                    if len(distinct) != len(good):
                        report.warn(height, "bft certificate has duplicate or foreign signers")
                    signed = sum(vals_by_key[k][3] for k in distinct)
                    if 3 * signed < 2 * total_power:
                        report.fail(height, "bft quorum not reached: signers hold %d of %d power (need 3*signed >= 2*total)"
                                    % (signed, total_power))
                if is_int(height):
                    rr = vals[height % len(vals)][1]
                    if proposer != rr:
                        equal = len({v[3] for v in vals}) == 1
                        lw = lottery_winner(vals, prev_bytes, height) if prev_bytes is not None else None
                        if not equal and lw == proposer:
                            report.warn(height, "bft proposer follows the stake lottery, not round-robin")
                        else:
                            report.fail(height, "bft proposer %s is not the round-robin choice %s (index %d mod %d)"
                                        % (short(proposer), short(rr), height, len(vals)))
    # status consistency
    if details:
        last = details[-1] if isinstance(details[-1], dict) else {}
        if last.get("height") == status.get("height") and status.get("lastHash") != last.get("hash"):
            report.fail(last.get("height"), "status lastHash %s is not the block's hash %s"
                        % (short(status.get("lastHash")), short(last.get("hash"))))
    return len(details), ntx


def check_proof(client, txid, details, report):
    """Check GET /ledger/transactions/{id} against the fetched chain. Returns True if it holds."""
    before = len(report.problems)
    r = client.get("/ledger/transactions/" + urllib.parse.quote(txid), allow_404=True)
    label = "proof %s" % short(txid)
    if r is None:
        report.fail("-", "%s: 404 (unknown or pending transaction)" % label)
        return False
    tx, bh, index, proof = r.get("transaction"), r.get("blockHeight"), r.get("index"), r.get("proof")
    if not isinstance(tx, dict) or tx.get("id") != txid:
        report.fail(bh, "%s: response transaction id %r is not the requested one" % (label, (tx or {}).get("id")))
        return False
    leaf = check_transaction(tx, bh, label + " transaction", report)
    if not is_int(bh) or not 0 <= bh < len(details):
        report.fail(bh, "%s: blockHeight %r not on the audited chain" % (label, bh))
        return False
    block = details[bh]
    if not isinstance(proof, dict):
        report.fail(bh, "%s: no proof object" % label)
        return False
    size, li, path = proof.get("treeSize"), proof.get("leafIndex"), proof.get("path")
    if size != block.get("txCount"):
        report.fail(bh, "%s: treeSize %r but the block has txCount %r" % (label, size, block.get("txCount")))
    if li != index:
        report.fail(bh, "%s: proof leafIndex %r but index %r" % (label, li, index))
    txs = block.get("transactions") or []
    if not is_int(index) or not 0 <= index < len(txs) or txs[index].get("id") != txid:
        report.fail(bh, "%s: block %d does not hold this transaction at index %r" % (label, bh, index))
    if not is_int(size) or not is_int(li) or not isinstance(path, list):
        report.fail(bh, "%s: malformed proof %r" % (label, proof))
        return False
    nodes = [lower_hex(p, 32) for p in path]
    if any(n is None for n in nodes) or leaf is None:
        report.fail(bh, "%s: audit path entries must be 64 lowercase hex" % label)
        return False
    try:
        root = root_from_inclusion_proof(leaf, li, size, nodes).hex()
    except ValueError as e:
        report.fail(bh, "%s: RFC 9162 inclusion check fails: %s" % (label, e))
        return False
    if root != block.get("merkleRoot"):
        report.fail(bh, "%s: root from the audit path %s is not the block's merkleRoot %s"
                    % (label, short(root), short(block.get("merkleRoot"))))
    ok = len(report.problems) == before
    if ok:
        print("proof %s: included in block %d at index %d of %d, path of %d hashes: OK"
              % (txid, bh, li, size, len(path)), flush=True)
    return ok


# ---------------------------------------------------------------------------------------
# Self-test: corrupt in-memory copies and insist that each corruption is reported
# ---------------------------------------------------------------------------------------


def _flip_hex(s, pos=10):
    c = s[pos]
    return s[:pos] + ("1" if c != "1" else "2") + s[pos + 1:]


def _flip_in_payload(payload):
    """Change one character (or digit) somewhere in a payload; returns a description or None."""
    if isinstance(payload, dict):
        for k in sorted(payload):
            v = payload[k]
            if isinstance(v, str) and v:
                payload[k] = v[:-1] + ("x" if v[-1] != "x" else "y")
                return "payload.%s last character" % k
            if is_int(v):
                payload[k] = v + 1
                return "payload.%s + 1" % k
        for k in sorted(payload):
            d = _flip_in_payload(payload[k])
            if d:
                return "payload.%s.%s" % (k, d)
    if isinstance(payload, list):
        for i, v in enumerate(payload):
            if isinstance(v, str) and v:
                payload[i] = v[:-1] + ("x" if v[-1] != "x" else "y")
                return "[%d]" % i
    return None


def self_test(status, listing, details):
    failures = 0
    print("self-test: RFC 8032 known answers", flush=True)
    for pk, msg, sig in _RFC8032_VECTORS:
        pkb, m, sg = bytes.fromhex(pk), bytes.fromhex(msg), bytes.fromhex(sig)
        if not ed25519_verify(pkb, m, sg):
            print("  FAIL: RFC 8032 vector for %s does not verify" % short(pk))
            failures += 1
        if ed25519_verify(pkb, m + b"\x00", sg) or ed25519_verify(pkb, m, bytes.fromhex(_flip_hex(sig, 70))):
            print("  FAIL: altered message/signature verifies for %s" % short(pk))
            failures += 1
    # RFC 8785 spot checks (from the RFC's number table and key-sorting example)
    for v, want in [(1e21, "1e+21"), (1e-7, "1e-7"), (123456789012345680000.0, "123456789012345680000"),
                    (0.000001, "0.000001"), (-0.0, "0"), (4.5, "4.5"), (2 ** 53, "9007199254740992"),
                    (9007199254740994.0, "9007199254740994"), (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
                    (333333333.3333333, "333333333.3333333"), (0.1, "0.1")]:
        got = _es_number(v)
        if got != want:
            print("  FAIL: RFC 8785 number %r -> %s, want %s" % (v, got, want))
            failures += 1
    sort_case = {"\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
                 "1": "One", "\U0001f600": "Emoji: Grinning Face", "\u0080": "Control", "\u00f6": "Latin Small Letter O With Diaeresis"}
    want_order = ["\r", "1", "\u0080", "\u00f6", "\u20ac", "\U0001f600", "\ufb33"]
    got_order = [k for k in parse_json(canonical_bytes(sort_case)[0].decode("utf-8"))]
    if got_order != want_order:
        print("  FAIL: RFC 8785 key order %r" % got_order)
        failures += 1
    # RFC 6962 / 9162: every proof in trees of size 1..20 round-trips
    for n in range(1, 21):
        leaves = [sha256(bytes([i])) for i in range(n)]
        root = merkle_root(leaves)
        for i in range(n):
            path = _make_path(leaves, i)
            if root_from_inclusion_proof(leaves[i], i, n, path) != root:
                print("  FAIL: inclusion proof %d of %d" % (i, n))
                failures += 1
    print("self-test: pristine chain", flush=True)
    base = Report(echo=False)
    audit(status, listing, details, base)
    print("  %d problems on the unmodified chain" % len(base.problems))
    # corrupted copies are audited as if a server served them consistently (no listing to
    # compare against), so every detection below comes from hashes, links and signatures
    base = Report(echo=False)
    audit(status, [], details, base)
    baseline = set(base.problems)

    tx_heights = [i for i, b in enumerate(details) if b.get("transactions")]
    signed_heights = [i for i, b in enumerate(details) if b.get("signatures")]
    cases = []

    def case(name, height, mutate):
        cases.append((name, height, mutate))

    if tx_heights:
        h = max(tx_heights, key=lambda i: (len(details[i]["transactions"]), i))

        def m_payload(ds, h=h):
            tx = ds[h]["transactions"][0]
            d = _flip_in_payload(tx.get("payload"))
            if d is None:
                tx["payload"] = {"tampered": True}
                d = "payload replaced"
            return "tx 0 " + d
        case("transaction payload", h, m_payload)

        def m_txsig(ds, h=h):
            tx = ds[h]["transactions"][0]
            tx["signature"] = _flip_hex(tx["signature"], 80)
            return "tx 0 signature character 80"
        case("transaction signature", h, m_txsig)

        def m_txid(ds, h=h):
            tx = ds[h]["transactions"][0]
            tx["id"] = _flip_hex(tx["id"])
            return "tx 0 id character 10"
        case("transaction id", h, m_txid)

        if len(details[h]["transactions"]) > 1:
            def m_order(ds, h=h):
                t = ds[h]["transactions"]
                t[0], t[1] = t[1], t[0]
                return "swap tx 0 and 1"
            case("transaction order", h, m_order)

        def m_drop(ds, h=h):
            ds[h]["transactions"].pop()
            return "drop the last transaction"
        case("dropped transaction", h, m_drop)
    else:
        print("  (no transactions on the chain: payload corruption not testable)")
        failures += 1
    hh = len(details) - 1

    def m_ts(ds, h=hh):
        ds[h]["timestamp"] += 1
        return "header timestamp + 1"
    case("header timestamp", hh, m_ts)

    def m_prev(ds, h=hh):
        ds[h]["prevHash"] = _flip_hex(ds[h]["prevHash"])
        return "prevHash character 10"
    case("header prevHash", hh, m_prev)

    if signed_heights:
        hs = signed_heights[-1]

        def m_sig(ds, h=hs):
            s = ds[h]["signatures"][0]
            s["signature"] = _flip_hex(s["signature"], 100)
            return "block signature 0 character 100"
        case("block signature", hs, m_sig)

        def m_nosig(ds, h=hs):
            ds[h]["signatures"] = []
            return "remove all signatures"
        case("missing signatures", hs, m_nosig)
    else:
        print("  (no signed block: signature corruption not testable)")
        failures += 1
    if len(details) > 2:
        def m_fork(ds, h=1):
            # rewrite a block consistently (new hash) -- the chain link to it must break
            ds[h]["timestamp"] += 1
            hdr = {f: ds[h][f] for f in HEADER_FIELDS}
            ds[h]["hash"] = sha256(canonical_bytes(hdr)[0]).hex()
            return "block 1 rewritten with a recomputed hash"
        case("rewritten block", 1, m_fork)

    # seal-specific cases: the header is rewritten *with a consistent hash*, and the
    # consensus rule itself (not just a hash) must catch it
    cons = status.get("consensus")
    vals = ordered_validators(status)
    last_signed = signed_heights[-1] if signed_heights else None

    def rehash(blk):
        blk["hash"] = sha256(canonical_bytes({f: blk[f] for f in HEADER_FIELDS})[0]).hex()

    if cons == "pow" and last_signed is not None:
        def m_pow(ds, h=last_signed):
            blk = ds[h]
            target = 2 ** (256 - blk["difficulty"])
            blk["nonce"] += 1
            rehash(blk)
            while int(blk["hash"], 16) < target:
                blk["nonce"] += 1
                rehash(blk)
            return "nonce %d, hash recomputed above the target" % blk["nonce"], "pow seal"
        case("pow seal", last_signed, m_pow)
    if cons == "pos" and last_signed is not None and len(vals) > 1:
        def m_pos(ds, h=last_signed):
            blk = ds[h]
            other = next(v[1] for v in vals if v[1] != blk["proposer"])
            blk["proposer"] = other
            rehash(blk)
            return "proposer set to %s, hash recomputed" % short(other), "lottery winner"
        case("pos proposer", last_signed, m_pos)
    if cons == "bft" and last_signed is not None:
        def m_quorum(ds, h=last_signed):
            blk = ds[h]
            power = {v[1]: v[3] for v in vals}
            total = sum(power.values())
            while blk["signatures"]:
                signed = sum(power.get(x["publicKey"], 0) for x in blk["signatures"])
                if 3 * signed < 2 * total:
                    break
                blk["signatures"].pop()
            return "certificate cut to %d signatures" % len(blk["signatures"]), "quorum not reached"
        case("bft quorum", last_signed, m_quorum)
        if len(vals) > 1:
            def m_rr(ds, h=last_signed):
                blk = ds[h]
                other = next(v[1] for v in vals if v[1] != blk["proposer"])
                blk["proposer"] = other
                rehash(blk)
                return "proposer set to %s, hash recomputed" % short(other), "round-robin"
            case("bft proposer", last_signed, m_rr)
    if cons in ("solo", "pow", "pos") and last_signed is not None:
        def m_extra(ds, h=last_signed):
            ds[h]["signatures"].append(dict(ds[h]["signatures"][0]))
            return "proposer signature duplicated", "exactly one signature"
        case("extra signature", last_signed, m_extra)

    for name, h, mutate in cases:
        ds = copy.deepcopy(details)
        what = mutate(ds)
        expect = None
        if isinstance(what, tuple):
            what, expect = what
        r = Report(echo=False)
        audit(status, [], ds, r)
        new = [p for p in r.problems if p not in baseline]
        at_h = [p for p in new if p[0] in (h, h + 1) and (expect is None or expect in p[1])]
        if at_h:
            print("  detected %-22s (%s at height %d): %s" % (name, what, h, at_h[0][1][:110]))
        else:
            print("  NOT DETECTED: %s (%s at height %d)%s" % (name, what, h, "" if expect is None else
                                                           " -- expected a problem mentioning %r" % expect))
            failures += 1
    print("self-test: %s" % ("OK" if failures == 0 else "%d failures" % failures))
    return failures


def _make_path(leaves, m):
    """RFC 6962 PATH(m, D[n]) -- used only to test the proof checker."""
    n = len(leaves)
    if n <= 1:
        return []
    k = 1
    while k * 2 < n:
        k *= 2
    if m < k:
        return _make_path(leaves[:k], m) + [merkle_root(leaves[k:])]
    return _make_path(leaves[k:], m - k) + [merkle_root(leaves[:k])]


# ---------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description="Audit a dcp ledger (no dcp code needed).")
    ap.add_argument("--url", required=True, help="gateway base URL, e.g. http://localhost:8080")
    ap.add_argument("--key", required=True, help="API key (admin or tenant)")
    ap.add_argument("--proof", action="append", default=[], metavar="TXID",
                    help="also check the inclusion proof of this transaction (repeatable)")
    ap.add_argument("--proof-all", action="store_true", help="check the inclusion proof of every transaction")
    ap.add_argument("--self-test", action="store_true",
                    help="also corrupt in-memory copies of the chain and require every corruption to be reported")
    ap.add_argument("--page-size", type=int, default=100)
    ap.add_argument("--timeout", type=float, default=30.0)
    args = ap.parse_args(argv)

    client = Client(args.url, args.key, args.timeout)
    report = Report()
    t0 = time.monotonic()
    try:
        status, listing, details = fetch_chain(client, args.page_size, report)
    except FetchError as e:
        print("cannot fetch the chain: %s" % e, file=sys.stderr)
        return 2
    t1 = time.monotonic()
    nblocks, ntx = audit(status, listing, details, report)
    t2 = time.monotonic()
    proofs = list(args.proof)
    if args.proof_all:
        proofs += [tx["id"] for b in details for tx in (b.get("transactions") or []) if isinstance(tx, dict)]
    try:
        for txid in proofs:
            check_proof(client, txid, details, report)
    except FetchError as e:
        report.fail("-", "proof: %s" % e)
    t3 = time.monotonic()
    st_fail = 0
    if args.self_test:
        st_fail = self_test(status, listing, details)
    print("consensus %s, %d validators; fetched in %.2f s (%d requests), verified in %.2f s%s"
          % (status.get("consensus"), len(status.get("validators") or []), t1 - t0, client.requests, t2 - t1,
             ", %d proofs in %.2f s" % (len(proofs), t3 - t2) if proofs else ""))
    n = len(report.problems)
    print("audited %d blocks, %d transactions: %s" % (nblocks, ntx, "OK" if n == 0 else "%d problems" % n))
    return 0 if n == 0 and st_fail == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
