// Customer 360: search a customer by any key (#/customers?q=...), then one customer's picture
// (#/customers/ID): golden record, traits and scores, identities and how they were resolved, recent
// events and transactions, and the audiences the customer is in.
import {h, table, number, time, ago, text, field} from '../dom.js';
import {api, query} from '../api.js';

const MATCHED = {customer_id: 'customer id', 'merged customer id': 'merged customer id', record: 'record', name: 'name'};
const STATUS = {linked: 'ok', blocked: 'bad', dropped: 'warn'};

function searchForm(ctx, value) {
  const input = h('input', {type: 'search', id: 'customer-search', name: 'q', value: value || '', autocomplete: 'off',
    placeholder: 'ann@example.com, +44 7911 123456, cus_…, Ann L'});
  const form = h('form', {class: 'row form-row customer-search', role: 'search', 'aria-label': 'Customer search'},
    field('Find a customer', input, 'A customer id, email, phone number, user id, anonymous id, source/record, or the start of a name'),
    h('button', {class: 'btn primary', type: 'submit', id: 'customer-search-submit'}, 'Search'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const q = input.value.trim();
    if (q) {
      location.hash = '#/customers' + query({q});
    } else {
      input.focus();
    }
  });
  return {form, input};
}

async function results(main, ctx, q) {
  const answer = await api('GET', '/api/customers' + query({q}));
  if (!ctx.current()) {
    return;
  }
  main.appendChild(h('section', {class: 'card', 'aria-labelledby': 'customer-results'},
    h('h2', {id: 'customer-results'}, answer.customers.length === 1 ? '1 customer' : answer.customers.length + ' customers'),
    table([
      {label: 'Customer', value: c => h('a', {href: '#/customers/' + encodeURIComponent(c.customer_id), class: 'customer-link'}, c.name || c.customer_id)},
      {label: 'Email', value: c => c.email || '—'},
      {label: 'Id', value: c => h('code', {}, c.customer_id)},
      {label: 'Matched', value: c => h('span', {}, h('span', {class: 'badge info'}, MATCHED[c.matched_key] || c.matched_key), ' ', c.matched_value)},
    ], answer.customers, {empty: 'No customer has "' + q + '" as an id, key value or name.'})));
}

function card(id, title, ...body) {
  return h('section', {class: 'card', 'aria-labelledby': id, id: id + '-section'}, h('h2', {id}, title), ...body);
}

function displayName(record) {
  const value = name => (record.find(c => c.name === name) || {}).value;
  const full = [value('first_name'), value('last_name')].filter(Boolean).join(' ');
  return full || value('name') || value('email') || null;
}

/** A column list as rows of name, value and type. */
function fields(columns, empty) {
  return table([
    {label: 'Field', value: c => c.name},
    {label: 'Value', value: c => /^timestamp/.test(c.type) ? h('span', {title: c.value}, time(c.value)) : text(c.value)},
    {label: 'Type', value: c => h('span', {class: 'muted'}, c.type)},
  ], columns, {empty});
}

/** One section of the identity explanation as a readable list, by its title; other titles as a table. */
function explainSection(section) {
  const rows = section.rows;
  const list = (items) => h('ul', {class: 'explain-list'}, items.map(item => h('li', {}, item)));
  let body;
  if (rows.length === 0) {
    body = h('p', {class: 'muted'}, 'None.');
  } else if (section.title.startsWith('Records of')) {
    body = list(rows.map(r => [h('code', {}, r[0] + '/' + r[1]), ' precedence ' + r[2] + (r[3] ? ', updated ' + time(r[3]) : '')]));
  } else if (section.title.startsWith('Links')) {
    body = list(rows.map(r => [h('strong', {}, r[0]), ' ', h('code', {}, r[1]), ' links ', r[2]]));
  } else if (section.title === 'Probabilistic links') {
    body = list(rows.map(r => [h('code', {}, r[0]), ' matches ', h('code', {}, r[1]), ' with probability ' + number(r[2])]));
  } else if (section.title === 'Dropped links') {
    body = list(rows.map(r => [h('code', {}, r[0]), ' was not linked to ', h('code', {}, r[3]), ' (', r[4] || '—', ') by ',
      h('strong', {}, r[1]), ' ', h('code', {}, r[2]), ': ', r[5]]));
  } else if (section.title === 'Blocked values') {
    body = list(rows.map(r => [h('strong', {}, r[0]), ' ', h('code', {}, r[1]), ' links nothing: ', r[3], ' (' + number(r[2]) + ' records)']));
  } else if (section.title === 'Id history') {
    body = list(rows.map(r => ['run ' + r[0] + ': ', h('code', {}, r[1] || '—'), ' ', r[3], ' → ', h('code', {}, r[2] || '—'),
      ' (' + number(r[4]) + ' records, ' + time(r[5]) + ')']));
  } else if (section.title === 'Keys') {
    body = h('details', {}, h('summary', {}, rows.length + ' key values'),
      table(section.columns.map((label, i) => ({label, value: r => i === 4 ? h('span', {class: ['badge', STATUS[r[i]]]}, r[i]) : text(r[i])})), rows));
  } else {
    body = table(section.columns.map((label, i) => ({label, value: r => text(r[i])})), rows);
  }
  return h('div', {class: 'explain-section'}, h('h3', {}, section.title), body);
}

