// Public pages: the showcase of notable kraštiečiai with expert search, an expert's card, and the
// requests any expert may answer.
import { clear, field, formatDate, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import * as experts from "./api.js";
import { currentUser, hasScope } from "../../core/auth.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate, replaceQuery } from "../../core/router.js";
import { badge, bindForm, errorText, focusOn, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import {
  WAYS, addStyles, competenceOptions, countryOptions, expertCard, languageOptions, levelOptions,
  municipalityNames, selectField, wayLabel,
} from "./common.js";
import { readTranslations, translationFields } from "../../core/translation_fields.js";
import { localText } from "../../core/texts.js";

const FILTERS = ["q", "competence", "language", "min_level", "municipality", "country", "way", "min_hours", "sort"];

async function showcaseSection(query) {
  const place = selectField("showcase_municipality", await municipalityOptions(t("experts.all_municipalities")), query.showcase || "", { id: "showcase-municipality" });
  const holder = h("div", {});
  const section = h("section", { class: "showcase", "aria-labelledby": "showcase-title" },
    h("h2", { id: "showcase-title" }, t("experts.showcase_title")),
    h("p", { class: "lead" }, t("experts.showcase_text")),
    h("div", { class: "filters" }, field(t("experts.showcase_of"), place)),
    holder);
  function load() {
    clear(holder);
    holder.append(pagedList({
      className: "card-list",
      empty: t("experts.showcase_empty"),
      load: async (cursor) => (await experts.listShowcase({ cursor, limit: 6, municipality: place.value })).data,
      renderItem: (entry) => {
        const li = h("li", {});
        municipalityNames([entry.municipality]).then(async ([name]) => {
          li.append(await expertCard(entry.expert, {
            extra: h("blockquote", { class: "story" }, h("p", {}, entry.story), h("footer", {}, name)),
          }));
        });
        return li;
      },
    }));
  }
  place.addEventListener("change", load);
  load();
  return section;
}

export async function expertsPage({ main, query }) {
  addStyles();
  const form = h("form", { class: "filters expert-filters", role: "search", "aria-label": t("experts.search_title") },
    field(t("experts.q"), { name: "q", type: "search", value: query.q || "" }, { hint: t("experts.q_hint") }),
    field(t("experts.competence"), selectField("competence", await competenceOptions(t("core.all")), query.competence)),
    field(t("experts.language"), selectField("language", languageOptions(t("core.all")), query.language)),
    field(t("experts.min_level"), selectField("min_level", levelOptions(t("core.all")), query.min_level)),
    field(t("experts.home"), selectField("municipality", await municipalityOptions(t("core.all")), query.municipality)),
    field(t("experts.country"), selectField("country", countryOptions(t("core.all")), query.country)),
    field(t("experts.way"), selectField("way", [["", t("core.all")], ...WAYS.map((w) => [w, wayLabel(w)])], query.way)),
    field(t("experts.min_hours"), { name: "min_hours", type: "number", min: 0, max: 200, value: query.min_hours || "" }),
    field(t("experts.sort"), selectField("sort", [["relevance", t("experts.sort_relevance")], ["name", t("experts.sort_name")], ["-confirmed_at", t("experts.sort_recent")]], query.sort || "relevance")),
    h("button", { type: "submit", class: "button" }, t("core.search")));
  const results = h("div", { id: "expert-results", "aria-live": "polite" });

  function search() {
    const params = Object.fromEntries([...new FormData(form).entries()].filter(([k, v]) => FILTERS.includes(k) && v !== ""));
    if (params.min_level && !params.language) delete params.min_level;
    replaceQuery(params);
    clear(results);
    const criteria = Object.keys(params).some((k) => k !== "sort");
    results.append(h("h2", {}, criteria ? t("experts.results") : t("experts.all_experts")));
    results.append(pagedList({
      className: "card-list",
      empty: t("experts.no_results"),
      load: async (cursor) => (await experts.searchExperts({ ...params, cursor, limit: 12 })).data,
      renderItem: (hit) => {
        const li = h("li", {});
        expertCard(hit, criteria ? { score: hit.score, reasons: hit.reasons } : {}).then((card) => li.append(card));
        return li;
      },
    }));
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); search(); });

  main.append(
    pageHeader(t("experts.title"),
      h("a", { class: "button secondary", href: "#/experts/open-requests" }, t("experts.open_requests")),
      hasScope("experts:profile") ? h("a", { class: "button", href: "#/experts/me" }, t("experts.my_profile")) : null),
    h("p", { class: "lead" }, t("experts.intro")),
    await showcaseSection(query),
    h("section", { "aria-labelledby": "search-title" }, h("h2", { id: "search-title" }, t("experts.search_title")), form, results));
  search();
}

