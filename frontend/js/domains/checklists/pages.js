// "What do I need?": a few questions, then her steps in order, each with what to bring, where to
// go and services open to her. Nothing she answers leaves the page except to make the list.
import { api } from "../../core/api.js";
import { currentUser } from "../../core/auth.js";
import { clear, field, h, select } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { municipalityOptions } from "../../core/reference.js";
import { levelLabel } from "../../core/texts.js";
import { readTranslations, translationFields } from "../../core/translation_fields.js";
import { badge, bindForm, errorText, keepingFocus, pageHeader, showStatus } from "../../core/ui.js";
import { LEGAL_STATUSES, NEEDS, needLabel, statusLabel } from "../migrants/common.js";

const LEVELS = ["none", "A1", "A2", "B1", "B2", "C1", "C2", "native"];

function stepItem(step, index) {
  const more = new URLSearchParams(step.search).toString();
  return h("li", { class: "card checklist-step", dataset: { key: step.key } },
    h("h3", {}, h("span", { class: "step-number", "aria-hidden": "true" }, `${index + 1}. `), step.title),
    step.what_to_bring ? h("p", {}, h("strong", {}, t("checklists.bring"), " "), step.what_to_bring) : null,
    step.where ? h("p", {}, h("strong", {}, t("checklists.where"), " "), step.where) : null,
    step.services.length ? h("ul", { class: "step-services" }, step.services.map((s) =>
      h("li", {}, h("a", { href: `#/services/${s.id}` }, s.name), s.organization ? h("span", { class: "hint" }, ` – ${s.organization}`) : null))) : null,
    h("p", {}, h("a", { href: `#/services?${more}` }, t("checklists.more_services"))));
}

export async function whatDoINeedPage({ main, query }) {
  const today = new Date().toISOString().slice(0, 10);
  const needBoxes = h("fieldset", { dataset: { field: "needs" } }, h("legend", {}, t("checklists.needs")),
    h("div", { class: "check-grid" }, NEEDS.map((code) => h("label", { class: "block" },
      h("input", { type: "checkbox", name: "needs", value: code }), " ", needLabel(code)))));
  const form = h("form", { class: "form", id: "checklist-form", novalidate: true },
    field(t("checklists.municipality"), select("municipality", await municipalityOptions(null), query.municipality || currentUser()?.municipality || "vilniaus-m")),
    field(t("checklists.legal_status"), select("legal_status", LEGAL_STATUSES.map((c) => [c, statusLabel(c)]), "temporary_protection"), { hint: t("checklists.legal_status_hint") }),
    field(t("checklists.arrival"), { name: "arrival_date", type: "date", max: "2100-01-01", value: today }),
    h("label", { class: "block" }, h("input", { type: "checkbox", name: "children", value: "true" }), " ", t("checklists.children")),
    field(t("checklists.level"), select("lithuanian_level", LEVELS.map((l) => [l, levelLabel(l)]), "none")),
    needBoxes,
    h("p", { class: "hint" }, t("checklists.private")),
    h("button", { type: "submit", class: "button" }, t("checklists.show")));
  const result = h("section", { id: "checklist-result", "aria-live": "polite" });
  bindForm(form, async () => {
    const fd = new FormData(form);
    const body = {
      municipality: fd.get("municipality"),
      legal_status: fd.get("legal_status"),
      children: fd.get("children") === "true",
      lithuanian_level: fd.get("lithuanian_level"),
      needs: fd.getAll("needs"),
    };
    if (fd.get("arrival_date")) body.arrival_date = fd.get("arrival_date");
    const { data } = await api.post("/checklists", body, { auth: false });
    clear(result);
    const help = new URLSearchParams({ municipality: data.municipality, ...(data.needs.length ? { needs: data.needs.join(",") } : {}), ...(body.legal_status === "returnee" ? { abroad: "true" } : {}) });
    result.append(
      h("h2", { tabindex: "-1", id: "checklist-title" }, t("checklists.your_steps", { count: data.steps.length })),
      h("ol", { class: "card-list checklist" }, data.steps.map(stepItem)),
      h("div", { class: "page-actions" },
        h("a", { class: "button", href: `#/ask-for-help?${help}`, id: "checklist-help" }, t("checklists.ask_for_help")),
        h("button", { type: "button", class: "button secondary", onclick: () => window.print() }, t("checklists.print"))));
    result.querySelector("#checklist-title").focus();
  });
  main.append(pageHeader(t("checklists.title")), h("p", { class: "lead" }, t("checklists.intro")), form, result);
}

