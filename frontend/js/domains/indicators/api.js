// The indicators API, one function per operation: pages call these instead of writing URLs.
import { api, download, request, upload } from "../../core/api.js";

export function listDefinitions(query = {}) {
  return api.get("/indicators", { query });
}

export function analytics(query) {
  return api.get("/analytics", { query });
}

export function downloadAnalytics(query, filename) {
  return download("/analytics", { ...query, format: "csv" }, filename);
}

// Load a file of observations (CSV, SDMX-CSV, JSON, NDJSON), streamed as it is.
export function importData(file, { contentType, query }) {
  return upload("/indicators/data", file, { contentType, query });
}

// action: "publish" or "unpublish"; body: { indicators, places, periods }.
export function publishSets(action, body) {
  return api.post(`/indicators/${action}`, body);
}

// The evaluation report as HTML text (with the user's token: drafts for readers).
export function monitoringReport(query) {
  return request("GET", "/reports/monitoring", { query, headers: { Accept: "text/html" } });
}
