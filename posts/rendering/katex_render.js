// Render TeX with the vendored KaTeX: a JSON list of {tex, display} on stdin, a
// JSON list of {html} or {error} on stdout. One process renders a whole post.
"use strict";
const katex = require(process.argv[2]);

const options = (display) => ({
  displayMode: display,
  output: "htmlAndMathml",
  throwOnError: true,
  // No \href, \url, \includegraphics, \htmlClass... : authors' TeX stays inert.
  trust: false,
  strict: "ignore",
  maxSize: 50,
  maxExpand: 1000,
});

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(({ tex, display }) => {
    try {
      return { html: katex.renderToString(tex, options(Boolean(display))) };
    } catch (error) {
      return { error: String(error.message || error) };
    }
  });
  process.stdout.write(JSON.stringify(results));
});
