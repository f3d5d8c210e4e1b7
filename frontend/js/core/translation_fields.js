// Editing a translatable text: one input per interface language, each labelled with the
// language's own name and marked with its `lang` (Lithuanian, English and the writer's interface
// language in view, the others folded unless they hold text). Reading the form back keeps the languages the form does not show (a service's
// Arabic text survives an edit made in the Lithuanian interface), so an edit never loses a text.
import { field, h } from "./dom.js";
import { LANGUAGES, lang, t } from "./i18n.js";

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
  // Lithuanian, English and the writer's own language in view (`open`: all of them); the others
  // folded unless filled.
  const shown = open ? LANGUAGES : LANGUAGES.filter((c) => c === "lt" || c === "en" || c === lang());
  const others = LANGUAGES.filter((c) => !shown.includes(c));
  return h("fieldset", { class: "field translations", dataset: { field: name } },
    h("legend", {}, label),
    shown.map(control),
    others.length
      ? h("details", { open: others.some((c) => texts[c]) || undefined },
        h("summary", {}, t("core.other_languages")),
        others.map(control))
      : null,
    required ? h("p", { class: "hint" }, t("core.one_language_required")) : null,
    h("p", { class: "field-error", hidden: true }));
}

// The map the form holds for `name`: the interface languages as typed (an emptied one is gone),
// and every other language of `original` as it was.
export function readTranslations(form, name, original = {}) {
  const out = {};
  for (const [code, text] of Object.entries(original || {})) {
    if (!LANGUAGES.includes(code) && text) out[code] = text;
  }
  for (const code of LANGUAGES) {
    const el = form.querySelector(`[name="${name}.${code}"]`);
    if (el && el.value.trim()) out[code] = el.value.trim();
  }
  return out;
}
