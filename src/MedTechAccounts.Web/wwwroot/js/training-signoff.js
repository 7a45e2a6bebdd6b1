// In-service training sign-off on the visit form (Views/Interactions/_TrainingFields.cshtml): shows the section
// only for the type "In-service training", lets each attendee sign in a box with a finger or stylus (pointer
// events), and adds them to the form as Attendees[i].* fields with the signature as a PNG data URL and the time
// they signed. Works offline: nothing here talks to the server.

export const TrainingType = 'InServiceTraining';

/** The form field name of an attendee's field, as MVC model binding and the API body expect. */
export function attendeeFieldName(index, field) {
  return `Attendees[${index}].${field}`;
}

/** Renames "Attendees[7].Name" to the given index, leaving other names alone. */
export function withIndex(name, index) {
  return name.replace(/^Attendees\[\d+\]\./, `Attendees[${index}].`);
}

/** An attendee of an API body ({ name, contactId, ... }) as the form's field values ({ Name, ContactId, ... }). */
export function fromBody(attendee) {
  return {
    ContactId: attendee.contactId ?? '',
    Name: attendee.name ?? '',
    Role: attendee.role ?? '',
    Signature: attendee.signature ?? '',
    SignedAt: attendee.signedAt ?? '',
  };
}

/** A pointer position in the canvas's own pixels (the canvas is scaled by CSS to fit the tablet). */
export function toCanvasPoint(clientX, clientY, rect, width, height) {
  return {
    x: ((clientX - rect.left) / rect.width) * width,
    y: ((clientY - rect.top) / rect.height) * height,
  };
}

/** Whether the strokes are a signature rather than a stray tap: enough ink across enough of the box. */
export function looksSigned(strokes, width) {
  const points = strokes.flat();
  if (points.length < 8) return false;
  const xs = points.map((p) => p.x);
  return Math.max(...xs) - Math.min(...xs) >= width * 0.1;
}

function setUp(section) {
  const form = section.closest('form');
  const panel = section.querySelector('[data-signature-panel]');
  const list = section.querySelector('[data-attendee-list]');
  const empty = section.querySelector('[data-no-attendees]');
  const canvas = section.querySelector('[data-signature-canvas]');
  const nameInput = section.querySelector('[data-attendee-name]');
  const roleInput = section.querySelector('[data-attendee-role]');
  const contactSelect = section.querySelector('[data-attendee-contact]');
  const error = section.querySelector('[data-signature-error]');
  if (!form || !panel || !list || !canvas) return;
  panel.hidden = false;

  // Only an in-service training carries these fields; a disabled fieldset is not submitted.
  const sync = () => {
    const type = form.querySelector('input[name="Type"]:checked')?.value;
    const training = type === TrainingType;
    section.hidden = !training;
    section.disabled = !training;
  };
  form.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.name === 'Type') sync();
  });
  sync();

  const ink = canvas.getContext('2d');
  let strokes = [];
  let current = null;
  const clear = () => {
    strokes = [];
    ink.fillStyle = '#ffffff';
    ink.fillRect(0, 0, canvas.width, canvas.height);
  };
  clear();
  const point = (event) => toCanvasPoint(event.clientX, event.clientY, canvas.getBoundingClientRect(), canvas.width, canvas.height);
  canvas.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    canvas.setPointerCapture(event.pointerId);
    current = [point(event)];
    strokes.push(current);
  });
  canvas.addEventListener('pointermove', (event) => {
    if (!current) return;
    const next = point(event);
    const last = current[current.length - 1];
    current.push(next);
    ink.strokeStyle = '#0b1f44';
    ink.lineWidth = 3;
    ink.lineCap = 'round';
    ink.lineJoin = 'round';
    ink.beginPath();
    ink.moveTo(last.x, last.y);
    ink.lineTo(next.x, next.y);
    ink.stroke();
  });
  const end = () => { current = null; };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  contactSelect?.addEventListener('change', () => {
    const option = contactSelect.selectedOptions[0];
    if (option?.value) {
      nameInput.value = option.dataset.name ?? '';
      roleInput.value = option.dataset.role ?? '';
    }
  });

  const renumber = () => {
    [...list.querySelectorAll('[data-attendee]')].forEach((item, index) => {
      item.querySelectorAll('input[name]').forEach((input) => { input.name = withIndex(input.name, index); });
    });
    if (empty) empty.hidden = list.querySelector('[data-attendee]') !== null;
  };

  section.querySelector('[data-clear-signature]')?.addEventListener('click', clear);
  /** Adds one signed attendee to the list as Attendees[i].* fields. */
  const append = (fields) => {
    const index = list.querySelectorAll('[data-attendee]').length;
    const item = document.createElement('li');
    item.className = 'list-group-item d-flex flex-wrap align-items-center gap-3';
    item.dataset.attendee = '';
    for (const [field, value] of Object.entries(fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = attendeeFieldName(index, field);
      input.value = value ?? '';
      input.dataset.field = field;
      item.append(input);
    }
    const label = document.createElement('div');
    label.className = 'flex-grow-1';
    const strong = document.createElement('div');
    strong.className = 'fw-semibold';
    strong.textContent = fields.Name;
    label.append(strong);
    if (fields.Role) {
      const role = document.createElement('div');
      role.className = 'small';
      role.textContent = fields.Role;
      label.append(role);
    }
    const image = document.createElement('img');
    image.className = 'signature-thumb';
    image.src = fields.Signature;
    image.alt = `Signature of ${fields.Name}`;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'btn btn-outline-danger';
    remove.dataset.removeAttendee = '';
    remove.setAttribute('aria-label', `Remove ${fields.Name}`);
    remove.textContent = 'Remove';
    item.append(label, image, remove);
    list.append(item);
    renumber();
  };

  section.querySelector('[data-save-signature]')?.addEventListener('click', () => {
    const name = nameInput.value.trim();
    if (!name) {
      error.textContent = 'Type the attendee\'s name (or pick a contact) before saving the signature.';
      nameInput.focus();
      return;
    }
    if (!looksSigned(strokes, canvas.width)) {
      error.textContent = 'The signature box is empty; ask the attendee to sign.';
      return;
    }
    error.textContent = '';
    append({
      ContactId: contactSelect?.value ?? '',
      Name: name,
      Role: roleInput.value.trim(),
      Signature: canvas.toDataURL('image/png'),
      SignedAt: new Date().toISOString(),
    });
    nameInput.value = '';
    roleInput.value = '';
    if (contactSelect) contactSelect.value = '';
    clear();
  });

  // A visit sent back from the outbox to be fixed: show its type's fields and its signatures again.
  form.addEventListener('visit-form:filled', (event) => {
    sync();
    list.querySelectorAll('[data-attendee]').forEach((item) => item.remove());
    for (const attendee of event.detail?.attendees ?? []) {
      append(fromBody(attendee));
    }
    renumber();
  });

  list.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('[data-remove-attendee]') : null;
    if (!button || !window.confirm('Remove this attendee and their signature from the form?')) return;
    button.closest('[data-attendee]')?.remove();
    renumber();
  });
}

if (typeof document !== 'undefined') {
  document.querySelectorAll('[data-training-fields]').forEach(setUp);
}
