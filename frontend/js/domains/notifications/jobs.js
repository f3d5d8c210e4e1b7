// Admins: background jobs, their last runs and failures, and the queue.
import { formatDateTime, h } from "../../core/dom.js";
import { t } from "../../core/i18n.js";
import { badge, pageHeader, table } from "../../core/ui.js";
import * as notificationsApi from "./api.js";

const when = (v) => (v ? formatDateTime(v) : "—");

function every(job) {
  if (job.at) return t("notifications.jobs_daily_at", { time: job.at.slice(0, 5) });
  if (job.every_seconds) return t("notifications.jobs_every_minutes", { count: Math.round(job.every_seconds / 60) });
  return t("notifications.jobs_on_demand");
}

export async function jobsPage({ main }) {
  const { data } = await notificationsApi.jobs();
  const queue = data.queue.ok
    ? t("notifications.jobs_queue", { pending: data.queue.pending, scheduled: data.queue.scheduled, storage: data.storage })
    : t("notifications.jobs_queue_down");
  main.append(
    pageHeader(t("notifications.jobs_title")),
    h("p", { class: "lead", id: "jobs-queue" }, queue),
    table([
      { label: t("notifications.jobs_name"), key: "name" },
      { label: t("notifications.jobs_schedule"), render: every },
      { label: t("notifications.jobs_next"), render: (j) => when(j.next_due_at) },
      { label: t("notifications.jobs_last"), render: (j) => when(j.last_finished_at) },
      { label: t("notifications.jobs_count"), render: (j) => (j.last_count ?? "—") },
      { label: t("notifications.jobs_runs"), key: "runs" },
      { label: t("notifications.jobs_failures"), render: (j) => (j.failures ? badge(String(j.failures), "warn") : "0") },
      { label: t("notifications.jobs_last_error"), render: (j) => (j.last_error ? h("span", { title: when(j.last_failed_at) }, j.last_error) : "—") },
    ], data.jobs, { caption: t("notifications.jobs_title") }),
  );
}
