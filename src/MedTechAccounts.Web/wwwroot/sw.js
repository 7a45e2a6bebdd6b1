// MedTech Accounts service worker (served from /sw.js, scope /). Registered by js/offline.js.
//
// What it keeps, and for how long (design section 10: the minimum a rep needs, cleared at sign-out):
//   shell   the app's own styles, scripts, fonts and images, and the offline page. Versioned:
//           a new VERSION installs a new shell cache and the old one is deleted on activation.
//   pages   the signed-in user's copies of a few pages (home with their open tasks and next steps,
//           the account pages they opened, each account's visit form and install base, the outbox
//           page), for 30 days. Each copy remembers when the server sent it, shown offline as
//           "as of <time>". Sign-out deletes this cache (js/offline.js); a page of another user
//           empties it first.
// What it never keeps: anything that is not a GET, the API (/api: reads and writes go to the
// network, visits wait in the IndexedDB outbox instead), the sign-in pages (/account, /connect),
// answers that are not a 200 page of a signed-in user, and pages outside the list below.
//
// Pages: network first, the cached copy when the network fails (or has not answered in 8 seconds),
// the offline page when there is none.
// Shell files: the cached copy at once, refreshed from the network in the background.

const VERSION = '2026-11-28.2';
const SHELL_CACHE = `medtech-shell-${VERSION}`;
const PAGES_CACHE = 'medtech-pages-v1';
const MAX_PAGE_AGE_MS = 30 * 24 * 60 * 60 * 1000;
const NETWORK_TIMEOUT_MS = 8000;
const OFFLINE_PAGE = '/offline.html';
const USER_KEY = '/__medtech-offline-user';

const SHELL_FILES = [
  '/offline.html',
  '/manifest.webmanifest',
  '/css/site.css',
  '/img/logo.svg',
  '/img/icons/icon-192.png',
  '/img/icons/icon-512.png',
  '/js/site.js',
  '/js/offline.js',
  '/js/outbox.js',
  '/js/outbox-client.js',
  '/js/outbox-form.js',
  '/js/outbox-page.js',
  '/js/scan-serial.js',
  '/js/log-visit.js',
  '/js/training-signoff.js',
  '/js/utc-time.js',
  '/js/charts.js',
  '/js/order-lines.js',
  '/lib/bootstrap/css/bootstrap.min.css',
  '/lib/bootstrap/js/bootstrap.bundle.min.js',
  '/lib/bootstrap-icons/font/bootstrap-icons.min.css',
  '/lib/bootstrap-icons/font/fonts/bootstrap-icons.woff2',
  '/lib/bootstrap-icons/font/fonts/bootstrap-icons.woff',
  '/lib/idb/index.js',
  '/lib/chart.js/chart.umd.min.js',
];

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** The pages a rep needs offline. Everything else is network only (with the offline page as fallback). */
const OFFLINE_PAGES = [
  /^\/$/,
  new RegExp(`^/accounts/${GUID}$`),
  new RegExp(`^/accounts/${GUID}/devices$`),
  new RegExp(`^/accounts/${GUID}/visits/new$`),
  /^\/outbox$/,
];
const ACCOUNT_PAGE = new RegExp(`^/accounts/(${GUID})$`);
const NETWORK_ONLY = [/^\/api\//, /^\/account\//, /^\/connect\//, /^\/\.well-known\//, /^\/sw\.js$/];
const USER_META = /<meta name="medtech-user" content="([^"]+)"/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith('medtech-') && name !== SHELL_CACHE && name !== PAGES_CACHE) {
        await caches.delete(name);
      }
    }
    await expirePages();
    await self.clients.claim();
  })());
});

// Bumped at sign-out: a copy being made for the session that ended is not stored.
let generation = 0;

self.addEventListener('message', (event) => {
  // Sent by js/offline.js when the rep signs out; it waits for the answer, then deletes the cache itself too.
  if (event.data?.type === 'signed-out') {
    generation++;
    event.waitUntil(caches.delete(PAGES_CACHE).then(() => event.ports[0]?.postMessage('cleared')));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NETWORK_ONLY.some((pattern) => pattern.test(url.pathname))) return;

  if (request.mode === 'navigate') {
    event.respondWith(page(event, url));
  } else if (isShellPath(url.pathname)) {
    event.respondWith(shellFile(event, request, url));
  }
});

function isShellPath(path) {
  return path.startsWith('/lib/') || path.startsWith('/css/') || path.startsWith('/js/') || path.startsWith('/img/')
    || path === '/manifest.webmanifest' || path === OFFLINE_PAGE;
}

function isOfflinePage(path) {
  return OFFLINE_PAGES.some((pattern) => pattern.test(path));
}

