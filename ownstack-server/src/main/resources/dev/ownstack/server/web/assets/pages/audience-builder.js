// The audience builder (#/audiences/new, #/audiences/NAME): the rule editor, the rule in plain
// words, and the live size, sample and SQL: ~300 ms after each change the definition is validated
// (POST /api/audiences/validate answers 200 either way) and, only when valid, previewed
// (POST /api/audiences/preview), so no error answer reaches the console. Editors save, duplicate
// and delete; viewers and audiences of ownstack.yml are read-only.
import {h, replace, field, table, number, text, ago} from '../dom.js';
import {api} from '../api.js';
import {RuleEditor} from './audience-rule.js';
import {sentence} from './audience-words.js';

const DEBOUNCE_MILLIS = 300;
const SAMPLE_ROWS = 10;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;
let pendingStart = null;

/** A definition the next #/audiences/new starts from (a recipe's, a copy's). */
export function startFrom(definition) {
  pendingStart = definition;
}

/** Whether a rule refers to the audience of that name, at any depth. */
export function refersTo(rule, name) {
  if (!rule || typeof rule !== 'object') {
    return false;
  }
  if (rule.audience === name) {
    return true;
  }
  return Object.values(rule).some(value => Array.isArray(value) ? value.some(item => refersTo(item, name)) : refersTo(value, name));
}

/** The audiences whose rules refer to this one (which the API will not let it be deleted from under). */
export function usedBy(audiences, name) {
  return audiences.filter(audience => audience.name !== name && refersTo(audience.definition.rule, name)).map(audience => audience.name);
}

/** A name not yet taken: vip_copy, vip_copy2, ... */
export function freeName(base, taken) {
  const stem = base.substring(0, 55);
  for (let i = 1; ; i++) {
    const name = stem + (i === 1 ? '_copy' : '_copy' + i);
    if (!taken.includes(name)) {
      return name;
    }
  }
}

/** Saves a copy of an audience under a free name and opens it. */
export async function duplicate(ctx, audience, taken) {
  const copy = Object.assign({}, audience.definition, {name: freeName(audience.name, taken)});
  await api('POST', '/api/audiences', copy);
  ctx.toast('Saved a copy as ' + copy.name + '.');
  ctx.navigate('audiences', copy.name);
}

/** A Delete button that asks once more in place; onConfirm runs on the second click. */
export function deleteButton(name, onConfirm) {
  const box = h('span', {class: 'confirm'});
  const ask = () => {
    const yes = h('button', {type: 'button', class: 'btn small danger', 'data-role': 'confirm-delete', onclick: onConfirm}, 'Delete ' + name);
    const no = h('button', {type: 'button', class: 'btn small', 'data-role': 'cancel-delete', onclick: idle}, 'Keep');
    replace(box, yes, no);
    yes.focus();
  };
  const idle = () => replace(box, h('button', {type: 'button', class: 'btn small danger', 'data-role': 'delete', onclick: ask}, 'Delete'));
  idle();
  return box;
}

