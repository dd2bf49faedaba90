// The audience builder's rule editor: groups (all / any, nested, negated) of conditions on traits,
// score traits, events (count, window, property filters), transactions and other audiences, each
// picked from the catalog (GET /api/catalog). It edits the rule's JSON in place and calls onChange
// after every edit; problems of the validate answer are shown next to the condition of their path.
import {h, replace, field} from '../dom.js';
import {arity, operatorLabel, countLabel, measureLabel} from './audience-words.js';
import {valueControl} from './audience-values.js';

const TYPES = [['trait', 'Trait'], ['score', 'Score'], ['event', 'Event'], ['transactions', 'Transactions'], ['audience', 'Audience']];
/** What the editor remembers about a rule node that the JSON does not say (the unit a window was given in). */
const remembered = new WeakMap();

function idOf(path, role) {
  return (path + '-' + role).replace(/[^A-Za-z0-9]+/g, '-');
}

function isGroup(node) {
  return node && (Array.isArray(node.all) || Array.isArray(node.any));
}

/** A labelled <select>: options are [value, text]; a value missing from them is kept as an option. */
function select(id, label, options, value, onChange, role) {
  const all = options.some(([v]) => v === value) || value === undefined ? options : [[value, value], ...options];
  const control = h('select', {id, 'data-role': role}, all.map(([v, text]) => h('option', {value: v}, text)));
  if (value !== undefined) {
    control.value = value;
  }
  control.addEventListener('change', () => onChange(control.value));
  return field(label, control);
}

export class RuleEditor {
  /**
   * @param catalog the answer of GET /api/catalog
   * @param rule    the rule to edit; a single condition is put in an "all" group
   * @param options {editable, self (the audience's own name, not offered as a condition), onChange()}
   */
  constructor(catalog, rule, options) {
    this.catalog = catalog;
    this.editable = options.editable;
    this.self = options.self;
    this.onChange = options.onChange;
    this.root = isGroup(rule) ? rule : {all: rule ? [rule] : []};
    this.element = h('div', {class: 'rule-editor', 'data-role': 'rule-editor'});
    this.problems = new Map();
    this.render();
  }

  rule() {
    return this.root;
  }

  changed(structure) {
    if (structure) {
      this.render();
    }
    this.onChange();
  }

  render() {
    const active = document.activeElement;
    const focused = active && this.element.contains(active) ? active.id : null;
    this.problems = new Map();
    replace(this.element, this.group(this.root, 'rule', null, null));
    const again = focused && document.getElementById(focused);
    if (again) {
      again.focus();
    }
  }

  /** Shows each problem next to the condition or group its path points into; answers the problems that fit none. */
  showProblems(errors) {
    this.problems.forEach(element => replace(element));
    const left = [];
    for (const error of errors || []) {
      const path = error.path || '';
      let best = null;
      for (const candidate of this.problems.keys()) {
        const inside = path === candidate || path.startsWith(candidate + '.') || path.startsWith(candidate + '[');
        if (inside && (!best || candidate.length > best.length)) {
          best = candidate;
        }
      }
      if (best) {
        this.problems.get(best).appendChild(h('span', {class: 'problem-line'}, error.message));
      } else {
        left.push(error);
      }
    }
    return left;
  }

  problem(path) {
    const element = h('p', {class: 'problem', 'data-role': 'problem', id: idOf(path, 'problem')});
    this.problems.set(path, element);
    return element;
  }

  group(node, path, remove, negate) {
    const key = node.all ? 'all' : 'any';
    const items = node[key];
    const match = select(idOf(path, 'match'), 'Match', [['all', 'all of these'], ['any', 'any of these']], key, value => {
      if (value !== key) {
        node[value] = node[key];
        delete node[key];
        this.changed(true);
      }
    }, 'match');
    const actions = this.editable ? h('div', {class: 'row'},
      h('button', {type: 'button', class: 'btn small', 'data-role': 'add-condition', id: idOf(path, 'add-condition'),
        onclick: () => { items.push(this.defaultCondition('trait')); this.changed(true); }}, '+ Condition'),
      h('button', {type: 'button', class: 'btn small', 'data-role': 'add-group', id: idOf(path, 'add-group'),
        onclick: () => { items.push({any: [this.defaultCondition('trait')]}); this.changed(true); }}, '+ Group')) : null;
    return h('div', {class: ['group', key, path === 'rule' ? 'root' : null], 'data-role': 'group', 'data-path': path},
      h('div', {class: 'group-head row'}, match, negate, remove),
      this.problem(path),
      h('ol', {class: 'group-items'}, items.map((child, index) => h('li', {}, this.item(items, index, path + '.' + key + '[' + index + ']')))),
      items.length === 0 ? h('p', {class: 'muted'}, 'No conditions: every customer.') : null,
      actions);
  }

