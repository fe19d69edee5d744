/* Study-guide quizzes: check answers, keep a running score, remember answers in localStorage.
   The markup works without this script: the answers then sit in collapsed <details>.
   A first wrong try gets a hint (the passage to re-read) and another try; the answer and its
   explanation come when the student asks for them or after a second wrong try. */
(function () {
  'use strict';

  var SCRIPT = document.currentScript && document.currentScript.src;

  // Words the script writes; the page may give translations in data-sg-text (JSON).
  var T = {
    right: 'Right.', wrong: 'Not quite.', empty: 'Choose or type an answer first.',
    score: '{done} of {total} checked.', scoreRight: '{done} of {total} checked, {right} right.',
    hint: 'Hint: {link}, then try again.', hintNoLink: 'Try again.',
    reveal: 'Show the answer', retry: 'Retry the ones I missed',
    resetAsk: 'Clear every answer to this quiz?', resetYes: 'Yes, clear them', resetNo: 'Keep them',
    progress: 'Progress'
  };
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }

  // How a typed answer is compared: the same folding as studyguide/quiz/answers.py (a test
  // runs both over the same cases). Case, quotes, spacing, end punctuation, a leading
  // article, hyphens and dashes, number words up to ninety-nine and a final plural -s go.
  var UNITS = ('zero one two three four five six seven eight nine ten eleven twelve thirteen ' +
    'fourteen fifteen sixteen seventeen eighteen nineteen').split(' ');
  var TENS = 'twenty thirty forty fifty sixty seventy eighty ninety'.split(' ');
  var NUMBERS = {};
  UNITS.forEach(function (w, i) { NUMBERS[w] = String(i); });
  TENS.forEach(function (t, i) {
    NUMBERS[t] = String(20 + 10 * i);
    UNITS.slice(1, 10).forEach(function (u, j) { NUMBERS[t + ' ' + u] = String(21 + 10 * i + j); });
  });
  var NUMBER_RE = new RegExp('(?<![\\p{L}\\p{N}_])(' + Object.keys(NUMBERS).sort(function (a, b) {
    return b.length - a.length || (a < b ? -1 : 1);
  }).join('|') + ')(?![\\p{L}\\p{N}_])', 'gu');
  function norm(s) {
    var t = String(s).normalize('NFKC')
      .replace(/[\u2018\u2019\u201A\u201B]/g, "'").replace(/[\u201C\u201D\u201E\u201F]/g, '"')
      .toLowerCase();
    t = t.replace(/\s+/g, ' ').trim().replace(/^[.,;:!?'"]+/, '').replace(/[.,;:!?'"]+$/, '').trim();
    t = t.replace(/^(?:the|an|a) /, '');
    t = t.replace(/[\u2010-\u2015\u2212-]/g, ' ').replace(/\s+/g, ' ').trim();
    t = t.replace(NUMBER_RE, function (m) { return NUMBERS[m]; });
    t = t.replace(/ /g, '');
    var chars = Array.from(t);
    if (chars.length > 3 && t.slice(-1) === 's' && t.slice(-2) !== 'ss') t = t.slice(0, -1);
    return t;
  }
  window.studyguideNormalise = norm;  // for the tests that hold it to the Python folding

  // localStorage may be missing, blocked or full: the quiz works without it.
  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(key));
      return data && typeof data.q === 'object' && data.q ? data.q : {};
    } catch (e) {
      return {};
    }
  }
  function save(key, q, summary) {
    try {
      var data = { q: q };
      Object.keys(summary || {}).forEach(function (k) { data[k] = summary[k]; });
      window.localStorage.setItem(key, JSON.stringify(data));
    } catch (e) { /* not stored: fine */ }
  }
  function drop(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (e) { /* nothing to drop */ }
  }

  // The site's root path, part of every key: two builds on one origin (Read the Docs'
  // /en/latest/ and /en/stable/) never share answers, and one's reset leaves the other's.
  function rootPath() {
    var root = document.documentElement.getAttribute('data-content_root');
    try {
      if (root !== null) return new URL(root, window.location.href).pathname;
      if (SCRIPT) return new URL(SCRIPT.replace(/(_static\/)?[^/]*$/, ''), window.location.href).pathname;
    } catch (e) { /* below */ }
    return window.location.pathname.replace(/[^/]*$/, '');
  }
  // Keys of other versions of a quiz on this site, and of the old key format (no site path), go.
  function dropOthers(prefix, legacy, key) {
    try {
      var old = [];
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (k && k !== key && (k.indexOf(prefix) === 0 || k.indexOf(legacy) === 0)) old.push(k);
      }
      old.forEach(function (k) { window.localStorage.removeItem(k); });
    } catch (e) { /* nothing to drop */ }
  }

  var FIELDS = { radio: 'input[type="radio"]', text: 'input[type="text"]', select: 'select' };

  // One question, or null when its markup is not the contract's (it then stays as without JS).
  function question(li) {
    var answer;
    try {
      answer = JSON.parse(li.getAttribute('data-sg-answer'));
    } catch (e) {
      return null;
    }
    var sel = FIELDS[li.getAttribute('data-sg-kind')];
    var q = {
      li: li,
      kind: li.getAttribute('data-sg-kind'),
      answer: Array.isArray(answer) ? answer.map(String) : [],
      fields: sel ? Array.prototype.slice.call(li.querySelectorAll(sel)) : [],
      button: li.querySelector('.sg-check'),
      verdict: li.querySelector('.sg-verdict'),
      details: li.querySelector('.sg-answer'),
      state: '', // '' | 'right' | 'wrong' | 'seen' (checked once, changed since)
      last: null, // the values at the last check
      tries: 0, // wrong checks since the last reset or retry
      shown: false, // the answer was asked for, or given after a second wrong try
      timer: 0
    };
    var source = q.details && q.details.querySelector('a.sg-source');
    var readAbout = q.details && q.details.querySelector('p.sg-source');
    if (!(q.answer.length && q.fields.length && q.button && q.verdict)) return null;
    // The hint: the passage to re-read (a copy of the answer's link) and another try.
    q.hint = document.createElement('p');
    q.hint.className = 'sg-hint';
    q.hint.hidden = true;
    if (source) {
      var link = source.cloneNode(true);
      link.classList.remove('sg-source');
      link.classList.add('sg-hint-link');
      var at = T.hint.indexOf('{link}');
      if (at < 0) at = T.hint.length;
      q.hint.appendChild(document.createTextNode(T.hint.slice(0, at)));
      q.hint.appendChild(link);
      q.hint.appendChild(document.createTextNode(T.hint.slice(at + 6)));
    } else if (readAbout) {  // "Read about: <entries>", then another try
      Array.prototype.forEach.call(readAbout.childNodes, function (n) { q.hint.appendChild(n.cloneNode(true)); });
      q.hint.appendChild(document.createTextNode(' ' + T.hintNoLink));
    } else {
      q.hint.textContent = T.hintNoLink;
    }
    q.reveal = document.createElement('button');
    q.reveal.type = 'button';
    q.reveal.className = 'sg-reveal';
    q.reveal.hidden = true;
    q.reveal.textContent = T.reveal;
    q.button.parentNode.appendChild(q.reveal);
    q.verdict.parentNode.insertBefore(q.hint, q.verdict.nextSibling);
    return q;
  }

  function values(q) {
    if (q.kind === 'radio') {
      return q.fields.filter(function (f) { return f.checked; }).map(function (f) { return f.value; });
    }
    return q.fields.map(function (f) { return f.value; });
  }

  function setValues(q, v) {
    q.fields.forEach(function (f, i) {
      if (q.kind === 'radio') {
        f.checked = f.value === v[0];
      } else {
        f.value = v[i] || '';
        if (q.kind === 'select' && f.selectedIndex < 0) f.value = '';
      }
    });
  }

  function answered(q) {
    var v = values(q);
    if (q.kind === 'text') return norm(v[0] || '') !== '';
    return v.length > 0 && v.every(function (x) { return x !== ''; });
  }

  function isRight(q) {
    var v = values(q);
    if (q.kind === 'radio') return q.answer.indexOf(v[0]) >= 0;
    if (q.kind === 'text') return q.answer.map(norm).indexOf(norm(v[0])) >= 0;
    return v.length === q.answer.length && v.every(function (x, i) { return x === q.answer[i]; });
  }

  // Show a question's state. With `announce`, the verdict is emptied first so that
  // screen readers repeat it even when the text has not changed.
  function render(q, note, announce) {
    var text = q.state === 'right' ? T.right : q.state === 'wrong' ? T.wrong : note || '';
    q.li.classList.toggle('sg-right', q.state === 'right');
    q.li.classList.toggle('sg-wrong', q.state === 'wrong');
    clearTimeout(q.timer);
    if (announce) {
      q.verdict.textContent = '';
      q.timer = setTimeout(function () { q.verdict.textContent = text; }, 50);
    } else {
      q.verdict.textContent = text;
    }
    // The answer shows once it is earned: right, asked for, or after a second wrong try.
    var open = q.state === 'right' || q.shown;
    if (q.details) {
      q.details.hidden = !open;
      if (open) q.details.open = true;
    }
    q.hint.hidden = !(q.state === 'wrong' && !q.shown);
    q.reveal.hidden = !(q.details && !open && q.tries > 0);
  }

  function setup(section) {
    if (section.classList.contains('sg-js')) return;
    var questions = Array.prototype.slice
      .call(section.querySelectorAll('.sg-question'))
      .map(question)
      .filter(Boolean);
    if (!questions.length) return;

    var prefix = 'sg-quiz' + JSON.stringify([rootPath(), section.getAttribute('data-sg-quiz')]);
    var key = prefix + section.getAttribute('data-sg-version');
    dropOthers(prefix, 'sg-quiz:' + section.getAttribute('data-sg-quiz') + ':', key);
    var score = section.querySelector('.sg-score');
    var reset = section.querySelector('.sg-reset');
    var bar = section.querySelector('.sg-quiz-bar');
    // The bar stays in view (CSS: sticky) with the score, a progress line and "retry";
    // reset moves to the end of the quiz, away from the score, and asks first.
    var track = document.createElement('span');
    track.className = 'sg-progress';
    track.setAttribute('aria-hidden', 'true');
    var fillBar = document.createElement('span');
    track.appendChild(fillBar);
    var retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'sg-retry';
    retry.hidden = true;
    retry.textContent = T.retry;
    if (bar) {
      bar.insertBefore(track, bar.firstChild ? bar.firstChild.nextSibling : null);
      bar.appendChild(retry);
    }

    function scored(q) { return q.state === 'right' || q.state === 'wrong'; }

    function summary() {
      var done = questions.filter(scored);
      var right = done.filter(function (q) { return q.state === 'right'; }).length;
      return { n: questions.length, d: done.length, r: right, p: window.location.pathname };
    }

    function updateScore() {
      var s = summary();
      var pct = s.n ? Math.round(100 * s.d / s.n) : 0;
      fillBar.style.width = pct + '%';
      retry.hidden = !questions.some(function (q) { return q.state === 'wrong'; });
      if (!score) return;
      score.textContent = fill(s.d ? T.scoreRight : T.score, { done: s.d, total: s.n, right: s.r });
    }

    function persist() {
      var stored = {};
      var any = false;
      questions.forEach(function (q) {
        var v = values(q);
        if (q.state || v.some(function (x) { return x !== ''; })) {
          stored[q.li.id] = { v: v, s: scored(q) ? 'checked' : q.state, t: q.tries, a: q.shown ? 1 : 0 };
          any = true;
        }
      });
      if (any) save(key, stored, summary()); else drop(key);
    }

    function check(q) {
      var note = '';
      q.last = JSON.stringify(values(q));
      if (answered(q)) {
        q.state = isRight(q) ? 'right' : 'wrong';
        if (q.state === 'wrong') q.tries += 1;
        if (q.state === 'right' || q.tries >= 2) q.shown = true; // once shown, the answer stays
      } else {
        q.state = q.state ? 'seen' : '';
        note = T.empty;
      }
      render(q, note, true);
      updateScore();
      persist();
    }

    // Changing an answer after a check withdraws the verdict until the next check; the
    // answer stays shown. (Blur and Enter fire `change` without a change: `last` tells.)
    function edited(q) {
      if (JSON.stringify(values(q)) !== q.last) {
        if (scored(q)) q.state = 'seen';
        q.last = null;
        render(q, '', false);
        updateScore();
      }
      persist();
    }

    var saved = load(key);
    questions.forEach(function (q) {
      var rec = Object.prototype.hasOwnProperty.call(saved, q.li.id) ? saved[q.li.id] : null;
      if (rec && Array.isArray(rec.v)) setValues(q, rec.v.map(String));
      if (rec) {
        q.tries = typeof rec.t === 'number' && rec.t >= 0 ? Math.floor(rec.t) : 0;
        q.shown = rec.a === 1;
      }
      if (rec && rec.s === 'checked' && answered(q)) {
        q.state = isRight(q) ? 'right' : 'wrong';
        // right, or stored before tries were counted (a wrong answer then had its answer shown)
        if (q.state === 'right' || typeof rec.t !== 'number') q.shown = true;
      } else if (rec && rec.s) {
        q.state = 'seen';
      }
      q.last = JSON.stringify(values(q));
      render(q, '', false);
      q.button.hidden = false;
      q.button.addEventListener('click', function () { check(q); });
      q.reveal.addEventListener('click', function () {
        q.shown = true;
        render(q, '', false);
        persist();
        var summaryEl = q.details && q.details.querySelector('summary');
        if (summaryEl) summaryEl.focus();
      });
      q.li.addEventListener('input', function () { edited(q); });
      q.li.addEventListener('change', function () { edited(q); });
      if (q.kind === 'text') {
        q.fields[0].addEventListener('keydown', function (e) {
          if (e.key === 'Enter' && !e.isComposing) {
            e.preventDefault();
            check(q);
          }
        });
      }
    });

    function clear(q) {
      setValues(q, []);
      q.state = '';
      q.tries = 0;
      q.shown = false;
      q.last = JSON.stringify(values(q));
      if (q.details) q.details.open = false;
      render(q, '', false);
    }

    retry.addEventListener('click', function () {
      var missed = questions.filter(function (q) { return q.state === 'wrong'; });
      missed.forEach(clear);
      persist();
      updateScore();
      if (missed.length) {
        var first = missed[0].fields[0];
        first.focus();
      }
    });

    if (reset) {
      var foot = document.createElement('div');
      foot.className = 'sg-quiz-foot';
      var ask = document.createElement('p');
      ask.className = 'sg-reset-ask';
      ask.hidden = true;
      var askText = document.createElement('span');
      askText.textContent = T.resetAsk + ' ';
      var yes = document.createElement('button');
      yes.type = 'button';
      yes.className = 'sg-reset-yes';
      yes.textContent = T.resetYes;
      var no = document.createElement('button');
      no.type = 'button';
      no.className = 'sg-reset-no';
      no.textContent = T.resetNo;
      ask.appendChild(askText);
      ask.appendChild(yes);
      ask.appendChild(document.createTextNode(' '));
      ask.appendChild(no);
      foot.appendChild(reset);
      foot.appendChild(ask);
      var list = section.querySelector('.sg-questions');
      if (list && list.nextSibling) section.insertBefore(foot, list.nextSibling); else section.appendChild(foot);
      reset.hidden = false;
      reset.addEventListener('click', function () {
        reset.hidden = true;
        ask.hidden = false;
        no.focus();
      });
      no.addEventListener('click', function () {
        ask.hidden = true;
        reset.hidden = false;
        reset.focus();
      });
      yes.addEventListener('click', function () {
        questions.forEach(clear);
        drop(key);
        updateScore();
        ask.hidden = true;
        reset.hidden = false;
        reset.focus();
      });
    }
    section.classList.add('sg-js');
    document.body.classList.add('sg-has-quiz');
    updateScore();
  }

  function init() {
    var first = document.querySelector('.sg-quiz[data-sg-text]');
    try {
      var given = first ? JSON.parse(first.getAttribute('data-sg-text')) : {};
      Object.keys(T).forEach(function (k) { if (typeof given[k] === 'string') T[k] = given[k]; });
    } catch (e) { /* keep the English defaults */ }
    Array.prototype.forEach.call(document.querySelectorAll('.sg-quiz[data-sg-quiz]'), setup);
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
