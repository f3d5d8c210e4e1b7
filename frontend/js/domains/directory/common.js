// Shared pieces of the directory pages: reference lists, labels, the service card.
import { formatDate, h, select } from "../../core/dom.js";
import { lang, pick, t } from "../../core/i18n.js";
import { listCategories, listLegalStatuses } from "./api.js";
import { cachedList, municipalityName } from "../../core/reference.js";
import { languageName } from "../../core/texts.js";
import { badge } from "../../core/ui.js";

export { languageName };

let styled = false;
export function addStyles() {
  if (styled) return;
  styled = true;
  document.head.append(h("link", { rel: "stylesheet", href: "css/directory.css" }));
}

export const FORMATS = ["in_person", "online", "hybrid", "informal"];
export const STATUSES = ["active", "temporarily_closed", "inactive", "defunct"];
export const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"];
// Languages services are delivered in (ISO 639-1), named in the UI language by the browser.
export const SERVICE_LANGUAGES = ["lt", "en", "uk", "ru", "pl", "be", "ar", "fr", "de", "es", "tr", "fa"];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];


export function weekdayName(day) {
  // 2024-01-01 was a Monday.
  return new Date(Date.UTC(2024, 0, day)).toLocaleDateString(lang(), { weekday: "short", timeZone: "UTC" });
}

export function categoryTree() {
  return cachedList("directory-categories", async () => (await listCategories()).data.items);
}

export async function categoryOptions(empty) {
  const out = empty !== null ? [["", empty]] : [];
  for (const root of await categoryTree()) {
    out.push([root.code, root.name]);
    for (const child of root.children) out.push([child.code, `— ${child.name}`]);
  }
  return out;
}

export async function categoryName(code) {
  for (const root of await categoryTree()) {
    if (root.code === code) return root.name;
    for (const child of root.children) if (child.code === code) return child.name;
  }
  return code;
}

export function legalStatuses() {
  return cachedList("directory-legal-statuses", async () => (await listLegalStatuses()).data.items);
}

export function selectField(name, options, value, attrs = {}) {
  return select(name, options, value ?? "", attrs);
}

export function formatLabel(value) {
  return t(`directory.format_${value}`);
}

export function statusLabel(value) {
  return t(`directory.status_${value}`);
}

// "Tue 18:00–20:00 · from 10 Jan" — the next dates at a glance.
export function whenText(service) {
  const parts = [];
  const slots = service.schedule || [];
  if (slots.length) parts.push(slots.map((s) => `${weekdayName(s.weekday)} ${s.opens}–${s.closes}`).join(", "));
  const today = new Date().toISOString().slice(0, 10);
  if (service.start_date && service.start_date > today) parts.push(t("directory.starts", { date: formatDate(service.start_date) }));
  else if (service.end_date) parts.push(t("directory.until", { date: formatDate(service.end_date) }));
  return parts.join(" · ");
}

export function languageBadges(codes) {
  return h("ul", { class: "language-badges", "aria-label": t("directory.languages") },
    codes.map((code) => h("li", {}, badge(languageName(code)))));
}

export function distanceText(meters) {
  if (meters < 1000) return t("directory.distance_m", { m: Math.max(10, Math.round(meters / 10) * 10) });
  return t("directory.distance_km", { km: (meters / 1000).toLocaleString(document.documentElement.lang || "lt", { maximumFractionDigits: 1 }) });
}

export function serviceCard(service) {
  const card = h("article", { class: "card service-card", dataset: { id: service.id } },
    h("h3", {}, h("a", { href: `#/services/${service.id}`, lang: service.text_language || undefined }, pick(service.name))),
    h("p", { class: "org" }, pick(service.organization_name)),
    languageBadges(service.languages),
    h("p", { class: "meta" },
      badge(formatLabel(service.format), "muted"), " ",
      service.free ? badge(t("directory.free"), "ok") : badge(t("directory.paid"), "muted"), " ",
      service.level ? badge(service.level) : null, " ",
      service.status !== "active" ? badge(statusLabel(service.status), "warn") : null),
    whenText(service) ? h("p", { class: "when" }, whenText(service)) : null,
    service.distance_m != null ? h("p", { class: "distance" }, distanceText(service.distance_m)) : null,
    h("p", { class: "place" }));
  municipalityName(service.municipality).then((name) => { card.querySelector(".place").textContent = name; });
  return card;
}

