// The coordinator's workspace: people list and search, registering a person, the person page with
// needs, referrals ("refer" proposes matching directory services), timeline and consent, and the
// returnee package editor.
import { clear, field, formatDate, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { api, download, newIdempotencyKey } from "../../core/api.js";
import { currentUser, hasScope } from "../../core/auth.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, confirmDialog, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import {
  LEGAL_STATUSES, NEEDS, NEED_STATUSES, PURPOSES, UI_LANGUAGES, addStyles, categories, fullName, needLabel,
  purposeLabel, referralBadge, statusLabel,
} from "./common.js";

const needOptions = (empty) => [...(empty ? [["", empty]] : []), ...NEEDS.map((n) => [n, needLabel(n)])];
const statusOptions = (empty) => [...(empty ? [["", empty]] : []), ...LEGAL_STATUSES.map((s) => [s, statusLabel(s)])];

// --- people list ------------------------------------------------------------------------------

export async function peoplePage({ main, query }) {
  addStyles();
  const q = h("input", { type: "search", name: "q", value: query.q || "" });
  const status = select("status", statusOptions(t("core.all")), query.status || "");
  const need = select("need", needOptions(t("core.all")), query.need || "");
  const caseSel = select("case", [["", t("core.all")], ["open", t("migrants.case_open")], ["closed", t("migrants.case_closed")]], query.case || "");
  const mine = h("input", { type: "checkbox", name: "mine", checked: query.mine === "1" });
  const filters = h("form", { class: "filters", role: "search", id: "people-filters" },
    field(t("migrants.search_name"), q), field(t("migrants.legal_status_label"), status), field(t("migrants.need_label"), need),
    field(t("migrants.case"), caseSel), h("label", { class: "inline" }, mine, " ", t("migrants.my_cases")),
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const results = h("div", { id: "people-results" });
  function load() {
    clear(results);
    results.append(pagedList({
      className: "rows",
      empty: t("migrants.people_empty"),
      load: async (cursor) => (await api.get("/migrants", {
        query: {
          cursor, limit: 25, q: q.value, status: status.value, need: need.value, case: caseSel.value,
          coordinator: mine.checked ? currentUser()?.id : "",
        },
      })).data,
      renderItem: (p) => h("li", { class: "row person-row" },
        h("a", { href: `#/migrants/people/${p.id}` }, fullName(p)), " ",
        badge(statusLabel(p.legal_status), p.legal_status === "returnee" ? "ok" : ""),
        p.birth_year ? h("span", { class: "hint" }, String(p.birth_year)) : null,
        h("span", { class: "hint" }, p.case_open ? t("migrants.case_open") : t("migrants.case_closed"))),
    }));
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  const transfers = h("section", { class: "panel", id: "transfers", hidden: true, "aria-labelledby": "transfers-title" });
  const loadTransfers = async () => {
    const { data } = await api.get("/transfers", { query: { status: "pending" } });
    clear(transfers);
    const incoming = data.items.filter((x) => x.direction === "incoming");
    transfers.hidden = !incoming.length;
    transfers.append(h("h2", { id: "transfers-title" }, t("migrants.transfers_incoming")),
      h("ul", { class: "rows" }, incoming.map((x) => h("li", { class: "row transfer", dataset: { transfer: x.id } },
        h("strong", {}, `${x.given_name} ${x.family_name}`), h("span", { class: "hint" }, t("migrants.transfer_from", { from: x.from_municipality })),
        x.reason ? h("span", { class: "hint" }, x.reason) : null,
        h("span", { class: "actions" }, ["accept", "reject"].map((d) => h("button", {
          type: "button",
          class: d === "reject" ? "button small danger" : "button small",
          dataset: { decide: d },
          onclick: async () => {
            try {
              await api.post(`/transfers/${x.id}/${d}`);
              showStatus(t(`migrants.transfer_${d}ed`), "success");
            } catch (err) { showStatus(errorText(err), "error"); }
            loadTransfers();
            load();
          },
        }, t(`migrants.transfer_${d}`))))))));
  };
  main.append(pageHeader(t("migrants.people"),
    h("a", { class: "button", href: "#/migrants/new" }, t("migrants.register_person")),
    h("a", { class: "button secondary", href: "#/migrants/package" }, t("migrants.package"))),
  h("p", { class: "lead" }, t("migrants.people_intro")), transfers, filters, results);
  load();
  if (hasScope("migrants:write")) loadTransfers().catch(() => {});
}

// --- registering ------------------------------------------------------------------------------

export async function newPersonPage({ main }) {
  addStyles();
  const form = h("form", { class: "form", id: "new-person", novalidate: true },
    h("div", { class: "two-col" },
      field(t("migrants.given_name"), { name: "given_name", required: true, maxlength: 120, autocomplete: "off" }),
      field(t("migrants.family_name"), { name: "family_name", required: true, maxlength: 120, autocomplete: "off" })),
    h("div", { class: "two-col" },
      field(t("migrants.birth_date"), { name: "birth_date", type: "date" }),
      field(t("migrants.sex"), select("sex", ["unknown", "female", "male", "other"].map((s) => [s, t(`migrants.sex_${s}`)]), "unknown"))),
    h("div", { class: "two-col" },
      field(t("migrants.legal_status_label"), select("legal_status", statusOptions(), "returnee")),
      field(t("migrants.citizenships"), { name: "citizenships", placeholder: "LT, UA", maxlength: 20 }, { hint: t("migrants.citizenships_hint") })),
    h("div", { class: "two-col" },
      field(t("migrants.arrival_date"), { name: "arrival_date", type: "date" }),
      field(t("migrants.permit_expires_on"), { name: "permit_expires_on", type: "date" })),
    field(t("migrants.children"), { name: "children", placeholder: "2015, 2019", maxlength: 60 }, { hint: t("migrants.children_hint") }),
    h("div", { class: "two-col" },
      field(t("migrants.email"), { name: "email", type: "email", maxlength: 320 }),
      field(t("migrants.phone"), { name: "phone", type: "tel", maxlength: 40 })),
    h("div", { class: "two-col" },
      field(t("migrants.preferred_language"), select("preferred_language", UI_LANGUAGES.map((l) => [l, l]), "lt")),
      field(t("migrants.lithuanian_level"), select("lithuanian_level", ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"].map((l) => [l, l]), "native"))),
    h("fieldset", { class: "field", dataset: { field: "needs" } }, h("legend", {}, t("migrants.needs")),
      NEEDS.map((n) => h("label", { class: "inline" }, h("input", { type: "checkbox", name: "needs", value: n }), " ", needLabel(n)))),
    h("fieldset", { class: "field", dataset: { field: "consents" } }, h("legend", {}, t("migrants.consents")),
      PURPOSES.map((p) => h("label", { class: "block" },
        h("input", { type: "checkbox", name: "consents", value: p, checked: p === "case_management" }), " ", purposeLabel(p)))),
    h("button", { type: "submit", class: "button" }, t("migrants.register")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {
      given_name: fd.get("given_name"),
      family_name: fd.get("family_name"),
      sex: fd.get("sex"),
      legal_status: fd.get("legal_status"),
      preferred_language: fd.get("preferred_language"),
      lithuanian_level: fd.get("lithuanian_level"),
      citizenships: String(fd.get("citizenships") || "").split(/[\s,;]+/).filter(Boolean),
      needs: fd.getAll("needs"),
      consents: fd.getAll("consents"),
      household: String(fd.get("children") || "").split(/[\s,;]+/).filter(Boolean)
        .map((y) => ({ relation: "child", birth_year: Number(y) })),
    };
    for (const k of ["birth_date", "arrival_date", "permit_expires_on", "email", "phone"]) if (fd.get(k)) body[k] = fd.get(k);
    const { data } = await api.post("/migrants", body, { idempotencyKey: newIdempotencyKey() });
    showStatus(t("migrants.registered"), "success");
    navigate(`/migrants/people/${data.id}`);
  });
  main.append(pageHeader(t("migrants.register_person")), h("p", { class: "lead" }, t("migrants.register_intro")), form);
}

// --- the person page --------------------------------------------------------------------------

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
          await api.post(`/migrants/${p.id}/consents`, { purpose: c.purpose, action: c.granted ? "withdraw" : "grant" });
          showStatus(t("migrants.consent_saved"), "success");
          reload();
        },
      }, c.granted ? t("migrants.withdraw") : t("migrants.grant"))))));
}

