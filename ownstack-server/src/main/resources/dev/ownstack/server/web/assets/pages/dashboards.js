// The dashboards: customers, revenue, cohorts, RFM, scores, identity, audiences and syncs, each card drawn from
// one metric of /api/metrics/{name} (or /api/score-models). The months and the day they end on are chosen in
// the toolbar (#/dashboards?months=12&as_of=2024-12-31); without a day, the last month with orders is shown.
import {h, field, number, replace} from '../dom.js';
import {api, query} from '../api.js';
import {lineChart, barChart, heatmap, plain, percent, month, day} from '../charts.js';
import {scoreCards} from './dashboard-scores.js';

const MONTH_CHOICES = [3, 6, 12, 24, 36, 60, 120];
const DAY_CHOICES = [7, 14, 30, 90, 180, 366];

/** The rows of a metric as objects: {columns, rows} → [{month: ..., orders: ...}]. */
async function metric(name, params) {
  const answer = await api('GET', '/api/metrics/' + name + query(params));
  return answer.rows.map(row => Object.fromEntries(answer.columns.map((column, i) => [column, row[i]])));
}

/** The last day of the latest month with an order in the ten years to today; null when there is none. */
async function latestMonthWithOrders() {
  const rows = await metric('revenue_by_month', {months: 120});
  const last = rows.filter(r => r.orders > 0).pop();
  if (!last) {
    return null;
  }
  const [year, m] = last.month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().substring(0, 10);
}

function choice(id, choices, selected, unit) {
  return h('select', {id, name: id}, choices.map(c => h('option', {value: c, selected: String(c) === String(selected)}, c + ' ' + unit)));
}

/** Runs at most `size` tasks at a time (each a function answering a promise), the others in order after. */
function limiter(size) {
  let running = 0;
  const waiting = [];
  const next = () => {
    if (running < size && waiting.length) {
      running += 1;
      const {task, resolve, reject} = waiting.shift();
      task().then(resolve, reject).finally(() => {
        running -= 1;
        next();
      });
    }
  };
  return task => new Promise((resolve, reject) => {
    waiting.push({task, resolve, reject});
    next();
  });
}

// The cards ask the server a few at a time: each request opens the warehouse, and a dozen at once gain little.
const slots = limiter(3);

/** A card whose content is drawn when its data arrives; a failure is shown in the card alone. */
function card(grid, id, title, note, draw, ctx) {
  const body = h('div', {class: 'card-body', 'aria-busy': 'true'}, h('p', {class: 'muted'}, 'Loading…'));
  grid.appendChild(h('section', {class: 'card chart-card', id, 'aria-labelledby': id + '-title'},
    h('h2', {id: id + '-title'}, title), note ? h('p', {class: 'hint'}, note) : null, body));
  return slots(() => ctx.current() ? draw() : Promise.resolve(null)).then(content => {
    if (ctx.current()) {
      replace(body, content);
      body.removeAttribute('aria-busy');
    }
  }, e => {
    if (ctx.current()) {
      replace(body, h('p', {class: 'problem', role: 'alert'}, title + ' could not be drawn: ' + e.message));
      body.removeAttribute('aria-busy');
    }
  });
}

function section(main, id, title) {
  const grid = h('div', {class: 'dash-grid'});
  main.appendChild(h('section', {class: 'dash-section', 'aria-labelledby': id}, h('h2', {id, class: 'dash-heading'}, title), grid));
  return grid;
}

/** Every day from days − 1 days before today (UTC) to today, as YYYY-MM-DD. */
function lastDays(days) {
  const today = new Date();
  const list = [];
  for (let i = days - 1; i >= 0; i--) {
    list.push(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - i)).toISOString().substring(0, 10));
  }
  return list;
}

function toolbar(ctx, months, asOf, days) {
  const monthsControl = choice('dash-months', MONTH_CHOICES, months, 'months');
  const asOfControl = h('input', {id: 'dash-as-of', name: 'as_of', type: 'date', value: asOf || ''});
  const daysControl = choice('dash-days', DAY_CHOICES, days, 'days');
  const form = h('form', {class: 'dash-controls', 'aria-label': 'Dashboard period'},
    field('Months shown', monthsControl),
    field('Up to (as of)', asOfControl, 'Empty: the last month with orders'),
    field('Audiences and syncs: days shown', daysControl),
    h('button', {class: 'btn primary', type: 'submit', id: 'dash-apply'}, 'Show'));
  form.addEventListener('submit', event => {
    event.preventDefault();
    location.hash = '#/dashboards' + query({months: monthsControl.value, as_of: asOfControl.value, days: daysControl.value});
  });
  return form;
}

