/**
 * The common part of the staff pages' signing scripts: a monitor's countersignature (monitors/countersign-script.ts)
 * and an officer's signature of the minutes (minutes-sign-script.ts). Hand-written plain JavaScript, kept here as
 * text so that the server serves exactly what the tests evaluate; `signingScript` puts it before the parts a page
 * needs, and each part starts only on a page that has its section.
 *
 * What every part shares (bundle.md "Attestations"; shared/minutes.ts for the minutes):
 * - JCS: keys sorted by UTF-16 code units (Array.prototype.sort's order), strings as JSON.stringify writes them;
 *   enough for the fixed shapes of strings and objects these scripts sign;
 * - base64url, hex, SHA-256 (WebCrypto), the RFC 7638 thumbprint of a P-256 key (base64url SHA-256 of the JCS of
 *   {crv,kty,x,y});
 * - a P-256 ECDSA key pair kept in IndexedDB (store `keys` of a database of the part's own), made on first use with
 *   `extractable: false`: the private key can never leave the browser, the public key stays exportable. A new key is
 *   stored with `add`, never `put`: when two tabs make one at once, the one stored first is kept and the other tab
 *   reads it back and uses it, so no tab shows the fingerprint of a key that was overwritten. A page holds one
 *   promise per key (`keyCache`) and drops it if it fails, so a failed attempt is tried again on the next use;
 * - a compact JWS: protected header {alg: ES256, jwk, kid: thumbprint, typ}, the JCS payload, WebCrypto's P1363
 *   signature (JWS's format), posted as application/jose to the page's own route, whose JSON answer is read back.
 *
 * These pure parts are on `DanbanSigning` (a global of the script), so a test can run them outside a browser.
 */
