// The operator's view: tenants, deposits and the credit audit (every micro-credit accounted for, and the same on
// the ledger's replay).
import {api} from '../api.js';
import {actionButton, badge, credits, facts, h, number, panel, replace, shortId, table, toMicro} from '../dom.js';
import {apiForm, input} from './forms.js';

export async function adminView(root, {signal}) {
  const audit = h('div', {id: 'credit-audit'});
  const created = h('div', {id: 'tenant-created', role: 'status'});
  const deposited = h('p', {id: 'deposit-done', class: 'outcome', role: 'status'});
  const tenantId = input({placeholder: 'the tenant\'s id'});

  const tenantForm = apiForm({
    id: 'tenant-form', submitLabel: 'Create tenant',
    fields: [
      {name: 'name', label: 'Name', control: input()},
      {name: 'role', label: 'Role', control: h('select', {}, h('option', {value: 'consumer'}, 'consumer'),
        h('option', {value: 'provider'}, 'provider'))},
    ],
    read: (v) => ({body: {name: v.name, role: v.role}}),
    send: (body) => api('/tenants', {method: 'POST', body, signal}),
    done: (t) => {
      tenantId.value = t.id;
      replace(created, h('div', {class: 'once'},
        h('p', {}, `Tenant ${t.name} (${t.role}) created: `, h('code', {}, t.id)),
        h('p', {}, 'Its API key, shown this once (it is stored hashed): '),
        h('code', {class: 'wrap key', id: 'new-tenant-key'}, t.apiKey)));
    },
  });
  const depositForm = apiForm({
    id: 'deposit-form', submitLabel: 'Deposit',
    fields: [
      {name: 'tenant', label: 'Tenant id', control: tenantId},
      {name: 'amount', label: 'Amount (credits)', control: input({inputmode: 'decimal', value: '100'})},
    ],
    read: (v) => {
      const micro = toMicro(v.amount);
      if (!v.tenant) return {errors: [{field: 'tenant', message: 'is required'}]};
      if (Number.isNaN(micro)) return {errors: [{field: 'amount', message: 'must be an amount of credits'}]};
      return {body: {tenant: v.tenant, amount: micro}};
    },
    send: ({tenant, amount}) => api('/tenants/' + encodeURIComponent(tenant) + '/deposits',
      {method: 'POST', body: {amount}, signal}),
    done: async (r) => {
      deposited.textContent = `Deposited: the balance is now ${credits(r.balance)} credits.`;
      await drawAudit();
    },
  });

  async function drawAudit() {
    const a = await api('/audit/credits', {signal});
    const ledger = a.ledger || {};
    replace(audit,
      h('p', {id: 'audit-conserved'}, badge(Boolean(a.conserved), a.conserved ? 'conserved' : 'NOT conserved')),
      facts([
        ['deposits', credits(a.deposits) + ' credits'], ['slashed', credits(a.slashed) + ' credits'],
        ['held', credits(a.held) + ' credits'], ['accounts', number(a.accounts)],
        ['negative accounts', number(a.negativeAccounts)], ['pending transactions', number(a.pendingTransactions)],
        ['ledger', ledger.reachable
          ? h('span', {id: 'audit-ledger'}, `at height ${number(ledger.height)}: `,
            badge(Boolean(ledger.matches), ledger.matches ? 'every account matches' : 'accounts differ'))
          : 'not reachable'],
      ]),
      (ledger.mismatches || []).length
        ? table(['account', 'here', 'on the ledger'], ledger.mismatches.map((m) => [
          shortId(m.account), JSON.stringify(m.contract), JSON.stringify(m.ledger)]))
        : null);
  }

  root.append(h('h1', {}, 'Admin'),
    h('div', {class: 'columns'},
      panel('New tenant', tenantForm, created),
      panel('Deposit', depositForm, deposited)),
    panel('Credit audit', h('p', {class: 'hint'},
      'Deposits = balances + escrow + stakes + what was slashed, and every account as the ledger replays it.'),
    actionButton('Run the audit again', drawAudit, {class: 'secondary'}), audit));
  await drawAudit();
}
