// The expert's own pages: the profile editor (create, change, confirm, hide, delete) and the inbox
// of invitations (accept, decline, answer).
import { clear, field, formatDate, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import * as experts from "./api.js";
import { currentUser } from "../../core/auth.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate } from "../../core/router.js";
import { badge, bindForm, checkList, confirmDialog, focusOn, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import {
  WAYS, addStyles, checkboxGroup, competences, countryOptions, languageOptions, levelOptions,
  reasons, selectField, statusBadge, wayLabel,
} from "./common.js";
import { readTranslations, translationFields } from "../../core/translation_fields.js";
import { answerDetails } from "./public.js";

function languageRow(value = {}) {
  const row = h("div", { class: "language-row" },
    field(t("experts.language"), selectField("lang_code", languageOptions(), value.language || "en")),
    field(t("experts.level"), selectField("lang_level", levelOptions(), value.level || "B2")),
    h("button", { type: "button", class: "button small secondary", onclick: () => {
      // The row goes with its focused button: focus moves to the row before (or after) it, else "add".
      const next = row.previousElementSibling || row.nextElementSibling;
      const add = row.parentElement?.parentElement?.querySelector("#add-language");
      row.remove();
      focusOn(next?.querySelector("select") || add);
    } }, t("experts.remove")));
  return row;
}

async function competenceGroups(selected) {
  const items = await competences();
  return checkboxGroup("competences", t("experts.competences"), items.map((c) => [c.code, c.name]), selected);
}

async function profileForm(profile, me) {
  const p = profile || {
    display_name: me.display_name, headline: "", home_municipalities: [], country: me.country || "", city: "",
    residence_municipality: null, bio: {}, help_topics: {}, competences: [], tags: [], languages: [{ language: "lt", level: "native" }],
    hours_per_month: 2, ways: ["remote_advice"], mentor_capacity: 0, visibility: "public",
    contact: { email: me.email }, contact_consent: false,
  };
  const languages = h("div", { class: "language-rows" }, (p.languages.length ? p.languages : [{}]).map(languageRow));
  // Checkboxes, not a multiple select: no Ctrl-click on a phone, and what is chosen is said in words.
  const homes = checkList({
    name: "home_municipalities",
    id: "home-municipalities",
    legend: t("experts.homes"),
    filterLabel: t("experts.find_municipality"),
    chosenLabel: t("experts.chosen_homes"),
    noneLabel: t("experts.none_chosen"),
    selected: p.home_municipalities,
    groups: [{ options: await municipalityOptions(null) }],
  });
  const contact = p.contact || {};
  const form = h("form", { class: "form profile-form", novalidate: true },
    field(t("core.display_name"), { name: "display_name", value: p.display_name, required: true, maxlength: 120 }),
    field(t("experts.headline"), { name: "headline", value: p.headline, maxlength: 160 }, { hint: t("experts.headline_hint") }),
    homes,
    h("p", { class: "hint" }, t("experts.homes_hint")),
    h("div", { class: "two-col" },
      field(t("experts.country"), selectField("country", countryOptions(), p.country || "GB")),
      field(t("experts.city"), { name: "city", value: p.city, maxlength: 120 })),
    field(t("experts.residence"), selectField("residence_municipality", await municipalityOptions("—"), p.residence_municipality || ""), { hint: t("experts.residence_hint") }),
    translationFields("bio", t("experts.bio"), p.bio || {}, { multiline: true }),
    translationFields("help_topics", t("experts.help_topics"), p.help_topics || {}, { multiline: true }),
    await competenceGroups(p.competences.map((c) => c.code)),
    field(t("experts.tags"), { name: "tags", value: p.tags.join(", ") }, { hint: t("experts.tags_hint") }),
    h("fieldset", { class: "field", dataset: { field: "languages" } },
      h("legend", {}, t("experts.languages")), languages,
      h("button", { type: "button", class: "button small secondary", id: "add-language", onclick: () => {
        const row = languageRow();
        languages.append(row);
        focusOn(row.querySelector("select"));
      } }, t("experts.add_language")),
      h("p", { class: "field-error", hidden: true, id: "languages-error" })),
    field(t("experts.hours_per_month"), { name: "hours_per_month", type: "number", min: 0, max: 200, value: p.hours_per_month }),
    checkboxGroup("ways", t("experts.ways_title"), WAYS.map((w) => [w, wayLabel(w)]), p.ways),
    field(t("experts.mentor_capacity"), { name: "mentor_capacity", type: "number", min: 0, max: 20, value: p.mentor_capacity || 0 }, { hint: t("experts.mentor_capacity_hint") }),
    h("fieldset", { class: "field", dataset: { field: "visibility" } }, h("legend", {}, t("experts.visibility")),
      ["public", "staff", "hidden"].map((v) => h("label", { class: "block" },
        h("input", { type: "radio", name: "visibility", value: v, checked: p.visibility === v }), " ", t(`experts.visibility_${v}`)))),
    h("fieldset", { class: "field" }, h("legend", {}, t("experts.contact")),
      field(t("core.email"), { name: "contact_email", type: "email", value: contact.email || "" }),
      field(t("experts.phone"), { name: "contact_phone", type: "tel", value: contact.phone || "" }),
      field(t("experts.url"), { name: "contact_url", type: "url", value: contact.url || "" }),
      h("div", { class: "field", dataset: { field: "contact_consent" } },
        h("label", { class: "inline" }, h("input", { type: "checkbox", name: "contact_consent", checked: p.contact_consent }), " ", t("experts.consent")),
        h("p", { class: "field-error", hidden: true, id: "consent-error" }))),
    h("button", { type: "submit", class: "button" }, profile ? t("core.save") : t("experts.create_profile")));
  return form;
}

function readProfile(form, original = {}) {
  const fd = new FormData(form);
  const nullable = (v) => (v ? String(v) : null);
  return {
    display_name: String(fd.get("display_name") || "").trim(),
    headline: String(fd.get("headline") || ""),
    home_municipalities: fd.getAll("home_municipalities"),
    country: fd.get("country"),
    city: String(fd.get("city") || ""),
    residence_municipality: nullable(fd.get("residence_municipality")),
    bio: readTranslations(form, "bio", original.bio),
    help_topics: readTranslations(form, "help_topics", original.help_topics),
    competences: fd.getAll("competences"),
    tags: String(fd.get("tags") || "").split(",").map((s) => s.trim()).filter(Boolean),
    languages: fd.getAll("lang_code").map((language, i) => ({ language, level: fd.getAll("lang_level")[i] })),
    hours_per_month: Number(fd.get("hours_per_month") || 0),
    ways: fd.getAll("ways"),
    mentor_capacity: Number(fd.get("mentor_capacity") || 0),
    visibility: fd.get("visibility") || "public",
    contact_email: nullable(fd.get("contact_email")),
    contact_phone: nullable(fd.get("contact_phone")),
    contact_url: nullable(fd.get("contact_url")),
    contact_consent: fd.get("contact_consent") === "on",
  };
}

export async function myProfilePage({ main }) {
  addStyles();
  const me = currentUser();
  let profile = null;
  let etag = null;
  try {
    const res = await experts.readOwnProfile({ translations: "all" });
    profile = res.data;
    etag = res.etag;
  } catch (err) {
    if (err.status !== 404) throw err;
  }
  main.append(pageHeader(t("experts.my_profile"),
    profile ? h("a", { class: "button secondary", href: `#/experts/people/${profile.id}` }, t("experts.view_card")) : null,
    h("a", { class: "button secondary", href: "#/experts/inbox" }, t("experts.inbox"))));
  if (!profile) main.append(h("p", { class: "lead" }, t("experts.create_intro")));
  else main.append(statusPanel(profile, () => etag, (res) => { etag = res.etag; navigate("/experts/me"); }));
  const form = await profileForm(profile, me);
  bindForm(form, async () => {
    const body = readProfile(form, profile || {});
    if (profile) {
      const res = await experts.updateProfile(profile.id, body, etag);
      etag = res.etag;
      showStatus(t("core.saved"), "success");
    } else {
      await experts.createProfile(body);
      showStatus(t("experts.profile_created"), "success");
    }
    navigate("/experts/me");
  });
  main.append(form);
}

function statusPanel(profile, getEtag, done) {
  const confirm = h("button", { type: "button", class: "button", id: "confirm-profile", onclick: async () => {
    done(await experts.confirmProfile(profile.id, getEtag()));
    showStatus(t("experts.confirmed"), "success");
  } }, t("experts.confirm"));
  const remove = h("button", { type: "button", class: "button danger", onclick: async () => {
    if (!confirmDialog(t("experts.delete_confirm"))) return;
    await experts.deleteProfile(profile.id, getEtag());
    showStatus(t("experts.deleted"), "success");
    navigate("/experts");
  } }, t("experts.delete"));
  return h("section", { class: "notice profile-status", "aria-labelledby": "profile-status" },
    h("h2", { id: "profile-status" }, t("experts.profile_status")),
    h("p", {}, badge(t(`experts.visibility_${profile.visibility}`), profile.visibility === "hidden" ? "warn" : "ok"), " ",
      profile.stale ? badge(t("experts.stale"), "warn") : null),
    h("p", {}, t("experts.confirm_due", { confirmed: formatDate(profile.confirmed_at), due: formatDate(profile.confirm_due) })),
    profile.mentoring.offers ? h("p", {}, t("experts.mentoring_now", { active: profile.mentorships_active, capacity: profile.mentor_capacity })) : null,
    h("p", { class: "page-actions" }, confirm, remove));
}

// --- the inbox --------------------------------------------------------------------------------------

const RESPOND = { accept: experts.acceptInvitation, decline: experts.declineInvitation };

async function act(inv, action, body) {
  const { etag } = await experts.readInboxInvitation(inv.id);
  await RESPOND[action](inv.id, body, etag);
}

function declineForm(inv, reload) {
  const form = h("form", { class: "inline-form", novalidate: true },
    field(t("experts.decline_reason"), h("input", { name: "reason", maxlength: 500 })),
    h("button", { type: "submit", class: "button secondary" }, t("experts.decline")));
  bindForm(form, async () => {
    const reason = String(new FormData(form).get("reason") || "").trim();
    await act(inv, "decline", reason ? { reason } : undefined);
    showStatus(t("experts.declined"), "success");
    reload();
  });
  return h("details", { class: "decline" }, h("summary", {}, t("experts.decline")), form);
}

function invitationItem(inv, reload) {
  const req = inv.request;
  const actions = inv.can_respond ? h("div", { class: "page-actions" },
    inv.status === "invited" ? h("button", { type: "button", class: "button", onclick: async () => {
      await act(inv, "accept");
      showStatus(t("experts.accepted"), "success");
      reload();
    } }, t("experts.accept")) : null,
    declineForm(inv, reload)) : null;
  return h("li", { class: "card invitation", dataset: { invitationId: inv.id } },
    h("h2", {}, req.title),
    h("p", {}, statusBadge("invitation_status", inv.status), " ", statusBadge("request_status", req.status), " ",
      req.deadline ? t("experts.deadline_on", { date: formatDate(req.deadline) }) : ""),
    h("p", { class: "prose" }, req.question),
    req.context ? h("p", { class: "prose hint" }, req.context) : null,
    inv.message ? h("blockquote", { class: "story" }, h("p", {}, inv.message)) : null,
    reasons(inv.score, inv.reasons),
    inv.answer_text ? h("div", { class: "answer-given" }, h("h3", {}, t("experts.your_answer")), h("p", { class: "prose" }, inv.answer_text)) : null,
    actions,
    inv.can_respond ? answerDetails((body, etag) => experts.answerInvitation(inv.id, body, etag), {
      etag: async () => (await experts.readInboxInvitation(inv.id)).etag,
      onDone: reload,
    }) : null);
}

export async function inboxPage({ main, query }) {
  addStyles();
  const filter = selectField("status", [["", t("core.all")], ...["invited", "accepted", "answered", "declined", "withdrawn"].map((s) => [s, t(`experts.invitation_status.${s}`)])], query.status || "");
  const results = h("div", {});
  function load() {
    clear(results);
    const status = filter.value;
    results.append(pagedList({
      className: "rows",
      empty: t("experts.inbox_empty"),
      load: async (cursor) => (await experts.listInbox({ cursor, limit: 20, status })).data,
      renderItem: (inv) => invitationItem(inv, load),
    }));
  }
  filter.addEventListener("change", load);
  main.append(pageHeader(t("experts.inbox"), h("a", { class: "button secondary", href: "#/experts/open-requests" }, t("experts.open_requests"))),
    h("div", { class: "filters" }, field(t("core.status"), filter)), results);
  try {
    await experts.readOwnProfile();
  } catch (err) {
    if (err.status === 404) {
      main.insertBefore(h("p", { class: "notice" }, t("experts.create_first"), " ", h("a", { href: "#/experts/me" }, t("experts.create_profile"))), results);
      return;
    }
    throw err;
  }
  load();
}
