// The customer list searches as you type: the filters' form is fetched as a fragment
// (?fragment=1) and replaces the results; the address follows, so Back and a bookmark work.
// Without JavaScript the same form is submitted by its button.
"use strict";
(function () {
  const form = document.getElementById("customer-filters");
  const results = document.getElementById("results");
  if (!form || !results) return;
  let timer = 0;
  let asked = 0;
  let controller = null;

  const columns = document.getElementById("columns");
  const defaults = columns ? columns.dataset.default : "";

  function address() {
    const params = new URLSearchParams();
    const data = new FormData(form);
    const ticked = data.getAll("col");
    for (const [name, value] of data) {
      if (!value || (name === "sort" && value === "name")) continue;
      if (name === "col" && ticked.join(" ") === defaults) continue; // the default columns
      params.append(name, value);
    }
    const query = params.toString();
    return "/customers" + (query ? "?" + query : "");
  }

  async function refresh() {
    const target = address();
    const ticket = ++asked;
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const separator = target.includes("?") ? "&" : "?";
      const answer = await fetch(target + separator + "fragment=1", {
        signal: controller.signal,
        credentials: "same-origin",
      });
      if (answer.redirected || !answer.ok) {
        window.location.assign(target); // signed out, or a page error: show it whole
        return;
      }
      const html = await answer.text();
      if (ticket !== asked) return; // a later keystroke's answer is on its way
      results.innerHTML = html;
      history.replaceState(null, "", target);
      form.dataset.loaded = String(ticket);
    } catch (error) {
      if (error.name !== "AbortError") window.location.assign(target);
    }
  }

  form.addEventListener("input", function (event) {
    if (!event.target.matches("[data-live-search]")) return;
    clearTimeout(timer);
    timer = setTimeout(refresh, 200);
  });
  form.addEventListener("change", function (event) {
    if (event.target.tagName === "SELECT" || event.target.type === "checkbox") refresh();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    refresh();
  });
})();

// A bulk action shows only the field it uses (the tag, or the group); without JavaScript
// both are shown and the server takes the one the action needs.
(function () {
  function follow(select) {
    const panel = select.closest("form");
    for (const field of panel.querySelectorAll("[data-for]")) {
      field.hidden = !field.dataset.for.split(" ").includes(select.value);
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-bulk-action]")) follow(event.target);
  });
  // The list's rows (and this form with them) are replaced as the search is typed.
  const results = document.getElementById("results");
  function start() {
    const select = document.querySelector("[data-bulk-action]");
    if (select) follow(select);
  }
  if (results) new MutationObserver(start).observe(results, {childList: true});
  start();
})();

// The CSV import: the chosen file goes as the request's raw body (text/csv), as the API
// takes it; the answer is the report, shown under the form.
(function () {
  const form = document.getElementById("import-form");
  if (!form) return;
  const report = document.getElementById("import-report");
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const file = document.getElementById("import-file").files[0];
    if (!file) return;
    const dryRun = event.submitter ? event.submitter.value : "1";
    const query = new URLSearchParams({dry_run: dryRun, name: file.name});
    const answer = await fetch("/customers/import?" + query, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "text/csv", "X-CSRF-Token": form.dataset.csrf},
      body: file,
    });
    if (answer.redirected) {
      window.location.assign(answer.url);
      return;
    }
    report.innerHTML = await answer.text();
  });
})();
