// The dashboard: choose indicators, places and periods; line chart over time, bar chart comparing
// places, a table, and the same data as CSV. The choice lives in the address, so it can be shared.
import { clear, field, h, select } from "../../core/dom.js";
import { t, lang } from "../../core/i18n.js";
import { analytics, downloadAnalytics, listDefinitions } from "./api.js";
import { replaceQuery } from "../../core/router.js";
import { hasScope } from "../../core/auth.js";
import { municipalities } from "../../core/reference.js";
import { checkList, errorText, pageHeader, showStatus } from "../../core/ui.js";
import { barChart, lineChart } from "./charts.js";
import { openReport } from "./manage.js";

const FIRST_YEAR = 2015;

function stylesheet() {
  if (!document.querySelector("link[data-indicators-css]")) {
    document.head.append(h("link", { rel: "stylesheet", href: "css/indicators.css", dataset: { indicatorsCss: "1" } }));
  }
}

async function definitions() {
  const { data } = await listDefinitions({ limit: 100 });
  return data.items;
}

function yearOptions() {
  const last = new Date().getFullYear();
  const out = [];
  for (let y = last; y >= FIRST_YEAR; y -= 1) out.push([String(y), String(y)]);
  return out;
}

async function placeControl(selected) {
  const items = await municipalities();
  const counties = new Map();
  for (const m of items) counties.set(m.county, m.county_name);
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name, lang()));
  return checkList({
    name: "place",
    id: "ind-place",
    legend: t("indicators.places"),
    filterLabel: t("indicators.find_place"),
    chosenLabel: t("indicators.chosen_places"),
    noneLabel: t("indicators.lithuania"),
    selected,
    groups: [
      { options: [["LT", t("indicators.lithuania")]] },
      { label: t("indicators.counties"), options: [...counties.entries()].sort((a, b) => String(a[1]).localeCompare(String(b[1]), lang())).map(([code, name]) => [`county-${code}`, name]) },
      { label: t("indicators.municipalities"), options: sorted.map((m) => [m.slug, m.name]) },
    ],
  });
}

function periodExpression(type, from, to) {
  const [a, b] = Number(from) <= Number(to) ? [from, to] : [to, from];
  if (type === "quarter") return `${a}Q1..${b}Q4`;
  if (type === "month") return `${a}-01..${b}-12`;
  return `${a}..${b}`;
}

