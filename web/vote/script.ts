/**
 * `/vote/assets/vote.js`, the only script of the resident pages, written by hand and served from this origin
 * (CSP `script-src 'self'`). Every page works without it; with it:
 * - the code in the QR link's fragment (`#code=XXXX-...`, never sent to the server) fills the code field, and the
 *   fragment is removed from the address bar and the history at once;
 * - an approval question stops accepting ticks at its maximum (the server checks it anyway);
 * - the receipt page gets a print button and a copy button (their labels come from the page, in its language).
 */
export const VOTE_JS = `(function () {
  'use strict';
  var match = /(?:^#|&)code=([^&]*)/.exec(location.hash);
  if (match) {
    var field = document.getElementById('code');
    if (field && !field.value) {
      try { field.value = decodeURIComponent(match[1]).slice(0, 40); } catch (e) { /* a malformed fragment fills nothing */ }
    }
    history.replaceState(null, '', location.pathname + location.search);
  }

  Array.prototype.forEach.call(document.querySelectorAll('fieldset[data-max]'), function (set) {
    var max = Number(set.getAttribute('data-max'));
    var boxes = set.querySelectorAll('input[type=checkbox]');
    function limit() {
      var ticked = 0;
      Array.prototype.forEach.call(boxes, function (b) { if (b.checked) ticked++; });
      Array.prototype.forEach.call(boxes, function (b) { b.disabled = !b.checked && ticked >= max; });
    }
    set.addEventListener('change', limit);
    limit();
  });

  var tools = document.getElementById('tools');
  var receipt = document.getElementById('receipt');
  if (tools) {
    var add = function (label, onClick) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'secondary';
      button.textContent = label;
      button.addEventListener('click', onClick);
      tools.appendChild(button);
      return button;
    };
    add(tools.getAttribute('data-print'), function () { window.print(); });
    if (receipt && navigator.clipboard) {
      var copy = add(tools.getAttribute('data-copy'), function () {
        navigator.clipboard.writeText(receipt.textContent.trim()).then(function () {
          copy.textContent = tools.getAttribute('data-copied');
        });
      });
    }
    tools.hidden = false;
  }
})();
`;
