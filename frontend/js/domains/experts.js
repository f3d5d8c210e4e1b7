// Web pages of the experts domain: the public showcase and search, the expert's profile and inbox,
// the requester's board, mentors (see ./index.js for what a domain module exports).
import { boardPage, mentorsPage, requestPage } from "./experts/board.js";
import { inboxPage, myProfilePage } from "./experts/profile.js";
import { expertPage, expertsPage, openRequestsPage } from "./experts/public.js";

export const namespaces = ["experts"];

export const routes = [
  { path: "/experts", view: expertsPage, title: "experts.title" },
  { path: "/experts/me", view: myProfilePage, title: "experts.my_profile", scopes: ["experts:profile"] },
  { path: "/experts/inbox", view: inboxPage, title: "experts.inbox", scopes: ["experts:profile"] },
  { path: "/experts/open-requests", view: openRequestsPage, title: "experts.open_requests" },
  { path: "/experts/people/:id", view: expertPage, title: "experts.title" },
  { path: "/expert-requests", view: boardPage, title: "experts.board", scopes: ["expert_requests:write"] },
  { path: "/expert-requests/:id", view: requestPage, title: "experts.board", scopes: ["expert_requests:write"] },
  { path: "/mentors", view: mentorsPage, title: "experts.mentors", scopes: ["experts:manage"] },
];

export const menu = [
  { href: "#/experts", label: "experts.menu", order: 30 },
  { href: "#/experts/me", label: "experts.my_profile", scopes: ["experts:profile"], order: 31 },
  { href: "#/experts/inbox", label: "experts.inbox", scopes: ["experts:profile"], order: 32 },
  { href: "#/expert-requests", label: "experts.board", scopes: ["expert_requests:write"], order: 33 },
  { href: "#/mentors", label: "experts.mentors", scopes: ["experts:manage"], order: 34 },
];

export const homeCards = [
  { title: "experts.title", text: "experts.card_public", href: "#/experts" },
  { title: "experts.my_profile", text: "experts.card_profile", href: "#/experts/me", scopes: ["experts:profile"] },
  { title: "experts.board", text: "experts.card_board", href: "#/expert-requests", scopes: ["expert_requests:write"] },
];
