// Fetches a record's photos for its 会议记录 through the Bot API (getFile, then the file download).
// Never fails the document: what cannot be fetched in time, is too large or is not an image is counted
// as missing, and the 会议记录 says 【照片未能取回】.
import type { Api } from "grammy";
import { imageInfo } from "../../render/imageSize.js";

/** At most this many photos per record go into the document, each at most this large. */
export const PHOTOS_PER_RECORD = 4;
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

export interface FetchedPhotos {
  images: Uint8Array[];
  /** Photos tried (the first PHOTOS_PER_RECORD) that could not be put in the document. */
  missing: number;
}

async function fetchOne(api: Api, fileId: string): Promise<Uint8Array | null> {
  const file = await api.getFile(fileId);
  if (!file.file_path || (file.file_size ?? 0) > PHOTO_MAX_BYTES) return null;
  const root = api.options?.apiRoot ?? "https://api.telegram.org";
  const get = api.options?.fetch ?? fetch;
  const res = await get(`${root}/file/bot${api.token}/${file.file_path}`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) return null;
  const bytes = new Uint8Array(await res.arrayBuffer());
  return bytes.byteLength <= PHOTO_MAX_BYTES && imageInfo(bytes) ? bytes : null;
}

export async function fetchPhotos(api: Api, fileIds: readonly string[], onError: (error: unknown) => void): Promise<FetchedPhotos> {
  const tried = fileIds.slice(0, PHOTOS_PER_RECORD);
  const results = await Promise.all(
    tried.map((id) =>
      fetchOne(api, id).catch((error: unknown) => {
        onError(error);
        return null;
      }),
    ),
  );
  const images = results.filter((b): b is Uint8Array => b !== null);
  return { images, missing: tried.length - images.length };
}
