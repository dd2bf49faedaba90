// Access: everyone's own API keys (#/admin), and for admins the users (#/admin/users) and the
// audit log (#/admin/audit). The API refuses what the role may not do; viewers are not offered it.
import {h, table, time, ago, field, replace, text} from '../dom.js';
import {api, query, ApiError} from '../api.js';

const ROLES = ['viewer', 'editor', 'admin'];
const TABS = [
  {tab: '', label: 'API keys'},
  {tab: 'users', label: 'Users', admin: true},
  {tab: 'audit', label: 'Audit log', admin: true},
];
const AUDIT_PAGE = 50;

function tabs(ctx, current) {
  return h('nav', {class: 'tabs', 'aria-label': 'Access sections'}, h('ul', {},
    TABS.filter(t => !t.admin || ctx.can('admin')).map(t => h('li', {},
      h('a', {href: '#/admin' + (t.tab ? '/' + t.tab : ''), 'aria-current': t.tab === current ? 'page' : null}, t.label)))));
}

function problemOf(e) {
  return e instanceof ApiError ? e.message : 'The server cannot be reached: ' + e.message;
}

async function keys(main, ctx) {
  const path = '/api/users/' + encodeURIComponent(ctx.user) + '/keys';
  const shown = h('div', {id: 'new-key', role: 'status'});
  const list = h('div', {id: 'key-list'});
  const create = h('button', {class: 'btn primary', type: 'button', id: 'create-key'}, 'Create a key');
  const load = async () => {
    const answer = await api('GET', path);
    if (!ctx.current()) {
      return;
    }
    replace(list, table([
      {label: 'Key', value: k => h('code', {}, k.prefix + '…')},
      {label: 'Created', value: k => time(k.createdAt)},
      {label: 'Last used', value: k => ago(k.lastUsedAt)},
      {label: 'State', value: k => k.revokedAt ? h('span', {class: 'badge bad'}, 'revoked ' + ago(k.revokedAt)) : h('span', {class: 'badge ok'}, 'active')},
      {label: 'Action', value: k => k.revokedAt ? '' : h('button', {class: 'btn small danger', type: 'button', 'aria-label': 'Revoke key ' + k.prefix,
        onclick: async event => {
          event.target.disabled = true;
          try {
            await api('DELETE', path + '/' + encodeURIComponent(k.id));
            ctx.toast('Key ' + k.prefix + '… revoked.');
            await load();
          } catch (e) {
            ctx.toast(problemOf(e), 'error');
            event.target.disabled = false;
          }
        }}, 'Revoke')},
    ], answer.keys, {empty: 'You have no API keys.'}));
  };
  create.addEventListener('click', async () => {
    create.disabled = true;
    try {
      const key = await api('POST', path, {});
      replace(shown, h('div', {class: 'note'}, h('p', {}, h('strong', {}, 'Your new key, shown this once: '), 'copy it now.'),
        h('pre', {id: 'new-key-text'}, key.key)));
      await load();
    } catch (e) {
      ctx.toast(problemOf(e), 'error');
    } finally {
      create.disabled = false;
    }
  });
  main.appendChild(h('section', {class: 'card stack', 'aria-labelledby': 'keys-title'},
    h('div', {class: 'spread'}, h('h2', {id: 'keys-title'}, 'Your API keys'), create),
    h('p', {class: 'muted'}, 'A key acts as you, with your role, from scripts: send it as Authorization: Bearer KEY.'),
    shown, list));
  await load();
}

function roleSelect(id, value) {
  return h('select', {id}, ROLES.map(role => h('option', {value: role, selected: role === value}, role)));
}

