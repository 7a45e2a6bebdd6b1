// The page's one outbox (outbox.js) on IndexedDB, shared by every module of a page (an ES module
// runs once per page), with the signed-in user read from the layout and a fresh antiforgery token
// fetched for each sync run (cookie-authenticated API writes need one; see CookieAntiforgeryFilter).

import { openDB } from '/lib/idb/index.js';
import { createOutbox, idbStore, memoryStore } from './outbox.js';

/** The signed-in user as the layout names them (meta medtech-user), or null on anonymous pages. */
export function currentUser() {
  const meta = document.querySelector('meta[name="medtech-user"]');
  return meta?.content ? { id: meta.content, name: meta.dataset.name ?? '' } : null;
}

/**
 * A network that has not answered after this long is treated as none (a corridor with one bar of signal): the
 * visit stays in the outbox and is sent again later, which the server's idempotency on the id makes harmless.
 */
const NETWORK_TIMEOUT_MS = 10_000;

function withTimeout(init = {}) {
  return { ...init, signal: AbortSignal.timeout(NETWORK_TIMEOUT_MS) };
}

/** Who the server says is signed in, with a fresh antiforgery token; {expired: true} after a 401. */
async function session() {
  const response = await fetch('/api/antiforgery', withTimeout({
    credentials: 'same-origin',
    redirect: 'manual',
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  }));
  if (response.status === 401 || response.type === 'opaqueredirect') return { expired: true };
  if (!response.ok) throw new Error(`The session check answered HTTP ${response.status}.`);
  const answer = await response.json();
  return { userId: answer.userId, token: answer.requestToken, headerName: answer.headerName };
}

const listeners = new Set();
// Other tabs of the app hear about changes too, so every badge shows the same count.
const channel = 'BroadcastChannel' in self ? new BroadcastChannel('medtech-outbox') : null;
channel?.addEventListener('message', () => listeners.forEach((listener) => listener()));

export const outbox = createOutbox({
  store: 'indexedDB' in self ? idbStore(openDB) : memoryStore(),
  fetch: (url, init) => fetch(url, withTimeout(init)),
  session,
  onChange: () => {
    listeners.forEach((listener) => listener());
    channel?.postMessage('changed');
  },
});

/** Calls listener after every change of the outbox (here or in another tab). */
export function onOutboxChange(listener) {
  listeners.add(listener);
}

/** One sync at a time across the tabs of this browser (Web Locks where there are), else in this page. */
export function syncNow(options = {}) {
  if (navigator.locks?.request) {
    return navigator.locks.request('medtech-outbox-sync', () => outbox.sync(options));
  }
  return outbox.sync(options);
}

/** A message shown once on the next page (e.g. "Visit logged." after the form moved on). */
export function flash(text, kind = 'success') {
  sessionStorage.setItem('medtech-flash', JSON.stringify({ text, kind }));
}
