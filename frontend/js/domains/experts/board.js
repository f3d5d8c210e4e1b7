// The requester's board: requests for expertise, a new request, and one request with its states,
// proposed experts (score and reason), invitations, answers and hours; the thank-you list.
import { clear, field, formatDate, formatDateTime, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import * as experts from "./api.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, pageHeader, pagedList, showStatus, table } from "../../core/ui.js";
import {
  WAYS, addStyles, checkboxGroup, competences, expertCard, languageOptions, levelOptions,
  selectField, statusBadge, wayLabel,
} from "./common.js";
import { readTranslations, translationFields } from "../../core/translation_fields.js";

const STATUSES = ["draft", "open", "in_progress", "answered", "closed", "cancelled"];

// The request form: a new draft, or (with `existing`, read with ?translations=all) the request's
// fields to change with If-Match.
async function requestForm(existing = null, etag = null) {
  const items = await competences();
  const v = existing || {};
  const lang = (v.languages || [])[0] || {};
  const editing = Boolean(existing);
  const form = h("form", { class: "form", id: editing ? "edit-request" : "new-request", novalidate: true },
    editing ? null : h("h2", {}, t("experts.new_request")),
    translationFields("title", t("experts.request_title"), v.title || {}, { required: true }),
    translationFields("question", t("experts.question"), v.question || {}, { multiline: true, required: true }),
    translationFields("context", t("experts.context"), v.context || {}, { multiline: true }),
    checkboxGroup("competences", t("experts.needed_competences"), items.map((c) => [c.code, c.name]),
      (v.competences || []).map((c) => c.code || c)),
    h("div", { class: "two-col" },
      field(t("experts.needed_language"), selectField("language", languageOptions("—"), lang.language || "")),
      field(t("experts.min_level"), selectField("min_level", levelOptions(), lang.min_level || "B2"))),
    checkboxGroup("ways", t("experts.ways_title"), WAYS.map((w) => [w, wayLabel(w)]), v.ways || []),
    h("div", { class: "two-col" },
      field(t("experts.hours_needed"), { name: "hours_needed", type: "number", min: 1, max: 1000, value: v.hours_needed ?? "" }),
      field(t("experts.deadline"), { name: "deadline", type: "date", value: v.deadline || "" })),
    h("fieldset", { class: "field", dataset: { field: "visibility" } }, h("legend", {}, t("experts.request_visibility")),
      h("label", { class: "block" }, h("input", { type: "radio", name: "visibility", value: "invitation_only", checked: (v.visibility || "invitation_only") === "invitation_only" }), " ", t("experts.visibility_invitation_only")),
      h("label", { class: "block" }, h("input", { type: "radio", name: "visibility", value: "public", checked: v.visibility === "public" }), " ", t("experts.visibility_public_request"))),
    h("button", { type: "submit", class: "button" }, editing ? t("core.save") : t("experts.save_draft")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {
      title: readTranslations(form, "title", v.title),
      question: readTranslations(form, "question", v.question),
      context: readTranslations(form, "context", v.context),
      competences: fd.getAll("competences"),
      ways: fd.getAll("ways"),
      visibility: fd.get("visibility"),
      languages: fd.get("language") ? [{ language: fd.get("language"), min_level: fd.get("min_level") }] : [],
    };
    if (fd.get("hours_needed")) body.hours_needed = Number(fd.get("hours_needed"));
    else if (editing) body.hours_needed = null;
    if (fd.get("deadline")) body.deadline = fd.get("deadline");
    else if (editing) body.deadline = null;
    if (editing) {
      await experts.updateRequest(existing.id, body, etag);
      showStatus(t("experts.request_saved"), "success");
      navigate(`/expert-requests/${existing.id}`);
      return;
    }
    const { data } = await experts.createRequest(body);
    showStatus(t("experts.request_created"), "success");
    navigate(`/expert-requests/${data.id}`);
  });
  return form;
}

const newRequestForm = () => requestForm();

async function editSection(req) {
  const { data, etag } = await experts.readRequest(req.id, { translations: "all" });
  return h("details", { class: "card", id: "edit-request-section" },
    h("summary", {}, t("experts.edit_request")),
    await requestForm(data, etag));
}

async function contributorsSection() {
  const year = new Date().getFullYear();
  const { data } = await experts.listContributors({ from: `${year}-01-01` });
  return h("section", { "aria-labelledby": "thanks-title" },
    h("h2", { id: "thanks-title" }, t("experts.thanks_title", { year })),
    data.items.length
      ? table([
        { label: t("experts.expert"), render: (c) => (c.expert_id ? h("a", { href: `#/experts/people/${c.expert_id}` }, c.display_name) : t("experts.former_experts")) },
        { label: t("experts.answers"), key: "answers" },
        { label: t("experts.hours"), key: "hours" },
      ], data.items, { caption: t("experts.thanks_total", { hours: data.total_hours }) })
      : h("p", { class: "empty" }, t("experts.thanks_empty")));
}

export async function boardPage({ main, query }) {
  addStyles();
  const filter = selectField("status", [["", t("core.all")], ...STATUSES.map((s) => [s, t(`experts.request_status.${s}`)])], query.status || "");
  const q = h("input", { type: "search", name: "q", value: query.q || "" });
  const filters = h("form", { class: "filters", role: "search" }, field(t("core.status"), filter), field(t("core.search"), q),
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const results = h("div", {});
  function load() {
    clear(results);
    results.append(pagedList({
      className: "rows",
      empty: t("experts.board_empty"),
      load: async (cursor) => (await experts.listRequests({ cursor, limit: 20, status: filter.value, q: q.value })).data,
      renderItem: (r) => h("li", { class: "row" },
        h("a", { href: `#/expert-requests/${r.id}` }, r.title), " ", statusBadge("request_status", r.status),
        r.visibility === "public" ? badge(t("experts.public"), "muted") : null,
        h("span", { class: "hint" }, t("experts.board_counts", { invited: r.invitations.invited + r.invitations.accepted, answered: r.invitations.answered })),
        r.deadline ? h("span", { class: "hint" }, t("experts.deadline_on", { date: formatDate(r.deadline) })) : null),
    }));
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  main.append(pageHeader(t("experts.board"), h("a", { class: "button", href: "#new-request" }, t("experts.new_request"))),
    h("p", { class: "lead" }, t("experts.board_intro")), filters, results, await newRequestForm(), await contributorsSection());
  load();
}

// --- one request ----------------------------------------------------------------------------------

function statusActions(req, etag, reload) {
  if (!req.allowed_transitions.length) return null;
  const box = h("div", { class: "page-actions status-actions" });
  for (const to of req.allowed_transitions) {
    if (to === "closed") {
      const form = h("form", { class: "form close-form", novalidate: true },
        field(t("experts.outcome"), h("textarea", { name: "outcome", rows: 3, required: true, maxlength: 5000 }), { hint: t("experts.outcome_hint") }),
        h("button", { type: "submit", class: "button" }, t("experts.move.closed")));
      bindForm(form, async () => {
        await experts.changeRequestStatus(req.id, { status: "closed", outcome: new FormData(form).get("outcome") }, etag);
        showStatus(t("experts.request_status.closed"), "success");
        reload();
      });
      box.append(h("details", {}, h("summary", {}, t("experts.move.closed")), form));
      continue;
    }
    box.append(h("button", {
      type: "button",
      class: to === "cancelled" ? "button danger" : "button",
      dataset: { move: to },
      onclick: async () => {
        if (to === "cancelled" && !window.confirm(t("experts.cancel_confirm"))) return;
        await experts.changeRequestStatus(req.id, { status: to }, etag);
        showStatus(t(`experts.request_status.${to}`), "success");
        reload();
      },
    }, t(`experts.move.${to}`)));
  }
  return box;
}

function hoursForm(req, inv, reload) {
  const form = h("form", { class: "inline-form", novalidate: true },
    field(t("experts.hours_given"), { name: "hours_given", type: "number", min: 0, max: 1000, step: 0.25, value: inv.hours_given ?? "" }),
    h("button", { type: "submit", class: "button small secondary" }, t("experts.record_hours")));
  bindForm(form, async () => {
    const { etag } = await experts.readInvitation(req.id, inv.id);
    await experts.recordHours(req.id, inv.id, { hours_given: Number(new FormData(form).get("hours_given") || 0) }, etag);
    showStatus(t("core.saved"), "success");
    reload();
  });
  return form;
}

async function invitationsSection(req, reload) {
  const { data } = await experts.listInvitations(req.id, { limit: 100 });
  const section = h("section", { "aria-labelledby": "invitations-title", id: "invitations" },
    h("h2", { id: "invitations-title" }, t("experts.invitations")));
  if (!data.items.length) {
    section.append(h("p", { class: "empty" }, t("experts.no_invitations")));
    return section;
  }
  const list = h("ul", { class: "rows" });
  for (const inv of data.items) {
    const name = inv.expert ? h("a", { href: `#/experts/people/${inv.expert_id}` }, inv.expert.display_name) : h("em", {}, t("experts.former_expert"));
    const withdraw = ["invited", "accepted"].includes(inv.status) ? h("button", { type: "button", class: "button small secondary", onclick: async () => {
      const { etag } = await experts.readInvitation(req.id, inv.id);
      await experts.withdrawInvitation(req.id, inv.id, etag);
      reload();
    } }, t("experts.withdraw")) : null;
    list.append(h("li", { class: "card invitation", dataset: { invitationId: inv.id } },
      h("h3", {}, name, " ", statusBadge("invitation_status", inv.status),
        inv.origin === "volunteered" ? badge(t("experts.volunteered"), "muted") : null),
      inv.expert?.contact ? h("p", { class: "hint" }, [inv.expert.contact.email, inv.expert.contact.phone].filter(Boolean).join(" · ")) : null,
      inv.decline_reason ? h("p", { class: "hint" }, inv.decline_reason) : null,
      inv.answer_text ? h("div", { class: "answer-given" },
        h("h4", {}, t(`experts.kind_${inv.answer_kind}`), " · ", formatDateTime(inv.answered_at)),
        h("p", { class: "prose answer-text" }, inv.answer_text),
        inv.hours_offered ? h("p", {}, t("experts.offers_hours", { hours: inv.hours_offered })) : null,
        hoursForm(req, inv, reload)) : null,
      withdraw));
  }
  section.append(list);
  return section;
}

function proposalsSection(req, reload) {
  const section = h("section", { "aria-labelledby": "proposals-title", id: "proposals" },
    h("h2", { id: "proposals-title" }, t("experts.proposals")), h("p", { class: "hint" }, t("experts.proposals_text")));
  const live = ["open", "in_progress", "answered"].includes(req.status);
  section.append(pagedList({
    className: "card-list",
    empty: t("experts.no_proposals"),
    load: async (cursor) => (await experts.listProposals(req.id, { cursor, limit: 6 })).data,
    renderItem: (p) => {
      const li = h("li", {});
      const invite = live ? h("button", { type: "button", class: "button small", onclick: async () => {
        await experts.invite(req.id, { expert_id: p.expert.id });
        showStatus(t("experts.invited", { name: p.expert.display_name }), "success");
        reload();
      } }, t("experts.invite")) : h("p", { class: "hint" }, t("experts.open_to_invite"));
      expertCard(p.expert, { score: p.score, reasons: p.reasons, extra: invite }).then((card) => li.append(card));
      return li;
    },
  }));
  return section;
}

export async function requestPage({ main, params }) {
  addStyles();
  const reload = () => navigate(`/expert-requests/${params.id}`);
  const { data: req, etag } = await experts.readRequest(params.id);
  main.append(
    pageHeader(req.title, h("a", { class: "button secondary", href: "#/expert-requests" }, t("experts.board"))),
    h("p", {}, statusBadge("request_status", req.status), " ",
      badge(req.visibility === "public" ? t("experts.public") : t("experts.visibility_invitation_only"), "muted")),
    h("dl", { class: "facts" },
      h("dt", {}, t("experts.question")), h("dd", { class: "prose" }, req.question),
      req.context ? [h("dt", {}, t("experts.context")), h("dd", { class: "prose" }, req.context)] : null,
      h("dt", {}, t("experts.needed_competences")), h("dd", {}, req.competences.map((c) => badge(c.name))),
      req.languages.length ? [h("dt", {}, t("experts.languages")), h("dd", {}, req.languages.map((l) => `${l.language} ≥ ${l.min_level}`).join(", "))] : null,
      req.ways.length ? [h("dt", {}, t("experts.ways_title")), h("dd", {}, req.ways.map(wayLabel).join(", "))] : null,
      req.deadline ? [h("dt", {}, t("experts.deadline")), h("dd", {}, formatDate(req.deadline))] : null,
      h("dt", {}, t("experts.hours_given")), h("dd", {}, String(req.hours_given)),
      req.outcome ? [h("dt", {}, t("experts.outcome")), h("dd", { class: "prose" }, req.outcome)] : null),
    statusActions(req, etag, reload),
    ["closed", "cancelled"].includes(req.status) ? null : await editSection(req),
    await invitationsSection(req, reload),
    ["closed", "cancelled"].includes(req.status) ? null : proposalsSection(req, reload));
}

// --- mentors ---------------------------------------------------------------------------------------

export async function mentorsPage({ main }) {
  addStyles();
  const form = h("form", { class: "filters", role: "search" },
    field(t("experts.q"), { name: "q", type: "search" }),
    field(t("experts.language"), selectField("language", languageOptions(t("core.all")), "")),
    field(t("experts.min_level"), selectField("min_level", levelOptions(t("core.all")), "")),
    field(t("experts.mentor_place"), selectField("municipality", [["", t("experts.my_municipality")], ["any", t("experts.anywhere")]], "")),
    h("label", { class: "inline" }, h("input", { type: "checkbox", name: "available", checked: true }), " ", t("experts.only_available")),
    h("button", { type: "submit", class: "button" }, t("core.search")));
  const results = h("div", {});
  function search() {
    const fd = new FormData(form);
    const query = { available: fd.get("available") === "on" ? "true" : "false" };
    for (const key of ["q", "language", "min_level", "municipality"]) if (fd.get(key)) query[key] = fd.get(key);
    if (query.min_level && !query.language) delete query.min_level;
    clear(results);
    results.append(pagedList({
      className: "card-list",
      empty: t("experts.no_mentors"),
      load: async (cursor) => (await experts.searchMentors({ ...query, cursor, limit: 12 })).data,
      renderItem: (m) => {
        const li = h("li", {});
        expertCard(m, { score: m.score, reasons: m.reasons, extra: h("p", {}, badge(t("experts.free_places", { n: m.free_places, capacity: m.mentoring.capacity }), m.free_places ? "ok" : "warn")) })
          .then((card) => li.append(card));
        return li;
      },
    }));
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); search(); });
  const mentorships = pagedList({
    className: "rows",
    empty: t("experts.no_mentorships"),
    load: async (cursor) => (await experts.listMentorships({ cursor, limit: 20, active: "true" })).data,
    renderItem: (m) => h("li", { class: "row" },
      h("a", { href: `#/experts/people/${m.mentor_id}` }, m.mentor_name || t("experts.former_expert")),
      h("span", { class: "hint" }, t("experts.mentorship_since", { date: formatDate(m.started_at) })),
      h("code", {}, m.case_ref.slice(0, 8)),
      h("button", { type: "button", class: "button small secondary", onclick: async () => {
        const { etag } = await experts.readMentorship(m.id);
        await experts.endMentorship(m.id, {}, etag);
        showStatus(t("experts.mentorship_ended"), "success");
        navigate("/mentors");
      } }, t("experts.end_mentorship"))),
  });
  main.append(pageHeader(t("experts.mentors")), h("p", { class: "lead" }, t("experts.mentors_intro")), form, results,
    h("section", { "aria-labelledby": "mentorships-title" }, h("h2", { id: "mentorships-title" }, t("experts.mentorships")),
      h("p", { class: "hint" }, t("experts.mentorships_text")), mentorships));
  search();
}
