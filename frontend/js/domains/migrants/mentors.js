// The case's mentors on the person page: who mentors the person now, link a mentor from the
// experts who offer mentoring (needs the person's mentoring_contact consent), end a link.
import { field, formatDate, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { hasScope } from "../../core/auth.js";
import { bindForm, errorText, showStatus } from "../../core/ui.js";
import * as m from "./api.js";

async function nameOf(expertId) {
  try {
    return (await m.readExpert(expertId)).data.display_name;
  } catch {
    return t("migrants.former_mentor");
  }
}

export async function mentorsSection(p, caseData, reload) {
  const { data } = await m.listMentors(p.id);
  const current = data.items.filter((x) => !x.ended_at);
  const names = await Promise.all(current.map((x) => nameOf(x.mentor_id)));
  const canWrite = hasScope("migrants:write") && caseData && !p.anonymised;
  const list = current.length
    ? h("ul", { class: "rows", id: "case-mentors" }, current.map((x, i) => h("li", { class: "row" },
      h("a", { href: `#/experts/people/${x.mentor_id}` }, names[i]),
      h("span", { class: "hint" }, t("migrants.mentor_since", { date: formatDate(x.started_at) })),
      canWrite ? h("button", { type: "button", class: "button small secondary", onclick: async () => {
        try {
          await m.unlinkMentor(p.id, x.mentor_id);
          showStatus(t("migrants.mentor_unlinked"), "success");
          reload();
        } catch (err) { showStatus(errorText(err), "error"); }
      } }, t("migrants.unlink_mentor")) : null)))
    : h("p", { class: "empty" }, t("migrants.no_mentors"));
  let form = null;
  if (canWrite) {
    const found = (await m.searchMentors({ available: "true", municipality: "any", limit: 50 })).data.items
      .filter((x) => !current.some((c) => c.mentor_id === x.id));
    if (found.length) {
      form = h("form", { class: "form inline-form", id: "link-mentor-form", novalidate: true },
        field(t("migrants.choose_mentor"), select("mentor_id", found.map((x) => [x.id, x.display_name]), found[0].id),
          { hint: p.consents.some((c) => c.purpose === "mentoring_contact" && c.granted) ? t("migrants.mentor_hint") : t("migrants.mentor_needs_consent") }),
        h("button", { type: "submit", class: "button" }, t("migrants.link_mentor")));
      bindForm(form, async () => {
        await m.linkMentor(p.id, new FormData(form).get("mentor_id"));
        showStatus(t("migrants.mentor_linked"), "success");
        reload();
      });
    } else {
      form = h("p", { class: "hint" }, t("migrants.no_free_mentors"), " ", h("a", { href: "#/mentors" }, t("migrants.find_mentors")));
    }
  }
  return h("section", { class: "panel", id: "mentors", "aria-labelledby": "mentors-title" },
    h("h2", { id: "mentors-title" }, t("migrants.mentors")), list, form);
}
