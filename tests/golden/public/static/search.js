// The search page: asks Pagefind's index (written beside the site by the build) and lists the
// articles found, each with its date, its source and the words found marked. Result links get
// the site's base path, so search works under /news/ too. The query stays in the address
// (?q=), so the header's search box (a plain GET form) lands here with it, and Back returns to
// the same results. Arrow keys move from the box through the results; Enter opens one.
const form = document.querySelector(".search-form");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const more = document.querySelector(".search-more");
const PAGE = 20;

async function load() {
  const pagefind = await import(new URL(form.dataset.bundle, document.baseURI).href);
  await pagefind.options({ baseUrl: form.dataset.basePath || "/" });
  await pagefind.init();
  const filters = await pagefind.filters();
  fillSelect(form.elements.topic, filters.topic || {});
  fillSelect(form.elements.source, filters.source || {});
  return pagefind;
}

// Listening starts at once; each search waits for the index, so early typing is not lost.
function start(ready) {
  let latest = 0;
  let found = [];
  let shown = 0;
  let words = [];
  const run = async () => {
    const ticket = ++latest;
    const pagefind = await ready;
    const query = form.elements.q.value.trim();
    const chosen = {};
    if (form.elements.topic.value) chosen.topic = form.elements.topic.value;
    if (form.elements.source.value) chosen.source = form.elements.source.value;
    remember(query, chosen);
    if (!query && !Object.keys(chosen).length) { found = []; show([], "", false, 0); return; }
    const search = await pagefind.search(query || null, { filters: chosen });
    if (ticket !== latest) return;
    found = search.results;
    words = query.split(/\s+/).filter(Boolean);
    const data = await Promise.all(found.slice(0, PAGE).map((r) => r.data()));
    if (ticket !== latest) return;
    shown = data.length;
    show(data.map((d) => item(d, words)), summary(found.length, query), false, found.length);
  };
  more?.addEventListener("click", async () => {
    const ticket = latest;
    const data = await Promise.all(found.slice(shown, shown + PAGE).map((r) => r.data()));
    if (ticket !== latest) return;
    const first = shown;
    shown += data.length;
    show(data.map((d) => item(d, words)), status.textContent, true, found.length);
    list.children[first]?.querySelector("a")?.focus();
  });
  form.addEventListener("input", run);
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  ready.then(() => {
    form.elements.topic.value = params.get("topic") || "";
    form.elements.source.value = params.get("source") || "";
    if (form.elements.q.value || params.get("topic") || params.get("source")) run();
  });
}

// The query in the address bar, so a result's Back button comes back to it.
function remember(query, chosen) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, value] of Object.entries(chosen)) params.set(name, value);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

function summary(count, query) {
  const articles = `${count} article${count === 1 ? "" : "s"}`;
  if (!query) return `${articles} found`;
  return count ? `${articles} found for “${query}”` : `No article mentions “${query}”.`;
}

function fillSelect(select, counts) {
  for (const name of Object.keys(counts).sort()) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

function show(items, message, append, total) {
  status.textContent = message;
  if (append) list.append(...items); else list.replaceChildren(...items);
  if (more) more.hidden = list.children.length >= total;  // a search.html of before has none
}

// One result: headline (words found marked), date and source, excerpt (Pagefind's marks).
function item(result, words) {
  const entry = document.createElement("li");
  entry.className = "story search-result";
  const heading = document.createElement("h2");
  heading.className = "story-title";
  const link = document.createElement("a");
  link.href = result.url;
  link.append(...marked(result.meta.title || result.url, words));
  heading.append(link);
  entry.append(heading);
  const meta = document.createElement("p");
  meta.className = "meta";
  for (const [name, value] of [["date", result.meta.date], ["source", result.meta.source]]) {
    if (!value) continue;
    const part = document.createElement("span");
    part.className = name;
    part.textContent = value;
    meta.append(part);
  }
  if (meta.childElementCount) entry.append(meta);
  const excerpt = document.createElement("p");
  excerpt.className = "summary";
  excerpt.append(...excerptOf(result, result.meta.title || ""));
  entry.append(excerpt);
  return entry;
}

// The excerpt, made here from the indexed text (plain text: it becomes text nodes, never
// markup) and the places of the words found. The index holds the headline, then the text;
// Pagefind's own excerpt often opens with the headline's last words, shown just above, and
// marks only those. So the window opens a few words before the first word found in the text
// itself, or at the text's start when only the headline matched.
const EXCERPT_WORDS = 30;
function excerptOf(result, title) {
  const words = result.content.split(/[\r\n\s]+/g);
  const skip = title && result.content.startsWith(title) ? `${title}.`.split(/[\r\n\s]+/g).length : 0;
  const found = new Set(result.locations.filter((at) => at >= skip));
  const first = Math.min(...found);
  const start = Number.isFinite(first) ? Math.max(skip, first - 8) : skip;
  const end = Math.min(words.length, start + EXCERPT_WORDS);
  const nodes = [document.createTextNode(start > skip ? "… " : "")];
  for (let at = start; at < end; at++) {
    const space = at > start ? " " : "";
    if (!found.has(at)) { nodes.push(document.createTextNode(space + words[at])); continue; }
    // the word is marked, not the punctuation around it ("Witkoff," marks "Witkoff")
    const [, before, word, after] = words[at].match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u);
    const mark = document.createElement("mark");
    mark.textContent = word || words[at];
    nodes.push(document.createTextNode(space + (word ? before : "")), mark);
    if (word) nodes.push(document.createTextNode(after));
  }
  nodes.push(document.createTextNode(end < words.length ? " …" : ""));
  return nodes;
}

// The headline with each word that starts like a query word marked (Pagefind marks excerpts
// only; it matches word stems, so a prefix is the nearest the page can tell).
function marked(text, words) {
  const stems = words.map((w) => w.replace(/[^\p{L}\p{N}]/gu, "")).filter((w) => w.length > 1);
  if (!stems.length) return [document.createTextNode(text)];
  const escaped = stems.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join("|")})[\\p{L}\\p{N}]*`, "giu");
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    nodes.push(document.createTextNode(text.slice(last, match.index)));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    nodes.push(mark);
    last = match.index + match[0].length;
  }
  nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

// Arrow keys: down from the box to the first result, then result to result; up back again.
function arrows() {
  form.elements.q.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown") return;
    const first = list.querySelector("a");
    if (first) { event.preventDefault(); first.focus(); }
  });
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const links = [...list.querySelectorAll(".story-title a")];
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    event.preventDefault();
    const next = at + (event.key === "ArrowDown" ? 1 : -1);
    if (next < 0) form.elements.q.focus();
    else links[Math.min(next, links.length - 1)].focus();
  });
}

const ready = load();
ready.catch(() => {
  status.textContent = "Search is not available here: the index could not be loaded.";
});
start(ready);
arrows();
