/**
 * An officer's signature of the minutes (biên bản), the part of the staff pages' script that signs them: served
 * after ./signing-script.ts's common part by the officials' signing page (the chair, the secretary) and by the
 * monitors' consultation page (the Front representative). Hand-written plain JavaScript, kept here as text so that
 * the server serves exactly what the tests evaluate.
 *
 * What it does (shared/minutes.ts "Signatures"):
 * 1. for the role chosen on the page, loads the officer's P-256 key pair from IndexedDB `danban-minutes`, kept under
 *    the role and the person's name, or makes one with a non-extractable private key, and shows its RFC 7638
 *    thumbprint (to be written on the paper minutes); if that fails, choosing the role again or signing tries again;
 * 2. on "Ký số biên bản": fetches the published `minutes.json` (JCS bytes), hashes them (hex SHA-256: the minutes'
 *    hash) and refuses if that is not the hash the page shows (the minutes were drafted again since);
 * 3. signs the JCS payload {kind: minutes-signature/1, consultationId, minutes, signer{role, name, title}, at} with
 *    `typ` `minutes+jws`, the signer being the person the minutes name for the role (the Front representative's
 *    title is their organisation), exactly as shared/minutes.ts `signMinutes` does, and posts the compact JWS to the
 *    page's own route.
 *
 * Its pure parts are on `DanbanMinutesSign`, so a test can run them outside a browser.
 */
export const MINUTES_SIGN_JS = `/* Dân bàn: an officer's signature of the minutes. */
var DanbanMinutesSign = (function (S) {
  'use strict';
  var DATABASE = 'danban-minutes';
  var ROLE = {
    chair: ['Chủ trì', 'the chair'],
    secretary: ['Thư ký', 'the secretary'],
    front: ['Đại diện Ban công tác Mặt trận', 'the Front representative']
  };

  /** Who the minutes name for role, as shared/minutes.ts has it: the Front representative's title is their organisation. */
  function signerOf(minutes, role) {
    if (role === 'front') {
      var f = minutes.frontRepresentative;
      return f ? { name: f.name, title: f.organisation } : undefined;
    }
    var o = role === 'chair' || role === 'secretary' ? minutes[role] : undefined;
    return o ? { name: o.name, title: o.title } : undefined;
  }

  /** The published minutes.json bytes: their hash (what a signature names) and the minutes they hold. */
  function readMinutes(bytes) {
    return S.sha256(bytes).then(function (digest) {
      return { hash: S.hex(digest), minutes: JSON.parse(new TextDecoder().decode(bytes)) };
    });
  }

  /** shared/minutes.ts MinutesSignaturePayload for role, signed at now (to the second). */
  function payload(minutes, hash, role, now) {
    var signer = signerOf(minutes, role);
    if (!signer) throw new Error('the minutes name no one as ' + (ROLE[role] ? ROLE[role][1] : role));
    return { kind: 'minutes-signature/1', consultationId: minutes.consultationId, minutes: hash, signer: { role: role, name: signer.name, title: signer.title }, at: S.utcSecond(now) };
  }

  /**
   * The compact minutes+jws of one officer: input {keyPair, minutesBytes, role, now, expectedHash}; refused when
   * the bytes' hash is not expectedHash (when given).
   */
  function signature(input) {
    return readMinutes(input.minutesBytes).then(function (read) {
      if (input.expectedHash && read.hash !== input.expectedHash) {
        throw new Error('Biên bản đã được lập lại sau khi mở trang này; hãy tải lại trang. / The minutes were drafted again since this page was opened; reload it.');
      }
      return S.signJws(input.keyPair, 'minutes+jws', payload(read.minutes, read.hash, input.role, input.now));
    });
  }

  /** Where an officer's key is kept: one per role and person, so that one office computer can hold several. */
  function keyName(role, name) {
    return role + ':' + name.normalize('NFC');
  }

  function start(doc) {
    var section = doc.getElementById('minutes-sign');
    if (!section) return;
    var form = doc.getElementById('ms-form');
    var status = doc.getElementById('ms-status');
    var fingerprint = doc.getElementById('ms-fingerprint');
    var nojs = doc.getElementById('ms-nojs');
    if (!form || !status || !fingerprint) return;
    if (!S.supported()) {
      status.textContent = 'Trình duyệt này không hỗ trợ ký số (WebCrypto, IndexedDB); biên bản giấy vẫn ký tay được. / This browser cannot sign; the paper minutes can be signed by hand.';
      return;
    }
    if (nojs) nojs.hidden = true;
    form.hidden = false;
    // One promise per key, so that a key being made is not made twice; one that failed is made again on the next use.
    var keys = S.keyCache(DATABASE);

    function chosen() {
      var input = form.querySelector('input[name="role"]:checked');
      return input ? { role: input.value, name: input.getAttribute('data-name') || '' } : undefined;
    }
    function keyOf(who) {
      return keys(keyName(who.role, who.name));
    }
    function showKey() {
      var who = chosen();
      if (!who) {
        fingerprint.textContent = '—';
        return;
      }
      fingerprint.textContent = '…';
      keyOf(who).then(S.keyThumbprint).then(function (kid) {
        var now = chosen();
        if (now && now.role === who.role) fingerprint.textContent = kid;
      }, function (err) {
        status.textContent = 'Không tạo được khóa / Could not make the key: ' + S.errorText(err);
      });
    }
    form.addEventListener('change', showKey);
    showKey();

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var who = chosen();
      if (!who) {
        status.textContent = 'Hãy chọn vai trò ký. / Choose the role you sign as.';
        return;
      }
      var button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      status.textContent = 'Đang ký… / Signing…';
      Promise.all([keyOf(who), fetch(section.getAttribute('data-minutes'), { credentials: 'same-origin', cache: 'no-store' }).then(function (res) {
        if (!res.ok) throw new Error('minutes.json: HTTP ' + res.status);
        return res.arrayBuffer();
      })]).then(function (both) {
        return signature({ keyPair: both[0], minutesBytes: new Uint8Array(both[1]), role: who.role, now: new Date(), expectedHash: section.getAttribute('data-hash') });
      }).then(function (compact) {
        return S.postJws(form.getAttribute('action'), compact);
      }).then(function (reply) {
        if (reply.status !== 201 || !reply.body) {
          status.textContent = S.refusal(reply);
          return;
        }
        var words = ROLE[who.role] || [who.role, who.role];
        status.textContent = 'Đã ký biên bản với vai trò ' + words[0] + ' / Signed as ' + words[1] + ': ' + reply.body.kid;
        var state = doc.getElementById('ms-state-' + who.role);
        if (state) state.textContent = 'Đã ký số (khóa ' + reply.body.kid + ') / Signed';
        // A role signs once: its choice goes, and with no choice left so does the form.
        var choice = doc.getElementById('ms-choice-' + who.role);
        if (choice) {
          choice.hidden = true;
          var input = choice.querySelector('input');
          if (input) { input.checked = false; input.disabled = true; }
        }
        if (!form.querySelector('input[name="role"]:not([disabled])')) form.hidden = true;
        showKey();
      }).catch(function (err) {
        status.textContent = 'Không ký được / Could not sign: ' + S.errorText(err);
      }).then(function () {
        if (button) button.disabled = false;
      });
    });
  }

  S.whenReady(start);

  return { signerOf: signerOf, readMinutes: readMinutes, payload: payload, signature: signature, keyName: keyName };
})(DanbanSigning);
`;
