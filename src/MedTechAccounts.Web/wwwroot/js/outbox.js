// The tablet's outbox: visits saved on the device (IndexedDB) until the server has stored them.
//
// Pure logic, no DOM: the page glue (offline.js) gives it a store, a fetch and a way to get the
// signed-in session, so Node's test runner drives it with an in-memory store or fake-indexeddb.
//
// An item is one request body for POST /api/interactions with its client-generated id. The server
// stores a visit at most once per id (201 the first time, 200 for an identical replay), so an item
// is sent again until a 2xx answer says it is stored, and only that answer removes it.
//
// States of an item:
//   waiting    not yet stored on the server; sent on reconnect, at app start and on a timer,
//              oldest first, one at a time. Network errors and 5xx retry later with a backoff.
//   rejected   the server refused it (400 validation, 403, 404, 409, 422): kept, with the server's
//              problem details, until the rep fixes it (opens the form prefilled) or discards it.
// 401 (or a redirect to the sign-in page) means the session expired: the run stops, every item is
// kept, and the outbox reports "signInNeeded" until a run finds a session again.

export const STORE_NAME = 'items';
export const DATABASE_NAME = 'medtech-outbox';
export const SEND_URL = '/api/interactions';

/** Seconds to wait before the n-th retry (n ≥ 1) of an item that failed for a transient reason. */
export function backoffSeconds(attempts) {
  const n = Math.max(1, attempts);
  return Math.min(5 * 2 ** (n - 1), 300);
}

/** HTTP answers that say "this request is wrong as it is": keep the item for the rep to fix. */
export function isRejection(status) {
  return status === 400 || status === 403 || status === 404 || status === 409 || status === 422;
}

/** The antiforgery filter answers 400 with this title: a stale token, not a bad visit. */
const ANTIFORGERY_TITLE = 'Antiforgery token missing or invalid';

/** One line a person can read from a ProblemDetails body (title, detail and each field's errors). */
export function problemMessage(problem, status) {
  if (!problem || typeof problem !== 'object') {
    return `The server refused the visit (HTTP ${status}).`;
  }
  const parts = [];
  if (problem.errors && typeof problem.errors === 'object') {
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const message of [].concat(messages)) {
        parts.push(field ? `${field}: ${message}` : String(message));
      }
    }
  }
  if (parts.length === 0) {
    if (problem.detail) parts.push(String(problem.detail));
    else if (problem.title) parts.push(String(problem.title));
  }
  return parts.length ? parts.join(' ') : `The server refused the visit (HTTP ${status}).`;
}

/**
 * The reasons a 422 gives for holding notes that look like they contain patient information (its errors on
 * Notes, one per kind of identifier); empty for any other problem. The form lists them next to the notes.
 */
export function heldReasons(problem) {
  if (!problem || typeof problem !== 'object' || problem.status !== 422) return [];
  const entry = Object.entries(problem.errors ?? {}).find(([field]) => field.toLowerCase() === 'notes');
  return entry ? [].concat(entry[1]).map(String) : [];
}

/**
 * Turns form fields into the JSON body the API takes, passing every field through, so fields a
 * form gains later travel too. Names become camelCase; hints (from the form's markup) say which
 * fields are lists ("array"), numbers ("number"), booleans ("boolean") or one item per line
 * ("lines"). Empty values become null; repeated names become lists. The antiforgery field is dropped.
 */
export function formToBody(entries, hints = {}) {
  const body = {};
  const seen = new Map();
  const items = new Map();
  for (const [name, raw] of entries) {
    if (name === '__RequestVerificationToken' || typeof raw !== 'string') continue;
    // "Attendees[0].Name": a field of one item of a list (model binding's naming), e.g. a training's attendees.
    const item = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(name);
    if (item) {
      const [, list, index, field] = item;
      if (!items.has(list)) items.set(list, []);
      const row = (items.get(list)[Number(index)] ??= {});
      row[camel(field)] = convert(raw, hints[name]);
      continue;
    }
    seen.set(name, [...(seen.get(name) ?? []), raw]);
  }
  for (const [list, rows] of items) {
    body[camel(list)] = rows.filter((row) => row !== undefined);
  }
  for (const [name, hint] of Object.entries(hints)) {
    if (!seen.has(name) && (hint === 'array' || hint === 'lines')) seen.set(name, []);
  }
  for (const [name, values] of seen) {
    const hint = hints[name];
    const key = camel(name);
    if (hint === 'array') {
      body[key] = values.filter((v) => v !== '');
    } else if (hint === 'lines') {
      body[key] = values.flatMap((v) => v.split(/\r?\n/)).map((v) => v.trim()).filter((v) => v !== '');
    } else if (values.length > 1) {
      body[key] = values;
    } else {
      body[key] = convert(values[0], hint);
    }
  }
  return body;
}