function needsSection(p, caseData, caseEtagReload) {
  if (!caseData) return h("section", { class: "panel" }, h("h2", {}, t("migrants.needs")), h("p", { class: "empty" }, t("migrants.no_open_case")));
  const addForm = h("form", { class: "inline-form", id: "add-need", novalidate: true },
    field(t("migrants.need_label"), select("code", needOptions(), "housing")),
    field(t("migrants.priority"), select("priority", ["high", "normal", "low"].map((x) => [x, t(`migrants.priority_${x}`)]), "normal")),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.add_need")));
  bindForm(addForm, async () => {
    const fd = new FormData(addForm);
    await api.post(`/cases/${caseData.id}/needs`, { code: fd.get("code"), priority: fd.get("priority") });
    caseEtagReload();
  });
  return h("section", { class: "panel", id: "needs", "aria-labelledby": "needs-title" },
    h("h2", { id: "needs-title" }, t("migrants.needs")),
    h("ul", { class: "plain" }, caseData.needs.map((n) => {
      const sel = select("status", NEED_STATUSES.map((s) => [s, t(`migrants.need_status.${s}`)]), n.status, { "aria-label": t("migrants.need_status_label") });
      sel.addEventListener("change", async () => {
        try {
          await api.patch(`/cases/${caseData.id}/needs/${n.id}`, { status: sel.value }, { etag: `"v${n.version}"` });
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
          await api.post(`/referrals/${r.id}/transitions`, { status: to, reason }, { etag: `"v${r.version}"` });
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

function referSection(p, caseData, reload) {
  const results = h("div", { id: "suggestions" });
  const needSel = select("need", needOptions(), caseData?.needs[0]?.code || "language");
  const message = h("textarea", { name: "message", rows: 2, maxlength: 2000 });
  const form = h("form", { class: "inline-form", id: "refer-form", novalidate: true },
    field(t("migrants.need_label"), needSel), field(t("migrants.message"), message),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.find_services")));
  bindForm(form, async () => {
    clear(results);
    const { data } = await api.get(`/migrants/${p.id}/suggestions`, { query: { need: needSel.value } });
    if (!data.items.length) { results.append(h("p", { class: "empty" }, t("migrants.no_services"))); return; }
    results.append(h("ul", { class: "rows" }, data.items.map((s) => h("li", { class: "row suggestion", dataset: { service: s.service_id } },
      h("strong", {}, s.name || "—"), h("span", { class: "hint" }, `${s.organization_name || ""} · ${s.languages.join(", ")}`),
      h("button", {
        type: "button",
        class: "button small",
        onclick: async () => {
          try {
            await api.post("/referrals", { person_id: p.id, service_id: s.service_id, need: needSel.value, message: message.value || null });
            showStatus(t("migrants.referred"), "success");
            reload();
          } catch (err) { showStatus(errorText(err), "error"); }
        },
      }, t("migrants.refer"))))));
  });
  return h("section", { class: "panel", id: "refer", "aria-labelledby": "refer-title" },
    h("h2", { id: "refer-title" }, t("migrants.refer_title")), h("p", { class: "hint" }, t("migrants.refer_intro")), form, results);
}

async function referralsSection(p, reload) {
  const { data } = await api.get("/referrals", { query: { person_id: p.id, limit: 100 } });
  return h("section", { class: "panel", id: "referrals", "aria-labelledby": "referrals-title" },
    h("h2", { id: "referrals-title" }, t("migrants.referrals")),
    data.items.length ? h("ul", { class: "rows" }, data.items.map((r) => referralItem(r, reload))) : h("p", { class: "empty" }, t("migrants.no_referrals")));
}

function timelineSection(caseData) {
  if (!caseData) return null;
  const note = h("textarea", { name: "text", rows: 2, required: true, maxlength: 4000 });
  const list = h("div", {});
  const load = () => {
    clear(list);
    list.append(pagedList({
      className: "timeline",
      load: async (cursor) => (await api.get(`/cases/${caseData.id}/timeline`, { query: { cursor, limit: 20 } })).data,
      renderItem: (e) => h("li", {}, h("span", { class: "hint" }, formatDateTime(e.at)), " ",
        h("strong", {}, t(`migrants.event.${e.kind}`)), e.text ? h("p", {}, e.text) : null),
    }));
  };
  const form = h("form", { class: "inline-form", id: "add-note", novalidate: true },
    field(t("migrants.note"), note), h("button", { type: "submit", class: "button secondary" }, t("migrants.add_note")));
  bindForm(form, async () => {
    await api.post(`/cases/${caseData.id}/notes`, { text: note.value });
    note.value = "";
    load();
  });
  load();
  return h("section", { class: "panel", id: "timeline", "aria-labelledby": "timeline-title" },
    h("h2", { id: "timeline-title" }, t("migrants.timeline")), form, list);
}

function specialSection(p) {
  if (!hasScope("migrants:special")) return null;
  const list = h("ul", { class: "plain" });
  const load = async () => {
    const { data } = await api.get(`/migrants/${p.id}/special-notes`);
    clear(list);
    if (!data.items.length) list.append(h("li", { class: "empty" }, t("migrants.special_empty")));
    data.items.forEach((n) => list.append(h("li", {}, h("span", { class: "hint" }, formatDateTime(n.created_at)), " ", n.text)));
  };
  const text = h("textarea", { name: "text", rows: 2, required: true, maxlength: 4000 });
  const form = h("form", { class: "inline-form", id: "add-special", novalidate: true },
    field(t("migrants.special_note"), text), h("button", { type: "submit", class: "button secondary" }, t("migrants.add_note")));
  bindForm(form, async () => {
    await api.post(`/migrants/${p.id}/special-notes`, { text: text.value });
    text.value = "";
    load();
  });
  const details = h("details", { class: "panel", id: "special-notes" }, h("summary", {}, t("migrants.special_notes")),
    h("p", { class: "hint" }, t("migrants.special_hint")), list, p.anonymised ? null : form);
  details.addEventListener("toggle", () => { if (details.open) load(); }, { once: true });
  return details;
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
      field(t("migrants.lithuanian_level"), select("lithuanian_level", ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"].map((l) => [l, l]), p.lithuanian_level))),
    h("button", { type: "submit", class: "button" }, t("migrants.save")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {};
    for (const k of ["given_name", "family_name", "legal_status", "preferred_language", "lithuanian_level"]) body[k] = fd.get(k);
    for (const k of ["permit_expires_on", "email", "phone"]) body[k] = fd.get(k) || null;
    await api.patch(`/migrants/${p.id}`, body, { etag });
    showStatus(t("migrants.saved"), "success");
    reload();
  });
  return h("details", { class: "panel", id: "edit" }, h("summary", {}, t("migrants.edit")), h("p", { class: "hint" }, t("migrants.edit_hint")), form);
}

function closeCaseButton(caseData, reload) {
  if (!caseData || !hasScope("migrants:write")) return null;
  return h("button", {
    type: "button",
    class: "button secondary",
    id: "close-case",
    onclick: async () => {
      const reason = window.prompt(t("migrants.close_reason"));
      if (reason === null) return;
      try {
        await api.patch(`/cases/${caseData.id}`, { status: "closed", close_reason: reason || null }, { etag: `"v${caseData.version}"` });
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
      try { await download(`/migrants/${p.id}/export`, {}, `person-${p.id}.json`); } catch (err) { showStatus(errorText(err), "error"); }
    },
  }, t("migrants.export"));
  const eraseButton = p.anonymised || !hasScope("migrants:write") ? null : h("button", {
    type: "button",
    class: "button danger",
    id: "erase-person",
    onclick: async () => {
      if (!confirmDialog(t("migrants.erase_confirm"))) return;
      try {
        await api.del(`/migrants/${p.id}`, { etag });
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
    await api.post(`/migrants/${p.id}/transfers`, { to_municipality: to.value.trim(), reason: reason.value || null });
    showStatus(t("migrants.transfer_requested"), "success");
  });
  return h("section", { class: "panel", id: "rights", "aria-labelledby": "rights-title" },
    h("h2", { id: "rights-title" }, t("migrants.rights")), h("p", { class: "hint" }, t("migrants.rights_hint")),
    h("div", { class: "page-actions" }, exportButton, eraseButton), p.anonymised || !hasScope("migrants:write") ? null : transfer);
}

export async function personPage({ main, params }) {
  addStyles();
  const render = async () => {
    const { data: p, etag } = await api.get(`/migrants/${params.id}`);
    const caseData = p.open_case_id ? (await api.get(`/cases/${p.open_case_id}`)).data : null;
    clear(main);
    main.append(
      pageHeader(fullName(p),
        closeCaseButton(caseData, render),
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
      specialSection(p),
      rightsSection(p, etag));
  };
  await render();
}

// --- returnee package editor -----------------------------------------------------------------

export async function packagePage({ main }) {
  addStyles();
  const cats = await categories();
  let current = (await api.get("/returnee-package")).data;
  const list = h("ul", { class: "rows", id: "package-items" });
  const items = [...current.items];
  const draw = () => {
    clear(list);
    if (!items.length) list.append(h("li", { class: "empty" }, t("migrants.package_empty")));
    items.forEach((item, i) => list.append(h("li", { class: "row" },
      h("strong", {}, needLabel(item.need)), " → ",
      item.category ? (cats.find(([c]) => c === item.category)?.[1] || item.category) : (serviceNames[item.service_id] || `${t("migrants.service")} ${item.service_id}`),
      h("button", { type: "button", class: "button small secondary", onclick: () => { items.splice(i, 1); draw(); } }, t("migrants.remove")))));
  };
  const needSel = select("need", needOptions(), "community");
  const catSel = select("category", cats.length ? cats : [["community", "community"]], "community");
  const serviceSel = select("service_id", [["", t("migrants.best_match")]], "");
  const serviceNames = {};
  const loadServices = async () => {
    try {
      const { data } = await api.get("/services", { query: { category: catSel.value, municipality: current.municipality, limit: 50 } });
      clear(serviceSel);
      serviceSel.append(h("option", { value: "" }, t("migrants.best_match")));
      for (const svc of data.items) {
        serviceNames[svc.id] = svc.name;
        serviceSel.append(h("option", { value: svc.id }, svc.name));
      }
    } catch { /* the category alone still works */ }
  };
  catSel.addEventListener("change", loadServices);
  const add = h("form", { class: "inline-form", id: "package-add", novalidate: true },
    field(t("migrants.need_label"), needSel), field(t("migrants.category"), catSel), field(t("migrants.service"), serviceSel),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.add_item")));
  add.addEventListener("submit", (e) => {
    e.preventDefault();
    items.push(serviceSel.value ? { need: needSel.value, service_id: serviceSel.value } : { need: needSel.value, category: catSel.value });
    draw();
  });
  loadServices();
  const save = h("form", { class: "form", id: "package-save" }, h("button", { type: "submit", class: "button" }, t("migrants.save_package")));
  bindForm(save, async () => {
    const body = { responsible_coordinator_id: current.responsible_coordinator_id, items };
    const res = await api.put("/returnee-package", body, current.version ? { etag: `"v${current.version}"` } : {});
    current = res.data;
    showStatus(t("migrants.saved"), "success");
  });
  draw();
  main.append(pageHeader(t("migrants.package")), h("p", { class: "lead" }, t("migrants.package_intro")), list, add, save);
}
