// Hash router: "#/services/123?lang=uk". Routes are registered by pages and domain modules.
import { $, append, clear, h } from "./dom.js";
import { t } from "./i18n.js";
import { currentUser, hasRole, hasScope } from "./auth.js";

const routes = [];
let notFoundView = null;
let renderToken = 0;
let firstRender = true;

// register({path: "/services/:id", view: async (ctx) => {...}, title: "directory.service",
//           signedIn: true, scopes: ["directory:write"], roles: ["coordinator"]})
export function register(route) {
  const keys = [];
  const pattern = route.path
    .replace(/[.+*?^${}()|[\]\\]/g, "\\$&")
    .replace(/:(\w+)/g, (_, key) => { keys.push(key); return "([^/]+)"; });
  routes.push({ ...route, keys, regex: new RegExp(`^${pattern}/?$`) });
}

export function setNotFound(view) {
  notFoundView = view;
}

export function parseHash(hash = window.location.hash) {
  const raw = hash.replace(/^#/, "") || "/";
  const [path, search = ""] = raw.split("?");
  return { path: path || "/", query: Object.fromEntries(new URLSearchParams(search)) };
}

export function href(path, query) {
  const qs = new URLSearchParams(Object.entries(query || {}).filter(([, v]) => v !== undefined && v !== null && v !== ""));
  const s = qs.toString();
  return `#${path}${s ? `?${s}` : ""}`;
}

export function navigate(path, query) {
  const target = href(path, query);
  if (window.location.hash === target) render();
  else window.location.hash = target;
}

// Replace the query of the current route without adding a history entry or re-rendering.
export function replaceQuery(query) {
  const { path } = parseHash();
  history.replaceState(null, "", href(path, query));
}

export function allowed(route) {
  if (!route.signedIn && !route.scopes && !route.roles && !route.anyScopes) return true;
  if (!currentUser()) return false;
  if (route.scopes && !hasScope(...route.scopes)) return false;
  if (route.anyScopes && !route.anyScopes.some((scope) => hasScope(scope))) return false;
  if (route.roles && !hasRole(...route.roles)) return false;
  return true;
}

export async function render() {
  const token = ++renderToken;
  const { path, query } = parseHash();
  const main = $("#main");
  let match = null;
  let params = {};
  for (const route of routes) {
    const m = route.regex.exec(path);
    if (m) {
      match = route;
      params = Object.fromEntries(route.keys.map((k, i) => [k, decodeURIComponent(m[i + 1])]));
      break;
    }
  }
  // Each render draws into a container of its own: when a newer render starts (a link clicked while
  // a page still loads, or a navigation followed by a hash change), the older one keeps drawing into
  // its detached container and can never add a second page below the current one.
  clear(main);
  const page = h("div", { class: "page" });
  // Pages write `main.append(a, cond ? b : null)`: the page container skips null, undefined and
  // false (and flattens arrays) the way h() does, where the native append would print "null".
  page.append = (...children) => append(page, children);
  main.append(page);
  main.setAttribute("aria-busy", "true");
  try {
    if (!match) {
      document.title = `${t("core.not_found_title")} – Langelis`;
      await (notFoundView || defaultNotFound)({ main: page, params, query, path });
    } else if (!allowed(match)) {
      if (!currentUser()) {
        navigate("/login", { next: window.location.hash.replace(/^#/, "") });
        return;
      }
      document.title = `${t("core.forbidden_title")} – Langelis`;
      page.append(h("h1", {}, t("core.forbidden_title")), h("p", {}, t("core.forbidden_text")));
    } else {
      document.title = `${match.title ? t(match.title) : ""}${match.title ? " – " : ""}Langelis`;
      await match.view({ main: page, params, query, path });
    }
  } catch (err) {
    if (token !== renderToken) return;
    clear(page);
    document.title = `${t("core.error_title")} – Langelis`;
    page.append(h("h1", {}, t("core.error_title")), h("p", { class: "error" }, err.message || String(err)));
  } finally {
    if (token === renderToken) {
      main.removeAttribute("aria-busy");
      const heading = page.querySelector("h1");
      // After navigation, move focus to the new page's heading so screen readers announce it;
      // on the first load leave it at the top, where Tab reaches the skip link first.
      if (heading && !firstRender) {
        heading.setAttribute("tabindex", "-1");
        heading.focus({ preventScroll: true });
      }
      firstRender = false;
      document.dispatchEvent(new CustomEvent("langelis:rendered", { detail: { path } }));
    }
  }
}

function defaultNotFound({ main }) {
  main.append(h("h1", {}, t("core.not_found_title")), h("p", {}, t("core.not_found_text")),
    h("p", {}, h("a", { href: "#/" }, t("core.back_home"))));
}

// A hash that is not a route ("#main", the skip link's target) is an in-page anchor: focus it and
// keep the page, never a "Page not found".
function inPageAnchor() {
  const hash = window.location.hash;
  if (!hash || hash.startsWith("#/")) return false;
  const target = document.getElementById(decodeURIComponent(hash.slice(1)));
  if (!target) return false;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
  return true;
}

export function start() {
  window.addEventListener("hashchange", () => {
    if (!inPageAnchor()) render();
  });
  if (inPageAnchor()) history.replaceState(null, "", "#/");
  return render();
}
