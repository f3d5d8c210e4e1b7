import { field, h, select } from "../core/dom.js";
import { lang, setLang, t } from "../core/i18n.js";
import * as auth from "../core/auth.js";
import { api } from "../core/api.js";
import { municipalityName } from "../core/reference.js";
import { bindForm, showStatus } from "../core/ui.js";

export async function accountPage({ main }) {
  const { data: me, etag } = await api.get("/me");
  let currentEtag = etag;
  const form = h("form", { class: "form narrow", novalidate: true },
    field(t("core.display_name"), { name: "display_name", value: me.display_name, required: true, maxlength: 120 }),
    field(t("core.country"), { name: "country", value: me.country || "", maxlength: 2 }, { hint: t("core.country_code_hint") }),
    field(t("core.language"), select("preferred_language", [["lt", "Lietuvių"], ["en", "English"], ["uk", "Українська"], ["ru", "Русский"]], me.preferred_language)),
    h("fieldset", {},
      h("legend", {}, t("core.change_password")),
      field(t("core.current_password"), { type: "password", name: "current_password", autocomplete: "current-password" }),
      field(t("core.new_password"), { type: "password", name: "password", autocomplete: "new-password", minlength: 10 })),
    h("button", { type: "submit", class: "button" }, t("core.save")));
  bindForm(form, async () => {
    const data = Object.fromEntries(new FormData(form).entries());
    const body = { display_name: data.display_name, preferred_language: data.preferred_language };
    if (data.country) body.country = data.country;
    if (data.password) { body.password = data.password; body.current_password = data.current_password; }
    const res = await api.patch("/me", body, { etag: currentEtag });
    currentEtag = res.etag;
    await auth.loadMe();
    if (res.data.preferred_language !== lang()) await setLang(res.data.preferred_language);
    showStatus(t("core.saved"), "success");
  });
  main.append(
    h("h1", {}, t("core.account")),
    h("dl", { class: "facts" },
      h("dt", {}, t("core.email")), h("dd", {}, me.email),
      h("dt", {}, t("core.role")), h("dd", {}, t(`core.roles.${me.role}`)),
      me.municipality ? [h("dt", {}, t("core.municipality")), h("dd", {}, await municipalityName(me.municipality))] : null),
    form,
  );
}
