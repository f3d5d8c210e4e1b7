// Public pages: search with filters, and one service in the best language available.
import { append, clear, field, formatDate, h } from "../../core/dom.js";
import { correctionBox } from "./corrections.js";
import { lang, pick, t } from "../../core/i18n.js";
import { api } from "../../core/api.js";
import { choose, levelLabel, localText } from "../../core/texts.js";
import { listServices, readService } from "./api.js";
import { hasScope } from "../../core/auth.js";
import { municipalityName, municipalityOptions } from "../../core/reference.js";
import { replaceQuery } from "../../core/router.js";
import { badge, bindForm, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import {
  FORMATS, LEVELS, SERVICE_LANGUAGES, addStyles, categoryName, categoryOptions, formatLabel, languageBadges,
  languageName, legalStatuses, selectField, serviceCard, statusLabel, weekdayName,
} from "./common.js";

const FILTERS = ["q", "category", "municipality", "language", "provided_language", "eligible_status", "format", "level", "open_on", "free", "age", "near", "sort"];
const WHEN = ["weekdays", "evenings", "weekends"];
const DISTANCES = [1, 2, 5, 10, 25];

// "Near me": the browser's position (asked only when she presses the button), rounded to about
// 100 m before it goes into the address, with a distance to choose.
function nearControl(query, onChange) {
  const [, , meters] = (query.near || "").split(",");
  const hidden = h("input", { type: "hidden", name: "near", value: query.near || "" });
  const distance = selectField("near_km", DISTANCES.map((km) => [String(km), t("directory.within_km", { km })]), String(meters ? Number(meters) / 1000 : 5));
  distance.removeAttribute("name");
  distance.id = "near-distance";
  const state = h("p", { class: "hint", id: "near-state", "aria-live": "polite" });
  const clearButton = h("button", { type: "button", class: "button small secondary", id: "near-clear" }, t("directory.near_clear"));
  const show = () => {
    const on = Boolean(hidden.value);
    state.textContent = on ? t("directory.near_on", { km: distance.value }) : "";
    clearButton.hidden = !on;
  };
  const withDistance = () => {
    if (!hidden.value) return;
    const [lat, lng] = hidden.value.split(",");
    hidden.value = `${lat},${lng},${Number(distance.value) * 1000}`;
  };
  const button = h("button", { type: "button", class: "button secondary", id: "near-me" }, "📍 ", t("directory.near_me"));
  button.addEventListener("click", () => {
    if (!navigator.geolocation) { showStatus(t("directory.near_unavailable"), "error"); return; }
    button.disabled = true;
    navigator.geolocation.getCurrentPosition((position) => {
      button.disabled = false;
      hidden.value = `${position.coords.latitude.toFixed(3)},${position.coords.longitude.toFixed(3)},${Number(distance.value) * 1000}`;
      show();
      onChange();
    }, () => {
      button.disabled = false;
      showStatus(t("directory.near_denied"), "error");
    }, { maximumAge: 600000, timeout: 15000 });
  });
  distance.addEventListener("change", () => { withDistance(); show(); if (hidden.value) onChange(); });
  clearButton.addEventListener("click", () => { hidden.value = ""; show(); onChange(); });
  show();
  return h("div", { class: "field near-field" }, h("span", { class: "field-label" }, t("directory.near_label")),
    h("div", { class: "near-row" }, button, field(t("directory.distance"), distance), clearButton), state, hidden);
}

export async function searchPage({ main, query }) {
  addStyles();
  // The scope of the directory's styles (overlapping renders are the router's concern).
  const root = h("div", { class: "directory-page" });
  main.append(root);
  const statuses = await legalStatuses();
  const form = h("form", { class: "filters service-filters", role: "search", "aria-label": t("directory.search_title") },
    field(t("directory.q"), { name: "q", type: "search", value: query.q || "" }, { hint: t("directory.q_hint") }),
    field(t("directory.category"), selectField("category", await categoryOptions(t("core.all")), query.category)),
    field(t("directory.municipality"), selectField("municipality", await municipalityOptions(t("core.all")), query.municipality)),
    field(t("directory.language"), selectField("language", [["", t("core.all")], ...SERVICE_LANGUAGES.map((c) => [c, languageName(c)])], query.language), { hint: t("directory.language_hint") }),
    field(t("directory.provided_language"), selectField("provided_language", [["", t("core.all")], ...SERVICE_LANGUAGES.map((c) => [c, languageName(c)])], query.provided_language), { hint: t("directory.provided_language_hint") }),
    field(t("directory.eligibility"), selectField("eligible_status", [["", t("core.all")], ...statuses.map((s) => [s.code, s.name])], query.eligible_status)),
    field(t("directory.format"), selectField("format", [["", t("core.all")], ...FORMATS.map((f) => [f, formatLabel(f)])], query.format)),
    field(t("directory.level"), selectField("level", [["", t("core.all")], ...LEVELS.map((l) => [l, levelLabel(l)])], query.level)),
    field(t("directory.open_on"), { name: "open_on", type: "date", value: query.open_on || "" }),
    field(t("directory.age"), { name: "age", type: "number", min: 0, max: 120, value: query.age || "" }),
    h("fieldset", { class: "field when-field" }, h("legend", {}, t("directory.when")),
      WHEN.map((w) => h("label", { class: "inline" },
        h("input", { type: "checkbox", name: "when", value: w, checked: (query.when || "").split(",").includes(w) }), " ", t(`directory.when_${w}`)))),
    h("label", { class: "block free-only" }, h("input", { type: "checkbox", name: "free", value: "true", checked: query.free === "true" }), t("directory.free_only")),
    nearControl(query, () => search()),
    field(t("directory.sort"), selectField("sort", [["", t("directory.sort_relevance")], ["name", t("directory.sort_name")], ["distance", t("directory.sort_distance")]], query.sort)),
    h("button", { type: "submit", class: "button" }, t("core.search")));
  const sortSelect = form.querySelector("select[name=sort]");
  const results = h("div", { id: "service-results", "aria-live": "polite" });

  // "Nearest first" needs a point: offered only once "near me" is on, and chosen by default then.
  let nearWasOn = Boolean(query.near);
  function syncSort(near) {
    const option = sortSelect.querySelector("option[value=distance]");
    option.disabled = !near;
    if (!near && sortSelect.value === "distance") sortSelect.value = "";
    if (near && !nearWasOn && !sortSelect.value) sortSelect.value = "distance";
    nearWasOn = near;
  }

  function search({ focus = false } = {}) {
    const data = new FormData(form);
    syncSort(Boolean(data.get("near")));
    const entries = [...new FormData(form).entries()].filter(([k, v]) => FILTERS.includes(k) && v !== "");
    const params = Object.fromEntries(entries);
    const when = data.getAll("when").map(String);
    const shown = when.length ? { ...params, when: when.join(",") } : params;
    replaceQuery(shown);
    clear(results);
    const heading = h("h2", { tabindex: "-1" }, Object.keys(shown).length ? t("directory.results") : t("directory.all_services"));
    results.append(heading);
    const list = pagedList({
      className: "card-list",
      empty: t("directory.no_results"),
      load: async (cursor) => (await listServices({ ...params, when, status: "active", cursor, limit: 12 })).data,
      renderItem: (service) => h("li", {}, serviceCard(service)),
    });
    results.append(list);
    list.ready.then(() => {
      // Pressing "search" leads to what was found (focus never stays on a button that vanished
      // or drops to the page); a filter changed keeps focus where it is.
      if (focus) heading.focus();
      if (!list.querySelector("li")) return unmetNeedForm(shown).then((form) => results.append(form));
      return null;
    }).catch(() => {});
  }
  form.addEventListener("submit", (e) => { e.preventDefault(); search({ focus: true }); });
  for (const el of form.querySelectorAll("select[name], input[type=checkbox], input[type=date]")) el.addEventListener("change", search);

  append(root, [
    pageHeader(t("directory.title"),
      hasScope("directory:write") ? h("a", { class: "button secondary", href: "#/services/mine" }, t("directory.my_services")) : null),
    h("p", { class: "lead" }, t("directory.intro")),
    form, results]);
  search();
}

// A search that found nothing: "tell us what you were looking for" (no account, nothing about her).
async function unmetNeedForm(params) {
  const message = h("textarea", { name: "message", rows: 3, maxlength: 1000, id: "unmet-message" }, params.q || "");
  // Searched everywhere: ask where (optional), so the right municipality sees it.
  const place = params.municipality ? null
    : selectField("municipality", await municipalityOptions(t("directory.unmet_anywhere")), "", { id: "unmet-municipality" });
  const form = h("form", { class: "form unmet-need", id: "unmet-need-form", novalidate: true },
    h("h3", {}, t("directory.unmet_title")),
    h("p", { class: "hint" }, t("directory.unmet_intro")),
    field(t("directory.unmet_message"), message),
    place ? field(t("directory.unmet_where"), place) : null,
    h("button", { type: "submit", class: "button secondary" }, t("directory.unmet_send")));
  bindForm(form, async () => {
    const { q, municipality, ...filters } = params;
    await api.post("/unmet-needs", {
      municipality: municipality || place?.value || undefined, language: lang(), query: q || undefined,
      filters, message: message.value.trim() || undefined,
    }, { auth: false });
    const done = h("p", { class: "notice", role: "status", tabindex: "-1", id: "unmet-thanks" }, t("directory.unmet_thanks"));
    form.replaceWith(done);
    done.focus();
  });
  return form;
}

function fact(label, value) {
  if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return null;
  return [h("dt", {}, label), h("dd", {}, value)];
}

export async function servicePage({ main, params }) {
  addStyles();
  // The scope of the directory's styles (overlapping renders are the router's concern).
  const root = h("div", { class: "directory-page" });
  main.append(root);
  // Every text with all its translations, so each is shown with its own language (and a note when
  // it is not in the reader's).
  const { data: s } = await readService(params.id, { translations: "all" });
  const texts = s.translation_status || {};
  const own = (value, field) => localText(value, { note: false, status: texts[field] || null });
  const categories = await Promise.all(s.categories.map(categoryName));
  const statuses = await legalStatuses();
  const statusNames = s.eligible_statuses.map((c) => statuses.find((x) => x.code === c)?.name || c);
  const age = s.age_min !== null || s.age_max !== null ? `${s.age_min ?? 0}–${s.age_max ?? "…"}` : "";
  const cost = s.free ? t("directory.free")
    : [s.cost_amount ? `${s.cost_amount} € ` : "", choose(s.cost_description).text ? own(s.cost_description, "cost_description") : ""].filter(Boolean);
  const schedule = (s.schedule || []).map((slot) => `${weekdayName(slot.weekday)} ${slot.opens}–${slot.closes}`).join(", ");
  const dates = [s.start_date ? formatDate(s.start_date) : "", s.end_date ? formatDate(s.end_date) : ""].filter(Boolean).join(" – ");
  const locations = s.locations.map((loc) => h("li", { class: "location" },
    h("strong", {}, choose(loc.name).text ? own(loc.name) : loc.city || ""), " ",
    loc.address_hidden ? badge(t("directory.address_confidential"), "warn")
      : [loc.address, loc.postal_code, loc.city].filter(Boolean).join(", "),
    choose(loc.accessibility).text ? h("p", { class: "hint" }, own(loc.accessibility)) : null));
  const canEdit = hasScope("directory:write");
  const name = choose(s.name);
  const description = choose(s.description);
  const header = pageHeader(name.text,
    canEdit ? h("a", { class: "button secondary", href: `#/services/${s.id}/edit`, id: "edit-service" }, t("directory.edit")) : null);
  const heading = header.querySelector("h1");
  if (name.lang) heading.setAttribute("lang", name.lang);
  heading.setAttribute("dir", "auto");
  document.title = `${name.text} – Langelis`;
  const shownIn = [name, description].find((x) => x.fallback && x.text);
  append(root, [
    header,
    h("p", { class: "org lead" }, pick(s.organization_name), " · ", await municipalityName(s.municipality)),
    shownIn ? h("p", { class: "hint", id: "text-language-note" }, t("directory.shown_in", { language: languageName(shownIn.lang) })) : null,
    s.status !== "active" ? h("p", { class: "notice" }, statusLabel(s.status)) : null,
    h("div", { class: "prose service-description" }, localText(s.description, { tag: "p", note: false, status: texts.description || null })),
    h("dl", { class: "facts service-facts" },
      fact(t("directory.categories"), categories.join(", ")),
      fact(t("directory.languages"), languageBadges(s.languages)),
      fact(t("directory.provided_languages"), s.provided_languages?.length ? languageBadges(s.provided_languages) : null),
      fact(t("directory.format"), formatLabel(s.format)),
      fact(t("directory.level"), levelLabel(s.level)),
      fact(t("directory.cost"), cost),
      fact(t("directory.schedule"), schedule),
      fact(t("directory.dates"), dates),
      fact(t("directory.eligibility"), statusNames.length ? statusNames.join(", ") : t("directory.everyone")),
      fact(t("directory.age"), age),
      fact(t("directory.eligibility_note"), choose(s.eligibility_note).text ? own(s.eligibility_note, "eligibility_note") : ""),
      fact(t("directory.capacity"), s.capacity),
      fact(t("directory.how_to_apply"), choose(s.application_process).text ? own(s.application_process, "application_process") : ""),
      fact(t("directory.contacts"), [
        s.phone ? h("a", { href: `tel:${s.phone.replace(/\s/g, "")}` }, s.phone) : null, s.phone && s.email ? " · " : null,
        s.email ? h("a", { href: `mailto:${s.email}` }, s.email) : null, (s.phone || s.email) && s.url ? " · " : null,
        s.url ? h("a", { href: s.url, rel: "noopener", target: "_blank" }, t("directory.website")) : null].filter(Boolean)),
      fact(t("directory.verified"), s.assured_date ? [formatDate(s.assured_date), s.stale ? [" ", badge(t("directory.stale"), "warn")] : null] : badge(t("directory.stale"), "warn"))),
    locations.length ? h("section", {}, h("h2", {}, t("directory.locations")), h("ul", { class: "locations" }, locations)) : null,
    h("p", {}, h("a", { class: "button", id: "ask-for-help", href: `#/ask-for-help?municipality=${s.municipality}&service=${s.id}` }, t("directory.ask_for_help"))),
    correctionBox(s),
    h("p", {}, h("a", { href: "#/services" }, t("directory.back_to_search")))]);
}
