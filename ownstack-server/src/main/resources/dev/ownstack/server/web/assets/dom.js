// DOM helpers of the web app: every page builds its elements with h() (never innerHTML with data),
// so text from the warehouse is always text.

/** An element: h('button', {class: 'btn', onclick: f, disabled: true}, 'Save'). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, for charts: svg('rect', {x: 0, y: 0, width: 10, height: 4}). */
export function svg(tag, attrs, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function build(element, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.substring(2), value);
    } else if (key === 'class') {
      element.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    } else if (key === 'style' && typeof value === 'object') {
      for (const [property, v] of Object.entries(value)) {
        element.style.setProperty(property, v);
      }
    } else if (key === 'value' && 'value' in element) {
      element.value = value;
    } else if (key === 'checked' || key === 'selected') {
      element[key] = Boolean(value);
    } else {
      element.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(element, child);
    } else if (child instanceof Node) {
      element.appendChild(child);
    } else {
      element.appendChild(document.createTextNode(String(child)));
    }
  }
}

/** Removes every child of an element and appends the given ones. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let ids = 0;
/** A page-unique id for pairing a label with its control. */
export function uid(prefix) {
  ids += 1;
  return (prefix || 'f') + '-' + ids;
}

/** A labelled form field: the label names the control for screen readers; hint is optional help text. */
export function field(label, control, hint) {
  if (!control.id) {
    control.id = uid('field');
  }
  const hintId = hint ? control.id + '-hint' : null;
  if (hintId) {
    control.setAttribute('aria-describedby', hintId);
  }
  return h('div', {class: 'field'}, h('label', {for: control.id}, label), control, hint ? h('p', {class: 'hint', id: hintId}, hint) : null);
}

/** A table of rows: columns are {label, value: row => text or node, numeric?: true}. */
export function table(columns, rows, options) {
  const opts = options || {};
  return h('table', {class: 'data'},
    opts.caption ? h('caption', {}, opts.caption) : null,
    h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.numeric ? 'num' : null}, c.label)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', {colspan: columns.length, class: 'muted'}, opts.empty || 'Nothing yet.'))
      : rows.map(row => h('tr', {}, columns.map(c => h('td', {class: c.numeric ? 'num' : null}, c.value(row)))))));
}

const NUMBER = new Intl.NumberFormat('en-US');
const DECIMAL = new Intl.NumberFormat('en-US', {maximumFractionDigits: 2});

/** 12,345 (integers) or 12,345.67. */
export function number(value) {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  return Number.isInteger(value) ? NUMBER.format(value) : DECIMAL.format(value);
}

/** An ISO-8601 time as the browser's local date and time; '—' when absent. */
export function time(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return isNaN(date) ? String(iso) : date.toLocaleString('en-GB', {dateStyle: 'medium', timeStyle: 'short'});
}

/** How long ago an ISO-8601 time was, in words: "3 minutes ago". */
export function ago(iso) {
  if (!iso) {
    return 'never';
  }
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  const steps = [[60, 'second'], [60, 'minute'], [24, 'hour'], [30, 'day'], [12, 'month'], [Infinity, 'year']];
  let amount = Math.abs(seconds);
  for (const [size, unit] of steps) {
    if (amount < size) {
      const words = amount + ' ' + unit + (amount === 1 ? '' : 's');
      return seconds >= 0 ? words + ' ago' : 'in ' + words;
    }
    amount = Math.floor(amount / size);
  }
  return String(iso);
}

/** A value of the warehouse as text: null as '—', objects as JSON. */
export function text(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  if (typeof value === 'number') {
    return number(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