export async function renderBuilder(main, ctx, name) {
  const [catalog, list, saved] = await Promise.all([api('GET', '/api/catalog'), api('GET', '/api/audiences'),
    name ? api('GET', '/api/audiences/' + encodeURIComponent(name)) : Promise.resolve(null)]);
  if (!ctx.current()) {
    return;
  }
  const start = saved ? saved.definition : (pendingStart || {rule: {all: []}});
  pendingStart = null;
  const definition = JSON.parse(JSON.stringify(start));
  const editable = ctx.can('editor') && (!saved || saved.editable);
  const taken = list.audiences.map(audience => audience.name);
  let timer = null;
  let ticket = 0;

  const nameInput = h('input', {id: 'audience-name', 'data-role': 'name', value: saved ? saved.name : (definition.name || ''), readonly: Boolean(saved),
    required: true, pattern: '[A-Za-z][A-Za-z0-9_-]*', maxlength: 63, autocomplete: 'off'});
  const nameProblem = h('p', {class: 'problem', id: 'audience-name-problem', 'data-role': 'name-problem'});
  const description = h('input', {id: 'audience-description', 'data-role': 'description', value: definition.description || ''});
  const words = h('p', {class: 'words', id: 'audience-words', 'data-role': 'words', 'aria-live': 'polite'});
  const size = h('p', {class: 'size', id: 'audience-size', 'data-role': 'size'});
  const status = h('p', {class: 'muted', id: 'audience-status', 'aria-live': 'polite'});
  const problems = h('ul', {class: 'problem', id: 'audience-problems', 'data-role': 'problems'});
  const sample = h('div', {id: 'audience-sample', 'data-role': 'sample'});
  const sql = h('pre', {id: 'audience-sql', 'data-role': 'sql'});
  const preview = h('section', {class: 'card preview', 'aria-labelledby': 'preview-title', id: 'audience-preview', 'data-state': 'counting'},
    h('h2', {id: 'preview-title'}, 'Who is in it'), words, size, status, problems, sample,
    h('details', {class: 'sql'}, h('summary', {}, 'SQL (read-only)'), sql));
  const editor = new RuleEditor(catalog, definition.rule, {editable, self: saved ? saved.name : null, onChange: () => schedule()});

  /** The definition as it is now: a copy, so that edits made while a request is on its way do not change what it sends next. */
  function current() {
    const body = JSON.parse(JSON.stringify(Object.assign({}, definition, {rule: editor.rule(), description: description.value})));
    delete body.name;
    const typed = nameInput.value.trim();
    return typed ? Object.assign({name: typed}, body) : body;
  }

  function schedule() {
    words.textContent = sentence(editor.rule());
    preview.setAttribute('data-state', 'counting');
    status.textContent = 'Counting…';
    clearTimeout(timer);
    timer = setTimeout(refresh, DEBOUNCE_MILLIS);
  }

  function showProblems(errors) {
    replace(nameProblem);
    const left = editor.showProblems(errors).filter(error => {
      if (error.path === 'name') {
        nameProblem.textContent = error.message;
        return false;
      }
      return true;
    });
    replace(problems, left.map(error => h('li', {}, (error.path ? error.path + ': ' : '') + error.message)));
  }

  async function refresh() {
    const mine = ++ticket;
    const body = current();
    try {
      const answer = await api('POST', '/api/audiences/validate', body);
      if (mine !== ticket || !ctx.current()) {
        return;
      }
      showProblems(answer.valid ? [] : answer.errors);
      if (!answer.valid) {
        preview.setAttribute('data-state', 'invalid');
        size.textContent = 'Fix the problems to see who is in it.';
        status.textContent = '';
        replace(sample);
        sql.textContent = '';
        return;
      }
      sql.textContent = answer.sql;
      const result = await api('POST', '/api/audiences/preview', {definition: body, sample: {limit: SAMPLE_ROWS}});
      if (mine !== ticket || !ctx.current()) {
        return;
      }
      const members = result.size.members;
      const customers = result.size.customers;
      const share = customers > 0 ? ' (' + (100 * members / customers).toFixed(1) + '%)' : '';
      size.textContent = number(members) + ' of ' + number(customers) + ' customers' + share;
      size.setAttribute('data-members', String(members));
      status.textContent = 'Counted in ' + result.elapsedMillis + ' ms.';
      const columns = result.sample.columns.map((column, index) => ({label: column.name, numeric: ['bigint', 'double', 'decimal'].includes(column.type),
        value: row => text(row[index])}));
      replace(sample, table(columns, result.sample.rows, {caption: 'The first ' + SAMPLE_ROWS + ' members', empty: 'No members.'}));
      preview.setAttribute('data-state', 'ready');
    } catch (e) {
      if (mine === ticket && ctx.current()) {
        preview.setAttribute('data-state', 'failed');
        status.textContent = 'The preview failed: ' + e.message;
      }
    }
  }

  async function save() {
    const body = current();
    if (!saved) {
      if (!NAME.test(body.name || '')) {
        nameProblem.textContent = 'Give a name: letters, digits, _ and -, starting with a letter, at most 63 characters.';
        nameInput.focus();
        return;
      }
      if (taken.includes(body.name)) {
        nameProblem.textContent = 'There is an audience "' + body.name + '" already; choose another name.';
        nameInput.focus();
        return;
      }
    }
    const check = await api('POST', '/api/audiences/validate', body);
    if (!check.valid) {
      showProblems(check.errors);
      ctx.toast('The audience has problems; it was not saved.', 'error');
      return;
    }
    if (saved) {
      delete body.name;
      await api('PUT', '/api/audiences/' + encodeURIComponent(saved.name), body);
      ctx.toast('Saved ' + saved.name + '.');
    } else {
      await api('POST', '/api/audiences', body);
      ctx.toast('Saved ' + body.name + '.');
      ctx.navigate('audiences', body.name);
    }
  }

  const users = saved ? usedBy(list.audiences, saved.name) : [];
  const actions = h('div', {class: 'toolbar'},
    editable ? h('button', {type: 'button', class: 'btn primary', id: 'audience-save', 'data-role': 'save', onclick: () => save().catch(e => ctx.toast(e.message, 'error'))},
      saved ? 'Save changes' : 'Save audience') : null,
    saved && ctx.can('editor') ? h('button', {type: 'button', class: 'btn', id: 'audience-duplicate', 'data-role': 'duplicate',
      onclick: () => duplicate(ctx, {name: saved.name, definition: current()}, taken).catch(e => ctx.toast(e.message, 'error'))}, 'Duplicate') : null,
    saved && editable && users.length === 0 ? deleteButton(saved.name, () => api('DELETE', '/api/audiences/' + encodeURIComponent(saved.name))
      .then(() => { ctx.toast('Deleted ' + saved.name + '.'); ctx.navigate('audiences'); }).catch(e => ctx.toast(e.message, 'error'))) : null,
    saved && editable && users.length > 0 ? h('span', {class: 'muted'}, 'Used by ' + users.join(', ') + ', so it cannot be deleted.') : null,
    h('a', {href: '#/audiences', class: 'btn'}, 'All audiences'));
  nameInput.addEventListener('input', schedule);
  description.addEventListener('input', schedule);

  const origin = saved ? h('p', {class: 'muted', id: 'audience-origin'}, 'From ' + saved.origin + (saved.updatedAt ? ', changed ' + ago(saved.updatedAt) : '')
    + (saved.latestRun ? '; last computed ' + ago(saved.latestRun.computedAt) + ' with ' + number(saved.latestRun.size) + ' members' : '; never computed')
    + (saved.editable ? '' : ' (read-only here: change it in ownstack.yml)') + '.') : null;
  const form = h('fieldset', {class: 'plain', disabled: !editable},
    h('legend', {class: 'visually-hidden'}, 'The audience'),
    h('div', {class: 'row'}, h('div', {class: 'grow'}, field('Name', nameInput), nameProblem), h('div', {class: 'grow wide'}, field('Description', description))),
    h('h2', {}, 'Customers who match'), editor.element);
  replace(main,
    h('h1', {}, saved ? 'Audience ' + saved.name : 'New audience'),
    origin,
    ctx.can('editor') ? actions : h('div', {class: 'toolbar'}, h('a', {href: '#/audiences', class: 'btn'}, 'All audiences')),
    h('div', {class: 'builder'}, h('section', {class: 'card', 'aria-label': 'Rule'}, form), preview));
  schedule();
  ctx.onLeave(() => {
    clearTimeout(timer);
    ticket++;
  });
}
