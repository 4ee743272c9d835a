// Jobs: the list, and one job with its live progress (the events stream), subtasks, replicas, verdicts, work and
// cost, and where the chain recorded it.
import {api, ApiError, streamEvents} from '../api.js';
import {actionButton, badge, credits, errorBox, facts, h, json, number, panel, replace, shortId, table, when} from '../dom.js';
import {progressBar, rateChart} from '../charts.js';

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED'];

export async function jobsView(root, {identity, signal}) {
  const status = h('select', {id: 'jobs-status', 'aria-label': 'status'},
    ['', 'QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED'].map((s) => h('option', {value: s}, s || 'any status')));
  const list = h('div', {id: 'jobs-list'});
  const more = h('div', {class: 'more'});
  root.append(h('div', {class: 'title-row'},
    h('h1', {}, identity.role === 'admin' ? 'Every tenant\'s jobs' : 'Your jobs'),
    h('div', {class: 'tools'}, status, actionButton('Refresh', () => load(null), {class: 'secondary'}),
      identity.role === 'admin' ? null : h('a', {class: 'button', href: '#/submit'}, 'Submit a job'))),
  list, more);
  status.addEventListener('change', () => load(null));

  const rows = [];
  async function load(cursor) {
    if (!cursor) rows.length = 0;
    const query = new URLSearchParams({limit: '25'});
    if (status.value) query.set('status', status.value);
    if (cursor) query.set('cursor', cursor);
    const page = await api('/jobs?' + query, {signal});
    rows.push(...page.items.map((j) => [
      h('a', {href: '#/jobs/' + j.id}, shortId(j.id)), j.kind, badge(j.status),
      progressCell(j), credits(j.cost), when(j.submittedAt)]));
    replace(list, table(['job', 'kind', 'status', 'progress', 'cost (credits)', 'submitted'], rows,
      'No jobs yet.'));
    replace(more, page.nextCursor ? actionButton('Older jobs', () => load(page.nextCursor), {class: 'secondary'}) : null);
  }
  await load(null);
}

function progressCell(job) {
  const {subtasks = 0, accepted = 0} = job.progress || {};
  return h('span', {class: 'mini'}, progressBar(accepted, subtasks, job.status));
}

