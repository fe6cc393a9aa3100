// Charts with Chart.js (bundled from npm into lib/chart.js by build-web-assets.sh; a global script, no CDN).
// Each chart replaces the one drawn before it on the same canvas.

const palette = ["#1f6feb", "#1f9d55", "#e8590c", "#7b3fe4", "#d89b00", "#d92d20", "#39424e"];

export function chartAvailable() {
  return typeof globalThis.Chart === "function";
}

/**
 * A bar chart (datasets of type "line" draw on a second axis on the right).
 * @param {HTMLCanvasElement} canvas
 * @param {string[]} labels
 * @param {{label: string, data: (number|null)[], type?: string}[]} datasets
 */
export function drawChart(canvas, labels, datasets, { stacked = false, highlight = null } = {}) {
  if (!chartAvailable()) return null;
  globalThis.Chart.getChart(canvas)?.destroy();
  const hasLine = datasets.some(d => d.type === "line");
  return new globalThis.Chart(canvas, {
    type: "bar",
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        ...d,
        backgroundColor: highlight == null ? palette[i % palette.length]
          : labels.map(label => (label === highlight ? palette[5] : palette[i % palette.length])),
        borderColor: palette[i % palette.length],
        yAxisID: d.type === "line" ? "y2" : "y",
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: { stacked },
        y: { stacked, beginAtZero: true },
        ...(hasLine ? { y2: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false } } } : {}),
      },
    },
  });
}
