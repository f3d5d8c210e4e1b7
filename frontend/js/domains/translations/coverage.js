// The coverage report: for each domain and language, the share of texts that are original or up to
// date, with counts, and the texts that went out of date longest ago first.
import { formatDate, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { currentUser } from "../../core/auth.js";
import { pageHeader, table } from "../../core/ui.js";
import * as translations from "./api.js";
import { WORK_LANGUAGES, addStyles, fieldLabel, languageName, recordLabel } from "./common.js";

function percent(share) {
  return new Intl.NumberFormat(document.documentElement.lang || "lt", { style: "percent", maximumFractionDigits: 0 }).format(share);
}

export async function coveragePage({ main, query }) {
  addStyles();
  const user = currentUser();
  const params = user && user.role === "admin" && query.municipality ? { municipality: query.municipality } : {};
  const { data } = await translations.coverage(params);
  main.append(pageHeader(t("translations.coverage_title")), h("p", {}, t("translations.coverage_intro")));
  for (const domain of data.domains) {
    main.append(h("h2", {}, t(`translations.domain_${domain.domain}`)),
      table([
        { label: t("translations.language"), render: (c) => languageName(c.lang) },
        { label: t("translations.current"), render: (c) => h("span", {}, h("meter", { min: 0, max: 1, value: c.share_current, "aria-hidden": "true" }), " ", percent(c.share_current)) },
        { label: t("translations.status_original"), key: "original" },
        { label: t("translations.status_up_to_date"), key: "up_to_date" },
        { label: t("translations.status_outdated"), key: "outdated" },
        { label: t("translations.status_machine"), key: "machine" },
        { label: t("translations.status_missing"), key: "missing" },
      ], domain.languages.filter((c) => WORK_LANGUAGES.includes(c.lang)), { caption: t("translations.texts_count", { count: domain.languages[0]?.texts ?? 0 }) }));
  }
  main.append(h("h2", {}, t("translations.oldest_outdated")));
  if (!data.oldest_outdated.length) {
    main.append(h("p", { class: "empty" }, t("translations.none_outdated")));
    return;
  }
  main.append(h("ul", { class: "card-list" }, data.oldest_outdated.map((item) => h("li", { class: "card" },
    h("a", { href: `#/translations?lang=${item.lang}&status=outdated` }, `${recordLabel(item.record_type)}: ${fieldLabel(item.field)} – ${languageName(item.lang)}`),
    " ", h("span", { class: "hint" }, t("translations.outdated_since", { date: formatDate(item.outdated_since) })),
    " ", h("a", { href: item.link }, t("translations.open_record"))))));
}
