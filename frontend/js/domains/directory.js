// Web pages of the directory domain (see ./index.js for what a domain module exports).
export const namespaces = [];
export const routes = [];
export const menu = [];
export const homeCards = [];
