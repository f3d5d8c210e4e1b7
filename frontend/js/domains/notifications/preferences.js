// Your channel per kind of notification: in the app, by e-mail, in the daily digest, or off.
import { h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { bindForm, pageHeader, showStatus, table } from "../../core/ui.js";
import * as notificationsApi from "./api.js";

export async function preferencesPage({ main }) {
  const { data } = await notificationsApi.preferences();
  const rows = data.items.map((p) => ({
    ...p,
    control: h("select", { name: p.kind, "aria-label": p.label },
      data.channels.map((c) => h("option", { value: c, selected: c === p.channel }, t(`notifications.channel_${c}`)))),
  }));
  const form = h("form", { class: "form", id: "notification-preferences" },
    table([
      { label: t("notifications.kind"), key: "label" },
      { label: t("notifications.channel"), render: (r) => r.control },
    ], rows),
    h("button", { type: "submit", class: "button" }, t("notifications.save")));
  bindForm(form, async () => {
    const channels = Object.fromEntries(rows.map((r) => [r.kind, r.control.value]));
    await notificationsApi.savePreferences(channels);
    showStatus(t("notifications.saved"), "success");
  });
  main.append(pageHeader(t("notifications.preferences_title")), h("p", { class: "lead" }, t("notifications.preferences_intro")), form);
}
