import { h } from "../core/dom.js";
import { t } from "../core/i18n.js";
import { currentUser } from "../core/auth.js";
import { allowed } from "../core/router.js";
import { domains } from "../domains/index.js";

export async function home({ main }) {
  const me = currentUser();
  const cards = domains.flatMap((d) => d.homeCards || []).filter((c) => allowed(c));
  main.append(
    h("section", { class: "hero" },
      h("h1", {}, t("core.welcome_title")),
      h("p", { class: "lead" }, t("core.welcome_text")),
      me ? h("p", {}, t("core.signed_in_as", { name: me.display_name, role: t(`core.roles.${me.role}`) })) : null),
    cards.length
      ? h("ul", { class: "home-cards" }, cards.map((card) => h("li", { class: "card" },
        h("h2", {}, h("a", { href: card.href }, t(card.title))),
        h("p", {}, t(card.text)))))
      : null,
  );
}