export const SIGNING_JS = String.raw`/* Dân bàn: what the signing scripts of the staff pages share. */
var DanbanSigning = (function () {
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

  /** The thumbprint of a key pair's public key: what the page shows, and the kid of its signatures. */
  function keyThumbprint(keyPair) {
    return crypto.subtle.exportKey('jwk', keyPair.publicKey).then(thumbprint);
  }

  function utcSecond(date) {
    return date.toISOString().slice(0, 19) + 'Z';
  }

  /** The compact JWS of payload (JCS) under {alg: ES256, jwk, kid, typ}, signed with keyPair.privateKey. */
  function signJws(keyPair, typ, payload) {
    return crypto.subtle.exportKey('jwk', keyPair.publicKey).then(function (full) {
      var jwk = publicMembers(full);
      return thumbprint(jwk).then(function (kid) {
        var header = { alg: 'ES256', jwk: jwk, kid: kid, typ: typ };
        var signingInput = b64u(enc.encode(jcs(header))) + '.' + b64u(enc.encode(jcs(payload)));
        return crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, keyPair.privateKey, enc.encode(signingInput)).then(function (sig) {
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

  function usable(found) {
    return !!(found && found.privateKey && found.publicKey);
  }

  function openKeys(database) {
    var open = indexedDB.open(database, 1);
    open.onupgradeneeded = function () { open.result.createObjectStore('keys'); };
    return request(open);
  }

  function aborted(tx) {
    return tx.error || new Error('IndexedDB: the transaction was aborted');
  }

  /**
   * The key pair kept under name, or undefined if there is none. A record that is not a key pair is dropped in the
   * same transaction, so that a new key can be added in its place.
   */
  function readKey(db, name) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction('keys', 'readwrite');
      var store = tx.objectStore('keys');
      var found;
      var get = store.get(name);
      get.onsuccess = function () {
        found = get.result;
        if (found !== undefined && !usable(found)) store.delete(name);
      };
      tx.oncomplete = function () { resolve(usable(found) ? found : undefined); };
      tx.onabort = function () { reject(aborted(tx)); };
    });
  }

  /**
   * Adds kept under name unless a key is kept there already (add, never put: a key another tab kept first is never
   * overwritten). Resolves to whether it was added, once the transaction is committed.
   */
  function addKey(db, name, kept) {
    return new Promise(function (resolve, reject) {
      var tx = db.transaction('keys', 'readwrite');
      tx.objectStore('keys').add(kept, name);
      tx.oncomplete = function () { resolve(true); };
      tx.onabort = function () {
        if (tx.error && tx.error.name === 'ConstraintError') resolve(false);
        else reject(aborted(tx));
      };
    });
  }

  /**
   * The key pair kept under name in IndexedDB database (store keys); made on first use with a non-extractable private
   * key. When two tabs make one at once, the first kept wins and the other tab uses it too: every tab shows the same
   * fingerprint, the one of the key that is kept.
   */
  function keyPair(database, name) {
    return openKeys(database).then(function (db) {
      return readKey(db, name).then(function (found) {
        if (found) return found;
        return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify']).then(function (pair) {
          var kept = { privateKey: pair.privateKey, publicKey: pair.publicKey };
          return addKey(db, name, kept).then(function (added) {
            if (added) return kept;
            return readKey(db, name).then(function (theirs) {
              if (!theirs) throw new Error('IndexedDB: the key another tab kept under ' + name + ' cannot be read');
              return theirs;
            });
          });
        });
      }).then(function (pair) {
        db.close();
        return pair;
      }, function (err) {
        db.close();
        throw err;
      });
    });
  }

  /**
   * The key pairs of database as a page uses them: one promise per name, so that a key being made is not made twice
   * by the page, and a promise that fails is dropped, so that the next use tries again without a reload.
   */
  function keyCache(database) {
    var pending = Object.create(null);
    return function (name) {
      if (!pending[name]) {
        var made = keyPair(database, name);
        pending[name] = made;
        made.then(null, function () {
          if (pending[name] === made) delete pending[name];
        });
      }
      return pending[name];
    };
  }

  /** Whether this browser can make and keep a key and sign with it. */
  function supported() {
    return typeof window !== 'undefined' && !!window.crypto && !!window.crypto.subtle && !!window.indexedDB;
  }

  function errorText(err) {
    return err && err.message ? err.message : String(err);
  }

  /** Posts a compact JWS to this origin's page route; resolves to its status and its JSON answer (undefined if none). */
  function postJws(url, compact) {
    return fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/jose' }, body: compact }).then(function (res) {
      return res.text().then(function (text) {
        var body;
        try { body = JSON.parse(text); } catch (e) { body = undefined; }
        return { status: res.status, body: body };
      });
    });
  }

  /** A refused post in both languages: the route's Vietnamese message for its error code, then its English reason. */
  function refusal(reply) {
    var error = reply.body && reply.body.error ? reply.body.error : {};
    return 'Bị từ chối' + (error.vi ? ': ' + error.vi : '') + ' / Refused (HTTP ' + reply.status + ')' + (error.message || error.code ? ': ' + (error.message || error.code) : '');
  }

  /** Runs start(document) once the page is parsed; nothing outside a browser. */
  function whenReady(start) {
    if (typeof document === 'undefined') return;
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', function () { start(document); });
    else start(document);
  }

  return {
    b64u: b64u, b64uDecode: b64uDecode, hex: hex, jcs: jcs, sha256: sha256, publicMembers: publicMembers, thumbprint: thumbprint,
    keyThumbprint: keyThumbprint, utcSecond: utcSecond, signJws: signJws, keyPair: keyPair, keyCache: keyCache, supported: supported, errorText: errorText,
    postJws: postJws, refusal: refusal, whenReady: whenReady
  };
})();
`;

/**
 * The script a page serves: the common part, then the parts it needs (each starts only where its section is).
 * @example app.get('/officials/assets/sign.js', (c) => c.body(signingScript(MINUTES_SIGN_JS), 200, { 'Content-Type': 'text/javascript; charset=utf-8' }))
 */
export function signingScript(...parts: readonly string[]): string {
  return [SIGNING_JS, ...parts].join('\n');
}
