// UI translations: one JSON file per language and namespace (i18n/<lang>/<namespace>.json).
// The chosen language is remembered in localStorage and sent to the API as Accept-Language.

export const LANGUAGES = ["lt", "en", "uk", "ru"];
const STORAGE_KEY = "langelis.lang";
const FALLBACK = "en";

let current = "lt";
const namespaces = new Set(["core"]);
const catalogs = {}; // lang -> flat key map
const listeners = new Set();

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(stored)) return stored;
  for (const tag of navigator.languages || [navigator.language || "lt"]) {
    const primary = String(tag).toLowerCase().split("-")[0];
    if (LANGUAGES.includes(primary)) return primary;
  }
  return "lt";
}

function flatten(obj, prefix, out) {
  for (const [key, value] of Object.entries(obj)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") flatten(value, full, out);
    else out[full] = value;
  }
  return out;
}

async function loadCatalog(lang) {
  const entries = await Promise.all(
    [...namespaces].map(async (ns) => {
      const res = await fetch(`i18n/${lang}/${ns}.json`, { cache: "no-cache" });
      if (!res.ok) return {};
      return flatten({ [ns]: await res.json() }, "", {});
    }),
  );
  catalogs[lang] = Object.assign({}, ...entries);
}

export function registerNamespaces(names) {
  names.forEach((n) => namespaces.add(n));
}

export async function init() {
  current = initialLanguage();
  await Promise.all([loadCatalog(current), current === FALLBACK ? null : loadCatalog(FALLBACK)]);
  applyDocument();
}

export function lang() {
  return current;
}

export async function setLang(next) {
  if (!LANGUAGES.includes(next) || next === current) return;
  if (!catalogs[next]) await loadCatalog(next);
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyDocument();
  listeners.forEach((fn) => fn(next));
}

export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

// t("core.login", {name: "Ona"}) – "{name}" placeholders are replaced; unknown keys fall back to
// English, then to the key itself (visible, so missing translations get noticed).
export function t(key, params) {
  let text = catalogs[current]?.[key] ?? catalogs[FALLBACK]?.[key] ?? key;
  if (params) {
    text = String(text).replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }
  return text;
}

// A translatable value from the API: a string already resolved, or a {lt, en, uk, ru} map.
export function pick(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  for (const code of [current, "lt", "en", ...LANGUAGES]) {
    if (value[code]) return value[code];
  }
  return Object.values(value).find(Boolean) || "";
}

// Fill static markup: data-i18n (text), data-i18n-aria-label, data-i18n-placeholder.
export function translateTree(root = document) {
  root.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll("[data-i18n-aria-label]").forEach((el) => el.setAttribute("aria-label", t(el.dataset.i18nAriaLabel)));
  root.querySelectorAll("[data-i18n-placeholder]").forEach((el) => el.setAttribute("placeholder", t(el.dataset.i18nPlaceholder)));
}

function applyDocument() {
  document.documentElement.lang = current;
  translateTree(document);
}