function customers(grid, period, ctx) {
  const cards = [];
  cards.push(card(grid, 'dash-customers', 'Customers over time', 'Everyone first seen by the end of each month', async () => {
    const rows = await metric('customers_over_time', period);
    return lineChart({title: 'Customers over time', area: true, labels: rows.map(r => month(r.month)),
      series: [{name: 'Customers', values: rows.map(r => r.total_customers)}],
      none: 'No customers were first seen by the end of this period.',
      table: {columns: [{label: 'Month', value: r => month(r.month)}, {label: 'New customers', numeric: true, value: r => number(r.new_customers)},
        {label: 'Customers', numeric: true, value: r => number(r.total_customers)}], rows}});
  }, ctx));
  cards.push(card(grid, 'dash-new-returning', 'New vs returning', 'Customers with an order each month: their first order (new) or not', async () => {
    const rows = await metric('new_vs_returning', period);
    return barChart({title: 'New vs returning customers', stacked: true, labels: rows.map(r => month(r.month)),
      series: [{name: 'New', values: rows.map(r => r.new_customers)}, {name: 'Returning', values: rows.map(r => r.returning_customers)}],
      none: 'No orders in this period.',
      table: {columns: [{label: 'Month', value: r => month(r.month)}, {label: 'New', numeric: true, value: r => number(r.new_customers)},
        {label: 'Returning', numeric: true, value: r => number(r.returning_customers)},
        {label: 'New revenue', numeric: true, value: r => plain(r.new_revenue)},
        {label: 'Returning revenue', numeric: true, value: r => plain(r.returning_revenue)}], rows}});
  }, ctx));
  cards.push(card(grid, 'dash-revenue', 'Revenue by month', 'Orders (positive amounts) and returns (negative amounts)', async () => {
    const rows = await metric('revenue_by_month', period);
    return barChart({title: 'Revenue by month', labels: rows.map(r => month(r.month)),
      series: [{name: 'Gross revenue', values: rows.map(r => r.gross_revenue)}, {name: 'Returned', values: rows.map(r => r.returned_amount)}],
      none: 'No orders or returns in this period.',
      table: {columns: [{label: 'Month', value: r => month(r.month)}, {label: 'Orders', numeric: true, value: r => number(r.orders)},
        {label: 'Returns', numeric: true, value: r => number(r.returns)}, {label: 'Customers', numeric: true, value: r => number(r.customers)},
        {label: 'Gross', numeric: true, value: r => plain(r.gross_revenue)}, {label: 'Returned', numeric: true, value: r => plain(r.returned_amount)},
        {label: 'Net', numeric: true, value: r => plain(r.net_revenue)}], rows}});
  }, ctx));
  return cards;
}

