/* Study-guide exams are hand-ins: a name first, answers kept in this browser (under a key
   holding the site's path, the quiz and its exam version), a list of the questions still
   unanswered, then "Hand in" and a results file to download (again if needed). The page
   holds no answers and shows no verdict: the teacher grades the file. Nothing
   leaves the browser except the file the student saves. */
(function () {
  'use strict';

  var SCRIPT = document.currentScript && document.currentScript.src;
  var T = {
    name: 'Your name', begin: 'Start the exam', needName: 'Enter your name first.',
    hello: 'Answering as {name}.', unanswered: 'Not answered yet: {list}.', question: 'question {n}',
    allAnswered: 'Every question has an answer.', submit: 'Hand in',
    confirm: 'Questions without an answer: {n}. Press Hand in again to hand in anyway.',
    submitted: 'Handed in at {time}. Download your results file and give it to your teacher.',
    download: 'Download your results file', saved: 'Your answers are saved in this browser until you hand in.'
  };
  function fill(t, v) { return t.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }

  // The site's root path: two builds on one origin (/en/latest/, /en/stable/) never share answers.
  function rootPath() {
    var root = document.documentElement.getAttribute('data-content_root');
    try {
      if (root !== null) return new URL(root, window.location.href).pathname;
      if (SCRIPT) return new URL(SCRIPT.replace(/(_static\/)?[^/]*$/, ''), window.location.href).pathname;
    } catch (e) { /* below */ }
    return window.location.pathname.replace(/[^/]*$/, '');
  }

  // localStorage may be missing, blocked or full: the exam then works without it.
  var store = {
    get: function (key) {
      try { return JSON.parse(window.localStorage.getItem(key)); } catch (e) { return null; }
    },
    set: function (key, value) {
      try { window.localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* not kept */ }
    },
    dropOthers: function (prefix, key) { // older exam versions of this quiz on this site
      try {
        var old = [];
        for (var i = 0; i < window.localStorage.length; i++) {
          var k = window.localStorage.key(i);
          if (k && k.indexOf(prefix) === 0 && k !== key) old.push(k);
        }
        old.forEach(function (k) { window.localStorage.removeItem(k); });
      } catch (e) { /* nothing to drop */ }
    }
  };

  function fields(li) { return Array.prototype.slice.call(li.querySelectorAll('input, select')); }

  // What the fields hold, to restore them: the checked value, the typed text, each row's value.
  function values(li) {
    var kind = li.getAttribute('data-sg-kind');
    var all = fields(li);
    if (kind === 'radio') return all.filter(function (f) { return f.checked; }).map(function (f) { return f.value; });
    return all.map(function (f) { return f.value; });
  }
  function restore(li, v) {
    if (!Array.isArray(v)) return;
    var kind = li.getAttribute('data-sg-kind');
    fields(li).forEach(function (f, i) {
      if (kind === 'radio') f.checked = f.value === String(v[0]);
      else {
        f.value = typeof v[i] === 'string' ? v[i] : '';
        if (f.tagName === 'SELECT' && f.selectedIndex < 0) f.value = '';
      }
    });
  }
  // What the results file records: the choice's text, the typed text, each row's option text.
  function chosen(li) {
    var kind = li.getAttribute('data-sg-kind');
    if (kind === 'radio') return values(li);
    if (kind === 'text') return values(li).filter(function (x) { return x.trim() !== ''; });
    var selects = fields(li);
    if (selects.some(function (s) { return !s.value; })) return [];
    return selects.map(function (s) { return s.options[s.selectedIndex].text; });
  }

  function setup(section) {
    var quiz = section.getAttribute('data-sg-quiz');
    var version = section.getAttribute('data-sg-version');
    var start = section.querySelector('.sg-exam-start');
    var list = section.querySelector('.sg-questions');
    var bar = section.querySelector('.sg-exam-bar');
    var who = section.querySelector('.sg-exam-who');
    if (!quiz || !version || !start || !list || !bar || !who) return;
    var items = Array.prototype.slice.call(list.querySelectorAll('.sg-question[data-sg-qid]'));
    var nameInput = start.querySelector('input[name="sg-student"]');
    var note = start.querySelector('.sg-exam-note');
    var unanswered = bar.querySelector('.sg-unanswered');
    var submit = bar.querySelector('.sg-submit');
    var status = bar.querySelector('.sg-exam-status');
    var download = bar.querySelector('.sg-download');
    var prefix = 'sg-exam' + JSON.stringify([rootPath(), quiz]);
    var key = prefix + version;
    var armed = false;

    var saved = store.get(key);
    var state = { name: '', answers: {}, submitted: '', results: null };
    if (saved && typeof saved === 'object') {
      if (typeof saved.name === 'string') state.name = saved.name;
      if (saved.answers && typeof saved.answers === 'object') state.answers = saved.answers;
      if (typeof saved.submitted === 'string') state.submitted = saved.submitted;
      if (saved.results && typeof saved.results === 'object' && saved.results.format === 'studyguide-results') {
        state.results = saved.results;
      }
      if (!state.results) state.submitted = '';
    }
    store.dropOthers(prefix, key);
    function persist() { store.set(key, state); }

    function isAnswered(li) { return chosen(li).length > 0; }
    function showUnanswered() {
      var missing = items.filter(function (li) { return !isAnswered(li); });
      unanswered.textContent = '';
      if (!missing.length) { unanswered.textContent = T.allAnswered; return missing; }
      var parts = T.unanswered.split('{list}');
      unanswered.appendChild(document.createTextNode(parts[0]));
      missing.forEach(function (li, i) {
        if (i) unanswered.appendChild(document.createTextNode(', '));
        var link = document.createElement('a');
        link.href = '#' + li.id;
        link.textContent = fill(T.question, { n: items.indexOf(li) + 1 });
        unanswered.appendChild(link);
      });
      unanswered.appendChild(document.createTextNode(parts.slice(1).join('{list}')));
      return missing;
    }

    function lock() {
      items.forEach(function (li) { fields(li).forEach(function (f) { f.disabled = true; }); });
      submit.hidden = true;
      download.hidden = false;
      unanswered.hidden = true;
      status.textContent = fill(T.submitted, { time: new Date(state.submitted).toLocaleString() });
    }

    function show() {
      start.hidden = true;
      list.hidden = false;
      bar.hidden = false;
      who.hidden = false;
      who.textContent = fill(T.hello, { name: state.name }) + ' ' + (state.submitted ? '' : T.saved);
      if (state.submitted && state.results) lock(); else showUnanswered();
    }

    items.forEach(function (li) {
      var qid = li.getAttribute('data-sg-qid');
      if (Object.prototype.hasOwnProperty.call(state.answers, qid)) restore(li, state.answers[qid]);
      function changed() {
        if (state.submitted) return;
        state.answers[qid] = values(li);
        armed = false;
        status.textContent = '';
        persist();
        showUnanswered();
      }
      li.addEventListener('input', changed);
      li.addEventListener('change', changed);
    });

    start.querySelector('.sg-begin').addEventListener('click', function () {
      var name = nameInput.value.replace(/\s+/g, ' ').trim();
      if (!name) { note.textContent = T.needName; nameInput.focus(); return; }
      state.name = name;
      persist();
      show();
      if (items.length) { var first = fields(items[0])[0]; if (first) first.focus(); }
    });
    nameInput.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' && !e.isComposing) { e.preventDefault(); start.querySelector('.sg-begin').click(); }
    });

    submit.addEventListener('click', function () {
      var missing = showUnanswered();
      if (missing.length && !armed) {
        armed = true;
        status.textContent = fill(T.confirm, { n: missing.length });
        return;
      }
      var answers = {};
      items.forEach(function (li) { answers[li.getAttribute('data-sg-qid')] = chosen(li); });
      state.submitted = new Date().toISOString();
      state.results = {
        format: 'studyguide-results', format_version: 2, quiz: quiz, exam_version: version,
        student: state.name, answers: answers, submitted: state.submitted
      };
      persist();
      lock();
      download.focus();
    });

    download.addEventListener('click', function () {
      if (!state.results) return;
      var blob = new Blob([JSON.stringify(state.results, null, 1)], { type: 'application/json' });
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = quiz + '-' + state.name.replace(/[^\w-]+/g, '_').slice(0, 60) + '.json';
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    });

    section.classList.add('sg-js');
    if (state.name) show();
    else {
      list.hidden = true;
      start.hidden = false;
    }
  }

  function init() {
    var first = document.querySelector('.sg-exam[data-sg-text]');
    try {
      var given = first ? JSON.parse(first.getAttribute('data-sg-text')) : {};
      Object.keys(T).forEach(function (k) { if (typeof given[k] === 'string') T[k] = given[k]; });
    } catch (e) { /* English defaults */ }
    Array.prototype.forEach.call(document.querySelectorAll('.sg-exam[data-sg-quiz]'), setup);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
