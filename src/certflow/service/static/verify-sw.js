/* The verification page's service worker. It keeps the page shell (in both languages), its
   script and style, and the LSP's public keys. A certificate page (/v/TOKEN) is always asked
   of the network first, so online the register answers; offline the kept shell is shown and
   its script checks the token's signature with the kept keys. Nothing else is touched. */
"use strict";
var CACHE = "certflow-verify-v1";
var scope = new URL(self.registration.scope);
var base = scope.pathname.replace(/\/$/, "");
var KEYS = base + "/.well-known/certflow-keys.json";
var SHELL = { id: base + "/verify/offline?lang=id", en: base + "/verify/offline?lang=en" };
var KEPT = [SHELL.id, SHELL.en, base + "/verify/static/verify.js",
  base + "/verify/static/verify.css", KEYS];

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.addAll(KEPT); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("certflow-verify-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

function language(url) {
  var asked = url.searchParams.get("lang");
  if (asked === "en" || asked === "id") { return asked; }
  return (self.navigator.language || "id").toLowerCase().indexOf("en") === 0 ? "en" : "id";
}

/* The network's answer, kept for later; the kept copy when the network fails. */
function fresh(request, key) {
  return fetch(request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.match(key).then(function (kept) { return kept || Response.error(); });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") { return; }
  var url = new URL(request.url);
  if (url.origin !== scope.origin) { return; }
  if (request.mode === "navigate" && url.pathname.indexOf(base + "/v/") === 0) {
    event.respondWith(fetch(request).catch(function () {
      return caches.match(SHELL[language(url)]).then(function (kept) {
        return kept || Response.error();
      });
    }));
    return;
  }
  if (url.pathname === KEYS) {
    event.respondWith(fresh(request, KEYS));
    return;
  }
  if (KEPT.indexOf(url.pathname + url.search) >= 0 || KEPT.indexOf(url.pathname) >= 0) {
    event.respondWith(fresh(request, url.pathname + url.search));
  }
});
