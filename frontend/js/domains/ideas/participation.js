// Who takes part: ideas, votes and comments of residents and of the diaspora, per municipality or
// for the whole country (the strategy's question: does the diaspora give its ideas back?).
import { field, h, select } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate } from "../../core/router.js";
import { pageHeader, table } from "../../core/ui.js";
import { ideaStats } from "./api.js";
import { STATES, ensureCss } from "./common.js";

const RESIDENCES = ["resident", "diaspora", "unknown"];

function percent(part, whole) {
  const share = whole ? part / whole : 0;
  return new Intl.NumberFormat(lang(), { style: "percent", maximumFractionDigits: 0 }).format(share);
}

function shareCell(part, whole) {
  return h("span", {}, h("meter", { min: 0, max: whole || 1, value: part, "aria-hidden": "true" }), " ", percent(part, whole));
}

export async function participationPage({ main, query }) {
  ensureCss();
  const place = select("municipality", await municipalityOptions(t("ideas.whole_country")), query.municipality || "", { id: "participation-municipality" });
  place.addEventListener("change", () => navigate("/ideas/participation", place.value ? { municipality: place.value } : undefined));
  const { data } = await ideaStats(query.municipality ? { municipality: query.municipality } : {});
  const rows = RESIDENCES.filter((r) => (data.ideas_by_residence[r] || 0) + (data.votes_by_residence[r] || 0) > 0)
    .map((r) => ({ residence: r, ideas: data.ideas_by_residence[r] || 0, votes: data.votes_by_residence[r] || 0 }));
  main.append(pageHeader(t("ideas.participation_title")), h("p", { class: "lead" }, t("ideas.participation_intro")),
    h("div", { class: "filters" }, field(t("core.municipality"), place)),
    h("dl", { class: "figures", id: "participation-totals" },
      h("div", {}, h("dt", {}, t("ideas.participation_ideas")), h("dd", {}, String(data.ideas_total))),
      h("div", {}, h("dt", {}, t("ideas.participation_votes")), h("dd", {}, String(data.votes_total))),
      h("div", {}, h("dt", {}, t("ideas.participation_comments")), h("dd", {}, String(data.comments_total)))),
    h("h2", {}, t("ideas.participation_who")),
    rows.length ? table([
      { label: t("ideas.author_residence"), render: (r) => t(`ideas.residence.${r.residence}`) },
      { label: t("ideas.participation_ideas"), render: (r) => h("span", {}, String(r.ideas), " · ", shareCell(r.ideas, data.ideas_total)) },
      { label: t("ideas.participation_votes"), render: (r) => h("span", {}, String(r.votes), " · ", shareCell(r.votes, data.votes_total)) },
    ], rows, { caption: t("ideas.participation_who_caption") }) : h("p", { class: "empty" }, t("core.empty")),
    h("h2", {}, t("ideas.participation_states")),
    table([
      { label: t("ideas.state"), render: (s) => t(`ideas.states.${s}`) },
      { label: t("ideas.participation_ideas"), render: (s) => String(data.ideas_by_state[s] || 0) },
    ], STATES.filter((s) => data.ideas_by_state[s])));
}
