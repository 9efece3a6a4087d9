// The search page: asks Pagefind's index (written beside the site by the build) and lists the
// articles found. Result links get the site's base path, so search works under /news/ too.
const form = document.querySelector(".search-form");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");

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
  const run = async () => {
    const ticket = ++latest;
    const pagefind = await ready;
    const query = form.elements.q.value.trim();
    const chosen = {};
    if (form.elements.topic.value) chosen.topic = form.elements.topic.value;
    if (form.elements.source.value) chosen.source = form.elements.source.value;
    if (!query && !Object.keys(chosen).length) { show([], ""); return; }
    const found = await pagefind.search(query || null, { filters: chosen });
    const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
    if (ticket === latest) show(data, `${found.results.length} article${found.results.length === 1 ? "" : "s"} found`);
  };
  form.addEventListener("input", run);
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  const initial = new URLSearchParams(location.search).get("q");
  if (initial) { form.elements.q.value = initial; run(); }
}

function fillSelect(select, counts) {
  for (const name of Object.keys(counts).sort()) {
    const option = document.createElement("option");
    option.value = name;
    option.textContent = `${name} (${counts[name]})`;
    select.append(option);
  }
}

function show(results, message) {
  status.textContent = message;
  list.replaceChildren(...results.map((result) => {
    const item = document.createElement("li");
    item.className = "story search-result";
    const heading = document.createElement("h2");
    heading.className = "story-title";
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    heading.append(link);
    const excerpt = document.createElement("p");
    excerpt.className = "summary";
    excerpt.textContent = result.excerpt.replace(/<[^>]*>/g, "");
    item.append(heading, excerpt);
    return item;
  }));
}

const ready = load();
ready.catch(() => {
  status.textContent = "Search is not available here: the index could not be loaded.";
});
start(ready);
