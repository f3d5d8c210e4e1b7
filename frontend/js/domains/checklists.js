// Web pages of the checklists domain: "What do I need?" for the newcomer, and the municipality's
// checklist editor for coordinators (see ./index.js for what a domain module exports).
import { templatePage, whatDoINeedPage } from "./checklists/pages.js";

export const namespaces = ["checklists"];

export const routes = [
  { path: "/what-do-i-need", view: whatDoINeedPage, title: "checklists.title" },
  { path: "/checklist-templates", view: templatePage, title: "checklists.editor_title", roles: ["coordinator", "admin"] },
];

export const menu = [
  { href: "#/what-do-i-need", label: "checklists.menu", order: 5 },
  { href: "#/checklist-templates", label: "checklists.editor_menu", roles: ["coordinator", "admin"], order: 82 },
];

export const homeCards = [{ title: "checklists.title", text: "checklists.card", href: "#/what-do-i-need" }];
