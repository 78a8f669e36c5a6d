/*
 * KPN Assistent chat widget — vanilla JS, no dependencies, no build step.
 *
 * Embed with one tag (see docs/widget.md):
 *   <script src="/widget.js" data-server="http://localhost:5005"
 *           data-title="KPN Assistent" data-greeting="/greet"></script>
 *
 * Talks to Rasa's REST channel: POST {server}/webhooks/rest/webhook with
 * {"sender": id, "message": text}; the reply is a JSON list of
 * {"recipient_id", "text"?, "buttons"?: [{"title", "payload"}], "image"?, "custom"?,
 *  "metadata"?: {"language"?: "nl"|"en", "footnote"?: true}} (server/channels.py).
 *
 * The widget's own strings follow the conversation's language: the metadata.language
 * of the latest bot message, before any the browser's language (en* = English, else
 * Dutch). A message with metadata.footnote is shown small and muted under the answer
 * before it. Links the server has a QR code for (qr/manifest.json next to widget.js,
 * made by scripts/serve_web.py) get that QR code next to them on wide screens.
 *
 * Security rule for this file: user and bot text only ever reaches the page
 * through textContent / createTextNode — never innerHTML. Links are only made
 * for http(s) URLs.
 */
(function () {
  'use strict';

  if (window.KPNChat && window.KPNChat.loaded) {
    return; // embedded twice: keep the first instance
  }

  // ------------------------------------------------------------------ config
  var script = document.currentScript || (function () {
    var found = document.querySelectorAll('script[src*="widget.js"]');
    return found[found.length - 1] || null;
  })();
  var ds = (script && script.dataset) || {};

  function intAttr(value, fallback, min, max) {
    var n = parseInt(value, 10);
    if (isNaN(n)) { return fallback; }
    return Math.min(Math.max(n, min), max);
  }

  var CONFIG = {
    server: String(ds.server || 'http://localhost:5005').replace(/\/+$/, ''),
    title: ds.title || 'KPN Assistent',
    subtitle: ds.subtitle || null, // default: TEXT.subtitle, in the conversation's language
    greeting: ds.greeting === undefined ? '/greet' : ds.greeting,
    open: ds.open === 'true' || ds.open === '',
    timeoutMs: intAttr(ds.timeout, 8000, 1000, 120000),
    maxLength: intAttr(ds.maxLength, 2000, 10, 10000),
    storageKey: ds.storageKey || 'kpnchat',
    css: ds.css || (script && script.src ? new URL('widget.css', script.src).href : 'widget.css'),
    // data-qr="" switches QR codes off
    qr: ds.qr === '' ? null : (ds.qr || (script && script.src ? new URL('qr/manifest.json', script.src).href : null))
  };
  var WEBHOOK = CONFIG.server + '/webhooks/rest/webhook';
  var MAX_HISTORY = 200;

  // The widget's own strings. {title} and {max} are filled in; TEXT holds the current
  // language's strings (setLanguage switches them and the shown labels).
  var TEXTS = {
    nl: {
      unreachable: 'Het lukt nu niet om de assistent te bereiken. Probeer het later opnieuw ' +
        'of bel de klantenservice via 1200 (gratis).',
      noAnswer: 'De assistent gaf geen antwoord. Probeer je vraag anders te formuleren.',
      retry: 'Opnieuw proberen',
      newConversation: 'Nieuw gesprek',
      newConversationLabel: 'Nieuw gesprek beginnen (huidig gesprek wissen)',
      close: 'Chat sluiten',
      open: 'Chat met {title} openen',
      launcher: 'Chat',
      subtitle: 'Digitale assistent',
      inputLabel: 'Typ je vraag aan {title}',
      placeholder: 'Typ je vraag…',
      send: 'Verstuur bericht',
      hint: 'Enter = versturen · Shift+Enter = nieuwe regel',
      limit: 'Maximaal {max} tekens',
      limitReached: 'Je bericht is maximaal {max} tekens lang.',
      logLabel: 'Gesprek met {title}',
      botSays: '{title}:',
      userSays: 'Jij:',
      notice: 'Melding:',
      typing: '{title} is aan het typen…',
      newStarted: 'Nieuw gesprek gestart.',
      options: 'Antwoordopties',
      newWindow: ' (opent in een nieuw venster)',
      image: 'Afbeelding van {title}',
      footnote: 'Voetnoot:',
      qr: 'QR-code voor ',
      qrCaption: 'Of scan de QR-code'
    },
    en: {
      unreachable: 'The assistant cannot be reached right now. Please try again later ' +
        'or call customer service on 1200 (free of charge).',
      noAnswer: 'The assistant gave no answer. Please try asking your question differently.',
      retry: 'Try again',
      newConversation: 'New conversation',
      newConversationLabel: 'Start a new conversation (clears this one)',
      close: 'Close chat',
      open: 'Open chat with {title}',
      launcher: 'Chat',
      subtitle: 'Digital assistant',
      inputLabel: 'Type your question to {title}',
      placeholder: 'Type your question…',
      send: 'Send message',
      hint: 'Enter = send · Shift+Enter = new line',
      limit: 'At most {max} characters',
      limitReached: 'Your message can be at most {max} characters long.',
      logLabel: 'Conversation with {title}',
      botSays: '{title}:',
      userSays: 'You:',
      notice: 'Notice:',
      typing: '{title} is typing…',
      newStarted: 'New conversation started.',
      options: 'Reply options',
      newWindow: ' (opens in a new window)',
      image: 'Image from {title}',
      footnote: 'Footnote:',
      qr: 'QR code for ',
      qrCaption: 'Or scan the QR code'
    }
  };
  var TEXT = {};

  function fillTexts(language) {
    var source = TEXTS[language] || TEXTS.nl;
    Object.keys(source).forEach(function (key) {
      TEXT[key] = source[key].replace(/\{title\}/g, CONFIG.title).replace(/\{max\}/g, String(CONFIG.maxLength));
    });
  }

  function knownLanguage(value) {
    return value === 'nl' || value === 'en' ? value : null;
  }

  function browserLanguage() {
    var nav = window.navigator || {};
    var first = (nav.languages && nav.languages[0]) || nav.language || '';
    return /^en/i.test(String(first)) ? 'en' : 'nl';
  }

  // ----------------------------------------------------------------- storage
  // Everything lives in sessionStorage: a reload keeps the conversation (same
  // sender id, history shown again); a new tab or browser session starts fresh.
  var memoryStore = {};
  var store = (function () {
    try {
      var s = window.sessionStorage;
      var probe = CONFIG.storageKey + ':probe';
      s.setItem(probe, '1');
      s.removeItem(probe);
      return s;
    } catch (e) {
      return null; // storage disabled: keep state in memory only
    }
  })();

  function load(name) {
    var key = CONFIG.storageKey + ':' + name;
    try {
      return store ? store.getItem(key) : (key in memoryStore ? memoryStore[key] : null);
    } catch (e) {
      return null;
    }
  }

  function save(name, value) {
    var key = CONFIG.storageKey + ':' + name;
    try {
      if (store) { store.setItem(key, value); } else { memoryStore[key] = value; }
    } catch (e) {
      /* quota exceeded etc.: the widget keeps working without persistence */
    }
  }

  function newSenderId() {
    var c = window.crypto;
    if (c && typeof c.randomUUID === 'function') {
      return c.randomUUID();
    }
    if (c && typeof c.getRandomValues === 'function') {
      var bytes = new Uint8Array(16);
      c.getRandomValues(bytes);
      return Array.prototype.map.call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      }).join('');
    }
    return 'web-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2);
  }

  function loadHistory() {
    try {
      var parsed = JSON.parse(load('history') || '[]');
      return Array.isArray(parsed) ? parsed.filter(function (e) {
        return e && typeof e === 'object' && typeof e.from === 'string';
      }) : [];
    } catch (e) {
      return [];
    }
  }

  var state = {
    sender: load('sender') || newSenderId(),
    history: loadHistory(),
    language: null, // set below: the latest bot message's, else the browser's
    open: load('open') === null ? CONFIG.open : load('open') === '1',
    pending: 0,
    generation: 0, // bumped by "Nieuw gesprek": late replies of the old conversation are dropped
    queue: Promise.resolve(),
    nextId: 1
  };
  state.history.forEach(function (e) { state.nextId = Math.max(state.nextId, (e.id || 0) + 1); });
  save('sender', state.sender);

  function historyLanguage() {
    for (var i = state.history.length - 1; i >= 0; i--) {
      var language = knownLanguage(state.history[i].language);
      if (state.history[i].from === 'bot' && language) { return language; }
    }
    return null;
  }
  state.language = historyLanguage() || browserLanguage();
  fillTexts(state.language);

  function persist() {
    if (state.history.length > MAX_HISTORY) {
      state.history = state.history.slice(-MAX_HISTORY);
    }
    save('history', JSON.stringify(state.history));
  }

  // -------------------------------------------------------------- DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        var value = attrs[name];
        if (value === null || value === undefined || value === false) { return; }
        if (name === 'text') { node.textContent = value; } else { node.setAttribute(name, value === true ? '' : value); }
      });
    }
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  var SVG_NS = 'http://www.w3.org/2000/svg';
  function icon(pathData, className) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '0 0 24 24');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('focusable', 'false');
    svg.setAttribute('class', className || 'kpnchat-icon');
    var path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', pathData);
    svg.appendChild(path);
    return svg;
  }
  var ICON_CHAT = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z';
  var ICON_CLOSE = 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6 10.6 12 5 6.4z';
  var ICON_SEND = 'M3 20.5 21 12 3 3.5l.01 6.6L15 12 3.01 13.9z';
  var ICON_NEW = 'M12 5V2L8 6l4 4V7a5 5 0 1 1-5 5H5a7 7 0 1 0 7-7z';

  function pad2(n) { return (n < 10 ? '0' : '') + n; }
  function formatTime(ts) {
    var d = new Date(ts);
    return pad2(d.getHours()) + ':' + pad2(d.getMinutes());
  }

  // ------------------------------------------------------- safe text → nodes
  function safeUrl(raw, bare) {
    // www.… and bare addresses on a known domain get https://
    var candidate = bare || /^www\./i.test(raw) ? 'https://' + raw : raw;
    try {
      var url = new URL(candidate);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        return url.href;
      }
    } catch (e) { /* not a URL */ }
    return null;
  }

  function makeLink(href, label) {
    return el('a', { href: href, target: '_blank', rel: 'noopener noreferrer', 'class': 'kpnchat-link' }, [
      label,
      el('span', { 'class': 'kpnchat-sr', text: TEXT.newWindow })
    ]);
  }

  // ------------------------------------------------------------ QR codes
  // qr/manifest.json (scripts/serve_web.py) maps a link to the QR code image for it. A
  // link that has one gets the image next to it, in the same list item or paragraph;
  // widget.css hides it on phone screens, where the link itself is what you tap.
  var qrImages = {}; // link href -> image URL

  function loadQrManifest() {
    if (!CONFIG.qr || typeof fetch !== 'function') { return; }
    fetch(CONFIG.qr, { credentials: 'omit', cache: 'no-cache' }).then(function (response) {
      return response.ok ? response.json() : {};
    }).then(function (manifest) {
      if (!manifest || typeof manifest !== 'object') { return; }
      Object.keys(manifest).forEach(function (link) {
        var href = safeUrl(link);
        var image = typeof manifest[link] === 'string' ? safeUrl(new URL(manifest[link], CONFIG.qr).href) : null;
        if (href && image) { qrImages[href] = image; }
      });
      if (ui.log) { addQrCodes(ui.log); }
    }).catch(function () { /* no QR codes: the links still work */ });
  }

  function addQrCodes(container) {
    Array.prototype.forEach.call(container.querySelectorAll('a.kpnchat-link'), function (link) {
      var image = qrImages[link.href];
      var block = link.closest('li, p') || link.parentNode;
      if (!image || !block || block.querySelector('.kpnchat-qr')) { return; }
      var label = link.getAttribute('href');
      block.appendChild(el('figure', { 'class': 'kpnchat-qr' }, [
        el('img', { 'class': 'kpnchat-qr-img', src: image, alt: TEXT.qr + label, width: '120', height: '120' }),
        el('figcaption', { 'class': 'kpnchat-qr-caption', text: TEXT.qrCaption })
      ]));
    });
  }

  // **bold**, [label](url), bare http(s):// and www. URLs, and bare addresses on the
  // domains the answers name without a scheme (kpn.com/buitenland, reportaproblem.apple.com,
  // apple.co/...), which become https links. The character before a bare address is
  // captured (group 5) instead of a look-behind, which older Safari cannot parse; an
  // e-mail address (klantenservice@kpn.com) or a longer host name is not a bare address.
  var BARE_DOMAINS = '(?:kpn\\.com|apple\\.com|apple\\.co|google\\.com)';
  var INLINE = new RegExp(
    '\\*\\*([^*\\n]+?)\\*\\*|\\[([^\\]\\n]+)\\]\\(([^()\\s]+)\\)|((?:https?:\\/\\/|www\\.)[^\\s<>"\']+)' +
    '|(^|[^\\w@.\\/-])((?:[a-z0-9-]+\\.)*' + BARE_DOMAINS + '(?![\\w-])(?:\\/[^\\s<>"\']*)?)', 'gi');

  function renderInline(text, parent) {
    var last = 0;
    var match;
    INLINE.lastIndex = 0;
    var matches = [];
    while ((match = INLINE.exec(text)) !== null) {
      matches.push({ index: match.index, m: match.slice(), end: INLINE.lastIndex });
    }
    matches.forEach(function (item) {
      var m = item.m;
      var start = item.index;
      var end = item.end;
      var trailing = '';
      if (start > last) { parent.appendChild(document.createTextNode(text.slice(last, start))); }
      if (m[1] !== undefined) {
        var strong = el('strong');
        renderInline(m[1], strong);
        parent.appendChild(strong);
      } else if (m[2] !== undefined) {
        var href = safeUrl(m[3]);
        parent.appendChild(href ? makeLink(href, m[2]) : document.createTextNode(m[2]));
      } else {
        var raw = m[4] !== undefined ? m[4] : m[6];
        if (m[5]) { parent.appendChild(document.createTextNode(m[5])); }
        // punctuation right after a URL belongs to the sentence, not the URL
        var cut = /[.,;:!?]+$|\)+$/.exec(raw);
        if (cut && !(cut[0].charAt(0) === ')' && raw.indexOf('(') !== -1)) {
          trailing = cut[0];
          raw = raw.slice(0, raw.length - trailing.length);
        }
        var url = safeUrl(raw, m[6] !== undefined);
        parent.appendChild(url ? makeLink(url, raw) : document.createTextNode(raw));
        if (trailing) { parent.appendChild(document.createTextNode(trailing)); }
      }
      last = end;
    });
    if (last < text.length) { parent.appendChild(document.createTextNode(text.slice(last))); }
  }

  // Paragraphs (blank line), line breaks, "- " / "* " / "• " bullets, "1. " / "1) " numbered lists.
  function renderRich(text, parent) {
    var lines = String(text).replace(/\r\n?/g, '\n').split('\n');
    var para = null;
    var list = null;
    var listType = null;
    lines.forEach(function (line) {
      var bullet = /^\s*[-*•]\s+(.*)$/.exec(line);
      var numbered = bullet ? null : /^\s*(\d{1,3})[.)]\s+(.*)$/.exec(line);
      if (bullet || numbered) {
        var type = bullet ? 'ul' : 'ol';
        if (!list || listType !== type) {
          list = el(type, { 'class': 'kpnchat-list' });
          if (numbered && numbered[1] !== '1') { list.setAttribute('start', numbered[1]); }
          listType = type;
          parent.appendChild(list);
        }
        var li = el('li');
        renderInline(bullet ? bullet[1] : numbered[2], li);
        list.appendChild(li);
        para = null;
        return;
      }
      list = null;
      if (!line.trim()) { para = null; return; }
      if (para) {
        para.appendChild(el('br'));
      } else {
        para = el('p', { 'class': 'kpnchat-p' });
        parent.appendChild(para);
      }
      renderInline(line, para);
    });
  }

  function renderPlain(text, parent) {
    // user text: shown exactly as typed; CSS keeps the line breaks (white-space: pre-wrap)
    parent.appendChild(el('p', { 'class': 'kpnchat-p kpnchat-p--plain', text: String(text) }));
  }

  // ---------------------------------------------------------------- building
  var ids = { panel: 'kpnchat-panel', title: 'kpnchat-title', input: 'kpnchat-input', hint: 'kpnchat-hint' };
  var ui = {};

  function buildUi() {
    var root = el('div', { 'class': 'kpnchat', id: 'kpnchat', hidden: true });

    ui.launcher = el('button', {
      type: 'button', 'class': 'kpnchat-launcher', 'aria-controls': ids.panel,
      'aria-expanded': 'false', 'aria-label': TEXT.open
    }, [icon(ICON_CHAT, 'kpnchat-icon kpnchat-icon--launcher'),
      ui.launcherText = el('span', { 'class': 'kpnchat-launcher-text', text: TEXT.launcher })]);

    ui.newButton = el('button', {
      type: 'button', 'class': 'kpnchat-headbtn kpnchat-new', title: TEXT.newConversationLabel,
      'aria-label': TEXT.newConversationLabel
    }, [icon(ICON_NEW), ui.newText = el('span', { 'class': 'kpnchat-headbtn-text', text: TEXT.newConversation })]);
    ui.closeButton = el('button', {
      type: 'button', 'class': 'kpnchat-headbtn kpnchat-close', title: TEXT.close, 'aria-label': TEXT.close
    }, [icon(ICON_CLOSE)]);

    var avatar = el('span', { 'class': 'kpnchat-avatar', 'aria-hidden': 'true', text: 'K' });
    var header = el('header', { 'class': 'kpnchat-header' }, [
      avatar,
      el('div', { 'class': 'kpnchat-heading' }, [
        el('h2', { 'class': 'kpnchat-title', id: ids.title, text: CONFIG.title }),
        el('p', { 'class': 'kpnchat-subtitle' }, [
          el('span', { 'class': 'kpnchat-dot', 'aria-hidden': 'true' }),
          ui.subtitleText = el('span', { 'class': 'kpnchat-subtitle-text', text: CONFIG.subtitle || TEXT.subtitle })
        ])
      ]),
      ui.newButton,
      ui.closeButton
    ]);

    ui.typing = el('div', { 'class': 'kpnchat-typing', 'aria-hidden': 'true', 'aria-label': TEXT.typing, hidden: true }, [
      el('span'), el('span'), el('span')
    ]);
    ui.log = el('div', {
      'class': 'kpnchat-log', role: 'log', 'aria-live': 'polite', 'aria-relevant': 'additions',
      'aria-label': TEXT.logLabel, tabindex: '0'
    }, [ui.typing]);
    ui.status = el('div', { 'class': 'kpnchat-sr', role: 'status' });

    ui.input = el('textarea', {
      id: ids.input, 'class': 'kpnchat-input', rows: '1', maxlength: String(CONFIG.maxLength),
      placeholder: TEXT.placeholder, 'aria-describedby': ids.hint, autocomplete: 'off', enterkeyhint: 'send'
    });
    ui.send = el('button', { type: 'submit', 'class': 'kpnchat-send', 'aria-label': TEXT.send, title: TEXT.send }, [icon(ICON_SEND)]);
    ui.count = el('span', { 'class': 'kpnchat-count', text: '0/' + CONFIG.maxLength });
    ui.hintText = el('span', { 'class': 'kpnchat-hint-text', text: TEXT.hint });
    ui.hint = el('div', { 'class': 'kpnchat-hint', id: ids.hint }, [ui.hintText, ui.count]);
    ui.form = el('form', { 'class': 'kpnchat-form', novalidate: true }, [
      ui.inputLabel = el('label', { 'for': ids.input, 'class': 'kpnchat-sr', text: TEXT.inputLabel }),
      el('div', { 'class': 'kpnchat-inputrow' }, [ui.input, ui.send]),
      ui.hint
    ]);

    ui.panel = el('section', {
      'class': 'kpnchat-panel', id: ids.panel, role: 'dialog', 'aria-modal': 'false',
      'aria-labelledby': ids.title, hidden: true
    }, [header, ui.log, ui.status, ui.form]);

    root.appendChild(ui.panel);
    root.appendChild(ui.launcher);
    ui.root = root;

    // Styles come from widget.css next to widget.js; show the widget once they are in.
    var link = el('link', { rel: 'stylesheet', href: CONFIG.css });
    var reveal = function () { root.hidden = false; };
    link.addEventListener('load', reveal);
    link.addEventListener('error', reveal);
    (document.head || document.documentElement).appendChild(link);
    setTimeout(reveal, 3000);
    document.body.appendChild(root);

    ui.launcher.addEventListener('click', function () { setOpen(true, true); });
    ui.closeButton.addEventListener('click', function () { setOpen(false, true); });
    ui.newButton.addEventListener('click', newConversation);
    ui.panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' || event.key === 'Esc') {
        event.preventDefault();
        setOpen(false, true);
      }
    });
    ui.form.addEventListener('submit', function (event) {
      event.preventDefault();
      submitInput();
    });
    ui.input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
        event.preventDefault();
        submitInput();
      }
    });
    ui.input.addEventListener('input', onInput);
    // keep the newest message in view when the viewport changes (rotation,
    // on-screen keyboard), unless the user scrolled up to read back
    ui.stick = true;
    ui.log.addEventListener('scroll', function () {
      ui.stick = ui.log.scrollHeight - ui.log.scrollTop - ui.log.clientHeight < 40;
    });
    window.addEventListener('resize', function () {
      if (ui.stick && state.open) { ui.log.scrollTop = ui.log.scrollHeight; }
    });
  }

  // ------------------------------------------------------------- language
  function setLanguage(language) {
    if (!knownLanguage(language) || language === state.language) { return; }
    state.language = language;
    fillTexts(language);
    applyLanguage();
  }

  // Puts the current language's strings on everything built once (new messages take
  // TEXT as they are made).
  function applyLanguage() {
    ui.root.setAttribute('lang', state.language);
    ui.launcher.setAttribute('aria-label', TEXT.open);
    ui.launcherText.textContent = TEXT.launcher;
    [[ui.newButton, TEXT.newConversationLabel], [ui.closeButton, TEXT.close], [ui.send, TEXT.send]].forEach(function (pair) {
      pair[0].setAttribute('aria-label', pair[1]);
      pair[0].setAttribute('title', pair[1]);
    });
    ui.newText.textContent = TEXT.newConversation;
    ui.subtitleText.textContent = CONFIG.subtitle || TEXT.subtitle;
    ui.log.setAttribute('aria-label', TEXT.logLabel);
    ui.typing.setAttribute('aria-label', TEXT.typing);
    ui.input.setAttribute('placeholder', TEXT.placeholder);
    ui.inputLabel.textContent = TEXT.inputLabel;
    Array.prototype.forEach.call(ui.log.querySelectorAll('.kpnchat-quick-replies'), function (group) {
      group.setAttribute('aria-label', TEXT.options);
    });
    onInput(); // the hint under the input
  }

  // ----------------------------------------------------------- rendering log
  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
    ui.stick = true;
  }

  function appendToLog(node) {
    ui.log.insertBefore(node, ui.typing); // the typing indicator stays last
    scrollToEnd();
  }

  // A footnote (the price-list line under an answer) goes into the bubble of the bot
  // message before it, small and muted; with no bot message before it, it is one.
  function renderFootnote(entry) {
    var bubbles = ui.log.querySelectorAll('.kpnchat-msg--bot .kpnchat-bubble');
    var bubble = bubbles.length ? bubbles[bubbles.length - 1] : null;
    if (!bubble || bubble.hidden) { return null; }
    var note = el('div', { 'class': 'kpnchat-footnote', 'data-entry': String(entry.id) }, [
      el('span', { 'class': 'kpnchat-sr', text: TEXT.footnote + ' ' })
    ]);
    renderRich(entry.text || '', note);
    bubble.appendChild(note);
    addQrCodes(note);
    if (entry.buttons && entry.buttons.length) {
      appendToLog(renderButtons(entry));
    }
    return bubble.parentNode;
  }

  function renderEntry(entry) {
    if (entry.from === 'bot' && entry.footnote && entry.text) {
      var attached = renderFootnote(entry);
      if (attached) { return attached; }
    }
    var kind = entry.from;
    var who = kind === 'user' ? TEXT.userSays : (kind === 'bot' ? TEXT.botSays : TEXT.notice);
    var bubble = el('div', { 'class': 'kpnchat-bubble' });
    if (kind === 'user') {
      renderPlain(entry.text || '', bubble);
    } else if (entry.text) {
      renderRich(entry.text, bubble);
    }
    if (entry.image) {
      var src = safeUrl(entry.image);
      if (src) {
        bubble.appendChild(el('img', { 'class': 'kpnchat-image', src: src, alt: TEXT.image, loading: 'lazy', referrerpolicy: 'no-referrer' }));
      }
    }
    if (entry.footnote) { bubble.classList.add('kpnchat-bubble--footnote'); }
    addQrCodes(bubble);
    var msg = el('div', { 'class': 'kpnchat-msg kpnchat-msg--' + kind, 'data-entry': String(entry.id) }, [
      el('span', { 'class': 'kpnchat-sr', text: who + ' ' }),
      bubble
    ]);
    if (knownLanguage(entry.language)) { msg.setAttribute('lang', entry.language); }
    if (entry.ts) {
      msg.appendChild(el('time', { 'class': 'kpnchat-time', datetime: new Date(entry.ts).toISOString(), text: formatTime(entry.ts) }));
    }
    if (!entry.text && !entry.image) {
      bubble.hidden = true; // buttons-only reply
    }
    appendToLog(msg);

    if (kind === 'bot' && entry.buttons && entry.buttons.length) {
      appendToLog(renderButtons(entry));
    }
    if (kind === 'error' && entry.retry !== undefined) {
      var retry = el('button', { type: 'button', 'class': 'kpnchat-retry', text: TEXT.retry });
      retry.addEventListener('click', function () {
        delete entry.retry;
        persist();
        retry.remove();
        focusInput();
        enqueue(entry.retry_message, state.generation);
      });
      // keep the message to resend next to the entry, not in the shown text
      msg.appendChild(retry);
    }
    return msg;
  }

  function renderButtons(entry) {
    var group = el('div', { 'class': 'kpnchat-quick-replies', role: 'group', 'aria-label': TEXT.options, 'data-entry': String(entry.id) });
    entry.buttons.forEach(function (b) {
      var button = el('button', { type: 'button', 'class': 'kpnchat-quick-reply', text: b.title });
      button.addEventListener('click', function () {
        if (button.disabled) { return; }
        sendMessage(b.payload, b.title);
        focusInput();
      });
      group.appendChild(button);
    });
    return group;
  }

  // A quick-reply set can only be used once: as soon as the user answers
  // (by clicking or typing), every shown button set goes away.
  function consumeButtons() {
    var changed = false;
    state.history.forEach(function (e) {
      if (e.buttons) { delete e.buttons; changed = true; }
    });
    if (changed) { persist(); }
    Array.prototype.forEach.call(ui.log.querySelectorAll('.kpnchat-quick-replies'), function (group) {
      Array.prototype.forEach.call(group.querySelectorAll('button'), function (b) { b.disabled = true; });
      group.remove();
    });
    Array.prototype.forEach.call(ui.log.querySelectorAll('.kpnchat-retry'), function (b) { b.remove(); });
    state.history.forEach(function (e) { if (e.retry !== undefined) { delete e.retry; } });
  }

  function addEntry(entry) {
    entry.id = state.nextId++;
    entry.ts = entry.ts || Date.now();
    state.history.push(entry);
    persist();
    return renderEntry(entry);
  }

  function announce(text) {
    ui.status.textContent = '';
    if (text) {
      // a fresh text node after a tick so screen readers notice the change
      setTimeout(function () { ui.status.textContent = text; }, 50);
    }
  }

  function setTyping(on) {
    ui.typing.hidden = !on;
    ui.log.setAttribute('aria-busy', on ? 'true' : 'false');
    if (on) { scrollToEnd(); }
  }

  // ------------------------------------------------------------- networking
  function postMessage(message) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = null;
    var request = fetch(WEBHOOK, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ sender: state.sender, message: message }),
      signal: controller ? controller.signal : undefined
    }).then(function (response) {
      if (!response.ok) { throw new Error('HTTP ' + response.status); }
      return response.json();
    }).then(function (data) {
      if (!Array.isArray(data)) { throw new Error('unexpected reply'); }
      return data;
    });
    var timeout = new Promise(function (resolve, reject) {
      timer = setTimeout(function () {
        if (controller) { controller.abort(); }
        reject(new Error('timeout'));
      }, CONFIG.timeoutMs);
    });
    return Promise.race([request, timeout]).then(function (data) {
      clearTimeout(timer);
      return data;
    }, function (error) {
      clearTimeout(timer);
      throw error;
    });
  }

  function isHttpUrl(value) {
    return typeof value === 'string' && safeUrl(value) !== null && !/^www\./i.test(value);
  }

  function showReplies(replies) {
    var shown = 0;
    var first = null;
    replies.forEach(function (item) {
      if (!item || typeof item !== 'object') { return; }
      var text = typeof item.text === 'string' ? item.text : '';
      if (!text && item.custom && typeof item.custom === 'object' && typeof item.custom.text === 'string') {
        text = item.custom.text;
      }
      var buttons = Array.isArray(item.buttons) ? item.buttons.filter(function (b) {
        return b && typeof b.title === 'string' && b.title.trim() &&
          (typeof b.payload === 'string' || typeof b.payload === 'number');
      }).map(function (b) { return { title: b.title, payload: String(b.payload) }; }) : [];
      var image = isHttpUrl(item.image) ? item.image : null;
      var metadata = item.metadata && typeof item.metadata === 'object' ? item.metadata : {};
      var language = knownLanguage(metadata.language);
      if (language) { setLanguage(language); }
      if (!text.trim() && !buttons.length && !image) { return; }
      var entry = { from: 'bot', text: text };
      if (buttons.length) { entry.buttons = buttons; }
      if (image) { entry.image = image; }
      if (language) { entry.language = language; }
      if (metadata.footnote === true) { entry.footnote = true; }
      var node = addEntry(entry);
      if (!first) { first = node; }
      shown++;
    });
    if (!shown) {
      addEntry({ from: 'notice', text: TEXT.noAnswer });
    } else {
      scrollToAnswer(first);
    }
  }

  // A new answer is read from its first line: scroll to the end, but never past the top
  // of the answer's first message.
  function scrollToAnswer(node) {
    var top = node.getBoundingClientRect().top - ui.log.getBoundingClientRect().top + ui.log.scrollTop;
    var end = ui.log.scrollHeight - ui.log.clientHeight;
    ui.log.scrollTop = Math.max(0, Math.min(end, top - 12));
    ui.stick = ui.log.scrollTop >= end - 1;
  }

  function enqueue(message, generation) {
    state.pending++;
    setTyping(true);
    announce(TEXT.typing);
    state.queue = state.queue.then(function () {
      if (generation !== state.generation) { return null; }
      return postMessage(message).then(function (replies) {
        if (generation === state.generation) { showReplies(replies); }
      }, function () {
        if (generation === state.generation) {
          addEntry({ from: 'error', text: TEXT.unreachable, retry: true, retry_message: message });
        }
      });
    }).then(function () {
      if (generation === state.generation) {
        state.pending = Math.max(0, state.pending - 1);
        if (!state.pending) { setTyping(false); announce(''); }
      }
    });
  }

  function sendMessage(payload, shownText) {
    var text = String(payload);
    if (!text.trim()) { return false; }
    consumeButtons();
    if (shownText !== null) {
      addEntry({ from: 'user', text: shownText === undefined ? text : shownText });
    }
    enqueue(text, state.generation);
    return true;
  }

  // ------------------------------------------------------------------ input
  function autoGrow() {
    ui.input.style.height = 'auto';
    ui.input.style.height = Math.min(ui.input.scrollHeight, 140) + 'px';
  }

  function onInput() {
    var value = ui.input.value;
    if (value.length > CONFIG.maxLength) {
      ui.input.value = value.slice(0, CONFIG.maxLength);
      value = ui.input.value;
    }
    var length = value.length;
    ui.count.textContent = length + '/' + CONFIG.maxLength;
    var atLimit = length >= CONFIG.maxLength;
    ui.hint.classList.toggle('kpnchat-hint--near', length >= CONFIG.maxLength * 0.9);
    ui.hint.classList.toggle('kpnchat-hint--limit', atLimit);
    ui.hintText.textContent = atLimit ? TEXT.limitReached : (length >= CONFIG.maxLength * 0.9 ? TEXT.limit : TEXT.hint);
    if (atLimit && !ui.atLimit) { announce(TEXT.limitReached); }
    ui.atLimit = atLimit;
    ui.send.classList.toggle('kpnchat-send--idle', !value.trim());
    autoGrow();
  }

  function submitInput() {
    var value = ui.input.value;
    if (!value.trim()) {
      ui.input.value = '';
      onInput();
      focusInput();
      return;
    }
    sendMessage(value.slice(0, CONFIG.maxLength).replace(/^\s+|\s+$/g, ''));
    ui.input.value = '';
    onInput();
    focusInput();
  }

  function focusInput() {
    try { ui.input.focus({ preventScroll: true }); } catch (e) { ui.input.focus(); }
  }

  // ------------------------------------------------------------ open / close
  function greet() {
    if (CONFIG.greeting && !state.history.length) {
      sendMessage(CONFIG.greeting, null);
    }
  }

  function setOpen(open, byUser) {
    state.open = open;
    save('open', open ? '1' : '0');
    ui.panel.hidden = !open;
    ui.launcher.hidden = open;
    ui.launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
    ui.root.classList.toggle('kpnchat--open', open);
    if (open) {
      scrollToEnd();
      if (byUser) { focusInput(); }
      if (!state.history.length && !state.pending) { greet(); }
    } else if (byUser) {
      ui.launcher.focus();
    }
  }

  function newConversation() {
    state.generation++;
    state.pending = 0;
    state.queue = Promise.resolve();
    state.sender = newSenderId();
    state.history = [];
    save('sender', state.sender);
    persist();
    Array.prototype.slice.call(ui.log.children).forEach(function (child) {
      if (child !== ui.typing) { child.remove(); }
    });
    setTyping(false);
    ui.input.value = '';
    onInput();
    announce(TEXT.newStarted);
    focusInput();
    greet();
  }

  // ------------------------------------------------------------------- start
  function start() {
    buildUi();
    applyLanguage();
    state.history.forEach(function (entry) { renderEntry(entry); });
    onInput();
    setOpen(state.open, false);
    loadQrManifest();
  }

  window.KPNChat = {
    loaded: true,
    config: CONFIG,
    open: function () { setOpen(true, true); },
    close: function () { setOpen(false, true); },
    ask: function (text) {
      if (!state.open) { setOpen(true, true); }
      return sendMessage(String(text || '').slice(0, CONFIG.maxLength));
    },
    newConversation: function () { newConversation(); }
  };

  if (document.body) {
    start();
  } else {
    document.addEventListener('DOMContentLoaded', start);
  }
})();
