// Time fields of the incident forms (Views/Incidents/_UtcTime.cshtml): the hidden input named after the
// field carries UTC, which the server reads; the datetime-local input next to it (data-utc-field = the
// hidden input's id) shows that time in the browser's time zone and writes the choice back as UTC.
// Emptying the visible input empties the field (for the forms, "now" or "not yet").

/** "2026-11-28T09:05" in the browser's time zone, as a datetime-local input wants it. */
export function toLocalInputValue(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

for (const local of document.querySelectorAll('input[type="datetime-local"][data-utc-field]')) {
  const hidden = document.getElementById(local.dataset.utcField);
  if (!(hidden instanceof HTMLInputElement)) continue;

  const initial = new Date(hidden.value);
  if (hidden.value && !Number.isNaN(initial.getTime())) {
    local.value = toLocalInputValue(initial);
  }

  const box = local.closest('[data-utc-box]');
  if (box instanceof HTMLElement) box.hidden = false;

  const sync = () => {
    if (!local.value) {
      hidden.value = '';
      return;
    }
    // A datetime-local value without an offset is read as local time.
    const chosen = new Date(local.value);
    if (!Number.isNaN(chosen.getTime())) {
      hidden.value = chosen.toISOString();
    }
  };
  local.addEventListener('change', sync);
  local.form?.addEventListener('submit', sync);
}
