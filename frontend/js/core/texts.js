// Showing people's and the city's texts honestly: each text in its own language (lang, dir=auto,
// so Arabic reads right to left), a note when it is a fallback for the reader's language, and
// every code through a label (languages by their names, CEFR levels), plurals by the language's
// own rules (Intl.PluralRules).
import { h } from "./dom.js";
import { lang, t } from "./i18n.js";

// The same order as the API: the reader's language, then English, then Lithuanian, then any.
export function fallbackOrder(code = lang()) {
  return [...new Set([code, "en", "lt"])];
}

// {text, lang, fallback} of a translation map (or of a plain string in a known language).
export function choose(value, known = null) {
  if (value === null || value === undefined) return { text: "", lang: null, fallback: false };
  if (typeof value === "string") return { text: value, lang: known, fallback: Boolean(known) && known !== lang() };
  for (const code of fallbackOrder()) {
    if (value[code]) return { text: value[code], lang: code, fallback: code !== lang() };
  }
  const [code, text] = Object.entries(value).find(([, v]) => Boolean(v)) || [null, ""];
  return { text, lang: code, fallback: Boolean(code) };
}

// A language's name in the reader's language, e.g. "ukrainiečių" / "українська"; never a raw code.
export function languageName(code) {
  if (!code) return "";
  try {
    const name = new Intl.DisplayNames([lang()], { type: "language" }).of(code);
    return name ? name.charAt(0).toLocaleUpperCase(lang()) + name.slice(1) : code;
  } catch {
    return code;
  }
}

// An element holding a text in its own language; with `note`, a fallback says so in the reader's.
// `status` (the field's {language: status} from a read with translations=all) marks a machine
// translation, with a button to show the original.
export function localText(value, { tag = "span", cls = "", note = true, known = null, status = null } = {}) {
  const chosen = choose(value, known);
  const el = h(tag, { class: cls || null, lang: chosen.lang || null, dir: "auto" }, chosen.text);
  const machine = status && chosen.lang && status[chosen.lang] === "machine";
  const notes = [];
  if (note && chosen.fallback && chosen.text) {
    notes.push(h("small", { class: "fallback-note", lang: lang() }, t("core.shown_in", { language: languageName(chosen.lang) })));
  }
  if (machine) notes.push(machineNote(el, value, status, chosen));
  return notes.length ? h("span", { class: "local-text" }, el, notes) : el;
}

function machineNote(el, value, status, chosen) {
  const original = Object.keys(status).find((code) => status[code] === "original" && value[code]);
  const toggle = original ? h("button", { type: "button", class: "button link", "aria-pressed": "false" }, t("core.show_original")) : null;
  toggle?.addEventListener("click", () => {
    const showing = toggle.getAttribute("aria-pressed") === "true";
    const code = showing ? chosen.lang : original;
    el.textContent = value[code];
    el.setAttribute("lang", code);
    toggle.setAttribute("aria-pressed", String(!showing));
    toggle.textContent = t(showing ? "core.show_original" : "core.show_translation");
  });
  return h("small", { class: "machine-note", lang: lang() }, t("core.machine_translation"), toggle ? [" · ", toggle] : null);
}

// "1 vote" / "2 votes" / "5 balsų": keys <key>_one, _few, _many, _other in the language files.
export function plural(key, count) {
  const category = new Intl.PluralRules(lang()).select(Number(count));
  const specific = t(`${key}_${category}`, { count });
  return specific === `${key}_${category}` ? t(`${key}_other`, { count }) : specific;
}

// CEFR levels and the two ends of a language profile, in words.
export function levelLabel(level) {
  if (!level) return "";
  const key = `core.level_${level}`;
  const text = t(key);
  return text === key ? level : text;
}