function formatValue(value, decimals) {
  if (value === null || value === undefined) return t("indicators.suppressed_short");
  return Number(value).toLocaleString(lang(), { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

// What a chart shows, in words (its accessible description): each line's first and last value, or
// each bar series' highest and lowest place. Long lists stop at MAX_SAID and point to the table.
const MAX_SAID = 6;

function said(parts, count) {
  return parts.slice(0, MAX_SAID).join(" ") + (count > MAX_SAID ? ` ${t("indicators.chart_more", { count: count - MAX_SAID })}` : "");
}

function lineDescription(categories, series, unit, decimals) {
  const trends = series.map((s) => {
    const at = s.values.map((v, i) => [v, i]).filter(([v]) => v !== null && v !== undefined);
    if (!at.length) return t("indicators.chart_no_values", { name: s.name });
    const [first, last] = [at[0], at[at.length - 1]];
    return t("indicators.chart_trend", {
      name: s.name, first: formatValue(first[0], decimals), first_period: categories[first[1]],
      last: formatValue(last[0], decimals), last_period: categories[last[1]],
    });
  });
  return `${t("indicators.chart_line_desc", { count: series.length, from: categories[0], to: categories[categories.length - 1], unit })} ${said(trends, series.length)}`;
}

function barDescription(period, categories, series, unit, decimals) {
  const ranges = series.map((s) => {
    const at = s.values.map((v, i) => [v, i]).filter(([v]) => v !== null && v !== undefined).sort((a, b) => b[0] - a[0]);
    if (!at.length) return t("indicators.chart_no_values", { name: s.name });
    const [top, bottom] = [at[0], at[at.length - 1]];
    return t("indicators.chart_range", {
      name: s.name, top: categories[top[1]], top_value: formatValue(top[0], decimals),
      bottom: categories[bottom[1]], bottom_value: formatValue(bottom[0], decimals),
    });
  });
  return `${t("indicators.chart_bar_desc", { period, count: categories.length, unit })} ${said(ranges, series.length)}`;
}

function flagText(flags) {
  return flags.map((f) => t(`indicators.flags.${f}`)).join(", ");
}

export async function dashboardPage({ main, query }) {
  stylesheet();
  const defs = await definitions();
  const chosen = {
    indicator: query.indicator || "foreign_residents",
    place: (query.place || "vilniaus-m,kauno-m,klaipedos-m").split(",").filter(Boolean),
    type: query.type || "year",
    from: query.from || String(new Date().getFullYear() - 5),
    to: query.to || String(new Date().getFullYear() - 1),
    breakdown: query.breakdown || "",
  };
  if (!defs.some((d) => d.code === chosen.indicator) && defs.length) chosen.indicator = defs[0].code;

  const breakdownSelect = select("breakdown", [], "", { id: "ind-breakdown" });
  function fillBreakdowns() {
    const def = defs.find((d) => d.code === indicatorSelect.value);
    clear(breakdownSelect);
    breakdownSelect.append(h("option", { value: "" }, t("indicators.no_breakdown")));
    for (const b of def ? def.breakdowns : []) {
      breakdownSelect.append(h("option", { value: b, selected: b === chosen.breakdown }, t(`indicators.breakdowns.${b}`)));
    }
  }
  const indicatorSelect = select("indicator", defs.map((d) => [d.code, d.name]), chosen.indicator, { id: "ind-indicator" });
  indicatorSelect.addEventListener("change", fillBreakdowns);
  fillBreakdowns();

  const form = h("form", { class: "ind-controls", id: "indicator-form" },
    field(t("indicators.indicator"), indicatorSelect),
    await placeControl(chosen.place),
    h("div", { class: "ind-period" },
      field(t("indicators.period_type"), select("type", [["year", t("indicators.years")], ["quarter", t("indicators.quarters")], ["month", t("indicators.months")]], chosen.type, { id: "ind-type" })),
      field(t("indicators.from"), select("from", yearOptions(), chosen.from, { id: "ind-from" })),
      field(t("indicators.to"), select("to", yearOptions(), chosen.to, { id: "ind-to" }))),
    field(t("indicators.breakdown"), breakdownSelect),
    h("div", { class: "ind-actions" },
      h("button", { type: "submit", class: "button", id: "ind-show" }, t("indicators.show")),
      h("button", { type: "button", class: "button secondary", id: "ind-download", disabled: true }, t("indicators.download_csv"))));

  const results = h("section", { class: "ind-results", "aria-live": "polite", id: "ind-results" });
  const reportBox = await reportForm(chosen.place.find((p) => !p.startsWith("county-") && p !== "LT"));
  const tools = [];
  if (hasScope("indicators:write")) tools.push(h("a", { class: "button secondary", href: "#/indicators/import" }, t("indicators.import.menu")));
  if (hasScope("indicators:publish")) tools.push(h("a", { class: "button secondary", href: "#/indicators/publish" }, t("indicators.publish.menu")));
  main.append(pageHeader(t("indicators.dashboard.title"), ...tools), h("p", { class: "lead" }, t("indicators.dashboard.intro")),
    form, results, reportBox);

  let lastQuery = null;
  const downloadButton = form.querySelector("#ind-download");
  downloadButton.addEventListener("click", async () => {
    if (!lastQuery) return;
    try {
      await downloadAnalytics(lastQuery, `langelis-${lastQuery.indicator}.csv`);
    } catch (err) {
      showStatus(errorText(err), "error");
    }
  });

  async function show() {
    const data = new FormData(form);
    const places = data.getAll("place");
    const state = {
      indicator: data.get("indicator"),
      place: places.length ? places : ["LT"],
      type: data.get("type"),
      from: data.get("from"),
      to: data.get("to"),
      breakdown: data.get("breakdown") || "",
    };
    replaceQuery({ ...state, place: state.place.join(",") });
    lastQuery = {
      indicator: state.indicator,
      place: state.place.join(","),
      period: periodExpression(state.type, state.from, state.to),
      breakdown: state.breakdown || undefined,
    };
    clear(results);
    results.append(h("p", { class: "loading" }, t("core.loading")));
    try {
      const { data: answer } = await analytics(lastQuery);
      clear(results);
      render(results, answer);
      downloadButton.disabled = false;
    } catch (err) {
      clear(results);
      results.append(h("p", { class: "error", role: "alert" }, errorText(err)));
      downloadButton.disabled = true;
    }
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); show(); });
  await show();
}

function render(container, answer) {
  const { meta, rows, headers } = answer;
  const code = meta.dimensions.indicator[0];
  const info = meta.indicators[code];
  const dims = headers.slice(3, -2).map((x) => x.name);
  const periods = meta.dimensions.period;
  const places = meta.dimensions.place;
  const unit = t(`indicators.units.${info.unit}`);
  container.append(h("h2", { id: "ind-result-title" }, `${info.name} (${unit})`));
  if (!rows.length) {
    container.append(h("p", { class: "empty" }, t("indicators.no_data")));
    return;
  }
  const seriesKey = (row) => [row[1], ...row.slice(3, 3 + dims.length)].join("|");
  const seriesName = (row) => [meta.places[row[1]].name,
    ...dims.map((d, i) => meta.breakdowns[d].values[row[3 + i]] || row[3 + i])].join(" – ");
  const series = new Map();
  for (const row of rows) {
    if (!series.has(seriesKey(row))) series.set(seriesKey(row), { name: seriesName(row), values: periods.map(() => null) });
    series.get(seriesKey(row)).values[periods.indexOf(row[2])] = row[3 + dims.length];
  }
  const periodNames = periods.map((p) => meta.periods[p].name);
  const line = h("div", { class: "ind-chart", id: "ind-line" });
  const bar = h("div", { class: "ind-chart", id: "ind-bar" });
  const lastPeriod = [...periods].reverse().find((p) => rows.some((r) => r[2] === p)) || periods[periods.length - 1];
  container.append(
    h("div", { class: "ind-charts" },
      h("figure", {}, h("figcaption", {}, t("indicators.over_time")), line),
      h("figure", {}, h("figcaption", {}, t("indicators.compare", { period: meta.periods[lastPeriod].name })), bar)));
  lineChart(line, {
    categories: periodNames,
    series: [...series.values()],
    unit,
    label: `${t("indicators.over_time")}. ${t("indicators.chart_label", { name: info.name })}`,
    description: lineDescription(periodNames, [...series.values()], unit, info.decimals),
  });
  const barSeries = new Map();
  for (const row of rows.filter((r) => r[2] === lastPeriod)) {
    const key = dims.map((d, i) => row[3 + i]).join("|") || "total";
    if (!barSeries.has(key)) {
      barSeries.set(key, {
        name: dims.map((d, i) => meta.breakdowns[d].values[row[3 + i]]).join(" – ") || info.name,
        values: places.map(() => null),
      });
    }
    barSeries.get(key).values[places.indexOf(row[1])] = row[3 + dims.length];
  }
  const placeNames = places.map((p) => meta.places[p].name);
  barChart(bar, {
    categories: placeNames,
    series: [...barSeries.values()],
    unit,
    label: `${t("indicators.compare", { period: meta.periods[lastPeriod].name })}. ${t("indicators.chart_label", { name: info.name })}`,
    description: barDescription(meta.periods[lastPeriod].name, placeNames, [...barSeries.values()], unit, info.decimals),
  });
  const columns = [t("indicators.place"), t("indicators.period"), ...dims.map((d) => meta.breakdowns[d].name), t("indicators.value"), t("indicators.notes")];
  container.append(h("div", { class: "table-wrap" },
    h("table", { id: "ind-table" },
      h("caption", {}, `${info.name} – ${t("indicators.table")}`),
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((row) => h("tr", {},
        h("th", { scope: "row" }, meta.places[row[1]].name),
        h("td", {}, meta.periods[row[2]].name),
        dims.map((d, i) => h("td", {}, meta.breakdowns[d].values[row[3 + i]] || row[3 + i])),
        h("td", { class: "num" }, formatValue(row[3 + dims.length], info.decimals)),
        h("td", {}, flagText(row[4 + dims.length]))))))));
  container.append(h("p", { class: "hint" }, t("indicators.legend_note")));
}

