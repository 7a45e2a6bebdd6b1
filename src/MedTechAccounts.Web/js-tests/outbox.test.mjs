import { test } from 'node:test';
import assert from 'node:assert/strict';
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import {
  createOutbox, memoryStore, idbStore, formToBody, backoffSeconds, problemMessage, heldReasons,
} from '../wwwroot/js/outbox.js';

const REP = 'rep-1';
const OTHER = 'rep-2';

/** A fake server: records each body it gets and answers with the status the test chooses. */
function fakeServer(answer = () => ({ status: 201 })) {
  const received = [];
  const fetch = async (url, init) => {
    const body = JSON.parse(init.body);
    received.push({ url, body, headers: init.headers });
    const a = answer(body, received.length);
    if (a.throws) throw new TypeError('Failed to fetch');
    return {
      status: a.status,
      type: a.type ?? 'basic',
      headers: { get: (name) => (name.toLowerCase() === 'content-type' && (a.problem || a.result) ? 'application/json' : null) },
      json: async () => a.problem ?? a.result,
    };
  };
  return { fetch, received };
}

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms) => { t += ms; } };
}

const signedIn = (userId = REP) => async () => ({ userId, token: `token-of-${userId}` });

function visit(n) {
  return { id: `00000000-0000-0000-0000-00000000000${n}`, accountId: 'acc', type: 'Visit', notes: `visit ${n}` };
}

test('sends waiting items oldest first, one at a time, and removes each on 2xx', async () => {
  const c = clock();
  const server = fakeServer((_, n) => ({ status: n === 2 ? 200 : 201 }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn(), now: c.now });
  await outbox.save(visit(3), { userId: REP });
  c.advance(10);
  await outbox.save(visit(1), { userId: REP });
  c.advance(10);
  await outbox.save(visit(2), { userId: REP });

  const outcome = await outbox.sync();

  assert.deepEqual(server.received.map((r) => r.body.notes), ['visit 3', 'visit 1', 'visit 2']);
  assert.equal(outcome.sent, 3);
  assert.deepEqual(await outbox.list(REP), []);
  assert.equal(server.received[0].headers.RequestVerificationToken, 'token-of-rep-1');
  assert.equal(server.received[0].url, '/api/interactions');
});

test('an item is removed only after the server says it is stored, and a replay after a lost answer resends the same id', async () => {
  const c = clock();
  let call = 0;
  const server = fakeServer(() => (++call === 1 ? { throws: true } : { status: 200 }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn(), now: c.now });
  await outbox.save(visit(1), { userId: REP });

  const first = await outbox.sync();
  assert.equal(first.stopped, 'offline');
  assert.equal((await outbox.list(REP)).length, 1, 'kept while the network is down');

  const second = await outbox.sync({ force: true });
  assert.equal(second.sent, 1);
  assert.equal(server.received.length, 2);
  assert.equal(server.received[0].body.id, server.received[1].body.id, 'the same client-generated id both times');
  assert.deepEqual(await outbox.list(REP), []);
});

test('concurrent syncs share one run, so an item is not sent twice at once', async () => {
  const server = fakeServer(() => ({ status: 201 }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn() });
  await outbox.save(visit(1), { userId: REP });
  await Promise.all([outbox.sync(), outbox.sync(), outbox.sync()]);
  assert.equal(server.received.length, 1);
});

test('a validation rejection keeps the item with the server message and goes on with the next', async () => {
  const server = fakeServer((body) => (body.notes === 'visit 1'
    ? { status: 400, problem: { title: 'One or more validation errors occurred.', status: 400, errors: { Sentiment: ['Sentiment must be between -2 and 2.'] } } }
    : { status: 201 }));
  const changes = [];
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn(), onChange: (s) => changes.push(s) });
  await outbox.save(visit(1), { userId: REP });
  await outbox.save(visit(2), { userId: REP });

  const outcome = await outbox.sync();

  assert.equal(outcome.sent, 1);
  assert.equal(outcome.rejected, 1);
  const [kept] = await outbox.list(REP);
  assert.equal(kept.id, visit(1).id);
  assert.equal(kept.state, 'rejected');
  assert.equal(kept.problem.status, 400);
  assert.match(kept.message, /Sentiment: Sentiment must be between -2 and 2\./);
  assert.deepEqual(changes.at(-1), { waiting: 0, rejected: 1, signInNeeded: false });

  // A rejected item is not sent again by itself...
  await outbox.sync({ force: true });
  assert.equal(server.received.length, 2);
  // ...until the rep fixes it (saved again under the same id) or discards it.
  await outbox.save({ ...visit(1), notes: 'fixed' }, { userId: REP });
  await outbox.sync();
  assert.deepEqual(await outbox.list(REP), []);
});