// Staff who post requests can invite the expert from the card to one of their live requests.
async function inviteForm(expert) {
  const { data } = await experts.listRequests({ status: ["open", "in_progress", "answered"], limit: 100 });
  if (!data.items.length) return h("p", { class: "hint" }, t("experts.no_live_requests"));
  const form = h("form", { class: "form", id: "invite-form", novalidate: true },
    h("h2", {}, t("experts.invite_title")),
    field(t("experts.request"), selectField("request_id", data.items.map((r) => [r.id, r.title]), data.items[0].id)),
    field(t("experts.message"), h("textarea", { name: "message", rows: 3, maxlength: 2000 })),
    h("button", { type: "submit", class: "button" }, t("experts.invite")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = { expert_id: expert.id };
    if (fd.get("message")) body.message = fd.get("message");
    await experts.invite(fd.get("request_id"), body);
    showStatus(t("experts.invited", { name: expert.display_name }), "success");
    const done = h("p", { class: "notice", role: "status", id: "invite-done" }, t("experts.invited", { name: expert.display_name }),
      " ", h("a", { href: `#/expert-requests/${fd.get("request_id")}` }, t("experts.to_request")));
    form.replaceWith(done);
    focusOn(done);  // the form (and its focused button) is gone: focus goes to what replaced it
  });
  return form;
}

// Coordinators show an expert from their municipality in its showcase, with a story.
async function showcaseForm(expert, reload) {
  const me = currentUser();
  const isAdmin = me.role === "admin";
  if (!isAdmin && !expert.home_municipalities.includes(me.municipality)) return null;
  const mine = expert.notable.find((n) => n.municipality === me.municipality);
  const form = h("form", { class: "form", id: "showcase-form", novalidate: true },
    h("h2", {}, t("experts.showcase_mark")),
    isAdmin ? field(t("experts.home"), selectField("municipality", (await municipalityOptions(null)).filter(([slug]) => expert.home_municipalities.includes(slug)), expert.home_municipalities[0])) : null,
    translationFields("story", t("experts.showcase_story"), {}, { multiline: true, required: true }),
    field(t("experts.showcase_position"), { name: "position", type: "number", min: 0, max: 10000, value: 0 }, { hint: t("experts.showcase_position_hint") }),
    h("button", { type: "submit", class: "button" }, t("experts.showcase_save")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = { story: readTranslations(form, "story"), position: Number(fd.get("position") || 0) };
    if (isAdmin) body.municipality = fd.get("municipality");
    await experts.putShowcase(expert.id, body);
    showStatus(t("experts.showcase_saved"), "success");
    reload();
  });
  const remove = mine ? h("button", { type: "button", class: "button danger", id: "showcase-remove", onclick: async () => {
    await experts.deleteShowcase(expert.id);
    showStatus(t("experts.showcase_removed"), "success");
    reload();
  } }, t("experts.showcase_remove")) : null;
  return h("section", { class: "showcase-admin" }, form, remove);
}

