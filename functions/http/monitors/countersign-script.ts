/**
 * The one script of the monitors' pages, served as `/monitors/assets/countersign.js` (the CSP allows this origin's
 * scripts, never inline ones). Hand-written plain JavaScript, kept here as text so that the server serves exactly
 * what the tests evaluate.
 *
 * What it does (bundle.md "Attestations"):
 * 1. opens IndexedDB `danban-monitor`, store `keys`, and loads the monitor's P-256 ECDSA key pair, or makes one
 *    with `extractable: false` (the private key can never leave the browser; the public key stays exportable);
 * 2. shows the public key's RFC 7638 thumbprint (base64url SHA-256 of the JCS of {crv,kty,x,y}) to register;
 * 3. on "Ký xác nhận": fetches the published `result.jws`, hashes its payload bytes (hex SHA-256), signs the JCS
 *    payload {at, consultationId, manifest, monitor{name, organisation}, statement} under the protected header
 *    {alg: ES256, jwk, kid: thumbprint, typ: attestation+jws} (WebCrypto's P1363 signature is JWS's format), and
 *    posts the compact JWS to the page's own `POST /monitors/c/{id}/attest`.
 *
 * JCS: keys sorted by UTF-16 code units (Array.prototype.sort's order), strings as JSON.stringify writes them;
 * enough for these fixed shapes of strings and objects.
 *
 * The pure parts are on `DanbanCountersign` (a global of the script), so a test can run them outside a browser.
 */
export const COUNTERSIGN_JS = String.raw`/* Dân bàn: a monitor's countersignature of a published result. */
var DanbanCountersign = (function () {
  'use strict';
  var enc = new TextEncoder();

  function b64u(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function b64uDecode(text) {
    if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
    var s = text.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) s += '=';
    var bin = atob(s);
    var out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  function hex(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  function jcs(value) {
    if (value === null || typeof value !== 'object') return JSON.stringify(value);
    if (Array.isArray(value)) return '[' + value.map(jcs).join(',') + ']';
    return '{' + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ':' + jcs(value[k]); }).join(',') + '}';
  }

  function sha256(bytes) {
    return crypto.subtle.digest('SHA-256', bytes).then(function (d) { return new Uint8Array(d); });
  }

  function publicMembers(jwk) {
    return { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  }

  function thumbprint(jwk) {
    return sha256(enc.encode(jcs(publicMembers(jwk)))).then(b64u);
  }

  function manifestHash(resultJws) {
    var parts = resultJws.trim().split('.');
    if (parts.length !== 3) return Promise.reject(new Error('result.jws is not a compact JWS'));
    return sha256(b64uDecode(parts[1])).then(hex);
  }

  function utcSecond(date) {
    return date.toISOString().slice(0, 19) + 'Z';
  }

  /** The compact attestation JWS, signed with keyPair.privateKey. */
  function attestation(input) {
    return crypto.subtle.exportKey('jwk', input.keyPair.publicKey).then(function (full) {
      var jwk = publicMembers(full);
      return Promise.all([thumbprint(jwk), manifestHash(input.resultJws)]).then(function (both) {
        var header = { alg: 'ES256', jwk: jwk, kid: both[0], typ: 'attestation+jws' };
        var payload = {
          at: utcSecond(input.now),
          consultationId: input.consultationId,
          manifest: both[1],
          monitor: { name: input.name, organisation: input.organisation },
          statement: 'verified'
        };
        var signingInput = b64u(enc.encode(jcs(header))) + '.' + b64u(enc.encode(jcs(payload)));
        return crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, input.keyPair.privateKey, enc.encode(signingInput)).then(function (sig) {
          return signingInput + '.' + b64u(new Uint8Array(sig));
        });
      });
    });
  }

  function request(req) {
    return new Promise(function (resolve, reject) {
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  /** The monitor's key pair, kept in IndexedDB; made on first use with a non-extractable private key. */
  function loadOrCreateKey() {
    var open = indexedDB.open('danban-monitor', 1);
    open.onupgradeneeded = function () { open.result.createObjectStore('keys'); };
    return request(open).then(function (db) {
      return request(db.transaction('keys', 'readonly').objectStore('keys').get('monitor')).then(function (found) {
        if (found && found.privateKey && found.publicKey) return found;
        return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']).then(function (pair) {
          var kept = { privateKey: pair.privateKey, publicKey: pair.publicKey };
          return request(db.transaction('keys', 'readwrite').objectStore('keys').put(kept, 'monitor')).then(function () { return kept; });
        });
      });
    });
  }

  function start(doc) {
    var section = doc.getElementById('countersign');
    if (!section) return;
    var form = doc.getElementById('cs-form');
    var status = doc.getElementById('cs-status');
    var fingerprint = doc.getElementById('cs-fingerprint');
    var nojs = doc.getElementById('cs-nojs');
    if (!form || !status || !fingerprint) return;
    if (!window.crypto || !crypto.subtle || !window.indexedDB) {
      status.textContent = 'Trình duyệt này không hỗ trợ ký (WebCrypto, IndexedDB). / This browser cannot sign.';
      return;
    }
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    var keyPair = loadOrCreateKey();
    keyPair.then(function (pair) { return crypto.subtle.exportKey('jwk', pair.publicKey); }).then(thumbprint).then(function (kid) {
      fingerprint.textContent = kid;
    }, function (err) {
      status.textContent = 'Không tạo được khóa / Could not make the key: ' + (err && err.message ? err.message : err);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button');
      if (button) button.disabled = true;
      status.textContent = 'Đang ký… / Signing…';
      var name = form.elements.namedItem('name').value.normalize('NFC').trim();
      var organisation = form.elements.namedItem('organisation').value.normalize('NFC').trim();
      Promise.all([keyPair, fetch(section.getAttribute('data-result'), { credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
        if (!res.ok) throw new Error('result.jws: HTTP ' + res.status);
        return res.text();
      })]).then(function (both) {
        return attestation({ keyPair: both[0], resultJws: both[1], consultationId: section.getAttribute('data-id'), name: name, organisation: organisation, now: new Date() });
      }).then(function (compact) {
        return fetch(form.getAttribute('action'), { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/jose' }, body: compact });
      }).then(function (res) {
        return res.text().then(function (text) {
          var body;
          try { body = JSON.parse(text); } catch (e) { body = undefined; }
          if (res.status === 201 && body) status.textContent = 'Đã ghi nhận chữ ký xác nhận / Attestation accepted: ' + body.kid;
          else status.textContent = 'Bị từ chối / Refused (HTTP ' + res.status + '): ' + (body && body.error ? body.error.message || body.error.code : '');
        });
      }).catch(function (err) {
        status.textContent = 'Không ký được / Could not sign: ' + (err && err.message ? err.message : err);
      }).then(function () {
        if (button) button.disabled = false;
      });
    });
  }

  if (typeof document !== 'undefined') {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { start(document); });
    else start(document);
  }

  return { b64u: b64u, b64uDecode: b64uDecode, hex: hex, jcs: jcs, thumbprint: thumbprint, manifestHash: manifestHash, utcSecond: utcSecond, attestation: attestation };
})();
`;
