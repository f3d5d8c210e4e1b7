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
    if (button) button.disabled = true;
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
      if (button) button.disabled = false;
    }
  });
  return form;
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
    more.disabled = true;
    try {
      const page = await load(cursor);
      for (const item of page.items) list.append(renderItem(item));
      total += page.items.length;
      cursor = page.next_cursor;
      more.hidden = !cursor;
      emptyEl.hidden = total > 0;
      countEl.textContent = t("core.shown_count", { count: total });
    } finally {
      more.disabled = false;
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