/** Long text (event properties) cut to a line or two, the whole of it in the tooltip. */
function shorten(value) {
  if (value.length <= 40) {
    return value;
  }
  return value.length > 140 ? h('span', {title: value, class: 'wrap'}, value.substring(0, 140) + '…') : h('span', {class: 'wrap'}, value);
}

/** The latest rows of a model table, showing the columns named in `wanted` that it has (else its first six). */
function recent(answer, wanted, empty) {
  const indexes = wanted.map(name => answer.columns.indexOf(name)).filter(i => i >= 0);
  const shown = indexes.length ? indexes : answer.columns.slice(0, 6).map((_, i) => i);
  return table(shown.map(i => ({
    label: answer.columns[i].replace(/_/g, ' '),
    numeric: answer.rows.some(r => typeof r[i] === 'number'),
    value: r => /(_at|timestamp)$/.test(answer.columns[i]) ? time(r[i]) : shorten(text(r[i])),
  })), answer.rows, {empty});
}

async function profile(main, ctx, id) {
  const c = await api('GET', '/api/customers/' + encodeURIComponent(id));
  if (!ctx.current()) {
    return;
  }
  const record = c.golden_record;
  const title = displayName(record) || c.customer_id;
  main.appendChild(h('div', {class: 'spread customer-head'},
    h('h2', {id: 'customer-name', class: 'customer-name'}, title),
    h('code', {id: 'customer-id'}, c.customer_id)));
  if (c.merged_from) {
    main.appendChild(h('p', {class: 'note', role: 'status'}, h('code', {}, c.merged_from.customer_id),
      ' was merged into this customer by identity run ' + c.merged_from.run_id + ' (' + time(c.merged_from.changed_at) + ').'));
  }
  const scores = c.scores.map(s => ({name: s.name, value: s.value,
    type: s.model ? s.model + (s.version ? ' ' + s.version : '') + (s.scored_at ? ', ' + ago(s.scored_at) : '') : 'score'}));
  main.appendChild(h('div', {class: 'columns customer-grid'},
    card('customer-golden', 'Golden record', fields(record.filter(f => f.kind !== 'trait'), 'No columns.')),
    card('customer-traits', 'Traits and scores',
      fields(record.filter(f => f.kind === 'trait'), 'No traits configured.'),
      h('h3', {class: 'sub'}, 'Scores'),
      table([{label: 'Score', value: s => s.name}, {label: 'Value', value: s => text(s.value)}, {label: 'Model', value: s => h('span', {class: 'muted'}, s.type)}],
        scores, {empty: 'Not scored.'})),
    card('customer-audiences', 'Audiences',
      table([
        {label: 'Audience', value: a => h('a', {href: '#/audiences/' + encodeURIComponent(a.audience)}, a.audience)},
        {label: 'Members', numeric: true, value: a => number(a.size)},
        {label: 'Computed', value: a => h('span', {title: time(a.computed_at)}, ago(a.computed_at))},
      ], c.audiences, {empty: 'In no audience at its latest computation.'})),
    card('customer-identities', 'Identities',
      table([
        {label: 'Key', value: i => i.key},
        {label: 'Value', value: i => h('code', {class: 'wrap'}, i.value)},
        {label: 'Record', value: i => h('span', {class: 'wrap'}, i.source + '/' + i.record_id)},
        {label: 'Status', value: i => h('span', {class: ['badge', STATUS[i.status] || 'info']}, i.status)},
      ], c.identities, {empty: 'No identities.'})),
    card('customer-explain', 'How the records were linked',
      c.explain.length ? c.explain.map(explainSection) : h('p', {class: 'muted'}, 'Identity resolution has not run.')),
    card('customer-events', 'Recent events',
      recent(c.events, ['timestamp', 'event', 'type', 'properties'], 'No events.')),
    card('customer-transactions', 'Recent transactions',
      recent(c.transactions, ['occurred_at', 'transaction_id', 'type', 'amount', 'currency'], 'No transactions.'))));
}

export default {
  title: 'Customers',
  async render(main, ctx) {
    const id = ctx.params[0];
    const q = ctx.query.get('q') || '';
    const {form, input} = searchForm(ctx, id ? '' : q);
    main.append(h('h1', {}, 'Customers'), form);
    if (id) {
      await profile(main, ctx, id);
    } else if (q.trim()) {
      await results(main, ctx, q.trim());
    } else {
      main.appendChild(h('p', {class: 'muted'}, 'Search by any key the customer has in any source.'));
      input.focus();
    }
  },
};
