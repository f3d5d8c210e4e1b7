// The returnee package editor: what a returnee's case is offered when it opens.
import { clear, field, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { bindForm, focusOn, pageHeader, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { addStyles, categories, needLabel, needOptions } from "./common.js";

export async function packagePage({ main }) {
  addStyles();
  const cats = await categories();
  let { data: current, etag } = await m.readPackage();
  const list = h("ul", { class: "rows", id: "package-items" });
  const items = [...current.items];
  const draw = () => {
    clear(list);
    if (!items.length) list.append(h("li", { class: "empty" }, t("migrants.package_empty")));
    items.forEach((item, i) => list.append(h("li", { class: "row" },
      h("strong", {}, needLabel(item.need)), " → ",
      item.category ? (cats.find(([c]) => c === item.category)?.[1] || item.category) : (serviceNames[item.service_id] || `${t("migrants.service")} ${item.service_id}`),
      h("button", { type: "button", class: "button small secondary", onclick: () => {
        items.splice(i, 1);
        draw();
        // Its row is gone: focus the next row's "remove" (or the one before), else the "need" field.
        const buttons = list.querySelectorAll("button");
        focusOn(buttons[Math.min(i, buttons.length - 1)] || needSel);
      } }, t("migrants.remove")))));
  };
  const needSel = select("need", needOptions(), "community");
  const catSel = select("category", cats.length ? cats : [["community", "community"]], "community");
  const serviceSel = select("service_id", [["", t("migrants.best_match")]], "");
  const serviceNames = {};
  const loadServices = async () => {
    try {
      const { data } = await m.listServices({ category: catSel.value, municipality: current.municipality, limit: 50 });
      clear(serviceSel);
      serviceSel.append(h("option", { value: "" }, t("migrants.best_match")));
      for (const svc of data.items) {
        serviceNames[svc.id] = svc.name;
        serviceSel.append(h("option", { value: svc.id }, svc.name));
      }
    } catch { /* the category alone still works */ }
  };
  catSel.addEventListener("change", loadServices);
  const add = h("form", { class: "inline-form", id: "package-add", novalidate: true },
    field(t("migrants.need_label"), needSel), field(t("migrants.category"), catSel), field(t("migrants.service"), serviceSel),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.add_item")));
  add.addEventListener("submit", (e) => {
    e.preventDefault();
    items.push(serviceSel.value ? { need: needSel.value, service_id: serviceSel.value } : { need: needSel.value, category: catSel.value });
    draw();
  });
  loadServices();
  const save = h("form", { class: "form", id: "package-save" }, h("button", { type: "submit", class: "button" }, t("migrants.save_package")));
  bindForm(save, async () => {
    const body = { responsible_coordinator_id: current.responsible_coordinator_id, items };
    const res = await m.writePackage(body, current.version ? etag : null);
    current = res.data;
    etag = res.etag;
    showStatus(t("migrants.saved"), "success");
  });
  draw();
  main.append(pageHeader(t("migrants.package")), h("p", { class: "lead" }, t("migrants.package_intro")), list, add, save);
}
