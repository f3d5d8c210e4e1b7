// Participatory budgets: the list, a new budget, the budget page with the ballot (running total
// against the budget for knapsack, choices left for approval), review, counting and results.
import { clear, field, formatDate, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import * as ideasApi from "./api.js";
import * as auth from "../../core/auth.js";
import { municipalityName, municipalityOptions } from "../../core/reference.js";
import { navigate, render as renderPage } from "../../core/router.js";
import { badge, bindForm, errorText, keepingFocus, pageHeader, pagedList, showStatus, table } from "../../core/ui.js";
import { ensureCss, money } from "./common.js";

// Redraw the page keeping the keyboard focus where it was (never on <body>).
const render = () => keepingFocus(renderPage);

const PHASES = ["collecting", "reviewing", "voting", "counting", "finished"];

function phaseBadge(phase) {
  return badge(t(`ideas.phases.${phase}`), phase === "voting" ? "ok" : phase === "finished" ? "muted" : "warn");
}

export async function budgetsPage({ main, query }) {
  ensureCss();
  const me = auth.currentUser();
  const filters = h("form", { class: "filters", role: "search" },
    field(t("core.municipality"), select("municipality", await municipalityOptions(t("core.all")), query.municipality || "")),
    field(t("ideas.phase"), select("phase", [["", t("core.all")], ...PHASES.map((p) => [p, t(`ideas.phases.${p}`)])], query.phase || "")),
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const results = h("div", {});
  function load() {
    const params = Object.fromEntries([...new FormData(filters).entries()].filter(([, v]) => v));
    clear(results);
    results.append(pagedList({
      load: async (cursor) => (await ideasApi.listBudgets({ ...params, cursor })).data,
      renderItem: (b) => h("li", { class: "card" },
        h("h2", {}, h("a", { href: `#/budgets/${b.id}` }, b.title)),
        h("p", {}, phaseBadge(b.phase), " ", money(b.total_amount, b.currency)),
        h("p", { class: "hint" }, t("ideas.voting_dates", { from: formatDate(b.voting_from), until: formatDate(b.voting_until) }))),
      empty: t("ideas.no_budgets"),
    }));
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  const actions = me && me.scopes.includes("budgets:manage") ? [h("a", { class: "button", href: "#/budgets/new" }, t("ideas.new_budget"))] : [];
  main.append(pageHeader(t("ideas.budgets_title"), ...actions), h("p", { class: "lead" }, t("ideas.budgets_intro")), filters, results);
  load();
}

function localInput(name, value) {
  const d = value ? new Date(value) : new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const v = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return { name, type: "datetime-local", value: v, required: true };
}

export async function newBudgetPage({ main }) {
  ensureCss();
  const me = auth.currentUser();
  const day = 86400000;
  const now = Date.now();
  const form = h("form", { class: "form", novalidate: true },
    field(t("core.municipality"), select("municipality", await municipalityOptions(null), me.municipality || "vilniaus-m")),
    field(t("ideas.budget_title"), { name: "title", required: true }),
    field(t("ideas.description"), h("textarea", { name: "description", rows: 3 })),
    field(t("ideas.total_amount"), { name: "total_amount", type: "number", min: 1, required: true }),
    field(t("ideas.eligibility"), select("eligibility", [["everyone", t("ideas.eligibility_everyone")], ["residents", t("ideas.eligibility_residents")]], "everyone")),
    field(t("ideas.ballot_rule"), select("ballot_rule", [["knapsack", t("ideas.rule_knapsack")], ["approval", t("ideas.rule_approval")]], "knapsack")),
    field(t("ideas.max_choices"), { name: "max_choices", type: "number", min: 1, max: 100 }, { hint: t("ideas.max_choices_hint") }),
    field(t("ideas.counting_method"), select("counting_method", [["greedy", t("ideas.method_greedy")], ["equal_shares", t("ideas.method_equal_shares")]], "greedy")),
    field(t("ideas.collecting_from"), localInput("collecting_from", now)),
    field(t("ideas.reviewing_from"), localInput("reviewing_from", now + 30 * day)),
    field(t("ideas.voting_from"), localInput("voting_from", now + 45 * day)),
    field(t("ideas.voting_until"), localInput("voting_until", now + 75 * day)),
    h("button", { type: "submit", class: "button" }, t("core.create")));
  bindForm(form, async () => {
    const d = Object.fromEntries(new FormData(form).entries());
    const body = {
      municipality: d.municipality,
      title: { lt: d.title },
      description: d.description ? { lt: d.description } : {},
      total_amount: Number(d.total_amount),
      eligibility: d.eligibility,
      ballot_rule: d.ballot_rule,
      counting_method: d.counting_method,
    };
    if (d.ballot_rule === "approval") body.max_choices = Number(d.max_choices);
    for (const k of ["collecting_from", "reviewing_from", "voting_from", "voting_until"]) body[k] = new Date(d[k]).toISOString();
    const { data } = await ideasApi.createBudget(body);
    navigate(`/budgets/${data.id}`);
  });
  main.append(h("h1", {}, t("ideas.new_budget")), form);
}

export async function budgetPage({ main, params }) {
  ensureCss();
  const me = auth.currentUser();
  const { data: budget } = await ideasApi.readBudget(params.id);
  const projects = [];
  let cursor = null;
  do {
    const { data } = await ideasApi.listProjects(budget.id, { cursor, limit: 100 });
    projects.push(...data.items);
    cursor = data.next_cursor;
  } while (cursor);

  main.append(pageHeader(budget.title), h("p", {}, phaseBadge(budget.phase), " ", money(budget.total_amount, budget.currency), " · ",
    await municipalityName(budget.municipality)),
  budget.description ? h("p", { class: "lead" }, budget.description) : null,
  h("dl", { class: "facts" },
    h("dt", {}, t("ideas.ballot_rule")), h("dd", {}, budget.ballot_rule === "knapsack" ? t("ideas.rule_knapsack") : t("ideas.rule_approval_n", { n: budget.max_choices })),
    h("dt", {}, t("ideas.counting_method")), h("dd", {}, t(budget.counting_method === "greedy" ? "ideas.method_greedy" : "ideas.method_equal_shares")),
    h("dt", {}, t("ideas.eligibility")), h("dd", {}, t(budget.eligibility === "everyone" ? "ideas.eligibility_everyone" : "ideas.eligibility_residents")),
    h("dt", {}, t("ideas.collecting_from")), h("dd", {}, formatDate(budget.collecting_from)),
    h("dt", {}, t("ideas.reviewing_from")), h("dd", {}, formatDate(budget.reviewing_from)),
    h("dt", {}, t("ideas.voting_dates_label")), h("dd", {}, t("ideas.voting_dates", { from: formatDate(budget.voting_from), until: formatDate(budget.voting_until) })),
    h("dt", {}, t("ideas.ballots")), h("dd", {}, String(budget.ballot_count))));

  if (budget.phase === "voting") {
    if (budget.can_vote) main.append(await ballotSection(budget, projects));
    else if (me) main.append(h("p", { class: "notice" }, t("ideas.not_eligible")));
    else main.append(h("p", {}, h("a", { href: `#/login?next=/budgets/${budget.id}` }, t("ideas.sign_in_to_vote"))));
  }
  if (budget.phase === "finished" || (budget.can_manage && budget.counted_at)) main.append(await resultsSection(budget));
  else if (budget.phase !== "voting") main.append(projectsSection(projects));
  if (budget.can_manage) main.append(await managerSection(budget, projects));
  if (budget.phase === "collecting" && me && !budget.can_manage) {
    main.append(h("p", { class: "hint" }, t("ideas.enter_idea_hint")), enterIdeaForm(budget, projects, { mine: true }));
  }
}

function projectsSection(projects) {
  return h("section", { "aria-labelledby": "projects-h" }, h("h2", { id: "projects-h" }, t("ideas.projects")),
    projects.length ? table([
      { label: "#", key: "number" },
      { label: t("ideas.title"), render: (p) => h("a", { href: `#/ideas/${p.idea_id}` }, p.title) },
      { label: t("ideas.cost"), render: (p) => (p.cost === null ? "—" : money(p.cost)) },
      { label: t("ideas.feasibility"), render: (p) => [t(`ideas.feasibilities.${p.feasibility}`), p.feasibility_explanation ? h("p", { class: "hint" }, p.feasibility_explanation) : null] },
    ], projects) : h("p", { class: "empty" }, t("ideas.no_projects")));
}

async function ballotSection(budget, projects) {
  const { data: mine } = await ideasApi.readBallot(budget.id);
  const chosen = new Set(mine.project_ids);
  const onBallot = projects.filter((p) => p.on_ballot);
  const knapsack = budget.ballot_rule === "knapsack";
  const total = h("p", { id: "ballot-total", class: "ballot-total", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "button", id: "ballot-submit" }, t("ideas.save_ballot"));
  const boxes = onBallot.map((p) => h("input", { type: "checkbox", name: "project", value: p.id, checked: chosen.has(p.id), id: `project-${p.number}`, dataset: { cost: p.cost } }));
  function update() {
    const selected = boxes.filter((b) => b.checked);
    const sum = selected.reduce((s, b) => s + Number(b.dataset.cost), 0);
    if (knapsack) {
      const over = sum > budget.total_amount;
      total.textContent = t(over ? "ideas.ballot_over" : "ideas.ballot_total", { total: money(sum), budget: money(budget.total_amount), left: money(Math.abs(budget.total_amount - sum)) });
      total.className = over ? "ballot-total over" : "ballot-total";
      submit.disabled = over;
    } else {
      const over = selected.length > budget.max_choices;
      total.textContent = t(over ? "ideas.choices_over" : "ideas.choices_total", { count: selected.length, max: budget.max_choices });
      total.className = over ? "ballot-total over" : "ballot-total";
      submit.disabled = over;
    }
  }
  const form = h("form", { class: "form ballot", novalidate: true, id: "ballot-form" },
    h("fieldset", { class: "field", dataset: { field: "project_ids" } }, h("legend", {}, t(knapsack ? "ideas.ballot_legend_knapsack" : "ideas.ballot_legend_approval", { n: budget.max_choices })),
      onBallot.map((p, i) => h("div", { class: "ballot-line" }, boxes[i], " ",
        h("label", { for: boxes[i].id }, `${p.number}. ${p.title} — ${money(p.cost)}`), " ",
        h("a", { href: `#/ideas/${p.idea_id}`, class: "hint" }, t("ideas.about_idea")))),
      h("p", { class: "field-error", hidden: true, id: "project_ids-error" })),
    total, submit,
    mine.project_ids.length ? h("button", { type: "button", class: "button secondary", onclick: async () => {
      try { await ideasApi.withdrawBallot(budget.id); showStatus(t("ideas.ballot_withdrawn"), "success"); render(); } catch (err) { showStatus(errorText(err), "error"); }
    } }, t("ideas.withdraw_ballot")) : null);
  boxes.forEach((b) => b.addEventListener("change", update));
  update();
  bindForm(form, async () => {
    await ideasApi.castBallot(budget.id, boxes.filter((b) => b.checked).map((b) => b.value));
    showStatus(t("ideas.ballot_saved"), "success");
    const saved = form.querySelector(".ballot-saved") || h("p", { class: "notice ballot-saved", role: "status" });
    saved.textContent = t("ideas.ballot_saved");
    form.append(saved);
  });
  return h("section", { id: "ballot", "aria-labelledby": "ballot-h" }, h("h2", { id: "ballot-h" }, t("ideas.your_ballot")),
    mine.updated_at ? h("p", { class: "hint" }, t("ideas.ballot_changeable")) : null, form);
}

async function resultsSection(budget) {
  const { data } = await ideasApi.readResults(budget.id);
  return h("section", { "aria-labelledby": "results-h", id: "results" },
    h("h2", { id: "results-h" }, t(data.finished ? "ideas.results" : "ideas.preliminary_results")),
    h("p", {}, t("ideas.results_summary", { ballots: data.ballot_count, allocated: money(data.allocated), total: money(data.total_amount) })),
    table([
      { label: t("ideas.rank"), key: "rank" },
      { label: t("ideas.title"), render: (r) => h("a", { href: `#/ideas/${r.idea_id}` }, `${r.number}. ${r.title}`) },
      { label: t("ideas.votes"), key: "votes" },
      { label: t("ideas.cost"), render: (r) => money(r.cost) },
      { label: t("ideas.result"), render: (r) => [r.selected ? badge(t("ideas.winner"), "ok") : badge(t("ideas.not_selected"), "muted"), r.overridden ? [" ", badge(t("ideas.overridden"), "warn")] : null] },
    ], data.items, { caption: t("ideas.results_caption") }),
    data.overrides.length ? h("div", {}, h("h3", {}, t("ideas.overrides")), h("ul", {}, data.overrides.map((o) => h("li", {}, `${o.selected ? "+" : "−"} ${data.items.find((i) => i.project_id === o.project_id)?.title || ""}: ${o.reason}`)))) : null,
    h("button", { type: "button", class: "button secondary", onclick: () => ideasApi.downloadResults(budget.id, "results.csv") }, t("core.download_csv")));
}

// Enter an idea of the budget's municipality as a project: search the board by words (any language,
// no diacritics needed) and pick it from the matches; ideas already entered are not offered.
// Participants (`mine`) choose among their own ideas; managers among every idea of the municipality.
function enterIdeaForm(budget, projects, { mine = false } = {}) {
  const entered = new Set(projects.map((p) => p.idea_id));
  const picker = select("idea_id", [], "");
  picker.required = true;
  const query = h("input", { type: "search", name: "q", id: "enter-idea-q", placeholder: t("ideas.search_ideas") });
  const form = h("form", { class: "inline-form", id: "enter-idea", novalidate: true },
    field(t("ideas.search_ideas"), query),
    field(t("ideas.idea"), picker),
    h("button", { type: "submit", class: "button secondary" }, t("ideas.enter_idea")));
  async function refresh() {
    const q = query.value.trim();
    const { data } = await ideasApi.listIdeas({ municipality: budget.municipality, q: q || undefined, mine: mine || undefined, limit: 20, sort: "-vote_count" });
    const options = data.items.filter((i) => !entered.has(i.id) && i.state !== "draft" && i.state !== "withdrawn");
    picker.replaceChildren(...(options.length
      ? options.map((i) => h("option", { value: i.id }, `${i.title} (${i.vote_count})`))
      : [h("option", { value: "" }, t("ideas.no_ideas_to_enter"))]));
  }
  let timer = null;
  query.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(refresh, 250); });
  refresh();
  bindForm(form, async () => {
    const ideaId = new FormData(form).get("idea_id");
    if (!ideaId) return;
    await ideasApi.addProject(budget.id, ideaId);
    showStatus(t("core.saved"), "success");
    render();
  });
  return form;
}

async function managerSection(budget, projects) {
  const box = h("section", { class: "manager", "aria-labelledby": "manage-h" }, h("h2", { id: "manage-h" }, t("ideas.manage_budget")));
  const withEtag = async (fn) => { const current = await ideasApi.readBudget(budget.id); return fn(current.etag); };
  const run = (fn, ok) => async () => { try { await fn(); showStatus(ok || t("core.saved"), "success"); render(); } catch (err) { showStatus(errorText(err), "error"); } };
  if (["collecting", "reviewing"].includes(budget.phase)) {
    for (const p of projects) {
      const form = h("form", { class: "review-form inline-form", novalidate: true },
        h("strong", {}, `${p.number}. ${p.title}`),
        field(t("ideas.cost"), { name: "cost", type: "number", min: 1, value: p.cost ?? "" }),
        field(t("ideas.feasibility"), select("feasibility", ["pending", "feasible", "unfeasible"].map((f) => [f, t(`ideas.feasibilities.${f}`)]), p.feasibility)),
        field(t("ideas.explanation"), { name: "feasibility_explanation", value: p.feasibility_explanation || "" }),
        h("button", { type: "submit", class: "button small" }, t("core.save")));
      bindForm(form, async () => {
        const d = Object.fromEntries(new FormData(form).entries());
        const body = { feasibility: d.feasibility, cost: d.cost ? Number(d.cost) : null };
        if (d.feasibility_explanation) body.feasibility_explanation = { lt: d.feasibility_explanation };
        const current = await ideasApi.readProject(budget.id, p.id);
        await ideasApi.updateProject(budget.id, p.id, body, current.etag);
        showStatus(t("core.saved"), "success");
      });
      box.append(form);
    }
    box.append(h("h3", {}, t("ideas.add_idea_to_budget")), enterIdeaForm(budget, projects));
  }
  if (budget.phase === "voting") {
    box.append(h("button", { type: "button", class: "button danger", id: "close-voting", onclick: run(() => withEtag((etag) => ideasApi.updateBudget(budget.id, { voting_until: new Date().toISOString() }, etag)), t("ideas.voting_closed_now")) }, t("ideas.close_voting")));
  }
  if (budget.phase === "counting") {
    box.append(h("button", { type: "button", class: "button", id: "count-button", onclick: run(() => withEtag((etag) => ideasApi.countBallots(budget.id, etag)), t("ideas.counted")) }, t(budget.counted_at ? "ideas.recount" : "ideas.count")));
    if (budget.counted_at) {
      const form = h("form", { class: "form", novalidate: true },
        h("h3", {}, t("ideas.override")),
        field(t("ideas.project"), select("project_id", projects.filter((p) => p.on_ballot).map((p) => [p.id, `${p.number}. ${p.title}`]), "")),
        field(t("ideas.override_to"), select("selected", [["true", t("ideas.winner")], ["false", t("ideas.not_selected")]], "true")),
        field(t("ideas.reason"), h("textarea", { name: "reason", rows: 2, required: true, minlength: 10 })),
        h("button", { type: "submit", class: "button secondary" }, t("ideas.override")));
      bindForm(form, async () => {
        const d = Object.fromEntries(new FormData(form).entries());
        await ideasApi.overrideResult(budget.id, { project_id: d.project_id, selected: d.selected === "true", reason: d.reason });
        render();
      });
      box.append(form, h("button", { type: "button", class: "button", id: "finish-button", onclick: run(() => withEtag((etag) => ideasApi.finishBudget(budget.id, etag)), t("ideas.results_published")) }, t("ideas.publish_results")));
    }
  }
  return box;
}
