// The browser's search matcher (themes/default/static/search.js), run by Node's test runner
// against the same vectors as the Rust implementation (src/search.rs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const search = require("../../themes/default/static/search.js");
const vectors = JSON.parse(readFileSync(new URL("../data/search-vectors.json", import.meta.url)));

test("folding: đ/Đ, every tone mark, NFD input", () => {
  assert.equal(search.fold("Đảng Viên"), "dang vien");
  assert.equal(search.fold("á à ả ã ạ ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ"), "a a a a a a a a a a a a a a a");
  assert.equal(search.fold("ơ ư ớ ừ ở ữ ợ"), "o u o u o u o");
  assert.equal(search.fold("Nhiệm vụ".normalize("NFD")), "nhiem vu");
});

test("ranking follows the shared vectors", () => {
  for (const v of vectors) {
    const entries = v.entries.map(([title, text]) => search.prepare(title, text));
    assert.deepEqual(search.rank(v.query, entries), v.expect, `query ${v.query}`);
  }
});

test("highlighting marks whole matched words, escapes HTML, keeps accents", () => {
  assert.equal(search.highlight("Các đảng viên <b>", "dang vien", 0),
    "Các <mark>đảng</mark> <mark>viên</mark> &lt;b&gt;");
  const long = "một ".repeat(100) + "kế hoạch " + "hai ".repeat(100);
  const html = search.highlight(long, "ke", 60);
  assert.ok(html.startsWith("…"), html);
  assert.ok(html.includes("<mark>kế</mark>"), html);
  assert.ok(html.length < 200, html);
});
