// The submit form, generated from each kind's input JSON Schema (GET /kinds). The browser does not validate it
// (novalidate): the API does, and its field errors ({field: 'input.from', message}) are shown at their fields.
import {api, ApiError} from '../api.js';
import {h, replace, toMicro} from '../dom.js';

const STRATEGIES = ['static', 'guided', 'weighted'];

export async function submitView(root, {signal}) {
  const kinds = await api('/kinds', {signal});
  const kindSelect = h('select', {id: 'field-kind', name: 'kind'},
    kinds.map((k) => h('option', {value: k.kind}, k.kind)));
  const inputFields = h('fieldset', {id: 'input-fields'});
  const formError = h('p', {class: 'error', id: 'form-error', role: 'alert', hidden: true});
  const submit = h('button', {type: 'submit', id: 'submit-job'}, 'Submit job');

  const form = h('form', {id: 'submit-form', class: 'panel form', novalidate: true},
    field('kind', 'Kind', kindSelect, 'what the workers compute'),
    inputFields,
    h('fieldset', {},
      h('legend', {}, 'How it runs'),
      field('parallelism', 'Parallelism',
        h('input', {id: 'field-parallelism', name: 'parallelism', type: 'number', min: 1, max: 10000, step: 1, value: 4}),
        'how many subtasks the job is split into, 1–10000'),
      field('redundancy', 'Redundancy',
        h('input', {id: 'field-redundancy', name: 'redundancy', type: 'number', min: 1, max: 5, step: 1, placeholder: 'default'}),
        'how many workers compute each subtask, 1–5; blank: the platform\'s default'),
      field('strategy', 'Strategy',
        h('select', {id: 'field-strategy', name: 'strategy'},
          h('option', {value: ''}, 'default'), STRATEGIES.map((s) => h('option', {value: s}, s))),
        'how the input is split among workers'),
      field('maxCredits', 'Max credits',
        h('input', {id: 'field-maxCredits', name: 'maxCredits', type: 'text', inputmode: 'decimal', value: '5'}),
        'held in escrow while the job runs; what is not spent comes back')),
    formError, submit);

  function drawInputs() {
    const kind = kinds.find((k) => k.kind === kindSelect.value);
    const schema = kind.input || {};
    const required = schema.required || [];
    replace(inputFields, h('legend', {}, 'Input: ', schema.description || kind.kind),
      Object.entries(schema.properties || {}).map(([name, prop]) =>
        field('input.' + name, name + (required.includes(name) ? ' *' : ''), inputFor(name, prop, required.includes(name)),
          describe(prop))));
  }
  kindSelect.addEventListener('change', drawInputs);
  drawInputs();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form, formError);
    const kind = kinds.find((k) => k.kind === kindSelect.value);
    const spec = readSpec(form, kind);
    if (spec.errors.length) {
      showErrors(form, formError, spec.errors);
      return;
    }
    submit.disabled = true;
    try {
      const job = await api('/jobs', {method: 'POST', body: spec.body, signal});
      location.hash = '#/jobs/' + job.id;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      const errors = e.fieldErrors.length ? e.fieldErrors : [{field: null, message: e.message}];
      showErrors(form, formError, errors, e);
    } finally {
      submit.disabled = false;
    }
  });

  root.append(h('h1', {}, 'Submit a job'), form);
}

/** A labelled control with its hint and the place its error goes. */
function field(path, label, control, hint) {
  const id = control.id;
  const error = h('p', {class: 'field-error', 'data-error-for': path, id: id + '-error', role: 'alert'});
  control.setAttribute('aria-describedby', id + '-error');
  control.dataset.field = path;
  return h('div', {class: 'field', 'data-field': path},
    h('label', {for: id}, label), control, hint ? h('p', {class: 'hint'}, hint) : null, error);
}

function inputFor(name, prop, required) {
  const id = 'field-input-' + name;
  const common = {id, name: 'input.' + name, 'data-type': prop.type, required};
  if (Array.isArray(prop.enum)) {
    return h('select', common, prop.enum.map((v) => h('option', {value: v}, v)));
  }
  if (prop.type === 'integer' || prop.type === 'number') {
    return h('input', {...common, type: 'number', step: prop.type === 'integer' ? 1 : 'any',
      min: prop.minimum, max: prop.maximum});
  }
  if (prop.type === 'boolean') {
    return h('input', {...common, type: 'checkbox'});
  }
  if (!prop.maxLength || prop.maxLength > 200) {
    return h('textarea', {...common, rows: 4, maxlength: prop.maxLength});
  }
  return h('input', {...common, type: 'text', maxlength: prop.maxLength});
}

function describe(prop) {
  const bits = [prop.description];
  const safe = 9007199254740991;
  if (prop.minimum !== undefined && prop.minimum > -safe) bits.push('at least ' + Number(prop.minimum).toLocaleString('en-US'));
  if (prop.maximum !== undefined && prop.maximum < safe) bits.push('at most ' + Number(prop.maximum).toLocaleString('en-US'));
  if (prop.maxLength) bits.push('up to ' + Number(prop.maxLength).toLocaleString('en-US') + ' characters');
  return bits.filter(Boolean).join('; ');
}

/** The job spec from the form; what cannot even be read as a number is an error here, the rest is the API's. */
function readSpec(form, kind) {
  const errors = [];
  const input = {};
  for (const control of form.querySelectorAll('[data-field^="input."]:not(.field)')) {
    const name = control.dataset.field.slice('input.'.length);
    const raw = control.type === 'checkbox' ? control.checked : control.value.trim();
    if (raw === '') continue; // absent: the API says whether it is required
    if (control.dataset.type === 'integer' || control.dataset.type === 'number') {
      const n = Number(raw);
      if (Number.isNaN(n)) errors.push({field: control.dataset.field, message: 'must be a number'});
      else input[name] = n;
    } else {
      input[name] = raw;
    }
  }
  const body = {kind: kind.kind, input};
  for (const name of ['parallelism', 'redundancy']) {
    const raw = form.querySelector('#field-' + name).value.trim();
    if (raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n)) errors.push({field: name, message: 'must be a whole number'});
    else body[name] = n;
  }
  const strategy = form.querySelector('#field-strategy').value;
  if (strategy) body.strategy = strategy;
  const maxCredits = form.querySelector('#field-maxCredits').value.trim();
  if (maxCredits !== '') {
    const micro = toMicro(maxCredits);
    if (Number.isNaN(micro)) errors.push({field: 'maxCredits', message: 'must be an amount of credits, e.g. 2.5'});
    else body.maxCredits = micro;
  }
  return {body, errors};
}

function clearErrors(form, formError) {
  for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  formError.hidden = true;
  formError.textContent = '';
}

/** Each error at its field; one whose field is not on the form (or has none) above the button. */
function showErrors(form, formError, errors, problem) {
  const elsewhere = [];
  for (const {field: path, message} of errors) {
    const at = path && form.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
    if (at) {
      at.textContent = at.textContent ? at.textContent + '; ' + message : message;
      const control = form.querySelector(`[data-field="${CSS.escape(path)}"]:not(.field)`);
      if (control) control.setAttribute('aria-invalid', 'true');
    } else {
      elsewhere.push(path ? `${path} ${message}` : message);
    }
  }
  if (elsewhere.length || (problem && problem.status === 402)) {
    formError.hidden = false;
    formError.textContent = elsewhere.join('; ') || problem.message;
  }
  const first = form.querySelector('[aria-invalid="true"]');
  if (first) first.focus();
}
