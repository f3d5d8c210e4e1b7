// Organisers: create and edit events, cancel, see registrations, mark attendance, export CSV,
// message registrants; coordinators grant residents (diaspora groups) the organiser role.
import { clear, field, h, select, useStyle } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate, render as renderPage } from "../../core/router.js";
import { bindForm, confirmDialog, keepingFocus, pageHeader, showStatus, table } from "../../core/ui.js";
import { readTranslations, translationFields } from "../../core/translation_fields.js";
import * as events from "./api.js";
import { readRepeat, repeatFields } from "./repeats.js";

// Redraw the page keeping the keyboard focus where it was (never on <body>).
const render = () => keepingFocus(renderPage);

const local = (iso) => (iso ? new Date(iso).toISOString().slice(0, 16) : "");

export async function editEventPage({ main, params }) {
  useStyle("events");
  // Every language of the texts, so that saving keeps the ones the organiser did not touch.
  const existing = params.id ? await events.readEvent(params.id, { translations: "all" }) : null;
  const e = existing?.data || { title: {}, description: {}, languages: [], kind: "gathering", audience: "everyone", timezone: "Europe/Vilnius" };
  const form = h("form", { class: "event-form", id: "event-form" },
    params.id ? null : field(t("events.municipality"), select("municipality", await municipalityOptions(null), "vilniaus-m")),
    translationFields("title", t("events.title_field"), e.title, { required: true, maxlength: 200 }),
    translationFields("description", t("events.description"), e.description, { multiline: true }),
    field(t("events.kind"), select("kind", events.KINDS.map((k) => [k, t(`events.kinds.${k}`)]), e.kind)),
    field(t("events.audience"), select("audience", events.AUDIENCES.map((k) => [k, t(`events.audiences.${k}`)]), e.audience)),
    field(t("events.starts"), { name: "starts_at", type: "datetime-local", required: true, value: local(e.starts_at) }),
    field(t("events.ends"), { name: "ends_at", type: "datetime-local", required: true, value: local(e.ends_at) }),
    field(t("events.timezone"), { name: "timezone", value: e.timezone }),
    repeatFields(e.rrule),
    field(t("events.place"), { name: "address", value: e.address || "" }),
    field(t("events.online_link"), { name: "online_url", type: "url", value: e.online_url || "" }),
    field(t("events.languages"), { name: "languages", value: (e.languages || []).join(", ") }, { hint: "lt, en, uk, ru" }),
    field(t("events.cost"), { name: "cost", value: e.cost || "" }),
    field(t("events.capacity"), { name: "capacity", type: "number", min: 1, value: e.capacity || "" }),
    h("button", { type: "submit", class: "button" }, t("events.save")));
  bindForm(form, async () => {
    const d = Object.fromEntries(new FormData(form).entries());
    const body = {
      title: readTranslations(form, "title", e.title), description: readTranslations(form, "description", e.description), kind: d.kind, audience: d.audience,
      starts_at: new Date(d.starts_at).toISOString(), ends_at: new Date(d.ends_at).toISOString(), timezone: d.timezone || "Europe/Vilnius",
      rrule: readRepeat(form), address: d.address || null, online_url: d.online_url || null, cost: d.cost || null,
      capacity: d.capacity ? Number(d.capacity) : null, languages: d.languages.split(",").map((s) => s.trim()).filter(Boolean),
    };
    const saved = params.id
      ? await events.updateEvent(params.id, body, existing.etag)
      : await events.createEvent({ ...body, municipality: d.municipality });
    showStatus(t("events.saved"), "success");
    navigate(`/events/${saved.data.id}`);
  });
  clear(main).append(pageHeader(t(params.id ? "events.edit_event" : "events.new_event")), form);
}

export async function manageEventPage({ main, params }) {
  useStyle("events");
  const { data: e, etag } = await events.readEvent(params.id);
  const { data: regs } = await events.listRegistrations(params.id);
  const csv = h("button", { type: "button", class: "button secondary" }, t("events.export_csv"));
  csv.addEventListener("click", () => events.exportRegistrations(e.id));
  const cancel = h("button", { type: "button", class: "button danger" }, t("events.cancel_event"));
  cancel.disabled = e.status === "cancelled";
  cancel.addEventListener("click", async () => {
    if (!confirmDialog(t("events.cancel_confirm"))) return;
    await events.cancelEvent(e.id, etag);
    showStatus(t("events.cancelled"), "success");
    render();
  });
  const rows = regs.items.map((r) => ({ ...r }));
  const attendance = (r) => {
    const box = h("input", { type: "checkbox", checked: Boolean(r.attended), "aria-label": `${t("events.attended")}: ${r.display_name}` });
    box.addEventListener("change", async () => {
      await events.markAttendance(e.id, r.id, box.checked);
      showStatus(t("events.saved"), "success");
    });
    return box;
  };
  const message = h("form", { class: "message-form" },
    field(t("events.message"), h("textarea", { name: "text", rows: 3, required: true })),
    h("button", { type: "submit", class: "button" }, t("events.send")));
  bindForm(message, async () => {
    const text = new FormData(message).get("text");
    const { data } = await events.messageRegistrants(e.id, { [lang()]: String(text) });
    showStatus(t("events.sent", { count: data.recipients }), "success");
    message.reset();
  });
  clear(main).append(
    pageHeader(`${t("events.manage_title")}: ${e.title}`, csv, cancel),
    table([
      { label: t("events.person"), key: "display_name" },
      { label: t("events.status"), render: (r) => t(`events.my_status.${r.status}`) },
      { label: t("events.answers"), render: (r) => Object.entries(r.answers).map(([k, v]) => `${k}: ${v}`).join("; ") },
      { label: t("events.attended"), render: attendance },
    ], rows, { caption: t("events.registrations") }),
    message);
}

export async function grantsPage({ main }) {
  useStyle("events");
  const { data } = await events.listGrants();
  const form = h("form", { class: "inline-form" },
    field(t("events.user_id"), { name: "user_id", required: true }),
    field(t("events.group_name"), { name: "group_name", required: true, maxlength: 200 }),
    h("button", { type: "submit", class: "button" }, t("events.grant")));
  bindForm(form, async () => {
    await events.createGrant(Object.fromEntries(new FormData(form).entries()));
    showStatus(t("events.saved"), "success");
    render();
  });
  const remove = (g) => {
    const b = h("button", { type: "button", class: "button small secondary" }, t("events.withdraw"));
    b.addEventListener("click", async () => { await events.deleteGrant(g.id); render(); });
    return b;
  };
  clear(main).append(pageHeader(t("events.grants_title")), h("p", {}, t("events.grants_intro")), form,
    table([{ label: t("events.group_name"), key: "group_name" }, { label: t("events.user_id"), key: "user_id" }, { label: "", render: remove }], data.items));
}
