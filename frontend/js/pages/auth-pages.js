import { field, h } from "../core/dom.js";
import { lang, t } from "../core/i18n.js";
import * as auth from "../core/auth.js";
import { api } from "../core/api.js";
import { navigate } from "../core/router.js";
import { bindForm, showStatus } from "../core/ui.js";

export async function loginPage({ main, query }) {
  if (auth.isSignedIn()) {
    navigate(query.next || "/");
    return;
  }
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("core.email"), { type: "email", name: "username", autocomplete: "username", required: true }),
    field(t("core.password"), { type: "password", name: "password", autocomplete: "current-password", required: true }),
    h("button", { type: "submit", class: "button" }, t("core.login")));
  bindForm(form, async () => {
    const data = new FormData(form);
    await auth.login(String(data.get("username")), String(data.get("password")));
    showStatus(t("core.welcome_back", { name: auth.currentUser().display_name }), "success");
    const next = query.next && query.next.startsWith("/") ? query.next : "/";
    const [path, search] = next.split("?");
    navigate(path, Object.fromEntries(new URLSearchParams(search || "")));
  });
  main.append(h("h1", {}, t("core.login")), form,
    h("p", {}, t("core.no_account"), " ", h("a", { href: "#/register" }, t("core.register"))));
}

const COUNTRIES = ["LT", "GB", "IE", "NO", "DE", "FR", "BE", "PL", "LU", "SE", "DK", "NL", "ES", "IT", "US", "CA", "AU", "UA", "BY"];

export async function registerPage({ main }) {
  const countrySelect = h("select", { name: "country" },
    COUNTRIES.map((code) => h("option", { value: code }, regionName(code))));
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("core.display_name"), { name: "display_name", autocomplete: "name", required: true, maxlength: 120 }),
    field(t("core.email"), { type: "email", name: "email", autocomplete: "email", required: true }),
    field(t("core.password"), { type: "password", name: "password", autocomplete: "new-password", required: true, minlength: 10 },
      { hint: t("core.password_hint") }),
    field(t("core.country"), countrySelect, { hint: t("core.country_hint") }),
    h("fieldset", { class: "field", dataset: { field: "role" } },
      h("legend", {}, t("core.register_as")),
      h("label", { class: "inline" }, h("input", { type: "radio", name: "role", value: "resident", checked: true }), " ", t("core.roles.resident")),
      h("label", { class: "inline" }, h("input", { type: "radio", name: "role", value: "expert" }), " ", t("core.roles.expert")),
      h("p", { class: "field-error", hidden: true, id: "role-error" })),
    h("button", { type: "submit", class: "button" }, t("core.register")));
  bindForm(form, async () => {
    const data = Object.fromEntries(new FormData(form).entries());
    await api.post("/auth/register", { ...data, preferred_language: lang() }, { auth: false });
    const done = h("div", { class: "notice", role: "status" },
      h("h2", {}, t("core.register_done_title")), h("p", {}, t("core.register_done_text", { email: data.email })));
    form.replaceWith(done);
    done.querySelector("h2").setAttribute("tabindex", "-1");
    done.querySelector("h2").focus();
    await showDemoMail(done, String(data.email));
  });
  main.append(h("h1", {}, t("core.register")), h("p", {}, t("core.register_intro")), form);
}

// In demo mode there is no mail server: show the confirmation link the outbox holds.
async function showDemoMail(container, email) {
  try {
    const { data } = await api.get("/auth/demo-outbox", { query: { email }, auth: false });
    const mail = data.items.find((m) => m.kind === "confirm_email");
    if (!mail) return;
    const link = mail.body.match(/#\/confirm\?token=[\w-]+/);
    container.append(h("div", { class: "demo-mail" },
      h("p", {}, t("core.demo_mail")),
      link ? h("a", { href: link[0], class: "button", id: "demo-confirm-link" }, t("core.confirm_now")) : h("pre", {}, mail.body)));
  } catch {
    // Not in demo mode: the mail goes out for real.
  }
}

export async function confirmPage({ main, query }) {
  main.append(h("h1", {}, t("core.confirm_title")));
  if (!query.token) {
    main.append(h("p", { class: "error" }, t("core.confirm_missing")));
    return;
  }
  try {
    await api.post("/auth/confirm", { token: query.token }, { auth: false });
    main.append(h("p", { class: "notice" }, t("core.confirm_ok")), h("p", {}, h("a", { href: "#/login", class: "button" }, t("core.login"))));
  } catch {
    main.append(h("p", { class: "error" }, t("core.confirm_failed")));
  }
}

export function regionName(code) {
  try {
    return new Intl.DisplayNames([lang()], { type: "region" }).of(code) || code;
  } catch {
    return code;
  }
}
