// One idea: votes, following, flags, the official answer, the discussion; author and moderator tools.
import { clear, field, formatDate, formatDateTime, h, select } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { choose, languageName, plural } from "../../core/texts.js";
import * as ideasApi from "./api.js";
import * as auth from "../../core/auth.js";
import { municipalityName } from "../../core/reference.js";
import { navigate, render as renderPage } from "../../core/router.js";
import { badge, bindForm, errorText, keepingFocus, pageHeader, showStatus, whileBusy } from "../../core/ui.js";
import { ensureCss, paragraphs, residenceBadge, stateBadge } from "./common.js";

// Redraw the page keeping the keyboard focus where it was (never on <body>).
const render = () => keepingFocus(renderPage);

const REASONS = ["spam", "offensive", "off_topic", "personal_data", "other"];
const MOVES = ["under_review", "accepted", "rejected", "in_progress", "implemented"];

async function act(fn, okMessage) {
  try {
    await fn();
    if (okMessage) showStatus(okMessage, "success");
    return true;
  } catch (err) {
    showStatus(errorText(err), "error");
    return false;
  }
}

function flagForm(send, onDone) {
  const form = h("form", { class: "inline-form flag-form" },
    field(t("ideas.flag_reason"), select("reason", REASONS.map((r) => [r, t(`ideas.reasons.${r}`)]), "spam")),
    h("button", { type: "submit", class: "button small secondary" }, t("ideas.flag")));
  bindForm(form, async () => {
    await send({ reason: new FormData(form).get("reason") });
    showStatus(t("ideas.flagged"), "success");
    onDone?.();
  });
  return form;
}

