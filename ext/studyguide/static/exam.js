/* Study-guide exams: no feedback until the whole quiz is submitted; then the score, the
   per-question results, and a results file to hand in. The page holds only salted hashes
   of the accepted answers; nothing leaves the browser except the file the student saves. */
(function () {
  'use strict';

  var T = {
    submit: 'Submit the whole quiz', unanswered: '{n} questions have no answer yet. Submit anyway?',
    result: '{right} of {total} right.', right: 'Right.', wrong: 'Wrong.', name: 'Your name',
    download: 'Download your results', needName: 'Enter your name first.', noCrypto:
      'This browser cannot check answers here (it needs a secure https or localhost page).'
  };
  function fill(t, v) { return t.replace(/\{(\w+)\}/g, function (m, k) { return k in v ? v[k] : m; }); }

  // The same normalisation as the build's: NFC, straight quotes, one space, no end punctuation, lower case.
  function norm(s) {
    return String(s).normalize('NFC')
      .replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"')
      .replace(/\s+/g, ' ').trim().replace(/[\s.,;:!?]+$/, '').toLowerCase();
  }
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ('0' + b.toString(16)).slice(-2);
    }).join('');
  }
  function sha256(text) {
    return window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)).then(hex);
  }

  // What the student chose: a choice's text, the typed text, or each row's chosen option text.
  function chosen(li) {
    var kind = li.getAttribute('data-sg-kind');
    if (kind === 'radio') {
      var on = li.querySelector('input[type="radio"]:checked');
      return on ? [on.value] : [];
    }
    if (kind === 'text') {
      var input = li.querySelector('input[type="text"]');
      return input && input.value.trim() ? [input.value] : [];
    }
    var selects = Array.prototype.slice.call(li.querySelectorAll('select'));
    if (selects.some(function (s) { return !s.value; })) return [];
    return selects.map(function (s) { return s.options[s.selectedIndex].text; });
  }

  function setup(section) {
    var items = Array.prototype.slice.call(section.querySelectorAll('.sg-question'));
    var submit = section.querySelector('.sg-submit');
    var result = section.querySelector('.sg-result');
    var handin = section.querySelector('.sg-handin');
    var quiz = section.getAttribute('data-sg-quiz');
    var version = section.getAttribute('data-sg-version');
    var answers = null;
    var score = 0;
    if (!submit || !result || !handin) return;
    if (!(window.crypto && window.crypto.subtle)) {
      result.textContent = T.noCrypto;
      return;
    }
    section.classList.add('sg-js');
    submit.hidden = false;
    submit.textContent = T.submit;

    submit.addEventListener('click', function () {
      var missing = items.filter(function (li) { return !chosen(li).length; }).length;
      if (missing && !window.confirm(fill(T.unanswered, { n: missing }))) return;
      answers = {};
      Promise.all(items.map(function (li) {
        var salt = li.getAttribute('data-sg-salt');
        var hashes = JSON.parse(li.getAttribute('data-sg-check') || '[]');
        var value = chosen(li);
        answers[li.getAttribute('data-sg-qid')] = value;
        var key = li.getAttribute('data-sg-kind') === 'select' ? value.map(norm).join('\n') : norm(value[0] || '');
        return (value.length ? sha256(salt + '\n' + key) : Promise.resolve('')).then(function (h) {
          return hashes.indexOf(h) >= 0;
        });
      })).then(function (marks) {
        score = 0;
        marks.forEach(function (ok, i) {
          var li = items[i];
          if (ok) score += 1;
          li.classList.toggle('sg-right', ok);
          li.classList.toggle('sg-wrong', !ok);
          var verdict = li.querySelector('.sg-verdict');
          if (verdict) verdict.textContent = ok ? T.right : T.wrong;
          Array.prototype.forEach.call(li.querySelectorAll('input, select'), function (f) { f.disabled = true; });
        });
        result.textContent = fill(T.result, { right: score, total: items.length });
        submit.hidden = true;
        handin.hidden = false;
      });
    });

    handin.querySelector('.sg-download').addEventListener('click', function () {
      var name = handin.querySelector('input[name="sg-student"]');
      var note = handin.querySelector('.sg-handin-note');
      if (!name.value.trim()) { note.textContent = T.needName; name.focus(); return; }
      var data = {
        format: 'studyguide-results', format_version: 1, quiz: quiz, quiz_version: version,
        student: name.value.trim(), answers: answers, score: score, total: items.length,
        submitted: new Date().toISOString()
      };
      var blob = new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' });
      var link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = quiz + '-' + name.value.trim().replace(/[^\w-]+/g, '_') + '.json';
      document.body.appendChild(link);
      link.click();
      link.remove();
      note.textContent = '';
    });
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
