// The bell in the header: unread count, a link to the notification centre; refreshed on navigation.
import { h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import * as auth from "../../core/auth.js";
import * as notificationsApi from "./api.js";

let bellLink = null;

export async function refreshBell() {
  if (!bellLink || !auth.isSignedIn()) return;
  try {
    const { data } = await notificationsApi.summary();
    const count = bellLink.querySelector(".bell-count");
    count.textContent = data.unread ? String(data.unread) : "";
    count.hidden = !data.unread;
    bellLink.setAttribute("aria-label", t("notifications.bell_label", { count: data.unread }));
    bellLink.dataset.unread = String(data.unread);
  } catch {
    // The bell is a convenience: a failed count leaves it as it was.
  }
}

export function bell() {
  bellLink = h("a", { href: "#/notifications", class: "notification-bell", id: "notification-bell", "aria-label": t("notifications.title") },
    h("span", { "aria-hidden": "true" }, "🔔"), h("span", { class: "badge warn bell-count", hidden: true }));
  refreshBell();
  return bellLink;
}

window.addEventListener("hashchange", refreshBell);