function camel(name) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function convert(value, hint) {
  if (value === '') return null;
  if (hint === 'number') {
    const n = Number(value);
    return Number.isFinite(n) ? n : value;
  }
  if (hint === 'boolean') return value === 'true' || value === 'on';
  return value;
}

/** A store in memory with the same interface as the IndexedDB one (for tests and as a fallback). */
export function memoryStore() {
  const items = new Map();
  return {
    async all() { return [...items.values()].map((i) => structuredClone(i)); },
    async get(id) { const i = items.get(id); return i ? structuredClone(i) : undefined; },
    async put(item) { items.set(item.id, structuredClone(item)); },
    async delete(id) { items.delete(id); },
  };
}

/** The IndexedDB store; openDB is idb's (passed in so that Node tests can use fake-indexeddb). */
export function idbStore(openDB, name = DATABASE_NAME) {
  const db = openDB(name, 1, {
    upgrade(database) {
      database.createObjectStore(STORE_NAME, { keyPath: 'id' });
    },
  });
  return {
    async all() { return (await db).getAll(STORE_NAME); },
    async get(id) { return (await db).get(STORE_NAME, id); },
    async put(item) { await (await db).put(STORE_NAME, item); },
    async delete(id) { await (await db).delete(STORE_NAME, id); },
  };
}

/** Oldest first; the sequence number breaks ties between items saved in the same millisecond. */
export function byAge(a, b) {
  return (a.createdAt - b.createdAt) || ((a.seq ?? 0) - (b.seq ?? 0));
}

/**
 * The outbox.
 * @param {object} options
 * @param {{all, get, put, delete}} options.store  where items live (idbStore in the browser)
 * @param {(url: string, init: object) => Promise<Response>} options.fetch  the network
 * @param {() => Promise<{userId: string, token: string, headerName?: string} | {expired: true}>} options.session
 *        who is signed in and a fresh antiforgery token; {expired: true} when nobody is (401)
 * @param {() => number} [options.now]  milliseconds since the epoch
 * @param {(state: object) => void} [options.onChange]  called after every change with summary()
 */
