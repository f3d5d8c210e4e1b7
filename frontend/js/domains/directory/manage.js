// Staff pages: "my services" (providers: their organisation's; coordinators: their municipality's),
// the service editor, and the coordinator's list of what is stale or loses funding soon.
import { append, clear, field, formatDate, h } from "../../core/dom.js";
import { pick, t } from "../../core/i18n.js";
import {
  createLocation, createService, deleteService, listLocations, listOrganizations, listServices, readService, updateService,
  listCorrections, verifyService,
} from "./api.js";
import { correctionItem } from "./corrections.js";
import { currentUser } from "../../core/auth.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, confirmDialog, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import {
  FORMATS, LEVELS, SERVICE_LANGUAGES, STATUSES, WEEKDAYS, addStyles, categoryOptions, formatLabel,
  languageName, legalStatuses, selectField, statusLabel, weekdayName,
} from "./common.js";
import { readTranslations, translationFields } from "../../core/translation_fields.js";

function scopeQuery() {
  const me = currentUser();
  if (me.role === "admin") return {};
  if (me.role === "coordinator") return { municipality: me.municipality };
  return { organization: me.organization_id };
}

async function verify(service, row) {
  try {
    const { data } = await verifyService(service.id);
    showStatus(t("directory.verified_now", { name: pick(data.name) }), "success");
    row.replaceWith(serviceRow(data));
  } catch (err) {
    showStatus(errorText(err), "error");
  }
}

function serviceRow(service) {
  const row = h("li", { class: "card staff-service", dataset: { id: service.id } });
  row.append(
    h("h3", {}, h("a", { href: `#/services/${service.id}` }, pick(service.name))),
    h("p", { class: "meta" },
      badge(statusLabel(service.status), service.status === "active" ? "ok" : "warn"), " ",
      service.stale ? badge(t("directory.stale"), "warn") : badge(t("directory.verified_on", { date: formatDate(service.assured_date) }), "muted"), " ",
      service.funding_ends_on ? badge(t("directory.funding_until", { date: formatDate(service.funding_ends_on) }), "muted") : null),
    h("div", { class: "actions" },
      h("a", { class: "button secondary small", href: `#/services/${service.id}/edit` }, t("directory.edit")),
      h("button", { type: "button", class: "button small verify", onclick: () => verify(service, row) }, t("directory.verify"))));
  return row;
}

export async function myServicesPage({ main }) {
  addStyles();
  // The scope of the directory's styles (overlapping renders are the router's concern).
  const root = h("div", { class: "directory-page" });
  main.append(root);
  const me = currentUser();
  const q = h("input", { type: "search", name: "q", "aria-label": t("directory.q") });
  const holder = h("div", {});
  function load() {
    clear(holder);
    holder.append(pagedList({
      className: "card-list",
      empty: t("directory.no_own_services"),
      load: async (cursor) => (await listServices({ ...scopeQuery(), q: q.value, cursor, limit: 20, sort: "name" })).data,
      renderItem: serviceRow,
    }));
  }
  q.addEventListener("change", load);
  append(root, [
    pageHeader(t("directory.my_services"),
      h("a", { class: "button", href: "#/services/new", id: "new-service" }, t("directory.new_service")),
      me.organization_id ? h("a", { class: "button secondary", href: "#/services/locations", id: "my-locations" }, t("directory.locations_title")) : null,
      h("a", { class: "button secondary", href: "#/services/watch" }, t("directory.watch"))),
    h("p", { class: "lead" }, t("directory.my_services_intro")),
    h("div", { class: "filters" }, q),
    holder]);
  load();
}

function checkboxes(name, options, chosen) {
  return h("div", { class: "check-grid" }, options.map(([value, label]) =>
    h("label", { class: "block" }, h("input", { type: "checkbox", name, value, checked: chosen.includes(value) }), label)));
}

