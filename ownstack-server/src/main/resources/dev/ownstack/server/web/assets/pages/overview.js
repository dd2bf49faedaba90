// The overview: the audiences with their latest size and the syncs with their latest run, each
// linking to its own page.
import {h, table, number, ago} from '../dom.js';
import {api} from '../api.js';

const STATUS = {succeeded: 'ok', 'partially-failed': 'warn', failed: 'bad', stopped: 'warn', running: 'info'};

export default {
  title: 'Overview',
  async render(main, ctx) {
    main.appendChild(h('h1', {}, 'Overview'));
    const [audiences, syncs] = await Promise.all([api('GET', '/api/audiences'), api('GET', '/api/syncs')]);
    if (!ctx.current()) {
      return;
    }
    main.appendChild(h('div', {class: 'columns'},
      h('section', {class: 'card', 'aria-labelledby': 'overview-audiences'},
        h('h2', {id: 'overview-audiences'}, 'Audiences'),
        table([
          {label: 'Audience', value: a => h('a', {href: '#/audiences/' + encodeURIComponent(a.name)}, a.name)},
          {label: 'Members', numeric: true, value: a => a.latestRun ? number(a.latestRun.size) : '—'},
          {label: 'Computed', value: a => a.latestRun ? ago(a.latestRun.computedAt) : 'not yet'},
        ], audiences.audiences, {empty: 'No audiences yet.'})),
      h('section', {class: 'card', 'aria-labelledby': 'overview-syncs'},
        h('h2', {id: 'overview-syncs'}, 'Syncs'),
        table([
          {label: 'Sync', value: s => h('a', {href: '#/syncs/' + encodeURIComponent(s.name)}, s.name)},
          {label: 'Destination', value: s => s.destination},
          {label: 'Last run', value: s => s.lastRun
            ? h('span', {}, h('span', {class: ['badge', STATUS[s.lastRun.status] || 'info']}, s.lastRun.status), ' ', ago(s.lastRun.startedAt))
            : 'never'},
          {label: 'Next run', value: s => s.nextRunAt ? ago(s.nextRunAt) : s.trigger.type},
        ], syncs.syncs, {empty: 'No syncs yet.'}))));
  },
};
