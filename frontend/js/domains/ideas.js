// Web pages of the ideas domain: the board, proposing, the idea page, moderation, participatory
// budgets and open calls (see ./index.js for what a domain module exports).
import { boardPage, proposePage } from "./ideas/board.js";
import { ideaPage } from "./ideas/idea.js";
import { participationPage } from "./ideas/participation.js";
import { budgetPage, budgetsPage, newBudgetPage } from "./ideas/budgets.js";
import { callPage, callsPage, moderationPage, newCallPage } from "./ideas/more.js";

export const namespaces = ["ideas"];

export const routes = [
  { path: "/ideas", view: boardPage, title: "ideas.board_title" },
  { path: "/ideas/new", view: proposePage, title: "ideas.propose", scopes: ["ideas:participate"] },
  { path: "/ideas/participation", view: participationPage, title: "ideas.participation_title" },
  { path: "/ideas/:id", view: ideaPage, title: "ideas.idea" },
  { path: "/moderation", view: moderationPage, title: "ideas.moderation_title", scopes: ["ideas:moderate"] },
  { path: "/budgets", view: budgetsPage, title: "ideas.budgets_title" },
  { path: "/budgets/new", view: newBudgetPage, title: "ideas.new_budget", scopes: ["budgets:manage"] },
  { path: "/budgets/:id", view: budgetPage, title: "ideas.budget" },
  { path: "/open-calls", view: callsPage, title: "ideas.calls_title" },
  { path: "/open-calls/new", view: newCallPage, title: "ideas.new_call", scopes: ["budgets:manage"] },
  { path: "/open-calls/:id", view: callPage, title: "ideas.open_call" },
];

export const menu = [
  { href: "#/ideas", label: "ideas.menu_ideas", order: 40 },
  { href: "#/budgets", label: "ideas.menu_budgets", order: 41 },
  { href: "#/open-calls", label: "ideas.menu_calls", order: 42 },
  { href: "#/ideas/participation", label: "ideas.menu_participation", order: 43 },
  { href: "#/moderation", label: "ideas.menu_moderation", scopes: ["ideas:moderate"], order: 80 },
];

export const homeCards = [
  { title: "ideas.home_title", text: "ideas.home_text", href: "#/ideas" },
  { title: "ideas.home_budgets_title", text: "ideas.home_budgets_text", href: "#/budgets" },
];
