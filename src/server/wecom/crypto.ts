/**
 * WeCom's callback envelope (加解密方案): SHA1 msg_signature over token, timestamp, nonce and the
 * ciphertext; AES-256-CBC with the EncodingAESKey and the CorpID as receiver id (@wecom/crypto).
 */
import { timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

export interface CallbackKeys {
  token: string;
  aesKey: string;
  corpId: string;
}

export interface SignedQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function signatureOk(keys: CallbackKeys, q: SignedQuery, cipher: string): boolean {
  return sameText(getSignature(keys.token, q.timestamp, q.nonce, cipher), q.msg_signature.toLowerCase());
}

/** The plaintext, or undefined when it cannot be decrypted or is addressed to another corp. */
export function openCipher(keys: CallbackKeys, cipher: string): string | undefined {
  try {
    const { message, id } = decrypt(keys.aesKey, cipher);
    return id === keys.corpId ? message : undefined;
  } catch {
    return undefined;
  }
}

/** Encrypts and signs a message as WeCom does (used by the fake WeCom's member driver). */
export function seal(keys: CallbackKeys, message: string, timestamp: string, nonce: string): { cipher: string; signature: string } {
  const cipher = encrypt(keys.aesKey, message, keys.corpId);
  return { cipher, signature: getSignature(keys.token, timestamp, nonce, cipher) };
}

const escapeCdata = (s: string): string => s.replace(/]]>/g, "]]]]><![CDATA[>");

/** A flat WeCom XML document from fields (numbers plain, text in CDATA). */
export function toXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) => (typeof v === "number" ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${escapeCdata(v)}]]></${k}>`))
    .join("");
  return `<xml>${body}</xml>`;
}

const decodeEntities = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/**
 * The leaf elements of a WeCom XML document by name (WeCom's messages are flat; nested ones such as
 * SelectedItems are flattened, the first occurrence of a name wins).
 */
export function parseXml(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const leaf = /<([A-Za-z_][\w]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;
  for (const m of xml.matchAll(leaf)) {
    const name = m[1] ?? "";
    if (name in out) continue;
    out[name] = m[2] !== undefined ? m[2] : decodeEntities(m[3] ?? "");
  }
  return out;
}
