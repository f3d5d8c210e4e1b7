// The person page: details, consents, rectification, the case panels, closing the case, and the
// person's rights (export, erasure) and transfer.
import { clear, field, formatDate, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { levelLabel } from "../../core/texts.js";
import { hasScope } from "../../core/auth.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, confirmDialog, errorText, keepingFocus, pageHeader, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { needsSection, referSection, referralsSection, specialSection, timelineSection } from "./case_panels.js";
import { mentorsSection } from "./mentors.js";
import { UI_LANGUAGES, addStyles, fullName, purposeLabel, statusLabel, statusOptions } from "./common.js";

function detailsList(p) {
  const rows = [
    [t("migrants.legal_status_label"), statusLabel(p.legal_status)],
    [t("migrants.birth_date"), p.birth_date ? formatDate(p.birth_date) : (p.birth_year || "")],
    [t("migrants.citizenships"), p.citizenships.join(", ")],
    [t("migrants.preferred_language"), p.preferred_language],
    [t("migrants.lithuanian_level"), p.lithuanian_level],
    [t("migrants.arrival_date"), p.arrival_date ? formatDate(p.arrival_date) : ""],
    [t("migrants.permit_expires_on"), p.permit_expires_on ? formatDate(p.permit_expires_on) : ""],
    [t("migrants.email"), p.email || ""],
    [t("migrants.phone"), p.phone || ""],
    [t("migrants.household"), p.household.map((m) => `${t(`migrants.relation_${m.relation}`)} ${m.birth_year || ""}`).join(", ")],
  ];
  return h("dl", { class: "facts" }, rows.filter(([, v]) => v !== "").map(([k, v]) => [h("dt", {}, k), h("dd", {}, String(v))]));
}

function consentSection(p, reload) {
  return h("section", { class: "panel", id: "consents", "aria-labelledby": "consents-title" },
    h("h2", { id: "consents-title" }, t("migrants.consents")),
    h("ul", { class: "plain" }, p.consents.map((c) => h("li", { dataset: { purpose: c.purpose } },
      c.granted ? badge(t("migrants.granted"), "ok") : badge(t("migrants.not_granted"), "muted"), " ", purposeLabel(c.purpose),
      c.granted && c.granted_at ? h("span", { class: "hint" }, formatDateTime(c.granted_at)) : null,
      !c.granted && c.withdrawn_at ? h("span", { class: "hint" }, t("migrants.withdrawn_on", { date: formatDateTime(c.withdrawn_at) })) : null,
      " ",
      p.anonymised ? null : h("button", {
        type: "button",
        class: "button small secondary",
        dataset: { consent: c.purpose },
        onclick: async () => {
          await m.changeConsent(p.id, c.purpose, c.granted ? "withdraw" : "grant");
          showStatus(t("migrants.consent_saved"), "success");
          reload();
        },
      }, c.granted ? t("migrants.withdraw") : t("migrants.grant"))))));
}

function editSection(p, etag, reload) {
  if (p.anonymised || !hasScope("migrants:write")) return null;
  const form = h("form", { class: "form", id: "edit-person", novalidate: true },
    h("div", { class: "two-col" },
      field(t("migrants.given_name"), { name: "given_name", value: p.given_name, required: true, maxlength: 120 }),
      field(t("migrants.family_name"), { name: "family_name", value: p.family_name, required: true, maxlength: 120 })),
    h("div", { class: "two-col" },
      field(t("migrants.legal_status_label"), select("legal_status", statusOptions(), p.legal_status)),
      field(t("migrants.permit_expires_on"), { name: "permit_expires_on", type: "date", value: p.permit_expires_on || "" })),
    h("div", { class: "two-col" },
      field(t("migrants.email"), { name: "email", type: "email", value: p.email || "", maxlength: 320 }),
      field(t("migrants.phone"), { name: "phone", type: "tel", value: p.phone || "", maxlength: 40 })),
    h("div", { class: "two-col" },
      field(t("migrants.preferred_language"), select("preferred_language", UI_LANGUAGES.map((l) => [l, l]), p.preferred_language)),
      field(t("migrants.lithuanian_level"), select("lithuanian_level", ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"].map((l) => [l, levelLabel(l)]), p.lithuanian_level))),
    h("button", { type: "submit", class: "button" }, t("migrants.save")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {};
    for (const k of ["given_name", "family_name", "legal_status", "preferred_language", "lithuanian_level"]) body[k] = fd.get(k);
    for (const k of ["permit_expires_on", "email", "phone"]) body[k] = fd.get(k) || null;
    await m.updatePerson(p.id, body, etag);
    showStatus(t("migrants.saved"), "success");
    reload();
  });
  return h("details", { class: "panel", id: "edit" }, h("summary", {}, t("migrants.edit")), h("p", { class: "hint" }, t("migrants.edit_hint")), form);
}

function closeCaseButton(caseData, caseEtag, reload) {
  if (!caseData || !hasScope("migrants:write")) return null;
  return h("button", {
    type: "button",
    class: "button secondary",
    id: "close-case",
    onclick: async () => {
      const reason = window.prompt(t("migrants.close_reason"));
      if (reason === null) return;
      try {
        await m.updateCase(caseData.id, { status: "closed", close_reason: reason || null }, caseEtag);
        showStatus(t("migrants.case_closed"), "success");
      } catch (err) { showStatus(errorText(err), "error"); }
      reload();
    },
  }, t("migrants.close_case"));
}

function rightsSection(p, etag) {
  const exportButton = h("button", {
    type: "button",
    class: "button secondary",
    id: "export-person",
    onclick: async () => {
      try { await m.exportPerson(p.id); } catch (err) { showStatus(errorText(err), "error"); }
    },
  }, t("migrants.export"));
  const eraseButton = p.anonymised || !hasScope("migrants:write") ? null : h("button", {
    type: "button",
    class: "button danger",
    id: "erase-person",
    onclick: async () => {
      if (!confirmDialog(t("migrants.erase_confirm"))) return;
      try {
        await m.erasePerson(p.id, etag);
        showStatus(t("migrants.erased"), "success");
        navigate("/migrants");
      } catch (err) { showStatus(errorText(err), "error"); }
    },
  }, t("migrants.erase"));
  const to = h("input", { name: "to_municipality", maxlength: 60, placeholder: "kauno-m" });
  const reason = h("input", { name: "reason", maxlength: 2000 });
  const transfer = h("form", { class: "inline-form", id: "transfer-form", novalidate: true },
    field(t("migrants.transfer_to"), to, { hint: t("migrants.transfer_to_hint") }), field(t("migrants.reason"), reason),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.transfer_request")));
  bindForm(transfer, async () => {
    await m.requestTransfer(p.id, { to_municipality: to.value.trim(), reason: reason.value || null });
    showStatus(t("migrants.transfer_requested"), "success");
  });
  return h("section", { class: "panel", id: "rights", "aria-labelledby": "rights-title" },
    h("h2", { id: "rights-title" }, t("migrants.rights")), h("p", { class: "hint" }, t("migrants.rights_hint")),
    h("div", { class: "page-actions" }, exportButton, eraseButton), p.anonymised || !hasScope("migrants:write") ? null : transfer);
}

export async function personPage({ main, params }) {
  addStyles();
  // Every change on the page draws it anew; focus stays on the control that was used (or the
  // heading of its section), never on <body>.
  const render = () => keepingFocus(draw);
  const draw = async () => {
    const { data: p, etag } = await m.readPerson(params.id);
    const caseRead = p.open_case_id ? await m.readCase(p.open_case_id) : null;
    const caseData = caseRead ? caseRead.data : null;
    clear(main);
    main.append(
      pageHeader(fullName(p),
        closeCaseButton(caseData, caseRead?.etag, render),
        h("a", { class: "button secondary", href: "#/migrants" }, t("migrants.people"))),
      h("p", {}, badge(statusLabel(p.legal_status), p.legal_status === "returnee" ? "ok" : ""), " ",
        caseData ? badge(t("migrants.case_open")) : badge(t("migrants.case_closed"), "muted"),
        p.anonymised ? badge(t("migrants.anonymised"), "danger") : null),
      h("div", { class: "person-grid" },
        h("section", { class: "panel", "aria-label": t("migrants.details") }, h("h2", {}, t("migrants.details")), detailsList(p)),
        consentSection(p, render)),
      editSection(p, etag, render),
      needsSection(p, caseData, render),
      await referralsSection(p, render),
      caseData && !p.anonymised ? referSection(p, caseData, render) : null,
      timelineSection(caseData),
      hasScope("migrants:write") ? await mentorsSection(p, caseData, render) : null,
      specialSection(p),
      rightsSection(p, etag),
      hasScope("audit:read") ? h("p", {}, h("a", { href: `#/migrants/audit?subject=${p.id}`, id: "person-audit" }, t("migrants.audit_of_this_person"))) : null);
  };
  await draw();
}
