/**
 * A monitor's countersignature of a published result, the part of the monitors' script (`/monitors/assets/sign.js`,
 * served after ../signing-script.ts's common part; the CSP allows this origin's scripts, never inline ones).
 * Hand-written plain JavaScript, kept here as text so that the server serves exactly what the tests evaluate.
 *
 * What it does (bundle.md "Attestations"):
 * 1. loads the monitor's P-256 key pair from IndexedDB `danban-monitor` (key `monitor`), or makes one with a
 *    non-extractable private key, and shows its RFC 7638 thumbprint to register (if that fails, signing tries again);
 * 2. on "Ký xác nhận": fetches the published `result.jws`, hashes its payload bytes (hex SHA-256), signs the JCS
 *    payload {at, consultationId, manifest, monitor{name, organisation}, statement} with `typ` `attestation+jws`,
 *    and posts the compact JWS to the page's own `POST /monitors/c/{id}/attest`.
 *
 * Its pure parts are on `DanbanCountersign`, so a test can run them outside a browser.
 */
export const COUNTERSIGN_JS = `/* Dân bàn: a monitor's countersignature of a published result. */
var DanbanCountersign = (function (S) {
  'use strict';

  function manifestHash(resultJws) {
    var parts = resultJws.trim().split('.');
    if (parts.length !== 3) return Promise.reject(new Error('result.jws is not a compact JWS'));
    return S.sha256(S.b64uDecode(parts[1])).then(S.hex);
  }

  /** The compact attestation JWS, signed with keyPair.privateKey. */
  function attestation(input) {
    return manifestHash(input.resultJws).then(function (manifest) {
      return S.signJws(input.keyPair, 'attestation+jws', {
        at: S.utcSecond(input.now),
        consultationId: input.consultationId,
        manifest: manifest,
        monitor: { name: input.name, organisation: input.organisation },
        statement: 'verified'
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
    if (!S.supported()) {
      status.textContent = 'Trình duyệt này không hỗ trợ ký (WebCrypto, IndexedDB). / This browser cannot sign.';
      return;
    }
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    // The key, made or loaded once; if that fails, signing tries again (and then shows the fingerprint).
    var keys = S.keyCache('danban-monitor');
    function keyShown() {
      return keys('monitor').then(function (pair) {
        return S.keyThumbprint(pair).then(function (kid) {
          fingerprint.textContent = kid;
          return pair;
        });
      });
    }
    keyShown().catch(function (err) {
      status.textContent = 'Không tạo được khóa / Could not make the key: ' + S.errorText(err);
    });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var button = form.querySelector('button');
      if (button) button.disabled = true;
      status.textContent = 'Đang ký… / Signing…';
      var name = form.elements.namedItem('name').value.normalize('NFC').trim();
      var organisation = form.elements.namedItem('organisation').value.normalize('NFC').trim();
      Promise.all([keyShown(), fetch(section.getAttribute('data-result'), { credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
        if (!res.ok) throw new Error('result.jws: HTTP ' + res.status);
        return res.text();
      })]).then(function (both) {
        return attestation({ keyPair: both[0], resultJws: both[1], consultationId: section.getAttribute('data-id'), name: name, organisation: organisation, now: new Date() });
      }).then(function (compact) {
        return S.postJws(form.getAttribute('action'), compact);
      }).then(function (reply) {
        if (reply.status === 201 && reply.body) status.textContent = 'Đã ghi nhận chữ ký xác nhận / Attestation accepted: ' + reply.body.kid;
        else status.textContent = S.refusal(reply);
      }).catch(function (err) {
        status.textContent = 'Không ký được / Could not sign: ' + S.errorText(err);
      }).then(function () {
        if (button) button.disabled = false;
      });
    });
  }

  S.whenReady(start);

  return { manifestHash: manifestHash, attestation: attestation };
})(DanbanSigning);
`;
