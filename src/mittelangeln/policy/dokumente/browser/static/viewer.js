/* Page viewer of Dokumente and Files (mittelangeln.policy, browser/viewer.py).
 *
 * Plain JavaScript, no build step. The server renders a working page without
 * JavaScript (links with ?seite=N, search form); this script turns it into an
 * in-page viewer: previous/next, page number, zoom, thumbnails and the
 * search inside the document (JSON from @@seiten-suche). Every visible text
 * comes translated from the data-label-* attributes of the viewer element.
 */
(function () {
  "use strict";

  var ZOOM_LEVELS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
  var DEFAULT_ZOOM = 2; // index of 1

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function Viewer(root) {
    this.root = root;
    this.pages = parseInt(root.getAttribute("data-pages"), 10) || 1;
    this.current = parseInt(root.getAttribute("data-current"), 10) || 1;
    this.imageUrl = root.getAttribute("data-image-url");
    this.searchUrl = root.getAttribute("data-search-url");
    this.zoomIndex = DEFAULT_ZOOM;
    this.image = root.querySelector(".viewer-page-image");
    this.stage = root.querySelector(".viewer-stage");
    this.input = root.querySelector(".viewer-page-input");
    this.previous = root.querySelector(".viewer-previous");
    this.next = root.querySelector(".viewer-next");
    this.zoomLevel = root.querySelector(".viewer-zoom-level");
    this.thumbnails = Array.prototype.slice.call(root.querySelectorAll(".viewer-thumbnail"));
    this.searchInput = root.querySelector(".viewer-search-input");
    this.searchStatus = root.querySelector(".viewer-search-status");
    this.hits = root.querySelector(".viewer-hits");
    this.searchRequest = 0;
    this.bind();
    this.show(this.current, false);
    root.classList.add("viewer-ready");
  }

  Viewer.prototype.label = function (name, values) {
    return fill(this.root.getAttribute("data-label-" + name) || "", values || {});
  };

  Viewer.prototype.bind = function () {
    var self = this;
    this.previous.addEventListener("click", function (event) {
      event.preventDefault();
      self.show(self.current - 1);
    });
    this.next.addEventListener("click", function (event) {
      event.preventDefault();
      self.show(self.current + 1);
    });
    this.root.querySelector(".viewer-page-form").addEventListener("submit", function (event) {
      event.preventDefault();
      self.goToInput();
    });
    this.input.addEventListener("change", function () {
      self.goToInput();
    });
    this.root.querySelector(".viewer-zoom-in").addEventListener("click", function () {
      self.zoom(1);
    });
    this.root.querySelector(".viewer-zoom-out").addEventListener("click", function () {
      self.zoom(-1);
    });
    this.thumbnails.forEach(function (thumbnail) {
      thumbnail.addEventListener("click", function (event) {
        event.preventDefault();
        self.show(parseInt(thumbnail.getAttribute("data-page"), 10));
      });
    });
    this.hits.addEventListener("click", function (event) {
      var hit = event.target.closest(".viewer-hit");
      if (hit) {
        event.preventDefault();
        self.show(parseInt(hit.getAttribute("data-page"), 10));
      }
    });
    this.root.querySelector(".viewer-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      self.search(self.searchInput.value);
    });
    this.stage.setAttribute("tabindex", "0");
    this.stage.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft" || event.key === "PageUp") {
        event.preventDefault();
        self.show(self.current - 1);
      } else if (event.key === "ArrowRight" || event.key === "PageDown") {
        event.preventDefault();
        self.show(self.current + 1);
      }
    });
  };

  Viewer.prototype.goToInput = function () {
    var number = parseInt(this.input.value, 10);
    if (isNaN(number)) {
      this.input.value = this.current;
      return;
    }
    this.show(number);
  };

  Viewer.prototype.zoomFactor = function () {
    return ZOOM_LEVELS[this.zoomIndex];
  };

  Viewer.prototype.imageSource = function (number) {
    var size = this.zoomFactor() > 1 ? "large" : "normal";
    return fill(this.imageUrl, { size: size, page: number });
  };

  Viewer.prototype.show = function (number, remember) {
    if (isNaN(number)) {
      return;
    }
    number = Math.min(Math.max(number, 1), this.pages);
    this.current = number;
    this.root.setAttribute("data-current", String(number));
    var source = this.imageSource(number);
    if (this.image.getAttribute("src") !== source) {
      this.image.setAttribute("src", source);
    }
    this.image.setAttribute("data-page", String(number));
    this.image.setAttribute("alt", this.label("page-alt", { page: number, pages: this.pages }));
    this.input.value = number;
    this.setLink(this.previous, number > 1, number - 1);
    this.setLink(this.next, number < this.pages, number + 1);
    this.thumbnails.forEach(function (thumbnail) {
      var isCurrent = parseInt(thumbnail.getAttribute("data-page"), 10) === number;
      if (isCurrent) {
        thumbnail.setAttribute("aria-current", "page");
        if (thumbnail.scrollIntoView) {
          thumbnail.scrollIntoView({ block: "nearest", inline: "nearest" });
        }
      } else {
        thumbnail.removeAttribute("aria-current");
      }
    });
    if (remember !== false && window.history && window.history.replaceState) {
      var url = new URL(window.location.href);
      url.searchParams.set("seite", String(number));
      window.history.replaceState(null, "", url.toString());
    }
  };

  Viewer.prototype.setLink = function (link, enabled, number) {
    link.setAttribute("aria-disabled", enabled ? "false" : "true");
    link.classList.toggle("disabled", !enabled);
    var url = new URL(link.href, window.location.href);
    url.searchParams.set("seite", String(Math.min(Math.max(number, 1), this.pages)));
    link.href = url.toString();
  };

  Viewer.prototype.zoom = function (step) {
    this.zoomIndex = Math.min(Math.max(this.zoomIndex + step, 0), ZOOM_LEVELS.length - 1);
    var factor = this.zoomFactor();
    this.image.style.width = factor * 100 + "%";
    this.image.style.maxWidth = factor > 1 ? "none" : "";
    this.root.classList.toggle("viewer-zoomed", factor > 1);
    this.root.setAttribute("data-zoom", String(factor));
    this.zoomLevel.textContent = Math.round(factor * 100) + " %";
    this.image.setAttribute("src", this.imageSource(this.current));
  };

  Viewer.prototype.search = function (query) {
    var self = this;
    var request = ++this.searchRequest;
    this.hits.textContent = "";
    this.searchStatus.textContent = this.label("searching");
    var url = this.searchUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("no JSON");
        }
        return response.json();
      })
      .then(function (data) {
        if (request === self.searchRequest) {
          self.showResults(data);
        }
      })
      .catch(function () {
        if (request === self.searchRequest) {
          self.searchStatus.textContent = self.label("search-failed");
        }
      });
  };

  Viewer.prototype.showResults = function (data) {
    var self = this;
    var results = data.results || [];
    if (data.error) {
      this.searchStatus.textContent = data.error;
    } else if (!results.length) {
      this.searchStatus.textContent = this.label("no-hits", { query: data.query });
    } else {
      this.searchStatus.textContent = this.label(results.length === 1 ? "found-one" : "found-many", {
        count: results.length,
      });
    }
    results.forEach(function (result) {
      self.hits.appendChild(self.hitItem(result));
    });
  };

  Viewer.prototype.hitItem = function (result) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.className = "viewer-hit";
    link.setAttribute("data-page", String(result.page));
    var url = new URL(window.location.href);
    url.searchParams.set("seite", String(result.page));
    link.href = url.toString();

    var page = document.createElement("span");
    page.className = "viewer-hit-page";
    page.textContent = this.label("page", { page: result.page });
    var count = document.createElement("span");
    count.className = "viewer-hit-count";
    count.textContent = this.label(result.hits === 1 ? "hits-one" : "hits-many", { count: result.hits });
    var snippet = document.createElement("span");
    snippet.className = "viewer-hit-snippet";
    var text = result.snippet || "";
    var mark = result.mark || [0, 0];
    var highlighted = document.createElement("mark");
    highlighted.textContent = text.substr(mark[0], mark[1]);
    snippet.appendChild(document.createTextNode(text.substr(0, mark[0])));
    snippet.appendChild(highlighted);
    snippet.appendChild(document.createTextNode(text.substr(mark[0] + mark[1])));

    link.appendChild(page);
    link.appendChild(count);
    link.appendChild(snippet);
    item.appendChild(link);
    return item;
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".mittelangeln-viewer"), function (root) {
      if (!root.viewer) {
        root.viewer = new Viewer(root);
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