export async function ideaPage({ main, params }) {
  ensureCss();
  const me = auth.currentUser();
  const { data: idea, etag } = await ideasApi.readIdea(params.id);
  const participant = Boolean(me && me.scopes.includes("ideas:participate"));

  const voteCount = h("span", { id: "vote-count", "aria-live": "polite" }, plural("ideas.votes_count", idea.vote_count));
  const voteButton = h("button", { type: "button", class: idea.viewer.voted ? "button secondary" : "button", id: "vote-button", "aria-pressed": String(idea.viewer.voted) },
    t(idea.viewer.voted ? "ideas.unvote" : "ideas.vote"));
  let voted = idea.viewer.voted;
  voteButton.addEventListener("click", async () => {
    if (!me) { navigate("/login", { next: `/ideas/${idea.id}` }); return; }
    await whileBusy(voteButton, () => act(async () => {
      const { data } = voted ? await ideasApi.withdrawVote(idea.id) : await ideasApi.vote(idea.id);
      voted = data.voted;
      voteCount.textContent = plural("ideas.votes_count", data.vote_count);
      voteButton.textContent = t(voted ? "ideas.unvote" : "ideas.vote");
      voteButton.className = voted ? "button secondary" : "button";
      voteButton.setAttribute("aria-pressed", String(voted));
      if (data.votes_left_this_year !== null && data.votes_left_this_year !== undefined) {
        showStatus(t("ideas.votes_left", { count: data.votes_left_this_year }));
      }
    }));
  });
  const votable = ["published", "under_review", "accepted", "in_progress", "implemented"].includes(idea.state);

  let following = idea.viewer.following;
  const followButton = h("button", { type: "button", class: "button secondary", id: "follow-button", "aria-pressed": String(following) }, t(following ? "ideas.unfollow" : "ideas.follow"));
  followButton.addEventListener("click", () => act(async () => {
    if (following) await ideasApi.unfollow(idea.id); else await ideasApi.follow(idea.id);
    following = !following;
    followButton.textContent = t(following ? "ideas.unfollow" : "ideas.follow");
    followButton.setAttribute("aria-pressed", String(following));
  }));

  // The texts with all their translations: each shown in its own language, a fallback noted.
  const { data: texts } = await ideasApi.readIdea(idea.id, { translations: "all" });
  const title = choose(texts.title);
  const header = pageHeader(title.text || idea.title);
  const heading = header.querySelector("h1");
  if (title.lang) heading.setAttribute("lang", title.lang);
  heading.setAttribute("dir", "auto");
  document.title = `${title.text || idea.title} – Langelis`;
  const meta = h("p", { class: "idea-meta" }, stateBadge(idea.state), " ", residenceBadge(idea.author.residence), " ",
    h("span", { class: "badge muted" }, idea.category_name), " ",
    idea.awarded ? badge(t("ideas.awarded"), "ok") : null,
    idea.moderation && idea.moderation !== "visible" ? badge(t(`ideas.moderation.${idea.moderation}`), "danger") : null,
    idea.pending_state ? badge(t("ideas.pending_state", { state: t(`ideas.states.${idea.pending_state}`) }), "warn") : null);
  const facts = h("dl", { class: "facts" },
    h("dt", {}, t("core.municipality")), h("dd", {}, h("a", { href: `#/ideas?municipality=${idea.municipality}` }, await municipalityName(idea.municipality))),
    h("dt", {}, t("ideas.author")), h("dd", {}, idea.author.name),
    h("dt", {}, t("ideas.published_at")), h("dd", {}, formatDate(idea.published_at || idea.created_at)),
    idea.place ? [h("dt", {}, t("ideas.place")), h("dd", {}, idea.place)] : null,
    idea.answered_at ? [h("dt", {}, t("ideas.answered_at")), h("dd", {}, formatDate(idea.answered_at))] : null);
  const images = idea.image_urls.length
    ? h("ul", { class: "image-links" }, idea.image_urls.map((u, i) => h("li", {}, h("a", { href: u, rel: "noopener noreferrer nofollow", target: "_blank" }, t("ideas.image_n", { n: i + 1 })))))
    : null;

  const actions = h("div", { class: "idea-actions" },
    votable ? h("div", { class: "vote-box" }, voteCount, " ", participant || !me ? voteButton : null) : h("p", {}, voteCount, " ", t("ideas.voting_closed")),
    participant && idea.state !== "draft" ? followButton : null);

  const body = choose(texts.body);
  const shownIn = [title, body].find((x) => x.fallback && x.text);
  main.append(header,
    shownIn ? h("p", { class: "hint", id: "text-language-note" }, t("core.shown_in", { language: languageName(shownIn.lang) })) : null,
    meta, facts, h("div", { class: "idea-body", lang: body.lang || undefined, dir: "auto" }, paragraphs(body.text || idea.body)),
    images, actions);

  // The author's tools.
  if (idea.author.is_you) main.append(authorTools(idea, etag));

  // Flag the idea.
  if (participant && !idea.author.is_you && idea.state !== "draft") {
    main.append(idea.viewer.flagged ? h("p", { class: "hint" }, t("ideas.already_flagged"))
      : h("details", { class: "flag-box" }, h("summary", {}, t("ideas.flag_idea")), flagForm((body) => ideasApi.flagIdea(idea.id, body), render)));
  }

  // Official answers.
  const answersBox = h("section", { class: "answers", "aria-labelledby": "answers-h" }, h("h2", { id: "answers-h" }, t("ideas.official_answer")));
  main.append(answersBox);
  await loadAnswers(answersBox, idea);

  // Discussion.
  const discussion = h("section", { class: "comments", "aria-labelledby": "comments-h" }, h("h2", { id: "comments-h" }, t("ideas.discussion")));
  main.append(discussion);
  await loadComments(discussion, idea, participant);
}

