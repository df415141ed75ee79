// Fetched by the service worker without cookies (so it carries nobody's name) and kept in
// its precache. No JavaScript: its links are plain navigations the worker answers.
export const csr = false;
