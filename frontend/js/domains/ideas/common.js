// Shared pieces of the ideas pages: badges, money, categories, the stylesheet.
import { h, useStyle } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { listCategories } from "./api.js";
import { cachedList } from "../../core/reference.js";
import { badge } from "../../core/ui.js";

export function ensureCss() {
  useStyle("ideas");
}

export const STATES = ["published", "under_review", "accepted", "rejected", "in_progress", "implemented", "withdrawn"];
const STATE_KIND = { accepted: "ok", implemented: "ok", in_progress: "ok", rejected: "danger", withdrawn: "muted", draft: "muted", under_review: "warn" };

export function stateBadge(state) {
  return badge(t(`ideas.states.${state}`), `state ${STATE_KIND[state] || ""}`);
}

export function residenceBadge(residence) {
  return badge(t(`ideas.residence.${residence}`), "muted");
}

export function money(amount, currency = "EUR") {
  try {
    return new Intl.NumberFormat(lang(), { style: "currency", currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}

export function categories() {
  return cachedList("idea-categories", async () => (await listCategories()).data.items);
}

export async function categoryOptions(withEmpty) {
  const items = await categories();
  const options = items.map((c) => [c.code, c.name]);
  return withEmpty !== undefined ? [["", withEmpty], ...options] : options;
}

// Paragraphs from plain text (never markup).
export function paragraphs(text) {
  return String(text || "").split(/\n{2,}|\r\n\r\n/).map((p) => h("p", {}, p));
}

export function countLabel(key, count) {
  return t(key, { count });
}
