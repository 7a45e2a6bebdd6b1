import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartConfig, palette, tooltipLabel } from '../wwwroot/js/charts.js';

const data = { labels: ['2026-Q1', '2026-Q2'], xTitle: 'Quarter', series: [{ label: 'Revenue', data: [10, null] }, { label: 'Target', data: [12, 13] }] };

test('a line chart keeps gaps as gaps and gives each series its own colour', () => {
  const config = chartConfig('line', data, { yTitle: 'USD' });
  assert.equal(config.type, 'line');
  assert.deepEqual(config.data.datasets[0].data, [10, null]);
  assert.equal(config.data.datasets[0].spanGaps, false);
  assert.notEqual(config.data.datasets[0].borderColor, config.data.datasets[1].borderColor);
  assert.equal(config.options.scales.y.title.text, 'USD');
  assert.equal(config.options.plugins.legend.display, true);
});

test('a stacked chart is a bar chart with both axes stacked', () => {
  const config = chartConfig('stacked', data);
  assert.equal(config.type, 'bar');
  assert.equal(config.options.scales.x.stacked, true);
  assert.equal(config.options.scales.y.stacked, true);
});

test('a doughnut colours each slice and has no axes', () => {
  const config = chartConfig('doughnut', { labels: ['Healthy', 'Watch', 'At risk'], xTitle: 'Tier', series: [{ label: 'Accounts', data: [5, 3, 2] }] });
  assert.deepEqual(config.data.datasets[0].backgroundColor, palette.slice(0, 3));
  assert.deepEqual(config.options.scales, {});
});

test('charts do not animate, so a projector or a screenshot shows the final picture', () => {
  assert.equal(chartConfig('bar', data).options.animation, false);
});

test('a tooltip shows the cell as the table writes it, currency and all', () => {
  const money = { labels: ['2026-Q1'], xTitle: 'Quarter', series: [{ label: 'Revenue', data: [1250000], texts: ['USD 1.25M'] }] };
  const config = chartConfig('bar', money, { yTitle: 'Revenue (USD)' });
  assert.equal(config.options.plugins.tooltip.callbacks.label({ datasetIndex: 0, dataIndex: 0, raw: 1250000, formattedValue: '1,250,000' }), 'Revenue: USD 1.25M');
  assert.equal(tooltipLabel(data, { datasetIndex: 0, dataIndex: 0, raw: 10, formattedValue: '10' }), 'Revenue: 10');
});