test('403, 404 and 409 are rejections kept with their detail', async () => {
  for (const status of [403, 404, 409]) {
    const server = fakeServer(() => ({ status, problem: { title: 'Refused', detail: `Detail ${status}` } }));
    const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn() });
    await outbox.save(visit(1), { userId: REP });
    await outbox.sync();
    const [kept] = await outbox.list(REP);
    assert.equal(kept.state, 'rejected', `HTTP ${status}`);
    assert.equal(kept.message, `Detail ${status}`);
  }
});

test('notes held for patient information (422) are a rejection to fix, with each reason; confirmed, they are sent', async () => {
  const reasons = ['The notes look like they contain a medical record number.', 'The notes look like they contain a date of birth.'];
  const held = {
    type: 'https://tools.ietf.org/html/rfc4918#section-11.2',
    title: 'The notes look like they contain patient information; nothing was stored.',
    status: 422,
    errors: { Notes: reasons },
  };
  const server = fakeServer((body) => (body.confirmedNoPatientInformation === true ? { status: 201, result: { id: body.id, warnings: reasons } } : { status: 422, problem: held }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn() });
  const flagged = { ...visit(1), notes: 'MRN 1234567, DOB 01/02/1960' };
  await outbox.save(flagged, { userId: REP });

  const outcome = await outbox.sync();

  assert.equal(outcome.rejected, 1);
  const [kept] = await outbox.list(REP);
  assert.equal(kept.state, 'rejected');
  assert.equal(kept.problem.status, 422);
  assert.equal(kept.message, reasons.map((r) => `Notes: ${r}`).join(' '));
  assert.deepEqual(heldReasons(kept.problem), reasons);
  assert.deepEqual(kept.body, flagged, 'the notes are kept on the tablet for the rep to fix');

  // Not sent again by itself; the rep reopens it, ticks the box and saves it under the same id.
  await outbox.sync({ force: true });
  assert.equal(server.received.length, 1);
  await outbox.save({ ...flagged, confirmedNoPatientInformation: true }, { userId: REP });
  const sent = await outbox.sync();
  assert.equal(sent.sent, 1);
  assert.equal(server.received.at(-1).body.confirmedNoPatientInformation, true);
  assert.equal(server.received.at(-1).body.id, flagged.id);
  assert.deepEqual(sent.results[flagged.id].warnings, reasons);
  assert.deepEqual(await outbox.list(REP), []);
});

test('only a 422 with errors on the notes offers the confirmation', () => {
  assert.deepEqual(heldReasons({ status: 422, errors: { notes: ['A reason.'] } }), ['A reason.']);
  assert.deepEqual(heldReasons({ status: 400, errors: { Notes: ['Too long.'] } }), []);
  assert.deepEqual(heldReasons({ status: 422, errors: { Sentiment: ['Out of range.'] } }), []);
  assert.deepEqual(heldReasons(null), []);
});

test('the confirmation box travels as a boolean, absent (false) when not ticked', () => {
  const hints = { ConfirmedNoPatientInformation: 'boolean' };
  assert.equal(formToBody([['Notes', 'MRN 1234567'], ['ConfirmedNoPatientInformation', 'true']], hints).confirmedNoPatientInformation, true);
  assert.equal('confirmedNoPatientInformation' in formToBody([['Notes', 'MRN 1234567']], hints), false);
});

test('a discard removes only the rep\'s own item', async () => {
  const outbox = createOutbox({ store: memoryStore(), fetch: fakeServer().fetch, session: signedIn() });
  await outbox.save(visit(1), { userId: REP });
  assert.equal(await outbox.discard(visit(1).id, OTHER), false);
  assert.equal((await outbox.list(REP)).length, 1);
  assert.equal(await outbox.discard(visit(1).id, REP), true);
  assert.deepEqual(await outbox.list(REP), []);
});

