// mp4drop's page: uploads with their own progress, and a view of the job store polled every 1.5 s.
// Plain JavaScript, no build step. Everything shown comes from /api/status and /api/jobs.
"use strict";

const POLL_MS = 1500;
let limits = { extensions: [], max_file_size: Infinity };

const $ = (id) => document.getElementById(id);

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null) {
      node.setAttribute(key, value);
    }
  }
  for (const child of children) {
    node.append(child);
  }
  return node;
}

function size(bytes) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return (unit === 0 ? value : value.toFixed(1)) + " " + units[unit];
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

// --- uploads ---

function upload(file) {
  const row = element("li", { class: "upload", "data-name": file.name },
      element("span", { class: "name" }, file.name), element("span", { class: "state" }, "waiting"),
      element("progress", { max: "100", value: "0" }));
  $("uploads").prepend(row);
  const state = row.querySelector(".state");
  const bar = row.querySelector("progress");
  const refuse = (message) => {
    row.classList.add("refused");
    state.textContent = message;
    bar.remove();
  };
  const dot = file.name.lastIndexOf(".");
  const extension = dot > 0 ? file.name.slice(dot + 1).toLowerCase() : "";
  if (!limits.extensions.includes(extension)) {
    refuse("not taken: the inbox takes " + limits.extensions.join(", "));
    return;
  }
  if (file.size > limits.max_file_size) {
    refuse("too large: at most " + size(limits.max_file_size));
    return;
  }
  const query = new URLSearchParams({ name: file.name, folder: $("folder").value.trim().replace(/^\/+|\/+$/g, "") });
  const request = new XMLHttpRequest();
  request.open("POST", "/api/upload?" + query);
  request.setRequestHeader("Content-Type", "application/octet-stream");
  request.setRequestHeader("X-Requested-With", "mp4drop");
  request.upload.onprogress = (event) => {
    if (event.lengthComputable) {
      const percent = Math.floor(100 * event.loaded / event.total);
      bar.value = percent;
      state.textContent = "sending " + percent + "%";
    }
  };
  request.onload = () => {
    let answer = {};
    try {
      answer = JSON.parse(request.responseText);
    } catch (notJson) {
      answer = {};
    }
    if (request.status === 201) {
      row.classList.add("stored");
      bar.value = 100;
      state.textContent = "in the inbox as " + answer.file;
      poll();
    } else {
      refuse(answer.error || "refused (" + request.status + ")");
    }
  };
  request.onerror = () => refuse("the upload broke off");
  state.textContent = "sending 0%";
  request.send(file);
}

function uploadAll(files) {
  for (const file of files) {
    upload(file);
  }
}

const drop = $("drop");
drop.addEventListener("dragover", (event) => {
  event.preventDefault();
  drop.classList.add("over");
});
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  uploadAll(event.dataTransfer.files);
});
$("picker").addEventListener("change", (event) => {
  uploadAll(event.target.files);
  event.target.value = "";
});

// --- the live view ---

function showStatus(status) {
  // null: no cap (mp4drop.max-file-size empty)
  limits = { ...status, max_file_size: status.max_file_size ?? Infinity };
  $("engine").textContent = status.engine;
  $("credits-box").hidden = status.credits === null;
  $("credits").textContent = status.credits === null ? "" : status.credits;
  $("batch-box").hidden = !status.next_batch;
  $("next-batch").textContent = when(status.next_batch);
  for (const [name, count] of Object.entries(status.counts)) {
    $("count-" + name).textContent = count;
  }
  $("limits").textContent = status.extensions.join(", ")
    + (status.max_file_size === null ? " · any size" : " · at most " + size(status.max_file_size) + " each");
  $("picker").accept = status.extensions.map((ext) => "." + ext).join(",");
  const list = $("folder-list");
  list.replaceChildren(...status.folders.map((folder) => element("option", { value: folder })));
}

function showInFlight(files) {
  $("in-flight-empty").hidden = files.length > 0;
  $("in-flight").replaceChildren(...files.map((file) => element("li", { "data-file": file.file, "data-phase": file.phase },
      element("span", { class: "name" }, file.file),
      element("span", { class: "state" }, [file.engine, file.phase].filter(Boolean).join(" · ")
          + (file.progress > 0 ? " " + file.progress + "%" : "")),
      element("progress", { max: "100", value: String(file.progress) }))));
}

// Finished videos keep their element between polls, so a video that is playing is never interrupted.
function showDone(videos) {
  $("done-empty").hidden = videos.length > 0;
  const list = $("done");
  const existing = new Map([...list.children].map((item) => [item.dataset.key, item]));
  const items = videos.map((video) => {
    const key = video.file + "|" + video.size + "|" + video.finished_at;
    return existing.get(key) || element("li", { class: "done", "data-file": video.file, "data-key": key },
        element("video", { controls: "", preload: "metadata", src: video.url }),
        element("div", { class: "meta" },
            element("span", { class: "name" }, video.file),
            element("a", { href: video.download, download: video.name }, "download " + size(video.size))));
  });
  items.forEach((item, index) => {
    if (list.children[index] !== item) {
      list.insertBefore(item, list.children[index] || null);
    }
  });
  while (list.children.length > items.length) {
    list.lastElementChild.remove();
  }
}

function showFailed(files) {
  $("failed-empty").hidden = files.length > 0;
  $("failed").replaceChildren(...files.map((file) => {
    const button = element("button", { class: "retry", type: "button" }, "Try again");
    button.addEventListener("click", () => retry(file.file, button));
    return element("li", { class: "failed", "data-file": file.file },
        element("span", { class: "name" }, file.file), button,
        element("p", { class: "reason" }, "failed at " + file.stage + " [" + file.code + "]: " + file.message),
        element("p", { class: "hint" }, file.hint || ""));
  }));
}

async function retry(file, button) {
  button.disabled = true;
  const response = await fetch("/api/retry?" + new URLSearchParams({ file }), { method: "POST", headers: { "X-Requested-With": "mp4drop" } });
  if (!response.ok) {
    const answer = await response.json().catch(() => ({}));
    button.disabled = false;
    alert(answer.error || "Could not try again (" + response.status + ")");
  }
  poll();
}

// a session that ended (another token, a restart with a new one) leads back to the login form
async function read(path) {
  const response = await fetch(path);
  if (response.status === 401) {
    location.reload();
  }
  if (!response.ok) {
    throw new Error(path + ": " + response.status);
  }
  return response.json();
}

let polling = false;
async function poll() {
  if (polling) {
    return;
  }
  polling = true;
  try {
    const [status, jobs] = await Promise.all([read("/api/status"), read("/api/jobs")]);
    showStatus(status);
    showInFlight(jobs.in_flight);
    showDone(jobs.done);
    showFailed(jobs.failed);
    $("offline").hidden = true;
  } catch (unreachable) {
    $("offline").hidden = false;
  } finally {
    polling = false;
  }
}

poll();
setInterval(poll, POLL_MS);
