// Web pages of the translations domain: the translators' workspace and the coverage report
// (see ./index.js for what a domain module exports).
import { coveragePage } from "./translations/coverage.js";
import { workspacePage } from "./translations/workspace.js";

export const namespaces = ["translations"];

const TRANSLATE_SCOPES = ["translate:lt", "translate:en", "translate:uk", "translate:ru"];

export const routes = [
  { path: "/translations", view: workspacePage, title: "translations.title", signedIn: true },
  { path: "/translations/coverage", view: coveragePage, title: "translations.coverage_title", roles: ["coordinator", "admin"] },
];

export const menu = [
  { href: "#/translations", label: "translations.menu", roles: ["coordinator", "provider", "admin"], order: 80 },
  // Volunteer translators (residents and experts an admin gave a translate:<lang> scope).
  { href: "#/translations", label: "translations.menu", roles: ["resident", "expert"], anyScopes: TRANSLATE_SCOPES, order: 80 },
  { href: "#/translations/coverage", label: "translations.coverage_menu", roles: ["coordinator", "admin"], order: 81 },
];

export const homeCards = [
  { title: "translations.title", text: "translations.card", href: "#/translations", roles: ["coordinator", "provider", "admin"] },
];
