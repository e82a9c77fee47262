/* The intranet's service worker. It keeps one page, "cannot be reached", fetched without
   cookies; every other request goes to the network untouched, and pages of a logged-in person
   are never stored. */
"use strict";

const CACHE = {{ cache_name|safe }};
const OFFLINE_URL = {{ offline_url|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.add(new Request(OFFLINE_URL, { credentials: "omit", cache: "reload" })))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith("plein-") && name !== CACHE).map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  // Only page loads are answered here, and only when the network fails.
  if (request.mode !== "navigate" || request.method !== "GET") {
    return;
  }
  event.respondWith(
    fetch(request).catch(() =>
      caches.match(OFFLINE_URL, { cacheName: CACHE }).then((page) => page || Response.error())
    )
  );
});
