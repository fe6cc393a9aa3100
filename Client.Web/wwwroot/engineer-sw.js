// The field app's service worker: keeps the app shell (the page, its scripts, styles and icons) so that the app
// opens in a van without signal. API calls and hubs are never cached: they go to the network, and the app's outbox
// keeps what could not be sent. Pages and assets are served network-first, the kept copy when the network fails.
const CACHE = "dispatch-field-v1";

self.addEventListener("install", event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(["engineer.html", "engineer.webmanifest", "favicon.svg"])).then(() => self.skipWaiting()));
});

self.addEventListener("activate", event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(k => k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener("message", event => {
  const keep = event.data?.keep;
  if (Array.isArray(keep)) event.waitUntil(caches.open(CACHE).then(cache => Promise.all(keep.map(url => cache.add(url).catch(() => {})))));
});

self.addEventListener("fetch", event => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin || url.pathname.startsWith("/api/") || url.pathname.startsWith("/hubs/")) return;
  event.respondWith(fetch(event.request)
    .then(response => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(CACHE).then(cache => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true }).then(hit => hit ?? Response.error())));
});

// Web Push (when the server has VAPID keys): an offer arrives while the app is closed.
self.addEventListener("push", event => {
  const data = event.data?.json() ?? {};
  event.waitUntil(self.registration.showNotification(data.title ?? "Dispatch", {
    body: data.body ?? "", tag: data.tag ?? "dispatch-offer", renotify: true, vibrate: [300, 120, 300], data: { url: data.url ?? "engineer.html" },
  }));
});

self.addEventListener("notificationclick", event => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({ type: "window" }).then(windows =>
    windows.find(w => w.url.includes("engineer.html"))?.focus() ?? self.clients.openWindow(event.notification.data?.url ?? "engineer.html")));
});
