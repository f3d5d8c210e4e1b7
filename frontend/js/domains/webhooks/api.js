// The webhooks domain's calls, one per operation (core/api.js answers {data, etag, …}).
import { api } from "../../core/api.js";

export const eventTypes = () => api.get("/webhooks/event-types");
export const list = (query) => api.get("/webhooks", { query });
export const create = (body) => api.post("/webhooks", body);
export const read = (id) => api.get(`/webhooks/${id}`);
export const update = (id, body, etag) => api.patch(`/webhooks/${id}`, body, { etag });
export const remove = (id) => api.del(`/webhooks/${id}`);
export const rotate = (id) => api.post(`/webhooks/${id}/rotate-secret`);
export const ping = (id) => api.post(`/webhooks/${id}/ping`);
export const deliveries = (id, query) => api.get(`/webhooks/${id}/deliveries`, { query });
export const redeliver = (id, deliveryId) => api.post(`/webhooks/${id}/deliveries/${deliveryId}/redeliver`);
