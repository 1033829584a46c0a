/*
 * Runs inside the widget's iframe: gets a Direct Line token from this server, keeps the
 * conversation in session storage (so a page reload continues it) and renders Web Chat.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('mk-config').textContent);
  var status = document.getElementById('mk-status');
  var STORAGE_KEY = 'musterkasse-conversation';
  var domain = location.origin + '/v3/directline';

  document.documentElement.style.setProperty('--mk-color', config.color);
  document.getElementById('mk-close').addEventListener('click', function () {
    window.parent.postMessage({ type: 'musterkasse-widget:close' }, '*');
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') window.parent.postMessage({ type: 'musterkasse-widget:close' }, '*');
  });
  // Read state for the live chat: the frame exists once the panel has opened; the page says when it closes.
  var shown = true;
  var reportRead = function () {};
  window.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'musterkasse-widget:focus') {
      shown = true;
      reportRead();
      var input = document.querySelector('#webchat input[type="text"], #webchat textarea');
      if (input) input.focus();
    } else if (event.data && event.data.type === 'musterkasse-widget:hidden') {
      shown = false;
    }
  });
  document.addEventListener('visibilitychange', function () {
    reportRead();
  });

  function saved() {
    try {
      var value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      // A token that runs out within a minute is not worth resuming with.
      return value && value.expiresAt > Date.now() + 60000 ? value : null;
    } catch {
      return null;
    }
  }

  function remember(session) {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  }

  function newSession() {
    return fetch('/widget/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    })
      .then(function (response) {
        if (!response.ok) throw new Error('token ' + response.status);
        return response.json();
      })
      .then(function (body) {
        return { token: body.token, conversationId: body.conversationId, watermark: '', expiresAt: Date.now() + body.expires_in * 1000 };
      });
  }

  var session = saved();
  var resuming = !!session;
  (session ? Promise.resolve(session) : newSession())
    .then(function (current) {
      session = current;
      remember(session);
      // A new conversation is started with its token alone; resuming names the conversation and
      // replays its whole stored transcript (no watermark), so the member sees it again.
      var options = { token: session.token, domain: domain, webSocket: true };
      if (resuming) options.conversationId = session.conversationId;
      var directLine = window.WebChat.createDirectLine(options);
      // When a person from the service team has written and the member can see it, the agent's
      // console learns that it was read (an event the channel passes on but does not store).
      var unread = false;
      var lastReport = 0;
      reportRead = function () {
        if (!unread || !shown || document.visibilityState !== 'visible') return;
        var wait = lastReport + 1000 - Date.now();
        if (wait > 0) return void setTimeout(reportRead, wait);
        unread = false;
        lastReport = Date.now();
        directLine
          .postActivity({ type: 'event', name: 'webchat/read', from: { id: 'member', role: 'user' } })
          .subscribe({ error: function () {} });
      };
      directLine.activity$.subscribe(function (activity) {
        if (activity && activity.type === 'message' && activity.from && activity.from.id === 'agent') {
          unread = true;
          // Let Web Chat draw it first.
          setTimeout(reportRead, 300);
        }
        session.watermark = directLine.watermark || session.watermark;
        if (directLine.token && directLine.token !== session.token) {
          session.token = directLine.token;
          session.expiresAt = Date.now() + 30 * 60 * 1000;
        }
        remember(session);
      });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: config.locale,
          sendTypingIndicator: true,
          styleOptions: {
            accent: config.color,
            botAvatarInitials: 'MK',
            hideUploadButton: false,
            uploadAccept: 'application/pdf,image/jpeg,image/png',
            uploadMultiple: true,
            sendBoxButtonColorOnFocus: config.color,
            suggestedActionLayout: 'flow',
          },
        },
        document.getElementById('webchat'),
      );
    })
    .catch(function () {
      status.textContent =
        'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal oder rufen Sie uns an: 0800 000 0000.';
    });
})();
