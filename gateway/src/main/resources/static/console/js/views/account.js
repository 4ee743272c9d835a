// A tenant's account: balances, the statement, and for a provider its stake and enrolled workers.
import {api} from '../api.js';
import {actionButton, credits, facts, h, number, panel, replace, shortId, table, toMicro, when} from '../dom.js';
import {apiForm, input} from './forms.js';
import {reputation} from './workers.js';

export async function accountView(root, {signal}) {
  const summary = h('div', {id: 'account-summary'});
  const statement = h('div', {id: 'statement'});
  const more = h('div', {class: 'more'});
  root.append(h('h1', {}, 'Account'), panel('Balance', summary), panel('Statement, newest first', statement, more));

  async function drawSummary() {
    const a = await api('/accounts/me', {signal});
    replace(summary, facts([
      ['tenant', h('span', {}, a.name, ' ', h('code', {}, a.id))], ['role', a.role],
      ['balance', h('strong', {id: 'account-balance'}, credits(a.balance), ' credits')],
      ['in escrow', credits(a.escrowed) + ' credits'], ['stake', credits(a.stake) + ' credits'],
      ['reputation', reputation(a.reputation)],
      ['quota', a.quota ? `${number(a.quota.concurrentJobs)} concurrent jobs, ${number(a.quota.subtasksPerMinute)} subtasks a minute` : '—'],
    ]));
    return a;
  }

  const rows = [];
  async function drawStatement(cursor) {
    if (!cursor) rows.length = 0;
    const page = await api('/accounts/me/statement?limit=25' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''), {signal});
    rows.push(...page.items.map((line) => [when(line.at), line.type,
      h('span', {class: 'num ' + (line.amount < 0 ? 'debit' : 'credit')}, credits(line.amount)),
      line.jobId ? h('a', {href: '#/jobs/' + line.jobId}, shortId(line.jobId)) : '—',
      h('a', {href: '#/chain/transactions/' + line.transactionId}, shortId(line.transactionId))]));
    replace(statement, table(['at', 'type', 'amount (credits)', 'job', 'transaction'], rows, 'No entries yet.'));
    replace(more, page.nextCursor ? actionButton('Older entries', () => drawStatement(page.nextCursor), {class: 'secondary'}) : null);
  }

  const account = await drawSummary();
  await drawStatement(null);
  if (account.role === 'provider') root.append(await providerPanel(signal, () => drawSummary()));
}

async function providerPanel(signal, refresh) {
  const workers = h('div', {id: 'provider-workers'});
  const outcome = h('p', {class: 'outcome', role: 'status'});
  async function drawWorkers() {
    const answer = await api('/providers/me/workers', {signal});
    const list = Array.isArray(answer) ? answer : answer.items || [];
    replace(workers, table(['worker', 'public key', 'slots', 'price (credits per CPU-s)'], list.map((w) => [
      shortId(w.workerId), shortId(w.publicKey), String(w.slots), credits(w.pricePerCpuSecond)]),
    'No worker enrolled.'));
  }
  const amount = (values, name) => {
    const micro = toMicro(values[name]);
    return Number.isNaN(micro) ? {errors: [{field: name, message: 'must be an amount of credits'}]} : {micro};
  };
  const stake = apiForm({
    id: 'stake-form', title: 'Stake', submitLabel: 'Stake',
    fields: [
      {name: 'amount', label: 'Amount (credits)', control: input({inputmode: 'decimal'})},
      {name: 'lockDays', label: 'Locked for (days)', control: input({type: 'number', min: 1, max: 3650, value: 30})},
    ],
    read: (v) => {
      const a = amount(v, 'amount');
      return a.errors ? a : {body: {amount: a.micro, lockDays: Number(v.lockDays)}};
    },
    send: (body) => api('/providers/me/stake', {method: 'POST', body, signal}),
    done: async (r) => {
      outcome.textContent = `Staked: ${credits(r.stake)} credits, locked until ${when(r.lockedUntil)}.`;
      await refresh();
    },
  });
  const unbond = apiForm({
    id: 'unbond-form', title: 'Unbond', submitLabel: 'Unbond',
    fields: [{name: 'amount', label: 'Amount (credits)', control: input({inputmode: 'decimal'}),
      hint: 'the stake comes back once its lock has ended'}],
    read: (v) => {
      const a = amount(v, 'amount');
      return a.errors ? a : {body: {amount: a.micro}};
    },
    send: (body) => api('/providers/me/unbond', {method: 'POST', body, signal}),
    done: async (r) => {
      outcome.textContent = `Stake now ${credits(r.stake)} credits; balance ${credits(r.balance)}.`;
      await refresh();
    },
  });
  const enroll = apiForm({
    id: 'enroll-form', title: 'Enroll a worker', submitLabel: 'Enroll',
    fields: [
      {name: 'publicKey', label: 'Public key', control: input({placeholder: 'the worker\'s raw Ed25519 key, hex'})},
      {name: 'slots', label: 'Slots', control: input({type: 'number', min: 1, value: 2})},
      {name: 'pricePerCpuSecond', label: 'Price (credits per CPU-second)', control: input({inputmode: 'decimal', value: '0.001'})},
    ],
    read: (v) => {
      const price = amount(v, 'pricePerCpuSecond');
      return price.errors ? price
        : {body: {publicKey: v.publicKey, slots: Number(v.slots), pricePerCpuSecond: price.micro}};
    },
    send: (body) => api('/providers/me/workers', {method: 'POST', body, signal}),
    done: async (r) => {
      outcome.textContent = `Enrolled worker ${r.workerId}.`;
      await drawWorkers();
    },
  });
  await drawWorkers();
  return panel('Provider', outcome, h('div', {class: 'columns'}, stake, unbond, enroll),
    h('h3', {}, 'Enrolled workers'), workers);
}
