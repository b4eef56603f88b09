// Joblab's service worker: the app works offline after the first visit.
//
// This file is a template. The Trunk post_build hook (scripts/postbuild.py) fills in BUILD (a hash
// of every app file) and PRECACHE (those files, relative to this script) and writes it to dist/sw.js.
// A new deploy therefore changes these bytes; the browser notices on its next update check, installs
// the new worker, which precaches the new files under a new cache name and, once active, deletes
// the caches of older builds.
//
// Strategies:
// - navigations and index.html: network first (a new deploy is seen at once when online), falling
//   back to the cached shell when offline;
// - everything else we precached: cache first. Trunk puts a content hash in every asset name, so a
//   cached copy can never be stale.
// Requests to other origins are never touched (the app makes none).

const BUILD = "__JOBLAB_BUILD__";
const PRECACHE = ["__JOBLAB_PRECACHE__"];
const PREFIX = 'joblab-';
const CACHE = PREFIX + BUILD;
// The app shell, resolved against this script so it works under any sub-path.
const SHELL = new URL('./', self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      // `cache: 'reload'` bypasses the HTTP cache so we never precache an old copy.
      .then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      // Hashed assets cannot conflict between builds, and the page already holds its wasm, so the
      // new worker may take over at once instead of waiting for every tab to close.
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function isShell(request) {
  if (request.mode === 'navigate') return true;
  const url = new URL(request.url);
  return url.href === SHELL || url.href === SHELL + 'index.html';
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(SHELL, response.clone());
    return response;
  } catch (err) {
    const cached = (await cache.match(SHELL)) || (await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(isShell(request) ? networkFirst(request) : cacheFirst(request));
});
