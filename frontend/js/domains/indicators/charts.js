// Charts through Apache ECharts (vendored ES module, loaded on first use). Every chart has a table
// beside it with the same numbers, so nothing is conveyed by the picture alone.
let loading = null;

function echarts() {
  loading = loading || import("../../../vendor/echarts/echarts.esm.min.js");
  return loading;
}

const PALETTE = ["#00566b", "#8a3b00", "#1d6b35", "#6b2c91", "#a0191f", "#4a5560", "#005ea8", "#7a5200"];
const instances = new WeakMap();

// The chart's accessible name and description are the app's own translated text: ECharts' aria
// module is off (it writes an English description in which the series number is read as data), the
// container is one image named by `label` and described by a visually hidden `description` beside it.
async function draw(el, option, label, description) {
  const lib = await echarts();
  let chart = instances.get(el);
  if (!chart) {
    chart = lib.init(el, null, { renderer: "canvas" });
    instances.set(el, chart);
    new ResizeObserver(() => chart.resize()).observe(el);
  }
  chart.setOption({ color: PALETTE, aria: { enabled: false }, animation: false, ...option }, true);
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", label);
  el.removeAttribute("aria-description");
  if (description) {
    const id = `${el.id || "chart"}-desc`;
    let text = document.getElementById(id);
    if (!text) {
      text = document.createElement("p");
      text.id = id;
      text.className = "visually-hidden";
      el.after(text);
    }
    text.textContent = description;
    el.setAttribute("aria-describedby", id);
  }
  return chart;
}

// series: [{name, values: [number|null per category]}]
export function lineChart(el, { categories, series, label, unit, description }) {
  return draw(el, {
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", bottom: 0 },
    grid: { left: 60, right: 20, top: 30, bottom: 60 },
    xAxis: { type: "category", data: categories, boundaryGap: false },
    yAxis: { type: "value", name: unit, scale: true },
    series: series.map((s) => ({ name: s.name, type: "line", data: s.values, connectNulls: false, symbolSize: 6 })),
  }, label, description);
}

export function barChart(el, { categories, series, label, unit, description }) {
  return draw(el, {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { type: "scroll", bottom: 0, show: series.length > 1 },
    grid: { left: 60, right: 20, top: 30, bottom: categories.length > 6 ? 110 : 60 },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 40 : 0 } },
    yAxis: { type: "value", name: unit },
    series: series.map((s) => ({ name: s.name, type: "bar", data: s.values })),
  }, label, description);
}
