// The launch board, kept current from the console's server-sent events. Every value is
// set as text (textContent), never as markup; links only for http(s) URLs.
"use strict";
(function () {
  const section = document.getElementById("board");
  if (!section || !window.EventSource) return;
  const source = new EventSource(section.dataset.events);

  function cell(row, text, className) {
    const td = document.createElement("td");
    if (text !== null && text !== undefined) {
      const span = document.createElement(className ? "span" : "bdi");
      if (className) span.className = className;
      span.textContent = text;
      td.appendChild(span);
    }
    row.appendChild(td);
    return td;
  }

  function draw(board) {
    document.getElementById("board-state").textContent = board.state;
    document.getElementById("board-spread").textContent =
      board.spread_ms === null ? "—" : board.spread_ms.toFixed(1) + " ms";
    document.getElementById("board-counts").textContent = Object.entries(board.counts)
      .filter(([, n]) => n > 0).map(([state, n]) => n + " " + state).join(", ");
    const body = document.getElementById("board-rows");
    body.replaceChildren();
    if (board.posts.length === 0) {
      const row = document.createElement("tr");
      const td = cell(row, "Nothing planned yet: the board fills in when the launch plans its posts.");
      td.colSpan = 5;
      td.className = "hint";
      body.appendChild(row);
    }
    let group = null;
    for (const post of board.posts) {
      if (post.group !== group) {  // a heading row: the alert, update N, the resolve's update
        group = post.group;
        const heading = document.createElement("tr");
        heading.className = "group";
        const th = document.createElement("th");
        th.colSpan = 5;
        th.textContent = group;
        heading.appendChild(th);
        body.appendChild(heading);
      }
      const row = document.createElement("tr");
      row.className = "post-" + post.state.replace(" ", "-");
      cell(row, post.agency);
      cell(row, post.handle + " (" + post.platform + ")");
      cell(row, post.posted_at ? post.kind + " " + post.posted_at : post.kind);
      cell(row, post.late ? post.state + " (late)" : post.state, "state");
      // As _posts.html draws it: a short link (the whole URL in href and title, never a
      // long URL that wraps inside its id), then the post's id whole, to copy.
      const detail = cell(row, null);
      const linked = post.url && /^https?:\/\//.test(post.url);
      if (linked) {
        const link = document.createElement("a");
        link.className = "post-link";
        link.href = post.url;
        link.title = post.url;
        link.rel = "noreferrer noopener";
        link.textContent = "post \u2197";
        detail.appendChild(link);
      }
      if (post.post_id) {
        if (detail.childNodes.length) detail.appendChild(document.createTextNode(" "));
        const id = document.createElement("code");
        id.className = "id";
        id.textContent = post.post_id;
        detail.appendChild(id);
      }
      if (post.error && !linked) {
        if (detail.childNodes.length) detail.appendChild(document.createTextNode(" "));
        const span = document.createElement("span");
        span.className = "error";
        span.textContent = post.error;
        detail.appendChild(span);
      }
      body.appendChild(row);
    }
  }

  source.addEventListener("board", (event) => draw(JSON.parse(event.data)));
  source.addEventListener("done", () => {
    source.close();
    document.getElementById("board-live").textContent = "· settled";
  });
})();
