// Telegram 沙盒 web chat. Plain browser JavaScript, no build step. Talks to /sandbox/api/*;
// live updates arrive as Server-Sent Events from /sandbox/api/events.
const $ = (id) => document.getElementById(id);
const state = { bot: null, users: [], chats: [], userId: null, chatId: null, view: null };
const saved = JSON.parse(localStorage.getItem("sandbox") || "{}");

async function api(path, body) {
  const res = await fetch(`/sandbox/api/${path}`, body === undefined ? {} : {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error || res.statusText);
  return data;
}

const esc = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
const remember = () => localStorage.setItem("sandbox", JSON.stringify({ userId: state.userId, chatId: state.chatId }));
const userName = (id) => state.users.find((u) => u.id === id)?.first_name ?? String(id);
const fmtSize = (n) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(1)} MB`);
const fmtTime = (d) => new Date(d * 1000).toLocaleTimeString("zh-CN", { hour: "2-digit", minute: "2-digit" });

function toast(text, alert) {
  if (alert) { $("modal-text").textContent = text; $("modal").hidden = false; return; }
  const t = $("toast");
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 2500);
}
const fail = (e) => toast(`出错了：${e.message}`);

function wrap(e, inner, text) {
  const part = text.slice(e.offset, e.offset + e.length);
  switch (e.type) {
    case "bold": return `<b>${inner}</b>`;
    case "italic": return `<i>${inner}</i>`;
    case "underline": return `<u>${inner}</u>`;
    case "strikethrough": return `<s>${inner}</s>`;
    case "code": case "pre": return `<code>${inner}</code>`;
    case "spoiler": return `<span class="spoiler">${inner}</span>`;
    case "text_link": return `<a href="${esc(e.url || "#")}" target="_blank" rel="noreferrer">${inner}</a>`;
    case "url": return `<a href="${esc(part)}" target="_blank" rel="noreferrer">${inner}</a>`;
    case "bot_command": return `<span class="cmd" data-cmd="${esc(part)}">${inner}</span>`;
    default: return inner;
  }
}

/** Text with Telegram entities rendered as HTML (offsets are UTF-16, like JavaScript strings). */
function renderText(text, entities) {
  if (!entities || entities.length === 0) return esc(text);
  const cuts = [...new Set([0, text.length, ...entities.flatMap((e) => [e.offset, e.offset + e.length])])].sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i < cuts.length - 1; i++) {
    const [s, t] = [cuts[i], cuts[i + 1]];
    let seg = esc(text.slice(s, t));
    for (const e of [...entities].reverse()) if (e.offset <= s && e.offset + e.length >= t) seg = wrap(e, seg, text);
    html += seg;
  }
  return html;
}

async function loadState() {
  const s = await api("state");
  Object.assign(state, { bot: s.bot, users: s.users, chats: s.chats });
  if (!state.users.some((u) => u.id === state.userId)) {
    state.userId = state.users.some((u) => u.id === saved.userId) ? saved.userId : state.users[0]?.id ?? null;
  }
  const mine = myChats();
  if (!mine.some((c) => c.id === state.chatId)) {
    state.chatId = mine.some((c) => c.id === saved.chatId) ? saved.chatId : mine[0]?.id ?? null;
  }
  remember();
  renderTop();
  renderSidebar();
  await loadChat();
}

const myChats = () => state.chats.filter((c) => (c.type === "private" ? c.id === state.userId : c.members.includes(state.userId)));

function renderTop() {
  const b = state.bot;
  $("bot-info").textContent = `机器人：${b.first_name}（@${b.username}）`;
  const pill = $("bot-status");
  pill.className = `pill ${b.mode === "webhook" ? "webhook" : b.online ? "online" : ""}`;
  pill.textContent = b.mode === "webhook" ? `Webhook · 待投递 ${b.pending}` : b.online ? "在线 · 长轮询" : `未连接 · 待取 ${b.pending}`;
}

