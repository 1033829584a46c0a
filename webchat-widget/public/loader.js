/*
 * Musterkasse chat widget loader. A site embeds it with one tag:
 *   <script src="https://chat.example.de/widget/loader.js" defer
 *           data-title="Chat mit der Musterkasse" data-color="#005a4e"
 *           data-position="right" data-locale="de-DE"></script>
 * It adds a launcher button and, on demand, a panel with the chat in an iframe served by the
 * chat server. No inline styles or scripts are injected, so it works under a strict CSP.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__musterkasseWidget) return;
  window.__musterkasseWidget = true;

  var origin = new URL(script.src, location.href).origin;
  var data = script.dataset;
  var config = {
    title: (data.title || 'Chat mit der Musterkasse').slice(0, 80),
    color: /^#[0-9a-fA-F]{6}$/.test(data.color || '') ? data.color : '#005a4e',
    position: data.position === 'left' ? 'left' : 'right',
    locale: /^[a-z]{2}-[A-Z]{2}$/.test(data.locale || '') ? data.locale : 'de-DE',
  };
  var OPEN_KEY = 'musterkasse-widget-open';

  function css(element, styles) {
    for (var key in styles) element.style[key] = styles[key];
    return element;
  }

  var launcher = css(document.createElement('button'), {
    position: 'fixed',
    bottom: '20px',
    zIndex: '2147483000',
    border: '0',
    borderRadius: '28px',
    padding: '14px 20px',
    background: config.color,
    color: '#fff',
    font: '600 16px/1.2 system-ui, sans-serif',
    boxShadow: '0 4px 14px rgba(0,0,0,.25)',
    cursor: 'pointer',
  });
  launcher.style[config.position] = '20px';
  launcher.type = 'button';
  launcher.id = 'musterkasse-chat-launcher';
  launcher.textContent = 'Chat';
  launcher.setAttribute('aria-label', config.title + ' öffnen');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.setAttribute('aria-controls', 'musterkasse-chat-panel');

  var panel = css(document.createElement('div'), {
    position: 'fixed',
    zIndex: '2147483001',
    display: 'none',
    background: '#fff',
    boxShadow: '0 8px 28px rgba(0,0,0,.3)',
    overflow: 'hidden',
  });
  panel.id = 'musterkasse-chat-panel';
  panel.setAttribute('role', 'region');
  panel.setAttribute('aria-label', config.title);

  var frame;
  var small = window.matchMedia('(max-width: 480px)');
  function layout() {
    if (small.matches) {
      css(panel, { top: '0', bottom: '0', left: '0', right: '0', width: '100%', height: '100%', borderRadius: '0' });
    } else {
      css(panel, {
        top: 'auto',
        bottom: '90px',
        left: 'auto',
        right: 'auto',
        width: '380px',
        height: 'min(640px, calc(100vh - 110px))',
        borderRadius: '12px',
      });
      panel.style[config.position] = '20px';
    }
  }
  layout();
  small.addEventListener('change', layout);

  function open() {
    if (!frame) {
      frame = css(document.createElement('iframe'), { border: '0', width: '100%', height: '100%', display: 'block' });
      frame.title = config.title;
      frame.setAttribute('allow', 'clipboard-write');
      var query = new URLSearchParams({ title: config.title, color: config.color, locale: config.locale });
      frame.src = origin + '/widget/frame?' + query.toString();
      // A message posted before the frame has loaded is lost: say it again once it has.
      frame.addEventListener('load', function () {
        if (panel.style.display === 'block') frame.contentWindow.postMessage({ type: 'musterkasse-widget:focus' }, origin);
      });
      panel.appendChild(frame);
    }
    panel.style.display = 'block';
    launcher.setAttribute('aria-expanded', 'true');
    launcher.style.display = small.matches ? 'none' : 'block';
    sessionStorage.setItem(OPEN_KEY, '1');
    frame.focus();
    if (frame.contentWindow) frame.contentWindow.postMessage({ type: 'musterkasse-widget:focus' }, origin);
  }

  function close() {
    panel.style.display = 'none';
    if (frame && frame.contentWindow) frame.contentWindow.postMessage({ type: 'musterkasse-widget:hidden' }, origin);
    launcher.style.display = 'block';
    launcher.setAttribute('aria-expanded', 'false');
    sessionStorage.removeItem(OPEN_KEY);
    launcher.focus();
  }

  launcher.addEventListener('click', function () {
    if (panel.style.display === 'block') close();
    else open();
  });
  window.addEventListener('message', function (event) {
    if (event.origin !== origin || !event.data || event.data.type !== 'musterkasse-widget:close') return;
    close();
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(launcher);
    if (sessionStorage.getItem(OPEN_KEY)) open();
  }
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
})();
