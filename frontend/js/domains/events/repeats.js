// An iCalendar repeat rule (RFC 5545 RRULE) in words for the reader: "Weekly: Thursday",
// "Щомісяця, до 31.12.2027". Never the rule's own codes.
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