function renderSidebar() {
  const sel = $("user-select");
  sel.innerHTML = state.users.length ? state.users.map((u) =>
    `<option value="${u.id}" ${u.id === state.userId ? "selected" : ""}>${esc(u.first_name)}（${u.id}）</option>`).join("")
    : `<option value="">（还没有用户）</option>`;
  $("new-user").open = state.users.length === 0;
  $("chat-list").innerHTML = myChats().map((c) => {
    const title = c.type === "private" ? "私聊 · 机器人" : c.title;
    const meta = c.type === "private" ? (c.blocked ? "已屏蔽机器人" : `ID ${c.id}`) : `${c.members.length} 名成员${c.botStatus === "member" || c.botStatus === "administrator" ? "" : " · 机器人不在群内"}`;
    return `<li class="chat-item ${c.id === state.chatId ? "active" : ""}" data-chat="${c.id}">
      <span class="avatar">${c.type === "private" ? "机" : "群"}</span><span><div>${esc(title)}</div><div class="meta">${esc(meta)}</div></span></li>`;
  }).join("");
  $("group-members").innerHTML = state.users.map((u) =>
    `<label class="check"><input type="checkbox" value="${u.id}" ${u.id === state.userId ? "checked" : ""}> ${esc(u.first_name)}</label>`).join("");
}

async function loadChat() {
  if (state.chatId === null || state.userId === null) { state.view = null; renderChat(); return; }
  try { state.view = await api(`chats/${state.chatId}?user=${state.userId}`); } catch { state.view = null; }
  renderChat();
}

function messageHtml(m, view) {
  if (m.service) return `<div class="service">${esc(m.service)}</div>`;
  const mine = m.from === "user" && m.sender.id === state.userId;
  const sender = m.from === "bot" ? state.bot.first_name : m.sender.name;
  const showSender = view.type === "group" && !mine;
  const quoted = m.reply_to !== undefined ? view.messages.find((x) => x.message_id === m.reply_to) : undefined;
  let body = "";
  if (quoted) body += `<div class="quote">${esc((quoted.text || "[附件]").slice(0, 60))}</div>`;
  if (m.photo) body += `<a href="${m.photo.href}" target="_blank"><img src="${m.photo.href}" alt="图片"></a>`;
  if (m.document) {
    body += `<div class="file"><span class="icon">${esc((m.document.file_name || "").split(".").pop().slice(0, 4).toUpperCase() || "文件")}</span><span><a href="${m.document.href}" download>${esc(m.document.file_name || "文件")}</a>
      <div class="size">${fmtSize(m.document.size)}</div></span></div>`;
  }
  if (m.text) body += `<div class="text">${renderText(m.text, m.entities)}</div>`;
  const edit = mine && m.message_id && !m.photo && !m.document ? `<span class="edit-link" data-edit="${m.message_id}">编辑</span>` : "";
  const kb = m.buttons.length ? `<div class="keyboard">${m.buttons.map((row) => `<div class="row">${row.map((b) =>
    `<button type="button" class="inline-btn ${b.url ? "url" : ""}" data-msg="${m.message_id}" ${b.callback_data !== undefined ? `data-data="${esc(b.callback_data)}"` : ""} ${b.url ? `data-url="${esc(b.url)}"` : ""}>${esc(b.text)}</button>`).join("")}</div>`).join("")}</div>` : "";
  return `<div class="msg ${mine ? "mine" : ""} ${m.from}" data-id="${m.message_id}">
    <div class="bubble">${showSender ? `<div class="sender">${esc(sender)}</div>` : ""}${body}
      <div class="stamp">${edit}${m.edited ? "已编辑 · " : ""}${fmtTime(m.date)}</div></div>${kb}</div>`;
}

