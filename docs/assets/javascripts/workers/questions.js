/* Search worker: Material's own worker, asked the reader's question without its filler words.
 *
 * Material puts a trailing wildcard on every word typed, filler words included, so "how do I
 * add a pod" also searched for every word starting with "a", "i" or "do" and ranked pages by
 * those. Here English stop words (lunr's list, which the index leaves out too) are dropped from
 * a question before Material sees it ("IT" is spelled out first), and a plural "s" is dropped
 * so "users" also finds "user". overrides/main.html
 * points Material at this file, which loads Material's worker named in `?material=`.
 */
(() => {
  "use strict";
  const name = new URLSearchParams(self.location.search).get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(name)) {
    throw new Error(`search worker: not Material's worker: ${name}`);
  }
  const QUERY = 2; // Material's message type for a search query
  // Capitalised abbreviations that are stop words in lower case: spelled out, so they count.
  const SPELLED = {IT: "information technology", US: "United States"};

  /* The words of the question that carry meaning; the question itself when none would be left. */
  const plain = (query) => {
    if (query.includes('"') || !self.lunr) return query;
    const kept = query.trim().split(/\s+/).flatMap(word => (SPELLED[word] || word).split(" "))
      .filter(word => self.lunr.stopWordFilter(word.toLowerCase()) !== undefined)
      .map(word => /^[a-z]{4,}s$/.test(word) && !word.endsWith("ss") ? word.slice(0, -1) : word);
    return kept.length ? kept.join(" ") : query;
  };

  const listen = self.addEventListener.bind(self);
  self.addEventListener = (type, handler, options) => listen(type, type !== "message" ? handler
    : event => handler(event.data && event.data.type === QUERY && typeof event.data.data === "string"
      ? {data: {type: QUERY, data: plain(event.data.data)}} : event), options);
  importScripts(name);
})();
