// Shared UI pieces: status messages, forms bound to the API, lists with "load more", tables.
import { $, $all, clear, h } from "./dom.js";
import { t } from "./i18n.js";
import { ApiError } from "./api.js";

export function showStatus(message, kind = "info") {
  const box = $("#status");
  clear(box);
  box.className = `status status-${kind}`;
  box.append(h("p", {}, message));
  clearTimeout(showStatus.timer);
  showStatus.timer = setTimeout(() => { clear(box); box.className = "status"; }, 6000);
}

export function errorText(err) {
  if (err instanceof ApiError) {
    if (err.status === 0) return t("core.errors.network");
    if (err.status === 401) return t("core.errors.unauthorized");
    if (err.status === 403) return t("core.errors.forbidden");
    if (err.status === 404) return t("core.errors.not_found");
    if (err.status === 412) return t("core.errors.stale");
    if (err.status === 429) return t("core.errors.rate_limited");
    if (err.status >= 500) return t("core.errors.server");
    return err.problem.detail || err.problem.title || err.message;
  }
  return err?.message || String(err);
}

export function pageHeader(title, ...actions) {
  return h("div", { class: "page-header" }, h("h1", {}, title),
    actions.length ? h("div", { class: "page-actions" }, actions) : null);
}

// Submit a form through `onSubmit(form)`; shows field errors from a problem's `errors` list and
// a summary at the top of the form. Returns the form.
export function bindForm(form, onSubmit) {
  const summary = h("div", { class: "form-errors", role: "alert", tabindex: "-1", hidden: true });
  form.prepend(summary);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("[type=submit]");
    summary.hidden = true;
    clear(summary);
    for (const el of $all(".field-error", form)) { el.hidden = true; el.textContent = ""; }
    for (const el of $all("[aria-invalid]", form)) {
      el.removeAttribute("aria-invalid");
      const described = (el.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && !id.endsWith("-error"));
      if (described.length) el.setAttribute("aria-describedby", described.join(" "));
      else el.removeAttribute("aria-describedby");
    }
    // Busy, not disabled: Chrome moves focus from a control that becomes disabled to <body>.
    if (form.dataset.busy) return;
    form.dataset.busy = "true";
    if (button) button.setAttribute("aria-disabled", "true");
    try {
      await onSubmit(form);
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? err.fieldErrors() : {};
      let first = null;
      for (const [name, msg] of Object.entries(fieldErrors)) {
        const wrapper = form.querySelector(`[data-field="${CSS.escape(String(name))}"]`);
        if (!wrapper) continue;
        const slot = wrapper.querySelector(".field-error");
        slot.textContent = msg;
        slot.hidden = false;
        const control = wrapper.querySelector("input, select, textarea");
        if (control) {
          control.setAttribute("aria-invalid", "true");
          // The error is added to the hint, not put in its place.
          const described = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => id && id !== slot.id);
          control.setAttribute("aria-describedby", [...described, slot.id].join(" "));
          first = first || control;
        }
      }
      summary.append(h("p", {}, errorText(err)));
      summary.hidden = false;
      // Focus goes to the summary (read out first), never back to <body>.
      summary.focus();
    } finally {
      delete form.dataset.busy;
      if (button) button.removeAttribute("aria-disabled");
    }
  });
  return form;
}

// Run `work` for a pressed button, ignoring further presses until it ends. The button is marked
// aria-disabled rather than disabled, so the keyboard focus stays on it (a focused control that
// becomes disabled hands focus to <body>).
export async function whileBusy(button, work) {
  if (button.getAttribute("aria-disabled") === "true") return undefined;
  button.setAttribute("aria-disabled", "true");
  try {
    return await work();
  } finally {
    button.removeAttribute("aria-disabled");
  }
}

// How to find the focused control again after its part of the page is drawn anew: its id, else its
// tag and name/data attributes under the closest ancestor that has data attributes or an id.
function focusKey(el) {
  if (!el || el === document.body || !el.isConnected) return null;
  if (el.id) return `#${CSS.escape(el.id)}`;
  const own = (node) => {
    const attrs = [];
    for (const name of ["name", "type", "value"]) {
      if (node.hasAttribute(name) && (name !== "value" || node.type === "checkbox" || node.type === "radio")) attrs.push(`[${name}="${CSS.escape(node.getAttribute(name))}"]`);
    }
    const data = Object.keys(node.dataset)[0];
    if (data) attrs.push(`[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${CSS.escape(node.dataset[data])}"]`);
    return node.tagName.toLowerCase() + attrs.join("");
  };
  const parts = [own(el)];
  const marked = el.parentElement?.closest("[data-referral], [data-need], [data-purpose], [data-service], [data-id]");
  if (marked) parts.unshift(own(marked));
  const anchor = (marked || el).parentElement?.closest("[id]");
  if (anchor && anchor.id !== "main") parts.unshift(`#${CSS.escape(anchor.id)}`);
  return parts.join(" ");
}

// Move focus to `el` (a heading or a status gets tabindex=-1 so it can take it).
export function focusOn(el) {
  if (!el) return false;
  if (!el.matches("a[href], button, input, select, textarea, summary, [tabindex]")) el.setAttribute("tabindex", "-1");
  el.focus({ preventScroll: false });
  return document.activeElement === el;
}

