// The notification centre: yours, newest first, unread only on request; mark read, all read.
import { clear, formatDateTime, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { badge, errorText, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import * as notificationsApi from "./api.js";
import { refreshBell } from "./bell.js";

export async function centrePage({ main }) {
  const list = h("div", {});
  let unreadOnly = false;
  const toggle = h("input", { type: "checkbox", id: "notifications-unread-only",
    onchange: () => { unreadOnly = toggle.checked; load(); } });
  function load() {
    clear(list);
    list.append(pagedList({
      listTag: "ul",
      className: "rows notification-list",
      load: async (cursor) => (await notificationsApi.list({ cursor, unread: unreadOnly ? "true" : undefined })).data,
      renderItem: (n) => h("li", { class: n.read ? "row notification" : "row notification unread", dataset: { id: n.id } },
        n.read ? null : badge(t("notifications.unread"), "warn"),
        " ",
        h("a", { href: `#${(n.link || "/notifications").replace(/^#/, "")}`, onclick: () => notificationsApi.mark(n.id, true).catch(() => null) }, n.title),
        " ",
        h("span", { class: "hint" }, formatDateTime(n.created_at)),
        " ",
        h("button", { type: "button", class: "button small secondary mark-button", onclick: async () => {
          try {
            await notificationsApi.mark(n.id, !n.read);
            load();
            refreshBell();
          } catch (err) { showStatus(errorText(err), "error"); }
        } }, t(n.read ? "notifications.mark_unread" : "notifications.mark_read"))),
      empty: t("notifications.empty"),
    }));
  }
  const allRead = h("button", { type: "button", class: "button secondary", id: "mark-all-read", onclick: async () => {
    try {
      const { data } = await notificationsApi.markAllRead();
      showStatus(t("notifications.marked", { count: data.updated }), "success");
      load();
      refreshBell();
    } catch (err) { showStatus(errorText(err), "error"); }
  } }, t("notifications.mark_all_read"));
  main.append(
    pageHeader(t("notifications.title"), allRead, h("a", { href: "#/notifications/preferences", class: "button secondary" }, t("notifications.preferences_title"))),
    h("p", {}, h("label", { for: toggle.id }, toggle, " ", t("notifications.unread_only"))),
    list,
  );
  load();
}
