// The console's shell: who is signed in, the nav, and which view a #/path shows. Views render into <main> and
// get an AbortSignal that fires when the user navigates away (it stops their streams and polls).
import {ApiError, identify, session} from './api.js';
import {errorBox, h, replace} from './dom.js';
import {signInView} from './views/signin.js';
import {jobsView, jobView} from './views/jobs.js';
import {submitView} from './views/submit.js';
import {workersView} from './views/workers.js';
import {objectsView, objectView} from './views/objects.js';
import {chainView, blockView, transactionView} from './views/chain.js';
import {accountView} from './views/account.js';
import {adminView} from './views/admin.js';

const main = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const signOutButton = document.getElementById('sign-out');

/** {role: 'admin'} or {role: 'consumer'|'provider', account}, found out once per page load. */
let identity = null;
let leaving = new AbortController();

const ROUTES = [
  [/^\/jobs$/, 'jobs', () => jobsView],
  [/^\/jobs\/([^/]+)$/, 'jobs', () => jobView],
  [/^\/submit$/, 'submit', () => submitView],
  [/^\/workers$/, 'workers', () => workersView],
  [/^\/objects$/, 'objects', () => objectsView],
  [/^\/objects\/([^/]+)$/, 'objects', () => objectView],
  [/^\/chain$/, 'chain', () => chainView],
  [/^\/chain\/blocks\/(\d+)$/, 'chain', () => blockView],
  [/^\/chain\/transactions\/([0-9a-fA-F]+)$/, 'chain', () => transactionView],
  [/^\/account$/, 'account', () => accountView],
  [/^\/admin$/, 'admin', () => adminView],
];

/** Signed in: the page asked for (a link followed before signing in), else the jobs. */
function signedIn(found) {
  identity = found;
  render();
}

function signOut() {
  session.signOut();
  identity = null;
  location.hash = '';
  render();
}

function showChrome() {
  const signedInNow = identity !== null;
  nav.hidden = !signedInNow;
  signOutButton.hidden = !signedInNow;
  if (!signedInNow) {
    replace(who);
    return;
  }
  const tenant = identity.role !== 'admin';
  for (const link of nav.querySelectorAll('a[data-for]')) {
    link.hidden = link.dataset.for !== (tenant ? 'tenant' : 'admin');
  }
  replace(who, tenant
    ? [h('strong', {id: 'who-name'}, identity.account.name), ' ', h('span', {class: 'role'}, identity.role)]
    : [h('strong', {id: 'who-name'}, 'admin'), ' ', h('span', {class: 'role'}, 'operator')]);
}

async function render() {
  leaving.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  if (identity === null && session.key()) {
    try {
      identity = await identify(session.key());
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) session.signOut(); // a key that no longer works
      identity = null;
    }
  }
  showChrome();
  if (identity === null) {
    replace(main, signInView({onSignedIn: signedIn}));
    return;
  }
  const path = location.hash.replace(/^#/, '') || '/jobs';
  const route = ROUTES.find(([pattern]) => pattern.test(path));
  if (!route) {
    location.hash = '#/jobs';
    return;
  }
  const [pattern, section, view] = route;
  for (const link of nav.querySelectorAll('a')) link.classList.toggle('current', link.dataset.section === section);
  const args = path.match(pattern).slice(1).map(decodeURIComponent);
  const container = h('div', {class: 'page', 'data-view': section});
  replace(main, container);
  try {
    await view()(container, {args, identity, signal});
  } catch (e) {
    if (e.name === 'AbortError') return;
    container.append(errorBox(e));
  }
}

signOutButton.addEventListener('click', signOut);
window.addEventListener('hashchange', render);
render();
