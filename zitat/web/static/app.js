/* zitat web: speaker suggestions as you type (a combobox over GET /api/speakers?q=).
   No inline script anywhere: the Content-Security-Policy allows scripts from this server only. */
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest]");
  if (!input) { return; }
  var list = document.getElementById(input.getAttribute("aria-controls"));
  var endpoint = input.getAttribute("data-suggest");
  var timer = null;
  var active = -1;
  var asked = 0;

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.textContent = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = options();
    if (!items.length) { return; }
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({block: "nearest"});
  }

  function show(speakers) {
    list.textContent = "";
    active = -1;
    if (!speakers.length) { close(); return; }
    speakers.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "vorschlag-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = s.page;
      a.tabIndex = -1;
      a.className = "suggestion";
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = s.speaker;
      a.appendChild(name);
      var extra = (s.roles || []).slice(0, 2).concat((s.aliases || []).slice(0, 2)).filter(function (x) {
        return x && x !== s.speaker;
      });
      var info = document.createElement("span");
      info.className = "info";
      info.textContent = s.statements + " Aussage" + (s.statements === 1 ? "" : "n") + (extra.length ? " · " + extra.join(", ") : "");
      a.appendChild(info);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function ask() {
    var q = input.value.trim();
    if (!q) { close(); return; }
    var ticket = ++asked;
    fetch(endpoint + "?limit=8&q=" + encodeURIComponent(q), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {speakers: []}; })
      .then(function (data) { if (ticket === asked) { show(data.speakers || []); } })
      .catch(function () { if (ticket === asked) { close(); } });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 120);
  });
  input.addEventListener("keydown", function (e) {
    var items = options();
    if (e.key === "ArrowDown" && items.length) { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Escape") { close(); }
    else if (e.key === "Enter" && active >= 0 && items[active]) {
      e.preventDefault();
      window.location.href = items[active].querySelector("a").href;
    }
  });
  // Leaving the field closes the list (after a moment, so that a click on a suggestion still lands),
  // unless the field has the focus again by then.
  input.addEventListener("blur", function () {
    setTimeout(function () { if (document.activeElement !== input) { close(); } }, 200);
  });
  input.addEventListener("focus", function () { if (input.value.trim()) { ask(); } });
})();
