// Web pages of the indicators domain (see ./index.js for what a domain module exports): the public
// dashboard, evaluation reports, and for analysts loading and publishing data.
import { dashboardPage } from "./indicators/dashboard.js";
import { importPage, publishPage } from "./indicators/manage.js";

export const namespaces = ["indicators"];

export const routes = [
  { path: "/indicators", view: dashboardPage, title: "indicators.dashboard.title" },
  { path: "/indicators/import", view: importPage, title: "indicators.import.title", scopes: ["indicators:write"] },
  { path: "/indicators/publish", view: publishPage, title: "indicators.publish.title", scopes: ["indicators:publish"] },
];

export const menu = [
  { href: "#/indicators", label: "indicators.menu", order: 60 },
  { href: "#/indicators/import", label: "indicators.import.menu", scopes: ["indicators:write"], order: 61 },
  { href: "#/indicators/publish", label: "indicators.publish.menu", scopes: ["indicators:publish"], order: 62 },
];

export const homeCards = [
  { title: "indicators.card.title", text: "indicators.card.text", href: "#/indicators" },
];
