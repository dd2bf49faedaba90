// Syncs: the list with last and next run; a sync's page with its definition, a dry-run preview of
// what a run would add, change and remove, "Run now", the run history with per-record errors and
// approval of a run a guardrail stopped; and the form that creates or changes a sync saved through
// the API (audience, destination, field mapping, mode, schedule read back in plain words).
// Syncs of ownstack.yml are read-only here; viewers see no controls that change anything.
import {h, replace, field, table, number, ago, time, text, uid} from '../dom.js';
import {api, ApiError} from '../api.js';
import {describe} from './cron.js';

const STATUS = {succeeded: 'ok', approved: 'ok', partial: 'warn', awaiting_approval: 'warn', failed: 'bad', abandoned: 'bad', running: 'info'};
const MODES = {
  upsert: 'upsert: send customers who joined or whose fields changed',
  mirror: 'mirror: as upsert, and remove customers who left',
  add: 'add: send only customers who joined',
  update: 'update: only change records the destination has',
};

function statusBadge(status) {
  return h('span', {class: ['badge', STATUS[status] || 'info']}, status.replace('_', ' '));
}

function triggerWords(sync) {
  if (sync.trigger.type === 'schedule') {
    return describe(sync.trigger.schedule) || sync.trigger.schedule;
  }
  return sync.trigger.type === 'after-build' ? 'after each build' : 'only when run';
}

function sourceWords(sync) {
  return sync.source.audience !== undefined ? sync.source.audience : 'a query';
}

async function list(main, ctx) {
  const {syncs} = await api('GET', '/api/syncs');
  if (!ctx.current()) {
    return;
  }
  main.appendChild(h('div', {class: 'spread'}, h('h1', {}, 'Syncs'),
    ctx.can('editor') ? h('a', {class: 'btn primary', href: '#/syncs?new=1', id: 'new-sync'}, 'New sync') : null));
  main.appendChild(h('section', {class: 'card'}, table([
    {label: 'Sync', value: s => h('a', {href: '#/syncs/' + encodeURIComponent(s.name)}, s.name)},
    {label: 'Audience', value: sourceWords},
    {label: 'Destination', value: s => h('a', {href: '#/destinations/' + encodeURIComponent(s.destination)}, s.destination)},
    {label: 'Mode', value: s => s.mode},
    {label: 'Runs', value: triggerWords},
    {label: 'Last run', value: s => s.lastRun ? h('span', {}, statusBadge(s.lastRun.status), ' ', ago(s.lastRun.startedAt)) : 'never'},
    {label: 'Next run', value: s => s.nextRunAt ? ago(s.nextRunAt) : '—'},
    {label: 'Defined in', value: s => s.editable ? h('span', {class: 'badge info'}, 'saved here') : h('span', {class: 'badge'}, 'ownstack.yml')},
  ], syncs, {empty: 'No syncs yet.', caption: 'Audiences kept in step with destinations'})));
}

function records(title, list, total) {
  const fields = [...new Set(list.flatMap(r => Object.keys(r.fields)))];
  return h('div', {class: 'scroll-x'}, h('h3', {}, title + ': ' + number(total) + (total > list.length ? ', the first ' + list.length + ' shown' : '')), table([{label: 'Key', value: r => r.key}, ...fields.map(f => ({label: f, value: r => text(r.fields[f])}))],
    list, {empty: 'None.'}));
}

