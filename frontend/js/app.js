// Boot: translations, the signed-in user, the menu, then the router.
import { $, clear, h } from "./core/dom.js";
import * as i18n from "./core/i18n.js";
import * as auth from "./core/auth.js";
import * as router from "./core/router.js";
import { API_ROOT } from "./core/api.js";
import { corePages, coreMenu } from "./pages/index.js";
import { domains } from "./domains/index.js";

const menuItems = [...coreMenu];

function renderMenu() {
  const ul = $("#menu");
  clear(ul);
  const { path } = router.parseHash();
  const items = menuItems
    .filter((item) => router.allowed(item) && (!item.anonymousOnly || !auth.isSignedIn()))
    .sort((a, b) => (a.order ?? 50) - (b.order ?? 50));
  for (const item of items) {
    const target = item.href.replace(/^#/, "");
    const current = path === target || (target !== "/" && path.startsWith(`${target}/`));
    ul.append(h("li", {}, h("a", { href: item.href, "aria-current": current ? "page" : undefined }, i18n.t(item.label))));
  }
}

function renderAccount() {
  const area = $("#account-area");
  clear(area);
  const me = auth.currentUser();
  if (me) {
    for (const widget of domains.flatMap((d) => d.accountWidgets || [])) area.append(widget(), " ");
    area.append(
      h("a", { href: "#/account", class: "account-name" }, me.display_name),
      " ",
      h("span", { class: "role-badge" }, i18n.t(`core.roles.${me.role}`)),
      " ",
      h("button", {
        type: "button",
        class: "button link",
        id: "logout-button",
        onclick: async () => {
          await auth.logout();
          router.navigate("/");
        },
      }, i18n.t("core.logout")),
    );
  } else {
    area.append(h("a", { href: "#/login", class: "button small", id: "login-link" }, i18n.t("core.login")));
  }
}

function refreshChrome() {
  renderMenu();
  renderAccount();
  const docs = document.querySelector("a[href='api/v1/docs']");
  if (docs) docs.href = `${API_ROOT}/docs`;
}

async function boot() {
  i18n.registerNamespaces(domains.flatMap((d) => d.namespaces || []));
  await i18n.init();
  corePages.forEach(router.register);
  for (const domain of domains) {
    (domain.routes || []).forEach(router.register);
    menuItems.push(...(domain.menu || []));
  }
  // The language is applied when chosen with a pointer or confirmed with Enter, never while arrow
  // keys move through the options (a keyboard user would be thrown into another language).
  const select = $("#lang-select");
  select.value = i18n.lang();
  let browsing = false;
  const apply = () => { browsing = false; if (select.value !== i18n.lang()) i18n.setLang(select.value); };
  select.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { event.preventDefault(); apply(); } else if (event.key !== "Tab") browsing = true;
  });
  select.addEventListener("change", () => { if (!browsing) apply(); });
  select.addEventListener("blur", () => { if (browsing) { browsing = false; select.value = i18n.lang(); } });
  // On a phone the menu folds behind one button; choosing a page folds it again.
  const toggle = $("#menu-toggle");
  const setOpen = (open) => {
    toggle.setAttribute("aria-expanded", String(open));
    document.body.classList.toggle("menu-open", open);
  };
  toggle.addEventListener("click", () => setOpen(toggle.getAttribute("aria-expanded") !== "true"));
  window.addEventListener("hashchange", () => setOpen(false));
  // A link in the menu folds it as it is chosen (hashchange comes a task later, and not at all
  // when the link points at the page already shown).
  $("#main-nav").addEventListener("click", (event) => { if (event.target.closest("a")) setOpen(false); });
  $("#main-nav").addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") { setOpen(false); toggle.focus(); }
  });
  $(".skip-link").addEventListener("click", (event) => {
    event.preventDefault();
    $("#main").focus();
  });
  i18n.onChange(() => { refreshChrome(); router.render(); });
  auth.onChange(refreshChrome);
  window.addEventListener("hashchange", renderMenu);
  await auth.loadMe();
  refreshChrome();
  await router.start();
  document.documentElement.dataset.ready = "true";
}

boot();
