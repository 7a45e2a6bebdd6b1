// Visit form (Views/Interactions/LogVisit.cshtml): shows the visit time in the tablet's local time
// and posts it as UTC in the hidden OccurredAt field. Without JavaScript the time stays the moment
// the form was opened, which is what a rep logging on the spot wants anyway.

const hidden = document.getElementById('OccurredAt');
const local = document.getElementById('occurred-local');
const box = document.getElementById('occurred-local-box');

/** "2026-11-28T09:05" in the browser's time zone, as a datetime-local input wants it. */
export function toLocalInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

if (hidden instanceof HTMLInputElement && local instanceof HTMLInputElement && box) {
  const initial = new Date(hidden.value);
  if (!Number.isNaN(initial.getTime())) {
    local.value = toLocalInputValue(initial);
  }
  box.hidden = false;

  const sync = () => {
    // A datetime-local value without an offset is read as local time.
    const chosen = new Date(local.value);
    if (local.value && !Number.isNaN(chosen.getTime())) {
      hidden.value = chosen.toISOString();
    }
  };
  local.addEventListener('change', sync);
  local.form?.addEventListener('submit', sync);
}
