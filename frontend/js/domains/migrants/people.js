// The coordinator's list of people: search and filters, and the transfers waiting for a decision.
import { clear, field, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { currentUser, hasScope } from "../../core/auth.js";
import { badge, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { addStyles, fullName, needOptions, statusLabel, statusOptions } from "./common.js";

export async function peoplePage({ main, query }) {
  addStyles();
  const q = h("input", { type: "search", name: "q", value: query.q || "" });
  const status = select("status", statusOptions(t("core.all")), query.status || "");
  const need = select("need", needOptions(t("core.all")), query.need || "");
  const caseSel = select("case", [["", t("core.all")], ["open", t("migrants.case_open")], ["closed", t("migrants.case_closed")]], query.case || "");
  const mine = h("input", { type: "checkbox", name: "mine", checked: query.mine === "1" });
  const filters = h("form", { class: "filters", role: "search", id: "people-filters" },
    field(t("migrants.search_name"), q), field(t("migrants.legal_status_label"), status), field(t("migrants.need_label"), need),
    field(t("migrants.case"), caseSel), h("label", { class: "inline" }, mine, " ", t("migrants.my_cases")),
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const results = h("div", { id: "people-results" });
  function load() {
    clear(results);
    results.append(pagedList({
      className: "rows",
      empty: t("migrants.people_empty"),
      load: async (cursor) => (await m.listPeople({
          cursor, limit: 25, q: q.value, status: status.value, need: need.value, case: caseSel.value,
          coordinator: mine.checked ? currentUser()?.id : "",
      })).data,
      renderItem: (p) => h("li", { class: "row person-row" },
        h("a", { href: `#/migrants/people/${p.id}` }, fullName(p)), " ",
        badge(statusLabel(p.legal_status), p.legal_status === "returnee" ? "ok" : ""),
        p.birth_year ? h("span", { class: "hint" }, String(p.birth_year)) : null,
        h("span", { class: "hint" }, p.case_open ? t("migrants.case_open") : t("migrants.case_closed"))),
    }));
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });
  const transfers = h("section", { class: "panel", id: "transfers", hidden: true, "aria-labelledby": "transfers-title" });
  const loadTransfers = async () => {
    const { data } = await m.listTransfers({ status: "pending" });
    clear(transfers);
    const incoming = data.items.filter((x) => x.direction === "incoming");
    transfers.hidden = !incoming.length;
    transfers.append(h("h2", { id: "transfers-title" }, t("migrants.transfers_incoming")),
      h("ul", { class: "rows" }, incoming.map((x) => h("li", { class: "row transfer", dataset: { transfer: x.id } },
        h("strong", {}, `${x.given_name} ${x.family_name}`), h("span", { class: "hint" }, t("migrants.transfer_from", { from: x.from_municipality })),
        x.reason ? h("span", { class: "hint" }, x.reason) : null,
        h("span", { class: "actions" }, ["accept", "reject"].map((d) => h("button", {
          type: "button",
          class: d === "reject" ? "button small danger" : "button small",
          dataset: { decide: d },
          onclick: async () => {
            try {
              await m.decideTransfer(x.id, d);
              showStatus(t(`migrants.transfer_${d}ed`), "success");
            } catch (err) { showStatus(errorText(err), "error"); }
            loadTransfers();
            load();
          },
        }, t(`migrants.transfer_${d}`))))))));
  };
  main.append(pageHeader(t("migrants.people"),
    h("a", { class: "button", href: "#/migrants/new" }, t("migrants.register_person")),
    h("a", { class: "button secondary", href: "#/migrants/package" }, t("migrants.package"))),
  h("p", { class: "lead" }, t("migrants.people_intro")), transfers, filters, results);
  load();
  if (hasScope("migrants:write")) loadTransfers().catch(() => {});
}
