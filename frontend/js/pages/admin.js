// Administration: accounts (admins: all; coordinators: their municipality's providers) and
// machine clients (admins).
import { clear, field, formatDateTime, h, select } from "../core/dom.js";
import { t } from "../core/i18n.js";
import { api } from "../core/api.js";
import * as auth from "../core/auth.js";
import { municipalities, municipalityOptions } from "../core/reference.js";
import { languageName } from "../core/texts.js";
import { badge, bindForm, errorText, pageHeader, pagedList, showStatus, table } from "../core/ui.js";

// Municipality names by slug (lists show names, never codes).
let placeNames = {};
async function loadPlaceNames() {
  placeNames = Object.fromEntries((await municipalities()).map((m) => [m.slug, m.name]));
}

const ROLES = ["admin", "coordinator", "provider", "analyst", "expert", "resident"];
const CLIENT_SCOPES = ["directory:write", "migrants:intake", "referrals:inbox", "indicators:read", "indicators:write", "indicators:publish"];

async function organizationControl() {
  // The directory lists organisations; offer them by name when it can, else take an id.
  try {
    const { data } = await api.get("/organizations", { query: { limit: 100 } });
    return select("organization_id", [["", "—"], ...data.items.map((o) => [o.id, o.name])]);
  } catch {
    return h("input", { name: "organization_id", placeholder: "00000000-0000-0000-0000-000000000000" });
  }
}

// Volunteer translators: an admin grants a resident or an expert translate:<lang> scopes.
const TRANSLATE = ["lt", "en", "uk", "ru"];
function translatorControl(user) {
  const boxes = TRANSLATE.map((code) => h("label", { class: "inline" },
    h("input", { type: "checkbox", value: `translate:${code}`, checked: (user.scopes || []).includes(`translate:${code}`) }), " ", languageName(code)));
  const status = h("span", { role: "status" });
  const save = h("button", { type: "button", class: "button small secondary" }, t("core.save"));
  save.addEventListener("click", async () => {
    const extra = boxes.map((label) => label.querySelector("input")).filter((box) => box.checked).map((box) => box.value);
    try {
      const { etag } = await api.get(`/users/${user.id}`);
      await api.patch(`/users/${user.id}`, { extra_scopes: extra }, { etag });
      status.textContent = t("core.saved");
    } catch (err) {
      status.textContent = errorText(err);
    }
  });
  return h("details", { class: "translator-scopes" }, h("summary", {}, t("core.users.translator")),
    h("fieldset", {}, h("legend", { class: "visually-hidden" }, t("core.users.translator")), boxes), save, " ", status);
}

export async function usersPage({ main }) {
  await loadPlaceNames();
  const me = auth.currentUser();
  const isAdmin = me.role === "admin";
  const filters = h("form", { class: "filters", role: "search" },
    field(t("core.search"), { name: "q", type: "search" }),
    isAdmin ? field(t("core.role"), select("role", [["", t("core.all")], ...ROLES.map((r) => [r, t(`core.roles.${r}`)])], "")) : null,
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const results = h("div", {});
  function load() {
    const query = Object.fromEntries(new FormData(filters).entries());
    clear(results);
    const list = pagedList({
      listTag: "ul",
      className: "rows",
      load: async (cursor) => (await api.get("/users", { query: { ...query, cursor, limit: 25 } })).data,
      renderItem: (u) => h("li", { class: "row" },
        h("strong", {}, u.display_name), " ", h("span", {}, u.email), " ",
        badge(t(`core.roles.${u.role}`)), u.municipality ? badge(placeNames[u.municipality] || u.municipality, "muted") : null,
        u.is_active ? null : badge(t("core.inactive"), "warn"),
        isAdmin && ["resident", "expert"].includes(u.role) ? translatorControl(u) : null),
    });
    results.append(list);
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });

  const roleOptions = isAdmin ? ROLES : ["provider"];
  const form = h("form", { class: "form", novalidate: true },
    h("h2", {}, t("core.users.create")),
    field(t("core.display_name"), { name: "display_name", required: true }),
    field(t("core.email"), { name: "email", type: "email", required: true }),
    field(t("core.password"), { name: "password", type: "password", autocomplete: "new-password", required: true, minlength: 10 }, { hint: t("core.password_hint") }),
    field(t("core.role"), select("role", roleOptions.map((r) => [r, t(`core.roles.${r}`)]), roleOptions[0])),
    isAdmin ? field(t("core.municipality"), select("municipality", await municipalityOptions("—"), "")) : null,
    field(t("core.organization"), await organizationControl(), { name: "organization_id" }),
    h("button", { type: "submit", class: "button" }, t("core.create")));
  bindForm(form, async () => {
    const data = Object.fromEntries(new FormData(form).entries());
    for (const key of ["municipality", "organization_id"]) if (!data[key]) delete data[key];
    await api.post("/users", data);
    showStatus(t("core.users.created", { email: data.email }), "success");
    form.reset();
    load();
  });
  main.append(pageHeader(t("core.users.title")), filters, results, form);
  load();
}

