/** Bot API methods that carry files: sendDocument, sendPhoto, getFile. */
import { readReply, writableChat, type CallContext, type MethodHandler } from "./engine.js";
import { badRequest } from "../botapi/errors.js";
import { documentOf, photoOf, type FileKind } from "../botapi/files.js";
import { inlineOnly, readReplyMarkup } from "./markup.js";
import { chatId, optJson, optStr } from "../botapi/params.js";
import { checkCaption, formatText } from "../botapi/text.js";
import type { MessageEntity, StoredFile } from "../botapi/types.js";

const URL_TIMEOUT_MS = 10_000;

async function fromUrl(c: CallContext, url: string, kind: FileKind): Promise<StoredFile> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(URL_TIMEOUT_MS) });
    if (!res.ok) throw new Error(String(res.status));
    const bytes = Buffer.from(await res.arrayBuffer());
    const name = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "") || undefined;
    return c.engine.store.files.add(bytes, kind, name, res.headers.get("content-type") ?? undefined);
  } catch {
    throw badRequest("failed to get HTTP URL content");
  }
}

/** Resolves the file given in `field`: an upload (attach:// or the field itself), a file_id or a URL. */
async function inputFile(c: CallContext, field: string, kind: FileKind): Promise<StoredFile> {
  const { store } = c.engine;
  const value = c.params[field];
  let part = c.files.get(field);
  if (typeof value === "string" && value.startsWith("attach://")) {
    part = c.files.get(value.slice("attach://".length));
    if (!part) throw badRequest("wrong file identifier/HTTP URL specified");
  } else if (typeof value === "string" && value !== "") {
    if (/^https?:\/\//i.test(value)) return fromUrl(c, value, kind);
    const known = store.files.get(value);
    if (!known) throw badRequest("wrong file identifier/HTTP URL specified");
    const isPhoto = known.file_path.startsWith("photos/");
    if (kind === "photo" && !isPhoto) throw badRequest("can't use file of type Document as Photo");
    return known;
  }
  if (!part) throw badRequest(`there is no ${field} in the request`);
  if (part.bytes.length === 0) throw badRequest("file must be non-empty");
  return store.files.add(part.bytes, kind, part.filename, part.mimeType);
}

function sendFile(field: "document" | "photo"): MethodHandler {
  return async (c) => {
    const { store, flood } = c.engine;
    const p = c.params;
    const chat = writableChat(store, chatId(p));
    const { text: caption, entities } = formatText(
      optStr(p, "caption") ?? "", optStr(p, "parse_mode"), optJson<MessageEntity[]>(p, "caption_entities"),
    );
    checkCaption(caption);
    const markup = readReplyMarkup(p);
    const reply = readReply(chat, p);
    const file = await inputFile(c, field, field);
    flood.take(chat.id, chat.type === "group");
    const inline = inlineOnly(markup);
    delete chat.lastAction;
    return store.addMessage(chat, store.botUser(), {
      ...(reply ? { reply_to_message: reply } : {}),
      ...(field === "document" ? { document: documentOf(file) } : { photo: photoOf(file) }),
      ...(caption !== "" ? { caption } : {}),
      ...(caption !== "" && entities ? { caption_entities: entities } : {}),
      ...(inline ? { reply_markup: inline } : {}),
    }, markup).message;
  };
}

const getFile: MethodHandler = ({ engine, params }) => {
  const id = optStr(params, "file_id") ?? "";
  const file = engine.store.files.get(id);
  if (!file) throw badRequest("invalid file_id");
  return {
    file_id: file.file_id,
    file_unique_id: file.file_unique_id,
    file_size: file.bytes.length,
    file_path: file.file_path,
  };
};

export const fileMethods: Record<string, MethodHandler> = {
  sendDocument: sendFile("document"),
  sendPhoto: sendFile("photo"),
  getFile,
};
