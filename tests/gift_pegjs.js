// Parse GIFT files with gift-pegjs (an independent parser, from npm): prints, as JSON, each
// file's questions or the parser's error. Usage: node gift_pegjs.js PARSER_DIR FILE...
'use strict';
const fs = require('fs');
const { parse } = require(process.argv[2]);
const result = {};
for (const file of process.argv.slice(3)) {
  try {
    result[file] = { questions: parse(fs.readFileSync(file, 'utf8')) };
  } catch (e) {
    result[file] = { error: String(e.message || e) };
  }
}
process.stdout.write(JSON.stringify(result));
