import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attendeeFieldName, withIndex, toCanvasPoint, looksSigned, fromBody } from '../wwwroot/js/training-signoff.js';
import { formToBody } from '../wwwroot/js/outbox.js';

test('attendee fields are named as model binding and the API expect', () => {
  assert.equal(attendeeFieldName(0, 'Signature'), 'Attendees[0].Signature');
  assert.equal(attendeeFieldName(12, 'SignedAt'), 'Attendees[12].SignedAt');
});

test('renumbering after a removal changes only the index of attendee fields', () => {
  assert.equal(withIndex('Attendees[3].Name', 2), 'Attendees[2].Name');
  assert.equal(withIndex('ContactIds', 2), 'ContactIds');
});

test('a pointer on a canvas shrunk by CSS lands on the canvas pixel under the finger', () => {
  const rect = { left: 10, top: 20, width: 300, height: 100 };
  assert.deepEqual(toCanvasPoint(160, 70, rect, 600, 200), { x: 300, y: 100 });
  assert.deepEqual(toCanvasPoint(10, 20, rect, 600, 200), { x: 0, y: 0 });
});

test('a stray tap is not a signature; a stroke across the box is', () => {
  assert.equal(looksSigned([], 600), false);
  assert.equal(looksSigned([[{ x: 10, y: 10 }, { x: 11, y: 10 }]], 600), false);
  const stroke = Array.from({ length: 20 }, (_, i) => ({ x: 50 + i * 10, y: 100 + (i % 3) }));
  assert.equal(looksSigned([stroke], 600), true);
});

test('an attendee kept in the outbox comes back into the form unchanged for a fix', () => {
  const fields = { ContactId: '', Name: 'Sam Ortiz', Role: 'ICU nurse', Signature: 'data:image/png;base64,AAAA', SignedAt: '2026-11-28T09:06:00.000Z' };
  const body = formToBody(Object.entries(fields).map(([field, value]) => [attendeeFieldName(0, field), value]));
  assert.deepEqual(fromBody(body.attendees[0]), fields);
});
