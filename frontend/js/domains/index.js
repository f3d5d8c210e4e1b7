// Every domain's web pages. A domain module exports:
//   namespaces: UI string files it needs (i18n/<lang>/<namespace>.json)
//   routes:     [{path, view, title, signedIn, scopes, roles}] for the router
//   menu:       [{href, label, scopes, anyScopes, roles, signedIn, anonymousOnly, order}]
//   homeCards:  [{title, text, href, scopes?}] shown on the start page
//   accountWidgets: [() => Node] shown beside the signed-in person's name in the header
import * as directory from "./directory.js";
import * as migrants from "./migrants.js";
import * as experts from "./experts.js";
import * as ideas from "./ideas.js";
import * as indicators from "./indicators.js";
import * as translations from "./translations.js";
import * as events from "./events.js";
import * as webhooks from "./webhooks.js";
import * as checklists from "./checklists.js";
import * as notifications from "./notifications.js";

export const domains = [checklists, directory, migrants, experts, ideas, events, indicators, translations, webhooks, notifications];
