// Web pages of the notification centre: the bell, your notifications, your preferences, and the
// admins' background jobs page (see ./index.js for what a domain module exports).
import { bell } from "./notifications/bell.js";
import { centrePage } from "./notifications/centre.js";
import { jobsPage } from "./notifications/jobs.js";
import { preferencesPage } from "./notifications/preferences.js";

export const namespaces = ["notifications"];

export const routes = [
  { path: "/notifications", view: centrePage, title: "notifications.title", signedIn: true },
  { path: "/notifications/preferences", view: preferencesPage, title: "notifications.preferences_title", signedIn: true },
  { path: "/admin/jobs", view: jobsPage, title: "notifications.jobs_title", roles: ["admin"] },
];

export const menu = [
  { href: "#/notifications", label: "notifications.menu", signedIn: true, order: 85 },
  { href: "#/admin/jobs", label: "notifications.jobs_menu", roles: ["admin"], order: 95 },
];

// Shown beside the signed-in person's name in the header.
export const accountWidgets = [bell];