function renderChat() {
  const v = state.view;
  const box = $("messages");
  const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 60;
  const chat = state.chats.find((c) => c.id === state.chatId);
  $("chat-title").textContent = !v ? "未选择会话" : v.type === "private" ? `${state.bot.first_name}` : chat?.title ?? "";
  $("chat-sub").textContent = !v ? "" : v.type === "private" ? `与 ${userName(state.userId)} 的私聊 · @${state.bot.username}`
    : `群组 · ${v.members.map(userName).join("、")}`;
  renderActions(v);
  if (!v) { box.innerHTML = `<div class="empty">${state.users.length ? "请选择一个会话。" : "请先在左侧添加一个用户。"}</div>`; }
  else if (v.messages.length === 0) box.innerHTML = `<div class="empty">还没有消息。发送 <b>/start</b> 开始对话。</div>`;
  else box.innerHTML = v.messages.map((m) => messageHtml(m, v)).join("");
  if (atBottom || renderChat.lastChat !== state.chatId) box.scrollTop = box.scrollHeight;
  renderChat.lastChat = state.chatId;
  $("typing").hidden = !v?.typing;
  const rk = $("reply-keyboard");
  rk.hidden = !v?.keyboard;
  rk.innerHTML = (v?.keyboard ?? []).map((row) => `<div class="row">${row.map((t) => `<button type="button" class="reply-btn">${esc(t)}</button>`).join("")}</div>`).join("");
  $("composer-input").placeholder = v?.placeholder || "输入消息，回车发送";
  const cmds = v?.commands ?? [];
  $("commands").innerHTML = cmds.length ? cmds.map((c) => `<div class="command-item" data-cmd="/${esc(c.command)}"><b>/${esc(c.command)}</b><span>${esc(c.description)}</span></div>`).join("")
    : `<div class="command-item"><span>机器人还没有设置命令菜单（setMyCommands）。</span></div>`;
  for (const el of [$("composer-input"), $("send-btn"), $("commands-btn"), $("file-input")]) el.disabled = !v;
}

function renderActions(v) {
  const box = $("chat-actions");
  if (!v) { box.innerHTML = ""; return; }
  if (v.type === "private") {
    box.innerHTML = `<button type="button" class="${v.blocked ? "ghost" : "danger"}" data-action="${v.blocked ? "unblock" : "block"}">${v.blocked ? "取消屏蔽" : "屏蔽机器人"}</button>`;
    return;
  }
  const inGroup = v.botStatus === "member" || v.botStatus === "administrator";
  const others = state.users.filter((u) => !v.members.includes(u.id));
  box.innerHTML = (others.length ? `<select id="invite-select"><option value="">邀请成员…</option>${others.map((u) => `<option value="${u.id}">${esc(u.first_name)}</option>`).join("")}</select>` : "")
    + `<button type="button" class="${inGroup ? "danger" : "ghost"}" data-action="${inGroup ? "remove-bot" : "add-bot"}">${inGroup ? "移除机器人" : "添加机器人"}</button>`;
}

const post = (action, body) => api(`chats/${state.chatId}/${action}`, { user: state.userId, ...body }).catch(fail);
const sendText = (text) => text.trim() && post("send", { text });

