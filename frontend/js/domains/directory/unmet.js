// "What people looked for and did not find": coordinators see their municipality's reports (admins
// all), grouped by language with the words most asked for, and each one as it was sent.
import { field, formatDateTime, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { api, download } from "../../core/api.js";
import { municipalityName, municipalityOptions } from "../../core/reference.js";
import { navigate } from "../../core/router.js";
import { pageHeader, pagedList, table } from "../../core/ui.js";
import { languageName, selectField } from "./common.js";

const LANGUAGES = ["lt", "en", "uk", "ru", "ar", "pl", "be"];

export async function unmetNeedsPage({ main, query }) {
  const yearAgo = new Date(Date.now() - 365 * 86400000).toISOString().slice(0, 10);
  const filters = { from: query.from || yearAgo, to: query.to || "", language: query.language || "", municipality: query.municipality || "" };
  const shown = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const form = h("form", { class: "filters", id: "unmet-filters" },
    field(t("directory.unmet_from"), { type: "date", name: "from", value: filters.from }),
    field(t("directory.unmet_to"), { type: "date", name: "to", value: filters.to }),
    field(t("directory.unmet_language"), selectField("language", [["", t("core.all")], ...LANGUAGES.map((c) => [c, languageName(c)])], filters.language)),
    field(t("directory.municipality"), selectField("municipality", await municipalityOptions(t("core.all")), filters.municipality)),
    h("button", { type: "submit", class: "button" }, t("core.search")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate("/services/unmet-needs", Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v)));
  });
  const report = (await api.get("/unmet-needs/report", { query: shown })).data;
  const places = Object.fromEntries(await Promise.all(report.groups.filter((g) => g.municipality)
    .map(async (g) => [g.municipality, await municipalityName(g.municipality)])));
  const summary = h("section", { id: "unmet-report", "aria-labelledby": "unmet-report-h" },
    h("h2", { id: "unmet-report-h" }, t("directory.unmet_report_title", { count: report.total })),
    report.groups.length ? table([
      { label: t("directory.municipality"), render: (g) => (g.municipality ? places[g.municipality] : t("directory.unmet_anywhere")) },
      { label: t("directory.unmet_language"), render: (g) => languageName(g.language) },
      { label: t("directory.unmet_count"), render: (g) => String(g.count) },
      { label: t("directory.unmet_terms"), render: (g) => g.terms.map((x) => `${x.term} (${x.count})`).join(", ") },
    ], report.groups, { caption: t("directory.unmet_report_caption") }) : h("p", { class: "empty" }, t("directory.nothing_here")),
    h("button", { type: "button", class: "button secondary", id: "unmet-csv", onclick: () => download("/unmet-needs/report.csv", shown, "unmet-needs.csv") }, t("core.download_csv")));
  main.append(pageHeader(t("directory.unmet_page_title")), h("p", { class: "lead" }, t("directory.unmet_page_intro")), form, summary,
    h("h2", {}, t("directory.unmet_each")),
    pagedList({
      empty: t("directory.nothing_here"),
      load: async (cursor) => (await api.get("/unmet-needs", { query: { ...shown, cursor, limit: 20 } })).data,
      renderItem: (u) => h("li", { class: "card unmet-item", dataset: { id: u.id } },
        h("p", {}, h("strong", { lang: u.language, dir: "auto" }, u.query || "—"), " · ", languageName(u.language), " · ",
          h("span", { class: "hint" }, formatDateTime(u.created_at))),
        u.message ? h("p", { class: "prose", lang: u.language, dir: "auto" }, u.message) : null),
    }));
}
