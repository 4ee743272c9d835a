// Building the page from code, never from HTML strings: every text goes in as text, so nothing an API answers
// (a tenant's name, a job's error) can become markup.

/** An element: h('td', {class: 'num', onclick: fn}, 'text', child, ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

/** An SVG element, for the charts. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttributes(el, attrs);
  append(el, children);
  return el;
}

function setAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, '');
    } else {
      el.setAttribute(name, String(value));
    }
  }
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces everything inside el. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** micro-credits as credits: 1234567 → "1.234567", 5000000 → "5". */
export function credits(micro) {
  if (micro === null || micro === undefined) return '—';
  const n = Number(micro);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const whole = Math.floor(abs / 1e6).toLocaleString('en-US');
  const fraction = String(abs % 1e6).padStart(6, '0').replace(/0+$/, '');
  return sign + whole + (fraction ? '.' + fraction : '');
}

/** credits typed by a person ("2.5") as integer micro-credits, or NaN. */
export function toMicro(text) {
  const t = String(text).trim();
  if (!/^\d+(\.\d{1,6})?$/.test(t)) return NaN;
  const [whole, fraction = ''] = t.split('.');
  return Number(whole) * 1e6 + Number(fraction.padEnd(6, '0'));
}

export function when(value) {
  if (value === null || value === undefined) return '—';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : d.toLocaleString('en-GB', {hour12: false});
}

export function number(n) {
  return n === null || n === undefined ? '—' : Number(n).toLocaleString('en-US');
}

/** A long hex id, shortened for a table cell; the whole id is its tooltip. */
export function shortId(id) {
  if (!id) return '—';
  return h('code', {title: id}, id.length > 14 ? id.slice(0, 8) + '…' + id.slice(-4) : id);
}

const BADGES = {
  COMPLETED: 'ok', ACCEPTED: 'ok', ONLINE: 'ok', true: 'ok', STORED: 'ok', PASSED: 'ok', SENT: 'wait',
  CORRUPT: 'bad', MISSING: 'bad',
  RUNNING: 'busy', QUEUED: 'wait', PENDING: 'wait', ASSIGNED: 'busy',
  FAILED: 'bad', CANCELLED: 'muted', REJECTED: 'bad', OFFLINE: 'muted', false: 'bad',
};

export function badge(value, label = value) {
  return h('span', {class: 'badge ' + (BADGES[String(value)] || 'muted')}, String(label));
}

/** A table with a header row; rows are arrays of cells (text or elements). */
export function table(headings, rows, empty = 'Nothing yet.') {
  if (rows.length === 0) return h('p', {class: 'empty'}, empty);
  return h('table', {},
    h('thead', {}, h('tr', {}, headings.map((t) => h('th', {}, t)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))));
}

/** Label/value pairs. */
export function facts(pairs) {
  return h('dl', {class: 'facts'}, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function panel(title, ...children) {
  return h('section', {class: 'panel'}, title ? h('h2', {}, title) : null, ...children);
}

export function json(value) {
  return h('pre', {class: 'json'}, JSON.stringify(value, null, 2));
}

/** A failed call, said in the page. */
export function errorBox(e) {
  const status = e && e.status ? ` (${e.status})` : '';
  return h('p', {class: 'error', role: 'alert'}, (e && e.message ? e.message : String(e)) + status);
}

/** A button that shows it is busy while its action runs. */
export function actionButton(label, action, attrs = {}) {
  const button = h('button', {type: 'button', ...attrs}, label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await action();
    } finally {
      button.disabled = false;
    }
  });
  return button;
}
