// The phone page: joins the room over one WebSocket, shows what the room sends, sends votes.
// No name, no account: a random token in this browser's local storage lets the phone rejoin after a reload.
// Plain HTTP pages have no crypto.randomUUID, so the token comes from crypto.getRandomValues.
// Every text comes from /strings.json (the game's catalogs); card text is set as text, never as HTML.
(function () {
  "use strict";
  var BANGLA_DIGITS = "০১২৩৪৫৬৭৮৯";
  var HALT_REASONS = ["removed", "room_full", "joining_locked", "wrong_code", "replaced"];
  var strings = {}, lang = "bn", state = null, socket = null, halted = null, retries = 0;
  var pickingTeam = false, noticeTimer = null, retryTimer = null;
  var ordering = [], orderingRound = null;  // on a card put in order: the places tapped so far, safest first
  var screen = document.getElementById("screen");

  function stored(key, value) {
    try {
      if (value === undefined) { return window.localStorage.getItem("nirapod." + key); }
      if (value === null) { window.localStorage.removeItem("nirapod." + key); }
      else { window.localStorage.setItem("nirapod." + key, value); }
    } catch (e) { /* storage switched off: the phone still plays, it just cannot rejoin as itself */ }
    return null;
  }

  function token() {
    var known = stored("token");
    if (known && /^[0-9a-f]{32}$/.test(known)) { return known; }
    var bytes = new Uint8Array(16), hex = "";
    window.crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) { hex += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16); }
    stored("token", hex);
    return hex;
  }

  function digits(text) {
    text = String(text);
    return lang === "bn" ? text.replace(/[0-9]/g, function (d) { return BANGLA_DIGITS[+d]; }) : text;
  }

  function t(key, values) {
    var text = (strings[lang] && strings[lang][key]) || key;
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      if (!values || values[name] === undefined) { return whole; }
      return typeof values[name] === "number" ? digits(values[name]) : values[name];
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function button(className, text, pressed, onClick) {
    var node = el("button", className, text);
    node.type = "button";
    if (pressed !== null) { node.setAttribute("aria-pressed", pressed ? "true" : "false"); }
    node.addEventListener("click", onClick);
    return node;
  }

  function notice(text) {
    var box = document.getElementById("notice");
    box.textContent = text;
    box.hidden = false;
    window.clearTimeout(noticeTimer);
    noticeTimer = window.setTimeout(function () { box.hidden = true; }, 4000);
  }

  function send(message) {
    if (socket && socket.readyState === 1) { socket.send(JSON.stringify(message)); }
  }

  // --- screens -------------------------------------------------------------------------------------------
  function render() {
    document.documentElement.lang = lang;
    document.getElementById("title").textContent = t("title");
    document.title = t("title");
    var langButtons = document.querySelectorAll("#languages button");
    for (var i = 0; i < langButtons.length; i++) {
      langButtons[i].setAttribute("aria-pressed", langButtons[i].getAttribute("data-lang") === lang ? "true" : "false");
    }
    screen.textContent = "";
    screen.setAttribute("data-stage", "");
    if (halted) { screen.setAttribute("data-stage", "halted"); screen.appendChild(el("p", "answer", t("refused_" + halted))); if (halted === "wrong_code") { renderCodeEntry(); } return; }
    if (!stored("code")) { renderCodeEntry(); return; }
    if (!state) { screen.appendChild(el("p", "hint", t(retries ? "reconnecting" : "connecting"))); return; }
    var room = state.room, you = state.you;
    screen.setAttribute("data-stage", room.stage);
    var teamName = room.teams[you.team] || "";
    screen.appendChild(el("p", "who", t("you_are", {phone: you.phone}) + " " + t("your_team", {team: teamName})));
    var stages = {waiting: renderWaiting, card: renderCard, voting: renderCard, closed: renderCard,
                  revealed: renderReveal, quiz: renderQuiz, end: renderEnd};
    (stages[room.stage] || renderWaiting)(room, you);
    var teamFree = ["waiting", "card", "revealed", "end"].indexOf(room.stage) >= 0;
    if (teamFree && room.teams.length > 1 && room.stage !== "end") { renderTeamPicker(room, you); }
  }

  function renderCodeEntry() {
    var form = el("form");
    form.appendChild(el("p", null, t("code_prompt")));
    var input = el("input");
    input.id = "code";
    input.setAttribute("inputmode", "numeric");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-label", t("code_label"));
    input.maxLength = 8;
    form.appendChild(input);
    form.appendChild(button("big", t("join"), null, function (event) {
      event.preventDefault();
      var code = input.value.replace(/[০-৯]/g, function (d) { return String(BANGLA_DIGITS.indexOf(d)); }).replace(/\D/g, "");
      if (code.length >= 4) { stored("code", code); halted = null; connect(); render(); }
    }));
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    screen.appendChild(form);
  }

  function cardTexts(room) {
    return room.card.texts[lang] || room.card.texts.en || room.card.texts[Object.keys(room.card.texts)[0]];
  }

  function renderWaiting() {
    screen.appendChild(el("p", "hint", t("wait_card")));
  }

  function orderWords(order) {
    return order.map(function (i) { return digits(i + 1); }).join(" · ");
  }

  function renderOrdering(room, you, texts) {
    if (orderingRound !== room.round) { ordering = []; orderingRound = room.round; }
    screen.appendChild(el("p", "hint", t("order_now")));
    texts.choices.forEach(function (choice, index) {
      var place = ordering.indexOf(index);
      var label = place < 0 ? choice : digits(place + 1) + ". " + choice;
      var node = button("choice", label, place >= 0, function () {
        if (ordering.indexOf(index) >= 0) { ordering = ordering.slice(0, ordering.indexOf(index)); }
        else { ordering.push(index); }
        if (ordering.length === texts.choices.length - 1) {
          for (var i = 0; i < texts.choices.length; i++) { if (ordering.indexOf(i) < 0) { ordering.push(i); } }
          send({type: "order", round: room.round, order: ordering});
          ordering = [];
        }
        render();
      });
      node.setAttribute("data-choice", String(index));
      screen.appendChild(node);
    });
    if (ordering.length) {
      screen.appendChild(button("small", t("start_again"), null, function () { ordering = []; render(); }));
    }
  }

  function renderCard(room, you) {
    var texts = cardTexts(room);
    screen.appendChild(el("p", "story", texts.story));
    screen.appendChild(el("p", "prompt", texts.prompt));
    if (room.stage === "voting" && room.card.orders) {
      renderOrdering(room, you, texts);
    } else if (room.stage === "voting") {
      screen.appendChild(el("p", "hint", t("vote_now")));
      texts.choices.forEach(function (choice, index) {
        var node = button("choice", choice, you.vote === index, function () {
          send({type: "vote", round: room.round, choice: index});
        });
        node.setAttribute("data-choice", String(index));
        screen.appendChild(node);
      });
    } else {
      var list = el("ol", "choice-list");
      texts.choices.forEach(function (choice) { list.appendChild(el("li", null, choice)); });
      screen.appendChild(list);
    }
    if (room.stage === "card") { screen.appendChild(el("p", "hint", t("talk"))); return; }
    var mine = you.vote === null || you.vote === undefined ? t("no_vote")
      : room.card.orders ? t("your_order", {order: orderWords(you.order)})
      : t("your_vote", {choice: texts.choices[you.vote]});
    var status = el("p", "answer", mine);
    status.id = "my-vote";
    screen.appendChild(status);
    screen.appendChild(el("p", "hint", room.stage === "voting" ? t("change_until") : t("closed")));
  }

  function renderOrderReveal(room, you, texts, feedback) {
    var reveal = room.reveal;
    var answer = el("p", "answer", t("team_order", {order: orderWords(reveal.order)}));
    answer.id = "answer";
    screen.appendChild(answer);
    if (you.order && you.order.join() !== reveal.order.join()) {
      screen.appendChild(el("p", "hint", t("your_order", {order: orderWords(you.order)})));
    }
    screen.appendChild(el("p", "hint", t("safest_order")));
    (feedback[0] || "").split("\n").forEach(function (line) { screen.appendChild(el("p", "feedback", line)); });
  }

  function renderReveal(room, you) {
    var texts = cardTexts(room), reveal = room.reveal;
    var feedback = reveal.feedback[lang] || reveal.feedback.en || [];
    screen.appendChild(el("p", "prompt", texts.prompt));
    if (room.card.orders) { renderOrderReveal(room, you, texts, feedback); return; }
    var answer = el("p", "answer", t("answer", {choice: texts.choices[reveal.chosen]}));
    answer.id = "answer";
    screen.appendChild(answer);
    if (feedback[reveal.chosen]) { screen.appendChild(el("p", "feedback", feedback[reveal.chosen])); }
    if (you.vote !== null && you.vote !== undefined && you.vote !== reveal.chosen) {
      screen.appendChild(el("p", "hint", t("your_vote", {choice: texts.choices[you.vote]})));
      screen.appendChild(el("p", "hint", t("your_choice_feedback")));
      if (feedback[you.vote]) { screen.appendChild(el("p", "feedback", feedback[you.vote])); }
    }
    var votes = reveal.votes[you.team];
    if (votes) {
      screen.appendChild(el("p", "hint", t("team_votes")));
      var spread = el("ul", "spread");
      spread.id = "spread";
      texts.choices.forEach(function (choice, index) {
        var line = el("li");
        line.appendChild(el("strong", null, t("votes_count", {count: votes[index] || 0})));
        line.appendChild(document.createTextNode(" · " + choice));
        spread.appendChild(line);
      });
      screen.appendChild(spread);
    }
  }

  function renderQuiz(room, you) {
    var quiz = room.quiz, answers = you.quiz || quiz.statements.map(function () { return null; });
    screen.appendChild(el("p", "prompt", t(quiz.phase === "before" ? "quiz_before" : "quiz_after")));
    screen.appendChild(el("p", "hint", t("quiz_anonymous")));
    quiz.statements.forEach(function (statement, index) {
      screen.appendChild(el("p", "statement", statement.texts[lang] || statement.texts.en));
      var pair = el("div", "pair");
      [["myth", 0], ["fact", 1]].forEach(function (option) {
        var node = button("quiz", t(option[0]), answers[index] === option[1], function () {
          var next = answers.slice();
          next[index] = option[1];
          send({type: "quiz", phase: quiz.phase, answers: next});
        });
        node.setAttribute("data-statement", String(index));
        node.setAttribute("data-answer", String(option[1]));
        pair.appendChild(node);
      });
      screen.appendChild(pair);
    });
    if (you.quiz) { screen.appendChild(el("p", "hint", t("quiz_saved"))); }
  }

  function renderEnd(room) {
    screen.appendChild(el("p", "answer", t("end")));
    screen.appendChild(el("p", null, t("help")));
    var list = el("ul", "helplines");
    ((room.helplines && (room.helplines[lang] || room.helplines.en)) || []).forEach(function (line) {
      list.appendChild(el("li", null, line));
    });
    screen.appendChild(list);
  }

  function renderTeamPicker(room, you) {
    if (!pickingTeam) {
      screen.appendChild(button("big", t("change_team"), null, function () { pickingTeam = true; render(); }));
      return;
    }
    screen.appendChild(el("p", null, t("pick_team")));
    room.teams.forEach(function (name, index) {
      screen.appendChild(button("team", name, you.team === index, function () {
        pickingTeam = false;
        send({type: "team", team: index});
      }));
    });
  }

  // --- the connection ------------------------------------------------------------------------------------
  function connect() {
    window.clearTimeout(retryTimer);
    if (socket) { socket.onclose = null; socket.close(); }
    var code = stored("code");
    if (!code) { return; }
    socket = new WebSocket("ws://" + window.location.host + "/ws");
    socket.onopen = function () { send({type: "hello", code: code, token: token()}); };
    socket.onmessage = function (event) {
      var message;
      try { message = JSON.parse(event.data); } catch (e) { return; }
      if (message.type === "state") { state = message; retries = 0; render(); }
      else if (message.type === "refused") { notice(t("refused_" + message.reason)); }
      else if (message.type === "bye") {
        if (HALT_REASONS.indexOf(message.reason) >= 0) {
          halted = message.reason;
          state = null;
          if (message.reason === "wrong_code") { stored("code", null); }
          render();
        } else { notice(t("refused_" + message.reason)); }
      }
    };
    socket.onclose = function () {
      socket = null;
      if (halted) { return; }
      retries += 1;
      state = null;
      render();
      retryTimer = window.setTimeout(connect, Math.min(5000, 500 * retries));
    };
  }

  // A phone that slept or hid the tab may have lost its connection without noticing: look again on waking.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && !halted && (!socket || socket.readyState > 1)) { connect(); }
  });

  document.getElementById("languages").addEventListener("click", function (event) {
    var chosen = event.target.getAttribute("data-lang");
    if (chosen) { lang = chosen; stored("lang", lang); render(); }
  });

  var fromLink = /[?&]code=([0-9]{4,8})/.exec(window.location.search);
  if (fromLink) {
    stored("code", fromLink[1]);
    window.history.replaceState(null, "", "/");  // a reload or a shared screenshot carries no code
  }
  lang = stored("lang") === "en" ? "en" : "bn";
  var request = new XMLHttpRequest();
  request.open("GET", "/strings.json");
  request.onload = function () {
    try { strings = JSON.parse(request.responseText); } catch (e) { strings = {}; }
    render();
    connect();
  };
  request.send();
})();
