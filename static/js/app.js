// Behaviour that htmx attributes cannot express. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  // After a swap, move focus to the swapped region's heading so keyboard and
  // screen-reader users land on what changed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || !target.dataset || target.dataset.focusOnSwap === undefined) return;
    var focusable = target.querySelector("[autofocus], h2, h3") || target;
    if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
    focusable.focus();
  });
})();