function scheduleEditor(slots) {
  const rows = h("div", { class: "schedule-rows" });
  const addRow = (slot = { weekday: 1, opens: "09:00", closes: "12:00" }) => {
    const row = h("div", { class: "schedule-row inline-form" },
      field(t("directory.weekday"), selectField("slot_weekday", WEEKDAYS.map((d) => [d, weekdayName(d)]), slot.weekday)),
      field(t("directory.opens"), { name: "slot_opens", type: "time", value: slot.opens }),
      field(t("directory.closes"), { name: "slot_closes", type: "time", value: slot.closes }),
      h("button", { type: "button", class: "button secondary small", onclick: () => row.remove() }, t("directory.remove")));
    rows.append(row);
  };
  (slots || []).forEach(addRow);
  return h("fieldset", { dataset: { field: "schedule" } }, h("legend", {}, t("directory.schedule")), rows,
    h("button", { type: "button", class: "button secondary small", onclick: () => addRow() }, t("directory.add_time")),
    h("p", { class: "field-error", hidden: true }));
}

function readSchedule(form) {
  return [...form.querySelectorAll(".schedule-row")].map((row) => ({
    weekday: Number(row.querySelector("[name=slot_weekday]").value),
    opens: row.querySelector("[name=slot_opens]").value,
    closes: row.querySelector("[name=slot_closes]").value,
  }));
}

