// The experts domain's calls, one per operation. Each answers {data, etag, …} (core/api.js); an
// ETag read from one of them goes back in If-Match exactly as received.
import { api, newIdempotencyKey } from "../../core/api.js";

const once = () => ({ idempotencyKey: newIdempotencyKey() });

// --- reference, search, profiles, showcase -----------------------------------------------------------
export const listCompetences = () => api.get("/competences", { auth: false });
export const searchExperts = (query) => api.get("/experts", { query });
export const createProfile = (body) => api.post("/experts", body);
export const readOwnProfile = (query) => api.get("/experts/me", { query });
export const listShowcase = (query) => api.get("/experts/showcase", { query });
export const readExpert = (id) => api.get(`/experts/${id}`);
export const updateProfile = (id, body, etag) => api.patch(`/experts/${id}`, body, { etag });
export const confirmProfile = (id, etag) => api.post(`/experts/${id}/confirm`, undefined, { etag });
export const deleteProfile = (id, etag) => api.del(`/experts/${id}`, { etag });
export const putShowcase = (id, body) => api.put(`/experts/${id}/showcase`, body);
export const deleteShowcase = (id) => api.del(`/experts/${id}/showcase`);

// --- the expert's inbox -----------------------------------------------------------------------------
const mine = (id) => `/experts/me/invitations/${id}`;
export const listInbox = (query) => api.get("/experts/me/invitations", { query });
export const readInboxInvitation = (id) => api.get(mine(id));
export const acceptInvitation = (id, body, etag) => api.post(`${mine(id)}/accept`, body, { etag });
export const declineInvitation = (id, body, etag) => api.post(`${mine(id)}/decline`, body, { etag });
export const answerInvitation = (id, body, etag) => api.post(`${mine(id)}/answer`, body, { etag });

// --- requests for expertise -------------------------------------------------------------------------
export const listRequests = (query) => api.get("/expert-requests", { query });
export const createRequest = (body) => api.post("/expert-requests", body, once());
export const listPublicRequests = (query) => api.get("/expert-requests/public", { query });
export const answerPublicRequest = (id, body) => api.post(`/expert-requests/public/${id}/answers`, body, once());
export const listContributors = (query) => api.get("/expert-requests/contributors", { query });
export const readRequest = (id, query) => api.get(`/expert-requests/${id}`, { query });
export const updateRequest = (id, body, etag) => api.patch(`/expert-requests/${id}`, body, { etag });
export const changeRequestStatus = (id, body, etag) => api.post(`/expert-requests/${id}/status`, body, { etag });

// --- proposals and invitations of a request ----------------------------------------------------------
const invitation = (requestId, id) => `/expert-requests/${requestId}/invitations/${id}`;
export const listProposals = (requestId, query) => api.get(`/expert-requests/${requestId}/proposals`, { query });
export const listInvitations = (requestId, query) => api.get(`/expert-requests/${requestId}/invitations`, { query });
export const invite = (requestId, body) => api.post(`/expert-requests/${requestId}/invitations`, body, once());
export const readInvitation = (requestId, id) => api.get(invitation(requestId, id));
export const recordHours = (requestId, id, body, etag) => api.patch(invitation(requestId, id), body, { etag });
export const withdrawInvitation = (requestId, id, etag) => api.post(`${invitation(requestId, id)}/withdraw`, undefined, { etag });

// --- mentors ----------------------------------------------------------------------------------------
export const searchMentors = (query) => api.get("/mentors", { query });
export const listMentorships = (query) => api.get("/mentorships", { query });
export const readMentorship = (id) => api.get(`/mentorships/${id}`);
export const endMentorship = (id, body, etag) => api.post(`/mentorships/${id}/end`, body, { etag });
