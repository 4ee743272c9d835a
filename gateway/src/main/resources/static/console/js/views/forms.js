// The small forms of the account and admin views: labelled fields, the API's field errors at their fields.
import {ApiError} from '../api.js';
import {h} from '../dom.js';

/**
 * A form posting what read() builds from its fields; fields are [{name, label, control, hint}] where name is the
 * API's field name (a 400's errors[].field). done(answer) shows the outcome.
 */
export function apiForm({id, title, fields, submitLabel, read, send, done}) {
  const general = h('p', {class: 'error', role: 'alert', hidden: true});
  const button = h('button', {type: 'submit'}, submitLabel);
  const form = h('form', {id, class: 'form', novalidate: true}, title ? h('h3', {}, title) : null,
    fields.map(({name, label, control, hint}) => {
      control.id = control.id || `${id}-${name}`;
      control.name = name;
      control.setAttribute('aria-describedby', control.id + '-error');
      return h('div', {class: 'field', 'data-field': name}, h('label', {for: control.id}, label), control,
        hint ? h('p', {class: 'hint'}, hint) : null,
        h('p', {class: 'field-error', id: control.id + '-error', 'data-error-for': name, role: 'alert'}));
    }),
    general, button);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
    general.hidden = true;
    const values = Object.fromEntries(fields.map(({name, control}) => [name, control.value.trim()]));
    const {body, errors = []} = read(values);
    if (errors.length) {
      show(errors);
      return;
    }
    button.disabled = true;
    try {
      await done(await send(body));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      show(e.fieldErrors.length ? e.fieldErrors : [{field: null, message: e.message}]);
    } finally {
      button.disabled = false;
    }
  });

  function show(errors) {
    const elsewhere = [];
    for (const {field, message} of errors) {
      const at = field && form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (at) at.textContent = message;
      else elsewhere.push(field ? field + ' ' + message : message);
    }
    general.hidden = elsewhere.length === 0;
    general.textContent = elsewhere.join('; ');
  }
  return form;
}

export function input(attrs = {}) {
  return h('input', {type: 'text', spellcheck: 'false', ...attrs});
}