async function users(main, ctx) {
  const list = h('div', {});
  const load = async () => {
    const answer = await api('GET', '/api/users');
    if (!ctx.current()) {
      return;
    }
    replace(list, table([
      {label: 'User', value: u => h('span', {class: 'user-name'}, u.name)},
      {label: 'Role', value: u => {
        const select = roleSelect('role-' + u.name, u.role);
        const wrapper = h('span', {}, h('label', {for: select.id, class: 'visually-hidden'}, 'Role of ' + u.name), select);
        select.addEventListener('change', () => change(u, {role: select.value}));
        return wrapper;
      }},
      {label: 'Created', value: u => time(u.createdAt)},
      {label: 'State', value: u => h('span', {class: ['badge', u.disabled ? 'bad' : 'ok']}, u.disabled ? 'disabled' : 'active')},
      {label: 'Action', value: u => u.name === ctx.user ? h('span', {class: 'muted'}, 'you') : h('button', {class: 'btn small', type: 'button',
        id: 'toggle-' + u.name, onclick: () => change(u, {disabled: !u.disabled})}, u.disabled ? 'Enable' : 'Disable')},
    ], answer.users, {empty: 'No users.'}));
  };
  const change = async (user, patch) => {
    try {
      await api('PATCH', '/api/users/' + encodeURIComponent(user.name), patch);
      ctx.toast(user.name + ': ' + Object.entries(patch).map(([k, v]) => k + ' ' + v).join(', '));
    } catch (e) {
      ctx.toast(problemOf(e), 'error');
    }
    await load();
  };
  const name = h('input', {id: 'new-user-name', autocomplete: 'off', required: true, maxlength: 100});
  const role = roleSelect('new-user-role', 'viewer');
  const password = h('input', {id: 'new-user-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12});
  const problem = h('p', {class: 'problem', role: 'alert', id: 'new-user-problem'});
  const form = h('form', {class: 'stack', 'aria-labelledby': 'new-user-title'},
    h('h3', {id: 'new-user-title'}, 'Add a user'),
    h('div', {class: 'row form-row'}, field('Name', name, 'Letters, digits and . _ @ + -'), field('Role', role),
      field('Password', password, 'At least 12 characters')),
    problem, h('button', {class: 'btn primary', type: 'submit', id: 'new-user-submit'}, 'Add user'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    problem.textContent = '';
    try {
      await api('POST', '/api/users', {name: name.value.trim(), role: role.value, password: password.value});
      ctx.toast('User ' + name.value.trim() + ' added as ' + role.value + '.');
      form.reset();
      await load();
    } catch (e) {
      problem.textContent = problemOf(e);
    }
  });
  main.appendChild(h('section', {class: 'card stack', 'aria-labelledby': 'users-title'},
    h('h2', {id: 'users-title'}, 'Users'), list, form));
  await load();
}

async function audit(main, ctx) {
  const actor = h('input', {id: 'audit-actor', value: ctx.query.get('actor') || '', autocomplete: 'off'});
  const action = h('input', {id: 'audit-action', value: ctx.query.get('action') || '', autocomplete: 'off'});
  const outcome = h('select', {id: 'audit-outcome'}, [['', 'any'], ['success', 'succeeded'], ['failed', 'refused or failed']].map(([value, label]) =>
    h('option', {value, selected: value === (ctx.query.get('outcome') || '')}, label)));
  const offset = Math.max(0, parseInt(ctx.query.get('offset') || '0', 10) || 0);
  const go = (at) => {
    location.hash = '#/admin/audit' + query({actor: actor.value.trim(), action: action.value.trim(), outcome: outcome.value, offset: at || null});
  };
  const form = h('form', {class: 'row form-row', role: 'search', 'aria-label': 'Audit log filters'},
    field('Actor', actor, 'Exactly, as recorded'), field('Action contains', action, 'user.create, sync.run, …'), field('Outcome', outcome),
    h('button', {class: 'btn', type: 'submit', id: 'audit-filter'}, 'Filter'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    go(0);
  });
  const page = await api('GET', '/api/audit' + query({limit: AUDIT_PAGE, offset: offset || null, actor: actor.value.trim() || null,
    action: action.value.trim() || null, outcome: outcome.value || null}));
  if (!ctx.current()) {
    return;
  }
  const entries = page.entries;
  const previous = h('button', {class: 'btn small', type: 'button', disabled: offset === 0, onclick: () => go(Math.max(0, offset - AUDIT_PAGE))}, 'Newer');
  const next = h('button', {class: 'btn small', type: 'button', disabled: offset + AUDIT_PAGE >= page.total, onclick: () => go(offset + AUDIT_PAGE)}, 'Older');
  main.appendChild(h('section', {class: 'card stack', 'aria-labelledby': 'audit-title'},
    h('h2', {id: 'audit-title'}, 'Audit log'), form,
    table([
      {label: 'When', value: e => time(e.at)},
      {label: 'Actor', value: e => e.actor},
      {label: 'Action', value: e => h('code', {}, e.action)},
      {label: 'Target', value: e => e.target || '—'},
      {label: 'Detail', value: e => e.detail && Object.keys(e.detail).length ? h('code', {class: 'detail'}, text(e.detail)) : '—'},
      {label: 'Outcome', value: e => h('span', {class: ['badge', e.outcome === 'success' ? 'ok' : 'bad']}, e.outcome)},
    ], entries, {empty: 'No entries match.'}),
    h('div', {class: 'spread'},
      h('span', {class: 'muted'}, page.total === 0 ? 'No entries.' : 'Entries ' + (offset + 1) + ' to ' + Math.min(offset + AUDIT_PAGE, page.total)
        + ' of ' + page.total),
      h('span', {class: 'row'}, previous, next))));
}

export default {
  title: 'Access',
  async render(main, ctx) {
    const tab = ctx.params[0] || '';
    const known = TABS.find(t => t.tab === tab);
    main.append(h('h1', {}, 'Access'), tabs(ctx, tab));
    if (!known || (known.admin && !ctx.can('admin'))) {
      main.appendChild(h('p', {class: 'problem', id: 'access-refused'}, known ? 'This page needs the role admin.' : 'There is no such page.'));
      return;
    }
    if (tab === 'users') {
      await users(main, ctx);
    } else if (tab === 'audit') {
      await audit(main, ctx);
    } else {
      await keys(main, ctx);
    }
  },
};