  item(parent, index, path) {
    const node = parent[index];
    const negated = node && typeof node.not === 'object' && node.not !== null;
    const inner = negated ? node.not : node;
    const innerPath = negated ? path + '.not' : path;
    const checkbox = h('input', {type: 'checkbox', id: idOf(path, 'negate'), 'data-role': 'negate', checked: negated, disabled: !this.editable});
    checkbox.addEventListener('change', () => {
      parent[index] = checkbox.checked ? {not: inner} : inner;
      this.changed(true);
    });
    const negate = h('div', {class: 'negate'}, checkbox, h('label', {for: checkbox.id}, 'Not'));
    const remove = this.editable ? h('button', {type: 'button', class: 'btn small danger', 'data-role': 'remove', id: idOf(path, 'remove'),
      'aria-label': 'Remove this ' + (isGroup(inner) ? 'group' : 'condition'), onclick: () => { parent.splice(index, 1); this.changed(true); }}, 'Remove') : null;
    if (isGroup(inner)) {
      const group = this.group(inner, innerPath, remove, negate);
      group.setAttribute('data-path', path);
      if (negated) {
        this.problems.set(path, this.problems.get(innerPath));
      }
      return group;
    }
    const replaceWith = value => {
      if (negated) {
        node.not = value;
      } else {
        parent[index] = value;
      }
      this.changed(true);
    };
    const problem = this.problem(innerPath);
    if (negated) {
      this.problems.set(path, problem);
    }
    return h('div', {class: 'condition', 'data-role': 'condition', 'data-path': path},
      h('div', {class: 'row condition-row'}, this.typePicker(inner, innerPath, replaceWith), this.fields(inner, innerPath), negate, remove),
      problem);
  }

  typeOf(node) {
    if (node.trait !== undefined) {
      return this.catalog.scoreTraits.some(score => score.name === node.trait) ? 'score' : 'trait';
    }
    return ['event', 'transactions', 'audience'].find(key => node[key] !== undefined) || 'trait';
  }

  typePicker(node, path, replaceWith) {
    const catalog = this.catalog;
    const available = {
      trait: catalog.traits.length > 0, score: catalog.scoreTraits.length > 0, event: catalog.events.length > 0,
      transactions: catalog.transactions.columns.length > 0, audience: this.otherAudiences().length > 0,
    };
    const type = this.typeOf(node);
    return select(idOf(path, 'type'), 'Condition on', TYPES.filter(([key]) => available[key] || key === type), type,
      value => replaceWith(this.defaultCondition(value)), 'condition-type');
  }

  otherAudiences() {
    return this.catalog.audiences.filter(audience => audience.name !== this.self);
  }

  defaultCondition(type) {
    const catalog = this.catalog;
    if (type === 'score' && catalog.scoreTraits.length > 0) {
      return {trait: catalog.scoreTraits[0].name, operator: 'is-set'};
    }
    if (type === 'event' && catalog.events.length > 0) {
      return {event: catalog.events[0].name};
    }
    if (type === 'transactions') {
      return {transactions: 'count', operator: 'greater-or-equal', value: 1};
    }
    if (type === 'audience' && this.otherAudiences().length > 0) {
      return {audience: this.otherAudiences()[0].name};
    }
    const withValues = catalog.traits.find(trait => trait.kind === 'text' && trait.values.length > 0 && trait.name !== 'customer_id');
    if (withValues) {
      return {trait: withValues.name, operator: 'equals', value: withValues.values[0]};
    }
    return {trait: catalog.traits.length ? catalog.traits[0].name : 'customer_id', operator: 'is-set'};
  }

  fields(node, path) {
    switch (this.typeOf(node)) {
      case 'score':
        return this.trait(node, path, this.catalog.scoreTraits, 'Score');
      case 'event':
        return this.event(node, path);
      case 'transactions':
        return this.transactions(node, path);
      case 'audience':
        return select(idOf(path, 'audience'), 'Audience', this.otherAudiences().map(a => [a.name, a.name]), node.audience,
          value => { node.audience = value; this.changed(false); }, 'audience');
      default:
        return this.trait(node, path, this.catalog.traits, 'Trait');
    }
  }

