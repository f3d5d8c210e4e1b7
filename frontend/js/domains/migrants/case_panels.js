// The person page's case panels: needs, referrals (with "refer", which proposes matching directory
// services), the timeline and the special-category notes.
import { clear, field, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { hasScope } from "../../core/auth.js";
import { badge, bindForm, errorText, focusOn, pagedList, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { NEED_STATUSES, needLabel, needOptions, referralBadge } from "./common.js";

export function needsSection(p, caseData, caseEtagReload) {
  if (!caseData) return h("section", { class: "panel" }, h("h2", {}, t("migrants.needs")), h("p", { class: "empty" }, t("migrants.no_open_case")));
  const addForm = h("form", { class: "inline-form", id: "add-need", novalidate: true },
    field(t("migrants.need_label"), select("code", needOptions(), "housing")),
    field(t("migrants.priority"), select("priority", ["high", "normal", "low"].map((x) => [x, t(`migrants.priority_${x}`)]), "normal")),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.add_need")));
  bindForm(addForm, async () => {
    const fd = new FormData(addForm);
    await m.addNeed(caseData.id, { code: fd.get("code"), priority: fd.get("priority") });
    caseEtagReload();
  });
  return h("section", { class: "panel", id: "needs", "aria-labelledby": "needs-title" },
    h("h2", { id: "needs-title" }, t("migrants.needs")),
    h("ul", { class: "plain" }, caseData.needs.map((n) => {
      const sel = select("status", NEED_STATUSES.map((s) => [s, t(`migrants.need_status.${s}`)]), n.status, { "aria-label": t("migrants.need_status_label") });
      sel.addEventListener("change", async () => {
        try {
          await m.updateNeed(caseData.id, n.id, { status: sel.value }, m.versionTag(n.version));
          showStatus(t("migrants.saved"), "success");
          caseEtagReload();
        } catch (err) { showStatus(errorText(err), "error"); }
      });
      return h("li", { dataset: { need: n.code } }, h("strong", {}, n.name || needLabel(n.code)), " ",
        badge(t(`migrants.priority_${n.priority}`), n.priority === "high" ? "danger" : "muted"), " ", sel);
    })),
    addForm);
}

function referralItem(r, reload) {
  const actions = h("span", { class: "actions" });
  for (const to of r.allowed) {
    actions.append(h("button", {
      type: "button",
      class: to === "dropped" ? "button small danger" : "button small",
      dataset: { move: to },
      onclick: async () => {
        let reason = null;
        if (to === "dropped") {
          reason = window.prompt(t("migrants.reason_prompt"));
          if (!reason) return;
        }
        try {
          await m.moveReferral(r.id, { status: to, reason }, m.versionTag(r.version));
          showStatus(t(`migrants.referral_status.${to}`), "success");
        } catch (err) { showStatus(errorText(err), "error"); }
        reload();
      },
    }, t(`migrants.move.${to}`)));
  }
  return h("li", { class: "row referral", dataset: { referral: r.id, status: r.status } },
    referralBadge(r.status), " ", h("strong", {}, r.service.name || "—"),
    h("span", { class: "hint" }, `${needLabel(r.need)} · ${r.service.organization_name || ""}`),
    r.from_package ? badge(t("migrants.from_package"), "muted") : null,
    r.reason ? h("span", { class: "hint" }, `${t("migrants.reason")}: ${r.reason}`) : null,
    actions);
}

export function referSection(p, caseData, reload) {
  const results = h("div", { id: "suggestions" });
  const needSel = select("need", needOptions(), caseData?.needs[0]?.code || "language");
  const message = h("textarea", { name: "message", rows: 2, maxlength: 2000 });
  const form = h("form", { class: "inline-form", id: "refer-form", novalidate: true },
    field(t("migrants.need_label"), needSel), field(t("migrants.message"), message),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.find_services")));
  bindForm(form, async () => {
    clear(results);
    const { data } = await m.suggestServices(p.id, needSel.value);
    if (!data.items.length) { results.append(h("p", { class: "empty" }, t("migrants.no_services"))); return; }
    results.append(h("ul", { class: "rows" }, data.items.map((s) => h("li", { class: "row suggestion", dataset: { service: s.service_id } },
      h("strong", {}, s.name || "—"), h("span", { class: "hint" }, `${s.organization_name || ""} · ${s.languages.join(", ")}`),
      h("button", {
        type: "button",
        class: "button small",
        onclick: async () => {
          try {
            await m.createReferral({ person_id: p.id, service_id: s.service_id, need: needSel.value, message: message.value || null });
            showStatus(t("migrants.referred"), "success");
            // The new referral is listed under "Referrals": focus goes to that list's heading.
            await reload();
            focusOn(document.getElementById("referrals-title"));
          } catch (err) { showStatus(errorText(err), "error"); }
        },
      }, t("migrants.refer"))))));
  });
  return h("section", { class: "panel", id: "refer", "aria-labelledby": "refer-title" },
    h("h2", { id: "refer-title" }, t("migrants.refer_title")), h("p", { class: "hint" }, t("migrants.refer_intro")), form, results);
}

export async function referralsSection(p, reload) {
  const { data } = await m.listReferrals({ person_id: p.id, limit: 100 });
  return h("section", { class: "panel", id: "referrals", "aria-labelledby": "referrals-title" },
    h("h2", { id: "referrals-title" }, t("migrants.referrals")),
    data.items.length ? h("ul", { class: "rows" }, data.items.map((r) => referralItem(r, reload))) : h("p", { class: "empty" }, t("migrants.no_referrals")));
}

export function timelineSection(caseData) {
  if (!caseData) return null;
  const note = h("textarea", { name: "text", rows: 2, required: true, maxlength: 4000 });
  const list = h("div", {});
  const load = () => {
    clear(list);
    list.append(pagedList({
      className: "timeline",
      load: async (cursor) => (await m.readTimeline(caseData.id, { cursor, limit: 20 })).data,
      renderItem: (e) => h("li", {}, h("span", { class: "hint" }, formatDateTime(e.at)), " ",
        h("strong", {}, t(`migrants.event.${e.kind}`)), e.text ? h("p", {}, e.text) : null),
    }));
  };
  const form = h("form", { class: "inline-form", id: "add-note", novalidate: true },
    field(t("migrants.note"), note), h("button", { type: "submit", class: "button secondary" }, t("migrants.add_note")));
  bindForm(form, async () => {
    await m.addNote(caseData.id, note.value);
    note.value = "";
    load();
  });
  load();
  return h("section", { class: "panel", id: "timeline", "aria-labelledby": "timeline-title" },
    h("h2", { id: "timeline-title" }, t("migrants.timeline")), form, list);
}

export function specialSection(p) {
  if (!hasScope("migrants:special")) return null;
  const list = h("ul", { class: "plain" });
  const load = async () => {
    const { data } = await m.listSpecialNotes(p.id);
    clear(list);
    if (!data.items.length) list.append(h("li", { class: "empty" }, t("migrants.special_empty")));
    data.items.forEach((n) => list.append(h("li", {}, h("span", { class: "hint" }, formatDateTime(n.created_at)), " ", n.text)));
  };
  const text = h("textarea", { name: "text", rows: 2, required: true, maxlength: 4000 });
  const form = h("form", { class: "inline-form", id: "add-special", novalidate: true },
    field(t("migrants.special_note"), text), h("button", { type: "submit", class: "button secondary" }, t("migrants.add_note")));
  bindForm(form, async () => {
    await m.addSpecialNote(p.id, text.value);
    text.value = "";
    load();
  });
  const details = h("details", { class: "panel", id: "special-notes" }, h("summary", {}, t("migrants.special_notes")),
    h("p", { class: "hint" }, t("migrants.special_hint")), list, p.anonymised ? null : form);
  details.addEventListener("toggle", () => { if (details.open) load(); }, { once: true });
  return details;
}
