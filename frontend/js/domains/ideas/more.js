// Open calls and the moderation queue with blocks (notifications: ../notifications/).
import { clear, field, formatDate, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { plural } from "../../core/texts.js";
import * as ideasApi from "./api.js";
import * as auth from "../../core/auth.js";
import { municipalityName, municipalityOptions } from "../../core/reference.js";
import { navigate, render as renderPage } from "../../core/router.js";
import { badge, bindForm, errorText, keepingFocus, pageHeader, pagedList, showStatus } from "../../core/ui.js";
import { ensureCss, money } from "./common.js";
import { ideaCard } from "./board.js";

// Redraw the page keeping the keyboard focus where it was (never on <body>).
const render = () => keepingFocus(renderPage);

// --- open calls --------------------------------------------------------------------------------

export async function callsPage({ main }) {
  ensureCss();
  const me = auth.currentUser();
  const list = pagedList({
    load: async (cursor) => (await ideasApi.listCalls({ cursor })).data,
    renderItem: (c) => h("li", { class: "card" },
      h("h2", {}, h("a", { href: `#/open-calls/${c.id}` }, c.title)),
      h("p", {}, badge(t(`ideas.call_phases.${c.phase}`), c.phase === "open" ? "ok" : "muted"), " ", c.prize, c.prize_amount ? ` · ${money(c.prize_amount)}` : ""),
      h("p", { class: "hint" }, t("ideas.submissions_until", { date: formatDate(c.submissions_until) }))),
    empty: t("ideas.no_calls"),
  });
  const actions = me && me.scopes.includes("budgets:manage") ? [h("a", { class: "button", href: "#/open-calls/new" }, t("ideas.new_call"))] : [];
  main.append(pageHeader(t("ideas.calls_title"), ...actions), h("p", { class: "lead" }, t("ideas.calls_intro")), list);
}

export async function newCallPage({ main }) {
  const me = auth.currentUser();
  const form = h("form", { class: "form", novalidate: true },
    field(t("core.municipality"), select("municipality", await municipalityOptions(null), me.municipality || "vilniaus-m")),
    field(t("ideas.call_title"), { name: "title", required: true }),
    field(t("ideas.description"), h("textarea", { name: "description", rows: 3 })),
    field(t("ideas.prize"), { name: "prize", required: true }),
    field(t("ideas.prize_amount"), { name: "prize_amount", type: "number", min: 0 }),
    field(t("ideas.submissions_from"), { name: "submissions_from", type: "date", required: true }),
    field(t("ideas.submissions_until_label"), { name: "submissions_until", type: "date", required: true }),
    h("button", { type: "submit", class: "button" }, t("core.create")));
  bindForm(form, async () => {
    const d = Object.fromEntries(new FormData(form).entries());
    const body = {
      municipality: d.municipality,
      title: { lt: d.title },
      description: d.description ? { lt: d.description } : {},
      prize: { lt: d.prize },
      submissions_from: d.submissions_from ? new Date(`${d.submissions_from}T00:00:00`).toISOString() : null,
      submissions_until: d.submissions_until ? new Date(`${d.submissions_until}T23:59:00`).toISOString() : null,
    };
    if (d.prize_amount) body.prize_amount = Number(d.prize_amount);
    const { data } = await ideasApi.createCall(body);
    navigate(`/open-calls/${data.id}`);
  });
  main.append(h("h1", {}, t("ideas.new_call")), form);
}

export async function callPage({ main, params }) {
  ensureCss();
  const me = auth.currentUser();
  const { data: call } = await ideasApi.readCall(params.id);
  main.append(pageHeader(call.title,
    call.phase === "open" && me ? h("a", { class: "button", href: `#/ideas/new?open_call=${call.id}&municipality=${call.municipality}&category=culture` }, t("ideas.submit_entry")) : null),
  h("p", {}, badge(t(`ideas.call_phases.${call.phase}`), call.phase === "open" ? "ok" : "muted"), " ", await municipalityName(call.municipality)),
  call.description ? h("p", { class: "lead" }, call.description) : null,
  h("dl", { class: "facts" },
    h("dt", {}, t("ideas.prize")), h("dd", {}, call.prize, call.prize_amount ? ` (${money(call.prize_amount)})` : ""),
    h("dt", {}, t("ideas.submissions")), h("dd", {}, `${formatDate(call.submissions_from)} – ${formatDate(call.submissions_until)}`),
    h("dt", {}, t("ideas.entries")), h("dd", {}, String(call.entry_count))),
  call.award_note ? h("p", { class: "notice" }, call.award_note) : null);
  const entries = pagedList({
    load: async (cursor) => (await ideasApi.listIdeas({ open_call: call.id, sort: "-vote_count", cursor })).data,
    renderItem: ideaCard,
    empty: t("ideas.no_entries"),
  });
  main.append(h("h2", {}, t("ideas.entries")), entries);
  await entries.ready;
  if (call.can_manage && call.phase === "judging") {
    const { data } = await ideasApi.listIdeas({ open_call: call.id, sort: "-vote_count", limit: 100 });
    const form = h("form", { class: "form", novalidate: true },
      h("h2", {}, t("ideas.award")),
      field(t("ideas.winning_entry"), select("idea_id", data.items.map((i) => [i.id, i.title]), "")),
      field(t("ideas.award_note"), h("textarea", { name: "note", rows: 2 })),
      h("button", { type: "submit", class: "button" }, t("ideas.award")));
    bindForm(form, async () => {
      const d = Object.fromEntries(new FormData(form).entries());
      const current = await ideasApi.readCall(call.id);
      await ideasApi.awardCall(call.id, { idea_id: d.idea_id, note: d.note ? { lt: d.note } : {} }, current.etag);
      render();
    });
    main.append(form);
  }
}

// --- moderation ----------------------------------------------------------------------------------

export async function moderationPage({ main, query }) {
  ensureCss();
  const status = query.status || "";
  const filters = h("form", { class: "filters" },
    field(t("core.status"), select("status", [["", t("ideas.pending_cases")], ["restored", t("ideas.case_status.restored")], ["removed", t("ideas.case_status.removed")]], status)),
    h("button", { type: "submit", class: "button secondary" }, t("core.filter")));
  const queue = h("div", { id: "moderation-queue" });
  const decide = (c, action) => async () => {
    try {
      const current = await ideasApi.readCase(c.id);
      await ideasApi.decideCase(c.id, action, current.etag);
      showStatus(t("core.saved"), "success");
      render();
    } catch (err) { showStatus(errorText(err), "error"); }
  };
  function load() {
    const s = new FormData(filters).get("status");
    clear(queue);
    queue.append(pagedList({
      listTag: "ul",
      className: "rows",
      load: async (cursor) => (await ideasApi.listCases({ status: s || undefined, cursor })).data,
      renderItem: (c) => h("li", { class: "row case" },
        badge(t(`ideas.case_status.${c.status}`), c.status === "hidden" ? "danger" : "warn"),
        badge(t(`ideas.target.${c.target_type}`), "muted"),
        h("a", { href: `#/ideas/${c.idea_id}` }, c.excerpt || "—"),
        h("span", {}, plural("ideas.flags_n", c.open_flags)),
        h("span", { class: "hint" }, Object.entries(c.reasons).map(([r, n]) => `${t(`ideas.reasons.${r}`)}: ${n}`).join(", ")),
        h("span", {}, c.author_name || ""),
        c.status !== "removed" ? h("span", { class: "case-actions" },
          c.status !== "hidden" ? h("button", { type: "button", class: "button small secondary", onclick: decide(c, "hide") }, t("ideas.hide")) : null, " ",
          h("button", { type: "button", class: "button small", onclick: decide(c, "restore") }, t("ideas.restore")), " ",
          h("button", { type: "button", class: "button small danger", onclick: decide(c, "remove") }, t("ideas.remove")), " ",
          c.author_id ? h("button", { type: "button", class: "button small secondary", onclick: () => blockForm.fill(c.author_id, c.author_name) }, t("ideas.block_author")) : null) : null),
      empty: t("ideas.queue_empty"),
    }));
  }
  filters.addEventListener("submit", (e) => { e.preventDefault(); load(); });

  const blocks = h("div", { id: "blocks" });
  function loadBlocks() {
    clear(blocks);
    const list = pagedList({
      listTag: "ul",
      className: "rows",
      load: async (cursor) => (await ideasApi.listBlocks({ cursor })).data,
      renderItem: (b) => h("li", { class: "row" }, h("strong", {}, b.display_name || b.user_id), " ", badge(b.municipality, "muted"), " ", b.reason, " ",
        h("span", { class: "hint" }, formatDateTime(b.created_at)), " ",
        h("button", { type: "button", class: "button small secondary", onclick: async () => {
          try {
            await ideasApi.deleteBlock(b.municipality, b.user_id);
            // The row and its button go: focus moves to the next row's button, else the list's heading.
            await keepingFocus(loadBlocks, () => blocks.querySelector("button") || document.getElementById("blocks-title"));
          } catch (err) { showStatus(errorText(err), "error"); }
        } }, t("ideas.unblock"))),
      empty: t("ideas.no_blocks"),
    });
    blocks.append(list);
    return list.ready;
  }
  const userInput = h("input", { name: "user_id", required: true });
  const who = h("p", { class: "hint" });
  const blockForm = h("form", { class: "form", novalidate: true, id: "block-form" },
    h("h3", {}, t("ideas.block_person")), who,
    field(t("ideas.person_id"), userInput),
    field(t("ideas.reason"), { name: "reason", required: true, minlength: 3 }),
    h("button", { type: "submit", class: "button danger" }, t("ideas.block")));
  blockForm.fill = (id, name) => { userInput.value = id; who.textContent = name || ""; blockForm.scrollIntoView(); userInput.focus(); };
  bindForm(blockForm, async () => {
    const d = Object.fromEntries(new FormData(blockForm).entries());
    await ideasApi.createBlock({ user_id: d.user_id, reason: d.reason });
    blockForm.reset();
    who.textContent = "";
    loadBlocks();
    load();
  });
  main.append(pageHeader(t("ideas.moderation_title")), h("p", { class: "lead" }, t("ideas.moderation_intro")), filters, queue,
    h("h2", { id: "blocks-title" }, t("ideas.blocks")), blocks, blockForm);
  load();
  loadBlocks();
}
