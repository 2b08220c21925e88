/* Mängelmelder: fill in the coordinates from the device's location.
 * Progressive enhancement: without JavaScript or without permission the
 * visitor types coordinates or an address. Texts come from the page
 * (data attributes of .location-picker), translated there. */
(function () {
  "use strict";

  function setUp(picker) {
    var latitude = document.getElementById("form-widgets-latitude");
    var longitude = document.getElementById("form-widgets-longitude");
    if (!latitude || !longitude || !navigator.geolocation) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn btn-secondary location-button";
    button.textContent = picker.dataset.button;
    var status = document.createElement("span");
    status.className = "location-status ms-2";
    status.setAttribute("role", "status");
    picker.appendChild(button);
    picker.appendChild(status);
    var field = longitude.closest(".field");
    if (field) {
      field.after(picker);  // right below the coordinates it fills in
    }
    picker.hidden = false;

    button.addEventListener("click", function () {
      status.textContent = picker.dataset.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          latitude.value = position.coords.latitude.toFixed(6);
          longitude.value = position.coords.longitude.toFixed(6);
          status.textContent = picker.dataset.found;
        },
        function () {
          status.textContent = picker.dataset.failed;
        },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".location-picker").forEach(setUp);
  });
})();