export async function jobView(root, {args: [id], signal}) {
  let job = await api('/jobs/' + encodeURIComponent(id), {signal});
  const samples = [];
  const summary = h('div', {id: 'job-summary'});
  const chart = h('div', {class: 'chart-box'});
  const subtasks = h('div', {id: 'job-subtasks'});
  const onChain = h('div', {id: 'job-chain'});
  const cancel = actionButton('Cancel job', async () => {
    try {
      job = await api('/jobs/' + encodeURIComponent(id), {method: 'DELETE', signal});
      draw();
    } catch (e) {
      summary.append(errorBox(e));
    }
  }, {class: 'danger', id: 'cancel-job'});

  root.append(
    h('div', {class: 'title-row'}, h('h1', {}, 'Job ', h('code', {}, id)), h('div', {class: 'tools'}, cancel)),
    summary,
    panel('Subtasks per second', chart),
    panel('Subtasks, replicas and verdicts', subtasks),
    panel('On the chain', h('p', {class: 'hint'},
      'The ledger\'s transactions that name this job, each with its inclusion proof.'),
    actionButton('Find on the chain', () => findOnChain(job, onChain, signal), {id: 'find-on-chain', class: 'secondary'}),
    onChain));

  function sample() {
    const accepted = (job.progress && job.progress.accepted) || 0;
    const last = samples[samples.length - 1];
    if (!last || last.accepted !== accepted || FINAL.includes(job.status)) samples.push({t: Date.now(), accepted});
  }

  function draw() {
    cancel.hidden = FINAL.includes(job.status);
    const {subtasks: total = 0, accepted = 0} = job.progress || {};
    replace(summary,
      h('div', {class: 'status-line'}, h('span', {id: 'job-status'}, badge(job.status)), ' ', job.kind),
      progressBar(accepted, total, job.status),
      facts([
        ['cost', h('span', {id: 'job-cost'}, credits(job.cost), ' credits')],
        ['work', number(job.work)],
        ['CPU time', job.cpuMillis === null || job.cpuMillis === undefined ? '—' : number(job.cpuMillis) + ' ms'],
        ['submitted', when(job.submittedAt)],
        ['completed', when(job.completedAt)],
        ['result hash', job.resultHash ? h('code', {class: 'wrap'}, job.resultHash) : '—'],
      ]),
      job.error ? h('p', {class: 'error', id: 'job-error'}, job.error) : null,
      job.result !== null && job.result !== undefined
        ? h('div', {id: 'job-result'}, h('h3', {}, 'Result'), json(job.result)) : null);
    replace(chart, rateChart(samples));
  }

  let lastSubtasks = 0;
  async function drawSubtasks(force) {
    if (!force && Date.now() - lastSubtasks < 1500) return; // at most one fetch a second and a half while it runs
    lastSubtasks = Date.now();
    const page = await api('/jobs/' + encodeURIComponent(id) + '/subtasks', {signal});
    replace(subtasks, table(['#', 'status', 'attempts', 'replicas: worker · verdict · work · CPU ms'],
      page.items.map((s) => [String(s.index), badge(s.status), String(s.attempts), replicas(s.replicas)]),
      'No subtasks yet.'));
  }

  sample();
  draw();
  await drawSubtasks(true);
  if (FINAL.includes(job.status)) return;

  try {
    await streamEvents('/jobs/' + encodeURIComponent(id) + '/events', (name, data) => {
      if (!data || typeof data !== 'object') return;
      job = {...job, ...pick(data)};
      sample();
      draw();
      drawSubtasks(FINAL.includes(job.status)).catch(() => {});
    }, {signal});
  } catch (e) {
    if (e.name === 'AbortError') return;
    summary.append(errorBox(e));
  }
  // the stream ends with the job: the resource has the fields events do not carry (work, completedAt)
  job = await api('/jobs/' + encodeURIComponent(id), {signal});
  sample();
  draw();
  await drawSubtasks(true);
}

/** An event's job fields that are set. */
function pick(data) {
  const fields = {};
  for (const k of ['status', 'progress', 'result', 'resultHash', 'cost', 'error']) {
    if (data[k] !== undefined && data[k] !== null) fields[k] = data[k];
  }
  return fields;
}

function replicas(list) {
  if (!list || list.length === 0) return '—';
  return h('ul', {class: 'replicas'}, list.map((r) => h('li', {},
    shortId(r.workerId), ' ', r.verdict ? badge(r.verdict) : badge('PENDING', 'pending'), ' ',
    h('span', {class: 'num'}, number(r.work)), ' · ', h('span', {class: 'num'}, number(r.cpuMillis)))));
}

/**
 * The chain has no index by job, so this walks the blocks back from the newest until one older than the job's
 * submission, collecting the transactions whose payload names the job.
 */
async function findOnChain(job, into, signal) {
  replace(into, h('p', {class: 'hint'}, 'Reading blocks…'));
  const since = Date.parse(job.submittedAt) - 60_000;
  const found = [];
  try {
    const status = await api('/ledger/status', {signal});
    for (let height = status.height; height >= 0 && height > status.height - 400; height--) {
      const block = await api('/ledger/blocks/' + height, {signal});
      for (const tx of block.transactions || []) {
        if (tx.payload && (tx.payload.job === job.id || tx.payload.jobId === job.id)) found.push({tx, height});
      }
      if (block.timestamp < since) break;
    }
  } catch (e) {
    if (e instanceof ApiError || e.name !== 'AbortError') into.append(errorBox(e));
    return;
  }
  found.reverse();
  replace(into, table(['transaction', 'type', 'block'], found.map(({tx, height}) => [
    h('a', {href: '#/chain/transactions/' + tx.id, 'data-type': tx.type}, shortId(tx.id)),
    tx.type, h('a', {href: '#/chain/blocks/' + height}, '#' + height)]),
  'No transaction names this job yet: the ledger may not have sealed its block. Try again in a moment.'));
}