// Draw part of the page anew (`redraw` may replace the focused control) without dropping focus to
// <body>: focus returns to the same control when it is drawn again, else to the heading of the
// section it was in, else to `fallback` (an element or a function returning one), else the h1.
export async function keepingFocus(redraw, fallback = null) {
  const before = document.activeElement;
  const key = focusKey(before);
  const section = before?.closest?.("section[id]")?.id;
  await redraw();
  const now = document.activeElement;
  // Focus placed on purpose by the redraw stays; the router's own h1 focus is its default only.
  const h1 = document.querySelector("#main h1");
  if (now && now !== document.body && now.isConnected && (now !== h1 || before === h1)) return;
  let again = null;
  try { again = key ? document.querySelector(key) : null; } catch { again = null; }
  if (again && !again.disabled && focusOn(again)) return;
  const heading = section ? document.querySelector(`#${CSS.escape(section)} :is(h2, h3)`) : null;
  if (focusOn(heading)) return;
  if (focusOn(typeof fallback === "function" ? fallback() : fallback)) return;
  focusOn(document.querySelector("#main h1"));
}

// A list that loads pages with the API's cursor. `load(cursor)` returns {items, next_cursor};
// `renderItem(item)` returns an element. Returns the container element.
export function pagedList({ load, renderItem, empty, listTag = "ul", className = "card-list" }) {
  const list = h(listTag, { class: className });
  const more = h("button", { type: "button", class: "button secondary", hidden: true }, t("core.load_more"));
  const emptyEl = h("p", { class: "empty", hidden: true }, empty || t("core.empty"));
  const countEl = h("p", { class: "visually-hidden", role: "status" });
  let cursor = null;
  let total = 0;

  async function next() {
    if (more.getAttribute("aria-disabled") === "true") return;
    more.setAttribute("aria-disabled", "true");
    try {
      const page = await load(cursor);
      const firstNew = list.children.length;
      for (const item of page.items) list.append(renderItem(item));
      total += page.items.length;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      emptyEl.hidden = total > 0;
      countEl.textContent = t("core.shown_count", { count: total });
      // The last page hides "load more": a keyboard user who pressed it goes on at the first new item.
      if (more.hidden && document.activeElement === more && list.children[firstNew]) focusOn(list.children[firstNew]);
    } finally {
      more.removeAttribute("aria-disabled");
    }
  }
  more.addEventListener("click", next);
  const wrapper = h("div", { class: "paged" }, list, emptyEl, more, countEl);
  wrapper.ready = next();
  return wrapper;
}

export function table(columns, rows, { caption } = {}) {
  return h("div", { class: "table-wrap" },
    h("table", {},
      caption ? h("caption", {}, caption) : null,
      h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col" }, c.label)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((c) => h("td", {}, c.render ? c.render(row) : row[c.key])))))));
}

export function badge(text, kind = "") {
  return h("span", { class: `badge ${kind}` }, text);
}

export function confirmDialog(message) {
  return window.confirm(message);
}

export function loading() {
  return h("p", { class: "loading" }, t("core.loading"));
}

// A list of checkboxes in place of <select multiple>: usable by touch and keyboard (no Ctrl-click),
// with a filter box for long lists and a line saying what is chosen. Submits like a multiple
// select (FormData.getAll(name)). `groups`: [{label?, options: [[value, text]]}].
export function checkList({ name, groups, selected = [], legend, filterLabel, id, chosenLabel, noneLabel, required = false }) {
  const chosen = new Set(selected);
  const summary = h("p", { class: "hint check-summary", "aria-live": "polite" });
  const boxes = [];
  const lists = groups.map((group) => {
    const items = group.options.map(([value, text]) => {
      const box = h("input", { type: "checkbox", name, value, checked: chosen.has(value) });
      boxes.push(box);
      return h("li", { dataset: { text: String(text).toLocaleLowerCase() } }, h("label", {}, box, " ", text));
    });
    return [group.label ? h("p", { class: "check-group" }, group.label) : null, h("ul", { class: "check-items" }, items)];
  });
  const showChosen = () => {
    const names = boxes.filter((b) => b.checked).map((b) => b.parentElement.textContent.trim());
    summary.textContent = `${chosenLabel}: ${names.length ? names.join(", ") : noneLabel}`;
    if (required) boxes.forEach((b) => { b.setCustomValidity?.(names.length ? "" : noneLabel); });
  };
  const filter = filterLabel ? h("input", { type: "search", class: "check-filter", "aria-label": filterLabel, placeholder: filterLabel }) : null;
  if (filter) {
    filter.addEventListener("input", () => {
      const q = filter.value.trim().toLocaleLowerCase();
      for (const li of boxes.map((b) => b.closest("li"))) li.hidden = Boolean(q) && !li.dataset.text.includes(q);
    });
    // Enter in the filter must not submit the form.
    filter.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  }
  const root = h("fieldset", { class: "check-list", id, dataset: { field: name } },
    h("legend", {}, legend), filter, h("div", { class: "check-scroll" }, lists), summary,
    h("p", { class: "field-error", id: `${id || name}-error`, hidden: true }));
  root.addEventListener("change", showChosen);
  showChosen();
  return root;
}
