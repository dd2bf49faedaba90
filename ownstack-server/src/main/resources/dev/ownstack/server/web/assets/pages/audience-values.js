// The value control of a comparison in the audience builder: none, one value (with the catalog's
// frequent values offered in a <datalist>), a list, low and high, or a number of days, by the
// operator; text typed is turned into the JSON type the compared column or property holds.
import {h, field} from '../dom.js';
import {arity} from './audience-words.js';

/** Text as the value a comparison takes: a number where the column holds numbers, true/false for booleans, else the text. */
export function parse(text, types) {
  const trimmed = String(text).trim();
  if (types.includes('number') && trimmed !== '' && !isNaN(Number(trimmed))) {
    return Number(trimmed);
  }
  if (types.includes('boolean') && (trimmed === 'true' || trimmed === 'false')) {
    return trimmed === 'true';
  }
  return trimmed;
}

function show(value) {
  return value === undefined || value === null ? '' : String(value);
}

/**
 * The control for node.value, or null when the operator takes none. Edits write node.value and
 * call onChange.
 */
export function valueControl(node, path, id, types, samples, onChange) {
  const kind = arity(node.operator);
  if (kind === 'none') {
    return null;
  }
  if (kind === 'one' && types.length === 1 && types[0] === 'boolean') {
    const control = h('select', {id, 'data-role': 'value'}, h('option', {value: 'true'}, 'true'), h('option', {value: 'false'}, 'false'));
    if (typeof node.value !== 'boolean') {
      node.value = true;
    }
    control.value = String(node.value);
    control.addEventListener('change', () => { node.value = control.value === 'true'; onChange(); });
    return field('Value', control);
  }
  if (kind === 'two') {
    const values = Array.isArray(node.value) ? node.value : [];
    node.value = values;
    const input = (index, label) => {
      const control = h('input', {id: id + '-' + index, 'data-role': 'value-' + (index === 0 ? 'low' : 'high'), value: show(values[index]), size: 10});
      control.addEventListener('input', () => { values[index] = parse(control.value, types); onChange(); });
      return field(label, control);
    };
    return [input(0, 'From'), input(1, 'To')];
  }
  if (kind === 'days') {
    const control = h('input', {id, 'data-role': 'value', type: 'number', min: 1, step: 1, value: show(node.value), class: 'narrow'});
    control.addEventListener('input', () => {
      const text = control.value.trim();
      node.value = /^[0-9]+$/.test(text) ? Number(text) : text;
      onChange();
    });
    return field('Days', control);
  }
  const list = samples && samples.length ? h('datalist', {id: id + '-values'}, samples.map(value => h('option', {value: String(value)}))) : null;
  if (kind === 'list') {
    const control = h('input', {id, 'data-role': 'value', value: (Array.isArray(node.value) ? node.value : []).map(show).join(', '),
      placeholder: samples && samples.length ? samples.slice(0, 3).map(String).join(', ') : 'a, b, c'});
    control.addEventListener('input', () => {
      node.value = control.value.split(',').map(part => part.trim()).filter(part => part !== '').map(part => parse(part, types));
      onChange();
    });
    return field('Values (separated by commas)', control, samples && samples.length ? 'Often: ' + samples.map(String).join(', ') : null);
  }
  const control = h('input', {id, 'data-role': 'value', value: show(node.value), list: list ? list.id : null,
    placeholder: types.includes('number') && !types.includes('string') ? '0' : samples && samples.length ? String(samples[0]) : ''});
  control.addEventListener('input', () => { node.value = parse(control.value, types); onChange(); });
  return [field('Value', control), list];
}
