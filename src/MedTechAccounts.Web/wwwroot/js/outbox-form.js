// The visit form with scripts on (Views/Interactions/LogVisit.cshtml, form[data-outbox-form]):
// a submit keeps the visit in the outbox first (IndexedDB, with a client-generated id), then
// tries to send it. Online it is on the server a moment later and the rep goes back to the
// account page; offline it waits there, counted in the badge. A rejection (validation, 403, 404,
// 409, 422) stays on this form with the server's message and in the outbox for later. Notes held for
// patient information (422) are listed with their reasons next to the notes, with the box the rep ticks
// to confirm there is none; sending again then carries confirmedNoPatientInformation: true.
// ?outbox=<id> opens an outbox item for fixing: the form is filled from it and saves under its id.
// Without scripts the form posts as usual.

import { formToBody, heldReasons } from './outbox.js';
import { outbox, currentUser, syncNow, flash } from './outbox-client.js';

const form = document.querySelector('form[data-outbox-form]');
const user = currentUser();

if (form instanceof HTMLFormElement && user && 'crypto' in self && crypto.randomUUID) {
  setUp(form).catch(() => {
    // Without IndexedDB the form still posts as usual.
  });
}

async function setUp(visitForm) {
  const idInput = visitForm.elements.namedItem('Id');
  let id = crypto.randomUUID();
  const fixing = new URLSearchParams(location.search).get('outbox');
  if (fixing) {
    const item = await outbox.get(fixing);
    if (item && item.userId === user.id) {
      id = item.id;
      fill(visitForm, item.body);
      if (item.message) showProblem(visitForm, item.message, item.problem);
    }
  }
  // A copy of the form kept for offline use carries an old id: every visit gets its own.
  if (idInput instanceof HTMLInputElement) idInput.value = id;

  visitForm.addEventListener('submit', async (event) => {
    if (event.defaultPrevented) return;
    event.preventDefault();
    const button = visitForm.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    try {
      await saveAndSend(visitForm, id);
    } finally {
      if (button) button.disabled = false;
    }
  });
  // Tells tests (and styles) that a submit now goes through the outbox.
  visitForm.dataset.outboxReady = 'true';
}

/** How each field travels in JSON: checkbox groups are lists, integer radios numbers, data-json says the rest. */
export function hintsOf(visitForm) {
  const hints = {};
  for (const element of visitForm.elements) {
    if (!element.name) continue;
    if (element.dataset?.json) hints[element.name] = element.dataset.json;
    else if (element.type === 'checkbox') hints[element.name] = 'array';
    else if (element.type === 'number') hints[element.name] = 'number';
  }
  for (const element of visitForm.querySelectorAll('input[type="radio"]')) {
    const group = visitForm.querySelectorAll(`input[type="radio"][name="${CSS.escape(element.name)}"]`);
    if (!hints[element.name] && [...group].every((r) => /^-?\d+$/.test(r.value))) hints[element.name] = 'number';
  }
  return hints;
}

