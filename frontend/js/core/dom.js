// Tiny DOM helpers. Text is always set as text (never innerHTML), so API data cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  // el.append(a, cond ? b : null) skips null, undefined and false (the native append would print
  // "null"): pages build cards this way, so it holds for every element made here.
  el.append = (...items) => append(el, items);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    // The prototype's append, so an element whose own append is this helper (the router's page
    // container) can use it without recursion.
    Element.prototype.append.call(el, child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function $all(selector, root = document) {
  return Array.from(root.querySelectorAll(selector));
}

let idCounter = 0;
export function uid(prefix = "f") {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// A labelled form field. `input` may be an element or an options object for <input>.
export function field(label, input, { hint, name } = {}) {
  const control = input instanceof Node ? input : h("input", { ...input, name: input.name || name });
  if (!control.id) control.id = uid("field");
  const hintEl = hint ? h("p", { class: "hint", id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
  const errorEl = h("p", { class: "field-error", id: `${control.id}-error`, hidden: true });
  return h("div", { class: "field", dataset: { field: control.name || name || "" } },
    h("label", { for: control.id }, label), hintEl, control, errorEl);
}

export function select(name, options, value, attrs = {}) {
  return h("select", { name, ...attrs },
    options.map(([v, label]) => h("option", { value: v, selected: String(v) === String(value ?? "") }, label)));
}

export function formData(form) {
  const data = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (key in data) data[key] = [].concat(data[key], value);
    else data[key] = value;
  }
  return data;
}

export function formatDate(value, lang) {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleDateString(lang || document.documentElement.lang || "lt", { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(value, lang) {
  if (!value) return "";
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return d.toLocaleString(lang || document.documentElement.lang || "lt", { dateStyle: "medium", timeStyle: "short" });
}

// The one style loader: a domain's stylesheet (css/<name>.css) is added to the page once, the
// first time one of its pages is shown.
const loadedStyles = new Set();
export function useStyle(name) {
  if (loadedStyles.has(name) || document.querySelector(`link[data-style="${name}"]`)) return;
  loadedStyles.add(name);
  document.head.append(h("link", { rel: "stylesheet", href: `css/${name}.css`, dataset: { style: name } }));
}
