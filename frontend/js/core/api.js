// The API client: base URL from config.js, bearer tokens, refresh on expiry, problem+json errors.
import { lang } from "./i18n.js";

const config = window.LANGELIS_CONFIG || {};
export const API_BASE = String(config.apiBase || "").replace(/\/$/, "");
export const API_ROOT = `${API_BASE}/api/v1`;

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  // Field errors keyed by the last element of their location (e.g. "email").
  fieldErrors() {
    const out = {};
    for (const err of this.problem.errors || []) {
      const loc = err.loc || [];
      const name = loc.length ? loc[loc.length - 1] : "";
      out[name] = out[name] ? `${out[name]}; ${err.msg}` : err.msg;
    }
    return out;
  }
}

let tokenProvider = null;
export function setTokenProvider(provider) {
  tokenProvider = provider;
}

function buildUrl(path, query) {
  const url = new URL(path.startsWith("http") ? path : `${API_ROOT}${path}`, window.location.href);
  for (const [key, value] of Object.entries(query || {})) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) value.forEach((v) => url.searchParams.append(key, v));
    else url.searchParams.set(key, value);
  }
  return url.toString();
}

async function parse(res) {
  if (res.status === 204 || res.status === 304) return null;
  const type = res.headers.get("content-type") || "";
  if (type.includes("json")) return res.json();
  return res.text();
}

// request("GET", "/services", {query, body, form, headers, etag, auth: true})
// returns {data, etag, headers, status}; throws ApiError on 4xx/5xx.
export async function request(method, path, options = {}) {
  const { query, body, form, headers = {}, etag, auth = true, retry = true, idempotencyKey } = options;
  const init = { method, headers: { Accept: "application/json", "Accept-Language": lang(), ...headers } };
  if (form) {
    init.body = new URLSearchParams(form);
    init.headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers["Content-Type"] = "application/json";
  }
  if (etag) init.headers["If-Match"] = etag;
  if (idempotencyKey) init.headers["Idempotency-Key"] = idempotencyKey;
  const token = auth && tokenProvider ? await tokenProvider.accessToken() : null;
  if (token) init.headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(buildUrl(path, query), init);
  } catch (err) {
    throw new ApiError(0, { title: "Network error", detail: String(err) });
  }
  if (res.status === 401 && token && retry && tokenProvider) {
    const refreshed = await tokenProvider.refresh();
    if (refreshed) return request(method, path, { ...options, retry: false });
  }
  const data = await parse(res);
  if (!res.ok) throw new ApiError(res.status, typeof data === "object" ? data : { detail: data });
  return { data, etag: res.headers.get("ETag"), headers: res.headers, status: res.status };
}

export const api = {
  get: (path, options) => request("GET", path, options),
  post: (path, body, options = {}) => request("POST", path, { ...options, body }),
  patch: (path, body, options = {}) => request("PATCH", path, { ...options, body }),
  put: (path, body, options = {}) => request("PUT", path, { ...options, body }),
  del: (path, options) => request("DELETE", path, options),
};

// Fetch a file (CSV export…) with the user's token and hand it to the browser as a download.
export async function download(path, query, filename) {
  const token = tokenProvider ? await tokenProvider.accessToken() : null;
  const res = await fetch(buildUrl(path, query), {
    headers: { "Accept-Language": lang(), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
  if (!res.ok) throw new ApiError(res.status, await parse(res));
  const blob = await res.blob();
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

// Send a file or text as the raw request body (CSV imports…), with the user's token.
export async function upload(path, body, { contentType = "text/csv", query, method = "POST" } = {}) {
  const token = tokenProvider ? await tokenProvider.accessToken() : null;
  const res = await fetch(buildUrl(path, query), {
    method,
    body,
    headers: {
      Accept: "application/json",
      "Accept-Language": lang(),
      "Content-Type": contentType,
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
  });
  const data = await parse(res);
  if (!res.ok) throw new ApiError(res.status, typeof data === "object" ? data : { detail: data });
  return { data, etag: res.headers.get("ETag"), headers: res.headers, status: res.status };
}

export function newIdempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
