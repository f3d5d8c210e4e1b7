// An iCalendar repeat rule (RFC 5545 RRULE) in words for the reader: "Weekly: Thursday",
// "Щомісяця, до 31.12.2027". Never the rule's own codes.
import { field, h, select } from "../../core/dom.js";
import { lang, t } from "../../core/i18n.js";

const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const FREQS = ["daily", "weekly", "monthly", "yearly"];

function weekday(code) {
  const index = DAYS.indexOf(code.replace(/^[+-]?\d+/, ""));
  if (index < 0) return null;
  // 1 January 2024 was a Monday.
  return new Date(Date.UTC(2024, 0, 1 + index)).toLocaleDateString(lang(), { weekday: "long", timeZone: "UTC" });
}

function untilDate(value) {
  const m = /^(\d{4})(\d{2})(\d{2})/.exec(value || "");
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toLocaleDateString(lang(), { timeZone: "UTC" }) : null;
}

export function repeatText(rrule) {
  if (!rrule) return null;
  const parts = Object.fromEntries(String(rrule).split(";").map((p) => p.split("=")).filter((p) => p.length === 2).map(([k, v]) => [k.toUpperCase(), v]));
  const freq = String(parts.FREQ || "").toLowerCase();
  if (!FREQS.includes(freq)) return t("events.repeats_custom");
  const interval = Number(parts.INTERVAL || 1);
  const words = [interval > 1 ? t(`events.every_${freq}_n`, { n: interval }) : t(`events.every_${freq}`)];
  const days = (parts.BYDAY || "").split(",").map(weekday).filter(Boolean);
  if (days.length) words[0] += `: ${days.join(", ")}`;
  const until = untilDate(parts.UNTIL);
  if (until) words.push(t("events.until", { date: until }));
  else if (parts.COUNT) words.push(t("events.times", { count: Number(parts.COUNT) }));
  return words.join(", ");
}

// --- the organiser's repeat picker ----------------------------------------------------------------
// How often, every how many, on which weekdays, and until when (or how many times), written back
// as an RRULE. Parts of an existing rule the picker does not show (BYMONTHDAY, BYSETPOS…) are kept
// while the frequency stays the same.

const SHOWN = new Set(["FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT"]);

function parseRule(rrule) {
  const parts = {};
  for (const piece of String(rrule || "").split(";")) {
    const [key, value] = piece.split("=");
    if (key && value) parts[key.toUpperCase()] = value;
  }
  return parts;
}

export function repeatFields(rrule) {
  const parts = parseRule(rrule);
  const freq = String(parts.FREQ || "").toLowerCase();
  const days = new Set((parts.BYDAY || "").split(",").filter(Boolean).map((d) => d.replace(/^[+-]?\d+/, "")));
  const until = /^(\d{4})(\d{2})(\d{2})/.exec(parts.UNTIL || "");
  const kept = Object.entries(parts).filter(([k]) => !SHOWN.has(k)).map(([k, v]) => `${k}=${v}`).join(";");
  const box = h("fieldset", { class: "field repeat-picker", dataset: { field: "rrule", kept, freq } },
    h("legend", {}, t("events.repeats_public")),
    field(t("events.repeat_how_often"), select("repeat_freq", [["", t("events.repeat_never")], ...FREQS.map((f) => [f, t(`events.every_${f}`)])], freq)),
    field(t("events.repeat_interval"), { name: "repeat_interval", type: "number", min: 1, max: 99, value: parts.INTERVAL || 1 }),
    h("fieldset", { class: "weekdays" }, h("legend", {}, t("events.repeat_on_days")),
      DAYS.map((code) => h("label", { class: "inline" },
        h("input", { type: "checkbox", name: "repeat_days", value: code, checked: days.has(code) }), " ", weekday(code)))),
    field(t("events.repeat_until"), { name: "repeat_until", type: "date", value: until ? `${until[1]}-${until[2]}-${until[3]}` : "" }),
    field(t("events.repeat_count"), { name: "repeat_count", type: "number", min: 1, max: 1000, value: parts.COUNT || "" }),
    h("p", { class: "field-error", hidden: true }));
  return box;
}

export function readRepeat(form) {
  const fd = new FormData(form);
  const freq = String(fd.get("repeat_freq") || "");
  if (!freq) return null;
  const box = form.querySelector(".repeat-picker");
  const rule = [`FREQ=${freq.toUpperCase()}`];
  const interval = Number(fd.get("repeat_interval") || 1);
  if (interval > 1) rule.push(`INTERVAL=${interval}`);
  const days = fd.getAll("repeat_days");
  if (days.length) rule.push(`BYDAY=${days.join(",")}`);
  const until = String(fd.get("repeat_until") || "");
  if (until) rule.push(`UNTIL=${until.replaceAll("-", "")}T235959Z`);
  else if (fd.get("repeat_count")) rule.push(`COUNT=${Number(fd.get("repeat_count"))}`);
  if (box?.dataset.kept && box.dataset.freq === freq) rule.push(box.dataset.kept);
  return rule.join(";");
}