function authorTools(idea, etag) {
  const box = h("section", { class: "author-tools", "aria-labelledby": "author-h" }, h("h2", { id: "author-h" }, t("ideas.your_idea")));
  if (idea.viewer.can_publish) {
    box.append(h("button", { type: "button", class: "button", id: "publish-idea", onclick: () => act(async () => {
      await ideasApi.changeIdeaState(idea.id, "published", etag);
      render();
    }, t("ideas.published")) }, t("ideas.publish")));
  }
  if (idea.viewer.can_edit) {
    const form = h("form", { class: "form", novalidate: true },
      field(t("ideas.title"), { name: "title", value: idea.title, required: true, maxlength: 200 }),
      field(t("ideas.body"), h("textarea", { name: "body", rows: 6 }, idea.body)),
      h("button", { type: "submit", class: "button secondary" }, t("core.save")));
    bindForm(form, async () => {
      const d = Object.fromEntries(new FormData(form).entries());
      const { data: full } = await ideasApi.readIdea(idea.id, { translations: "all" });
      const code = Object.keys(full.title)[0] || "lt";
      await ideasApi.updateIdea(idea.id, { title: { [code]: d.title }, body: { [code]: d.body } }, etag);
      showStatus(t("core.saved"), "success");
      render();
    });
    box.append(h("details", {}, h("summary", {}, t("ideas.edit")), h("p", { class: "hint" }, t("ideas.edit_hint")), form));
  }
  if (idea.viewer.can_withdraw) {
    box.append(h("button", { type: "button", class: "button danger", onclick: () => {
      if (!window.confirm(t("ideas.confirm_withdraw"))) return;
      act(async () => { await ideasApi.changeIdeaState(idea.id, "withdrawn", etag); render(); }, t("ideas.withdrawn"));
    } }, t("ideas.withdraw")));
  }
  return box;
}

async function loadAnswers(box, idea) {
  const { data } = await ideasApi.listAnswers(idea.id, { limit: 50 });
  const list = h("div", {});
  for (const a of data.items) {
    list.append(h("article", { class: a.published_at ? "answer" : "answer draft" },
      h("p", { class: "answer-meta" }, a.published_at ? formatDateTime(a.published_at) : badge(t("ideas.unpublished"), "warn"),
        a.new_state ? [" ", stateBadge(a.new_state)] : null),
      h("div", { dir: "auto" }, paragraphs(a.body)),
      !a.published_at && idea.viewer.can_moderate ? h("p", {},
        h("button", { type: "button", class: "button small", onclick: () => act(async () => {
          const current = await ideasApi.readAnswer(idea.id, a.id);
          await ideasApi.publishAnswer(idea.id, a.id, current.etag);
          render();
        }, t("ideas.answer_published")) }, t("ideas.publish_answer")), " ",
        h("button", { type: "button", class: "button small danger", onclick: () => act(async () => {
          const current = await ideasApi.readAnswer(idea.id, a.id);
          await ideasApi.deleteAnswer(idea.id, a.id, current.etag);
          render();
        }) }, t("core.delete"))) : null));
  }
  if (!data.items.length) list.append(h("p", { class: "empty" }, t("ideas.no_answer")));
  box.append(list);
  if (idea.viewer.can_moderate && !data.items.some((a) => !a.published_at)) {
    const form = h("form", { class: "form", novalidate: true, id: "answer-form" },
      field(t("ideas.answer_text"), h("textarea", { name: "body", rows: 5, required: true })),
      field(t("ideas.answer_state"), select("new_state", [["", t("ideas.no_state_change")], ...MOVES.map((s) => [s, t(`ideas.states.${s}`)])], "")),
      h("p", { class: "hint" }, t("ideas.answer_private_hint")),
      h("button", { type: "submit", class: "button secondary" }, t("ideas.save_answer")));
    bindForm(form, async () => {
      const d = Object.fromEntries(new FormData(form).entries());
      const body = { body: { lt: d.body } };
      if (d.new_state) body.new_state = d.new_state;
      await ideasApi.createAnswer(idea.id, body);
      showStatus(t("ideas.answer_saved"), "success");
      render();
    });
    box.append(h("details", {}, h("summary", {}, t("ideas.write_answer")), form));
  }
}