function retention(grid, period, ctx) {
  const cards = [];
  cards.push(card(grid, 'dash-cohorts', 'Cohort retention', 'Share of each month\'s new customers ordering again k months later', async () => {
    const rows = await metric('cohort_retention', period);
    const cohorts = [...new Set(rows.map(r => r.cohort))].sort();
    const width = rows.reduce((max, r) => Math.max(max, r.months_since), -1) + 1;
    const cell = (i, j) => rows.find(r => r.cohort === cohorts[i] && r.months_since === j);
    return heatmap({title: 'Cohort retention', rows: cohorts.map(month), columns: Array.from({length: width}, (_, k) => String(k)),
      values: cohorts.map((c, i) => Array.from({length: width}, (_, j) => cell(i, j) ? cell(i, j).active_share : null)),
      max: 1, keepZeros: true, format: percent, rowTitle: 'Cohort (first order)', columnTitle: 'Months since the first order',
      cellTitle: (i, j) => month(cohorts[i]) + ' cohort (' + number(cell(i, j).cohort_size) + ' customers), month ' + j + ': '
        + number(cell(i, j).active_customers) + ' ordered, ' + percent(cell(i, j).active_share),
      none: 'No customer placed a first order in this period.',
      table: {columns: [{label: 'Cohort', value: r => month(r.cohort)}, {label: 'Size', numeric: true, value: r => number(r.cohort_size)},
        {label: 'Months since', numeric: true, value: r => number(r.months_since)},
        {label: 'Ordering', numeric: true, value: r => number(r.active_customers)}, {label: 'Share', numeric: true, value: r => percent(r.active_share)}],
      rows}});
  }, ctx));
  cards.push(card(grid, 'dash-rfm', 'RFM grid', 'Customers by recency (rows, 5 = most recent) and frequency (columns, 5 = most orders)', async () => {
    const rows = await metric('rfm_grid', {as_of: period.as_of});
    const at = (rScore, fScore) => rows.find(r => r.recency_score === rScore && r.frequency_score === fScore);
    const recency = [5, 4, 3, 2, 1];
    const frequency = [1, 2, 3, 4, 5];
    return heatmap({title: 'RFM grid', rows: recency.map(r => 'R' + r), columns: frequency.map(f => 'F' + f), left: 40, keepZeros: false,
      values: recency.map(r => frequency.map(f => at(r, f) ? at(r, f).customers : 0)),
      rowTitle: 'Recency', columnTitle: 'Frequency',
      cellText: (i, j) => [at(recency[i], frequency[j]).segment, number(at(recency[i], frequency[j]).customers)],
      cellTitle: (i, j) => {
        const c = at(recency[i], frequency[j]);
        return c.segment + ' (R' + c.recency_score + ' F' + c.frequency_score + '): ' + number(c.customers) + ' customers, revenue ' + plain(c.revenue);
      },
      none: 'No customer ordered by this day.',
      table: {columns: [{label: 'Recency', numeric: true, value: r => r.recency_score}, {label: 'Frequency', numeric: true, value: r => r.frequency_score},
        {label: 'Segment', value: r => r.segment}, {label: 'Customers', numeric: true, value: r => number(r.customers)},
        {label: 'Revenue', numeric: true, value: r => plain(r.revenue)},
        {label: 'Average days since last order', numeric: true, value: r => plain(r.average_recency_days)}], rows}});
  }, ctx));
  return cards;
}

function identity(grid, ctx) {
  const cards = [];
  cards.push(card(grid, 'dash-identity', 'Identity health', 'Customers by the number of records resolved into each', async () => {
    const [summary, sizes] = await Promise.all([metric('identity_summary', {}), metric('identity_cluster_sizes', {})]);
    const s = summary[0];
    const figures = s && s.customers ? h('dl', {class: 'figures'},
      [['Customers', number(s.customers)], ['Records', number(s.records)], ['With several records', number(s.customers_with_several_records)],
        ['Records per customer', plain(s.average_records)], ['Median', number(s.median_records)], ['90th percentile', number(s.p90_records)],
        ['Largest', number(s.max_records)]].map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value)))) : null;
    return h('div', {}, figures, barChart({title: 'Customers by records held', labels: sizes.map(r => r.cluster_size), by: 'records held',
      series: [{name: 'Customers', values: sizes.map(r => r.customers)}], none: 'No identity run yet: identity.records is empty.',
      table: {columns: [{label: 'Records', value: r => r.cluster_size}, {label: 'Customers', numeric: true, value: r => number(r.customers)},
        {label: 'Records held', numeric: true, value: r => number(r.records)}, {label: 'Share', numeric: true, value: r => percent(r.customer_share)}],
      rows: sizes}}));
  }, ctx));
  cards.push(card(grid, 'dash-dropped', 'Dropped links', 'Links the last identity run left out for a per-customer limit', async () => {
    const rows = await metric('identity_dropped_links', {});
    return barChart({title: 'Dropped links by key and reason', labels: rows.map(r => (r.key_name || 'probabilistic') + ': ' + r.reason),
      by: 'key and reason', series: [{name: 'Links', values: rows.map(r => r.links)}, {name: 'Records', values: rows.map(r => r.records)}],
      none: 'The last identity run dropped no links.',
      table: {columns: [{label: 'Key', value: r => r.key_name || 'probabilistic match'}, {label: 'Reason', value: r => r.reason},
        {label: 'Links', numeric: true, value: r => number(r.links)}, {label: 'Records', numeric: true, value: r => number(r.records)}], rows}});
  }, ctx));
  return cards;
}

