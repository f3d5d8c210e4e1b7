// The directory's calls, one function per operation. Each returns the client's {data, etag, ...};
// a change sends back the ETag exactly as the server gave it (If-Match).
import { api, newIdempotencyKey } from "../../core/api.js";

export const listCategories = () => api.get("/categories", { auth: false });
export const listLegalStatuses = () => api.get("/services/legal-statuses", { auth: false });

export const listServices = (query) => api.get("/services", { query });
export const readService = (id, query) => api.get(`/services/${id}`, query ? { query } : undefined);
export const createService = (body) => api.post("/services", body, { idempotencyKey: newIdempotencyKey() });
export const updateService = (id, body, etag) => api.patch(`/services/${id}`, body, { etag });
export const verifyService = (id) => api.post(`/services/${id}/verify`);
export const deleteService = (id, etag) => api.del(`/services/${id}`, { etag });

export const listOrganizations = (query) => api.get("/organizations", { query });

export const listLocations = (query) => api.get("/locations", { query });
export const createLocation = (body) => api.post("/locations", body, { idempotencyKey: newIdempotencyKey() });

// corrections suggested by readers
export const suggestCorrection = (serviceId, body) => api.post(`/services/${serviceId}/corrections`, body, { auth: false });
export const listCorrections = (query) => api.get("/service-corrections", { query });
export const decideCorrection = (id, body) => api.post(`/service-corrections/${id}/decision`, body);
