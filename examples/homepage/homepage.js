/* Sample homepage client of @oeffentliche-dokumente (see the README). The
 * portal's address comes from ?portal=… or the data-portal attribute. */
(function () {
  "use strict";
  var app = document.getElementById("app");
  var portal = new URLSearchParams(location.search).get("portal") || app.dataset.portal;
  var endpoint = portal.replace(/\/$/, "") + "/@oeffentliche-dokumente";
  var form = document.getElementById("filter");
  var list = document.getElementById("documents");
  var status = document.getElementById("status");
  var more = document.getElementById("more");
  var detail = document.getElementById("detail");
  var next = null;

  function text(tag, content, className) {
    var element = document.createElement(tag);
    element.textContent = content == null ? "" : content;  // never HTML from the feed here
    if (className) element.className = className;
    return element;
  }

  function germanDate(iso) {
    return iso ? new Date(iso).toLocaleDateString("de-DE") : "";
  }

  // The JSON of a feed address; a refusal becomes an Error with the portal's German message.
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
        return body;
      });
    });
  }

  function showError(error) {
    // A network or CORS failure is a TypeError with an English text.
    status.textContent = error instanceof TypeError ? "Die Dokumente konnten nicht geladen werden." : error.message;
    status.className = "error";
  }

  function load(url, append) {
    status.textContent = "Wird geladen …";
    status.className = "";
    return getJSON(url)
      .then(function (body) {
        if (!append) list.textContent = "";
        body.items.forEach(function (item) { list.appendChild(entry(item)); });
        next = body.batching && body.batching.next;
        more.hidden = !next;
        status.textContent = body.items_total + (body.items_total === 1 ? " Dokument" : " Dokumente");
        return body;
      })
      .catch(showError);
  }

  function entry(item) {
    var li = document.createElement("li");
    li.dataset.uid = item.uid;
    var link = text("a", item.titel);
    link.href = "#" + item.uid;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      open(item["@id"]);
    });
    li.appendChild(link);
    li.appendChild(text("div", [item.art_titel, item.gemeinde, germanDate(item.veroeffentlicht)].join(" · "), "meta"));
    if (item.beschreibung) li.appendChild(text("p", item.beschreibung));
    return li;
  }

  function open(url) {
    getJSON(url)
      .then(function (item) {
        detail.textContent = "";
        detail.appendChild(text("h2", item.titel));
        detail.appendChild(text("p", item.beschreibung));
        if (item.gueltig_ab) detail.appendChild(text("p", "Gültig ab " + germanDate(item.gueltig_ab) + (item.fassung ? " (" + item.fassung + ")" : "")));
        if (item.download) {
          var download = text("a", "Herunterladen: " + item.download.dateiname);
          download.href = item.download.url;
          detail.appendChild(download);
        }
        if (item.link) {
          var online = text("a", "Zum Online-Formular");
          online.href = item.link;
          detail.appendChild(online);
        }
        detail.hidden = false;
      })
      .catch(showError);
  }

  function query() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      if (value) params.set(name, value);
    });
    return endpoint + (params.toString() ? "?" + params.toString() : "");
  }

  function fillGemeinden() {
    // The Gemeinden that have documents, from one unfiltered page.
    return getJSON(endpoint + "?b_size=100")
      .then(function (body) {
        var select = form.elements.gemeinde;
        var names = body.items.map(function (item) { return item.gemeinde; }).filter(Boolean);
        Array.from(new Set(names)).sort().forEach(function (name) {
          var option = text("option", name);
          option.value = name;
          select.appendChild(option);
        });
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    detail.hidden = true;
    load(query(), false);
  });
  more.addEventListener("click", function () { if (next) load(next, true); });
  fillGemeinden()
    .catch(function () {})  // without Gemeinden the list still loads
    .then(function () { load(query(), false); });
})();
