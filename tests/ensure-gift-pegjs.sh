#!/bin/sh
# The GIFT exports are read back with an independent parser, npm's gift-pegjs, run by node.
# Install it under .cache/gift-pegjs once; say what is missing otherwise.
set -e
lib=.cache/gift-pegjs/node_modules/gift-pegjs/pegjs-gift.js
[ -f "$lib" ] && exit 0
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "The GIFT parser test needs node and npm. Install them with: sudo apt-get install -y npm" >&2
  exit 1
fi
echo "installing the GIFT parser (npm gift-pegjs) into .cache/gift-pegjs"
npm install --silent --no-audit --no-fund --prefix .cache/gift-pegjs gift-pegjs@1.0.2 >/dev/null
[ -f "$lib" ]
