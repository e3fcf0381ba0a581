// Behaviour that htmx attributes cannot express. No inline scripts: the CSP forbids them.
(function () {
  "use strict";

  // After a swap, move focus to the swapped region's heading so keyboard and
  // screen-reader users land on what changed. outerHTML swaps replace the target,
  // so look the region up again by id.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target;
    if (!target) return;
    if (target.id && !target.isConnected) target = document.getElementById(target.id) || target;
    if (!target.dataset || target.dataset.focusOnSwap === undefined) return;
    var config = event.detail.requestConfig;
    if (config && config.verb === "get" && target.id !== "claim-panel") return;
    // A refresh after someone else's change (a bulk action) must not steal the user's focus.
    if (config && config.triggeringEvent && config.triggeringEvent.type === "claims-changed") return;
    var focusable = target.querySelector("[autofocus], .conflict, h2, h3") || target;
    if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
    focusable.focus({ preventScroll: false });
    markCurrentClaim();
  });

  // ---- The article page ------------------------------------------------------

  function currentClaimId() {
    var panel = document.getElementById("claim-panel");
    return panel ? panel.dataset.claim : undefined;
  }

  function markCurrentClaim() {
    var id = currentClaimId();
    document.querySelectorAll(".claim-row.is-current, .seg.is-current").forEach(function (el) {
      el.classList.remove("is-current");
    });
    if (!id) return;
    var row = document.getElementById("claim-row-" + id);
    if (row) row.classList.add("is-current");
    document.querySelectorAll('.seg[data-claim="' + id + '"]').forEach(function (el) {
      el.classList.add("is-current");
    });
  }
  document.addEventListener("htmx:afterSettle", markCurrentClaim);

  // A claim opens through its row's link; a highlight whose row is outside the list's window opens
  // through one link of our own, built from the text region's URL pattern and view.
  var opener = null;
  function openClaim(id) {
    var link = document.querySelector("#claim-row-" + id + " .claim-link");
    if (!link) {
      var text = document.getElementById("article-text");
      if (!text || !text.dataset.claimUrl || !window.htmx) return;
      var url = text.dataset.claimUrl.replace("{pk}", id) + (text.dataset.viewQuery ? "?" + text.dataset.viewQuery : "");
      if (!opener) {
        opener = document.createElement("a");
        opener.hidden = true;
        opener.setAttribute("hx-target", "#claim-panel");
        opener.setAttribute("hx-swap", "outerHTML");
        opener.setAttribute("hx-push-url", "true");
        document.body.appendChild(opener);
      }
      opener.setAttribute("href", url);
      opener.setAttribute("hx-get", url);
      window.htmx.process(opener);
      link = opener;
    }
    link.click();
  }

  // A click on a highlight opens its claim through the row's link (the text itself is hx-disable).
  document.addEventListener("click", function (event) {
    var seg = event.target.closest && event.target.closest(".seg[data-claim]");
    if (!seg || !window.getSelection().isCollapsed) return;
    openClaim(seg.dataset.claim);
  });

  // Colour highlights by status or by verdict; remembered across pages.
  function applyColouring(mode) {
    var workspace = document.querySelector("[data-workspace]");
    if (!workspace) return;
    workspace.classList.toggle("colour-status", mode !== "verdict");
    workspace.classList.toggle("colour-verdict", mode === "verdict");
    document.querySelectorAll("[data-colour-by]").forEach(function (input) {
      input.checked = input.value === mode;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-colour-by]")) {
      try { localStorage.setItem("colour-by", event.target.value); } catch (e) { /* private mode */ }
      applyColouring(event.target.value);
    }
    if (event.target.matches("[data-bulk-action]")) showBulkField(event.target.form);
  });

  // Selection → character offsets into article.body, using each run's data-start.
  function offsetOf(node, offset) {
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var run = element && element.closest("[data-start]");
    if (!run) {
      // The boundary sits on the container itself: count the runs before it.
      var body = element && element.closest("[data-article-body]");
      if (!body) return null;
      var child = body.childNodes[offset];
      if (child && child.dataset) return parseInt(child.dataset.start, 10);
      var last = body.lastElementChild;
      return last ? parseInt(last.dataset.start, 10) + last.textContent.length : 0;
    }
    var before = 0;
    if (node.nodeType === Node.TEXT_NODE) {
      before = offset;
    } else {
      for (var i = 0; i < offset && i < node.childNodes.length; i++) before += node.childNodes[i].textContent.length;
    }
    return parseInt(run.dataset.start, 10) + before;
  }

  function updateAddClaim() {
    var form = document.querySelector("[data-add-claim]");
    var body = document.querySelector("[data-article-body]");
    if (!form || !body) return;
    var selection = window.getSelection();
    var ok = false;
    if (selection.rangeCount && !selection.isCollapsed) {
      var range = selection.getRangeAt(0);
      if (body.contains(range.startContainer) && body.contains(range.endContainer)) {
        var start = offsetOf(range.startContainer, range.startOffset);
        var end = offsetOf(range.endContainer, range.endOffset);
        if (start !== null && end !== null && end > start) {
          form.elements.start.value = start;
          form.elements.end.value = end;
          form.querySelector("[data-add-claim-quote]").textContent = selection.toString().slice(0, 200);
          ok = true;
        }
      }
    }
    // Keep the last selection while the user moves to the button.
    if (!ok && document.activeElement && form.contains(document.activeElement)) return;
    form.querySelector("[data-add-claim-button]").disabled = !ok;
    form.querySelector("[data-add-claim-selection]").hidden = !ok;
    form.querySelector("[data-add-claim-hint]").hidden = ok;
  }
  document.addEventListener("selectionchange", updateAddClaim);

  // Selecting a passage in a source's page text copies it into that source's excerpt field.
  document.addEventListener("mouseup", function () {
    var selection = window.getSelection();
    if (selection.isCollapsed || !selection.rangeCount) return;
    var node = selection.getRangeAt(0).commonAncestorContainer;
    var element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var source = element && element.closest("[data-excerpt-source]");
    if (!source) return;
    var field = document.querySelector('[data-excerpt-target="' + source.dataset.excerptSource + '"]');
    if (field) {
      field.value = selection.toString().trim();
      field.closest("details").open = true;
    }
  });

  // The bulk actions show once a claim is ticked: until then the rows have the room.
  function showBulkForm() {
    var form = document.getElementById("bulk-form");
    if (form) form.hidden = !document.querySelector('input[name="claims"][form="bulk-form"]:checked');
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches('input[name="claims"]')) showBulkForm();
  });

  function showBulkField(form) {
    if (!form) return;
    var action = form.elements.action.value;
    form.querySelectorAll("[data-bulk-field]").forEach(function (field) {
      field.hidden = field.dataset.bulkField !== action;
    });
  }

  // A refresh of the claim list after a change re-renders the windows already loaded, not just the first.
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.id !== "claim-list" || event.detail.verb !== "get") return;
    var earlier = document.getElementById("claim-earlier");
    var more = document.getElementById("claim-more");
    var first = earlier ? parseInt(earlier.dataset.page, 10) + 1 : 1;
    event.detail.parameters.page = first;
    if (more) event.detail.parameters.upto = parseInt(more.dataset.page, 10) - 1;
    else if (document.querySelector("[data-claim-row]")) event.detail.parameters.upto = first + 7;
  });

  // A background refresh of the claim list (after someone's change) keeps the ticked claims ticked
  // and the list where it was scrolled to.
  var ticked = null;
  var scrolled = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "claim-list" || event.detail.requestConfig.verb !== "get") return;
    ticked = Array.prototype.map.call(target.querySelectorAll('input[name="claims"]:checked'), function (box) {
      return box.value;
    });
    var rows = target.querySelector("[data-claim-rows]");
    scrolled = rows && event.detail.requestConfig.elt === target ? rows.scrollTop : null;
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (scrolled !== null) {
      var rows = document.querySelector("#claim-list [data-claim-rows]");
      if (rows) rows.scrollTop = scrolled;
      scrolled = null;
    }
    if (!ticked) return;
    ticked.forEach(function (value) {
      var box = document.querySelector('#claim-list input[name="claims"][value="' + value + '"]');
      if (box) box.checked = true;
    });
    ticked = null;
  });

  // ---- Keyboard shortcuts ----------------------------------------------------

  function openDialog() {
    var dialog = document.getElementById("shortcuts");
    if (dialog && !dialog.open) dialog.showModal();
  }

  // j/k past the loaded window first loads the next (or earlier) one, then moves. Only the settling of
  // that window's own request moves: the panel's sections load by htmx too, and may settle first.
  var pendingMove = null;
  document.addEventListener("htmx:afterSettle", function (event) {
    if (!pendingMove) return;
    var config = event.detail.requestConfig;
    if (!config || config.elt !== pendingMove.sentinel) return;
    var step = pendingMove.step;
    pendingMove = null;
    moveClaim(step, true);
  });

  function moveClaim(step, loaded) {
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-claim-row]"));
    if (!rows.length) return;
    // The panel says which claim is open, even before the swap has settled.
    var current = currentClaimId();
    var index = rows.findIndex(function (row) { return row.dataset.claimRow === current; });
    var edge = step > 0 ? index === rows.length - 1 : index === 0;
    var sentinel = document.querySelector(step > 0 ? "#claim-more a" : "#claim-earlier a");
    if (index !== -1 && edge && sentinel && !loaded) {
      pendingMove = { step: step, sentinel: sentinel };
      sentinel.click();
      return;
    }
    var next = rows[Math.max(0, Math.min(rows.length - 1, index === -1 ? 0 : index + step))];
    next.scrollIntoView({ block: "nearest" });
    openClaim(next.dataset.claimRow);
  }

  function openSection(selector) {
    var details = document.querySelector(selector);
    if (!details) return;
    details.open = true;
    var field = details.querySelector("textarea, input:not([type=hidden]), select");
    if (field) field.focus();
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable], dialog")) return;
    switch (event.key) {
      case "j": moveClaim(1); break;
      case "k": moveClaim(-1); break;
      case "e": openSection("[data-shortcut-e]"); break;
      case "s": openSection("[data-shortcut-s]"); break;
      case "v": openSection("[data-shortcut-v]"); break;
      case "/": {
        var search = document.getElementById("id_q");
        if (!search) return;
        search.focus();
        break;
      }
      case "?": openDialog(); break;
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-shortcuts-open]")) openDialog();
  });

  function init() {
    var mode = "status";
    try { mode = localStorage.getItem("colour-by") || "status"; } catch (e) { /* private mode */ }
    applyColouring(mode);
    showBulkField(document.getElementById("bulk-form"));
    showBulkForm();
    markCurrentClaim();
  }
  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("htmx:historyRestore", init);
  document.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "claim-list") {
      showBulkField(document.getElementById("bulk-form"));
      showBulkForm();
    }
  });
})();
