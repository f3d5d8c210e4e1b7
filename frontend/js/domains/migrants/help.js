// "Ask for help": a newcomer (or a returnee still abroad) writes to her municipality's one-stop
// shop without an account, in her language; and the coordinators' queue of such requests, where a
// request becomes a person with a case in one step, or is closed with a reason.
import { field, formatDateTime, h, select } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";
import { municipalityOptions } from "../../core/reference.js";
import { navigate } from "../../core/router.js";
import { languageName } from "../../core/texts.js";
import { badge, bindForm, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import * as m from "./api.js";
import { LEGAL_STATUSES, NEEDS, UI_LANGUAGES, addStyles, needLabel, statusLabel } from "./common.js";

// The proof of work the server asks for instead of a CAPTCHA: find a number whose SHA-256 with the
// challenge starts with enough zero bits (about a second on a phone).
async function solve(challenge, difficulty) {
  const encoder = new TextEncoder();
  const zeroBits = (bytes) => {
    let bits = 0;
    for (const byte of bytes) {
      if (byte === 0) { bits += 8; continue; }
      return bits + Math.clz32(byte) - 24;
    }
    return bits;
  };
  for (let counter = 0; ; counter += 1) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(`${challenge}:${counter}`)));
    if (zeroBits(digest) >= difficulty) return String(counter);
  }
}

export async function askForHelpPage({ main, query }) {
  addStyles();
  const needs = (query.needs || "").split(",").filter(Boolean);
  const needBoxes = h("fieldset", { dataset: { field: "needs" } }, h("legend", {}, t("migrants.help_needs")),
    h("div", { class: "check-grid" }, NEEDS.map((code) => h("label", { class: "block" },
      h("input", { type: "checkbox", name: "needs", value: code, checked: needs.includes(code) }), " ", needLabel(code)))),
    h("p", { class: "field-error", hidden: true }));
  const languages = [...new Set([lang(), ...UI_LANGUAGES])];
  const form = h("form", { class: "form", id: "help-form", novalidate: true },
    field(t("migrants.help_municipality"), select("municipality", await municipalityOptions(null), query.municipality || "vilniaus-m")),
    field(t("migrants.help_name"), { name: "name", required: true, maxlength: 120, autocomplete: "name" }),
    field(t("migrants.help_email"), { name: "email", type: "email", maxlength: 320, autocomplete: "email" }, { hint: t("migrants.help_reach_hint") }),
    field(t("migrants.help_phone"), { name: "phone", type: "tel", maxlength: 40, autocomplete: "tel" }),
    field(t("migrants.help_language"), select("preferred_language", languages.map((c) => [c, languageName(c)]), lang())),
    needBoxes,
    field(t("migrants.help_message"), h("textarea", { name: "message", rows: 4, maxlength: 2000 })),
    h("label", { class: "block" }, h("input", { type: "checkbox", name: "abroad", value: "true", checked: query.abroad === "true" }), " ", t("migrants.help_abroad")),
    h("div", { class: "field", dataset: { field: "consent" } },
      h("label", { class: "block" }, h("input", { type: "checkbox", name: "consent", value: "true", required: true }), " ", t("migrants.help_consent")),
      h("p", { class: "field-error", hidden: true })),
    h("p", { class: "hint" }, t("migrants.help_privacy")),
    h("button", { type: "submit", class: "button" }, t("migrants.help_send")));
  bindForm(form, async () => {
    const fd = new FormData(form);
    const text = (k) => String(fd.get(k) || "").trim();
    const button = form.querySelector("[type=submit]");
    button.textContent = t("migrants.help_sending");
    try {
      const { data: found } = await m.contactChallenge();
      const body = {
        municipality: fd.get("municipality"),
        name: text("name"),
        preferred_language: fd.get("preferred_language"),
        needs: fd.getAll("needs"),
        message: text("message"),
        abroad: fd.get("abroad") === "true",
        consent: fd.get("consent") === "true",
        challenge: found.challenge,
        solution: await solve(found.challenge, found.difficulty),
      };
      if (text("email")) body.email = text("email");
      if (text("phone")) body.phone = text("phone");
      if (query.service) body.service_id = query.service;
      const { data } = await m.askForHelp(body);
      const done = h("section", { class: "notice", id: "help-sent", tabindex: "-1" },
        h("h2", {}, t("migrants.help_sent_title")),
        h("p", {}, data.message),
        h("p", {}, t("migrants.help_reference"), " ", h("strong", { id: "help-reference" }, data.reference)));
      form.replaceWith(done);
      done.focus();
    } finally {
      button.textContent = t("migrants.help_send");
    }
  });
  main.append(pageHeader(t("migrants.help_title")), h("p", { class: "lead" }, t("migrants.help_intro")), form);
}

