// Registering a person: the form a coordinator fills in (opens the case, records consents).
import { field, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { levelLabel } from "../../core/texts.js";
import { navigate } from "../../core/router.js";
import { bindForm, pageHeader, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { NEEDS, PURPOSES, UI_LANGUAGES, addStyles, needLabel, purposeLabel, statusOptions } from "./common.js";

export async function newPersonPage({ main }) {
  addStyles();
  const form = h("form", { class: "form", id: "new-person", novalidate: true },
    h("div", { class: "two-col" },
      field(t("migrants.given_name"), { name: "given_name", required: true, maxlength: 120, autocomplete: "off" }),
      field(t("migrants.family_name"), { name: "family_name", required: true, maxlength: 120, autocomplete: "off" })),
    h("div", { class: "two-col" },
      field(t("migrants.birth_date"), { name: "birth_date", type: "date" }),
      field(t("migrants.sex"), select("sex", ["unknown", "female", "male", "other"].map((s) => [s, t(`migrants.sex_${s}`)]), "unknown"))),
    h("div", { class: "two-col" },
      field(t("migrants.legal_status_label"), select("legal_status", statusOptions(), "returnee")),
      field(t("migrants.citizenships"), { name: "citizenships", placeholder: "LT, UA", maxlength: 20 }, { hint: t("migrants.citizenships_hint") })),
    h("div", { class: "two-col" },
      field(t("migrants.arrival_date"), { name: "arrival_date", type: "date" }),
      field(t("migrants.permit_expires_on"), { name: "permit_expires_on", type: "date" })),
    field(t("migrants.children"), { name: "children", placeholder: "2015, 2019", maxlength: 60 }, { hint: t("migrants.children_hint") }),
    h("div", { class: "two-col" },
      field(t("migrants.email"), { name: "email", type: "email", maxlength: 320 }),
      field(t("migrants.phone"), { name: "phone", type: "tel", maxlength: 40 })),
    h("div", { class: "two-col" },
      field(t("migrants.preferred_language"), select("preferred_language", UI_LANGUAGES.map((l) => [l, l]), "lt")),
      field(t("migrants.lithuanian_level"), select("lithuanian_level", ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"].map((l) => [l, levelLabel(l)]), "native"))),
    h("fieldset", { class: "field", dataset: { field: "needs" } }, h("legend", {}, t("migrants.needs")),
      NEEDS.map((n) => h("label", { class: "inline" }, h("input", { type: "checkbox", name: "needs", value: n }), " ", needLabel(n)))),
    h("fieldset", { class: "field", dataset: { field: "consents" } }, h("legend", {}, t("migrants.consents")),
      PURPOSES.map((p) => h("label", { class: "block" },
        h("input", { type: "checkbox", name: "consents", value: p, checked: p === "case_management" }), " ", purposeLabel(p)))),
    h("button", { type: "submit", class: "button" }, t("migrants.register")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {
      given_name: fd.get("given_name"),
      family_name: fd.get("family_name"),
      sex: fd.get("sex"),
      legal_status: fd.get("legal_status"),
      preferred_language: fd.get("preferred_language"),
      lithuanian_level: fd.get("lithuanian_level"),
      citizenships: String(fd.get("citizenships") || "").split(/[\s,;]+/).filter(Boolean),
      needs: fd.getAll("needs"),
      consents: fd.getAll("consents"),
      household: String(fd.get("children") || "").split(/[\s,;]+/).filter(Boolean)
        .map((y) => ({ relation: "child", birth_year: Number(y) })),
    };
    for (const k of ["birth_date", "arrival_date", "permit_expires_on", "email", "phone"]) if (fd.get(k)) body[k] = fd.get(k);
    const { data } = await m.registerPerson(body);
    showStatus(t("migrants.registered"), "success");
    navigate(`/migrants/people/${data.id}`);
  });
  main.append(pageHeader(t("migrants.register_person")), h("p", { class: "lead" }, t("migrants.register_intro")), form);
}