async function loadComments(box, idea, participant) {
  const list = h("ol", { class: "comment-list", id: "comment-list" });
  const more = h("button", { type: "button", class: "button secondary", hidden: true }, t("core.load_more"));
  let cursor = null;
  async function next() {
    const { data } = await ideasApi.listComments(idea.id, { cursor, limit: 50 });
    for (const c of data.items) list.append(commentItem(c, idea, participant));
    cursor = data.next_cursor;
    more.hidden = !cursor;
    if (!list.children.length) list.append(h("li", { class: "empty" }, t("ideas.no_comments")));
  }
  more.addEventListener("click", next);
  box.append(list, more);
  await next();
  const commentable = ["published", "under_review", "accepted", "rejected", "in_progress", "implemented"].includes(idea.state);
  if (participant && commentable) box.append(commentForm(idea.id, null));
  else if (!auth.currentUser()) box.append(h("p", {}, h("a", { href: `#/login?next=/ideas/${idea.id}` }, t("ideas.sign_in_to_comment"))));
}

function commentForm(ideaId, parentId) {
  const id = parentId ? `reply-${parentId}` : "comment-body";
  const form = h("form", { class: "form comment-form", novalidate: true },
    field(t(parentId ? "ideas.your_reply" : "ideas.your_comment"), h("textarea", { name: "body", id, rows: 3, required: true, maxlength: 5000 })),
    h("button", { type: "submit", class: "button", id: parentId ? undefined : "comment-submit" }, t(parentId ? "ideas.reply" : "ideas.comment")));
  bindForm(form, async () => {
    const body = String(new FormData(form).get("body") || "");
    await ideasApi.createComment(ideaId, { body, parent_id: parentId });
    showStatus(t("ideas.comment_posted"), "success");
    render();
  });
  return form;
}

function commentItem(c, idea, participant) {
  const item = h("li", { class: `comment depth-${c.depth}`, id: `comment-${c.id}` });
  const text = c.deleted ? h("p", { class: "muted-text" }, t("ideas.comment_deleted"))
    : c.body === null ? h("p", { class: "muted-text" }, t("ideas.comment_hidden"))
      : h("div", { class: "comment-body", dir: "auto" }, paragraphs(c.body));
  item.append(
    h("p", { class: "comment-meta" }, h("strong", {}, c.author_name || "—"), " ", residenceBadge(c.author_residence), " ",
      h("time", { datetime: c.created_at }, formatDateTime(c.created_at)), c.edited_at ? ` (${t("ideas.edited")})` : "",
      c.moderation && c.moderation !== "visible" ? [" ", badge(t(`ideas.moderation.${c.moderation}`), "danger")] : null),
    text);
  const tools = h("div", { class: "comment-tools" });
  if (participant && c.can_reply) {
    tools.append(h("details", {}, h("summary", {}, t("ideas.reply")), commentForm(idea.id, c.id)));
  }
  if (c.is_mine && !c.deleted) {
    if (c.editable_until && new Date(c.editable_until) > new Date() && c.body !== null) {
      const form = h("form", { class: "form", novalidate: true },
        field(t("ideas.your_comment"), h("textarea", { name: "body", rows: 3 }, c.body)),
        h("button", { type: "submit", class: "button small secondary" }, t("core.save")));
      bindForm(form, async () => {
        const current = await ideasApi.readComment(idea.id, c.id);
        await ideasApi.editComment(idea.id, c.id, { body: String(new FormData(form).get("body")) }, current.etag);
        render();
      });
      tools.append(h("details", {}, h("summary", {}, t("core.edit")), form));
    }
    tools.append(h("button", { type: "button", class: "button small danger", onclick: () => {
      if (!window.confirm(t("ideas.confirm_delete_comment"))) return;
      act(async () => { const current = await ideasApi.readComment(idea.id, c.id); await ideasApi.deleteComment(idea.id, c.id, current.etag); render(); });
    } }, t("core.delete")));
  } else if (participant && !c.deleted && c.body !== null) {
    tools.append(h("details", { class: "flag-box" }, h("summary", {}, t("ideas.flag")), flagForm((body) => ideasApi.flagComment(idea.id, c.id, body))));
  }
  if (tools.children.length) item.append(tools);
  return item;
}

export { clear };
