/* Posteingang upload: files dragged onto the drop zone go into its file
 * input, and the chosen names are listed. Progressive enhancement: without
 * JavaScript the plain file input works. Texts come from the page (data
 * attributes of .eingang-dropzone, translated there). */
(function () {
  "use strict";

  function setUp(zone) {
    var input = zone.querySelector("input[type=file]");
    if (!input) {
      return;
    }
    var hint = document.createElement("p");
    hint.className = "eingang-dropzone-hint";
    hint.textContent = zone.dataset.hint;
    zone.insertBefore(hint, zone.firstChild);
    var list = document.createElement("ul");
    list.className = "eingang-dropzone-files";
    list.setAttribute("aria-live", "polite");
    zone.appendChild(list);

    function showChosen() {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file) {
        var item = document.createElement("li");
        item.textContent = file.name;
        list.appendChild(item);
      });
      list.setAttribute("aria-label", zone.dataset.chosen);
    }

    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("is-dragover");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () {
        zone.classList.remove("is-dragover");
      });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      if (event.dataTransfer && event.dataTransfer.files.length) {
        input.files = event.dataTransfer.files;
        showChosen();
      }
    });
    input.addEventListener("change", showChosen);
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll(".eingang-dropzone"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
