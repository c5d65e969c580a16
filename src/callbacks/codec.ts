// Callback data shared by the bot (which handles the buttons) and the jobs (which send some).
import { z } from "zod";

const MAX_BYTES = 64;
/** Plain decimal digits only: "", "0x10", "1e1", " 7" and "+7" are refused (z.coerce accepted them). */
const id = z
  .string()
  .regex(/^(0|[1-9]\d{0,9})$/)
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .max(2 ** 31),
  );

/**
 * Typed callback data: `prefix:action:field1:field2…`, validated with zod on the way back in
 * (buttons can be crafted by any client). Fields are non-negative integers.
 */
export function callbackCodec<const A extends readonly [string, ...string[]], F extends readonly string[]>(
  prefix: string,
  actions: A,
  fields: F,
) {
  const schema = z.object({
    action: z.enum(actions),
    ...Object.fromEntries(fields.map((f) => [f, id])),
  }) as unknown as z.ZodType<{ action: A[number] } & { [K in F[number]]: number }>;
  type Data = { action: A[number] } & { [K in F[number]]: number };
  return {
    /** Matches every button of this feature (also crafted ones), for the handler's filter. */
    filter: new RegExp(`^${prefix}:`),
    pack(data: Data): string {
      const text = [prefix, data.action, ...fields.map((f) => String((data as Record<string, unknown>)[f]))].join(":");
      if (Buffer.byteLength(text) > MAX_BYTES) throw new Error(`callback data over ${MAX_BYTES} bytes: ${text}`);
      return text;
    },
    /** The data, or null when it is not well-formed. */
    parse(text: string | undefined): Data | null {
      if (!text || Buffer.byteLength(text) > MAX_BYTES) return null;
      const parts = text.split(":");
      if (parts[0] !== prefix || parts.length !== fields.length + 2) return null;
      const [, action, ...values] = parts;
      const raw: Record<string, string | undefined> = { action };
      fields.forEach((f, i) => (raw[f] = values[i]));
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
  };
}
