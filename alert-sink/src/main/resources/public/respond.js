// The cardholder's answer to a customer message. The signed token in the path is the only
// credential; everything shown is set with textContent, so nothing from the alert is ever HTML.
(function () {
  "use strict";
  var token = decodeURIComponent(location.pathname.replace(/^\/respond\//, ""));
  var api = "/api/customer-responses/" + encodeURIComponent(token);
  var status = document.getElementById("status");

  function show(id, on) { document.getElementById(id).hidden = !on; }
  function refused() {
    status.textContent = "This link is not valid any more. If you did not make a recent payment, call the number on the back of your card.";
  }

  fetch(api, { cache: "no-store" }).then(function (r) {
    if (!r.ok) { refused(); return null; }
    return r.json();
  }).then(function (p) {
    if (!p) { return; }
    document.getElementById("merchant").textContent = p.merchantId || "unknown merchant";
    document.getElementById("amount").textContent = p.amount ? p.amount + " " + p.currency : "—";
    document.getElementById("time").textContent = new Date(p.time).toLocaleString();
    status.textContent = p.action === "BLOCK" ? "We declined this payment to protect you." : "We are holding this payment until you answer.";
    show("payment", true);
    show("buttons", true);
  }).catch(refused);

  function answer(value) {
    document.getElementById("me").disabled = true;
    document.getElementById("not-me").disabled = true;
    fetch(api, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ answer: value })
    }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (body) {
      show("buttons", false);
      var done = document.getElementById("done");
      done.textContent = body ? body.message : "This link is not valid any more.";
      show("done", true);
    }).catch(refused);
  }
  document.getElementById("me").addEventListener("click", function () { answer("me"); });
  document.getElementById("not-me").addEventListener("click", function () { answer("not-me"); });
})();
