// Charts drawn from their own data table, so a chart and its text alternative can never disagree.
//
// Markup (Views/Shared/_Chart.cshtml writes it from a ChartModel):
//   <figure class="chart-figure">
//     <div class="chart-box"><canvas data-chart-table="TABLE_ID" data-chart-type="line|bar|stacked|doughnut"
//          role="img" aria-label="What the chart shows"></canvas></div>
//     <details><summary>Table view</summary><table id="TABLE_ID">
//       <thead><tr><th>x label</th><th>Series 1</th><th>Series 2</th></tr></thead>
//       <tbody><tr><th scope="row">Q1</th><td data-value="12500">USD 12.5k</td>...</tr></tbody>
//     </table></details>
//   </figure>
// A cell's number is its data-value (the text is for people, and the tooltip shows it); an empty data-value is a gap.
// Load with <script type="module" src="/js/charts.js">; Chart.js (UMD) must be loaded before it.

/** Colours with at least 3:1 contrast on white, distinguishable in the common colour-vision deficiencies. */
export const palette = ['#0b5cad', '#c23b22', '#1a7f37', '#8250df', '#9a6700', '#57606a', '#bf3989', '#0a7c86'];

/** Labels, series and numbers of a chart's table. */
export function readTable(table) {
  const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
  const rows = [...table.querySelectorAll('tbody tr')];
  const labels = rows.map((tr) => tr.cells[0].textContent.trim());
  const series = headers.slice(1).map((name, i) => ({
    label: name,
    data: rows.map((tr) => {
      const raw = tr.cells[i + 1]?.dataset.value;
      return raw === undefined || raw === '' ? null : Number(raw);
    }),
    texts: rows.map((tr) => tr.cells[i + 1]?.textContent.trim() ?? ''),
  }));
  return { labels, series, xTitle: headers[0] ?? '' };
}

/** A tooltip line: the series and the cell's text as the table shows it (with its currency), else the number. */
export function tooltipLabel(data, item) {
  const series = data.series[item.datasetIndex];
  const text = series?.texts?.[item.dataIndex];
  const value = text || (item.formattedValue ?? String(item.raw ?? ''));
  return series?.label ? `${series.label}: ${value}` : value;
}

/** The Chart.js configuration for a table's data; type is line, bar, stacked or doughnut. */
export function chartConfig(type, data, options = {}) {
  const doughnut = type === 'doughnut';
  const datasets = data.series.map((s, i) => ({
    label: s.label,
    data: s.data,
    borderColor: doughnut ? '#ffffff' : palette[i % palette.length],
    backgroundColor: doughnut ? data.labels.map((_, j) => palette[j % palette.length]) : palette[i % palette.length],
    borderWidth: doughnut ? 2 : type === 'line' ? 3 : 0,
    pointRadius: type === 'line' ? 4 : undefined,
    spanGaps: false,
  }));
  const axisFont = { size: 14 };
  return {
    type: doughnut ? 'doughnut' : type === 'stacked' ? 'bar' : type,
    data: { labels: data.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: doughnut || datasets.length > 1, labels: { font: axisFont } },
        // The tooltip says what the table says ("USD 1.2M"), not the bare number drawn.
        tooltip: { bodyFont: axisFont, titleFont: axisFont, callbacks: { label: (item) => tooltipLabel(data, item) } },
      },
      scales: doughnut ? {} : {
        x: { stacked: type === 'stacked', ticks: { font: axisFont }, title: { display: !!data.xTitle, text: data.xTitle, font: axisFont } },
        y: {
          stacked: type === 'stacked',
          beginAtZero: options.beginAtZero ?? true,
          ticks: { font: axisFont },
          title: { display: !!options.yTitle, text: options.yTitle, font: axisFont },
        },
      },
    },
  };
}

/** Draws every chart under root whose table is there; returns the Chart instances. */
export function drawCharts(root = document) {
  const charts = [];
  if (typeof window === 'undefined' || !window.Chart) return charts;
  for (const canvas of root.querySelectorAll('canvas[data-chart-table]')) {
    const table = document.getElementById(canvas.dataset.chartTable);
    if (!table || canvas.dataset.chartDrawn) continue;
    const config = chartConfig(canvas.dataset.chartType ?? 'line', readTable(table), {
      yTitle: canvas.dataset.chartYTitle,
      beginAtZero: canvas.dataset.chartBeginAtZero !== 'false',
    });
    charts.push(new window.Chart(canvas, config));
    canvas.dataset.chartDrawn = 'true';
  }
  return charts;
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => drawCharts());
  } else {
    drawCharts();
  }
}
