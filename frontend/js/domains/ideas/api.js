// The ideas API, one function per operation: pages call these instead of writing URLs. Each returns
// the core client's {data, etag, …}; a write that needs If-Match takes the ETag exactly as it was read.
import { api, download } from "../../core/api.js";

// --- ideas ---------------------------------------------------------------------------------------
export const listIdeas = (query) => api.get("/ideas", { query });
export const listCategories = () => api.get("/ideas/categories", { auth: false });
export const downloadIdeas = (query, filename) => download("/ideas/export", { format: "csv", ...query }, filename);
export const createIdea = (body) => api.post("/ideas", body);
export const readIdea = (id, query) => api.get(`/ideas/${id}`, query ? { query } : undefined);
export const updateIdea = (id, body, etag) => api.patch(`/ideas/${id}`, body, { etag });
export const changeIdeaState = (id, state, etag) => api.post(`/ideas/${id}/state`, { state }, { etag });
export const vote = (id) => api.put(`/ideas/${id}/vote`);
export const withdrawVote = (id) => api.del(`/ideas/${id}/vote`);
export const follow = (id) => api.put(`/ideas/${id}/follow`);
export const unfollow = (id) => api.del(`/ideas/${id}/follow`);
export const flagIdea = (id, body) => api.post(`/ideas/${id}/flags`, body);

// --- comments ------------------------------------------------------------------------------------
export const listComments = (ideaId, query) => api.get(`/ideas/${ideaId}/comments`, { query });
export const createComment = (ideaId, body) => api.post(`/ideas/${ideaId}/comments`, body);
export const readComment = (ideaId, id) => api.get(`/ideas/${ideaId}/comments/${id}`);
export const editComment = (ideaId, id, body, etag) => api.patch(`/ideas/${ideaId}/comments/${id}`, body, { etag });
export const deleteComment = (ideaId, id, etag) => api.del(`/ideas/${ideaId}/comments/${id}`, { etag });
export const flagComment = (ideaId, id, body) => api.post(`/ideas/${ideaId}/comments/${id}/flags`, body);

// --- official answers ----------------------------------------------------------------------------
export const listAnswers = (ideaId, query) => api.get(`/ideas/${ideaId}/answers`, { query });
export const createAnswer = (ideaId, body) => api.post(`/ideas/${ideaId}/answers`, body);
export const readAnswer = (ideaId, id) => api.get(`/ideas/${ideaId}/answers/${id}`);
export const publishAnswer = (ideaId, id, etag) => api.post(`/ideas/${ideaId}/answers/${id}/publish`, undefined, { etag });
export const deleteAnswer = (ideaId, id, etag) => api.del(`/ideas/${ideaId}/answers/${id}`, { etag });

// --- moderation ----------------------------------------------------------------------------------
export const listCases = (query) => api.get("/moderation/cases", { query });
export const readCase = (id) => api.get(`/moderation/cases/${id}`);
export const decideCase = (id, action, etag) => api.post(`/moderation/cases/${id}/${action}`, undefined, { etag });
export const listBlocks = (query) => api.get("/moderation/blocks", { query });
export const createBlock = (body) => api.post("/moderation/blocks", body);
export const deleteBlock = (municipality, userId) => api.del(`/moderation/blocks/${municipality}/${userId}`);


// --- participatory budgets -----------------------------------------------------------------------
export const listBudgets = (query) => api.get("/budgets", { query });
export const createBudget = (body) => api.post("/budgets", body);
export const readBudget = (id) => api.get(`/budgets/${id}`);
export const updateBudget = (id, body, etag) => api.patch(`/budgets/${id}`, body, { etag });
export const listProjects = (budgetId, query) => api.get(`/budgets/${budgetId}/projects`, { query });
export const addProject = (budgetId, ideaId) => api.post(`/budgets/${budgetId}/projects`, { idea_id: ideaId });
export const readProject = (budgetId, id) => api.get(`/budgets/${budgetId}/projects/${id}`);
export const updateProject = (budgetId, id, body, etag) => api.patch(`/budgets/${budgetId}/projects/${id}`, body, { etag });
export const readBallot = (budgetId) => api.get(`/budgets/${budgetId}/ballot`);
export const castBallot = (budgetId, projectIds) => api.put(`/budgets/${budgetId}/ballot`, { project_ids: projectIds });
export const withdrawBallot = (budgetId) => api.del(`/budgets/${budgetId}/ballot`);
export const countBallots = (budgetId, etag) => api.post(`/budgets/${budgetId}/count`, undefined, { etag });
export const overrideResult = (budgetId, body) => api.post(`/budgets/${budgetId}/overrides`, body);
export const finishBudget = (budgetId, etag) => api.post(`/budgets/${budgetId}/finish`, undefined, { etag });
export const readResults = (budgetId) => api.get(`/budgets/${budgetId}/results`);
export const downloadResults = (budgetId, filename) =>
  download(`/budgets/${budgetId}/results/export`, { format: "csv" }, filename);

// --- open calls ----------------------------------------------------------------------------------
export const listCalls = (query) => api.get("/open-calls", { query });
export const createCall = (body) => api.post("/open-calls", body);
export const readCall = (id) => api.get(`/open-calls/${id}`);
export const awardCall = (id, body, etag) => api.post(`/open-calls/${id}/award`, body, { etag });
export const ideaStats = (query) => api.get("/ideas/stats", { query });
