// The scores cards of the dashboards: how the churn (or any label) probabilities of the applied models are
// spread, and how well each model ranked the held-back period next to its baselines, with its calibration.
import {h} from '../dom.js';
import {api} from '../api.js';
import {barChart, lineChart, histogram, empty, plain, percent} from '../charts.js';

const RANKINGS = [['ensemble', 'Ensemble (XGBoost + LR)'], ['xgboost', 'XGBoost'], ['logistic_regression', 'Logistic regression'], ['recency_only', 'Recency only']];

/** The version whose scores are applied, else the latest. */
function shown(model) {
  return model.versions.find(v => v.version === model.appliedVersion) || model.versions[model.versions.length - 1];
}

function distribution(model) {
  const d = model.distribution;
  return h('div', {class: 'model'}, h('h3', {}, model.name + ' (' + d.column + ', version ' + d.version + ')'),
    h('p', {class: 'hint'}, plain(d.customers) + ' customers scored, mean probability ' + percent(d.mean)),
    histogram({title: 'Customers by ' + d.column, name: 'Customers', by: 'probability', edge: v => v.toFixed(2),
      bins: d.bins.map(b => ({from: b.from, to: b.to, count: b.customers})), none: 'No customer has a ' + d.column + ' yet.',
      table: {columns: [{label: 'Probability from', numeric: true, value: b => b.from.toFixed(2)},
        {label: 'to', numeric: true, value: b => b.to.toFixed(2)}, {label: 'Customers', numeric: true, value: b => plain(b.customers)}], rows: d.bins}}));
}

function quality(model) {
  const version = shown(model);
  const rankings = version.metrics.rankings || {};
  const present = RANKINGS.filter(([key]) => rankings[key]);
  const calibration = version.metrics.calibration || [];
  return h('div', {class: 'model'}, h('h3', {}, model.name + ', version ' + version.version + (version.version === model.appliedVersion ? ' (applied)' : '')),
    h('p', {class: 'hint'}, version.window),
    barChart({title: 'AUC of ' + model.name + ' on the held-back period, next to its baselines', by: 'ranking', labels: present.map(([, label]) => label),
      series: [{name: 'AUC', values: present.map(([key]) => rankings[key].auc)}], format: v => v.toFixed(3), axisFormat: v => v.toFixed(1),
      none: 'This version has no ranking.',
      table: {columns: [{label: 'Ranking', value: r => r[1]}, {label: 'AUC', numeric: true, value: r => rankings[r[0]].auc.toFixed(3)},
        {label: 'Precision, top 10%', numeric: true, value: r => percent(rankings[r[0]].precision_top_decile)},
        {label: 'Recall, top 10%', numeric: true, value: r => percent(rankings[r[0]].recall_top_decile)}], rows: present}}),
    calibration.length ? lineChart({title: 'Calibration of ' + model.name + ': predicted and observed rate by decile', by: 'decile of predicted probability',
      labels: calibration.map(c => 'D' + c.decile), series: [{name: 'Predicted', values: calibration.map(c => c.predicted)},
        {name: 'Observed', values: calibration.map(c => c.observed)}], format: percent, axisFormat: percent,
      table: {columns: [{label: 'Decile', numeric: true, value: c => c.decile}, {label: 'Customers', numeric: true, value: c => plain(c.customers)},
        {label: 'Predicted', numeric: true, value: c => percent(c.predicted)}, {label: 'Observed', numeric: true, value: c => percent(c.observed)}],
      rows: calibration}}) : null);
}

/** The two cards, drawn into grid with the page's card(); returns their promises. */
export function scoreCards(grid, card, ctx) {
  let asked = null;
  const models = () => asked || (asked = api('GET', '/api/score-models').then(answer => answer.models));
  return [
    card(grid, 'dash-churn', 'Churn-score distribution', 'Customers by the probability the applied model gives them', async () => {
      const spread = (await models()).filter(m => m.distribution);
      return spread.length ? h('div', {}, spread.map(distribution))
        : empty('No probabilities are applied yet: run ownstack score train and ownstack score apply.');
    }, ctx),
    card(grid, 'dash-quality', 'Model quality', 'AUC on the held-back period next to the baselines, and calibration', async () => {
      const ranked = (await models()).filter(m => m.versions.length && shown(m).metrics.rankings);
      return ranked.length ? h('div', {}, ranked.map(quality))
        : empty('No churn or label model has been trained yet: run ownstack score train.');
    }, ctx),
  ];
}