// ---- events ----
$("user-select").addEventListener("change", (e) => { state.userId = Number(e.target.value); state.chatId = state.userId; remember(); loadState(); });
$("chat-list").addEventListener("click", (e) => {
  const li = e.target.closest("[data-chat]");
  if (li) { state.chatId = Number(li.dataset.chat); remember(); renderSidebar(); loadChat(); }
});
$("new-user-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const f = Object.fromEntries(new FormData(e.target));
  try {
    const u = await api("users", f);
    Object.assign(state, { userId: u.id, chatId: u.id });
    remember();
    e.target.reset();
    $("new-user").open = false;
    await loadState();
  } catch (err) { fail(err); }
});
$("new-group-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const members = [...$("group-members").querySelectorAll("input:checked")].map((i) => Number(i.value));
  if (state.userId !== null && !members.includes(state.userId)) members.unshift(state.userId);
  members.sort((a, b) => (a === state.userId ? -1 : b === state.userId ? 1 : 0));
  try {
    const g = await api("groups", { title: e.target.title.value, members, withBot: e.target.withBot.checked });
    state.chatId = g.id;
    remember();
    e.target.reset();
    $("new-group").open = false;
    await loadState();
  } catch (err) { fail(err); }
});
$("composer").addEventListener("submit", (e) => {
  e.preventDefault();
  const input = $("composer-input");
  const text = input.value;
  input.value = "";
  $("commands").hidden = true;
  sendText(text);
});
$("commands-btn").addEventListener("click", () => { $("commands").hidden = !$("commands").hidden; });
$("commands").addEventListener("click", (e) => {
  const item = e.target.closest("[data-cmd]");
  if (item) { $("commands").hidden = true; sendText(item.dataset.cmd); }
});
$("reply-keyboard").addEventListener("click", (e) => { if (e.target.matches(".reply-btn")) sendText(e.target.textContent); });
$("messages").addEventListener("click", (e) => {
  const btn = e.target.closest(".inline-btn");
  if (btn?.dataset.url) { window.open(btn.dataset.url, "_blank"); return; }
  if (btn) { post("press", { message_id: Number(btn.dataset.msg), data: btn.dataset.data }); return; }
  const cmd = e.target.closest(".cmd");
  if (cmd) { sendText(cmd.dataset.cmd); return; }
  const edit = e.target.closest("[data-edit]");
  if (edit) {
    const old = state.view.messages.find((m) => m.message_id === Number(edit.dataset.edit));
    const text = prompt("编辑消息", old?.text ?? "");
    if (text && text !== old?.text) post("edit", { message_id: Number(edit.dataset.edit), text });
  }
});
$("chat-actions").addEventListener("click", (e) => {
  const a = e.target.closest("[data-action]")?.dataset.action;
  if (a === "block" || a === "unblock") api(`users/${state.userId}/block`, { blocked: a === "block" }).catch(fail);
  else if (a) post(a, {});
});
$("chat-actions").addEventListener("change", (e) => {
  if (e.target.id === "invite-select" && e.target.value) post("members", { member: Number(e.target.value) });
});
$("file-input").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const form = new FormData();
  form.append("file", file, file.name);
  const kind = file.type.startsWith("image/") ? "photo" : "document";
  const res = await fetch(`/sandbox/api/chats/${state.chatId}/upload?user=${state.userId}&kind=${kind}`, { method: "POST", body: form });
  if (!res.ok) fail(new Error((await res.json()).error));
  e.target.value = "";
});
$("reset-btn").addEventListener("click", () => { if (confirm("清空所有用户、群组、会话和消息？沙盒保存的状态也会一并清除（台账数据库不受影响）。")) api("reset", {}).catch(fail); });
$("modal-ok").addEventListener("click", () => { $("modal").hidden = true; });

// ---- live updates ----
let pending = null;
const schedule = (full) => {
  pending = pending === "full" || full ? "full" : "chat";
  clearTimeout(schedule.timer);
  schedule.timer = setTimeout(() => { const p = pending; pending = null; (p === "full" ? loadState() : loadChat()).catch(fail); }, 30);
};
const events = new EventSource("/sandbox/api/events");
events.onmessage = (msg) => {
  const e = JSON.parse(msg.data);
  if (e.type === "answer") { if (e.userId === state.userId && e.text) toast(e.text, e.show_alert); return; }
  if (e.type === "directory" || e.type === "reset" || e.type === "bot") { schedule(true); return; }
  if (e.chatId === state.chatId) {
    schedule(false);
    if (e.type === "action") setTimeout(() => schedule(false), 5100);
  }
};
events.onopen = () => schedule(true);
setInterval(() => schedule(true), 30_000); // the bot's online status
loadState().catch(fail);
