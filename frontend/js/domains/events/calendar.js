// The public calendar of a municipality: a list of occurrences or a month grid, with filters.
import { clear, field, h, select, useStyle } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate } from "../../core/router.js";
import { badge, pageHeader, pagedList } from "../../core/ui.js";
import * as auth from "../../core/auth.js";
import { AUDIENCES, KINDS, listEvents, municipalityFeedUrl } from "./api.js";
import { atPlace } from "./times.js";

function monthBounds(year, month) {
  return [new Date(Date.UTC(year, month, 1)), new Date(Date.UTC(year, month + 1, 1))];
}

// The event's title in its own language (the API says which: a fallback keeps its language).
export function titleLink(e) {
  return h("a", { href: `#/events/${e.id}`, lang: e.text_languages?.title || null, dir: "auto" }, e.title);
}

function item(o) {
  const e = o.event;
  return h("li", { class: `card event-card${e.status === "cancelled" ? " cancelled" : ""}` },
    h("h2", {}, titleLink(e)),
    h("p", { class: "event-when" }, atPlace(o.starts_at, e.timezone)),
    h("p", {}, badge(t(`events.kinds.${e.kind}`)), " ", badge(t(`events.audiences.${e.audience}`), "muted"),
      e.status === "cancelled" ? badge(t("events.cancelled"), "danger") : null),
    e.address ? h("p", { class: "event-where" }, e.address) : (e.online ? h("p", {}, t("events.online")) : null));
}

function monthGrid(items, year, month) {
  const first = new Date(Date.UTC(year, month, 1));
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const offset = (first.getUTCDay() + 6) % 7;
  const byDay = {};
  for (const o of items) {
    const d = new Date(o.starts_at).getDate();
    (byDay[d] ||= []).push(o);
  }
  const cells = [];
  for (let i = 0; i < offset; i++) cells.push(h("li", { class: "day empty", "aria-hidden": "true" }));
  for (let d = 1; d <= days; d++) {
    const label = new Date(Date.UTC(year, month, d)).toLocaleDateString(lang(), { weekday: "short", day: "numeric" });
    cells.push(h("li", { class: "day" }, h("span", { class: "day-number" }, label),
      h("ul", {}, (byDay[d] || []).map((o) => h("li", {}, titleLink(o.event))))));
  }
  return h("ol", { class: "month-grid", "aria-label": first.toLocaleDateString(lang(), { month: "long", year: "numeric" }) }, cells);
}

export async function calendarPage({ main, query }) {
  useStyle("events");
  const q = { municipality: query.municipality || "", kind: query.kind || "", audience: query.audience || "", language: query.language || "", q: query.q || "", view: query.view || "list" };
  const now = new Date();
  const year = Number(query.year) || now.getUTCFullYear();
  const month = query.month !== undefined ? Number(query.month) : now.getUTCMonth();
  const form = h("form", { class: "filters", role: "search" },
    field(t("events.municipality"), select("municipality", await municipalityOptions(t("events.all")), q.municipality)),
    field(t("events.kind"), select("kind", [["", t("events.all")], ...KINDS.map((k) => [k, t(`events.kinds.${k}`)])], q.kind)),
    field(t("events.audience"), select("audience", [["", t("events.all")], ...AUDIENCES.map((k) => [k, t(`events.audiences.${k}`)])], q.audience)),
    field(t("events.language"), select("language", [["", t("events.all")], ["lt", "lietuvių"], ["en", "English"], ["uk", "українська"], ["ru", "русский"]], q.language)),
    field(t("events.search"), { name: "q", type: "search", value: q.q }),
    field(t("events.view"), select("view", [["list", t("events.view_list")], ["month", t("events.view_month")]], q.view)),
    h("button", { type: "submit", class: "button" }, t("events.filter")));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v));
    navigate("/events", data);
  });
  const filters = Object.fromEntries(Object.entries(q).filter(([k, v]) => v && k !== "view"));
  const actions = [];
  if (auth.isSignedIn()) actions.push(h("a", { class: "button secondary", href: "#/events/new" }, t("events.new_event")));
  if (q.municipality) actions.push(h("a", { class: "button secondary", href: municipalityFeedUrl(q.municipality) }, t("events.subscribe")));
  clear(main).append(pageHeader(t("events.calendar_title"), ...actions), form);
  if (q.view === "month") {
    const [from, to] = monthBounds(year, month);
    const items = [];
    let cursor = null;
    do {
      const { data } = await listEvents({ ...filters, from: from.toISOString(), to: to.toISOString(), limit: 100, cursor: cursor || undefined });
      items.push(...data.items);
      cursor = data.next_cursor;
    } while (cursor);
    const prev = month === 0 ? { year: year - 1, month: 11 } : { year, month: month - 1 };
    const next = month === 11 ? { year: year + 1, month: 0 } : { year, month: month + 1 };
    main.append(h("nav", { class: "month-nav" },
      h("a", { href: `#/events?${new URLSearchParams({ ...filters, view: "month", ...prev })}` }, t("events.previous")),
      h("h2", {}, from.toLocaleDateString(lang(), { month: "long", year: "numeric", timeZone: "UTC" })),
      h("a", { href: `#/events?${new URLSearchParams({ ...filters, view: "month", ...next })}` }, t("events.next"))),
    monthGrid(items, year, month));
    return;
  }
  main.append(pagedList({
    load: async (cursor) => (await listEvents({ ...filters, cursor: cursor || undefined })).data,
    renderItem: item,
    empty: t("events.none"),
  }));
}
