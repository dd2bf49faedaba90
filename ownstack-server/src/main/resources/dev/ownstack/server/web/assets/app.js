// The shell of the web app: who is signed in, the navigation, and the hash router that loads one
// page module per section (#/audiences/vip → pages/audiences.js with params ['vip']).
import {h, replace} from './dom.js';
import {api, setCsrfToken, onSignedOut, ApiError} from './api.js';

/** The sections in the navigation, in order; each is a module exporting {title, render(main, ctx)}. */
const PAGES = [
  {section: 'overview', title: 'Overview', module: './pages/overview.js'},
  {section: 'dashboards', title: 'Dashboards', module: './pages/dashboards.js'},
  {section: 'audiences', title: 'Audiences', module: './pages/audiences.js'},
  {section: 'syncs', title: 'Syncs', module: './pages/syncs.js'},
  {section: 'destinations', title: 'Destinations', module: './pages/destinations.js'},
  {section: 'customers', title: 'Customers', module: './pages/customers.js'},
  {section: 'admin', title: 'Access', module: './pages/admin.js'},
];
const HOME = 'overview';
const RANKS = {viewer: 1, editor: 2, admin: 3};

const state = {user: null, role: null, leave: null, rendering: 0};

function meta(name) {
  const element = document.querySelector('meta[name="' + name + '"]');
  return element ? element.getAttribute('content') : null;
}

/** The route of the address: #/syncs/nightly?tab=runs → {section: 'syncs', params: ['nightly'], query}. */
function route() {
  const hash = location.hash.startsWith('#/') ? location.hash.substring(2) : '';
  const [path, search] = hash.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return {section: parts[0] || HOME, params: parts.slice(1), query: new URLSearchParams(search || '')};
}

/** Goes to a route: navigate('audiences', 'vip') → #/audiences/vip. */
export function navigate(...parts) {
  location.hash = '#/' + parts.map(encodeURIComponent).join('/');
}

/** A short message at the bottom of the window; kind 'error' stays until dismissed. */
export function toast(message, kind) {
  const box = document.getElementById('toasts');
  const close = h('button', {class: 'link', type: 'button', 'aria-label': 'Dismiss'}, '×');
  const item = h('div', {class: ['toast', kind || 'info'], role: kind === 'error' ? 'alert' : null}, h('span', {}, message), close);
  close.addEventListener('click', () => item.remove());
  box.appendChild(item);
  if (kind !== 'error') {
    setTimeout(() => item.remove(), 5000);
  }
}

function header() {
  const current = route().section;
  const top = document.getElementById('top');
  if (!state.user) {
    replace(top, h('div', {class: 'brand'}, h('img', {src: '/app/assets/logo.svg', alt: '', width: 24, height: 24}), 'ownstack'));
    return;
  }
  const signOut = h('button', {class: 'btn subtle', type: 'button', id: 'sign-out'}, 'Sign out');
  signOut.addEventListener('click', async () => {
    // The request takes the CSRF token now; the page forgets the user at once, so nothing drawn after this asks as them.
    const ending = api('DELETE', '/api/session').catch(() => null);
    signedOut();
    await ending;
  });
  replace(top,
    h('a', {class: 'brand', href: '#/' + HOME}, h('img', {src: '/app/assets/logo.svg', alt: '', width: 24, height: 24}), 'ownstack'),
    h('nav', {'aria-label': 'Sections'}, h('ul', {}, PAGES.filter(page => !page.role || can(page.role)).map(page =>
      h('li', {}, h('a', {href: '#/' + page.section, 'aria-current': page.section === current ? 'page' : null}, page.title))))),
    h('div', {class: 'who'}, h('span', {class: 'user', id: 'signed-in-user'}, state.user), h('span', {class: 'badge', id: 'signed-in-role'}, state.role), signOut));
}

/** Whether the signed-in user has at least the role: can('editor'). */
export function can(role) {
  return (RANKS[state.role] || 0) >= RANKS[role];
}

function signedOut() {
  state.user = null;
  state.role = null;
  setCsrfToken(null);
  render();
}

function signIn(main) {
  document.title = 'Sign in · ownstack';
  const name = h('input', {id: 'sign-in-name', name: 'username', autocomplete: 'username', required: true});
  const password = h('input', {id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true});
  const problem = h('p', {class: 'problem', role: 'alert', id: 'sign-in-problem'});
  const submit = h('button', {class: 'btn primary', type: 'submit', id: 'sign-in-submit'}, 'Sign in');
  const form = h('form', {class: 'sign-in card', 'aria-labelledby': 'sign-in-title'},
    h('h1', {id: 'sign-in-title'}, 'Sign in to ownstack'),
    h('div', {class: 'field'}, h('label', {for: name.id}, 'Name'), name),
    h('div', {class: 'field'}, h('label', {for: password.id}, 'Password'), password),
    problem, submit);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    submit.disabled = true;
    problem.textContent = '';
    try {
      const session = await api('POST', '/api/session', {name: name.value, password: password.value});
      state.user = session.user;
      state.role = session.role;
      setCsrfToken(session.csrfToken);
      render();
    } catch (e) {
      problem.textContent = e instanceof ApiError ? e.message : 'The server cannot be reached: ' + e.message;
      submit.disabled = false;
      password.select();
    }
  });
  replace(main, form);
  name.focus();
}

async function render() {
  const main = document.getElementById('main');
  if (state.leave) {
    state.leave();
    state.leave = null;
  }
  header();
  if (!state.user) {
    signIn(main);
    return;
  }
  const {section, params, query} = route();
  const page = PAGES.find(p => p.section === section);
  const ticket = ++state.rendering;
  if (!page || (page.role && !can(page.role))) {
    document.title = 'Not found · ownstack';
    replace(main, h('h1', {}, 'Nothing here'), h('p', {}, page ? 'This page needs the role ' + page.role + '.' : 'There is no page "' + section + '".'),
      h('p', {}, h('a', {href: '#/' + HOME}, 'Back to the overview')));
    return;
  }
  const module = (await import(page.module)).default;
  if (ticket !== state.rendering) {
    return;
  }
  document.title = module.title + ' · ownstack';
  const leaving = [];
  const context = {
    user: state.user, role: state.role, can, params, query, navigate, toast,
    /** A function to call when the user leaves the page (stop timers, abort requests). */
    onLeave: fn => leaving.push(fn),
    /** Whether the page is still the one shown (an answer that comes late must not draw over another page). */
    current: () => ticket === state.rendering,
  };
  state.leave = () => leaving.forEach(fn => fn());
  replace(main);
  try {
    await module.render(main, context);
  } catch (e) {
    if (ticket === state.rendering && !(e instanceof ApiError && e.status === 401)) {
      main.appendChild(h('p', {class: 'problem', role: 'alert'}, 'This page could not be shown: ' + e.message));
    }
  }
}

function start() {
  state.user = meta('ownstack-user');
  state.role = meta('ownstack-role');
  setCsrfToken(meta('ownstack-csrf'));
  onSignedOut(() => {
    if (state.user) {
      toast('Your session ended; sign in again.', 'error');
      signedOut();
    }
  });
  document.getElementById('skip').addEventListener('click', event => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  window.addEventListener('hashchange', () => {
    if (location.hash === '' || location.hash.startsWith('#/')) {
      render();
    }
  });
  render();
}

start();
