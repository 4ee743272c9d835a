// The chain explorer: status, blocks, transactions, and a transaction's inclusion proof checked here.
import {api, ApiError} from '../api.js';
import {actionButton, badge, facts, h, json, number, panel, replace, shortId, table, when} from '../dom.js';
import {verifyInclusion} from '../merkle.js';

const PAGE = 20;

export async function chainView(root, {signal}) {
  const status = await api('/ledger/status', {signal});
  const verified = h('div', {id: 'ledger-verify'});
  const blocks = h('div', {id: 'blocks'});
  const pager = h('div', {class: 'more'});
  const lookup = h('input', {id: 'tx-lookup', type: 'text', placeholder: 'a transaction id (64 hex)', spellcheck: 'false'});
  const lookupForm = h('form', {class: 'inline', novalidate: true}, lookup, h('button', {type: 'submit'}, 'Open'));
  lookupForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const id = lookup.value.trim().toLowerCase();
    if (/^[0-9a-f]{64}$/.test(id)) location.hash = '#/chain/transactions/' + id;
    else lookup.setAttribute('aria-invalid', 'true');
  });

  root.append(h('h1', {}, 'Chain'),
    h('div', {class: 'columns'},
      panel('Status', facts([
        ['height', h('span', {id: 'chain-height'}, number(status.height))],
        ['last hash', h('code', {class: 'wrap'}, status.lastHash)],
        ['consensus', status.consensus],
        ['difficulty', number(status.difficulty)],
        ['pending transactions', number(status.pendingTransactions)],
        ['validators', String((status.validators || []).length)],
      ])),
      panel('Whole-chain check',
        h('p', {class: 'hint'}, 'The ledger replays every block: hashes, Merkle roots, signatures, balances.'),
        actionButton('Verify the chain', () => verify(verified, signal), {id: 'verify-chain', class: 'secondary'}),
        verified,
        h('h3', {}, 'Open a transaction'), lookupForm)),
    panel('Blocks, newest first', blocks, pager));

  async function load(top) {
    const from = Math.max(0, top - PAGE + 1);
    const page = await api(`/ledger/blocks?from=${from}&limit=${top - from + 1}`, {signal});
    replace(blocks, table(['height', 'hash', 'transactions', 'proposer', 'sealed'],
      page.items.slice().reverse().map((b) => [
        h('a', {href: '#/chain/blocks/' + b.height}, '#' + b.height), shortId(b.hash), String(b.txCount),
        shortId(b.proposer), when(b.timestamp)])));
    replace(pager, from > 0 ? actionButton('Older blocks', () => load(from - 1), {class: 'secondary'}) : null);
  }
  await load(status.height);
}

async function verify(into, signal) {
  replace(into, h('p', {class: 'hint'}, 'Verifying…'));
  const v = await api('/ledger/verify', {signal});
  replace(into,
    h('p', {id: 'ledger-valid'}, badge(Boolean(v.valid), v.valid ? 'chain valid' : 'chain invalid')),
    facts([
      ['height', number(v.height)], ['checked blocks', number(v.checkedBlocks)],
      ['first invalid height', v.firstInvalidHeight === null ? '—' : number(v.firstInvalidHeight)],
      ['reason', v.reason || '—'],
    ]));
}

export async function blockView(root, {args: [height], signal}) {
  const b = await api('/ledger/blocks/' + height, {signal});
  const n = Number(height);
  root.append(
    h('div', {class: 'title-row'}, h('h1', {}, 'Block #' + b.height), h('div', {class: 'tools'},
      n > 0 ? h('a', {class: 'button secondary', href: '#/chain/blocks/' + (n - 1)}, '← previous') : null,
      h('a', {class: 'button secondary', href: '#/chain/blocks/' + (n + 1)}, 'next →'))),
    panel('Header', facts([
      ['hash', h('code', {class: 'wrap'}, b.hash)],
      ['previous hash', n > 0 ? h('a', {href: '#/chain/blocks/' + (n - 1)}, h('code', {class: 'wrap'}, b.prevHash))
        : h('code', {class: 'wrap'}, b.prevHash)],
      ['Merkle root', h('code', {class: 'wrap', id: 'block-merkle-root'}, b.merkleRoot)],
      ['sealed', when(b.timestamp)], ['transactions', String(b.txCount)], ['proposer', shortId(b.proposer)],
      ['consensus', b.consensus], ['difficulty', number(b.difficulty)], ['nonce', number(b.nonce)],
    ])),
    panel('Transactions', table(['#', 'id', 'type', 'sender', 'at'], (b.transactions || []).map((tx, i) => [
      String(i), h('a', {href: '#/chain/transactions/' + tx.id, 'data-type': tx.type}, shortId(tx.id)), tx.type,
      shortId(tx.sender), when(tx.timestamp)]), 'No transactions in this block.')),
    panel('Validators\' signatures', table(['validator', 'public key', 'signature'], (b.signatures || []).map((s) => [
      shortId(s.validator), shortId(s.publicKey), shortId(s.signature)]), 'None (genesis).')));
}

export async function transactionView(root, {args: [id], signal}) {
  let answer;
  try {
    answer = await api('/ledger/transactions/' + id.toLowerCase(), {signal});
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      root.append(h('h1', {}, 'Transaction'), h('p', {class: 'hint'},
        'The ledger does not have this transaction in a block (yet): a pending one gets its block within seconds.'));
      return;
    }
    throw e;
  }
  const tx = answer.transaction;
  const result = h('div', {id: 'proof-result', class: 'proof checking'}, 'Checking the proof in your browser…');
  const checks = h('div', {id: 'proof-checks'});
  root.append(
    h('h1', {}, 'Transaction ', h('code', {}, shortId(tx.id))),
    h('div', {class: 'columns'},
      panel('Transaction', facts([
        ['id', h('code', {class: 'wrap'}, tx.id)], ['type', tx.type], ['sender', shortId(tx.sender)],
        ['nonce', String(tx.nonce)], ['at', when(tx.timestamp)],
        ['block', h('a', {href: '#/chain/blocks/' + answer.blockHeight}, '#' + answer.blockHeight)],
        ['index in block', String(answer.index)],
      ]), h('h3', {}, 'Payload'), json(tx.payload)),
      panel('Inclusion proof', result, checks, facts([
        ['tree size', String(answer.proof.treeSize)], ['leaf index', String(answer.proof.leafIndex)],
      ]), h('h3', {}, 'Audit path'), h('ol', {class: 'path'}, answer.proof.path.map((p) => h('li', {}, h('code', {class: 'wrap'}, p)))))));

  const block = await api('/ledger/blocks/' + answer.blockHeight, {signal});
  const outcome = await verifyInclusion(answer, block);
  const ok = outcome.every((c) => c.ok);
  result.className = 'proof ' + (ok ? 'verified' : 'failed');
  replace(result, ok
    ? `✓ Proof verified in your browser: block #${block.height} includes this transaction.`
    : '✗ Proof not verified: ' + outcome.filter((c) => !c.ok).map((c) => c.check).join('; ') + '.');
  replace(checks, h('ul', {class: 'checks'}, outcome.map((c) => h('li', {class: c.ok ? 'ok' : 'bad'},
    (c.ok ? '✓ ' : '✗ ') + c.check, h('br'), h('small', {}, c.detail)))));
}

