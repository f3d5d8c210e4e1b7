// The translations domain's calls, one per operation (core/api.js answers {data, etag, …}).
import { api } from "../../core/api.js";

export const queue = (query) => api.get("/translations/queue", { query });
export const readRecord = (type, id) => api.get(`/translations/records/${type}/${id}`);
export const save = (type, id, field, lang, text, etag) =>
  api.put(`/translations/records/${type}/${id}/${field}/${lang}`, { text }, { etag });
export const machine = (body) => api.post("/translations/machine", body);
export const machineStatus = () => api.get("/translations/machine");
export const coverage = (query) => api.get("/translations/coverage", { query });
