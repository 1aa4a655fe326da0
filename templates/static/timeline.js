/* Filters and search for the timeline, without a server and without a framework.
   Without JavaScript the form stays hidden and every entry is shown; the links by
   year, person/place and article keep working. The state lives in the URL query
   (?q=...&who=...&from=YYYY-MM-DD&to=YYYY-MM-DD), so a filtered view can be shared. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var body = document.getElementById("timeline");
  if (!form || !body || !window.URLSearchParams) return;
  var entries = Array.prototype.slice.call(body.querySelectorAll("li.entry"));
  var texts = entries.map(function (li) { return normalise(li.textContent); });
  var lists = Array.prototype.slice.call(body.querySelectorAll("ol.timeline"));
  var years = Array.prototype.slice.call(body.querySelectorAll("section.year"));
  var status = document.getElementById("filter-status");
  var names = ["q", "who", "from", "to"];
  var fields = {};
  names.forEach(function (name) { fields[name] = form.elements.namedItem(name); });

  function normalise(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/\s+/g, " ");
  }

  function state() {
    var values = {};
    names.forEach(function (name) {
      values[name] = fields[name] ? fields[name].value.trim() : "";
    });
    return values;
  }

  function apply() {
    var s = state();
    var words = normalise(s.q).split(" ").filter(Boolean);
    var shown = 0;
    entries.forEach(function (li, i) {
      var ok = words.every(function (word) { return texts[i].indexOf(word) >= 0; });
      if (ok && s.who) ok = (li.getAttribute("data-entities") || "").split("|").indexOf(s.who) >= 0;
      if (ok && s.from) ok = (li.getAttribute("data-end") || "") >= s.from;
      if (ok && s.to) ok = !!li.getAttribute("data-start") && li.getAttribute("data-start") <= s.to;
      li.hidden = !ok;
      if (ok) shown += 1;
    });
    lists.forEach(function (ol) {
      var any = !!ol.querySelector("li.entry:not([hidden])");
      ol.hidden = !any;
      var heading = ol.previousElementSibling;
      if (heading && heading.classList.contains("month")) heading.hidden = !any;
    });
    years.forEach(function (section) {
      section.hidden = !section.querySelector("li.entry:not([hidden])");
    });
    var filtered = names.some(function (name) { return s[name]; });
    var total = entries.length;
    var noun = total === 1 ? " entry" : " entries";
    status.textContent = filtered
      ? shown + " of " + total + noun + " shown"
      : total + noun;
    save(s);
  }

  function save(s) {
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (name) {
      if (s[name]) params.set(name, s[name]); else params.delete(name);
    });
    var query = params.toString();
    var target = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (target === window.location.pathname + window.location.search + window.location.hash) return;
    try {
      window.history.replaceState(null, "", target);
    } catch (error) {
      /* some browsers refuse history changes on file:// pages: the filter still works */
    }
  }

  var initial = new URLSearchParams(window.location.search);
  names.forEach(function (name) {
    var value = initial.get(name);
    if (!value || !fields[name]) return;
    if (fields[name].tagName === "SELECT") {
      var known = Array.prototype.some.call(fields[name].options, function (option) {
        return option.value === value;
      });
      if (!known) return;
    }
    fields[name].value = value;
  });
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
  apply();
})();
