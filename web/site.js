// Demo page only: the topic buttons ask the chat widget a question.
// (Separate file because the Content-Security-Policy allows no inline script.)
(function () {
  'use strict';
  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('[data-ask]') : null;
    if (!button || !window.KPNChat) { return; }
    event.preventDefault();
    window.KPNChat.ask(button.getAttribute('data-ask'));
  });
})();
