#!/bin/sh
# The HTML validity test runs the Nu HTML Checker (npm's vnu-jar) with the machine's Java.
# Install the jar under .cache/vnu once; say what is missing otherwise.
set -e
jar=.cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar
[ -f "$jar" ] && exit 0
if ! command -v java >/dev/null 2>&1; then
  echo "The HTML validity test needs Java. Install it with: sudo apt-get install -y default-jre-headless" >&2
  exit 1
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "The HTML validity test needs npm to fetch vnu-jar. Install it with: sudo apt-get install -y npm" >&2
  exit 1
fi
echo "installing the Nu HTML Checker (npm vnu-jar) into .cache/vnu"
npm install --silent --no-audit --no-fund --prefix .cache/vnu vnu-jar@26 >/dev/null
[ -f "$jar" ]
