// Shared pieces of the translations pages: language names in the reader's own language
// (Intl.DisplayNames), status badges and labels of record types and fields.
import { h, useStyle } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { languageName } from "../../core/texts.js";
import { badge } from "../../core/ui.js";

export { languageName };

export const WORK_LANGUAGES = ["lt", "en", "uk", "ru"];

export function addStyles() {
  useStyle("translations");
}

export function statusBadge(status) {
  const kind = { original: "ok", up_to_date: "ok", outdated: "warn", machine: "info", missing: "muted" }[status] || "";
  return badge(t(`translations.status_${status}`), kind);
}

export function recordLabel(type) {
  return t(`translations.record_${type}`);
}

export function fieldLabel(field) {
  return t(`translations.field_${field}`);
}

// A text shown in its own language and direction (user content may be right-to-left).
export function foreignText(text, code, tag = "div") {
  return h(tag, { class: "source-text", lang: code, dir: "auto" }, text || "");
}
