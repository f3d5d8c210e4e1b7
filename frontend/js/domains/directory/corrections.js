// "Something is wrong here": anyone tells a service's owner what is out of date in its listing
// (no account needed); providers and coordinators see the suggestions and mark them done.
import { field, formatDate, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import { decideCorrection, listCorrections, suggestCorrection } from "./api.js";

const KINDS = ["hours", "address", "contact", "closed", "eligibility", "language", "other"];

export function correctionBox(service) {
  const form = h("form", { class: "form narrow", id: "correction-form", novalidate: true },
    field(t("directory.correction_kind"), select("kind", KINDS.map((k) => [k, t(`directory.correction.${k}`)]), "hours")),
    field(t("directory.correction_message"), h("textarea", { name: "message", rows: 3, maxlength: 2000, required: true }), { hint: t("directory.correction_message_hint") }),
    field(t("directory.correction_contact"), { name: "contact", maxlength: 200, autocomplete: "email" }, { hint: t("directory.correction_contact_hint") }),
    h("button", { type: "submit", class: "button secondary" }, t("directory.correction_send")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = { kind: fd.get("kind"), message: String(fd.get("message") || "").trim() };
    if (String(fd.get("contact") || "").trim()) body.contact = String(fd.get("contact")).trim();
    await suggestCorrection(service.id, body);
    form.replaceWith(h("p", { class: "notice", role: "status", id: "correction-sent", tabindex: "-1" }, t("directory.correction_thanks")));
    document.getElementById("correction-sent")?.focus();
  });
  return h("details", { class: "correction" }, h("summary", {}, t("directory.correction_open")), form);
}

export function correctionItem(c, reload, heading = "h2") {
  const act = (status, label, kind) => h("button", { type: "button", class: `button small ${kind}`, dataset: { decision: status }, onclick: async () => {
    try {
      await decideCorrection(c.id, { status });
      showStatus(t("directory.correction_handled"), "success");
      reload();
    } catch (err) { showStatus(errorText(err), "error"); }
  } }, label);
  return h("li", { class: "card correction-item", dataset: { id: c.id } },
    h(heading, {}, h("a", { href: `#/services/${c.service_id}` }, c.service_name)),
    h("p", {}, badge(t(`directory.correction.${c.kind}`)), " ", h("span", { class: "hint" }, formatDateTime(c.created_at)),
      c.status === "open" ? [" · ", h("span", { class: "due" }, t("directory.correction_due", { date: formatDate(c.due_on) }))] : null,
      c.overdue ? [" ", badge(t("directory.correction_overdue"), "warn")] : null),
    h("p", { class: "prose", lang: c.lang, dir: "auto" }, c.message),
    c.contact ? h("p", {}, t("directory.correction_contact"), ": ", c.contact) : null,
    c.note ? h("p", { class: "hint" }, c.note) : null,
    c.status === "open" ? h("p", { class: "page-actions" },
      h("a", { class: "button small", href: `#/services/${c.service_id}/edit` }, t("directory.edit")),
      act("resolved", t("directory.correction_resolve"), ""), act("dismissed", t("directory.correction_dismiss"), "secondary")) : null);
}

export async function correctionsPage({ main, query }) {
  const status = query.status || "open";
  const filter = select("status", ["open", "resolved", "dismissed"].map((s) => [s, t(`directory.correction_status.${s}`)]), status, { id: "correction-status" });
  filter.addEventListener("change", () => navigate("/services/corrections", { status: filter.value }));
  const reload = () => navigate("/services/corrections", { status });
  main.append(pageHeader(t("directory.corrections_title")), h("p", { class: "lead" }, t("directory.corrections_intro")),
    h("div", { class: "filters" }, field(t("core.status"), filter)),
    pagedList({
      empty: t("directory.corrections_none"),
      // Open ones soonest due first (the late ones on top); handled ones newest first.
      load: async (cursor) => (await listCorrections({ status, cursor, limit: 20, sort: status === "open" ? "due" : "-created" })).data,
      renderItem: (c) => correctionItem(c, reload),
    }));
}
