// The translators' workspace: pick a language, see the texts that are outdated, missing or
// machine-made, side by side with the source and what changed in it, and save a translation.
import { clear, field, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { hasScope, isSignedIn } from "../../core/auth.js";
import { replaceQuery } from "../../core/router.js";
import { bindForm, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import * as translations from "./api.js";
import { MORE_LANGUAGES } from "../../core/translation_fields.js";
import { WORK_LANGUAGES, addStyles, fieldLabel, foreignText, languageName, recordLabel, statusBadge } from "./common.js";

const STATUSES = ["outdated", "missing", "machine"];

function diffView(changes) {
  if (!changes || !changes.length) return null;
  return h("div", { class: "diff" },
    h("p", { class: "hint" }, t("translations.changed_since")),
    h("p", { class: "diff-text" }, changes.map((part) => {
      if (part.op === "insert") return h("ins", {}, part.text);
      if (part.op === "delete") return h("del", {}, part.text);
      return part.text;
    })));
}

function itemCard(item, onSaved, machineOn) {
  const etag = item.version != null ? `"v${item.version}"` : null;
  const textarea = h("textarea", { name: "text", rows: 4, lang: item.lang, dir: "auto", required: true }, item.text || "");
  const form = h("form", { class: "form translation-form", novalidate: true },
    field(t("translations.your_translation", { lang: languageName(item.lang) }), textarea),
    h("div", { class: "form-actions" },
      h("button", { type: "submit", class: "button" }, t("translations.save")),
      machineOn && (item.status === "missing" || item.status === "machine")
        ? h("button", { type: "button", class: "button secondary", onclick: () => runMachine(item, textarea, status) }, t("translations.machine"))
        : null));
  const status = h("p", { class: "item-status", role: "status" });
  bindForm(form, async () => {
    await translations.save(item.record_type, item.record_id, item.field, item.lang, textarea.value, etag);
    showStatus(t("translations.saved"), "success");
    onSaved(card);
  });
  const card = h("li", { class: "card translation-item" },
    h("div", { class: "item-head" },
      h("h2", {}, h("a", { href: item.link }, `${recordLabel(item.record_type)}: ${fieldLabel(item.field)}`)),
      statusBadge(item.status)),
    h("div", { class: "side-by-side" },
      h("section", { class: "source" },
        h("h3", {}, t("translations.source", { lang: languageName(item.source_lang) })),
        foreignText(item.source_text, item.source_lang),
        diffView(item.changes)),
      h("section", { class: "target" }, form, status)));
  return card;
}

async function runMachine(item, textarea, status) {
  status.textContent = t("translations.machine_running");
  try {
    const { data } = await translations.machine({
      record_type: item.record_type, record_id: item.record_id, field: item.field, lang: item.lang,
    });
    textarea.value = data.texts[item.field][item.lang] || "";
    status.textContent = t("translations.machine_done");
    textarea.focus();
  } catch (err) {
    status.textContent = errorText(err);
  }
}

export async function workspacePage({ main, query }) {
  addStyles();
  // The interface languages first; content may be translated into more (Arabic, Farsi…).
  const chosen = [...WORK_LANGUAGES, ...MORE_LANGUAGES].includes(query.lang) ? query.lang : "en";
  const wanted = query.status ? [].concat(query.status).filter((s) => STATUSES.includes(s)) : STATUSES;
  let machineOn = false;
  try {
    machineOn = Boolean((await translations.machineStatus()).data.provider);
  } catch {
    machineOn = false;
  }
  const option = (code) => h("option", { value: code, selected: code === chosen }, languageName(code));
  const langSelect = h("select", { name: "lang", id: "translation-lang" },
    WORK_LANGUAGES.map(option),
    h("optgroup", { label: t("core.other_languages") }, MORE_LANGUAGES.map(option)));
  const filters = h("form", { class: "filters", role: "search" },
    field(t("translations.language"), langSelect),
    h("fieldset", { class: "field checkbox-group" }, h("legend", {}, t("translations.show")),
      STATUSES.map((s) => h("label", { class: "check" },
        h("input", { type: "checkbox", name: "status", value: s, checked: wanted.includes(s) }), " ", t(`translations.status_${s}`)))),
    h("button", { type: "submit", class: "button secondary" }, t("translations.apply")));
  const results = h("div", { class: "translation-results", "aria-live": "polite" });
  main.append(pageHeader(t("translations.title")), h("p", {}, t("translations.intro")), filters, results);
  if (!isSignedIn()) return;
  const volunteer = WORK_LANGUAGES.some((code) => hasScope(`translate:${code}`));
  if (volunteer) main.append(h("p", { class: "hint" }, t("translations.volunteer_note")));

  function show(code, statuses) {
    clear(results);
    const list = pagedList({
      load: async (cursor) => (await translations.queue({ lang: code, status: statuses, cursor, limit: 10 })).data,
      renderItem: (item) => itemCard(item, (card) => {
        card.remove();
        results.querySelector("h2 a, .empty")?.focus?.();
      }, machineOn),
      empty: t("translations.nothing_to_do", { lang: languageName(code) }),
    });
    results.append(list);
  }
  filters.addEventListener("submit", (event) => {
    event.preventDefault();
    const statuses = new FormData(filters).getAll("status");
    replaceQuery({ lang: langSelect.value, status: statuses });
    show(langSelect.value, statuses.length ? statuses : STATUSES);
    results.setAttribute("tabindex", "-1");
    results.focus();
  });
  show(chosen, wanted);
}
