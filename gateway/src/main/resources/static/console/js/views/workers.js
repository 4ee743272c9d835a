// The workers: capacity, price, reputation and whether the scheduler may give them work.
import {api} from '../api.js';
import {actionButton, badge, credits, h, number, replace, shortId, table, when} from '../dom.js';

export async function workersView(root, {signal}) {
  const list = h('div', {id: 'workers-list'});
  const more = h('div', {class: 'more'});
  root.append(h('div', {class: 'title-row'}, h('h1', {}, 'Workers'),
    h('div', {class: 'tools'}, actionButton('Refresh', () => load(null), {class: 'secondary'}))),
  h('p', {class: 'hint'}, 'Eligible: online, enrolled by its provider, and the provider staked enough to be given work.'),
  list, more);

  const rows = [];
  async function load(cursor) {
    if (!cursor) rows.length = 0;
    const page = await api('/workers?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''), {signal});
    rows.push(...page.items.map((w) => [
      shortId(w.id), shortId(w.providerId), badge(w.status), slots(w),
      credits(w.pricePerCpuSecond), reputation(w.reputation),
      h('span', {class: 'num'}, number(w.accepted), ' / ', number(w.rejected)), when(w.lastSeen),
      badge(Boolean(w.eligible), w.eligible ? 'eligible' : 'not eligible')]));
    replace(list, table(['worker', 'provider', 'status', 'slots busy / total', 'price (credits per CPU-s)',
      'reputation', 'accepted / rejected', 'last seen', 'eligibility'], rows, 'No worker has joined.'));
    replace(more, page.nextCursor ? actionButton('More', () => load(page.nextCursor), {class: 'secondary'}) : null);
  }
  await load(null);
}

function slots(w) {
  const meter = h('meter', {min: 0, max: Math.max(1, w.slots), value: w.busySlots || 0});
  return h('span', {class: 'slots'}, meter, ` ${w.busySlots || 0} / ${w.slots}`);
}

export function reputation(value) {
  if (value === null || value === undefined) return '—';
  return h('span', {class: 'num', title: String(value)}, Number(value).toFixed(3));
}