export async function editServicePage({ main, params }) {
  addStyles();
  // The scope of the directory's styles (overlapping renders are the router's concern).
  const root = h("div", { class: "directory-page" });
  main.append(root);
  const editing = Boolean(params.id);
  let service = { name: {}, description: {}, categories: [], languages: ["lt"], provided_languages: ["lt"], eligible_statuses: [], format: "in_person", status: "active", free: true, schedule: [], application_process: {}, eligibility_note: {}, cost_description: {} };
  let etag = null;
  if (editing) {
    const res = await readService(params.id, { translations: "all" });
    service = res.data;
    etag = res.etag;
  }
  const statuses = await legalStatuses();
  const dateValue = (v) => v || "";
  // Providers write for their own organisation; coordinators and admins choose one.
  const me = currentUser();
  let orgPicker = null;
  if (!editing && !me.organization_id) {
    const query = { limit: 100, ...(me.role === "admin" ? {} : { municipality: me.municipality }) };
    const orgs = (await listOrganizations(query)).data.items;
    orgPicker = field(t("directory.organization"), selectField("organization_id", orgs.map((o) => [o.id, pick(o.name)]), orgs[0]?.id));
  }
  const locationBox = h("fieldset", { dataset: { field: "location_ids" } }, h("legend", {}, t("directory.locations")),
    h("div", { class: "check-grid" }), h("p", { class: "field-error", hidden: true }));
  async function loadLocations(organizationId) {
    const grid = locationBox.querySelector(".check-grid");
    clear(grid);
    if (!organizationId) return;
    const items = (await listLocations({ organization: organizationId, limit: 100 })).data.items;
    const chosen = (service.locations || []).map((l) => l.id);
    if (!items.length) grid.append(h("p", { class: "hint" }, t("directory.no_locations")));
    for (const loc of items) {
      const label = [pick(loc.name), loc.address, loc.city].filter(Boolean).join(", ") || loc.city || loc.id;
      grid.append(h("label", { class: "block" }, h("input", { type: "checkbox", name: "location_ids", value: loc.id, checked: chosen.includes(loc.id) }), label));
    }
  }
  const owner = editing ? service.organization_id : me.organization_id || orgPicker?.querySelector("select").value;
  await loadLocations(owner);
  orgPicker?.querySelector("select").addEventListener("change", (e) => loadLocations(e.target.value));
  const form = h("form", { class: "form service-form", novalidate: true },
    orgPicker,
    translationFields("name", t("directory.name"), service.name, { required: true }),
    translationFields("description", t("directory.description"), service.description, { multiline: true }),
    field(t("directory.category"), selectField("category", await categoryOptions(null), service.categories[0] || "info")),
    h("fieldset", { dataset: { field: "languages" } }, h("legend", {}, t("directory.languages")),
      checkboxes("languages", SERVICE_LANGUAGES.map((c) => [c, languageName(c)]), service.languages), h("p", { class: "field-error", hidden: true })),
    h("fieldset", { dataset: { field: "provided_languages" } }, h("legend", {}, t("directory.provided_languages")),
      h("p", { class: "hint" }, t("directory.provided_language_hint")),
      checkboxes("provided_languages", SERVICE_LANGUAGES.map((c) => [c, languageName(c)]), service.provided_languages || []), h("p", { class: "field-error", hidden: true })),
    h("div", { class: "two-col" },
      field(t("directory.format"), selectField("format", FORMATS.map((f) => [f, formatLabel(f)]), service.format)),
      field(t("directory.status"), selectField("status", STATUSES.map((s) => [s, statusLabel(s)]), service.status)),
      field(t("directory.level"), selectField("level", [["", "—"], ...LEVELS.map((l) => [l, l])], service.level || "")),
      field(t("directory.capacity"), { name: "capacity", type: "number", min: 0, value: service.capacity ?? "" })),
    h("fieldset", { dataset: { field: "eligible_statuses" } }, h("legend", {}, t("directory.eligibility")),
      h("p", { class: "hint" }, t("directory.eligibility_hint")),
      checkboxes("eligible_statuses", statuses.map((s) => [s.code, s.name]), service.eligible_statuses), h("p", { class: "field-error", hidden: true })),
    h("div", { class: "two-col" },
      field(t("directory.age_min"), { name: "age_min", type: "number", min: 0, max: 120, value: service.age_min ?? "" }),
      field(t("directory.age_max"), { name: "age_max", type: "number", min: 0, max: 120, value: service.age_max ?? "" }),
      field(t("directory.start_date"), { name: "start_date", type: "date", value: dateValue(service.start_date) }),
      field(t("directory.end_date"), { name: "end_date", type: "date", value: dateValue(service.end_date) })),
    scheduleEditor(service.schedule),
    locationBox,
    h("label", { class: "block" }, h("input", { type: "checkbox", name: "free", checked: service.free }), t("directory.free")),
    field(t("directory.cost_amount"), { name: "cost_amount", type: "number", min: 0, step: "0.01", value: service.cost_amount ?? "" }),
    translationFields("application_process", t("directory.how_to_apply"), service.application_process, { multiline: true }),
    h("div", { class: "two-col" },
      field(t("directory.phone"), { name: "phone", type: "tel", value: service.phone || "" }),
      field(t("directory.email"), { name: "email", type: "email", value: service.email || "" }),
      field(t("directory.website"), { name: "url", type: "url", value: service.url || "" }),
      field(t("directory.funding_source"), { name: "funding_source", value: service.funding_source || "" }),
      field(t("directory.funding_ends_on"), { name: "funding_ends_on", type: "date", value: dateValue(service.funding_ends_on) })),
    h("button", { type: "submit", class: "button" }, editing ? t("directory.save") : t("directory.create")));

  bindForm(form, async () => {
    const fd = new FormData(form);
    const num = (k) => (fd.get(k) === "" || fd.get(k) === null ? null : Number(fd.get(k)));
    const text = (k) => (fd.get(k) ? String(fd.get(k)).trim() : null);
    const body = {
      name: readTranslations(form, "name", service.name),
      description: readTranslations(form, "description", service.description),
      categories: [fd.get("category")],
      languages: fd.getAll("languages"),
      provided_languages: fd.getAll("provided_languages"),
      format: fd.get("format"),
      status: fd.get("status"),
      level: fd.get("level") || null,
      capacity: num("capacity"),
      eligible_statuses: fd.getAll("eligible_statuses"),
      age_min: num("age_min"),
      age_max: num("age_max"),
      start_date: text("start_date"),
      end_date: text("end_date"),
      schedule: readSchedule(form),
      free: fd.get("free") === "on",
      cost_amount: fd.get("free") === "on" ? null : num("cost_amount"),
      application_process: readTranslations(form, "application_process", service.application_process),
      phone: text("phone"),
      email: text("email"),
      url: text("url"),
      funding_source: text("funding_source"),
      funding_ends_on: text("funding_ends_on"),
      location_ids: fd.getAll("location_ids"),
    };
    if (orgPicker) body.organization_id = fd.get("organization_id");
    let saved;
    if (editing) saved = (await updateService(service.id, body, etag)).data;
    else saved = (await createService(body)).data;
    showStatus(t("directory.saved"), "success");
    navigate(`/services/${saved.id}`);
  });
  const remove = editing ? h("button", { type: "button", class: "button danger", id: "delete-service", onclick: async () => {
    if (!confirmDialog(t("directory.delete_confirm"))) return;
    try {
      await deleteService(service.id, etag);
      showStatus(t("directory.deleted"), "success");
      navigate("/services/mine");
    } catch (err) {
      showStatus(errorText(err), "error");
    }
  } }, t("directory.delete")) : null;
  append(root, [pageHeader(editing ? t("directory.edit_service") : t("directory.new_service"), remove), form]);
}

