// A transaction's inclusion proof, checked in the browser with Web Crypto (docs/ledger-audit.md): the Merkle tree
// is RFC 6962's over the raw 32-byte transaction ids, the proof RFC 9162's audit path. The console trusts none of
// the ledger's words for it; it recomputes the transaction id and the root and compares them with the block.

export function hexToBytes(hex) {
  if (typeof hex !== 'string' || !/^([0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex: ' + hex);
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(i * 2, 2), 16);
  return bytes;
}

export function bytesToHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function sha256(...parts) {
  const length = parts.reduce((n, p) => n + p.length, 0);
  const joined = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', joined));
}

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);

/** RFC 6962: the hash of a leaf. */
export function leafHash(id) {
  return sha256(LEAF, id);
}

/** RFC 9162 §2.1.3.2: the root an audit path implies for the leaf; throws where the RFC says to fail. */
export async function rootFromInclusionProof(leaf, leafIndex, treeSize, path) {
  if (!(leafIndex >= 0 && leafIndex < treeSize)) throw new Error(`leafIndex ${leafIndex} is outside a tree of ${treeSize}`);
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = await leafHash(leaf);
  for (const p of path) {
    if (sn === 0) throw new Error('the audit path is longer than the tree allows');
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(NODE, p, r);
      if (fn % 2 === 0) {
        while (fn !== 0 && fn % 2 === 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(NODE, r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new Error('the audit path is too short for the tree');
  return r;
}

/**
 * RFC 8785 canonical JSON for what the ledger hashes: objects with keys sorted by UTF-16 code units, no
 * whitespace, strings as ECMAScript writes them; every number on the chain is an integer (docs/ledger-audit.md).
 */
export function canonicalJson(value) {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('not an exact integer: ' + value);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(value[k])).join(',') + '}';
}

/** A transaction's id: SHA-256 of the canonical JSON of {type, payload, sender, nonce, timestamp}. */
export async function transactionId(tx) {
  const {type, payload, sender, nonce, timestamp} = tx;
  const bytes = new TextEncoder().encode(canonicalJson({type, payload, sender, nonce, timestamp}));
  return bytesToHex(await sha256(bytes));
}

/**
 * Checks GET /ledger/transactions/{id}'s answer against GET /ledger/blocks/{height}'s: a list of
 * {check, ok, detail}; the proof holds when every one is ok.
 */
export async function verifyInclusion(answer, block) {
  const {transaction, index, proof} = answer;
  const checks = [];
  const check = (name, ok, detail) => checks.push({check: name, ok, detail});
  try {
    const recomputed = await transactionId(transaction);
    check('transaction id = SHA-256 of its canonical JSON', recomputed === transaction.id,
      recomputed === transaction.id ? recomputed : `recomputed ${recomputed}, the ledger says ${transaction.id}`);
  } catch (e) {
    check('transaction id = SHA-256 of its canonical JSON', false, e.message);
  }
  check('proof leaf index = the transaction\'s index in the block', proof.leafIndex === index,
    `leafIndex ${proof.leafIndex}, index ${index}`);
  check('proof tree size = the block\'s transaction count', proof.treeSize === block.txCount,
    `treeSize ${proof.treeSize}, txCount ${block.txCount}`);
  try {
    const root = await rootFromInclusionProof(
      hexToBytes(transaction.id), proof.leafIndex, proof.treeSize, proof.path.map(hexToBytes));
    const rootHex = bytesToHex(root);
    check('root from the audit path = the block\'s merkleRoot', rootHex === block.merkleRoot,
      rootHex === block.merkleRoot ? rootHex : `computed ${rootHex}, the block says ${block.merkleRoot}`);
  } catch (e) {
    check('root from the audit path = the block\'s merkleRoot', false, e.message);
  }
  return checks;
}
