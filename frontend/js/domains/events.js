// Web pages of the events domain: the public calendar (list and month), the event page with
// registration and calendar links, organisers' management, my registrations, organiser grants.
import { calendarPage } from "./events/calendar.js";
import { eventPage } from "./events/event.js";
import { editEventPage, grantsPage, manageEventPage } from "./events/manage.js";
import { myRegistrationsPage } from "./events/mine.js";

export const namespaces = ["events"];

export const routes = [
  { path: "/events", view: calendarPage, title: "events.calendar_title" },
  { path: "/events/new", view: editEventPage, title: "events.new_event", signedIn: true },
  { path: "/events/mine", view: myRegistrationsPage, title: "events.mine_title", signedIn: true },
  { path: "/events/organisers", view: grantsPage, title: "events.grants_title", roles: ["coordinator"] },
  { path: "/events/:id", view: eventPage, title: "events.event" },
  { path: "/events/:id/edit", view: editEventPage, title: "events.edit_event", signedIn: true },
  { path: "/events/:id/manage", view: manageEventPage, title: "events.manage_title", signedIn: true },
];

export const menu = [
  { href: "#/events", label: "events.menu_events", order: 45 },
  { href: "#/events/mine", label: "events.menu_mine", signedIn: true, order: 46 },
  { href: "#/events/organisers", label: "events.menu_grants", roles: ["coordinator"], order: 81 },
];

export const homeCards = [{ title: "events.home_title", text: "events.home_text", href: "#/events" }];
