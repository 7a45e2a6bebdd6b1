import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { matchSerial, serialFrom } from '../wwwroot/js/scan-serial.js';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const wwwroot = join(web, 'wwwroot');
const worker = readFileSync(join(wwwroot, 'sw.js'), 'utf8');
const shell = JSON.parse(`[${/const SHELL_FILES = \[([\s\S]*?)\];/.exec(worker)[1].replaceAll("'", '"').replace(/,\s*$/, '')}]`);

test('every file of the offline shell exists (npm files: copied by the front-end build)', () => {
  const frontend = readFileSync(join(web, '..', '..', 'build', 'Frontend.targets'), 'utf8');
  for (const url of shell) {
    if (url.startsWith('/lib/')) {
      const path = url.slice('/lib/'.length);
      const folder = path.slice(0, path.lastIndexOf('/') + 1);
      const file = path.slice(path.lastIndexOf('/') + 1);
      assert.match(frontend, new RegExp(`Include="[^"]*/${file.replace('.', '\\.')}" DestDir="${folder}"`), `${url} is copied from npm`);
    } else {
      assert.ok(existsSync(join(wwwroot, url)), `${url} exists`);
    }
  }
});

test('every script of the app is in the offline shell, so no page loses a script offline', () => {
  for (const file of readdirSync(join(wwwroot, 'js'))) {
    assert.ok(shell.includes(`/js/${file}`), `/js/${file} is precached by sw.js`);
  }
});

test('the manifest makes the app installable: name, start at home, standalone, icons that exist', () => {
  const manifest = JSON.parse(readFileSync(join(wwwroot, 'manifest.webmanifest'), 'utf8'));
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.name && manifest.short_name && manifest.theme_color);
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'));
  for (const icon of manifest.icons) assert.ok(existsSync(join(wwwroot, icon.src)), `${icon.src} exists`);
});

test('the worker never touches the API, the sign-in pages or writes', () => {
  assert.match(worker, /if \(request\.method !== 'GET'\) return;/);
  for (const path of ['api', 'account', 'connect']) assert.ok(worker.includes(`/^\\/${path}\\//`), `/${path}/ is network only`);
});

test('a typed or scanned serial picks the one matching device', () => {
  const devices = [{ id: 1, serial: 'AV-1001' }, { id: 2, serial: 'AV-1002' }, { id: 3, serial: 'PX 77' }];
  assert.equal(matchSerial('av1001', devices).match.id, 1);
  assert.equal(matchSerial('px-77', devices).match.id, 3);
  assert.equal(matchSerial('1002', devices).match.id, 2);
  assert.match(matchSerial('AV-100', devices).error, /2 devices/);
  assert.match(matchSerial('ZZ', devices).error, /No active device/);
  assert.match(matchSerial(' ', devices).error, /Type or scan/);
});

test('a GS1 label gives the serial after (21); a plain label is the serial', () => {
  assert.equal(serialFrom('(01)00812345678905(21)SN-4471'), 'SN-4471');
  assert.equal(serialFrom('0100812345678905\u001d21SN4471'), 'SN4471');
  assert.equal(serialFrom('  AV-1001 '), 'AV-1001');
});
