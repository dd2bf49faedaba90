// Small SVG charts of the web app, with no library: lines and areas over time, bars (grouped or
// stacked), heatmaps (cohorts, the RFM grid) and histograms. Each chart is a <figure> whose SVG scales
// to its container (viewBox), has a title for screen readers, a <title> on every mark (shown on hover),
// a legend when it has several series, and a "Show data" button that shows the same numbers as a table.
// Colours come from the classes s0..s7 of app.css or from fill attributes (the CSP allows no inline style).
import {h, svg, table, uid} from './dom.js';

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = {top: 14, right: 16, bottom: 40, left: 60};
const COMPACT = new Intl.NumberFormat('en-US', {notation: 'compact', maximumFractionDigits: 1});
const PLAIN = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 1,234.5 */
export function plain(value) {
  return value === null || value === undefined ? '—' : PLAIN.format(value);
}

/** 0.4321 → 43.2% */
export function percent(value) {
  return value === null || value === undefined ? '—' : (Math.round(value * 1000) / 10) + '%';
}

/** '2024-03-01' → 'Mar 2024'. */
export function month(iso) {
  const [year, m] = String(iso).split('-');
  return MONTHS[Number(m) - 1] + ' ' + year;
}

/** '2024-03-05' → '5 Mar'. */
export function day(iso) {
  const [, m, d] = String(iso).split('-');
  return Number(d) + ' ' + MONTHS[Number(m) - 1];
}

/** A plain sentence in place of a chart that has nothing to draw. */
export function empty(message) {
  return h('p', {class: 'chart-empty muted'}, message);
}

/** Round steps for an axis from lo to hi: ticks(0, 937) → [0, 200, 400, 600, 800, 1000]. */
export function ticks(lo, hi, count) {
  const low = Math.min(0, lo);
  let high = Math.max(0, hi);
  if (high === low) {
    high = low + 1;
  }
  const raw = (high - low) / (count || 5);
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map(f => f * power).find(s => s >= raw);
  const values = [];
  for (let v = Math.floor(low / step) * step; v < high + step * 0.999; v += step) {
    values.push(Math.round(v / step) * step);
  }
  return values;
}

function frame(title, description) {
  const id = uid('chart');
  return svg('svg', {class: 'chart-svg', viewBox: '0 0 ' + WIDTH + ' ' + HEIGHT, role: 'img', 'aria-labelledby': id + '-t ' + id + '-d',
    preserveAspectRatio: 'xMidYMid meet'},
    svg('title', {id: id + '-t'}, title), svg('desc', {id: id + '-d'}, description || ''));
}

function figure(chart, spec, series) {
  const data = h('div', {class: 'chart-data', hidden: true, id: uid('chart-data')},
    table(spec.table.columns, spec.table.rows, {caption: spec.title}));
  const toggle = h('button', {class: 'btn small chart-toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': data.id}, 'Show data');
  toggle.addEventListener('click', () => {
    const open = data.hidden;
    data.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide data' : 'Show data';
  });
  return h('figure', {class: 'chart'}, chart,
    h('div', {class: 'chart-foot'}, series && series.length > 1 ? legend(series) : h('span'), toggle), data);
}

function legend(series) {
  return h('ul', {class: 'legend', 'aria-label': 'Legend'}, series.map((s, i) => h('li', {},
    svg('svg', {width: 12, height: 12, viewBox: '0 0 12 12', 'aria-hidden': 'true'}, svg('rect', {class: 'swatch s' + (i % 8), width: 12, height: 12, rx: 2})),
    s.name)));
}

function scaleY(values, format) {
  const finite = values.filter(v => v !== null && v !== undefined && isFinite(v));
  const marks = ticks(Math.min(0, ...finite), Math.max(0, ...finite));
  const lo = marks[0];
  const hi = marks[marks.length - 1];
  const y = v => MARGIN.top + (HEIGHT - MARGIN.top - MARGIN.bottom) * (1 - (v - lo) / (hi - lo));
  const axis = svg('g', {class: 'axis y', 'aria-hidden': 'true'}, marks.map(v => svg('g', {},
    svg('line', {x1: MARGIN.left, x2: WIDTH - MARGIN.right, y1: y(v), y2: y(v), class: v === 0 ? 'zero' : 'grid'}),
    svg('text', {x: MARGIN.left - 6, y: y(v) + 4, 'text-anchor': 'end'}, (format || COMPACT.format)(v)))));
  return {y, axis};
}

