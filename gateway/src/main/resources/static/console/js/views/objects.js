// The tenant's objects: what is stored, how healthy each is, where its shards are, and deleting one.
import {api, uploadObject} from '../api.js';
import {actionButton, badge, credits, errorBox, facts, h, number, panel, replace, shortId, table, when} from '../dom.js';

function health(hh) {
  if (!hh) return '—';
  const label = hh.fullyRedundant ? 'fully redundant'
    : hh.readable === hh.segments ? 'readable, repairing' : `${hh.segments - hh.readable} segment(s) unreadable`;
  const state = hh.fullyRedundant ? 'ok' : hh.readable === hh.segments ? 'busy' : 'bad';
  return h('span', {class: 'badge ' + state, 'data-health': state}, label);
}

function bytes(n) {
  if (n < 1024) return number(n) + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return v.toFixed(1) + ' ' + units[i];
}

export async function objectsView(root, {signal}) {
  const list = h('div', {id: 'objects-list'});
  const more = h('div', {class: 'more'});
  const file = h('input', {type: 'file', id: 'object-file'});
  const status = h('div', {id: 'upload-status'});
  root.append(h('div', {class: 'title-row'}, h('h1', {}, 'Objects'),
    h('div', {class: 'tools'}, actionButton('Refresh', () => load(null), {class: 'secondary'}))),
  h('p', {class: 'hint'}, 'Stored encrypted and erasure-coded on providers\u2019 workers; an object is named by the CID of its bytes.'),
  panel('Store a file', h('div', {class: 'upload'}, file, actionButton('Upload', upload, {id: 'upload-object'})), status),
  list, more);

  async function upload() {
    if (!file.files.length) {
      replace(status, h('p', {class: 'error', role: 'alert'}, 'Choose a file first.'));
      return;
    }
    replace(status, h('p', {class: 'hint'}, 'Uploading\u2026'));
    try {
      const stored = await uploadObject(file.files[0], {signal});
      replace(status, h('p', {id: 'uploaded'}, 'Stored as ', h('a', {href: '#/objects/' + stored.cid}, stored.cid)));
      await load(null);
    } catch (e) {
      replace(status, errorBox(e));
    }
  }

  const rows = [];
  async function load(cursor) {
    if (!cursor) rows.length = 0;
    const page = await api('/objects?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''), {signal});
    rows.push(...page.items.map((o) => [
      h('a', {href: '#/objects/' + o.cid, class: 'mono', title: o.cid}, shortId(o.cid)),
      h('span', {class: 'num'}, bytes(o.size)), when(o.storedAt), health(o.health)]));
    replace(list, table(['object', 'size', 'stored', 'health'], rows, 'Nothing stored yet.'));
    replace(more, page.nextCursor ? actionButton('More', () => load(page.nextCursor), {class: 'secondary'}) : null);
  }
  await load(null);
}

export async function objectView(root, {args: [cid], signal}) {
  const o = await api('/objects/' + encodeURIComponent(cid) + '/status', {signal});
  const message = h('div', {id: 'object-message'});
  root.append(h('div', {class: 'title-row'}, h('h1', {}, 'Object'),
    h('div', {class: 'tools'}, actionButton('Delete', async () => {
      try {
        await api('/objects/' + encodeURIComponent(cid), {method: 'DELETE', signal});
        location.hash = '#/objects';
      } catch (e) {
        replace(message, errorBox(e));
      }
    }, {id: 'delete-object', class: 'danger'}))),
  message,
  panel(null, facts([
    ['CID', h('span', {class: 'mono', id: 'object-cid'}, o.cid)],
    ['size', bytes(o.size) + ' (' + number(o.size) + ' bytes)'],
    ['code', `k = ${o.k} data + m = ${o.m} parity shards per segment`],
    ['health', h('span', {id: 'object-health'}, health(o.health), ` ${o.health.readable} / ${o.health.segments} segments readable`)],
    ['unreadable segments', o.unreadableSegments.length ? o.unreadableSegments.join(', ') : 'none'],
    ['escrowed', h('span', {id: 'object-escrowed'}, credits(o.escrowed) + ' credits')],
    ['providers paid through', when(o.paidThrough)],
    ['kept until', when(o.paidUntil)],
  ])),
  panel('Placements', h('div', {id: 'object-placements'}, table(['segment', 'shard', 'worker', 'verdict', 'last audit'],
    o.placements.map((p) => [number(p.segment), number(p.shard), shortId(p.workerId), badge(p.verdict), when(p.lastAudit)]),
    'No shard: the object is empty.'))));
}
