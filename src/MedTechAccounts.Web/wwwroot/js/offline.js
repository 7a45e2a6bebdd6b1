// Offline support on every page (loaded by _Layout as an ES module):
// - registers the service worker (/sw.js, scope /), which keeps the app shell and the rep's pages;
// - on a page served from that cache, shows "Offline copy as of <time>";
// - shows the outbox badge ("N waiting to sync") and sends waiting visits at start, on reconnect
//   and every 30 seconds; asks to sign in again when the session expired;
// - at sign-out, deletes the cached pages (the outbox stays: its visits are not on the server yet).

import { outbox, currentUser, onOutboxChange, syncNow } from './outbox-client.js';

const PAGES_CACHE = 'medtech-pages-v1';
const SYNC_EVERY_MS = 30_000;

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
    // No service worker (private mode, an untrusted certificate): the app still works online.
  });
}

showAsOf();
showFlash();
hookSignOut();

const user = currentUser();
if (user) {
  onOutboxChange(showBadge);
  showBadge();
  syncNow();
  window.addEventListener('online', () => syncNow({ force: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') syncNow();
  });
  setInterval(() => syncNow(), SYNC_EVERY_MS);
}

/** "28 Nov 2026, 09:05" in the tablet's locale and time zone. */
export function formatAsOf(iso, locale = undefined) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

function showAsOf() {
  const meta = document.querySelector('meta[name="medtech-offline-as-of"]');
  const main = document.getElementById('main');
  if (!meta || !main) return;
  const banner = document.createElement('div');
  banner.className = 'alert alert-warning offline-banner';
  banner.id = 'offline-as-of';
  const icon = document.createElement('i');
  icon.className = 'bi bi-wifi-off';
  icon.setAttribute('aria-hidden', 'true');
  const time = document.createElement('time');
  time.dateTime = meta.content;
  time.textContent = formatAsOf(meta.content);
  const why = navigator.onLine ? ' The network is not answering.' : ' You are offline.';
  banner.append(icon, why, ' This is the copy saved on this tablet, as of ', time, '.');
  main.prepend(banner);
}

function showFlash() {
  const stored = sessionStorage.getItem('medtech-flash');
  const main = document.getElementById('main');
  if (!stored || !main) return;
  sessionStorage.removeItem('medtech-flash');
  let message;
  try {
    message = JSON.parse(stored);
  } catch {
    return;
  }
  const box = document.createElement('div');
  box.className = `alert alert-${message.kind === 'warning' ? 'warning' : 'success'}`;
  box.setAttribute('role', 'status');
  box.textContent = message.text;
  main.prepend(box);
}

async function showBadge() {
  const badge = document.getElementById('outbox-badge');
  const signIn = document.getElementById('outbox-signin');
  if (!badge || !user) return;
  const { waiting, rejected, signInNeeded } = await outbox.summary(user.id);
  const parts = [];
  if (waiting > 0) parts.push(`${waiting} waiting to sync`);
  if (rejected > 0) parts.push(`${rejected} ${rejected === 1 ? 'needs' : 'need'} fixing`);
  const text = parts.join(', ');
  // The live region stays in place and only its text changes, so screen readers announce it.
  const link = badge.querySelector('a');
  if (text === '') {
    link?.remove();
  } else if (link?.textContent !== text) {
    const fresh = document.createElement('a');
    fresh.href = '/outbox';
    fresh.className = rejected > 0 ? 'btn btn-danger outbox-badge' : 'btn btn-warning outbox-badge';
    fresh.textContent = text;
    badge.replaceChildren(fresh);
  }
  if (signIn) signIn.hidden = !(signInNeeded && waiting > 0);
}

function hookSignOut() {
  const form = document.getElementById('signout-form');
  if (!(form instanceof HTMLFormElement)) return;
  form.addEventListener('submit', async (event) => {
    if (form.dataset.cleared === 'true') return;
    event.preventDefault();
    try {
      await clearPages();
    } finally {
      form.dataset.cleared = 'true';
      form.submit();
    }
  });
}

/** Deletes the kept pages (design section 10), never the outbox. */
async function clearPages() {
  const worker = navigator.serviceWorker?.controller;
  if (worker) {
    // The worker stops keeping copies for this session first (one may be in the making), then answers.
    await new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = resolve;
      worker.postMessage({ type: 'signed-out' }, [channel.port2]);
      setTimeout(resolve, 2000);
    });
  }
  if ('caches' in self) {
    for (const name of await caches.keys()) {
      if (name.startsWith('medtech-pages')) await caches.delete(name);
    }
  }
}

export { PAGES_CACHE };
