/* The teacher's grader: results files and the exam keys file from the teacher's disk, a
   gradebook, the item analysis and the class report, all made in this browser. Nothing is sent
   anywhere and nothing is fetched.

   The rules are those of `python -m studyguide grade` and `... report` (studyguide/quiz/
   results.py, grading.py, exam.py, answers.py, analysis.py, classreport.py): the same checks of
   every file, the same folding of answers, the same figures from whole numbers, the same CSV and
   HTML byte for byte (a browser test compares them on the same files). */
(function () {
  'use strict';

  // -- results.py ------------------------------------------------------------------------
  var RESULTS_FORMAT = 'studyguide-results', RESULTS_VERSION = 2;
  var KEYS_FORMAT = 'studyguide-exam-keys', KEYS_VERSION = 1, KEYS_FILE = 'exam-keys.json';
  var MAX_BYTES = 1000000, MAX_KEYS_BYTES = 50000000, MAX_DEPTH = 32, MAX_NAME = 200, MAX_ANSWER = 2000;
  var ROW_TYPES = ['order', 'match'], ANSWER_TYPES = ['who', 'tf', 'blank', 'mc', 'order', 'match'];
  var CHOICE_TYPES = ['who', 'tf', 'mc'], MAX_WRONG = 5;
  // Python's str.isspace() characters (what \s matches in its str patterns)
  var PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
  var SPACES = new RegExp('[' + PY_SPACE + ']+', 'g');
  var INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/gu;
  var LEAD_SPACE = new RegExp('^[' + PY_SPACE + ']+'), TRAIL_SPACE = new RegExp('[' + PY_SPACE + ']+$');

  function Rejected(message) { this.message = message; }
  function reject(message) { throw new Rejected(message); }

  function pyStrip(text) { return text.replace(LEAD_SPACE, '').replace(TRAIL_SPACE, ''); }
  function length(text) { return Array.from(text).length; }
  function cleanText(text) {
    return String(text).replace(SPACES, ' ').replace(INVISIBLE, '');
  }
  function normaliseName(name) {
    return cleanText(name).normalize('NFC').split(SPACES).filter(Boolean).join(' ');
  }
  function casefold(text) { return text.toUpperCase().toLowerCase(); }
  function cmp(a, b) { // code-point order, as Python compares strings
    var x = Array.from(a), y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d < 0 ? -1 : 1;
    }
    return x.length === y.length ? 0 : (x.length < y.length ? -1 : 1);
  }
  function cmpPath(a, b) { // Python sorts paths part by part
    var x = a.split('/'), y = b.split('/');
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = cmp(x[i], y[i]);
      if (d) return d;
    }
    return x.length === y.length ? 0 : (x.length < y.length ? -1 : 1);
  }
  function size(n) { return n >= 100000 ? (n / 1000000).toFixed(1) + ' MB' : n + ' bytes'; }
  function short(value) {
    var text = typeof value === 'string' ? "'" + value + "'" : JSON.stringify(value === undefined ? null : value);
    return text.length <= 40 ? text : text.slice(0, 37) + '...';
  }
  function nestingDepth(text) {
    var depth = 0, deepest = 0;
    var bare = text.replace(/"(?:[^"\\]|\\[\s\S])*"/g, '""');
    for (var i = 0; i < bare.length; i++) {
      var c = bare[i];
      if (c === '[' || c === '{') { depth++; if (depth > deepest) deepest = depth; }
      else if (c === ']' || c === '}') depth--;
    }
    return deepest;
  }
  function parseJson(bytes, maxDepth) {
    var text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (e) {
      reject('is not UTF-8 text');
    }
    if (nestingDepth(text) > maxDepth) reject('nests deeper than ' + maxDepth + ' levels');
    try {
      return JSON.parse(text);
    } catch (e) {
      reject('is not valid JSON (' + e.message + ')');
    }
  }
  function isObject(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function get(o, k) { return has(o, k) ? o[k] : undefined; }

  function readResults(path, bytes) {
    var data = parseJson(bytes, MAX_DEPTH);
    if (!isObject(data) || get(data, 'format') !== RESULTS_FORMAT) reject('is not a study-guide results file');
    var version = get(data, 'format_version');
    if (version !== RESULTS_VERSION) {
      reject('has format version ' + short(version) + '; this grader reads version ' + RESULTS_VERSION +
        ' (files from the current exam pages)');
    }
    var quiz = get(data, 'quiz'), examVersion = get(data, 'exam_version'), student = get(data, 'student');
    if (typeof quiz !== 'string' || !quiz) reject('has no quiz id (a string)');
    if (typeof examVersion !== 'string') reject('has no exam version (a string)');
    if (typeof student !== 'string') reject('has a student name that is not text (' + short(student) + ')');
    var name = normaliseName(student);
    if (!name) reject('has an empty student name');
    if (length(name) > MAX_NAME) reject('has a student name longer than ' + MAX_NAME + ' characters');
    var raw = get(data, 'answers');
    if (!isObject(raw)) reject('has no answers (an object of question id to list of strings)');
    var answers = new Map();
    Object.keys(raw).forEach(function (key) {
      var value = raw[key];
      var values = Array.isArray(value) ? value : [value];
      if (!values.every(function (v) { return typeof v === 'string'; })) {
        reject('has an answer that is not text (question ' + short(key) + ')');
      }
      if (values.some(function (v) { return length(v) > MAX_ANSWER; })) {
        reject('has an answer longer than ' + MAX_ANSWER + ' characters');
      }
      answers.set(key, values.map(cleanText));
    });
    return { path: path, quiz: cleanText(quiz), examVersion: cleanText(examVersion), student: name, answers: answers };
  }

  // -- answers.py and exam.py --------------------------------------------------------------
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
    return b.length - a.length || cmp(a, b);
  }).join('|') + ')(?![\\p{L}\\p{N}_])', 'gu');
  function normaliseAnswer(s) {
    var t = String(s).normalize('NFKC')
      .replace(/[\u2018\u2019\u201A\u201B]/g, "'").replace(/[\u201C\u201D\u201E\u201F]/g, '"')
      .toLowerCase();
    t = pyStrip(t.replace(SPACES, ' ')).replace(/^[.,;:!?'"]+/, '').replace(/[.,;:!?'"]+$/, '');
    t = pyStrip(t).replace(/^(?:the|an|a) /, '');
    t = pyStrip(t.replace(/[\u2010-\u2015\u2212-]/g, ' ').replace(SPACES, ' '));
    t = t.replace(NUMBER_RE, function (m) { return NUMBERS[m]; });
    t = t.replace(/ /g, '');
    if (length(t) > 3 && t.slice(-1) === 's' && t.slice(-2) !== 'ss') t = t.slice(0, -1);
    return t;
  }
  var END_PUNCTUATION = new RegExp('[' + PY_SPACE + '.,;:!?]+$');
  function examNormalise(s) {
    var t = String(s).normalize('NFC').replace(/[\u2018\u2019]/g, "'").replace(/[\u201C\u201D]/g, '"');
    t = pyStrip(t.replace(SPACES, ' '));
    return t.replace(END_PUNCTUATION, '').toLowerCase();
  }
  function rightRows(question) {
    var items = question.items || [], answer = question.answer;
    if (question.type === 'order') return items.map(function (item) { return String(answer.indexOf(item) + 1); });
    return answer.slice();
  }
  function isRight(question, chosen) {
    if (!chosen.length) return false;
    if (ROW_TYPES.indexOf(question.type) >= 0) {
      var rows = rightRows(question);
      return chosen.length === rows.length && chosen.every(function (c, i) {
        return examNormalise(c) === examNormalise(rows[i]);
      });
    }
    if (question.type === 'blank') {
      var folded = normaliseAnswer(chosen[0]);
      return !!folded && question.answer.some(function (a) { return normaliseAnswer(a) === folded; });
    }
    var mine = examNormalise(chosen[0]);
    return question.answer.some(function (a) { return examNormalise(a) === mine; });
  }

  // -- grading.py ----------------------------------------------------------------------------
  function questionOk(q) {
    if (!isObject(q)) return false;
    var strings = ['id', 'exam_id', 'prompt'].every(function (k) { return typeof get(q, k) === 'string'; });
    var answer = get(q, 'answer'), items = has(q, 'items') ? q.items : [];
    if (!(strings && ANSWER_TYPES.indexOf(get(q, 'type')) >= 0 && Array.isArray(answer) && answer.length)) return false;
    if (!(Array.isArray(items) && answer.concat(items).every(function (a) { return typeof a === 'string'; }))) return false;
    if (q.type === 'order') return JSON.stringify(items.slice().sort(cmp)) === JSON.stringify(answer.slice().sort(cmp));
    return q.type !== 'match' || items.length === answer.length;
  }
  function checkedKeys(data) {
    if (!isObject(data) || get(data, 'format') !== KEYS_FORMAT) reject('is not a ' + KEYS_FORMAT + ' file');
    if (get(data, 'format_version') !== KEYS_VERSION) {
      reject('has format version ' + short(get(data, 'format_version')) + ', not ' + KEYS_VERSION);
    }
    var exams = get(data, 'exams');
    if (!Array.isArray(exams)) reject('has no list of exams');
    exams.forEach(function (exam, n) {
      if (!(isObject(exam) && typeof get(exam, 'quiz') === 'string' && typeof get(exam, 'exam_version') === 'string' &&
            Array.isArray(get(exam, 'questions')))) reject('has a malformed exam (number ' + (n + 1) + ')');
      exam.questions.forEach(function (q) {
        if (!questionOk(q)) reject("has a malformed question in exam '" + exam.quiz + "'");
      });
    });
    return exams;
  }
  function checkedPassages(found) {
    if (!Array.isArray(found)) return [];
    var result = [];
    found.forEach(function (passage) {
      if (!isObject(passage) || !Array.isArray(get(passage, 'paragraphs'))) return;
      var paragraphs = passage.paragraphs.filter(Array.isArray).map(function (p) {
        return p.filter(function (s) {
          return Array.isArray(s) && s.length === 2 && typeof s[0] === 'string' && typeof s[1] === 'string';
        }).map(function (s) { return [s[0], s[1]]; });
      });
      result.push({ title: stringOr(get(passage, 'title')), url: stringOr(get(passage, 'url')), paragraphs: paragraphs });
    });
    return result;
  }

  function grade(files, keys, quizId) { // files: [{path, bytes | error}], sorted here
    var versions = [];
    keys.forEach(function (exam, k) { if (exam.quiz === quizId) versions.push(exam.exam_version); });
    versions.sort(cmp);
    var report = { rows: [], skipped: [], questionIds: [], chosen: new Map(), questions: new Map() };
    var accepted = [];
    files.slice().sort(function (a, b) { return cmpPath(a.path, b.path); }).forEach(function (file) {
      var found;
      try {
        if (file.error) reject(file.error);
        found = readResults(file.path, file.bytes);
      } catch (e) {
        if (!(e instanceof Rejected)) throw e;
        report.skipped.push(file.path + ': ' + e.message);
        return;
      }
      if (found.quiz !== quizId) {
        report.skipped.push(file.path + ": for quiz '" + found.quiz + "', not '" + quizId + "'");
        return;
      }
      var key = keys.get(quizId + '\u0000' + found.examVersion);
      if (!key) {
        report.skipped.push(file.path + ": taken on exam version '" + found.examVersion + "' of '" + quizId +
          "', whose key is not among the keys given (known versions: " + versions.join(', ') + ')');
        return;
      }
      accepted.push([found, key]);
    });
    var byStudent = new Map();
    accepted.forEach(function (pair) {
      var k = casefold(pair[0].student);
      if (!byStudent.has(k)) byStudent.set(k, []);
      byStudent.get(k).push(pair[0].path);
    });
    accepted.forEach(function (pair) {
      var found = pair[0], key = pair[1];
      var files = byStudent.get(casefold(found.student));
      if (files.length > 1) {
        report.skipped.push(found.path + ': one of ' + files.length + " files for '" + found.student + "' (" +
          files.join(', ') + '); keep one');
        return;
      }
      var marks = new Map(), answers = new Map();
      report.chosen.set(found.student, answers);
      key.questions.forEach(function (question) {
        var chosen = found.answers.has(question.exam_id) ? found.answers.get(question.exam_id) : [];
        if (ROW_TYPES.indexOf(question.type) < 0) chosen = chosen.slice(0, 1);
        marks.set(question.id, isRight(question, chosen) ? 1 : 0);
        answers.set(question.id, chosen);
        if (report.questionIds.indexOf(question.id) < 0) {
          report.questionIds.push(question.id);
          report.questions.set(question.id, question);
        }
      });
      var score = 0;
      marks.forEach(function (m) { score += m; });
      report.rows.push({ student: found.student, version: found.examVersion, score: score, total: marks.size, marks: marks });
    });
    return report;
  }

  var FORMULA_START = ['=', '+', '-', '@', '\t', '\r'];
  function Figure(text) { this.text = text; } // a figure of ours, written as it is
  function spreadsheetCell(value) {
    if (value instanceof Figure) return value.text;
    if (typeof value === 'number') return String(value);
    var text = pyStrip(cleanText(String(value)));
    return FORMULA_START.indexOf(text.charAt(0)) >= 0 && text ? "'" + text : text;
  }
  function csvRow(cells) {
    return cells.map(function (cell) {
      var text = spreadsheetCell(cell);
      if (/[,"\n]/.test(text) || (cells.length === 1 && text === '')) return '"' + text.replace(/"/g, '""') + '"';
      return text;
    }).join(',') + '\n';
  }
  function gradebookCsv(report, quizId) {
    var out = csvRow(['Student', 'Quiz', 'Version', 'Score', 'Out of'].concat(report.questionIds));
    report.rows.slice().sort(function (a, b) {
      return cmp(casefold(a.student), casefold(b.student)) || cmp(a.student, b.student);
    }).forEach(function (row) {
      var cells = [row.student, quizId, row.version, row.score, row.total];
      report.questionIds.forEach(function (q) { cells.push(row.marks.has(q) ? row.marks.get(q) : ''); });
      out += csvRow(cells);
    });
    return out;
  }

  // -- analysis.py ---------------------------------------------------------------------------
  function percent(part, whole) { return whole ? Math.floor((200 * part + whole) / (2 * whole)) : 0; }
  function hundredths(value) { return Math.floor(value * 100 + 0.5); }
  function twoDecimals(value) {
    if (value === null) return '-';
    var whole = hundredths(value), abs = Math.abs(whole);
    return (whole < 0 ? '-' : '') + Math.floor(abs / 100) + '.' + String(abs % 100).padStart(2, '0');
  }
  function pointBiserial(pairs) {
    var n = pairs.length, sx = 0, sy = 0, sxy = 0, sxx = 0, syy = 0;
    pairs.forEach(function (p) { sx += p[0]; sy += p[1]; sxy += p[0] * p[1]; sxx += p[0] * p[0]; syy += p[1] * p[1]; });
    var numerator = n * sxy - sx * sy, vx = n * sxx - sx * sx, vy = n * syy - sy * sy;
    if (n < 2 || vx <= 0 || vy <= 0) return [numerator, null];
    return [numerator, numerator / Math.sqrt(vx * vy)];
  }
  function flags(item) {
    var found = [];
    if (item.n && 10 * item.right >= 9 * item.n) found.push('too easy');
    if (item.n && 10 * item.right < 3 * item.n) found.push('too hard');
    if (item.r !== null && item.numerator < 0) found.push('negative discrimination');
    return found;
  }
  function stringOr(value) { return typeof value === 'string' ? value : ''; }
  function given(answer) { return answer.some(function (t) { return t.replace(/^ +| +$/g, '') !== ''; }); }
  function minString(list) { return list.reduce(function (a, b) { return cmp(b, a) < 0 ? b : a; }); }
  function wrongAnswers(question, chosen) {
    var answered = chosen.filter(given);
    if (CHOICE_TYPES.indexOf(question.type) >= 0) {
      var right = question.answer.map(examNormalise);
      var picks = answered.map(function (c) { return examNormalise(c[0]); });
      var choices = Array.isArray(question.choices) ? question.choices.filter(function (c) { return typeof c === 'string'; }) : [];
      return choices.filter(function (c) { return right.indexOf(examNormalise(c)) < 0; }).map(function (c) {
        var e = examNormalise(c);
        return [c, picks.filter(function (p) { return p === e; }).length];
      });
    }
    var groups = new Map();
    function add(key, spelling) {
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(spelling);
    }
    if (question.type === 'blank') {
      var accepted = question.answer.map(normaliseAnswer);
      answered.forEach(function (c) {
        var folded = normaliseAnswer(c[0]);
        if (!folded || accepted.indexOf(folded) < 0) add(folded, c[0]);
      });
    } else if (ROW_TYPES.indexOf(question.type) >= 0) {
      var rows = rightRows(question), items = question.items || [];
      answered.forEach(function (c) {
        for (var i = 0; i < Math.min(c.length, rows.length); i++) {
          if (examNormalise(c[i]) !== examNormalise(rows[i]) && i < items.length) {
            var label = items[i] + ' -> ' + c[i];
            add(label, label);
          }
        }
      });
    }
    var counted = [];
    groups.forEach(function (spellings) { counted.push([minString(spellings), spellings.length]); });
    counted.sort(function (a, b) { return b[1] - a[1] || cmp(a[0], b[0]); });
    return counted.slice(0, MAX_WRONG);
  }
  function analyse(report, passages) {
    var rows = report.rows;
    var pieceTitles = new Map(), claimPiece = new Map();
    passages.forEach(function (p) { pieceTitles.set(p.url, p.title); });
    passages.forEach(function (p) {
      p.paragraphs.forEach(function (para) {
        para.forEach(function (s) { if (s[1] && !claimPiece.has(s[1])) claimPiece.set(s[1], p.url); });
      });
    });
    var items = report.questionIds.map(function (qid) {
      var question = report.questions.get(qid);
      var taking = rows.filter(function (row) { return row.marks.has(qid); });
      var claim = stringOr(question.claim), source = stringOr(question.source);
      var item = {
        id: qid, type: question.type, prompt: question.prompt, claim: claim, source: source,
        piece: claimPiece.get(claim) || source.split('#')[0], n: taking.length, right: 0
      };
      taking.forEach(function (row) { item.right += row.marks.get(qid); });
      var pb = pointBiserial(taking.map(function (row) { return [row.marks.get(qid), row.score - row.marks.get(qid)]; }));
      item.numerator = pb[0]; item.r = pb[1];
      var answers = taking.map(function (row) {
        var mine = report.chosen.get(row.student);
        return mine && mine.has(qid) ? mine.get(qid) : [];
      });
      item.unanswered = answers.filter(function (a) { return !given(a); }).length;
      item.wrong = wrongAnswers(question, answers);
      item.percent = percent(item.right, item.n);
      item.rText = twoDecimals(item.r);
      item.flags = flags(item);
      return item;
    });
    var claims = new Map(), pieces = new Map();
    items.forEach(function (item) {
      var groups = [];
      if (item.claim) {
        if (!claims.has(item.claim)) claims.set(item.claim, { id: item.claim, title: item.claim, url: item.source, attempts: 0, right: 0, questions: [] });
        groups.push(claims.get(item.claim));
      }
      if (item.piece) {
        if (!pieces.has(item.piece)) {
          var title = pieceTitles.has(item.piece) ? pieceTitles.get(item.piece) : item.piece;
          pieces.set(item.piece, { id: item.piece, title: title, url: item.piece, attempts: 0, right: 0, questions: [] });
        }
        groups.push(pieces.get(item.piece));
      }
      groups.forEach(function (g) { g.attempts += item.n; g.right += item.right; g.questions.push(item.id); });
    });
    claims.forEach(function (g) { g.percent = percent(g.right, g.attempts); });
    pieces.forEach(function (g) { g.percent = percent(g.right, g.attempts); });
    var bands = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], score = 0, total = 0;
    rows.forEach(function (row) {
      if (row.total) bands[Math.min(9, Math.floor(10 * row.score / row.total))] += 1;
      score += row.score; total += row.total;
    });
    return {
      students: rows.length, items: items, claims: claims, pieces: Array.from(pieces.values()),
      bands: bands, score: score, total: total, meanPercent: percent(score, total)
    };
  }
  function wrongText(item) {
    var parts = item.wrong.map(function (w) { return w[0] + ': ' + w[1]; });
    if (item.unanswered) parts.push('unanswered: ' + item.unanswered);
    return parts.join('; ');
  }
  function itemsCsv(analysis) {
    var out = csvRow(['Question', 'Type', 'Claim', 'Piece', 'Students', 'Right', 'Difficulty (% right)',
      'Discrimination', 'Flags', 'Wrong answers']);
    analysis.items.forEach(function (item) {
      out += csvRow([item.id, item.type, item.claim, item.piece, item.n, item.right, item.percent,
        new Figure(item.r === null ? '' : item.rText), item.flags.join(', '), wrongText(item)]);
    });
    return out;
  }

  // -- classreport.py --------------------------------------------------------------------------
  var CSS = (
    'body{font:16px/1.5 Georgia,serif;color:#1a1a1a;background:#fff;margin:0}' +
    'main{max-width:46rem;margin:0 auto;padding:1rem}' +
    'h1,h2,h3{font-family:system-ui,sans-serif;line-height:1.25}' +
    'table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}' +
    'th,td{border:1px solid #999;padding:.2rem .4rem;text-align:left;vertical-align:top}' +
    'figure{margin:1rem 0}svg{max-width:100%;height:auto}' +
    'mark{color:#1a1a1a;padding:0 .1rem}' +
    '.sg-band-0{background:#f4a3a3}.sg-band-1{background:#f7c59f}.sg-band-2{background:#f6e7a1}' +
    '.sg-band-3{background:#cfe8b0}.sg-band-4{background:#a9dcc0}' +
    '.sg-share{font-family:system-ui,sans-serif;font-size:.85em;font-weight:bold}' +
    'a{color:#0b4f9c}' +
    '@media print{body{font-size:11pt}main{max-width:none;padding:0}a{color:inherit}' +
    'mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}' +
    'h2{break-after:avoid}figure,tr{break-inside:avoid}}'
  );
  var BANDS = ['0-9', '10-19', '20-29', '30-39', '40-49', '50-59', '60-69', '70-79', '80-89', '90-100'];
  function e(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#x27;');
  }
  function link(base, source) { return source ? base + source : ''; }
  function band(share) { return Math.min(4, Math.floor(share / 20)); }
  function revisit(analysis, numbers, base) {
    var flagged = analysis.items.filter(function (i) {
      return i.flags.indexOf('too hard') >= 0 || i.flags.indexOf('negative discrimination') >= 0;
    });
    if (!flagged.length) return '<p>None: no question is too hard or discriminates negatively.</p>';
    return '<ol>' + flagged.map(function (item) {
      var href = link(base, item.source);
      var name = 'Question ' + numbers.get(item.id) + ' (' + e(item.id) + ')';
      var target = href ? '<a href="' + e(href) + '">' + name + '</a>' : name;
      return '<li>' + target + ': ' + e(item.prompt) + ' <strong>' + item.percent + '% right, discrimination ' +
        item.rText + '; ' + e(item.flags.join(', ')) + '</strong></li>';
    }).join('') + '</ol>';
  }
  function scoresSvg(analysis) {
    var top = Math.max.apply(null, analysis.bands) || 1;
    var parts = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 440 220" width="440" height="220" ' +
      'role="img" aria-labelledby="sg-scores-title"><title id="sg-scores-title">Students by score ' +
      '(% of questions right)</title>' +
      '<line x1="30" y1="180" x2="430" y2="180" stroke="#1a1a1a"/>'
    ];
    analysis.bands.forEach(function (count, i) {
      var height = Math.floor(count * 150 / top), x = 34 + 40 * i;
      parts.push('<rect x="' + x + '" y="' + (180 - height) + '" width="32" height="' + height + '" fill="#5b7fa6"/>' +
        '<text x="' + (x + 16) + '" y="' + (174 - height) + '" text-anchor="middle" font-size="12">' + count + '</text>' +
        '<text x="' + (x + 16) + '" y="196" text-anchor="middle" font-size="10">' + BANDS[i] + '</text>');
    });
    parts.push('<text x="230" y="214" text-anchor="middle" font-size="11">% right</text></svg>');
    return parts.join('');
  }
  function scatterSvg(analysis, numbers) {
    var parts = [
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 260" width="400" height="260" ' +
      'role="img" aria-labelledby="sg-items-title"><title id="sg-items-title">Questions by difficulty ' +
      '(% right, across) and discrimination (up)</title>' +
      '<rect x="40" y="20" width="300" height="200" fill="none" stroke="#1a1a1a"/>' +
      '<line x1="40" y1="120" x2="340" y2="120" stroke="#1a1a1a" stroke-dasharray="4 3"/>' +
      '<line x1="130" y1="20" x2="130" y2="220" stroke="#999" stroke-dasharray="4 3"/>' +
      '<line x1="310" y1="20" x2="310" y2="220" stroke="#999" stroke-dasharray="4 3"/>' +
      '<text x="36" y="24" text-anchor="end" font-size="10">1</text>' +
      '<text x="36" y="124" text-anchor="end" font-size="10">0</text>' +
      '<text x="36" y="224" text-anchor="end" font-size="10">-1</text>' +
      '<text x="40" y="236" text-anchor="middle" font-size="10">0%</text>' +
      '<text x="130" y="236" text-anchor="middle" font-size="10">30%</text>' +
      '<text x="310" y="236" text-anchor="middle" font-size="10">90%</text>' +
      '<text x="340" y="236" text-anchor="middle" font-size="10">100%</text>' +
      '<text x="190" y="254" text-anchor="middle" font-size="11">% right</text>'
    ];
    analysis.items.forEach(function (item) {
      if (item.r === null) return;
      var x = 40 + 3 * item.percent, y = 120 - hundredths(item.r), n = numbers.get(item.id);
      parts.push('<g><title>Question ' + n + ': ' + item.percent + '% right, discrimination ' + item.rText + '</title>' +
        '<circle cx="' + x + '" cy="' + y + '" r="4" fill="#5b7fa6"/>' +
        '<text x="' + (x + 6) + '" y="' + (y - 4) + '" font-size="10">' + n + '</text></g>');
    });
    parts.push('</svg>');
    return parts.join('');
  }
  function itemsTable(analysis, numbers, base) {
    var head = '<table><thead><tr><th>No.</th><th>Question</th><th>Students</th><th>% right</th>' +
      '<th>Discrimination</th><th>Flags</th><th>Wrong answers</th></tr></thead><tbody>';
    return head + analysis.items.map(function (item) {
      var href = link(base, item.source);
      var name = href ? '<a href="' + e(href) + '">' + e(item.id) + '</a>' : e(item.id);
      return '<tr><td>' + numbers.get(item.id) + '</td><td>' + name + ' (' + e(item.type) + '): ' + e(item.prompt) + '</td>' +
        '<td>' + item.n + '</td><td>' + item.percent + '</td><td>' + item.rText + '</td>' +
        '<td>' + e(item.flags.join(', ')) + '</td><td>' + e(wrongText(item)) + '</td></tr>';
    }).join('') + '</tbody></table>';
  }
  function groupsTable(groups, anchor, heading, column, base) {
    if (!groups.length) return '';
    var rows = groups.map(function (g) {
      var href = link(base, g.url);
      var name = href ? '<a href="' + e(href) + '">' + e(g.title) + '</a>' : e(g.title);
      return '<tr><td>' + name + '</td><td>' + g.questions.length + '</td><td>' + g.percent + '</td></tr>';
    }).join('');
    return '<h2 id="' + anchor + '">' + heading + '</h2><table><thead><tr><th>' + column + '</th><th>Questions</th>' +
      '<th>% right</th></tr></thead><tbody>' + rows + '</tbody></table>';
  }
  function textPart(analysis, passages, base) {
    var parts = ['<h2 id="text">The passages, claim by claim</h2><p>Each claim an exam question tests is shaded by ' +
      'the share of the class that answered its questions right (the figure follows it in brackets; ' +
      'darker red: fewer right).</p>'];
    passages.forEach(function (passage) {
      parts.push('<h3><a href="' + e(link(base, passage.url)) + '">' + e(passage.title) + '</a></h3>');
      passage.paragraphs.forEach(function (paragraph) {
        parts.push('<p>' + paragraph.map(function (s) {
          var stats = s[1] ? analysis.claims.get(s[1]) : undefined;
          if (!stats || !stats.attempts) return e(s[0]);
          return '<mark class="sg-band-' + band(stats.percent) + '">' + e(s[0]) + '</mark> ' +
            '<span class="sg-share">[' + e(s[1]) + ': ' + stats.percent + '% right]</span>';
        }).join('') + '</p>');
      });
    });
    return parts.join('');
  }
  function reportHtml(title, quizId, analysis, passages, base) {
    var numbers = new Map();
    analysis.items.forEach(function (item, i) { numbers.set(item.id, i + 1); });
    var heading = 'Class report: ' + e(title);
    var rows = analysis.bands.map(function (c, i) { return '<tr><td>' + BANDS[i] + '</td><td>' + c + '</td></tr>'; }).join('');
    return '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">' +
      '<meta name="viewport" content="width=device-width, initial-scale=1">' +
      '<title>' + heading + '</title><style>' + CSS + '</style></head><body><main>' +
      '<h1>' + heading + '</h1>' +
      '<p>Quiz ' + e(quizId) + ': ' + analysis.students + ' students graded, ' + analysis.meanPercent + '% of ' +
      'answers right. Difficulty is the share of students right; discrimination is the correlation of ' +
      'a question with the rest of the exam (below 0: the stronger students got it wrong more often).</p>' +
      '<h2 id="revisit">Questions to revisit</h2>' + revisit(analysis, numbers, base) +
      '<h2 id="scores">Score distribution</h2><figure>' + scoresSvg(analysis) + '</figure>' +
      '<table><thead><tr><th>% right</th><th>Students</th></tr></thead>' +
      '<tbody>' + rows + '</tbody></table>' +
      '<h2 id="items">Difficulty against discrimination</h2><figure>' + scatterSvg(analysis, numbers) +
      '</figure>' + itemsTable(analysis, numbers, base) +
      groupsTable(analysis.pieces, 'pieces', 'By piece', 'Piece', base) +
      groupsTable(Array.from(analysis.claims.values()), 'claims', 'By claim', 'Claim', base) +
      textPart(analysis, passages, base) + '</main></body></html>\n';
  }

  // -- the page ----------------------------------------------------------------------------------
  function readFile(file) {
    return new Promise(function (resolve) {
      var path = file.webkitRelativePath || file.sgPath || file.name;
      if (file.size > MAX_BYTES) { resolve({ path: path, error: 'is larger than ' + size(MAX_BYTES) + ' (' + size(file.size) + ')' }); return; }
      file.arrayBuffer().then(function (buffer) {
        resolve({ path: path, bytes: new Uint8Array(buffer) });
      }, function () { resolve({ path: path, error: 'cannot be read' }); });
    });
  }
  function isJsonName(name) { return /\.json$/i.test(name); }
  function entries(item) { // a dropped folder, walked (its files get their relative path)
    return new Promise(function (resolve) {
      if (item.isFile) {
        item.file(function (file) { file.sgPath = item.fullPath.replace(/^\//, ''); resolve([file]); }, function () { resolve([]); });
        return;
      }
      if (!item.isDirectory) { resolve([]); return; }
      var reader = item.createReader(), all = [];
      (function more() {
        reader.readEntries(function (batch) {
          if (!batch.length) {
            Promise.all(all.map(entries)).then(function (lists) { resolve([].concat.apply([], lists)); });
            return;
          }
          all = all.concat(batch);
          more();
        }, function () { resolve([]); });
      })();
    });
  }
  function download(name, text, type) {
    var blob = new Blob([text], { type: type });
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }
  function cellTable(csvLines) { // a table of cells already made safe for a spreadsheet
    var table = document.createElement('table');
    csvLines.forEach(function (cells, i) {
      var tr = table.insertRow();
      cells.forEach(function (cell) {
        var c = document.createElement(i ? 'td' : 'th');
        c.textContent = cell;
        tr.appendChild(c);
      });
    });
    var wrap = document.createElement('div');
    wrap.className = 'sg-grader-table';
    wrap.tabIndex = 0;
    wrap.appendChild(table);
    return wrap;
  }

  function setUp(section) {
    var results = [], keysFiles = [];
    var status = section.querySelector('.sg-grader-status');
    var out = section.querySelector('.sg-grader-out');
    var select = section.querySelector('.sg-grader-quiz');
    var state = null;
    function say(text) { status.textContent = text; }

    function addResults(files) {
      var chosen = Array.prototype.filter.call(files, function (f) { return isJsonName(f.name); });
      Promise.all(chosen.map(readFile)).then(function (read) {
        var known = new Set(results.map(function (r) { return r.path; }));
        read.forEach(function (r) { if (!known.has(r.path)) results.push(r); });
        run();
      });
    }
    function setKeys(files) {
      keysFiles = Array.prototype.slice.call(files);
      run();
    }
    function loadKeys() {
      return Promise.all(keysFiles.map(function (file) {
        if (file.size > MAX_KEYS_BYTES) return Promise.reject(new Rejected('is larger than ' + size(MAX_KEYS_BYTES)));
        return file.arrayBuffer().then(function (buffer) {
          var data;
          try {
            data = parseJson(new Uint8Array(buffer), 8);
            return { exams: checkedKeys(data), passages: checkedPassages(get(data, 'passages')) };
          } catch (err) {
            if (err instanceof Rejected) err.message = 'cannot read exam keys from ' + file.name + ': it ' + err.message;
            throw err;
          }
        });
      })).then(function (loaded) {
        var keys = new Map(), passages = [];
        loaded.forEach(function (one) {
          one.exams.forEach(function (exam) { keys.set(exam.quiz + '\u0000' + exam.exam_version, exam); });
          if (!passages.length && one.passages.length) passages = one.passages;
        });
        return { keys: keys, passages: passages };
      });
    }
    function run() {
      out.hidden = true;
      state = null;
      if (!keysFiles.length) { say(results.length + ' results files chosen. Choose the exam keys file (' + KEYS_FILE + ').'); return; }
      loadKeys().then(function (loaded) {
        var quizzes = Array.from(new Set(Array.from(loaded.keys.values()).map(function (x) { return x.quiz; }))).sort(cmp);
        var current = select.value;
        select.textContent = '';
        quizzes.forEach(function (q) { select.add(new Option(q, q)); });
        if (!quizzes.length) { say('The keys file holds no exam.'); return; }
        if (!results.length) { say('Keys read. Choose the students\u2019 results files or a folder.'); return; }
        var reports = new Map();
        quizzes.forEach(function (q) { reports.set(q, grade(results, loaded.keys, q)); });
        var quiz = quizzes.indexOf(current) >= 0 && reports.get(current).rows.length ? current
          : (quizzes.filter(function (q) { return reports.get(q).rows.length; })[0] || quizzes[0]);
        select.value = quiz;
        show(quiz, reports.get(quiz), loaded);
      }, function (err) {
        if (!(err instanceof Rejected)) throw err;
        say(err.message + '. Nothing was graded.');
      });
    }
    function show(quiz, report, loaded) {
      var passages = loaded.passages;
      var titles = [];
      loaded.keys.forEach(function (exam) { if (exam.quiz === quiz) titles.push([exam.exam_version, exam.title]); });
      titles.sort(function (a, b) { return cmp(a[0], b[0]); });
      var title = typeof titles[0][1] === 'string' ? titles[0][1] : quiz;
      var analysis = analyse(report, passages);
      // links to the passages: from the site's root (Sphinx puts it on <html>)
      var root = document.documentElement.getAttribute('data-content_root') || './';
      var base = new URL(root, window.location.href).href;
      state = {
        quiz: quiz,
        gradebook: gradebookCsv(report, quiz),
        items: itemsCsv(analysis),
        report: reportHtml(title, quiz, analysis, passages, base)
      };
      say(report.rows.length ? 'Graded ' + report.rows.length + " files for quiz '" + quiz + "' (" + report.skipped.length + ' skipped).'
        : "No results file for quiz '" + quiz + "' could be graded (" + report.skipped.length + ' skipped).');
      var book = section.querySelector('.sg-gradebook'), items = section.querySelector('.sg-items');
      var groups = section.querySelector('.sg-groups');
      book.textContent = ''; items.textContent = ''; groups.textContent = '';
      if (report.rows.length) {
        book.appendChild(cellTable(parseCsv(state.gradebook)));
        items.appendChild(cellTable(parseCsv(state.items)));
        var rows = [['Piece or claim', 'Questions', '% right']];
        analysis.pieces.concat(Array.from(analysis.claims.values())).forEach(function (g) {
          rows.push([g.title, String(g.questions.length), String(g.percent)]);
        });
        groups.appendChild(cellTable(rows));
      }
      var skipped = section.querySelector('.sg-skipped');
      skipped.textContent = '';
      report.skipped.forEach(function (line) {
        var li = document.createElement('li');
        li.textContent = line;
        skipped.appendChild(li);
      });
      section.querySelector('.sg-skipped-none').hidden = report.skipped.length > 0;
      out.hidden = !report.rows.length && !report.skipped.length;
      section.querySelectorAll('.sg-grader-downloads button').forEach(function (b) { b.disabled = !report.rows.length; });
    }
    function parseCsv(text) { // our own CSV: quoted cells never hold a line break
      return text.split('\n').filter(Boolean).map(function (line) {
        var cells = [], m, re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
        while ((m = re.exec(line)) !== null) {
          var cell = m[1];
          cells.push(cell.charAt(0) === '"' ? cell.slice(1, -1).replace(/""/g, '"') : cell);
          if (!m[2]) break;
        }
        return cells;
      });
    }

    section.querySelector('.sg-grader-files').addEventListener('change', function (ev) { addResults(ev.target.files); });
    section.querySelector('.sg-grader-folder').webkitdirectory = true;  // not in the HTML standard
    section.querySelector('.sg-grader-folder').addEventListener('change', function (ev) { addResults(ev.target.files); });
    section.querySelector('.sg-grader-keys').addEventListener('change', function (ev) { setKeys(ev.target.files); });
    select.addEventListener('change', run);
    section.querySelector('.sg-grader-clear').addEventListener('click', function () {
      results = [];
      section.querySelectorAll('input[type="file"]').forEach(function (i) { i.value = ''; });
      keysFiles = [];
      select.textContent = '';
      run();
    });
    var drop = section.querySelector('.sg-grader-drop');
    drop.addEventListener('dragover', function (ev) { ev.preventDefault(); drop.classList.add('sg-over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('sg-over'); });
    drop.addEventListener('drop', function (ev) {
      ev.preventDefault();
      drop.classList.remove('sg-over');
      var items = Array.prototype.map.call(ev.dataTransfer.items || [], function (i) {
        return i.webkitGetAsEntry ? i.webkitGetAsEntry() : null;
      }).filter(Boolean);
      var walk = items.length ? Promise.all(items.map(entries)).then(function (l) { return [].concat.apply([], l); })
        : Promise.resolve(Array.prototype.slice.call(ev.dataTransfer.files));
      walk.then(function (files) {
        var keys = files.filter(function (f) { return f.name === KEYS_FILE; });
        if (keys.length) setKeys(keys);
        addResults(files.filter(function (f) { return f.name !== KEYS_FILE; }));
      });
    });
    var names = { gradebook: ['gradebook-', '.csv', 'text/csv'], items: ['items-', '.csv', 'text/csv'],
      report: ['report-', '.html', 'text/html'] };
    Object.keys(names).forEach(function (what) {
      section.querySelector('.sg-grader-dl-' + what).addEventListener('click', function () {
        if (!state) return;
        var n = names[what];
        download(n[0] + state.quiz.replace(/[^\w.-]+/g, '_') + n[1], state[what], n[2] + ';charset=utf-8');
      });
    });
    section.hidden = false;
    say('Choose the exam keys file and the students\u2019 results files.');
  }

  // for the tests that hold this file to the Python rules
  window.studyguideGrader = {
    normaliseAnswer: normaliseAnswer, examNormalise: examNormalise, cleanText: cleanText,
    normaliseName: normaliseName, spreadsheetCell: spreadsheetCell, twoDecimals: twoDecimals
  };
  function start() { document.querySelectorAll('section.sg-grader').forEach(setUp); }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
