// The audiences: the list (#/audiences) with origin, size and last computation, and recipes as
// one-click starts; #/audiences/new and #/audiences/NAME open the builder (audience-builder.js).
import {h, table, number, ago} from '../dom.js';
import {api} from '../api.js';
import {renderBuilder, startFrom, duplicate, deleteButton, usedBy, freeName} from './audience-builder.js';

function stylesheet() {
  const href = '/app/assets/pages/audiences.css';
  if (!document.querySelector('link[href="' + href + '"]')) {
    document.head.appendChild(h('link', {rel: 'stylesheet', href}));
  }
}

async function startRecipe(ctx, recipe, taken) {
  const answer = await api('POST', '/api/recipes/' + encodeURIComponent(recipe.name), {});
  const definition = answer.definition;
  definition.name = taken.includes(definition.name) ? freeName(definition.name, taken) : definition.name;
  startFrom(definition);
  ctx.navigate('audiences', 'new');
}

async function renderList(main, ctx) {
  main.appendChild(h('h1', {}, 'Audiences'));
  const [audiences, recipes] = await Promise.all([api('GET', '/api/audiences'), api('GET', '/api/recipes')]);
  if (!ctx.current()) {
    return;
  }
  const all = audiences.audiences;
  const taken = all.map(audience => audience.name);
  const editor = ctx.can('editor');
  const failed = e => ctx.toast(e.message, 'error');
  main.appendChild(h('div', {class: 'toolbar'}, editor
    ? h('a', {href: '#/audiences/new', class: 'btn primary', id: 'new-audience', 'data-role': 'new-audience'}, 'New audience') : null));
  const actions = audience => {
    const users = usedBy(all, audience.name);
    return h('span', {class: 'row'},
      h('a', {href: '#/audiences/' + encodeURIComponent(audience.name), class: 'btn small', 'data-role': 'open'}, 'Open'),
      editor ? h('button', {type: 'button', class: 'btn small', 'data-role': 'duplicate',
        onclick: () => duplicate(ctx, audience, taken).catch(failed)}, 'Duplicate') : null,
      editor && audience.editable && users.length === 0 ? deleteButton(audience.name, () => api('DELETE', '/api/audiences/' + encodeURIComponent(audience.name))
        .then(() => { ctx.toast('Deleted ' + audience.name + '.'); renderAgain(main, ctx); }).catch(failed)) : null);
  };
  main.appendChild(h('section', {class: 'card', 'aria-labelledby': 'audiences-title'},
    h('h2', {id: 'audiences-title', class: 'visually-hidden'}, 'Every audience'),
    table([
      {label: 'Audience', value: a => h('a', {href: '#/audiences/' + encodeURIComponent(a.name), 'data-audience': a.name}, a.name)},
      {label: 'Description', value: a => a.definition.description || ''},
      {label: 'Origin', value: a => h('span', {class: ['badge', a.editable ? 'info' : null]}, a.origin)},
      {label: 'Members', numeric: true, value: a => a.latestRun ? number(a.latestRun.size) : '—'},
      {label: 'Computed', value: a => a.latestRun ? ago(a.latestRun.computedAt) : 'not yet'},
      {label: 'Actions', value: actions},
    ], all, {empty: 'No audiences yet.'})));
  if (editor) {
    main.appendChild(h('section', {class: 'card recipes', 'aria-labelledby': 'recipes-title'},
      h('h2', {id: 'recipes-title'}, 'Start from a recipe'),
      h('ul', {class: 'recipe-list'}, recipes.recipes.map(recipe => h('li', {},
        h('button', {type: 'button', class: 'btn', 'data-role': 'recipe', 'data-recipe': recipe.name,
          onclick: () => startRecipe(ctx, recipe, taken).catch(failed)}, recipe.name),
        h('span', {class: 'muted'}, recipe.description))))));
  }
}

function renderAgain(main, ctx) {
  main.replaceChildren();
  renderList(main, ctx).catch(e => ctx.toast(e.message, 'error'));
}

export default {
  title: 'Audiences',
  async render(main, ctx) {
    stylesheet();
    const [name] = ctx.params;
    if (name) {
      await renderBuilder(main, ctx, name === 'new' ? null : name);
      return;
    }
    await renderList(main, ctx);
  },
};