test('401 stops the run, keeps every item and asks for a sign-in; the next run after sign-in sends them', async () => {
  let expired = true;
  const server = fakeServer(() => (expired ? { status: 401 } : { status: 201 }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn() });
  await outbox.save(visit(1), { userId: REP });
  await outbox.save(visit(2), { userId: REP });

  const outcome = await outbox.sync();
  assert.equal(outcome.stopped, 'signIn');
  assert.equal(server.received.length, 1, 'stops at the first 401');
  assert.equal(outbox.signInNeeded, true);
  assert.equal((await outbox.list(REP)).filter((i) => i.state === 'waiting').length, 2);

  expired = false;
  const after = await outbox.sync();
  assert.equal(after.sent, 2);
  assert.equal(outbox.signInNeeded, false);
});

test('a redirect to the sign-in page counts as an expired session, and so does a session check that answers 401', async () => {
  const redirect = fakeServer(() => ({ status: 0, type: 'opaqueredirect' }));
  const outbox = createOutbox({ store: memoryStore(), fetch: redirect.fetch, session: signedIn() });
  await outbox.save(visit(1), { userId: REP });
  assert.equal((await outbox.sync()).stopped, 'signIn');
  assert.equal((await outbox.list(REP)).length, 1);

  const server = fakeServer();
  const noSession = createOutbox({ store: memoryStore(), fetch: server.fetch, session: async () => ({ expired: true }) });
  await noSession.save(visit(1), { userId: REP });
  assert.equal((await noSession.sync()).stopped, 'signIn');
  assert.equal(server.received.length, 0);
  assert.equal((await noSession.summary(REP)).signInNeeded, true);
});

test('only the signed-in user\'s items are sent', async () => {
  const store = memoryStore();
  const server = fakeServer();
  const asOther = createOutbox({ store, fetch: server.fetch, session: signedIn(OTHER) });
  await asOther.save(visit(1), { userId: REP });
  await asOther.save(visit(2), { userId: OTHER });

  await asOther.sync();

  assert.deepEqual(server.received.map((r) => r.body.notes), ['visit 2']);
  assert.equal((await asOther.list(REP)).length, 1, 'the other rep\'s visit waits for them');
  await assert.rejects(asOther.save(visit(1), { userId: OTHER }), /another user/);
});

test('network errors and 5xx back off, keep the order, and a reconnect (force) sends at once', async () => {
  const c = clock();
  let status = 503;
  const server = fakeServer(() => ({ status }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn(), now: c.now });
  await outbox.save(visit(1), { userId: REP });
  c.advance(1);
  await outbox.save(visit(2), { userId: REP });

  assert.equal((await outbox.sync()).stopped, 'retry');
  assert.equal(server.received.length, 1, 'stops at the first 5xx so that order is kept');
  let [first] = await outbox.list(REP);
  assert.equal(first.attempts, 1);
  assert.equal(first.nextAttemptAt, c.now() + backoffSeconds(1) * 1000);

  // Within the backoff nothing is sent, not even the younger item.
  await outbox.sync();
  assert.equal(server.received.length, 1);

  c.advance(backoffSeconds(1) * 1000);
  await outbox.sync();
  assert.equal(server.received.length, 2);
  [first] = await outbox.list(REP);
  assert.equal(first.attempts, 2);
  assert.equal(first.nextAttemptAt - c.now(), backoffSeconds(2) * 1000);

  status = 201;
  const outcome = await outbox.sync({ force: true });
  assert.equal(outcome.sent, 2);
});

test('the backoff doubles from 5 seconds up to 5 minutes', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 20].map(backoffSeconds), [5, 10, 20, 40, 80, 160, 300, 300]);
});

test('a stale antiforgery token is retried later, not shown as a rejected visit', async () => {
  const server = fakeServer(() => ({ status: 400, problem: { title: 'Antiforgery token missing or invalid' } }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn() });
  await outbox.save(visit(1), { userId: REP });
  assert.equal((await outbox.sync()).stopped, 'retry');
  assert.equal((await outbox.list(REP))[0].state, 'waiting');
});

test('no session check (offline) leaves everything as it is', async () => {
  const server = fakeServer();
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: async () => { throw new TypeError('Failed to fetch'); } });
  await outbox.save(visit(1), { userId: REP });
  assert.equal((await outbox.sync()).stopped, 'offline');
  assert.equal(server.received.length, 0);
  assert.equal((await outbox.list(REP)).length, 1);
});