  /** The operator picker and the value control of a comparison; kind picks the operators, types and samples the values. */
  comparison(node, path, kinds, types, samples) {
    const operators = [...new Set(kinds.flatMap(kind => this.catalog.operators[kind] || []))];
    const operator = select(idOf(path, 'operator'), 'Operator', operators.map(o => [o, operatorLabel(o)]), node.operator, value => {
      const before = arity(node.operator);
      node.operator = value;
      if (arity(value) === 'none') {
        delete node.value;
      } else if (arity(value) !== before) {
        node.value = arity(value) === 'list' || arity(value) === 'two' ? [] : '';
      }
      this.changed(true);
    }, 'operator');
    return [operator, valueControl(node, path, idOf(path, 'value'), types, samples, () => this.changed(false))];
  }

  trait(node, path, traits, label) {
    const current = traits.find(trait => trait.name === node.trait);
    const kind = current ? current.kind : 'text';
    const picker = select(idOf(path, 'trait'), label, traits.map(t => [t.name, t.model ? t.name + ' (' + t.model + ')' : t.name]), node.trait, value => {
      const next = traits.find(trait => trait.name === value);
      if (!next) {
        return;
      }
      node.trait = value;
      if (!(this.catalog.operators[next.kind] || []).includes(node.operator)) {
        node.operator = next.kind === 'text' || next.kind === 'number' || next.kind === 'boolean' ? 'equals' : 'is-set';
      }
      if (arity(node.operator) === 'none') {
        delete node.value;
      } else {
        node.value = next.kind === 'boolean' ? true : arity(node.operator) === 'one' ? '' : [];
      }
      this.changed(true);
    }, 'trait');
    return [picker, ...this.comparison(node, path, [kind], KIND_TYPES[kind] || ['string'], current ? current.values || [] : [])];
  }

  event(node, path) {
    const catalog = this.catalog;
    const info = catalog.events.find(e => e.name === node.event);
    const picker = select(idOf(path, 'event'), 'Event', catalog.events.map(e => [e.name, e.name + ' (' + e.count.toLocaleString('en-US') + ')']), node.event,
      value => { node.event = value; delete node.where; this.changed(true); }, 'event');
    const performed = select(idOf(path, 'performed'), 'Done', [['yes', 'did'], ['no', 'did not do']], node.performed === false ? 'no' : 'yes', value => {
      if (value === 'no') {
        node.performed = false;
        delete node.count;
      } else {
        delete node.performed;
      }
      this.changed(true);
    }, 'performed');
    const count = node.count || {operator: 'at-least', value: 1};
    const counted = node.performed === false ? [] : [
      select(idOf(path, 'count-operator'), 'How often', catalog.countOperators.map(o => [o, countLabel(o)]), count.operator, value => {
        node.count = {operator: value, value: count.value};
        this.changed(true);
      }, 'count-operator'),
      field('Times', this.whole(idOf(path, 'count'), 'count', count.value, 0, value => {
        node.count = {operator: count.operator, value};
        if (value === 1 && count.operator === 'at-least') {
          delete node.count;
        }
        this.changed(false);
      }))];
    const filters = (node.where || []).map((filter, index) => this.property(node, info, filter, index, path + '.where[' + index + ']'));
    const properties = info ? info.properties : [];
    const addFilter = this.editable && properties.length > 0 ? h('button', {type: 'button', class: 'btn small', 'data-role': 'add-property',
      id: idOf(path, 'add-property'), onclick: () => {
        const first = properties[0];
        (node.where = node.where || []).push({property: first.name, operator: 'is-set'});
        this.changed(true);
      }}, '+ Property filter') : null;
    return [picker, performed, ...counted, ...this.window(node, path), filters.length || addFilter ? h('div', {class: 'filters'}, filters, addFilter) : null];
  }

