// Every call the migrants pages make, one function per operation. Writes that need If-Match take
// the ETag exactly as the server sent it; list items carry only their version, so their tag is
// built by versionTag (the form the server's ETags take).
import { api, download, newIdempotencyKey } from "../../core/api.js";

export const versionTag = (version) => `"v${version}"`;

// people
export const listPeople = (query) => api.get("/migrants", { query });
export const registerPerson = (body) => api.post("/migrants", body, { idempotencyKey: newIdempotencyKey() });
export const readPerson = (id) => api.get(`/migrants/${id}`);
export const updatePerson = (id, body, etag) => api.patch(`/migrants/${id}`, body, { etag });
export const erasePerson = (id, etag) => api.del(`/migrants/${id}`, { etag });
export const exportPerson = (id) => download(`/migrants/${id}/export`, {}, `person-${id}.json`);
export const changeConsent = (id, purpose, action) => api.post(`/migrants/${id}/consents`, { purpose, action });
export const listSpecialNotes = (id) => api.get(`/migrants/${id}/special-notes`);
export const addSpecialNote = (id, text) => api.post(`/migrants/${id}/special-notes`, { text });
export const suggestServices = (id, need) => api.get(`/migrants/${id}/suggestions`, { query: { need } });
export const requestTransfer = (id, body) => api.post(`/migrants/${id}/transfers`, body);

// cases
export const readCase = (id) => api.get(`/cases/${id}`);
export const updateCase = (id, body, etag) => api.patch(`/cases/${id}`, body, { etag });
export const addNeed = (caseId, body) => api.post(`/cases/${caseId}/needs`, body);
export const updateNeed = (caseId, needId, body, etag) => api.patch(`/cases/${caseId}/needs/${needId}`, body, { etag });
export const readTimeline = (caseId, query) => api.get(`/cases/${caseId}/timeline`, { query });
export const addNote = (caseId, text) => api.post(`/cases/${caseId}/notes`, { text });

// referrals and the provider inbox
export const listReferrals = (query) => api.get("/referrals", { query });
export const createReferral = (body) => api.post("/referrals", body);
export const moveReferral = (id, body, etag) => api.post(`/referrals/${id}/transitions`, body, { etag });
export const listInbox = (query) => api.get("/referral-inbox", { query });
export const moveInboxReferral = (id, body, etag) => api.post(`/referral-inbox/${id}/transitions`, body, { etag });

// transfers, the returnee package, directory look-ups
export const listTransfers = (query) => api.get("/transfers", { query });
export const decideTransfer = (id, decision) => api.post(`/transfers/${id}/${decision}`);
export const readPackage = () => api.get("/returnee-package");
export const writePackage = (body, etag) => api.put("/returnee-package", body, etag ? { etag } : {});
export const listServices = (query) => api.get("/services", { query });
export const listCategories = () => api.get("/categories", { auth: false });

// mentors (experts who mentor the person) and the audit log
export const listMentors = (personId) => api.get(`/migrants/${personId}/mentors`);
export const linkMentor = (personId, mentorId) => api.post(`/migrants/${personId}/mentors`, { mentor_id: mentorId });
export const unlinkMentor = (personId, mentorId) => api.del(`/migrants/${personId}/mentors/${mentorId}`);
export const searchMentors = (query) => api.get("/mentors", { query });
export const readExpert = (id) => api.get(`/experts/${id}`);
export const readAudit = (query) => api.get("/audit", { query });

// asking for help (anonymous) and the coordinators' queue
export const contactChallenge = () => api.get("/contact-requests/challenge", { auth: false });
export const askForHelp = (body) => api.post("/contact-requests", body, { auth: false });
export const listContactRequests = (query) => api.get("/contact-requests", { query });
export const convertContactRequest = (id, body) => api.post(`/contact-requests/${id}/convert`, body);
export const closeContactRequest = (id, body) => api.post(`/contact-requests/${id}/close`, body);
