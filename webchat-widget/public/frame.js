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
  // Typing goes where the member expects it: into the send box, once Web Chat has drawn it.
  function focusSendBox(triesLeft) {
    var input = document.querySelector('#webchat [data-id="webchat-sendbox-input"], #webchat input[type="text"], #webchat textarea');
    if (input) input.focus();
    else if (triesLeft > 0)
      setTimeout(function () {
        focusSendBox(triesLeft - 1);
      }, 100);
  }
  window.addEventListener('message', function (event) {
    if (event.data && event.data.type === 'musterkasse-widget:focus') {
      shown = true;
      reportRead();
      focusSendBox(50);
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

  /*
   * Files the chat cannot take are refused here, with the reason, in German and in the chat
   * (the server checks the bytes again): not "Fehler beim Senden" without a word why.
   */
  var ACCEPTED_TYPES = ['application/pdf', 'image/jpeg', 'image/jpg', 'image/png'];
  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString('de-DE', { maximumFractionDigits: 1 }) + ' MB';
  }
  var ACCEPTED_TEXT = 'Ich nehme PDF-, JPEG- und PNG-Dateien bis ' + megabytes(config.uploadMaxBytes) + ' je Datei.';
  function acceptedType(attachment) {
    return ACCEPTED_TYPES.indexOf(String(attachment.contentType).toLowerCase()) !== -1 || /\.(pdf|jpe?g|png)$/i.test(attachment.name || '');
  }
  function refusals(activity) {
    var sizes = (activity.channelData && activity.channelData.attachmentSizes) || [];
    var reasons = [];
    (activity.attachments || []).forEach(function (attachment, i) {
      var name = '„' + (attachment.name || 'Datei') + '“';
      if (!acceptedType(attachment)) reasons.push(name + ' ist keine PDF-, JPEG- oder PNG-Datei.');
      else if (sizes[i] > config.uploadMaxBytes) reasons.push(name + ' ist mit ' + megabytes(sizes[i]) + ' zu groß.');
    });
    return reasons;
  }
  function sayInChat(text) {
    return {
      type: 'DIRECT_LINE/INCOMING_ACTIVITY',
      payload: {
        activity: {
          type: 'message',
          id: 'mk-local-' + Date.now(),
          timestamp: new Date().toISOString(),
          from: { id: 'mk-widget', role: 'bot', name: 'Musterkasse' },
          text: text,
          textFormat: 'plain',
        },
      },
    };
  }
  function withFiles(state, clientActivityID) {
    return (state.activities || []).some(function (a) {
      return a.channelData && a.channelData.clientActivityID === clientActivityID && a.attachments && a.attachments.length;
    });
  }
  function checkFiles(api) {
    return function (next) {
      return function (action) {
        var activity = action.type === 'DIRECT_LINE/POST_ACTIVITY' && action.payload && action.payload.activity;
        if (activity && activity.attachments && activity.attachments.length) {
          var reasons = refusals(activity);
          if (reasons.length) {
            api.dispatch(
              sayInChat(
                'Diese Datei kann ich nicht annehmen: ' +
                  reasons.join(' ') +
                  ' ' +
                  ACCEPTED_TEXT +
                  ' Bitte wählen Sie über die Büroklammer eine andere.',
              ),
            );
            return undefined;
          }
        }
        if (
          action.type === 'DIRECT_LINE/POST_ACTIVITY_REJECTED' &&
          action.meta &&
          withFiles(api.getState(), action.meta.clientActivityID)
        ) {
          api.dispatch(
            sayInChat(
              'Ihre Datei wurde nicht angenommen: Ihr Inhalt ist keine lesbare PDF-, JPEG- oder PNG-Datei, oder sie ist zu groß. ' +
                ACCEPTED_TEXT,
            ),
          );
        }
        return next(action);
      };
    };
  }

  /*
   * Web Chat formats times with a 12-hour skeleton ("7. Dezember um 5:39 AM", also what a screen
   * reader says). Its formatting goes through four Globalize calls; these do the same with the
   * browser's Intl in German, on the 24-hour clock.
   */
  var germanFormats = {
    dateFormatter: function () {
      var format = new Intl.DateTimeFormat('de-DE', {
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      return function (date) {
        return format.format(new Date(date));
      };
    },
    plural: function (count) {
      return new Intl.PluralRules('de-DE').select(count);
    },
    relativeTimeFormatter: function (unit) {
      var format = new Intl.RelativeTimeFormat('de-DE', { numeric: 'auto' });
      return function (value) {
        return format.format(value, unit);
      };
    },
    unitFormatter: function (unit, options) {
      var format = new Intl.NumberFormat('de-DE', {
        style: 'unit',
        unit: unit,
        unitDisplay: options && options.form === 'short' ? 'short' : 'long',
      });
      return function (value) {
        return format.format(value);
      };
    },
  };

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
          store: window.WebChat.createStore({}, checkFiles),
          locale: config.locale,
          // Who speaks is said by the speaker label below, not by Web Chat's "Bot MK sagte:".
          // A space, not an empty string: Web Chat falls back to its English text for an empty one.
          overrideLocalizedStrings: { ACTIVITY_BOT_SAID_ALT: ' ', ACTIVITY_BOT_ATTACHED_ALT: ' ', GLOBALIZE: germanFormats },
          avatarMiddleware: agentAvatar,
          groupActivitiesMiddleware: bySpeaker,
          attachmentMiddleware: speakerLabel,
          sendTypingIndicator: true,
          styleOptions: {
            accent: config.color,
            botAvatarInitials: 'MK',
            // The member's own messages in a colour of their own, so they never look like the bot's.
            bubbleFromUserBackground: '#e3f1ee',
            bubbleFromUserBorderColor: '#b7d8d0',
            hideUploadButton: false,
            uploadAccept: 'application/pdf,image/jpeg,image/png',
            uploadMultiple: true,
            // A chosen file is sent at once: no second step with only a badge on the paperclip as a hint.
            sendAttachmentOn: 'attach',
            sendBoxButtonColorOnFocus: config.color,
            // One suggestion a line, its text wrapped: on a phone nothing is cut off mid-word, and
            // a long list (nine document types) scrolls in its own box instead of filling the panel.
            suggestedActionLayout: 'stacked',
            suggestedActionsStackedLayoutButtonTextWrap: true,
            suggestedActionsStackedHeight: 180,
            suggestedActionHeight: 36,
          },
        },
        document.getElementById('webchat'),
      );
      if (document.hasFocus()) focusSendBox(50);
    })
    .catch(function () {
      status.textContent =
        'Der Chat ist gerade nicht erreichbar. Bitte versuchen Sie es später noch einmal oder rufen Sie uns an: 0800 000 0000.';
    });
})();
