// Editing a translatable text: one input per language, each labelled with the language's own name
// and marked with its `lang` (and `dir="auto"`, so Arabic is written right to left). Lithuanian,
// English and the writer's interface language are in view; Ukrainian or Russian and any other
// language the text has (Arabic, Farsi…) are folded unless they hold text, and "Add a language"
// adds one more. Reading the form back returns every language in it, and keeps any language of
// the original the form did not show, so an edit never loses a text.
import { field, h } from "./dom.js";
import { LANGUAGES, lang, t } from "./i18n.js";
import { languageName } from "./texts.js";

// Content languages offered beyond the interface's (the languages newcomers here read most).
export const MORE_LANGUAGES = ["ar", "fa", "tr", "pl", "be", "ka", "hy", "az", "uz", "tg", "ky", "kk", "hi", "zh", "fr", "de", "es"];

// "lietuvių", "English", "українська", "русский": a language in its own words.
export function endonym(code) {
  try {
    const name = new Intl.DisplayNames([code], { type: "language" }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
  } catch {
    return code;
  }
}

export function translationFields(name, label, value = {}, { required = false, multiline = false, maxlength = null, open = false } = {}) {
  const texts = value && typeof value === "object" ? value : {};
  const control = (code) => {
    const attrs = { name: `${name}.${code}`, lang: code, dir: "auto", maxlength: maxlength || (multiline ? 20000 : 300) };
    if (required && code === LANGUAGES[0]) attrs["aria-required"] = "true";
    const input = multiline ? h("textarea", { ...attrs, rows: 3 }, texts[code] || "") : h("input", { ...attrs, value: texts[code] || "" });
    return field(`${label} (${endonym(code)})`, input);
  };
  // `open`: every interface language in view (translating is the point of that form).
  const shown = open ? LANGUAGES : LANGUAGES.filter((c) => c === "lt" || c === "en" || c === lang());
  const extra = Object.keys(texts).filter((c) => !LANGUAGES.includes(c) && texts[c]).sort();
  const folded = [...LANGUAGES.filter((c) => !shown.includes(c)), ...extra];
  const more = h("div", { class: "more-languages" }, folded.map(control));
  const adder = addLanguage(more, control, () => [...LANGUAGES, ...extra, ...added(more, name)]);
  return h("fieldset", { class: "field translations", dataset: { field: name } },
    h("legend", {}, label),
    shown.map(control),
    open ? [more, adder] : h("details", { open: folded.some((c) => texts[c]) || undefined },
      h("summary", {}, t("core.other_languages")),
      more, adder),
    required ? h("p", { class: "hint" }, t("core.one_language_required")) : null,
    h("p", { class: "field-error", hidden: true }));
}

function added(container, name) {
  return [...container.querySelectorAll(`[name^="${name}."]`)].map((el) => el.name.slice(name.length + 1));
}

// A language picker (names in the reader's language) and a button adding its input.
function addLanguage(container, control, taken) {
  const picker = h("select", { "aria-label": t("core.add_language") });
  const refill = () => {
    const used = new Set(taken());
    picker.replaceChildren(...MORE_LANGUAGES.filter((c) => !used.has(c))
      .map((c) => h("option", { value: c }, languageName(c))));
  };
  refill();
  const button = h("button", { type: "button", class: "button secondary small" }, t("core.add_language"));
  button.addEventListener("click", () => {
    if (!picker.value) return;
    const made = control(picker.value);
    container.append(made);
    refill();
    made.querySelector("input, textarea")?.focus();
  });
  return h("p", { class: "add-language" }, picker, " ", button);
}

// The map the form holds for `name`: every language as typed (an emptied one is gone), and any
// other language of `original` the form did not show, as it was.
export function readTranslations(form, name, original = {}) {
  const out = {};
  const inForm = new Set();
  for (const el of form.querySelectorAll(`[name^="${name}."]`)) {
    const code = el.name.slice(name.length + 1);
    inForm.add(code);
    if (el.value.trim()) out[code] = el.value.trim();
  }
  for (const [code, text] of Object.entries(original || {})) {
    if (!inForm.has(code) && text) out[code] = text;
  }
  return out;
}
