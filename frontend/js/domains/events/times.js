// An event's time as the clock shows it where the event happens, with the zone's short name
// (e.g. "GMT+2") — a diaspora reader in London sees when it starts in Vilnius, not in London.
import { formatDateTime } from "../../core/dom.js";
import { lang } from "../../core/i18n.js";

export function atPlace(iso, zone) {
  try {
    return new Date(iso).toLocaleString(lang(), {
      timeZone: zone, year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short",
    });
  } catch {
    return formatDateTime(iso, lang());  // a zone the browser does not know: its own clock
  }
}
