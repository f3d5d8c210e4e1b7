// Shared pieces of the one-stop shop pages: styles, reference lists, labels, badges.
import { h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { badge } from "../../core/ui.js";
import { listCategories } from "./api.js";

let cssAdded = false;
export function addStyles() {
  if (cssAdded) return;
  cssAdded = true;
  document.head.append(h("link", { rel: "stylesheet", href: "css/migrants.css" }));
}

export const NEEDS = ["registration", "housing", "employment", "language", "education", "legal", "health", "social", "community", "digital"];
export const LEGAL_STATUSES = [
  "asylum_seeker", "refugee", "subsidiary_protection", "temporary_protection", "temporary_residence",
  "permanent_residence", "eu_citizen", "returnee", "naturalised", "stateless", "other",
];
export const PURPOSES = ["case_management", "provider_sharing", "mentoring_contact", "statistics"];
export const REFERRAL_STATUSES = ["proposed", "sent", "accepted", "declined", "in_progress", "completed", "dropped"];
export const NEED_STATUSES = ["open", "in_progress", "met", "not_met"];
export const UI_LANGUAGES = ["lt", "en", "uk", "ru", "ar", "be", "hi", "uz"];

export const needLabel = (code) => t(`migrants.need.${code}`);
export const statusLabel = (code) => t(`migrants.legal_status.${code}`);
export const purposeLabel = (code) => t(`migrants.purpose.${code}`);
export const needOptions = (empty) => [...(empty ? [["", empty]] : []), ...NEEDS.map((n) => [n, needLabel(n)])];
export const statusOptions = (empty) => [...(empty ? [["", empty]] : []), ...LEGAL_STATUSES.map((s) => [s, statusLabel(s)])];

export function referralBadge(status) {
  const kind = { completed: "ok", declined: "danger", dropped: "muted", proposed: "muted" }[status] || "";
  return badge(t(`migrants.referral_status.${status}`), kind);
}

export function fullName(p) {
  return `${p.given_name} ${p.family_name}`.trim() || t("migrants.anonymised");
}

let categoriesCache = null;
export async function categories() {
  if (!categoriesCache) {
    try {
      const { data } = await listCategories();
      const out = [];
      const walk = (items, depth) => {
        for (const c of items || []) {
          out.push([c.code, `${"— ".repeat(depth)}${c.name || c.code}`]);
          walk(c.children, depth + 1);
        }
      };
      walk(data.items || data.categories || [], 0);
      categoriesCache = out;
    } catch {
      categoriesCache = [];
    }
  }
  return categoriesCache;
}
