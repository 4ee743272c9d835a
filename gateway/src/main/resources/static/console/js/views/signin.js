// Signing in: the key is checked against the API before it is kept, in this tab's sessionStorage only (gone when
// the tab closes). The form never submits itself (the policy's form-action 'none'), so the key cannot end up in a URL.
import {ApiError, identify, session} from '../api.js';
import {h} from '../dom.js';

export function signInView({onSignedIn}) {
  const key = h('input', {
    id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'dcp_…', 'aria-describedby': 'api-key-error', required: true,
  });
  const error = h('p', {class: 'field-error', id: 'api-key-error', role: 'alert'});
  const button = h('button', {type: 'submit', id: 'sign-in-button'}, 'Sign in');
  const form = h('form', {id: 'sign-in', class: 'sign-in panel', novalidate: true},
    h('h1', {}, 'Sign in'),
    h('p', {class: 'hint'}, 'With a tenant\'s API key or the operator\'s admin key. It is kept in this tab only.'),
    h('label', {for: 'api-key'}, 'API key'), key, error, button);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    key.removeAttribute('aria-invalid');
    const value = key.value.trim();
    if (!value) {
      fail('Paste your API key.');
      return;
    }
    button.disabled = true;
    try {
      const found = await identify(value);
      session.signIn(value);
      onSignedIn(found);
    } catch (e) {
      fail(e instanceof ApiError && e.status === 401 ? 'This API key is not valid.' : e.message);
    } finally {
      button.disabled = false;
    }
  });

  function fail(message) {
    error.textContent = message;
    key.setAttribute('aria-invalid', 'true');
    key.focus();
  }

  queueMicrotask(() => key.focus());
  return h('div', {class: 'page narrow'}, form);
}
