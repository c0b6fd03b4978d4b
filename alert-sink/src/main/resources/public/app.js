// fraudstream alert dashboard: vanilla JS, no build step, no third-party code.
// Alert data is only ever put on the page with textContent and DOM APIs, never as HTML, so a
// field holding "<script>" shows as text.
"use strict";

(function () {
  const TOKEN_KEY = "fraudstream.token";
  const ANALYST_KEY = "fraudstream.analyst";
  const PAGE_SIZE = 25;
  const PALETTE = ["#2f5bea", "#c62828", "#2e7d32", "#b26a00", "#7b1fa2", "#00838f", "#5d4037",
    "#ad1457", "#558b2f", "#455a64"];

  const state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    analyst: sessionStorage.getItem(ANALYST_KEY) || "",
    key: null,
    offset: 0,
    filters: {},
    selected: null,
    known: new Set(),
    firstLoad: true,
    events: null,
    listTimer: null,
    chartTimer: null,
    colors: new Map(),
  };

  const $ = (id) => document.getElementById(id);

  // Control characters (but tab and line feed), invisible format characters (bidi overrides and
  // isolates, zero-width spaces, the byte-order mark) and the line and paragraph separators: the
  // event contract keeps them out of ids, but free text (a reason, a note, an error) may hold
  // them, and shown raw they would hide or reorder what is around them. Shown as ⟦U+202E⟧.
  const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\p{Cf}]/gu;

  function visible(text) {
    return String(text).replace(INVISIBLE, (c) =>
      "\u27E6U+" + c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + "\u27E7");
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = visible(text);
    if (className) node.className = className;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function time(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    return d.toLocaleString(undefined, { hour12: false });
  }

  function clock(iso) {
    return iso ? new Date(iso).toLocaleTimeString(undefined, { hour12: false }) : "";
  }

  async function api(path, options) {
    const opts = options || {};
    const headers = { Authorization: "Bearer " + state.token };
    if (opts.body) headers["Content-Type"] = "application/json";
    const response = await fetch(path, { method: opts.method || "GET", headers, body: opts.body });
    if (response.status === 401) {
      signOut("Your key was rejected (unknown or revoked); sign in again.");
      throw new Error("unauthorized");
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || ("HTTP " + response.status));
    return body;
  }

  // ---- sign-in ----

  function showLogin(message) {
    $("app").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("analyst").value = state.analyst;
    $("token").focus();
  }

  async function signIn(token, analyst) {
    state.token = token;
    state.analyst = analyst;
    try {
      // who the key is: its name and role are shown beside the analyst's name
      const response = await fetch("/api/me", {
        headers: { Authorization: "Bearer " + token },
      });
      if (response.status === 401) {
        showLogin("Key rejected (unknown or revoked).");
        return;
      }
      if (!response.ok) {
        showLogin("The service answered HTTP " + response.status + ".");
        return;
      }
      state.key = await response.json();
    } catch (e) {
      showLogin("Cannot reach the service: " + e.message);
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(ANALYST_KEY, analyst);
    startApp();
  }

  function signOut(message) {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = null;
    if (state.events) state.events.close();
    state.events = null;
    showLogin(message);
  }

  // ---- app ----

  const REVIEW_ROLE_NEEDED = "needs the role review; this key's role is read";

  /** Whether this key may review: the server decides, this only spares a refused click. */
  function canReview() {
    return !state.key || state.key.role === "review" || state.key.role === "admin";
  }

  /** Disables a review button for a read key, with the reason as its tooltip. */
  function gate(button, disabledForOtherReasons) {
    button.disabled = disabledForOtherReasons || !canReview();
    button.title = canReview() ? "" : REVIEW_ROLE_NEEDED;
  }

  function startApp() {
    $("login").hidden = true;
    $("app").hidden = false;
    $("who").textContent = visible(state.analyst);
    // a read key sees everything; its review buttons are disabled, saying the role they need
    $("key-role").textContent = state.key
      ? "key " + visible(state.key.name) + " (" + state.key.role + ")"
      : "";
    state.firstLoad = true;
    loadList();
    loadChart();
    loadRules();
    loadCases();
    if (!state.rulesTimer) state.rulesTimer = setInterval(loadRules, 5000);
    // the queue changes with time too: a wait for the cardholder ends
    if (!state.casesTimer) state.casesTimer = setInterval(loadCases, 10000);
    connectStream();
  }

  // ---- cases ----

  async function loadCases() {
    if (!state.token) return;
    let page;
    try {
      page = await api("/api/cases?queue=analyst&limit=50");
      $("cases-error").textContent = "";
    } catch (e) {
      $("cases-error").textContent = visible(e.message);
      return;
    }
    renderCases(page.items);
  }

  function age(seconds) {
    if (seconds < 60) return seconds + " s";
    if (seconds < 3600) return Math.floor(seconds / 60) + " min";
    if (seconds < 86400) return Math.floor(seconds / 3600) + " h";
    return Math.floor(seconds / 86400) + " d";
  }

  function renderCases(cases) {
    const body = $("cases");
    clear(body);
    if (cases.length === 0) {
      const row = el("tr");
      const cell = el("td", "no case waits for an analyst", "empty");
      cell.colSpan = 8;
      row.appendChild(cell);
      body.appendChild(row);
      return;
    }
    for (const c of cases) {
      const row = el("tr", null, c.escalated ? "escalated" : "");
      row.dataset.caseId = c.caseId;
      const answer = c.customerAnswer === "not-me" ? "said: not me"
        : c.customerAnswer === "me" ? "said: me" : "no answer";
      for (const [text, cls] of [
        [c.accountId, "case-account"],
        [String(c.alertCount), "case-alerts"],
        [c.maxScore.toFixed(2), "case-score"],
        [c.maxSeverity, "case-severity"],
        [c.status + (c.assignee ? " (" + c.assignee + ")" : ""), "case-status"],
        [answer, "case-answer"],
        [age(c.ageSeconds), "case-age"],
      ]) {
        row.appendChild(el("td", text, cls));
      }
      const decide = el("td", null, "case-decide");
      for (const [label, text] of [["FRAUD", "Fraud"], ["LEGIT", "Legit"]]) {
        const button = el("button", text, label === "FRAUD" ? "danger" : "secondary");
        button.type = "button";
        button.dataset.resolution = label;
        gate(button, false);
        button.addEventListener("click", (event) => {
          event.stopPropagation();
          resolveCase(c.caseId, label, button);
        });
        decide.appendChild(button);
      }
      row.appendChild(decide);
      // the case's latest alert opens in the detail view
      row.addEventListener("click", async () => {
        try {
          const detail = await api("/api/cases/" + encodeURIComponent(c.caseId));
          if (detail.alertIds.length) select(detail.alertIds[detail.alertIds.length - 1]);
        } catch (e) {
          $("cases-error").textContent = visible(e.message);
        }
      });
      body.appendChild(row);
    }
  }

  async function resolveCase(caseId, resolution, button) {
    button.disabled = true;
    let error = "";
    try {
      await api("/api/cases/" + encodeURIComponent(caseId) + "/resolve", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ analyst: state.analyst, resolution: resolution }),
      });
    } catch (e) {
      error = visible(e.message);
    }
    await loadCases();
    // set after the reload, which clears the line when the queue loads: a refusal (409, or 403
    // for a read key) stays readable
    if (error) $("cases-error").textContent = error;
    scheduleList(150);
  }

  // ---- rules ----

  async function loadRules() {
    if (!state.token) return;
    let answer;
    try {
      answer = await api("/api/rules");
      $("rules-error").textContent = "";
    } catch (e) {
      $("rules-error").textContent = visible(e.message);
      return;
    }
    renderRules(answer.rules);
  }

  function renderRules(rules) {
    const body = $("rules");
    clear(body);
    if (rules.length === 0) {
      const row = el("tr");
      const cell = el("td", "no rules on the rules topic yet", "empty");
      cell.colSpan = 8;
      row.appendChild(cell);
      body.appendChild(row);
      return;
    }
    for (const rule of rules) {
      const row = el("tr");
      row.dataset.ruleId = rule.id;
      const status = rule.status === "REJECTED" && rule.reason
        ? "REJECTED: " + rule.reason
        : rule.status + (rule.statusVersion != null && rule.status === "ACCEPTED" ? " v" + rule.statusVersion : "");
      const lastMinute = (series) => series.length ? series[series.length - 1] : 0;
      for (const [text, cls] of [
        [rule.id, "rule-id"],
        [rule.mode || "-", "rule-mode"],
        [rule.version != null ? String(rule.version) : "-", "rule-version"],
        [status, "rule-status status-" + String(rule.status).toLowerCase()],
        [String(lastMinute(rule.activePerMinute)), "rule-hits-minute"],
        [String(rule.activeHitsLastHour), "rule-hits"],
        [String(lastMinute(rule.shadowPerMinute)), "rule-shadow-minute"],
        [String(rule.shadowHitsLastHour), "rule-shadow"],
      ]) {
        row.appendChild(el("td", text, cls));
      }
      body.appendChild(row);
    }
  }

  function connectStream() {
    if (state.events) state.events.close();
    // EventSource cannot send headers: the stream alone takes the token as a query parameter.
    const source = new EventSource("/api/stream?access_token=" + encodeURIComponent(state.token));
    state.events = source;
    source.addEventListener("hello", () => setLive(true));
    source.addEventListener("alert", () => {
      scheduleList(150);
      scheduleCases(1000);
      scheduleChart(1000);
    });
    source.addEventListener("case", () => scheduleCases(300));
    source.addEventListener("update", (event) => {
      scheduleList(150);
      try {
        const alert = JSON.parse(event.data);
        if (state.selected === alert.alertId) loadDetail(alert.alertId);
      } catch (e) {
        // A malformed event is ignored; the next list reload shows the truth.
      }
    });
    source.onerror = () => setLive(false);
    source.onopen = () => setLive(true);
  }

  function setLive(on) {
    const badge = $("live-status");
    badge.textContent = on ? "live" : "reconnecting";
    badge.className = "live " + (on ? "on" : "off");
  }

  // One queue reload per burst of events, however many alerts arrive in it.
  function scheduleCases(delay) {
    if (state.casesReload) return;
    state.casesReload = setTimeout(() => {
      state.casesReload = null;
      loadCases();
    }, delay);
  }

  function scheduleList(delay) {
    if (state.listTimer) return;
    state.listTimer = setTimeout(() => {
      state.listTimer = null;
      loadList();
    }, delay);
  }

  function scheduleChart(delay) {
    if (state.chartTimer) return;
    state.chartTimer = setTimeout(() => {
      state.chartTimer = null;
      loadChart();
    }, delay);
  }

  function query() {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state.filters)) {
      if (value) params.set(key, value);
    }
    params.set("limit", String(PAGE_SIZE));
    params.set("offset", String(state.offset));
    return params.toString();
  }

  async function loadList() {
    let page;
    try {
      page = await api("/api/alerts?" + query());
      $("list-error").textContent = "";
    } catch (e) {
      $("list-error").textContent = visible(e.message);
      return;
    }
    renderList(page);
  }

  function renderList(page) {
    const body = $("alerts");
    clear(body);
    for (const alert of page.items) {
      const row = el("tr");
      row.dataset.alertId = alert.alertId;
      if (!state.firstLoad && !state.known.has(alert.alertId)) row.classList.add("new");
      if (alert.alertId === state.selected) row.classList.add("selected");
      state.known.add(alert.alertId);
      row.appendChild(el("td", time(alert.detectedAt)));
      row.appendChild(el("td", alert.severity, "sev sev-" + alert.severity));
      row.appendChild(el("td", alert.action));
      row.appendChild(el("td", alert.accountId, "account"));
      row.appendChild(el("td", alert.detectors.join(", ")));
      row.appendChild(el("td", alert.score.toFixed(2)));
      const status = alert.status + (alert.resolution ? " (" + alert.resolution + ")" : "");
      row.appendChild(el("td", status, "status status-" + alert.status));
      row.addEventListener("click", () => select(alert.alertId));
      body.appendChild(row);
    }
    if (page.items.length === 0) {
      const row = el("tr");
      const cell = el("td", "No alerts match.");
      cell.colSpan = 7;
      row.appendChild(cell);
      body.appendChild(row);
    }
    state.firstLoad = false;
    const first = page.total === 0 ? 0 : page.offset + 1;
    const last = page.offset + page.items.length;
    $("page-info").textContent = first + "–" + last + " of " + page.total;
    $("prev-page").disabled = page.offset === 0;
    $("next-page").disabled = last >= page.total;
  }

  function select(alertId) {
    state.selected = alertId;
    for (const row of $("alerts").children) {
      row.classList.toggle("selected", row.dataset.alertId === alertId);
    }
    $("verdict-note").value = "";
    $("detail-error").textContent = "";
    loadDetail(alertId);
  }

  async function loadDetail(alertId) {
    let alert;
    try {
      alert = await api("/api/alerts/" + encodeURIComponent(alertId));
    } catch (e) {
      $("detail-error").textContent = visible(e.message);
      return;
    }
    if (state.selected !== alertId) return;
    renderDetail(alert);
  }

  function renderDetail(alert) {
    $("detail").hidden = false;
    $("detail-id").textContent = visible(alert.alertId);
    $("detail-status").textContent =
      alert.status + (alert.resolution ? " (" + alert.resolution + ")" : "");
    const fields = $("detail-fields");
    clear(fields);
    const rows = [
      ["Account", alert.accountId],
      ["Transaction", alert.transactionId],
      ["Terminal", alert.terminalId || ""],
      ["Merchant", alert.merchantId || ""],
      ["Severity", alert.severity],
      ["Action", alert.action],
      ["Score", alert.score.toFixed(3)],
      ["Event time", time(alert.eventTime)],
      ["Detected", time(alert.detectedAt)],
      ["Late event", alert.late ? "yes" : "no"],
      ["Rule version", alert.ruleVersion],
      ["Acknowledged", alert.acknowledgedBy ? alert.acknowledgedBy + ", " + time(alert.acknowledgedAt) : ""],
      ["Resolved", alert.resolvedBy ? alert.resolvedBy + ", " + time(alert.resolvedAt) : ""],
      ["Note", alert.resolutionNote || ""],
    ];
    for (const [label, value] of rows) {
      const row = el("tr");
      row.appendChild(el("th", label));
      row.appendChild(el("td", value));
      fields.appendChild(row);
    }
    const reasons = $("detail-reasons");
    clear(reasons);
    for (const reason of alert.reasons) {
      const row = el("tr");
      row.appendChild(el("td", reason.detector));
      row.appendChild(el("td", reason.message, "reason-message"));
      row.appendChild(el("td", reason.value));
      row.appendChild(el("td", reason.threshold));
      reasons.appendChild(row);
    }
    const contributions = $("detail-contributions");
    clear(contributions);
    for (const c of alert.contributions || []) {
      const row = el("tr");
      row.appendChild(el("td", c.message, "contribution-message"));
      row.appendChild(el("td", c.value));
      row.appendChild(el("td", (c.weight > 0 ? "+" : "") + c.weight.toFixed(2), c.weight > 0 ? "towards-fraud" : "towards-genuine"));
      contributions.appendChild(row);
    }
    $("detail-contributions-none").hidden = (alert.contributions || []).length > 0;
    const related = $("detail-related");
    clear(related);
    for (const id of alert.relatedTransactionIds) related.appendChild(el("li", id));
    if (alert.relatedTransactionIds.length === 0) related.appendChild(el("li", "none"));
    const notifications = $("detail-notifications");
    clear(notifications);
    for (const n of alert.notifications) {
      const row = el("tr");
      row.appendChild(el("td", n.channel));
      row.appendChild(el("td", n.state, "delivery-state"));
      row.appendChild(el("td", n.attempts));
      row.appendChild(el("td", n.lastError || "", "last-error"));
      row.appendChild(el("td", clock(n.updatedAt)));
      notifications.appendChild(row);
    }
    if (alert.notifications.length === 0) {
      const row = el("tr");
      const cell = el("td", "No notifications for this alert.");
      cell.colSpan = 5;
      row.appendChild(cell);
      notifications.appendChild(row);
    }
    const resolved = alert.status === "RESOLVED";
    gate($("ack-button"), alert.status !== "OPEN");
    gate($("fraud-button"), resolved);
    gate($("legit-button"), resolved);
  }

  async function review(path, body) {
    const alertId = state.selected;
    if (!alertId) return;
    $("detail-error").textContent = "";
    try {
      await api("/api/alerts/" + encodeURIComponent(alertId) + path, {
        method: "POST",
        body: JSON.stringify(body),
      });
    } catch (e) {
      $("detail-error").textContent = visible(e.message);
    }
    await loadDetail(alertId);
    loadList();
  }

  // ---- chart: stacked bars of alerts per minute by detector, drawn as SVG ----

  async function loadChart() {
    let stats;
    try {
      stats = await api("/api/stats");
    } catch (e) {
      return;
    }
    drawChart(stats);
  }

  function colorFor(detector) {
    if (!state.colors.has(detector)) {
      state.colors.set(detector, PALETTE[state.colors.size % PALETTE.length]);
    }
    return state.colors.get(detector);
  }

  function svg(tag, attributes) {
    const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    return node;
  }

  function drawChart(stats) {
    const chart = $("chart");
    clear(chart);
    const width = chart.clientWidth || 800;
    const height = chart.clientHeight || 180;
    chart.setAttribute("viewBox", "0 0 " + width + " " + height);
    const from = Date.parse(stats.from);
    const minutes = Math.max(1, Math.round((Date.parse(stats.to) - from) / 60000));
    const perMinute = new Map();
    const detectors = new Set();
    for (const b of stats.buckets) {
      const index = Math.round((Date.parse(b.minute) - from) / 60000);
      const byDetector = perMinute.get(index) || new Map();
      byDetector.set(b.detector, (byDetector.get(b.detector) || 0) + b.count);
      perMinute.set(index, byDetector);
      detectors.add(b.detector);
    }
    let max = 1;
    for (const byDetector of perMinute.values()) {
      let total = 0;
      for (const count of byDetector.values()) total += count;
      max = Math.max(max, total);
    }
    const left = 36, bottom = 20, top = 8;
    const plotHeight = height - bottom - top;
    const barWidth = (width - left) / minutes;
    chart.appendChild(svg("line", { x1: left, y1: top + plotHeight, x2: width, y2: top + plotHeight, stroke: "#c7ccd4" }));
    const maxLabel = svg("text", { x: 2, y: top + 10, "font-size": 11, fill: "#667085" });
    maxLabel.textContent = String(max);
    chart.appendChild(maxLabel);
    const zeroLabel = svg("text", { x: 2, y: top + plotHeight, "font-size": 11, fill: "#667085" });
    zeroLabel.textContent = "0";
    chart.appendChild(zeroLabel);
    const sorted = Array.from(detectors).sort();
    for (const [index, byDetector] of perMinute) {
      let y = top + plotHeight;
      for (const detector of sorted) {
        const count = byDetector.get(detector) || 0;
        if (count === 0) continue;
        const h = (count / max) * plotHeight;
        y -= h;
        const rect = svg("rect", {
          x: left + index * barWidth + 1, y: y, width: Math.max(1, barWidth - 2), height: h,
          fill: colorFor(detector),
        });
        const title = svg("title");
        title.textContent = new Date(from + index * 60000).toLocaleTimeString(undefined, { hour12: false })
          + " " + detector + ": " + count;
        rect.appendChild(title);
        chart.appendChild(rect);
      }
    }
    const ticks = [[0, "start"], [Math.floor(minutes / 2), "middle"], [minutes, "end"]];
    for (const [tick, anchor] of ticks) {
      const label = svg("text", {
        x: left + tick * barWidth, y: height - 4, "font-size": 11, fill: "#667085", "text-anchor": anchor,
      });
      label.textContent = new Date(from + tick * 60000).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", hour12: false });
      chart.appendChild(label);
    }
    const legend = $("chart-legend");
    clear(legend);
    for (const detector of sorted) {
      const item = el("span", detector);
      item.style.setProperty("--swatch", colorFor(detector));
      legend.appendChild(item);
    }
    if (sorted.length === 0) legend.appendChild(el("span", "no alerts in the last hour"));
  }

  // ---- wiring ----

  function readFilters() {
    const form = $("filters");
    const filters = {};
    for (const name of ["status", "severity", "action", "account", "detector"]) {
      const value = form.elements[name].value.trim();
      if (value) filters[name] = value;
    }
    return filters;
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("login-form").addEventListener("submit", (event) => {
      event.preventDefault();
      signIn($("token").value.trim(), $("analyst").value.trim());
    });
    $("logout-button").addEventListener("click", () => signOut(""));
    $("filters").addEventListener("submit", (event) => {
      event.preventDefault();
      state.filters = readFilters();
      state.offset = 0;
      loadList();
    });
    $("filters").addEventListener("reset", () => {
      state.filters = {};
      state.offset = 0;
      setTimeout(loadList, 0);
    });
    $("prev-page").addEventListener("click", () => {
      state.offset = Math.max(0, state.offset - PAGE_SIZE);
      loadList();
    });
    $("next-page").addEventListener("click", () => {
      state.offset += PAGE_SIZE;
      loadList();
    });
    $("close-detail").addEventListener("click", () => {
      state.selected = null;
      $("detail").hidden = true;
      for (const row of $("alerts").children) row.classList.remove("selected");
    });
    $("ack-button").addEventListener("click", () => review("/ack", { analyst: state.analyst }));
    $("fraud-button").addEventListener("click", () =>
      review("/verdict", { analyst: state.analyst, label: "FRAUD", note: $("verdict-note").value }));
    $("legit-button").addEventListener("click", () =>
      review("/verdict", { analyst: state.analyst, label: "LEGIT", note: $("verdict-note").value }));

    // A link printed by `alert-sink --generate-token` carries the token in the fragment (never
    // sent to the server); take it and drop it from the address bar.
    const match = /^#token=([^&]+)$/.exec(window.location.hash);
    if (match) {
      history.replaceState(null, "", window.location.pathname);
      state.token = decodeURIComponent(match[1]);
      $("token").value = state.token;
    }
    if (state.token && state.analyst) {
      signIn(state.token, state.analyst);
    } else {
      showLogin("");
      if (state.token) $("token").value = state.token;
    }
  });
})();
