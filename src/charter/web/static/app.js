// Small conveniences on top of pages that work without JavaScript.
"use strict";

document.addEventListener("DOMContentLoaded", function () {
  // The check form: a new date offers the record on that date at once.
  var date = document.querySelector("form#proposal input#date");
  var load = document.querySelector("form#proposal button#load");
  if (date && load) {
    date.addEventListener("change", function () {
      if (/^\d{4}-\d{2}-\d{2}$/.test(date.value)) { load.click(); }
    });
  }
  // The check form: add a participant row without a round trip.
  var rows = document.getElementById("rows");
  if (rows && rows.lastElementChild) {
    var add = document.createElement("button");
    add.type = "button";
    add.textContent = "Add a participant row";
    add.className = "secondary";
    add.addEventListener("click", function () {
      var last = rows.lastElementChild;
      var copy = last.cloneNode(true);
      var n = rows.children.length + 1;
      copy.setAttribute("aria-label", "Participant " + n);
      copy.querySelectorAll("input, select").forEach(function (field) {
        var base = field.name;
        field.id = base + "_" + n;
        if (field.tagName === "INPUT") { field.value = ""; } else { field.selectedIndex = 0; }
      });
      copy.querySelectorAll("label").forEach(function (label) {
        var target = label.getAttribute("for").replace(/_\d+$/, "_" + n);
        label.setAttribute("for", target);
        label.textContent = label.textContent.replace(/\d+$/, String(n));
      });
      rows.appendChild(copy);
      copy.querySelector("input").focus();
    });
    rows.parentNode.insertBefore(add, rows.nextSibling);
  }
  // The API page: send a form (and its body) and show the answer in place.
  document.querySelectorAll("form.try").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var query = new URLSearchParams();
      var body = null;
      form.querySelectorAll("input").forEach(function (field) {
        if (field.value) { query.append(field.name, field.value); }
      });
      var area = form.querySelector("textarea");
      if (area) { body = area.value; }
      var url = form.getAttribute("action") + (query.toString() ? "?" + query.toString() : "");
      var answer = form.querySelector("pre.answer");
      var code = answer.querySelector("code");
      fetch(url, {
        method: form.dataset.method,
        body: body,
        headers: body === null ? {} : { "Content-Type": "application/yaml" }
      }).then(function (response) {
        return response.text().then(function (text) {
          code.textContent = response.status + " " + response.statusText + "\n\n" + text;
          answer.hidden = false;
        });
      }).catch(function (error) {
        code.textContent = String(error);
        answer.hidden = false;
      });
    });
  });
});