export async function clientsPage({ main }) {
  await loadPlaceNames();
  const results = h("div", {});
  const secretBox = h("div", { class: "notice", hidden: true, role: "status" });

  function showSecret(client) {
    clear(secretBox);
    secretBox.hidden = false;
    secretBox.append(h("h2", {}, t("core.clients.secret_title")), h("p", {}, t("core.clients.secret_text")),
      h("dl", { class: "facts" }, h("dt", {}, "client_id"), h("dd", {}, h("code", {}, client.client_id)),
        h("dt", {}, "client_secret"), h("dd", {}, h("code", { id: "client-secret" }, client.client_secret))));
  }

  async function load() {
    clear(results);
    const { data } = await api.get("/clients", { query: { limit: 100 } });
    results.append(table([
      { label: t("core.name"), key: "name" },
      { label: "client_id", render: (c) => h("code", {}, c.client_id) },
      { label: t("core.municipality"), render: (c) => placeNames[c.municipality] || c.municipality || "" },
      { label: t("core.clients.scopes"), render: (c) => c.scopes.join(" ") },
      { label: t("core.clients.last_used"), render: (c) => formatDateTime(c.last_used_at) },
      { label: t("core.status"), render: (c) => (c.is_active ? t("core.active") : t("core.inactive")) },
      { label: t("core.actions"), render: (c) => c.is_active ? h("span", {},
        h("button", { type: "button", class: "button small secondary", onclick: async () => {
          showSecret((await api.post(`/clients/${c.id}/secret`)).data);
        } }, t("core.clients.rotate")), " ",
        h("button", { type: "button", class: "button small danger", onclick: async () => {
          if (!window.confirm(t("core.clients.confirm_disable"))) return;
          const current = await api.get(`/clients/${c.id}`);
          await api.del(`/clients/${c.id}`, { etag: current.etag });
          showStatus(t("core.saved"), "success");
          load();
        } }, t("core.clients.disable"))) : "" },
    ], data.items, { caption: t("core.clients.title") }));
  }

  const form = h("form", { class: "form", novalidate: true },
    h("h2", {}, t("core.clients.create")),
    field(t("core.name"), { name: "name", required: true }),
    field(t("core.municipality"), select("municipality", await municipalityOptions("—"), "")),
    field(t("core.organization"), await organizationControl(), { name: "organization_id" }),
    h("fieldset", { class: "field", dataset: { field: "scopes" } }, h("legend", {}, t("core.clients.scopes")),
      CLIENT_SCOPES.map((s) => h("label", { class: "inline" }, h("input", { type: "checkbox", name: "scopes", value: s }), " ", s)),
      h("p", { class: "field-error", hidden: true, id: "scopes-error" })),
    h("button", { type: "submit", class: "button" }, t("core.create")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = { name: fd.get("name"), scopes: fd.getAll("scopes") };
    if (fd.get("municipality")) body.municipality = fd.get("municipality");
    if (fd.get("organization_id")) body.organization_id = fd.get("organization_id");
    showSecret((await api.post("/clients", body)).data);
    form.reset();
    load();
  });
  main.append(pageHeader(t("core.clients.title")), secretBox, results, form);
  await load();
}
