// Subscriptions of my municipality or organisation: subscribe an endpoint (the signing secret is
// shown once), pause, test, remove; one subscription's deliveries, with "send again".
import { field, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { municipalityName, municipalityOptions } from "../../core/reference.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, confirmDialog, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import * as webhooks from "./api.js";

const typeLabel = (name) => t(`webhooks.type_${name.replace(".", "_")}`);
const statusLabel = (status) => t(`webhooks.status_${status}`);
const STATUS_KIND = { active: "ok", paused: "muted", disabled: "danger", pending: "muted", delivered: "ok", failed: "danger" };

// The secret is shown once, in a field that can be selected and copied.
function secretNotice(secret) {
  const input = h("input", { type: "text", readonly: true, value: secret, class: "secret", id: "webhook-secret", spellcheck: "false" });
  return h("div", { class: "notice", role: "status" },
    h("p", {}, h("strong", {}, t("webhooks.secret_once"))),
    field(t("webhooks.secret"), input, { hint: t("webhooks.secret_hint") }));
}

async function createForm(onCreated) {
  const { data } = await webhooks.eventTypes();
  const types = data.items.filter((e) => e.available);
  const boxes = types.map((e) => h("label", { class: "check" },
    h("input", { type: "checkbox", name: "event_types", value: e.name }), " ", typeLabel(e.name),
    e.public ? null : [" ", badge(t("webhooks.private"), "muted")]));
  const form = h("form", { class: "form", id: "webhook-form", novalidate: true },
    h("h2", {}, t("webhooks.new")),
    field(t("webhooks.url"), { name: "url", type: "url", required: true, placeholder: "https://", autocomplete: "off" }, { hint: t("webhooks.url_hint") }),
    field(t("webhooks.description"), { name: "description", maxlength: 300 }),
    h("fieldset", { dataset: { field: "event_types" } }, h("legend", {}, t("webhooks.event_types")), boxes,
      h("p", { class: "field-error", id: "webhook-types-error", hidden: true })),
    field(t("webhooks.only_municipality"), select("municipality", await municipalityOptions(t("webhooks.all_municipalities")), "")),
    h("button", { type: "submit", class: "button" }, t("webhooks.subscribe")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {
      url: String(fd.get("url") || "").trim(),
      description: String(fd.get("description") || ""),
      event_types: fd.getAll("event_types"),
      municipalities: fd.get("municipality") ? [fd.get("municipality")] : [],
    };
    const { data: created } = await webhooks.create(body);
    form.reset();
    showStatus(t("webhooks.created"), "success");
    onCreated(created);
  });
  return form;
}

function subscriptionCard(sub) {
  return h("li", { class: "card webhook-card" },
    h("h2", {}, h("a", { href: `#/webhooks/${sub.id}` }, sub.description || sub.url)),
    h("p", { class: "url" }, h("code", {}, sub.url)),
    h("p", {}, badge(statusLabel(sub.status), STATUS_KIND[sub.status]), " ",
      sub.pending_deliveries ? t("webhooks.pending_count", { count: sub.pending_deliveries }) : null),
    h("p", { class: "hint" }, sub.event_types.map(typeLabel).join(", ")),
    sub.failing_since ? h("p", { class: "hint" }, t("webhooks.failing_since", { date: formatDateTime(sub.failing_since) })) : null);
}

export async function subscriptionsPage({ main }) {
  main.append(pageHeader(t("webhooks.title")), h("p", { class: "lead" }, t("webhooks.intro")));
  const slot = h("div", { id: "webhook-created" });
  const list = pagedList({
    className: "card-list",
    empty: t("webhooks.none"),
    load: async (cursor) => (await webhooks.list({ cursor, limit: 20 })).data,
    renderItem: subscriptionCard,
  });
  main.append(slot, list, await createForm((created) => {
    slot.replaceChildren(secretNotice(created.secret),
      h("p", {}, h("a", { href: `#/webhooks/${created.id}` }, t("webhooks.open"))));
    list.querySelector("ul, ol").prepend(subscriptionCard(created));
    list.querySelector(".empty").hidden = true;
    slot.querySelector("input").focus();
  }));
}

function deliveryRow(sub, d, reload) {
  const again = d.status === "pending" ? null : h("button", { type: "button", class: "button secondary", onclick: async () => {
    try {
      await webhooks.redeliver(sub.id, d.id);
      showStatus(t("webhooks.redelivery_queued"), "success");
      reload();
    } catch (err) { showStatus(errorText(err), "error"); }
  } }, t("webhooks.send_again"));
  return h("li", { class: "card delivery", dataset: { status: d.status } },
    h("p", {}, h("strong", {}, typeLabel(d.event_type)), " ", badge(statusLabel(d.status), STATUS_KIND[d.status]), " ",
      h("span", { class: "hint" }, formatDateTime(d.created_at))),
    h("p", {}, t("webhooks.attempts", { count: d.attempts }),
      d.last_status_code ? ` · HTTP ${d.last_status_code}` : "",
      d.last_duration_ms != null ? ` · ${d.last_duration_ms} ms` : ""),
    d.last_error ? h("p", { class: "hint", dir: "ltr" }, d.last_error) : null,
    d.next_attempt_at && d.status === "pending" ? h("p", { class: "hint" }, t("webhooks.next_attempt", { date: formatDateTime(d.next_attempt_at) })) : null,
    again);
}

export async function subscriptionPage({ main, params, query }) {
  const { data: sub, etag } = await webhooks.read(params.id);
  const places = await Promise.all(sub.municipalities.map(municipalityName));
  const reload = () => navigate(`/webhooks/${sub.id}`, query.status ? { status: query.status } : undefined);
  const slot = h("div");
  const act = (label, id, run, kind = "secondary") => h("button", { type: "button", class: `button ${kind}`, id, onclick: async () => {
    try { await run(); } catch (err) { showStatus(errorText(err), "error"); }
  } }, label);
  const actions = h("div", { class: "actions" },
    sub.status === "active"
      ? act(t("webhooks.pause"), "webhook-pause", async () => { await webhooks.update(sub.id, { status: "paused" }, etag); reload(); })
      : act(t("webhooks.activate"), "webhook-activate", async () => { await webhooks.update(sub.id, { status: "active" }, etag); reload(); }),
    act(t("webhooks.ping"), "webhook-ping", async () => { await webhooks.ping(sub.id); showStatus(t("webhooks.ping_queued"), "success"); reload(); }),
    act(t("webhooks.rotate"), "webhook-rotate", async () => {
      if (!confirmDialog(t("webhooks.rotate_confirm"))) return;
      const { data } = await webhooks.rotate(sub.id);
      slot.replaceChildren(secretNotice(data.secret));
    }),
    act(t("core.delete"), "webhook-delete", async () => {
      if (!confirmDialog(t("webhooks.delete_confirm"))) return;
      await webhooks.remove(sub.id);
      showStatus(t("webhooks.deleted"), "success");
      navigate("/webhooks");
    }, "danger"));
  const filter = select("status", [["", t("core.all")], ...["pending", "delivered", "failed"].map((s) => [s, statusLabel(s)])], query.status || "", { id: "delivery-status" });
  filter.addEventListener("change", () => navigate(`/webhooks/${sub.id}`, filter.value ? { status: filter.value } : undefined));
  main.append(
    pageHeader(sub.description || t("webhooks.one_title")),
    h("p", {}, h("code", {}, sub.url)),
    h("p", {}, badge(statusLabel(sub.status), STATUS_KIND[sub.status]),
      sub.disabled_reason ? [" ", t("webhooks.disabled_because", { reason: sub.disabled_reason })] : null),
    h("p", {}, t("webhooks.event_types"), ": ", sub.event_types.map(typeLabel).join(", ")),
    places.length ? h("p", {}, t("webhooks.only_municipality"), ": ", places.join(", ")) : null,
    sub.last_success_at ? h("p", { class: "hint" }, t("webhooks.last_success", { date: formatDateTime(sub.last_success_at) })) : null,
    actions, slot,
    h("h2", {}, t("webhooks.deliveries")),
    h("div", { class: "filters" }, field(t("core.status"), filter)),
    pagedList({
      className: "card-list deliveries",
      empty: t("webhooks.no_deliveries"),
      load: async (cursor) => (await webhooks.deliveries(sub.id, { cursor, limit: 20, ...(query.status ? { status: query.status } : {}) })).data,
      renderItem: (d) => deliveryRow(sub, d, reload),
    }),
    h("p", {}, h("a", { href: "#/webhooks" }, t("webhooks.back"))));
}
