// A cron schedule (five fields, UTC, as the server reads it: docs/SYNCS.md) in plain words, for the
// sync form: describe('0 6 * * 1-5') → 'at 06:00 UTC, Monday to Friday'. Falls back to naming the
// fields when a schedule is beyond these words; the server checks every schedule when it is saved.

const SHORTHANDS = {'@hourly': '0 * * * *', '@daily': '0 0 * * *', '@midnight': '0 0 * * *', '@weekly': '0 0 * * 0',
  '@monthly': '0 0 1 * *', '@yearly': '0 0 1 1 *', '@annually': '0 0 1 1 *'};
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_NAMES = {SUN: 0, MON: 1, TUE: 2, WED: 3, THU: 4, FRI: 5, SAT: 6};
const MONTHS = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_NAMES = {JAN: 1, FEB: 2, MAR: 3, APR: 4, MAY: 5, JUN: 6, JUL: 7, AUG: 8, SEP: 9, OCT: 10, NOV: 11, DEC: 12};

function pad(value) {
  return String(value).padStart(2, '0');
}

function ordinal(n) {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) {
    return n + 'th';
  }
  return n + ({1: 'st', 2: 'nd', 3: 'rd'}[n % 10] || 'th');
}

/** One field as words: a list of values, ranges and steps; names(value) words one value. */
function words(field, names) {
  return field.split(',').map(part => {
    const [range, step] = part.split('/');
    let text;
    if (range === '*') {
      text = 'every one';
    } else if (range.includes('-')) {
      const [from, to] = range.split('-');
      text = names(from) + ' to ' + names(to);
    } else {
      text = names(range);
    }
    return step ? 'every ' + step + ' from ' + (range === '*' ? 'the first' : text) : text;
  }).join(', ');
}

function dayName(value) {
  const upper = value.toUpperCase();
  const n = upper in DAY_NAMES ? DAY_NAMES[upper] : Number(value);
  return DAYS[n] || value;
}

function monthName(value) {
  const upper = value.toUpperCase();
  return MONTHS[upper in MONTH_NAMES ? MONTH_NAMES[upper] : Number(value)] || value;
}

const NUMBER = /^\d+$/;

/** The schedule in plain words, or null when it is not five fields. */
export function describe(expression) {
  const text = (expression || '').trim();
  const fields = (SHORTHANDS[text.toLowerCase()] || text).split(/\s+/);
  if (fields.length !== 5 || fields.some(f => f === '')) {
    return null;
  }
  const [minute, hour, day, month, weekday] = fields;
  let when;
  if (NUMBER.test(minute) && NUMBER.test(hour)) {
    when = 'at ' + pad(hour) + ':' + pad(minute) + ' UTC';
  } else if (NUMBER.test(minute) && hour === '*') {
    when = minute === '0' ? 'every hour, on the hour' : 'every hour at ' + minute + ' minutes past';
  } else if (minute === '*' && hour === '*') {
    when = 'every minute';
  } else if (/^\*\/\d+$/.test(minute) && hour === '*') {
    when = 'every ' + minute.substring(2) + ' minutes';
  } else if (NUMBER.test(minute) && /^\*\/\d+$/.test(hour)) {
    when = 'every ' + hour.substring(2) + ' hours at ' + minute + ' minutes past';
  } else {
    when = 'at minute ' + words(minute, v => v) + ' of hour ' + words(hour, v => v) + ' (UTC)';
  }
  const parts = [when];
  if (day === '*' && weekday === '*') {
    parts.push(NUMBER.test(hour) ? 'every day' : null);
  } else {
    if (day !== '*') {
      parts.push('on the ' + words(day, v => NUMBER.test(v) ? ordinal(Number(v)) : v) + ' day of the month');
    }
    if (weekday !== '*') {
      parts.push((day !== '*' ? 'or on ' : 'on ') + words(weekday, dayName));
    }
  }
  if (month !== '*') {
    parts.push('in ' + words(month, monthName));
  }
  return parts.filter(Boolean).join(', ');
}
