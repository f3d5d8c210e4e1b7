// Deployment settings for the web app. Edit when the API is served from another origin, e.g.
//   window.LANGELIS_CONFIG = { apiBase: "https://api.langelis.example" };
// (the API must then list this site's origin in LANGELIS_CORS_ORIGINS).
window.LANGELIS_CONFIG = window.LANGELIS_CONFIG || { apiBase: "" };
