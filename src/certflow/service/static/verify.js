/* The verification page's script: registers the service worker (offline use), and on the
   offline page checks the token in the address with the LSP's public keys (WebCrypto Ed25519).
   The page works without it: online answers are rendered by the server from the register. */
(function () {
  "use strict";
  var root = document.documentElement;
  var base = root.getAttribute("data-base") || "";
  var lsp = root.getAttribute("data-lsp") || "";
  var lang = root.getAttribute("data-lang") || "id";

  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(base + "/verify-sw.js", { scope: base + "/" })
      .catch(function () { /* offline use is an extra; the page works without it */ });
  }

  var shell = document.getElementById("offline");
  if (!shell) { return; }

  function show(outcome) {
    var banners = shell.querySelectorAll("[data-outcome]");
    for (var i = 0; i < banners.length; i++) {
      banners[i].hidden = banners[i].getAttribute("data-outcome") !== outcome;
    }
  }

  function b64(bytes) {
    var text = "";
    for (var i = 0; i < bytes.length; i++) { text += String.fromCharCode(bytes[i]); }
    return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  /* The bytes of a canonical unpadded base64url segment, else null (as the server reads). */
  function unb64(segment) {
    if (!/^[A-Za-z0-9_-]+$/.test(segment) || segment.length % 4 === 1) { return null; }
    var padded = segment.replace(/-/g, "+").replace(/_/g, "/");
    while (padded.length % 4) { padded += "="; }
    var raw;
    try { raw = atob(padded); } catch (e) { return null; }
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return b64(bytes) === segment ? bytes : null;
  }

  function day(text) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!parts) { return text; }
    var date = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
    return date.toLocaleDateString(lang === "en" ? "en-GB" : "id-ID",
      { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function claimsShown(claims) {
    var slots = shell.querySelectorAll("[data-claim]");
    for (var i = 0; i < slots.length; i++) {
      var key = slots[i].getAttribute("data-claim");
      var value = claims[key];
      slots[i].textContent = (key === "f" || key === "u") ? day(String(value)) : String(value);
    }
    document.getElementById("offline-claims").hidden = false;
    document.getElementById("offline-note").hidden = false;
  }

  function valid(claims) {
    var dateField = /^\d{4}-\d{2}-\d{2}$/;
    return claims && typeof claims === "object" && claims.v === 2 &&
      typeof claims.l === "string" && typeof claims.n === "string" &&
      typeof claims.s === "string" && dateField.test(claims.f) && dateField.test(claims.u) &&
      typeof claims.c === "number";
  }

  async function check() {
    var match = /\/v\/([^\/?#]+)$/.exec(location.pathname);
    var parts = match ? decodeURIComponent(match[1]).split(".") : [];
    var decoded = parts.length === 3 ? parts.map(unb64) : [null];
    if (decoded.some(function (part) { return part === null; })) { return "damaged"; }
    var header, claims;
    try {
      header = JSON.parse(new TextDecoder().decode(decoded[0]));
      claims = JSON.parse(new TextDecoder().decode(decoded[1]));
    } catch (e) { return "damaged"; }
    if (!header || header.alg !== "Ed25519" || typeof header.kid !== "string" ||
        decoded[2].length !== 64 || !valid(claims)) { return "damaged"; }
    var jwks;
    try {
      var response = await fetch(base + "/.well-known/certflow-keys.json");
      jwks = await response.json();
    } catch (e) { return "cannot"; }
    var found = (jwks.keys || []).filter(function (key) { return key.kid === header.kid; })[0];
    if (!found) { return "unknown_key"; }
    var ok;
    try {
      var key = await crypto.subtle.importKey(
        "jwk", { kty: "OKP", crv: "Ed25519", x: found.x }, { name: "Ed25519" }, false, ["verify"]);
      var signed = new TextEncoder().encode(parts[0] + "." + parts[1]);
      ok = await crypto.subtle.verify({ name: "Ed25519" }, key, decoded[2], signed);
    } catch (e) { return "cannot"; }
    if (!ok) { return "forged"; }
    if (claims.l !== lsp) { return "other"; }
    claimsShown(claims);
    return today() <= claims.u ? "valid" : "expired";
  }

  check().then(show, function () { show("cannot"); });
})();