async function reportForm(defaultPlace) {
  const items = await municipalities();
  const options = [...items].sort((a, b) => a.name.localeCompare(b.name, lang())).map((m) => [m.slug, m.name]);
  const years = yearOptions();
  const form = h("form", { class: "ind-report form", id: "report-form" },
    h("h2", {}, t("indicators.report.title")),
    h("p", {}, t("indicators.report.intro")),
    field(t("indicators.municipality"), select("municipality", options, defaultPlace || "vilniaus-m", { id: "rep-municipality" })),
    h("div", { class: "ind-period" },
      // Empty: the server picks the latest year with data and the four before it.
      field(t("indicators.from"), select("from", [["", t("indicators.report.five_years_back")], ...years], "", { id: "rep-from" })),
      field(t("indicators.to"), select("to", [["", t("indicators.report.latest_year")], ...years], "", { id: "rep-to" })),
      field(t("indicators.report.kind"), select("kind", [["interim", t("indicators.report.interim")], ["final", t("indicators.report.final")]], "interim", { id: "rep-kind" }))),
    hasScope("indicators:read")
      ? h("label", { class: "inline" }, h("input", { type: "checkbox", name: "include_drafts", value: "true" }), " ", t("indicators.report.drafts"))
      : null,
    h("button", { type: "submit", class: "button" }, t("indicators.report.open")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    openReport({ ...data, lang: lang() });
  });
  return form;
}
