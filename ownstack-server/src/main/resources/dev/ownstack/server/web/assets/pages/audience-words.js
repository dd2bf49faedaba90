// An audience rule in plain words ("Customers who have country equal to "GB" and (...)"), and the
// words of operators the builder's pickers show. Rules are the REST API's JSON (docs/AUDIENCES.md).

/** What an operator's value is: none, one, a list, two (low and high) or a number of days. */
const ARITY = {
  'is-set': 'none', 'is-not-set': 'none', 'in': 'list', 'not-in': 'list', 'between': 'two',
  'within-last-days': 'days', 'more-than-days-ago': 'days',
};

/** The operators as the pickers show them. */
const LABELS = {
  'equals': 'is', 'not-equals': 'is not', 'in': 'is one of', 'not-in': 'is none of',
  'greater': 'is greater than', 'greater-or-equal': 'is at least', 'less': 'is less than', 'less-or-equal': 'is at most',
  'between': 'is between', 'contains': 'contains', 'starts-with': 'starts with', 'before': 'is before', 'after': 'is after',
  'within-last-days': 'is within the last … days', 'more-than-days-ago': 'is more than … days ago',
  'is-set': 'has a value', 'is-not-set': 'has no value',
};

/** The operators in sentences: "have orders above 3", "have country of "GB"". */
const PHRASES = {
  'equals': 'of', 'not-equals': 'other than', 'in': 'among', 'not-in': 'not among', 'greater': 'above', 'greater-or-equal': 'of at least',
  'less': 'below', 'less-or-equal': 'of at most', 'contains': 'containing', 'starts-with': 'starting with', 'before': 'before', 'after': 'after',
};

const COUNTS = {'at-least': 'at least', 'at-most': 'at most', 'exactly': 'exactly'};
const MEASURES = {count: 'number of transactions', sum: 'total', average: 'average'};

export function arity(operator) {
  return ARITY[operator] || 'one';
}

export function operatorLabel(operator) {
  return LABELS[operator] || operator;
}

export function countLabel(operator) {
  return COUNTS[operator] || operator;
}

export function measureLabel(measure) {
  return MEASURES[measure] || measure;
}

function literal(value) {
  return typeof value === 'string' ? '"' + value + '"' : String(value);
}

function list(values) {
  return (Array.isArray(values) ? values : [values]).map(literal).join(', ');
}

/** "country among "GB", "IE"", "first_seen within the last 30 days", "email set". */
export function comparison(subject, operator, value) {
  switch (arity(operator)) {
    case 'none':
      return subject + (operator === 'is-set' ? ' set' : ' not set');
    case 'list':
      return subject + ' ' + PHRASES[operator] + ' ' + list(value);
    case 'two':
      return subject + ' between ' + literal((value || [])[0]) + ' and ' + literal((value || [])[1]);
    case 'days':
      return subject + (operator === 'within-last-days' ? ' within the last ' + value + ' days' : ' more than ' + value + ' days ago');
    default:
      return subject + ' ' + (PHRASES[operator] || operator) + ' ' + literal(value);
  }
}

function window(condition) {
  if (condition['within-days']) {
    const days = condition['within-days'];
    return days % 7 === 0 ? ' in the last ' + (days / 7) + ' week' + (days === 7 ? '' : 's') : ' in the last ' + days + ' day' + (days === 1 ? '' : 's');
  }
  if (Array.isArray(condition.between)) {
    return ' between ' + condition.between[0] + ' and ' + condition.between[1];
  }
  return '';
}

function times(count) {
  if (!count) {
    return '';
  }
  return ' ' + countLabel(count.operator) + ' ' + count.value + ' time' + (count.value === 1 ? '' : 's');
}

function event(condition, negated) {
  const performed = (condition.performed !== false) !== negated;
  const where = (condition.where || []).map(filter => comparison(filter.property, filter.operator, filter.value));
  return (performed ? 'did "' : 'did not do "') + condition.event + '"' + times(condition.count) + window(condition)
    + (where.length ? ' where ' + where.join(' and ') : '');
}

function transactions(condition) {
  const types = condition.type === undefined ? '' : ' of type ' + list(condition.type);
  const measure = condition.transactions === 'count' ? 'number of transactions'
    : measureLabel(condition.transactions) + ' ' + (condition.of || 'amount') + ' of transactions';
  return 'have a ' + comparison(measure + types + window(condition), condition.operator, condition.value);
}

/** The words after "Customers who" for one rule; groups below the top are in parentheses. */
export function words(rule, nested) {
  if (!rule || typeof rule !== 'object') {
    return '…';
  }
  if (Array.isArray(rule.all) || Array.isArray(rule.any)) {
    const items = rule.all || rule.any;
    if (items.length === 0) {
      return rule.all ? 'are any customer' : 'match nothing';
    }
    const text = items.map(item => words(item, true)).join(rule.all ? ' and ' : ' or ');
    return nested && items.length > 1 ? '(' + text + ')' : text;
  }
  if (rule.not !== undefined) {
    if (rule.not && rule.not.event !== undefined) {
      return event(rule.not, true);
    }
    if (rule.not && rule.not.audience !== undefined) {
      return 'are not in the audience "' + rule.not.audience + '"';
    }
    return 'are not among those who ' + words(rule.not, true);
  }
  if (rule.trait !== undefined) {
    if (arity(rule.operator) === 'none') {
      return (rule.operator === 'is-set' ? 'have a ' : 'have no ') + rule.trait;
    }
    return 'have ' + comparison(rule.trait, rule.operator, rule.value);
  }
  if (rule.event !== undefined) {
    return event(rule, false);
  }
  if (rule.transactions !== undefined) {
    return transactions(rule);
  }
  if (rule.audience !== undefined) {
    return 'are in the audience "' + rule.audience + '"';
  }
  return '…';
}

/** The whole sentence: "Customers who ...". */
export function sentence(rule) {
  if (rule && Array.isArray(rule.all) && rule.all.length === 0) {
    return 'Every customer.';
  }
  return 'Customers who ' + words(rule, false) + '.';
}
