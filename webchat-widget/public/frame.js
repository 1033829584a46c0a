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

  /*
   * A person from the service team appears as a person: their initials in an avatar of their
   * own, and their name above their message (also what a screen reader says first). The bot's
   * messages start with "Chatbot:" for screen readers only.
   */
  var h = window.React.createElement;
  function fromAgent(activity) {
    return !!(activity && activity.from && activity.from.id === 'agent');
  }
  function initialsOf(name) {
    var parts = String(name || '')
      .trim()
      .split(/\s+/)
      .filter(Boolean);
    if (parts.length === 0) return 'MA';
    return (parts[0].charAt(0) + (parts.length > 1 ? parts[parts.length - 1].charAt(0) : '')).toUpperCase();
  }
  function agentAvatar() {
    return function (next) {
      return function (args) {
        if (!fromAgent(args.activity)) return next(args);
        return function () {
          return h('div', { className: 'mk-agent-avatar', 'aria-hidden': 'true' }, initialsOf(args.activity.from.name));
        };
      };
    };
  }
  /** Web Chat groups messages by role; the bot and an agent are both "bot", so the agent's get a group (and avatar) of their own. */
  function bySpeaker() {
    return function (next) {
      return function (args) {
        var groups = next(args);
        var sender = [];
        var lastKey;
        args.activities.forEach(function (activity) {
          var key = (activity.from && activity.from.role) + (fromAgent(activity) ? ':' + activity.from.name : '');
          if (sender.length && key === lastKey) sender[sender.length - 1].push(activity);
          else sender.push([activity]);
          lastKey = key;
        });
        return Object.assign({}, groups, { sender: sender });
      };
    };
  }
  function speakerLabel() {
    return function (next) {
      return function (args) {
        var activity = args.activity;
        var rendered = next(args);
        // Only the message text (no attachment of its own), and never the member's own messages.
        var text = args.attachment && (args.attachment.contentType === 'text/markdown' || args.attachment.contentType === 'text/plain');
        if (!activity || !activity.from || activity.from.role === 'user' || !text) return rendered;
        if (activity.attachments && activity.attachments.indexOf(args.attachment) !== -1) return rendered;
        var speaker = fromAgent(activity)
          ? h('span', { className: 'mk-speaker' }, (activity.from.name || 'Mitarbeiterin/Mitarbeiter') + ' · Musterkasse')
          : h('span', { className: 'mk-visually-hidden' }, 'Chatbot:');
        return h('div', null, speaker, rendered);
      };
    };
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
          // Who speaks is said by the speaker label below, not by Web Chat's "Bot MK sagte:".
          // A space, not an empty string: Web Chat falls back to its English text for an empty one.
          overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: ' ', ACTIVITY_BOT_ATTACHED_ALT: ' ' },
          avatarMiddleware: agentAvatar,
          groupActivitiesMiddleware: bySpeaker,
          attachmentMiddleware: speakerLabel,
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