// --- the editor ---------------------------------------------------------------------------------

// A municipality's wording of a step, every language in view (translating it is the point here).
function textInputs(name, label, values) {
  return translationFields(name, label, values || {}, { multiline: true, open: true });
}

function stepEditor(slug, step, reload) {
  const form = h("form", { class: "form", novalidate: true, dataset: { key: step.key } },
    h("label", { class: "block" }, h("input", { type: "checkbox", name: "hidden", value: "true", checked: step.hidden }), " ", t("checklists.hide")),
    field(t("checklists.order"), { name: "order", type: "number", min: 0, max: 1000, value: step.order }),
    textInputs("title", t("checklists.step_title"), step.title),
    textInputs("where", t("checklists.where"), step.where),
    textInputs("what_to_bring", t("checklists.bring"), step.what_to_bring),
    h("div", { class: "page-actions" },
      h("button", { type: "submit", class: "button" }, t("core.save")),
      step.source !== "national" ? h("button", { type: "button", class: "button secondary reset-step", onclick: async () => {
        try {
          await api.del(`/checklist-templates/${slug}/steps/${step.key}`);
          showStatus(t("checklists.reset_done"), "success");
          reload();
        } catch (err) { showStatus(errorText(err), "error"); }
      } }, step.source === "local" ? t("core.delete") : t("checklists.reset")) : null));
  bindForm(form, async () => {
    const fd = new FormData(form);
    await api.put(`/checklist-templates/${slug}/steps/${step.key}`, {
      hidden: fd.get("hidden") === "true",
      order: Number(fd.get("order")),
      title: readTranslations(form, "title", step.title),
      where: readTranslations(form, "where", step.where),
      what_to_bring: readTranslations(form, "what_to_bring", step.what_to_bring),
      categories: step.categories,
    });
    showStatus(t("core.saved"), "success");
    reload();
  });
  return h("li", { class: "card template-step", dataset: { key: step.key } },
    h("details", {}, h("summary", {}, step.title[lang()] || step.title.lt || step.key, " ",
      badge(t(`checklists.source_${step.source}`), step.source === "national" ? "muted" : "ok"),
      step.hidden ? [" ", badge(t("checklists.hidden"), "warn")] : null), form));
}

export async function templatePage({ main, query }) {
  const me = currentUser();
  const slug = me.role === "admin" ? query.municipality || "vilniaus-m" : me.municipality;
  const render = async () => {
    clear(main);
    const { data } = await api.get(`/checklist-templates/${slug}`);
    const reload = () => keepingFocus(render);
    const picker = me.role === "admin" ? select("municipality", await municipalityOptions(null), slug, { id: "template-municipality" }) : null;
    picker?.addEventListener("change", () => { window.location.hash = `#/checklist-templates?municipality=${picker.value}`; });
    const add = h("form", { class: "form", id: "add-step-form", novalidate: true },
      h("h2", {}, t("checklists.add_step")),
      field(t("checklists.key"), { name: "key", required: true, pattern: "[a-z][a-z0-9_]{1,39}", maxlength: 40 }, { hint: t("checklists.key_hint") }),
      field(t("checklists.order"), { name: "order", type: "number", min: 0, max: 1000, value: 150 }),
      textInputs("title", t("checklists.step_title"), {}),
      textInputs("where", t("checklists.where"), {}),
      h("button", { type: "submit", class: "button" }, t("checklists.add")));
    bindForm(add, async () => {
      const fd = new FormData(add);
      await api.put(`/checklist-templates/${slug}/steps/${String(fd.get("key") || "").trim()}`, {
        order: Number(fd.get("order")), title: readTranslations(add, "title"), where: readTranslations(add, "where"),
      });
      showStatus(t("core.saved"), "success");
      reload();
    });
    main.append(pageHeader(t("checklists.editor_title")), h("p", { class: "lead" }, t("checklists.editor_intro")),
      picker ? h("div", { class: "filters" }, field(t("checklists.municipality"), picker)) : null,
      h("ol", { class: "rows template-steps" }, data.steps.map((s) => stepEditor(slug, s, reload))), add);
  };
  await render();
}
