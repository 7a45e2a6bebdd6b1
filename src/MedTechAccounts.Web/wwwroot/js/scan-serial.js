// "Scan serial": reads a device's serial label with the camera where the browser has
// BarcodeDetector (Chrome on Android and ChromeOS tablets; not Safari), rear camera first.
// The button stays hidden elsewhere; typing the serial always works.
//
// Markup: a button[data-scan-serial] with data-target="<id of the input to fill>" and optionally
// data-submit (submit the input's form after a read). A <dialog id="scan-dialog"> with a <video>
// is made on first use.
//
// The visit form's device picker: an input[data-pick-device] (no name, so it is not posted)
// selects the device chip whose serial matches what was typed or scanned (Enter or "Pick").

const FORMATS = ['code_128', 'code_39', 'code_93', 'data_matrix', 'qr_code', 'ean_13', 'ean_8', 'upc_a', 'itf'];

/** The serial in a scanned text: GS1 labels carry it after the (21) application identifier. */
export function serialFrom(raw) {
  const text = String(raw ?? '').trim();
  const gs1 = /(?:\(21\)|\u001d21|^21)([^\u001d(]+)/.exec(text);
  return (gs1 ? gs1[1] : text).trim();
}

export async function scanningSupported() {
  if (!('BarcodeDetector' in self) || !navigator.mediaDevices?.getUserMedia) return false;
  try {
    const formats = await self.BarcodeDetector.getSupportedFormats();
    return formats.length > 0;
  } catch {
    return false;
  }
}

async function scan() {
  const formats = (await self.BarcodeDetector.getSupportedFormats()).filter((f) => FORMATS.includes(f));
  const detector = new self.BarcodeDetector({ formats });
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  const dialog = dialogElement();
  const video = dialog.querySelector('video');
  video.srcObject = stream;
  dialog.showModal();
  await video.play();
  try {
    return await new Promise((resolve) => {
      let done = false;
      dialog.addEventListener('close', () => { done = true; resolve(null); }, { once: true });
      const look = async () => {
        if (done) return;
        try {
          const [code] = await detector.detect(video);
          if (code?.rawValue) {
            done = true;
            resolve(serialFrom(code.rawValue));
            return;
          }
        } catch {
          // A frame the detector could not read: try the next one.
        }
        setTimeout(look, 200);
      };
      look();
    });
  } finally {
    stream.getTracks().forEach((track) => track.stop());
    if (dialog.open) dialog.close();
  }
}

function dialogElement() {
  let dialog = document.getElementById('scan-dialog');
  if (dialog) return dialog;
  dialog = document.createElement('dialog');
  dialog.id = 'scan-dialog';
  dialog.className = 'scan-dialog';
  dialog.setAttribute('aria-label', 'Scan a serial number');
  const text = document.createElement('p');
  text.textContent = 'Point the camera at the serial number label.';
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.setAttribute('aria-hidden', 'true');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'btn btn-outline-secondary btn-lg';
  close.textContent = 'Cancel';
  close.addEventListener('click', () => dialog.close());
  dialog.append(text, video, close);
  document.body.append(dialog);
  return dialog;
}

/**
 * The device whose serial matches: exact (ignoring case, spaces and dashes) first, else the only
 * one containing it. candidates: [{id, serial}]. Returns {match} or {error}.
 */
export function matchSerial(typed, candidates) {
  const norm = (v) => String(v ?? '').toUpperCase().replace(/[\s-]/g, '');
  const wanted = norm(typed);
  if (!wanted) return { error: 'Type or scan a serial number.' };
  const exact = candidates.filter((c) => norm(c.serial) === wanted);
  if (exact.length === 1) return { match: exact[0] };
  const partial = candidates.filter((c) => norm(c.serial).includes(wanted));
  if (partial.length === 1) return { match: partial[0] };
  if (partial.length > 1) return { error: `${partial.length} devices here have a serial containing ${typed}; type more of it.` };
  return { error: `No active device of ours with serial ${typed} at this account.` };
}

function setUpPicker(input) {
  const box = input.closest('[data-serial-picker]');
  const result = box?.querySelector('[data-pick-result]');
  const pick = () => {
    const chips = [...document.querySelectorAll('input[type="checkbox"][name="DeviceIds"]')];
    const candidates = chips.map((chip) => ({ id: chip.value, serial: chip.dataset.serial ?? '', chip }));
    const found = matchSerial(input.value, candidates);
    if (found.match) {
      found.match.chip.checked = true;
      const label = document.querySelector(`label[for="${CSS.escape(found.match.chip.id)}"]`);
      if (result) result.textContent = `Picked ${label?.textContent?.trim() ?? found.match.serial}.`;
      input.value = '';
    } else if (result) {
      result.textContent = found.error;
    }
  };
  input.addEventListener('keydown', (event) => {
    // Enter picks the device here instead of submitting the visit form.
    if (event.key === 'Enter') {
      event.preventDefault();
      pick();
    }
  });
  input.addEventListener('change', () => { if (input.value.trim()) pick(); });
  box?.querySelector('[data-pick-button]')?.addEventListener('click', pick);
  if (box) box.hidden = false;
}

if (typeof document !== 'undefined') {
  for (const input of document.querySelectorAll('input[data-pick-device]')) setUpPicker(input);
  const buttons = document.querySelectorAll('button[data-scan-serial]');
  if (buttons.length > 0 && await scanningSupported()) {
    for (const button of buttons) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        const input = document.getElementById(button.dataset.target ?? '');
        if (!(input instanceof HTMLInputElement)) return;
        let serial = null;
        try {
          serial = await scan();
        } catch {
          input.focus();
          return;
        }
        if (!serial) return;
        input.value = serial;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));
        if (button.dataset.submit !== undefined) input.form?.requestSubmit();
      });
    }
  }
}