/** The cache key of a page: its path, without the query (the visit form's ?outbox=… is read by script). */
function pageKey(url) {
  return new URL(url.pathname, self.location.origin).href;
}

async function page(event, url) {
  const keep = isOfflinePage(url.pathname);
  const network = fetch(event.request).then((response) => {
    if (keep) event.waitUntil(keepPage(url, response.clone()));
    return response;
  });
  network.catch(() => undefined);
  try {
    if (!keep) return await network;
    // A network that does not answer (a basement corridor with one bar) is no better than none:
    // after a few seconds the kept copy, when there is one; the network's answer still refreshes it.
    const slow = new Promise((resolve) => { setTimeout(resolve, NETWORK_TIMEOUT_MS); })
      .then(() => cachedPage(url))
      .then((cached) => cached ?? network);
    return await Promise.race([network, slow]);
  } catch (error) {
    const cached = keep ? await cachedPage(url) : undefined;
    if (cached) return cached;
    const offline = await caches.match(OFFLINE_PAGE, { cacheName: SHELL_CACHE });
    if (offline) return offline;
    throw error;
  }
}

/** Stores a copy of a page of the signed-in user, with the time the server sent it. */
async function keepPage(url, response, started = generation) {
  if (response.status !== 200 || response.redirected || response.type !== 'basic') return;
  if (!(response.headers.get('Content-Type') ?? '').startsWith('text/html')) return;
  const html = await response.text();
  const user = USER_META.exec(html)?.[1];
  if (!user) return;

  if (generation !== started) return;
  const cache = await pagesOf(user);
  const headers = new Headers(response.headers);
  const sent = Date.parse(response.headers.get('Date') ?? '');
  headers.set('X-Cached-At', new Date(Number.isNaN(sent) ? Date.now() : sent).toISOString());
  if (generation !== started) return;
  await cache.put(pageKey(url), new Response(html, { status: 200, statusText: 'OK', headers }));

  // An account the rep opened: its visit form and install base too, so a visit can be logged offline.
  const account = ACCOUNT_PAGE.exec(url.pathname)?.[1];
  if (account) {
    for (const path of [`/accounts/${account}/visits/new`, `/accounts/${account}/devices`, '/outbox']) {
      const target = new URL(path, self.location.origin);
      try {
        if (generation !== started) return;
        const related = await fetch(target.href, { credentials: 'same-origin' });
        await keepPage(target, related, started);
      } catch {
        // Offline again, or the rep may not open it: the account page itself is kept.
      }
    }
  }
}

/** The page cache, emptied first when it holds another user's pages: they never stay side by side. */
async function pagesOf(user) {
  let cache = await caches.open(PAGES_CACHE);
  const owner = await cache.match(USER_KEY);
  if (!owner || (await owner.text()) !== user) {
    await caches.delete(PAGES_CACHE);
    cache = await caches.open(PAGES_CACHE);
    await cache.put(USER_KEY, new Response(user));
  }
  return cache;
}

/** The kept copy of a page, younger than 30 days, marked with the time it was sent. */
async function cachedPage(url) {
  const cache = await caches.open(PAGES_CACHE);
  const cached = await cache.match(pageKey(url));
  if (!cached) return undefined;
  const asOf = cached.headers.get('X-Cached-At') ?? new Date(0).toISOString();
  if (Date.now() - Date.parse(asOf) > MAX_PAGE_AGE_MS) {
    await cache.delete(pageKey(url));
    return undefined;
  }
  const html = (await cached.text()).replace('<head>', `<head>\n    <meta name="medtech-offline-as-of" content="${asOf}" />`);
  return new Response(html, { status: 200, statusText: 'OK', headers: cached.headers });
}

/** Deletes page copies older than 30 days. */
async function expirePages() {
  const cache = await caches.open(PAGES_CACHE);
  for (const request of await cache.keys()) {
    if (new URL(request.url).pathname === USER_KEY) continue;
    const response = await cache.match(request);
    const asOf = Date.parse(response?.headers.get('X-Cached-At') ?? '');
    if (Number.isNaN(asOf) || Date.now() - asOf > MAX_PAGE_AGE_MS) {
      await cache.delete(request);
    }
  }
}

/** Shell files: the cached copy at once (whatever its ?v=), refreshed from the network for next time. */
async function shellFile(event, request, url) {
  const cache = await caches.open(SHELL_CACHE);
  const key = new URL(url.pathname, self.location.origin).href;
  const cached = await cache.match(key);
  const refresh = fetch(request).then(async (response) => {
    if (response.ok && response.type === 'basic') {
      await cache.put(key, response.clone());
    }
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => undefined));
    return cached;
  }
  return refresh;
}