function axisX(labels, x) {
  const every = Math.max(1, Math.ceil(labels.length / 8));
  return svg('g', {class: 'axis x', 'aria-hidden': 'true'}, labels.map((label, i) => i % every === 0
    ? svg('text', {x: x(i), y: HEIGHT - MARGIN.bottom + 18, 'text-anchor': 'middle'}, label) : null));
}

function hasData(series) {
  return series.some(s => s.values.some(v => v !== null && v !== undefined && v !== 0));
}

/**
 * A line (or area) chart over categories: {title, labels: ['Jan 2024', ...], series: [{name, values}], area: true,
 * format: n => text, table: {columns, rows}, none: 'message when every value is zero or missing'}.
 */
export function lineChart(spec) {
  if (!spec.labels.length || !hasData(spec.series)) {
    return empty(spec.none || 'No data for this period.');
  }
  const {y, axis} = scaleY(spec.series.flatMap(s => s.values), spec.axisFormat);
  const n = spec.labels.length;
  const plot = WIDTH - MARGIN.left - MARGIN.right;
  const x = i => MARGIN.left + (n === 1 ? plot / 2 : i * plot / (n - 1));
  const format = spec.format || plain;
  const chart = frame(spec.title, spec.description || spec.series.map(s => s.name).join(', ') + ' by ' + (spec.by || 'month'));
  chart.appendChild(axis);
  spec.series.forEach((s, index) => {
    const color = 's' + (index % 8);
    let path = '';
    let run = [];
    const runs = [];
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) {
        if (run.length) {
          runs.push(run);
        }
        run = [];
      } else {
        run.push(i);
      }
    });
    if (run.length) {
      runs.push(run);
    }
    for (const points of runs) {
      path += points.map((i, k) => (k === 0 ? 'M' : 'L') + x(i).toFixed(1) + ' ' + y(s.values[i]).toFixed(1)).join(' ') + ' ';
      if (spec.area) {
        const base = y(0).toFixed(1);
        chart.appendChild(svg('path', {class: 'area ' + color, d: 'M' + x(points[0]).toFixed(1) + ' ' + base + ' '
          + points.map(i => 'L' + x(i).toFixed(1) + ' ' + y(s.values[i]).toFixed(1)).join(' ') + ' L' + x(points[points.length - 1]).toFixed(1) + ' ' + base + ' Z'}));
      }
    }
    chart.appendChild(svg('path', {class: 'line ' + color, d: path.trim()}));
    s.values.forEach((v, i) => {
      if (v !== null && v !== undefined) {
        chart.appendChild(svg('circle', {class: 'mark dot ' + color, cx: x(i), cy: y(v), r: n > 40 ? 2 : 3.5},
          svg('title', {}, spec.labels[i] + ' · ' + s.name + ': ' + format(v))));
      }
    });
  });
  chart.appendChild(axisX(spec.labels, x));
  return figure(chart, spec, spec.series);
}

/**
 * Bars per category: {title, labels, series: [{name, values}], stacked: true, gap: 0.2 (share of a band left empty),
 * format, table, none}. Several series side by side unless stacked.
 */
export function barChart(spec) {
  if (!spec.labels.length || !hasData(spec.series)) {
    return empty(spec.none || 'No data for this period.');
  }
  const n = spec.labels.length;
  const totals = spec.labels.map((_, i) => spec.series.reduce((sum, s) => sum + Math.max(0, s.values[i] || 0), 0));
  const {y, axis} = scaleY(spec.stacked ? totals : spec.series.flatMap(s => s.values), spec.axisFormat);
  const band = (WIDTH - MARGIN.left - MARGIN.right) / n;
  const gap = spec.gap === undefined ? 0.2 : spec.gap;
  const inner = band * (1 - gap);
  const x = i => MARGIN.left + band * (i + 0.5);
  const format = spec.format || plain;
  const chart = frame(spec.title, spec.description || spec.series.map(s => s.name).join(', ') + ' by ' + (spec.by || 'month'));
  chart.appendChild(axis);
  const bars = svg('g', {class: 'bars'});
  spec.labels.forEach((label, i) => {
    let base = 0;
    spec.series.forEach((s, index) => {
      const v = s.values[i];
      if (v === null || v === undefined || v === 0) {
        return;
      }
      const width = spec.stacked ? inner : inner / spec.series.length;
      const left = x(i) - inner / 2 + (spec.stacked ? 0 : index * width);
      const from = spec.stacked ? base : 0;
      const to = from + v;
      base = spec.stacked ? to : base;
      const top = Math.min(y(from), y(to));
      bars.appendChild(svg('rect', {class: 'mark bar s' + (index % 8), x: left.toFixed(1), y: top.toFixed(1), width: Math.max(1, width - 1).toFixed(1),
        height: Math.max(1, Math.abs(y(from) - y(to))).toFixed(1)}, svg('title', {}, label + ' · ' + s.name + ': ' + format(v))));
    });
  });
  chart.appendChild(bars);
  chart.appendChild(axisX(spec.labels, x));
  return figure(chart, spec, spec.series);
}

