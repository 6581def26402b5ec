// Shows <time class="local" datetime="..."> in the reader's own time zone.
// Progressive enhancement: without JavaScript the page shows UTC.
(function () {
  'use strict';
  var els = document.querySelectorAll('time.local[datetime]');
  var lang = document.documentElement.lang || undefined;
  for (var i = 0; i < els.length; i++) {
    var d = new Date(els[i].getAttribute('datetime'));
    if (isNaN(d)) continue;
    els[i].textContent = d.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
    els[i].title = els[i].getAttribute('datetime');
  }
})();
