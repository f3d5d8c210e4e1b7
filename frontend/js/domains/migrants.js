// Web pages of the migrants domain: the coordinator's workspace (people, person page, referrals,
// returnee package) and the provider's inbox (see ./index.js for what a domain module exports).
import { auditPage } from "./migrants/audit.js";
import { askForHelpPage, contactQueuePage } from "./migrants/help.js";
import { inboxPage } from "./migrants/inbox.js";
import { packagePage } from "./migrants/package.js";
import { peoplePage } from "./migrants/people.js";
import { personPage } from "./migrants/person.js";
import { newPersonPage } from "./migrants/register.js";

export const namespaces = ["migrants"];

export const routes = [
  { path: "/migrants", view: peoplePage, title: "migrants.people", scopes: ["migrants:read"] },
  { path: "/migrants/new", view: newPersonPage, title: "migrants.register_person", scopes: ["migrants:write"] },
  { path: "/migrants/package", view: packagePage, title: "migrants.package", scopes: ["migrants:write"] },
  { path: "/migrants/people/:id", view: personPage, title: "migrants.people", scopes: ["migrants:read"] },
  { path: "/ask-for-help", view: askForHelpPage, title: "migrants.help_title" },
  { path: "/migrants/contact-requests", view: contactQueuePage, title: "migrants.help_queue_title", scopes: ["migrants:read"] },
  { path: "/migrants/audit", view: auditPage, title: "migrants.audit_title", scopes: ["audit:read"] },
  { path: "/referral-inbox", view: inboxPage, title: "migrants.inbox", scopes: ["referrals:inbox"] },
];

export const menu = [
  // For the newcomer (and anyone not working in a one-stop shop): write to the municipality.
  { href: "#/ask-for-help", label: "migrants.help_menu", order: 15, anonymousOnly: true },
  { href: "#/ask-for-help", label: "migrants.help_menu", order: 15, roles: ["resident", "expert"] },
  { href: "#/migrants/contact-requests", label: "migrants.help_queue_menu", scopes: ["migrants:read"], order: 19 },
  { href: "#/migrants", label: "migrants.menu", scopes: ["migrants:read"], order: 20 },
  { href: "#/referral-inbox", label: "migrants.inbox", scopes: ["referrals:inbox"], order: 21 },
  { href: "#/migrants/audit", label: "migrants.audit_menu", scopes: ["audit:read"], order: 85 },
];

export const homeCards = [
  { title: "migrants.help_title", text: "migrants.help_card", href: "#/ask-for-help" },
  { title: "migrants.people", text: "migrants.card_people", href: "#/migrants", scopes: ["migrants:read"] },
  { title: "migrants.inbox", text: "migrants.card_inbox", href: "#/referral-inbox", scopes: ["referrals:inbox"] },
];
