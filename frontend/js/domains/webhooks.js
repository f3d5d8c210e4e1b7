// Web pages of the webhooks domain: partner systems' subscriptions and their deliveries
// (see ./index.js for what a domain module exports).
import { subscriptionPage, subscriptionsPage } from "./webhooks/pages.js";

export const namespaces = ["webhooks"];

export const routes = [
  { path: "/webhooks", view: subscriptionsPage, title: "webhooks.title", scopes: ["webhooks:manage"] },
  { path: "/webhooks/:id", view: subscriptionPage, title: "webhooks.one_title", scopes: ["webhooks:manage"] },
];

export const menu = [
  { href: "#/webhooks", label: "webhooks.menu", scopes: ["webhooks:manage"], order: 90 },
];

export const homeCards = [];