export async function expertPage({ main, params }) {
  addStyles();
  const { data: expert } = await experts.readExpert(params.id);
  const details = h("div", { class: "expert-details" },
    // Each text in the language the API says it is in, with a note when that is a fallback.
    expert.bio ? [h("h2", {}, t("experts.bio")), localText(expert.bio, { tag: "p", cls: "prose", known: expert.text_languages?.bio || null })] : null,
    expert.help_topics ? [h("h2", {}, t("experts.help_topics")),
      localText(expert.help_topics, { tag: "p", cls: "prose", known: expert.text_languages?.help_topics || null })] : null,
    expert.tags.length ? h("p", {}, expert.tags.map((tag) => badge(tag, "muted"))) : null,
    expert.mentoring.offers ? h("p", {}, badge(t("experts.offers_mentoring", { n: expert.mentoring.capacity }), "ok")) : null,
    expert.notable.length ? [h("h2", {}, t("experts.notable")),
      ...expert.notable.map((n) => h("blockquote", { class: "story" }, h("p", {}, n.story)))] : null,
    h("p", { class: "hint" }, t("experts.confirmed_on", { date: formatDate(expert.confirmed_at) })));
  // Every part is built before any is shown, so the page never appears half drawn
  // (a story visible while its "remove" button is still loading).
  const card = await expertCard(expert, { headingLevel: "h2" });
  const invite = hasScope("expert_requests:write") ? await inviteForm(expert) : null;
  const showcase = hasScope("experts:manage")
    ? await showcaseForm(expert, () => navigate(`/experts/people/${expert.id}`)) : null;
  main.append(h("h1", {}, expert.display_name), card, details);
  if (invite) main.append(invite);
  if (showcase) main.append(showcase);
}

// Public requests: any expert may answer them.
export async function openRequestsPage({ main }) {
  addStyles();
  const canAnswer = hasScope("experts:profile");
  main.append(pageHeader(t("experts.open_requests")), h("p", { class: "lead" }, t("experts.open_requests_text")));
  main.append(pagedList({
    className: "rows",
    empty: t("experts.no_open_requests"),
    load: async (cursor) => (await experts.listPublicRequests({ cursor, limit: 20 })).data,
    renderItem: (req) => {
      const li = h("li", { class: "card request-card" });
      municipalityNames([req.municipality]).then(([name]) => {
        li.append(
          h("h2", {}, req.title),
          h("p", {}, badge(name, "muted"), " ", req.deadline ? t("experts.deadline_on", { date: formatDate(req.deadline) }) : ""),
          h("p", { class: "prose" }, req.question),
          req.context ? h("p", { class: "prose hint" }, req.context) : null,
          h("p", {}, req.competences.map((c) => badge(c.name)), " ", req.ways.map((w) => badge(wayLabel(w), "muted"))),
          canAnswer ? answerDetails((body) => experts.answerPublicRequest(req.id, body)) : null);
      });
      return li;
    },
  }));
}

// The answer form an expert fills in (an opinion or an offer of time), folded in a <details>.
// `send(body, etag)` makes the call; `etag` (a value or an async function) is read just before.
export function answerDetails(send, { etag, onDone } = {}) {
  const form = h("form", { class: "form answer-form", novalidate: true },
    h("fieldset", { class: "field", dataset: { field: "kind" } }, h("legend", {}, t("experts.answer_kind")),
      h("label", { class: "inline" }, h("input", { type: "radio", name: "kind", value: "opinion", checked: true }), " ", t("experts.kind_opinion")),
      h("label", { class: "inline" }, h("input", { type: "radio", name: "kind", value: "time_offer" }), " ", t("experts.kind_time_offer"))),
    field(t("experts.answer_text"), h("textarea", { name: "text", rows: 5, required: true, maxlength: 20000 })),
    field(t("experts.hours_offered"), { name: "hours_offered", type: "number", min: 0, max: 1000, step: 0.25 }),
    field(t("experts.hours_spent"), { name: "hours_spent", type: "number", min: 0, max: 1000, step: 0.25 }, { hint: t("experts.hours_spent_hint") }),
    h("button", { type: "submit", class: "button" }, t("experts.send_answer")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = { kind: fd.get("kind"), text: String(fd.get("text") || "") };
    for (const key of ["hours_offered", "hours_spent"]) if (fd.get(key)) body[key] = Number(fd.get(key));
    const tag = typeof etag === "function" ? await etag() : etag;
    await send(body, tag);
    showStatus(t("experts.answer_sent"), "success");
    if (onDone) onDone();
    else {
      const done = h("p", { class: "notice", role: "status" }, t("experts.answer_sent"));
      form.replaceWith(done);
      focusOn(done);
    }
  });
  return h("details", { class: "answer" }, h("summary", {}, t("experts.answer")), form);
}

export function errorBox(err) {
  return h("p", { class: "error" }, errorText(err));
}
