// The shell's own pages: start page, sign in, register, confirm email, account, administration.
import { home } from "./home.js";
import { loginPage, registerPage, confirmPage } from "./auth-pages.js";
import { accountPage } from "./account.js";
import { usersPage, clientsPage } from "./admin.js";

export const corePages = [
  { path: "/", view: home, title: "core.home" },
  { path: "/login", view: loginPage, title: "core.login" },
  { path: "/register", view: registerPage, title: "core.register" },
  { path: "/confirm", view: confirmPage, title: "core.confirm_title" },
  { path: "/account", view: accountPage, title: "core.account", signedIn: true },
  { path: "/admin/users", view: usersPage, title: "core.users.title", scopes: ["users:manage"] },
  { path: "/admin/clients", view: clientsPage, title: "core.clients.title", scopes: ["clients:manage"] },
];

export const coreMenu = [
  { href: "#/", label: "core.home", order: 0 },
  { href: "#/admin/users", label: "core.users.title", scopes: ["users:manage"], order: 90 },
  { href: "#/admin/clients", label: "core.clients.title", scopes: ["clients:manage"], order: 91 },
  { href: "#/register", label: "core.register", anonymousOnly: true, order: 99 },
];
