// Background import: the page reloads itself every few seconds until every file is read.
(function () {
  "use strict";
  var batch = document.getElementById("lot");
  if (!batch || batch.getAttribute("data-finished") === "oui") {
    return;
  }
  window.setTimeout(function () {
    window.location.reload();
  }, 4000);
})();