function operations(grid, days, ctx) {
  const cards = [];
  const window = lastDays(days);
  cards.push(card(grid, 'dash-audiences', 'Audience sizes', 'Members at each day\'s last computation, the last ' + days + ' days', async () => {
    const rows = await metric('audience_sizes', {days});
    const names = [...new Set(rows.map(r => r.audience))].sort();
    const series = names.map(name => {
      let size = null;
      return {name, values: window.map(d => {
        const row = rows.find(r => r.audience === name && r.day === d);
        size = row ? row.size : size;
        return size;
      })};
    });
    return lineChart({title: 'Audience sizes', labels: window.map(day), series, by: 'day', none: 'No audience was computed in the last ' + days + ' days.',
      table: {columns: [{label: 'Day', value: r => r.day}, {label: 'Audience', value: r => r.audience}, {label: 'Size', numeric: true, value: r => number(r.size)},
        {label: 'Joined', numeric: true, value: r => number(r.joined)}, {label: 'Left', numeric: true, value: r => number(r.left)},
        {label: 'Computations', numeric: true, value: r => number(r.runs)}], rows}});
  }, ctx));
  cards.push(card(grid, 'dash-syncs', 'Sync health', 'Runs per day by outcome (dry runs left out), the last ' + days + ' days', async () => {
    const rows = await metric('sync_health', {days});
    const sum = (d, key) => rows.filter(r => r.day === d).reduce((total, r) => total + r[key], 0);
    const outcomes = [['Succeeded', 'succeeded'], ['Partial', 'partial'], ['Failed', 'failed'], ['Awaiting approval', 'awaiting_approval']];
    return barChart({title: 'Sync runs by outcome', stacked: true, labels: window.map(day), by: 'day',
      series: outcomes.map(([name, key]) => ({name, values: window.map(d => sum(d, key))})),
      none: 'No sync ran in the last ' + days + ' days.',
      table: {columns: [{label: 'Day', value: r => r.day}, {label: 'Sync', value: r => r.sync}, {label: 'Runs', numeric: true, value: r => number(r.runs)},
        {label: 'Succeeded', numeric: true, value: r => number(r.succeeded)}, {label: 'Partial', numeric: true, value: r => number(r.partial)},
        {label: 'Failed', numeric: true, value: r => number(r.failed)}, {label: 'Awaiting approval', numeric: true, value: r => number(r.awaiting_approval)},
        {label: 'Records sent', numeric: true, value: r => number(r.records_sent)},
        {label: 'Records rejected', numeric: true, value: r => number(r.records_rejected)}], rows}});
  }, ctx));
  return cards;
}

export default {
  title: 'Dashboards',
  async render(main, ctx) {
    main.appendChild(h('h1', {}, 'Dashboards'));
    const months = ctx.query.get('months') || '12';
    const days = ctx.query.get('days') || '30';
    let asOf = ctx.query.get('as_of');
    const explained = h('p', {class: 'muted', id: 'dash-period'});
    main.appendChild(toolbar(ctx, months, asOf, days));
    main.appendChild(explained);
    if (!asOf) {
      asOf = await latestMonthWithOrders();
      if (!ctx.current()) {
        return;
      }
    }
    explained.textContent = asOf
      ? 'Customers, revenue, cohorts and RFM: the ' + months + ' months up to ' + asOf + (ctx.query.get('as_of') ? '.' : ' (the end of the last month with orders).')
        + ' Audiences and syncs: the last ' + days + ' days.'
      : 'No orders in the last ten years. Audiences and syncs: the last ' + days + ' days.';
    const period = {months, as_of: asOf};
    await Promise.all([
      ...customers(section(main, 'dash-h-customers', 'Customers and revenue'), period, ctx),
      ...retention(section(main, 'dash-h-retention', 'Retention and value'), period, ctx),
      ...scoreCards(section(main, 'dash-h-scores', 'Scores'), card, ctx),
      ...identity(section(main, 'dash-h-identity', 'Identity'), ctx),
      ...operations(section(main, 'dash-h-operations', 'Audiences and syncs'), Number(days), ctx),
    ]);
  },
};
