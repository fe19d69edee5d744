/* Study-guide reading aids, on every page; the pages read the same without it.
   - Register links: one tooltip, above the link's line (or beside the text on wide screens),
     never over the line being read or the lines after it; Escape hides it. On a touch screen a
     tap shows a small card with the entry's line and a link to the entry; a second tap follows.
   - The reading-aids switch: the quiz and glossary markers shown or hidden, remembered.
   - Arrivals: the element a link leads to is marked (CSS :target); when the link was followed
     from this site, a link back to where the student was goes beside it.
   - Quiz progress: a link to a quiz page the student has begun shows how far they got. */
(function () {
  'use strict';

  var SCRIPT = document.currentScript;
  var T = {
    aids: 'Quiz and glossary markers', back: 'Back to where you were', backQuestion: 'Back to the question',
    backText: 'Back to the text', open: 'Open the entry', close: 'Close',
    progress: '{done} of {total} checked, {right} right'
  };
  try {
    var given = JSON.parse((SCRIPT && SCRIPT.getAttribute('data-sg-text')) || '{}');
    Object.keys(T).forEach(function (k) { if (typeof given[k] === 'string') T[k] = given[k]; });
  } catch (e) { /* the English defaults */ }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function get(store, key) {
    try { return window[store].getItem(key); } catch (e) { return null; }
  }
  function set(store, key, value) {
    try { window[store].setItem(key, value); } catch (e) { /* not kept: fine */ }
  }

  var root = document.documentElement;

  // --- reading-aids switch ------------------------------------------------------------------
  var AIDS = 'sg-reading-aids';
  if (get('localStorage', AIDS) === 'off') root.classList.add('sg-aids-off');

  function aidsSwitch() {
    if (!document.querySelector('.sg-asked, .sg-gloss')) return;
    var heading = document.querySelector('article h1');
    if (!heading) return;
    var wrap = document.createElement('p');
    wrap.className = 'sg-aids';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = T.aids;
    function show() { button.setAttribute('aria-pressed', root.classList.contains('sg-aids-off') ? 'false' : 'true'); }
    button.addEventListener('click', function () {
      var off = !root.classList.contains('sg-aids-off');
      root.classList.toggle('sg-aids-off', off);
      set('localStorage', AIDS, off ? 'off' : 'on');
      show();
    });
    show();
    wrap.appendChild(button);
    heading.parentNode.insertBefore(wrap, heading.nextSibling);
  }

  // --- one tooltip, placed above the line -------------------------------------------------
  var GAP = 6;
  var shownTip = null;

  // Put a fixed box above the first line of `anchor`; beside the text when there is no room
  // above and the window is wide; else scroll the line down to make room.
  function place(box, anchor) {
    var line = anchor.getClientRects()[0] || anchor.getBoundingClientRect();
    box.style.left = '0px';
    box.style.top = '0px';
    var w = box.offsetWidth, h = box.offsetHeight, vw = document.documentElement.clientWidth;
    var header = document.querySelector('.mobile-header');
    var topLimit = header && header.offsetHeight && getComputedStyle(header).display !== 'none' ? header.getBoundingClientRect().bottom : 0;
    var top = line.top - h - GAP;
    var left = Math.max(GAP, Math.min(line.left, vw - w - GAP));
    if (top < topLimit) {
      var article = anchor.closest('article') || document.body;
      var right = article.getBoundingClientRect().right;
      if (vw - right >= w + 2 * GAP) {  // a side note in the margin, level with the line
        left = right + GAP;
        top = Math.max(topLimit, line.top - (h - line.height) / 2);
      } else {  // bring the line down far enough for the tip to fit above it
        window.scrollBy(0, top - topLimit - GAP);
        line = anchor.getClientRects()[0] || anchor.getBoundingClientRect();
        top = line.top - h - GAP;
      }
    }
    box.style.left = Math.round(left) + 'px';
    box.style.top = Math.round(top) + 'px';
  }

  function tipOf(link) {
    var id = link.getAttribute('aria-describedby');
    var tip = id ? document.getElementById(id) : null;
    return tip && tip.classList.contains('sg-tip') ? tip : null;
  }
  function showTip(link) {
    var tip = tipOf(link);
    if (!tip) return;
    hideTip();
    tip.classList.remove('sg-off');
    tip.classList.add('sg-on');
    place(tip, link);
    shownTip = tip;
  }
  function hideTip() {
    // (sg-off: hidden, though the link keeps the hover or focus that shows it without script)
    Array.prototype.forEach.call(document.querySelectorAll('.sg-tip.sg-on'), function (t) { t.classList.remove('sg-on'); });
    var link = document.querySelector('a.sg-ref:hover, a.sg-ref:focus');
    var tip = link ? tipOf(link) : null;
    if (tip) tip.classList.add('sg-off');
    shownTip = null;
  }

  // --- the touch preview card --------------------------------------------------------------
  var card = null, cardLink = null, lastPointer = '';
  function closeCard(refocus) {
    if (!card) return;
    card.classList.remove('sg-on');
    if (refocus && cardLink) cardLink.focus();
    cardLink = null;
  }
  function openCard(link) {
    if (!card) {
      card = document.createElement('div');
      card.className = 'sg-card';
      card.setAttribute('role', 'dialog');
      document.body.appendChild(card);
      card.addEventListener('keydown', function (e) { if (e.key === 'Escape') closeCard(true); });
    }
    hideTip();
    card.textContent = '';
    var name = document.createElement('p');
    var strong = document.createElement('strong');
    strong.textContent = link.textContent;
    name.appendChild(strong);
    card.appendChild(name);
    var tip = tipOf(link);
    if (tip) {
      var line = document.createElement('p');
      line.textContent = tip.textContent;
      card.appendChild(line);
    }
    var actions = document.createElement('p');
    actions.className = 'sg-card-actions';
    var go = document.createElement('a');
    go.href = link.href;
    go.textContent = T.open;
    var close = document.createElement('button');
    close.type = 'button';
    close.textContent = T.close;
    close.addEventListener('click', function () { closeCard(true); });
    actions.appendChild(go);
    actions.appendChild(close);
    card.appendChild(actions);
    card.setAttribute('aria-label', link.textContent);
    card.classList.add('sg-on');
    place(card, link);
    cardLink = link;
    go.focus({ preventScroll: true });
  }

  function registerLinks() {
    document.addEventListener('pointerdown', function (e) {
      lastPointer = e.pointerType || '';
      if (card && cardLink && !card.contains(e.target) && e.target !== cardLink && !cardLink.contains(e.target)) closeCard(false);
    }, true);
    document.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('a.sg-ref');
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if ((lastPointer === 'touch' || lastPointer === 'pen') && cardLink !== link) {
        e.preventDefault();
        openCard(link);
      }
    });
    // The pointer may move from the link onto its tip (WCAG 1.4.13): hiding waits a moment.
    var hideTimer = 0;
    document.addEventListener('mouseover', function (e) {
      var link = e.target.closest && e.target.closest('a.sg-ref');
      if (link && lastPointer !== 'touch') {
        clearTimeout(hideTimer);
        if (!shownTip || tipOf(link) !== shownTip) showTip(link);
      } else if (shownTip && shownTip.contains(e.target)) {
        clearTimeout(hideTimer);
      }
    });
    document.addEventListener('mouseout', function (e) {
      var from = e.target.closest && (e.target.closest('a.sg-ref') || (shownTip && shownTip.contains(e.target) ? shownTip : null));
      if (!from || (e.relatedTarget && from.contains(e.relatedTarget))) return;
      var link = from.classList.contains('sg-tip') ? null : from;
      if (link && document.activeElement === link) return;
      clearTimeout(hideTimer);
      hideTimer = setTimeout(hideTip, 300);
    });
    document.addEventListener('focusin', function (e) {
      var link = e.target.closest && e.target.closest('a.sg-ref');
      if (link && (!card || !card.classList.contains('sg-on'))) showTip(link);
    });
    document.addEventListener('focusout', function (e) {
      if (e.target.closest && e.target.closest('a.sg-ref')) hideTip();
    });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { hideTip(); closeCard(true); }
    });
    window.addEventListener('scroll', function () { hideTip(); closeCard(false); }, { passive: true });
    window.addEventListener('resize', function () { hideTip(); closeCard(false); });
  }

  // --- arrivals and the way back -------------------------------------------------------------
  var FROM = 'sg-from';
  function noHash(url) { return url.split('#')[0]; }

  function rememberFrom() {
    document.addEventListener('click', function (e) {
      var link = e.target.closest && e.target.closest('a[href*="#"]');
      if (!link || link.closest('.sg-back') || !link.closest('article')) return;
      var to;
      try { to = new URL(link.href, window.location.href); } catch (err) { return; }
      if (to.origin !== window.location.origin || !to.hash) return;
      var holder = link.closest('[id]');
      var question = link.closest('.sg-question');
      var from = noHash(window.location.href) + (holder ? '#' + holder.id : window.location.hash);
      var kind = question ? 'backQuestion' : link.closest('.sg-asked, .sg-gloss, .sg-claim') ? 'backText' : 'back';
      set('sessionStorage', FROM, JSON.stringify({ to: to.href, from: from, kind: kind }));
    });
  }

  function markArrival() {
    var old = document.querySelector('a.sg-back');
    if (old) old.parentNode.removeChild(old);
    var hash = window.location.hash.slice(1);
    if (!hash) return;
    var target = document.getElementById(decodeURIComponent(hash));
    if (!target) return;
    var rec = null;
    try { rec = JSON.parse(get('sessionStorage', FROM) || 'null'); } catch (e) { rec = null; }
    if (!rec || typeof rec.from !== 'string' || rec.to !== window.location.href) return;
    var back = document.createElement('a');
    back.className = 'sg-back';
    back.href = rec.from;
    back.textContent = '↩ ' + (T[rec.kind] || T.back);
    var inline = getComputedStyle(target).display.indexOf('inline') === 0;
    if (inline) target.parentNode.insertBefore(back, target.nextSibling);
    else target.appendChild(back);
  }

  // --- quiz progress beside links to quiz pages ----------------------------------------------
  function quizProgress() {
    var byPath = {};
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (!k || k.indexOf('sg-quiz[') !== 0) continue;
        var data = JSON.parse(window.localStorage.getItem(k));
        if (data && typeof data.p === 'string' && data.n > 0 && data.d > 0) byPath[data.p] = data;
      }
    } catch (e) { return; }
    if (!Object.keys(byPath).length) return;
    Array.prototype.forEach.call(document.querySelectorAll('article a[href]'), function (a) {
      if (a.getAttribute('href').indexOf('#') >= 0 || a.closest('.sg-quiz, .sg-asked')) return;
      var url;
      try { url = new URL(a.href, window.location.href); } catch (e) { return; }
      var data = byPath[url.pathname];
      if (!data || url.pathname === window.location.pathname) return;
      var note = document.createElement('span');
      note.className = 'sg-quiz-progress';
      note.textContent = ' (' + fill(T.progress, { done: data.d, total: data.n, right: data.r }) + ')';
      a.parentNode.insertBefore(note, a.nextSibling);
    });
  }

  function init() {
    aidsSwitch();
    registerLinks();
    rememberFrom();
    markArrival();
    window.addEventListener('hashchange', markArrival);
    quizProgress();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
