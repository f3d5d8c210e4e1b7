// Reference lists the pages share, fetched once per language.
import { api } from "./api.js";
import { lang } from "./i18n.js";

const cache = new Map();

function cached(key, loader) {
  const full = `${lang()}:${key}`;
  if (!cache.has(full)) cache.set(full, loader().catch((err) => { cache.delete(full); throw err; }));
  return cache.get(full);
}

export function municipalities() {
  return cached("municipalities", async () => (await api.get("/municipalities", { query: { limit: 100 }, auth: false })).data.items);
}

export async function municipalityOptions(withEmpty = "") {
  const items = await municipalities();
  const options = items.map((m) => [m.slug, m.name]).sort((a, b) => a[1].localeCompare(b[1], lang()));
  return withEmpty !== null ? [["", withEmpty], ...options] : options;
}

export async function municipalityName(slug) {
  const found = (await municipalities()).find((m) => m.slug === slug);
  return found ? found.name : slug;
}

// Any other list: cachedList("categories", () => api.get(...).then(r => r.data.items))
export function cachedList(key, loader) {
  return cached(key, loader);
}
