// Destinations: the list with each one's problems; a form generated from the connector type's
// settings spec (GET /api/destination-types) to create or change one saved through the API, with
// secrets as password inputs that are never filled back ("leave empty to keep"); "Test connection"
// checks the settings on the form before they are saved. Destinations of ownstack.yml are read-only.
import {h, replace, field, table} from '../dom.js';
import {api, ApiError} from '../api.js';

function editableBadge(destination) {
  return destination.editable ? h('span', {class: 'badge info'}, 'saved here') : h('span', {class: 'badge'}, 'ownstack.yml');
}

function problemsBadge(destination) {
  return destination.problems.length === 0 ? h('span', {class: 'badge ok'}, 'ok')
    : h('span', {class: 'badge bad', title: destination.problems.join('\n')}, destination.problems.length + ' problem' + (destination.problems.length === 1 ? '' : 's'));
}

async function list(main, ctx) {
  const {destinations} = await api('GET', '/api/destinations');
  if (!ctx.current()) {
    return;
  }
  main.appendChild(h('div', {class: 'spread'}, h('h1', {}, 'Destinations'),
    ctx.can('editor') ? h('a', {class: 'btn primary', href: '#/destinations?new=1', id: 'new-destination'}, 'New destination') : null));
  main.appendChild(h('section', {class: 'card'}, table([
    {label: 'Destination', value: d => h('a', {href: '#/destinations/' + encodeURIComponent(d.name)}, d.name)},
    {label: 'Type', value: d => d.type},
    {label: 'Syncs', value: d => d.syncs.length ? d.syncs.join(', ') : '—'},
    {label: 'Settings', value: d => problemsBadge(d)},
    {label: 'Defined in', value: d => editableBadge(d)},
  ], destinations, {empty: 'No destinations yet.', caption: 'Where syncs send audiences'})));
  const problems = destinations.filter(d => d.problems.length > 0);
  if (problems.length > 0) {
    main.appendChild(h('section', {class: 'card stack', 'aria-labelledby': 'destination-problems'},
      h('h2', {id: 'destination-problems'}, 'Problems'),
      problems.map(d => h('div', {}, h('h3', {}, d.name), h('ul', {}, d.problems.map(p => h('li', {class: 'problem'}, p)))))));
  }
}

/** The control of one setting of the spec; secret ones never show a value. */
function control(setting, value, saved) {
  const id = 'setting-' + setting.name;
  if (setting.secret) {
    return h('input', {id, type: 'password', autocomplete: 'new-password', 'data-setting': setting.name,
      placeholder: saved ? 'set; leave empty to keep' : ''});
  }
  if (setting.type === 'enum' || setting.type === 'boolean') {
    const options = setting.type === 'enum' ? setting.options : ['true', 'false'];
    const current = value === undefined || value === null ? '' : String(value);
    return h('select', {id, 'data-setting': setting.name},
      h('option', {value: ''}, setting.default !== null ? '(default: ' + setting.default + ')' : '(not set)'),
      options.map(option => h('option', {value: option, selected: option === current}, option)));
  }
  if (setting.type === 'string_list' || setting.type === 'string_map') {
    const lines = Array.isArray(value) ? value.join('\n')
      : value && typeof value === 'object' ? Object.entries(value).map(([k, v]) => k + ': ' + v).join('\n') : '';
    return h('textarea', {id, 'data-setting': setting.name, rows: 3, value: lines});
  }
  const numeric = setting.type === 'integer' || setting.type === 'number';
  return h('input', {id, type: numeric ? 'number' : 'text', step: setting.type === 'number' ? 'any' : null, 'data-setting': setting.name,
    value: value === undefined || value === null ? '' : String(value), placeholder: setting.default !== null ? String(setting.default) : ''});
}

