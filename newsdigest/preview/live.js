// The live preview's page script; `newsdigest serve` adds it to HTML responses as it sends them.
// __VERSION__ is replaced with the version of the site the page was sent from.
(() => {
  let version = "__VERSION__";
  const OVERLAY = "__newsdigest_overlay";
  function overlay(message) {
    let box = document.getElementById(OVERLAY);
    if (!message) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = OVERLAY;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;margin:0;padding:2rem;" +
        "overflow:auto;white-space:pre-wrap;background:rgba(24,24,24,.94);color:#f5f5f5;" +
        "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      (document.body || document.documentElement).appendChild(box);
    }
    box.textContent = "The last rebuild failed; this is the last good version of the page.\n\n" +
      message + "\n\nFix the file and save: this page updates by itself.";
  }
  function swapStyles(paths) {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (!paths.includes(url.pathname)) continue;
      url.searchParams.set("v", version);
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = fresh.onerror = () => link.remove();
      link.after(fresh);
    }
  }
  // On window so that a person (or a test) can see the connection's state from the console.
  const events = window.__newsdigest_events = new EventSource("/__newsdigest/events");
  const data = (e) => JSON.parse(e.data);
  events.addEventListener("hello", (e) => {
    const state = data(e);
    if (state.version !== version) location.reload();
    else overlay(state.error);
  });
  events.addEventListener("status", (e) => overlay(data(e).error));
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", (e) => { version = data(e).version; swapStyles(data(e).paths); });
})();
