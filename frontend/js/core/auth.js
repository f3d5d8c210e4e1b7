// Signing in and out. Tokens live in sessionStorage: they survive a reload but not the closing of
// the tab, and are never written to cookies or localStorage.
import { api, request, setTokenProvider } from "./api.js";

const KEY = "langelis.session";
let session = load();
let me = null;
let refreshing = null;
const listeners = new Set();

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

function save(next) {
  session = next;
  if (next) sessionStorage.setItem(KEY, JSON.stringify(next));
  else sessionStorage.removeItem(KEY);
}

function store(tokens) {
  save({
    access: tokens.access_token,
    refresh: tokens.refresh_token,
    expiresAt: Date.now() + (tokens.expires_in - 30) * 1000,
  });
}

async function refresh() {
  if (!session?.refresh) return false;
  if (!refreshing) {
    refreshing = request("POST", "/auth/token", {
      form: { grant_type: "refresh_token", refresh_token: session.refresh },
      auth: false,
    })
      .then(({ data }) => { store(data); return true; })
      .catch(() => { save(null); me = null; notify(); return false; })
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

setTokenProvider({
  async accessToken() {
    if (!session) return null;
    if (Date.now() > session.expiresAt) await refresh();
    return session?.access || null;
  },
  refresh,
});

function notify() {
  listeners.forEach((fn) => fn(me));
}

export function onChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export async function login(email, password) {
  const { data } = await request("POST", "/auth/token", {
    form: { grant_type: "password", username: email, password },
    auth: false,
  });
  store(data);
  await loadMe();
  return me;
}

export async function logout() {
  if (session) {
    try {
      await api.post("/auth/logout", { refresh_token: session.refresh });
    } catch {
      // Signing out locally is what matters; the token expires on its own.
    }
  }
  save(null);
  me = null;
  notify();
}

export async function loadMe() {
  if (!session) {
    me = null;
  } else {
    try {
      me = (await api.get("/me")).data;
    } catch {
      save(null);
      me = null;
    }
  }
  notify();
  return me;
}

export function currentUser() {
  return me;
}

export function isSignedIn() {
  return Boolean(me);
}

export function hasScope(...scopes) {
  return Boolean(me) && scopes.every((s) => me.scopes.includes(s));
}

export function hasRole(...roles) {
  return Boolean(me) && roles.includes(me.role);
}
