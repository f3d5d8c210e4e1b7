// The notification centre's calls, one per operation (core/api.js answers {data, etag, …}).
import { api } from "../../core/api.js";

export const list = (query) => api.get("/notifications", { query });
export const summary = () => api.get("/notifications/summary");
export const mark = (id, read) => api.post(`/notifications/${id}/${read ? "read" : "unread"}`);
export const markAllRead = () => api.post("/notifications/read-all");
export const preferences = () => api.get("/notifications/preferences");
export const savePreferences = (channels) => api.put("/notifications/preferences", { channels });
export const jobs = () => api.get("/admin/jobs");