/** A histogram: {title, bins: [{from, to, count}], format of the edges, name of what is counted, table, none}. */
export function histogram(spec) {
  const labels = spec.bins.map(b => (spec.edge || plain)(b.from) + '–' + (spec.edge || plain)(b.to));
  return barChart(Object.assign({}, spec, {labels, gap: 0.04, series: [{name: spec.name || 'customers', values: spec.bins.map(b => b.count)}],
    by: spec.by || 'bin'}));
}

/** The colour of a share 0..1 between the paper and the brand colour. */
function shade(share) {
  const from = [238, 243, 248];
  const to = [31, 78, 121];
  const t = Math.max(0, Math.min(1, share));
  return 'rgb(' + from.map((c, i) => Math.round(c + (to[i] - c) * t)).join(',') + ')';
}

/**
 * A heatmap: {title, rows: ['Jan 2024', ...], columns: ['0', '1', ...], values: [[v or null]], max, rowTitle, columnTitle,
 * format: v → text in the cell and its title, cellTitle(r, c) → the hover text, cellText(r, c) → [lines], table, none}.
 * Null cells are not drawn (the triangle of a cohort table).
 */
export function heatmap(spec) {
  const all = spec.values.flat().filter(v => v !== null && v !== undefined);
  if (!spec.rows.length || !all.length || all.every(v => v === 0) && !spec.keepZeros) {
    return empty(spec.none || 'No data for this period.');
  }
  const max = spec.max || Math.max(...all) || 1;
  const left = spec.left || 84;
  const top = 40;
  const cellW = (WIDTH - left - 8) / spec.columns.length;
  const cellH = (HEIGHT - top - 24) / spec.rows.length;
  const format = spec.format || plain;
  const chart = frame(spec.title, spec.description || (spec.rowTitle + ' by ' + spec.columnTitle));
  chart.appendChild(svg('text', {class: 'axis-title', x: left, y: 12}, spec.columnTitle + ' →'));
  chart.appendChild(svg('text', {class: 'axis-title', x: 4, y: HEIGHT - 6}, spec.rowTitle + ' ↓'));
  const every = Math.max(1, Math.ceil(spec.rows.length / 14));
  spec.columns.forEach((c, j) => chart.appendChild(svg('text', {class: 'axis-label', x: left + cellW * (j + 0.5), y: top - 6, 'text-anchor': 'middle'}, c)));
  spec.rows.forEach((r, i) => {
    if (i % every === 0) {
      chart.appendChild(svg('text', {class: 'axis-label', x: left - 6, y: top + cellH * (i + 0.5) + 4, 'text-anchor': 'end'}, r));
    }
    spec.columns.forEach((c, j) => {
      const v = spec.values[i][j];
      if (v === null || v === undefined) {
        return;
      }
      const share = v / max;
      const cell = svg('g', {class: 'cell'}, svg('rect', {class: 'mark heat', x: (left + cellW * j + 1).toFixed(1), y: (top + cellH * i + 1).toFixed(1),
        width: Math.max(1, cellW - 2).toFixed(1), height: Math.max(1, cellH - 2).toFixed(1), rx: 2, fill: shade(share)},
      svg('title', {}, spec.cellTitle ? spec.cellTitle(i, j) : r + ' · ' + c + ': ' + format(v))));
      const lines = spec.cellText ? spec.cellText(i, j) : (cellW > 34 && cellH > 14 ? [format(v)] : []);
      lines.forEach((line, k) => cell.appendChild(svg('text', {class: share > 0.5 ? 'cell-text dark' : 'cell-text',
        x: left + cellW * (j + 0.5), y: top + cellH * (i + 0.5) + 4 + (k - (lines.length - 1) / 2) * 14, 'text-anchor': 'middle', 'aria-hidden': 'true'}, line)));
      chart.appendChild(cell);
    });
  });
  return figure(chart, spec, null);
}