function requestCard(r, reload) {
  const convert = h("form", { class: "form narrow convert-form", novalidate: true },
    h("div", { class: "two-col" },
      field(t("migrants.given_name"), { name: "given_name", required: true, maxlength: 120, value: r.name.split(" ")[0] || "" }),
      field(t("migrants.family_name"), { name: "family_name", required: true, maxlength: 120, value: r.name.split(" ").slice(1).join(" ") })),
    field(t("migrants.legal_status_label"), select("legal_status", LEGAL_STATUSES.map((c) => [c, statusLabel(c)]), r.abroad ? "returnee" : "temporary_protection")),
    h("button", { type: "submit", class: "button" }, t("migrants.help_convert")));
  bindForm(convert, async () => {
    const fd = new FormData(convert);
    const { data } = await m.convertContactRequest(r.id, {
      given_name: String(fd.get("given_name") || "").trim(),
      family_name: String(fd.get("family_name") || "").trim(),
      legal_status: fd.get("legal_status"),
    });
    showStatus(t("migrants.help_converted"), "success");
    navigate(`/migrants/people/${data.person_id}`);
  });
  const closeForm = h("form", { class: "form narrow close-form", novalidate: true },
    field(t("migrants.help_close_reason"), { name: "reason", required: true, maxlength: 300 }),
    h("button", { type: "submit", class: "button secondary" }, t("migrants.help_close")));
  bindForm(closeForm, async () => {
    await m.closeContactRequest(r.id, { reason: String(new FormData(closeForm).get("reason") || "").trim() });
    showStatus(t("migrants.help_closed"), "success");
    reload();
  });
  const li = h("li", { class: "card contact-request", dataset: { reference: r.reference } },
    h("h2", {}, r.name, " ", badge(r.reference, "muted")),
    h("p", { class: "hint" }, formatDateTime(r.created_at), " · ", languageName(r.preferred_language), r.abroad ? [" · ", badge(t("migrants.help_abroad_badge"), "warn")] : null),
    h("p", {}, [r.email, r.phone].filter(Boolean).join(" · ")),
    r.needs.length ? h("p", {}, r.needs.map((n) => badge(needLabel(n)))) : null,
    r.message ? h("p", { class: "prose", lang: r.preferred_language, dir: "auto" }, r.message) : null,
    r.status === "new" ? [h("details", {}, h("summary", {}, t("migrants.help_convert")), convert), h("details", {}, h("summary", {}, t("migrants.help_close")), closeForm)]
      : h("p", {}, badge(t(`migrants.help_status.${r.status}`)), " ", r.close_reason || "",
        r.person_id ? [" ", h("a", { href: `#/migrants/people/${r.person_id}` }, t("migrants.help_open_person"))] : null));
  return li;
}

export async function contactQueuePage({ main, query }) {
  addStyles();
  const status = query.status || "new";
  const filter = select("status", ["new", "converted", "closed"].map((s) => [s, t(`migrants.help_status.${s}`)]), status, { id: "contact-status" });
  filter.addEventListener("change", () => navigate("/migrants/contact-requests", { status: filter.value }));
  const reload = () => navigate("/migrants/contact-requests", { status });
  main.append(pageHeader(t("migrants.help_queue_title")), h("p", { class: "lead" }, t("migrants.help_queue_intro")),
    h("div", { class: "filters" }, field(t("core.status"), filter)),
    pagedList({
      empty: t("migrants.help_queue_none"),
      load: async (cursor) => (await m.listContactRequests({ status, cursor, limit: 20 })).data,
      renderItem: (r) => requestCard(r, reload),
    }));
}
