// The audit log screen: who read or changed what, when and why (coordinators: their municipality;
// admins: everything). Filters by kind of record, action, person and time; newest first.
import { field, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { navigate } from "../../core/router.js";
import { pageHeader, pagedList } from "../../core/ui.js";
import * as m from "./api.js";
import { addStyles, purposeLabel } from "./common.js";

const RECORD_TYPES = ["migrant_person", "migrant_case", "referral", "migrant_transfer", "returnee_package", "service", "webhook_subscription"];
const ACTIONS = ["read", "create", "update", "erase", "export", "consent_grant", "consent_withdraw", "read_special", "link_mentor", "accept", "decline"];

// Known codes in words; anything else stays a code, shown as one.
function worded(prefix, code) {
  const key = `migrants.audit_${prefix}.${code}`;
  const text = t(key);
  return text && text !== key ? text : h("code", {}, code);
}

function entry(e) {
  const role = e.actor_role ? t(`core.roles.${e.actor_role}`) : t(`migrants.audit_actor.${e.actor_kind}`);
  return h("li", { class: "row audit-entry" },
    h("time", { datetime: e.at }, formatDateTime(e.at)),
    h("span", {}, role, " ", e.actor_id ? h("code", { title: e.actor_id }, e.actor_id.slice(0, 8)) : null),
    h("strong", {}, worded("action", e.action)),
    h("span", {}, worded("record", e.record_type), " ", h("code", { title: e.record_id }, e.record_id.slice(0, 8))),
    e.subject_id ? h("a", { href: `#/migrants/people/${e.subject_id}` }, t("migrants.audit_person")) : null,
    e.purpose ? h("span", { class: "hint" }, purposeLabel(e.purpose)) : null);
}

export async function auditPage({ main, query }) {
  addStyles();
  const form = h("form", { class: "filters", role: "search", id: "audit-filters" },
    field(t("migrants.audit_record_type"), select("record_type", [["", t("core.all")], ...RECORD_TYPES.map((c) => [c, t(`migrants.audit_record.${c}`)])], query.record_type || "")),
    field(t("migrants.audit_action_label"), select("action", [["", t("core.all")], ...ACTIONS.map((c) => [c, t(`migrants.audit_action.${c}`)])], query.action || "")),
    field(t("migrants.audit_from"), { name: "from", type: "date", value: query.from || "" }),
    field(t("migrants.audit_to"), { name: "to", type: "date", value: query.to || "" }),
    h("button", { type: "submit", class: "button" }, t("core.filter")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const fd = new FormData(form);
    const next = {};
    for (const key of ["record_type", "action", "from", "to"]) if (fd.get(key)) next[key] = fd.get(key);
    if (query.subject) next.subject = query.subject;
    navigate("/migrants/audit", next);
  });
  const filters = {};
  for (const key of ["record_type", "action", "subject"]) if (query[key]) filters[key] = query[key];
  // Dates are whole days in the reader's time zone.
  if (query.from) filters.from = new Date(`${query.from}T00:00:00`).toISOString();
  if (query.to) filters.to = new Date(new Date(`${query.to}T00:00:00`).getTime() + 86400000).toISOString();
  main.append(pageHeader(t("migrants.audit_title")), h("p", { class: "lead" }, t("migrants.audit_intro")),
    query.subject ? h("p", {}, t("migrants.audit_of_person"), " ", h("a", { href: `#/migrants/people/${query.subject}` }, t("migrants.audit_person")),
      " · ", h("a", { href: "#/migrants/audit" }, t("migrants.audit_everyone"))) : null,
    form,
    pagedList({
      className: "rows audit-list",
      empty: t("migrants.audit_none"),
      load: async (cursor) => (await m.readAudit({ ...filters, cursor, limit: 50 })).data,
      renderItem: entry,
    }));
}
