// Shared pieces of the experts pages: reference lists, labels, expert cards and match reasons.
import { h, select, uid, useStyle } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import * as experts from "./api.js";
import { cachedList, municipalities } from "../../core/reference.js";
import { badge } from "../../core/ui.js";

export const WAYS = ["remote_advice", "in_person_visit", "mentoring", "workshop", "job_trial", "media"];
export const LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2", "native"];
export const COUNTRIES = ["GB", "IE", "NO", "DE", "FR", "BE", "PL", "LU", "SE", "DK", "NL", "ES", "IT", "US", "CA", "AU", "LT", "UA", "BY"];
export const LANGUAGES = ["lt", "en", "uk", "ru", "de", "fr", "no", "sv", "pl", "es", "it", "nl", "da", "fi", "lv", "ar", "tr"];

export function addStyles() {
  useStyle("experts");
}

export function competences() {
  return cachedList("competences", async () => (await experts.listCompetences()).data.items);
}

export async function competenceOptions(empty) {
  const items = await competences();
  const options = items.map((c) => [c.code, c.name]).sort((a, b) => a[1].localeCompare(b[1], lang()));
  return empty === undefined ? options : [["", empty], ...options];
}

export function displayName(type, code) {
  try {
    return new Intl.DisplayNames([lang()], { type }).of(type === "region" ? code.toUpperCase() : code) || code;
  } catch {
    return code;
  }
}

export const countryName = (code) => (code ? displayName("region", code) : "");
export const languageName = (code) => displayName("language", code);

export function countryOptions(empty) {
  const options = COUNTRIES.map((c) => [c, countryName(c)]).sort((a, b) => a[1].localeCompare(b[1], lang()));
  return empty === undefined ? options : [["", empty], ...options];
}

export function languageOptions(empty) {
  const options = LANGUAGES.map((c) => [c, languageName(c)]);
  return empty === undefined ? options : [["", empty], ...options];
}

export function levelOptions(empty) {
  const options = LEVELS.map((l) => [l, l === "native" ? t("experts.level_native") : l]);
  return empty === undefined ? options : [["", empty], ...options];
}

export const wayLabel = (way) => t(`experts.ways.${way}`);
export const levelLabel = (level) => (level === "native" ? t("experts.level_native") : level);

export async function municipalityNames(slugs) {
  const all = await municipalities();
  return (slugs || []).map((slug) => (all.find((m) => m.slug === slug) || { name: slug }).name);
}

// A labelled group of checkboxes (e.g. ways of helping) that bindForm can tie errors to.
export function checkboxGroup(name, legend, options, checked = []) {
  const errorId = uid("err");
  return h("fieldset", { class: "field checks", dataset: { field: name } },
    h("legend", {}, legend),
    h("div", { class: "check-grid" },
      options.map(([value, label]) => h("label", { class: "inline" },
        h("input", { type: "checkbox", name, value, checked: checked.includes(value) }), " ", label))),
    h("p", { class: "field-error", hidden: true, id: errorId }));
}

export function reasonText(r) {
  let value = r.value;
  if (r.factor === "way") value = wayLabel(r.value);
  if (r.factor === "country") value = countryName(r.value);
  if (r.factor === "hours") value = t("experts.hours_month", { hours: r.value });
  const where = r.where ? ` (${t(`experts.where_${r.where}`)})` : "";
  return `${t(`experts.factors.${r.factor}`)}: ${value}${where}`;
}

// "Why this result": every part of the score and its points.
export function reasons(score, items) {
  if (!items || !items.length) return null;
  return h("details", { class: "reasons" },
    h("summary", {}, t("experts.score", { score })),
    h("ul", {}, items.map((r) => h("li", {}, reasonText(r), " ", h("span", { class: "points" }, `+${r.points}`)))));
}

export function statusBadge(prefix, status) {
  const kind = { open: "ok", answered: "ok", accepted: "ok", closed: "muted", cancelled: "muted", declined: "muted", withdrawn: "muted", draft: "warn", invited: "warn" }[status] || "";
  return badge(t(`experts.${prefix}.${status}`), kind);
}

// An expert's card: name, headline, where from and where now, competences, languages, ways.
export async function expertCard(expert, { score, reasons: why, extra, headingLevel = "h3" } = {}) {
  const homes = await municipalityNames(expert.home_municipalities);
  const where = [expert.city, countryName(expert.country)].filter(Boolean).join(", ");
  const contact = expert.contact
    ? h("dl", { class: "facts contact" },
      h("dt", {}, t("experts.contact")),
      h("dd", {}, [expert.contact.email, expert.contact.phone, expert.contact.url].filter(Boolean).join(" · ")))
    : null;
  return h("article", { class: "card expert-card", dataset: { expertId: expert.id } },
    h(headingLevel, {}, h("a", { href: `#/experts/people/${expert.id}` }, expert.display_name)),
    expert.headline ? h("p", { class: "headline" }, expert.headline) : null,
    h("p", { class: "places" },
      h("span", {}, t("experts.from", { places: homes.join(", ") })),
      where ? h("span", {}, " · ", t("experts.lives_in", { place: where })) : null),
    expert.notable && expert.notable.length ? h("p", {}, badge(t("experts.notable"), "ok")) : null,
    h("ul", { class: "tags", "aria-label": t("experts.competences") },
      expert.competences.map((c) => h("li", {}, badge(c.name)))),
    h("p", { class: "languages" }, t("experts.speaks"), " ",
      expert.languages.map((l) => `${languageName(l.language)} ${levelLabel(l.level)}`).join(", ")),
    expert.ways.length ? h("p", { class: "ways" }, expert.ways.map(wayLabel).join(" · ")) : null,
    h("p", { class: "hours" }, t("experts.hours_month", { hours: expert.hours_per_month })),
    expert.stale ? h("p", {}, badge(t("experts.stale"), "warn")) : null,
    contact,
    score !== undefined ? reasons(score, why) : null,
    extra || null);
}

export function selectField(name, options, value, attrs = {}) {
  return select(name, options, value, attrs);
}