test('items survive a new outbox on the same IndexedDB (a reload or a browser restart)', async () => {
  const name = `outbox-test-${Math.random()}`;
  const first = createOutbox({ store: idbStore(openDB, name), fetch: fakeServer(() => ({ throws: true })).fetch, session: signedIn() });
  await first.save(visit(1), { userId: REP, userName: 'Rep One', label: 'Riverside' });
  await first.save(visit(2), { userId: REP });
  await first.sync();

  const server = fakeServer();
  const reopened = createOutbox({ store: idbStore(openDB, name), fetch: server.fetch, session: signedIn() });
  const kept = await reopened.list(REP);
  assert.deepEqual(kept.map((i) => i.body.notes), ['visit 1', 'visit 2']);
  assert.equal(kept[0].label, 'Riverside');
  await reopened.sync({ force: true });
  assert.equal(server.received.length, 2);
  assert.deepEqual(await reopened.list(REP), []);
});

test('saving needs the client-generated id and the user', async () => {
  const outbox = createOutbox({ store: memoryStore(), fetch: fakeServer().fetch, session: signedIn() });
  await assert.rejects(outbox.save({ notes: 'x' }, { userId: REP }), /id/);
  await assert.rejects(outbox.save(visit(1), {}), /signed-in user/);
});

test('form fields become the API body, every field passed through', () => {
  const body = formToBody([
    ['__RequestVerificationToken', 'secret'],
    ['Id', 'abc'],
    ['AccountId', 'acc'],
    ['Type', 'Visit'],
    ['ContactIds', 'c1'],
    ['ContactIds', 'c2'],
    ['Sentiment', '-1'],
    ['Notes', ''],
    ['VoiceOfCustomer', 'Alarms too loud\r\n\r\n Battery life '],
    ['NextStepDue', '2026-12-01'],
    ['TrainingAttendees', 'Dana'],
    ['TrainingAttendees', 'Sam'],
  ], { ContactIds: 'array', DeviceIds: 'array', Sentiment: 'number', VoiceOfCustomer: 'lines' });

  assert.deepEqual(body, {
    id: 'abc',
    accountId: 'acc',
    type: 'Visit',
    contactIds: ['c1', 'c2'],
    deviceIds: [],
    sentiment: -1,
    notes: null,
    voiceOfCustomer: ['Alarms too loud', 'Battery life'],
    nextStepDue: '2026-12-01',
    trainingAttendees: ['Dana', 'Sam'],
  });
});

test('indexed fields become a list of items, so a training\'s signed attendees travel offline', () => {
  const body = formToBody([
    ['Type', 'InServiceTraining'],
    ['TrainedProductId', 'p1'],
    ['Attendees[0].ContactId', 'c1'],
    ['Attendees[0].Name', 'Dana Lee'],
    ['Attendees[0].Signature', 'data:image/png;base64,AAAA'],
    ['Attendees[0].SignedAt', '2026-11-28T09:05:00.000Z'],
    ['Attendees[1].ContactId', ''],
    ['Attendees[1].Name', 'Sam Ortiz'],
    ['Attendees[1].Signature', 'data:image/png;base64,BBBB'],
    ['Attendees[1].SignedAt', '2026-11-28T09:06:00.000Z'],
  ]);

  assert.deepEqual(body, {
    type: 'InServiceTraining',
    trainedProductId: 'p1',
    attendees: [
      { contactId: 'c1', name: 'Dana Lee', signature: 'data:image/png;base64,AAAA', signedAt: '2026-11-28T09:05:00.000Z' },
      { contactId: null, name: 'Sam Ortiz', signature: 'data:image/png;base64,BBBB', signedAt: '2026-11-28T09:06:00.000Z' },
    ],
  });
});

test('the problem message names each field, or falls back to the detail and the status', () => {
  assert.equal(problemMessage({ errors: { Notes: ['Too long.'], '': ['General.'] } }, 400), 'Notes: Too long. General.');
  assert.equal(problemMessage({ title: 'Conflict', detail: 'Already logged.' }, 409), 'Already logged.');
  assert.equal(problemMessage(null, 403), 'The server refused the visit (HTTP 403).');
});

test('a sent item reports the stored visit, so the form can repeat the server\'s warnings', async () => {
  const server = fakeServer(() => ({ status: 201, result: { id: visit(1).id, warnings: ['The notes look like they hold a date of birth.'] } }));
  const outbox = createOutbox({ store: memoryStore(), fetch: server.fetch, session: signedIn() });
  await outbox.save(visit(1), { userId: REP });
  const outcome = await outbox.sync();
  assert.deepEqual(outcome.results[visit(1).id].warnings, ['The notes look like they hold a date of birth.']);
});