async function detail(main, ctx, name) {
  const sync = await api('GET', '/api/syncs/' + encodeURIComponent(name));
  if (!ctx.current()) {
    return;
  }
  const editor = ctx.can('editor');
  main.appendChild(h('p', {}, h('a', {href: '#/syncs'}, '← Syncs')));
  main.appendChild(h('div', {class: 'spread'}, h('h1', {}, sync.name),
    editor && sync.editable ? h('a', {class: 'btn', href: '#/syncs/' + encodeURIComponent(sync.name) + '?edit=1', id: 'edit-sync'}, 'Edit') : null));
  main.appendChild(h('section', {class: 'card'}, table([{label: 'What', value: row => row[0]}, {label: 'Value', value: row => row[1]}], [
    ['Audience', sourceWords(sync)],
    ['Destination', h('a', {href: '#/destinations/' + encodeURIComponent(sync.destination)}, sync.destination)],
    ['Identifier', sync.identifier],
    ['Fields', Object.entries(sync.mapping).map(([to, from]) => from + ' → ' + to).join(', ')],
    ['Mode', MODES[sync.mode] || sync.mode],
    ['Runs', triggerWords(sync) + (sync.nextRunAt ? ' (next ' + time(sync.nextRunAt) + ')' : '')],
    ['Guardrail', 'stop for approval when more than ' + Math.round(sync.guardrails.maxChangeShare * 100) + '% of the records would change'
      + (sync.guardrails.allowEmptySource ? '' : ', or the audience is empty')],
    ['Defined in', sync.editable ? 'saved through the web app or the API' : 'ownstack.yml (change it there)'],
  ]), sync.problems.length ? h('ul', {}, sync.problems.map(p => h('li', {class: 'problem'}, p))) : null));

  const preview = h('div', {id: 'preview-result', role: 'status'});
  const dryRun = h('button', {class: 'btn', type: 'button', id: 'dry-run'}, 'Dry run');
  dryRun.addEventListener('click', async () => {
    dryRun.disabled = true;
    try {
      const answer = await api('GET', '/api/syncs/' + encodeURIComponent(name) + '/preview?sample=10');
      replace(preview, h('p', {id: 'planned'}, 'A run now would add ' + number(answer.planned.adds) + ', change ' + number(answer.planned.changes)
        + ' and remove ' + number(answer.planned.removes) + ' (the destination has ' + number(answer.planned.destinationRecords) + ').'),
      answer.guardrail ? h('p', {class: 'problem'}, 'It would stop for approval: ' + answer.guardrail) : null,
      h('div', {class: 'stack preview-records'}, records('Adds', answer.adds, answer.planned.adds),
        records('Changes', answer.changes, answer.planned.changes), records('Removes', answer.removes, answer.planned.removes)));
    } finally {
      dryRun.disabled = false;
    }
  });
  const tools = h('div', {class: 'toolbar'}, dryRun);
  const history = h('section', {class: 'card', 'aria-labelledby': 'sync-runs'});
  if (editor) {
    const runNow = h('button', {class: 'btn primary', type: 'button', id: 'run-now'}, 'Run now');
    runNow.addEventListener('click', async () => {
      runNow.disabled = true;
      try {
        const run = await api('POST', '/api/syncs/' + encodeURIComponent(name) + '/run');
        ctx.toast('Run ' + run.id + ' ' + run.status.replace('_', ' ') + ': ' + run.message, run.status === 'failed' ? 'error' : 'info');
        await drawHistory(history, ctx, name);
      } finally {
        runNow.disabled = false;
      }
    });
    tools.appendChild(runNow);
  }
  main.appendChild(h('section', {class: 'card', 'aria-labelledby': 'sync-preview'}, h('h2', {id: 'sync-preview'}, 'Preview and run'), tools, preview));
  main.appendChild(history);
  await drawHistory(history, ctx, name);
}

async function drawHistory(box, ctx, name) {
  const path = '/api/syncs/' + encodeURIComponent(name);
  // One request after the other: a DuckDB warehouse file is opened per request, and the server opens it one at a time anyway.
  const {runs} = await api('GET', path + '/runs?limit=20');
  const {errors} = await api('GET', path + '/errors?limit=100');
  if (!ctx.current()) {
    return;
  }
  const approve = run => {
    if (run.status !== 'awaiting_approval' || !ctx.can('editor')) {
      return null;
    }
    const button = h('button', {class: 'btn small', type: 'button', id: 'approve-' + run.id}, 'Approve and send');
    button.addEventListener('click', async () => {
      button.disabled = true;
      const approved = await api('POST', '/api/sync-runs/' + run.id + '/approve');
      ctx.toast('Run ' + approved.id + ' ' + approved.status.replace('_', ' ') + ': ' + approved.message);
      await drawHistory(box, ctx, name);
    });
    return button;
  };
  replace(box, h('h2', {id: 'sync-runs'}, 'Run history'), table([
    {label: 'Run', value: r => String(r.id)},
    {label: 'Status', value: r => statusBadge(r.status)},
    {label: 'Started', value: r => time(r.startedAt)},
    {label: 'Added', numeric: true, value: r => number(r.added)},
    {label: 'Changed', numeric: true, value: r => number(r.changed)},
    {label: 'Removed', numeric: true, value: r => number(r.removed)},
    {label: 'Failed', numeric: true, value: r => number(r.failed)},
    {label: 'Message', value: r => h('span', {}, r.message, r.errorSamples.length ? h('ul', {}, r.errorSamples.map(s => h('li', {class: 'problem'}, s))) : null)},
    {label: '', value: approve},
  ], runs, {empty: 'Never run.'}),
  h('h3', {class: 'gap-above'}, 'Records the destination rejected'), table([
    {label: 'Record', value: e => e.key}, {label: 'Operation', value: e => e.operation}, {label: 'Error', value: e => e.errorClass},
    {label: 'Message', value: e => e.message}, {label: 'Attempts', numeric: true, value: e => number(e.attempts)},
    {label: 'Last failed', value: e => time(e.lastFailedAt)},
  ], errors, {empty: 'None: every record was accepted.'}));
}

