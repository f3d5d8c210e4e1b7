// The events API, one function per operation.
import { API_ROOT, api, download } from "../../core/api.js";

export const listEvents = (query) => api.get("/events", { query, auth: false });
export const readEvent = (id, query) => api.get(`/events/${id}`, query ? { query } : undefined);
export const createEvent = (body) => api.post("/events", body);
export const updateEvent = (id, body, etag) => api.patch(`/events/${id}`, body, { etag });
export const cancelEvent = (id, etag) => api.post(`/events/${id}/cancel`, undefined, { etag });
export const register = (id, answers) => api.post(`/events/${id}/registration`, { answers });
export const unregister = (id) => api.del(`/events/${id}/registration`);
export const listRegistrations = (id) => api.get(`/events/${id}/registrations`);
export const exportRegistrations = (id) => download(`/events/${id}/registrations.csv`, {}, `registrations-${id}.csv`);
export const markAttendance = (id, regId, attended) => api.put(`/events/${id}/registrations/${regId}/attendance`, { attended });
export const messageRegistrants = (id, text) => api.post(`/events/${id}/messages`, { text });
export const myRegistrations = () => api.get("/me/event-registrations");
export const newFeed = () => api.post("/me/event-feed");
export const revokeFeed = () => api.del("/me/event-feed");
export const listGrants = () => api.get("/event-organisers");
export const createGrant = (body) => api.post("/event-organisers", body);
export const deleteGrant = (id) => api.del(`/event-organisers/${id}`);

export const eventIcsUrl = (id) => `${API_ROOT}/events/${id}.ics`;
export const municipalityFeedUrl = (slug) => `${API_ROOT}/event-feeds/municipalities/${slug}.ics`;
export const KINDS = ["gathering", "workshop", "camp", "course_session", "sports", "cultural", "intercultural", "online_stream"];
export const AUDIENCES = ["everyone", "residents", "diaspora", "newcomers", "professionals"];
