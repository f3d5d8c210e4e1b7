// Web pages of the directory domain: public search and service pages; "my services" with the
// editor for providers and coordinators; the coordinator's stale / funding-ending list
// (see ./index.js for what a domain module exports).
import { editServicePage, locationsPage, myServicesPage, watchPage } from "./directory/manage.js";
import { correctionsPage } from "./directory/corrections.js";
import { unmetNeedsPage } from "./directory/unmet.js";
import { searchPage, servicePage } from "./directory/public.js";

export const namespaces = ["directory"];

export const routes = [
  { path: "/services", view: searchPage, title: "directory.title" },
  { path: "/services/mine", view: myServicesPage, title: "directory.my_services", scopes: ["directory:write"] },
  { path: "/services/new", view: editServicePage, title: "directory.new_service", scopes: ["directory:write"] },
  { path: "/services/locations", view: locationsPage, title: "directory.locations_title", scopes: ["directory:write"] },
  { path: "/services/corrections", view: correctionsPage, title: "directory.corrections_title", scopes: ["directory:write"] },
  { path: "/services/watch", view: watchPage, title: "directory.watch", roles: ["coordinator", "admin", "provider"] },
  { path: "/services/unmet-needs", view: unmetNeedsPage, title: "directory.unmet_page_title", scopes: ["directory:verify"] },
  { path: "/services/:id/edit", view: editServicePage, title: "directory.edit_service", scopes: ["directory:write"] },
  { path: "/services/:id", view: servicePage, title: "directory.title" },
];

export const menu = [
  { href: "#/services", label: "directory.menu", order: 10 },
  { href: "#/services/mine", label: "directory.my_services", scopes: ["directory:write"], order: 11 },
  { href: "#/services/watch", label: "directory.watch", roles: ["coordinator", "admin", "provider"], order: 12 },
  { href: "#/services/corrections", label: "directory.corrections_menu", scopes: ["directory:write"], order: 13 },
  { href: "#/services/unmet-needs", label: "directory.unmet_menu", scopes: ["directory:verify"], order: 14 },
];

export const homeCards = [
  { title: "directory.title", text: "directory.card_public", href: "#/services" },
  { title: "directory.my_services", text: "directory.card_mine", href: "#/services/mine", scopes: ["directory:write"] },
];
