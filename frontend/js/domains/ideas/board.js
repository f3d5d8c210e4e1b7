// The ideas board (filters, sort, pages) and the "propose an idea" form.
import { clear, field, formatDate, h, select } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { plural } from "../../core/texts.js";
import { createIdea, downloadIdeas, listIdeas } from "./api.js";
import * as auth from "../../core/auth.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate, replaceQuery } from "../../core/router.js";
import { bindForm, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import { categoryOptions, ensureCss, residenceBadge, STATES, stateBadge } from "./common.js";

const SORTS = ["-published_at", "-vote_count", "-comment_count", "-answered_at", "published_at"];

export function ideaCard(idea) {
  return h("li", { class: "card idea-card" },
    h("h2", {}, h("a", { href: `#/ideas/${idea.id}`, dir: "auto" }, idea.title)),
    h("p", { class: "idea-meta" }, stateBadge(idea.state), " ", residenceBadge(idea.author.residence), " ",
      h("span", { class: "badge muted" }, idea.category_name), idea.awarded ? h("span", { class: "badge ok" }, t("ideas.awarded")) : null),
    h("p", { class: "idea-counts" },
      h("span", { class: "votes" }, plural("ideas.votes_count", idea.vote_count)), " · ",
      h("span", {}, plural("ideas.comments_count", idea.comment_count)), " · ",
      h("span", {}, idea.author.name), " · ", h("time", { datetime: idea.published_at || idea.created_at }, formatDate(idea.published_at || idea.created_at))));
}

export async function boardPage({ main, query }) {
  ensureCss();
  const me = auth.currentUser();
  const filters = h("form", { class: "filters", role: "search", id: "idea-filters" },
    field(t("core.municipality"), select("municipality", await municipalityOptions(t("core.all")), query.municipality || "")),
    field(t("ideas.category"), select("category", await categoryOptions(t("core.all")), query.category || "")),
    field(t("ideas.state"), select("state", [["", t("ideas.all_public")], ...STATES.map((s) => [s, t(`ideas.states.${s}`)])], query.state || "")),
    field(t("ideas.author_residence"), select("residence", [["", t("core.all")], ["resident", t("ideas.residence.resident")], ["diaspora", t("ideas.residence.diaspora")]], query.residence || "")),
    field(t("core.search"), { name: "q", type: "search", value: query.q || "" }),
    field(t("ideas.sort"), select("sort", SORTS.map((s) => [s, t(`ideas.sorts.${s.replace("-", "desc_")}`)]), query.sort || "-published_at")),
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const results = h("div", { id: "idea-results" });

  function current() {
    return Object.fromEntries([...new FormData(filters).entries()].filter(([, v]) => v));
  }
  function load() {
    const params = current();
    replaceQuery(params);
    clear(results);
    results.append(pagedList({
      load: async (cursor) => (await listIdeas({ ...params, cursor, limit: 20 })).data,
      renderItem: ideaCard,
      empty: t("ideas.none"),
    }));
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  filters.addEventListener("change", () => load());

  const actions = [
    h("button", { type: "button", class: "button secondary", onclick: () => downloadIdeas(current(), "ideas.csv") }, t("core.download_csv")),
  ];
  if (me && me.scopes.includes("ideas:participate")) {
    actions.unshift(h("a", { class: "button", href: `#/ideas/new${current().municipality ? `?municipality=${current().municipality}` : ""}`, id: "propose-link" }, t("ideas.propose")));
    actions.push(h("a", { class: "button secondary", href: "#/ideas?mine=1", onclick: (e) => { e.preventDefault(); myIdeas(main); } }, t("ideas.my_ideas")));
  }
  main.append(pageHeader(t("ideas.board_title"), ...actions), h("p", { class: "lead" }, t("ideas.board_intro")), filters, results);
  load();
}

async function myIdeas(main) {
  clear(main);
  main.append(pageHeader(t("ideas.my_ideas"), h("a", { class: "button secondary", href: "#/ideas" }, t("core.back"))),
    pagedList({
      load: async (cursor) => (await listIdeas({ mine: true, cursor })).data,
      renderItem: ideaCard,
      empty: t("ideas.none"),
    }));
}

export async function proposePage({ main, query }) {
  ensureCss();
  const me = auth.currentUser();
  const langSelect = select("language", [["lt", "Lietuvių"], ["en", "English"], ["uk", "Українська"], ["ru", "Русский"]], lang());
  const form = h("form", { class: "form", novalidate: true, id: "propose-form" },
    field(t("core.municipality"), select("municipality", await municipalityOptions(null), query.municipality || "vilniaus-m")),
    field(t("ideas.category"), select("category", await categoryOptions(), query.category || "public_space")),
    field(t("ideas.text_language"), langSelect, { hint: t("ideas.text_language_hint") }),
    field(t("ideas.title"), { name: "title", required: true, maxlength: 200 }),
    field(t("ideas.body"), h("textarea", { name: "body", required: true, rows: 8, maxlength: 20000 })),
    field(t("ideas.place"), { name: "place", maxlength: 200 }, { hint: t("ideas.place_hint") }),
    field(t("ideas.image_urls"), h("textarea", { name: "image_urls", rows: 2 }), { hint: t("ideas.image_urls_hint") }),
    field(t("ideas.author_name"), { name: "author_name", value: me.display_name, maxlength: 120 }, { hint: t("ideas.author_name_hint") }),
    query.open_call ? h("input", { type: "hidden", name: "open_call_id", value: query.open_call }) : null,
    h("label", { class: "inline" }, h("input", { type: "checkbox", name: "draft", value: "1" }), " ", t("ideas.save_as_draft")),
    h("div", {}, h("button", { type: "submit", class: "button", id: "propose-submit" }, t("ideas.submit"))));
  bindForm(form, async () => {
    const d = Object.fromEntries(new FormData(form).entries());
    const code = d.language;
    const body = {
      municipality: d.municipality,
      category: d.category,
      title: d.title ? { [code]: d.title } : {},
      body: d.body ? { [code]: d.body } : {},
      publish: !d.draft,
      image_urls: String(d.image_urls || "").split(/\s+/).filter(Boolean),
    };
    if (d.place) body.place = d.place;
    if (d.author_name) body.author_name = d.author_name;
    if (d.open_call_id) body.open_call_id = d.open_call_id;
    const { data } = await createIdea(body);
    showStatus(t(data.state === "draft" ? "ideas.saved_draft" : "ideas.published"), "success");
    navigate(`/ideas/${data.id}`);
  });
  main.append(h("h1", {}, t("ideas.propose")), h("p", { class: "lead" }, t("ideas.propose_intro")), form);
}
