// My registrations and the private calendar feed (a secret URL that can be replaced or revoked).
import { clear, h, useStyle } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { render as renderPage } from "../../core/router.js";
import { keepingFocus, pageHeader, showStatus } from "../../core/ui.js";
import { myRegistrations, newFeed, revokeFeed } from "./api.js";
import { titleLink } from "./calendar.js";
import { atPlace } from "./times.js";

// Redraw the page keeping the keyboard focus where it was (never on <body>).
const render = () => keepingFocus(renderPage);

export async function myRegistrationsPage({ main }) {
  useStyle("events");
  const { data } = await myRegistrations();
  const feedOut = h("p", { class: "feed-url", "aria-live": "polite" });
  const make = h("button", { type: "button", class: "button secondary", id: "new-feed" }, t("events.feed_new"));
  make.addEventListener("click", async () => {
    const { data: feed } = await newFeed();
    clear(feedOut).append(h("code", {}, feed.url));
    showStatus(t("events.feed_made"), "success");
  });
  const revoke = h("button", { type: "button", class: "button secondary" }, t("events.feed_revoke"));
  revoke.addEventListener("click", async () => { await revokeFeed(); showStatus(t("events.feed_revoked"), "success"); render(); });
  clear(main).append(pageHeader(t("events.mine_title")),
    h("section", { class: "card" }, h("h2", {}, t("events.feed_title")), h("p", {}, t("events.feed_intro")), make, " ", revoke, feedOut),
    data.items.length
      ? h("ul", { class: "card-list" }, data.items.map(({ registration: r, event: e }) => h("li", { class: "card" },
        h("h2", {}, titleLink(e)),
        h("p", {}, atPlace(e.starts_at, e.timezone), " · ", t(`events.my_status.${r.status}`)))))
      : h("p", { class: "empty" }, t("events.mine_none")));
}