  property(node, info, filter, index, path) {
    const properties = info ? info.properties : [];
    const current = properties.find(p => p.name === filter.property);
    const picker = select(idOf(path, 'property'), 'Property', properties.map(p => [p.name, p.name]), filter.property, value => {
      filter.property = value;
      filter.operator = 'is-set';
      delete filter.value;
      this.changed(true);
    }, 'property');
    const remove = this.editable ? h('button', {type: 'button', class: 'btn small danger', 'data-role': 'remove-property', id: idOf(path, 'remove'),
      'aria-label': 'Remove the filter on ' + filter.property, onclick: () => {
        node.where.splice(index, 1);
        if (node.where.length === 0) {
          delete node.where;
        }
        this.changed(true);
      }}, '×') : null;
    return h('div', {class: 'row filter', 'data-path': path}, h('span', {class: 'muted'}, 'where'), picker,
      ...this.comparison(filter, path, current ? current.kinds : ['json'], current ? current.types : [], current ? current.values : []), remove);
  }

  transactions(node, path) {
    const catalog = this.catalog;
    const numbers = catalog.transactions.columns.filter(column => column.kind === 'number');
    const measure = select(idOf(path, 'measure'), 'Measure', catalog.transactionMeasures.map(m => [m, measureLabel(m)]), node.transactions, value => {
      node.transactions = value;
      if (value === 'count') {
        delete node.of;
      }
      this.changed(true);
    }, 'measure');
    const of = node.transactions === 'count' ? null : select(idOf(path, 'of'), 'Of', numbers.map(c => [c.name, c.name]), node.of || 'amount',
      value => { node.of = value; this.changed(false); }, 'of');
    const types = catalog.transactions.types;
    const type = types.length === 0 && node.type === undefined ? null : select(idOf(path, 'transaction-type'), 'Type',
      [['', 'any type'], ...types.map(t => [t, t])], Array.isArray(node.type) ? node.type[0] : (node.type || ''), value => {
        if (value) {
          node.type = value;
        } else {
          delete node.type;
        }
        this.changed(false);
      }, 'transaction-type');
    return [measure, of, type, ...this.window(node, path), ...this.comparison(node, path, ['measure'], ['number'], [])];
  }

  window(node, path) {
    const mode = node['within-days'] !== undefined ? 'last' : Array.isArray(node.between) ? 'between' : 'always';
    const picker = select(idOf(path, 'window'), 'When', [['always', 'at any time'], ['last', 'in the last'], ['between', 'between']], mode, value => {
      delete node['within-days'];
      delete node.between;
      if (value === 'last') {
        node['within-days'] = 30;
      } else if (value === 'between') {
        const end = (this.catalog.asOf || new Date().toISOString()).substring(0, 10);
        const start = new Date(Date.parse(end) - 30 * 86400000).toISOString().substring(0, 10);
        node.between = [start, end];
      }
      this.changed(true);
    }, 'window');
    if (mode === 'last') {
      const days = node['within-days'];
      const state = remembered.get(node) || {unit: days % 7 === 0 ? 7 : 1};
      remembered.set(node, state);
      const units = this.catalog.windowUnits.map(u => [String(u.days), u.name]);
      const amount = this.whole(idOf(path, 'window-amount'), 'window-amount', typeof days === 'number' ? days / state.unit : days, 1, value => {
        node['within-days'] = typeof value === 'number' ? value * state.unit : value;
        this.changed(false);
      });
      const unit = select(idOf(path, 'window-unit'), 'Unit', units, String(state.unit), value => {
        const count = node['within-days'] / state.unit;
        state.unit = Number(value);
        node['within-days'] = count * state.unit;
        this.changed(true);
      }, 'window-unit');
      return [picker, field('Number of', amount), unit];
    }
    if (mode === 'between') {
      const input = (which, label) => {
        const control = h('input', {id: idOf(path, 'between-' + which), 'data-role': 'between-' + which, value: node.between[which],
          placeholder: 'YYYY-MM-DD', size: 11});
        control.addEventListener('input', () => { node.between[which] = control.value.trim(); this.changed(false); });
        return field(label, control);
      };
      return [picker, input(0, 'From'), input(1, 'To')];
    }
    return [picker];
  }

  /** A whole-number input; a value that is not a whole number is passed on as text for the server to name. */
  whole(id, role, value, min, onInput) {
    const control = h('input', {id, 'data-role': role, type: 'number', min, step: 1, value: value === undefined ? '' : value, class: 'narrow'});
    control.addEventListener('input', () => {
      const text = control.value.trim();
      onInput(/^[0-9]+$/.test(text) ? Number(text) : text);
    });
    return control;
  }
}

/** The JSON types a trait's values are parsed as, by its kind. */
const KIND_TYPES = {number: ['number'], boolean: ['boolean']};
