// The outbox page (/outbox): every visit of the signed-in user still on this tablet, oldest
// first, with its state. A rejected one shows the server's message and can be fixed (its form,
// filled in) or discarded (after a confirmation). Nothing here is ever removed without the rep.

import { outbox, currentUser, onOutboxChange, syncNow } from './outbox-client.js';

const list = document.getElementById('outbox-list');
const summaryLine = document.getElementById('outbox-summary');
const syncButton = document.getElementById('outbox-sync');
const user = currentUser();

if (list && user) {
  onOutboxChange(render);
  render();
  syncButton?.removeAttribute('hidden');
  syncButton?.addEventListener('click', () => syncNow({ force: true }));
  list.addEventListener('click', async (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-discard]') : null;
    if (!button) return;
    if (window.confirm('Discard this visit? It has not reached the server and cannot be recovered.')) {
      await outbox.discard(button.dataset.discard, user.id);
    }
  });
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function render() {
  const items = await outbox.list(user.id);
  const waiting = items.filter((i) => i.state === 'waiting').length;
  const rejected = items.length - waiting;
  if (summaryLine) {
    summaryLine.textContent = items.length === 0
      ? 'Nothing waiting: every visit logged on this tablet is on the server.'
      : `${waiting} waiting to sync, ${rejected} to fix or discard.`;
  }

  const rows = items.map((item) => {
    const li = element('li', `list-group-item outbox-item outbox-${item.state}`);
    li.dataset.id = item.id;
    const title = element('div', 'fw-semibold', item.label || `Visit ${item.id}`);
    const state = element('div', 'small', item.state === 'rejected' ? 'Refused by the server' : 'Waiting to sync');
    li.append(title, state);
    if (item.body?.notes) li.append(element('div', 'small text-body-secondary text-truncate', item.body.notes));
    if (item.message) {
      li.append(element('p', item.state === 'rejected' ? 'text-danger mb-2 outbox-message' : 'small text-body-secondary mb-2 outbox-message', item.message));
    }
    if (item.state === 'rejected') {
      const actions = element('div', 'd-flex flex-wrap gap-2');
      const fix = element('a', 'btn btn-primary', 'Fix');
      fix.href = `/accounts/${encodeURIComponent(item.body.accountId)}/visits/new?outbox=${encodeURIComponent(item.id)}`;
      const discard = element('button', 'btn btn-outline-danger', 'Discard');
      discard.type = 'button';
      discard.dataset.discard = item.id;
      actions.append(fix, discard);
      li.append(actions);
    }
    return li;
  });
  list.replaceChildren(...rows);
  list.hidden = rows.length === 0;
}
