// One event: details, registration (signed-in), .ics download and calendar links.
import { clear, field, h, useStyle } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import * as auth from "../../core/auth.js";
import { navigate, render as renderPage } from "../../core/router.js";
import { badge, bindForm, keepingFocus, pageHeader, showStatus } from "../../core/ui.js";
import { choose, languageName, localText } from "../../core/texts.js";
import { eventIcsUrl, readEvent, register, unregister } from "./api.js";
import { repeatText } from "./repeats.js";
import { atPlace } from "./times.js";

// Redraw the page keeping the keyboard focus where it was (never on <body>).
const render = () => keepingFocus(renderPage);

function detail(label, value) {
  return value ? [h("dt", {}, label), h("dd", {}, value)] : [];
}

function registrationBox(e) {
  const me = auth.currentUser();
  if (e.status === "cancelled") return h("p", { class: "notice" }, t("events.cancelled"));
  if (!me) {
    const login = h("button", { type: "button", class: "button" }, t("events.sign_in_to_register"));
    login.addEventListener("click", () => navigate("/login", { next: `/events/${e.id}` }));
    return login;
  }
  if (e.my_registration && e.my_registration !== "cancelled") {
    const leave = h("button", { type: "button", class: "button secondary", id: "unregister" }, t("events.unregister"));
    leave.addEventListener("click", async () => {
      await unregister(e.id);
      showStatus(t("events.unregistered"), "success");
      render();
    });
    return h("div", { class: "registration" }, h("p", { role: "status" }, t(`events.my_status.${e.my_registration}`)), leave);
  }
  const form = h("form", { class: "registration", id: "register-form" },
    e.questions.map((q) => field(q, { name: q, type: "text", maxlength: 500 })),
    h("button", { type: "submit", class: "button" }, t(e.capacity && e.confirmed_count >= e.capacity ? "events.join_waitlist" : "events.register")));
  bindForm(form, async () => {
    const answers = Object.fromEntries([...new FormData(form).entries()].filter(([, v]) => v));
    const { data } = await register(e.id, answers);
    showStatus(t(`events.my_status.${data.status}`), "success");
    render();
  });
  return form;
}

// The page heading in the title's own language.
function titled(header, title) {
  const heading = header.querySelector("h1");
  if (title.lang) heading.setAttribute("lang", title.lang);
  heading.setAttribute("dir", "auto");
  document.title = `${title.text} – Langelis`;
  return header;
}

export async function eventPage({ main, params }) {
  useStyle("events");
  // Every translation, so each text is shown in its own language with a note when it is a fallback
  // (and a machine translation says so, with the original a click away).
  const { data: e } = await readEvent(params.id, { translations: "all" });
  const status = e.translation_status || {};
  const title = choose(e.title);
  const description = choose(e.description);
  const actions = [h("a", { class: "button secondary", href: eventIcsUrl(e.id), download: `event-${e.id}.ics` }, t("events.download_ics"))];
  if (e.can_manage) {
    actions.push(h("a", { class: "button secondary", href: `#/events/${e.id}/edit` }, t("events.edit_event")));
    actions.push(h("a", { class: "button secondary", href: `#/events/${e.id}/manage` }, t("events.manage_title")));
  }
  const seats = e.capacity ? t("events.seats", { taken: e.confirmed_count, capacity: e.capacity }) : null;
  clear(main).append(
    titled(pageHeader(title.text, ...actions), title),
    [title, description].some((x) => x.fallback && x.text)
      ? h("p", { class: "hint", id: "text-language-note" }, t("core.shown_in", { language: languageName([title, description].find((x) => x.fallback && x.text).lang) }))
      : null,
    h("p", {}, badge(t(`events.kinds.${e.kind}`)), " ", badge(t(`events.audiences.${e.audience}`), "muted"),
      e.status === "cancelled" ? badge(t("events.cancelled"), "danger") : null),
    h("dl", { class: "event-details" },
      ...detail(t("events.starts"), atPlace(e.starts_at, e.timezone)),
      ...detail(t("events.ends"), atPlace(e.ends_at, e.timezone)),
      ...detail(t("events.repeats_public"), repeatText(e.rrule)),
      ...detail(t("events.place"), e.address || (e.online ? t("events.online") : null)),
      ...detail(t("events.online_link"), e.online_url ? h("a", { href: e.online_url, rel: "noopener" }, e.online_url) : null),
      ...detail(t("events.languages"), e.languages.map(languageName).join(", ")),
      ...detail(t("events.cost"), e.cost),
      ...detail(t("events.capacity"), seats),
      ...detail(t("events.accessibility"), choose(e.accessibility).text ? localText(e.accessibility, { status: status.accessibility || null }) : null)),
    description.text ? h("div", { class: "event-description" }, localText(e.description, { tag: "p", note: false, status: status.description || null })) : null,
    registrationBox(e));
}
