// Analysts' pages: load a file of observations (with a dry run first) and publish sets.
import { clear, field, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { API_ROOT, ApiError } from "../../core/api.js";
import { importData, listDefinitions, monitoringReport, publishSets } from "./api.js";
import { bindForm, checkList, pageHeader, showStatus, table } from "../../core/ui.js";

function stylesheet() {
  if (!document.querySelector("link[data-indicators-css]")) {
    document.head.append(h("link", { rel: "stylesheet", href: "css/indicators.css", dataset: { indicatorsCss: "1" } }));
  }
}

const TYPES = { csv: "text/csv", "sdmx-csv": "application/vnd.sdmx.data+csv", json: "application/json", ndjson: "application/x-ndjson" };

function guessFormat(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".ndjson") || lower.endsWith(".jsonl")) return "ndjson";
  return "csv";
}

async function upload(file, options) {
  const query = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined && v !== ""));
  try {
    const res = await importData(file, { contentType: TYPES[options.format], query });
    return { status: res.status, body: res.data };
  } catch (err) {
    // An atomic import refused for its conflicts answers 409 with the summary: show it.
    if (err instanceof ApiError && err.status === 409) return { status: 409, body: err.problem };
    throw err;
  }
}

function summaryView(summary, status) {
  const counts = [
    ["rows", summary.rows], ["imported", summary.imported], ["updated", summary.updated],
    ["ignored", summary.ignored], ["deleted", summary.deleted], ["conflicts", summary.conflict_count],
  ];
  const title = summary.status === "dry_run" ? t("indicators.import.dry_run_done")
    : summary.status === "rejected" ? t("indicators.import.rejected") : t("indicators.import.done");
  return h("section", { class: summary.conflict_count ? "notice warn" : "notice", id: "import-summary", role: "status" },
    h("h2", {}, title),
    h("dl", { class: "facts" }, counts.flatMap(([k, v]) => [h("dt", {}, t(`indicators.import.counts.${k}`)), h("dd", {}, String(v))])),
    summary.conflicts.length
      ? table([
        { label: t("indicators.import.row"), render: (c) => String(c.row) },
        { label: t("indicators.import.line"), render: (c) => (c.line ? String(c.line) : "") },
        { label: t("indicators.import.field"), render: (c) => c.field || "" },
        { label: t("indicators.import.reason"), render: (c) => c.reason },
      ], summary.conflicts, { caption: t("indicators.import.conflicts") })
      : null,
    status === 409 ? h("p", {}, t("indicators.import.atomic_note")) : null);
}

export async function importPage({ main }) {
  stylesheet();
  const out = h("div", { id: "import-result" });
  const fileInput = h("input", { type: "file", name: "file", accept: ".csv,.json,.ndjson,.jsonl,text/csv,application/json", required: true });
  const form = h("form", { class: "form", id: "import-form", novalidate: true },
    field(t("indicators.import.file"), fileInput, { hint: t("indicators.import.file_hint") }),
    field(t("indicators.import.format"), select("format", [["", t("indicators.import.auto")], ["csv", "CSV"], ["sdmx-csv", "SDMX-CSV"], ["json", "JSON"], ["ndjson", "NDJSON"]], "")),
    field(t("indicators.import.strategy"), select("strategy", ["create_and_update", "create", "update", "delete"].map((s) => [s, t(`indicators.import.strategies.${s}`)]), "create_and_update")),
    h("label", { class: "inline" }, h("input", { type: "checkbox", name: "dry_run", value: "true", checked: true }), " ", t("indicators.import.dry_run")),
    h("label", { class: "inline" }, h("input", { type: "checkbox", name: "atomic", value: "true" }), " ", t("indicators.import.atomic")),
    h("button", { type: "submit", class: "button" }, t("indicators.import.submit")));
  bindForm(form, async () => {
    const file = fileInput.files[0];
    if (!file) throw new Error(t("indicators.import.no_file"));
    const data = new FormData(form);
    const options = {
      format: data.get("format") || guessFormat(file.name),
      strategy: data.get("strategy"),
      dry_run: data.get("dry_run") ? "true" : "false",
      atomic: data.get("atomic") ? "true" : "false",
    };
    const { status, body } = await upload(file, options);
    clear(out);
    if (status === 200 || status === 409) {
      out.append(summaryView(status === 409 ? body.summary : body, status));
      showStatus(t("indicators.import.finished"), status === 200 ? "success" : "error");
    } else {
      throw new Error(body.detail || body.title || `HTTP ${status}`);
    }
  });
  main.append(pageHeader(t("indicators.import.title")), h("p", {}, t("indicators.import.intro")),
    h("pre", { class: "ind-example" }, "indicator,place,period,value,sex,flags\nforeign_residents,vilniaus-m,2025Q1,81234,,provisional\nforeign_residents,vilniaus-m,2025Q1,35012,female,"),
    form, out);
}

export async function publishPage({ main }) {
  stylesheet();
  const { data } = await listDefinitions({ limit: 100, computed: false });
  const form = h("form", { class: "form", id: "publish-form", novalidate: true },
    checkList({
      name: "indicators",
      id: "publish-indicators",
      legend: t("indicators.indicator"),
      filterLabel: t("indicators.find_indicator"),
      chosenLabel: t("indicators.chosen_places"),
      noneLabel: t("indicators.none_chosen"),
      groups: [{ options: data.items.map((d) => [d.code, d.name]) }],
    }),
    field(t("indicators.places"), { name: "places", placeholder: "vilniaus-m, county-kaunas, municipalities" }, { hint: t("indicators.publish.places_hint") }),
    field(t("indicators.publish.periods"), { name: "periods", placeholder: "2024, 2025Q1" }, { hint: t("indicators.publish.periods_hint") }),
    h("div", { class: "ind-actions" },
      h("button", { type: "submit", class: "button", value: "publish" }, t("indicators.publish.submit")),
      h("button", { type: "submit", class: "button secondary", value: "unpublish", id: "unpublish" }, t("indicators.publish.withdraw"))));
  let action = "publish";
  form.addEventListener("click", (event) => { if (event.target.type === "submit") action = event.target.value; });
  bindForm(form, async () => {
    const fd = new FormData(form);
    const split = (v) => String(v || "").split(/[,\s]+/).filter(Boolean);
    const body = { indicators: fd.getAll("indicators"), places: split(fd.get("places")), periods: split(fd.get("periods")) };
    const { data: result } = await publishSets(action, body);
    showStatus(t(`indicators.publish.${action}_done`, { count: result.observations }), "success");
  });
  main.append(pageHeader(t("indicators.publish.title")), h("p", {}, t("indicators.publish.intro")), form);
}

// Open the evaluation report in a new tab. A public report is a real address (shareable,
// bookmarkable, printable); a report with drafts needs the user's token, so it is fetched and
// shown from a blob.
export async function openReport(params) {
  const query = Object.fromEntries(Object.entries(params).filter(([, v]) => v));
  if (!query.include_drafts) {
    window.open(`${API_ROOT}/reports/monitoring?${new URLSearchParams(query)}`, "_blank", "noopener");
    return;
  }
  const target = window.open("", "_blank");
  try {
    const { data } = await monitoringReport(query);
    const url = URL.createObjectURL(new Blob([data], { type: "text/html" }));
    if (target) target.location = url;
    else window.location.assign(url);
  } catch (err) {
    if (target) target.close();
    showStatus(err.message || String(err), "error");
  }
}