export async function watchPage({ main }) {
  addStyles();
  // The scope of the directory's styles (overlapping renders are the router's concern).
  const root = h("div", { class: "directory-page" });
  main.append(root);
  const me = currentUser();
  const base = me.role === "admin" ? {} : me.role === "provider" ? { organization: me.organization_id } : { municipality: me.municipality };
  const soon = new Date(Date.now() + 60 * 86400000).toISOString().slice(0, 10);
  const corrections = h("section", { id: "corrections-waiting" },
    h("h2", {}, t("directory.watch_corrections")),
    pagedList({
      className: "card-list",
      empty: t("directory.nothing_here"),
      load: async (cursor) => (await listCorrections({ status: "open", sort: "due", cursor, limit: 20 })).data,
      renderItem: (c) => correctionItem(c, () => navigate("/services/watch"), "h3"),
    }));
  const section = (title, id, query) => h("section", { id },
    h("h2", {}, title),
    pagedList({
      className: "card-list",
      empty: t("directory.nothing_here"),
      load: async (cursor) => (await listServices({ ...base, ...query, status: "active", cursor, limit: 20 })).data,
      renderItem: serviceRow,
    }));
  append(root, [
    pageHeader(t("directory.watch")),
    h("p", { class: "lead" }, t("directory.watch_intro")),
    corrections,
    section(t("directory.stale_title"), "stale-services", { stale: "true", sort: "-assured_date" }),
    section(t("directory.funding_title"), "funding-ending", { funding_ends_before: soon })]);
}

// The organisation's places: providers add and change them (a shelter's address can be confidential).
export async function locationsPage({ main, query }) {
  addStyles();
  const root = h("div", { class: "directory-page" });
  main.append(root);
  const me = currentUser();
  const organizationId = query.organization || me.organization_id;
  if (!organizationId) {
    append(root, [pageHeader(t("directory.locations_title")), h("p", {}, t("directory.choose_organization"))]);
    return;
  }
  const list = h("ul", { class: "card-list", id: "location-list" });
  async function load() {
    clear(list);
    const items = (await listLocations({ organization: organizationId, limit: 100 })).data.items;
    for (const loc of items) {
      list.append(h("li", { class: "card location-card" },
        h("h3", {}, pick(loc.name) || loc.city || ""),
        h("p", {}, [loc.address, loc.postal_code, loc.city].filter(Boolean).join(", ")),
        loc.confidential ? badge(t("directory.confidential"), "warn") : null));
    }
    if (!items.length) list.append(h("li", { class: "empty" }, t("directory.no_locations")));
  }
  const form = h("form", { class: "form location-form", novalidate: true },
    h("h2", {}, t("directory.new_location")),
    field(t("directory.location_name"), { name: "name", maxlength: 300 }),
    h("div", { class: "two-col" },
      field(t("directory.address"), { name: "address", maxlength: 300 }),
      field(t("directory.city"), { name: "city", maxlength: 120 }),
      field(t("directory.postal_code"), { name: "postal_code", maxlength: 20 })),
    h("label", { class: "block" }, h("input", { type: "checkbox", name: "confidential" }), t("directory.confidential_hint")),
    h("button", { type: "submit", class: "button" }, t("directory.create")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = { organization_id: organizationId, confidential: fd.get("confidential") === "on" };
    for (const key of ["address", "city", "postal_code"]) if (fd.get(key)) body[key] = String(fd.get(key)).trim();
    if (fd.get("name")) body.name = { lt: String(fd.get("name")).trim() };
    await createLocation(body);
    showStatus(t("directory.saved"), "success");
    form.reset();
    await load();
  });
  append(root, [pageHeader(t("directory.locations_title")), list, form]);
  await load();
}
