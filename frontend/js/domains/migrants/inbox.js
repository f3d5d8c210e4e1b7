// The provider's inbox: referrals to the organisation's services, with only what the service needs
// (name, preferred language, contact, need, message). Accept, decline with a reason, start,
// complete or drop.
import { clear, field, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { badge, errorText, keepingFocus, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { REFERRAL_STATUSES, addStyles, referralBadge } from "./common.js";

function item(r, reload) {
  const actions = h("span", { class: "actions" });
  for (const to of r.allowed) {
    actions.append(h("button", {
      type: "button",
      class: ["declined", "dropped"].includes(to) ? "button small danger" : "button small",
      dataset: { move: to },
      onclick: async () => {
        let reason = null;
        if (["declined", "dropped"].includes(to)) {
          reason = window.prompt(t("migrants.reason_prompt"));
          if (!reason) return;
        }
        try {
          await m.moveInboxReferral(r.id, { status: to, reason }, m.versionTag(r.version));
          showStatus(t(`migrants.referral_status.${to}`), "success");
        } catch (err) { showStatus(errorText(err), "error"); }
        reload();
      },
    }, t(`migrants.move.${to}`)));
  }
  return h("li", { class: "row inbox-item", dataset: { referral: r.id, status: r.status } },
    referralBadge(r.status), " ", h("strong", {}, `${r.given_name} ${r.family_name}`),
    badge(r.preferred_language, "muted"),
    h("span", { class: "hint" }, `${r.need_name || r.need} · ${r.service_name || ""}`),
    r.email ? h("a", { href: `mailto:${r.email}` }, r.email) : null, " ", r.phone ? h("span", {}, r.phone) : null,
    r.message ? h("p", { class: "message" }, r.message) : null,
    r.reason ? h("p", { class: "hint" }, `${t("migrants.reason")}: ${r.reason}`) : null,
    r.sent_at ? h("span", { class: "hint" }, t("migrants.sent_on", { date: formatDateTime(r.sent_at) })) : null,
    actions);
}

export async function inboxPage({ main, query }) {
  addStyles();
  const status = select("status", [["", t("core.all")], ...REFERRAL_STATUSES.filter((s) => s !== "proposed").map((s) => [s, t(`migrants.referral_status.${s}`)])], query.status || "");
  const results = h("div", { id: "inbox-results" });
  const load = () => {
    clear(results);
    const list = pagedList({
      className: "rows",
      empty: t("migrants.inbox_empty"),
      load: async (cursor) => (await m.listInbox({ cursor, limit: 25, status: status.value })).data,
      // After a move, focus stays on the referral's row (its next action), never on <body>.
      renderItem: (r) => item(r, () => keepingFocus(load, () => results.querySelector(`li[data-referral="${r.id}"] button`)
        || results.querySelector(`li[data-referral="${r.id}"]`) || results.querySelector("li, .empty"))),
    });
    results.append(list);
    return list.ready;
  };
  status.addEventListener("change", load);
  main.append(pageHeader(t("migrants.inbox")), h("p", { class: "lead" }, t("migrants.inbox_intro")),
    h("div", { class: "filters" }, field(t("core.status"), status)), results);
  load();
}