function mappingRow(rows, to, from) {
  const target = h('input', {id: uid('map-to'), class: 'map-to', value: to || '', autocomplete: 'off'});
  const source = h('input', {id: uid('map-from'), class: 'map-from', value: from || '', autocomplete: 'off', list: 'customer-columns'});
  const remove = h('button', {class: 'btn small', type: 'button', 'aria-label': 'Remove this field'}, 'Remove');
  const row = h('div', {class: 'row mapping'}, field('Destination field', target), h('span', {'aria-hidden': 'true'}, '←'),
    field('Source column', source), remove);
  remove.addEventListener('click', () => row.remove());
  rows.appendChild(row);
}

async function form(main, ctx, name) {
  const existing = name ? await api('GET', '/api/syncs/' + encodeURIComponent(name)) : null;
  const {audiences} = await api('GET', '/api/audiences');
  const {destinations} = await api('GET', '/api/destinations');
  if (!ctx.current()) {
    return;
  }
  main.appendChild(h('p', {}, h('a', {href: existing ? '#/syncs/' + encodeURIComponent(existing.name) : '#/syncs'}, existing ? '← ' + existing.name : '← Syncs')));
  main.appendChild(h('h1', {}, existing ? 'Edit ' + existing.name : 'New sync'));
  const nameInput = h('input', {id: 'sync-name', value: existing ? existing.name : '', readonly: Boolean(existing), autocomplete: 'off'});
  const audience = h('select', {id: 'sync-audience'}, audiences.map(a => h('option', {value: a.name,
    selected: existing && existing.source.audience === a.name}, a.name)));
  const destination = h('select', {id: 'sync-destination'}, destinations.map(d => h('option', {value: d.name,
    selected: existing && existing.destination === d.name}, d.name + ' (' + d.type + ')')));
  const identifier = h('input', {id: 'sync-identifier', value: existing ? existing.identifier : 'customer_id', list: 'customer-columns'});
  const rows = h('div', {id: 'sync-mapping'});
  Object.entries(existing ? existing.mapping : {email: 'email'}).forEach(([to, from]) => mappingRow(rows, to, from));
  const addField = h('button', {class: 'btn small', type: 'button', id: 'add-field'}, 'Add a field');
  addField.addEventListener('click', () => {
    mappingRow(rows, '', '');
    rows.lastChild.querySelector('input').focus();
  });
  const mode = h('select', {id: 'sync-mode'}, Object.entries(MODES).map(([value, words]) =>
    h('option', {value, selected: existing ? existing.mode === value : value === 'upsert'}, words)));
  const trigger = h('select', {id: 'sync-trigger'}, [['manual', 'Only when run'], ['schedule', 'On a schedule'], ['after-build', 'After each build']]
    .map(([value, words]) => h('option', {value, selected: existing ? existing.trigger.type === value : value === 'manual'}, words)));
  const schedule = h('input', {id: 'sync-schedule', value: existing && existing.trigger.schedule ? existing.trigger.schedule : '0 6 * * *', autocomplete: 'off'});
  const reading = h('p', {class: 'hint', id: 'schedule-words', 'aria-live': 'polite'});
  const share = h('input', {id: 'sync-max-change', type: 'number', min: 0, max: 100, step: 1,
    value: String(Math.round((existing ? existing.guardrails.maxChangeShare : 0.2) * 100))});
  const allowEmpty = h('input', {id: 'sync-allow-empty', type: 'checkbox', checked: existing && existing.guardrails.allowEmptySource});
  const scheduleField = field('Schedule (cron, UTC)', schedule, 'minute hour day month weekday, such as 0 6 * * 1-5');
  scheduleField.appendChild(reading);
  const showSchedule = () => {
    scheduleField.hidden = trigger.value !== 'schedule';
    const words = describe(schedule.value);
    reading.textContent = words ? 'Runs ' + words + '.' : 'A schedule has five fields: minute hour day month weekday.';
  };
  trigger.addEventListener('change', showSchedule);
  schedule.addEventListener('input', showSchedule);
  showSchedule();
  const problems = h('div', {class: 'problem', role: 'alert', id: 'sync-problems'});
  const save = h('button', {class: 'btn primary', type: 'submit', id: 'save-sync'}, existing ? 'Save changes' : 'Save sync');
  const element = h('form', {class: 'card', id: 'sync-form', novalidate: true},
    h('datalist', {id: 'customer-columns'}, ['customer_id', 'email', 'first_name', 'last_name', 'phone', 'country', 'revenue', 'last_order_at']
      .map(column => h('option', {value: column}))),
    field('Name', nameInput, 'Letters, digits, _ and -; starts with a letter.'),
    h('div', {class: 'columns'}, field('Audience', audience), field('Destination', destination)),
    field('Identifier', identifier, 'The column of model.customers that names a record in the destination.'),
    h('fieldset', {}, h('legend', {}, 'Fields: destination field ← column of model.customers'), rows, addField),
    h('div', {class: 'columns'}, field('Mode', mode), field('Runs', trigger)), scheduleField,
    h('fieldset', {}, h('legend', {}, 'Guardrail'), field('Stop for approval when more than this % of records would change', share),
      h('div', {class: 'row'}, allowEmpty, h('label', {for: allowEmpty.id}, 'Allow an empty audience (else a run stops for approval)'))),
    problems, h('div', {class: 'toolbar'}, save));
  element.addEventListener('submit', async event => {
    event.preventDefault();
    const mapping = {};
    rows.querySelectorAll('.mapping').forEach(row => {
      const to = row.querySelector('.map-to').value.trim();
      const from = row.querySelector('.map-from').value.trim();
      if (to || from) {
        mapping[to] = from;
      }
    });
    const body = {name: nameInput.value.trim(), source: {audience: audience.value}, destination: destination.value,
      identifier: identifier.value.trim(), mapping, mode: mode.value,
      guardrails: {'max-change-share': Number(share.value) / 100, 'allow-empty-source': allowEmpty.checked}};
    if (trigger.value === 'schedule') {
      body.schedule = schedule.value.trim();
    } else {
      body.trigger = trigger.value;
    }
    save.disabled = true;
    try {
      const saved = existing ? await api('PUT', '/api/syncs/' + encodeURIComponent(existing.name), body) : await api('POST', '/api/syncs', body);
      ctx.toast('Saved sync ' + saved.name + '.');
      ctx.navigate('syncs', saved.name);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        throw e;
      }
      replace(problems, h('ul', {}, (e.problems.length ? e.problems : [{path: e.path, message: e.message}])
        .map(p => h('li', {}, (p.path ? p.path + ': ' : '') + p.message))));
      save.disabled = false;
    }
  });
  if (existing) {
    const remove = h('button', {class: 'btn danger', type: 'button', id: 'delete-sync'}, 'Delete');
    remove.addEventListener('click', async () => {
      if (confirm('Delete sync ' + existing.name + '? Its run history stays.')) {
        await api('DELETE', '/api/syncs/' + encodeURIComponent(existing.name));
        ctx.toast('Deleted sync ' + existing.name + '.');
        ctx.navigate('syncs');
      }
    });
    element.querySelector('.toolbar').appendChild(remove);
  }
  main.appendChild(element);
  (existing ? audience : nameInput).focus();
}

export default {
  title: 'Syncs',
  async render(main, ctx) {
    const editing = ctx.can('editor');
    if (ctx.params.length > 0 && ctx.query.get('edit') && editing) {
      await form(main, ctx, ctx.params[0]);
    } else if (ctx.params.length > 0) {
      await detail(main, ctx, ctx.params[0]);
    } else if (ctx.query.get('new') && editing) {
      await form(main, ctx, null);
    } else {
      await list(main, ctx);
    }
  },
};