function pascal(key) {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

/** Fills the form from a saved body (the reverse of formToBody). */
function fill(visitForm, body) {
  for (const [key, value] of Object.entries(body)) {
    const name = pascal(key);
    const elements = visitForm.querySelectorAll(`[name="${CSS.escape(name)}"]`);
    for (const element of elements) {
      if (element.type === 'checkbox' || element.type === 'radio') {
        element.checked = [].concat(value ?? []).map(String).includes(element.value);
      } else if (name !== 'Id') {
        element.value = Array.isArray(value) ? value.join('\n') : (value ?? '');
      }
    }
  }
  // Parts of the form that build their own fields (a training's signed attendees) restore themselves.
  visitForm.dispatchEvent(new CustomEvent('visit-form:filled', { detail: body }));
  const local = document.getElementById('occurred-local');
  const when = new Date(body.occurredAt);
  if (local instanceof HTMLInputElement && !Number.isNaN(when.getTime())) {
    const pad = (n) => String(n).padStart(2, '0');
    local.value = `${when.getFullYear()}-${pad(when.getMonth() + 1)}-${pad(when.getDate())}T${pad(when.getHours())}:${pad(when.getMinutes())}`;
  }
}

async function saveAndSend(visitForm, id) {
  // The local time box may not have written the hidden UTC field yet (listeners run in any order).
  const local = document.getElementById('occurred-local');
  const hidden = visitForm.elements.namedItem('OccurredAt');
  if (local instanceof HTMLInputElement && local.value && hidden instanceof HTMLInputElement) {
    const chosen = new Date(local.value);
    if (!Number.isNaN(chosen.getTime())) hidden.value = chosen.toISOString();
  }

  const body = formToBody([...new FormData(visitForm).entries()], hintsOf(visitForm));
  body.id = id;
  body.source = 'Tablet';
  const account = document.querySelector('[data-account-name]')?.dataset.accountName ?? '';
  const label = `${account} · ${new Date(body.occurredAt ?? Date.now()).toLocaleString()}`;
  await outbox.save(body, { userId: user.id, userName: user.name, label });

  // Known to be offline: no point waiting for a network that is not there; the outbox sends it later.
  if (navigator.onLine === false) {
    flash('Visit saved on this tablet. It will be sent when the network is back.', 'warning');
    location.assign(`/accounts/${body.accountId}`);
    return;
  }

  // Another run may be on its way (the timer, another tab) without this visit: one more then.
  let outcome = await syncNow({ force: true });
  let item = await outbox.get(id);
  if (item?.state === 'waiting' && outcome?.stopped === null) {
    outcome = await syncNow({ force: true });
    item = await outbox.get(id);
  }

  if (!item) {
    flash(loggedMessage(outcome?.results?.[id]), outcome?.results?.[id]?.warnings?.length ? 'warning' : 'success');
    location.assign(`/accounts/${body.accountId}`);
  } else if (item.state === 'rejected') {
    showProblem(visitForm, item.message, item.problem);
  } else {
    flash(outcome?.stopped === 'signIn'
      ? 'Visit saved on this tablet. Sign in again to sync it.'
      : 'Visit saved on this tablet. It will be sent when the network is back.', 'warning');
    location.assign(`/accounts/${body.accountId}`);
  }
}

/** "Visit logged.", with the server's patient-information warnings when the notes tripped them. */
export function loggedMessage(result) {
  const warnings = result?.warnings ?? [];
  return warnings.length === 0
    ? 'Visit logged.'
    : `Visit logged. Warning: ${warnings.join(' ')} Never record patient information: you confirmed there is none; edit the visit if there is.`;
}

/** The server's message above the form and on each field it names; held notes (422) offer the confirmation. */
function showProblem(visitForm, message, problem) {
  const errors = problem?.errors;
  let box = visitForm.querySelector('.outbox-problem');
  if (!box) {
    box = document.createElement('div');
    box.className = 'alert alert-danger outbox-problem';
    box.setAttribute('role', 'alert');
    visitForm.prepend(box);
  }
  box.textContent = `Not logged: ${message} The visit is kept in your outbox until you fix or discard it.`;
  for (const invalid of visitForm.querySelectorAll('.is-invalid')) invalid.classList.remove('is-invalid');
  for (const field of Object.keys(errors ?? {})) {
    const element = visitForm.querySelector(`[name="${CSS.escape(pascal(field))}"]`);
    if (element && element.type !== 'hidden' && element.type !== 'radio' && element.type !== 'checkbox') element.classList.add('is-invalid');
  }
  showHeldNotes(visitForm, heldReasons(problem));
  box.scrollIntoView({ block: 'center' });
}

/** Lists the reasons next to the notes and shows the box the rep ticks to confirm there is no patient information. */
function showHeldNotes(visitForm, reasons) {
  const held = visitForm.querySelector('[data-notes-held]');
  if (!held || reasons.length === 0) return;
  const list = held.querySelector('[data-notes-held-reasons]');
  if (list) {
    list.replaceChildren(...reasons.map((reason) => Object.assign(document.createElement('li'), { textContent: reason })));
  }
  const title = held.querySelector('[data-notes-held-title]');
  if (title) title.textContent = 'Not stored yet: the notes look like they contain patient information.';
  held.hidden = false;
  const notes = visitForm.querySelector('[name="Notes"]');
  if (notes && list?.id && !(notes.getAttribute('aria-describedby') ?? '').split(' ').includes(list.id)) {
    notes.setAttribute('aria-describedby', `${notes.getAttribute('aria-describedby') ?? ''} ${list.id}`.trim());
  }
}