export function createOutbox({ store, fetch, session, now = () => Date.now(), onChange = () => {} }) {
  let running = null;
  let signInNeeded = false;
  let seq = 0;

  async function changed(userId) {
    onChange(await summary(userId));
  }

  /** Counts for one user: waiting, rejected, and whether a sign-in is needed to go on. */
  async function summary(userId) {
    const mine = (await store.all()).filter((i) => userId === undefined || i.userId === userId);
    return {
      waiting: mine.filter((i) => i.state === 'waiting').length,
      rejected: mine.filter((i) => i.state === 'rejected').length,
      signInNeeded,
    };
  }

  /** The user's items, oldest first. */
  async function list(userId) {
    return (await store.all()).filter((i) => i.userId === userId).sort(byAge);
  }

  /**
   * Keeps a visit body for later sending. The body must carry its client-generated id; saving the
   * same id again (a fixed rejected item) replaces the body and makes it wait again.
   */
  async function save(body, { userId, userName = '', label = '' }) {
    if (!body || typeof body.id !== 'string' || body.id === '') throw new Error('A visit needs its client-generated id.');
    if (!userId) throw new Error('A visit is saved for the signed-in user.');
    const existing = await store.get(body.id);
    if (existing && existing.userId !== userId) throw new Error('This visit belongs to another user.');
    const item = {
      id: body.id,
      userId,
      userName,
      label,
      body,
      createdAt: existing?.createdAt ?? now(),
      seq: existing?.seq ?? seq++,
      state: 'waiting',
      attempts: 0,
      nextAttemptAt: 0,
      problem: null,
      message: null,
      updatedAt: now(),
    };
    await store.put(item);
    await changed(userId);
    return item;
  }

  /** Removes an item the rep chose to discard (only their own). */
  async function discard(id, userId) {
    const item = await store.get(id);
    if (!item || item.userId !== userId) return false;
    await store.delete(id);
    await changed(userId);
    return true;
  }

  /**
   * Sends the signed-in user's waiting items, oldest first, one at a time. Concurrent calls share
   * one run. Resolves to what happened: {sent, rejected, stopped} where stopped is null, 'offline',
   * 'retry' (5xx or another transient answer), or 'signIn'.
   * @param {{force?: boolean}} [options] force ignores the backoff (a reconnect or a tap on "Sync now")
   */
  function sync(options = {}) {
    running ??= run(options).finally(() => { running = null; });
    return running;
  }

  async function run({ force = false } = {}) {
    // results: the server's answer body per sent id (the stored visit, with its patient-information warnings).
    const outcome = { sent: 0, rejected: 0, stopped: null, results: {} };
    let current;
    try {
      current = await session();
    } catch {
      outcome.stopped = 'offline';
      return outcome;
    }
    if (!current || current.expired) {
      signInNeeded = true;
      outcome.stopped = 'signIn';
      await changed(undefined);
      return outcome;
    }
    signInNeeded = false;
    const { userId } = current;
    const waiting = (await list(userId)).filter((i) => i.state === 'waiting');
    // Oldest first holds across runs too: while the oldest waits out its backoff, the rest wait with it.
    if (!force && waiting.length > 0 && (waiting[0].nextAttemptAt ?? 0) > now()) {
      outcome.stopped = 'retry';
      return outcome;
    }
    const due = waiting;

    for (const queued of due) {
      // Read again: a discard or a fix in another tab may have changed it meanwhile.
      const item = await store.get(queued.id);
      if (!item || item.state !== 'waiting' || item.userId !== userId) continue;

      let response;
      try {
        response = await fetch(SEND_URL, {
          method: 'POST',
          credentials: 'same-origin',
          redirect: 'manual',
          headers: {
            'Content-Type': 'application/json',
            Accept: 'application/json',
            [current.headerName ?? 'RequestVerificationToken']: current.token,
          },
          body: JSON.stringify(item.body),
        });
      } catch {
        await retryLater(item, 'No network: will send when the tablet is back online.');
        outcome.stopped = 'offline';
        break;
      }

      const status = response.status;
      if (status >= 200 && status < 300) {
        await store.delete(item.id);
        outcome.sent++;
        outcome.results[item.id] = await readProblem(response);
        await changed(userId);
        continue;
      }
      if (status === 401 || response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
        signInNeeded = true;
        outcome.stopped = 'signIn';
        await changed(userId);
        break;
      }
      const problem = await readProblem(response);
      if (status === 400 && problem?.title === ANTIFORGERY_TITLE) {
        await retryLater(item, 'The sign-in check failed; will try again.');
        outcome.stopped = 'retry';
        break;
      }
      if (isRejection(status)) {
        await store.put({ ...item, state: 'rejected', problem: { status, ...(problem ?? {}) }, message: problemMessage(problem, status), updatedAt: now() });
        outcome.rejected++;
        await changed(userId);
        continue;
      }
      await retryLater(item, `The server could not take it now (HTTP ${status}); will try again.`);
      outcome.stopped = 'retry';
      break;
    }
    return outcome;
  }

  async function retryLater(item, message) {
    const attempts = (item.attempts ?? 0) + 1;
    await store.put({ ...item, attempts, nextAttemptAt: now() + backoffSeconds(attempts) * 1000, message, updatedAt: now() });
    await changed(item.userId);
  }

  return { save, discard, list, sync, summary, get: (id) => store.get(id), get signInNeeded() { return signInNeeded; } };
}

/** The JSON body of an answer (a problem or a stored visit), or null. */
async function readProblem(response) {
  try {
    const type = response.headers?.get?.('Content-Type') ?? '';
    if (!type.includes('json')) return null;
    return await response.json();
  } catch {
    return null;
  }
}