/** The settings on the form, as the API takes them; empty controls are left out (defaults, kept secrets). */
function collect(form, type) {
  const settings = {};
  for (const setting of type.settings) {
    const element = form.querySelector('[data-setting="' + setting.name + '"]');
    const raw = element ? element.value.trim() : '';
    if (raw === '') {
      continue;
    }
    if (setting.type === 'integer') {
      settings[setting.name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    } else if (setting.type === 'number') {
      settings[setting.name] = isNaN(Number(raw)) ? raw : Number(raw);
    } else if (setting.type === 'boolean') {
      settings[setting.name] = raw === 'true';
    } else if (setting.type === 'string_list') {
      settings[setting.name] = raw.split('\n').map(line => line.trim()).filter(Boolean);
    } else if (setting.type === 'string_map') {
      settings[setting.name] = Object.fromEntries(raw.split('\n').filter(line => line.includes(':'))
        .map(line => [line.substring(0, line.indexOf(':')).trim(), line.substring(line.indexOf(':') + 1).trim()]));
    } else {
      settings[setting.name] = raw;
    }
  }
  return settings;
}

function showProblems(box, form, problems) {
  form.querySelectorAll('[aria-invalid]').forEach(element => element.removeAttribute('aria-invalid'));
  replace(box, problems.length ? h('ul', {}, problems.map(p => h('li', {}, p.path ? p.path + ': ' + p.message : p.message || p))) : null);
  for (const problem of problems) {
    const name = (problem.path || String(problem).split(':')[0]).split('.')[2];
    const element = name && form.querySelector('[data-setting="' + name + '"]');
    if (element) {
      element.setAttribute('aria-invalid', 'true');
    }
  }
}

async function editor(main, ctx, name) {
  const {types} = await api('GET', '/api/destination-types');
  const existing = name ? await api('GET', '/api/destinations/' + encodeURIComponent(name)) : null;
  if (!ctx.current()) {
    return;
  }
  const editable = ctx.can('editor') && (!existing || existing.editable);
  main.appendChild(h('p', {}, h('a', {href: '#/destinations'}, '← Destinations')));
  main.appendChild(h('h1', {}, existing ? existing.name : 'New destination'));
  if (existing) {
    main.appendChild(h('p', {class: 'row'}, existing.type, ' ', editableBadge(existing), ' ', problemsBadge(existing),
      existing.syncs.length ? ' used by ' + existing.syncs.join(', ') : ''));
  }
  if (!editable) {
    main.appendChild(h('section', {class: 'card'}, table([
      {label: 'Setting', value: row => row[0]}, {label: 'Value', value: row => typeof row[1] === 'object' ? JSON.stringify(row[1]) : String(row[1])},
    ], Object.entries(existing.settings), {caption: 'Settings (secrets are never shown)'}),
    existing.problems.length ? h('ul', {}, existing.problems.map(p => h('li', {class: 'problem'}, p))) : null,
    existing.editable ? null : h('p', {class: 'muted'}, 'Defined in ownstack.yml: change it there.')));
  }
  const result = h('div', {id: 'check-result', role: 'status'});
  if (!editable) {
    if (ctx.can('editor')) {
      const test = h('button', {class: 'btn', type: 'button', id: 'test-connection'}, 'Test connection');
      test.addEventListener('click', async () => {
        test.disabled = true;
        try {
          showCheck(result, await api('POST', '/api/destinations/' + encodeURIComponent(existing.name) + '/check'));
        } finally {
          test.disabled = false;
        }
      });
      main.appendChild(h('div', {class: 'toolbar'}, test));
      main.appendChild(result);
    }
    return;
  }
  const typeSelect = h('select', {id: 'destination-type', disabled: Boolean(existing)},
    types.map(t => h('option', {value: t.type, selected: existing ? t.type === existing.type : t.type === 'webhook'}, t.type + ' — ' + t.description)));
  const nameInput = h('input', {id: 'destination-name', required: true, value: existing ? existing.name : '', readonly: Boolean(existing),
    pattern: '[A-Za-z][A-Za-z0-9_-]{0,62}', autocomplete: 'off'});
  const settingsBox = h('fieldset', {}, h('legend', {}, 'Settings'));
  const problems = h('div', {class: 'problem', role: 'alert', id: 'destination-problems'});
  const form = h('form', {class: 'card', id: 'destination-form', novalidate: true},
    field('Name', nameInput, 'Letters, digits, _ and -; starts with a letter.'), field('Type', typeSelect), settingsBox, problems);
  const type = () => types.find(t => t.type === typeSelect.value);
  const drawSettings = () => {
    const spec = type();
    replace(settingsBox, h('legend', {}, 'Settings of a ' + spec.type + ' destination'), spec.settings.map(setting => {
      const value = existing && existing.type === spec.type ? existing.settings[setting.name] : undefined;
      const saved = value !== undefined && setting.secret;
      const described = setting.description.endsWith('.') ? setting.description : setting.description + '.';
      const hint = described + (setting.default !== null ? ' Default: ' + JSON.stringify(setting.default) + '.' : '')
        + (setting.type === 'string_map' ? ' One "key: value" a line.' : setting.type === 'string_list' ? ' One a line.' : '')
        + (setting.secret ? ' Write-only: never shown again' + (saved ? '; set, leave empty to keep.' : '.') : '');
      return field(setting.name + (setting.required ? ' (required)' : ''), control(setting, value, saved), hint);
    }));
  };
  typeSelect.addEventListener('change', drawSettings);
  drawSettings();
  const body = () => ({name: nameInput.value.trim(), type: typeSelect.value, settings: collect(form, type())});
  const test = h('button', {class: 'btn', type: 'button', id: 'test-connection'}, 'Test connection');
  test.addEventListener('click', async () => {
    test.disabled = true;
    try {
      const answer = await api('POST', '/api/destinations/check', body());
      showCheck(result, answer);
      showProblems(problems, form, answer.problems);
    } finally {
      test.disabled = false;
    }
  });
  const save = h('button', {class: 'btn primary', type: 'submit', id: 'save-destination'}, existing ? 'Save changes' : 'Save destination');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    save.disabled = true;
    try {
      const saved = existing ? await api('PUT', '/api/destinations/' + encodeURIComponent(existing.name), body())
        : await api('POST', '/api/destinations', body());
      ctx.toast('Saved destination ' + saved.name + '.');
      ctx.navigate('destinations', saved.name);
    } catch (e) {
      if (!(e instanceof ApiError)) {
        throw e;
      }
      showProblems(problems, form, e.problems.length ? e.problems : [{path: e.path, message: e.message}]);
      save.disabled = false;
    }
  });
  const actions = h('div', {class: 'toolbar'}, save, test);
  if (existing) {
    const remove = h('button', {class: 'btn danger', type: 'button', id: 'delete-destination', disabled: existing.syncs.length > 0,
      title: existing.syncs.length ? 'Used by ' + existing.syncs.join(', ') : null}, 'Delete');
    remove.addEventListener('click', async () => {
      if (confirm('Delete destination ' + existing.name + '?')) {
        await api('DELETE', '/api/destinations/' + encodeURIComponent(existing.name));
        ctx.toast('Deleted destination ' + existing.name + '.');
        ctx.navigate('destinations');
      }
    });
    actions.appendChild(remove);
  }
  form.appendChild(actions);
  form.appendChild(result);
  main.appendChild(form);
}

function showCheck(box, answer) {
  replace(box, h('p', {}, h('span', {class: ['badge', answer.ok ? 'ok' : 'bad']}, answer.ok ? 'connected' : 'not connected'), ' ', answer.message),
    answer.problems.length ? h('ul', {}, answer.problems.map(p => h('li', {class: 'problem'}, p))) : null);
}

export default {
  title: 'Destinations',
  async render(main, ctx) {
    if (ctx.params.length > 0) {
      await editor(main, ctx, ctx.params[0]);
    } else if (ctx.query.get('new') && ctx.can('editor')) {
      await editor(main, ctx, null);
    } else {
      await list(main, ctx);
    }
  },
};
